"""Every lookup on a hot path uses an index: the write path's statements as they really run, the
research commands' lookups, and every canned query (EXPLAIN QUERY PLAN shows no full scan of a
table that grows with the crawl)."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import pytest
from datasette.tracer import capture_traces

from extractors.records import Extraction
from harvester import audit, storage
from harvester.metadata import CANNED_QUERIES
from harvester.query import connect_readonly
from harvester.review import find_figure
from harvester.schema import FACET_COLUMNS
from harvester.serve import make_datasette

# Tables that grow with the crawl; a plan step "SCAN <one of them>" without an index is a defect.
GROWING = {"pages", "articles", "figures", "documents", "document_mentions", "attachments", "products",
           "figure_keys", "verdicts", "series_points", "latest_totals", "crawl_runs"}
_SCAN = re.compile(r"^SCAN (\w+)(.*)$")
_LOOKUP = re.compile(r"^\s*(SELECT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)


def full_scans(conn: sqlite3.Connection, sql: str, params=()) -> list[str]:
    """Plan steps that read a growing table without an index (table aliases resolved)."""
    aliases = {alias: table for table, alias in
               re.findall(r"\b(?:FROM|JOIN)\s+\[?(\w+)\]?\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|LEFT\b)(\w+)", sql,
                          re.IGNORECASE)}
    found = []
    for *_ids, detail in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params):
        m = _SCAN.match(detail)
        if m and "USING" not in m.group(2) and aliases.get(m.group(1), m.group(1)) in GROWING:
            found.append(detail)
    return found


def lookups(statements: list[str]) -> list[str]:
    """The distinct statements that look rows up (a WHERE clause): what must use an index."""
    return sorted({s for s in statements if _LOOKUP.match(s) and re.search(r"\bWHERE\b", s, re.IGNORECASE)})


def test_write_path_lookups_use_indexes(known_db_statements):
    db, statements = known_db_statements
    item = {"kind": "article", "url": "https://x.example/a", "portal_id": "tuyenquang", "status": 200,
            "headers": {}, "body": b"<p>x</p>", "fetched_at": "2025-01-01T00:00:00+00:00"}
    db.conn.set_trace_callback(statements.append)
    storage.save_article(db, item, None, Extraction(text="Toàn tỉnh có 5 sản phẩm OCOP.", title="x"))
    storage.save_unchanged(db, "https://x.example/a", "2025-01-02T00:00:00+00:00")
    storage.save_fault(db, {"url": "https://x.example/b", "portal_id": "tuyenquang", "status": 404,
                            "fetched_at": "2025-01-02T00:00:00+00:00"})
    storage.save_verdicts(db, [storage.Verdict(key="00000000-00000000", verdict="verified")])
    storage.refresh_research(db)
    db.conn.set_trace_callback(None)
    found = lookups(statements)
    assert len(found) > 20, found  # the write path was really exercised
    offenders = {s[:200]: full_scans(db.conn, s) for s in found}
    assert {s: scans for s, scans in offenders.items() if scans} == {}


@pytest.mark.parametrize("province", ["", "Yen Bai"])
@pytest.mark.parametrize("name", sorted(CANNED_QUERIES))
def test_canned_queries_use_indexes(known_db, name, province):
    conn = sqlite3.connect(known_db)
    assert full_scans(conn, CANNED_QUERIES[name]["sql"], {"province": province}) == []


def test_research_lookups_use_indexes(known_db, monkeypatch):
    statements: list[str] = []

    def traced(path):
        conn = connect_readonly(path)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(audit, "connect_readonly", traced)
    report = audit.run_audit(known_db)
    key = report.conflicts[0].sources[0].key
    assert find_figure(known_db, key).key == key
    conn = sqlite3.connect(known_db)
    found = lookups(statements)
    assert any("figure_keys" in s for s in found) and any("substr(text" in s for s in found)
    offenders = {s[:200]: full_scans(conn, s) for s in found}
    assert {s: scans for s, scans in offenders.items() if scans} == {}
    assert full_scans(conn, "SELECT * FROM figures_sourced WHERE key = 'x'") == []


def _facet_sql(db_path, table: str, column: str) -> tuple[dict, list[str]]:
    """The web UI's answer for a facet on ``table.column``, and the GROUP BY statements Datasette ran."""
    ds = make_datasette(db_path)
    traces: list[dict] = []

    async def get():
        with capture_traces(traces):
            return await ds.client.get(f"/{db_path.stem}/{table}.json?_facet={column}&_size=1")

    response = asyncio.run(get())
    assert response.status_code == 200, response.text
    return response.json(), [t["sql"] for t in traces if t["type"] == "sql" and "group by" in t["sql"].lower()]


@pytest.mark.parametrize(("table", "column"), [(t, c) for t, cs in FACET_COLUMNS.items() for c in cs])
def test_facets_read_an_index(known_db, table, column):
    """A facet counts the whole table: it must read an index on the column, never the table's rows
    (a scan of 6M figures takes seconds, over Datasette's facet time limit)."""
    answer, statements = _facet_sql(known_db, table, column)
    assert answer["facet_results"][column]["results"], answer["facet_results"]  # counted, not timed out
    assert statements, "no facet query was traced"
    conn = sqlite3.connect(known_db)
    for sql in statements:
        plan = [detail for *_ids, detail in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert any(f"{table} USING COVERING INDEX" in step for step in plan), plan
