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
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import IO

from lxml import etree
from lxml import html as lxml_html

from extractors.annex import html_tables, row_text
from extractors.text import decode_bytes
from harvester.pdf_reader import clean_text, read_pdf_bounded

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 25 * 1024 * 1024

# Content types that are never a decision text; refused before the body is read.
_REFUSED_TYPES = ("video/", "audio/", "font/")


@dataclass(frozen=True)
class Limits:
    """What one attachment may cost. Over a limit it is recorded ``too-large`` with a reason.

    The body is capped before download (``max_bytes``); a DOCX is a ZIP whose members are
    checked against their declared sizes and read as streams, so a few hundred KB that inflate
    to gigabytes are refused, not inflated. A PDF is read in a child process limited in memory
    and time (``harvester/pdf_reader.py``): its compressed streams cannot be checked beforehand.
    Pages and text beyond the caps are not read: the text kept is the beginning of the document.
    """

    max_bytes: int = DEFAULT_MAX_BYTES  # the file as downloaded
    max_member_bytes: int = 32 * 1024 * 1024  # one ZIP member, inflated (word/document.xml)
    max_total_bytes: int = 128 * 1024 * 1024  # all ZIP members, inflated
    max_pages: int = 500  # PDF pages read
    max_text_chars: int = 1_000_000  # extracted text kept (~300 pages of a decision)
    max_html_bytes: int = 2 * 1024 * 1024  # an HTML page served instead of a file
    max_pdf_memory: int = 256 * 1024 * 1024  # address space of the PDF reader and of each OCR tool it runs
    max_pdf_seconds: float = 300.0  # wall-clock time of the PDF reader, OCR of up to 30 pages included


LIMITS = Limits()


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


def extract_text(body: bytes, file_type: str, limits: Limits = LIMITS) -> AttachmentText:
    """The text of an attachment, within ``limits``; never raises (failures come back as a status)."""
    if not body:
        return AttachmentText("empty", "the file has 0 bytes")
    if len(body) > limits.max_bytes:
        return AttachmentText("too-large", f"the file is {len(body)} bytes, over the {limits.max_bytes}-byte limit")
    try:
        if file_type == "pdf":
            result = _pdf_text(body, limits)
        elif file_type == "docx":
            result = _docx_text(body, limits)
        elif file_type == "doc":
            result = _doc_text(body)
        elif file_type == "html":
            result = _html_text(body, limits)
        else:
            return AttachmentText("bad-type", f"not a PDF, DOCX or DOC file (starts with {body[:8]!r})")
    except Exception as exc:  # any reader may fail on a corrupt file; record it, never crash
        return AttachmentText("error", f"{type(exc).__name__}: {exc}")
    return _cap_text(result, limits.max_text_chars)


def _cap_text(result: AttachmentText, max_chars: int) -> AttachmentText:
    """Keep the first ``max_chars`` characters of a longer text, and say so."""
    if len(result.text) <= max_chars:
        return result
    reason = f"text longer than {max_chars} characters; the first {max_chars} kept"
    if result.status == "too-large" and result.reason:
        reason = result.reason
    return replace(result, status="too-large", reason=reason, text=result.text[:max_chars])


# --- PDF ---------------------------------------------------------------------------------

def _pdf_text(body: bytes, limits: Limits) -> AttachmentText:
    """Read in a child process within the memory and time limits (``harvester/pdf_reader.py``)."""
    answer = read_pdf_bounded(body, max_pages=limits.max_pages, max_text_chars=limits.max_text_chars,
                              max_memory=limits.max_pdf_memory, max_seconds=limits.max_pdf_seconds)
    return AttachmentText(**answer)


# --- DOCX --------------------------------------------------------------------------------
# A DOCX is a ZIP; its text is word/document.xml. The member is checked against the limits by
# its declared size (zipfile never inflates past it: a member that lies fails its CRC), then
# parsed as a stream, one body paragraph or table at a time, each freed once read.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX_TEXT_PART = "word/document.xml"


