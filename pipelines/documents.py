"""DocumentsPipeline: "document" items to ``storage.save_document``, "attachment" items through
``ingest.ingest_attachment`` (read → extract → save).

One transaction per item. Other kinds pass through untouched.
"""

from __future__ import annotations

import logging
from typing import Any

from harvester import ingest, storage
from harvester.schema import open_db

log = logging.getLogger(__name__)


class DocumentsPipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> DocumentsPipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.db_path = crawler.settings.get("HARVESTER_DB") or "ocop.db"
        pipeline.db = None
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        self.db = open_db(self.db_path)

    def close_spider(self, spider: Any = None) -> None:
        if self.db is not None:
            self.db.conn.close()
            self.db = None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        kind = dict(item).get("kind") if hasattr(item, "keys") else None
        if kind not in ("document", "attachment"):
            return item
        if self.db is None:
            self.open_spider()
        stats = getattr(self.crawler, "stats", None)
        try:
            if kind == "document":
                storage.save_document(self.db, item)
            else:
                ingest.ingest_attachment(self.db, item)
        except Exception as exc:  # one bad item must not stop the crawl; it is logged and counted
            log.error("%s: could not store %s item: %s", item.get("url"), kind, exc)
            if stats:
                stats.inc_value(f"harvester/documents/{kind}_errors")
            return item
        if stats:
            stats.inc_value(f"harvester/documents/{kind}s")
        return item
