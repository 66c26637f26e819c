"""The write path for documents, their attachments and the products of their annexes.

Like :mod:`harvester.storage.articles` (which owns article rows), every public writer commits in one
transaction: a document page with its ``pages`` row and its ``documents`` upsert; an attachment
with its archived bytes, its extracted text, the figures and document mentions found in that
text, and the annex product rows. Re-saving the same item replaces what it produced.

Documents are keyed by ``(number_key, province)``; numbers of national issuers (TTg, CP, TW...)
get province NULL, as article mentions do in harvester.storage.articles, so a decision crawled from a
"Văn bản" section and the same number cited in news articles meet in one row.
``documents.stated_count`` (what the decision says it recognises) and ``documents.annex_rows``
(rows found in its annex) are both kept so that a mismatch is visible (`harvester documents`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from extractors.annex import ProductRow, products_from_docx_tables, products_from_pdf_text, stated_count
from extractors.documents import issuer_of, normalize_number, number_key
from extractors.pipeline import extract
from extractors.places import find_places
from extractors.places import province_2025 as unit_of
from harvester.attachments import AttachmentText, extract_text, sniff_type, status_of
from harvester.clock import now_iso
from harvester.errors import HarvesterError
from harvester.storage.articles import national_issuers
from harvester.storage.core import (
    compress,
    fetch_row,
    header,
    plain_headers,
    sha256_bytes,
    transaction,
)
from harvester.urls import canonicalize


def _portal_place(db: Any, portal_id: str | None) -> tuple[str | None, str | None]:
    row = fetch_row(db, "SELECT province, province_2025 FROM portals WHERE id = ?", (portal_id,)) if portal_id else None
    return (row["province"], row["province_2025"]) if row else (None, None)


def _document_place(db: Any, portal_id: str | None, item: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The issuing body's province ("UBND tỉnh Thái Nguyên"), else the item's, else the portal's.

    Portals list other bodies' documents too (a neighbour's decision, a joint plan), so the
    province printed in "Cơ quan ban hành" outranks the portal that happens to host the page.
    """
    for place in find_places(str(item.get("issuing_body") or "")):
        if place.province:
            return place.province, place.province_2025
    if item.get("province"):
        return item["province"], item.get("province_2025")
    return _portal_place(db, portal_id)


def _ensure_portal(db: Any, portal_id: str | None, item: Mapping[str, Any]) -> None:
    if portal_id:
        db.conn.execute(
            "INSERT OR IGNORE INTO portals (id, family, province, province_2025, updated_at) VALUES (?, ?, ?, ?, ?)",
            (portal_id, item.get("family") or "generic", item.get("province"), item.get("province_2025"), now_iso()))



def _write_page(db: Any, item: Mapping[str, Any], kind: str) -> int:
    """The ``pages`` row (archive + seen mark) of a document detail page."""
    url = canonicalize(str(item.get("url") or ""))
    body = item.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = plain_headers(item.get("headers"))
    fetched = item.get("fetched_at") or now_iso()
    digest = sha256_bytes(body)
    old = fetch_row(db, "SELECT sha256, first_fetched_at, changed_at FROM pages WHERE url = ?", (url,))
    first = (old and old["first_fetched_at"]) or fetched
    changed = old["changed_at"] if old and old["sha256"] == digest and old["changed_at"] else fetched
    values = {
        "url": url, "final_url": item.get("final_url") or item.get("url"), "portal_id": item.get("portal_id"),
        "kind": kind, "status": item.get("status"), "reason": None,
        "content_type": header(headers, "content-type"),
        "headers": json.dumps(headers, ensure_ascii=False, sort_keys=True),
        "body": compress(body), "body_size": len(body), "sha256": digest,
        "etag": header(headers, "etag"), "last_modified": header(headers, "last-modified"),
        "fetched_at": fetched, "first_fetched_at": first, "changed_at": changed,
    }
    columns, marks = ", ".join(values), ", ".join("?" for _ in values)
    updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "url")
    db.conn.execute(f"INSERT INTO pages ({columns}) VALUES ({marks}) ON CONFLICT(url) DO UPDATE SET {updates}",
                    tuple(values.values()))
    return int(db.conn.execute("SELECT id FROM pages WHERE url = ?", (url,)).fetchone()[0])


# --- documents ---------------------------------------------------------------------------

