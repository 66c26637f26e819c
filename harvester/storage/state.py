"""Crawl state the spiders read: which URLs are seen, their validators, each listing's frontier.

Spiders never open SQL themselves: they call the ``load_*`` functions here once at start, on a
read-only connection (``mode=ro``), so a spider cannot write outside the item pipelines. The
meaning of "seen" (stored and not due for a recheck; a 404/410 backing off) lives in
:func:`seen_urls`.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from harvester.clock import now_iso, to_iso, utc_now
from harvester.storage.core import FAULT_KIND, fetch_row
from harvester.urls import canonicalize


class SeenUrls(set):  # type: ignore[type-arg]
    """A set of canonical URLs that also answers for non-canonical spellings (``url in seen``)."""

    def __contains__(self, url: object) -> bool:
        return super().__contains__(url) or (isinstance(url, str) and super().__contains__(canonicalize(url)))


def seen_urls(db: Any, portal_id: str, now: Any = None) -> SeenUrls:
    """URLs of this portal not to fetch now (read-only): pages stored whose recheck time has
    not come, and links that answered 404/410 and are backing off (see ``_gone_backoff``)."""
    moment = to_iso(now) if now else now_iso()
    cursor = db.conn.execute(
        "SELECT url, final_url FROM pages WHERE portal_id = ? AND ("
        "(COALESCE(kind, '') != ? AND (recheck_after IS NULL OR recheck_after > ?)) "
        "OR (kind = ? AND recheck_after > ?))",
        (portal_id, FAULT_KIND, moment, FAULT_KIND, moment),
    )
    seen = SeenUrls()
    for url, final_url in cursor:
        seen.add(url)
        if final_url:
            seen.add(canonicalize(final_url))
    return seen


def is_fresh(db: Any, url: str, now: Any = None) -> bool:
    """True when ``url`` is stored (not as a fault) and not yet due for a recheck."""
    moment = to_iso(now) if now else now_iso()
    row = fetch_row(db, "SELECT kind, recheck_after FROM pages WHERE url = ?", (canonicalize(url),))
    if row is None or row["kind"] == FAULT_KIND:
        return False
    return row["recheck_after"] is None or row["recheck_after"] > moment


def validators(db: Any, url: str) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) stored for ``url``, for a conditional GET."""
    row = fetch_row(db, "SELECT etag, last_modified FROM pages WHERE url = ? AND COALESCE(kind, '') != ?",
               (canonicalize(url), FAULT_KIND))
    return (row["etag"], row["last_modified"]) if row else (None, None)


# --- what a spider loads once, at start --------------------------------------------------------


def _connect(db_path: str | Path) -> sqlite3.Connection | None:
    path = Path(db_path)
    if not path.exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def load_seen(db_path: str | Path, portal_id: str, recheck_days: float = 0.0) -> set[str]:
    """URLs of this portal whose stored copy is still fresh (not due for a recheck)."""
    conn = _connect(db_path)
    if conn is None:
        return set()
    try:
        urls = set(seen_urls(sqlite_utils.Database(conn), portal_id))
        if recheck_days > 0:
            urls -= _older_than(conn, portal_id, recheck_days)
    finally:
        conn.close()
    return urls


def load_validators(db_path: str | Path, portal_id: str) -> dict[str, tuple[str | None, str | None]]:
    """url -> (ETag, Last-Modified) for pages of this portal that sent validators."""
    conn = _connect(db_path)
    if conn is None:
        return {}
    try:
        rows = conn.execute(
            "SELECT url, etag, last_modified FROM pages WHERE portal_id = ? "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL)",
            (portal_id,),
        ).fetchall()
    except sqlite3.DatabaseError:
        rows = []
    finally:
        conn.close()
    return {row["url"]: (row["etag"], row["last_modified"]) for row in rows}


def _older_than(conn: sqlite3.Connection, portal_id: str, days: float) -> set[str]:
    cutoff = (utc_now() - timedelta(days=days)).isoformat()
    rows = conn.execute(
        "SELECT url FROM pages WHERE portal_id = ? AND fetched_at < ?", (portal_id, cutoff)
    )
    return {row[0] for row in rows}


def load_frontier(db_path: str | Path, portal_id: str) -> dict[str, tuple[list[str], str | None]]:
    """listing URL -> (the entries that topped it at its last complete walk, when that walk ran);
    see storage.frontier."""
    conn = _connect(db_path)
    if conn is None:
        return {}
    try:
        rows = conn.execute("SELECT listing, top_urls, walked_at FROM crawl_frontier WHERE portal_id = ?",
                            (portal_id,)).fetchall()
    except sqlite3.OperationalError:  # a database from before the frontier table: no frontier yet
        rows = []
    finally:
        conn.close()
    return {row["listing"]: (json.loads(row["top_urls"]), row["walked_at"]) for row in rows}
