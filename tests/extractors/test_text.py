"""decode_bytes, normalize, fold and the relevance vocabulary: real Windows-1258 bytes, BOMs, wrong
labels, stray bytes, TCVN3 and VNI legacy fonts, odd whitespace."""

from __future__ import annotations

import unicodedata

import pytest

from extractors.text import (
    Decoded,
    decode_bytes,
    fold,
    fold_words,
    is_ocop_relevant,
    normalize,
    ocop_relevance,
)

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
    decoded = decode_bytes(raw)
    assert decoded == Decoded(SAMPLE, "cp1258", 0, None)
    assert decoded.problem is None
    assert unicodedata.is_normalized("NFC", decoded.text)


def test_cp1258_declared_in_header_or_meta():
    raw = to_cp1258(SAMPLE)
    assert decode_bytes(raw, "windows-1258")[:2] == (SAMPLE, "cp1258")
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">' + raw
    decoded = decode_bytes(page)
    assert decoded.encoding == "cp1258"
    assert SAMPLE in decoded.text


def test_utf8_mislabelled_as_latin1_or_cp1258_stays_utf8():
    raw = SAMPLE.encode("utf-8")
    assert decode_bytes(raw, "ISO-8859-1") == Decoded(SAMPLE, "utf-8")
    assert decode_bytes(raw, "windows-1258") == Decoded(SAMPLE, "utf-8")


def test_boms():
    assert decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode()) == Decoded(SAMPLE, "utf-8-sig")
    assert decode_bytes(b"\xff\xfe" + SAMPLE.encode("utf-16-le")) == Decoded(SAMPLE, "utf-16")


def test_nfd_utf8_becomes_nfc():
    raw = unicodedata.normalize("NFD", SAMPLE).encode("utf-8")
    assert decode_bytes(raw)[0] == SAMPLE


def test_real_latin1_page_declared_latin1():
    assert decode_bytes("café naïve".encode("latin-1"), "iso-8859-1") == Decoded("café naïve", "cp1252")


@pytest.mark.parametrize("junk", [b"", b"\x00\x01\xff\xfe\x80", bytes(range(256)), b"\xc3\x28" * 50])
def test_never_raises(junk):
    decoded = decode_bytes(junk, "no-such-charset")
    assert isinstance(decoded.text, str)
    assert isinstance(decoded.encoding, str)


# --- a stray byte, a wrong label ---------------------------------------------------------------

PAGE = ("<html><head><title>Tin OCOP</title></head><body><h1>Hà Giang có 120 sản phẩm OCOP</h1>"
        "<p>Đến cuối năm, toàn tỉnh có 120 sản phẩm đạt từ 3 sao trở lên, trong đó 14 sản phẩm 4 sao.</p>"
        "</body></html>")


@pytest.mark.parametrize("declared", [None, "utf-8", "windows-1258", "iso-8859-1", "windows-1256"])
def test_one_stray_byte_keeps_the_page_utf8_and_counts_it(declared):
    raw = PAGE.encode("utf-8")
    at = raw.index(b"</p>")
    damaged = raw[:at] + b"\x96" + raw[at:]  # a Windows-1252 dash pasted into a UTF-8 page
    decoded = decode_bytes(damaged, declared)
    assert decoded.encoding == "utf-8"
    assert decoded.bad_bytes == 1
    assert decoded.text == PAGE.replace("</p>", "\ufffd</p>")
    assert decoded.problem == "1 invalid UTF-8 byte(s) replaced"


def test_several_stray_bytes_are_all_counted():
    raw = PAGE.encode("utf-8")
    damaged = raw.replace("Hà Giang".encode(), b"H\xe0 Giang").replace(b"14", b"\xff\xfe14")
    decoded = decode_bytes(damaged)
    assert (decoded.encoding, decoded.bad_bytes) == ("utf-8", 3)
    assert "H\ufffd Giang" in decoded.text
    assert "14 sản phẩm 4 sao" in decoded.text


def test_cp1258_page_declared_as_utf8_is_still_cp1258():
    raw = to_cp1258(SAMPLE)
    decoded = decode_bytes(raw, "utf-8")
    assert decoded == Decoded(SAMPLE, "cp1258")


