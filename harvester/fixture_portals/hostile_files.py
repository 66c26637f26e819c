"""Hostile attachment files for the bounds tests and ``benchmarks/bounds.py``: small files that
inflate to gigabytes. Built with the standard library only, streamed so that building one never
holds what it inflates to (the PDF's one content stream excepted: it is compressed in one call)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, paragraphs: list[str], repeat: int = 1) -> Path:
    """A minimal DOCX whose body is ``paragraphs`` written ``repeat`` times, streamed into the ZIP."""
    chunk = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(repeat):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return path


def pdf_bomb(inflated_mb: int, pages: int = 1) -> bytes:
    """A valid PDF of ``pages`` pages, each drawing one word and then ``inflated_mb`` MB of spaces
    compressed into about a thousandth of that (deflate packs runs of one byte about 1000:1)."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (OCOP) Tj ET\n" + b" " * (inflated_mb * 1024 * 1024), 9)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    font = 3 + 2 * pages
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content
                       + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return pdf + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
