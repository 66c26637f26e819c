"""The one write path for pages, articles, figures, document mentions and crawl runs.

Every public writer commits in **one transaction**: the archived page (the "seen" mark), the
article and everything extracted from it go in together or not at all, so a ``kill -9`` loses
at most the item in flight. Crawl-time bad input never raises here: an item that cannot be
stored as an article is stored as a fault. docs/storage.md explains the policies (canonical
URLs, syndicated duplicates, seen/recheck) for readers of the database.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from extractors import EXTRACTOR_VERSION
from extractors.records import DocumentRef, Extraction, MainText, PublishedDate
from harvester.paths import data_file
from harvester.urls import canonicalize

log = logging.getLogger(__name__)

DEFAULT_SILENCE_DAYS = 30
DEFAULT_RECHECK_DAYS = 7.0
RECENT_DAYS = 30  # articles younger than this (since publication, else first fetch) are rechecked
MIN_DEDUPE_CHARS = 200  # shorter texts (empty bodies, stubs) are never treated as syndicated copies
SHORT_TEXT_CHARS = 200  # a main text shorter than this counts as "selectors failed"
FAULT_KIND = "fault"


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


# --- time and small helpers ---------------------------------------------------------------------


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_iso(value: Any) -> str:
    """Any timestamp (ISO string, 'Z' suffix, datetime, None) as an ISO UTC string."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except (TypeError, ValueError):
            return now_iso()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compress(body: bytes) -> bytes:
    return zlib.compress(body, 6)


def decompress(blob: bytes | None) -> bytes:
    return zlib.decompress(blob) if blob else b""


def _headers(raw: Any) -> dict[str, str]:
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


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


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


