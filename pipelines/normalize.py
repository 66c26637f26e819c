"""NormalizePipeline: decode the page body and find its main text (``ingest.normalize_step``)."""

from __future__ import annotations

from typing import Any

from harvester import ingest


class NormalizePipeline:
    """Adds ``_main`` (MainText), ``_encoding`` and ``_ocop`` (relevance) to article items."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormalizePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: Any) -> dict[str, Any]:
        return ingest.normalize_step(item)
