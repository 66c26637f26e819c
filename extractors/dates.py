"""Publication dates of Vietnamese portal articles.

Portals print dates day-first, in many shapes (see docs/extraction.md):
``Thứ hai - 14/06/2021 11:15``, ``16:10 | 04/01/2021``, ``Thứ ba, 21-04-2020 | 13:48GMT+7``,
``Cập nhật ngày: 02/01/2023 05:33:51``, ``03:06 PM 13/12/2020 | Lượt xem: 4186``,
``Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27``, ISO in attributes, RFC 822 in feeds.

:func:`parse_date_line` reads one such line. :func:`find_published` finds the article's own
date in page text: a short line that is (almost) only a date, preferring one after the title;
never the page-view clock in the header, the dates of related-article lists or the signing
dates of documents cited in the body.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from extractors.records import PublishedDate

VN_TZ = timezone(timedelta(hours=7))

_MONTH_WORDS = {
    "một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}

_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*((?:19|20)\d\d)(?!\d)")
_LONG = re.compile(
    r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*(?:năm\s+)?((?:19|20)\d\d)(?!\d)", re.IGNORECASE
)
# "9 tháng năm 2025" in lower case is the first nine months of the year 2025 (a report's period), not 9 May:
# the month "năm" is read when capitalised ("16 Tháng Năm 2022") or before a comma or a second "năm".
_MONTH_NAME = re.compile(
    r"(?<!\d)(\d{1,2})\s+tháng\s+(mười\s+một|mười\s+hai|mười|một|giêng|hai|ba|tư|bốn|(?-i:năm)(?!\s+(?:19|20)\d\d)|(?-i:Năm|NĂM)"
    r"|sáu|bảy|tám|chín|chạp)"
    r"\s*,?\s*(?:năm\s+)?((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# English dates as bilingual portals and syndicated copies print them: "March 5, 2024", "18 Mar 2024".
_EN_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_EN_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_EN_DAY_MONTH = re.compile(rf"(?<![\d/.-])(\d{{1,2}})(?:st|nd|rd|th)?\s+{_EN_MONTH},?\s+((?:19|20)\d\d)(?!\d)",
                           re.IGNORECASE)
_EN_MONTH_DAY = re.compile(rf"\b{_EN_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
# WordPress's "F j, Y" in the vi locale: "Tháng Mười Hai 5, 2024", "Tháng 12 5, 2024" (the comma is
# required after a numeric month, which prose writes "tháng 12 năm 2024").
_MONTH_FIRST = re.compile(
    r"\btháng\s+(?:(mười\s+một|mười\s+hai|mười|một|giêng|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|chạp)\s+(\d{1,2})\s*,?"
    r"|(\d{1,2})\s+(\d{1,2})\s*,)\s*((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# Year first with slashes, as some CMSs print it ("2024/12/05 08:30").
_YMD_SLASH = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?![\d/])")
# A two-digit year, as some CMSs print it ("05/12/24 07:30", PHP's "d/m/y"): zero-padded day and
# month, read only when the string holds no date with a full year.
_DMY_SHORT = re.compile(r"(?<![\d/.-])(\d\d)([/-])(\d\d)\2(\d\d)(?![\d/.-])")
# The en-US culture of a .NET portal (SharePoint, DotNetNuke) prints month first with a 12-hour clock:
# "3/15/2025 9:12:00 AM". Read month first only when day first is no date (the second number is over
# 12) and such a clock follows; "3/5/2025 9:12 AM" stays day first, as vi-VN prints "SA"/"CH".
_US_CLOCK_AFTER = re.compile(r"[ \t,]+\d{1,2}:\d{2}(?::\d{2})?[ \t]*[AaPp][Mm]\b")
# "2025-03-10", "2025-03-10T08:30:00+07:00". The year's branches open with its digit and test the
# character before after it: the search skips to a "1" or a "2" in C instead of trying every position.
_ISO = re.compile(
    r"((?:1(?<!\d1)9|2(?<!\d2)0)\d\d)-(\d\d)-(\d\d)(?:(?:[T ]|\+0?7)(\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d\d:?\d\d)?"
)
_TIME = re.compile(r"(?<![\d/.:-])(\d{1,2})\s*[:hg]\s*(\d{2})(?::(\d{2}))?(?!\d)(?:\s*([AaPp][Mm]|SA|CH)\b)?")
_RFC822 = re.compile(r"^[A-Z][a-z]{2},\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d\d:\d\d")


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if 1990 <= y <= 2100 else None


# Every form below writes its year in digits; most lines of a page have no two digits in a row.
_YEAR_DIGITS = re.compile(r"\d\d")


def _find_date(s: str) -> tuple[date, int, int] | None:
    """The first day-first date in s with its span."""
    if _YEAR_DIGITS.search(s) is None:
        return None
    best = None
    for pattern, kind in ((_DMY, "dmy"), (_LONG, "long"), (_MONTH_NAME, "name"), (_EN_DAY_MONTH, "en-dm"),
                          (_EN_MONTH_DAY, "en-md"), (_MONTH_FIRST, "month-first"), (_YMD_SLASH, "ymd")):
        m = pattern.search(s)
        if not m:
            continue
        if kind == "dmy":
            found = _valid(int(m.group(4)), int(m.group(3)), int(m.group(1)))
            if found is None and m.group(2) == "/" and _US_CLOCK_AFTER.match(s, m.end()):
                found = _valid(int(m.group(4)), int(m.group(1)), int(m.group(3)))
        elif kind == "long":
            found = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif kind == "name":
            found = _valid(int(m.group(3)), _month_word(m.group(2)), int(m.group(1)))
        elif kind == "en-dm":
            found = _valid(int(m.group(3)), _EN_MONTHS[m.group(2).lower()], int(m.group(1)))
        elif kind == "en-md":
            found = _valid(int(m.group(3)), _EN_MONTHS[m.group(1).lower()], int(m.group(2)))
        elif kind == "ymd":
            found = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif m.group(1):
            found = _valid(int(m.group(5)), _month_word(m.group(1)), int(m.group(2)))
        else:
            found = _valid(int(m.group(5)), int(m.group(3)), int(m.group(4)))
        if found and (best is None or m.start() < best[1]):
            best = (found, m.start(), m.end())
    if best is None:
        m = _DMY_SHORT.search(s)
        found = _valid(2000 + int(m.group(4)), int(m.group(3)), int(m.group(1))) if m else None
        if found:
            best = (found, m.start(), m.end())
    return best


def _month_word(word: str) -> int:
    return _MONTH_WORDS[" ".join(word.lower().split())]


def _find_time(s: str, date_span: tuple[int, int]) -> tuple[int, int, int] | None:
    for m in _TIME.finditer(s):
        if date_span[0] <= m.start() < date_span[1]:
            continue
        hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        ampm = (m.group(4) or "").upper()
        if ampm in {"PM", "CH"} and hour < 12:
            hour += 12
        elif ampm in {"AM", "SA"} and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and second < 60:
            return hour, minute, second
    return None


def _value(d: date, t: tuple[int, int, int] | None) -> str:
    if t is None:
        return d.isoformat()
    return datetime(d.year, d.month, d.day, *t, tzinfo=VN_TZ).isoformat()


def parse_date_line(s: str | None) -> PublishedDate | None:
    """Parse one date line as printed by a portal; day-first; ``+07:00`` when a time is shown."""
    if not s or not isinstance(s, str):
        return None
    line = " ".join(s.split())
    if not line or len(line) > 300:
        return None
    iso = _parse_iso(line)
    if iso:
        return PublishedDate(iso, "date-line", quote=s.strip())
    if _RFC822.match(line):
        try:
            parsed = parsedate_to_datetime(line)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return PublishedDate(parsed.astimezone(VN_TZ).isoformat(), "date-line", quote=s.strip())
    found = _find_date(line)
    if found:
        d, start, end = found
        return PublishedDate(_value(d, _find_time(line, (start, end))), "date-line", quote=s.strip())
    return _dateparser_fallback(line, s)


def _parse_iso(line: str) -> str | None:
    m = _ISO.search(line)
    if not m:
        return None
    d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if d is None:
        return None
    if m.group(4) is None:
        return d.isoformat()
    t = (int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
    if t[0] > 23 or t[1] > 59 or t[2] > 59:
        return d.isoformat()
    zone = m.group(7)
    if "+07" in m.group(0)[10:14] and zone is None:  # NukeViet's broken "2021-06-14+0711:15:00"
        zone = "+07:00"
    if zone is None:
        return _value(d, t)
    if zone == "Z":
        tz = UTC
    else:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
    moment = datetime(d.year, d.month, d.day, *t, tzinfo=tz)
    return moment.astimezone(VN_TZ).isoformat()


def _dateparser_fallback(line: str, original: str) -> PublishedDate | None:
    # only for lines with a full year: dateparser resolves "hôm qua" against today's clock
    if not re.search(r"(?:19|20)\d\d", line):
        return None
    import dateparser  # imported here: 70 ms, and only unusual lines get this far

    try:
        parsed = dateparser.parse(line, languages=["vi"], settings={"DATE_ORDER": "DMY"})
    except Exception:  # dateparser raises assorted errors on odd input; a miss is fine
        return None
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    has_time = bool(_TIME.search(line))
    value = _value(parsed.date(), (parsed.hour, parsed.minute, parsed.second) if has_time else None)
    return PublishedDate(value, "date-line", quote=original.strip())


def parse_vn_date(s: str | None) -> date | None:
    """A calendar date written day-first: ``21/8/2019``, ``21-8-2019``, ``ngày 2 tháng 6 năm 2021``."""
    if not s or not isinstance(s, str):
        return None
    iso = _ISO.search(s)
    if iso and not _DMY.search(s):
        return _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    found = _find_date(" ".join(s.split()))
    return found[0] if found else None


# ------------------------------------------------------------------- date in page text
#
# A page's own date is printed on a line of its own (a "date line"), at the head of a CMS
# attribute line, or in a news agency's dateline at the head of the first paragraph. Each rule
# below reads one line and returns the date with its span in the line; find_published then picks
# among the lines (after the title, past a header clock, never below a related-news heading).

_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WEEKDAY_NAMED = re.compile(_WEEKDAY, re.IGNORECASE)
# Words that may sit on a date line without making it prose.
_LABELS = re.compile(
    rf"\b(?:cập nhật|ngày đăng|ngày|lúc|tin đăng|đăng|đăng tải|xuất bản|thời gian|{_WEEKDAY}"
    r"|gmt|utc|am|pm|sa|ch|lượt xem|lượt đọc|đã xem|lượt|xem|views?|giờ|published|posted|updated"
    r"|tác giả|người đăng|người viết|biên tập viên|biên tập|chuyên mục|danh mục|nguồn|bởi|by)\b",
    re.IGNORECASE,
)
# A header clock or contact strip, not an article date; nor a broadcaster's programme schedule ("Lịch phát
# sóng: Thứ Tư, 15/10/2025"), which dates the day's programmes.
_PAGE_CHROME = re.compile(r"đường dây nóng|hotline|điện thoại|hôm nay|email|fax|lịch phát sóng"
                          # a print view's print date ("Ngày in: 04/12/2026 14:22", "In lúc: …"): the day the
                          # page was printed, like a header clock
                          # and a digital signature stamp's time ("Ký bởi: … Thời gian ký: 14.03.2026 16:42:10 +07:00"):
                          # the moment a file was signed, printed by the signing software, not the text's date (one
                          # alternative for both labels: the line's start or separator is tried once, not twice)
                          r"|(?:^|[|•·])[ \t]*(?:ngày[ \t]+in|in[ \t]+(?:lúc|ngày)|thời[ \t]+gian[ \t]+(?:in|ký)"
                          r"|ngày[ \t]+giờ[ \t]+ký|signing[ \t]+time)[ \t]*:"
                          # the whole site's last update in its footer ("Website được cập nhật lần cuối lúc 08:12 ngày
                          # 20/11/2025"): the site's, not the article's
                          r"|(?:website|trang[ \t]+web|cổng[ \t]+thông[ \t]+tin(?:[ \t]+điện[ \t]+tử)?)[ \t]+(?:được[ \t]+)?"
                          r"cập[ \t]+nhật[ \t]+lần[ \t]+cuối",
                          re.IGNORECASE)
_MAX_LEFTOVER_WORDS = 4
# A source's name printed before its date ("Báo Nông nghiệp và Môi trường 21/07/2025") may be longer, and
# so may a byline ("Bài và ảnh: Thu Hà - 09:15, 21/08/2023").
_SOURCE_NAME = re.compile(r"^\W*(?:(?:báo|tạp chí|đài|cổng|trang|theo|nguồn|thông tấn|truyền hình)\b"
                          r"|(?:bài|tin)(?:\s*(?:,|và)\s*ảnh)?\s*:|ảnh\s*:|thực\s+hiện\s*:"
                          r"|(?:nhóm\s+)?(?:phóng\s+viên|pv|tác\s+giả(?:\s+bài\s+viết)?|người\s+viết)\s*:"
                          # a unit as the source, set off from the date: "Trung tâm Truyền thông tỉnh - 07/08/2023"
                          r"|(?:trung\s+tâm|sở|văn\s+phòng|ban|ủy\s+ban|ubnd)\b[^.;!?]*[-–|]\s*$)", re.IGNORECASE)
# A byline: a person's name (two to four capitalised words) then a separator and the writer's unit
# or the date ("Nguyễn Thu Trang (Trung tâm Khuyến nông) | 09/10/2023", "Thanh Nga - Văn phòng
# Điều phối NTM tỉnh, 15/03/2024", the news agencies' "Thu Hà/Báo Tin tức - 05/12/2024"). A headline
# names a place and goes on with a verb, no separator.
_BYLINE_NAME = re.compile(r"^\W*[A-ZĐ][^\W\d_]*(?:[ \t]+[A-ZĐ][^\W\d_]*){1,3}[ \t]*[-–|,(/]")
_MAX_SOURCE_WORDS = 10
# Headings of related-article blocks: dates below them belong to other articles.
_RELATED_HEADING = re.compile(
    r"^\W*(?:những |các )?(?:tin|bài|bài viết)\s+(?:mới hơn|cũ hơn|liên quan|khác|cùng chuyên mục|đã đưa|mới nhất"
    r"|xem nhiều|đọc nhiều|nổi bật)|^\W*(?:xem thêm|đọc thêm|cùng chuyên mục|đọc nhiều|xem nhiều|mới nhất"
    r"|tin mới|nổi bật)\W*$"
    # a box of coming events ("Sự kiện sắp diễn ra", "Lịch sự kiện"): its dates are the events'
    r"|^\W*(?:các[ \t]+)?sự[ \t]+kiện[ \t]+sắp[ \t]+(?:diễn[ \t]+ra|tới)\W*$|^\W*lịch[ \t]+sự[ \t]+kiện\W*$",
    re.IGNORECASE,
)
# A box's heading in other words, alone on a short line ("Có thể bạn quan tâm", "Tin tức liên quan", "Tin bài khác",
# "Bài viết cùng chủ đề", "Bài tiếp theo" above the next article of an infinite-scroll page).
_OTHER_BOX_HEADING = re.compile(
    r"^\W*(?:có[ \t]+thể[ \t]+bạn[ \t]+(?:quan[ \t]+tâm|muốn[ \t]+(?:xem|đọc))|bạn[ \t]+có[ \t]+thể[ \t]+quan[ \t]+tâm"
    r"|(?:những[ \t]+|các[ \t]+)?(?:tin[ \t]+tức|tin[ \t]+bài|tin|bài[ \t]+viết|bài)[ \t]+(?:liên[ \t]+quan|khác|cùng[ \t]+chủ[ \t]+đề"
    r"|cùng[ \t]+chuyên[ \t]+mục|tiếp[ \t]+theo))\W*$", re.IGNORECASE)
# A comment box's heading alone on its line ("Bình luận", "Ý kiến bạn đọc (2)"): its dates are the comments', posted
# after the article. Read only under a paragraph of the article ("Bình luận" above the headline is a newspaper's section
# of commentary, whose date line follows).
_COMMENT_HEADING = re.compile(r"^\W*(?:ý[ \t]+kiến(?:[ \t]+bạn[ \t]+đọc)?|bình[ \t]+luận)(?:[ \t]*\([ \t]*\d+[ \t]*\))?\W*$",
                              re.IGNORECASE)
_OTHER_BOX_HEADING_LENGTH = 40

# The signing or effective date in a document's attribute block ("Ngày ban hành: 10/01/2024"): the
# page's date only when the page shows no other, as a legal-text page does; on a news page it
# belongs to a document listed in a sidebar.
_DOCUMENT_DATE_LABEL = re.compile(r"^\W*ngày\s+(?:ban\s+hành|ký|(?:có\s+|hết\s+)?hiệu\s+lực|(?:đăng\s+)?công\s+báo)\b",
                                  re.IGNORECASE)
_SIGNING_LABEL = re.compile(r"^\W*ngày\s+(?:ban\s+hành|ký)\b", re.IGNORECASE)
# A document's attribute line that opens with its number and goes on with its fields: "Số/Ký hiệu:
# 1520/QĐ-UBND Ngày ban hành: 28/09/2023 Ngày hiệu lực: …".
_NUMBER_FIELD = re.compile(r"^\W*(?:số[ \t]*/?[ \t]*(?:ký[ \t]+)?hiệu|ký[ \t]+hiệu)[ \t]*[:|]", re.IGNORECASE)
_SIGNING_FIELD = re.compile(r"(?<!\w)ngày[ \t]+ban[ \t]+hành[ \t]*[:|]?[ \t]*", re.IGNORECASE)
# Within this many lines after a document's signing date, a CMS label ("Ngày cập nhật: …") dates the
# database record, not an article.
_DOCUMENT_BLOCK_LINES = 4
# A CMS attribute label opening a line: "date 2025-10-23 …", "Ngày đăng: 12/03/2024 | Người đăng: …",
# "Cập nhật lúc 10:20, ngày 05/06/2024 …". Text may follow on the same line (a scraped page glues
# the first paragraph to it). A bare "Ngày 27/12/2022 UBND tỉnh …" opens a sentence and is not one.
_ATTRIBUTE_LABEL = re.compile(
    r"^[\s|•*(\[-]*(?:date|published|posted|updated|ngày\s+(?:đăng|cập\s+nhật|xuất\s+bản)|cập\s+nhật(?:\s+(?:lúc|ngày))?"
    r"|(?:tin\s+)?đăng\s+(?:lúc|ngày|tải)|xuất\s+bản|thời\s+gian(?:\s+đăng)?|ngày(?=\s*:)"
    # a sentence of posting opening the line (fourteenth round): "Bài viết được đăng lần đầu ngày 02/3/2026, cập nhật …"
    r"|(?:bài(?:\s+viết)?|tin(?:\s+bài)?)\s+(?:được\s+)?đăng\s+lần\s+đầu(?:\s+(?:lúc|vào))?)\b\s*:?",
    re.IGNORECASE,
)
_ATTRIBUTE_GAP = re.compile(rf"^(?:[\s,:|-]|{_WEEKDAY}|lúc|ngày|\d{{1,2}}\s*[:hg]\s*\d{{2}}(?::\d{{2}})?(?:\s*[AaPp][Mm])?)*$",
                            re.IGNORECASE)
_DATE_TEXT = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d"
# A place name, its words joined by spaces or a hyphen ("Thừa Thiên-Huế", "Bà Rịa - Vũng Tàu").
_PLACE = r"[A-ZĐ][^\W\d_]*(?:(?:[ \t]+|[ \t]*[-–][ \t]*)[A-ZĐ][^\W\d_]*){0,4}"
_AGENCY = r"[A-ZĐ][\w.+/&-]*(?:[ \t]+[A-ZĐ][\w.+/&-]*){0,2}"
# A news agency's dateline heading the first paragraph: "Cần Thơ (TTXVN 14/08/2024) Sau 5 năm …",
# "(VNA 03/02/2022) - …", "Đà Lạt, 12/9/2023 (TTXVN) - …", "Lạng Sơn, ngày 12/7/2024 (TTXVN) - …".
_AGENCY_DATELINE = re.compile(
    rf"^[ \t]*(?:{_PLACE}[ \t]*,?[ \t]*)?\([ \t]*{_AGENCY}[ \t]*[,-]?[ \t]*(?P<date>{_DATE_TEXT})[ \t]*\)"
    rf"|^[ \t]*{_PLACE}[ \t]*,[ \t]*(?:ngày[ \t]+)?(?P<date2>{_DATE_TEXT})"
    rf"[ \t]*\([ \t]*{_AGENCY}[ \t]*\)"
    # in English, the month in words (fourteenth round): "Hanoi, March 14, 2026 (VNA) - …"
    rf"|^[ \t]*{_PLACE}[ \t]*,[ \t]*(?P<date3>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{{1,2}},?"
    rf"[ \t]+(?:19|20)\d\d)[ \t]*\([ \t]*{_AGENCY}[ \t]*\)"
)
# A date glued to the name before it ("Báo Nông nghiệp Việt Nam02/01/2025"): a byline, never prose.
_GLUED = re.compile(r"[^\W\d_]$")


# A feed's RFC 822 date with its zone inside a line ("Ngày xuất bản: Thu, 13 Mar 2025 18:30:00 GMT"): the
# moment is read in Vietnam's time, so an evening in GMT is the next morning.
_RFC822_ZONED = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),[ \t]+\d{1,2}[ \t]+[A-Z][a-z]{2}[ \t]+\d{4}[ \t]+"
                           r"\d\d:\d\d(?::\d\d)?[ \t]+(?:GMT|UTC|UT|Z|[+-]\d{4})(?![\w+-])")


def _rfc822_date(s: str) -> tuple[str, int, int] | None:
    m = _RFC822_ZONED.search(s)
    if m is None:
        return None
    try:
        parsed = parsedate_to_datetime(m.group(0))
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(VN_TZ).isoformat(), m.start(), m.end()


def _first_date(s: str) -> tuple[str, int, int] | None:
    """The first day-first or ISO date in s: (ISO value, start, end); an ISO time is kept, and a feed's
    RFC 822 moment with its zone is read in Vietnam's time."""
    found = _find_date(s)
    rfc = _rfc822_date(s) if "," in s and ":" in s else None  # (a clock is rare in prose: a cheap pre-test)
    if rfc and (found is None or rfc[1] <= found[1]):
        return rfc
    iso = _ISO.search(s)
    if iso and (found is None or iso.start() < found[1]):
        value = _parse_iso(iso.group(0).strip())
        if value:
            return value, iso.start(), iso.start() + len(iso.group(0).rstrip())
    return (found[0].isoformat(), found[1], found[2]) if found else None


