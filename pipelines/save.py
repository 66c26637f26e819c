"""SavePipeline: one transaction per item through ``harvester.storage`` (``ingest.save_step``).

Counts what happened per portal in the crawl stats (``harvester/<portal>/new``, ``updated``,
``unchanged``, ``errors``, ``dropped``) for the runner's summary and ``crawl_runs``.
Document and attachment items pass through untouched for their own pipeline.
"""

from __future__ import annotations

from typing import Any

from harvester import ingest
from harvester.schema import open_db

STAT_NAMES = {"new": "new", "updated": "updated", "unchanged": "unchanged", "error": "errors",
              "dropped": "dropped"}


class SavePipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> SavePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.db_path = crawler.settings.get("HARVESTER_DB") or "ocop.db"
        pipeline.db = None
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
        if self.db is None:
            self.open_spider()
        result = ingest.save_step(self.db, item)
        stat = STAT_NAMES.get(result.status)
        if stat:
            self.crawler.stats.inc_value(f"harvester/{item.get('portal_id')}/{stat}")
        item["_result"] = result
        item.pop("body", None)  # the archive has it; keep the item light for exporters
        return item
