"""Page shapes from the issue 8 red-team passages (tests/extractors/dates_redteam), one row per rule
(its passages are read one by one in tests/extractors/test_dates_rounds.py).

These are self-written examples: they show that a form is read, not how often real text uses it.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published, parse_date_line

_BODY = ("Tỉnh đã hỗ trợ các hợp tác xã hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc cho nhiều "
         "sản phẩm nông nghiệp chủ lực, mở rộng thị trường tiêu thụ trong và ngoài tỉnh.")


@pytest.mark.parametrize(
    ("rule", "page", "value"),
    [
        ("dateline: a hyphen inside the place", f"Tiêu đề\nThừa Thiên-Huế (TTXVN 02/12/2022) {_BODY}", "2022-12-02"),
        ("dateline: a spaced hyphen inside the place",
         f"Tiêu đề\nBà Rịa - Vũng Tàu, 19/10/2023 (TTXVN) - {_BODY}", "2023-10-19"),
        ("dateline: 'ngày' before the date", f"Tiêu đề\nCao Bằng, ngày 3/5/2024 (TTXVN) - {_BODY}", "2024-05-03"),
        ("byline: name, unit in brackets, date",
         f"Tiêu đề\nLê Minh Tuấn (Chi cục Phát triển nông thôn) | 21/02/2024\n{_BODY}", "2024-02-21"),
        ("byline: name - unit, date", f"Tiêu đề\nHồng Vân - Trung tâm Khuyến nông tỉnh, 04/06/2024\n{_BODY}",
         "2024-06-04"),
        ("byline: 'Phóng viên:' label",
         f"Tiêu đề\nPhóng viên: Trần Đức Anh | Thứ Hai, 12/02/2024 - 08:05\n{_BODY}", "2024-02-12T08:05:00+07:00"),
        ("byline: 'Tác giả bài viết:' and a source",
         f"Tiêu đề\nTác giả bài viết: Lê Hà | Nguồn tin: Báo Hà Tĩnh | 11/09/2023\n{_BODY}", "2023-09-11"),
        ("source: a unit set off from the date",
         f"Tiêu đề\nTrung tâm Truyền thông tỉnh - 11/09/2023 07:05\n{_BODY}", "2023-09-11T07:05:00+07:00"),
        ("attribute row led by the date",
         f"Tiêu đề\n11/09/2023 | 07:05 | Tác giả: Nguyễn Văn Bình | Nguồn: Sở Nông nghiệp và PTNT\n{_BODY}",
         "2023-09-11T07:05:00+07:00"),
        ("attribute row led by weekday, date, time",
         f"Tiêu đề\nThứ hai, 11/09/2023, 07:05:33 GMT+7 | Nguồn: Báo Hà Giang điện tử\n{_BODY}",
         "2023-09-11T07:05:33+07:00"),
        ("closing byline: a name, the date in brackets", f"Tiêu đề\n{_BODY}\nHồng Nhung (05/03/2024)", "2024-03-05"),
        ("closing byline: a source, the date in brackets", f"Tiêu đề\n{_BODY}\nNguồn: Báo Sơn La (05/03/2024)",
         "2024-03-05"),
        ("date line: ISO with a time", f"Tiêu đề\n2024-07-09 10:11:12\n{_BODY}", "2024-07-09T10:11:12+07:00"),
        ("date line: ISO with a zone", f"Tiêu đề\n2024-07-09T03:11:12Z\n{_BODY}", "2024-07-09T10:11:12+07:00"),
        ("date line: English month-day", f"Tiêu đề\nPublished: July 9, 2024\n{_BODY}", "2024-07-09"),
        ("date line: English day-month", f"Tiêu đề\n09 Jul 2024 | 10:15\n{_BODY}", "2024-07-09T10:15:00+07:00"),
        ("a box of other articles above the article",
         f"Đọc nhiều\nBài khác về OCOP\n11/06/2024\nBài khác nữa\n09/06/2024\n\nTiêu đề\n10/06/2024 08:00\n{_BODY}",
         "2024-06-10T08:00:00+07:00"),
        ("a 'Tin mới nhất' box above the article",
         f"Tin mới nhất\n- Bài khác (12/06/2024)\n\nTiêu đề\n10/06/2024\n{_BODY}", "2024-06-10"),
        ("a sidebar document's signing date is not the article's",
         f"Văn bản mới\nQuyết định 41/QĐ-UBND\nNgày ban hành: 03/06/2024\n\nTiêu đề\n10/06/2024\n{_BODY}",
         "2024-06-10"),
        ("a legal-text page: its signing date is the page's date",
         f"Số hiệu: 41/QĐ-UBND Loại văn bản: Quyết định\nNgày ban hành: 03/06/2024 Ngày hiệu lực: Đã biết\n"
         f"Ngày ban hành: 03/06/2024\n{_BODY}", "2024-06-03"),
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
        # a headline that names a place and goes on with a verb is not a byline
        ("an item of a related list below the body", f"Tiêu đề\n{_BODY}\nSơn La tổ chức hội chợ OCOP (05/03/2024)"),
        ("a table row in the body is not an attribute row",
         f"{_BODY}\n| 11/09/2023 | Quyết định số 12/QĐ-UBND | công nhận 12 sản phẩm OCOP 3 sao của huyện |"),
        ("headline with a date is not a byline", f"Cà Mau có thêm 14 sản phẩm OCOP mới 13/09/2023 đạt 3 sao\n{_BODY}"),
        # an English date inside a body sentence is not the article's date
        ("English date in prose", f"{_BODY} The fair opened on March 5, 2024 in Hanoi with many OCOP stalls."),
    ],
)
def test_not_published(rule, page):
    assert find_published(page) is None, rule


@pytest.mark.parametrize(
    ("line", "value"),
    [("March 5, 2024", "2024-03-05"), ("5 March 2024 09:10", "2024-03-05T09:10:00+07:00"),
     ("Sept. 30, 2023", "2023-09-30")],
)
def test_parse_english_date_lines(line, value):
    assert parse_date_line(line).value == value