_TIME_AFTER = re.compile(r"[ \t,|-]*\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?")


# A two-digit year with the day and month not zero-padded ("Đăng ngày: 9/6/21", as old PHP portals print "j/n/y"):
# read only right after a CMS label (a bare "9/6/21" in a line may be a ratio or a lot number).
_DMY_SHORT_LABELLED = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(\d\d)(?![\d/.-])")


def _attribute_date(line: str) -> tuple[str, int, int] | None:
    """A date right after a CMS attribute label at the head of the line; the span ends at the date
    (or at the time printed right after it)."""
    label = _ATTRIBUTE_LABEL.match(line)
    if not label:
        return None
    return _date_after_label(line, label.end())


def _date_after_label(line: str, label_end: int) -> tuple[str, int, int] | None:
    """The date right after a label ending at label_end (after a weekday or a time at most)."""
    window = line[label_end:label_end + 60]
    found = _first_date(window)
    if found is None:
        short = _DMY_SHORT_LABELLED.search(window)
        day = _valid(2000 + int(short.group(4)), int(short.group(3)), int(short.group(1))) if short else None
        if day is not None:
            found = (day.isoformat(), short.start(), short.end())  # type: ignore[union-attr]
    if found is None or not _ATTRIBUTE_GAP.match(window[:found[1]]):
        return None
    value, start, end = found
    after = _TIME_AFTER.match(window, end)
    if after:
        end = after.end()
    if "T" not in value:
        value = _value(date.fromisoformat(value), _find_time(window[:end], (start, found[2])))
    return value, len(line) - len(line.lstrip()), label_end + end


