"""The ``pages`` table: every fetched URL, archived (compressed body) with its fetch state.

A page row is the crawl's "seen" mark. An article page commits with its article (see
:mod:`harvester.storage.articles`); a failed fetch is a fault row; a 304 only moves the fetch time.
Recheck policy: an article is refetched every ``recheck_days`` while it is young (portals correct
numbers in the days after publication); links answering 404/410 back off 1, 2, 4 … ≤ 30 days.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from extractors.records import MainText
from harvester.clock import parse_iso, to_iso
from harvester.storage.core import (
    FAULT_KIND,
    compress,
    ensure_portal,
    fetch_row,
    header,
    plain_headers,
    portal_settings,
    sha256_bytes,
    transaction,
)
from harvester.urls import canonicalize

DEFAULT_RECHECK_DAYS = 7.0
RECENT_DAYS = 30  # articles younger than this (since publication, else first fetch) are rechecked


@dataclass(frozen=True)
class ArticleResult:
    """What happened to one page item."""

    status: str  # new | updated | unchanged | dropped (not OCOP) | error (fault stored) | skipped
    url: str
    article_id: int | None = None
    page_id: int | None = None
    duplicate_of: int | None = None
    figures: int = 0
    mentions: int = 0


def recheck_after(fetched_at: str, published: str | None, first_fetched_at: str | None,
                  recheck_days: float = DEFAULT_RECHECK_DAYS) -> str | None:
    """When a stored article is due for a refetch, or None for never.

    Portals correct numbers in the days after publication; after RECENT_DAYS an article is
    considered settled. Age counts from publication, else from the first fetch (so an undated
    page is not refetched forever).
    """
    fetched = parse_iso(fetched_at)
    born = parse_iso(published[:10] if published and len(published) == 10 else published) or parse_iso(first_fetched_at)
    if not recheck_days or fetched is None:
        return None
    if born is not None and (fetched - born) > timedelta(days=RECENT_DAYS):
        return None
    return (fetched + timedelta(days=recheck_days)).isoformat(timespec="seconds")




def page_url(item: Mapping[str, Any]) -> str:
    """The key of an item's pages row: the canonical form of the URL that was requested."""
    url = str(item.get("url") or "")
    known = item.get("_canonical_url")  # the prepare step's, of the final URL: the same unless redirected
    if known and item.get("final_url") in (None, url):
        return str(known)
    return canonicalize(url)


def write_page(db: Any, item: Mapping[str, Any], *, kind: str, encoding: str | None,
                text_chars: int | None, published: str | None) -> int:
    url = page_url(item)
    body = item.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = plain_headers(item.get("headers"))
    fetched_at = to_iso(item.get("fetched_at"))
    # the crawl's extraction workers compress and hash the body beside the extraction
    digest = item.get("_body_sha256") or sha256_bytes(body)
    archived = item.get("_body_z") or compress(body)
    old = fetch_row(db, "SELECT sha256, first_fetched_at, changed_at FROM pages WHERE url = ?", (url,))
    first = (old and old["first_fetched_at"]) or fetched_at
    changed = old["changed_at"] if old and old["sha256"] == digest and old["changed_at"] else fetched_at
    days = portal_settings(db, item.get("portal_id")).get("recheck_days", DEFAULT_RECHECK_DAYS)
    due = recheck_after(fetched_at, published, first, days) if kind == "article" else None
    values = {
        "url": url, "final_url": item.get("final_url") or item.get("url"), "portal_id": item.get("portal_id"),
        "kind": kind, "status": item.get("status"), "reason": None,
        "content_type": header(headers, "content-type"), "encoding": encoding, "decoding": item.get("_decoding"),
        "headers": json.dumps(headers, ensure_ascii=False, sort_keys=True),
        "body": archived, "body_size": item.get("_body_size", len(body)), "sha256": digest,
        "etag": header(headers, "etag"), "last_modified": header(headers, "last-modified"),
        "fetched_at": fetched_at, "first_fetched_at": first, "changed_at": changed,
        "recheck_after": due, "run_id": item.get("run_id"), "text_chars": text_chars,
        "listing_date": item.get("listing_date"), "listing_url": item.get("listing_url"),
        "last_error": None, "last_error_at": None,
    }
    return _upsert_page(db, values)


def _upsert_page(db: Any, values: dict[str, Any]) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "url")
    db.conn.execute(
        f"INSERT INTO pages ({columns}) VALUES ({marks}) ON CONFLICT(url) DO UPDATE SET {updates}",
        tuple(values.values()),
    )
    return int(db.conn.execute("SELECT id FROM pages WHERE url = ?", (values["url"],)).fetchone()[0])


