"""Fifth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam4):
one row per rule fixed after it (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Fifth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam4`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Hội đồng cấp tỉnh đã chấm điểm các sản phẩm của hợp tác xã và hộ kinh doanh, đề nghị UBND tỉnh công "
         "nhận những sản phẩm đạt yêu cầu về chất lượng, bao bì và khả năng phát triển thị trường trong những năm tới.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("a signing date among a number's fields on one line",
     f"Số/Ký hiệu: 88/QĐ-UBND Ngày ban hành: 04/03/2024 Ngày hiệu lực: 10/03/2024\n{_BODY}", "2024-03-04"),
    ("a record's update date under the signing date is the database's, not an article's",
     f"Số hiệu: 88/QĐ-UBND\nNgày ban hành: 04/03/2024\nNgày hết hiệu lực: 31/12/2025\nNgày cập nhật: 09/03/2024\n{_BODY}",
     "2024-03-04"),
    ("an update date on a news page with no document block is the page's date",
     f"Ngày cập nhật: 09/03/2024\nTỉnh có thêm 12 sản phẩm OCOP\n{_BODY}", "2024-03-09"),
    ("a letterhead's number and place-and-date a tab apart",
     f"Số: 12/KH-UBND\tHà Giang, ngày 01 tháng 02 năm 2024\nKẾ HOẠCH\n{_BODY}", "2024-02-01"),
    ("... but not a number and a place-and-date inside a sentence",
     f"Thực hiện Kế hoạch số 12/KH-UBND Hà Giang, ngày 01 tháng 02 năm 2024 của tỉnh, {_BODY}", None),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.date if found else None) == value, rule


@pytest.mark.parametrize(("rule", "text", "expected"), [
    ("the signing date before the citation",
     "Kết quả được UBND tỉnh ban hành ngày 12/3/2024 tại Quyết định số 610/QĐ-UBND.", {"610/QĐ-UBND": "2024-03-12"}),
    ("... not an event's date before it",
     "Hội nghị tổ chức ngày 12/3/2024 theo Kế hoạch số 45/KH-UBND của tỉnh.", {"45/KH-UBND": None}),
    ("the issuer, a comma and 'ban hành' before the date",
     "Theo Quyết định số 1188/QĐ-UBND của UBND tỉnh Nghệ An, ban hành ngày 16/5/2023, có 24 sản phẩm.",
     {"1188/QĐ-UBND": "2023-05-16"}),
    ("two citations sharing 'cùng ngày'",
     "UBND tỉnh ban hành Quyết định số 75/QĐ-UBND và Quyết định số 76/QĐ-UBND cùng ngày 10/01/2025.",
     {"75/QĐ-UBND": "2025-01-10", "76/QĐ-UBND": "2025-01-10"}),
    ("... not across a sentence end",
     "UBND tỉnh ban hành Quyết định số 75/QĐ-UBND. Quyết định số 76/QĐ-UBND cùng ngày 10/01/2025 công nhận 5 sản phẩm.",
     {"75/QĐ-UBND": None, "76/QĐ-UBND": "2025-01-10"}),
    ("a number's fields six lines long",
     "Số hiệu: 345/QĐ-UBND\nLoại văn bản: Quyết định\nCơ quan ban hành: UBND tỉnh\nNgười ký: Hoàng Văn A\n"
     "Ngày ban hành: 20/03/2024", {"345/QĐ-UBND": "2024-03-20"}),
])
def test_citation_rows(rule, text, expected):
    assert {d.number: d.issued for d in find_documents(text)} == expected, rule
