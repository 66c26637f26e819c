"""NukeVietSpider on the imitation NukeViet (eGov) site: listings, paging, stop rule, RSS, articles."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from spiders.nukeviet import NukeVietSpider

from .conftest import BASE, items_of, render, requests_of

CATEGORY = "/vi/news/chuong-trinh-ocop/"


def listing(site, path=CATEGORY, page=1, kind="listing"):
    return render(site, path, meta={"harvester_kind": kind, "harvester_page": page})


def test_listing_yields_articles_with_their_printed_dates_and_the_next_page(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    spider = make_spider(NukeVietSpider)
    out = list(spider.parse_listing(listing(site)))
    articles = [r for r in requests_of(out) if r.meta["harvester_kind"] == "article"]
    pages = [r for r in requests_of(out) if r.meta["harvester_kind"] == "listing"]
    expected = site.newest_first(category="chuong-trinh-ocop")[: len(articles)]
    assert [r.url for r in articles] == [BASE + p.path for p in expected]
    assert len(articles) == site.settings["per_page"]
    # eGov listing dates, handed on raw (12-hour clock with AM/PM)
    assert all(r.meta["listing_date"].endswith(("AM", "PM")) for r in articles)
    assert [r.url for r in pages] == [BASE + CATEGORY + "page-2/"]
    assert all("/print/" not in r.url and "download=" not in r.url for r in requests_of(out))


def test_last_page_has_no_next_link(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    spider = make_spider(NukeVietSpider)
    posts = site.newest_first(category="chuong-trinh-ocop")
    last = -(-len(posts) // site.settings["per_page"])
    out = list(spider.parse_listing(listing(site, f"{CATEGORY}page-{last}/", page=last)))
    assert not [r for r in requests_of(out) if r.meta["harvester_kind"] == "listing"]
    assert [r for r in requests_of(out) if r.meta["harvester_kind"] == "article"]


def test_paging_stops_where_the_last_complete_walk_began(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    posts = site.newest_first(category="chuong-trinh-ocop")
    known = {BASE + p.path for p in posts}
    spider = make_spider(NukeVietSpider, seen=known, frontier={CATEGORY: [p.path for p in posts[:3]]})
    out = list(spider.parse_listing(listing(site)))
    assert requests_of(out) == []
    assert spider.crawler.stats.get_value("harvester/walks_met_frontier") == 1
    assert spider.walks[BASE + CATEGORY].end == "met"


def test_a_page_of_stored_articles_does_not_end_a_walk_that_has_not_met_its_frontier(fixture_site, make_spider):
    """The gap a killed night leaves: page 1 shows only stored articles, older new ones lie deeper."""
    site = fixture_site("nukeviet")
    posts = site.newest_first(category="chuong-trinh-ocop")
    per_page = site.settings["per_page"]
    stored_top = {BASE + p.path for p in posts[:per_page]}  # the killed run stored page 1 only
    old_frontier = [p.path for p in posts[-2:]]  # where the last complete walk began
    spider = make_spider(NukeVietSpider, seen=stored_top, frontier={CATEGORY: old_frontier})
    out = requests_of(spider.parse_listing(listing(site)))
    assert [r.url for r in out] == [BASE + CATEGORY + "page-2/"]
    page2 = requests_of(spider.parse_listing(listing(site, CATEGORY + "page-2/", page=2)))
    assert {r.url for r in page2 if r.meta["harvester_kind"] == "article"} == {
        BASE + p.path for p in posts[per_page:2 * per_page]}


def _articles_from_all_pages(site, spider):
    pages = -(-len(site.posts) // site.settings["per_page"])
    urls = []
    for n in range(1, pages + 1):
        path = "/vi/news/" if n == 1 else f"/vi/news/page-{n}/"
        urls += [r.url for r in requests_of(spider.parse_listing(listing(site, path, page=n)))
                 if r.meta["harvester_kind"] == "article"]
    return urls


def test_every_new_entry_is_fetched_and_titles_filter_only_deep_backfill(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    by_url = {BASE + p.path: p.article for p in site.posts}
    page_one = {BASE + p.path for p in site.newest_first()[: site.settings["per_page"]]}
    nightly = _articles_from_all_pages(site, make_spider(NukeVietSpider, site_kind="portal"))
    assert set(nightly) == set(by_url)  # within HARVESTER_FETCH_ALL_PAGES: every entry, the body decides
    shallow = make_spider(NukeVietSpider, site_kind="portal", HARVESTER_FETCH_ALL_PAGES=1)
    fetched = _articles_from_all_pages(site, shallow)
    skipped = set(nightly) - set(fetched)
    assert skipped, "the module home lists non-OCOP news too"
    assert not skipped & page_one  # page 1 is never filtered
    assert all(not by_url[u].is_ocop for u in skipped)
    assert all(by_url[u].is_ocop for u in set(fetched) - page_one)
    assert shallow.crawler.stats.get_value("harvester/skipped_by_title") == len(skipped)
    topical = _articles_from_all_pages(site, make_spider(NukeVietSpider, site_kind="ntm", HARVESTER_FETCH_ALL_PAGES=1))
    assert set(topical) == set(by_url)  # topical sites: every entry at any depth


def test_search_results_are_all_fetched_even_on_generalist_sites(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    spider = make_spider(NukeVietSpider, site_kind="portal")
    response = render(site, "/vi/news/search/?q=OCOP", meta={"harvester_kind": "search", "harvester_page": 1})
    entries = spider.listing_entries(response)
    fetched = [r.url for r in requests_of(spider.parse_listing(response)) if r.meta["harvester_kind"] == "article"]
    assert entries and fetched == [e.url for e in entries]


def test_rss_feed_entries_are_followed_with_the_raw_buggy_pubdate(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    spider = make_spider(NukeVietSpider)
    out = list(spider.parse_feed(render(site, "/vi/news/rss/", meta={"harvester_kind": "feed"})))
    articles = requests_of(out)
    assert articles, "the feed lists articles"
    assert all(r.url.startswith(BASE + "/vi/news/") and r.url.endswith(".html") for r in articles)
    assert all(r.meta["listing_date"].endswith("GMT") for r in articles)


def test_article_page_item_and_not_modified(fixture_site, make_spider):
    site = fixture_site("nukeviet")
    post = site.newest_first(category="chuong-trinh-ocop")[0]
    spider = make_spider(NukeVietSpider)
    response = render(site, post.path, meta={"harvester_kind": "article", "listing_date": "x", "listing_url": "y"})
    [item] = items_of(spider.parse_article(response))
    assert item["kind"] == "article" and item["status"] == 200
    assert item["url"] == item["final_url"] == BASE + post.path
    assert item["portal_id"] == "test-portal" and item["family"] == "nukeviet"
    assert item["encoding"] == "utf-8"
    assert post.title.encode() in item["body"]
    assert (item["listing_date"], item["listing_url"]) == ("x", "y")

    not_modified = HtmlResponse(url=BASE + post.path, status=304, body=b"", request=Request(BASE + post.path))
    [unchanged] = items_of(spider.parse_article(not_modified))
    assert unchanged["kind"] == "unchanged" and "body" not in unchanged
