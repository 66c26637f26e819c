"""The one way fetched bytes become rows: pages (normalize → dedupe → extract → save) and attachments
(read → extract → save).

The Scrapy pipelines (``pipelines/*.py``) each call one step below; ``harvester reextract``
calls :func:`ingest_page` and :func:`ingest_attachment`, which run all steps. So a page or a
file archived last year and one fetched tonight go through exactly the same code. Storage
(:mod:`harvester.storage`) only stores the records made here.

Page steps take and return the item as a plain dict, adding keys prefixed ``_`` (``_main``,
``_encoding``, ``_ocop``, ``_canonical_url``, ``_text_sha256``, ``_extraction``). The extractor is
a parameter (``extractor=``, the signature of :func:`extractors.extract`) so that a replay can
run another one.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from extractors import extract
from extractors.annex import ProductRow, products_from_docx_tables, products_from_pdf_text, stated_count
from extractors.html import main_text
from extractors.records import Extraction, MainText
from extractors.text import decode_bytes, is_ocop_relevant
from harvester import storage
from harvester.attachments import LIMITS, AttachmentText, Limits, extract_text, sniff_type, status_of
from harvester.clock import now_iso
from harvester.errors import HarvesterError
from harvester.storage.core import header, plain_headers
from harvester.urls import canonicalize

Extractor = Callable[..., Extraction]

log = logging.getLogger(__name__)



def as_dict(item: Any) -> dict[str, Any]:
    """A plain dict copy of a Scrapy item / dataclass / mapping."""
    if isinstance(item, dict):
        return dict(item)
    return ItemAdapter(item).asdict()


# --- the four steps -----------------------------------------------------------------------------


def normalize_step(item: Any) -> dict[str, Any]:
    """Decode the body and find the main text (article items only)."""
    item = as_dict(item)
    if item.get("kind", "article") != "article":
        return item
    body = item.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    decoded = decode_bytes(body, item.get("encoding"))
    html, encoding = decoded.text, decoded.encoding
    url = item.get("final_url") or item.get("url")
    try:
        main = main_text(html, url=url, family=item.get("family"))
    except Exception as exc:  # an extractor bug must not stop the crawl; the page is kept
        log.warning("main_text failed on %s: %s", url, exc)
        main = MainText(title=None, text="")
    item["_main"], item["_encoding"], item["_decoding"] = main, encoding, decoded.problem
    item["_ocop"] = is_ocop_relevant(main.title, main.text)  # the body decides, not the listed title
    return item


def dedupe_step(item: dict[str, Any]) -> dict[str, Any]:
    """Canonical URL and main-text hash; the store links syndicated copies by this hash."""
    if item.get("kind", "article") != "article":
        return item
    item["_canonical_url"] = canonicalize(str(item.get("final_url") or item.get("url") or ""))
    main = item.get("_main")
    item["_text_sha256"] = storage.sha256_text(main.text if main else "")
    return item


def extract_step(item: dict[str, Any], extractor: Extractor = extract) -> dict[str, Any]:
    """Figures, documents, date and provinces from the main text."""
    if item.get("kind", "article") != "article":
        return item
    main: MainText = item.get("_main") or MainText(title=None, text="")
    url = item.get("final_url") or item.get("url")
    # the main text's date from the markup and its truncation, as extract_html passes them (so that a
    # crawl stores what `harvester extract` prints), to an extractor that takes them
    page = {"published": main.published, "truncated": main.truncated} if _takes_page_keywords(extractor) else {}
    try:
        item["_extraction"] = extractor(main.text, title=main.title,
                                        date_line=main.date_line or item.get("listing_date"), url=url, **page)
    except Exception as exc:  # keep the page and the text; figures can be rebuilt by reextract
        log.warning("extract failed on %s: %s", url, exc)
        item["_extraction"] = Extraction(text=main.text, title=main.title)
    return item


def _takes_page_keywords(extractor: Extractor) -> bool:
    """Whether ``extractor`` names ``published`` and ``truncated`` (extract does; a replay's stand-in
    with the older signature is called without them)."""
    try:
        params = inspect.signature(extractor).parameters
    except (TypeError, ValueError):
        return False
    return "published" in params and "truncated" in params


def save_step(db: Any, item: dict[str, Any], *, force: bool = False) -> storage.ArticleResult:
    """Write the item through the store, in one transaction."""
    kind = item.get("kind", "article")
    url = str(item.get("url") or "")
    if kind == "fault":
        return storage.save_fault(db, item)
    if kind == "unchanged":
        stored = storage.save_unchanged(db, url, item.get("fetched_at"))
        return storage.ArticleResult("unchanged" if stored else "skipped", canonicalize(url))
    if kind != "article":
        return storage.ArticleResult("skipped", canonicalize(url))
    main = item.get("_main")
    extraction = item.get("_extraction") or Extraction(text=main.text if main else "")
    ocop = bool(item.get("_ocop")) or _portal_is_ocop_site(db, item.get("portal_id"))
    if not ocop and not _article_exists(db, item.get("_canonical_url") or canonicalize(url)):
        return storage.save_other(db, item, main, encoding=item.get("_encoding"))
    record = {**item, "ocop": ocop}
    return storage.save_article(db, record, main, extraction, force=force, encoding=item.get("_encoding"))


def ingest_page(db: Any, item: Any, *, force: bool = False, extractor: Extractor = extract) -> storage.ArticleResult:
    """normalize → dedupe → extract → save, without Scrapy (used by reextract and tests)."""
    prepared = extract_step(dedupe_step(normalize_step(item)), extractor)
    return save_step(db, prepared, force=force)


def _portal_is_ocop_site(db: Any, portal_id: str | None) -> bool:
    """Dedicated OCOP sites: every page is relevant, whatever its words."""
    if not portal_id:
        return False
    row = db.conn.execute("SELECT site_kind FROM portals WHERE id = ?", (portal_id,)).fetchone()
    return bool(row and row[0] and "ocop" in str(row[0]).lower())


def _article_exists(db: Any, url: str) -> bool:
    """An article already stored stays an article when a refetch no longer says OCOP."""
    return db.conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None


# --- attachments: read → extract → save ---------------------------------------------------------


def read_attachment(item: Mapping[str, Any], limits: Limits = LIMITS) -> tuple[str | None, AttachmentText]:
    """(file type, text) of an attachment item's bytes, or the refusal its ``reason`` carries."""
    refused = item.get("reason")
    if refused:
        return None, AttachmentText(status_of(str(refused)), str(refused))
    body = item.get("body") or b""
    file_type = sniff_type(body, header(plain_headers(item.get("headers")), "content-type"), item.get("url"))
    return file_type, extract_text(body, file_type, limits)


