"""DocumentsPipeline: "document" items to ``storage.save_document``, "attachment" items through
``ingest.prepare_attachment`` (read → extract) and ``storage.save_attachment``.

One transaction per item. Other kinds pass through untouched. An attachment is read and extracted
in a thread (``ingest.prepare_attachment``): a PDF is read by a child process
(``harvester/pdf_reader.py``) that may take from 0.2 s to its time limit, and a long decision's
figures take a while too, while the reactor keeps downloading. The record is saved back on the
reactor's thread, which owns the connection.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from harvester import ingest, storage
from harvester.schema import open_db

log = logging.getLogger(__name__)

# Attachments read at once: each PDF reader may take its whole memory limit (attachments.Limits), so
# the crawl's concurrent items must not multiply it; two keep both cores of a small machine busy.
ATTACHMENTS_AT_ONCE = 2


class DocumentsPipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> DocumentsPipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.db_path = crawler.settings.get("HARVESTER_DB") or "ocop.db"
        pipeline.db = None
        pipeline.reading = None  # the semaphore, made in the crawl's event loop at the first attachment
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        self.db = open_db(self.db_path)

    def close_spider(self, spider: Any = None) -> None:
        if self.db is not None:
            self.db.conn.close()
            self.db = None

    async def process_item(self, item: Any, spider: Any = None) -> Any:
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
                attachment = ingest.as_dict(item)
                if self.reading is None:
                    self.reading = asyncio.Semaphore(ATTACHMENTS_AT_ONCE)
                async with self.reading:
                    record = await asyncio.to_thread(ingest.prepare_attachment, attachment)
                storage.save_attachment(self.db, attachment, record)
        except Exception as exc:  # one bad item must not stop the crawl; it is logged and counted
            log.error("%s: could not store %s item: %s", item.get("url"), kind, exc)
            if stats:
                stats.inc_value(f"harvester/documents/{kind}_errors")
            return item
        if stats:
            stats.inc_value(f"harvester/documents/{kind}s")
        return item
