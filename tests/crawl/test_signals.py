"""SIGTERM / SIGINT stop a crawl promptly and honestly: run marked interrupted, exit code ≠ 0,
lock released, what was stored kept and nothing half-written."""

from __future__ import annotations

import csv
import json
import signal
import sqlite3
import subprocess
import time

import pytest

from harvester.runner import run_lock

from .conftest import REPO, farm_registry, fast_flags, harvester_cmd

pytestmark = pytest.mark.e2e


def registry_with(farm, path, **settings):
    """The farm's registry with these per-portal settings on every row."""
    farm_registry(farm, path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["settings"] = json.dumps({**json.loads(row["settings"] or "{}"), **settings})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def start_crawl(registry, db, *extra):
    args = ["crawl", "--registry", str(registry), "--db", str(db), "--portal", "fixture-bulk", *fast_flags(), *extra]
    return subprocess.Popen(harvester_cmd(*args), cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_requests(farm, site_id, n, timeout=30):
    deadline = time.monotonic() + timeout
    while len(farm.request_log(site_id)) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(farm.request_log(site_id)) >= n, farm.request_log(site_id)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_first_signal_stops_a_crawl_even_when_the_portal_asks_for_a_huge_delay(tmp_path, signum):
    from harvester.fixture_portals import start_farm

    farm = start_farm(["bulk"], bulk_pages=40)
    try:
        # the largest delay the registry accepts: one request a minute
        registry = registry_with(farm, tmp_path / "portals.csv", download_delay=60)
        db = tmp_path / "ocop.db"
        child = start_crawl(registry, db, "-s", "DOWNLOAD_DELAY=60", "-s", "HARVESTER_SHUTDOWN_GRACE=2")
        wait_for_requests(farm, "bulk", 1)  # robots.txt asked; the listing now waits 60 s in its slot
        sent = time.monotonic()
        child.send_signal(signum)
        out, err = child.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        farm.stop()
    assert took < 10, f"took {took:.1f} s to stop"
    assert child.returncode == 128 + signum, (child.returncode, out, err[-2000:])
    assert "interrupted" in out and f"run interrupted by {signal.Signals(signum).name}" in out
    assert "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("interrupted",)]
    assert conn.execute("SELECT count(*) FROM crawl_frontier").fetchone()[0] == 0
    conn.close()
    with run_lock(db):  # released: the next run can start
        pass


def test_sigterm_mid_crawl_keeps_what_was_stored_and_the_next_run_finishes(tmp_path):
    from harvester.fixture_portals import start_farm

    farm = start_farm(["bulk"], bulk_pages=60)
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        child = start_crawl(registry, db, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.05",
                            "-s", "HARVESTER_SHUTDOWN_GRACE=5")
        wait_for_requests(farm, "bulk", 15)
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 143, (out, err[-2000:])
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT count(*) FROM pages WHERE kind IN ('article', 'other')").fetchone()[0]
        conn.close()
        site = farm.sites["bulk"]
        assert 0 < stored < len(site.posts)
        again = subprocess.run(harvester_cmd("crawl", "--registry", str(registry), "--db", str(db), "--portal",
                                             "fixture-bulk", *fast_flags()), cwd=REPO, capture_output=True, text=True,
                               timeout=120)
        assert again.returncode == 0, again.stdout + again.stderr[-2000:]
        conn = sqlite3.connect(db)
        urls = [r[0] for r in conn.execute("SELECT url FROM pages WHERE kind IN ('article', 'other')")]
        statuses = [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")]
        conn.close()
        assert sorted(urls) == sorted(site.url(p.path) for p in site.posts)
        assert statuses == ["interrupted", "ok"]
    finally:
        farm.stop()
