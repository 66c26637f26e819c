"""Twelfth round of self-written issue 8 date passages (tests/extractors/dates_redteam12, the page's own date
where it is not the first date of the page: updated, event, legacy, print, multi): one row per rule fixed after
it, with negative rows (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Twelfth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam12`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.dates import find_published

_BODY = ("Tỉnh đã hỗ trợ các hợp tác xã hoàn thiện bao bì, nhãn mác và truy xuất nguồn gốc cho nhiều "
         "sản phẩm nông nghiệp chủ lực, mở rộng thị trường tiêu thụ trong và ngoài tỉnh.")
_SHORT = "Hội đồng cấp huyện đã chấm điểm 14 sản phẩm."


@pytest.mark.parametrize(("rule", "page", "value"), [
    # the print date
    ("a print view's print date ('Ngày in: 04/12/2026 14:22') is page chrome: the posting under the headline is read",
     "Bản in\nCổng thông tin điện tử tỉnh\nĐịa chỉ bài viết: https://tinh.gov.vn/tin-tuc/a-24517.html\n"
     f"Ngày in: 04/12/2026 14:22\nTiêu đề\nXuất bản: 14/03/2026 08:00\n{_BODY}",
     "2026-03-14T08:00:00+07:00"),
    ("... also as a field of a strip ('Lượt xem: 1.204 | In trang | Ngày in: …'), and alone it dates nothing",
     f"Lượt xem: 1.204 | In trang | Ngày in: 04/12/2026\nTiêu đề\n{_BODY}", None),
    ("... but 'ngày in' in prose, without a label's colon, is no print date",
     f"Tiêu đề\nNgày in ấn tài liệu 05/03/2026\n{_BODY}", "2026-03-05"),
    # a feed's RFC 822 moment
    ("a feed's RFC 822 date with its zone on a labelled line is read in Vietnam's time (18:30 GMT is 01:30 the next day)",
     f"Tiêu đề\nNgày xuất bản: Thu, 13 Mar 2025 18:30:00 GMT\n{_BODY}", "2025-03-14T01:30:00+07:00"),
    ("... an offset other than GMT too", f"Tiêu đề\nNgày xuất bản: Fri, 14 Mar 2025 08:00:00 +0700\n{_BODY}",
     "2025-03-14T08:00:00+07:00"),
    ("... but an English date without a clock and zone is the day as printed",
     f"Tiêu đề\nNgày xuất bản: Thu, 13 Mar 2025\n{_BODY}", "2025-03-13"),
    # the update in brackets first on the date line
    ("an update in brackets opening the date line is read past: the posting after it dates the page",
     f"Kinh tế\n(Cập nhật: 15/10/2025 - 08:00) Thứ ba, 14/10/2025 - 09:12\nTiêu đề\n{_BODY}",
     "2025-10-14T09:12:00+07:00"),
    ("... but an update in brackets alone on its line still dates the page",
     f"Tiêu đề\n(Cập nhật: 15/10/2025 - 08:00)\n{_BODY}", "2025-10-15T08:00:00+07:00"),
    # the creation field in a row of CMS fields
    ("a row of CMS fields: the field labelled as the creation ('Ngày tạo') dates the page, past a modification field",
     f"Tiêu đề\nNgười sửa: bt02 | Ngày sửa: 01/06/2026 | Người tạo: bt01 | Ngày tạo: 27/05/2026 | Lượt xem: 93\n{_BODY}",
     "2026-05-27"),
    ("... and a posting field after an update field ('Cập nhật: … | Ngày đăng: …')",
     f"Tiêu đề\nCập nhật: 20/03/2026 | Ngày đăng: 14/03/2026 | Lượt xem: 12\n{_BODY}", "2026-03-14"),
    ("... not a table row of prose that names a creation",
     "Tiêu đề\nThứ Hai, 02/03/2026\n| Ngày tạo: 12/01/2026 hồ sơ được tiếp nhận và chuyển cho tổ giúp việc của hội "
     f"đồng | Ghi chú |\n{_BODY}", "2026-03-02"),
    # a schedule's row
    ("a time range before the date ('07:30 - 08:00, 20/3/2026 | Đón tiếp đại biểu') is a schedule's row, not a date line",
     f"Chương trình hội nghị\nThời gian | Nội dung\n07:30 - 08:00, 20/3/2026 | Đón tiếp đại biểu\n{_BODY}\n"
     "Ngày đăng: 16/03/2026", "2026-03-16"),
    ("... but one clock before the date ('09:12 - 14/10/2025') is still a date line",
     f"Tiêu đề\n09:12 - 14/10/2025\n{_BODY}", "2025-10-14T09:12:00+07:00"),
    # a box of coming events
    ("a box of coming events ('Sự kiện sắp diễn ra') above the article: its dates are the events'",
     "Sự kiện sắp diễn ra\n15/08/2026\nPhiên chợ OCOP vùng cao\n22/08/2026\nHội thảo xúc tiến thương mại\n\n"
     f"Tiêu đề\nThứ hai, 10/08/2026 08:05\n{_BODY}",
     "2026-08-10T08:05:00+07:00"),
    ("... but a headline that opens with those words is no heading",
     f"Sự kiện sắp diễn ra tại Lào Cai thu hút đông đảo chủ thể OCOP\n15/08/2026\n{_BODY}", "2026-08-15"),
    # an unpadded two-digit year after a label
    ("a two-digit year without zero padding right after a posting label ('Đăng ngày: 9/6/21') is read",
     f"Tin tức\nĐăng ngày: 9/6/21\nTiêu đề\n{_BODY}", "2021-06-09"),
    ("... but not on a line without a label ('Lô 9/6/21')", f"Tiêu đề\nLô 9/6/21\n{_BODY}", None),
    # a relative time and middle dots on a meta line
    ("a mobile meta line's relative time and middle dots are no words ('Kinh tế · 1 năm trước · Xuất bản 14 tháng 3, "
     "2025 lúc 08:00')", f"Tiêu đề\nKinh tế · 1 năm trước · Xuất bản 14 tháng 3, 2025 lúc 08:00\n{_BODY}",
     "2025-03-14T08:00:00+07:00"),
    ("... but a line of prose with a relative time is still prose",
     f"Tiêu đề\nCách đây 2 năm trước ngày 14/3/2025 hợp tác xã mới có sản phẩm đầu tiên đạt sao\n{_BODY}", None),
    # a teaser of another item
    ("a block closing with 'Xem tiếp' is a teaser of another item: its date line is that item's",
     f"Tin tức\n\nTập huấn bao bì\n25/04/2026 14:10\n{_BODY}\nXem tiếp\n\nTiêu đề\n22/04/2026 09:30\n\n{_BODY}",
     "2026-04-22T09:30:00+07:00"),
    ("... but a 'Xem tiếp' in a block of its own is not a teaser's",
     f"Tiêu đề\n25/04/2026 14:10\n\n{_BODY}\n\nXem tiếp\n\nTin khác", "2026-04-25T14:10:00+07:00"),
    # a listing page
    ("a listing page (date lines and excerpts, a pagination bar, no prose) has no date of its own",
     f"Chuyên mục: OCOP\n\nTin A\n18/10/2025 08:45\n{_SHORT}\n\nTin B\n15/10/2025 16:20\n{_SHORT}\n\nTin C\n"
     f"11/10/2025 10:05\n{_SHORT}\n\n« Trang trước | 1 | 2 | 3 | Trang sau »", None),
    ("... but an article (a paragraph of prose) with such a bar still has its date",
     f"Tiêu đề\n18/10/2025 08:45\n{_BODY} {_BODY}\nTin A\n15/10/2025\nTin B\n11/10/2025\n« Trang trước | 1 | 2 | Trang sau »",
     "2025-10-18T08:45:00+07:00"),
    ("... and so does a page with fewer than three date lines",
     f"Tin A\n18/10/2025 08:45\n{_SHORT}\n\n« Trang trước | 1 | 2 | 3 | Trang sau »", "2025-10-18T08:45:00+07:00"),
    # a paragraph's closing date in brackets
    ("with no date line, a paragraph closing with its date in brackets after its last sentence dates the page",
     f"Tiêu đề\n{_BODY} (05/02/2026)\n\nCùng số bản tin:\nTin khác. (07/02/2026)", "2026-02-05"),
    ("... but not a date in brackets inside a sentence", f"Tiêu đề\nHội nghị (05/02/2026) đã diễn ra. {_BODY}", None),
    ("... nor when the page has a date line", f"Tiêu đề\n10/02/2026\n{_BODY} (05/02/2026)", "2026-02-10"),
    # found while probing after the fixes above
    ("a last modification first ('Sửa đổi lần cuối: …') below the header lines: a line labelled as the creation or "
     "posting further down dates the page",
     f"Trang chủ\nTin tức\nNông nghiệp\nChuyên mục OCOP\nSửa đổi lần cuối: 20/03/2026 09:40\n\nTiêu đề\n\n"
     f"Ngày tạo: 14/03/2026 08:15\n\n{_BODY}", "2026-03-14T08:15:00+07:00"),
    ("... also past prose ('Cập nhật lần cuối: …' above the sapo, 'Đăng ngày: …' under it)",
     f"Tiêu đề\nCập nhật lần cuối: 02/04/2026\n{_BODY}\nĐăng ngày: 12/03/2026\n{_BODY}", "2026-03-12"),
    ("... but alone, the last modification still dates the page",
     f"Tiêu đề\nCập nhật lần cuối: 02/04/2026\n{_BODY}", "2026-04-02"),
    ("... and a plain 'Cập nhật' above another labelled line is the page's (portals print the posting so)",
     f"Tiêu đề\nCập nhật: 02/04/2026\n{_BODY}\nĐăng ngày: 12/03/2026\n{_BODY}", "2026-04-02"),
    ("... and a line opening with the modification's field that holds the publication's after it",
     f"Trang chủ\nTin tức\nKinh tế\ndateModified: 2025-03-20T10:00:00+07:00 datePublished: 2025-03-14T08:00:00+07:00\n"
     f"Tiêu đề\n{_BODY}", "2025-03-14T08:00:00+07:00"),
    ("... not a posting's field after another field that is no modification",
     f"Trang chủ\nTin tức\nKinh tế\nNgày: 20/03/2025 Ngày đăng: 14/03/2025\nTiêu đề\n{_BODY}", "2025-03-20"),
    ("an event's 'Thời gian: …' with 'Địa điểm: …' under it is the event's, and a deadline field ('Hạn cuối: …') "
     "dates nothing", f"Tiêu đề\nThời gian: 20/3/2026\nĐịa điểm: Nhà văn hóa xã\nHạn cuối: 30/06/2026\n{_BODY}\n"
     "Ngày đăng: 16/03/2026", "2026-03-16"),
    ("... but 'Thời gian: …' alone is a CMS's posting label", f"Tiêu đề\nThời gian: 20/3/2026 08:00\n{_BODY}",
     "2026-03-20T08:00:00+07:00"),
])
def test_published_rows(rule, page, value):
    found = find_published(page)
    assert (found.value if found else None) == value, rule
