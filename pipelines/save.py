"""SavePipeline: one transaction per item through ``harvester.storage`` (``ingest.save_step``).

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
from harvester.schema import open_db

log = logging.getLogger(__name__)

STAT_NAMES = {"new": "new", "updated": "updated", "unchanged": "unchanged", "error": "errors",
              "dropped": "dropped"}
MAX_SAVE_ERRORS_IN_A_ROW = 3


class SavePipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> SavePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.db_path = crawler.settings.get("HARVESTER_DB") or "ocop.db"
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
        item = ingest.as_dict(item)
        if item.get("kind", "article") not in ("article", "fault", "unchanged"):
            return item
        try:
            if self.db is None:
                self.open_spider()
            result = ingest.save_step(self.db, item)
        except (sqlite3.Error, OSError) as exc:
            self.failed(item, exc)
            item.pop("body", None)
            return item
        self.failures_in_a_row = 0
        stat = STAT_NAMES.get(result.status)
        if stat:
            self.crawler.stats.inc_value(f"harvester/{item.get('portal_id')}/{stat}")
        item["_result"] = result
        item.pop("body", None)  # the archive has it; keep the item light for exporters
        return item

    def failed(self, item: dict[str, Any], exc: Exception) -> None:
        """Count a page that could not be stored; stop the portal when saving keeps failing."""
        stats = self.crawler.stats
        stats.inc_value("harvester/save_errors")
        if not stats.get_value("harvester/save_error_message"):
            stats.set_value("harvester/save_error_message", str(exc))
            log.error("%s: could not store %s: %s", item.get("portal_id"), item.get("url"), exc)
        self.failures_in_a_row += 1
        if self.failures_in_a_row == MAX_SAVE_ERRORS_IN_A_ROW:
            log.error("%s: %d pages in a row could not be stored; stopping this portal's crawl",
                      item.get("portal_id"), self.failures_in_a_row)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="save-failed"))