# A field labelled as the page's creation or posting in a row of CMS fields ("Người sửa: … | Ngày sửa: 01/06/2026 |
# Người tạo: … | Ngày tạo: 27/05/2026 | Lượt xem: 93"): its date, whatever fields (a modification, an update) come
# before it; also a bulletin's masthead ("Phòng Nông nghiệp huyện … | Số 03/BT-NN | Ngày phát hành: 12/10/2023").
_CREATED_FIELD = re.compile(r"[ \t]*(?:ngày[ \t]+(?:tạo|đăng|xuất[ \t]+bản|phát[ \t]+hành|gửi)|thời[ \t]+gian[ \t]+(?:tạo|đăng)"
                            r"|(?:tin[ \t]+)?đăng[ \t]+(?:lúc|ngày)|created|published|posted)\b[ \t]*:?", re.IGNORECASE)
_FIELD_WORDS = 8


# A line opening with a modification's field and holding the publication's after it, with no "|" between
# ("dateModified: 2025-03-20T10:00:00+07:00 datePublished: 2025-03-14T08:00:00+07:00"): the publication's date.
_PUBLISHED_FIELD_AFTER = re.compile(r"(?<=\s)(?:date[ \t]*published|published|ngày[ \t]+(?:tạo|đăng|xuất[ \t]+bản))[ \t]*:",
                                    re.IGNORECASE)


