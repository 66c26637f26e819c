"""spiders.pagination on the pagers real portals print (one rule per test, then the edge cases)."""

from __future__ import annotations

import re

import pytest
from scrapy.http import HtmlResponse, Request

from spiders.pagination import Postback, is_page_after, next_page, page_number

ARTICLE = re.compile(r"-\d{3,}\.html$|/bai-viet/")


def page(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=f"<html><body>{body}</body></html>".encode(), encoding="utf-8",
                        request=Request(url))


def nxt(url: str, body: str, page_no: int = 1):
    return next_page(page(url, body), page=page_no, is_article=lambda u: bool(ARTICLE.search(u)))


def test_rel_next():
    body = '<ul class="pagination"><li><a rel="next" href="/vi/news/ocop/page-2/">&raquo;</a></li></ul>'
    assert nxt("http://t.vn/vi/news/ocop/", body) == "http://t.vn/vi/news/ocop/page-2/"


def test_numbered_links_in_ul_pagination_without_rel():
    # NukeViet's nv_generate_page on a theme that prints no rel, current page 2 closed by a stray <li>
    body = ('<ul class="pagination"><li><a href="/vi/news/ocop/">1</a></li>'
            '<li class="active"><a href="javascript:void(0)">2</a><li>'
            '<li><a href="/vi/news/ocop/page-3/">3</a></li><li><a href="/vi/news/ocop/page-4/">4</a></li></ul>')
    assert nxt("http://t.vn/vi/news/ocop/page-2/", body, page_no=2) == "http://t.vn/vi/news/ocop/page-3/"


def test_raquo_without_rel():
    body = '<div class="text-center"><a href="/vi/news/ocop/page-2/" title="Trang 2">&raquo;</a></div>'
    assert nxt("http://t.vn/vi/news/ocop/", body) == "http://t.vn/vi/news/ocop/page-2/"


@pytest.mark.parametrize("label", ["Trang sau", "Trang sau »", "TRANG SAU", "Tiếp", "Tiếp »", "Tiếp theo", "Sau »",
                                   "Next", "›", "→"])
def test_next_labels(label):
    body = f'<div class="paging"><a href="/tin-tuc/p1.aspx">Trước</a> <a href="/tin-tuc/danh-sach.aspx?x=2">{label}</a></div>'
    assert nxt("http://t.vn/tin-tuc/danh-sach.aspx", body) == "http://t.vn/tin-tuc/danh-sach.aspx?x=2"


@pytest.mark.parametrize("key", ["page", "Page", "trang", "paged"])
def test_query_page_number_without_any_label(key):
    body = f'<div><a href="/tim-kiem?q=OCOP&amp;{key}=2">xem</a> <a href="/tim-kiem?q=OCOP&amp;{key}=3">nữa</a></div>'
    assert nxt("http://t.vn/tim-kiem?q=OCOP", body) == f"http://t.vn/tim-kiem?q=OCOP&{key}=2"
    assert nxt(f"http://t.vn/tim-kiem?q=OCOP&{key}=2", body, 2) == f"http://t.vn/tim-kiem?q=OCOP&{key}=3"


@pytest.mark.parametrize(("current", "link"), [
    ("http://t.vn/vi/news/ocop/", "/vi/news/ocop/page-2/"),
    ("http://t.vn/vi/news/ocop/page-2/", "/vi/news/ocop/page-3/"),
    ("http://t.vn/category/tin-tuc/", "/category/tin-tuc/page/2/"),
    ("http://t.vn/tin-tuc/", "/tin-tuc/trang-2.html"),
    ("http://t.vn/web/guest/tin?p_p_id=101&_101_cur=3", "/web/guest/tin?p_p_id=101&_101_cur=4"),
    ("http://t.vn/index.php/component/k2/itemlist/category/38-ocop", "/index.php/component/k2/itemlist/category/38-ocop?start=12"),
])
def test_page_markers_in_paths_and_queries(current, link):
    assert nxt(current, f'<p><a href="{link}">…</a></p>') == "http://t.vn" + link


