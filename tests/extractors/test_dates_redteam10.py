"""Tenth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam10,
newspapers and aggregators): one row per rule fixed after it, with negative rows (its passages are read
one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Tenth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam10`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Tỉnh đã hỗ trợ các hợp tác xã hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc cho nhiều "
         "sản phẩm nông nghiệp chủ lực, mở rộng thị trường tiêu thụ trong và ngoài tỉnh.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("a broadcaster's programme schedule ('Lịch phát sóng: Thứ Tư, 15/10/2025') is page chrome, not the article's date",
     f"Lịch phát sóng: Thứ Tư, 15/10/2025\nTiêu đề\n{_BODY}", None),
    ("... and the article's own line under it is read",
     f"Lịch phát sóng: Thứ Tư, 15/10/2025\nTiêu đề\n14/10/2025 21:40 GMT+7\n{_BODY}", "2025-10-14T21:40:00+07:00"),
    ("a related-news heading's words as a menu entry ('Mới nhất' between 'Trang chủ' and 'Kinh doanh') open no box",
     f"Trang chủ\nMới nhất\nKinh doanh\nThứ ba, 14/10/2025, 09:12 (GMT+7)\nTiêu đề\n{_BODY}",
     "2025-10-14T09:12:00+07:00"),
    ("... but a box of dated headlines above the article is still skipped to its blank line",
     f"Tin nổi bật\nHội chợ OCOP miền Trung khai mạc 10/10/2025\n\nTiêu đề\nĐăng bởi: Ban biên tập | 14/10/2025\n{_BODY}",
     "2025-10-14"),
    ("... also when a menu entry is above the heading and a headline below it",
     f"Trang chủ\nĐọc nhiều\nGiá chè búp tươi tăng mạnh ở Thái Nguyên 12/10/2025\n\nTiêu đề\n15/10/2025\n{_BODY}",
     "2025-10-15"),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule


@pytest.mark.parametrize(("rule", "text", "documents"), [
    ("a signing date closing the sentence that cites the number, after its object (', ký ngày …')",
     "Chủ tịch UBND tỉnh vừa ký Quyết định số 1987/QĐ-UBND công nhận 24 sản phẩm OCOP đợt 2 năm 2025, "
     "ký ngày 25/9/2025.", {"1987/QĐ-UBND": "2025-09-25"}),
    ("... belongs to the nearest number when another is cited between",
     "UBND tỉnh ban hành Quyết định số 1987/QĐ-UBND thay thế Quyết định số 1500/QĐ-UBND, ký ngày 25/9/2025.",
     {"1987/QĐ-UBND": None, "1500/QĐ-UBND": "2025-09-25"}),
    ("... not across a sentence end",
     "Tỉnh thực hiện Quyết định số 1987/QĐ-UBND về OCOP. Biên bản nghiệm thu các mô hình, ký ngày 25/9/2025, "
     "được gửi các xã.", {"1987/QĐ-UBND": None}),
    ("... nor after a verb that is not a signing ('tổ chức ngày …')",
     "Quyết định số 1987/QĐ-UBND công nhận 24 sản phẩm được trao tại hội nghị, tổ chức ngày 25/9/2025.",
     {"1987/QĐ-UBND": None}),
    ("a press licence in a footer ('Giấy phép hoạt động báo điện tử số …') is not a document the article cites",
     "Giấy phép hoạt động báo điện tử số 45/GP-BTTTT ngày 12/3/2019\nTổng biên tập: Nguyễn Văn An", {}),
    ("... nor one under the press authority's symbol without the press named ('Giấy phép số 112/GP-CBC')",
     "Giấy phép số 112/GP-CBC do Cục Báo chí cấp", {}),
    ("... but a licence the article reports on is read",
     "Công ty được cấp Giấy phép khai thác khoáng sản số 12/GP-UBND ngày 5/6/2024 của UBND tỉnh.",
     {"12/GP-UBND": "2024-06-05"}),
])
def test_document_rows(rule, text, documents):
    assert {d.number: d.issued for d in find_documents(text)} == documents, rule
