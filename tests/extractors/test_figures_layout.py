"""The layout pass below the grammar (``extractors.figures.layout``): a PDF's page furniture cut out of
the text the grammar reads, offsets mapped back to the caller's text."""

from __future__ import annotations

import pytest

from extractors.figures import find_figures
from extractors.figures.layout import without_page_furniture
from extractors.figures.textmap import Identity

WRAP = "Năm 2023, Hội đồng cấp tỉnh đã tổ chức 03 đợt đánh giá; UBND tỉnh ban hành quyết định công nhận 48 sản\n"


@pytest.mark.parametrize(("text", "read"), [
    # rule page-furniture: "Trang 1/3" inside "48 sản / phẩm"
    (WRAP + "Trang 1/3\nphẩm OCOP.", WRAP + "phẩm OCOP."),
    # "- 2 -" between a count and its level
    ("Điều 1. Công nhận 27 sản phẩm đạt tiêu chuẩn OCOP năm 2024, trong đó: 04 sản phẩm\n- 2 -\nđạt 4 sao.",
     "Điều 1. Công nhận 27 sản phẩm đạt tiêu chuẩn OCOP năm 2024, trong đó: 04 sản phẩm\nđạt 4 sao."),
    # a bare page number and a running header between a count and its noun
    ("Năm 2024, tỉnh công nhận 32 sản phẩm, nâng tổng số sản phẩm OCOP của tỉnh lên 187\n4\n"
     "Báo cáo số 77/BC-HĐND\nsản phẩm.",
     "Năm 2024, tỉnh công nhận 32 sản phẩm, nâng tổng số sản phẩm OCOP của tỉnh lên 187\nsản phẩm."),
    # a footer ending in "Trang n/m", a header in capitals, then the cut "từ 3 / sao trở lên"
    ("1. Phấn đấu năm 2025 có thêm tối thiểu 06 sản phẩm được công nhận OCOP đạt từ 3\n"
     "Kế hoạch OCOP huyện Lục Yên năm 2025 - Trang 1/2\nUBND HUYỆN LỤC YÊN\nsao trở lên.",
     "1. Phấn đấu năm 2025 có thêm tối thiểu 06 sản phẩm được công nhận OCOP đạt từ 3\nsao trở lên."),
    # rule footnote-block: the page's footnotes are read after the cut sentence ends
    ("Đến nay, toàn tỉnh có 412 sản phẩm OCOP còn hiệu lực, trong đó 01 sản phẩm 5 sao,\n_______\n"
     "3 Đợt 1: 31 sản phẩm.\n2\n86 sản phẩm 4 sao và 325 sản phẩm 3 sao.\nHết.",
     "Đến nay, toàn tỉnh có 412 sản phẩm OCOP còn hiệu lực, trong đó 01 sản phẩm 5 sao,\n"
     "86 sản phẩm 4 sao và 325 sản phẩm 3 sao.\n_______\n3 Đợt 1: 31 sản phẩm.\nHết."),
    # a page that ends a sentence: the page number goes, the next heading stays
    ("Lũy kế đến nay toàn tỉnh có 257 sản phẩm OCOP được công nhận và còn hiệu lực.\nTrang 3\n"
     "II. MỤC TIÊU\nPhấn đấu có 300 sản phẩm.",
     "Lũy kế đến nay toàn tỉnh có 257 sản phẩm OCOP được công nhận và còn hiệu lực.\nII. MỤC TIÊU\n"
     "Phấn đấu có 300 sản phẩm."),
])
def test_furniture_cut(text, read):
    assert without_page_furniture(text)[0] == read


@pytest.mark.parametrize("text", [
    # a table printed one cell a line: its bare numbers are cells, not page numbers
    "STT\nĐơn vị\n3 sao\n1\nXã Lạc Thịnh\n3\n2\nXã Bảo Hiệu\n2",
    "Kết quả theo đơn vị năm 2024 của toàn tỉnh như sau, chi tiết từng huyện:\nHuyện Mai Châu\n6\n2\n8",
    # a bare number after a sentence that ended, before a capitalised line: no cut sentence
    "Toàn tỉnh có 246 sản phẩm OCOP được công nhận, trong đó 52 sản phẩm 4 sao.\n3\nII. MỤC TIÊU",
    # a web page with no PDF layout
    "Tỉnh có 120 sản phẩm OCOP.\n\nNăm 2024 phấn đấu có thêm 20 sản phẩm.",
])
def test_no_furniture_untouched(text):
    read, offsets = without_page_furniture(text)
    assert read is text and isinstance(offsets, Identity)


def test_quote_spans_the_break():
    """Every figure's quote is text[start:end] of the caller's text, across the cut furniture, also
    when the text was NFD (the layout map chained after the NFC map)."""
    import unicodedata
    text = WRAP + "Trang 1/3\nphẩm OCOP, trong đó 09 sản phẩm\n- 2 -\nđạt 4 sao."
    for t in (text, unicodedata.normalize("NFD", text)):
        figures = find_figures(t)
        assert [(f.count, f.stars) for f in figures] == [(48, None), (9, "4")]
        for f in figures:
            assert t[f.start:f.end] == f.quote
        assert "Trang 1/3" in figures[0].quote
