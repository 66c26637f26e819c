"""Fifteenth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam15, lunar dates
beside solar ones and hours and weekdays written otherwise, eGov vendors' pages, official gazette pages, magazines and
long reads, citations with unusual numbers: lunar, vendor, gazette, mag, sym): one row per rule fixed after it, with
negative rows (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Fifteenth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam15`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Hợp tác xã đã đầu tư máy sấy, in tem truy xuất nguồn gốc và thiết kế lại bao bì cho các sản phẩm chủ lực, "
         "đồng thời liên kết với các hộ trồng để bảo đảm nguồn nguyên liệu ổn định quanh năm.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("a comment box's heading ('Bình luận', 'Ý kiến bạn đọc (2)') opens a box: its dated comments do not date the page",
     f"Tiêu đề\n{_BODY}\n\nBình luận\nPhạm Khánh (14/05/2025 21:03): Sản phẩm ngon.\nLê Mai (15/05/2025 06:20): Mua ở đâu?\n",
     None),
    ("... also with the count of comments", f"Tiêu đề\n{_BODY}\n\nÝ kiến bạn đọc (2)\nTrần Tâm - 06/03/2025 20:11\nHay.\n",
     None),
    ("... but not a newspaper's section 'Bình luận' above the headline and its date line",
     f"Trang chủ\nBình luận\nTiêu đề của bài bình luận\n14/03/2025 08:00\n{_BODY}", "2025-03-14"),
    ("... and a toolbar row naming the comments still dates the page",
     f"Tiêu đề\nBản in | 3 bình luận | 06/05/2024 14:30\n{_BODY}", "2024-05-06"),
    ("... and the posting line above a comment box still dates the page",
     f"Tiêu đề\nNgày đăng: 05/03/2025 08:30\n{_BODY}\n\nBình luận (1)\nAn - 06/03/2025 20:11\nHay.", "2025-03-05"),
    ("the whole site's last update in its footer ('Website được cập nhật lần cuối lúc … ngày …') is no date of the page",
     f"Tiêu đề\n{_BODY}\n\n© Bản quyền thuộc Sở\nWebsite được cập nhật lần cuối lúc 08:12 ngày 20/11/2025", None),
    ("... but an article's 'Cập nhật lần cuối: …' still dates it", f"Tiêu đề\nCập nhật lần cuối: 20/11/2025\n{_BODY}",
     "2025-11-20"),
    ("a weekday ('T6', 'Thứ Sáu') opening a date line whose year has two digits and whose month is not padded",
     f"Bản tin\nT6, 07/3/25 10h20\nTiêu đề\n{_BODY}", "2025-03-07"),
    ("... also the weekday in full", f"Tiêu đề\nThứ Sáu, 7/3/25\n{_BODY}", "2025-03-07"),
    ("... but not such a date without a weekday (a ratio or a lot number)", f"Tiêu đề\n07/3/25 10h20\n{_BODY}", None),
    ("the day node closing an archive's breadcrumb ('… > Năm 2025 > Tháng 03 > 12/03/2025')",
     f"Trang chủ > Tin tức - Sự kiện > Năm 2025 > Tháng 03 > 12/03/2025\nTiêu đề\n{_BODY}", "2025-03-12"),
    ("... but not a date after a single separator, with words after it",
     f"Tin tức - Sự kiện > 12/03/2025 Hội chợ nông sản của tỉnh\nTiêu đề\n{_BODY}", None),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value[:10] if found else None) == value, rule


@pytest.mark.parametrize(("rule", "text", "documents"), [
    ("a number printed with a thousands dot ('Quyết định số 1.245/QĐ-UBND ngày …')",
     "UBND tỉnh đã ban hành Quyết định số 1.245/QĐ-UBND ngày 12/10/2024 công nhận sản phẩm.",
     {"1.245/QĐ-UBND": "2024-10-12"}),
    ("... but not a price per unit ('1.245/kg') nor a number without an issuer",
     "Giá bán 1.245/kg; tỷ lệ 2.500/QĐ chưa rõ.", {}),
    ("a law's date is the day the National Assembly passed it ('số 23/2024/QH15 được Quốc hội thông qua ngày …')",
     "Luật Hợp tác xã số 23/2024/QH15 được Quốc hội thông qua ngày 27/6/2024, có hiệu lực từ ngày 01/01/2025.",
     {"23/2024/QH15": "2024-06-27"}),
    ("... a resolution named again by its type alone in the next sentence ('Nghị quyết được … thông qua ngày …')",
     "Nghị quyết số 07/2023/NQ-HĐND quy định chính sách giai đoạn 2023 - 2025. Nghị quyết được HĐND tỉnh khóa XVII, "
     "kỳ họp thứ 12 thông qua ngày 12/7/2023.", {"07/2023/NQ-HĐND": "2023-07-12"}),
    ("... but not a plan a meeting adopted (not a law or a resolution)",
     "Kế hoạch số 45/KH-UBND được hội nghị thông qua ngày 10/3/2024.", {"45/KH-UBND": None}),
    ("... nor the next sentence naming another type", "Nghị quyết số 07/2023/NQ-HĐND quy định chính sách. Luật được "
     "Quốc hội thông qua ngày 12/7/2023.", {"07/2023/NQ-HĐND": None}),
    ("... nor when the sentence cites two numbers (the next sentence's 'Nghị quyết' may be either)",
     "Nghị quyết số 07/2023/NQ-HĐND thay thế Nghị quyết số 03/2020/NQ-HĐND. Nghị quyết được HĐND tỉnh thông qua ngày "
     "12/7/2023.", {"07/2023/NQ-HĐND": None, "03/2020/NQ-HĐND": None}),
    ("a list line opening with the document's date and a dash, the type and number right after it (a gazette's contents)",
     "MỤC LỤC\n14/3/2025 - Nghị quyết số 05/2025/NQ-HĐND quy định chính sách. Trang 3\n"
     "18/3/2025 - Quyết định số 11/2025/QĐ-UBND về bảng giá. Trang 20", {"05/2025/NQ-HĐND": "2025-03-14",
                                                                         "11/2025/QĐ-UBND": "2025-03-18"}),
    ("... but not a dateline whose sentence names the issuer before the type",
     "12/3/2025 - UBND tỉnh ban hành Quyết định số 5/QĐ-UBND về công nhận sản phẩm.", {"5/QĐ-UBND": None}),
    ("... nor a date inside the line before the dash", "Hội nghị ngày 12/3/2025 - Quyết định số 5/QĐ-UBND được công bố.",
     {"5/QĐ-UBND": None}),
])
def test_documents_rows(rule, text, documents):
    assert {d.number: d.issued for d in find_documents(text)} == documents, rule
