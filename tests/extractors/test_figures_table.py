"""Tables printed as text (extractors/figures/table.py): the grids found in each shape, what the header,
the row labels and the lines above a table make of its cells, and the tables that count nothing.
The rule tables' own examples run in test_figures_rules.py; these are the shapes around them."""

from __future__ import annotations

import pytest

from extractors.figures import find_figures
from extractors.figures.table import find_grids
from extractors.html import main_text
from extractors.pipeline import extract_html


def _read(text: str, as_of: str = "2024-12-20") -> list[tuple]:
    return [(f.count, f.stars, f.status, f.year, f.basis) for f in find_figures(text, as_of=as_of)]


@pytest.mark.parametrize(("text", "rows", "width"), [
    ("| STT | Huyện | 3 sao |\n|---|---|---|\n| 1 | Huyện A | 4 |\n| 2 | Huyện B | 5 |", 2, 3),
    ("STT | Huyện | 3 sao\n1 | Huyện A | 4\n\n2 | Huyện B | 5", 2, 3),  # rows printed as blocks
    ("Năm\tSản phẩm mới\tLũy kế\n2022\t14\t40\n2023\t11\t51", 2, 3),
    ("STT\nĐơn vị\n3 sao\n1\nXã A\n4\n2\nXã B\n0", 2, 3),  # one cell per line
])
def test_grids_of_each_shape(text: str, rows: int, width: int) -> None:
    (grid,) = find_grids(text)
    assert len(grid.rows) == rows
    assert {len(r) for r in grid.rows} == {width}


def test_prose_with_a_stray_pipe_is_no_grid() -> None:
    assert find_grids("Tin tức | Sự kiện\n\nTỉnh có 20 sản phẩm OCOP.") == []


def test_the_rows_break_down_the_count_of_the_line_that_opens_the_table() -> None:
    text = ("Năm 2025, tỉnh phấn đấu có thêm 12 sản phẩm OCOP, phân theo huyện như sau:\n\n"
            "Huyện | 3 sao | 4 sao\nHuyện Bảo Lâm | 6 | 2\nHuyện Bảo Lạc | 4 | 0")
    assert _read(text) == [(12, None, "target", 2025, "new"), (6, "3", "target", 2025, "new"),
                           (2, "4", "target", 2025, "new"), (4, "3", "target", 2025, "new")]


def test_a_total_row_whose_label_spans_the_number_column_restates_the_prose_total() -> None:
    text = ("Kết quả phân hạng sản phẩm OCOP năm 2023\n\nSTT | Địa phương | Số sản phẩm | 4 sao | 3 sao\n"
            "1 | Huyện Anh Sơn | 5 | 1 | 4\n2 | Huyện Con Cuông | 3 | 0 | 3\nTổng cộng | 8 | 1 | 7\n\n"
            "Như vậy, năm 2023 toàn tỉnh có 8 sản phẩm được công nhận.")
    figures = _read(text)
    assert figures.count((8, None, "achieved", 2023, "new")) == 1
    assert (1, "4", "achieved", 2023, "new") in figures and (7, "3", "achieved", 2023, "new") in figures
    assert (3, None, "achieved", 2023, "new") not in figures  # 3 = its only level, 3 sao: one fact


def test_a_dateline_above_the_table_does_not_date_its_rows() -> None:
    text = ("Kết quả đánh giá sản phẩm OCOP năm 2023\n\n02/02/2024\n\nĐơn vị | 3 sao\n"
            "Huyện Quế Phong | 3\nHuyện Kỳ Sơn | 2")
    assert {f[3] for f in _read(text, as_of="2024-02-02")} == {2023}


def test_a_running_total_dated_by_its_headline() -> None:
    text = ("Sản phẩm OCOP còn hiệu lực đến 30/6/2025 theo huyện\n\nĐơn vị | Tổng số | 4 sao\n"
            "Huyện Mường Nhé | 7 | 1\nToàn tỉnh | 50 | 9")
    assert _read(text) == [(7, None, "achieved", 2025, "cumulative"), (1, "4", "achieved", 2025, "cumulative"),
                           (50, None, "achieved", 2025, "cumulative"), (9, "4", "achieved", 2025, "cumulative")]


@pytest.mark.parametrize("text", [
    # a price list and a score sheet: a rank per named product, no count
    "Giá bán sản phẩm OCOP tại hội chợ\n\n| STT | Sản phẩm | Hạng | Giá (nghìn đồng) |\n| 1 | Chè Shan | 4 sao | 300 |",
    "Điểm đánh giá sản phẩm OCOP\n\nSTT\tTên sản phẩm\tĐiểm\tXếp hạng\n1\tGà đồi\t76\t4 sao\n2\tRượu ngô\t68\t3 sao",
    # counts of something else
    "Kết quả xây dựng nông thôn mới năm 2024\n\nHuyện | Số xã đạt chuẩn | Số thôn\nHuyện Lâm Bình | 4 | 12",
    # product groups
    "Kết quả đánh giá lại sản phẩm OCOP\n\nNhóm sản phẩm | Số sản phẩm\nThực phẩm | 17\nĐồ uống | 4",
])
def test_tables_that_count_no_ocop_products(text: str) -> None:
    assert _read(text) == []


def test_a_header_of_a_table_is_no_count_of_products() -> None:
    # the header word "Năm" (the year column) before "Sản phẩm mới" is not the number five
    text = "Sản phẩm OCOP tỉnh Long An qua các năm\n\nNăm\tSản phẩm mới\tLũy kế\n2023\t12\t60"
    assert _read(text) == [(12, None, "achieved", 2023, "new"), (60, None, "achieved", 2023, "cumulative")]


_PROSE = "<p>" + "Huyện tiếp tục hỗ trợ các chủ thể hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc. " * 3 + "</p>"


def test_a_data_table_of_a_page_reads_as_rows_of_cells() -> None:
    html = (f"<html><body><div class='content'><h1>Kết quả OCOP năm 2024</h1>{_PROSE}"
            "<p>Năm 2024 toàn tỉnh có 11 sản phẩm được công nhận mới, chi tiết như sau:</p>"
            "<table><tr><th>STT</th><th>Huyện</th><th>3 sao</th><th>4 sao</th><th>Tổng</th></tr>"
            "<tr><td>1</td><td>Huyện Cao Lộc</td><td>5</td><td>2</td><td>7</td></tr>"
            "<tr><td>2</td><td>Huyện Văn Lãng</td><td>4</td><td>0</td><td>4</td></tr></table>"
            f"{_PROSE}</div></body></html>")
    assert "1 | Huyện Cao Lộc | 5 | 2 | 7" in main_text(html).text.split("\n")
    found = [(f.count, f.stars, f.place) for f in extract_html(html).figures]
    # (the province is ranked from the districts the rows name: Cao Lộc and Văn Lãng are in Lạng Sơn)
    assert found == [(11, None, "Lạng Sơn"), (5, "3", "Huyện Cao Lộc"), (2, "4", "Huyện Cao Lộc"),
                     (7, None, "Huyện Cao Lộc"), (4, "3", "Huyện Văn Lãng")]


def test_a_layout_table_keeps_its_paragraphs() -> None:
    html = ("<html><body><table><tr><td width='200'><a href='/'>Trang chủ</a></td><td>"
            f"<h1>Tin OCOP</h1>{_PROSE}<p>Tỉnh có 20 sản phẩm OCOP.</p></td></tr></table></body></html>")
    lines = main_text(html).text.split("\n")
    assert "Tỉnh có 20 sản phẩm OCOP." in lines
    assert not any(" | " in line for line in lines)


def test_columns_of_registered_products_count_no_results_and_proposals_are_proposed() -> None:
    text = ("Kết quả thực hiện Chương trình OCOP năm 2024:\n\nHuyện | Số sản phẩm đăng ký | Số sản phẩm đạt | "
            "Đề nghị công nhận\nHuyện Sìn Hồ | 9 | 6 | 2")
    assert _read(text) == [(6, None, "achieved", 2024, "new"), (2, None, "proposed", 2024, "new")]
