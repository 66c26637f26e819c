"""Administrative document numbers ("số ký hiệu") cited in Vietnamese text.

Grammar of a number as printed (Nghị định 30/2020/NĐ-CP on document formats, and what portals
actually print):

    state bodies   NUMBER[/YEAR]/TYPE-ISSUER[-UNIT...]     1048/QĐ-TTg, 14/2020/QĐ-UBND, 1850/QĐ-UBND-HC
    letters        NUMBER/ISSUER-UNIT                       4802/UBND-NL5, 5424/BNN-VPĐP (no type letters)
    Party bodies   NUMBER-TYPE/ISSUER                       21-CT/TU, 25-NQ/TW, 102-KL/TW
    laws           NUMBER/YEAR/QH15                         202/2025/QH15

NUMBER may carry one letter ("21a/NQ-HĐND"). Portals add stray spaces ("1048/QĐ- TTg", "5424 /BNN-VPĐP")
that are removed on output.
A type word may precede it ("Quyết định số", "Kế hoạch số:", "Công văn"), and a signing date
may follow it ("ngày 21/8/2019", "ngày 23 tháng 12 năm 2019", "ngày 3-11-2021") or open the
sentence ("Ngày 02 tháng 6 năm 2021, UBND tỉnh ban hành Kế hoạch số 90/KH-UBND").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from extractors.paths import data_file
from extractors.records import DocumentRef

# One citation: (number, type, issued, quote start, quote end).
_Mention = tuple[str, str | None, str | None, int, int]

# Type word as written → canonical spelling.
DOC_TYPES = (
    "Quyết định", "Kế hoạch", "Chỉ thị", "Nghị quyết", "Kết luận", "Thông báo", "Công văn",
    "Văn bản", "Nghị định", "Thông tư liên tịch", "Thông tư", "Đề án", "Chương trình", "Hướng dẫn",
    "Tờ trình", "Báo cáo", "Quy định", "Quy chế", "Công điện", "Thông tri", "Luật", "Phương án",
    "Giấy mời", "Biên bản", "Điều lệ", "Chiến lược", "Quyết nghị",
)

# Letters that name the kind of document inside the symbol (before the issuer).
TYPE_CODES = {
    "QĐ": "Quyết định", "KH": "Kế hoạch", "CT": "Chỉ thị", "NQ": "Nghị quyết", "KL": "Kết luận",
    "TB": "Thông báo", "CV": "Công văn", "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "ĐA": "Đề án", "CTr": "Chương trình", "HD": "Hướng dẫn", "TTr": "Tờ trình", "BC": "Báo cáo",
    "QC": "Quy chế", "QyĐ": "Quy định", "CĐ": "Công điện", "TTr-UBND": "Tờ trình", "PA": "Phương án",
    "GM": "Giấy mời", "BB": "Biên bản", "HD-BCĐ": "Hướng dẫn", "TC": "Thông tri", "CTHĐ": "Chương trình",
    "KL-TU": "Kết luận",
}

# "&" joins two abbreviations inside one issuer ("SNN&PTNT" = Sở Nông nghiệp và PTNT).
_SEG = r"[A-ZĐ](?:[A-ZĐa-zđ0-9]|&(?=[A-ZĐ])){0,11}"
# Hard-wrapped text (PDF copies, legal-text sites) may break a symbol at its slash ("88/⏎KH-UBND",
# "2311⏎/QĐ-UBND") or after the dash that follows the type letters ("1234/QĐ-⏎UBND").
_SLASH = r"[ \t\n]?/[ \t\n]?"
# A dash elsewhere in the symbol may also end a line when the next one opens with a capital
# ("04/QĐ-BCĐTW-⏎VPĐPNTM", "17-⏎CT/TU").
# Text pasted from word processors may print the dash as another dash-like character: an en dash, a Unicode
# hyphen (U+2010), a non-breaking hyphen (U+2011), a figure dash (U+2012) or a minus sign (U+2212).
_DASHES = "-–\u2010\u2011\u2012\u2212"
_DASH = rf"(?:[{_DASHES}]|[ \t][{_DASHES}]|[{_DASHES}][ \t]|[{_DASHES}]\n(?=[A-ZĐ]))"
# After the type letters a dash may have a space on each side ("919 / QĐ - TTg", "156/KH - UBND");
# later in the symbol that shape is more often a separator before other text.
_TYPE_DASH = rf"[ \t]?[{_DASHES}](?:[ \t]|\n(?=[A-ZĐ]))?"
_NUMBER_RE = re.compile(
    rf"""(?:(?<![\w/.,-])|(?<=số)|(?<=Số)|(?<=SỐ))(?<!\d:)   # "QCVN 01-183:2016/BNNPTNT" is a standard, not a document;
    # "số1532/QĐ-UBND": "số" glued to the number by a lost space
    (?:
      (?P<party>\d{{1,5}}{_DASH}{_SEG}{_SLASH}{_SEG}(?:{_DASH}{_SEG})*)
    |
      (?P<state>(?:\d{{1,2}}\.(?=\d{{3}}/)\d{{3}}|\d{{1,5}}[a-zA-Z]?)(?:{_SLASH}(?:19|20)\d\d)?{_SLASH}{_SEG}(?:{_TYPE_DASH}{_SEG}(?:{_DASH}{_SEG})*)?)
    )
    (?!\w|/(?![ \t]*ngày[ \t]))   # "2045/QĐ-UBND/ngày 12/3/2026": a slash glued to "ngày" is the date's, not the symbol's""",
    re.VERBOSE,
)

# Where a match of _NUMBER_RE can start: a digit after none of the characters its look-behinds refuse
# (tested after the digit, so that the search skips to digits), whose run of at most five digits is
# followed by what both of its shapes need next — a slash or a dash, after at most a letter ("12a/…") and
# a space, tab or line break — so that the digits of dates, counts and sums are not tried; or a number printed
# with a thousands dot right before the slash ("Quyết định số 1.245/QĐ-UBND", fifteenth round).
_NUMBER_START = re.compile(r"\d(?:(?<![\w/.,-]\d)|(?<=số\d)|(?<=Số\d)|(?<=SỐ\d))(?<!\d:\d)"
                           rf"(?=\d{{0,4}}[a-zA-Z]?[ \t\n]?[{_DASHES}/]|\d?\.\d{{3}}/)")
# A standard's code may be shaped like a decree's number ("TCCS 01/2024/HTXBĐ", a producer's own standard).
_STANDARD_BEFORE = re.compile(r"(?<!\w)(?:TCCS|TCVN|QCVN|QCĐP|TCN)[ \t]*$")
# A certificate or a result sheet numbered like a document ("GCN số 12/2023/ĐKKD", "Giấy chứng nhận đủ
# điều kiện ATTP số 45/2024/NNPTNT-CB", "phiếu kết quả thử nghiệm số 1234/KQ-TT3") is held or issued
# to a producer, not cited as an administrative document; tested only when no type word precedes the
# number ("cấp Giấy chứng nhận tại Quyết định số …" cites the decision).
_CERTIFICATE_BEFORE = re.compile(
    r"(?<!\w)(?:GCN|giấy[ \t]+chứng[ \t]+nhận|phiếu[ \t]+kết[ \t]+quả)(?:[ \t]+[^\W\d_]+){0,10}[ \t]+số[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)

# A press licence in a page's footer ("Giấy phép hoạt động báo điện tử số 45/GP-BTTTT ngày 12/3/2019", "Giấy
# phép số 112/GP-CBC") licenses the newspaper; the article does not cite it. A licence the article reports on
# ("Giấy phép khai thác khoáng sản số 12/GP-UBND") is still read.
_LICENCE_BEFORE = re.compile(r"(?<!\w)giấy[ \t]+phép(?P<words>(?:[ \t]+[^\W\d_]+){0,10})[ \t]+số[ \t]*:?[ \t]*$",
                             re.IGNORECASE)
_PRESS_WORDS = re.compile(r"(?<!\w)(?:báo|tạp[ \t]+chí|điện[ \t]+tử|trang[ \t]+thông[ \t]+tin|xuất[ \t]+bản|phát[ \t]+thanh"
                          r"|truyền[ \t]+hình|mạng[ \t]+xã[ \t]+hội|báo[ \t]+chí)(?!\w)", re.IGNORECASE)
_PRESS_LICENCE_SYMBOL = re.compile(r"/GP-(?:BTTTT|CBC|BVHTT|BVHTTDL|TTĐT|PTTH)$")


def _press_licence(text: str, number: str, start: int) -> bool:
    """The number of a press licence, after "Giấy phép … số" with the press named or under the press authority's symbol."""
    m = _LICENCE_BEFORE.search(text, max(0, start - 120), start)
    return bool(m and (_PRESS_WORDS.search(m.group("words")) or _PRESS_LICENCE_SYMBOL.search(number)))


# Names of a type that hold another type's word: "Thông báo kết luận số 312-TB/TU" is a Thông báo (its symbol
# says TB), not the Kết luận its last words name.
_TYPE_ALIASES = {"thông báo kết luận": "Thông báo"}
_TYPE_WORDS = "|".join(sorted((re.escape(t) for t in (*DOC_TYPES, *_TYPE_ALIASES)), key=len, reverse=True))
_TYPE_BEFORE = re.compile(
    rf"(?P<type>{_TYPE_WORDS})(?:[ \t\n]+(?:số|Số|SỐ)(?:[ \t]*hiệu)?)?[ \t]*:?[ \t\n]*$", re.IGNORECASE
)
_SO_BEFORE = re.compile(r"(?:^|[\s|(])(?:Số|số|SỐ)(?:[ \t]+(?:hiệu|HIỆU)[ \t]*\|?)?[ \t]*:?[ \t]*$")

# A hard-wrapped date may break before its year ("ngày 14-3-⏎2024"). A signing date may print its year
# with two digits ("ngày 12/9/25"); this body is read only after "ngày" or as a table cell, never in prose.
# A day may be said "mùng"/"mồng" ("ngày mùng 8 tháng 3 năm 2024"); a month in words ("ngày 5 tháng Ba năm
# 2024", and the day too: "ngày mười lăm tháng hai năm 2025") or in Roman numerals ("12-IV-2024",
# "25/XII/2023"). Not "tháng Giêng"/"tháng Chạp" (lunar months).
_MONTH_NAMES = {"một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12}
_ROMAN_MONTHS = {r: i for i, r in enumerate(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), 1)}
_UNIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
               "tám": 8, "chín": 9}
_DAY_WORDS = (r"(?:(?:hai|ba)[ \t]+mươi|mười)(?:[ \t]+(?:mốt|một|hai|ba|bốn|tư|lăm|sáu|bảy|tám|chín))?"
              r"|một|hai|ba|bốn|năm|sáu|bảy|tám|chín")
_MONTH_WORDS = r"mười[ \t]+một|mười[ \t]+hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín"
_ROMAN = r"XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
_DATE_BODY = r"""(?:(?:mùng|mồng)[ \t]+)?(?:
      (?P<d3>\d{1,2}|(?i:""" + _DAY_WORDS + r"""))[ \t]+tháng[ \t]+(?P<m3>(?i:""" + _MONTH_WORDS + r"""))[ \t]*,?[ \t]+năm[ \t]*(?P<y3>(?:19|20)\d\d)(?!\d)
    | (?P<d4>\d{1,2})[ \t]*(?P<s4>[/.\-])[ \t]*(?P<m4>(?-i:""" + _ROMAN + r"""))[ \t]*(?P=s4)[ \t]*(?P<y4>(?:19|20)\d\d)(?!\d)
    | (?P<d1>\d{1,2})[ \t]*[/.\-][ \t]*(?P<m1>\d{1,2})[ \t]*[/.\-](?:[ \t]*|\n)(?P<y1>(?:19|20)\d\d|\d\d(?![\d/.\-]|[ \t]*(?:sản|triệu|tỷ|%)))
    | (?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:(?:,\s*)?năm\s*|/\s*|,[ \t]*)(?P<y2>(?:19|20)\d\d)(?!\d)
    )"""
# "và" joins two words of one issuer ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Khoa học và Công nghệ")
# when a capitalised word other than a document type follows it; otherwise it joins two citations.
_ISSUER_WORD = (r"(?:(?:[ \t]+|,[ \t]+(?=(?:huyện|xã|tỉnh|thị[ \t]xã|thành[ \t]phố|phường|thị[ \t]trấn)[ \t])"
                r"|[ \t]*\n[ \t]*(?=(?-i:[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ])))"
                r"(?!(?:ngày|về|việc|tổ|diễn|họp|khai|từ|đến)\b)"
                rf"(?!và\b(?![ \t]+(?!(?:{'|'.join(re.escape(t) for t in DOC_TYPES)})\b)(?-i:[A-ZĐ])))"
                r"[^\W\d_](?:[^\W\d]|&)*)")
_DATE_AFTER = re.compile(
    # "2045/QĐ-UBND/ngày 12/3/2026": a slash glued between the symbol and "ngày"
    # "Quyết định số 318/QĐ-UBND - ngày 09/3/2026 - về việc …": the date set off by dashes (fourteenth round);
    # "(số 77/QĐ-UBND) được … ký …": the number in brackets
    rf"""[ \t]*(?:[,(]|\)(?=[ \t]+(?-i:được|do|đã)[ \t])|/(?=[ \t]*(?-i:ngày)[ \t])|[-–—](?=[ \t]*(?-i:ngày)[ \t]))?[ \t\n|]*
    (?:(?:đã[ \t]+)?(?:được[ \t]+)?(?:ký[ \t]+)?(?:ban[ \t]hành|phát[ \t]hành|ký|kí)[ \t]+)?   # "(đã) được ban hành ngày", "ký ban hành ngày"
    (?:[A-ZĐ][^\W\d_]*(?:[ \t][A-ZĐ][^\W\d_]*){{0,3}},[ \t]*)?   # "Quảng Nam, ngày ..."
    # the issuer between: "của Thủ tướng Chính phủ ngày …", "của Chủ tịch UBND tỉnh, ngày …", "do Chủ tịch
    # UBND tỉnh ký ngày …", "đã được UBND tỉnh ban hành ngày …"; not an event's date ("của Sở tổ chức
    # ngày …") nor a subject's ("về việc … ngày …"). A hard-wrapped line may break before "ngày" (in
    # lower case: "Ngày" opening a line starts a sentence).
    # The date may open a bracket after the issuer: "của UBND tỉnh (ngày …)", "… (ban hành ngày …)".
    (?:(?:của{_ISSUER_WORD}{{1,12}}(?:,?[ \t]+(?:được[ \t]+)?(?:ban[ \t]hành|ký|kí))?   # "của UBND tỉnh, ban hành ngày …"
       |(?:do|(?:đã[ \t]+)?được){_ISSUER_WORD}{{1,12}}[ \t]+(?:ký|kí|ban[ \t]hành|phát[ \t]hành))   # "được Văn phòng UBND tỉnh phát hành ngày …"
       (?:,?(?:[ \t]+|[ \t]*\n(?=(?-i:ngày)))
         |[ \t]*\([ \t]*(?:(?:được[ \t]+)?(?:ban[ \t]hành|ký|kí)[ \t]+)?(?=ngày)))?
    (?:vào[ \t]+|cùng[ \t]+|(?:(?<=ký[ \t])|(?<=kí[ \t]))từ[ \t]+)?     # "… ban hành vào ngày …", "… cùng ngày …", "được ký từ ngày …"
    # "ký hôm …" for "ký ngày …" ("được Chủ tịch UBND tỉnh ký hôm mùng 10/1/2025"), only after the signing verb;
    # "ký vào sáng 12/3/2026": a part of the day after a signing verb and "vào" (fourteenth round)
    # "ngày12/9/2024": a lost space before the digits
    (?:ngày|(?:(?<=ký[ \t])|(?<=kí[ \t])|(?<=hành[ \t]))hôm
       |(?:(?<=ký[ \t]vào[ \t])|(?<=kí[ \t]vào[ \t])|(?<=hành[ \t]vào[ \t])|(?<=duyệt[ \t]vào[ \t]))
        (?:buổi[ \t]+)?(?:sáng|chiều|trưa|tối)(?:[ \t]+(?:ngày|hôm))?)(?:[ \t\n]+|(?=\d)){_DATE_BODY}""",
    re.VERBOSE | re.IGNORECASE,
)
# Number and date a semicolon apart, the date closing the bracket, the item or the line: "(Số: 118/KH-UBND; ngày
# 07/4/2026)", "Số: 2045/QĐ-UBND; ngày 12/3/2026". Not a date opening the next clause ("Thực hiện Kế hoạch số
# 45/KH-UBND; ngày 10/3/2022, UBND tỉnh ban hành …").
_DATE_AFTER_SEMICOLON = re.compile(rf"[ \t]*;[ \t]*(?:(?:ký|kí|ban[ \t]+hành)[ \t]+)?(?-i:ngày)[ \t]+{_DATE_BODY}"
                                   r"(?=[ \t]*(?:[);.]|$))",
                                   re.VERBOSE | re.IGNORECASE | re.MULTILINE)