def _created_field_date(line: str) -> tuple[str, int, int] | None:
    if "|" not in line:
        if "odif" not in line and "ửa" not in line and "ần cuối" not in line:
            return None  # (no modification's label: a cheap pre-test)
        published = _PUBLISHED_FIELD_AFTER.search(line) if _MODIFIED_LABEL.match(line) else None
        found = _date_after_label(line, published.end()) if published else None
        return (found[0], published.start(), found[2]) if found and published else None
    fields = list(re.finditer(r"[^|]+", line))
    if len(fields) < 2 or any(len(f.group(0).split()) > _FIELD_WORDS for f in fields):
        return None  # a table row of prose, not CMS fields
    for f in fields:
        label = _CREATED_FIELD.match(line, f.start(), f.end())
        if label:
            found = _date_after_label(line[:f.end()], label.end())
            if found:
                return found[0], f.start() + len(f.group(0)) - len(f.group(0).lstrip()), found[2]
    return None


# A paper's or portal's inline dateline heading a paragraph, no agency needed: the place (in capitals or not, "TP."
# allowed), a comma, a full date, at most a source in brackets, then a dash and the lead's first words ("Lạc Sơn,
# 18/11/2024 - Sáng nay, …", "TUYÊN QUANG, ngày 07/10/2025 – Chiều nay, …", "Lai Châu, 12/3/2026 (Cổng TTĐT tỉnh) - …",
# "ĐIỆN BIÊN, 14.3.2026 — Theo …"). Not a range ("Lào Cai, 12/3/2026 - 14/3/2026"): a letter must follow the dash.
_INLINE_DATELINE = re.compile(
    rf"^[ \t]*(?:TP\.?[ \t]*|Tp\.?[ \t]*)?{_PLACE}[ \t]*,[ \t]*(?:ngày[ \t]+)?(?P<date>{_DATE_TEXT})"
    r"(?:[ \t]*,?[ \t]*\d{1,2}[ \t]*[:hg][ \t]*\d{2})?"  # a time may follow the date ("Quảng Ninh, 12/3/2026, 08:30 - …")
    r"(?:[ \t]*\([^()\n\d]{1,40}\))?[ \t]*[-–—][ \t]*(?=[^\W\d_])"
)
# An inline dateline is tried only where the place's comma sits near the line's head with a digit right after it.
_DATELINE_COMMA = 48
_DIGIT = re.compile(r"\d")


def _agency_dateline(line: str) -> tuple[str, int, int] | None:
    """The date of a news agency's dateline heading a paragraph, or of a paper's inline dateline."""
    m = _AGENCY_DATELINE.match(line)
    if m is None:
        comma = line.find(",", 0, _DATELINE_COMMA)  # the place's comma, a date right after it
        if comma < 0 or not _DIGIT.search(line, comma, comma + 8):
            return None
        m = _INLINE_DATELINE.match(line)
    if not m:
        return None
    found = _find_date(m.group("date") or m.groupdict().get("date2") or m.groupdict().get("date3") or "")
    if not found:
        return None
    return found[0].isoformat(), len(line) - len(line.lstrip()), m.end()


# A time range ("07:30 - 08:00, 20/3/2026 | Đón tiếp đại biểu") is a programme's slot: the line is a schedule's
# row, not a date line.
_TIME_RANGE = re.compile(r"(?<![\d:])\d{1,2}[ \t]*[:hg][ \t]*\d{2}[ \t]*[-–][ \t]*\d{1,2}[ \t]*[:hg][ \t]*\d{2}(?![\d/])")
# A relative time on a mobile or AMP meta line ("Kinh tế · 1 năm trước · Xuất bản …") is a label, not words.
_RELATIVE_TIME = re.compile(r"\b\d+[ \t]+(?:giây|phút|giờ|ngày|tuần|tháng|năm)[ \t]+trước\b", re.IGNORECASE)


# A weekday (in full or as "T2"…"T7", "CN") opening a date line whose year has two digits and whose month is not
# zero-padded ("T6, 07/3/25 10h20", "Thứ Sáu, 7/3/25"): the weekday makes it a date, not a ratio or a lot number.
_WEEKDAY_OPENING = re.compile(rf"(?:{_WEEKDAY}|T[2-7]|CN)[ \t]*[,-]?[ \t]*", re.IGNORECASE)


def _weekday_short_year(stripped: str) -> tuple[str, int, int] | None:
    weekday = _WEEKDAY_OPENING.match(stripped)
    m = _DMY_SHORT_LABELLED.match(stripped, weekday.end()) if weekday else None
    found = _valid(2000 + int(m.group(4)), int(m.group(3)), int(m.group(1))) if m else None
    return (found.isoformat(), m.start(), m.end()) if found and m else None


# A breadcrumb of an archive filed by year, month and day ("Trang chủ > Tin tức > Năm 2025 > Tháng 03 > 12/03/2025"):
# its last node, a full date alone after two separators or more, is the day the item was filed under.
_BREADCRUMB_DAY = re.compile(rf"^[ \t]*[^\W\d_][^>»›\n]*(?:[>»›][^>»›\n]+){{1,}}[>»›][ \t]*(?P<date>{_DATE_TEXT})[ \t]*$")


def _breadcrumb_day(line: str) -> tuple[str, int, int] | None:
    m = _BREADCRUMB_DAY.match(line) if ">" in line or "»" in line or "›" in line else None
    found = _find_date(m.group("date")) if m else None
    return (found[0].isoformat(), m.start("date"), m.end("date")) if found and m else None


def _date_line(line: str) -> tuple[str, int, int] | None:
    """The date on a line that is essentially only a date (plus labels, weekday, author,
    category, or a source's name)."""
    stripped = line.strip(" \t-–•|*()[]")
    if (not stripped or (len(stripped) > 120 and (len(stripped) > _MAX_CREDIT_LENGTH or not _CREDIT_LABEL.match(stripped)))
            or _PAGE_CHROME.search(stripped)):
        return None
    found = _first_date(stripped) or _weekday_short_year(stripped)
    if not found:
        return None
    value, start, end = found
    rest = stripped[:start] + " " + stripped[end:]
    before = stripped[:start]
    if (re.search(r"\(\s*$", before) and before.strip(" (") and rest.count(" ") > 2 and not _is_byline(before)
            and not _CREDIT_LABEL.match(before)):
        return None  # "Other article title (16/06/2021)" in a related list
    if _names_an_event_day(before) or _TIME_RANGE.search(stripped) or _CUT_OFF_OR_RANGE.search(before):
        return None
    rest = _RELATIVE_TIME.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _LABELS.sub(" ", rest)
    rest = re.sub(r"[+-]?\d+", " ", rest)
    words = [w for w in re.split(r"[\s,|:;()\[\]/+.–·-]+", rest) if w]
    if (len(words) > _MAX_LEFTOVER_WORDS and not _is_source_line(stripped, start, len(words))
            and not _opens_attribute_row(stripped, start, end) and not _closes_credit(stripped, end, len(words))):
        return None
    lead = len(line) - len(line.lstrip())
    if "T" not in value:
        value = _value(date.fromisoformat(value), _find_time(stripped, (start, end)))
    return value, lead, len(line.rstrip())


