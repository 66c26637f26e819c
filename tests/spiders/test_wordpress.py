"""WordPressSpider on the imitation WordPress site: REST API paging, 400 past the end, feed, categories."""

from __future__ import annotations

import json

from spiders.wordpress import WordPressSpider, with_query

from .conftest import BASE, items_of, render, requests_of

CATEGORY = "/category/ocop-nong-thon-moi/"


def api(site, page, per_page=2, search="OCOP"):
    path = f"/wp-json/wp/v2/posts?search={search}&per_page={per_page}&page={page}"
    return render(site, path, meta={"harvester_kind": "api", "harvester_page": page})


def ocop_hits(site):
    return [p for p in site.newest_first() if "ocop" in p.title.lower() or "ocop" in p.article.text.lower()]


def test_start_request_for_the_api_sets_per_page_and_tolerates_400(make_spider):
    spider = make_spider(WordPressSpider, HARVESTER_WP_PER_PAGE=7)
    request = spider.start_request(BASE + "/wp-json/wp/v2/posts?search=OCOP")
    assert request.meta["harvester_kind"] == "api"
    assert "per_page=7" in request.url and "page=1" in request.url and "search=OCOP" in request.url
    assert 400 in request.meta["handle_httpstatus_list"]


def test_api_pages_are_walked_until_x_wp_totalpages(fixture_site, make_spider):
    site = fixture_site("wordpress")
    spider = make_spider(WordPressSpider, site_kind="portal")
    hits = ocop_hits(site)
    total = int(api(site, 1).headers[b"X-WP-TotalPages"])
    assert total >= 2, "the fixture must need paging"
    articles, next_pages = [], []
    for page in range(1, total + 1):
        out = requests_of(spider.parse_api(api(site, page)))
        articles += [r.url for r in out if r.meta["harvester_kind"] == "article"]
        next_pages += [r for r in out if r.meta["harvester_kind"] == "api"]
    # every search hit is fetched (API results are not title-filtered), in API order, once
    assert articles == [BASE + p.path for p in hits]
    assert [r.meta["harvester_page"] for r in next_pages] == list(range(2, total + 1))
    assert all(f"page={r.meta['harvester_page']}" in r.url and "per_page=2" in r.url for r in next_pages)
    # a second look at page 1 (another start URL, a retry) schedules nothing twice
    again = requests_of(spider.parse_api(api(site, 1)))
    assert not [r for r in again if r.meta["harvester_kind"] == "article"]


def test_api_listing_dates_are_the_posts_local_dates(fixture_site, make_spider):
    site = fixture_site("wordpress")
    spider = make_spider(WordPressSpider)
    out = requests_of(spider.parse_api(api(site, 1)))
    articles = [r for r in out if r.meta["harvester_kind"] == "article"]
    by_url = {BASE + p.path: p for p in site.posts}
    assert articles
    for r in articles:
        assert r.meta["listing_date"] == by_url[r.url].article.published.strftime("%Y-%m-%dT%H:%M:%S")


def test_page_past_the_end_answers_400_and_ends_the_walk_without_a_fault(fixture_site, make_spider):
    site = fixture_site("wordpress")
    spider = make_spider(WordPressSpider)
    total = int(api(site, 1).headers[b"X-WP-TotalPages"])
    past = api(site, total + 1)
    assert past.status == 400 and json.loads(past.text)["code"] == "rest_post_invalid_page_number"
    assert list(spider.parse_api(past)) == []
    assert spider.crawler.stats.get_value("harvester/faults") is None


def test_last_api_page_asks_for_no_further_page(fixture_site, make_spider):
    site = fixture_site("wordpress")
    spider = make_spider(WordPressSpider)
    total = int(api(site, 1).headers[b"X-WP-TotalPages"])
    out = requests_of(spider.parse_api(api(site, total)))
    assert [r for r in out if r.meta["harvester_kind"] == "article"]
    assert not [r for r in out if r.meta["harvester_kind"] == "api"]


def test_api_paging_stops_at_its_frontier_and_walks_on_without_one(fixture_site, make_spider):
    site = fixture_site("wordpress")
    known = {BASE + p.path for p in site.posts}
    first = api(site, 1)
    listing = first.url[len(BASE):]
    ocop = [p.path for p in site.newest_first() if "ocop" in (p.title + p.article.text).lower()]
    spider = make_spider(WordPressSpider, seen=known, frontier={listing: ocop[:2]})
    assert requests_of(spider.parse_api(first)) == []
    assert spider.crawler.stats.get_value("harvester/walks_met_frontier") == 1
    # every post stored but no complete walk on record (a run was killed): page on to the end
    gap = make_spider(WordPressSpider, seen=known)
    assert [r.meta["harvester_page"] for r in requests_of(gap.parse_api(api(site, 1)))] == [2]


def test_api_answer_that_is_not_json_is_a_fault(make_spider):
    from scrapy.http import Request, TextResponse

    spider = make_spider(WordPressSpider)
    url = BASE + "/wp-json/wp/v2/posts?search=OCOP&page=1"
    response = TextResponse(url=url, status=200, body=b"<html>maintenance</html>", encoding="utf-8",
                            request=Request(url, meta={"harvester_kind": "api", "harvester_page": 1}))
    [fault] = items_of(spider.parse_api(response))
    assert fault["kind"] == "fault" and fault["reason"] == "bad-json"


def test_category_listing_pages_follow_page_n(fixture_site, make_spider):
    site = fixture_site("wordpress")
    spider = make_spider(WordPressSpider)
    posts = site.newest_first(category="ocop-nong-thon-moi")
    urls, path, page = [], CATEGORY, 1
    while path:
        out = requests_of(spider.parse_listing(render(site, path, meta={"harvester_kind": "listing",
                                                                           "harvester_page": page})))
        urls += [r.url for r in out if r.meta["harvester_kind"] == "article"]
        nxt = [r.url for r in out if r.meta["harvester_kind"] == "listing"]
        page += 1
        assert nxt == [] or nxt == [BASE + f"{CATEGORY}page/{page}/"]
        path = nxt[0][len(BASE):] if nxt else None
    assert page - 1 == -(-len(posts) // site.settings["per_page"])
    assert urls == [BASE + p.path for p in posts]  # the "Bài viết mới" widget is not read as a listing


def test_feed_entries_keep_the_utc_pubdate_raw(fixture_site, make_spider):
    site = fixture_site("wordpress")
    spider = make_spider(WordPressSpider)
    out = requests_of(spider.parse_feed(render(site, "/feed/", meta={"harvester_kind": "feed"})))
    assert [r.url for r in out] == [BASE + p.path for p in site.newest_first()[:10]]
    assert all(r.meta["listing_date"].endswith("+0000") for r in out)


def test_links_that_are_not_posts_are_ignored(make_spider):
    spider = make_spider(WordPressSpider)
    for path in ("/category/tin-tuc/", "/feed/", "/wp-json/wp/v2/posts", "/page/2/", "/wp-content/uploads/a.jpg",
                 "/?s=OCOP", "/author/admin/"):
        assert not spider.is_article_url(BASE + path), path
    assert spider.is_article_url(BASE + "/2023/12/28/hoi-cho-ocop/")
    assert spider.is_article_url(BASE + "/?p=955")


def test_with_query_replaces_page_and_keeps_the_rest():
    url = with_query("http://x/wp-json/wp/v2/posts?search=OCOP&page=1&per_page=50", page=3)
    assert "search=OCOP" in url and "page=3" in url and "per_page=50" in url and "page=1&" not in url
