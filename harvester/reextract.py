"""Rebuild articles, figures and mentions from the archived pages, without fetching anything.

Every page body is archived (``pages.body``), so when an extractor improves, ``harvester
reextract`` replays each archived page through :func:`harvester.ingest.ingest_page` — the same
normalize → dedupe → extract → save path as a crawl — and reports which figures changed.
Pages are replayed in article order, so the first copy of a syndicated text stays the original.
Each page is its own transaction: an interrupted reextract leaves consistent rows and can simply
be run again.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from harvester import ingest, storage

log = logging.getLogger(__name__)

_FIGURE_KEY = "article_id, count, stars, status, year, as_of, place, province, province_2025, quote, start, end"


@dataclass
class ReextractReport:
    pages: int = 0
    new: int = 0  # pages that became articles (e.g. a better main-text rule found OCOP in them)
    updated: int = 0  # articles whose main text changed
    unchanged: int = 0
    dropped: int = 0  # archived pages that are (still) not OCOP articles
    figures_before: int = 0
    figures_after: int = 0
    figures_added: int = 0
    figures_removed: int = 0
    articles_with_changed_figures: int = 0
    documents_pruned: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


def _figures(db: Any, portal_id: str | None) -> Counter[tuple[Any, ...]]:
    sql = f"SELECT {_FIGURE_KEY} FROM figures WHERE article_id IS NOT NULL"
    params: tuple[Any, ...] = ()
    if portal_id:
        sql += " AND article_id IN (SELECT id FROM articles WHERE portal_id = ?)"
        params = (portal_id,)
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


def reextract(db: Any, portal_id: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> ReextractReport:
    """Replay archived pages through the ingest path; returns what changed."""
    report = ReextractReport()
    before = _figures(db, portal_id)
    page_ids = _page_ids(db, portal_id)
    for number, page_id in enumerate(page_ids, 1):
        result = ingest.ingest_page(db, archived_item(db, page_id), force=True)
        report.pages += 1
        if result.status in ("new", "updated", "unchanged", "dropped"):
            setattr(report, result.status, getattr(report, result.status) + 1)
        if progress:
            progress(number, len(page_ids))
    after = _figures(db, portal_id)
    added, removed = after - before, before - after
    report.figures_before, report.figures_after = sum(before.values()), sum(after.values())
    report.figures_added, report.figures_removed = sum(added.values()), sum(removed.values())
    report.articles_with_changed_figures = len({key[0] for key in (added + removed)})
    report.documents_pruned = prune_documents(db)
    return report


def prune_documents(db: Any) -> int:
    """Delete documents nothing refers to any more (no mention, figure, product, page or URL)."""
    with storage.transaction(db):
        cursor = db.conn.execute(
            "DELETE FROM documents WHERE url IS NULL AND page_id IS NULL "
            "AND id NOT IN (SELECT document_id FROM document_mentions WHERE document_id IS NOT NULL) "
            "AND id NOT IN (SELECT document_id FROM figures WHERE document_id IS NOT NULL) "
            "AND id NOT IN (SELECT document_id FROM products WHERE document_id IS NOT NULL) "
            "AND id NOT IN (SELECT document_id FROM attachments WHERE document_id IS NOT NULL)"
        )
    return cursor.rowcount