# A place and a date after the number, as attachment lists print them: "Quyết định 904/QĐ-UBND, Thái Nguyên,
# 05/3/2026 - Về việc …" (the date closing the line or followed by a dash, a colon, a bar or a bracket).
_PLACE_DATE_AFTER = re.compile(
    rf",[ \t]*(?-i:[A-ZĐ])[^\W\d_]*(?:[ \t](?-i:[A-ZĐ])[^\W\d_]*){{0,3}},[ \t]*{_DATE_BODY}(?=[ \t]*(?:[-–—:|);]|$))",
    re.VERBOSE | re.MULTILINE)
# An English citation's date (English pages of portals and agencies): "Decision No. 318/QD-UBND signed on March 9,
# 2026", "Plan No. 56/KH-UBND dated 22 January 2026", "… of the provincial People's Committee, dated 9 March 2026".
_EN_MONTH_NUMBERS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                                  "nov", "dec"), 1)}
_EN_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ENGLISH_DATE_AFTER = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?:of|by)[ \t]+[^,.;()\n\d]{{1,60}}?[ \t]*,?[ \t]*)?(?:signed|issued|dated|promulgated|adopted|approved)(?:[ \t]+on)?[ \t]+"
    rf"(?:(?P<ed1>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<em1>{_EN_MONTH}),?[ \t]+(?P<ey1>(?:19|20)\d\d)"
    rf"|(?P<em2>{_EN_MONTH})[ \t]+(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<ey2>(?:19|20)\d\d)"
    rf"|(?P<ed3>\d{{1,2}})/(?P<em3>\d{{1,2}})/(?P<ey3>(?:19|20)\d\d))(?!\d)", re.IGNORECASE)
_ENGLISH_CUE = re.compile(r"signed|issued|dated|promulgated|adopted|approved", re.IGNORECASE)


def _english_date_after(text: str, end: int) -> tuple[str | None, int] | None:
    """(signing date, end of its quote) of an English citation's "signed on …" / "dated …" after a number."""
    reach = min(len(text), end + _DATE_REACH)
    if "ed " not in text[end:reach] or not _ENGLISH_CUE.search(text, end, reach):
        return None  # no English signing word near ("signed on", "dated …"): spares the patterns on Vietnamese text
    found = _ENGLISH_DATE_AFTER.match(text, end, reach)
    if found is None:
        return None
    if found.group("ed3"):
        issued = _iso(found.group("ed3"), found.group("em3"), found.group("ey3"))
    else:
        k = "1" if found.group("ed1") else "2"
        month = _EN_MONTH_NUMBERS[found.group(f"em{k}")[:3].lower()]
        issued = _iso(found.group(f"ed{k}"), str(month), found.group(f"ey{k}"))
    return (issued, found.end()) if issued else None


# The date alone in brackets right after the number: "Quyết định số 1048/QĐ-TTg (21/8/2019)".
_DATE_IN_BRACKETS = re.compile(rf"[ \t]*\([ \t]*(?:ngày[ \t]+)?{_DATE_BODY}[ \t]*\)", re.VERBOSE | re.IGNORECASE)
# How far after a number its signing date may end (room for "của Thủ tướng Chính phủ ngày …"). An issuer
# may run to twelve words ("của Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Giang ngày …").
_DATE_REACH = 120
# The signing date before the citation: "… được UBND tỉnh ban hành ngày 12/3/2024 tại Quyết định số 610/QĐ-UBND".
_DATE_BEFORE = re.compile(
    rf"(?:ban[ \t]+hành|ký|kí|phê[ \t]+duyệt)[ \t]+(?:vào[ \t]+)?(?:ngày|hôm)[ \t]+{_DATE_BODY}(?:[ \t]*,?[ \t]+(?:tại|theo|bằng)[ \t]+|[ \t]+)$",
    re.VERBOSE | re.IGNORECASE)
# Two citations sharing one date: "Quyết định số 75/QĐ-UBND và Quyết định số 76/QĐ-UBND cùng ngày 10/01/2025".
# The next may repeat "số" alone: "các Quyết định số 118/QĐ-UBND, số 119/QĐ-UBND cùng ngày …".
_JOINED = re.compile(r"[ \t]*(?:,|và)[ \t]*(?:số[ \t]+)?")
# "Ngày 02 tháng 6 năm 2021, UBND tỉnh ban hành …", also without the comma ("Ngày 27/12/2022 UBND …").
# A paper's dateline may stand before it on its line: "(Chinhphu.vn) - Ngày 5/11/2025, Thủ tướng Chính phủ ký …".
_DATE_OPENING = re.compile(rf"(?:^|[.;\n]|(?P<clause>,)|(?P<dateline>(?<=\n)[ \t]*\([^()\n]{{2,40}}\)[ \t]*[-–—]))"
                           rf"[ \t]*(?:Ngày|ngày)[ \t]+{_DATE_BODY}[ \t]*,?", re.VERBOSE)
# A date may also open a clause after a comma ("Tiếp đó, ngày … UBND tỉnh ban hành Kế hoạch số …", "Căn cứ …,
# ngày … Chủ tịch UBND huyện đã ký Quyết định số …"): then no comma or digit between it and the citation, and
# not right after a document's number ("Quyết định số 12/QĐ-UBND, ngày …" is that decision's date).
_NUMBER_BEFORE_COMMA = re.compile(r"\d[\w./-]*/[\w./-]*$")

# A document's attribute block, as legal-text sites and "văn bản mới" boxes print it: the number
# ("Số hiệu: 779/QĐ-UBND", or a short line "Quyết định 35/QĐ-UBND"), then, on its own line or
# later on the same one, "Ngày ban hành: 14/07/2022".
_NUMBER_LABEL = re.compile(r"(?:số[ \t]*/?[ \t]*(?:ký[ \t]+)?hiệu|ký[ \t]+hiệu)[ \t]*[:|]?[ \t]*$", re.IGNORECASE)
_ISSUED_LABEL = re.compile(rf"[ \t|]*ngày[ \t]+ban[ \t]+hành[ \t]*[:|]?[ \t]*{_DATE_BODY}", re.VERBOSE | re.IGNORECASE)
_BLOCK_LINES = 6  # "Số hiệu", "Loại văn bản", "Cơ quan ban hành", "Người ký", then "Ngày ban hành"
_SHORT_LINE_WORDS = 6

