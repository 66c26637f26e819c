"""decode_bytes and normalize: real Windows-1258 bytes, BOMs, wrong labels, odd whitespace."""

from __future__ import annotations

import unicodedata

import pytest

from extractors.text import decode_bytes, fold, normalize

SAMPLE = (
    "Tỉnh Hà Tĩnh vừa công nhận 27 sản phẩm OCOP đạt 3 sao; Quyết định số 812/QĐ-UBND "
    "ngày 14 tháng 3 năm 2022. Ủy ban nhân dân huyện Đức Thọ, Đắk Lắk, Thừa Thiên Huế."
)


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(s: str) -> bytes:
    """Encode like a Windows-1258 editor: base letter from the code page, tone as a combining byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", s):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tone = next(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_cp1258_bytes_without_label_are_recognised_and_recomposed():
    raw = to_cp1258(SAMPLE)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text, encoding = decode_bytes(raw)
    assert encoding == "cp1258"
    assert text == SAMPLE
    assert unicodedata.is_normalized("NFC", text)


def test_cp1258_declared_in_header_or_meta():
    raw = to_cp1258(SAMPLE)
    assert decode_bytes(raw, "windows-1258") == (SAMPLE, "cp1258")
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">' + raw
    text, encoding = decode_bytes(page)
    assert encoding == "cp1258"
    assert SAMPLE in text


def test_utf8_mislabelled_as_latin1_or_cp1258_stays_utf8():
    raw = SAMPLE.encode("utf-8")
    assert decode_bytes(raw, "ISO-8859-1") == (SAMPLE, "utf-8")
    assert decode_bytes(raw, "windows-1258") == (SAMPLE, "utf-8")


def test_boms():
    assert decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode()) == (SAMPLE, "utf-8-sig")
    text, encoding = decode_bytes(b"\xff\xfe" + SAMPLE.encode("utf-16-le"))
    assert text == SAMPLE
    assert encoding == "utf-16"


def test_nfd_utf8_becomes_nfc():
    raw = unicodedata.normalize("NFD", SAMPLE).encode("utf-8")
    assert decode_bytes(raw)[0] == SAMPLE


def test_real_latin1_page_declared_latin1():
    assert decode_bytes("café naïve".encode("latin-1"), "iso-8859-1") == ("café naïve", "cp1252")


@pytest.mark.parametrize("junk", [b"", b"\x00\x01\xff\xfe\x80", bytes(range(256)), b"\xc3\x28" * 50])
def test_never_raises(junk):
    text, encoding = decode_bytes(junk, "no-such-charset")
    assert isinstance(text, str)
    assert isinstance(encoding, str)


def test_normalize_whitespace_and_invisibles():
    raw = "Bắc\u00a0Giang\u200b  có\t\t95 sản phẩm \r\n\r\n  OCOP\u00ad\u2009sao  \n"
    assert normalize(raw) == "Bắc Giang có 95 sản phẩm\n\nOCOP sao\n"


def test_normalize_nfc_and_empty():
    assert normalize(unicodedata.normalize("NFD", "Thanh Hoá")) == "Thanh Hoá"
    assert normalize("") == ""
    assert normalize(None) == ""


def test_fold_removes_accents_and_d_bar():
    assert fold("Đắk Lắk") == "dak lak"
    assert fold("THỪA THIÊN HUẾ") == "thua thien hue"


def test_fold_words_collapses_space_and_marks():
    from extractors.text import fold_words

    assert fold_words("Mỗi  Xã\nMột Sản phẩm") == "moi xa mot san pham"
    assert fold_words(None) == ""


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Đắk Lắk", "dak lak"), ("Thừa Thiên Huế", "thua thien hue"), ("ĐẠT 4★", "dat 4★")],
)
def test_fold_same_length_keeps_offsets(text, folded):
    from extractors.text import fold_same_length

    assert fold_same_length(text) == folded
    assert len(fold_same_length(text)) == len(text)
