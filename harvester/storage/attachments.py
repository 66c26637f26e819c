"""The ``attachments`` and ``products`` tables: files of decisions and the rows of their annexes.

Reading a file and extracting from it happen before, in :mod:`harvester.ingest`; what arrives
here is an :class:`AttachmentRecord` (text, figures, citations, annex rows, stated count).
One transaction per attachment: its archived bytes, text, figures, mentions and products go in
together, and re-saving the same URL replaces what it produced. ``documents.stated_count`` (what
the decision says it recognises) and ``documents.annex_rows`` (rows found in its annex) are both
kept so that a mismatch is visible.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.annex import ProductRow
from extractors.documents import number_key
from extractors.records import DocumentRef, Figure
from harvester.clock import now_iso
from harvester.storage.articles import insert_figures, insert_mention
from harvester.storage.core import (
    compress,
    ensure_portal,
    fetch_row,
    header,
    plain_headers,
    sha256_bytes,
    transaction,
)
from harvester.storage.documents import document_place, find_document, upsert_document
from harvester.urls import canonicalize

# documents.annex_check from the decision's stated count and the rows found in its annex (also
# backfilled by harvester.schema on older files)
ANNEX_CHECK_SQL = ("CASE WHEN stated_count IS NULL OR annex_rows IS NULL THEN NULL "
                   "WHEN stated_count = annex_rows THEN 'match' ELSE 'mismatch' END")


@dataclass(frozen=True)
class AttachmentRecord:
    """What was read from one attachment; figure, citation and product offsets point into ``text``."""

    status: str  # ok | too-large | bad-type | encrypted | no-text-layer | empty | unsupported | error | fetch-failed
    reason: str | None = None
    file_type: str | None = None  # pdf | docx | doc | html | other
    text: str = ""
    method: str | None = None  # pypdf | pdfminer | docx | antiword | ocr | html
    pages: int | None = None
    stated_count: int | None = None  # "Công nhận N sản phẩm …" in the decision's own text
    figures: Sequence[Figure] = ()
    documents: Sequence[DocumentRef] = ()
    products: Sequence[ProductRow] = ()
    number: str | None = None  # the decision to file it under when the item names none (its heading)
    issued: str | None = None  # the signing date its heading prints


def save_attachment(db: Any, item: Mapping[str, Any], record: AttachmentRecord) -> int:
    """Store a downloaded (or refused) attachment with its text, figures, mentions and products.

    ``item``: {url, name, portal_id, document_id | document_url | document_number, province,
    status (HTTP), headers, body, fetched_at}.
    """
    body = item.get("body") or b""
    headers = plain_headers(item.get("headers"))
    url = canonicalize(str(item["url"]))
    portal_id = item.get("portal_id")
    with transaction(db):
        ensure_portal(db, portal_id, item.get("family"), item.get("province"), item.get("province_2025"))
        document = _document_for(db, item, record)
        values = {
            "url": url, "name": item.get("name"), "document_id": document["id"] if document else None,
            "article_id": item.get("article_id"), "portal_id": portal_id,
            "status": record.status, "reason": record.reason, "http_status": item.get("status"),
            "content_type": header(headers, "content-type"), "file_type": record.file_type,
            "size": len(body) if body else None,
            "sha256": sha256_bytes(body) if body else None,
            "body": compress(body) if body else None, "text": record.text or None,
            "text_method": record.method, "fetched_at": item.get("fetched_at") or now_iso(),
            "pages": record.pages, "stated_count": record.stated_count,
        }
        values = {k: v for k, v in values.items() if v is not None or k not in ("name", "document_id", "article_id")}
        columns, marks = ", ".join(values), ", ".join("?" for _ in values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "url")
        db.conn.execute(f"INSERT INTO attachments ({columns}) VALUES ({marks}) "
                        f"ON CONFLICT(url) DO UPDATE SET {updates}", tuple(values.values()))
        attachment_id = int(db.conn.execute("SELECT id FROM attachments WHERE url = ?", (url,)).fetchone()[0])
        if document is None:
            document = fetch_row(db, "SELECT d.* FROM documents d JOIN attachments a ON a.document_id = d.id "
                                 "WHERE a.id = ?", (attachment_id,))
        _replace_extraction(db, attachment_id, document, record, url)
        replace_products(db, attachment_id, record.products, document)
    return attachment_id


def _document_for(db: Any, item: Mapping[str, Any], record: AttachmentRecord) -> dict[str, Any] | None:
    if item.get("document_id"):
        return fetch_row(db, "SELECT * FROM documents WHERE id = ?", (item["document_id"],))
    if item.get("document_url"):
        found = fetch_row(db, "SELECT * FROM documents WHERE url = ? ORDER BY id LIMIT 1", (item["document_url"],))
        if found:
            return found
    number = item.get("document_number") or record.number
    if not number:
        return None
    place = document_place(db, str(number), portal_id=item.get("portal_id"),
                           given=(item.get("province"), item.get("province_2025")))
    document_id = upsert_document(db, str(number), place, portal_id=item.get("portal_id"),
                                  fields={"issued": record.issued}, own=True)
    return fetch_row(db, "SELECT * FROM documents WHERE id = ?", (document_id,))


def _replace_extraction(db: Any, attachment_id: int, document: Mapping[str, Any] | None,
                        record: AttachmentRecord, url: str) -> None:
    """The figures and citations of the attachment's text; citations link to documents already known."""
    db.conn.execute("DELETE FROM figures WHERE attachment_id = ?", (attachment_id,))
    db.conn.execute("DELETE FROM document_mentions WHERE attachment_id = ?", (attachment_id,))
    document_id = document["id"] if document else None
    insert_figures(db, record.figures, url=url, attachment_id=attachment_id, document_id=document_id)
    province = document["province"] if document else None
    for ref in record.documents:
        if document is not None and number_key(ref.number) == document["number_key"]:
            linked = document_id  # the decision citing itself ("Số: 1520/QĐ-UBND")
        else:
            linked = find_document(db, ref.number, province)
        insert_mention(db, ref, linked, attachment_id=attachment_id)


