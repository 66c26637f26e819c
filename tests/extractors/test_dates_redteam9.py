"""Ninth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam9):
one row per rule fixed after it (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Ninth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam9`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published

_BODY = ("Tỉnh đã hỗ trợ các hợp tác xã hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc cho nhiều "
         "sản phẩm nông nghiệp chủ lực, mở rộng thị trường tiêu thụ trong và ngoài tỉnh.")
_LETTERHEAD = "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN\nSố: 51/KH-UBND\nBắc Kạn, ngày 12 tháng 3 năm 2025\nKẾ HOẠCH"


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("a .NET en-US date line, month first: '3/15/2025 9:12:00 AM'",
     f"Tiêu đề\n3/15/2025 9:12:00 AM\n{_BODY}", "2025-03-15T09:12:00+07:00"),
    ("... not when day first is a date ('3/5/2025 9:12:00 AM' stays 3 May)",
     f"Tiêu đề\n3/5/2025 9:12:00 AM\n{_BODY}", "2025-05-03T09:12:00+07:00"),
    ("... nor without an AM/PM clock (vi-VN prints SA/CH, day first)",
     f"Tiêu đề\n3/15/2025 9:12:00 SA\n{_BODY}", None),
    ("a letterhead below a date line does not make that line a header clock",
     f"13/03/2025 08:30\nTiêu đề\n{_LETTERHEAD}\n{_BODY}", "2025-03-13T08:30:00+07:00"),
    ("... but a weekday's long form below a clock is still the article's date",
     f"Thứ Năm, ngày 05 tháng 12 năm 2024\nTiêu đề\nThứ Ba, ngày 03 tháng 12 năm 2024 | 15:30\n{_BODY}",
     "2024-12-03T15:30:00+07:00"),
    ("a short headline naming an event's day ('Phiên chợ OCOP ngày 12/4/2025') is no date line",
     f"Chuyên mục\nPhiên chợ OCOP ngày 12/4/2025\nCập nhật: 13/04/2025 07:45\n{_BODY}", "2025-04-13T07:45:00+07:00"),
    ("... but a source's name before 'ngày' is ('Theo baotinh.vn ngày …')",
     f"Tiêu đề\n{_BODY}\nTheo baotinh.vn ngày 20/5/2025", "2025-05-20"),
    ("... and so is a posting's label and time before it ('Đăng lúc 21:05 ngày …')",
     f"Tiêu đề\nĐăng lúc 21:05 ngày 05/3/2025\n{_BODY}", "2025-03-05T21:05:00+07:00"),
    ("... and a writer's name ('Minh Quân ngày …')",
     f"Tiêu đề\n{_BODY}\nMinh Quân ngày 19/9/2024", "2024-09-19"),
    pytest.param("known misread: a header clock above an official text that has no posting line of its own",
                 f"Thứ Năm, 20/03/2025 | 09:41\nTiêu đề\n{_LETTERHEAD}\n{_BODY}", "2025-03-12",
                 marks=pytest.mark.xfail(strict=True, reason="a letterhead never makes the line above it a header "
                                         "clock: without a posting line the clock is read as the page's date")),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule
