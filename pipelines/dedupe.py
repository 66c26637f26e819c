"""DedupePipeline: canonical URL and main-text hash (``ingest.dedupe_step``).

The decision "this text is already stored under another URL" is taken by the store inside
the save transaction (so two copies arriving together cannot both become originals); this
step only computes the keys. Canonical-URL variants update one article; a syndicated copy
is stored with ``duplicate_of`` and no figures (docs/storage.md).
"""

from __future__ import annotations

from typing import Any

from harvester import ingest


class DedupePipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: Any) -> dict[str, Any]:
        return ingest.dedupe_step(ingest.as_dict(item))