def attachment_record(item: Mapping[str, Any], file_type: str | None, result: AttachmentText,
                      extractor: Extractor = extract) -> storage.AttachmentRecord:
    """Everything stored for one attachment: its text and what the extractors find in it."""
    text = result.text
    extraction = _attachment_extraction(text, extractor, item.get("url"))
    from_text = bool(item.get("number_from_text"))
    stated = stated_count(text) if text else None
    return storage.AttachmentRecord(
        status=result.status, reason=result.reason, file_type=file_type, text=text, method=result.method,
        pages=result.pages, stated_count=stated.count if stated else None,
        figures=extraction.figures, documents=extraction.documents, products=annex_rows(result),
        number=number_in_text(text) if from_text else None, issued=issued_in_text(text) if from_text else None,
    )


def ingest_attachment(db: Any, item: Any, text_result: AttachmentText | None = None, *,
                      extractor: Extractor = extract, limits: Limits = LIMITS) -> int:
    """read → extract → save one attachment item (or its given text); returns the attachments id."""
    item = as_dict(item)
    return storage.save_attachment(db, item, prepare_attachment(item, text_result, extractor=extractor,
                                                                limits=limits))


def prepare_attachment(item: Mapping[str, Any], text_result: AttachmentText | None = None, *,
                       extractor: Extractor = extract, limits: Limits = LIMITS) -> storage.AttachmentRecord:
    """read → extract one attachment item (or its given text), without touching the database: a crawl
    runs this in a thread and saves the record on its own."""
    file_type = item.get("file_type")
    if text_result is None:
        file_type, text_result = read_attachment(item, limits)
    elif file_type is None and item.get("body"):
        file_type = sniff_type(item["body"], header(plain_headers(item.get("headers")), "content-type"), item.get("url"))
    return attachment_record(item, file_type, text_result, extractor)


