"""Issue 9's acceptance: every OCOP article of generalist portals, and no decoy; then a quiet night.

Three imitation sites of CMS families whose listings defeat a title filter and a rel=next pager:
a NukeViet provincial portal whose pager prints no rel (numbered links and "»"; its search pages
only ?page=N numbers), a WordPress newspaper, and a SharePoint portal whose list pages only by
__doPostBack. Half of their OCOP titles never say OCOP, a third of the bodies neither; decoys
share their words ("sản phẩm du lịch", "khách sạn 4 sao", "đạt chuẩn nông thôn mới").
"""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

import pytest

from .conftest import crawl_farm, farm_registry

pytestmark = pytest.mark.e2e

SITES = ["nukeviet-portal", "wordpress-news", "sharepoint-postback"]


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    from harvester.fixture_portals import start_farm

    tmp = tmp_path_factory.mktemp("recall")
    farm = start_farm(SITES)
    try:
        registry = farm_registry(farm, tmp / "portals.csv")
        db = tmp / "ocop.db"
        first = crawl_farm(farm, db, registry)
        marks = {site: len(farm.request_log(site)) for site in SITES}
        second = crawl_farm(farm, db, registry)
        yield farm, db, first, second, marks
    finally:
        farm.stop()


def test_both_nights_succeed(nights):
    _, _, first, second, _ = nights
    assert first.returncode == 0, first.stdout + first.stderr[-3000:]
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    assert "total: 0 new, 0 updated, 0 errors" in second.stdout, second.stdout
    assert first.stderr.strip() == second.stderr.strip() == ""  # no warnings for cron to mail


@pytest.mark.parametrize("site_id", SITES)
def test_first_night_stores_every_ocop_article_and_no_decoy(nights, site_id):
    farm, db, _, _, _ = nights
    site = farm.sites[site_id]
    conn = sqlite3.connect(db)
    stored = {r[0] for r in conn.execute("SELECT url FROM articles WHERE portal_id = ?", (f"fixture-{site_id}",))}
    kinds = dict(conn.execute("SELECT url, kind FROM pages WHERE portal_id = ?", (f"fixture-{site_id}",)))
    conn.close()
    ocop = {site.url(p.path) for p in site.posts if p.article.is_ocop}
    decoys = {site.url(p.path) for p in site.posts if not p.article.is_ocop}
    silent = {site.url(p.path) for p in site.posts if p.article.is_ocop and "ocop" not in p.title.lower()}
    assert len(silent) * 2 >= len(ocop), "half the OCOP titles never say OCOP"
    assert stored == ocop
    assert {kinds.get(url) for url in decoys} == {"other"}  # fetched once, kept as pages, not articles


def test_first_night_walked_every_kind_of_pager(nights):
    farm, _, _, _, marks = nights
    nukeviet = [path for _, path, _ in farm.request_log("nukeviet-portal")[: marks["nukeviet-portal"]]]
    pages = -(-len(farm.sites["nukeviet-portal"].posts) // farm.sites["nukeviet-portal"].settings["per_page"])
    assert {f"/vi/news/page-{n}/" for n in range(2, pages + 1)} <= set(nukeviet)  # numbered + "»", no rel
    assert "/vi/news/search/?q=OCOP&page=2" in nukeviet  # bare ?page=N numbers
    posts = [(method, path) for method, path, _ in farm.request_log("sharepoint-postback")[: marks["sharepoint-postback"]]
             if method == "POST"]
    per_page = farm.sites["sharepoint-postback"].settings["per_page"]
    assert len(posts) == -(-len(farm.sites["sharepoint-postback"].posts) // per_page) - 1  # one postback a page
    assert {path for _, path in posts} == {"/Pages/tin-tuc.aspx"}
    wordpress = [path for _, path, _ in farm.request_log("wordpress-news")[: marks["wordpress-news"]]]
    assert "/page/2/" in wordpress


@pytest.mark.parametrize("site_id", SITES)
def test_second_night_asks_only_for_the_first_page_of_each_listing_and_feed(nights, site_id):
    farm, _, _, _, marks = nights
    site = farm.sites[site_id]
    asked = [(method, path) for method, path, _ in farm.request_log(site_id)[marks[site_id]:]]
    entry_points = [urlsplit(site.url(p)) for p in site.start_paths]
    search = site.registry_settings.get("search_url")
    expected = ["/robots.txt", *(u.path + (f"?{u.query}" if u.query else "") for u in entry_points)]
    if search:
        expected.append(search)
    # WordPress' REST entry point is asked with its per_page (the spider adds it)
    got = sorted(path if "/wp-json/" not in path else "/wp-json/wp/v2/posts?search=OCOP" for _, path in asked)
    assert got == sorted(expected), asked
    assert all(method == "GET" for method, _ in asked)