def upsert_document(db: Any, number: str, *, portal_id: str | None = None, province: str | None = None,
                    province_2025: str | None = None, fields: Mapping[str, Any] | None = None) -> int:
    """The documents row for ``number`` in ``province``; given fields overwrite, missing ones stay."""
    number = normalize_number(number)
    key = number_key(number)
    fields = {k: v for k, v in (fields or {}).items() if v not in (None, "")}
    issuer = fields.pop("issuer", None) or issuer_of(number)
    if issuer in national_issuers():
        province = province_2025 = None
    found = fetch_row(db, "SELECT id FROM documents WHERE number_key = ? AND province IS ?", (key, province))
    values = {"issuer": issuer, "portal_id": portal_id, **fields}
    values = {k: v for k, v in values.items() if v is not None}
    if found:
        if values:
            sets = ", ".join(f"{k} = ?" for k in values)
            db.conn.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*values.values(), found["id"]))
        document_id = int(found["id"])
    else:
        row = {"number": number, "number_key": key, "province": province, "province_2025": province_2025, **values}
        cursor = db.conn.execute(
            f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values()))
        document_id = int(cursor.lastrowid)
    _link_mentions(db, document_id, key)
    return document_id


def _link_mentions(db: Any, document_id: int, key: str) -> None:
    """Point unlinked mentions of this number (saved before the document was known) at it."""
    digits = re.match(r"\d+", key)
    pattern = f"{digits.group()}%" if digits else "%"
    for mention_id, number in db.conn.execute(
            "SELECT id, number FROM document_mentions WHERE document_id IS NULL AND number LIKE ?", (pattern,)):
        if number_key(number) == key:
            db.conn.execute("UPDATE document_mentions SET document_id = ? WHERE id = ?", (document_id, mention_id))


def save_document(db: Any, item: Mapping[str, Any]) -> int:
    """Store a crawled document detail page; returns the documents row id."""
    portal_id = item.get("portal_id")
    with transaction(db):
        _ensure_portal(db, portal_id, item)
        province, province_2025 = _document_place(db, portal_id, item)
        page_id = _write_page(db, item, "document") if item.get("url") else None
        fields = {"type": item.get("type"), "issuer": item.get("issuer"), "issued": item.get("issued"),
                  "signer": item.get("signer"), "summary": item.get("summary"),
                  "issuing_body": item.get("issuing_body"), "url": item.get("url"), "page_id": page_id}
        document_id = upsert_document(db, str(item["number"]), portal_id=portal_id, province=province,
                                      province_2025=province_2025, fields=fields)
        for attachment in item.get("attachments") or []:
            url = canonicalize(str(attachment.get("url") or ""))
            if not url:
                continue
            db.conn.execute(
                "INSERT INTO attachments (url, name, document_id, portal_id, status) VALUES (?, ?, ?, ?, 'pending') "
                "ON CONFLICT(url) DO UPDATE SET document_id = COALESCE(attachments.document_id, excluded.document_id),"
                " name = COALESCE(attachments.name, excluded.name)",
                (url, attachment.get("name"), document_id, portal_id))
    return document_id


# --- attachments -------------------------------------------------------------------------

def read_attachment(body: bytes, *, headers: Mapping[str, Any] | None = None, url: str | None = None,
                    refused: str | None = None) -> tuple[str | None, AttachmentText]:
    """(file type, text result) of downloaded bytes, or of a download refused with ``refused``."""
    if refused:
        return None, AttachmentText(status_of(refused), refused)
    file_type = sniff_type(body, header(plain_headers(headers), "content-type"), url)
    return file_type, extract_text(body, file_type)


