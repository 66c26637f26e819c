"""NormalizePipeline: decode the page body, find its main text, decide relevance (one step).

The crawl prepares pages with :class:`pipelines.prepare.PreparePipeline` (all steps, off the
reactor thread); this class and its two siblings (dedupe, extract) run the same steps one at a
time, for tools and tests that chain them by hand.
"""

from __future__ import annotations

from typing import Any

from pipelines.prepare import normalize


class NormalizePipeline:
    """Adds ``_main`` (MainText), ``_encoding``, ``_ocop`` (relevance) and ``_decoding``."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormalizePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: Any) -> dict[str, Any]:
        return normalize(item)
