"""Attachment policy and text extraction: good files read, broken ones get their status and reason."""

from __future__ import annotations

import shutil

import pytest

from harvester.attachments import check_response, extract_text, sniff_type
from harvester.pdf_reader import ocr_available


def _read(rendered, name):
    _, _, content_type, body = rendered[name]
    file_type = sniff_type(body, content_type, name)
    return file_type, extract_text(body, file_type)


def test_pdf_decision_text_keeps_vietnamese_and_table_columns(rendered):
    file_type, result = _read(rendered, "1520-QD-UBND.pdf")
    assert (file_type, result.status, result.method, result.pages) == ("pdf", "ok", "pypdf", 2)
    assert "Công nhận 12 sản phẩm đạt OCOP" in result.text
    row = next(line for line in result.text.splitlines() if "Mật ong hoa nhãn" in line)
    assert all(cell in row for cell in ("HTX Mật ong Bình Sơn", "Lũng Vân", "Võ Nhai", "80", "4*"))
    assert "  " in row.strip()  # layout mode: columns separated by runs of spaces


def test_docx_paragraphs_and_tables_in_document_order(rendered):
    file_type, result = _read(rendered, "2345-QD-UBND.docx")
    assert (file_type, result.status, result.method) == ("docx", "ok", "docx")
    text = result.text
    assert text.index("Điều 1.") < text.index("PHỤ LỤC") < text.index("1 | Cá thính Lập Thạch")
    assert len(result.tables) == 1 and result.tables[0][0][3] == result.tables[0][0][4] == "Địa chỉ"


@pytest.mark.parametrize(("name", "file_type", "status", "reason_part"), [
    ("88-QD-UBND-ma-hoa.pdf", "pdf", "encrypted", "empty password"),
    ("88-QD-UBND.docx", "html", "bad-type", "HTML page"),
    ("88-QD-UBND-rong.pdf", "other", "empty", "0 bytes"),
])
def test_broken_files_get_status_and_reason(rendered, name, file_type, status, reason_part):
    got_type, result = _read(rendered, name)
    assert got_type == file_type
    assert result.status == status
    assert reason_part in result.reason


def test_scanned_pdf_is_flagged_and_ocr_used_when_installed(rendered):
    _, result = _read(rendered, "88-QD-UBND-ban-quet.pdf")
    assert result.status == "no-text-layer"
    missing = ocr_available()
    if missing:
        assert missing in result.reason and result.text == ""
    else:
        assert result.method == "ocr"
        assert "88/QĐ-UBND" in result.text or "OCOP" in result.text


def test_legacy_doc_is_unsupported_or_an_antiword_error(rendered):
    file_type, result = _read(rendered, "95-KH-UBND.doc")
    assert file_type == "doc"
    if shutil.which("antiword"):
        assert result.status == "error" and result.reason.startswith("antiword:")
    else:
        assert result.status == "unsupported" and "antiword" in result.reason


def test_truncated_and_corrupt_pdfs_are_errors_not_exceptions(rendered):
    body = rendered["1520-QD-UBND.pdf"][3]
    for broken in (body[:200], b"%PDF-1.4\n" + b"\x00garbage" * 50):
        result = extract_text(broken, "pdf")
        assert result.status in ("error", "no-text-layer"), result
        assert result.reason


def test_corrupt_docx_zip_is_an_error():
    result = extract_text(b"PK\x03\x04not really a zip", "docx")
    assert result.status == "error" and result.reason


def test_check_response_refuses_on_headers_alone():
    assert check_response({"Content-Length": str(200 * 1024 * 1024)}).startswith("too-large:")
    assert check_response({b"Content-Length": [b"1000"]}) is None
    assert check_response({}, declared_size=30, max_bytes=10).startswith("too-large:")
    assert check_response({"content-type": "video/mp4"}).startswith("bad-type:")
    assert check_response({"Content-Length": "abc"}) is None


def test_sniff_type_trusts_bytes_over_extension():
    assert sniff_type(b"<!DOCTYPE html><html><body>x</body></html>", "application/msword", "a.docx") == "html"
    assert sniff_type(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", None, "a.pdf") == "doc"
    assert sniff_type(b"%PDF-1.7 ...", "text/html", "x.docx") == "pdf"
    assert sniff_type(b"", None, None) == "other"
