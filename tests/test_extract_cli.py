"""`harvester extract` and `harvester evaluate` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from harvester.cli import cli

GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_extract_jsonl_for_files_and_folders(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Tin OCOP</title></head><body><h1>Điện Biên có 9 sản phẩm OCOP</h1>"
        "<p>Thứ sáu - 17/02/2023 10:05</p>"
        "<p>Tỉnh Điện Biên vừa công bố kết quả đánh giá sản phẩm OCOP đợt 1.</p>"
        "<p>Quyết định số 120/QĐ-UBND ngày 15/02/2023 của UBND tỉnh Điện Biên.</p></body></html>",
        encoding="utf-8",
    )
    result = run("extract", str(GOLD / "g-001.txt"), str(tmp_path))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["g-001.txt", "page.html"]
    assert set(records[0]) == {"path", "title", "published", "provinces", "documents", "figures"}
    assert records[0]["published"] == "2022-11-08T09:20:00+07:00"
    assert records[0]["documents"][0]["number"] == "2311/QĐ-UBND"
    assert records[1]["provinces"] == ["Điện Biên"]
    assert records[1]["documents"][0]["issued"] == "2023-02-15"


def test_extract_with_text_and_table(tmp_path):
    result = run("extract", "--with-text", str(GOLD / "g-002.txt"))
    assert result.exit_code == 0
    assert "Cao Bằng" in json.loads(result.output)["text"]
    table = run("extract", "--format", "table", str(GOLD / "g-002.txt"))
    assert table.exit_code == 0
    assert "document 12-CT/TU  type=Chỉ thị  issued=2021-05-04" in table.output


def test_unreadable_file_is_reported_and_others_still_processed(tmp_path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["extract", str(missing), str(GOLD / "g-003.txt")])
    assert result.exit_code == 1
    assert f"error: {missing}: cannot read" in result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert json.loads(lines[0])["provinces"] == ["Lạng Sơn"]


def test_evaluate_table_and_json():
    table = run("evaluate", str(GOLD))
    assert table.exit_code == 0
    assert "documents" in table.output
    assert "published accuracy" in table.output
    as_json = run("evaluate", "--format", "json", "--verbose", str(GOLD))
    data = json.loads(as_json.output)
    assert data["passages"] == 3
    assert data["documents"]["f1"] == 1.0
    assert isinstance(data["problems"], list)


def test_evaluate_bad_folder_is_one_clean_line(tmp_path):
    (tmp_path / "a.json").write_text("[1, 2]", encoding="utf-8")
    result = run("evaluate", str(tmp_path))
    assert result.exit_code == 1
    assert "a.json" in result.output
    assert "Traceback" not in result.output
