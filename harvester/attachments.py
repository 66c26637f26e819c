"""Attachments (PDF, DOCX, DOC) of decisions: what to download, what the bytes are, their text.

Pure library functions, usable without Scrapy (the documents spider, `harvester ingest-attachment`
and the tests call the same code). Nothing here raises: every failure becomes a status with a
human-readable reason, because one broken file on a portal must never stop a crawl.

Statuses (stored in ``attachments.status``):

``ok``             text extracted
``too-large``      refused before reading the body (Content-Length above the limit) or cut off
``bad-type``       the bytes are not a document file (an HTML page, a video...); text kept if any
``encrypted``      a PDF that needs a password (the empty password was tried)
``no-text-layer``  a PDF of scanned images; the text is OCR output when tesseract could read it
``empty``          0 bytes
``unsupported``    a legacy format with no reader installed (``antiword`` for .doc)
``error``          corrupt or unreadable; the reason carries the exception message
``fetch-failed``   (set by the spider) the server answered an error status or nothing at all
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extractors.annex import html_tables, row_text

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
# Below this many non-space characters per page a PDF is treated as scanned images.
MIN_CHARS_PER_PAGE = 20
OCR_MAX_PAGES = 30
OCR_TIMEOUT_SECONDS = 300

# Content types that are never a decision text; refused before the body is read.
_REFUSED_TYPES = ("video/", "audio/", "font/")


@dataclass
class AttachmentText:
    """What could be read from one attachment."""

    status: str
    reason: str | None = None
    text: str = ""
    method: str | None = None  # pypdf | pdfminer | python-docx | antiword | ocr | html
    pages: int | None = None
    # DOCX/HTML tables as grids of cell texts (merged cells repeated), in document order.
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _header(headers: Mapping | None, name: str) -> str | None:
    """Case-insensitive header lookup that also accepts Scrapy's bytes headers."""
    if not headers:
        return None
    for key, value in headers.items():
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() == name.lower():
            if isinstance(value, list | tuple):
                value = value[0] if value else None
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            return value
    return None


