"""Portal date lines and the article's own date in page text."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.dates import find_published, parse_date_line, parse_vn_date


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Thứ tư - 09/03/2022 08:40", "2022-03-09T08:40:00+07:00"),
        ("09:05 | 17/02/2021", "2021-02-17T09:05:00+07:00"),
        ("Thứ năm, 11-06-2020 | 07:02GMT+7", "2020-06-11T07:02:00+07:00"),
        ("Cập nhật ngày: 15/08/2024 21:14:07", "2024-08-15T21:14:07+07:00"),
        ("03/10/2022", "2022-10-03"),
        ("05/04/2021 09:30:00 PM", "2021-04-05T21:30:00+07:00"),
        ("Cập nhật: Thứ sáu, 1/12/2023 | 2:05:09 PM", "2023-12-01T14:05:09+07:00"),
        ("Thứ Ba, 10:12 ngày 14/11/2023", "2023-11-14T10:12:00+07:00"),
        ("07:45, 02/09/2018", "2018-09-02T07:45:00+07:00"),
        ("Thứ Hai, ngày 16 tháng 09 năm 2019, 14:00:31", "2019-09-16T14:00:31+07:00"),
        ("11:20 AM 05/11/2020 | Lượt xem: 912", "2020-11-05T11:20:00+07:00"),
        ("Thứ 5, 19/03/2026 | 06:07:08 [GMT +7]", "2026-03-19T06:07:08+07:00"),
        ("01/08/2025 05:50 GMT +7", "2025-08-01T05:50:00+07:00"),
        ("( Cập nhật lúc: 12/10/2021  )", "2021-10-12"),
        ("Tin đăng lúc : 28-02-2023", "2023-02-28"),
        ("Nông nghiệp 11-07-2023", "2023-07-11"),
        ("2022-03-05T08:01:00+07:00", "2022-03-05T08:01:00+07:00"),
        ("2022-03-05T01:01:00Z", "2022-03-05T08:01:00+07:00"),
        ("2021-06-14+0711:15:00", "2021-06-14T11:15:00+07:00"),
        ("Tue, 08 Feb 2022 02:30:00 GMT", "2022-02-08T09:30:00+07:00"),
        ("Wed, 09 Feb 2022 08:00:00 +0700", "2022-02-09T08:00:00+07:00"),
        ("3 Tháng Tư, 2022", "2022-04-03"),
        ("12:00 AM 04/07/2022", "2022-07-04T00:00:00+07:00"),
    ],
)
def test_parse_date_line(line, value):
    parsed = parse_date_line(line)
    assert parsed is not None
    assert parsed.value == value
    assert parsed.source == "date-line"


@pytest.mark.parametrize("line", ["", "hôm qua", "Lượt xem: 4186", "31/02/2021", "N/A", "không có ngày", None])
def test_parse_date_line_refuses(line):
    assert parse_date_line(line) is None


def test_parse_vn_date():
    assert parse_vn_date("ngày 7 tháng 11 năm 2020") == date(2020, 11, 7)
    assert parse_vn_date("30/4/2021") == date(2021, 4, 30)
    assert parse_vn_date("30-4-2021") == date(2021, 4, 30)
    assert parse_vn_date("2021-04-30") == date(2021, 4, 30)
    assert parse_vn_date("30/4") is None
    assert parse_vn_date("") is None


PAGE_WITH_HEADER_CLOCK = """Đường dây nóng: 0912.000.111 - Thứ sáu 05/11/2021 22:40

Sơn La: công nhận 31 sản phẩm OCOP năm 2021

