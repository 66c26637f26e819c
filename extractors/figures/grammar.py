"""The shared vocabulary of the figures grammar: counts, star phrases, years, sentence breaks.

Readers build their rule tables from these pieces. Every pattern is free of nested unbounded
repetition, so matching stays linear on long pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from extractors.figures.lowercase import Folded, compile_lower
from extractors.numbers import NUMBER_WORDS, WORDS_PATTERN

_I = re.IGNORECASE

# ------------------------------------------------------------------ counts

#: Digits of a count: "07", "1.316". A comma-decimal ("126,5") or a date/document tail is not one.
COUNT_DIGITS = r"(?<![\w.,/])(?:\d{1,3}(?:\.\d{3})+|\d{1,6})(?![\w]|[.,]\d)"
NOUN = r"(?:s[ảa]n\s+ph[ẩa]m|SP)(?!\w)"


def _anchor(sp: str) -> str:
    return (rf"(?P<num>{COUNT_DIGITS}|{WORDS_PATTERN})"
            r"(?:[ \t]*[-–][ \t]*(?P<hi>\d{1,6})(?![\w.,/]))?"  # a range "400-500": the lower bound counts
            r"(?:[ \t]*/[ \t]*(?P<den>\d{1,6})(?![\w.,/]))?"  # "43/34": achieved out of planned
            rf"\s+(?P<noun>s[ảa]n\s+ph[ẩa]m|{sp})(?!\w)")


#: "<count>[-<upper>][/<denominator>] sản phẩm" — the anchor of every figure.
ANCHOR_RE = re.compile(_anchor("SP"), _I)
NOUN_RE = re.compile(r"s[ảa]n\s+ph[ẩa]m(?!\w)|(?<!\w)SP(?!\w)", _I)
#: The same two for a text in lower case (``lowercase.lowered``): the same matches, found faster. The
#: anchor opens with a test of the characters a match can start with (a digit, a number word's first
#: letter), which passes over the other positions at one comparison instead of trying every branch;
#: the noun opens with its "s" (and tests the character before it after it), which the search skips
#: to in C.
_NUMBER_FIRST = "".join(sorted({w[0] for w in NUMBER_WORDS}))
ANCHOR_LOWER_RE = re.compile(rf"(?=[\d{_NUMBER_FIRST}])" + _anchor("sp"))
NOUN_LOWER_RE = re.compile(r"s(?:[ảa]n\s+ph[ẩa]m(?!\w)|(?<!\ws)p(?!\w))")
OCOP_AFTER_RE = re.compile(r"[ \t]+OCOP(?!\w)")

#: A count cut off by the end of a truncated passage: "… cũng đã công nhận 18", "có 12 sản phẩ".
TRUNCATED_TAIL_RE = re.compile(
    rf"(?:(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng)\s+(?:thêm\s+)?(?:cho\s+)?(?P<num>{COUNT_DIGITS})"
    rf"|(?<!\w)(?:có|thêm|cho|nhận|đạt)\s+(?P<num2>{COUNT_DIGITS})\s+s(?:ả(?:n(?:\s+(?:p(?:h(?:ẩ)?)?)?)?)?)?)\s*$",
    _I,
)


def may_end_truncated(text: str) -> bool:
    """Whether ``text`` may end as TRUNCATED_TAIL_RE needs: its last character before the closing
    white space a digit, or a letter of "sản ph" ("ſ" is an "s" ignoring case). False means the
    pattern, which is tried at every position, cannot match."""
    tail = text.rstrip()
    if not tail:
        return False
    last = tail[-1]
    return last.isdigit() or last.lower() in "sảnphẩ" or last == "ſ"


#: A total stated without repeating the noun: "nâng tổng số sản phẩm OCOP của tỉnh lên 312", "tổng số sản
#: phẩm 5 sao của tỉnh lên 8" (the level of the total between the noun and the rise), "số sản
#: phẩm OCOP của huyện đã lên tới 71" (a plain "số sản phẩm" only with a rise: "số sản phẩm … là" may
#: count candidates).
TOTAL_WITHOUT_NOUN_RE = re.compile(
    r"(?:(?:tổng\s+số|số\s+lượng)\s+s[ảa]n\s+ph[ẩa]m(?:\s+OCOP)?(?:\s+(?:hạng\s+)?[1-5]\s*sao)?"
    r"[^.;:\d\n]{0,40}?\s(?:lên|là|đạt)"
    r"|(?<!\w)số\s+s[ảa]n\s+ph[ẩa]m(?:\s+OCOP)?[^.;:\d\n]{0,40}?\s(?:tăng\s+)?lên)\s+(?:tới\s+|đến\s+)?(?:con\s+số\s+)?"
    # (a total spoken in words, "nâng tổng số … lên ba mươi hai": not "một" or "năm" alone, an article or a year)
    rf"(?P<num>{COUNT_DIGITS}|(?!(?:một|năm)(?![ \t]+(?:mươi|trăm|nghìn|ngàn))(?!\w)){WORDS_PATTERN}"
    rf"(?![ \t]+(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})(?!\w)))"
    r"(?!\s*(?:%|s[ảa]n\s+ph[ẩa]m|xã|chủ|tỷ|triệu|hộ|ha|tấn|đồng|(?:19|20)\d\d))",
    _I,
)
#: The same for the sentence's lower case (``lowercase.lowered``): tried case-insensitively it
#: walked its branches at every character of a sentence that names a total (an eighth of finding a
#: page's counts); its case-sensitive copy is three times faster.
TOTAL_WITHOUT_NOUN_LOWER_RE = compile_lower("", TOTAL_WITHOUT_NOUN_RE.pattern.replace("OCOP", "ocop"))
#: Counts that share the noun of the count after them: "lần lượt 17 và 14 sản phẩm",
#: "12 và 9 sản phẩm OCOP 3 sao". A comma list needs "lần lượt" (a comma alone joins clauses).
SHARED_NOUN_AND_RE = re.compile(
    rf"(?<![\w.,/])(?P<num>{COUNT_DIGITS})\s+và\s+(?={COUNT_DIGITS}\s+{NOUN})", _I)
#: "tăng từ 126 lên 138 sản phẩm": the start of a rise shares the noun of its end.
SHARED_NOUN_FROM_RE = re.compile(
    rf"(?<!\w)từ\s+(?P<num>{COUNT_DIGITS})\s+(?:lên|xuống)\s+(?={COUNT_DIGITS}\s+{NOUN})", _I)
SHARED_NOUN_LIST_RE = re.compile(
    rf"lần\s+lượt\s+(?:là\s+|có\s+(?:thêm\s+)?|đạt\s+|(?:được\s+)?(?:công|chứng)\s+nhận\s+(?:thêm\s+)?)?(?P<list>(?:{COUNT_DIGITS}\s*,\s*)+){COUNT_DIGITS}"
    rf"(?:\s*(?:,\s*)?và\s+\d[\d.]*)?\s+{NOUN}", _I)
#: A level then its count with the noun dropped, inside a breakdown: "(3 sao: 71; 4 sao: 15)", or a label
#: line of an infographic or report printed as text: "Sản phẩm 5 sao: 76".
LEVEL_COLON_COUNT_RE = re.compile(
    rf"(?<!\w)(?:hạng\s+)?0?[1-5]\s*(?:sao|\*)\s*:\s*(?P<num>{COUNT_DIGITS})"
    # (the unit that makes it another count is on the same line: "Sản phẩm 5 sao: 76\nSản phẩm 4 sao: …" lists levels)
    r"(?![\d.,]*[ \t]*(?:%|s[ảa]n\s+ph[ẩa]m|SP(?!\w)|xã|chủ|tỷ|triệu|hộ|ha|điểm))", _I)

#: A place and its count with the noun dropped, in a list whose other items count products:
#: "Gia Nghĩa 4, Đắk Mil 3, Cư Jút và Krông Nô mỗi nơi 2 sản phẩm", "Đắk R'lấp (9 sản phẩm), tiếp theo là
#: Đắk Song (8), Tuy Đức (6)". The name's words must be capitalised and name a district or province of
#: the gazetteer (checked by the caller), the number end the item (a comma, a semicolon, 'và', the end).
PLACE_BARE_COUNT_RE = re.compile(
    r"(?<![\w.])(?P<name>(?:(?:huyện|xã|thị\s+xã|thành\s+phố|TP\.?|phường|thị\s+trấn|quận)\s+)?"
    r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}?)\s+(?:\(\s*)?(?P<num>\d{1,4})(?:\s*\))?"
    r"(?=\s*(?:[,;.]|và\s|$))")
#: What ends every match of PLACE_BARE_COUNT_RE: a number of 1–4 digits after a space or "(", then the
#: item's end. Searched first: a sentence without one is not scanned word by word. (It opens with the
#: digit, then looks behind it for the space or "(": ``re`` skips to digits in C, where a pattern that
#: opens with a lookbehind is tried at every position.)
PLACE_BARE_COUNT_END_RE = re.compile(r"\d(?<=[\s(]\d)\d{0,3}(?:\s*\))?(?=\s*(?:[,;.]|và\s|$))")

#: Words right before a number that make it a date, an ordinal or an identifier, not a count.
NOT_A_COUNT_BEFORE_RE = re.compile(
    r"(?:năm|tháng|ngày|(?<!trong\s)(?<!tổng\s)(?<!con\s)số|thứ|lần|top|đợt|khóa|khoá|kỳ|điều|khoản|mục|giai\s+đoạn|phiên|quý"
    # "Bộ 3 sản phẩm quà tặng", "Giỏ quà Tết 4 sản phẩm": one product made of several
    r"|(?<!\w)(?:bộ|combo|hộp|set|giỏ|gói)(?:\s+quà(?:\s+(?:tặng|tết|biếu))?)?)\s*$",
    _I,
)
#: A lone "năm" (five / year) after these words is the year: "trong năm sản phẩm ...".
YEAR_WORD_CONTEXT_RE = re.compile(r"(?:trong|mỗi|hàng|cả|của|từng|qua|các|những|nhiều|một)\s*$", _I)
#: The lower bound of a range written with words: "(từ) 1 đến 2 sản phẩm", "3 tới 5 sản phẩm".
RANGE_WITH_DEN_RE = re.compile(r"(?<![\w.,/])(?P<lo>\d{1,6})\s+(?:đến|tới)\s+$", _I)
#: "Trong (tổng số) 16.352 sản phẩm …, có …": the count opens a breakdown of a set stated before.
BACK_REF_BEFORE_RE = re.compile(r"(?:^|[\W_])trong\s+(?:tổng\s+)?(?:số\s+)?$", _I)
#: "19 sản phẩm nói trên gồm …": the set named before, pointed at again by the words after its noun.
AFORESAID_AFTER_RE = re.compile(r"\s+(?:OCOP\s+)?(?:nói\s+trên|kể\s+trên|trên\s+đây)(?!\w)", _I)
#: "Đây là 3 sản phẩm …", "Đó là cả 4 sản phẩm …": the set named before, pointed at again.
DEMONSTRATIVE_BEFORE_RE = re.compile(r"(?:^|[.;:]\s*)\W*(?:đây|đó)\s+là\s+(?:cả\s+)?$", _I)

# ------------------------------------------------------------------ star levels

_STAR_N = r"(?:(?<![\d.,])0?[1-5](?![\d.,])|(?<!\w)(?:một|hai|ba|bốn|năm)(?!\w))"
_SAO = r"(?:sao(?:[1-9](?!\w))?(?!\w)|\*|★)"  # "3 sao2": a footnote mark a PDF printed flat
_HANG = r"(?:hạng\s+)?"
_COUNCIL = r"(?:cấp\s+(?:tỉnh|huyện|thành\s+phố)\s+)?"

#: Products whose certificate expired and that were certified again, said after the count: "12 sản phẩm có
#: giấy chứng nhận hết hạn trong năm đã được đánh giá lại" (not "… không đề nghị công nhận lại").
RECERTIFIED_AFTER = Folded(r"[^.;]{0,50}?hết\s+(?:thời\s+)?hạn(?:(?!không|chưa|sẽ|cần)[^.;,]){0,40}?(?<!\w)(?:đã\s+)?được\s+"
                           r"(?:đánh\s+giá|công\s+nhận|cấp|chứng\s+nhận)(?:\s*,\s*(?:đánh\s+giá|công\s+nhận|chứng\s+nhận))?\s+lại")

#: One star phrase. Alternatives are tried in this order at each position.
STAR_RE = Folded(
    # upgrade: "(từ hạng 3 sao) lên hạng 4 sao, 5 sao" → the level(s) reached; a downgrade "xuống 3 sao" likewise
    # ("từ 4 sao cấp tỉnh lên 5 sao": the level's council may stand between)
    rf"(?P<up>(?:từ\s+{_HANG}{_STAR_N}\s*sao\s+{_COUNCIL})?(?:lên|xuống|thành)\s+{_HANG}(?P<up_a>{_STAR_N})\s*{_SAO}"
    rf"(?P<up_more>(?:\s*(?:,|và|hoặc)\s*{_HANG}{_STAR_N}\s*{_SAO}){{0,3}}))"
    # range: "từ 3 đến 5 sao", "từ 3 sao đến 4 sao", "3 - 4 sao", "từ 03 đến 04 sao trở lên"
    rf"|(?P<range>(?:từ\s+)?{_HANG}(?P<r_a>{_STAR_N})\s*(?:sao\s*)?(?:đến|tới|-|–|~)\s*{_HANG}"
    rf"(?P<r_b>{_STAR_N})\s*{_SAO}(?P<r_plus>\s+trở\s+lên)?)"
    # at least: "3 sao trở lên", "từ 3 sao" (not followed by đến/lên)
    rf"|(?P<plus>(?:từ\s+)?{_HANG}(?P<p_a>{_STAR_N})\s*{_SAO}\s+trở\s+lên"
    rf"|từ\s+{_HANG}(?P<p_b>{_STAR_N})\s*{_SAO}(?!\s*{_COUNCIL}(?:đến|tới|-|–|lên|xuống|thành)))"
    # list of levels: "3 sao và 4 sao", "4 sao, 5 sao"
    rf"|(?P<list>{_HANG}(?P<l_a>{_STAR_N})\s*{_SAO}(?P<l_more>(?:\s*(?:,|và|hoặc|/)\s*{_HANG}{_STAR_N}\s*{_SAO}){{1,3}}))"
    # one level: "4 sao", "4*", "bốn sao", "03 sao"
    rf"|(?P<single>(?P<s_a>{_STAR_N})\s*{_SAO})",
)
STAR_N_RE = re.compile(_STAR_N, _I)
_STAR_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5}


def star_level(token: str) -> int:
    token = token.strip().lower()
    return int(token) if token.isdigit() else _STAR_WORDS[token]


def star_label(levels: list[int], *, at_least: bool = False) -> str:
    """The gold label for a set of star levels: "4", "3+" (up to 5 or "trở lên"), "3-4"."""
    lo, hi = min(levels), max(levels)
    if at_least:
        return str(lo) if lo == 5 else f"{lo}+"
    if lo == hi:
        return str(lo)
    if hi == 5:
        return f"{lo}+"
    return f"{lo}-{hi}"


def stars_of(m: re.Match[str]) -> str:
    """The label of one :data:`STAR_RE` match."""
    if m.group("up"):
        levels = [star_level(m.group("up_a"))]
        levels += [star_level(t) for t in STAR_N_RE.findall(m.group("up_more") or "")]
        return star_label(levels)
    if m.group("range"):
        a, b = star_level(m.group("r_a")), star_level(m.group("r_b"))
        # "từ 3 đến 4 sao trở lên": the range is open upwards
        return star_label([a], at_least=True) if m.group("r_plus") else star_label([a, b])
    if m.group("plus"):
        return star_label([star_level(m.group("p_a") or m.group("p_b"))], at_least=True)
    if m.group("list"):
        levels = [star_level(m.group("l_a"))]
        levels += [star_level(t) for t in STAR_N_RE.findall(m.group("l_more") or "")]
        return star_label(levels)
    return str(star_level(m.group("s_a")))


# ------------------------------------------------------------------ years and dates

#: A year 19xx or 20xx, not inside a longer number, not a document's "/2024/NĐ". (Each branch opens
#: with its digit and tests the character before after it: the search then skips to a "1" or a "2"
#: in C instead of trying every position.)
YEAR_RE = re.compile(r"(?:1(?<!\d1)9|2(?<!\d2)0)\d\d(?!\d)(?!\s*/\s*[A-ZĐ])")
#: A day/month(/year) date: "31/1/2025", "29-8", "ngày 2 tháng 6 năm 2021".
DATE_RE = re.compile(
    r"(?<![\d/.-])(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<m>[01]?\d)(?:\s*[/.-]\s*(?P<y>(?:19|20)\d\d))?(?![\d/])"
    r"|ngày\s+(?P<d2>[0-3]?\d)\s+tháng\s+(?P<m2>[01]?\d)(?:\s+năm\s+(?P<y2>(?:19|20)\d\d))?",
    _I,
)
#: "tháng 7/2025", "tháng 7 năm 2025".
MONTH_YEAR_RE = re.compile(r"tháng\s+(?P<m>[01]?\d)\s*(?:/|năm)\s*(?P<y>(?:19|20)\d\d)(?!\d)", _I)

# ------------------------------------------------------------------ sentences and headings

#: A blank line, a line end, or a run of . ! ? … (and closing quotes) before a space. Opens with one
#: class of characters, which the search skips to in C.
SENTENCE_BREAK_RE = re.compile(r"[\n.!?…](?:(?<=\n)(?:[ \t]*\n)?|(?<=[.!?…])[.!?…]*[\"”’»)\]]*(?=\s))")
ABBREVIATIONS = frozenset(
    {"tp", "q", "p", "h", "tx", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "th", "đ/c", "v.v", "vv", "st", "no"}
)
LIST_NUMBER_RE = re.compile(r"\s*(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ]|(?:Điều|ĐIỀU)\s+\d{1,2})")
#: A new part of a document: "II. …", and an article of a decision or resolution, "Điều 2. …".
ROMAN_HEADING_RE = re.compile(r"[\W_]*(?:[IVXLC]+\s*[.)]|(?:Điều|ĐIỀU)\s+\d{1,2}\s*[.:])\s")
_HEADING_NUMBER = r"[\W_]*(?:[IVXLC]+\s*[.)]|điều\s+\d+\s*[.:]|\d+(?:\.\d+)*\s*[.)]?|[a-zđ]\s*\))?\s*"
#: Section headings of plans: counts under "Mục tiêu" are targets …
PLAN_HEADING_RE = re.compile(
    _HEADING_NUMBER + r"(?:(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)|nhiệm\s+vụ|kế\s+hoạch\s+năm|phương\s+hướng|định\s+hướng)(?!\w)", _I
)
#: … and under "Kết quả" they are not.
REPORT_HEADING_RE = re.compile(
    _HEADING_NUMBER + r"(?:kết\s+quả|thực\s+trạng|tình\s+hình|đánh\s+giá|tổ\s+chức\s+thực\s+hiện|giải\s+pháp"
    r"|kinh\s+phí|mục\s+đích)(?!\w)",
    _I,
)


# ------------------------------------------------------------------ words a pattern needs

#: A star phrase always holds one of these.
STAR_WORDS = ("sao", "*", "★")


T = TypeVar("T")


def last(matches: Iterable[T]) -> T | None:
    """The last item of an iterator of matches, or None (a pattern's last match before a count)."""
    item = None
    for item in matches:  # noqa: B007
        pass
    return item


# ------------------------------------------------------------------ counts whose noun is left out

#: What may close a count whose noun is left out: the item's end (a comma, a semicolon, a full stop, a bracket,
#: "và", the end). A unit after the number ("9 xã", "95%", "12 ha", "30 tỷ", "85 điểm", "40 tuổi") is no such close.
_ELIDED_CLOSE = r"(?=[ \t]*(?:[,;.)]|và\s|$))"
_ELIDED_NUM = r"(?P<num>(?<![\w.,/])\d{1,4}(?![\w]|[.,]\d))"
#: rule elided-repeat: an item that repeats the construction of the count before it with its verb and the noun
#: left out — "Quảng Ninh có 120 sản phẩm, Hà Nội có 95, Thanh Hóa 88", "năm 2023 có 40 sản phẩm, năm 2024 đạt
#: 52". The lead is a place (checked against the gazetteer by the caller) or "năm YYYY"; matched from the
#: comma or semicolon that opens the item.
ELIDED_REPEAT_RE = re.compile(
    r"[,;][ \t]*(?:còn[ \t]+|và[ \t]+|riêng[ \t]+)?(?P<lead>năm[ \t]+(?:(?:19|20)\d\d|nay|ngoái|trước|sau)(?!\w)"
    r"|(?:(?:tỉnh|huyện|thị\s+xã|thành\s+phố|TP\.?|quận|xã|phường|thị\s+trấn)\s+)?"
    r"[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3}?)"
    r"(?:[ \t]+(?P<verb>có|đạt|là|thêm|công\s+nhận|được\s+công\s+nhận))?[ \t]*:?[ \t]+" + _ELIDED_NUM + _ELIDED_CLOSE)
#: What may lie between a count with its noun and the comma of a repeated item: "OCOP", a level, a short word
#: run without a number ("sản phẩm 5 sao", "sản phẩm OCOP được công nhận").
ELIDED_GAP_RE = re.compile(r"(?:[ \t]+OCOP)?(?:[ \t]+(?:đạt[ \t]+)?(?:hạng[ \t]+)?[1-5][ \t]*sao)?[^\d,;.()]{0,30}$", _I)
#: (matched at the noun's end, with the comma as the end position.)
#: rule elided-bracket: a count in brackets right after a count with its noun, dated or compared —
#: "45 sản phẩm (năm 2023 là 38)", "6 sản phẩm (năm 2024 đạt 5)", "24 sản phẩm (cùng kỳ: 19)".
ELIDED_BRACKET_RE = re.compile(
    r"(?:[ \t]+OCOP)?(?:[ \t]+(?:hạng[ \t]+)?[1-5][ \t]*sao)?[ \t]*\([ \t]*(?P<lead>(?:cuối[ \t]+|hết[ \t]+)?năm[ \t]+(?:19|20)\d\d"
    r"|cùng[ \t]+kỳ(?:[ \t]+năm[ \t]+(?:trước|ngoái|(?:19|20)\d\d))?|năm[ \t]+(?:trước|ngoái))"
    r"[ \t]*(?:là|đạt|có|công[ \t]+nhận|:)?[ \t]*" + _ELIDED_NUM + r"[ \t]*\)", _I)
#: rule elided-part-of: "29 sản phẩm, 11 trong số đó đạt 4 sao" — a part of the set just counted.
ELIDED_PART_OF_RE = re.compile(_ELIDED_NUM + r"[ \t]+trong[ \t]+số[ \t]+(?:đó|này|ấy)(?!\w)", _I)
#: rule elided-restated: "có 49 sản phẩm thì sau 3 năm, con số này đã là 158" — the number a count is restated
#: as, later (a unit or a share after it is no count: "con số này là 15%").
ELIDED_RESTATED_RE = re.compile(
    r"(?<!\w)con[ \t]+số[ \t]+(?:này[ \t]+|đó[ \t]+|ấy[ \t]+|trên[ \t]+)?(?:nay[ \t]+)?(?:đã[ \t]+|cũng[ \t]+|mới[ \t]+|chỉ[ \t]+)?"
    r"(?:là|đạt|tăng[ \t]+lên|lên[ \t]+tới|lên)[ \t]+(?:khoảng[ \t]+|gần[ \t]+|hơn[ \t]+)?" + _ELIDED_NUM
    + r"(?=[ \t]*(?:[,;.)(]|và\s|$))", _I)
