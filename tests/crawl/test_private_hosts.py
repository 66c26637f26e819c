"""A registered host name that resolves to loopback is not crawled unless the operator allows it."""

from __future__ import annotations

import sqlite3

import pytest

from harvester.fixture_portals.farm import Farm, build_site

from .conftest import fast_flags, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def localhost_portal(tmp_path):
    """The generic imitation portal on 127.0.0.1, registered under the name "localhost"."""
    farm = Farm()
    farm._start(build_site("generic"), "127.0.0.1")
    site = farm.sites["generic"]
    base = site.base_url.replace("127.0.0.1", "localhost")
    starts = " ".join(base + p.lstrip("/") for p in site.start_paths)
    registry = tmp_path / "portals.csv"
    registry.write_text(
        "id,name,family,site_kind,domain,province,province_2025,start_urls,document_urls,enabled,settings\n"
        f"by-name,By name,generic,news,{base},,,{starts},,1,{{}}\n", encoding="utf-8")
    yield farm, registry
    farm.stop()


def _crawl(registry, db, *extra):
    return run_cli("crawl", "--registry", str(registry), "--db", str(db), "--portal", "by-name", *fast_flags(),
                   "-s", "RETRY_TIMES=0", *extra)


def test_a_name_resolving_to_loopback_is_refused_before_any_request(localhost_portal, tmp_path):
    farm, registry = localhost_portal
    db = tmp_path / "ocop.db"
    result = _crawl(registry, db)
    assert farm.request_log("generic") == []  # nothing was sent to the address the name gave
    assert "refused localhost: it resolves to 127.0.0.1, a local or private address" in result.stderr
    assert result.returncode != 0
    conn = sqlite3.connect(db)
    faults = conn.execute("SELECT url, reason FROM pages WHERE reason IS NOT NULL").fetchall()
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert articles == 0
    assert faults and all(reason == "dns" and "localhost" in url for url, reason in faults)


def test_the_operator_can_allow_hosts_on_their_own_network(localhost_portal, tmp_path):
    farm, registry = localhost_portal
    db = tmp_path / "ocop.db"
    result = _crawl(registry, db, "-s", "HARVESTER_ALLOW_PRIVATE_HOSTS=true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert farm.request_log("generic")
    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert articles > 0
