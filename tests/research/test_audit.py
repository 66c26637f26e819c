"""harvester audit: every planted problem of tests/research/conftest.py is flagged, nothing else.

The database is written through the real write path (storage.save_article, save_document,
save_attachment), so the audit sees what a crawl stores, attachment figures included."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from harvester import audit
from harvester.audit import AuditError, run_audit
from harvester.cli import cli
from harvester.comparable import comparable
from harvester.report import render_html, render_json, render_text
from harvester.review import flagged_keys


def _quotes(flag):
    return [(s.article_id, s.quote, s.count if s.count is not None else s.issued) for s in flag.sources]


def test_conflicts(known_db):
    report = run_audit(known_db)
    assert [(f.province, f.place, f.period, f.stars, f.status, f.counts) for f in report.conflicts] == [
        ("Bạc Liêu", "huyện Hồng Dân", "2022", "3", "achieved", [12, 14]),
        ("Tuyên Quang", None, "2023", "3+", "achieved", [155, 158]),
    ]
    # The syndicated copy (article 6, same text on another portal) is not a second source; the
    # round count "công nhận mới 38" is not a third Tuyên Quang total; "huyện có 19" (place filled
    # in as Hà Giang by the extractor) is local and does not contradict Hà Giang's 115.
    assert _quotes(report.conflicts[0]) == [(5, "12 sản phẩm OCOP đạt 3 sao", 12), (7, "14 sản phẩm OCOP đạt 3 sao", 14)]
    assert _quotes(report.conflicts[1]) == [
        (1, "155 sản phẩm đạt 3 sao trở lên", 155), (2, "158 sản phẩm OCOP đạt từ 3 sao trở lên", 158)]


def test_quotes_carry_offsets_excerpts_and_archive(known_db):
    import sqlite3

    conn = sqlite3.connect(known_db)
    report = run_audit(known_db)
    for flag in [*report.flags, *report.targets]:
        for src in flag.sources:
            if src.article_id is None:  # a figure read from a decision's attachment
                text, url = conn.execute("SELECT text, url FROM attachments WHERE id = ?",
                                         (src.attachment_id,)).fetchone()
                page_id = None
            else:
                text, page_id, url = conn.execute("SELECT text, page_id, url FROM articles WHERE id = ?",
                                                  (src.article_id,)).fetchone()
                assert conn.execute("SELECT kind FROM pages WHERE id = ?", (page_id,)).fetchone() == ("article",)
            assert text[src.start : src.end] == src.quote
            assert text.startswith(src.before.lstrip("…")) or src.before.startswith("…")
            assert (src.before + src.quote + src.after).strip("…") in text
            assert (src.page_id, src.url) == (page_id, url)


def test_decrease_of_a_running_total_over_time(known_db):
    [flag] = run_audit(known_db).decreases
    assert (flag.province, flag.stars, flag.earlier, flag.later) == ("Hà Giang", None, 120, 115)
    assert (flag.earlier_as_of, flag.later_as_of) == ("2024-03-10", "2024-06-20")
    assert [(s.portal_id, s.published[:10]) for s in flag.sources] == [("hagiang", "2024-03-10"), ("hagiang", "2024-06-20")]


def test_breakdown_that_does_not_add_up(known_db):
    # Hà Giang's 120 = 9 + 111 adds up; Tuyên Quang 2022's "120 ≥3 sao, trong đó 8 × 4 sao và 1 × 5
    # sao" lists only some levels, so its smaller sum is no contradiction.
    [flag] = run_audit(known_db).breakdowns
    assert (flag.province, flag.total, flag.parts, flag.parts_sum) == ("Tuyên Quang", 155, {"5": 1, "4": 11, "3": 140}, 152)
    assert [s.count for s in flag.sources] == [155, 1, 11, 140]


def test_decision_dates(known_db):
    flags = run_audit(known_db).decision_dates
    assert [(f.number, f.document_id, f.dates) for f in flags] == [
        ("1048/QĐ-UBND", 1, ["2023-12-12", "2023-12-15"]),
        # Stored as two documents rows (the national site has no province), one decision all the
        # same: both citing articles report on Hà Giang.
        ("515/QĐ-UBND", 2, ["2024-05-02", "2024-05-03"]),
        ("490/QĐ-TTg", 3, ["2018-05-07", "2018-05-09"]),
    ]
    assert _quotes(flags[1]) == [(4, "Quyết định số 515/QĐ-UBND ngày 02/5/2024", "2024-05-02"),
                                 (9, "Quyết định số 515/QĐ-UBND ngày 03/5/2024", "2024-05-03")]
    assert _quotes(flags[2]) == [(5, "Quyết định số 490/QĐ-TTg ngày 7/5/2018", "2018-05-07"),
                                 (7, "Quyết định số 490/QĐ-TTg ngày 09/5/2018", "2018-05-09")]


def test_targets_against_latest_achievement(known_db):
    checks = run_audit(known_db).targets
    assert [(t.province, t.stars, t.target_year, t.target, t.achieved, t.achieved_period, t.verdict) for t in checks] == [
        # "Năm 2024 có thêm 30": a new-products target, measured against counts added in 2024
        # (the decision's 4, one round stated before the year ended: no verdict), never against
        # the running total 115.
        ("Hà Giang", None, 2024, 30, 4, "2024", "unknown"),
        ("Hà Giang", None, 2025, 100, 115, "2024-06-20", "exceeded"),
        ("Hà Giang", "4", 2024, 9, 9, "2024-03-10", "met"),
        ("Tuyên Quang", "3+", 2025, 200, 158, "2023", "behind"),
    ]
    assert [s.quote for s in checks[3].sources] == ["200 sản phẩm OCOP đạt 3 sao trở lên",
                                                    "158 sản phẩm OCOP đạt từ 3 sao trở lên"]


def test_annex_counts(known_db):
    flags = run_audit(known_db).annexes
    assert [(f.number, f.stated, f.rows, f.rows_from) for f in flags] == [
        ("1048/QĐ-UBND", 25, 24, "annex_rows"), ("515/QĐ-UBND", 4, 3, "annex_rows")]


def test_annex_counts_fall_back_to_product_rows(known_db):
    import sqlite3

    # A database written before annex_rows was kept: the stored product rows are counted instead.
    with sqlite3.connect(known_db) as conn:
        conn.execute("UPDATE documents SET annex_rows = NULL")
    flags = run_audit(known_db).annexes
    assert [(f.number, f.stated, f.rows, f.rows_from) for f in flags] == [
        ("1048/QĐ-UBND", 25, 24, "products"), ("515/QĐ-UBND", 4, 3, "products")]


def test_certified_series(known_db):
    series = {p: {s: [(pt.year, pt.count) for pt in pts] for s, pts in levels.items()}
              for p, levels in run_audit(known_db).certified.items()}
    assert series == {
        "Bạc Liêu": {"3+": [(2022, 80)]},
        "Hà Giang": {"3": [(2024, 111)], "4": [(2024, 9)], "all": [(2024, 115)]},
        "Tuyên Quang": {"3": [(2023, 140)], "3+": [(2022, 120), (2023, 158)], "4": [(2022, 8), (2023, 11)],
                        "5": [(2022, 1), (2023, 1)]},
    }  # neither the round count 38 (2023) nor the decisions' "công nhận N sản phẩm" are totals


def test_filters(known_db):
    # The 2025 unit Tuyên Quang covers old Tuyên Quang and Hà Giang.
    merged = run_audit(known_db, province="Tuyên Quang")
    assert sorted(merged.certified) == ["Hà Giang", "Tuyên Quang"]
    assert [f.number for f in merged.decision_dates] == ["1048/QĐ-UBND", "515/QĐ-UBND"]
    assert [f.number for f in merged.annexes] == ["1048/QĐ-UBND", "515/QĐ-UBND"]
    old = run_audit(known_db, province="ha giang")
    assert [f.kind for f in old.flags] == ["decrease", "decision-date", "annex"]
    y2022 = run_audit(known_db, year=2022)
    assert [(f.province, f.counts) for f in y2022.conflicts] == [("Bạc Liêu", [12, 14])]
    assert y2022.breakdowns == [] and y2022.decision_dates == [] and y2022.targets == []
    assert y2022.certified == {} or all(pt.year == 2022 for lv in y2022.certified.values() for pts in lv.values()
                                        for pt in pts)
    assert sorted(y2022.certified) == ["Bạc Liêu", "Tuyên Quang"]


def test_clean_database_has_no_flags(fresh_db, tmp_path):
    report = run_audit(tmp_path / "test.db")
    assert report.flags == [] and report.targets == [] and report.certified == {}
    assert "Không có" in render_html(report) and "conflict: 0" in render_text(report)


def test_bad_database_is_a_message(tmp_path):
    (tmp_path / "x.db").write_text("not a database")
    with pytest.raises(AuditError, match="not an SQLite database"):
        run_audit(tmp_path / "x.db")
    import sqlite3

    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (a)").connection.commit()
    with pytest.raises(AuditError, match="is it a harvester database"):
        run_audit(tmp_path / "other.db")


def test_audit_cli_formats(known_db, tmp_path):
    runner = CliRunner()
    out = runner.invoke(cli, ["audit", "--db", str(known_db), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["counts"] == {"conflict": 2, "decrease": 1, "breakdown": 1, "decision-date": 3,
                              "target-behind": 1, "annex": 2}
    out = runner.invoke(cli, ["audit", "--db", str(known_db), "--province", "Bạc Liêu"])
    assert "huyện Hồng Dân, 2022, 3 sao, achieved: 12 vs 14" in out.output
    assert "Tuyên Quang" not in out.output
    target = tmp_path / "report.html"
    out = runner.invoke(cli, ["audit", "--db", str(known_db), "--format", "html", "--output", str(target)])
    assert out.exit_code == 0 and "10 flagged items" in out.output
    html = target.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://127.0.0.1:8001", "") .replace('href="http', "")
    assert "<script src" not in html and "<link" not in html
    out = runner.invoke(cli, ["audit", "--db", str(tmp_path / "nope.db")])
    assert out.exit_code == 1 and "no such database" in out.output


def test_flags_past_the_memory_limit_wait_in_a_file(known_db, monkeypatch):
    monkeypatch.setattr(audit, "FLAGS_IN_MEMORY", 1)
    report = run_audit(known_db)
    assert len(report.conflicts) == 1 and report.counts()["conflict"] == 2
    assert len(report.decision_dates) == 1 and report.counts()["decision-date"] == 3
    everything = [(f.province, f.counts) for f in report.all("conflicts")]
    assert sorted(everything) == [("Bạc Liêu", [12, 14]), ("Tuyên Quang", [155, 158])]
    data = json.loads(render_json(report))
    assert len(data["conflicts"]) == 2 and len(data["decision_dates"]) == 3
    assert all(s["url"] and s["before"] for f in data["conflicts"] for s in f["sources"])  # filled before spooling
    assert "Conflicting counts (2)" in render_text(report)
    assert len({k for k, flags in flagged_keys(report).items() if any(f.startswith("conflict") for f in flags)}) == 4


def _new_products(fig_id, count, as_of, source):
    row = {"place": "Thái Nguyên", "province": "Thái Nguyên", "province_2025": "Thái Nguyên", "year": 2023,
           "as_of": as_of, "stars": "3", "status": "achieved", "basis": "new", "place_level": "province",
           "published": "2023-11-20"}
    return audit.Fig(id=fig_id, article_id=source, attachment_id=None, count=count, extracted=count, stars="3",
                     status="achieved", year=2023, place="Thái Nguyên", province="Thái Nguyên",
                     province_2025="Thái Nguyên", quote=f"{count} sản phẩm", start=0, end=1, sentence_id=fig_id,
                     published="2023-11-20", key=f"k{fig_id}", verdict=None, c=comparable(row))


def test_new_products_dated_only_by_year_are_rounds_not_one_fact():
    # a council's round of 25 and a November decision's 9, both "new in 2023": not a conflict
    assert audit.find_conflicts([_new_products(1, 25, "2023", 1), _new_products(2, 9, "2023", 2)]) == []
    # the same round dated to its month by two sources that disagree: a conflict
    [flag] = audit.find_conflicts([_new_products(1, 25, "2023-11", 1), _new_products(2, 24, "2023-11", 2)])
    assert flag.counts == [24, 25]