# After a date that opens the line: its time, then the "|" of a row of CMS attributes.
_ROW_AFTER_DATE = re.compile(r"(?:[\s,-]*\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*(?:[AaPp][Mm]|SA|CH))?)?"
                             r"(?:\s*\(?\s*GMT\s*\+\s*7\s*\)?)?\s*\|")


# Fields of such a row (a table row in the body has a date and "|" too, but not these).
_ROW_FIELD = re.compile(r"\b(?:tác giả|nguồn|lượt xem|lượt đọc|đã xem|chuyên mục|danh mục|người đăng|người viết"
                        r"|biên tập|views?|in bài|chia sẻ|bình luận)\b", re.IGNORECASE)


def _opens_attribute_row(stripped: str, date_start: int, date_end: int) -> bool:
    """A row of CMS attributes led by the date: "07/08/2023 | 14:05 | Tác giả: … | Nguồn: …",
    "Thứ hai, 07/08/2023, 14:05:33 GMT+7 | Nguồn: …"."""
    row = _ROW_AFTER_DATE.match(stripped, date_end)
    return bool(row and _ATTRIBUTE_GAP.match(stripped[:date_start]) and _ROW_FIELD.search(stripped, row.end()))


_BYLINE_WORDS = 6

# The words run into "ngày" right before the date (no comma, time or label between), and words of a
# clock or a posting that may stand there ("Đăng lúc 9 giờ 12 phút ngày …", "Bài viết được đăng ngày …").
_WORDS_BEFORE_DAY = re.compile(r"([^\W\d_]+(?:[ \t]+[^\W\d_]+)*)[ \t]+ngày[ \t]*$", re.IGNORECASE)
_POSTING_WORDS = re.compile(r"\b(?:phút|giây|sáng|trưa|chiều|tối|đêm|hôm|bài|viết|tin|được)\b", re.IGNORECASE)


# Before a date, what makes it no posting date (sixteenth round): a data cut-off ("Số liệu tính đến 30/9/2025", "tính
# đến ngày …", "số liệu đến …") dates the figures of an infographic, not the page; a range's first day ("TIÊU ĐIỂM TUẦN
# (02/6 - 08/6/2025)", "KỲ HỌP THỨ 21 (09 - 11/12/2024)") makes the full date the end of a period (a week, a session).
# A clock before the dash ("08:40 - 21/11/2024") is no range: the day's digits follow no colon.
_CUT_OFF_OR_RANGE = re.compile(r"(?:\btính[ \t]+(?:đến|tới)|\bsố[ \t]+liệu[ \t]+(?:đến|tới))(?:[ \t]+(?:hết[ \t]+)?ngày)?[ \t]*:?[ \t]*$"
                               r"|(?<![\d:hg.])\d{1,2}(?:[ \t]*/[ \t]*\d{1,2})?[ \t]*[-–][ \t]*$", re.IGNORECASE)


def _names_an_event_day(before: str) -> bool:
    """A short headline naming an event's day ("Phiên chợ OCOP ngày 12/4/2025", "Hội nghị ngày …"):
    a phrase with a word in lower case runs into "ngày". A date line's "ngày" follows a label, a
    weekday, a time or a comma ("Đăng lúc 21:05 ngày …", "Thứ Sáu, ngày …", "Hà Tĩnh, ngày …"), a
    source's or a writer's name ("Theo baotinh.vn ngày …", "Minh Quân ngày …")."""
    m = _WORDS_BEFORE_DAY.search(before)
    if m is None or _is_byline(before) or _SOURCE_NAME.search(before):
        return False
    words = _POSTING_WORDS.sub(" ", _LABELS.sub(" ", m.group(1))).split()
    return any(w[0].islower() for w in words)


def _is_byline(before: str) -> bool:
    """The text before a date is a writer's or a source's name ("Minh Khôi (", "Nguồn: Báo Lạng Sơn (")."""
    return bool(_BYLINE_NAME.match(before) or (_SOURCE_NAME.search(before) and len(before.split()) <= _BYLINE_WORDS))


def _is_source_line(stripped: str, date_start: int, words: int) -> bool:
    """A source's name and its date: "Tạp chí Công Thương điện tử 08/11/2024", or a name glued to
    the date as scraped pages print it ("Báo Kinh tế Nông thôn15/03/2025")."""
    before = stripped[:date_start]
    if words > _MAX_SOURCE_WORDS or re.search(r"[.;!?]\s", before):
        return False
    return bool(_SOURCE_NAME.search(before) or _GLUED.search(before) or _BYLINE_NAME.match(before))


# A credit labelled with a colon ("Nguồn: …", "Nguồn tin: …", "Tác giả: …", "Bài và ảnh: …") whose date closes the
# line may name a unit of many words: "Tác giả: Lò Văn Sơn - Trạm Khuyến nông và Dịch vụ nông nghiệp khu vực Na Hang
# (12.03.2026)", "Nguồn: Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Điện Biên,
# đăng ngày 13/3/2026". Only a time, a zone or brackets may follow the date; no sentence ends before it.
_CREDIT_LABEL = re.compile(r"^\W*(?:nguồn(?:[ \t]+tin)?|tác[ \t]+giả(?:[ \t]+bài[ \t]+viết)?|người[ \t]+viết|(?:nhóm[ \t]+)?phóng"
                           r"[ \t]+viên|(?:bài|tin)(?:[ \t]*(?:,|và)[ \t]*ảnh)?|thực[ \t]+hiện)[ \t]*:", re.IGNORECASE)
_CREDIT_TAIL = re.compile(r"(?:[ \t,|-]*(?:lúc[ \t]+)?\d{1,2}[ \t]*[:hg][ \t]*\d{2}(?::\d{2})?(?:[ \t]*(?:[AaPp][Mm]|SA|CH))?)?"
                          r"(?:[ \t]*[(\[]?[ \t]*GMT[ \t]*\+[ \t]*7[ \t]*[)\]]?)?[ \t)\].]*$", re.IGNORECASE)
_MAX_CREDIT_WORDS = 24
_MAX_CREDIT_LENGTH = 220


def _closes_credit(stripped: str, date_end: int, words: int) -> bool:
    """A labelled credit of many words closed by its date."""
    label = _CREDIT_LABEL.match(stripped)
    return bool(label and words <= _MAX_CREDIT_WORDS and _CREDIT_TAIL.match(stripped, date_end)
                and not re.search(r"[.;!?]\s", stripped[label.end():date_end]))


# A date line glued to the headline that follows it, as text extracted from a page without a break
# between two blocks prints it ("11/10/2024 14:20Bắc Kạn tổ chức …"): the date (and time) opens the line
# and a capital letter follows with no space. Prose never writes a word against a date.
_GLUED_HEADLINE = re.compile(
    rf"^[ \t]*(?:{_WEEKDAY}[ \t]*[,-]?[ \t]*)?(?P<date>{_DATE_TEXT})"
    r"(?:[ \t,|-]*\d{1,2}\s*:\s*\d{2}(?::\d{2})?)?(?=[A-ZĐÀ-Ỹ])",
    re.IGNORECASE,
)


def _glued_headline_date(line: str) -> tuple[str, int, int] | None:
    """The date of a date line glued to the headline after it; the span ends where the headline starts."""
    m = _GLUED_HEADLINE.match(line)
    if m is None or not line[m.end()].isupper():
        return None
    found = _find_date(m.group("date"))
    if found is None:
        return None
    start = len(line) - len(line.lstrip())
    return _value(found[0], _find_time(line[:m.end()], (m.start("date"), m.end("date")))), start, m.end()


# A broadcast's air time on a programme's or a transcript's line ("Chương trình phát thanh … | Phát sóng 17h30 ngày
# 20/11/2024", "Bản tin tuần – Phát lúc 6 giờ 00 và 17 giờ 00 ngày 08/7/2024"): the day it went out is the text's
# date; not a schedule ("Lịch phát sóng", page chrome) nor a sentence announcing a broadcast.
_AIRED_LABEL = re.compile(r"(?<!\w)(?:phát[ \t]+sóng|phát[ \t]+lúc|lên[ \t]+sóng)(?!\w)", re.IGNORECASE)
_AIRED_WORDS = 25


def _aired_date(line: str) -> tuple[str, int, int] | None:
    if "sóng" not in line and "lúc" not in line:
        return None  # (a cheap pre-test)
    stripped = line.strip()
    label = _AIRED_LABEL.search(line)
    if (label is None or _PAGE_CHROME.search(line) or len(stripped.split()) > _AIRED_WORDS
            or re.search(r"[.!?]\s", stripped) or stripped.endswith(".")):
        return None
    found = _first_date(line[label.end():label.end() + 60])
    if found is None:
        return None
    return found[0], label.end() + found[1], label.end() + found[2]


