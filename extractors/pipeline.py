"""Run every extractor over a passage and assemble one Extraction.

(Interim stub until the extractor modules land: returns an empty Extraction.)
"""

from __future__ import annotations

from extractors.records import Extraction


def extract(text: str, *, title: str | None = None, date_line: str | None = None,
            url: str | None = None) -> Extraction:
    """Extract figures, documents, published date and provinces from plain text."""
    return Extraction(text=text, title=title)


def extract_html(html: str | bytes, *, url: str | None = None, family: str | None = None) -> Extraction:
    """Take the main text of an HTML page first, then :func:`extract` it."""
    return Extraction(text="")