def _row(db: Any, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
    cursor = db.conn.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    found = cursor.fetchone()
    return dict(zip(names, found, strict=True)) if found else None  # type: ignore[return-value]


def _ensure_portal(db: Any, portal_id: str | None, family: str | None) -> None:
    """A stub portals row so that foreign keys hold for items of unregistered portals."""
    if portal_id:
        db.conn.execute(
            "INSERT OR IGNORE INTO portals (id, family, updated_at) VALUES (?, ?, ?)",
            (portal_id, family or "generic", now_iso()),
        )


def _portal_settings(db: Any, portal_id: str | None) -> dict[str, Any]:
    row = _row(db, "SELECT settings FROM portals WHERE id = ?", (portal_id,)) if portal_id else None
    try:
        settings = json.loads(row["settings"]) if row and row["settings"] else {}
    except ValueError:
        settings = {}
    return settings if isinstance(settings, dict) else {}


def recheck_after(fetched_at: str, published: str | None, first_fetched_at: str | None,
                  recheck_days: float = DEFAULT_RECHECK_DAYS) -> str | None:
    """When a stored article is due for a refetch, or None for never.

    Portals correct numbers in the days after publication; after RECENT_DAYS an article is
    considered settled. Age counts from publication, else from the first fetch (so an undated
    page is not refetched forever).
    """
    fetched = _parse(fetched_at)
    born = _parse(published[:10] if published and len(published) == 10 else published) or _parse(first_fetched_at)
    if not recheck_days or fetched is None:
        return None
    if born is not None and (fetched - born) > timedelta(days=RECENT_DAYS):
        return None
    return (fetched + timedelta(days=recheck_days)).isoformat(timespec="seconds")


# --- pages --------------------------------------------------------------------------------------


def page_url(item: Mapping[str, Any]) -> str:
    """The key of an item's pages row: the canonical form of the URL that was requested."""
    return canonicalize(str(item.get("url") or ""))


def _write_page(db: Any, item: Mapping[str, Any], *, kind: str, encoding: str | None,
                text_chars: int | None, published: str | None) -> int:
    url = page_url(item)
    body = item.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = _headers(item.get("headers"))
    fetched_at = to_iso(item.get("fetched_at"))
    digest = sha256_bytes(body)
    old = _row(db, "SELECT sha256, first_fetched_at, changed_at FROM pages WHERE url = ?", (url,))
    first = (old and old["first_fetched_at"]) or fetched_at
    changed = old["changed_at"] if old and old["sha256"] == digest and old["changed_at"] else fetched_at
    days = _portal_settings(db, item.get("portal_id")).get("recheck_days", DEFAULT_RECHECK_DAYS)
    due = recheck_after(fetched_at, published, first, days) if kind == "article" else None
    values = {
        "url": url, "final_url": item.get("final_url") or item.get("url"), "portal_id": item.get("portal_id"),
        "kind": kind, "status": item.get("status"), "reason": None,
        "content_type": _header(headers, "content-type"), "encoding": encoding,
        "headers": json.dumps(headers, ensure_ascii=False, sort_keys=True),
        "body": compress(body), "body_size": len(body), "sha256": digest,
        "etag": _header(headers, "etag"), "last_modified": _header(headers, "last-modified"),
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
        _ensure_portal(db, item.get("portal_id"), item.get("family"))
        old = _row(db, "SELECT id, kind, status, first_fetched_at, fault_streak FROM pages WHERE url = ?", (url,))
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
        page = _row(db, "SELECT id, portal_id, kind, first_fetched_at FROM pages WHERE url = ?", (url,))
        if page is None or page["kind"] == FAULT_KIND:
            return False
        article = _row(db, "SELECT published FROM articles WHERE page_id = ?", (page["id"],))
        days = _portal_settings(db, page["portal_id"]).get("recheck_days", DEFAULT_RECHECK_DAYS)
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
        _ensure_portal(db, item.get("portal_id"), item.get("family"))
        if item.get("archived_page_id"):
            page_id = int(item["archived_page_id"])
            db.conn.execute("UPDATE pages SET kind = 'other', text_chars = ? WHERE id = ?",
                            (len(main.text) if main else None, page_id))
        else:
            page_id = _write_page(db, item, kind="other", encoding=encoding,
                                  text_chars=len(main.text) if main else None, published=None)
    return ArticleResult("dropped", url, page_id=page_id)


# --- articles -----------------------------------------------------------------------------------


def _published(item: Mapping[str, Any], main: MainText | None, extraction: Extraction) -> PublishedDate | None:
    if extraction.published is not None:
        return extraction.published
    if main is not None and main.published is not None:
        return main.published
    listing = item.get("listing_date")
    if listing:
        try:
            from extractors.dates import parse_date_line
        except ImportError:  # the date parser is optional for storage
            return None
        found = parse_date_line(str(listing))
        if found is not None:
            return PublishedDate(found.value, "listing", found.quote)
    return None


def _duplicate_target(db: Any, text: str, digest: str, article_id: int | None) -> int | None:
    """The first article with the same main text under another URL, if any (see docs/storage.md)."""
    if len(text.strip()) < MIN_DEDUPE_CHARS:
        return None
    row = _row(
        db,
        "SELECT id, duplicate_of FROM articles WHERE text_sha256 = ? AND id != ? AND id < ? "
        "ORDER BY id LIMIT 1",
        (digest, article_id or -1, article_id or 2**62),
    )
    if row is None:
        return None
    return row["duplicate_of"] or row["id"]


def save_article(db: Any, item: Mapping[str, Any], main: MainText | None, extraction: Extraction,
                 *, force: bool = False, encoding: str | None = None) -> ArticleResult:
    """Store the page, upsert its article and (when the text changed) its figures and mentions.

    One transaction. The article is keyed by the canonical form of the URL the page was finally
    served from, so Liferay ``redirect=`` variants update one row. ``force`` re-runs the
    extraction even when the text is unchanged (``harvester reextract``).
    """
    article_url = canonicalize(str(item.get("final_url") or item.get("url") or ""))
    text = extraction.text or ""
    digest = sha256_text(text)
    published = _published(item, main, extraction)
    now = now_iso()
    with transaction(db):
        _ensure_portal(db, item.get("portal_id"), item.get("family"))
        old = _row(db, "SELECT id, text_sha256, extractor_version, duplicate_of, first_seen_at, portal_id "
                       "FROM articles WHERE url = ?", (article_url,))
        if item.get("archived_page_id"):
            page_id = int(item["archived_page_id"])
            db.conn.execute("UPDATE pages SET kind = 'article', text_chars = ? WHERE id = ?", (len(text), page_id))
        else:
            page_id = _write_page(db, item, kind="article", encoding=encoding, text_chars=len(text),
                                  published=published.value if published else None)
        article_id = old["id"] if old else None
        duplicate_of = _duplicate_target(db, text, digest, article_id)
        values = _article_values(item, main, extraction, published, page_id=page_id, url=article_url,
                                 digest=digest, duplicate_of=duplicate_of, now=now)
        if old:
            values["portal_id"] = old["portal_id"] or values["portal_id"]
            sets = ", ".join(f"{c} = ?" for c in values)
            db.conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), article_id))
            changed = old["text_sha256"] != digest
            status = "updated" if changed else "unchanged"
            stale = changed or force or old["extractor_version"] != EXTRACTOR_VERSION
            stale = stale or old["duplicate_of"] != duplicate_of
        else:
            values["first_seen_at"] = to_iso(item.get("fetched_at")) if item.get("fetched_at") else now
            columns = ", ".join(values)
            cursor = db.conn.execute(
                f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' for _ in values)})",
                tuple(values.values()),
            )
            article_id = int(cursor.lastrowid)
            status, stale = "new", True
        figures = mentions = 0
        if stale:
            figures, mentions = replace_extraction(db, article_id, extraction)
        else:
            figures, mentions = _counts(db, article_id)
    return ArticleResult(status, article_url, article_id, page_id, duplicate_of, figures, mentions)


