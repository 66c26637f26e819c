"""`harvester demo`, the README's first command: a first night, then a second with nothing new."""

from __future__ import annotations

import re
import socket
import sqlite3

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.e2e


def _totals(output: str) -> tuple[int, int]:
    found = re.search(r"total: (\d+) new, (\d+) updated", output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def _free_port() -> int:
    """A port free on the imitation portals' addresses, so that concurrent test runs do not share
    the demo's default one (a taken port would give the second night other URLs)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.11", 0))
        return probe.getsockname()[1]


def test_demo_twice_is_a_first_night_then_an_incremental_one(tmp_path):
    db = tmp_path / "demo.db"
    port = str(_free_port())
    first = run_cli("demo", "--db", str(db), "--port", port, timeout=180)
    assert first.returncode == 0, first.stderr
    new, _ = _totals(first.stdout)
    assert new > 20
    assert "harvester products --db" in first.stdout
    assert first.stderr.strip() == ""  # the summary only: no Scrapy banner, no expected-fault noise

    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        products = conn.execute("SELECT count(*) FROM products").fetchone()[0]
    assert articles >= new and products > 0

    second = run_cli("demo", "--db", str(db), "--port", port, timeout=180)
    assert second.returncode == 0, second.stderr
    assert _totals(second.stdout) == (0, 0)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == articles
        assert conn.execute("SELECT count(*) FROM products").fetchone()[0] == products
        runs = conn.execute("SELECT count(DISTINCT run_group) FROM crawl_runs").fetchone()[0]
    assert runs == 2
