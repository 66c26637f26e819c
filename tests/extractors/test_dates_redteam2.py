"""Second round of issue 8 date and document passages (tests/extractors/dates_redteam2): one row per rule
fixed after it (its passages are read one by one in tests/extractors/test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Second round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam2`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published, parse_date_line
from extractors.documents import find_documents

_BODY = ("Hội đồng cấp tỉnh đã chấm điểm các sản phẩm của hợp tác xã và hộ kinh doanh, "
         "đề nghị UBND tỉnh công nhận những sản phẩm đạt yêu cầu về chất lượng và bao bì.")


@pytest.mark.parametrize(
    ("rule", "page", "value"),
    [
        ("a two-digit year with a time", f"Tiêu đề\n17/06/25 14:05\n{_BODY}", "2025-06-17T14:05:00+07:00"),
        ("a two-digit year after an attribute label", f"Tiêu đề\nNgày đăng: 17-06-25\n{_BODY}", "2025-06-17"),
        ("a full year wins over a two-digit one on the same line",
         f"Tiêu đề\n17/06/25 | Cập nhật 18/06/2025\n{_BODY}", "2025-06-18"),
        ("month first, in words (WordPress 'F j, Y')", f"Tiêu đề\nTháng Bảy 8, 2025\n{_BODY}", "2025-07-08"),
        ("month first, as a number, with the comma", f"Tiêu đề\nTháng 7 8, 2025 10:20\n{_BODY}",
         "2025-07-08T10:20:00+07:00"),
        ("byline: a name, a slash, the source", f"Tiêu đề\nMinh Châu/TTXVN - 08/07/2025 10:20\n{_BODY}",
         "2025-07-08T10:20:00+07:00"),
        ("year first, with slashes", f"Tiêu đề\n2025/07/08 10:20\n{_BODY}", "2025-07-08T10:20:00+07:00"),
    ],
)
def test_published_shapes(rule, page, value):
    found = find_published(page)
    assert found is not None, rule
    assert found.value == value, rule
    assert page[found.start:found.end] == found.quote


@pytest.mark.parametrize(
    ("rule", "page"),
    [
        ("a two-digit year needs a zero-padded day and month", f"Tiêu đề\n7/6/25\n{_BODY}"),
        ("'tháng 7 8 …' without the comma is a count", f"Tiêu đề\n{_BODY} Trong tháng 7 8 sản phẩm 2025 đạt chuẩn."),
        ("a year-first date needs a day after the month", f"Tiêu đề\n2025/07\n{_BODY}"),
        ("a two-digit year in prose is not a date line", f"Tiêu đề\n{_BODY} Mã hồ sơ 17/06/25 đã được tiếp nhận và xử lý."),
    ],
)
def test_not_published(rule, page):
    assert find_published(page) is None, rule


@pytest.mark.parametrize(
    ("line", "value"),
    [("05/12/24", "2024-12-05"), ("Tháng Mười Một 30, 2024", "2024-11-30"), ("tháng giêng 2, 2025", "2025-01-02")],
)
def test_parse_new_date_lines(line, value):
    assert parse_date_line(line).value == value


def docs(text):
    return [(d.number, d.type, d.issued) for d in find_documents(text)]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("a symbol broken after the dash that follows the type letters",
         "ban hành Quyết định số 507/QĐ-\nUBND ngày 02/4/2025 về", [("507/QĐ-UBND", "Quyết định", "2025-04-02")]),
        ("a symbol broken after its slash", "theo Kế hoạch số 19/\nKH-UBND của UBND huyện", [("19/KH-UBND", "Kế hoạch", None)]),
        ("a symbol broken before its slash (not read as a bare number)",
         "Quyết định số 730\n/QĐ-UBND ngày 11/3/2025 của", [("730/QĐ-UBND", "Quyết định", "2025-03-11")]),
        ("a dash ending a line before a title is not part of the symbol",
         "Quyết định số 507/QĐ-UBND -\nDanh sách sản phẩm", [("507/QĐ-UBND", "Quyết định", None)]),
        ("'vào ngày' after the issuing verb", "Kế hoạch số 19/KH-UBND ban hành vào ngày 02/4/2025 về",
         [("19/KH-UBND", "Kế hoạch", "2025-04-02")]),
        ("a comma after the issuer, then the date", "theo Quyết định số 507/QĐ-UBND của Chủ tịch UBND tỉnh, ngày 02/4/2025 về",
         [("507/QĐ-UBND", "Quyết định", "2025-04-02")]),
        ("'đã được … ban hành ngày'", "Kế hoạch số 19/KH-UBND đã được UBND huyện ban hành ngày 02/4/2025.",
         [("19/KH-UBND", "Kế hoạch", "2025-04-02")]),
        ("a comma after a subject is not an issuer's", "Quyết định số 507/QĐ-UBND của UBND tỉnh về việc công nhận, ngày 02/4/2025",
         [("507/QĐ-UBND", "Quyết định", None)]),
        ("an abbreviated type word before a bare number", "Theo QĐ số 41 ngày 09/01/2025 của UBND huyện",
         [("41", "Quyết định", "2025-01-09")]),
        ("an abbreviation in lower case is no type word", "thông báo qđ số 41 hộ tham gia", []),
        ("the signer's phrase, then the date on the next line",
         "Quyết định số 507/QĐ-UBND do Chủ tịch UBND huyện Lê Văn Tâm ký\nngày 02/4/2025 công nhận",
         [("507/QĐ-UBND", "Quyết định", "2025-04-02")]),
        ("a paragraph opening with a date after the issuer is not its date",
         "theo Quyết định số 507/QĐ-UBND của UBND tỉnh\nNgày 02/4/2025, huyện tổ chức hội nghị",
         [("507/QĐ-UBND", "Quyết định", None)]),
        ("an opening date, then 'có' right before the type word",
         "Ngày 02/4/2025, UBND tỉnh đã có Quyết định số 507/QĐ-UBND công nhận",
         [("507/QĐ-UBND", "Quyết định", "2025-04-02")]),
        ("an opening date, then 'có' before a count: not the signing date",
         "Ngày 02/4/2025, tỉnh có 20 sản phẩm theo Quyết định số 507/QĐ-UBND", [("507/QĐ-UBND", "Quyết định", None)]),
    ],
)
def test_citation_shapes(rule, text, expected):
    assert docs(text) == expected, rule
