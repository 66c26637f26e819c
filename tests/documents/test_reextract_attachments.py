"""`reextract` replays archived attachment files: their figures follow the extractor, never go stale."""

from __future__ import annotations

import io
import re

import docx
from click.testing import CliRunner

from extractors import extract
from extractors.records import Extraction, Figure
from harvester import ingest, reextract
from harvester.cli import cli

LINES = [
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Số: 412/QĐ-UBND",
    "Lào Cai, ngày 3 tháng 10 năm 2024",
    "QUYẾT ĐỊNH",
    "Về việc công nhận sản phẩm đạt chuẩn OCOP tỉnh Lào Cai năm 2024 (đợt 1)",
    "Điều 1. Công nhận 14 sản phẩm OCOP đạt 3 sao và 4 sản phẩm OCOP đạt 4 sao (có danh sách kèm theo).",
    "Điều 2. Giao Sở Nông nghiệp hướng dẫn các chủ thể   sử dụng nhãn OCOP trên 18 sản phẩm OCOP được công nhận.",
]
_COUNT = re.compile(r"(\d+) sản phẩm OCOP(?: đạt (\d) sao)?")


def counting_extractor(min_count: int = 0):
    """A deterministic extractor: every '<n> sản phẩm OCOP [đạt k sao]' with n >= min_count."""

    def run(text, *, title=None, date_line=None, url=None, published=None, truncated=None) -> Extraction:
        text = " ".join(text.split())  # like the real one, it works on whitespace-normalised text
        figures = [Figure(count=int(m.group(1)), stars=m.group(2), status="achieved", year=2024, place=None,
                          province=None, province_2025=None, quote=m.group(0), start=m.start(), end=m.end())
                   for m in _COUNT.finditer(text) if int(m.group(1)) >= min_count]
        return Extraction(text=text, title=title, figures=figures)

    return run


def _decision(tmp_path):
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "412-QD-UBND.docx"
    path.write_bytes(buf.getvalue())
    return path


def _figures(db):
    return list(db.query("SELECT f.attachment_id, f.document_id, f.count, f.stars, f.quote, f.start, f.end, a.text "
                         "FROM figures f JOIN attachments a ON a.id = f.attachment_id ORDER BY f.start"))


def test_reextract_follows_the_extractor_and_reproduces_attachment_figures(fresh_db, tmp_path):
    ingest.ingest_file(fresh_db, _decision(tmp_path), province="Lào Cai", extractor=counting_extractor())
    first = _figures(fresh_db)
    assert [(f["count"], f["stars"]) for f in first] == [(14, "3"), (4, "4"), (18, None)]
    assert all(f["text"][f["start"]:f["end"]] == f["quote"] for f in first)
    assert first[0]["document_id"] is not None  # filed under 412/QĐ-UBND, the number in its heading

    stricter = reextract.reextract(fresh_db, extractor=counting_extractor(min_count=10))
    assert (stricter.attachments, stricter.figures_before, stricter.figures_after) == (1, 3, 2)
    assert (stricter.figures_removed, stricter.attachments_with_changed_figures) == (1, 1)
    assert [f["count"] for f in _figures(fresh_db)] == [14, 18]

    again = reextract.reextract(fresh_db, extractor=counting_extractor())
    assert (again.figures_added, again.figures_after) == (1, 3)
    assert _figures(fresh_db) == first


def test_reextract_cli_reads_attachments_again_with_the_real_extractor(fresh_db, tmp_path):
    ingest.ingest_file(fresh_db, _decision(tmp_path), province="Lào Cai", extractor=extract)
    before = _figures(fresh_db)
    assert {f["count"] for f in before} >= {14, 4}
    db_path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(cli, ["reextract", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "1 attachments read again" in result.output and "(+0 -0" in result.output
    assert _figures(fresh_db) == before