08:30 | 19/10/2021
UBND tỉnh Sơn La vừa ban hành Quyết định số 2044/QĐ-UBND ngày 12/10/2021 công nhận 31 sản phẩm.
"""


def test_header_clock_is_skipped():
    found = find_published(PAGE_WITH_HEADER_CLOCK)
    assert found is not None
    assert found.value == "2021-10-19T08:30:00+07:00"
    assert PAGE_WITH_HEADER_CLOCK[found.start:found.end] == "08:30 | 19/10/2021"


def test_date_after_title_is_preferred():
    text = "Thứ hai 01/03/2021 07:00\nTiêu đề bài viết về OCOP\nPhạm Lan 26/02/2021 15:45 GMT+7\nNội dung."
    assert find_published(text, title="Tiêu đề bài viết về OCOP").value == "2021-02-26T15:45:00+07:00"


def test_related_list_and_body_dates_are_not_the_article_date():
    text = (
        "Lai Châu có thêm 12 sản phẩm OCOP\n"
        "Theo Quyết định số 77/QĐ-UBND ngày 21/01/2022, tỉnh công nhận 12 sản phẩm đạt 3 sao.\n"
        "Những tin cũ hơn\n"
        "Lai Châu tổng kết năm (16/06/2021)\n"
        "07/01/2021\n"
    )
    assert find_published(text) is None


def test_date_at_the_end_of_a_short_passage():
    text = "Tỉnh Hòa Bình có 60 sản phẩm OCOP đạt 3 sao trở lên, tăng 14 sản phẩm so với năm trước.\n- 04/12/2022 09:12:10 AM\n- Đã xem: 311"
    assert find_published(text).value == "2022-12-04T09:12:10+07:00"


def test_letterhead_date_of_a_document_page():
    text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\n|\nSố: 55/KH-UBND\n|\nSơn La, ngày 03\ntháng 3 năm 2023\n|\nKẾ HOẠCH"
    assert find_published(text).value == "2023-03-03"


def test_no_date():
    assert find_published("Sáng ngày 29-9, Tỉnh ủy tổ chức hội nghị; tối mai, ngày 2/2, khai mạc hội chợ.") is None
    assert find_published("") is None
    # an undated report: body dates ("Ngày 26/6/2024, Sở … tổ chức", "(tính đến ngày 30/6/2024)") are not the article's
    assert find_published("Toàn tỉnh có 90 sản phẩm OCOP (tính đến ngày 30/6/2024).\n\n"
                          "Ngày 26/6/2024, Sở Nông nghiệp tổ chức hội nghị tổng kết.") is None


# A portal's header clock (the day the page was viewed) above the menu and headline, then the
# article's own date line; and pages where a later date line must NOT replace the first.
_MENU = "Trang chủ\nTin tức\nKinh tế\nXã hội\n"
_PROSE = ("Trong năm qua tỉnh đã triển khai nhiều giải pháp hỗ trợ các hợp tác xã hoàn thiện bao bì, "
          "nhãn mác và truy xuất nguồn gốc cho các sản phẩm nông nghiệp chủ lực của địa phương mình.")


@pytest.mark.parametrize(
    ("page", "value"),
    [
        (f"Thứ Tư, 20/03/2024 | 09:41\n{_MENU}Quảng Trị có 148 sản phẩm OCOP\n14/03/2024 07:30\n{_PROSE}",
         "2024-03-14T07:30:00+07:00"),
        (f"Thứ bảy, 11/01/2025\nBÁO ĐIỆN TỬ\n{_MENU}Tiêu đề\n06:45 | 08/01/2025\n{_PROSE}", "2025-01-08T06:45:00+07:00"),
        (f"Khẩu hiệu của cổng\nThứ năm, 02/05/2024, 07:15\n{_MENU}TIÊU ĐỀ\nThứ hai - 29/04/2024 15:20\n{_PROSE}",
         "2024-04-29T15:20:00+07:00"),
        (f"Thứ 3, 27/02/2024 | 10:12:45 [GMT +7]\n{_MENU}Tiêu đề\nKinh tế 23-02-2024\n{_PROSE}", "2024-02-23"),
        # the article's date on top, an older date after its body (a dated list with no heading): keep the first
        (f"Tiêu đề\n14/03/2024 07:30\n{_PROSE}\nBài khác 12/03/2024\n", "2024-03-14T07:30:00+07:00"),
        # a later second date line is an update, not the article's date
        (f"14/03/2024 07:30\nTiêu đề\nCập nhật: 15/03/2024 08:00\n{_PROSE}", "2024-03-14T07:30:00+07:00"),
        (f"Hôm nay: Thứ Bảy, 09/03/2024\nTiêu đề\nThứ Năm, 16:05 ngày 07/03/2024\n{_PROSE}", "2024-03-07T16:05:00+07:00"),
        (f"Đường dây nóng: 0236.3822.110 | Thứ hai, 11/12/2023, 09:30\n{_MENU}Tiêu đề\n"
         f"Cập nhật: Thứ sáu, 08/12/2023 | 3:04:05 PM\n{_PROSE}", "2023-12-08T15:04:05+07:00"),
        # a related list printed in the same format as the article's own date line, below the body
        (f"Tiêu đề\nTác Giả\n21/09/2025 18:02 GMT +7\n{_PROSE}\nCùng chuyên mục\nBài khác\n20/09/2025 07:00 GMT +7\n",
         "2025-09-21T18:02:00+07:00"),
    ],
)
def test_header_clock_before_the_headline_is_not_the_article_date(page, value):
    found = find_published(page)
    assert found is not None
    assert found.value == value


# Page shapes seen on unseen real text, in examples written for these tests: a CMS "date" attribute
# glued to the first paragraph, news-agency datelines, a source name glued to its date, CMS
# attribute lines with several fields, and a header clock several menu lines down.
@pytest.mark.parametrize(
    ("page", "value"),
    [
        (" date 2024-11-05 (BĐT)- Sở Nông nghiệp tỉnh vừa trình UBND tỉnh công nhận 22 sản phẩm OCOP.\n\n"
         f"{_PROSE}", "2024-11-05"),
        ("date 2023-06-30 Huyện Mường Tè tổ chức hội nghị tổng kết 5 năm thực hiện chương trình.\n", "2023-06-30"),
        (f"Tiêu đề\n\nCần Thơ (TTXVN 14/08/2024) Sau 5 năm triển khai, thành phố có 120 sản phẩm OCOP. {_PROSE}",
         "2024-08-14"),
        (f"Tiêu đề\n\n(VNA 03/02/2022) - Tỉnh Yên Bái vừa công nhận thêm 15 sản phẩm. {_PROSE}", "2022-02-03"),
        (f"Tiêu đề\n\nĐà Lạt, 12/9/2023 (TTXVN) - Lâm Đồng có thêm 30 sản phẩm OCOP. {_PROSE}", "2023-09-12"),
        (f"Tiêu đề\n\nBáo Kinh tế Nông thônBáo Kinh tế Nông thôn15/03/2025\n\n{_PROSE}", "2025-03-15"),
        (f"Tiêu đề\n\nTạp chí Công Thương điện tử 08/11/2024\n\n{_PROSE}", "2024-11-08"),
        (f"Tiêu đề\n\nBáo Nông nghiệp và Môi trường 21/07/2025 09:15\n\n{_PROSE}", "2025-07-21T09:15:00+07:00"),
        (f"Tiêu đề\nNgày đăng: 12/03/2024 | Người đăng: Nguyễn Thị Bích Ngọc | Lượt xem: 1.203\n{_PROSE}",
         "2024-03-12"),
        (f"Tiêu đề\nCập nhật lúc 10:20, ngày 05/06/2024 (GMT+7) - Chuyên mục: Kinh tế - Nông nghiệp nông thôn\n{_PROSE}",
         "2024-06-05T10:20:00+07:00"),
        (f"Tiêu đề\nNgày xuất bản: 01/04/2025 - Tác giả: Hoàng Văn Minh - Nguồn: Sở Nông nghiệp và Môi trường\n{_PROSE}",
         "2025-04-01"),
        (f"Tiêu đề\nTác giả: Nguyễn Văn An - 12/03/2024 08:30\n{_PROSE}", "2024-03-12T08:30:00+07:00"),
        (f"Tiêu đề\nĐăng ngày 14/05/2024 bởi Quản trị viên\n{_PROSE}", "2024-05-14"),
        # a bulletin's masthead: its publication field after its issuer and number
        (f"BẢN TIN QUÝ III/2023\nPhòng Kinh tế huyện Lục Yên | Số 05/BT-KT | Ngày phát hành: 09/10/2023\n\n{_PROSE}",
         "2023-10-09"),
        ("Chào mừng bạn đến với Cổng thông tin điện tử\nTỈNH KIÊN GIANG\nCỔNG THÔNG TIN ĐIỆN TỬ\nEnglish\n"
         f"Thứ Hai, 06/01/2025\n{_MENU}Kiên Giang có 187 sản phẩm OCOP\n02/01/2025 14:05\n{_PROSE}",
         "2025-01-02T14:05:00+07:00"),
    ],
)
def test_dates_of_unseen_page_shapes(page, value):
    found = find_published(page)
    assert found is not None
    assert found.value == value
    assert page[found.start:found.end] == found.quote


@pytest.mark.parametrize(
    "page",
    [
        " date 2023-06 Huyện Mường Tè tổ chức hội nghị tổng kết 5 năm thực hiện chương trình.",  # a month only
        "Ngày 27/12/2022 UBND tỉnh Điện Biên ban hành Quyết định số 1520/QĐ-UBND công nhận 18 sản phẩm.",
        "Ngày 25/10/2023, tại Hà Nội, Bộ Nông nghiệp tổ chức hội nghị tổng kết chương trình.",
        f"Theo báo cáo của Sở Nông nghiệp (số liệu ngày 12/03/2024), toàn tỉnh có 98 sản phẩm. {_PROSE}",
        f"Tiêu đề\n\n{_PROSE}\nXem thêm: Sơn La có thêm 20 sản phẩm OCOP (12/03/2024)",
        # a dateline's shape in the middle of a body paragraph is a citation, not the article's date
        f"{_PROSE} Như đã đưa tin (TTXVN 14/08/2024), thành phố đã có 120 sản phẩm OCOP.",
    ],
)
def test_body_dates_in_those_shapes_are_not_the_article_date(page):
    assert find_published(page) is None
