"""Rebuild articles, attachments, figures and mentions from the archive, without fetching anything.

Every page body and every attachment file is archived (``pages.body``, ``attachments.body``), so
when an extractor improves, ``harvester reextract`` replays each archived page through
:func:`harvester.ingest.ingest_page` and each archived file through
:func:`harvester.ingest.ingest_attachment` — the same paths as a crawl — and reports which
figures changed. Pages are replayed in article order, so the first copy of a syndicated text
stays the original. Each page and each file is its own transaction: an interrupted reextract
leaves consistent rows and can simply be run again.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from extractors import extract
from harvester import ingest, storage
from harvester.attachments import LIMITS, Limits

log = logging.getLogger(__name__)

_FIGURE_KEY = ("article_id, attachment_id, count, stars, status, year, as_of, place, province, province_2025, "
               "quote, start, end")


@dataclass
class ReextractReport:
    pages: int = 0
    new: int = 0  # pages that became articles (e.g. a better main-text rule found OCOP in them)
    updated: int = 0  # articles whose main text changed
    unchanged: int = 0
    dropped: int = 0  # archived pages that are (still) not OCOP articles
    attachments: int = 0  # archived attachment files read again
    figures_before: int = 0
    figures_after: int = 0
    figures_added: int = 0
    figures_removed: int = 0
    articles_with_changed_figures: int = 0
    attachments_with_changed_figures: int = 0
    documents_pruned: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


def _figures(db: Any, portal_id: str | None) -> Counter[tuple[Any, ...]]:
    sql = f"SELECT {_FIGURE_KEY} FROM figures"
    params: tuple[Any, ...] = ()
    if portal_id:
        sql += (" WHERE article_id IN (SELECT id FROM articles WHERE portal_id = ?)"
                " OR attachment_id IN (SELECT id FROM attachments WHERE portal_id = ?)")
        params = (portal_id, portal_id)
    return Counter(tuple(row) for row in db.conn.execute(sql, params))


def _page_ids(db: Any, portal_id: str | None) -> list[int]:
    """Archived article/other pages, in article order; superseded URL variants are skipped."""
    sql = (
        "SELECT p.id FROM pages p LEFT JOIN articles a ON a.page_id = p.id "
        "WHERE p.kind IN ('article', 'other') AND p.body IS NOT NULL "
        "AND NOT (p.kind = 'article' AND a.id IS NULL)"
    )
    params: tuple[Any, ...] = ()
    if portal_id:
        sql += " AND p.portal_id = ?"
        params = (portal_id,)
    sql += " ORDER BY a.id IS NULL, a.id, p.id"
    return [row[0] for row in db.conn.execute(sql, params)]


def archived_item(db: Any, page_id: int) -> dict[str, Any]:
    """The page item a spider would have yielded, rebuilt from the archive."""
    row = db.conn.execute(
        "SELECT p.url, p.final_url, p.portal_id, po.family, p.status, p.headers, p.body, p.encoding, "
        "p.fetched_at, p.listing_date, p.listing_url FROM pages p "
        "LEFT JOIN portals po ON po.id = p.portal_id WHERE p.id = ?",
        (page_id,),
    ).fetchone()
    url, final_url, portal_id, family, status, headers, body, encoding, fetched_at, listing_date, listing_url = row
    try:
        header_map = json.loads(headers) if headers else {}
    except ValueError:
        header_map = {}
    return {
        "kind": "article", "url": url, "final_url": final_url, "portal_id": portal_id, "family": family,
        "status": status, "headers": header_map, "body": storage.decompress(body), "encoding": encoding,
        "fetched_at": fetched_at, "listing_date": listing_date, "listing_url": listing_url,
        "archived_page_id": page_id,
    }


def _attachment_ids(db: Any, portal_id: str | None) -> list[int]:
    """Attachments whose file is archived (refused and failed downloads have none)."""
    sql = "SELECT id FROM attachments WHERE body IS NOT NULL"
    params: tuple[Any, ...] = ()
    if portal_id:
        sql += " AND portal_id = ?"
        params = (portal_id,)
    return [row[0] for row in db.conn.execute(sql + " ORDER BY id", params)]


def archived_attachment(db: Any, attachment_id: int) -> dict[str, Any]:
    """The attachment item a spider would have yielded, rebuilt from the archive."""
    row = db.conn.execute(
        "SELECT url, name, portal_id, document_id, article_id, http_status, content_type, body, fetched_at "
        "FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    url, name, portal_id, document_id, article_id, status, content_type, body, fetched_at = row
    return {
        "kind": "attachment", "url": url, "name": name, "portal_id": portal_id, "document_id": document_id,
        "article_id": article_id, "status": status, "headers": {"Content-Type": content_type} if content_type else {},
        "body": storage.decompress(body), "fetched_at": fetched_at,
        # a file loaded by ingest-attachment is filed under the number its heading prints, as then
        "number_from_text": str(url).startswith("file:"),
    }


def reextract(db: Any, portal_id: str | None = None, progress: Callable[[int, int], None] | None = None, *,
              extractor: ingest.Extractor = extract, limits: Limits = LIMITS) -> ReextractReport:
    """Replay archived pages and attachment files through the ingest paths; returns what changed."""
    report = ReextractReport()
    before = _figures(db, portal_id)
    page_ids = _page_ids(db, portal_id)
    attachment_ids = _attachment_ids(db, portal_id)
    total = len(page_ids) + len(attachment_ids)
    for number, page_id in enumerate(page_ids, 1):
        result = ingest.ingest_page(db, archived_item(db, page_id), force=True, extractor=extractor)
        report.pages += 1
        if result.status in ("new", "updated", "unchanged", "dropped"):
            setattr(report, result.status, getattr(report, result.status) + 1)
        if progress:
            progress(number, total)
    for number, attachment_id in enumerate(attachment_ids, len(page_ids) + 1):
        ingest.ingest_attachment(db, archived_attachment(db, attachment_id), extractor=extractor, limits=limits)
        report.attachments += 1
        if progress:
            progress(number, total)
    after = _figures(db, portal_id)
    added, removed = after - before, before - after
    report.figures_before, report.figures_after = sum(before.values()), sum(after.values())
    report.figures_added, report.figures_removed = sum(added.values()), sum(removed.values())
    changed = added + removed
    report.articles_with_changed_figures = len({key[0] for key in changed if key[0] is not None})
    report.attachments_with_changed_figures = len({key[1] for key in changed if key[1] is not None})
    report.documents_pruned = storage.prune_documents(db)
    storage.refresh_research(db)  # the canned queries' summary tables follow the new figures
    return report