def test_clean_utf8_reports_no_problem():
    decoded = decode_bytes(PAGE.encode("utf-8"), "utf-8")
    assert decoded == Decoded(PAGE, "utf-8", 0, None)
    assert decoded.problem is None


# --- legacy fonts ------------------------------------------------------------------------------

# Written by hand from the TCVN3 (ABC) and VNI code charts, as a page without the font shows them.
TCVN3_SAMPLE = ("UBND tØnh Hµ Giang c«ng nhËn 27 s¶n phÈm OCOP ®¹t 3 sao n¨m 2022.\n"
                "Céng hoµ x· héi chñ nghÜa ViÖt Nam - §éc lËp - Tù do - H¹nh phóc.\n"
                "QuyÕt ®Þnh cña Thñ t\xadíng ChÝnh phñ vÒ Ch\xad¬ng tr×nh mçi x· mét s¶n phÈm.")
VNI_SAMPLE = ("UBND tænh Haø Giang coâng nhaän 27 saûn phaåm OCOP ñaït 3 sao naêm 2022.\n"
              "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam - Ñoäc laäp - Töï do - Haïnh phuùc.\n"
              "Quyeát ñònh cuûa Thuû töôùng Chính phuû veà Chöông trình moãi xaõ moät saûn phaåm.")
UNICODE_SAMPLE = ("UBND tỉnh Hà Giang công nhận 27 sản phẩm OCOP đạt 3 sao năm 2022.\n"
                  "Cộng hoà xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc.\n"
                  "Quyết định của Thủ tướng Chính phủ về Chương trình mỗi xã một sản phẩm.")


@pytest.mark.parametrize(("legacy", "kind"), [(TCVN3_SAMPLE, "tcvn3"), (VNI_SAMPLE, "vni")])
@pytest.mark.parametrize("declared", [None, "iso-8859-1", "windows-1252"])
def test_legacy_font_bytes_are_converted(legacy, kind, declared):
    decoded = decode_bytes(legacy.encode("cp1252"), declared)
    expected = UNICODE_SAMPLE.replace("hoà", "hòa") if kind == "vni" else UNICODE_SAMPLE
    assert decoded.text == expected
    assert (decoded.encoding, decoded.legacy, decoded.bad_bytes) == (kind, kind, 0)
    assert decoded.problem == f"{kind.upper()} legacy-font text converted to Unicode"


@pytest.mark.parametrize(("legacy", "kind"), [(TCVN3_SAMPLE, "tcvn3"), (VNI_SAMPLE, "vni")])
def test_legacy_text_pasted_into_a_utf8_page_is_converted_line_by_line(legacy, kind):
    page = f"Trang chủ | Tin tức | Liên hệ\n{legacy}\nBản quyền thuộc Sở Nông nghiệp"
    decoded = decode_bytes(page.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.legacy == kind
    lines = decoded.text.split("\n")
    assert lines[0] == "Trang chủ | Tin tức | Liên hệ"  # Unicode lines are left alone
    assert lines[-1] == "Bản quyền thuộc Sở Nông nghiệp"
    assert lines[1].startswith("UBND tỉnh Hà Giang công nhận 27 sản phẩm OCOP")


@pytest.mark.parametrize(
    "text",
    [
        "Der Kölner Dom ist für Besucher geöffnet. Grüße aus München, schön und ruhig, Übernachtung.",
        "Le café où l'élève a mangé: crème brûlée, façade, naïve, Noël, à côté de l'hôtel.",
        "© 2024 Sở Nông nghiệp. Địa chỉ: số 1 Trần Phú. ĐT: 0236.3822.110",
        UNICODE_SAMPLE,
    ],
)
def test_text_that_is_not_a_legacy_font_is_left_alone(text):
    for raw, declared in ((text.encode("utf-8"), None), (text.encode("cp1252", "ignore"), "windows-1252")):
        decoded = decode_bytes(raw, declared)
        assert decoded.legacy is None
    assert decode_bytes(text.encode("utf-8")).text == text


# --- normalize -----------------------------------------------------------------------------------


def test_normalize_whitespace_and_invisibles():
    raw = "Bắc\u00a0Giang\u200b  có \u2003 95 sản phẩm \r\n\r\n  OCOP\u00ad\u2009sao  \n"
    assert normalize(raw) == "Bắc Giang có 95 sản phẩm\n\nOCOP sao\n"


def test_normalize_keeps_tabs_that_separate_table_cells():
    # a table pasted as text: its cells are read by extractors/figures/table.py
    assert normalize("Năm\tSản phẩm mới\r\n2021\t14") == "Năm\tSản phẩm mới\n2021\t14"


def test_normalize_puts_d_bar_for_the_eth_lookalike():
    assert normalize("Ðiện Biên có 74 sản phẩm; ðạt 3 sao") == "Điện Biên có 74 sản phẩm; đạt 3 sao"
    assert fold("Ðiện") == "dien"


def test_normalize_nfc_and_empty():
    assert normalize(unicodedata.normalize("NFD", "Thanh Hoá")) == "Thanh Hoá"
    assert normalize("") == ""
    assert normalize(None) == ""


# --- fold ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đắk Lắk", "dak lak"),
        ("THỪA THIÊN HUẾ", "thua thien hue"),
        ("Ơn Ưu Ạ Ă Â Ê Ô", "on uu a a a e o"),
        ("ĐẠT 4★  sao\n", "dat 4★  sao\n"),  # symbols and white space kept as they are
        ("Mỗi xã một sản phẩm", "moi xa mot san pham"),
        ("İstanbul", "istanbul"),
        ("“Ðắk” – 😀 Ở 中文", "“dak” – 😀 o 中文"),  # characters past the table's letters are kept
    ],
)
def test_fold_is_one_character_per_character(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (" Mỗi  Xã\nMột Sản phẩm ", "moi xa mot san pham"),
        (unicodedata.normalize("NFD", "Thừa Thiên Huế"), "thua thien hue"),
        ("a\u0301\u0301b", "ab"),  # marks with no precomposed letter are dropped
        (None, ""),
    ],
)
def test_fold_words_is_a_comparison_key(text, key):
    assert fold_words(text) == key


# --- relevance -------------------------------------------------------------------------------------


RELEVANCE_CASES = [
    ("Sơn La có thêm 31 sản phẩm OCOP", "", True, "programme"),
    ("Tổng kết chương trình", "Chương trình Mỗi xã, phường, thị trấn một sản phẩm năm 2023 đạt kết quả tốt.", True,
     "programme"),
    ("Ninh Bình: 980 sản phẩm đạt chuẩn", "", True, "ranked_products"),
    ("Vinh danh 49 chủ thể", "Năm nay tỉnh có 12 sản phẩm đạt 4 sao và 30 sản phẩm 3 sao.", True,
     "ranked_products"),
    ("Hội đồng họp phiên thứ hai", "Hội đồng tiến hành phân hạng 40 sản phẩm của các huyện.", True,
     "ranked_products"),
    ("Công nhận kết quả đánh giá", "Quyết định số 1250/QĐ-UBND công nhận 18 sản phẩm của 11 chủ thể.", True,
     "documents"),
    ("Khách sạn 4 sao khai trương", "Khách sạn 4 sao đầu tiên của huyện đón khách từ tháng 6.", False, None),
    ("Hội nghị giao ban quý III", "Theo Công văn 4802/UBND-NL5, các sở báo cáo trước ngày 15.", False, None),
    ("Hội chợ nông sản", "Hội chợ trưng bày 200 sản phẩm của các hợp tác xã.", False, None),
    (None, None, False, None),
]


@pytest.mark.parametrize(("title", "text", "relevant", "cue"), RELEVANCE_CASES)
def test_ocop_relevance(title, text, relevant, cue):
    found = ocop_relevance(title, text)
    assert found.relevant is relevant
    if cue == "programme":
        assert found.programme
    elif cue == "ranked_products":
        assert not found.programme and found.ranked_products > 0
    elif cue == "documents":
        assert found.ranked_products == 0 and found.product_counts == 1 and found.documents == 1


@pytest.mark.parametrize(("title", "text", "relevant", "cue"), RELEVANCE_CASES)
def test_is_ocop_relevant_stops_early_with_the_same_answer(title, text, relevant, cue):
    assert is_ocop_relevant(title, text) is relevant