def test_sharepoint_postback_pager():
    body = ('<form id="aspnetForm" method="post"><input type="hidden" name="__VIEWSTATE" value="x">'
            '<div class="Paging"><span>1</span>'
            "<a href=\"javascript:__doPostBack('ctl00$ctl39$g_1a2b$ctl00$Pager','Page$2')\">2</a>"
            "<a href=\"javascript:__doPostBack('ctl00$ctl39$g_1a2b$ctl00$Pager','Page$3')\">3</a></div></form>")
    assert nxt("http://t.vn/Pages/tin-tuc.aspx", body) == Postback("ctl00$ctl39$g_1a2b$ctl00$Pager", "Page$2")
    assert nxt("http://t.vn/Pages/tin-tuc.aspx", body, page_no=2) == Postback("ctl00$ctl39$g_1a2b$ctl00$Pager", "Page$3")


def test_last_page_has_no_next():
    body = ('<ul class="pagination"><li><a href="/vi/news/ocop/page-2/">&laquo;</a></li><li><a href="/vi/news/ocop/">1</a>'
            '</li><li><a href="/vi/news/ocop/page-2/">2</a></li><li class="active"><a href="#">3</a></li></ul>')
    assert nxt("http://t.vn/vi/news/ocop/page-3/", body, page_no=3) is None


def test_article_links_and_other_hosts_are_never_a_next_page():
    body = ('<div class="nav-links"><a href="/bai-viet/hoi-cho-ocop-2024-12.html">Bài tiếp theo</a>'
            '<a href="http://other.vn/tin-tuc/trang-2.html">Trang sau</a></div>')
    assert nxt("http://t.vn/tin-tuc/", body) is None


def test_another_listing_with_a_page_number_is_not_this_one():
    body = '<p><a href="/vi/news/tin-khac/page-2/">2</a> <a href="/tim-kiem?q=khac&amp;page=2">2</a></p>'
    assert nxt("http://t.vn/vi/news/ocop/", body) is None


def test_page_number_and_page_after():
    assert page_number("http://t.vn/vi/news/ocop/page-7/")[1:] == (7, False)
    assert page_number("http://t.vn/x?start=24")[1:] == (24, True)
    assert page_number("http://t.vn/vi/news/ocop/") is None
    assert is_page_after("http://t.vn/a/?start=12", "http://t.vn/a/?start=0")
    assert not is_page_after("http://t.vn/a/page-3/", "http://t.vn/a/")


def test_postback_form_carries_every_field_of_the_aspnet_form():
    from spiders.pagination import postback_form

    body = ('<form id="search"><input name="q" value="x"></form>'
            '<form id="aspnetForm" method="post" action="./tin-tuc.aspx">'
            '<input type="hidden" name="__VIEWSTATE" value="/wEPDw"><input type="hidden" name="__EVENTVALIDATION" value="ev">'
            '<input type="text" name="ctl00$Search" value=""><input type="submit" name="ctl00$Go" value="Tìm">'
            '<input type="checkbox" name="ctl00$All"><input type="checkbox" name="ctl00$Mine" checked>'
            '<select name="ctl00$Year"><option value="2023">2023</option><option value="2024" selected>2024</option></select>'
            '<input type="hidden" name="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" value="">'
            '</form>')
    url, fields = postback_form(page("http://t.vn/Pages/tin-tuc.aspx", body), Postback("ctl00$Pager", "Page$3"))
    assert url == "http://t.vn/Pages/tin-tuc.aspx"
    assert fields == {"__VIEWSTATE": "/wEPDw", "__EVENTVALIDATION": "ev", "ctl00$Search": "", "ctl00$Mine": "on",
                      "ctl00$Year": "2024", "__EVENTTARGET": "ctl00$Pager", "__EVENTARGUMENT": "Page$3"}
    assert postback_form(page("http://t.vn/a.aspx", '<form><input name="q"></form>'), Postback("a", "b")) is None