def _article_values(item: Mapping[str, Any], main: MainText | None, extraction: Extraction,
                    published: PublishedDate | None, *, page_id: int, url: str, digest: str,
                    duplicate_of: int | None, now: str) -> dict[str, Any]:
    title = extraction.title or (main.title if main else None)
    return {
        "page_id": page_id, "url": url, "canonical_url": url, "portal_id": item.get("portal_id"),
        "title": title,
        "published": published.value if published else None,
        "published_source": published.source if published else None,
        "published_quote": published.quote if published else None,
        "author": main.author if main else None,
        "source_line": main.source_line if main else None,
        "text": extraction.text or "", "text_sha256": digest,
        "provinces": json.dumps(list(extraction.provinces), ensure_ascii=False),
        "images": json.dumps(list(main.images) if main else [], ensure_ascii=False),
        "attachments": json.dumps(list(main.attachments) if main else [], ensure_ascii=False),
        "duplicate_of": duplicate_of, "is_ocop": 1 if item.get("ocop", True) else 0,
        "extractor_version": EXTRACTOR_VERSION, "extracted_at": now,
    }


def _counts(db: Any, article_id: int) -> tuple[int, int]:
    figures = db.conn.execute("SELECT count(*) FROM figures WHERE article_id = ?", (article_id,)).fetchone()[0]
    mentions = db.conn.execute(
        "SELECT count(*) FROM document_mentions WHERE article_id = ?", (article_id,)).fetchone()[0]
    return int(figures), int(mentions)


# --- figures, mentions and documents ------------------------------------------------------------


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


def replace_extraction(db: Any, article_id: int, extraction: Extraction) -> tuple[int, int]:
    """Delete and re-insert this article's figures and document mentions; returns their counts.

    A syndicated copy (``duplicate_of`` set) keeps none, so totals are not counted twice.
    """
    with transaction(db):
        article = _row(
            db,
            "SELECT a.url, a.portal_id, a.duplicate_of, p.province, p.province_2025 "
            "FROM articles a LEFT JOIN portals p ON p.id = a.portal_id WHERE a.id = ?",
            (article_id,),
        )
        if article is None:
            return 0, 0
        db.conn.execute("DELETE FROM figures WHERE article_id = ?", (article_id,))
        db.conn.execute("DELETE FROM document_mentions WHERE article_id = ?", (article_id,))
        if article["duplicate_of"]:
            return 0, 0
        province, province_2025 = _issuing_province(extraction, article["province"], article["province_2025"])
        for ref in extraction.documents:
            document_id = upsert_document(db, ref, article["portal_id"], province, province_2025)
            db.conn.execute(
                "INSERT INTO document_mentions (article_id, document_id, number, type, issued, quote, start, end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, document_id, ref.number, ref.type, ref.issued, ref.quote, ref.start, ref.end),
            )
        for fig in extraction.figures:
            db.conn.execute(
                "INSERT INTO figures (article_id, count, stars, status, year, as_of, place, province, "
                "province_2025, quote, start, end, sentence, url, basis) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, fig.count, fig.stars, fig.status, fig.year, fig.as_of, fig.place, fig.province,
                 fig.province_2025, fig.quote, fig.start, fig.end, fig.sentence, article["url"], fig.basis),
            )
    return len(extraction.figures), len(extraction.documents)


