"""What a spider reads from the database once, at start: seen URLs and stored validators.

The store (``harvester.store``) owns the meaning of "seen"; these wrappers only adapt its
return shapes to what the spider needs (a set of URLs, a url -> (etag, last_modified) map) and
open the database read-only, so a spider never writes outside the item pipelines.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any


def _connect(db_path: str | Path) -> sqlite3.Connection | None:
    path = Path(db_path)
    if not path.exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def load_seen(db_path: str | Path, portal_id: str, recheck_days: float = 0.0) -> set[str]:
    """URLs of this portal whose stored copy is still fresh (not due for a recheck)."""
    try:
        from harvester import store

        seen_urls = store.seen_urls
    except (ImportError, AttributeError):
        seen_urls = None
    conn = _connect(db_path)
    if conn is None:
        return set()
    with conn:
        if seen_urls is not None:
            urls = _as_url_set(_call_store(seen_urls, conn, db_path, portal_id))
        else:
            urls = _seen_from_pages(conn, portal_id)
        if recheck_days > 0:
            urls -= _older_than(conn, portal_id, recheck_days)
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


def _call_store(func: Any, conn: sqlite3.Connection, db_path: str | Path, portal_id: str) -> Any:
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    try:
        return func(db, portal_id)
    except TypeError:  # a store version that takes only the database
        return func(db)


def _as_url_set(result: Any) -> set[str]:
    if isinstance(result, dict):
        now = datetime.now(UTC).isoformat()
        return {url for url, due in result.items() if not due or str(due) > now}
    return set(result)


def _seen_from_pages(conn: sqlite3.Connection, portal_id: str) -> set[str]:
    now = datetime.now(UTC).isoformat()
    rows = conn.execute(
        "SELECT url FROM pages WHERE portal_id = ? AND reason IS NULL "
        "AND (recheck_after IS NULL OR recheck_after > ?)",
        (portal_id, now),
    )
    return {row[0] for row in rows}


def _older_than(conn: sqlite3.Connection, portal_id: str, days: float) -> set[str]:
    cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    rows = conn.execute(
        "SELECT url FROM pages WHERE portal_id = ? AND fetched_at < ?", (portal_id, cutoff)
    )
    return {row[0] for row in rows}


def has_completed_run(db_path: str | Path, portal_id: str) -> bool:
    """True once a crawl of this portal has run to the end (a crawl_runs row exists).

    A run killed with -9 writes no row, so the next run walks listings to the end again instead
    of stopping at the first known page, and the gap the kill left behind is filled.
    """
    conn = _connect(db_path)
    if conn is None:
        return False
    try:
        row = conn.execute(
            "SELECT 1 FROM crawl_runs WHERE portal_id = ? AND finished_at IS NOT NULL "
            "AND COALESCE(status, '') != 'failed' LIMIT 1",
            (portal_id,),
        ).fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        conn.close()
    return row is not None