# A section's or a source's name set off by "|" from the date and clock that end the line ("TTXVN | Kinh tế địa
# phương | 27/11/2023 17:40", "Hỏi đáp sau sắp xếp đơn vị hành chính | 05/08/2025 15:20"): fields of a few words
# without a number (a related headline's "Ninh Bình công nhận 34 sản phẩm OCOP | 12/01/2026" has one, and no clock).
_SECTION_WORDS = 10
_DATE_CLOCK_END = re.compile(rf"(?P<date>{_DATE_TEXT})[ \t,-]*\d{{1,2}}[ \t]*[:hg][ \t]*\d{{2}}[ \t]*$")


def _section_date(line: str) -> tuple[str, int, int] | None:
    if "|" not in line:
        return None
    fields = line.split("|")
    last = _DATE_CLOCK_END.match(fields[-1].strip())
    if last is None or any(not f.strip() or len(f.split()) > _SECTION_WORDS or re.search(r"\d", f) for f in fields[:-1]):
        return None
    found = _find_date(last.group("date"))
    if found is None:
        return None
    start = line.rindex("|") + 1
    start += len(line[start:]) - len(line[start:].lstrip())
    return _value(found[0], _find_time(line[start:], (0, len(last.group("date"))))), start, len(line.rstrip())


# A theme's date badge, the day, the month and the year each on its own line ("27" / "Tháng 6" / "2024", "05" / "TH3" /
# "2025"), as text extraction prints a calendar-leaf widget: the three lines together are the date.
_BADGE_MONTH = re.compile(r"^[ \t]*(?:tháng|th)[ \t]*(\d{1,2})[ \t]*$", re.IGNORECASE)
_BADGE_YEAR = re.compile(r"^[ \t]*((?:19|20)\d\d)[ \t]*$")


def _date_badge(lines: list[str], at: int) -> tuple[str, int, int] | None:
    """The date of a badge whose day is the line ``at`` (span relative to that line, running over the next two)."""
    if at + 2 >= len(lines):
        return None
    month, year = _BADGE_MONTH.match(lines[at + 1]), _BADGE_YEAR.match(lines[at + 2])
    found = _valid(int(year.group(1)), int(month.group(1)), int(lines[at])) if month and year else None
    if found is None or year is None:
        return None
    start = len(lines[at]) - len(lines[at].lstrip())
    return found.isoformat(), start, len(lines[at]) + 1 + len(lines[at + 1]) + 1 + year.end(1)


# The rules, in the order they are tried on each line.
_LINE_RULES = (_created_field_date, _attribute_date, _agency_dateline, _date_line, _glued_headline_date, _aired_date,
               _section_date, _breadcrumb_day)
# An update in brackets opening the date line, the posting after it ("(Cập nhật: 15/10/2025 - 08:00) Thứ ba,
# 14/10/2025 - 09:12"): the line is read after the brackets; alone, the update still dates the page.
_LEADING_UPDATE = re.compile(r"^[ \t]*[(\[][ \t]*(?:cập[ \t]+nhật|sửa[ \t]+đổi|chỉnh[ \t]+sửa|updated?)\b[^)\]\n]*[)\]][ \t]*",
                             re.IGNORECASE)


def _number_field_date(line: str) -> tuple[str, int, int] | None:
    """The signing date among the fields of a line that opens with a document's number."""
    if not _NUMBER_FIELD.match(line):
        return None
    label = _SIGNING_FIELD.search(line)
    found = _first_date(line[label.end():label.end() + 20]) if label else None
    if found is None or found[1] != 0:
        return None
    return found[0], label.end(), label.end() + found[2]  # type: ignore[union-attr]


def _date_in_line(line: str) -> tuple[str, int, int] | None:
    update = _LEADING_UPDATE.match(line) if "(" in line[:4] or "[" in line[:4] else None
    if update and line[update.end():].strip():
        after = _date_in_line(line[update.end():])
        if after:
            return after[0], update.end() + after[1], update.end() + after[2]
    for rule in _LINE_RULES:
        found = rule(line)
        if found:
            return found
    return None


_LETTERHEAD = re.compile(
    # (the number may share the line, a cell apart: "Số: 2290/QĐ-UBND<TAB>Phú Thọ, ngày 09 tháng 10 năm 2024")
    r"(?m)^[ \t|]*(?:(?:Số|SỐ)[ \t]*:?[ \t]*[\w/.-]+[ \t]*[\t|][ \t|]*)?[A-ZĐ][^\W\d_]*(?:[ \t]+[A-ZĐ][^\W\d_]*){0,3},[ \t]+ngày[ \t]+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)"
)
# A line that ends inside a document's symbol, cut at a joint ("… và Quyết định số 2291/QĐ-⏎UBND ngày 30/9/2024
# của UBND tỉnh."): the next line finishes the citation and its date is the document's.
_CUT_SYMBOL = re.compile(r"\d[\w/.-]*[/\-–\u2010][ \t]*$")
# A line longer than this is prose (a sapo, a paragraph), not a menu item or a headline.
_PROSE_WORDS = 30