def replace_products(db: Any, attachment_id: int, rows: Sequence[ProductRow],
                     decision: Mapping[str, Any] | None) -> int:
    """Delete and re-insert the product rows of one attachment; update the decision's counts."""
    with transaction(db):
        attachment = fetch_row(db, "SELECT url FROM attachments WHERE id = ?", (attachment_id,)) or {}
        decision = decision or {}
        db.conn.execute("DELETE FROM products WHERE attachment_id = ?", (attachment_id,))
        issued = decision.get("issued")
        for row in rows:
            db.conn.execute(
                "INSERT INTO products (name, owner, district, commune, address, province, province_2025, score, "
                "stars, product_group, recertified, document_id, decision_number, decided, year, attachment_id, "
                "page_id, source_url, row_index, quote, start, end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.name, row.owner, row.district, row.commune, row.address,
                 decision.get("province"), decision.get("province_2025"), row.score, row.stars,
                 row.product_group, int(row.recertified), decision.get("id"),
                 decision.get("number"), issued, _year(issued), attachment_id,
                 decision.get("page_id"), attachment.get("url"), row.row_index, row.quote, row.start, row.end))
        if decision:
            update_counts(db, int(decision["id"]))
    return len(rows)


def update_counts(db: Any, document_id: int) -> None:
    """documents.stated_count from its first file that states one, annex_rows from its product rows,
    and whether the two agree (annex_check)."""
    stated = db.conn.execute("SELECT stated_count FROM attachments WHERE document_id = ? AND stated_count IS NOT NULL "
                             "ORDER BY id LIMIT 1", (document_id,)).fetchone()
    # One annex can come as both PDF and DOCX: count the fullest copy, not the sum.
    rows = db.conn.execute("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM products WHERE document_id = ? "
                           "GROUP BY attachment_id)", (document_id,)).fetchone()[0]
    db.conn.execute("UPDATE documents SET stated_count = COALESCE(?, stated_count), annex_rows = ? WHERE id = ?",
                    (stated[0] if stated else None, rows, document_id))
    db.conn.execute(f"UPDATE documents SET annex_check = {ANNEX_CHECK_SQL} WHERE id = ?", (document_id,))


def _year(issued: str | None) -> int | None:
    return int(issued[:4]) if issued and re.match(r"\d{4}", issued) else None