def _issuing_province(extraction: Extraction, portal_province: str | None,
                      portal_province_2025: str | None) -> tuple[str | None, str | None]:
    """The province a local document (…/QĐ-UBND) belongs to: the one the article reports on.

    A national newspaper, or a neighbouring province's portal, citing "1234/QĐ-UBND" of Hòa Bình
    must file it under Hòa Bình, or numbers of different provinces would be merged into one row.
    """
    if extraction.provinces:
        from extractors.places import province_2025

        first = extraction.provinces[0]
        return first, province_2025(first)
    return portal_province, portal_province_2025


def upsert_document(db: Any, ref: DocumentRef, portal_id: str | None, province: str | None,
                    province_2025: str | None) -> int:
    """The documents row for a cited number, created on first sight; fills missing fields only.

    Key: (number_key, province). National issuers (TTg, CP, TW, ministries) get province NULL,
    so one Prime Minister's decision cited in 40 provinces is one row.
    """
    from extractors.documents import issuer_of, number_key

    key = number_key(ref.number)
    issuer = ref.issuer or issuer_of(ref.number)
    if issuer in national_issuers():
        province = province_2025 = None
    found = _row(db, "SELECT id FROM documents WHERE number_key = ? AND province IS ?", (key, province))
    if found:
        db.conn.execute(
            "UPDATE documents SET issuer = COALESCE(issuer, ?), type = COALESCE(type, ?), "
            "issued = COALESCE(issued, ?) WHERE id = ?",
            (issuer, ref.type, ref.issued, found["id"]),
        )
        return int(found["id"])
    cursor = db.conn.execute(
        "INSERT INTO documents (number, number_key, issuer, type, issued, portal_id, province, province_2025) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (ref.number, key, issuer, ref.type, ref.issued, portal_id, province, province_2025),
    )
    return int(cursor.lastrowid)


# --- crawl state read by spiders ----------------------------------------------------------------


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
    row = _row(db, "SELECT kind, recheck_after FROM pages WHERE url = ?", (canonicalize(url),))
    if row is None or row["kind"] == FAULT_KIND:
        return False
    return row["recheck_after"] is None or row["recheck_after"] > moment


