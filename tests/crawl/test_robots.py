"""robots.txt `Disallow: /`: obeyed, and the summary says so instead of pointing at missing rows."""

from __future__ import annotations

import sqlite3

import pytest

from harvester.fixture_portals.server import Response

from .conftest import crawl_farm, farm_registry

pytestmark = pytest.mark.e2e


def test_disallow_everything_is_obeyed_and_reported_truthfully(tmp_path):
    from harvester.fixture_portals import start_farm

    farm = start_farm(["generic"])
    site = farm.sites["generic"]
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"},
                                                           b"User-agent: *\nDisallow: /\n"))
    try:
        db = tmp_path / "ocop.db"
        result = crawl_farm(farm, db, farm_registry(farm, tmp_path / "portals.csv"))
        asked = [path for _, path, _ in farm.request_log("generic")]
        entry_points = len(site.start_paths) + len(site.document_paths)
    finally:
        farm.stop()
    assert set(asked) == {"/robots.txt"}  # one per spider of the portal (news, documents)
    assert result.returncode == 1
    assert f"robots.txt disallows every URL tried ({entry_points} request(s) not sent)" in result.stdout
    assert "see pages rows" not in result.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pages WHERE reason IS NOT NULL").fetchone()[0] == 0
    flags = conn.execute("SELECT flags FROM crawl_runs").fetchone()[0]
    conn.close()
    assert "robots.txt disallows every URL" in flags