def zip_over_limits(archive: zipfile.ZipFile, limits: Limits, member: str) -> str | None:
    """Why this ZIP must not be inflated (a member or the total over its limit), or None."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    for info in infos:
        if info.filename == member and info.file_size > limits.max_member_bytes:
            return (f"{member} inflates to {info.file_size} bytes, over the {limits.max_member_bytes}-byte "
                    f"limit for one member (a ZIP bomb or an enormous document)")
    if total > limits.max_total_bytes:
        return (f"the ZIP's {len(infos)} members inflate to {total} bytes, over the {limits.max_total_bytes}-byte "
                "limit (a ZIP bomb or an enormous document)")
    return None


class _Capped(io.RawIOBase):
    """A member stream that refuses to yield more than ``limit`` bytes, whatever its header said."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream, self.left = stream, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self.stream.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise OverflowError("a ZIP member inflates past its limit")
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def _docx_text(body: bytes, limits: Limits) -> AttachmentText:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        if DOCX_TEXT_PART not in archive.namelist():
            return AttachmentText("error", f"a ZIP without {DOCX_TEXT_PART}: not a Word document")
        refused = zip_over_limits(archive, limits, DOCX_TEXT_PART)
        if refused:
            return AttachmentText("too-large", refused, "", "docx")
        with archive.open(DOCX_TEXT_PART) as member:
            stream = io.BufferedReader(_Capped(member, limits.max_member_bytes))
            lines, tables, cut = _docx_blocks(stream, limits.max_text_chars)
    text = clean_text("\n".join(lines))
    if cut:
        return AttachmentText("too-large", cut, text, "docx", None, tables)
    if not text.strip():
        return AttachmentText("empty", "the DOCX has no text", "", "docx", None, tables)
    return AttachmentText("ok", None, text, "docx", None, tables)


def _docx_blocks(stream: IO[bytes], max_chars: int) -> tuple[list[str], list[list[list[str]]], str | None]:
    """Body paragraphs and tables in document order (tables also as ``cell | cell`` lines)."""
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    length = 0
    body = f"{_W}body"
    events = etree.iterparse(stream, events=("end",), tag=(f"{_W}p", f"{_W}tbl"),
                             resolve_entities=False, no_network=True, huge_tree=False)
    for _, element in events:
        parent = element.getparent()
        if parent is None or parent.tag != body:
            continue  # a paragraph inside a table cell: read with its table
        if element.tag == f"{_W}p":
            new = [_paragraph_text(element)]
        else:
            tables.append(_table_grid(element))
            new = [row_text(row) for row in tables[-1]]
        lines.extend(new)
        length += sum(len(line) + 1 for line in new)
        element.clear()
        while element.getprevious() is not None:  # what was read is freed as the parse goes on
            del parent[0]
        if length > max_chars:
            return lines, tables, f"text longer than {max_chars} characters; the first {max_chars} kept"
    return lines, tables, None


_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _paragraph_text(p: etree._Element) -> str:
    """What python-docx's ``Paragraph.text`` gives: runs and hyperlinked runs, tabs and breaks."""
    out = []
    for run in p.iterchildren(f"{_W}r", f"{_W}hyperlink"):
        for r in ([run] if run.tag == f"{_W}r" else run.iterchildren(f"{_W}r")):
            for child in r:
                if child.tag == f"{_W}t":
                    out.append(child.text or "")
                elif child.tag == f"{_W}br":
                    out.append("\n" if child.get(f"{_W}type") in (None, "textWrapping") else "")
                else:
                    out.append(_RUN_TEXT.get(child.tag, ""))
    return "".join(out)


def _table_grid(table: etree._Element) -> list[list[str]]:
    """Rows of cell texts; a merged cell is repeated in every grid column and row it covers."""
    grid: list[list[str]] = []
    above: dict[int, str] = {}  # grid column -> text of the cell there in the previous row
    for tr in table.iterchildren(f"{_W}tr"):
        row: list[str] = []
        here: dict[int, str] = {}
        column = int(_val(tr.find(f"{_W}trPr/{_W}gridBefore")) or 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            span = int(_val(tc.find(f"{_W}tcPr/{_W}gridSpan")) or 1)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and _val(merge) in (None, "continue"):
                text = above.get(column, "")
            else:
                text = " ".join("\n".join(_paragraph_text(p) for p in tc.iterchildren(f"{_W}p")).split())
            for offset in range(span):
                here[column + offset] = text
                row.append(text)
            column += span
        grid.append(row)
        above = here
    return grid


def _val(element: etree._Element | None) -> str | None:
    return element.get(f"{_W}val") if element is not None else None


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
    text = clean_text(done.stdout.decode("utf-8", "replace"))
    if not text.strip():
        return AttachmentText("empty", "the .doc has no text", "", "antiword")
    return AttachmentText("ok", None, text, "antiword")


def _html_text(body: bytes, limits: Limits) -> AttachmentText:
    reason = "an HTML page, not a document file"
    if len(body) > limits.max_html_bytes:
        body, reason = body[: limits.max_html_bytes], f"{reason} (only its first {limits.max_html_bytes} bytes read)"
    markup = decode_bytes(body).text
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
    text = clean_text(re.sub(r"\n\s*\n+", "\n", tree.text_content()))
    return AttachmentText("bad-type", reason, text, "html", None, tables)


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "section"}