# A letterhead: the text's own number opens its line ("Số: 86 /KH-UBND", "Số 245-BC/HU"), and its place-date
# line follows, right under it or, as PDF copy interleaves the two columns, below the national motto or a
# "V/v" subject line.
_LETTERHEAD_NUMBER = re.compile(r"[ \t|]*(?:Số|SỐ)[ \t]*:?[ \t]*$")
_PLACE_DATE = re.compile(
    rf"[ \t|]*[^\W\d_]+\.?(?:[ \t][^\W\d_]+){{0,5}},[ \t]*ngày[ \t]+{_DATE_BODY}", re.VERBOSE
)
_LETTERHEAD_LINES = 5
# A letter's "Kính gửi:" and the list of its addressees ("- Sở Nông nghiệp và Môi trường;") may stand between its number
# and its place-date line, as PDF copy orders the columns; the addressees do not count among those five lines.
_ADDRESSED = re.compile(r"[ \t|]*Kính[ \t]+gửi\b", re.IGNORECASE)
_ADDRESSEE = re.compile(r"[ \t|]*[-+•–][ \t]*[^\W\d_]")
_ADDRESSEES = 15

# A table row: the signing date fills the cell after the number's ("| 1745/QĐ-UBND | 11/08/2020 |"; a
# tab-separated row reaches the extractor with spaces for its tabs, "1845/QĐ-UBND 12/7/2024 9") or, on list
# pages, the cell before ("| 21/03/2024 | 55/KH-UBND |").
_CELL_DATE_AFTER = re.compile(rf"[ \t]*(?:\|[ \t]*)?{_DATE_BODY}(?![\d/\-]|\.\d)", re.VERBOSE)
_CELL_DATE_BEFORE = re.compile(rf"(?:^|\|)[ \t]*{_DATE_BODY}[ \t]*\|[ \t]*$", re.VERBOSE | re.MULTILINE)
_CELL_REACH = 40
# A table pasted one cell per line: the number fills its line and the next line holds only its date
# ("38/KH-UBND⏎26/02/2024").
_NEXT_LINE_DATE = re.compile(rf"[ \t|]*\n[ \t|]*{_DATE_BODY}[ \t|]*(?:\n|$)", re.VERBOSE)
# A signing date printed without its year ("Quyết định số 07/2024/QĐ-UBND ngày 12/3") takes the year of a
# symbol that carries one; a number without a year in its symbol stays undated.
_DATE_WITHOUT_YEAR = re.compile(
    r"[ \t]*,?[ \t]*ngày[ \t]+(?P<d>\d{1,2})(?:[ \t]*/[ \t]*|[ \t]+tháng[ \t]+)(?P<m>\d{1,2})(?![\d/.\-]|[ \t]*(?:,[ \t]*)?(?:năm|/))",
    re.IGNORECASE)
_SYMBOL_YEAR = re.compile(r"^\d+[a-zA-Z]?/((?:19|20)\d\d)/")

