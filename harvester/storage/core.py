"""What every writer of the storage package shares: the transaction, row helpers, archive codecs.

Every public writer of :mod:`harvester.storage` commits in **one transaction** (``BEGIN
IMMEDIATE``): the archived page (the "seen" mark), the article and everything extracted from it go
in together or not at all, so a ``kill -9`` loses at most the item in flight.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from harvester.clock import now_iso

FAULT_KIND = "fault"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compress(body: bytes) -> bytes:
    return zlib.compress(body, 6)


def decompress(blob: bytes | None) -> bytes:
    return zlib.decompress(blob) if blob else b""


def plain_headers(raw: Any) -> dict[str, str]:
    """Response headers as a plain str -> str mapping (Scrapy gives bytes and lists)."""
    out: dict[str, str] = {}
    for key, value in dict(raw or {}).items():
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        if isinstance(key, bytes):
            key = key.decode("latin-1")
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        out[str(key)] = str(value)
    return out


def header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def vacuum(db: Any) -> None:
    """Rebuild the file so that space freed by deletions and pruning goes back to the disk."""
    db.conn.execute("VACUUM")


@contextmanager
def transaction(db: Any) -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE), or join the caller's if one is open."""
    conn: sqlite3.Connection = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def fetch_row(db: Any, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
    cursor = db.conn.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    return dict(zip(names, found, strict=True)) if found else None  # type: ignore[return-value]


def ensure_portal(db: Any, portal_id: str | None, family: str | None, province: str | None = None,
                  province_2025: str | None = None) -> None:
    """A stub portals row so that foreign keys hold for items of unregistered portals."""
    if portal_id:
        db.conn.execute(
            "INSERT OR IGNORE INTO portals (id, family, province, province_2025, updated_at) VALUES (?, ?, ?, ?, ?)",
            (portal_id, family or "generic", province, province_2025, now_iso()),
        )


def portal_settings(db: Any, portal_id: str | None) -> dict[str, Any]:
    """The registry's per-portal settings (JSON in ``portals.settings``), {} when absent or bad."""
    found = fetch_row(db, "SELECT settings FROM portals WHERE id = ?", (portal_id,)) if portal_id else None
    try:
        settings = json.loads(found["settings"]) if found and found["settings"] else {}
    except ValueError:
        settings = {}
    return settings if isinstance(settings, dict) else {}
