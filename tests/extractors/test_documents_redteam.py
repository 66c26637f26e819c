"""Citation shapes from the issue 8 red-team passages (tests/extractors/dates_redteam), one row per rule.

Self-written examples: they show that a form is read, not how often real text uses it.
"""

from __future__ import annotations

import pytest

from extractors.documents import find_documents


def docs(text):
    return [(d.number, d.type, d.issued) for d in find_documents(text)]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("spaces around the dash after the type letters", "thực hiện Quyết định số 1460 / QĐ - TTg về Chương trình",
         [("1460/QĐ-TTg", "Quyết định", None)]),
        ("spaced dash, then the date", "Kế hoạch số 71/KH - UBND ngày 02/3/2024 của UBND huyện",
         [("71/KH-UBND", "Kế hoạch", "2024-03-02")]),
        ("a spaced dash later in the symbol is not part of it", "theo Quyết định số 88/QĐ-UBND - UBND huyện triển khai",
         [("88/QĐ-UBND", "Quyết định", None)]),
        ("the date after the issuer", "theo Quyết định số 781/QĐ-TTg của Thủ tướng Chính phủ ngày 08/6/2020 về",
         [("781/QĐ-TTg", "Quyết định", "2020-06-08")]),
        ("the date after 'do … ký'", "Quyết định số 781/QĐ-TTg do Thủ tướng Chính phủ ký ngày 08/6/2020",
         [("781/QĐ-TTg", "Quyết định", "2020-06-08")]),
        ("'được ban hành ngày'", "Kế hoạch số 71/KH-UBND được ban hành ngày 02/3/2024",
         [("71/KH-UBND", "Kế hoạch", "2024-03-02")]),
        ("the date alone in brackets", "thực hiện Quyết định số 781/QĐ-TTg (08/6/2020) của Thủ tướng",
         [("781/QĐ-TTg", "Quyết định", "2020-06-08")]),
        ("other words in brackets are not a date", "Quyết định số 88/QĐ-UBND (năm 2021) công nhận 12 sản phẩm",
         [("88/QĐ-UBND", "Quyết định", None)]),
        ("'ngày D tháng M/YYYY'", "Kế hoạch số 71/KH-UBND ngày 02 tháng 3/2024", [("71/KH-UBND", "Kế hoạch", "2024-03-02")]),
        ("an event's date after the issuer is not the signing date",
         "Kế hoạch số 71/KH-UBND của Sở Nông nghiệp tổ chức ngày 02/3/2024", [("71/KH-UBND", "Kế hoạch", None)]),
        ("a subject between the number and a date: not its date",
         "Quyết định số 64/QĐ-UBND của UBND tỉnh về việc công nhận sản phẩm ngày 3/2/2024",
         [("64/QĐ-UBND", "Quyết định", None)]),
        ("the next number stops the issuer phrase",
         "Quyết định số 70/QĐ-UBND của UBND tỉnh và Quyết định số 71/QĐ-UBND ngày 9/2/2024",
         [("70/QĐ-UBND", "Quyết định", None), ("71/QĐ-UBND", "Quyết định", "2024-02-09")]),
        ("attribute block: 'Ngày ban hành' under a short number line",
         "Văn bản mới\nQuyết định 51/QĐ-UBND\nNgày ban hành: 06/02/2024\nKế hoạch 9/KH-UBND\nNgày ban hành: 01/02/2024",
         [("51/QĐ-UBND", "Quyết định", "2024-02-06"), ("9/KH-UBND", "Kế hoạch", "2024-02-01")]),
        ("attribute block: 'Số hiệu' then 'Ngày ban hành' two lines down",
         "Số hiệu: 640/QĐ-UBND Loại văn bản: Quyết định\nNơi ban hành: Tỉnh Phú Yên\nNgày ban hành: 18/05/2023",
         [("640/QĐ-UBND", "Quyết định", "2023-05-18")]),
        ("attribute table on one line", "Số hiệu | 33/KH-UBND | Ngày ban hành | 21/02/2023 |",
         [("33/KH-UBND", "Kế hoạch", "2023-02-21")]),
        ("a block without a date does not take the next document's",
         "Quyết định 51/QĐ-UBND\nKế hoạch 9/KH-UBND\nNgày ban hành: 01/02/2024",
         [("51/QĐ-UBND", "Quyết định", None), ("9/KH-UBND", "Kế hoạch", "2024-02-01")]),
        ("a number in a sentence does not read a later attribute line",
         "UBND tỉnh đã ban hành Quyết định 51/QĐ-UBND để công nhận các sản phẩm đạt chuẩn.\nNgày ban hành: 06/02/2024",
         [("51/QĐ-UBND", "Quyết định", None)]),
    ],
)
def test_citation_shapes(rule, text, expected):
    assert docs(text) == expected, rule
