"""Eighth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam7):
one row per rule fixed after it (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Eighth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam7`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.documents import find_documents


@pytest.mark.parametrize(("rule", "text", "expected"), [
    ("a month in words: 'ngày 5 tháng Ba năm 2024'",
     "Kế hoạch số 58/KH-UBND ngày 5 tháng Ba năm 2024 của UBND tỉnh.", {"58/KH-UBND": "2024-03-05"}),
    ("... not a lunar month ('tháng Giêng')",
     "Kế hoạch số 58/KH-UBND ngày 5 tháng Giêng năm 2024 của UBND tỉnh.", {"58/KH-UBND": None}),
    ("a day in words too: 'ngày hai mươi mốt tháng mười hai năm 2024'",
     "Văn bản số 188/SNN-KHTC ngày hai mươi mốt tháng mười hai năm 2024 hướng dẫn thủ tục.",
     {"188/SNN-KHTC": "2024-12-21"}),
    ("'ngày mùng 8 tháng 3 năm 2024', 'ngày mồng 2/4/2024'",
     "Quyết định số 701/QĐ-UBND ngày mùng 8 tháng 3 năm 2024 và Công văn số 1145/SNN-PTNT ngày mồng 2/4/2024.",
     {"701/QĐ-UBND": "2024-03-08", "1145/SNN-PTNT": "2024-04-02"}),
    ("a Roman month: 'ngày 12-IV-2024'",
     "Nghị quyết số 09-NQ/HU ngày 12-IV-2024 của Ban Thường vụ Huyện ủy.", {"09-NQ/HU": "2024-04-12"}),
    ("... not in lower case, nor with two different separators",
     "Nghị quyết số 09-NQ/HU ngày 12-iv-2024 và Nghị quyết số 10-NQ/HU ngày 12-IV/2024.",
     {"09-NQ/HU": None, "10-NQ/HU": None}),
    ("'ký hôm …' for 'ký ngày …'",
     "Quyết định số 215/QĐ-UBND được Chủ tịch UBND tỉnh ký hôm 10/1/2025 giao chỉ tiêu.",
     {"215/QĐ-UBND": "2025-01-10"}),
    ("... not 'hôm' after another verb",
     "Quyết định số 215/QĐ-UBND được công bố hôm 10/1/2025 tại hội nghị.", {"215/QĐ-UBND": None}),
    ("a date opening a clause after a comma, then an issuing verb",
     "Tiếp đó, ngày 01/2/2025, UBND tỉnh ban hành Kế hoạch số 29/KH-UBND về đánh giá sản phẩm.",
     {"29/KH-UBND": "2025-02-01"}),
    ("... not when the comma follows a document's number (that date is the number's)",
     "Thực hiện Quyết định số 12/QĐ-UBND, ngày 05/3/2024 UBND huyện ban hành Kế hoạch số 3/KH-UBND.",
     {"12/QĐ-UBND": "2024-03-05", "3/KH-UBND": None}),
    ("... nor across another comma",
     "Tiếp đó, ngày 01/2/2025, tỉnh có 20 sản phẩm, UBND tỉnh ban hành Kế hoạch số 29/KH-UBND.",
     {"29/KH-UBND": None}),
    ("'phê duyệt ngày … tại Quyết định số …'",
     "Kế hoạch đã được UBND tỉnh phê duyệt ngày 17/01/2025 tại Quyết định số 96/QĐ-UBND.",
     {"96/QĐ-UBND": "2025-01-17"}),
    ("... not when words come between the date and 'tại'",
     "Kế hoạch được phê duyệt ngày 17/01/2025 tại hội nghị, theo Quyết định số 96/QĐ-UBND.",
     {"96/QĐ-UBND": None}),
    ("an issuer with a comma before an administrative unit: 'của UBND xã …, huyện … ngày …'",
     "Quyết định số 45/QĐ-UBND của UBND xã Đồng Tâm, huyện Lạc Thủy ngày 07/5/2024 thành lập Tổ hỗ trợ.",
     {"45/QĐ-UBND": "2024-05-07"}),
    ("... not a comma before another word",
     "Quyết định số 45/QĐ-UBND của UBND xã Đồng Tâm, Hội nghị ngày 07/5/2024 đã thông qua.",
     {"45/QĐ-UBND": None}),
    ("an issuer hard-wrapped before a lower-case word: 'của UBND⏎tỉnh ngày …'",
     "Quyết định số 1023/QĐ-UBND của UBND\ntỉnh ngày 14/6/2024 công nhận 18 sản phẩm.",
     {"1023/QĐ-UBND": "2024-06-14"}),
    ("... not before a capitalised line",
     "Quyết định số 1023/QĐ-UBND của UBND\nTỉnh đoàn ngày 14/6/2024 tổ chức hội thi.",
     {"1023/QĐ-UBND": None}),
])
def test_citation_rows(rule, text, expected):
    assert {d.number: d.issued for d in find_documents(text)} == expected, rule
