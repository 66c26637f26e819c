"""What a spider reads from the database once, at start: seen URLs and stored validators.

The store (``harvester.store``) owns the meaning of "seen"; these wrappers only adapt its
return shapes to what the spider needs (a set of URLs, a url -> (etag, last_modified) map) and
open the database read-only, so a spider never writes outside the item pipelines.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _connect(db_path: str | Path) -> sqlite3.Connection | None:
    path = Path(db_path)
    if not path.exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def load_seen(db_path: str | Path, portal_id: str, recheck_days: float = 0.0) -> set[str]:
    """URLs of this portal whose stored copy is still fresh (not due for a recheck)."""
    import sqlite_utils

    from harvester import store

    conn = _connect(db_path)
    if conn is None:
        return set()
    try:
        urls = set(store.seen_urls(sqlite_utils.Database(conn), portal_id))
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
