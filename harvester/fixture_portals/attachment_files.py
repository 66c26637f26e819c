"""The attachment files of the imitation decisions, rendered on demand: PDF (reportlab, with a
Unicode TTF font) and DOCX (python-docx) with annex product tables, and broken files (an
encrypted PDF, a scanned PDF with no text layer, a .docx that is an HTML page, 0 bytes, a
response announcing 200 MB, a damaged legacy .doc).

reportlab is a test dependency: without it PDFs cannot be rendered (``reportlab_missing`` says
why) and the sections answer 503 for them; its imports are therefore inside the renderers.
"""

from __future__ import annotations

import importlib.util
import io
from functools import cache
from pathlib import Path

import docx

from harvester.fixture_portals.decisions import FixtureDecision

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
HUGE_DECLARED_BYTES = 200 * 1024 * 1024


def reportlab_missing() -> str | None:
    """Why PDFs cannot be rendered here, or None."""
    if importlib.util.find_spec("reportlab") is None:
        return "reportlab is not installed (pip install reportlab, or the [test] extra)"
    return None


@cache
def _font() -> str:
    """A registered font name with Vietnamese glyphs (DejaVuSans, else reportlab's bundled Vera)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [d / "DejaVuSans.ttf" for d in FONT_DIRS]
    candidates.append(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")
    for path in candidates:
        if path.exists():
            pdfmetrics.registerFont(TTFont("FixtureUnicode", str(path)))
            return "FixtureUnicode"
    return "Helvetica"


def _body_lines(decision: FixtureDecision) -> list[str]:
    day = decision.issued
    return [
        f"{decision.issuing_body.upper()}",
        f"Số: {decision.number}",
        f"{decision.place}, ngày {int(day[8:10])} tháng {int(day[5:7])} năm {day[:4]}",
        decision.doc_type.upper(),
        decision.summary,
        "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ;",
        *decision.cites,
        "QUYẾT ĐỊNH:",
        decision.statement,
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        f"KT. CHỦ TỊCH - PHÓ CHỦ TỊCH {decision.signer}",
    ]


HEADER_TOP = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Địa chỉ", "Số điểm", "Hạng sao"]
HEADER_SUB = ["STT", "Tên sản phẩm", "Chủ thể", "Xã", "Huyện", "Số điểm", "Hạng sao"]


def render_pdf(decision: FixtureDecision) -> bytes:
    """The decision and its annex table as a PDF with a text layer."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _font()
    style = getSampleStyleSheet()["Normal"]
    style.fontName, style.fontSize, style.leading = font, 9, 11
    flow = [Paragraph(line, style) for line in _body_lines(decision) if line]
    if decision.sections:
        flow += [PageBreak(), Paragraph(f"PHỤ LỤC DANH SÁCH SẢN PHẨM (Kèm theo Quyết định số {decision.number})",
                                        style)]
        data = [[*HEADER_TOP[:3], "Địa chỉ", "", *HEADER_TOP[5:]], ["", "", "", "Xã", "Huyện", "", ""]]
        spans = [("SPAN", (3, 0), (4, 0))] + [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 5, 6)]
        number = 0
        for section in decision.sections:
            spans.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([section.heading] + [""] * 6)
            for product in section.products:
                number += 1
                data.append([str(number), Paragraph(product.name, style), Paragraph(product.owner, style),
                             product.commune, product.district, product.score, product.stars_text])
        table = Table(data, colWidths=[32, 190, 160, 80, 80, 55, 60], repeatRows=2)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("GRID", (0, 0), (-1, -1), 0.5, "black"), *spans]))
        flow.append(table)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title=decision.number).build(flow)
    return buf.getvalue()


def render_docx(decision: FixtureDecision) -> bytes:
    """The decision as DOCX: paragraphs, then the annex table with a merged two-row header."""
    document = docx.Document()
    for line in _body_lines(decision):
        if line:
            document.add_paragraph(line)
    if decision.sections:
        document.add_paragraph(f"PHỤ LỤC (Kèm theo Quyết định số {decision.number})")
        rows = 2 + sum(1 + len(s.products) for s in decision.sections)
        table = document.add_table(rows=rows, cols=7)
        for col, label in enumerate(HEADER_TOP):
            table.cell(0, col).text = label if col != 4 else ""
        table.cell(1, 3).text, table.cell(1, 4).text = "Xã", "Huyện"
        table.cell(0, 3).merge(table.cell(0, 4))
        for col in (0, 1, 2, 5, 6):
            table.cell(0, col).merge(table.cell(1, col))
        table.cell(0, 3).text = "Địa chỉ"
        row, number = 2, 0
        for section in decision.sections:
            merged = table.cell(row, 0).merge(table.cell(row, 6))
            merged.text = section.heading
            row += 1
            for product in section.products:
                number += 1
                values = [str(number), product.name, product.owner, product.commune, product.district,
                          product.score, product.stars_text]
                for col, value in enumerate(values):
                    table.cell(row, col).text = value
                row += 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def render_encrypted_pdf(decision: FixtureDecision) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt=StandardEncryption("mat-khau-rieng", ownerPassword="chu-so-huu"))
    pdf.setFont(_font(), 11)
    pdf.drawString(72, 760, f"Quyết định số {decision.number} (bản có mật khẩu)")
    pdf.save()
    return buf.getvalue()


def render_scanned_pdf(decision: FixtureDecision) -> bytes:
    """A PDF whose page is only an image of text (no text layer), like a scanned decision."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1240, 500), 255)
    draw = ImageDraw.Draw(image)
    font_path = next((d / "DejaVuSans.ttf" for d in FONT_DIRS if (d / "DejaVuSans.ttf").exists()), None)
    font = ImageFont.truetype(str(font_path), 34) if font_path else ImageFont.load_default()
    lines = ["QUYẾT ĐỊNH", f"Số: {decision.number}", "Công nhận 5 sản phẩm đạt OCOP năm 2021"]
    for n, line in enumerate(lines):
        draw.text((60, 60 + n * 90), line, fill=0, font=font)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawImage(ImageReader(image), 40, 400, width=520, height=210)
    pdf.save()
    return buf.getvalue()


FAKE_DOCX_HTML = ("<!DOCTYPE html><html><head><title>Phiên đăng nhập hết hạn</title></head><body>"
                  "<h1>Phiên đăng nhập đã hết hạn</h1><p>Vui lòng đăng nhập lại để tải tệp.</p></body></html>")

# An OLE2 compound-file signature followed by junk: what a damaged legacy Word file looks like.
LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482


def render_file(decision: FixtureDecision, file_format: str) -> tuple[str, bytes]:
    """(content type, bytes) of one attachment; raises RuntimeError when reportlab is missing."""
    needs_pdf = file_format in ("pdf", "encrypted", "scanned")
    if needs_pdf and reportlab_missing():
        raise RuntimeError(reportlab_missing())
    if file_format == "pdf":
        return "application/pdf", render_pdf(decision)
    if file_format == "encrypted":
        return "application/pdf", render_encrypted_pdf(decision)
    if file_format == "scanned":
        return "application/pdf", render_scanned_pdf(decision)
    if file_format == "docx":
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx(decision)
    if file_format == "html-docx":
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FAKE_DOCX_HTML.encode()
    if file_format == "empty":
        return "application/pdf", b""
    if file_format == "doc":
        return "application/msword", LEGACY_DOC
    if file_format == "huge":
        return "application/pdf", b"%PDF-1.4\n" + b"0" * 2048
    raise ValueError(f"unknown fixture file format {file_format!r}")