# A number without a symbol, announced by a type word and "số": "Quyết định số 148 của Thủ tướng".
# Not a count ("Kế hoạch số 2 sản phẩm"), not "số lượng"/"số hóa" (no digits right after "số").
_COUNTED = r"sản phẩm|sp|chủ thể|xã|huyện|hộ|người|triệu|tỷ|đồng|sao|tiêu chí|hợp tác xã|lượt|ha\b|%"
# "số 45" (not "45 sản phẩm"). It opens with the letters "s" can be ignoring case and tests the
# character before after it: the search then skips to an "s" in C instead of trying every character.
_BARE_NUMBER = re.compile(
    rf"(?-i:[sSſ])(?<!\w.)ố[ \t]*:?[ \t]*(?P<number>\d{{1,5}})(?![\w/-]|[.,]\d)(?![ \t]*(?:{_COUNTED}))", re.IGNORECASE
)
# Type words news text abbreviates before a bare number ("theo QĐ số 12 ngày 22/01/2024"); upper case
# only, so that no ordinary word is read as one.
_TYPE_ABBREVIATIONS = {"QĐ": "Quyết định", "KH": "Kế hoạch", "NQ": "Nghị quyết", "NĐ": "Nghị định", "CV": "Công văn"}
_TYPE_ENDING = re.compile(
    rf"(?:(?P<type>{_TYPE_WORDS})|(?<!\w)(?-i:(?P<abbreviation>{'|'.join(_TYPE_ABBREVIATIONS)})))[ \t]+$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def issuers() -> dict[str, str]:
    """Symbol → full issuer name, from data/issuers.csv."""
    try:
        with open(data_file("issuers.csv"), encoding="utf-8", newline="") as f:
            return {r["symbol"]: r["name"] for r in csv.DictReader(f) if r.get("symbol")}
    except OSError:
        return {}


_OTHER_DASHES = re.compile(f"[{_DASHES[1:]}]")
_SPACED_JOINT = re.compile(r"\s*([/-])\s*")
_SPACES = re.compile(r"\s+")


def normalize_number(s: str) -> str:
    """The number as printed without spaces around ``/`` and ``-`` (letters and case kept)."""
    s = _OTHER_DASHES.sub("-", unicodedata.normalize("NFC", s or "")).strip()
    if _SPACES.search(s) is None:
        return s  # no space to drop around "/" or "-", none to collapse (most numbers)
    return _SPACES.sub(" ", _SPACED_JOINT.sub(r"\1", s))


def number_key(s: str) -> str:
    """Comparison key: no spaces at all, upper case (as GOLD_FORMAT.md scores documents)."""
    return _SPACES.sub("", normalize_number(s)).upper()


def _symbol_parts(number: str) -> tuple[str | None, list[str]]:
    """(type code, issuer and unit segments) of a normalised number."""
    n = normalize_number(number)
    party = re.match(r"^\d+-([^/]+)/(.+)$", n)
    if party:
        return party.group(1), party.group(2).split("-")
    parts = n.split("/")
    if len(parts) < 2:
        return None, []
    segments = parts[-1].split("-")
    if segments and segments[0] in TYPE_CODES:
        return segments[0], segments[1:]
    return None, segments


def issuer_of(number: str) -> str | None:
    """The issuing body's symbol: "1048/QĐ-TTg" → "TTg", "21-CT/TU" → "TU", "4802/UBND-NL5" → "UBND"."""
    _, segments = _symbol_parts(number)
    if not segments:
        return None
    first = segments[0]
    if re.fullmatch(r"QH\d*", first):
        return "QH"
    return first or None


def issuer_name(number_or_symbol: str) -> str | None:
    """Full name of the issuer ("UBND" → "Ủy ban nhân dân"), when data/issuers.csv knows it."""
    symbol = issuer_of(number_or_symbol) if "/" in number_or_symbol else number_or_symbol
    return issuers().get(symbol) if symbol else None


def type_of_symbol(number: str) -> str | None:
    """The document kind encoded in the symbol ("90/KH-UBND" → "Kế hoạch"), if any."""
    code, _ = _symbol_parts(number)
    return TYPE_CODES.get(code) if code else None


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _word_number(words: str) -> int:
    """A day in words: "mười lăm" 15, "hai mươi mốt" 21, "ba" 3."""
    parts = words.lower().split()
    if "mươi" in parts:
        return _UNIT_WORDS[parts[0]] * 10 + (_UNIT_WORDS[parts[2]] if len(parts) > 2 else 0)
    if parts[0] == "mười":
        return 10 + (_UNIT_WORDS[parts[1]] if len(parts) > 1 else 0)
    return _UNIT_WORDS[parts[0]]


def _date_from(match: re.Match[str]) -> str | None:
    if match.group("d3"):
        day = match.group("d3")
        month = _MONTH_NAMES[" ".join(match.group("m3").lower().split())]
        return _iso(day if day.isdigit() else str(_word_number(day)), str(month), match.group("y3"))
    if match.group("d4"):
        return _iso(match.group("d4"), str(_ROMAN_MONTHS[match.group("m4")]), match.group("y4"))
    if match.group("d1"):
        year = match.group("y1")
        return _iso(match.group("d1"), match.group("m1"), year if len(year) == 4 else f"20{year}")
    return _iso(match.group("d2"), match.group("m2"), match.group("y2"))


def _in_url(text: str, start: int) -> bool:
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
    token = text[left + 1:start + 1]
    return "://" in token or "www." in token or "@" in token


def _plausible(number: str) -> bool:
    """Reject things shaped like numbers but not documents ("3/QĐ" alone, "5/A")."""
    if "/" not in number:
        return False
    code, segments = _symbol_parts(number)
    if re.match(r"^\d+[a-zA-Z]?/(?:19|20)\d\d/", number):  # year form: 202/2025/QH15, 14/2020/QĐ-UBND
        return bool(segments) or code is not None
    if code is not None:
        return bool(segments)
    # no type letters: needs an issuer plus a unit ("UBND-NL5") or a known issuer symbol
    return len(segments) >= 2 or (len(segments) == 1 and segments[0] in issuers())


def find_documents(text: str | None) -> list[DocumentRef]:
    """Every document cited by number, once each, in order of first mention.

    For a document cited several times the type is the first one written, and the date and
    quote come from the first mention that gives a date.
    """
    if not text:
        return []
    mentions: list[_Mention] = []
    for m in _numbers(text):
        raw = m.group(0)
        if _in_url(text, m.start()):
            continue
        number = normalize_number(raw)
        if not _plausible(number) or _STANDARD_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        before = text[max(0, m.start() - 60):m.start()]
        doc_type = None
        quote_start = m.start()
        tm = _TYPE_BEFORE.search(before)
        if tm:
            doc_type = _canonical_type(tm.group("type"))
            quote_start = m.start() - (len(before) - tm.start())
        elif _CERTIFICATE_BEFORE.search(text, max(0, m.start() - 120), m.start()) or _press_licence(text, number, m.start()):
            continue
        elif _SO_BEFORE.search(before):
            doc_type = type_of_symbol(number)
        issued = None
        quote_end = m.end()
        dm = _date_after(text, m.end()) or _CELL_DATE_AFTER.match(text, m.end()) or _next_line_date(text, m)
        yearless = None if dm else _yearless_date(text, number, m.end())
        if dm:
            issued = _date_from(dm)
            quote_end = dm.end()
        elif yearless:
            issued, quote_end = yearless
        elif column := _column_date(text, m):
            issued, quote_end = column
        elif english := _english_date_after(text, m.end()):
            issued, quote_end = english
        elif adopted := _adopted_after(text, m, number, doc_type):
            issued, quote_end = adopted
        elif (listed := _LISTED_DATE_BEFORE.search(text, max(0, quote_start - 24), quote_start)) and (
                issued := _date_from(listed)):
            pass
        else:
            before_date = _DATE_BEFORE.search(text, max(0, quote_start - 80), quote_start)
            issued = (_date_from(before_date) if before_date else None) or _date_opening_sentence(text, quote_start) \
                or _cell_date_before(text, m.start())
            if issued is None:
                issued, quote_end = (_attribute_issued(text, m) or _letterhead_issued(text, m)
                                     or _signed_at_sentence_end(text, m.end()) or _signed_after_subject(text, m.end())
                                     or (None, quote_end))
        joint = text[max(0, m.start() - 4):m.start()]  # the list's last joint, tested before the search
        elided = _ELIDED_BEFORE.search(text, max(0, m.start() - 80), m.start()) if "," in joint or "và" in joint else None
        if elided:
            mentions.extend(_elided_numbers(text, elided, number, doc_type, issued, quote_end))
            doc_type = mentions[-1][1]
        mentions.append((number, doc_type, issued, quote_start, quote_end))
    mentions.extend(_bare_numbers(text, mentions))
    mentions.sort(key=lambda mention: mention[3])
    _share_joined_dates(text, mentions)
    _hand_out_respective_dates(text, mentions)
    _relative_dates(text, mentions)
    return _merge(text, mentions)


# A law's or a resolution's date is the day it was passed: "Luật Hợp tác xã số 23/2024/QH15 được Quốc hội thông qua
# ngày 27/6/2024", and the next sentence may name it again by its type alone ("Nghị quyết số 07/2023/NQ-HĐND quy
# định …. Nghị quyết được HĐND tỉnh khóa XVII, kỳ họp thứ 12 thông qua ngày 12/7/2023"). Only numbers of the
# National Assembly (QH) or of resolutions (NQ), no other number between (fifteenth round).
_ADOPTED_AFTER = re.compile(
    rf"""(?:(?P<skipped>[^.\n]{{0,160}}\.)[ \t]+(?P<same>Nghị[ \t]quyết|Luật)(?:[ \t]+này)?[ \t]+|[ \t]*,?[ \t]*)
    (?:đã[ \t]+)?được[ \t][^.;\n]{{1,80}}?[ \t]thông[ \t]qua[ \t]+(?:vào[ \t]+)?ngày[ \t]+{_DATE_BODY}""",
    re.VERBOSE)
_ADOPTING_SYMBOL = re.compile(r"/QH\d*$|[/-]NQ\b")


def _adopted_after(text: str, number_match: re.Match[str], number: str,
                   doc_type: str | None) -> tuple[str | None, int] | None:
    """(date passed, end of its quote) of a law or a resolution "được … thông qua ngày …" after its number; named
    again by its type in the next sentence only when it is the one number of its sentence."""
    end = number_match.end()
    if "thông qua" not in text[end:end + 300] or not _ADOPTING_SYMBOL.search(number):
        return None
    found = _ADOPTED_AFTER.match(text, end, min(len(text), end + 300))
    if found is None:
        return None
    if found.group("same"):
        opening = max(text.rfind(". ", 0, number_match.start()), text.rfind("\n", 0, number_match.start())) + 1
        if (" ".join(found.group("same").split()) != doc_type or _NUMBER_RE.search(found.group("skipped"))
                or _NUMBER_RE.search(text, opening, number_match.start())):
            return None
    issued = _date_from(found)
    return (issued, found.end()) if issued else None


# A list line opening with the document's date and a dash, the type and number right after it, as a gazette's table of
# contents prints its entries ("14/3/2025 - Nghị quyết số 05/2025/NQ-HĐND quy định …. Trang 3", fifteenth round).
_LISTED_DATE_BEFORE = re.compile(rf"(?:^|(?<=\n))[ \t|•*-]*{_DATE_BODY}[ \t]*[-–—][ \t]*$", re.VERBOSE)


# One symbol written once for a list of numbers: "các Quyết định số 2051, 2052 và 2053/QĐ-UBND ngày 17/10/2025"
# cites three decisions of that symbol, and the date written once after the last is theirs too.
_ELIDED_BEFORE = re.compile(
    r"(?<!\w)(?:số|Số|SỐ)[ \t]*:?[ \t]*(?P<list>(?:\d{1,5}[a-zA-Z]?[ \t]*(?:,|và)[ \t]*)+)$")
_LEADING_DIGITS = re.compile(r"\d+[a-zA-Z]?")


def _elided_numbers(text: str, elided: re.Match[str], number: str, doc_type: str | None, issued: str | None,
                    quote_end: int) -> list[_Mention]:
    """The numbers of a list whose symbol (and date) is written once, after the last, ``number``."""
    tail = number[_LEADING_DIGITS.match(number).end():]
    typed = _TYPE_BEFORE.search(text, max(0, elided.start() - 60), elided.start("list"))
    list_type = _canonical_type(typed.group("type")) if typed else doc_type or type_of_symbol(number)
    return [(d.group(0) + tail, list_type, issued, elided.start("list") + d.start(), quote_end)
            for d in _LEADING_DIGITS.finditer(elided.group("list"))]


def _share_joined_dates(text: str, mentions: list[_Mention]) -> None:
    """A citation without a date, joined by "và" or a comma to the next, which is dated "cùng ngày …",
    takes that date (walked from the last: a list of three shares it too)."""
    shared = False  # the next mention's date was said "cùng ngày", or was shared from one that was
    for i in range(len(mentions) - 2, -1, -1):
        number, doc_type, issued, start, end = mentions[i]
        nxt = mentions[i + 1]
        shared = nxt[2] is not None and (shared or bool(re.search(r"cùng[ \t]+ngày", text[nxt[3]:nxt[4]], re.IGNORECASE)))
        if issued is None and shared and _JOINED.fullmatch(text, end, nxt[3]):
            mentions[i] = (number, doc_type, nxt[2], start, end)
        else:
            shared = False


# Dates said "lần lượt" (respectively) after a list of citations: "Kế hoạch số 75/KH-UBND và Kế hoạch số 96/KH-UBND
# của UBND tỉnh, ban hành lần lượt ngày 02/4/2025 và ngày 19/5/2025": the first date is the first citation's.
_RESPECTIVELY = re.compile(r"lần[ \t]+lượt(?:[ \t]+(?:là|được|đã|ban[ \t]+hành|ký|kí|vào))*[ \t]+ngày[ \t]+", re.IGNORECASE)
_DATE_ONLY = re.compile(_DATE_BODY, re.VERBOSE)
_NEXT_DATE = re.compile(r"[ \t]*(?:,|và)[ \t]*(?:ngày[ \t]+)?", re.IGNORECASE)


def _hand_out_respective_dates(text: str, mentions: list[_Mention]) -> None:
    """Give the dates of "lần lượt ngày A và ngày B" to the undated citations right before it, in order."""
    if len(mentions) < 2 or ("lượt" not in text and "LƯỢT" not in text):
        return  # a substring test spares most texts the case-blind search
    for anchor in _RESPECTIVELY.finditer(text):
        dates = []
        at = anchor.end()
        while (found := _DATE_ONLY.match(text, at)) is not None:
            dates.append(_date_from(found))
            joint = _NEXT_DATE.match(text, found.end())
            if joint is None or not _DATE_ONLY.match(text, joint.end()):
                break
            at = joint.end()
        before = [i for i, mention in enumerate(mentions) if mention[4] <= anchor.start()]
        if len(dates) < 2 or len(before) < len(dates):
            continue
        chosen = before[-len(dates):]
        first = mentions[chosen[0]][3]
        if _SENTENCE_END.search(text, first, anchor.start()) or any(mentions[i][2] for i in chosen):
            continue
        for i, issued in zip(chosen, dates, strict=True):
            number, doc_type, _, start, end = mentions[i]
            mentions[i] = (number, doc_type, issued, start, end)


# A PDF copy's page break between a number and its date: a line that is only the page's number ("Trang 2/6",
# "- 2 -"; the strong shapes of extractors/figures/layout.py, not a bare number, which a table row may be).
_PAGE_BREAK = re.compile(r"[ \t]*\n[ \t]*(?:-[ \t]*\d{1,3}[ \t]*-|Trang[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*(?=\n)")


def _date_after(text: str, end: int) -> re.Match[str] | None:
    """The signing date printed right after a number that ends at ``end`` (also past a page break)."""
    reach = min(len(text), end + _DATE_REACH)
    found = (_DATE_AFTER.match(text, end, reach) or _DATE_IN_BRACKETS.match(text, end, reach)
             or (_DATE_AFTER_SEMICOLON.match(text, end, reach) if ";" in text[end:end + 3] else None)
             or (_PLACE_DATE_AFTER.match(text, end, reach) if text.startswith(",", end) else None))
    if found is None and (page_break := _PAGE_BREAK.match(text, end, reach)):
        found = _DATE_AFTER.match(text, page_break.end(), min(len(text), page_break.end() + _DATE_REACH))
    return found


def _next_line_date(text: str, number: re.Match[str]) -> re.Match[str] | None:
    """The date alone on the line under a number alone on its line (a table pasted one cell per line)."""
    line_start = text.rfind("\n", 0, number.start()) + 1
    if text[line_start:number.start()].strip(" \t|"):
        return None
    return _NEXT_LINE_DATE.match(text, number.end())


def _yearless_date(text: str, number: str, end: int) -> tuple[str | None, int] | None:
    """(signing date, end of its quote) from "ngày 12/3" after a number whose symbol carries the year."""
    year = _SYMBOL_YEAR.match(number)
    found = _DATE_WITHOUT_YEAR.match(text, end, min(len(text), end + 40)) if year else None
    if not found:
        return None
    issued = _iso(found.group("d"), found.group("m"), year.group(1))
    return (issued, found.end()) if issued else None


def _attribute_issued(text: str, number: re.Match[str]) -> tuple[str | None, int] | None:
    """(signing date, end of its quote) from the attribute block the number heads, if it heads one."""
    line_start = text.rfind("\n", 0, number.start()) + 1
    line_end = text.find("\n", number.end())
    line_end = len(text) if line_end < 0 else line_end
    labelled = _NUMBER_LABEL.search(text, line_start, number.start()) is not None
    if not labelled and len(text[line_start:line_end].split()) > _SHORT_LINE_WORDS:
        return None
    rest = _ISSUED_LABEL.search(text, number.end(), line_end) if labelled else None
    if rest:
        return _date_from(rest), rest.end()
    start = line_end + 1
    for _ in range(_BLOCK_LINES):
        if start > len(text):
            break
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        found = _ISSUED_LABEL.match(text, start, end)
        if found:
            return _date_from(found), found.end()
        if _NUMBER_RE.search(text, start, end):
            return None  # the next document's block
        start = end + 1
    return None


# The signing date closing the sentence that cites the number, after its object ("Chủ tịch UBND tỉnh vừa ký
# Quyết định số 1987/QĐ-UBND công nhận 24 sản phẩm …, ký ngày 25/9/2025."): a comma, then the signing verb and
# the date, with no other number cited between and no sentence end.
_SIGNED_AFTER_CLAUSE = re.compile(
    rf",[ \t]*(?:(?:đã|được)[ \t]+)*(?:(?:ký|kí)(?:[ \t]+ban[ \t]+hành)?|ban[ \t]+hành)[ \t]+(?:vào[ \t]+)?ngày[ \t]+{_DATE_BODY}",
    re.VERBOSE | re.IGNORECASE)
_SENTENCE_REACH = 240
_SENTENCE_END = re.compile(r"[.;!?](?!\d)|\n")  # not the dots inside a date ("25.9.2025")


def _signed_at_sentence_end(text: str, end: int) -> tuple[str | None, int] | None:
    """(signing date, end of its quote) said after the clause that a number at ``end`` opens."""
    stop = min(len(text), end + _SENTENCE_REACH)
    sentence_end = _SENTENCE_END.search(text, end, stop)
    stop = sentence_end.start() if sentence_end else stop
    found = _SIGNED_AFTER_CLAUSE.search(text, end, stop)
    if found is None or _NUMBER_RE.search(text, end, found.start()):
        return None
    return _date_from(found), found.end()


# A table of documents whose header names the signing date's column ("| STT | Số ký hiệu | Cơ quan ban hành | Ngày
# ban hành | Trích yếu |"): the number's row holds its date in that column, wherever the number's cell is.
# The header may say "Ngày, tháng, năm ban hành" (official tables) or "Ngày ký".
_DATE_HEADER = re.compile(r"^[ \t]*ngày(?:[ \t]*,?[ \t]*tháng)?(?:[ \t]*,?[ \t]*năm)?[ \t]+(?:ban[ \t]+hành|ký|kí)"
                          r"(?:[ \t]+văn[ \t]+bản)?[ \t]*$", re.IGNORECASE)
_TABLE_ROWS_UP = 40


def _column_date(text: str, number: re.Match[str]) -> tuple[str | None, int] | None:
    """(signing date, end of its cell) in the "Ngày ban hành" column of the table row that holds the number."""
    line_start = text.rfind("\n", 0, number.start()) + 1
    line_end = text.find("\n", number.end())
    line_end = len(text) if line_end < 0 else line_end
    row = text[line_start:line_end]
    if not row.lstrip().startswith("|"):
        return None
    cells = row.split("|")
    at = text.count("|", line_start, number.start())  # the number's cell
    up = line_start
    for _ in range(_TABLE_ROWS_UP):
        if up <= 0:
            return None
        above = text.rfind("\n", 0, up - 1) + 1
        header = text[above:up - 1]
        if not header.lstrip().startswith("|"):
            return None  # the table ends above without a header naming the date's column
        columns = [i for i, cell in enumerate(header.split("|")) if _DATE_HEADER.match(cell)]
        if columns:
            column = columns[0]
            if column == at or column >= len(cells):
                return None
            found = _DATE_ONLY.fullmatch(cells[column].strip())
            if found is None:
                return None
            cell_end = line_start + sum(len(c) + 1 for c in cells[:column + 1]) - 1
            return _date_from(found), cell_end
        up = above
    return None


# The signing date after the document's subject, right before its issuer: "Kế hoạch số 96/KH-UBND về việc thực hiện
# Chương trình … năm 2025 ngày 14/3/2025 của UBND tỉnh" (the subject opens with "về" right after the number; no
# event named in it, no other number, no sentence end between).
_SUBJECT_OPENS = re.compile(r"[ \t]*,?[ \t]*về[ \t]", re.IGNORECASE)
_DATE_BEFORE_ISSUER = re.compile(
    rf"[ \t]ngày[ \t]+{_DATE_BODY}[ \t]+của[ \t]+(?-i:(?:UBND|HĐND|Ủy[ \t]ban|Uỷ[ \t]ban|Hội[ \t]đồng[ \t]nhân[ \t]dân|Chủ[ \t]tịch"
    rf"|Thủ[ \t]tướng|Chính[ \t]phủ|Bộ|Sở|Ban|Tỉnh[ \t]ủy|Huyện[ \t]ủy|Đảng[ \t]ủy|Văn[ \t]phòng)(?!\w))",
    re.VERBOSE | re.IGNORECASE)
_EVENT_WORDS = re.compile(r"(?<!\w)(?:tổ[ \t]+chức|hội[ \t]+nghị|hội[ \t]+chợ|họp|diễn[ \t]+ra|khai[ \t]+mạc|tuần[ \t]+hàng"
                          r"|lễ|sự[ \t]+kiện|hội[ \t]+thảo|kiểm[ \t]+tra|làm[ \t]+việc)(?!\w)", re.IGNORECASE)


# Or after the subject, the signer and an issuing verb (fourteenth round): "Đề án số 12/ĐA-BNNMT về nâng cao chất lượng
# sản phẩm OCOP được Bộ trưởng phê duyệt ngày 25/02/2026" — not when the subject names another document, whose
# approval the date may be ("Kế hoạch số … về thực hiện Đề án … được UBND tỉnh phê duyệt ngày …").
_APPROVED_AFTER_SUBJECT = re.compile(
    rf"[ \t,]+(?:đã[ \t]+)?được[ \t]+(?:[^\W\d_]+[ \t]+){{1,8}}?(?:phê[ \t]+duyệt|ký|kí|ban[ \t]+hành)[ \t]+(?:vào[ \t]+)?"
    rf"ngày[ \t]+{_DATE_BODY}", re.VERBOSE | re.IGNORECASE)
_TYPE_IN_SUBJECT = re.compile(rf"(?<!\w)(?:{_TYPE_WORDS})(?!\w)", re.IGNORECASE)


def _signed_after_subject(text: str, end: int) -> tuple[str | None, int] | None:
    """(signing date, end of its quote) written after the subject that follows a number at ``end``."""
    if not _SUBJECT_OPENS.match(text, end):
        return None
    stop = min(len(text), end + _SENTENCE_REACH)
    sentence_end = _SENTENCE_END.search(text, end, stop)
    stop = sentence_end.start() if sentence_end else stop
    found = _DATE_BEFORE_ISSUER.search(text, end, stop)
    if found is None and "được" in text[end:stop]:
        found = _APPROVED_AFTER_SUBJECT.search(text, end, stop)
        if found and _TYPE_IN_SUBJECT.search(text, end, found.start()):
            return None
    if found is None or _NUMBER_RE.search(text, end, found.start()) or _EVENT_WORDS.search(text, end, found.start()):
        return None
    return _date_from(found), found.end()


def _cell_date_before(text: str, start: int) -> str | None:
    """The signing date in the table cell right before the cell that a number at ``start`` opens."""
    found = _CELL_DATE_BEFORE.search(text, max(0, start - _CELL_REACH), start)
    return _date_from(found) if found else None


def _letterhead_issued(text: str, number: re.Match[str]) -> tuple[str | None, int] | None:
    """(date, end of its quote) of the place-date line under a letterhead's own number, if the number is one."""
    line_start = text.rfind("\n", 0, number.start()) + 1
    if not _LETTERHEAD_NUMBER.fullmatch(text, line_start, number.start()):
        return None
    start = text.find("\n", number.end()) + 1
    lines = addressees = 0
    addressed = False
    while lines < _LETTERHEAD_LINES:
        if start <= 0:
            break
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        found = _PLACE_DATE.match(text, start, end)
        if found:
            return _date_from(found), found.end()
        if not addressed and _ADDRESSED.match(text, start, end):
            addressed = True  # a letter's "Kính gửi:" list: its addressees stand between the columns
            start = end + 1
            continue
        if addressed and addressees < _ADDRESSEES and _ADDRESSEE.match(text, start, end):
            addressees += 1
            start = end + 1
            continue
        lines += 1
        start = end + 1
    return None


def _numbers(text: str) -> Iterator[re.Match[str]]:
    """``_NUMBER_RE.finditer(text)``, tried only at the digits it can start at (found by a search that
    skips to digits): the full pattern tested at every character costs more than the rest of
    ``find_documents``."""
    end = 0
    for digit in _NUMBER_START.finditer(text):
        if digit.start() >= end:
            m = _NUMBER_RE.match(text, digit.start())
            if m is not None:
                yield m
                end = m.end()


def _bare_numbers(text: str, cited: list[_Mention]) -> Iterator[_Mention]:
    """Mentions of numbers printed without a symbol, unless the text also cites a full number of
    that type starting with those digits ("Kế hoạch số 45/KH-UBND … theo Kế hoạch số 45")."""
    full: dict[tuple[str | None, str], list[str]] = {}
    for number, doc_type, *_ in cited:
        full.setdefault((doc_type, number.split("/")[0].split("-")[0]), []).append(number)
    for m in _BARE_NUMBER.finditer(text):
        typed = _TYPE_ENDING.search(text, max(0, m.start() - 40), m.start())
        if typed is None:
            continue
        doc_type = (_canonical_type(typed.group("type")) if typed.group("type")
                    else _TYPE_ABBREVIATIONS[typed.group("abbreviation")])
        number = m.group("number")
        if (doc_type, number) in full:
            # the document named again by its digits ("Theo Quyết định số 590 (ký ngày 13/3/2026), …"): a date
            # written there is the full number's, when one number of that type has those digits
            same = {number_key(n) for n in full[(doc_type, number)]}
            dm = _date_after(text, m.end())
            if dm and len(same) == 1:
                yield full[(doc_type, number)][0], doc_type, _date_from(dm), typed.start(), dm.end()
            continue
        dm = _date_after(text, m.end())
        issued = _date_from(dm) if dm else _date_opening_sentence(text, typed.start())
        yield number, doc_type, issued, typed.start(), dm.end() if dm else m.end()


def _canonical_type(word: str) -> str:
    word = " ".join(word.split())
    if word.lower() in _TYPE_ALIASES:
        return _TYPE_ALIASES[word.lower()]
    for t in DOC_TYPES:
        if t.lower() == word.lower():
            return t
    return word


# Verbs that make an opening date the signing date: "ban hành", "ký (ban hành)", "phê duyệt";
# "đăng ký" is registration, and "tổ chức triển khai Quyết định" dates a meeting, not the document.
_ISSUING_VERB = re.compile(r"ban hành|(?<!đăng )(?<!\w)ký(?!\w)|phê duyệt", re.IGNORECASE)
# "Ngày 24/6/2024, UBND tỉnh có Quyết định số …": "có" issues only right before the type word ("tỉnh có 20
# sản phẩm theo Quyết định số …" dates the count).
_ISSUING_HAS = re.compile(r"(?<!\w)(?:có|ra)[ \t]+$", re.IGNORECASE)


# "Ngày 12/9/2024, UBND tỉnh ban hành Kế hoạch số 201/KH-UBND thay thế Kế hoạch số 112/KH-UBND …, bãi bỏ
# Quyết định số …": the opening date is the new document's, not the one it amends, replaces or repeals
# (the amending verb, and a few words at most, right before the citation).
_AMENDED = re.compile(r"(?<!\w)(?:thay[ \t]+thế|sửa[ \t]+đổi|bổ[ \t]+sung|bãi[ \t]+bỏ|hủy[ \t]+bỏ|huỷ[ \t]+bỏ"
                      r"|điều[ \t]+chỉnh|đính[ \t]+chính)(?!\w)(?:[ \t,]+[^\W\d_]+){0,6}[ \t,]*$", re.IGNORECASE)


def _date_opening_sentence(text: str, start: int) -> str | None:
    """A date that opens the sentence: "Ngày 02 tháng 6 năm 2021, UBND tỉnh ban hành Kế hoạch số ..."."""
    window_start = max(0, start - 160)
    window = text[window_start:start]
    cut = max(window.rfind("."), window.rfind(";"), window.rfind("\n"))
    # a period inside the date itself ("02.6.2021") is not a sentence end: search the whole window
    for m in _DATE_OPENING.finditer(window):
        between = window[m.end():]
        if m.group("clause") and (re.search(r"[,\d]", between) or _NUMBER_BEFORE_COMMA.search(window, 0, m.start())):
            continue
        opens = m.start() >= cut - 12 or (m.group("dateline") and not re.search(r"[.;\n]", between))
        if opens and (_ISSUING_VERB.search(between) or _ISSUING_HAS.search(between)):
            if _AMENDED.search(between):
                return None  # the document the issued one amends, replaces or repeals
            return _date_from(m)
    return None


# A document dated relatively to the sentence before (fourteenth round): "Cùng ngày, UBND tỉnh có Kế hoạch số …",
# "Ngày hôm sau, Sở … ban hành Công văn số …", "Trước đó một tuần, Hội đồng … có Tờ trình số …". The date is
# counted from the last full date printed before it in its paragraph; the phrase opens the sentence and an
# issuing verb (or "có"/"ra" before the type) follows, as for an opening date.
_RELATIVE_OPENING = re.compile(
    r"(?:^|[.;\n])[ \t]*(?:(?P<same>Cùng[ \t]+ngày)(?![ \t]*\d)|(?P<next>(?:Ngày|Một[ \t]+ngày)[ \t]+hôm[ \t]+sau|Hôm[ \t]+sau)"
    r"(?:[ \t]+đó)?|(?P<dir>Trước|Sau)[ \t]+đó[ \t]+(?P<n>một|hai|ba|\d)[ \t]+(?P<unit>ngày|tuần)"
    r"|(?P<n2>Một|Hai|Ba|\d)[ \t]+(?P<unit2>ngày|tuần)[ \t]+(?P<dir2>trước|sau)[ \t]+đó)[ \t]*,?")
_RELATIVE_COUNTS = {"một": 1, "hai": 2, "ba": 3}
_RELATIVE_WORDS = ("ùng ngày", "ôm sau", "au đó", "rước đó")


def _relative_offset(m: re.Match[str]) -> int:
    if m.group("same"):
        return 0
    if m.group("next"):
        return 1
    n, unit, direction = ((m.group("n"), m.group("unit"), m.group("dir")) if m.group("dir")
                          else (m.group("n2"), m.group("unit2"), m.group("dir2")))
    count = int(n) if n.isdigit() else _RELATIVE_COUNTS[n.lower()]
    return count * (7 if unit == "tuần" else 1) * (-1 if direction.lower() == "trước" else 1)


def _relative_dates(text: str, mentions: list[_Mention]) -> None:
    """Give an undated citation the date its sentence's opening phrase counts from the last full date before it."""
    if not any(m[2] is None for m in mentions) or not any(w in text for w in _RELATIVE_WORDS):
        return  # substring tests spare most texts the search
    for i, (number, doc_type, issued, start, end) in enumerate(mentions):
        if issued is not None:
            continue
        window_start = max(0, start - 160)
        window = text[window_start:start]
        if not any(w in window for w in _RELATIVE_WORDS):
            continue
        cut = max(window.rfind("."), window.rfind(";"), window.rfind("\n"))
        for m in _RELATIVE_OPENING.finditer(window):
            between = window[m.end():]
            if m.start() < cut - 8 or re.search(r"\d", between) or _AMENDED.search(between) \
                    or not (_ISSUING_VERB.search(between) or _ISSUING_HAS.search(between)):
                continue
            paragraph = text.rfind("\n\n", 0, window_start + m.end()) + 1
            dates = list(_DATE_ONLY.finditer(text, max(paragraph, window_start + m.start() - 600), window_start + m.start()))
            anchor = _date_from(dates[-1]) if dates else None
            if anchor:
                moved = date.fromisoformat(anchor) + timedelta(days=_relative_offset(m))
                mentions[i] = (number, doc_type, moved.isoformat(), start, end)
            break


def _merge(text: str, mentions: list[_Mention]) -> list[DocumentRef]:
    order: list[str] = []
    grouped: dict[str, list[_Mention]] = {}
    for mention in mentions:
        key = number_key(mention[0])
        if key not in grouped:
            order.append(key)
            grouped[key] = []
        grouped[key].append(mention)
    out = []
    for key in order:
        group = grouped[key]
        dated = [g for g in group if g[2]]
        chosen = dated[0] if dated else group[0]
        doc_type = next((g[1] for g in group if g[1]), None)
        number, _, issued, start, end = chosen
        out.append(DocumentRef(
            number=number, type=doc_type, issuer=issuer_of(number), issued=issued,
            quote=text[start:end], start=start, end=end,
        ))
    return out
