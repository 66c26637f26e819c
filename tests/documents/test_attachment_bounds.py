"""Hostile attachments: a DOCX zip bomb and a DOCX of countless paragraphs are recorded as too-large
without being read into memory whole (peak memory measured in a child process); a PDF whose
compressed streams inflate beyond the reader's memory, or take longer than its time, is recorded
too-large by the bounded PDF reader and costs the caller nothing."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import zipfile

import pytest
from click.testing import CliRunner

from harvester import ingest
from harvester.attachments import Limits, extract_text, sniff_type
from harvester.cli import cli
from harvester.fixture_portals.hostile_files import pdf_bomb, write_docx

# Generous: the reader's own imports cost ~60-90 MB; reading the bomb whole costs gigabytes.
PEAK_RSS_BOUND_KB = 300 * 1024


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """A few hundred KB that inflate to ~200 MB of paragraphs."""
    path = tmp_path_factory.mktemp("bomb") / "phu-luc.docx"
    write_docx(path, ["Sản phẩm OCOP đạt 3 sao"] * 1000, repeat=2400)
    return path


@pytest.fixture(scope="module")
def many_paragraphs(tmp_path_factory):
    """~250,000 short paragraphs (25 MB of XML, under the member limit; 8 M characters of text)."""
    path = tmp_path_factory.mktemp("long") / "danh-sach.docx"
    write_docx(path, [f"Hộ kinh doanh số {i} có sản phẩm OCOP" for i in range(1000)], repeat=250)
    return path


def read_in_child(path) -> dict:
    """Read ``path`` as an attachment in a fresh interpreter; its result and peak RSS (KB)."""
    code = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from harvester.attachments import extract_text, sniff_type\n"
        "body = Path(sys.argv[1]).read_bytes()\n"
        "result = extract_text(body, sniff_type(body))\n"
        "print(json.dumps({'status': result.status, 'reason': result.reason, 'chars': len(result.text),\n"
        "                  'head': result.text[:60],\n"
        "                  'peak_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_docx_bomb_is_too_large_and_never_inflated(bomb):
    assert bomb.stat().st_size < 1024 * 1024
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("word/document.xml").file_size > 150 * 1024 * 1024
    found = read_in_child(bomb)
    assert found["status"] == "too-large" and "word/document.xml inflates to" in found["reason"]
    assert found["chars"] == 0
    assert found["peak_kb"] < PEAK_RSS_BOUND_KB, found


def test_docx_of_countless_paragraphs_keeps_the_beginning_within_the_text_limit(many_paragraphs):
    found = read_in_child(many_paragraphs)
    assert found["status"] == "too-large" and "text longer than" in found["reason"], found
    assert found["chars"] == Limits().max_text_chars
    assert found["head"].startswith("Hộ kinh doanh số 0 có sản phẩm OCOP\nHộ kinh doanh số 1")
    assert found["peak_kb"] < PEAK_RSS_BOUND_KB, found


def test_member_lying_about_its_size_is_an_error_not_a_bomb(tmp_path):
    path = tmp_path / "lies.docx"
    write_docx(path, ["Công nhận 12 sản phẩm OCOP"], repeat=2000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    # Rewrite the declared size in the central directory to a small number: zipfile then stops
    # inflating there and the CRC no longer matches.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))
    data[central + 24:central + 28] = (100).to_bytes(4, "little")
    body = bytes(data)
    result = extract_text(body, sniff_type(body))
    assert info.file_size > 100 and result.status == "error" and result.reason


def test_small_limits_apply_to_each_member_the_total_pages_and_text(tmp_path):
    path = tmp_path / "qd.docx"
    write_docx(path, ["Điều 1. Công nhận 12 sản phẩm OCOP năm 2024."], repeat=50)
    body = path.read_bytes()
    assert extract_text(body, "docx").status == "ok"
    assert "for one member" in extract_text(body, "docx", Limits(max_member_bytes=1000)).reason
    assert "members inflate to" in extract_text(body, "docx", Limits(max_total_bytes=1000)).reason
    short = extract_text(body, "docx", Limits(max_text_chars=100))
    assert short.status == "too-large" and len(short.text) == 100 and short.text.startswith("Điều 1.")
    assert "over the 10-byte limit" in extract_text(body, "docx", Limits(max_bytes=10)).reason


def test_pdf_pages_over_the_limit_are_not_read(rendered):
    _, _, _, body = rendered["1520-QD-UBND.pdf"]
    whole = extract_text(body, "pdf")
    first = extract_text(body, "pdf", Limits(max_pages=1))
    assert (whole.status, whole.pages) == ("ok", 2)
    assert first.status == "too-large" and "2 pages, over the 1-page limit" in first.reason
    assert "Công nhận 12 sản phẩm đạt OCOP" in first.text and "Mật ong hoa nhãn" not in first.text


def test_ingest_attachment_records_the_bomb_as_too_large(bomb, tmp_path):
    db = tmp_path / "bomb.db"
    result = CliRunner().invoke(cli, ["ingest-attachment", str(bomb), "--db", str(db), "--province", "Lào Cai"])
    assert result.exit_code == 0 and "too-large (word/document.xml inflates to" in result.output, result.output


def test_ingest_file_over_the_size_limit_is_not_read(fresh_db, bomb):
    attachment_id = ingest.ingest_file(fresh_db, bomb, limits=Limits(max_bytes=10_000))
    row = fresh_db["attachments"].get(attachment_id)
    assert row["status"] == "too-large" and f"the file is {bomb.stat().st_size} bytes" in row["reason"]
    assert row["body"] is None and row["text"] is None


def test_pdf_that_inflates_beyond_the_readers_memory_is_too_large_and_the_caller_unharmed():
    body = pdf_bomb(400)  # one stream of 400 MB; pdfminer, the fallback, would hold it all
    assert len(body) < 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = extract_text(body, "pdf", Limits(max_pdf_memory=256 * 1024 * 1024))
    assert result.status == "too-large", result
    assert "needs more than 256 MB of memory" in result.reason and result.text == ""
    # the stream was inflated in the child, never here
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024


def test_pdf_that_takes_longer_than_the_readers_time_is_stopped():
    body = pdf_bomb(60, pages=10)  # each page's stream under pypdf's cap: slow, not refused
    started = time.monotonic()
    result = extract_text(body, "pdf", Limits(max_pdf_seconds=1.0))
    assert time.monotonic() - started < 30
    assert result.status == "too-large" and "took longer than 1 s" in result.reason, result


def test_a_small_pdf_bomb_within_the_limits_is_read_as_before():
    result = extract_text(pdf_bomb(2), "pdf")
    assert result.status in ("ok", "no-text-layer") and result.pages == 1, result
