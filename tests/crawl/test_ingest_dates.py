"""The crawl's extract step dates a page as `harvester extract` does (extractors.pipeline.extract_html):
the date the page prints, else the date its markup carries, else the date its listing gave it."""

from __future__ import annotations

from extractors.pipeline import extract_html
from harvester import ingest

_PROSE = "<p>" + "Huyện tiếp tục hỗ trợ các chủ thể hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc. " * 3 + "</p>"


def _page(time_element: str) -> str:
    return ("<html><head><title>OCOP</title></head><body><article>"
            "<h1 class='entry-title'>Tuyên Quang công nhận 20 sản phẩm OCOP</h1>"
            f"<div class='entry-meta'>{time_element}</div><div class='entry-content'>"
            "<p>UBND tỉnh ban hành Quyết định công nhận 20 sản phẩm OCOP.</p>"
            f"{_PROSE}</div></article></body></html>")


def _crawled(html: str, listing_date: str | None) -> str | None:
    item = {"kind": "article", "url": "http://127.0.0.1/tin/a.html", "body": html.encode(), "family": "wordpress",
            "listing_date": listing_date}
    extraction = ingest.extract_step(ingest.dedupe_step(ingest.normalize_step(item)))["_extraction"]
    return extraction.published.value if extraction.published else None


def test_a_date_only_in_the_markup_is_the_one_stored() -> None:
    # the template prints a relative time; the <time datetime> holds the date
    html = _page("<time class='entry-date published' datetime='2021-06-14T11:15:00+07:00'>3 ngày trước</time>")
    assert extract_html(html, family="wordpress").published.value == "2021-06-14T11:15:00+07:00"
    assert _crawled(html, listing_date="2021-06-20") == "2021-06-14T11:15:00+07:00"


def test_the_printed_date_comes_before_the_listing_date() -> None:
    html = _page("<time class='entry-date published' datetime='2021-06-14T11:15:00+07:00'>14/06/2021</time>")
    assert _crawled(html, listing_date="2021-06-20") == "2021-06-14"


def test_a_page_without_a_date_takes_its_listing_date() -> None:
    assert _crawled(_page(""), listing_date="2021-06-20") == "2021-06-20"
