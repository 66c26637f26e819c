"""The published-date rules the twenty-first figures round (tests/extractors/redteam21: legal Q&A, news-brief pages,
radio and TV transcripts, cooperative news) showed missing: one row per rule, with negative rows. The round's passages
are read whole by test_figures_rounds.py; these rows state the constructions on self-written text.

Self-written examples: they show that a form is read, not how often real text uses it.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published

_BODY = ("Tỉnh đã hỗ trợ các hợp tác xã hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc cho nhiều "
         "sản phẩm nông nghiệp chủ lực, mở rộng thị trường tiêu thụ trong và ngoài tỉnh.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    # a broadcast's air time
    ("aired: a programme's line with its air time ('Phát sóng 18h15 ngày 03/4/2025') dates a transcript",
     f"ĐÀI PHÁT THANH TỈNH\nChương trình phát thanh Khuyến nông – Khuyến lâm | Phát sóng 18h15 ngày 03/4/2025\n{_BODY}",
     "2025-04-03"),
    ("... also 'Phát lúc 6 giờ 00 và 17 giờ 00 ngày …' on a loudspeaker bulletin's line",
     f"ĐÀI TRUYỀN THANH XÃ AN BÌNH\nBản tin tuần – Phát lúc 6 giờ 00 và 17 giờ 00 ngày 11/8/2025\n{_BODY}",
     "2025-08-11"),
    ("... not a schedule ('Lịch phát sóng: …'), which dates the day's programmes",
     f"Lịch phát sóng Thứ Năm 03/4/2025\n{_BODY}", None),
    ("... nor a sentence of the body announcing a broadcast",
     f"Tiêu đề\n{_BODY} Chương trình sẽ phát sóng lúc 20h ngày 12/4/2025 trên kênh thời sự của tỉnh. {_BODY}", None),
    # a section's name, then the date and clock
    ("section-date: a section's or source's name set off by '|' from the date and clock ending the line",
     f"TTXVN | Kinh tế địa phương | 14/02/2025 09:35\nTiêu đề\n{_BODY}", "2025-02-14T09:35:00+07:00"),
    ("... not a related headline with a count and a date ('Ninh Bình công nhận 34 sản phẩm OCOP | 12/01/2026 10:20')",
     f"Ninh Bình công nhận 34 sản phẩm OCOP | 12/01/2026 10:20\n{_BODY}", None),
    ("... nor a name and a date without the clock",
     f"Bạn đọc hỏi, cơ quan chức năng trả lời | 12/01/2026\n{_BODY}", None),
])
def test_published_rule(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule
