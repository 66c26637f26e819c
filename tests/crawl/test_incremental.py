"""A second nightly with nothing new asks only for listings and feeds; new posts are fetched alone."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import urlsplit

import pytest

from .conftest import crawl_farm, farm_registry

pytestmark = pytest.mark.e2e


def is_listing(path: str) -> bool:
    path = urlsplit(path).path
    return path == "/robots.txt" or path.endswith(("/", ".rss", ".xml")) or "/trang-" in path or "/page-" in path


def test_incremental_nights(tmp_path):
    from harvester.fixture_portals import start_farm

    farm = start_farm(["nukeviet", "generic"])
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        first = crawl_farm(farm, db, registry)
        assert first.returncode == 0, first.stderr[-2000:]
        marks = {s: len(farm.request_log(s)) for s in farm.sites}

        second = crawl_farm(farm, db, registry)
        assert second.returncode == 0, second.stderr[-2000:]
        for site_id in farm.sites:
            asked = [path for _, path, _ in farm.request_log(site_id)[marks[site_id]:]]
            assert asked and all(is_listing(p) for p in asked), asked
        marks = {s: len(farm.request_log(s)) for s in farm.sites}

        new_posts = farm.publish("nukeviet", 2)
        third = crawl_farm(farm, db, registry)
        assert third.returncode == 0, third.stderr[-2000:]
        asked = [path for _, path, _ in farm.request_log("nukeviet")[marks["nukeviet"]:] if not is_listing(path)]
        assert sorted(asked) == sorted(p.path for p in new_posts)
        conn = sqlite3.connect(db)
        stored = {r[0] for r in conn.execute("SELECT url FROM articles WHERE portal_id = 'fixture-nukeviet'")}
        runs = conn.execute("SELECT new FROM crawl_runs WHERE portal_id = 'fixture-nukeviet' ORDER BY id").fetchall()
        conn.close()
        assert {farm.sites["nukeviet"].url(p.path) for p in new_posts} <= stored
        assert [r[0] for r in runs][1:] == [0, 2], runs
    finally:
        farm.stop()


def test_recheck_uses_conditional_get_and_gets_304(tmp_path):
    from harvester.fixture_portals import start_farm

    farm = start_farm(["generic"])
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        assert crawl_farm(farm, db, registry).returncode == 0
        mark = len(farm.request_log("generic"))
        again = crawl_farm(farm, db, registry, "-s", "HARVESTER_RECHECK_DAYS=0.000001")
        assert again.returncode == 0, again.stderr[-2000:]
        statuses = [status for _, path, status in farm.request_log("generic")[mark:] if not is_listing(path)]
        assert statuses and set(statuses) == {304}
        conn = sqlite3.connect(db)
        unchanged = conn.execute("SELECT unchanged FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        conn.close()
        assert unchanged == len(statuses)
    finally:
        farm.stop()


def test_a_night_with_failures_keeps_the_frontier_and_the_next_walks_on_to_it(tmp_path):
    """The gap of issue 9: new articles deeper than page 1 fail (503) on a night whose page-1
    articles are stored; the next night's page 1 shows only stored articles, yet the walk goes on
    to where the last complete walk began and stores the rest."""
    from harvester.fixture_portals import start_farm
    from harvester.fixture_portals.generic import FEED_ITEMS

    farm = start_farm(["bulk"], bulk_pages=40)
    site = farm.sites["bulk"]
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        assert crawl_farm(farm, db, registry).returncode == 0
        new = farm.publish("bulk", 55)  # newest first: page 1 (20), page 2 (20), page 3 (15 + old)
        deep = new[:-FEED_ITEMS]  # the oldest of the new: beyond the feed's reach, below page 1
        site.state["unavailable"] = {p.path for p in deep}
        failing = crawl_farm(farm, db, registry)
        # portal, new, upd, same, err: the deep articles are the night's errors
        assert failing.returncode == 0
        assert re.search(rf"fixture-bulk\s+{FEED_ITEMS}\s+0\s+0\s+{len(deep)}\s", failing.stdout), failing.stdout
        site.state["unavailable"] = set()
        mark = len(farm.request_log("bulk"))
        healed = crawl_farm(farm, db, registry)
        assert healed.returncode == 0, healed.stderr[-2000:]
        asked = [path for _, path, _ in farm.request_log("bulk")[mark:]]
        assert "/tin-tuc/trang-2.html" in asked and "/tin-tuc/trang-3.html" in asked
        conn = sqlite3.connect(db)
        stored = {r[0] for r in conn.execute("SELECT url FROM pages WHERE kind IN ('article', 'other')")}
        conn.close()
        assert {site.url(p.path) for p in site.posts} == stored
    finally:
        farm.stop()
