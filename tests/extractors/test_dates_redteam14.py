"""Fourteenth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam14, signing
dates away from the number, central and party forms and documents corrected, extended, replaced or repealed, English
and bilingual pages, reprints and relative dates, listings mixed with an article: away, fate, english, rel, list):
one row per rule fixed after it, with negative rows (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Fourteenth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam14`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Hợp tác xã đã đầu tư máy móc, in tem truy xuất nguồn gốc và thiết kế lại bao bì cho các sản phẩm chủ lực, "
         "đồng thời liên kết với các hộ trồng để bảo đảm nguồn nguyên liệu ổn định quanh năm.")


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("an English agency dateline with the month in words and no year ('HANOI, March 14 (VNA) –') takes the year of the "
     "full date it follows within three months",
     "Title\nHANOI, March 14 (VNA) – The province recognised 20 products under Decision No. 5/QD-UBND signed on "
     "March 9, 2026.", "2026-03-14"),
    ("... also an abbreviated month and a date 'd Month yyyy' in the text",
     "Title\nCAN THO, Jan. 5 (VNA) - Plan No. 7/KH-UBND dated 29 December 2025 set the targets.", "2026-01-05"),
    ("... but no year when the text prints no full date", "Title\nHANOI, March 14 (VNA) – The province recognised.",
     None),
    ("an English agency dateline with the full date ('Hanoi, March 14, 2026 (VNA) - …', found while probing)",
     "Title\nHanoi, March 14, 2026 (VNA) - The province recognised 20 products.", "2026-03-14"),
    ("... but not the shape inside a sentence",
     "Title\nThe council met in Hanoi, March 14, 2026 (VNA) - and ranked 20 products of the province.", None),
    ("a sentence of first posting opening the line ('Bài viết được đăng lần đầu ngày …, cập nhật ngày …') dates the "
     "page by the first posting", f"Tiêu đề\nBài viết được đăng lần đầu ngày 02/3/2026, cập nhật ngày 10/3/2026.\n{_BODY}",
     "2026-03-02"),
    ("... but a sentence of the body naming another posting is no such line",
     f"Tiêu đề\n{_BODY} Bài viết được đăng trên báo in ngày 02/3/2026 đã thu hút nhiều bạn đọc quan tâm tới sản phẩm.",
     None),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule


@pytest.mark.parametrize(("rule", "text", "documents"), [
    ("the date set off by dashes after the number ('Quyết định số 318/QĐ-UBND - ngày 09/3/2026 - về việc …')",
     "UBND tỉnh công bố Quyết định số 318/QĐ-UBND - ngày 09/3/2026 - về việc công nhận sản phẩm.",
     {"318/QĐ-UBND": "2026-03-09"}),
    ("... also with an en dash", "Kế hoạch số 41/KH-UBND – ngày 02/3/2026 – về triển khai.", {"41/KH-UBND": "2026-03-02"}),
    ("... but not a sentence's opening date after a dash ('… 12/KH-UBND - Ngày 5/3/2026, hội nghị …')",
     "Thực hiện Kế hoạch số 12/KH-UBND - Ngày 5/3/2026, hội nghị tổng kết được tổ chức.", {"12/KH-UBND": None}),
    ("'được ký từ ngày …' after the number", "Kế hoạch số 37/KH-UBND được ký từ ngày 28/02/2026 nhưng mới được gửi.",
     {"37/KH-UBND": "2026-02-28"}),
    ("... but not an effective date ('có hiệu lực từ ngày …')",
     "Quyết định số 25/2026/QĐ-UBND có hiệu lực từ ngày 20/4/2026.", {"25/2026/QĐ-UBND": None}),
    ("the number in brackets, then the signer and a part of the day ('(số 77/QĐ-UBND) được … ký vào sáng 12/3/2026')",
     "Quyết định công nhận (số 77/QĐ-UBND) được Chủ tịch UBND xã ký vào sáng 12/3/2026, sau phiên họp.",
     {"77/QĐ-UBND": "2026-03-12"}),
    ("... but not a bracket closed before an event's day ('(số 77/QĐ-UBND) vào sáng 12/3/2026 hội nghị …')",
     "Theo quyết định (số 77/QĐ-UBND) vào sáng 12/3/2026 hội nghị trao chứng nhận đã diễn ra.", {"77/QĐ-UBND": None}),
    ("... nor an event's part of the day with no signing verb ('triển khai Kế hoạch số … vào sáng …')",
     "Hội nghị triển khai Kế hoạch số 45/KH-UBND vào sáng 12/3/2026 tại hội trường tỉnh.", {"45/KH-UBND": None}),
    ("a place and a date after the number, as attachment lists print them ('Quyết định 904/QĐ-UBND, Thái Nguyên, "
     "05/3/2026 - …')", "Quyết định 904/QĐ-UBND, Thái Nguyên, 05/3/2026 - Về việc thành lập Hội đồng\n",
     {"904/QĐ-UBND": "2026-03-05"}),
    ("... but not a place and a date that open the next clause of prose",
     "Theo Quyết định 904/QĐ-UBND, Thái Nguyên, 05/3/2026 là ngày hội chợ khai mạc.", {"904/QĐ-UBND": None}),
    ("the signing verb and date right before the type word ('UBND tỉnh đã ban hành ngày 12/3/2026 Quyết định số …')",
     "UBND tỉnh đã ban hành ngày 12/3/2026 Quyết định số 610/QĐ-UBND công nhận sản phẩm.",
     {"610/QĐ-UBND": "2026-03-12"}),
    ("... but not a date followed by a comma before another citation",
     "Kế hoạch số 45/KH-UBND ban hành ngày 10/3/2026, Quyết định số 50/QĐ-UBND về công nhận sản phẩm.",
     {"45/KH-UBND": "2026-03-10", "50/QĐ-UBND": None}),
    ("a document dated 'Cùng ngày, …' opening the next sentence takes the last full date before it",
     "Ngày 16/3/2026, UBND tỉnh ban hành Quyết định số 655/QĐ-UBND. Cùng ngày, UBND tỉnh có Kế hoạch số 102/KH-UBND.",
     {"655/QĐ-UBND": "2026-03-16", "102/KH-UBND": "2026-03-16"}),
    ("... 'Ngày hôm sau, …' the day after, 'Trước đó một tuần, …' a week before",
     "Ngày 16/3/2026, UBND tỉnh ban hành Quyết định số 655/QĐ-UBND. Ngày hôm sau, Sở ban hành Công văn số "
     "870/SNNMT-PTNT. Trước đó một tuần, Hội đồng đánh giá, phân hạng đã có Tờ trình số 15/TTr-HĐĐG.",
     {"655/QĐ-UBND": "2026-03-16", "870/SNNMT-PTNT": "2026-03-17", "15/TTr-HĐĐG": "2026-03-09"}),
    ("... 'Hôm sau, … ra Thông báo số …' and 'Hai ngày sau đó, …' (found while probing)",
     "Ngày 2/3/2026, UBND tỉnh ký Quyết định số 1/QĐ-UBND. Hôm sau, Sở ra Thông báo số 5/TB-SNN. Hai ngày sau đó, "
     "UBND tỉnh ban hành Kế hoạch số 13/KH-UBND.",
     {"1/QĐ-UBND": "2026-03-02", "5/TB-SNN": "2026-03-03", "13/KH-UBND": "2026-03-04"}),
    ("... but not without an issuing verb ('Cùng ngày, … triển khai Kế hoạch số …')",
     "Ngày 16/3/2026, UBND tỉnh ban hành Quyết định số 655/QĐ-UBND. Cùng ngày, các xã triển khai Kế hoạch số "
     "102/KH-UBND.", {"655/QĐ-UBND": "2026-03-16", "102/KH-UBND": None}),
    ("... nor with no full date before it in the paragraph",
     "Ngày 16/3/2026, hội nghị diễn ra.\n\nCùng ngày, UBND tỉnh có Kế hoạch số 102/KH-UBND.", {"102/KH-UBND": None}),
    ("a signing date after the subject, the signer and an issuing verb ('Đề án số 12/ĐA-BNNMT về … được Bộ trưởng phê "
     "duyệt ngày 25/02/2026')", "Đề án số 12/ĐA-BNNMT về nâng cao chất lượng sản phẩm OCOP được Bộ trưởng phê duyệt ngày "
     "25/02/2026.", {"12/ĐA-BNNMT": "2026-02-25"}),
    ("... but not when the subject names another document, whose approval the date may be",
     "Kế hoạch số 45/KH-UBND về thực hiện Đề án phát triển sản phẩm OCOP được UBND tỉnh phê duyệt ngày 03/3/2025.",
     {"45/KH-UBND": None}),
    ("... nor across an event named in the subject",
     "Kế hoạch số 46/KH-UBND về tổ chức hội chợ OCOP được Sở ký ngày 03/3/2025.", {"46/KH-UBND": None}),
    ("an English citation's date: 'Decision No. 318/QD-UBND signed on March 9, 2026', 'dated 16/3/2026', "
     "'… of the provincial People's Committee, dated 9 March 2026'",
     "Under Decision No. 318/QD-UBND signed on March 9, 2026, Plan No. 56/KH-UBND dated 22 January 2026 and Decision "
     "No. 655/QD-UBND of the provincial People's Committee, dated 16/3/2026, the province ranked products.",
     {"318/QD-UBND": "2026-03-09", "56/KH-UBND": "2026-01-22", "655/QD-UBND": "2026-03-16"}),
    ("... also 'adopted on …' (found while probing)",
     "Resolution No. 09/2026/NQ-HDND adopted on March 3, 2026 by the council.", {"09/2026/NQ-HDND": "2026-03-03"}),
    ("... but not a date after other words ('… 318/QD-UBND, the fair held on March 9, 2026')",
     "Decision No. 318/QD-UBND was presented at the fair held on March 9, 2026.", {"318/QD-UBND": None}),
])
def test_document_rows(rule, text, documents):
    assert {d.number: d.issued for d in find_documents(text)} == documents, rule