def find_published(text: str | None, *, title: str | None = None) -> PublishedDate | None:
    """The article's own date in page text, or None when the text shows none."""
    if not text:
        return None
    candidates: list[PublishedDate] = []
    # per candidate: its index among non-empty lines, whether prose came before it (since the
    # previous candidate, or since the top for the first one), and whether it names a weekday
    placed: list[tuple[int, bool, bool]] = []
    offset = 0
    nonempty = 0
    prose_since = prose_seen = False
    labels: list[tuple[bool, bool]] = []  # per candidate: labelled as a modification, as the posting or creation
    machine: list[bool] = []  # per candidate: a bare ISO timestamp alone on its line (a hidden schema span's value)
    aired: list[bool] = []  # per candidate: a broadcast's air time ("Phát sóng lúc … ngày …")
    # a legal-text page's dates: signing ("Ngày ban hành") first, then effective, gazette, record dates
    signing_dates: list[PublishedDate] = []
    document_dates: list[PublishedDate] = []
    document_line = -_DOCUMENT_BLOCK_LINES - 1  # the non-empty line of the last signing date
    in_box = False
    box_block = 0
    yearless_at: int | None = None  # the offset of an agency's dateline printed without its year
    lines = text.split("\n")
    teasers = _teaser_lines(lines) if _TEASER_LINK.search(text) else set()
    pagination = False
    paragraph_seen = False  # a line of more than _BOX_ITEM_WORDS words above: the article's text has begun
    for at, line in enumerate(lines):
        if at in teasers:
            offset += len(line) + 1
            nonempty += 1
            continue
        pagination = pagination or (("rang" in line or "RANG" in line) and bool(_PAGINATION.match(line)))
        if (_RELATED_HEADING.search(line) or (len(line) <= _OTHER_BOX_HEADING_LENGTH and (
                _OTHER_BOX_HEADING.match(line) or (paragraph_seen and _COMMENT_HEADING.match(line))))):
            if candidates:
                break
            # a box of other articles above the article: its dates are theirs, up to the blank line;
            # not a menu's entry ("Mới nhất" between "Trang chủ" and "Kinh doanh")
            in_box = not _in_menu(lines, at)
            box_block = 0  # the non-empty lines of the box's current block (the heading's line is counted below)
        if in_box and len(line.split()) > _PROSE_WORDS:
            in_box = False  # a paragraph of prose: the article again, under a box no blank line closed
        if in_box:
            if line.strip():
                box_block += 1
            elif box_block:
                # a blank line closes the box, unless the box is printed a block an item (the heading alone, or
                # one item, above it) and the next block is another item
                in_box = box_block <= _BOX_ITEM_LINES and _box_goes_on(lines, at)
                box_block = 0
        elif line.strip():
            paragraph_seen = paragraph_seen or len(line.split()) > _BOX_ITEM_WORDS
            found = (_date_in_line(line) or _number_field_date(line)
                     or (_date_badge(lines, at) if len(line.strip()) <= 2 and line.strip().isdigit() else None))
            if (found is None and yearless_at is None and "(" in line[:_DATELINE_COMMA + 20]
                    and _YEARLESS_DATELINE.match(line)):
                yearless_at = offset  # an agency's dateline without its year: read only if no line dates the page
            if found and at and _CUT_SYMBOL.search(lines[at - 1]):
                found = None  # the rest of a citation hard-wrapped inside its symbol, not a date line
            if found and _is_event_field(lines, at):
                found = None  # an event's time or a deadline, not the page's
            if found and (_DOCUMENT_DATE_LABEL.match(line) or _NUMBER_FIELD.match(line)
                          or (nonempty - document_line <= _DOCUMENT_BLOCK_LINES and _ATTRIBUTE_LABEL.match(line))):
                value, start, end = found
                dated = PublishedDate(value, "text", line[start:end], offset + start, offset + end)
                if _SIGNING_LABEL.match(line) or _NUMBER_FIELD.match(line):
                    signing_dates.append(dated)
                    document_line = nonempty
                else:
                    document_dates.append(dated)
            elif found:
                value, start, end = found
                quote = text[offset + start:offset + end]  # (a date badge's span runs over three lines)
                candidates.append(PublishedDate(value, "text", quote, offset + start, offset + end))
                placed.append((nonempty, prose_since, bool(_WEEKDAY_NAMED.search(quote))))
                labels.append((bool(_MODIFIED_LABEL.match(line)), bool(_POSTING_LABEL.match(line) or _CREATED_LABEL.match(line))))
                machine.append("T" in quote and bool(_MACHINE_STAMP.fullmatch(line.strip())))
                aired.append(("sóng" in line or "lúc" in line) and bool(_AIRED_LABEL.search(line)))
                prose_since = False
            elif len(line.split()) > _PROSE_WORDS:
                prose_since = prose_seen = True
                document_line = -_DOCUMENT_BLOCK_LINES - 1  # prose ends a document's attribute block
            nonempty += 1
        offset += len(line) + 1
    if candidates and pagination and len(candidates) >= _LISTING_ITEMS and not prose_seen:
        return None  # a listing page: headlines with their dates and excerpts, no article
    if candidates:
        title_at = _title_position(text, title)
        if title_at is not None:
            after = [c for c in candidates if (c.start or 0) >= title_at]
            if after:
                return after[0]
        if labels[0][0]:
            # a last modification first ("Sửa đổi lần cuối: …"): a line labelled as the posting or creation below dates
            # the page; alone, the modification still does
            posted = next((c for c, (_, is_posting) in zip(candidates, labels, strict=True) if is_posting), None)
            if posted is not None:
                return posted
        if aired[0] and len(candidates) > 1 and labels[1][1] and not placed[1][1]:
            # a video page: the broadcast's air time first, the page's posting line ("Đăng tải: …") right below it
            # (no prose between); the page went up after the broadcast and its posting dates it
            return candidates[1]
        if (machine[0] and len(candidates) > 1 and not machine[1] and placed[1][0] - placed[0][0] <= _MACHINE_STAMP_GAP
                and not placed[1][1]):
            # a bare ISO timestamp right above a printed date line: a hidden schema span's value (NukeViet fills
            # itemprop=datePublished with the last edit time); the printed line is the page's posting
            return candidates[1]
        if _is_header_clock(candidates, placed):
            return candidates[1]
        return candidates[0]
    yearless = _yearless_dateline(text, yearless_at) if yearless_at is not None else None
    if yearless:
        return yearless
    if signing_dates or document_dates:
        return (signing_dates or document_dates)[0]
    head = text[:3000]
    m = _LETTERHEAD.search(head)
    if m:
        d = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            return PublishedDate(d.isoformat(), "letterhead", m.group(0).strip(" |\t"), m.start(), m.end())
    closing = _CLOSING_DATE.search(text)
    if closing:
        found = _find_date(closing.group("date"))
        if found:
            start = closing.start("date")
            return PublishedDate(found[0].isoformat(), "text", closing.group(0).strip(), start, closing.end("date"))
    return _headline_date(text)


# With no date line (sixteenth round), the headline's own date: a media tag and a full day opening it ("[Video] Ngày
# 14/3/2025: …", a bulletin titled by its day), or a full date in brackets closing it ("… 6 tháng đầu năm (24/04/2025)",
# as small district and commune portals print their titles). The headline is the first line with lower-case letters
# among the page's first lines (a portal's name in capitals may stand above it); a list of such lines is no headline.
_KICKER_DAY = re.compile(rf"^[ \t]*\[[^\]\n]{{1,20}}\][ \t]*(?:ngày[ \t]+)?(?P<date>{_DATE_TEXT})[ \t]*:", re.IGNORECASE)
_HEADLINE_CLOSING_DATE = re.compile(rf"[^\W\d_][ \t]*\([ \t]*(?P<date>{_DATE_TEXT})[ \t]*\)[ \t]*$")
_HEADLINE_LINES = 3


def _headline_date(text: str) -> PublishedDate | None:
    offset = 0
    seen = 0
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if line.strip():
            seen += 1
            if seen > _HEADLINE_LINES:
                return None
            if any(c.islower() for c in line):
                m = _KICKER_DAY.match(line)
                if m is None:
                    m = _HEADLINE_CLOSING_DATE.search(line)
                    below = next((s for s in lines[at + 1:] if s.strip()), "")
                    if m is None or _HEADLINE_CLOSING_DATE.search(below):
                        return None
                found = _find_date(m.group("date"))
                if found is None:
                    return None
                return PublishedDate(found[0].isoformat(), "text", line[m.start("date"):m.end("date")],
                                     offset + m.start("date"), offset + m.end("date"))
        offset += len(line) + 1
    return None


# A machine timestamp alone on its line ("2026-03-20T08:02:11+07:00"), as text extraction keeps a hidden schema span.
_MACHINE_STAMP = re.compile(r"(?:19|20)\d\d-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")
_MACHINE_STAMP_GAP = 2


# A news agency's dateline with day and month only ("HÀ NỘI, 14/3 (TTXVN) – …", as TTXVN prints it; "(Báo Tin tức)" too):
# with no date line on the page, the year is the one that puts the dateline on or within three months after a full date
# the text prints (a decision the lead cites, signed days before), when only one year does.
# In English (fourteenth round) the month comes first in words: "HANOI, March 14 (VNA) – …".
_YEARLESS_DATELINE = re.compile(
    rf"[ \t]*{_PLACE}[ \t]*,[ \t]*(?:(?:ngày[ \t]+)?(?P<d>\d{{1,2}})[ \t]*/[ \t]*(?P<m>\d{{1,2}})"
    rf"|(?P<em>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)[ \t]+(?P<ed>\d{{1,2}}))[ \t]*"
    r"\([^()\n\d]{1,40}\)[ \t]*[-–—]")
_YEARLESS_REACH_DAYS = 92


def _yearless_dateline(text: str, at: int) -> PublishedDate | None:
    """The date of an agency's dateline printed without its year (its line at ``at``), the year read from the text's
    full dates."""
    m = _YEARLESS_DATELINE.match(text, at)
    if m is None:
        return None
    if m.group("em"):
        day, month = int(m.group("ed")), _EN_MONTHS[m.group("em")[:3].lower()]
    else:
        day, month = int(m.group("d")), int(m.group("m"))
    printed = [_valid(int(f.group(4)), int(f.group(3)), int(f.group(1))) for f in _DMY.finditer(text)]
    printed += [_valid(int(f.group(3)), int(f.group(2)), int(f.group(1))) for f in _LONG.finditer(text)]
    if m.group("em"):  # an English page's full dates ("March 9, 2026", "9 March 2026")
        printed += [_valid(int(f.group(3)), _EN_MONTHS[f.group(1).lower()], int(f.group(2))) for f in _EN_MONTH_DAY.finditer(text)]
        printed += [_valid(int(f.group(3)), _EN_MONTHS[f.group(2).lower()], int(f.group(1))) for f in _EN_DAY_MONTH.finditer(text)]
    dates = set()
    for full in filter(None, printed):
        for year in (full.year, full.year + 1):
            dated = _valid(year, month, day)
            if dated and 0 <= (dated - full).days <= _YEARLESS_REACH_DAYS:
                dates.add(dated)
    if len(dates) != 1:
        return None
    start, end = (m.start("em"), m.end("ed")) if m.group("em") else (m.start("d"), m.end("m"))
    return PublishedDate(dates.pop().isoformat(), "text", m.group(0).strip(), start, end)


