"""kill -9 in the middle of a crawl, run again: nothing lost, nothing doubled, database intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

import pytest

from .conftest import REPO, farm_registry, fast_flags, harvester_cmd, run_cli

pytestmark = pytest.mark.e2e


def stored_pages(db) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM pages WHERE kind IN ('article', 'other')").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume(tmp_path):
    from harvester.fixture_portals import start_farm

    farm = start_farm(["bulk"], bulk_pages=120)
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        # Slow enough that the kill lands mid-run: one request at a time with a small delay.
        slow = ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.05"]
        args = ["crawl", "--registry", str(registry), "--db", str(db), "--portal", "fixture-bulk"]
        child = subprocess.Popen(harvester_cmd(*args, *fast_flags(), *slow), cwd=REPO,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while stored_pages(db) < 15 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.1)
        assert child.poll() is None, "the crawl finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        partial = stored_pages(db)
        assert 0 < partial < len(farm.sites["bulk"].posts)

        result = run_cli(*args, *fast_flags())
        assert result.returncode == 0, result.stderr[-2000:]
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        urls = [r[0] for r in conn.execute("SELECT url FROM pages WHERE kind IN ('article', 'other')")]
        articles = [r[0] for r in conn.execute("SELECT url FROM articles")]
        conn.close()
        site = farm.sites["bulk"]
        assert sorted(urls) == sorted(site.url(p.path) for p in site.posts)
        assert len(articles) == len(set(articles))
        assert set(articles) == {site.url(p.path) for p in site.posts if p.article.is_ocop}
    finally:
        farm.stop()