def save_attachment(db: Any, item: Mapping[str, Any], text_result: AttachmentText | None = None) -> int:
    """Store a downloaded (or refused) attachment with its text, figures, mentions and products.

    ``item``: {url, name, portal_id, document_id | document_url | document_number, status (HTTP),
    headers, body, fetched_at, reason (set when the download was refused or failed)}.
    """
    body = item.get("body") or b""
    headers = plain_headers(item.get("headers"))
    file_type = item.get("file_type")
    if text_result is None:
        file_type, text_result = read_attachment(body, headers=headers, url=item.get("url"),
                                                 refused=item.get("reason"))
    elif file_type is None and body:
        file_type = sniff_type(body, header(headers, "content-type"), item.get("url"))
    url = canonicalize(str(item["url"]))
    portal_id = item.get("portal_id")
    with transaction(db):
        _ensure_portal(db, portal_id, item)
        document = _document_for(db, item, text_result.text)
        values = {
            "url": url, "name": item.get("name"), "document_id": document["id"] if document else None,
            "article_id": item.get("article_id"), "portal_id": portal_id,
            "status": text_result.status, "reason": text_result.reason, "http_status": item.get("status"),
            "content_type": header(headers, "content-type"), "file_type": file_type,
            "size": len(body) if body else None,
            "sha256": sha256_bytes(body) if body else None,
            "body": compress(body) if body else None, "text": text_result.text or None,
            "text_method": text_result.method, "fetched_at": item.get("fetched_at") or now_iso(),
            "pages": text_result.pages,
        }
        values = {k: v for k, v in values.items() if v is not None or k not in ("name", "document_id", "article_id")}
        columns, marks = ", ".join(values), ", ".join("?" for _ in values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "url")
        db.conn.execute(f"INSERT INTO attachments ({columns}) VALUES ({marks}) "
                        f"ON CONFLICT(url) DO UPDATE SET {updates}", tuple(values.values()))
        attachment_id = int(db.conn.execute("SELECT id FROM attachments WHERE url = ?", (url,)).fetchone()[0])
        if document is None:
            document = _document_of_attachment(db, attachment_id)
        _replace_extraction(db, attachment_id, document, text_result.text, url)
        rows = annex_rows(text_result, file_type)
        replace_products(db, attachment_id, rows, document)
    return attachment_id


def _document_for(db: Any, item: Mapping[str, Any], text: str) -> dict[str, Any] | None:
    if item.get("document_id"):
        return fetch_row(db, "SELECT * FROM documents WHERE id = ?", (item["document_id"],))
    if item.get("document_url"):
        found = fetch_row(db, "SELECT * FROM documents WHERE url = ? ORDER BY id LIMIT 1", (item["document_url"],))
        if found:
            return found
    number = item.get("document_number")
    if not number and text and item.get("number_from_text"):
        number = number_in_text(text)
    if number:
        province, province_2025 = _portal_place(db, item.get("portal_id"))
        province = item.get("province") or province
        province_2025 = item.get("province_2025") or province_2025
        fields = {"issued": issued_in_text(text)} if item.get("number_from_text") else {}
        document_id = upsert_document(db, str(number), portal_id=item.get("portal_id"), province=province,
                                      province_2025=province_2025, fields=fields)
        return fetch_row(db, "SELECT * FROM documents WHERE id = ?", (document_id,))
    return None


def _document_of_attachment(db: Any, attachment_id: int) -> dict[str, Any] | None:
    return fetch_row(db, "SELECT d.* FROM documents d JOIN attachments a ON a.document_id = d.id WHERE a.id = ?",
                (attachment_id,))


_OWN_NUMBER = re.compile(r"(?im)^\s*Số\s*(?:hiệu)?\s*:\s*([0-9]+\s*/\s*[^\s,;]+)")


def number_in_text(text: str) -> str | None:
    """The decision's own number from its heading line ("Số: 1520/QĐ-UBND")."""
    match = _OWN_NUMBER.search(text or "")
    return match.group(1) if match else None


_SIGNED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def issued_in_text(text: str | None) -> str | None:
    """The signing date from the decision's heading ("…, ngày 5 tháng 9 năm 2024"), first 1500 chars."""
    match = _SIGNED.search((text or "")[:1500])
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def annex_rows(result: AttachmentText, file_type: str | None) -> list[ProductRow]:
    """Product rows of an attachment's annex, from its tables (DOCX/HTML) or its layout text."""
    if result.tables:
        rows = products_from_docx_tables(result.tables)
        if rows:
            return locate_quotes(result.text, rows)
    if result.text:
        return products_from_pdf_text(result.text)
    return []


def locate_quotes(text: str, rows: list[ProductRow]) -> list[ProductRow]:
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


