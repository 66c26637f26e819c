"""Thirteenth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam13, the page's
date in datelines, boxes, stamps and closing credits, and citation forms the rules had not read: dateline, scroll,
stamp, sign, box): one row per rule fixed after it, with negative rows (its passages are read one by one in
test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Thirteenth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam13`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published
from extractors.documents import find_documents

_BODY = ("Hợp tác xã đã đầu tư máy móc, in tem truy xuất nguồn gốc và thiết kế lại bao bì cho các sản phẩm chủ lực, "
         "đồng thời liên kết với các hộ trồng để bảo đảm nguồn nguyên liệu ổn định quanh năm.")
_ITEM = "Hội đồng cấp tỉnh đã chấm điểm 12 sản phẩm."


@pytest.mark.parametrize(("rule", "page", "value"), [
    # an inline dateline without an agency
    ("an inline dateline heading the lead, no agency in brackets ('Mai Châu, 05/12/2024 - Sáng nay, …') dates the page",
     f"Tiêu đề\nMai Châu, 05/12/2024 - Sáng nay, {_BODY}", "2024-12-05"),
    ("... a place in capitals with 'ngày' and an en dash, under a header clock",
     f"Thứ Hai, 08/12/2025\nTrang chủ | Kinh tế\nTiêu đề\nBẮC KẠN, ngày 05/12/2025 – Chiều nay, {_BODY}", "2025-12-05"),
    ("... a source in brackets that is no capitalised agency ('(Cổng TTĐT tỉnh)'), a dotted date and an em dash",
     f"Tiêu đề\nSơn La, 05.12.2025 (Cổng TTĐT tỉnh) — Theo Sở Nông nghiệp, {_BODY}", "2025-12-05"),
    ("... a time after the date ('Quảng Ninh, 12/3/2026, 08:30 - …', found while probing)",
     f"Tiêu đề\nQuảng Ninh, 12/3/2026, 08:30 - Sáng nay, {_BODY}", "2026-03-12"),
    ("... but not a range of days ('Lào Cai, 12/3/2026 - 14/3/2026: …', an event's)",
     f"Tiêu đề\nLào Cai, 12/3/2026 - 14/3/2026: hội chợ OCOP vùng cao với 120 gian hàng, {_BODY}", None),
    ("... nor the shape inside a sentence", f"Tiêu đề\nÔng cho biết tại Mai Châu, 05/12/2024 - ngày hội lớn, {_BODY}",
     None),
    # an agency's dateline without the year
    ("an agency's dateline with day and month only ('HÀ NỘI, 14/3 (TTXVN) –') takes the year of the full date it "
     "follows within three months", f"Tiêu đề\nHÀ NỘI, 14/3 (TTXVN) – Bộ vừa ký Quyết định số 12/QĐ-BNNMT ngày 11/3/2026. "
     f"{_BODY}", "2026-03-14"),
    ("... across the new year (a decision of 29/12/2025 before a dateline of 5/1)",
     f"Tiêu đề\nCẦN THƠ, 5/1 (TTXVN) - Quyết định số 90/QĐ-UBND ngày 29/12/2025 công nhận 12 sản phẩm. {_BODY}",
     "2026-01-05"),
    ("... a source in brackets of several words ('(Báo Tin tức)', found while probing)",
     f"Tiêu đề\nHà Nội, 14/3 (Báo Tin tức) - {_BODY} Kế hoạch được ký ngày 10/3/2026.", "2026-03-14"),
    ("... but no year when the text prints no full date", f"Tiêu đề\nHÀ NỘI, 14/3 (TTXVN) – {_BODY}", None),
    ("... nor when two years fit", f"Tiêu đề\nHÀ NỘI, 14/3 (TTXVN) – Các quyết định ngày 01/3/2025 và ngày 02/3/2026. "
     f"{_BODY}", None),
    # boxes of other articles
    ("a box under 'Có thể bạn quan tâm' above the article: its dates are other articles'",
     "Có thể bạn quan tâm\nTin A về hội chợ OCOP\n17/03/2026 10:20\nTin B về phiên chợ\n15/03/2026 08:05\n\n"
     f"Tiêu đề\nThứ Sáu, 13/03/2026 - 14:30\n\n{_BODY}", "2026-03-13T14:30:00+07:00"),
    ("... and under 'Tin tức liên quan', 'Tin bài khác', 'Bài viết cùng chủ đề'",
     "Tin tức liên quan\nTin A\n17/03/2026\n\nTin bài khác\nTin B\n16/03/2026\n\nBài viết cùng chủ đề\nTin C\n"
     f"15/03/2026\n\nTiêu đề\n13/03/2026\n{_BODY}", "2026-03-13"),
    ("... but a headline opening with those words is no heading",
     f"Có thể bạn quan tâm: chè Tân Cương đạt 5 sao\n13/03/2026\n{_BODY}", "2026-03-13"),
    ("a box that no blank line closes ends at a paragraph of prose: a closing byline under the body dates the page",
     f"Tiêu đề\n{_BODY}\nTin liên quan\nTin A về hội chợ\n06/03/2026\nTin B về tập huấn\n27/02/2026\n{_BODY} {_BODY}\n"
     "Hoàng Tuấn - 10/03/2026",
     "2026-03-10"),
    ("a box printed a block an item (blank lines between) goes on over its items: the closing byline dates the page",
     f"Tiêu đề\n\n{_BODY} {_BODY}\n\nCó thể bạn quan tâm\n\nTin A\n11/03/2026 09:40\n\nTin B\n05/03/2026 15:15\n\n"
     f"{_BODY} {_BODY}\n\nPhạm Lương - 16/03/2026", "2026-03-16"),
    ("... but a box printed as one block ends at its blank line: the article's headline and date line under it are read",
     "Có thể bạn quan tâm\nTin A\n17/03/2026 10:20\nTin B\n15/03/2026 08:05\n\nTiêu đề\n13/03/2026 14:30\n\n"
     f"{_BODY} {_BODY}", "2026-03-13T14:30:00+07:00"),
    # a credit of many words closed by its date
    ("a labelled credit of many words closed by its date ('Tác giả: … - Trạm Khuyến nông và Dịch vụ nông nghiệp khu vực "
     "Na Hang (12.03.2026)') dates the page",
     f"Tiêu đề\n{_BODY}\nTác giả: Lò Văn Sơn - Trạm Khuyến nông và Dịch vụ nông nghiệp khu vực Na Hang (12.03.2026)",
     "2026-03-12"),
    ("... also a source line of many words ('Nguồn: Văn phòng Điều phối … tỉnh Điện Biên, đăng ngày 13/3/2026')",
     f"Tiêu đề\n{_BODY}\nNguồn: Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Điện "
     "Biên, đăng ngày 13/3/2026", "2026-03-13"),
    ("... but not when a sentence ends before the date",
     f"Tiêu đề\n{_BODY}\nNguồn: Sở Nông nghiệp và Môi trường. Hội chợ sẽ kéo dài đến hết ngày 20/3/2026", None),
    ("... nor when prose goes on after the date",
     f"Tiêu đề\n{_BODY}\nNguồn: Sở Nông nghiệp và Môi trường tỉnh Điện Biên cho biết ngày 13/3/2026 toàn tỉnh đã có "
     "thêm nhiều sản phẩm", None),
    # an event's named time field
    ("an event's time field naming its course ('Thời gian tổ chức: …') is the event's: the closing posting dates the page",
     f"Tiêu đề\nThời gian tổ chức: 20/3/2026 - 24/3/2026\n{_BODY}\nNgày đăng\n13/03/2026 07:45",
     "2026-03-13T07:45:00+07:00"),
    ("... also 'Thời gian diễn ra: …' with no place field", f"Tiêu đề\nThời gian diễn ra: 20/3/2026\n{_BODY}", None),
    ("... but a posting's field ('Thời gian đăng: …') still dates the page",
     f"Tiêu đề\nThời gian đăng: 13/3/2026 08:00\n{_BODY}", "2026-03-13T08:00:00+07:00"),
    # a digital signature stamp
    ("a digital signature stamp's time ('Thời gian ký: 14.03.2026 16:42:10 +07:00') is no date of the text: the "
     "letterhead under it dates the page",
     "Ký bởi: Ủy ban Nhân dân tỉnh Lào Cai\nCơ quan: Tỉnh Lào Cai\nThời gian ký: 14.03.2026 16:42:10 +07:00\n"
     "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 512/QĐ-UBND\nLào Cai, ngày 13 tháng 3 năm 2026\nQUYẾT ĐỊNH", "2026-03-13"),
    ("... but a legal page's 'Ngày ký' field is still its signing date",
     "Số hiệu: 15/2026/QĐ-UBND\nNgày ký: 13/03/2026\nNgười ký: Hoàng Quốc Bảo", "2026-03-13"),
    # a machine timestamp above the printed date line
    ("a bare ISO timestamp right above the printed date line (NukeViet's hidden datePublished, the edit time): the "
     "printed line dates the page",
     f"Trang nhất\nTin tức\nSản phẩm OCOP\nTiêu đề\n2026-03-20T08:02:11+07:00\nThứ Sáu - 13/03/2026 15:40\n1523\n{_BODY}",
     "2026-03-13T15:40:00+07:00"),
    ("... but alone it still dates the page",
     f"Trang nhất\nTin tức\nSản phẩm OCOP\nTiêu đề\n2026-03-20T08:02:11+07:00\n{_BODY}", "2026-03-20T08:02:11+07:00"),
    ("... and so it does when prose stands between it and the next date line",
     f"Trang nhất\nTin tức\nSản phẩm OCOP\nTiêu đề\n2026-03-20T08:02:11+07:00\n{_BODY} {_BODY}\nTin khác\n13/03/2026",
     "2026-03-20T08:02:11+07:00"),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule


@pytest.mark.parametrize(("rule", "text", "documents"), [
    ("number and date a semicolon apart, the date closing the bracket ('(Số: 919/QĐ-TTg; ngày 01/8/2022)')",
     "Quyết định của Thủ tướng Chính phủ phê duyệt Chương trình (Số: 919/QĐ-TTg; ngày 01/8/2022);",
     {"919/QĐ-TTg": "2022-08-01"}),
    ("... or the line ('Số: 2045/QĐ-UBND; ngày 12/3/2026')", "Số: 2045/QĐ-UBND; ngày 12/3/2026\nVề việc công nhận",
     {"2045/QĐ-UBND": "2026-03-12"}),
    ("... also with a signing verb ('(Số: 118/KH-UBND; ký ngày 07/4/2026)', found while probing)",
     "Kế hoạch triển khai Chương trình (Số: 118/KH-UBND; ký ngày 07/4/2026) thay thế các kế hoạch trước.",
     {"118/KH-UBND": "2026-04-07"}),
    ("... but not a date opening the next clause ('… số 45/KH-UBND; ngày 10/3/2022, UBND tỉnh ban hành …')",
     "Thực hiện Kế hoạch số 45/KH-UBND; ngày 10/3/2022, UBND tỉnh ban hành Quyết định số 567/QĐ-UBND công nhận.",
     {"45/KH-UBND": None, "567/QĐ-UBND": "2022-03-10"}),
    ("a slash glued between the symbol and 'ngày' ('2045/QĐ-UBND/ngày 12/3/2026') belongs to the date",
     "Theo Quyết định số 2045/QĐ-UBND/ngày 12/3/2026 và Nghị quyết số 17/2024/NQ-HĐND/ngày 15/7/2024.",
     {"2045/QĐ-UBND": "2026-03-12", "17/2024/NQ-HĐND": "2024-07-15"}),
    ("... but a slash before anything else is still no end of the symbol",
     "Theo Quyết định số 2045/QĐ-UBND/HC ngày 12/3/2026.", {}),
    ("a document named again by its digits gives the date written there to its full number",
     "UBND tỉnh ký Quyết định số 590/QĐ-UBND công nhận 18 sản phẩm. Theo Quyết định số 590 (ký ngày 13/3/2026), "
     "các sản phẩm thuộc nhóm thực phẩm.", {"590/QĐ-UBND": "2026-03-13"}),
    ("... but not when two full numbers of that type share those digits",
     "Quyết định số 590/QĐ-UBND và Quyết định số 590/QĐ-SNNMT đã được triển khai. Theo Quyết định số 590 ngày "
     "13/3/2026, các sản phẩm được công nhận.", {"590/QĐ-UBND": None, "590/QĐ-SNNMT": None}),
    ("... and the full number's own date stays its date",
     "Quyết định số 590/QĐ-UBND ngày 12/3/2026 công nhận 18 sản phẩm. Theo Quyết định số 590 ngày 13/3/2026, "
     "các sản phẩm được trao chứng nhận.", {"590/QĐ-UBND": "2026-03-12"}),
    ("'phát hành' is an issuing verb after the issuer ('được Văn phòng UBND tỉnh phát hành ngày …')",
     "Thông báo số 112/TB-UBND được Văn phòng UBND tỉnh phát hành ngày 16/3/2026 đã truyền đạt ý kiến chỉ đạo.",
     {"112/TB-UBND": "2026-03-16"}),
    ("... also with no issuer ('Công văn số 830/UBND-KT được phát hành ngày …', found while probing)",
     "Công văn số 830/UBND-KT được phát hành ngày 17/3/2026 gửi các xã.", {"830/UBND-KT": "2026-03-17"}),
    ("... not an event's date after a subject naming an issue of stamps",
     "Kế hoạch số 61/KH-UBND về việc phát hành tem OCOP tổ chức ngày 14/3/2026.", {"61/KH-UBND": None}),
    ("a letter's place-date under its 'Kính gửi' list dates the letter's own number",
     "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 415/UBND-KT\nV/v triển khai đánh giá\nsản phẩm OCOP năm 2026\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKính gửi:\n- Sở Nông nghiệp và Môi trường;\n"
     "- Sở Công Thương;\n- Ủy ban nhân dân các xã, phường.\nLạng Sơn, ngày 16 tháng 3 năm 2026\nThực hiện chỉ đạo.",
     {"415/UBND-KT": "2026-03-16"}),
    ("... but without a 'Kính gửi' list a place-date so far below stays no letterhead's",
     "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 415/UBND-KT\nV/v triển khai đánh giá\nsản phẩm OCOP năm 2026\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n- Sở Nông nghiệp và Môi trường;\n"
     "- Sở Công Thương;\n- Ủy ban nhân dân các xã, phường.\nLạng Sơn, ngày 16 tháng 3 năm 2026\nThực hiện chỉ đạo.",
     {"415/UBND-KT": None}),
])
def test_document_rows(rule, text, documents):
    assert {d.number: d.issued for d in find_documents(text)} == documents, rule