def validators(db: Any, url: str) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) stored for ``url``, for a conditional GET."""
    row = _row(db, "SELECT etag, last_modified FROM pages WHERE url = ? AND COALESCE(kind, '') != ?",
               (canonicalize(url), FAULT_KIND))
    return (row["etag"], row["last_modified"]) if row else (None, None)


# --- runs and health ----------------------------------------------------------------------------

_RUN_COUNTERS = ("requests", "listing_requests", "new", "updated", "unchanged", "errors", "listing_items")


def record_run(db: Any, run_group: str, portal_id: str, stats: Mapping[str, Any]) -> int:
    """Write one crawl_runs row from a stats mapping (flat keys or ``harvester/<portal>/<key>``)."""

    def pick(key: str, *aliases: str) -> Any:
        for name in (key, f"harvester/{portal_id}/{key}", *aliases):
            if name in stats:
                return stats[name]
        return None

    counters = {key: int(pick(key) or 0) for key in _RUN_COUNTERS}
    if not counters["requests"]:
        counters["requests"] = int(stats.get("downloader/request_count") or 0)
    flags = list(pick("flags") or [])
    if counters["listing_requests"] and not counters["listing_items"] and "zero-items" not in flags:
        flags.append("zero-items")
    if counters["errors"] and not (counters["new"] + counters["updated"] + counters["unchanged"]) \
            and "all-errors" not in flags:
        flags.append("all-errors")
    status = pick("status") or ("failed" if "all-errors" in flags else "warning" if flags else "ok")
    started = pick("started_at", "start_time")
    finished = pick("finished_at", "finish_time")
    row = {
        "run_group": run_group, "portal_id": portal_id, "command": pick("command"),
        "started_at": to_iso(started) if started else None,
        "finished_at": to_iso(finished) if finished else now_iso(),
        **counters, "status": status, "flags": json.dumps(flags),
        "stats": json.dumps(dict(stats), default=str, ensure_ascii=False, sort_keys=True),
    }
    with transaction(db):
        cursor = db.conn.execute(
            f"INSERT INTO crawl_runs ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )
    return int(cursor.lastrowid)


def portal_health(db: Any, portals: Iterable[Any], now: Any = None) -> list[dict[str, Any]]:
    """Per portal: last run, last new OCOP article, days silent, and alert flags."""
    moment = _parse(to_iso(now) if now else now_iso())
    assert moment is not None
    return [_health(db, portal, moment) for portal in portals]


def _health(db: Any, portal: Any, now: datetime) -> dict[str, Any]:
    portal_id = portal.id
    settings = getattr(portal, "settings", None) or {}
    silence_days = int(settings.get("silence_days") or DEFAULT_SILENCE_DAYS)
    last = _row(db, "SELECT * FROM crawl_runs WHERE portal_id = ? ORDER BY COALESCE(finished_at, started_at) "
                    "DESC, id DESC LIMIT 1", (portal_id,))
    first_run = _row(db, "SELECT min(COALESCE(started_at, finished_at)) AS t FROM crawl_runs WHERE portal_id = ?",
                     (portal_id,))
    newest = _row(db, "SELECT max(first_seen_at) AS t FROM articles WHERE portal_id = ? AND is_ocop = 1 "
                      "AND duplicate_of IS NULL", (portal_id,))
    last_new = newest["t"] if newest else None
    since = _parse(last_new) or _parse(first_run["t"] if first_run else None)
    days_silent = (now - since).days if since else None
    flags: list[str] = []
    if last is None:
        flags.append("never-run")
    else:
        if last["listing_requests"] and not last["listing_items"]:
            flags.append("zero-items")
        if last["errors"] and not (last["new"] + last["updated"] + last["unchanged"]):
            flags.append("all-errors")
        if _selectors_failed(db, portal_id, last):
            flags.append("selectors-failed")
    if days_silent is not None and days_silent > silence_days:
        flags.append(f"silent-{days_silent}-days")
    return {
        "portal_id": portal_id, "name": getattr(portal, "name", portal_id),
        "family": getattr(portal, "family", None), "province": getattr(portal, "province", None),
        "enabled": getattr(portal, "enabled", True),
        "last_run_at": (last["finished_at"] or last["started_at"]) if last else None,
        "last_run_status": last["status"] if last else None,
        "last_new_at": last_new, "days_silent": days_silent, "silence_days": silence_days,
        "flags": flags,
    }


def _selectors_failed(db: Any, portal_id: str, run: Mapping[str, Any]) -> bool:
    """More than half of the pages fetched in the last run had (almost) no main text."""
    start = run["started_at"] or "0000"
    end = run["finished_at"] or "9999"
    row = _row(
        db,
        "SELECT count(*) AS n, sum(CASE WHEN COALESCE(text_chars, 0) < ? THEN 1 ELSE 0 END) AS short "
        "FROM pages WHERE portal_id = ? AND kind IN ('article', 'other') AND fetched_at >= ? AND fetched_at <= ?",
        (SHORT_TEXT_CHARS, portal_id, start, end),
    )
    return bool(row and row["n"] and row["short"] * 2 > row["n"])
