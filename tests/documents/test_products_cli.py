"""`harvester ingest-attachment`, `products` (CSV export, filters), `documents` MISMATCH, `attachments --failed`."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from harvester.cli import cli


def _ingest(tmp_path, rendered):
    db = tmp_path / "cli.db"
    runner = CliRunner()
    for name in ("1520-QD-UBND.pdf", "2345-QD-UBND.docx", "88-QD-UBND-ma-hoa.pdf"):
        path = tmp_path / name
        path.write_bytes(rendered[name][3])
        args = ["ingest-attachment", str(path), "--db", str(db), "--province", "Thái Nguyên"]
        if name.startswith("88"):
            args += ["--decision", "88/QĐ-UBND"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    return runner, db


def test_products_csv_export_with_filters(tmp_path, rendered):
    runner, db = _ingest(tmp_path, rendered)
    out = tmp_path / "sp.csv"
    result = runner.invoke(cli, ["products", "--db", str(db), "--province", "thai nguyen", "--stars", "4",
                                 "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 3 + 3  # 1520: three 4-star rows; 2345: three 4-star rows
    assert {r["stars"] for r in rows} == {"4"}
    assert "Mật ong hoa nhãn" in {r["name"] for r in rows}
    result = runner.invoke(cli, ["products", "--db", str(db), "--year", "2024", "--format", "json"])
    assert result.exit_code == 0 and result.output.count('"name"') == 8
    result = runner.invoke(cli, ["products", "--db", str(db), "--province", "Bắc Kạn"])
    assert "Mật ong" not in result.output


def test_documents_mismatch_and_failed_attachments(tmp_path, rendered):
    runner, db = _ingest(tmp_path, rendered)
    result = runner.invoke(cli, ["documents", "--db", str(db)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("2345/QĐ-UBND"))
    assert "MISMATCH" in line
    assert "MISMATCH" not in next(x for x in result.output.splitlines() if x.startswith("1520/QĐ-UBND"))
    result = runner.invoke(cli, ["attachments", "--db", str(db), "--failed"])
    assert "88-QD-UBND-ma-hoa.pdf" in result.output and "encrypted" in result.output
    assert "1520-QD-UBND.pdf" not in result.output


def test_missing_database_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["products", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such database" in result.output


def test_ingest_attachment_points_pages_to_ingest_article(tmp_path):
    db = tmp_path / "cli.db"
    page = tmp_path / "tin-ocop.html"
    page.write_text("<html><body><p>Huyện có 12 sản phẩm OCOP</p></body></html>", encoding="utf-8")
    disguised = tmp_path / "bao-cao.pdf"
    disguised.write_bytes(b"<!DOCTYPE html><html><body>Phien dang nhap het han</body></html>")
    notes = tmp_path / "ghi-chu.txt"
    notes.write_text("Toàn tỉnh có 310 sản phẩm OCOP.", encoding="utf-8")
    for path in (page, disguised, notes):
        result = CliRunner().invoke(cli, ["ingest-attachment", str(path), "--db", str(db)])
        assert result.exit_code == 1, result.output
        assert f"harvester ingest-article {path}" in result.output and "not a decision file" in result.output
    assert not db.exists()
