"""GenericSpider on the imitation newspaper site and the faults site: link discovery and paging."""

from __future__ import annotations

from urllib.parse import urlsplit

from spiders.generic import GenericSpider

from .conftest import BASE, render, requests_of


def test_listing_follows_same_host_article_links_and_next_page(fixture_site, make_spider):
    site = fixture_site("generic")
    spider = make_spider(GenericSpider)
    out = requests_of(spider.parse_listing(render(site, "/tin-tuc/", meta={"harvester_kind": "listing"})))
    articles = [r.url for r in out if r.meta["harvester_kind"] == "article"]
    pages = [r.url for r in out if r.meta["harvester_kind"] == "listing"]
    posts = {BASE + p.path for p in site.posts}
    assert articles and set(articles) <= posts
    assert all(urlsplit(u).hostname == "127.0.0.11" for u in articles)
    assert pages == [BASE + "/tin-tuc/trang-2.html"]


def test_feed_lists_articles(fixture_site, make_spider):
    site = fixture_site("generic")
    spider = make_spider(GenericSpider)
    out = requests_of(spider.parse_feed(render(site, "/rss/home.rss", meta={"harvester_kind": "feed"})))
    assert out and {r.url for r in out} <= {BASE + p.path for p in site.posts}


def test_faults_listing_links_every_fault_page(fixture_site, make_spider):
    site = fixture_site("faults")
    spider = make_spider(GenericSpider)
    out = requests_of(spider.parse_listing(render(site, "/tin-tuc/", meta={"harvester_kind": "listing"})))
    paths = {urlsplit(r.url).path for r in out}
    for path in ("/loi/500.html", "/loi/503.html", "/loi/cham.html", "/loi/trang-lon.html", "/loi/vong-lap-a.html"):
        assert path in paths
