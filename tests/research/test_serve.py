"""harvester serve: metadata, canned queries (exact rows), archived pages, read-only access."""

from __future__ import annotations

import asyncio
import json
import zlib

import pytest

from harvester.audit import run_audit
from harvester.metadata import CANNED_QUERIES, build_metadata, column_comments
from harvester.serve import ServeError, make_datasette


def _get(ds, path):
    async def go():
        return await ds.client.get(path)

    return asyncio.run(go())


def _rows(ds, db_name, query, **params):
    qs = "&".join(f"{k}={v}" for k, v in params.items())
    response = _get(ds, f"/{db_name}/{query}.json?_shape=array&{qs}")
    assert response.status_code == 200, response.text
    return [tuple(r.values()) for r in response.json()]


@pytest.fixture
def ds(known_db):
    return make_datasette(known_db)


def test_latest_certified_totals(ds):
    rows = _rows(ds, "known", "latest_certified_totals")
    assert [(p, s, c, as_of) for p, _p25, _unit, s, c, as_of, _q, _u in rows] == [
        ("Bạc Liêu", "3+", 80, "2022"),
        ("Hà Giang", None, 115, "2024-06-20"),
        ("Hà Giang", "3", 111, "2024-03-10"),
        ("Hà Giang", "4", 9, "2024-03-10"),
        ("Tuyên Quang", "3", 140, "2023"),
        ("Tuyên Quang", "3+", 158, "2023"),
        ("Tuyên Quang", "4", 11, "2023"),
        ("Tuyên Quang", "5", 1, "2023"),
    ]
    # By pre-2025 province or by the merged unit, with or without diacritics, in any case.
    for name in ("Hà Giang", "ha giang", "Ha Giang", "HA GIANG"):
        assert [r[0] for r in _rows(ds, "known", "latest_certified_totals", province=name)] == ["Hà Giang"] * 3
    assert {r[0] for r in _rows(ds, "known", "latest_certified_totals", province="Tuyen Quang")} == {
        "Hà Giang", "Tuyên Quang"}
    assert _rows(ds, "known", "latest_certified_totals", province="Yen Bai") == []


def test_totals_by_merged_province(ds):
    rows = _rows(ds, "known", "totals_by_merged_province")
    assert [(p, s, total, made_of, merged) for p, s, total, made_of, merged, _as_of in rows] == [
        ("Cà Mau", "3+", 80, "Bạc Liêu 80 (2022)", None),
        ("Tuyên Quang", None, 115, "Hà Giang 115 (2024-06-20)", None),
        ("Tuyên Quang", "3", 251, "Hà Giang 111 (2024-03-10); Tuyên Quang 140 (2023)", None),
        ("Tuyên Quang", "3+", 158, "Tuyên Quang 158 (2023)", None),
        ("Tuyên Quang", "4", 20, "Hà Giang 9 (2024-03-10); Tuyên Quang 11 (2023)", None),
        ("Tuyên Quang", "5", 1, "Tuyên Quang 1 (2023)", None)]
    # The parameter is honoured: a 2025 unit, or a pre-2025 province (which names the unit it joined).
    assert {r[0] for r in _rows(ds, "known", "totals_by_merged_province", province="Ca Mau")} == {"Cà Mau"}
    assert {r[0] for r in _rows(ds, "known", "totals_by_merged_province", province="ha giang")} == {"Tuyên Quang"}


def test_figures_by_year(ds):
    rows = _rows(ds, "known", "figures_by_year", province="Tuyên Quang")
    assert [(y, p, s, basis, c) for y, p, _p25, _unit, s, basis, c, *_ in rows] == [
        (2022, "Tuyên Quang", "3+", "total", 120), (2022, "Tuyên Quang", "4", "total", 8),
        (2022, "Tuyên Quang", "5", "total", 1),
        (2023, "Tuyên Quang", None, "new", 25),  # the decision 1048's own "công nhận 25 sản phẩm"
        (2023, "Tuyên Quang", "3", "total", 140),
        (2023, "Tuyên Quang", "3+", "new", 38),  # one round's additions, a point of its own series
        (2023, "Tuyên Quang", "3+", "total", 158),  # the largest of 155 and 158 stated for 2023
        (2023, "Tuyên Quang", "4", "total", 11), (2023, "Tuyên Quang", "5", "total", 1),
        (2024, "Hà Giang", None, "total", 120), (2024, "Hà Giang", None, "total", 115),  # two dates in 2024
        (2024, "Hà Giang", None, "new", 4),  # decision 515, as of its year
        (2024, "Hà Giang", "3", "total", 111), (2024, "Hà Giang", "4", "total", 9),
    ]
    assert {r[6]: r[8] for r in rows if r[6] in (158, 115)} == {158: 2, 115: 2}  # sources per point