# A line labelled as a last modification ("Sửa đổi lần cuối: …", "Cập nhật lần cuối: …", "Ngày sửa: …", "Last
# modified: …"); a plain "Cập nhật" is left out: many portals print the posting so.
_MODIFIED_LABEL = re.compile(r"^[\s|•*(\[-]*(?:(?:sửa[ \t]+đổi|chỉnh[ \t]+sửa|cập[ \t]+nhật)[ \t]+lần[ \t]+cuối"
                             r"|ngày[ \t]+(?:sửa(?:[ \t]+đổi)?|chỉnh[ \t]+sửa)|last[ \t]+(?:modified|updated)|(?:date)?modified)\b",
                             re.IGNORECASE)
_CREATED_LABEL = re.compile(r"^[\s|•*(\[-]*(?:ngày[ \t]+(?:tạo|gửi)|created)\b", re.IGNORECASE)
# An event's particulars or a deadline: "Hạn nộp hồ sơ: 30/06/2026", "Thời hạn: …", "Thời gian: 20/3/2026" with
# "Địa điểm: …" on its line or the next.
_DEADLINE_FIELD = re.compile(r"^\W*(?:hạn(?:[ \t]+[^\W\d_]+){0,3}|thời[ \t]+hạn(?:[ \t]+[^\W\d_]+){0,3})[ \t]*:", re.IGNORECASE)
_EVENT_TIME_FIELD = re.compile(r"^\W*thời[ \t]+gian[ \t]*:", re.IGNORECASE)
# An event's time field that names the event's course ("Thời gian tổ chức: 20/3/2026 - 24/3/2026", "Thời gian diễn
# ra: …", "Thời gian khai mạc: …"): the event's, with or without a place field.
_NAMED_EVENT_TIME_FIELD = re.compile(r"^\W*thời[ \t]+gian[ \t]+(?:tổ[ \t]+chức|diễn[ \t]+ra|khai[ \t]+mạc|bế[ \t]+mạc"
                                     r"|triển[ \t]+lãm|trưng[ \t]+bày)[ \t]*:", re.IGNORECASE)
_PLACE_FIELD = re.compile(r"(?:^|[|,;]|\s)\W*địa[ \t]+điểm[ \t]*:", re.IGNORECASE)


def _is_event_field(lines: list[str], at: int) -> bool:
    line = lines[at]
    if _DEADLINE_FIELD.match(line) or _NAMED_EVENT_TIME_FIELD.match(line):
        return True
    if not _EVENT_TIME_FIELD.match(line):
        return False
    below = next((s for s in lines[at + 1:] if s.strip()), "")
    return bool(_PLACE_FIELD.search(line) or _PLACE_FIELD.match(below))


# A link to an item's full text closing its block ("Xem tiếp", "Đọc tiếp", "Xem chi tiết"): the block is a teaser of
# another article on a category page (headline, date line, excerpt), and its date is that article's.
_TEASER_LINK = re.compile(r"^[ \t|•*»›>-]*(?:xem[ \t]+tiếp|đọc[ \t]+tiếp|xem[ \t]+chi[ \t]+tiết|chi[ \t]+tiết|read[ \t]+more)"
                          r"[ \t.…»›>]*$", re.IGNORECASE | re.MULTILINE)


def _teaser_lines(lines: list[str]) -> set[int]:
    """The lines of every block (between blank lines) that closes with a link to an item's full text."""
    out: set[int] = set()
    block: list[int] = []
    for at, line in enumerate([*lines, ""]):
        if line.strip():
            block.append(at)
            continue
        if len(block) > 1 and _TEASER_LINK.match(lines[block[-1]]):
            out.update(block)
        block = []
    return out


# A listing's pagination bar ("« Trang trước | 1 | 2 | 3 | Trang sau »"): with several date lines and no paragraph of
# prose, the page lists other articles and has no date of its own.
_PAGINATION = re.compile(r"^[\W\d]*(?:trang[ \t]+(?:trước|sau|đầu|cuối|tiếp)[\W\d]*){1,4}$", re.IGNORECASE)
_LISTING_ITEMS = 3
# A paragraph closing with its date in brackets after the last sentence ("… 11 sản phẩm OCOP. (05/02/2026)"), as
# newsletters date their items: with no date line, the first such dates the page.
_CLOSING_DATE = re.compile(rf"[.!?…][ \t]*\([ \t]*(?P<date>{_DATE_TEXT})[ \t]*\)[ \t]*$", re.MULTILINE)


# A box of other articles printed a block an item (a headline and its date line, blank lines between): the box goes on
# past a blank line while the next block is such an item — a few short lines, one of them a date line.
_BOX_ITEM_LINES = 3
_BOX_ITEM_WORDS = 20


def _box_goes_on(lines: list[str], at: int) -> bool:
    """Whether the block after the blank line ``at`` is another item of the box above it."""
    block: list[str] = []
    for line in lines[at + 1:]:
        if not line.strip():
            if block:
                break
            continue
        block.append(line)
        if len(block) > _BOX_ITEM_LINES or len(line.split()) > _BOX_ITEM_WORDS:
            return False
    return bool(block) and any(_date_in_line(line) for line in block)


# A menu entry: a few words with no digit (a box of other articles lists headlines and dates).
_MENU_ENTRY = re.compile(r"^[ \t|•*>›»-]*[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}[ \t|•*]*$")


def _in_menu(lines: list[str], at: int) -> bool:
    """A related-news heading's words as an entry of the site's menu ("Trang chủ⏎Mới nhất⏎Tin theo khu
    vực⏎Kinh doanh"): the lines right above and below it are menu entries too, not a box's headlines."""
    above = next((s for s in reversed(lines[:at]) if s.strip()), None)
    below = next((s for s in lines[at + 1:] if s.strip()), None)
    return bool(above and below and _MENU_ENTRY.match(above) and _MENU_ENTRY.match(below))


# A page-view clock sits in the first lines of a page, above the menu and the headline; a clock
# that names the weekday may sit a little lower, under a banner of short lines.
_HEADER_LINES = 3
_HEADER_LINES_WITH_WEEKDAY = 8


# A line labelled as the article's posting ("Ngày đăng: 14/01/2025", "Đăng lúc …", "Ngày xuất bản …") is never
# the page-view clock, whatever dates follow it (an annex's table below it holds earlier signing dates).
_POSTING_LABEL = re.compile(r"^[\s|•*(\[-]*(?:ngày[ \t]+(?:đăng|xuất[ \t]+bản)|(?:tin[ \t]+)?đăng[ \t]+(?:lúc|ngày|tải)"
                            r"|xuất[ \t]+bản|published|posted)\b", re.IGNORECASE)


def _is_header_clock(candidates: list[PublishedDate], placed: list[tuple[int, bool, bool]]) -> bool:
    """True when the first date line is the portal's header clock ("Thứ Tư, 20/03/2024 | 09:41")
    rather than the article's date: it is in the first lines of the page with no prose above it,
    and the next date line follows after only menu words and a headline (no prose) and is not
    later than the clock — the page was viewed on or after the day the article was published.
    A letterhead's place and date ("Hà Tĩnh, ngày 12 tháng 3 năm 2025") is not such a line: it signs
    an official text the page reproduces, and the date line above it is the page's posting."""
    if len(candidates) < 2:
        return False
    (first_line, prose_before, weekday), (_, prose_between, _) = placed[0], placed[1]
    top = _HEADER_LINES_WITH_WEEKDAY if weekday else _HEADER_LINES
    if (first_line >= top or prose_before or prose_between or _POSTING_LABEL.match(candidates[0].quote)
            or _is_letterhead(candidates[1].quote)):
        return False
    return candidates[1].value[:10] <= candidates[0].value[:10]


def _is_letterhead(quote: str) -> bool:
    """A letterhead's place and date, not a weekday's long form ("Thứ Ba, ngày 03 tháng 12 năm 2024")."""
    return bool(_LETTERHEAD.match(quote)) and not _WEEKDAY_NAMED.match(quote.lstrip(" \t|"))


def _title_position(text: str, title: str | None) -> int | None:
    if not title or not title.strip():
        return None
    at = text.find(title.strip())
    return at if at >= 0 else None
