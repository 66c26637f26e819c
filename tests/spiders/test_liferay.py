"""LiferaySpider on the imitation Liferay 6.2 portal: _cur=N paging and redirect= variants of one article."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from spiders.liferay import LiferaySpider
from spiders.pagination import page_number

from .conftest import BASE, items_of, render, requests_of

OCOP_PAGE = "/web/guest/chuong-trinh-ocop"
NEWS_PAGE = "/web/guest/tin-tuc"


def walk(site, spider, start):
    """parse_listing from ``start`` following the spider's own next-page requests; article URLs in order."""
    articles, path, page, pages = [], start, 1, []
    while path:
        out = requests_of(spider.parse_listing(render(site, path, meta={"harvester_kind": "listing",
                                                                           "harvester_page": page})))
        articles += [r for r in out if r.meta["harvester_kind"] == "article"]
        nxt = [r for r in out if r.meta["harvester_kind"] == "listing"]
        assert len(nxt) <= 1
        path = nxt[0].url[len(BASE):] if nxt else None
        pages.append(path)
        page += 1
    return articles, pages[:-1]


def test_listing_links_are_canonical_with_printed_dates_and_next_cur(fixture_site, make_spider):
    site = fixture_site("liferay")
    spider = make_spider(LiferaySpider)
    out = requests_of(spider.parse_listing(render(site, OCOP_PAGE, meta={"harvester_kind": "listing",
                                                                            "harvester_page": 1})))
    articles = [r for r in out if r.meta["harvester_kind"] == "article"]
    [nxt] = [r for r in out if r.meta["harvester_kind"] == "listing"]
    expected = site.newest_first(category="ocop")[: site.settings["per_page"]]
    assert [r.url for r in articles] == [BASE + p.path for p in expected]
    assert not [r for r in articles if "redirect" in r.url or "p_p_" in r.url]
    assert [r.meta["listing_date"] for r in articles] == [p.published.strftime("%d/%m/%Y") for p in expected]
    assert page_number(nxt.url)[1] == 2 and nxt.meta["harvester_page"] == 2


def test_walking_a_listing_reaches_every_article_and_stops_at_the_last_cur(fixture_site, make_spider):
    site = fixture_site("liferay")
    spider = make_spider(LiferaySpider)
    posts = site.newest_first(category="ocop")
    articles, pages = walk(site, spider, OCOP_PAGE)
    assert [r.url for r in articles] == [BASE + p.path for p in posts]
    assert [page_number(BASE + p)[1] for p in pages] == list(range(2, len(pages) + 2))
    assert len(pages) + 1 == -(-len(posts) // site.settings["per_page"])


def test_redirect_variants_of_one_article_are_requested_once(fixture_site, make_spider):
    site = fixture_site("liferay")
    spider = make_spider(LiferaySpider)
    # the raw listing markup links the same article with a different redirect= per listing page
    ocop_links = render(site, OCOP_PAGE).css("a::attr(href)").getall()
    news_links = render(site, NEWS_PAGE).css("a::attr(href)").getall()
    shared = [p for p in site.newest_first(category="ocop")[:2] if any(p.path in h for h in news_links)]
    assert shared, "the fixture lists OCOP articles on both listings"
    variants = {parse_qs(urlsplit(h).query).get("redirect", [""])[0]
                for h in ocop_links + news_links if shared[0].path in h}
    assert len(variants) >= 2

    ocop, _ = walk(site, spider, OCOP_PAGE)
    news, _ = walk(site, spider, NEWS_PAGE)
    urls = [r.url for r in ocop + news]
    assert len(urls) == len(set(urls))
    assert {BASE + p.path for p in site.posts} == set(urls)


def test_seen_article_under_another_redirect_is_not_refetched(fixture_site, make_spider):
    site = fixture_site("liferay")
    known = {BASE + p.path for p in site.posts}
    top = [p.path for p in site.newest_first()[:2]]
    spider = make_spider(LiferaySpider, seen=known, frontier={NEWS_PAGE: top})
    out = requests_of(spider.parse_listing(render(site, NEWS_PAGE, meta={"harvester_kind": "listing",
                                                                            "harvester_page": 1})))
    assert out == []  # nothing new, and the walk met its frontier on page 1
    assert spider.crawler.stats.get_value("harvester/walks_met_frontier") == 1


def test_documents_and_images_are_not_articles(make_spider):
    spider = make_spider(LiferaySpider)
    assert not spider.is_article_url(BASE + "/documents/20181/179461/qd.pdf/0a1b?t=1700000000000")
    assert not spider.is_article_url(BASE + "/image/journal/article?img_id=1")
    assert spider.is_article_url(BASE + "/web/guest/tin-tuc/-/asset_publisher/AbC123/content/hoi-cho-ocop")


def test_article_item_keeps_the_requested_url(fixture_site, make_spider):
    site = fixture_site("liferay")
    post = site.newest_first(category="ocop")[0]
    spider = make_spider(LiferaySpider)
    response = render(site, post.path, meta={"harvester_kind": "article"})
    [item] = items_of(spider.parse_article(response))
    assert item["kind"] == "article" and item["family"] == "liferay"
    assert item["url"] == BASE + post.path and post.title.encode() in item["body"]
