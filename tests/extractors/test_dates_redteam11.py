"""Eleventh round of self-written issue 8 date and document passages (tests/extractors/dates_redteam11,
citations the rules had not read: series, commune, central, damaged, pub): one row per rule fixed after it,
with negative rows (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Eleventh round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam11`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Tỉnh đã hỗ trợ các hợp tác xã hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc cho nhiều "
         "sản phẩm nông nghiệp chủ lực, mở rộng thị trường tiêu thụ trong và ngoài tỉnh.")


@pytest.mark.parametrize(("rule", "text", "documents"), [
    ("a dash printed as another dash-like character (U+2010 hyphen, U+2212 minus) is the symbol's dash",
     "Quyết định số 1532/QĐ\u2010UBND ngày 12/9/2024 và Quyết định số 870/QĐ \u2212UBND ngày 20/5/2024.",
     {"1532/QĐ-UBND": "2024-09-12", "870/QĐ-UBND": "2024-05-20"}),
    ("... but a spaced minus before a word that is not a symbol's segment ends the symbol",
     "Theo Quyết định số 45/QĐ-UBND \u2212 Hội đồng tỉnh đã họp.", {"45/QĐ-UBND": None}),
    ("'số' glued to the number by a lost space ('số1532/QĐ-UBND'), 'ngày' glued to the date ('ngày12/9/2024')",
     "UBND tỉnh ban hành Quyết định số1532/QĐ-UBND ngày12/9/2024 công nhận 27 sản phẩm.",
     {"1532/QĐ-UBND": "2024-09-12"}),
    ("... and 'năm' glued to the year ('ngày 30 tháng 10 năm2025', found while probing)",
     "Quyết định số 2045/QĐ-UBND ngày 30 tháng 10 năm2025 của UBND tỉnh.", {"2045/QĐ-UBND": "2025-10-30"}),
    ("... not a number glued to another word ('mã12/QĐ-UBND')",
     "Mẫu hồ sơ mã12/QĐ-UBND được đăng trên cổng.", {}),
    ("one symbol written once for a list of numbers ('số 2051, 2052 và 2053/QĐ-UBND ngày …'): each number, with the date",
     "Chủ tịch UBND tỉnh đã ký các Quyết định số 2051, 2052 và 2053/QĐ-UBND ngày 17/10/2025 công nhận 38 sản phẩm.",
     {"2051/QĐ-UBND": "2025-10-17", "2052/QĐ-UBND": "2025-10-17", "2053/QĐ-UBND": "2025-10-17"}),
    ("... also without a date, and with a year in the symbol",
     "Theo các Nghị quyết số 12, 13/2024/NQ-HĐND của HĐND tỉnh, mức hỗ trợ tăng.",
     {"12/2024/NQ-HĐND": None, "13/2024/NQ-HĐND": None}),
    ("... not counts before a number ('có 12 và 15 sản phẩm theo Quyết định số 45/QĐ-UBND')",
     "Năm 2024 có 12 và 15 sản phẩm theo Quyết định số 45/QĐ-UBND ngày 3/3/2024.", {"45/QĐ-UBND": "2024-03-03"}),
    ("a paper's dateline before the sentence's opening date ('(Chinhphu.vn) - Ngày …, Thủ tướng … ký Chỉ thị số …')",
     "Tiêu đề\n(Chinhphu.vn) - Ngày 5/11/2025, Thủ tướng Chính phủ ký Chỉ thị số 33/CT-TTg về phát triển sản phẩm OCOP.",
     {"33/CT-TTg": "2025-11-05"}),
    ("... not when a sentence ends between the date and the citation",
     "Tiêu đề\n(Chinhphu.vn) - Ngày 5/11/2025, hội nghị diễn ra tại Hà Nội. Thủ tướng ký Chỉ thị số 33/CT-TTg.",
     {"33/CT-TTg": None}),
    ("dates said 'lần lượt' after two citations go to them in order",
     "Thực hiện Kế hoạch số 75/KH-UBND và Kế hoạch số 96/KH-UBND của UBND tỉnh, ban hành lần lượt ngày 02/4/2025 và "
     "ngày 19/5/2025, Sở đã hướng dẫn các xã.", {"75/KH-UBND": "2025-04-02", "96/KH-UBND": "2025-05-19"}),
    ("... not across a sentence end",
     "Tỉnh thực hiện Kế hoạch số 75/KH-UBND và Kế hoạch số 96/KH-UBND. Hai hội chợ diễn ra lần lượt ngày 02/4/2025 và "
     "ngày 19/5/2025.", {"75/KH-UBND": None, "96/KH-UBND": None}),
    ("... nor over citations that carry their own dates",
     "Quyết định số 12/QĐ-UBND ngày 5/1/2024 và Quyết định số 45/QĐ-UBND ngày 20/3/2024 được triển khai lần lượt ngày "
     "10/1/2024 và ngày 25/3/2024.", {"12/QĐ-UBND": "2024-01-05", "45/QĐ-UBND": "2024-03-20"}),
    ("a table whose header names the 'Ngày ban hành' column: the number's row holds its date there, past an issuer cell",
     "| STT | Số ký hiệu | Cơ quan ban hành | Ngày ban hành | Trích yếu |\n"
     "| 1 | 25/KH-UBND | UBND tỉnh | 20/01/2025 | Kế hoạch OCOP năm 2025 |\n"
     "| 2 | 310/QĐ-UBND | Chủ tịch UBND tỉnh | 14/02/2025 | Thành lập Hội đồng |",
     {"25/KH-UBND": "2025-01-20", "310/QĐ-UBND": "2025-02-14"}),
    ("... also headed 'Ngày, tháng, năm ban hành' as official tables head it (found while probing)",
     "| TT | Tên văn bản | Số, ký hiệu | Cơ quan ban hành | Ngày, tháng, năm ban hành |\n"
     "| 1 | Kế hoạch OCOP | 25/KH-UBND | UBND tỉnh | 20/01/2025 |", {"25/KH-UBND": "2025-01-20"}),
    ("... not a date in a column the header names otherwise ('Ngày hiệu lực')",
     "| STT | Số ký hiệu | Cơ quan ban hành | Ngày hiệu lực |\n| 1 | 25/KH-UBND | UBND tỉnh | 20/01/2025 |",
     {"25/KH-UBND": None}),
    ("... nor without a header row above the table",
     "Danh mục\n| 1 | 25/KH-UBND | UBND tỉnh | 20/01/2025 | Kế hoạch OCOP năm 2025 |", {"25/KH-UBND": None}),
    ("a PDF page break ('Trang 2/6' alone on its line) between a number and its date",
     "Theo Nghị quyết số 14/2024/NQ-HĐND\nTrang 2/6\nngày 11/12/2024 của HĐND tỉnh quy định mức hỗ trợ.",
     {"14/2024/NQ-HĐND": "2024-12-11"}),
    ("... not a bare number line (a table row may be one)",
     "Theo Nghị quyết số 14/2024/NQ-HĐND\n2\nngày 11/12/2024 của HĐND tỉnh.", {"14/2024/NQ-HĐND": None}),
    ("... nor an event's date after the break",
     "Theo Nghị quyết số 14/2024/NQ-HĐND\nTrang 2/6\nHội nghị ngày 11/12/2024 của HĐND tỉnh.", {"14/2024/NQ-HĐND": None}),
    ("a signing date after the subject, right before the issuer ('… về việc … năm 2025 ngày 14/3/2025 của UBND tỉnh')",
     "Việc đánh giá thực hiện theo Kế hoạch số 96/KH-UBND về việc thực hiện Chương trình mỗi xã một sản phẩm tỉnh "
     "Gia Lai năm 2025 ngày 14/3/2025 của UBND tỉnh.", {"96/KH-UBND": "2025-03-14"}),
    ("... not when the subject names an event (its day)",
     "Theo Kế hoạch số 96/KH-UBND về tổ chức Hội chợ OCOP tỉnh năm 2025 ngày 14/3/2025 của UBND tỉnh.",
     {"96/KH-UBND": None}),
    ("... nor a date not followed by an issuer",
     "Theo Kế hoạch số 96/KH-UBND về việc thực hiện Chương trình OCOP ngày 14/3/2025 tại hội trường tỉnh.",
     {"96/KH-UBND": None}),
])
def test_document_rows(rule, text, documents):
    assert {d.number: d.issued for d in find_documents(text)} == documents, rule


@pytest.mark.parametrize(("rule", "page", "value"), [
    ("'9 tháng năm 2025' in lower case is a report's period (nine months of 2025), not 9 May: no date line",
     f"Báo cáo kết quả thực hiện Chương trình OCOP 9 tháng năm 2025\nNgày xuất bản: 08/10/2025\n{_BODY}", "2025-10-08"),
    ("... and a list row '- 10 tháng năm 2025: …' dates no page",
     f"BÁO CÁO\nTổng kết giai đoạn 2021-2025\n- 10 tháng năm 2025: công nhận 28 sản phẩm;\n{_BODY}", None),
    ("... but 'Tháng Năm' capitalised, or before a comma or a second 'năm', is still May",
     f"Tiêu đề\n16 Tháng Năm 2022\n{_BODY}", "2022-05-16"),
    ("... (a comma before the year)", f"Tiêu đề\n16 tháng năm, 2022 | 09:12\n{_BODY}", "2022-05-16T09:12:00+07:00"),
    ("a line finishing a citation hard-wrapped inside its symbol ('số 2291/QĐ-' / 'UBND ngày 30/9/2024 của UBND tỉnh.') "
     "is not a date line: the page's own line above is read",
     "Tiêu đề\nThứ Hai, 16/06/2025 - 14:20\nCăn cứ Kế hoạch số 112/KH-UBND và Quyết định số 2291/QĐ-\n"
     "UBND ngày 30/9/2024 của UBND tỉnh.\n" + _BODY, "2025-06-16T14:20:00+07:00"),
    ("a paragraph of prose ends a document's attribute block: a posting line under it is the page's date",
     f"UBND XÃ MƯỜNG KHƯƠNG\nSố/Ký hiệu: 35/TB-UBND\nNgày ban hành: 03/09/2025\nNgười ký: Lò Văn Thắng\n"
     f"{_BODY} {_BODY}\nNgày đăng 05/09/2025 | Lượt xem: 120", "2025-09-05"),
    ("... but a record's date right under the block (no prose between) still dates the record, not an article",
     "Số/Ký hiệu: 35/TB-UBND\nNgày ban hành: 03/09/2025\nNgười ký: Lò Văn Thắng\nNgày cập nhật: 05/09/2025",
     "2025-09-03"),
    ("... but a date line under a line that ends with a word and a dash is still read",
     f"Tin tức - Sự kiện -\n15/06/2025\nTiêu đề\n{_BODY}", "2025-06-15"),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule
