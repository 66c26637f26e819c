"""Annex tables → product rows: PDF layout text, DOCX grids, HTML tables, sections, star notations."""

from __future__ import annotations

from extractors.annex import (
    parse_stars,
    products_from_docx_tables,
    products_from_html,
    products_from_pdf_text,
    split_address,
    stated_count,
)
from harvester.attachments import extract_text

LAYOUT = """\
PHỤ LỤC
DANH SÁCH SẢN PHẨM OCOP NĂM 2022
  STT   Tên sản phẩm            Chủ thể                    Địa chỉ                  Số       Hạng
                                                                                    điểm     sao
  A. CÔNG NHẬN MỚI
  I. Sản phẩm đạt 4 sao
  1     Cam sành Hàm Yên        HTX Cam Phù Lưu            xã Phù Lưu, huyện        76,5
        loại 1                                             Hàm Yên
  2     Chè Shan tuyết          Công ty CP Chè Vĩnh        xã Kiến Thiết,           80       4*
                                Tân                        huyện Yên Sơn
  II. Sản phẩm đạt 3 sao
  3     Bưởi Xuân Vân           HTX Bưởi Xuân Vân          xã Xuân Vân, huyện       62       ★★★
                                                           Yên Sơn
  B. CÔNG NHẬN LẠI
  4     Mật ong Na Hang         Hộ Ma Văn Sình             thị trấn Na Hang,        58       3 sao
                                                           huyện Na Hang
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


def test_pdf_layout_rows_wrap_and_sections_set_stars():
    rows = products_from_pdf_text(LAYOUT)
    assert [r.name for r in rows] == ["Cam sành Hàm Yên loại 1", "Chè Shan tuyết", "Bưởi Xuân Vân", "Mật ong Na Hang"]
    assert [r.stars for r in rows] == [4, 4, 3, 3]
    assert [r.recertified for r in rows] == [False, False, False, True]
    assert [r.score for r in rows] == [76.5, 80.0, 62.0, 58.0]
    assert rows[1].owner == "Công ty CP Chè Vĩnh Tân"
    assert (rows[0].commune, rows[0].district) == ("Phù Lưu", "Hàm Yên")
    assert (rows[3].commune, rows[3].district) == ("Na Hang", "Na Hang")
    assert [r.row_index for r in rows] == [1, 2, 3, 4]
    for row in rows:
        assert LAYOUT[row.start:row.end] == row.quote
    assert rows[0].quote.startswith("1     Cam sành") and rows[0].quote.endswith("Hàm Yên")
    assert "KT. CHỦ TỊCH" not in rows[-1].quote


def test_pdf_rendered_decision_with_merged_address_header(rendered):
    body = rendered["1520-QD-UBND.pdf"][3]
    result = extract_text(body, "pdf")
    rows = products_from_pdf_text(result.text)
    assert len(rows) == 12
    first = rows[0]
    assert first.name == "Chè xanh Tân Cương đặc biệt loại thượng hạng đóng hộp quà tặng"
    assert (first.owner, first.commune, first.district, first.score, first.stars) == (
        "Hợp tác xã chè Hồng Thái An", "Phúc Xuân", "Đại Từ", 78.5, 4)
    expected = [p for s in rendered["1520-QD-UBND.pdf"][0].sections for p in s.products]
    assert [r.stars for r in rows] == [p.stars for p in expected]
    assert [r.name for r in rows] == [p.name for p in expected]
    assert [r.recertified for r in rows] == [False] * 9 + [True] * 3


def test_docx_tables_merged_header_and_recertification(rendered):
    body = rendered["2345-QD-UBND.docx"][3]
    result = extract_text(body, "docx")
    rows = products_from_docx_tables(result.tables)
    assert len(rows) == 8
    assert [r.recertified for r in rows] == [False] * 5 + [True] * 3
    assert [r.stars for r in rows] == [4, 3, 3, 3, 4, 5, 3, 4]
    assert (rows[4].commune, rows[4].district, rows[4].score) == ("Ký Phú", "Đại Từ", 84.25)
    for row in rows:
        assert row.quote in result.text


def test_html_table_with_colspan_rowspan_and_group_column():
    html = """<table>
      <tr><th rowspan="2">TT</th><th rowspan="2">Tên sản phẩm</th><th rowspan="2">Nhóm sản phẩm</th>
          <th rowspan="2">Chủ thể</th><th colspan="2">Địa chỉ</th><th rowspan="2">Kết quả xếp hạng</th></tr>
      <tr><th>Xã</th><th>Huyện</th></tr>
      <tr><td colspan="7">Công nhận lại</td></tr>
      <tr><td>1</td><td>Nước mắm Cửa Hội</td><td>Thực phẩm</td><td>HTX Cửa Hội</td><td>Nghi Hải</td>
          <td>Cửa Lò</td><td>4 sao</td></tr>
      <tr><td>2</td><td>Tinh dầu sả</td><td>Thảo dược</td><td>Cơ sở Hoa Sả</td><td>Nghĩa Đàn</td>
          <td>Nghĩa Đàn</td><td>★★★</td></tr>
      <tr><td></td><td>Tổng cộng</td><td></td><td></td><td></td><td></td><td></td></tr>
    </table>"""
    rows = products_from_html(html)
    assert [(r.name, r.product_group, r.commune, r.district, r.stars, r.recertified) for r in rows] == [
        ("Nước mắm Cửa Hội", "Thực phẩm", "Nghi Hải", "Cửa Lò", 4, True),
        ("Tinh dầu sả", "Thảo dược", "Nghĩa Đàn", "Nghĩa Đàn", 3, True),
    ]


def test_star_notations():
    assert [parse_stars(s) for s in ("3 sao", "3*", "★★★", "4 ★", "***", "bốn sao", "5", "")] == [
        3, 3, 3, 4, 3, 4, 5, None]
    assert parse_stars("78,5", bare_number=False) is None


def test_split_address_keeps_town_districts_apart():
    assert split_address("xã Phú Đô, huyện Phú Lương") == ("Phú Đô", "Phú Lương")
    assert split_address("phường Trung Thành, thị xã Phổ Yên") == ("Trung Thành", "Phổ Yên")
    assert split_address("thị xã Phổ Yên") == (None, "Phổ Yên")


def test_no_table_gives_no_rows():
    assert products_from_pdf_text("Điều 1. Công nhận 3 sản phẩm.\nĐiều 2. Hiệu lực.") == []
    assert products_from_html("<p>Không có bảng</p>") == []
    assert products_from_docx_tables([[["a", "b"], ["1", "2"]]]) == []


def test_stated_count_reads_the_decision_not_the_annex():
    text = ("Điều 1. Công nhận 44 sản phẩm đạt OCOP, trong đó 07 sản phẩm 4 sao.\nPHỤ LỤC\n"
            "Công nhận 3 sản phẩm")
    found = stated_count(text)
    assert found.count == 44 and text[found.start:found.end] == found.quote
    assert stated_count("PHỤ LỤC\nCông nhận 3 sản phẩm") is None
