"""Crawl the imitation portals end to end into SQLite (in a subprocess) and check the rows."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

import pytest

from .conftest import crawl_farm, farm_registry, record_user_agents

pytestmark = pytest.mark.e2e

SITES = ["nukeviet", "generic", "faults"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from harvester.fixture_portals import start_farm

    tmp = tmp_path_factory.mktemp("e2e")
    farm = start_farm(SITES)
    agents = {site: record_user_agents(farm.sites[site]) for site in SITES}
    try:
        result = crawl_farm(farm, tmp / "ocop.db", farm_registry(farm, tmp / "portals.csv"))
        conn = sqlite3.connect(tmp / "ocop.db")
        conn.row_factory = sqlite3.Row
        yield farm, conn, result, agents
        conn.close()
    finally:
        farm.stop()


def article_urls(conn, portal):
    return [r["url"] for r in conn.execute("SELECT url FROM articles WHERE portal_id = ?", (portal,))]


def test_run_succeeds_and_prints_the_summary(crawled):
    _, _, result, _ = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    for site in SITES:
        assert f"fixture-{site}" in result.stdout


@pytest.mark.parametrize("site_id", ["nukeviet", "generic"])
def test_every_ocop_article_stored_once_and_no_other(crawled, site_id):
    farm, conn, _, _ = crawled
    site = farm.sites[site_id]
    stored = article_urls(conn, f"fixture-{site_id}")
    assert len(stored) == len(set(stored))
    ocop = {site.url(p.path) for p in site.posts if p.article.is_ocop}
    other = {site.url(p.path) for p in site.posts if not p.article.is_ocop}
    assert ocop <= set(stored)
    assert not other & set(stored)


def test_syndicated_copy_is_linked_to_the_first(crawled):
    farm, conn, _, _ = crawled
    titles = {}
    for site_id in ("nukeviet", "generic"):
        for post in farm.sites[site_id].posts:
            titles.setdefault(post.article.key, set()).add(site_id)
    shared = [key for key, where in titles.items() if len(where) > 1]
    if not shared:
        pytest.skip("the imitation sites share no article")
    linked = conn.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    assert linked >= len(shared)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loi/500.html", "http-500"),
        ("/loi/khong-ton-tai.html", "http-404"),
        ("/loi/cham.html", "timeout"),
        ("/loi/trang-lon.html", "too-large"),
        ("/loi/vong-lap-a.html", "redirect-loop"),
    ],
)
def test_faults_are_recorded_with_reasons(crawled, path, reason):
    farm, conn, _, _ = crawled
    url = farm.sites["faults"].url(path)
    row = conn.execute("SELECT kind, reason FROM pages WHERE url = ?", (url,)).fetchone()
    assert row is not None, f"{path} not recorded"
    assert (row["kind"], row["reason"]) == ("fault", reason)


def test_crawl_carried_on_after_faults(crawled):
    _, conn, _, _ = crawled
    assert article_urls(conn, "fixture-faults"), "the fault site's good articles were still stored"


def test_503_with_retry_after_is_retried_and_stored(crawled):
    farm, conn, _, _ = crawled
    hits = [status for _, path, status in farm.request_log("faults") if path == "/loi/503.html"]
    assert hits[:2] == [503, 200]
    assert farm.sites["faults"].url("/loi/503.html") in article_urls(conn, "fixture-faults")


def test_cp1258_pages_decoded(crawled):
    from harvester.fixture_portals import faults
    from harvester.fixture_portals.content import ARTICLES

    _, conn, _, _ = crawled
    for key in (faults.CP1258_DECLARED, faults.CP1258_UNDECLARED):
        title = ARTICLES[key].title
        row = conn.execute("SELECT title, text FROM articles WHERE portal_id = 'fixture-faults' AND title = ?",
                           (title,)).fetchone()
        assert row is not None, f"cp1258 article {title!r} not stored with its Vietnamese title"
        assert "\ufffd" not in row["text"]


def test_robots_disallowed_paths_never_requested_and_user_agent_has_contact(crawled):
    farm, _, _, agents = crawled
    disallowed = {"nukeviet": ("/admin/", "/vi/news/print/"), "generic": ("/quan-tri/", "/tim-kiem/"),
                  "faults": ("/quan-tri/",)}
    for site_id, prefixes in disallowed.items():
        paths = [urlsplit(path).path for _, path, _ in farm.request_log(site_id)]
        assert "/robots.txt" in paths
        assert not [p for p in paths if p.startswith(prefixes)]
        assert agents[site_id] and all("contact: crawl-tests@example.org" in ua for ua in agents[site_id])
        assert all(ua.startswith("ocop-harvester/") for ua in agents[site_id])


def test_crawl_runs_rows_per_portal(crawled):
    _, conn, _, _ = crawled
    rows = {r["portal_id"]: r for r in conn.execute("SELECT * FROM crawl_runs")}
    assert set(rows) == {f"fixture-{s}" for s in SITES}
    assert rows["fixture-faults"]["errors"] >= 5
    assert rows["fixture-nukeviet"]["new"] > 0