def replace_products(db: Any, attachment_id: int, rows: list[ProductRow],
                     decision: Mapping[str, Any] | None) -> int:
    """Delete and re-insert the product rows of one attachment; update the decision's counts."""
    with transaction(db):
        attachment = fetch_row(db, "SELECT url FROM attachments WHERE id = ?", (attachment_id,)) or {}
        page_id = (decision or {}).get("page_id")
        db.conn.execute("DELETE FROM products WHERE attachment_id = ?", (attachment_id,))
        issued = (decision or {}).get("issued")
        for row in rows:
            db.conn.execute(
                "INSERT INTO products (name, owner, district, commune, address, province, province_2025, score, "
                "stars, product_group, recertified, document_id, decision_number, decided, year, attachment_id, "
                "page_id, source_url, row_index, quote, start, end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.name, row.owner, row.district, row.commune, row.address,
                 (decision or {}).get("province"), (decision or {}).get("province_2025"), row.score, row.stars,
                 row.product_group, int(row.recertified), (decision or {}).get("id"),
                 (decision or {}).get("number"), issued, _year(issued), attachment_id,
                 page_id, attachment.get("url"), row.row_index, row.quote, row.start, row.end))
        if decision:
            update_counts(db, int(decision["id"]))
    return len(rows)


def update_counts(db: Any, document_id: int) -> None:
    """documents.stated_count from the decision's own text, annex_rows from its product rows."""
    stated = None
    for (text,) in db.conn.execute("SELECT text FROM attachments WHERE document_id = ? AND text IS NOT NULL "
                                   "ORDER BY id", (document_id,)):
        found = stated_count(text)
        if found:
            stated = found.count
            break
    # One annex can come as both PDF and DOCX: count the fullest copy, not the sum.
    rows = db.conn.execute("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM products WHERE document_id = ? "
                           "GROUP BY attachment_id)", (document_id,)).fetchone()[0]
    db.conn.execute("UPDATE documents SET stated_count = COALESCE(?, stated_count), annex_rows = ? WHERE id = ?",
                    (stated, rows, document_id))


def _year(issued: str | None) -> int | None:
    return int(issued[:4]) if issued and re.match(r"\d{4}", issued) else None


# --- figures and mentions in attachment text ---------------------------------------------

def _replace_extraction(db: Any, attachment_id: int, document: Mapping[str, Any] | None, text: str | None,
                        url: str) -> None:
    db.conn.execute("DELETE FROM figures WHERE attachment_id = ?", (attachment_id,))
    db.conn.execute("DELETE FROM document_mentions WHERE attachment_id = ?", (attachment_id,))
    if not text:
        return
    extraction = extract(text)
    # extract() works on whitespace-normalised text; map its offsets back to the stored text.
    spans = _offset_map(text, extraction.text)
    document_id = document["id"] if document else None
    for fig in extraction.figures:
        start, end = _span(spans, fig.start, fig.end)
        db.conn.execute(
            "INSERT INTO figures (attachment_id, document_id, count, stars, status, year, as_of, place, province, "
            "province_2025, quote, start, end, sentence, url, basis) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (attachment_id, document_id, fig.count, fig.stars, fig.status, fig.year, fig.as_of, fig.place,
             fig.province, fig.province_2025, text[start:end], start, end, fig.sentence, url,
             fig.basis))
    own_key = document["number_key"] if document else None
    for ref in extraction.documents:
        start, end = _span(spans, ref.start, ref.end)
        key = number_key(ref.number)
        linked = document_id if key == own_key else _find_document(db, key, document)
        db.conn.execute(
            "INSERT INTO document_mentions (attachment_id, document_id, number, type, issued, quote, start, end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (attachment_id, linked, ref.number, ref.type, ref.issued, text[start:end], start, end))


def _find_document(db: Any, key: str, document: Mapping[str, Any] | None) -> int | None:
    province = document.get("province") if document else None
    found = fetch_row(db, "SELECT id FROM documents WHERE number_key = ? AND (province IS ? OR province IS NULL) "
                     "ORDER BY province IS NULL LIMIT 1", (key, province))
    return int(found["id"]) if found else None


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


def ingest_file(db: Any, path: Any, *, decision: str | None = None, province: str | None = None,
                portal_id: str | None = None) -> int:
    """Load a local PDF/DOCX/DOC as an attachment (``file://`` URL), linked to ``decision`` when given.

    Without ``decision`` the number printed in the file's heading ("Số: 1520/QĐ-UBND") is used.
    """
    path = Path(path)
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise HarvesterError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    province_2025 = unit_of(province) if province else None
    item = {"url": path.resolve().as_uri(), "name": path.name, "body": body, "status": None,
            "portal_id": portal_id, "document_number": decision, "number_from_text": True,
            "province": province, "province_2025": province_2025, "fetched_at": now_iso()}
    return save_attachment(db, item)
