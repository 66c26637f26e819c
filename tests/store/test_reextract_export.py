"""Reextract rebuilds the same rows from the archive; export prints the `harvester extract` shape."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from click.testing import CliRunner

from extractors import extract
from harvester import export, ingest, reextract, storage
from harvester.cli import cli
from harvester.registry import Portal, sync_portals

PORTAL = Portal(id="hg-portal", name="Hà Giang", family="generic", start_urls=["https://hg.vn/"],
                province="Hà Giang", province_2025="Tuyên Quang", site_kind="portal")

PAGES = {
    "https://hg.vn/tin/ocop-1.html": ("Hà Giang có thêm 12 sản phẩm OCOP", [
        "Theo Quyết định số 77/QĐ-UBND, tỉnh công nhận 12 sản phẩm OCOP đạt 3 sao trong đợt này.",
        "Toàn tỉnh hiện có 310 sản phẩm OCOP, trong đó chè Shan tuyết chiếm phần lớn.",
        "Hội đồng đánh giá cấp tỉnh đã chấm điểm hồ sơ của các hợp tác xã ở Đồng Văn, Yên Minh và Quản Bạ.",
    ]),
    "https://hg.vn/tin/ocop-2.html": ("Mèo Vạc đặt mục tiêu OCOP", [
        "Huyện Mèo Vạc phấn đấu có 5 sản phẩm OCOP đạt 4 sao vào năm 2027, theo Quyết định số 1048/QĐ-TTg.",
        "Mật ong bạc hà và thắng cố là hai sản phẩm được ưu tiên hỗ trợ xây dựng nhãn hiệu.",
        "Phòng Nông nghiệp huyện sẽ mở lớp tập huấn về bao bì, truy xuất nguồn gốc cho các chủ thể.",
    ]),
    "https://hg.vn/tin/thoi-tiet.html": ("Dự báo thời tiết cuối tuần", [
        "Vùng núi phía Bắc có mưa rào và dông rải rác, nhiệt độ thấp nhất 14 độ.",
    ]),
}


def _ingest_all(db, kit, extractor=None):
    extractor = extractor or kit.count_extractor
    sync_portals(db, [PORTAL])
    results = [ingest.ingest_page(db, kit.page_item(url, kit.article_html(title, paras), portal_id=PORTAL.id),
                                  extractor=extractor)
               for url, (title, paras) in PAGES.items()]
    # a syndicated copy of the first page on a newspaper
    title, paras = PAGES["https://hg.vn/tin/ocop-1.html"]
    results.append(ingest.ingest_page(db, kit.page_item("https://baohagiang.vn/a-1.html",
                                                        kit.article_html(title, paras), portal_id="hg-news"),
                                      extractor=extractor))
    return results


def _figure_rows(db):
    return list(db.query("SELECT article_id, count, stars, status, quote, start, end, url FROM figures ORDER BY id"))


def test_ingest_statuses(fresh_db, kit):
    results = _ingest_all(fresh_db, kit)
    assert [r.status for r in results] == ["new", "new", "dropped", "new"]
    assert results[3].duplicate_of == results[0].article_id and results[3].figures == 0
    assert fresh_db["pages"].count == 4 and fresh_db["articles"].count == 3
    weather = fresh_db["pages"].get(results[2].page_id)
    assert weather["kind"] == "other" and weather["body"] is not None
    # the same page again is unchanged and writes no extra rows
    url, (title, paras) = next(iter(PAGES.items()))
    again = ingest.ingest_page(fresh_db, kit.page_item(url, kit.article_html(title, paras), portal_id=PORTAL.id),
                               extractor=kit.count_extractor)
    assert again.status == "unchanged" and fresh_db["figures"].count == 3


def test_reextract_without_changes_reproduces_identical_rows(fresh_db, kit):
    _ingest_all(fresh_db, kit)
    before = _figure_rows(fresh_db)
    mentions_before = list(fresh_db.query("SELECT article_id, number, quote, start, end FROM document_mentions"))
    assert len(before) == 3
    report = reextract.reextract(fresh_db, extractor=kit.count_extractor)
    assert (report.pages, report.unchanged, report.dropped, report.new, report.updated) == (4, 3, 1, 0, 0)
    assert (report.figures_before, report.figures_after, report.figures_added, report.figures_removed) == (3, 3, 0, 0)
    assert _figure_rows(fresh_db) == before
    assert list(fresh_db.query("SELECT article_id, number, quote, start, end FROM document_mentions")) == mentions_before
    assert fresh_db["pages"].count == 4 and list(fresh_db.query("PRAGMA foreign_key_check")) == []


def test_reextract_reports_changed_figures(fresh_db, kit):
    _ingest_all(fresh_db, kit)
    # a stricter rule: counts under 10 are no longer figures
    report = reextract.reextract(fresh_db, PORTAL.id,
                                 extractor=lambda text, **kw: kit.count_extractor(text, min_count=10, **kw))
    assert (report.figures_before, report.figures_after) == (3, 2)
    assert (report.figures_added, report.figures_removed, report.articles_with_changed_figures) == (0, 1, 1)
    assert sorted(r["count"] for r in _figure_rows(fresh_db)) == [12, 310]
    # the research tables the canned queries read follow the new figures in the same run
    keyed = {r["figure_id"] for r in fresh_db.query("SELECT figure_id FROM figure_keys")}
    assert keyed == {r["id"] for r in fresh_db.query("SELECT id FROM figures")}


def test_export_jsonl_has_the_extract_shape(fresh_db, kit):
    _ingest_all(fresh_db, kit)
    out = io.StringIO()
    assert export.export_articles(fresh_db, out) == 2  # the syndicated copy is left out
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    title, _paras = PAGES["https://hg.vn/tin/ocop-1.html"]
    stored_text = fresh_db["articles"].get(1)["text"]
    expected = kit.count_extractor(stored_text, title=title).to_json()
    assert lines[0] == {"url": "https://hg.vn/tin/ocop-1.html", **expected}
    assert list(lines[0]) == ["url", *expected]
    assert [f["count"] for f in lines[0]["figures"]] == [12, 310]
    assert lines[0]["documents"][0]["number"] == "77/QĐ-UBND"
    with_copies = io.StringIO()
    assert export.export_articles(fresh_db, with_copies, include_duplicates=True) == 3


def test_export_csv_table_and_cli(fresh_db, kit, tmp_path):
    _ingest_all(fresh_db, kit)
    out = io.StringIO()
    assert export.export_table(fresh_db, "figures", out, "csv") == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["article_url"] for r in rows} == {"https://hg.vn/tin/ocop-1.html", "https://hg.vn/tin/ocop-2.html"}
    pages = io.StringIO()
    export.export_table(fresh_db, "pages", pages, "jsonl")
    assert "body" not in json.loads(pages.getvalue().splitlines()[0])
    db_path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", db_path, "--format", "jsonl"])
    assert result.exit_code == 0 and len(result.output.splitlines()) == 2
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "no such database" in result.output


def test_reextract_cli_with_the_same_extractor_changes_nothing(fresh_db, kit):
    _ingest_all(fresh_db, kit, extractor=extract)
    figures = fresh_db["figures"].count
    db_path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(cli, ["reextract", "--db", db_path])
    assert result.exit_code == 0 and "4 pages" in result.output, result.output
    assert f"figures: {figures} -> {figures} (+0 -0" in result.output and figures >= 3


# A WordPress page whose <time> prints no date the date-line reader knows, but whose datetime attribute
# holds one (invented page). `harvester extract` (extract_html) dates the article and its "đến nay"
# figures by that attribute; the crawl's extract step must do the same, and keep the page's truncation.
_META_DATED = (
    "<html><head><title>t</title></head><body><article class='hentry'>"
    "<h1 class='entry-title'>Tỉnh Hà Giang có thêm 12 sản phẩm OCOP</h1>"
    "<time class='entry-date published' datetime='2025-03-10T08:30:00+07:00'>Thứ Hai tuần trước</time>"
    "<div class='entry-content'><p>Ngày 02/01/2025, Hội đồng tỉnh đã chấm điểm các hồ sơ.</p>"
    "<p>Đến nay, toàn tỉnh có 12 sản phẩm OCOP đạt 3 sao.</p></div></article></body></html>"
)


def test_extract_step_keeps_the_main_texts_published_date_and_truncation(kit):
    from extractors import extract_html

    item = kit.page_item("https://hg.vn/tin/meta.html", _META_DATED.encode("utf-8"), family="wordpress")
    prepared = ingest.extract_step(ingest.dedupe_step(ingest.normalize_step(item)))
    direct = extract_html(_META_DATED, url="https://hg.vn/tin/meta.html", family="wordpress")
    got = prepared["_extraction"]
    assert got.published == direct.published and got.published.value.startswith("2025-03-10")
    assert got.to_json() == direct.to_json() and got.truncated == direct.truncated
    # a main text cut by the element cap: the reason reaches the extraction
    cut = ingest.extract_step({**prepared, "_main": replace(prepared["_main"], truncated="page cut")})
    assert cut["_extraction"].truncated == "page cut"
    # an extractor with extract's older signature (no published=) is still called as before
    older = ingest.extract_step(dict(prepared), kit.count_extractor)
    assert [f.count for f in older["_extraction"].figures] == [12]


def test_portals_command(fresh_db, tmp_path):
    registry = tmp_path / "reg.csv"
    registry.write_text("id,family,start_urls,province\nmy-site,wordpress,https://m.vn/feed/,Hà Giang\n",
                        encoding="utf-8")
    db_path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    storage.record_run(fresh_db, "g", "my-site", {"new": 1, "listing_requests": 1, "listing_items": 0,
                                                 "finished_at": "2026-03-01T00:00:00Z"})
    result = CliRunner().invoke(cli, ["portals", "--registry", str(registry), "--db", db_path, "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["id"] == "my-site" and "zero-items" in record["flags"]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,family,start_urls\nx,joomla,https://x.vn/\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["portals", "--registry", str(bad)])
    assert result.exit_code == 1 and "bad.csv:2: unknown family 'joomla'" in result.output