def test_targets_query_agrees_with_audit(ds, known_db):
    rows = _rows(ds, "known", "targets_vs_achievements")
    expected = [(t.province, t.stars, t.target_year, t.target, t.achieved, t.achieved_period, t.verdict)
                for t in run_audit(known_db).targets]
    assert [(p, s, y, t, a, ap, v) for p, _p25, _unit, s, y, t, a, ap, v in rows] == expected
    assert [r[-1] for r in rows] == ["unknown", "exceeded", "met", "behind"]


def test_province_timeseries(ds):
    rows = _rows(ds, "known", "province_timeseries", province="ha giang")
    assert [(unit, s, as_of, c) for unit, s, as_of, c, *_ in rows] == [
        ("Hà Giang", None, "2024-03-10", 120), ("Hà Giang", None, "2024-06-20", 115),
        ("Hà Giang", "3", "2024-03-10", 111), ("Hà Giang", "4", "2024-03-10", 9)]
    page = _get(ds, "/-/timeseries?province=ha+giang")
    assert page.status_code == 200
    assert 'data-province="Hà Giang"' in page.text and 'data-count="115"' in page.text


def test_decisions_and_products(ds):
    rows = _rows(ds, "known", "decisions_by_province", province="Tuyên Quang")
    assert [(r[0], r[2], r[6], r[7], r[8], r[9]) for r in rows] == [
        # 515 is cited by the Hà Giang portal and by a national site: one decision, two citations
        ("Hà Giang", "515/QĐ-UBND", 4, 3, 3, 2), ("Tuyên Quang", "1048/QĐ-UBND", 25, 24, 24, 2)]
    assert _rows(ds, "known", "products_by_stars") == [
        ("Bạc Liêu", "Cà Mau", 3, 2), ("Bạc Liêu", "Cà Mau", 4, 1),
        ("Hà Giang", "Tuyên Quang", 3, 1), ("Hà Giang", "Tuyên Quang", 4, 2), ("Tuyên Quang", "Tuyên Quang", 3, 24)]


def test_metadata_describes_every_table_in_two_languages():
    meta = build_metadata("ocop")
    tables = meta["databases"]["ocop"]["tables"]
    assert set(CANNED_QUERIES) == set(meta["databases"]["ocop"]["queries"])
    for name in ("articles", "figures", "documents", "products", "pages", "latest_certified", "figures_sourced",
                 "verdicts", "figure_keys", "series_points", "latest_totals"):
        assert " / " in tables[name]["description"], name
    assert tables["figures"]["columns"]["quote"].startswith("trích dẫn nguyên văn")
    assert tables["figures"]["columns"]["start"] == "vị trí đầu — offsets of quote in articles.text / attachments.text"
    assert column_comments()["articles"]["text"].startswith("main text")
    # Datasette's own search box searches the folded index.
    assert tables["articles"]["fts_table"] == "articles_folded_fts" and tables["articles"]["fts_pk"] == "id"


def test_archived_page_is_served_decompressed_and_sandboxed(ds, known_db):
    response = _get(ds, "/-/archive/1")
    assert response.status_code == 200
    assert "<h1>Tuyên Quang: 155 sản phẩm OCOP</h1>" in response.text
    assert "sandbox" in response.headers["content-security-policy"]
    assert _get(ds, "/-/archive/999").status_code == 404


def test_web_ui_is_read_only(ds, known_db):
    response = _get(ds, "/known.json?sql=" + "DELETE%20FROM%20figures")
    assert response.status_code == 400
    import sqlite3

    assert sqlite3.connect(known_db).execute("SELECT count(*) FROM figures").fetchone() == (25,)


def test_missing_database(tmp_path):
    with pytest.raises(ServeError, match="no such database"):
        make_datasette(tmp_path / "nope.db")


def test_decompress_tolerates_plain_bodies():
    from harvester.serve import decompress_body

    assert decompress_body(zlib.compress(b"abc")) == b"abc"
    assert decompress_body(b"<html>") == b"<html>"
    assert decompress_body(None) == b""
    json.dumps(build_metadata("x"))  # serialisable for --print-metadata
