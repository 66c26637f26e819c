"""Issue 10's acceptance, on a database built with `harvester ingest-article` from articles we wrote.

The articles (tests/research/analyst_articles/) go through the real extractors, so these tests
check what an analyst sees: one conflict for 120 vs 125 at the same date, a year's 30 new
products never set against a running total, a pre-merger count and the merged unit's never
compared, 180 = 43 + 141 flagged, a target of 25 new met by 30 new; and verdicts that survive
`harvester reextract`.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from harvester.audit import run_audit
from harvester.cli import cli
from harvester.review import list_figures

ARTICLES = Path(__file__).parent / "analyst_articles"


def harvester(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def audit_json(db: Path) -> dict:
    return json.loads(harvester("audit", "--db", db, "--format", "json"))


def key_of(db: Path, count: int) -> str:
    [figure] = [f for f in list_figures(db) if f.extracted_count == count]
    return figure.key


@pytest.fixture
def db(analyst_db, tmp_path) -> Path:
    """A copy of the analyst database (tests/research/conftest.py) each test may change (SQLite's
    backup: the database is in WAL mode)."""
    copy = tmp_path / "analyst.db"
    with sqlite3.connect(analyst_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def test_articles_are_archived_with_their_url_and_date(db, analyst_sources):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT a.url, a.published, p.kind, p.body IS NOT NULL, a.portal_id FROM articles a "
                        "JOIN pages p ON p.id = a.page_id ORDER BY a.id").fetchall()
    assert [(url, published[:10]) for url, published, *_ in rows] == list(analyst_sources.values())
    assert all(kind == "article" and archived and portal == "analyst" for _u, _p, kind, archived, portal in rows)
    # The tea article never says OCOP: the title filter of a crawl would drop it, an analyst's choice stands.
    assert conn.execute("SELECT title FROM articles WHERE url LIKE '%che-shan-tuyet'").fetchone() == (
        "Chè Shan tuyết Suối Giàng",)


def test_loading_the_same_file_again_stores_one_article(db, analyst_sources):
    url, published = analyst_sources["yen-bai-120.txt"]
    out = harvester("ingest-article", ARTICLES / "yen-bai-120.txt", "--url", url, "--published", published,
                    "--db", db)
    assert out.startswith("unchanged")
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone() == (len(analyst_sources),)


def test_one_conflict_for_120_vs_125_at_the_same_date(db, analyst_sources):
    report = audit_json(db)
    assert report["counts"] == {"conflict": 1, "decrease": 0, "breakdown": 1, "decision-date": 0,
                                "target-behind": 0, "annex": 0}
    [conflict] = report["conflicts"]
    assert (conflict["unit"], conflict["period"], conflict["stars"], conflict["counts"]) == (
        "Yên Bái", "2024-12-31", "3+", [120, 125])
    assert sorted(s["url"] for s in conflict["sources"]) == sorted(
        [analyst_sources["yen-bai-120.txt"][0], analyst_sources["yen-bai-125.html"][0]])


def test_a_years_new_products_are_never_set_against_a_running_total(db):
    report = run_audit(db)
    assert all(30 not in f.counts and 43 not in f.counts for f in report.conflicts)
    # "Hiện nay toàn tỉnh có 227" (undated: as of its article's date) measures the running-total
    # target of 200, not that year's 43 new products.
    [target] = [t for t in report.targets if t.target == 200]
    assert (target.achieved, target.achieved_period, target.verdict) == (227, "2025-06-05", "exceeded")
    assert report.certified["Yên Bái"]["3+"][-1].count == 227


def test_a_target_of_25_new_is_met_by_30_new(db):
    [target] = [t for t in run_audit(db).targets if t.target == 25]
    assert (target.basis, target.target_year, target.achieved, target.verdict) == ("new", 2024, 30, "exceeded")


def test_pre_merger_and_merged_unit_are_never_compared_or_summed(db):
    report = run_audit(db)
    assert not [f for f in report.flags if "Lào Cai" in f.summary]
    assert report.certified["Lào Cai"] == {"3+": report.certified["Lào Cai"]["3+"]}
    assert [(p.year, p.count) for p in report.certified["Lào Cai"]["3+"]] == [(2025, 150)]
    assert [(p.year, p.count) for p in report.certified["Lào Cai (2025)"]["3+"]] == [(2025, 380)]
    rows = json.loads(harvester("query", "SELECT province, unit, count, as_of FROM latest_certified "
                                "WHERE province IN (SELECT province FROM province_names WHERE name = 'Lao Cai') "
                                "ORDER BY unit", "--db", db, "--format", "json"))
    assert [(r["unit"], r["count"], r["as_of"]) for r in rows] == [
        ("Lào Cai", 150, "2025-01-31"), ("Lào Cai (2025)", 380, "2025-07"), ("Yên Bái", 227, "2025-06-05")]


def test_breakdown_180_with_parts_43_and_141(db):
    [flag] = run_audit(db).breakdowns
    assert (flag.total, flag.parts, flag.parts_sum) == (180, {"4": 43, "3": 141}, 184)


def test_marking_125_wrong_survives_reextract(db):
    key = key_of(db, 125)
    harvester("review", "mark", key, "--verdict", "wrong", "--note", "the portal corrected it to 120", "--db", db)
    assert audit_json(db)["counts"]["conflict"] == 0
    before = {f.key for f in list_figures(db)}
    out = harvester("reextract", "--db", db)
    assert "0 new" in out
    ids = sqlite3.connect(db).execute("SELECT min(id) FROM figures").fetchone()[0]
    assert ids > len(before)  # reextract re-inserted every figure: new row ids, same keys
    after = {f.key: f for f in list_figures(db)}
    assert set(after) == before
    assert (after[key].verdict, after[key].note) == ("wrong", "the portal corrected it to 120")
    report = audit_json(db)
    assert report["conflicts"] == [] and report["verdicts_applied"] == 1


def test_a_corrected_count_replaces_the_extracted_one_in_totals(db):
    harvester("review", "mark", key_of(db, 150), "--verdict", "corrected", "--count", "151", "--db", db)
    report = run_audit(db)
    [point] = report.certified["Lào Cai"]["3+"]
    assert (point.count, point.source.extracted, point.source.verdict) == (151, 150, "corrected")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count FROM latest_totals WHERE unit = 'Lào Cai'").fetchone() == (151,)


def test_totals_by_merged_province_keeps_the_merged_unit_apart(db):
    from harvester.metadata import CANNED_QUERIES

    conn = sqlite3.connect(db)
    rows = conn.execute(CANNED_QUERIES["totals_by_merged_province"]["sql"], {"province": "Yen Bai"}).fetchall()
    # Old Lào Cai (150, 31/1/2025) + old Yên Bái (227, 5/6/2025) = 377; the merged unit's own 380 of 7/2025
    # is shown beside, never added to them.
    assert rows == [("Lào Cai", "3+", 377, "Lào Cai 150 (2025-01-31); Yên Bái 227 (2025-06-05)", 380, "2025-07")]


def test_verifying_every_figure_of_a_flag_dismisses_it(db):
    for count in (120, 125):
        harvester("review", "mark", key_of(db, count), "--verdict", "verified", "--db", db)
    report = run_audit(db)
    assert report.conflicts == [] and [f.kind for f in report.dismissed] == ["conflict"]
    assert report.counts()["conflict"] == 0


def test_review_list_flagged_shows_keys_and_flags(db):
    flagged = json.loads(harvester("review", "list", "--flagged", "--format", "json", "--db", db))
    assert sorted(f["extracted_count"] for f in flagged) == [43, 120, 125, 141, 180]
    assert all(f["key"] and f["flags"] for f in flagged)
    table = harvester("review", "list", "--flagged", "--province", "yen bai", "--db", db)
    assert "⚑ conflict: Yên Bái, 2024-12-31" in table and "(2 figures)" in table
    assert "(7 figures)" in harvester("review", "list", "--province", "yen bai", "--db", db)


def test_export_and_import_verdicts_as_csv(db, tmp_path, analyst_sources):
    harvester("review", "mark", key_of(db, 125), "--verdict", "wrong", "--note", "gõ nhầm", "--db", db)
    harvester("review", "mark", key_of(db, 180), "--verdict", "corrected", "--count", "184", "--db", db)
    exported = harvester("review", "export", "--db", db)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert sorted((r["verdict"], r["count"], r["note"]) for r in rows) == [
        ("corrected", "184", ""), ("wrong", "", "gõ nhầm")]
    fresh = tmp_path / "fresh.db"
    for name, (url, published) in analyst_sources.items():
        harvester("ingest-article", ARTICLES / name, "--url", url, "--published", published, "--db", fresh)
    (tmp_path / "verdicts.csv").write_text(exported, encoding="utf-8")
    assert "2 verdicts recorded" in harvester("review", "import", tmp_path / "verdicts.csv", "--db", fresh)
    assert audit_json(fresh)["counts"]["conflict"] == 0 and audit_json(fresh)["counts"]["breakdown"] == 0


def test_review_errors_are_one_line(db, tmp_path):
    result = CliRunner().invoke(cli, ["review", "mark", "00000000-00000000", "--verdict", "wrong", "--db", str(db)])
    assert result.exit_code == 1 and "no figure has the key" in result.output
    result = CliRunner().invoke(cli, ["review", "mark", key_of(db, 125), "--verdict", "corrected", "--db", str(db)])
    assert result.exit_code == 1 and "needs the right count" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("key,verdict,count\nabc,corrected,many\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", "import", str(bad), "--db", str(db)])
    assert result.exit_code == 1 and "line 2" in result.output and "Traceback" not in result.output


def test_exports_carry_keys_and_verdicts_and_a_bom_for_excel(db, tmp_path):
    key = key_of(db, 125)
    harvester("review", "mark", key, "--verdict", "wrong", "--db", db)
    target = tmp_path / "figures.csv"
    harvester("export", "--db", db, "--format", "csv", "--table", "figures", "--excel", "-o", target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Vietnamese only after a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["key"]: r["verdict"] for r in rows if r["verdict"]} == {key: "wrong"}
    assert "Yên Bái" in {r["province"] for r in rows}
    plain = tmp_path / "plain.csv"
    harvester("export", "--db", db, "--format", "csv", "--table", "figures", "-o", plain)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    lines = [json.loads(line) for line in harvester("export", "--db", db).splitlines()]
    judged = [f for article in lines for f in article["figures"] if "verdict" in f]
    assert [(f["count"], f["verdict"]["verdict"]) for f in judged] == [(125, "wrong")]
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "jsonl", "--table", "figures", "--excel"])
    assert result.exit_code == 1 and "--excel only applies to --format csv" in result.output