def ingest_file(db: Any, path: Any, *, decision: str | None = None, province: str | None = None,
                portal_id: str | None = None, extractor: Extractor = extract, limits: Limits = LIMITS) -> int:
    """Load a local PDF/DOCX/DOC as an attachment (``file://`` URL), linked to ``decision`` when given.

    Without ``decision`` the number printed in the file's heading ("Số: 1520/QĐ-UBND") is used.
    A file over ``limits.max_bytes`` is recorded ``too-large`` without being read.
    """
    path = Path(path)
    item: dict[str, Any] = {
        "url": path.resolve().as_uri(), "name": path.name, "status": None, "portal_id": portal_id,
        "document_number": decision, "number_from_text": True, "province": province, "fetched_at": now_iso()}
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            item.update(body=b"", reason=f"too-large: the file is {size} bytes, over the {limits.max_bytes}-byte limit")
        else:
            item["body"] = path.read_bytes()
    except OSError as exc:
        raise HarvesterError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    return ingest_attachment(db, item, extractor=extractor, limits=limits)


def _attachment_extraction(text: str, extractor: Extractor, url: str | None) -> Extraction:
    """Figures and citations of an attachment, their offsets mapped back into ``text`` as stored."""
    if not text:
        return Extraction(text="")
    try:
        found = extractor(text)
    except Exception as exc:  # keep the file and its text; figures can be rebuilt by reextract
        log.warning("extract failed on attachment %s: %s", url, exc)
        return Extraction(text=text)
    # The extractors work on whitespace-normalised text; the stored text keeps the file's layout.
    spans = _offset_map(text, found.text)

    def moved(record: Any) -> Any:
        start, end = _span(spans, record.start, record.end)
        return replace(record, quote=text[start:end], start=start, end=end)

    return replace(found, text=text, figures=[moved(f) for f in found.figures],
                   documents=[moved(d) for d in found.documents])


def _offset_map(original: str, normalised: str) -> list[int]:
    """For each character of ``normalised``, its index in ``original`` (whitespace runs collapsed)."""
    out: list[int] = []
    i = 0
    for ch in normalised:
        while i < len(original) and original[i] != ch and (original[i].isspace() or not ch.isspace()):
            i += 1
        out.append(min(i, len(original) - 1) if original else 0)
        if i < len(original) and (original[i] == ch or ch.isspace()):
            i += 1
    return out


def _span(spans: list[int], start: int, end: int) -> tuple[int, int]:
    if not spans:
        return start, end
    start = spans[min(start, len(spans) - 1)]
    end = spans[min(max(end - 1, 0), len(spans) - 1)] + 1
    return start, max(start, end)


def annex_rows(result: AttachmentText) -> list[ProductRow]:
    """Product rows of an attachment's annex, from its tables (DOCX/HTML) or its layout text."""
    if result.tables:
        rows = products_from_docx_tables(result.tables)
        if rows:
            return _locate_quotes(result.text, rows)
    if result.text:
        return products_from_pdf_text(result.text)
    return []


def _locate_quotes(text: str, rows: list[ProductRow]) -> list[ProductRow]:
    """Offsets of each row's quote in the text, searching forward so repeated rows stay in order."""
    out, position = [], 0
    for row in rows:
        at = text.find(row.quote, position) if row.quote else -1
        if at < 0:
            out.append(row)
            continue
        out.append(replace(row, start=at, end=at + len(row.quote)))
        position = at + len(row.quote)
    return out


_OWN_NUMBER = re.compile(r"(?im)^\s*Số\s*(?:hiệu)?\s*:\s*([0-9]+\s*/\s*[^\s,;]+)")
_SIGNED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def number_in_text(text: str) -> str | None:
    """The decision's own number from its heading line ("Số: 1520/QĐ-UBND")."""
    match = _OWN_NUMBER.search(text or "")
    return match.group(1) if match else None


def issued_in_text(text: str | None) -> str | None:
    """The signing date from the decision's heading ("…, ngày 5 tháng 9 năm 2024"), first 1500 chars."""
    match = _SIGNED.search((text or "")[:1500])
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
