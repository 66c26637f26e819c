"""SharePointSpider on the imitation SharePoint portal: ?Page=N paging, day-only dates, PublishingPortal variant."""

from __future__ import annotations

import pytest

from spiders import spider_for
from spiders.pagination import page_number
from spiders.sharepoint import SharePointPublishingPortalSpider, SharePointSpider

from .conftest import BASE, items_of, render, requests_of

OCOP_LIST = "/Pages/chuong-trinh-ocop.aspx"
NEWS_LIST = "/Pages/tin-tuc.aspx"


def walk(site, spider, start):
    articles, path, page, listings = [], start, 1, []
    while path:
        out = requests_of(spider.parse_listing(render(site, path, meta={"harvester_kind": "listing",
                                                                           "harvester_page": page})))
        articles += [r for r in out if r.meta["harvester_kind"] == "article"]
        nxt = [r.url for r in out if r.meta["harvester_kind"] == "listing"]
        assert len(nxt) <= 1
        listings += nxt
        path = nxt[0][len(BASE):] if nxt else None
        page += 1
    return articles, listings


@pytest.mark.parametrize("cls", [SharePointSpider, SharePointPublishingPortalSpider])
def test_listing_walk_reaches_every_article_with_day_only_dates(fixture_site, make_spider, cls):
    site = fixture_site("sharepoint")
    spider = make_spider(cls)
    posts = site.newest_first(category="ocop")
    articles, listings = walk(site, spider, OCOP_LIST)
    assert [r.url for r in articles] == [BASE + p.path for p in posts]
    assert [r.meta["listing_date"] for r in articles] == [p.published.strftime("%d/%m/%Y") for p in posts]
    assert [page_number(u)[1] for u in listings] == list(range(2, len(listings) + 2))
    assert len(listings) + 1 == -(-len(posts) // site.settings["per_page"])


def test_generalist_portal_filters_titles_only_beyond_the_fetch_all_depth(fixture_site, make_spider):
    site = fixture_site("sharepoint")
    by_url = {BASE + p.path: p.article for p in site.posts}
    page_one = {BASE + p.path for p in site.newest_first()[: site.settings["per_page"]]}
    fetched, _ = walk(site, make_spider(SharePointSpider, site_kind="portal", HARVESTER_FETCH_ALL_PAGES=1), NEWS_LIST)
    everything, _ = walk(site, make_spider(SharePointSpider, site_kind="portal"), NEWS_LIST)
    assert {r.url for r in everything} == set(by_url)
    assert {r.url for r in fetched} >= page_one
    assert fetched and all(by_url[r.url].is_ocop for r in fetched if r.url not in page_one)
    assert len(fetched) < len(everything)


def test_pictures_paging_and_layout_links_are_not_articles(make_spider):
    spider = make_spider(SharePointSpider)
    for path in ("/Pages/tin-tuc.aspx?Page=2", "/_layouts/15/start.aspx", "/PictureLibrary/thumb/3.jpg",
                 "/Pages/tin-tuc.aspx", "/Lists/VanBan/Attachments/5/qd.pdf"):
        assert not spider.is_article_url(BASE + path), path
    assert spider.is_article_url(BASE + "/pages/so-ket-ocop-2022-a1f3.aspx")
    assert spider.is_article_url(BASE + "/Trang/ChiTietTinTuc.aspx?nid=1234")


def test_article_item_carries_the_duplicated_body_once_per_fetch(fixture_site, make_spider):
    from extractors.html import main_text

    site = fixture_site("sharepoint")
    post = site.newest_first(category="ocop")[0]
    spider = make_spider(SharePointSpider)
    [item] = items_of(spider.parse_article(render(site, post.path, meta={"harvester_kind": "article"})))
    assert item["family"] == "sharepoint" and item["url"] == BASE + post.path
    html = item["body"].decode("utf-8")
    assert html.count(post.article.lead) == 2  # the page renders the article twice (print block)
    text = main_text(html, url=item["url"], family="sharepoint").text
    assert text.count(post.article.paragraphs[-1]) == 1


def test_variant_is_chosen_from_the_registry_settings():
    assert spider_for("sharepoint", "publishingportal") is SharePointPublishingPortalSpider
    assert spider_for("sharepoint") is SharePointSpider
    assert SharePointPublishingPortalSpider.name == "sharepoint-publishingportal"
