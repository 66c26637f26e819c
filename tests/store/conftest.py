"""Helpers for the storage tests: page items, hand-built extractions and a rule-based extractor.

The store does not care how figures were found, so most tests build ``Extraction`` records
directly. ``count_extractor`` is a small deterministic extractor (every "<n> sản phẩm OCOP"
becomes a figure), passed as ``extractor=`` where a test needs the ingest path to produce
figures from text.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from extractors.records import DocumentRef, Extraction, Figure, MainText

FETCHED = "2026-03-02T01:00:00+00:00"


def article_html(title: str, paragraphs: list[str], *, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><nav><a href='/'>Trang chủ</a></nav><article><h1>{title}</h1>{body}</article></body></html>")
    return html.encode(charset)


def page_item(url: str, body: bytes, *, portal_id: str = "demo-portal", fetched_at: str = FETCHED,
              final_url: str | None = None, **extra) -> dict:
    item = {
        "kind": "article", "url": url, "final_url": final_url or url, "portal_id": portal_id,
        "family": "generic", "status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"},
        "body": body, "encoding": "utf-8", "fetched_at": fetched_at, "listing_date": None, "listing_url": None,
    }
    item.update(extra)
    return item


_COUNT = re.compile(r"(\d+) sản phẩm OCOP(?: đạt (\d) sao)?")
_DOC = re.compile(r"Quyết định số (\d+/QĐ-[A-Za-zĐ]+)")


def count_extractor(text, *, title=None, date_line=None, url=None, published=None, truncated=None,
                    min_count: int = 0) -> Extraction:
    """A deterministic stand-in extractor: figures from '<n> sản phẩm OCOP [đạt k sao]'."""
    text = text or ""
    figures = [
        Figure(count=int(m.group(1)), stars=m.group(2), status="achieved", year=None, place=None,
               province=None, province_2025=None, quote=m.group(0), start=m.start(), end=m.end())
        for m in _COUNT.finditer(text) if int(m.group(1)) >= min_count
    ]
    documents = [
        DocumentRef(number=m.group(1), type="Quyết định", issuer=m.group(1).split("-")[-1], issued=None,
                    quote=m.group(0), start=m.start(), end=m.end())
        for m in _DOC.finditer(text)
    ]
    return Extraction(text=text, title=title, figures=figures, documents=documents)


def extraction_for(text: str, title: str = "Tin OCOP") -> Extraction:
    return count_extractor(text, title=title)


def main_for(extraction: Extraction) -> MainText:
    return MainText(title=extraction.title, text=extraction.text)


@pytest.fixture
def kit():
    """The helpers above, for test modules (importlib mode cannot import conftest directly)."""
    return SimpleNamespace(article_html=article_html, page_item=page_item, count_extractor=count_extractor,
                           extraction_for=extraction_for, main_for=main_for, FETCHED=FETCHED)