def save_fault(db: Any, item: Mapping[str, Any]) -> ArticleResult:
    """Record a failed fetch. A stored good copy is kept (the failure is noted beside it)."""
    url = page_url(item)
    fetched_at = to_iso(item.get("fetched_at"))
    reason = str(item.get("reason") or f"HTTP {item.get('status')}")[:2000]
    with transaction(db):
        ensure_portal(db, item.get("portal_id"), item.get("family"))
        old = fetch_row(db, "SELECT id, kind, status, first_fetched_at, fault_streak FROM pages WHERE url = ?", (url,))
        if old and old["kind"] != FAULT_KIND:
            db.conn.execute("UPDATE pages SET last_error = ?, last_error_at = ? WHERE id = ?",
                            (reason, fetched_at, old["id"]))
            return ArticleResult("error", url, page_id=old["id"])
        values = {
            "url": url, "final_url": item.get("final_url") or item.get("url"),
            "portal_id": item.get("portal_id"), "kind": FAULT_KIND, "status": item.get("status"),
            "reason": reason, "fetched_at": fetched_at,
            "first_fetched_at": (old and old["first_fetched_at"]) or fetched_at,
            "body": None, "body_size": None, "sha256": None,
            "last_error": reason, "last_error_at": fetched_at, "run_id": item.get("run_id"),
            **_gone_backoff(item.get("status"), old, fetched_at),
        }
        page_id = _upsert_page(db, values)
    return ArticleResult("error", url, page_id=page_id)


# A link that answers 404/410 is retried after 1, 2, 4 … days, at most this many; anything else
# (5xx, timeouts, truncated bodies) may be passing trouble and is retried the next night.
GONE_STATUSES = (404, 410)
GONE_MAX_DAYS = 30


def _gone_backoff(status: Any, old: sqlite3.Row | None, fetched_at: str) -> dict[str, Any]:
    """The fault streak and, for pages that are gone, when to ask again."""
    if status not in GONE_STATUSES:
        return {"fault_streak": None, "recheck_after": None}
    streak = 1
    if old is not None and old["kind"] == FAULT_KIND and old["status"] in GONE_STATUSES:
        streak = int(old["fault_streak"] or 0) + 1
    days = min(2 ** (streak - 1), GONE_MAX_DAYS)
    due = datetime.fromisoformat(fetched_at) + timedelta(days=days)
    return {"fault_streak": streak, "recheck_after": due.isoformat(timespec="seconds")}


def save_unchanged(db: Any, url: str, fetched_at: Any = None) -> bool:
    """A 304 (or identical body): only the fetch time and the recheck mark move. True if stored."""
    url = canonicalize(url)
    fetched = to_iso(fetched_at)
    with transaction(db):
        page = fetch_row(db, "SELECT id, portal_id, kind, first_fetched_at FROM pages WHERE url = ?", (url,))
        if page is None or page["kind"] == FAULT_KIND:
            return False
        article = fetch_row(db, "SELECT published FROM articles WHERE page_id = ?", (page["id"],))
        days = portal_settings(db, page["portal_id"]).get("recheck_days", DEFAULT_RECHECK_DAYS)
        due = (recheck_after(fetched, article and article["published"], page["first_fetched_at"], days)
               if page["kind"] == "article" else None)
        db.conn.execute("UPDATE pages SET fetched_at = ?, recheck_after = ? WHERE id = ?",
                        (fetched, due, page["id"]))
    return True


def save_other(db: Any, item: Mapping[str, Any], main: MainText | None = None,
               encoding: str | None = None) -> ArticleResult:
    """A fetched page that is not an OCOP article: archived and marked seen (kind "other")."""
    url = page_url(item)
    with transaction(db):
        ensure_portal(db, item.get("portal_id"), item.get("family"))
        if item.get("archived_page_id"):
            page_id = int(item["archived_page_id"])
            db.conn.execute("UPDATE pages SET kind = 'other', text_chars = ? WHERE id = ?",
                            (len(main.text) if main else None, page_id))
        else:
            page_id = write_page(db, item, kind="other", encoding=encoding,
                                  text_chars=len(main.text) if main else None, published=None)
    return ArticleResult("dropped", url, page_id=page_id)


@dataclass(frozen=True)
class PruneReport:
    """What :func:`prune_other_bodies` emptied (or would empty, on a dry run)."""

    pages: int
    archived_bytes: int  # compressed, as stored
    raw_bytes: int  # as received


def prune_other_bodies(db: Any, fetched_before: str, *, dry_run: bool = False,
                       batch: int = 5000) -> PruneReport:
    """Empty the archived body of every non-OCOP page (kind ``other``) last fetched before
    ``fetched_before`` (ISO time). The row stays, with its URL, size and sha256: it is still the
    crawl's seen mark, so nothing is refetched and no gap opens; only ``reextract`` can no longer
    re-judge such a page. Articles, listings, faults and attachments are never touched.

    Walks the table by id in batches of one transaction each, so a crawl writing at the same time
    waits at most one batch, and a kill loses nothing but the batch in flight (which is simply
    pruned again next time)."""
    where = "kind = 'other' AND body IS NOT NULL AND fetched_at < ? AND id BETWEEN ? AND ?"
    last = db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM pages").fetchone()[0]
    pages = archived = raw = 0
    for low in range(1, last + 1, batch):
        params = (fetched_before, low, low + batch - 1)
        with nullcontext() if dry_run else transaction(db):  # a dry run takes no write lock
            found, size, raw_size = db.conn.execute(
                f"SELECT count(*), COALESCE(SUM(length(body)), 0), COALESCE(SUM(body_size), 0) "
                f"FROM pages WHERE {where}", params).fetchone()
            if found and not dry_run:
                db.conn.execute(f"UPDATE pages SET body = NULL WHERE {where}", params)
        pages, archived, raw = pages + found, archived + size, raw + raw_size
    return PruneReport(pages, archived, raw)
