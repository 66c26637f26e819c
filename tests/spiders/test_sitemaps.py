"""Sitemap indexes: every listed sitemap on a first walk; afterwards only those that changed."""

from __future__ import annotations

from scrapy.http import Request, XmlResponse

from spiders.generic import GenericSpider

from .conftest import BASE, requests_of

INDEX = "/sitemap.xml"


def index(*children: tuple[str, str | None]) -> XmlResponse:
    body = ['<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in children:
        body.append(f"<sitemap><loc>{BASE}{loc}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</sitemap>")
    body.append("</sitemapindex>")
    url = BASE + INDEX
    return XmlResponse(url=url, body="".join(body).encode(), request=Request(url, meta={"harvester_kind": "sitemap"}))


CHILDREN = [("/sitemap-2024-12.xml", "2024-12-04T23:10:00+07:00"), ("/sitemap-2024-11.xml", "2024-12-02"),
            ("/sitemap-2019-01.xml", "2019-01-31"), ("/sitemap-tags.xml", None)]


def test_first_walk_reads_every_listed_sitemap(make_spider):
    spider = make_spider(GenericSpider, site_kind="newspaper")
    asked = [r.url for r in requests_of(spider.parse_sitemap(index(*CHILDREN)))]
    assert asked == [BASE + loc for loc, _ in CHILDREN]


def test_later_walks_skip_sitemaps_unchanged_since_the_last_complete_one(make_spider):
    spider = make_spider(GenericSpider, site_kind="newspaper", walked_at={INDEX: "2024-12-03T19:00:00+00:00"})
    asked = [r.url for r in requests_of(spider.parse_sitemap(index(*CHILDREN)))]
    # changed after the last walk, within the two-day margin, or undated: asked again
    assert asked == [BASE + "/sitemap-2024-12.xml", BASE + "/sitemap-2024-11.xml", BASE + "/sitemap-tags.xml"]
    assert spider.crawler.stats.get_value("harvester/sitemaps_unchanged") == 1


def test_an_index_is_remembered_only_when_each_sitemap_it_sent_the_crawl_to_was_read(make_spider):
    spider = make_spider(GenericSpider, site_kind="newspaper")
    children = requests_of(spider.parse_sitemap(index(*CHILDREN[:2])))
    walk = spider.walks[BASE + INDEX]
    assert [child.key for child in walk.children] == [r.url for r in children]
    spider.walks[children[0].url].end = "end"
    spider.walks[children[1].url].end = "failed"
    assert not walk.complete
    spider.walks[children[1].url].end = "end"
    assert walk.complete
    spider.on_closed(spider, "finished")
    assert spider.frontier_updates[BASE + INDEX] == [r.url for r in children]
