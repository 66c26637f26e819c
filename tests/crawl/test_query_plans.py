"""The crawl's own lookups on a hot path use an index, never a scan of a growing table."""

from __future__ import annotations

import pytest

from harvester.schema import open_db

# (what, SQL as the crawl's store calls run it)
CRAWL_LOOKUPS = [
    ("a 304 recheck finds the article of its page", "SELECT published FROM articles WHERE page_id = ?"),
    ("a page row by URL", "SELECT sha256, first_fetched_at, changed_at FROM pages WHERE url = ?"),
    ("a listing's frontier", "SELECT listing, top_urls FROM crawl_frontier WHERE portal_id = ?"),
    ("the seen URLs of a portal", "SELECT url, final_url FROM pages WHERE portal_id = ?"),
]


@pytest.mark.parametrize(("what", "sql"), CRAWL_LOOKUPS)
def test_crawl_lookup_uses_an_index(tmp_path, what, sql):
    db = open_db(tmp_path / "plan.db")
    plan = " | ".join(row[-1] for row in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",)))
    assert "USING" in plan and "INDEX" in plan and not plan.startswith("SCAN"), f"{what}: {plan}"
