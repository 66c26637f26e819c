"""Third round of self-written issue 8 date and document passages (tests/extractors/dates_redteam3):
one row per rule fixed after it (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Fourth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam3`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Hội đồng cấp tỉnh đã chấm điểm các sản phẩm của hợp tác xã và hộ kinh doanh, "
         "đề nghị UBND tỉnh công nhận những sản phẩm đạt yêu cầu về chất lượng, bao bì và khả năng "
         "phát triển thị trường trong những năm tới theo bộ tiêu chí mới.")


@pytest.mark.parametrize(
    ("rule", "page", "value", "quote"),
    [
        ("a date line glued to a long headline after it",
         f"Trang chủ\n21/08/2025 09:40Hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh\n{_BODY}",
         "2025-08-21T09:40:00+07:00", "21/08/2025 09:40"),
        ("a date without a time glued to the headline",
         f"Trang chủ\n21-08-2025Hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh\n{_BODY}",
         "2025-08-21", "21-08-2025"),
    ],
)
def test_published_shapes(rule, page, value, quote):
    found = find_published(page)
    assert found is not None, rule
    assert (found.value, found.quote) == (value, quote), rule
    assert page[found.start:found.end] == found.quote


@pytest.mark.parametrize(
    ("rule", "page"),
    [
        ("a date that opens a sentence with a space is prose",
         f"Tiêu đề\n{_BODY}\n21/08/2025 Hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh"),
        ("a date glued to a lower-case word is no headline",
         f"Tiêu đề\n{_BODY}\n21/08/2025hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh"),
    ],
)
def test_not_published(rule, page):
    assert find_published(page) is None, rule


def docs(text):
    return [(d.number, d.type, d.issued) for d in find_documents(text)]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("a certificate numbered like a document is none", "Cơ sở được cấp GCN số 07/2022/ĐKHTX ngày 02/3/2022.", []),
        ("a certificate named with its kind is none",
         "Cơ sở có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm số 18/2023/SNN-QLCL.", []),
        ("a result sheet is none", "theo Phiếu kết quả kiểm nghiệm số 356/PKQ-TTKT ngày 4/5/2024", []),
        ("a decision that grants a certificate is cited",
         "được cấp Giấy chứng nhận theo Quyết định số 88/QĐ-UBND ngày 09/01/2024",
         [("88/QĐ-UBND", "Quyết định", "2024-01-09")]),
        ("an issuer of ten words before the date",
         "Quyết định số 41/QĐ-UBND của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng ngày 03/7/2025 về",
         [("41/QĐ-UBND", "Quyết định", "2025-07-03")]),
        ("a signing date with a two-digit year", "Kế hoạch số 19/KH-UBND ngày 02/4/25 của UBND xã",
         [("19/KH-UBND", "Kế hoạch", "2025-04-02")]),
        ("a two-digit 'year' before a count is no date", "Kế hoạch số 19/KH-UBND ngày 02/4/25 sản phẩm",
         [("19/KH-UBND", "Kế hoạch", None)]),
        ("a two-digit 'year' followed by more digits is no date", "Kế hoạch số 19/KH-UBND ngày 02/4/25/7",
         [("19/KH-UBND", "Kế hoạch", None)]),
    ],
)
def test_citation_shapes(rule, text, expected):
    assert docs(text) == expected, rule
