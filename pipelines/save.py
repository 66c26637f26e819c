"""SavePipeline: one transaction per item through ``harvester.storage`` (``ingest.save_step``).

The writes go to **the one writer**: a helper process (``pipelines.processes``) that owns the
run's connection to the database and stores each page, in the order the pages come, in its own
transaction (page, seen mark, article, figures together, so a ``kill -9`` loses at most the page
in hand). The reactor process only waits for the short answer. With
``HARVESTER_EXTRACT_WORKERS=0`` the crawl process writes itself.

Counts what happened per portal in the crawl stats (``harvester/<portal>/new``, ``updated``,
``unchanged``, ``errors``, ``dropped``) for the runner's summary and ``crawl_runs``.
A page that cannot be stored (disk full, read-only file, database locked too long) is an
error, never a silent loss: it is counted in ``harvester/save_errors`` (the summary's err
column, a non-zero exit code, no frontier advance, so the next run fetches it again), and
after ``MAX_SAVE_ERRORS_IN_A_ROW`` failures in a row the portal's crawl stops instead of
fetching pages it cannot keep. Document and attachment items pass through untouched for their
own pipeline.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from scrapy.utils.defer import deferred_from_coro

from harvester import ingest
from harvester.errors import HarvesterError
from harvester.schema import open_db
from pipelines.prepare import unpacked
from pipelines.processes import HELPERS, HelperDied, HelperFailed

log = logging.getLogger(__name__)

STAT_NAMES = {"new": "new", "updated": "updated", "unchanged": "unchanged", "error": "errors",
              "dropped": "dropped"}
MAX_SAVE_ERRORS_IN_A_ROW = 3
SAVED_KINDS = ("article", "fault", "unchanged")

# The writer process's connection, opened at its first item (one database a run).
_DATABASES: dict[str, Any] = {}


def store(db: Any, item: dict[str, Any]) -> tuple[str, Any]:
    """``("stored", ArticleResult)``, or ``("failed", why)`` when the database refused the write."""
    try:
        return "stored", ingest.save_step(db, unpacked(item))
    except (sqlite3.Error, OSError) as exc:
        return "failed", str(exc)


def write(message: tuple[str, dict[str, Any]]) -> tuple[str, Any]:
    """The writer's job: open the run's database once, then store each item it is sent."""
    db_path, item = message
    try:
        db = _DATABASES.get(db_path)
        if db is None:
            db = _DATABASES[db_path] = open_db(db_path)
    except (sqlite3.Error, OSError, HarvesterError) as exc:
        return "failed", str(exc)
    return store(db, item)


def for_the_writer(item: dict[str, Any]) -> dict[str, Any]:
    """The item without its raw body when an extraction worker already compressed it."""
    if "_prepared" in item:
        return {key: value for key, value in item.items() if key != "body"}
    return item


class SavePipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> SavePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.db_path = crawler.settings.get("HARVESTER_DB") or "ocop.db"
        # outside the harvester's own settings (tools, tests) the pipeline writes in-process
        pipeline.use_writer = crawler.settings.getint("HARVESTER_EXTRACT_WORKERS", 0) > 0
        pipeline.profile_dir = crawler.settings.get("HARVESTER_PROFILE_HELPERS") or None
        pipeline.db = None
        pipeline.failures_in_a_row = 0
        return pipeline

    def open_spider(self) -> None:
        self.db = open_db(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.conn.close()
            self.db = None

    def process_item(self, item: Any) -> Any:
        """The stored item, or (through the writer) a coroutine that gives it."""
        item = ingest.as_dict(item)
        if item.get("kind", "article") not in SAVED_KINDS:
            return item
        writer = HELPERS.get("writer", write, 1, profile_dir=self.profile_dir) if self.use_writer else None
        if writer is None:
            return self.account(item, self.save_here(item))
        return self.save_through(writer, item)

    async def save_through(self, writer: Any, item: dict[str, Any]) -> dict[str, Any]:
        try:
            outcome = await writer.ask((self.db_path, for_the_writer(item)))
        except HelperDied as exc:
            log.warning("%s; writing from the crawl process from now on", exc)
            HELPERS.mark_broken("writer")
            self.use_writer = False
            outcome = self.save_here(item)
        except HelperFailed as exc:  # the writer raised on this page: not stored, so counted as such
            outcome = "failed", str(exc)
        return self.account(item, outcome)

    def save_here(self, item: dict[str, Any]) -> tuple[str, Any]:
        try:
            if self.db is None:
                self.open_spider()
        except (sqlite3.Error, OSError, HarvesterError) as exc:
            return "failed", str(exc)
        return store(self.db, item)

    def account(self, item: dict[str, Any], outcome: tuple[str, Any]) -> dict[str, Any]:
        """Stats for what happened to the item; the item, lighter (the archive has its body)."""
        status, value = outcome
        item.pop("body", None)
        if status == "failed":
            self.failed(item, value)
            return item
        self.failures_in_a_row = 0
        stat = STAT_NAMES.get(value.status)
        if stat:
            self.crawler.stats.inc_value(f"harvester/{item.get('portal_id')}/{stat}")
        item["_result"] = value
        return item

    def failed(self, item: dict[str, Any], why: str) -> None:
        """Count a page that could not be stored; stop the portal when saving keeps failing."""
        stats = self.crawler.stats
        stats.inc_value("harvester/save_errors")
        if not stats.get_value("harvester/save_error_message"):
            stats.set_value("harvester/save_error_message", why)
            log.error("%s: could not store %s: %s", item.get("portal_id"), item.get("url"), why)
        self.failures_in_a_row += 1
        if self.failures_in_a_row == MAX_SAVE_ERRORS_IN_A_ROW:
            log.error("%s: %d pages in a row could not be stored; stopping this portal's crawl",
                      item.get("portal_id"), self.failures_in_a_row)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="save-failed"))
