"""Sixth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam5):
one row per rule fixed after it (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Sixth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam5`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Hội đồng cấp tỉnh đã chấm điểm các sản phẩm của hợp tác xã và hộ kinh doanh, đề nghị UBND tỉnh công "
         "nhận những sản phẩm đạt yêu cầu về chất lượng, bao bì và khả năng phát triển thị trường trong những năm tới.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("a labelled posting line is not a header clock, though earlier dates follow it",
     "Ngày đăng: 14/01/2025\nPhụ lục\nDANH MỤC VĂN BẢN\n38/KH-UBND\n26/02/2024\n", "2025-01-14"),
    ("... but an unlabelled clock above an earlier article date still is one",
     f"Thứ Ba, 14/01/2025\nTrang chủ\nTỉnh có thêm 12 sản phẩm OCOP\n26/02/2024 08:15\n{_BODY}", "2024-02-26"),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.date if found else None) == value, rule


@pytest.mark.parametrize(("rule", "text", "expected"), [
    ("a table pasted one cell per line: the number alone, its date alone on the next line",
     "Số, ký hiệu\nNgày ban hành\n38/KH-UBND\n26/02/2024\n", {"38/KH-UBND": "2024-02-26"}),
    ("... not a date that opens a sentence on the next line",
     "38/KH-UBND\n26/02/2024 UBND tỉnh tổ chức hội nghị.", {"38/KH-UBND": None}),
    ("... nor under a number inside a line of prose",
     "Tỉnh triển khai Kế hoạch số 38/KH-UBND\n26/02/2024\n", {"38/KH-UBND": None}),
    ("'đã ban hành ngày …' after the number",
     "Quyết định số 612/QĐ-UBND đã ban hành ngày 14/6/2024 được điều chỉnh.", {"612/QĐ-UBND": "2024-06-14"}),
    ("the opening date is not the date of the document the issued one replaces",
     "Ngày 12/9/2024, UBND tỉnh ban hành Kế hoạch số 201/KH-UBND thay thế Kế hoạch số 112/KH-UBND.",
     {"201/KH-UBND": "2024-09-12", "112/KH-UBND": None}),
    ("... but two documents issued together both take it",
     "Ngày 12/9/2024, UBND tỉnh ban hành Kế hoạch số 201/KH-UBND và Kế hoạch số 202/KH-UBND.",
     {"201/KH-UBND": "2024-09-12", "202/KH-UBND": "2024-09-12"}),
    ("'ngày 05 tháng 01, 2024': a comma before the year",
     "Căn cứ Quyết định số 33/QĐ-UBND ngày 05 tháng 01, 2024 của UBND tỉnh.", {"33/QĐ-UBND": "2024-01-05"}),
    ("... not a comma before a count",
     "Quyết định số 33/QĐ-UBND ngày 05 tháng 01, 20 sản phẩm được công nhận.", {"33/QĐ-UBND": None}),
    ("a day and month without the year take the year in the symbol",
     "Theo Quyết định số 07/2024/QĐ-UBND ngày 12/3 của UBND tỉnh.", {"07/2024/QĐ-UBND": "2024-03-12"}),
    ("... not for a number whose symbol has no year",
     "Theo Quyết định số 688/QĐ-UBND ngày 14/3 của UBND tỉnh.", {"688/QĐ-UBND": None}),
])
def test_citation_rows(rule, text, expected):
    assert {d.number: d.issued for d in find_documents(text)} == expected, rule