def check_response(headers: Mapping | None, declared_size: int | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """Why an attachment response must not be read, judged from its headers alone; None = read it.

    Called before the body arrives (Scrapy's ``headers_received`` signal), so a 200 MB
    Content-Length is refused without downloading 200 MB. The reason starts with the status.
    """
    size = declared_size
    if size is None:
        raw = _header(headers, "Content-Length")
        if raw is not None:
            try:
                size = int(str(raw).strip())
            except ValueError:
                size = None
    if size is not None and size > max_bytes:
        return f"too-large: Content-Length {size} bytes is over the {max_bytes}-byte limit"
    content_type = (_header(headers, "Content-Type") or "").lower()
    if content_type.startswith(_REFUSED_TYPES):
        return f"bad-type: Content-Type {content_type} is not a document"
    return None


def status_of(reason: str) -> str:
    """The status word a reason from :func:`check_response` starts with."""
    return reason.split(":", 1)[0].strip()


def sniff_type(body: bytes, content_type: str | None = None, url: str | None = None) -> str:
    """``pdf``, ``docx``, ``doc``, ``html`` or ``other``, from the bytes (not the extension).

    Portals often serve an HTML error or login page under a ``.docx`` name; the magic bytes
    tell the truth. ``content_type`` and ``url`` only break ties for text formats.
    """
    if not body:
        return "other"
    head = body[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2 compound file: Word 97-2003 (or another Office binary)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "other"
        return "docx" if "word/document.xml" in names else "other"
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in body[:4096].lower():
        return "html"
    if text_head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    if b"<html" in text_head or b"<body" in text_head:
        return "html"
    return "other"


def extract_text(body: bytes, file_type: str) -> AttachmentText:
    """The text of an attachment; never raises (failures come back as a status and reason)."""
    if not body:
        return AttachmentText("empty", "the file has 0 bytes")
    try:
        if file_type == "pdf":
            return _pdf_text(body)
        if file_type == "docx":
            return _docx_text(body)
        if file_type == "doc":
            return _doc_text(body)
        if file_type == "html":
            return _html_text(body)
        return AttachmentText("bad-type", f"not a PDF, DOCX or DOC file (starts with {body[:8]!r})")
    except Exception as exc:  # any reader may fail on a corrupt file; record it, never crash
        return AttachmentText("error", f"{type(exc).__name__}: {exc}")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\x00", "")
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


# --- PDF ---------------------------------------------------------------------------------

def _pdf_text(body: bytes) -> AttachmentText:
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
    except (PdfReadError, ValueError, OSError) as exc:
        return AttachmentText("error", f"unreadable PDF: {exc}")
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # missing crypto backend, unknown algorithm
            return AttachmentText("encrypted", f"encrypted PDF that could not be opened: {exc}")
        if not opened:
            return AttachmentText("encrypted", "encrypted PDF: the empty password was refused")
    try:
        page_count = len(reader.pages)
        # Layout mode keeps the columns of annex tables aligned; the annex parser needs that.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        text = _clean("\n\f\n".join(pages).replace("\f\n\f", "\f"))
        method = "pypdf"
    except FileNotDecryptedError as exc:
        return AttachmentText("encrypted", f"encrypted PDF: {exc}")
    except Exception as exc:
        log.info("pypdf failed (%s); trying pdfminer", exc)
        page_count, text, method = None, "", "pypdf"
    if _too_little_text(text, page_count):
        miner = _pdfminer_text(body)
        if miner and not _too_little_text(miner, page_count):
            text, method = miner, "pdfminer"
    if _too_little_text(text, page_count):
        return _ocr_or_flag(body, page_count)
    return AttachmentText("ok", None, text, method, page_count)


def _too_little_text(text: str, pages: int | None) -> bool:
    visible = len(re.sub(r"\s", "", text))
    return visible < MIN_CHARS_PER_PAGE * max(1, pages or 1)


def _pdfminer_text(body: bytes) -> str:
    try:
        from pdfminer.high_level import extract_text as miner_extract
        from pdfminer.layout import LAParams

        return _clean(miner_extract(io.BytesIO(body), laparams=LAParams(line_margin=0.3)))
    except Exception as exc:
        log.info("pdfminer failed: %s", exc)
        return ""


def ocr_available() -> str | None:
    """Why OCR cannot run here, or None when tesseract, its Vietnamese model and pdftoppm exist."""
    if not shutil.which("tesseract"):
        return "tesseract is not installed"
    if not shutil.which("pdftoppm"):
        return "pdftoppm (poppler-utils) is not installed"
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                               timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run: {exc}"
    if "vie" not in langs:
        return "tesseract's Vietnamese model (vie.traineddata) is not installed"
    return None


def _ocr_or_flag(body: bytes, pages: int | None) -> AttachmentText:
    flag = "no text layer (scanned images)"
    missing = ocr_available()
    if missing:
        return AttachmentText("no-text-layer", f"{flag}; OCR skipped: {missing}", "", None, pages)
    try:
        text = _ocr_pdf(body)
    except (OSError, subprocess.SubprocessError) as exc:
        return AttachmentText("no-text-layer", f"{flag}; OCR failed: {exc}", "", None, pages)
    if not text.strip():
        return AttachmentText("no-text-layer", f"{flag}; OCR found no text", "", "ocr", pages)
    return AttachmentText("no-text-layer", f"{flag}; text recognised by tesseract (vie)", text, "ocr", pages)


def _ocr_pdf(body: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(body)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-l", str(OCR_MAX_PAGES), str(pdf),
                        str(Path(tmp) / "page")], check=True, capture_output=True, timeout=OCR_TIMEOUT_SECONDS)
        texts = []
        for image in sorted(Path(tmp).glob("page*.png")):
            # psm 6: a single uniform block keeps table rows on one line each.
            done = subprocess.run(["tesseract", str(image), "stdout", "-l", "vie", "--psm", "6"],
                                  check=True, capture_output=True, timeout=OCR_TIMEOUT_SECONDS)
            texts.append(done.stdout.decode("utf-8", "replace"))
        return _clean("\n\f\n".join(texts))


# --- DOCX --------------------------------------------------------------------------------

def _docx_text(body: bytes) -> AttachmentText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(body))
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    # Walk the body in document order so paragraphs and tables interleave as printed.
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            grid = _docx_grid(Table(block, document))
            tables.append(grid)
            lines.extend(row_text(row) for row in grid)
    text = _clean("\n".join(lines))
    if not text.strip():
        return AttachmentText("empty", "the DOCX has no text", "", "python-docx", None, tables)
    return AttachmentText("ok", None, text, "python-docx", None, tables)


def _docx_grid(table) -> list[list[str]]:
    grid = []
    for row in table.rows:
        try:
            cells = row.cells  # merged cells are repeated, which keeps the columns aligned
        except (IndexError, ValueError):
            cells = []
        grid.append([" ".join(cell.text.split()) for cell in cells])
    return grid


# --- DOC, HTML ---------------------------------------------------------------------------

def _doc_text(body: bytes) -> AttachmentText:
    if not shutil.which("antiword"):
        return AttachmentText("unsupported", "legacy Word .doc: antiword is not installed")
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(body)
        handle.flush()
        try:
            done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", handle.name],
                                  capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            return AttachmentText("error", f"antiword failed: {exc}")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        return AttachmentText("error", f"antiword: {message}", method="antiword")
    text = _clean(done.stdout.decode("utf-8", "replace"))
    if not text.strip():
        return AttachmentText("empty", "the .doc has no text", "", "antiword")
    return AttachmentText("ok", None, text, "antiword")


def _html_text(body: bytes) -> AttachmentText:
    from lxml import html as lxml_html

    try:
        from extractors.text import decode_bytes

        markup = decode_bytes(body).text
    except ImportError:
        markup = body.decode("utf-8", "replace")
    if not markup.strip():
        return AttachmentText("empty", "an HTML page with no content", "", "html")
    tree = lxml_html.fromstring(markup)
    for junk in tree.xpath("//script|//style"):
        junk.drop_tree()
    tables = html_tables(tree)
    # Tables become " | "-joined lines (as for DOCX) so annex quotes are found in the text.
    for table, grid in zip(tree.xpath("//table"), tables, strict=False):
        block = lxml_html.Element("pre")
        block.text = "\n" + "\n".join(row_text(row) for row in grid) + "\n"
        block.tail = table.tail
        table.getparent().replace(table, block)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    text = _clean(re.sub(r"\n\s*\n+", "\n", tree.text_content()))
    return AttachmentText("bad-type", "an HTML page, not a document file", text, "html", None, tables)


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "section"}
