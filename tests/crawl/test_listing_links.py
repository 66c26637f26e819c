"""Listing links are read from lxml elements: the same entries parsel's selectors gave."""

from __future__ import annotations

from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from harvester.registry import Portal
from spiders.generic import GenericSpider

BASE = "http://127.0.0.11:8000"
LISTING = f"""<html><head><base href="{BASE}/tin-tuc/"></head><body>
<a href="bai-1.html"><img src="a.jpg"></a>
<a href="bai-1.html">Quảng Ninh có thêm <b>12</b> sản phẩm OCOP<!-- hết --> đạt 4 sao</a>
<a href="/bai-2.html" title="Hà Giang công nhận 9 sản phẩm">ảnh</a>
<a href="/bai-3.html">Lạng Sơn <script>var x = 1;</script><span>tổng kết <i>OCOP</i></span> năm 2025</a>
<a name="neo">không có liên kết</a>
<a href="">trang này</a>
</body></html>""".encode()


def _parsel_entries(response):
    """What anchor_entries gave before: a parsel Selector per link."""
    out = []
    for link in response.css("a[href]"):
        title = link.attrib.get("title") or " ".join(link.css("::text").getall())
        out.append((response.urljoin(link.attrib["href"]), title.strip() or None))
    return out


def test_anchor_entries_match_parsels_links_and_titles():
    crawler = get_crawler(GenericSpider)
    portal = Portal(id="t", name="t", family="generic", start_urls=[BASE + "/"], site_kind="newspaper", domain=BASE)
    spider = GenericSpider.from_crawler(crawler, portal=portal, db_path=None)
    response = HtmlResponse(url=BASE + "/tin-tuc/", body=LISTING)
    entries = [(e.url, e.title) for e in spider.anchor_entries(response)]
    assert entries == _parsel_entries(response)
    assert entries[1] == (BASE + "/tin-tuc/bai-1.html", "Quảng Ninh có thêm  12  sản phẩm OCOP  đạt 4 sao")
    assert len(entries) == 5  # the <a> without href is not a link
