"""Sixteenth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam16, date blocks
split and ordered otherwise, photo, video, audio and e-magazine pages, headline kickers and session labels, union,
association, department and commune sites, archived, cached and mirrored pages: split, media, kicker, assoc, mirror):
one row per rule fixed after it, with negative rows (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Sixteenth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam16`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published

_BODY = ("Hợp tác xã đã đầu tư máy sấy, in tem truy xuất nguồn gốc và thiết kế lại bao bì cho các sản phẩm chủ lực, "
         "đồng thời liên kết với các hộ trồng để bảo đảm nguồn nguyên liệu ổn định quanh năm.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("a data cut-off ('Số liệu tính đến …') dates the figures, not the page",
     "[Infographic] Kết quả quý III\nSố liệu tính đến 30/9/2025\nNguồn: Sở Công Thương\nThực hiện: Lan | 07/10/2025\n",
     "2025-10-07"),
    ("... also with a colon, alone (no date: the page shows none)", f"Tiêu đề\nSố liệu tính đến: 30/9/2025\n{_BODY}", None),
    ("... but a plain date line still dates the page", f"Tiêu đề\n30/9/2025\n{_BODY}", "2025-09-30"),
    ("a range's closing date ('(02/6 - 08/6/2025)', '(09 - 11/12/2024)') is the end of a period, not a posting",
     f"TIÊU ĐIỂM TUẦN (02/6 - 08/6/2025)\nTiêu đề\n{_BODY}\n\n09/06/2025 07:00\n", "2025-06-09"),
    ("... the day-only form", f"KỲ HỌP THỨ 21 (09 - 11/12/2024)\nTiêu đề\n{_BODY}", None),
    ("... but a clock before the dash is no range ('08:40 - 21/11/2024')", f"Tiêu đề\n08:40 - 21/11/2024\n{_BODY}",
     "2024-11-21"),
    ("a broadcast's air time first, the posting line ('Đăng tải: …') right below it: the posting dates the page",
     f"VIDEO\nPhát sóng lúc 20:00 ngày 08/05/2025\nTiêu đề\nĐăng tải: 09/05/2025 07:10\n{_BODY}", "2025-05-09"),
    ("... but an unlabelled date line below the air time does not override it",
     f"Phát sóng lúc 20:00 ngày 08/05/2025\nTiêu đề\n09/05/2025\n{_BODY}", "2025-05-08"),
    ("... nor a posting line after prose", f"Phát sóng lúc 20:00 ngày 08/05/2025\n{_BODY} {_BODY}\nĐăng tải: 09/05/2025\n",
     "2025-05-08"),
    ("a date badge: the day, 'Tháng N' and the year on three lines", f"27\nTháng 6\n2024\nTiêu đề\n{_BODY}", "2024-06-27"),
    ("... also 'TH3'", f"05\nTH3\n2025\nTiêu đề\n{_BODY}", "2025-03-05"),
    ("... but not a day and a month without the year line", f"27\nTháng 6\nTiêu đề\n{_BODY}", None),
    ("... nor an impossible day", f"31\nTháng 6\n2024\nTiêu đề\n{_BODY}", None),
    ("with no date line, a media tag and a full day opening the headline ('[Video] Ngày 14/3/2025: …')",
     f"[Video] Ngày 14/3/2025: Hội đồng tỉnh chấm điểm sản phẩm\n\n{_BODY}", "2025-03-14"),
    ("... but not without the year ('[Ảnh] Chiều 22/8: …')", f"[Ảnh] Chiều 22/8: Trao chứng nhận\n\n{_BODY}", None),
    ("... nor a lead opening with an event's day", f"Tiêu đề\n\nNgày 14/3/2025, hội đồng tỉnh họp. {_BODY}", None),
    ("... and a date line on the page wins over the kicker",
     f"[Video] Ngày 14/3/2025: Hội đồng tỉnh chấm điểm sản phẩm\n15/03/2025 08:00\n{_BODY}", "2025-03-15"),
    ("with no date line, a full date in brackets closing the headline, under a portal's name in capitals",
     f"UBND HUYỆN MƯỜNG KHƯƠNG\nHuyện sơ kết chương trình (24/04/2025)\n\n{_BODY}", "2025-04-24"),
    ("... but not a list of such lines (a box of other articles)",
     f"Huyện sơ kết chương trình (24/04/2025)\nXã tập huấn chủ thể (20/04/2025)\n\n{_BODY}", None),
    ("... nor such a line below the page's first lines",
     f"Tiêu đề\n{_BODY}\n{_BODY}\n{_BODY}\nTin khác: Huyện sơ kết chương trình (24/04/2025)\n", None),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value[:10] if found else None) == value, rule
