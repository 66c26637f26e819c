"""The crawl commands refuse bad input with one clear line and touch nothing."""

from __future__ import annotations

import sqlite3

from harvester.runner import lock_path_for, run_lock

from .conftest import run_cli

# Port 9 (discard) on loopback: nothing listens, so nothing would ever be fetched.
DEAD = "http://127.0.0.1:9/vi/news/rss/"


def test_unknown_portal_lists_close_matches(write_registry, tmp_path):
    registry = write_registry([("tinh-bac-kan", "sharepoint", DEAD), ("tinh-bac-giang", "liferay", DEAD)])
    result = run_cli("crawl", "--registry", str(registry), "--portal", "tinh-bac-kn", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "unknown portal 'tinh-bac-kn'" in result.stderr
    assert "tinh-bac-kan" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_missing_and_malformed_registry(tmp_path):
    missing = run_cli("nightly", "--registry", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "x.db"))
    assert missing.returncode == 1
    assert "registry file not found" in missing.stderr

    bad = tmp_path / "bad.csv"
    bad.write_text("id,family,start_urls\nsite-a,joomla9,https://a.example/\n", encoding="utf-8")
    malformed = run_cli("nightly", "--registry", str(bad), "--db", str(tmp_path / "x.db"))
    assert malformed.returncode == 1
    assert f"{bad}:2" in malformed.stderr and "unknown family" in malformed.stderr
    assert "Traceback" not in malformed.stderr


def test_lock_held_gives_clear_message_and_leaves_db_alone(write_registry, tmp_path):
    registry = write_registry([("site-a", "nukeviet", DEAD)])
    db = tmp_path / "ocop.db"
    with run_lock(db):
        result = run_cli("crawl", "--registry", str(registry), "--portal", "site-a", "--db", str(db))
    assert result.returncode == 1
    assert "another harvester run is in progress" in result.stderr
    assert str(lock_path_for(db)) in result.stderr
    assert not db.exists()


def test_refuses_a_database_that_is_not_ours(write_registry, tmp_path):
    registry = write_registry([("site-a", "nukeviet", DEAD)])
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    result = run_cli("crawl", "--registry", str(registry), "--portal", "site-a", "--db", str(foreign))
    assert result.returncode == 1
    assert "not a harvester one" in result.stderr
    assert foreign.read_bytes() == before

    text = tmp_path / "notes.db"
    text.write_text("just some notes\n", encoding="utf-8")
    result = run_cli("crawl", "--registry", str(registry), "--portal", "site-a", "--db", str(text))
    assert result.returncode == 1
    assert "not an SQLite database" in result.stderr
    assert text.read_text(encoding="utf-8") == "just some notes\n"


def test_everything_failing_exits_non_zero_but_records_faults(write_registry, tmp_path):
    registry = write_registry([("site-a", "nukeviet", DEAD)])
    db = tmp_path / "ocop.db"
    result = run_cli("crawl", "--registry", str(registry), "--portal", "site-a", "--db", str(db),
                     "-s", "RETRY_TIMES=0", "-s", "ROBOTSTXT_OBEY=false")
    assert result.returncode == 1, result.stderr
    assert "site-a" in result.stdout and "failed" in result.stdout
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, reason FROM pages WHERE portal_id = 'site-a'").fetchall()
    runs = conn.execute("SELECT status FROM crawl_runs WHERE portal_id = 'site-a'").fetchall()
    conn.close()
    assert rows == [(DEAD, "connection-refused")]
    assert runs == [("failed",)]


def test_a_symlink_to_the_same_database_takes_the_same_lock(write_registry, tmp_path):
    registry = write_registry([("site-a", "nukeviet", DEAD)])
    real = tmp_path / "data" / "ocop.db"
    real.parent.mkdir()
    alias_dir = tmp_path / "alias"
    alias_dir.symlink_to(real.parent)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    assert lock_path_for(link) == lock_path_for(real) == lock_path_for(alias_dir / "ocop.db")
    with run_lock(real):
        result = run_cli("crawl", "--registry", str(registry), "--portal", "site-a", "--db", str(link))
    assert result.returncode == 1
    assert "another harvester run is in progress" in result.stderr
    assert not real.exists()


def test_remote_control_extensions_are_never_enabled():
    """Neither the telnet console nor Scrapy 2.19's code-running HTTP server listens during a crawl."""
    from scrapy import Spider
    from scrapy.extensions.remote_control import RemoteControl
    from scrapy.extensions.telnet import TelnetConsole
    from scrapy.utils.test import get_crawler

    from harvester.registry import Portal
    from harvester.runner import build_settings, portal_settings

    portal = Portal(id="site-a", name="a", family="generic", start_urls=[DEAD], settings={"concurrency": 2})
    settings = portal_settings(build_settings("x.db"), portal)
    assert not settings.getbool("TELNETCONSOLE_ENABLED") and not settings.getbool("REMOTE_CONTROL_ENABLED")
    # get_crawler turns both flags off itself: switch them on to see that EXTENSIONS alone keeps them out
    crawler = get_crawler(Spider, {"TELNETCONSOLE_ENABLED": True, "REMOTE_CONTROL_ENABLED": True,
                                   "EXTENSIONS": settings.getdict("EXTENSIONS")})
    enabled = [type(e) for e in crawler.extensions.middlewares]
    assert TelnetConsole not in enabled and RemoteControl not in enabled
