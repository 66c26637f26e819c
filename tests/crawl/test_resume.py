"""kill -9 or SIGTERM in the middle of a crawl, or a full disk; run again: nothing lost, nothing
doubled, database intact (``HARVESTER_KILL_SEED`` replays the random moments of a failure)."""

from __future__ import annotations

import os
import random
import re
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


def _stop_at_random(child, db, rng, signum, most: int) -> tuple[int, int]:
    """Let the crawl store a random number of pages, then send ``signum``; (target, exit code)."""
    target = rng.randint(1, most)
    deadline = time.monotonic() + 60
    while stored_pages(db) < target and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    time.sleep(rng.random() * 0.3)  # land anywhere: mid-download, mid-extraction, mid-commit
    if child.poll() is None:
        child.send_signal(signum)
    return target, child.wait(timeout=60)


def test_kills_and_signals_on_first_and_later_nights_lose_nothing(tmp_path):
    """SIGKILL and SIGTERM at random moments on a first night and on a later one whose new
    articles span several listing pages; after the final run every article is stored once."""
    from harvester.fixture_portals import start_farm

    seed = int(os.environ.get("HARVESTER_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    farm = start_farm(["bulk"], bulk_pages=80)
    site = farm.sites["bulk"]
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        args = ["crawl", "--registry", str(registry), "--db", str(db), "--portal", "fixture-bulk"]
        slow = ["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "DOWNLOAD_DELAY=0.02", "-s", "HARVESTER_SHUTDOWN_GRACE=3"]
        log = []
        for night, new_posts in ((1, 0), (2, 47)):
            if new_posts:
                farm.publish("bulk", new_posts)  # more than two listing pages of new entries
            for signum in (signal.SIGKILL, signal.SIGTERM, signal.SIGKILL):
                before = stored_pages(db)
                child = subprocess.Popen(harvester_cmd(*args, *fast_flags(), *slow), cwd=REPO,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                target, code = _stop_at_random(child, db, rng, signum, most=before + 25)
                log.append((night, signum.name, target, code))
                assert code in (-signum, 128 + signum, 0), (seed, log)
        final = run_cli(*args, *fast_flags())
        assert final.returncode == 0, (seed, log, final.stdout, final.stderr[-2000:])
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pages = [r[0] for r in conn.execute("SELECT url FROM pages WHERE kind IN ('article', 'other')")]
        articles = [r[0] for r in conn.execute("SELECT url FROM articles")]
        interrupted = conn.execute("SELECT count(*) FROM crawl_runs WHERE status = 'interrupted'").fetchone()[0]
        conn.close()
        expected = {site.url(p.path) for p in site.posts}
        assert set(pages) == expected, (seed, log, len(expected - set(pages)))
        assert len(pages) == len(set(pages)) and len(articles) == len(set(articles)), (seed, log)
        assert set(articles) == {site.url(p.path) for p in site.posts if p.article.is_ocop}, (seed, log)
        assert interrupted == sum(1 for _, name, _, code in log if name == "SIGTERM" and code == 143)
    finally:
        farm.stop()


def test_a_disk_full_run_fails_loudly_and_the_next_run_fills_the_gap(tmp_path):
    import resource

    from harvester.fixture_portals import start_farm

    farm = start_farm(["bulk"], bulk_pages=40)
    site = farm.sites["bulk"]
    try:
        registry = farm_registry(farm, tmp_path / "portals.csv")
        db = tmp_path / "ocop.db"
        args = ["crawl", "--registry", str(registry), "--db", str(db), "--portal", "fixture-bulk", *fast_flags()]
        assert run_cli(*args).returncode == 0
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL starts empty: the limit below bites soon
        conn.close()
        farm.publish("bulk", 45)  # three listing pages of new articles

        def disk_full() -> None:  # like `ulimit -f 300`: no file written past 300 KB
            resource.setrlimit(resource.RLIMIT_FSIZE, (300 * 1024, 300 * 1024))

        env = {**os.environ, "HARVESTER_CONTACT": "crawl-tests@example.org"}
        full = subprocess.run(harvester_cmd(*args), cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
                              preexec_fn=disk_full)
        assert full.returncode != 0, full.stdout
        # SQLite says "database or disk is full" or "disk I/O error" depending on which write hit the limit
        assert re.search(r"!! fixture-bulk: \d+ page\(s\) could not be stored \((database or disk is full|disk "
                         r"I/O error)\)", full.stdout), full.stdout
        assert " 0 errors" not in full.stdout and "failed" in full.stdout
        conn = sqlite3.connect(db)
        stored_while_full = conn.execute("SELECT count(*) FROM pages WHERE kind IN ('article', 'other')").fetchone()[0]
        conn.close()
        assert stored_while_full < len(site.posts)

        again = run_cli(*args)
        assert again.returncode == 0, again.stdout + again.stderr[-2000:]
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pages = [r[0] for r in conn.execute("SELECT url FROM pages WHERE kind IN ('article', 'other')")]
        conn.close()
        assert sorted(pages) == sorted(site.url(p.path) for p in site.posts)
    finally:
        farm.stop()
