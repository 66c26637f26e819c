"""The ``documents`` table: administrative documents, cited in texts or crawled from "Văn bản" pages.

Documents are keyed by ``(number_key, province)``. The province a document is filed under is
decided in one place, :func:`document_place`: numbers of national issuers (TTg, CP, TW,
ministries…) get none, so one Prime Minister's decision cited in 40 provinces is one row; a
local number (…/QĐ-UBND) belongs to the province of the body that issued it, as far as the
source tells. A decision crawled from a "Văn bản" section and the same number cited in news
articles meet in one row; ``documents.number_key`` is the key every reader joins on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from extractors.documents import issuer_of, normalize_number, number_key
from extractors.places import find_places
from extractors.places import province_2025 as unit_of
from harvester.clock import now_iso
from harvester.paths import data_file
from harvester.storage.core import (
    compress,
    ensure_portal,
    fetch_row,
    header,
    plain_headers,
    sha256_bytes,
    transaction,
)
from harvester.urls import canonicalize

Place = tuple[str | None, str | None]  # (pre-2025 province, 2025 unit)


@lru_cache(maxsize=1)
def national_issuers() -> frozenset[str]:
    """Issuer symbols whose documents belong to no province (TTg, CP, TW, ministries...)."""
    symbols = {"TTg", "CP", "QH", "UBTVQH", "VPCP", "TW", "BCĐTW", "BNN", "BNNPTNT", "BNNMT"}
    try:
        with open(data_file("issuers.csv"), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row.get("level") == "national" or row.get("symbol") == "TW":
                    symbols.add(row["symbol"])
    except (OSError, KeyError):
        pass
    return frozenset(symbols)


def document_place(db: Any, number: str, *, issuer: str | None = None, portal_id: str | None = None,
                   issuing_body: str | None = None, given: Place | None = None,
                   reported: Sequence[str] = ()) -> Place:
    """The province a document is filed under; every writer of ``documents`` asks here.

    National issuers: none. Otherwise, first that is known: the province printed in the issuing
    body ("UBND tỉnh Thái Nguyên" on a document page — portals list neighbours' documents too),
    the province the caller was told (``ingest-attachment --province``, the spider's portal), the
    first province the citing text reports on (a national paper citing Hà Giang's 515/QĐ-UBND
    files it under Hà Giang), and last the hosting portal's.
    """
    if (issuer or issuer_of(number)) in national_issuers():
        return None, None
    for place in find_places(issuing_body or ""):
        if place.province:
            return place.province, place.province_2025
    if given and given[0]:
        return given[0], given[1] or unit_of(given[0])
    if reported:
        return reported[0], unit_of(reported[0])
    return portal_place(db, portal_id)


def portal_place(db: Any, portal_id: str | None) -> Place:
    found = fetch_row(db, "SELECT province, province_2025 FROM portals WHERE id = ?", (portal_id,)) if portal_id else None
    return (found["province"], found["province_2025"]) if found else (None, None)


def upsert_document(db: Any, number: str, place: Place, *, portal_id: str | None = None,
                    fields: Mapping[str, Any] | None = None, own: bool = False) -> int:
    """The documents row for ``number`` in ``place`` (from :func:`document_place`), created on first sight.

    A citation (``own=False``) only fills fields still empty. The document's own page or file
    (``own=True``) overwrites them, and links mentions saved before the document was known.
    """
    number = normalize_number(number)
    key = number_key(number)
    values = {k: v for k, v in (fields or {}).items() if v not in (None, "")}
    values["issuer"] = values.get("issuer") or issuer_of(number)
    values = {k: v for k, v in values.items() if v is not None}
    province, province_2025 = place
    found = fetch_row(db, "SELECT id FROM documents WHERE number_key = ? AND province IS ?", (key, province))
    if found is None:
        row = {"number": number, "number_key": key, "province": province, "province_2025": province_2025,
               "portal_id": portal_id, **values}
        cursor = db.conn.execute(
            f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values()))
        document_id = int(cursor.lastrowid)
    else:
        document_id = int(found["id"])
        if own and portal_id:
            values["portal_id"] = portal_id
        if values:
            template = "{0} = ?" if own else "{0} = COALESCE({0}, ?)"
            sets = ", ".join(template.format(column) for column in values)
            db.conn.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*values.values(), document_id))
    if own:
        _link_mentions(db, document_id, key)
    return document_id


def _link_mentions(db: Any, document_id: int, key: str) -> None:
    """Point unlinked mentions of this number (saved before the document was known) at it."""
    db.conn.execute("UPDATE document_mentions SET document_id = ? WHERE document_id IS NULL AND number_key = ?",
                    (document_id, key))


def find_document(db: Any, number: str, province: str | None) -> int | None:
    """The stored document a citation of ``number`` in ``province`` means (a national one otherwise)."""
    found = fetch_row(db, "SELECT id FROM documents WHERE number_key = ? AND (province IS ? OR province IS NULL) "
                      "ORDER BY province IS NULL LIMIT 1", (number_key(number), province))
    return int(found["id"]) if found else None


def save_document(db: Any, item: Mapping[str, Any]) -> int:
    """Store a crawled document detail page (pages row + documents upsert); returns the documents id."""
    portal_id = item.get("portal_id")
    with transaction(db):
        ensure_portal(db, portal_id, item.get("family"), item.get("province"), item.get("province_2025"))
        number = str(item["number"])
        place = document_place(db, number, issuer=item.get("issuer"), portal_id=portal_id,
                               issuing_body=item.get("issuing_body"),
                               given=(item.get("province"), item.get("province_2025")))
        page_id = _write_page(db, item) if item.get("url") else None
        fields = {"type": item.get("type"), "issuer": item.get("issuer"), "issued": item.get("issued"),
                  "signer": item.get("signer"), "summary": item.get("summary"),
                  "issuing_body": item.get("issuing_body"), "url": item.get("url"), "page_id": page_id}
        document_id = upsert_document(db, number, place, portal_id=portal_id, fields=fields, own=True)
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


def _write_page(db: Any, item: Mapping[str, Any]) -> int:
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
        "kind": "document", "status": item.get("status"), "reason": None,
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


def prune_documents(db: Any) -> int:
    """Delete documents nothing refers to any more (no mention, figure, product, page or URL)."""
    with transaction(db):
        cursor = db.conn.execute(
            "DELETE FROM documents WHERE url IS NULL AND page_id IS NULL "
            "AND id NOT IN (SELECT document_id FROM document_mentions WHERE document_id IS NOT NULL) "
            "AND id NOT IN (SELECT document_id FROM figures WHERE document_id IS NOT NULL) "
            "AND id NOT IN (SELECT document_id FROM products WHERE document_id IS NOT NULL) "
            "AND id NOT IN (SELECT document_id FROM attachments WHERE document_id IS NOT NULL)"
        )
    return cursor.rowcount
