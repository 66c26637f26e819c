"""ExtractPipeline: figures, documents, date and provinces (``ingest.extract_step``)."""

from __future__ import annotations

from typing import Any

from harvester import ingest


class ExtractPipeline:
    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: Any) -> dict[str, Any]:
        return ingest.extract_step(ingest.as_dict(item))
