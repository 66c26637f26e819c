"""Compiled-once patterns for the grammar of OCOP figures in Vietnamese.

A figure is anchored on a count followed by the noun *sản phẩm* ("07 sản phẩm", "1.316 sản
phẩm OCOP", "hai sản phẩm", "43/34 sản phẩm", "400-500 sản phẩm"). Everything else — the
star level, whether it was achieved, planned or proposed, the year — is read from the words
around that anchor with the small patterns below. Every pattern is free of nested unbounded
repetition, so matching stays linear on long pages.
"""

from __future__ import annotations

import re

from extractors.numbers import WORDS_PATTERN

_I = re.IGNORECASE

# ------------------------------------------------------------------ anchors

# Digits of a count: "07", "1.316". A comma-decimal ("126,5") or a date/document tail is not one.
_COUNT_DIGITS = r"(?<![\w.,/-])(?:\d{1,3}(?:\.\d{3})+|\d{1,6})(?![\w]|[.,]\d)"

#: "<count>[-<upper>][/<denominator>] sản phẩm" — the anchor of every figure.
ANCHOR_RE = re.compile(
    rf"(?P<num>{_COUNT_DIGITS}|{WORDS_PATTERN})"
    r"(?:[ \t]*[-–][ \t]*(?P<hi>\d{1,6})(?![\w.,/]))?"  # a range "400-500": the lower bound counts
    r"(?:[ \t]*/[ \t]*(?P<den>\d{1,6})(?![\w.,/]))?"  # "43/34": achieved out of planned
    r"\s+(?P<noun>s[ảa]n\s+ph[ẩa]m|SP)(?!\w)",
    _I,
)

#: A count cut off by the end of a truncated passage: "… cũng đã công nhận 18".
TRUNCATED_TAIL_RE = re.compile(
    rf"(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng)\s+(?:thêm\s+)?(?P<num>{_COUNT_DIGITS})\s*$", _I
)

#: A total stated without repeating the noun: "nâng tổng số sản phẩm OCOP của tỉnh lên 312".
TOTAL_WITHOUT_NOUN_RE = re.compile(
    r"(?:tổng\s+số|số\s+lượng)\s+s[ảa]n\s+ph[ẩa]m(?:\s+OCOP)?[^.;:\d\n]{0,40}?\s(?:lên|là|đạt)\s+(?:con\s+số\s+)?"
    rf"(?P<num>{_COUNT_DIGITS})(?!\s*(?:%|s[ảa]n\s+ph[ẩa]m|xã|chủ|tỷ|triệu|hộ|ha|tấn|đồng))",
    _I,
)
# Counts that share the noun of the count after them: "lần lượt 17 và 14 sản phẩm",
# "12 và 9 sản phẩm OCOP 3 sao". A comma list needs "lần lượt" (a comma alone joins clauses).
SHARED_NOUN_AND_RE = re.compile(
    rf"(?<![\w.,/])(?P<num>{_COUNT_DIGITS})\s+và\s+(?={_COUNT_DIGITS}\s+(?:s[ảa]n\s+ph[ẩa]m|SP)(?!\w))", _I)
SHARED_NOUN_LIST_RE = re.compile(
    rf"lần\s+lượt\s+(?:là\s+|có\s+|đạt\s+)?(?P<list>(?:{_COUNT_DIGITS}\s*,\s*)+){_COUNT_DIGITS}"
    r"(?:\s*(?:,\s*)?và\s+\d[\d.]*)?\s+(?:s[ảa]n\s+ph[ẩa]m|SP)(?!\w)", _I)
# A level then its count with the noun dropped, inside a breakdown: "(3 sao: 71; 4 sao: 15)".
LEVEL_COLON_COUNT_RE = re.compile(
    rf"(?<!\w)(?:hạng\s+)?[1-5]\s*(?:sao|\*)\s*:\s*(?P<num>{_COUNT_DIGITS})"
    r"(?![\d.,]*\s*(?:%|s[ảa]n\s+ph[ẩa]m|SP(?!\w)|xã|chủ|tỷ|triệu|hộ|ha|điểm))", _I)
# A year said right after the noun: "210 sản phẩm năm 2023".
YEAR_AFTER_NOUN_RE = re.compile(r"\s*(?:OCOP\s+)?(?:đợt\s+\d+\s+)?(?:trong\s+)?năm\s+((?:19|20)\d\d)(?!\d)", _I)

# Words right before a number that make it a date, an ordinal or an identifier, not a count.
NOT_A_COUNT_BEFORE_RE = re.compile(
    r"(?:năm|tháng|ngày|(?<!trong\s)(?<!tổng\s)số|thứ|lần|top|đợt|khóa|khoá|kỳ|điều|khoản|mục|giai\s+đoạn|phiên|quý)\s*$", _I
)
# A lone "năm" (five / year) after these words is the year: "trong năm sản phẩm ...".
YEAR_WORD_CONTEXT_RE = re.compile(r"(?:trong|mỗi|hàng|cả|của|từng|qua|các|những|nhiều|một)\s*$", _I)

# ------------------------------------------------------------------ star levels

_STAR_N = r"(?:(?<![\d.,])[1-5](?![\d.,])|(?<!\w)(?:một|hai|ba|bốn|năm)(?!\w))"
_SAO = r"(?:sao(?!\w)|\*|★)"
_HANG = r"(?:hạng\s+)?"

#: One star phrase. Alternatives are tried in this order at each position.
STAR_RE = re.compile(
    # upgrade: "(từ hạng 3 sao) lên hạng 4 sao, 5 sao" → the level(s) reached
    rf"(?P<up>(?:từ\s+{_HANG}{_STAR_N}\s*sao\s+)?(?:lên|thành)\s+{_HANG}(?P<up_a>{_STAR_N})\s*{_SAO}"
    rf"(?P<up_more>(?:\s*(?:,|và|hoặc)\s*{_HANG}{_STAR_N}\s*{_SAO}){{0,3}}))"
    # range: "từ 3 đến 5 sao", "từ 3 sao đến 4 sao", "3 - 4 sao"
    rf"|(?P<range>(?:từ\s+)?{_HANG}(?P<r_a>{_STAR_N})\s*(?:sao\s*)?(?:đến|tới|-|–|~)\s*{_HANG}"
    rf"(?P<r_b>{_STAR_N})\s*{_SAO})"
    # at least: "3 sao trở lên", "từ 3 sao" (not followed by đến/lên)
    rf"|(?P<plus>(?:từ\s+)?{_HANG}(?P<p_a>{_STAR_N})\s*{_SAO}\s+trở\s+lên"
    rf"|từ\s+{_HANG}(?P<p_b>{_STAR_N})\s*{_SAO}(?!\s*(?:đến|tới|-|–|lên|thành)))"
    # list of levels: "3 sao và 4 sao", "4 sao, 5 sao"
    rf"|(?P<list>{_HANG}(?P<l_a>{_STAR_N})\s*{_SAO}(?P<l_more>(?:\s*(?:,|và|hoặc|/)\s*{_HANG}{_STAR_N}\s*{_SAO}){{1,3}}))"
    # one level: "4 sao", "4*", "bốn sao"
    rf"|(?P<single>(?P<s_a>{_STAR_N})\s*{_SAO})",
    _I,
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
        return star_label([a, b])
    if m.group("plus"):
        return star_label([star_level(m.group("p_a") or m.group("p_b"))], at_least=True)
    if m.group("list"):
        levels = [star_level(m.group("l_a"))]
        levels += [star_level(t) for t in STAR_N_RE.findall(m.group("l_more") or "")]
        return star_label(levels)
    return str(star_level(m.group("s_a")))


# A star phrase right before the count, order reversed: "3 sao: 25 sản phẩm", "hạng 4 sao có 12".
REVERSED_STAR_JOINER_RE = re.compile(
    # "4 sao chiếm 25% với 46 sản phẩm": the level's share, then its count
    r"\s*(?:chiếm\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?\d{1,3}(?:[.,]\d+)?\s*%\s*,?\s*(?:với|có|là)"
    r"|:|có|gồm|là|với|cho|\(|-|–)\s*(?:có\s+)?$", _I)

# After a comma, "hạng 4 sao có 9 sản phẩm": the level heads the next count, not the one before.
LEVEL_HEADS_NEXT_RE = re.compile(r"\s*(?::|có|gồm|là)\s*", _I)

# "tiềm năng 5 sao: 2 sản phẩm": a reversed level that only has potential is a proposal.
POTENTIAL_BEFORE_STAR_RE = re.compile(r"(?:có\s+)?tiềm\s+năng(?:\s+(?:đạt|lên|nâng\s+hạng))?\s*(?:hạng\s+)?$", _I)

# Where the words describing one count stop.
STAR_WINDOW_STOP_RE = re.compile(
    r";|trong\s+đó|[,:]\s*(?:các\s+|những\s+)?s[ảa]n\s+ph[ẩa]m(?!\w)|,\s*(?:nhưng|song|tuy\s+nhiên)(?!\w)|\n"
    # a new plan clause: "công nhận thêm 25 sản phẩm và phấn đấu có sản phẩm 5 sao đầu tiên"
    r"|(?:,|\svà)\s+(?:phấn\s+đấu|hướng\s+tới|tiến\s+tới|đặt\s+mục\s+tiêu)(?!\w)", _I
)
# "Trong số các sản phẩm … đạt 4 sao … có 21 sản phẩm …": a level that heads the whole list.
HEADER_PRODUCTS_RE = re.compile(r"(?:các|những|số)\s+s[ảa]n\s+ph[ẩa]m(?!\w)", _I)

# ------------------------------------------------------------------ status cues

#: Words that decide whether a count was achieved, is a target or is proposed.
CUE_RE = re.compile(
    # not cues although they contain one: "theo đề nghị của", "Kế hoạch số 90", "mục tiêu quốc gia"
    # "nâng tổng số lên N" states a running total, in whatever tense its clause has:
    # "đã công nhận thêm 12, nâng tổng số lên 54" / "phấn đấu có thêm 20, nâng tổng số lên 43"
    r"(?P<neutral>nâng\s+tổng\s+số|(?:theo|trên\s+cơ\s+sở|căn\s+cứ|thực\s+hiện)\s+(?:đề\s+nghị|đề\s+xuất|tờ\s+trình|kế\s+hoạch|chỉ\s+tiêu)"
    r"|đề\s+nghị\s+của|kế\s+hoạch\s+(?:số\s+)?\d|(?:chương\s+trình\s+)?mục\s+tiêu\s+quốc\s+gia"
    r"|(?:đến|tới)\s+(?:hết|cuối)\s+(?:năm|tháng))"
    # performance against a plan is an achievement: "đạt 190% kế hoạch", "vượt kế hoạch"
    r"|(?P<ach_unit>(?:đạt|vượt|bằng|hoàn\s+thành)\s+(?:(?:gần|hơn|trên|khoảng)\s+)?\d[\d.,]*\s*%"
    r"(?:\s+(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?:\s+(?:đề\s+ra|được\s+giao|năm))?)?"
    r"|(?:vượt|hoàn\s+thành(?:\s+vượt)?|so\s+với)\s+(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?:\s+(?:đề\s+ra|được\s+giao|năm))?)"
    r"|(?P<proposed>đề\s+nghị|đề\s+xuất|(?<!\w)trình(?=\s+(?:hội\s+đồng|trung\s+ương|bộ|ubnd|ủy\s+ban|uỷ\s+ban|chủ\s+tịch|cấp))"
    r"|gửi\s+hồ\s+sơ|xét\s+công\s+nhận|đủ\s+điều\s+kiện)"
    # modal targets lose to a perfective "đã" in the same stretch: "đã có ít nhất"; "ít nhất vùng",
    # "có ít nhất với 7 sản phẩm" are superlatives (the fewest), not "at least"
    r"|(?P<modal>ít\s+nhất(?!\s*(?:,|với|vùng|tỉnh|huyện|nước|cả|khu\s+vực|trong|so\s+với))|tối\s+thiểu|(?:đến|tới)\s+năm\s+(?P<modal_year>(?:19|20)\d\d)|năm\s+tới|giai\s+đoạn\s+tới"
    r"|thời\s+gian\s+tới)"
    r"|(?P<target>phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|kế\s+hoạch|dự\s+kiến|(?<!\w)sẽ(?!\w)|định\s+hướng|hướng\s+tới"
    r"|đặt\s+ra|đề\s+ra|cần\s+(?:có|đạt)|tiến\s+tới)"
    r"|(?P<perfect>(?<!\w)(?:đã|vừa)(?!\w)|thực\s+hiện\s+(?:được|đạt)|đạt\s+được|được\s+(?:công\s+nhận|cấp|chứng\s+nhận|xếp\s+hạng|đánh\s+giá|phân\s+hạng"
    r"|ubnd|chủ\s+tịch|trao|vinh\s+danh))"
    r"|(?P<temporal>l[ũu]y\s+kế|luỹ\s+kế|tính\s+đến|đến\s+nay|hiện\s+nay|hiện\s+có|hiện\s+tại|tổng\s+cộng"
    r"|tính\s+chung|vinh\s+danh)"
    r"|(?P<weak>(?<!\w)(?:có|đạt|với|gồm|thêm|cấp|trao)(?!\w)|công\s+nhận|xếp\s+hạng|chứng\s+nhận|dẫn\s+đầu"
    r"|đóng\s+góp)",
    _I,
)
STRONG_CUES = ("ach_unit", "proposed", "modal", "target", "perfect", "temporal")
CUE_STATUS = {
    "ach_unit": "achieved", "perfect": "achieved", "temporal": "achieved", "weak": "achieved",
    "proposed": "proposed", "modal": "target", "target": "target",
}

# A count in brackets right after the plan it states: "đạt 190% kế hoạch năm (30 sản phẩm)".
# What may stand between the plan noun and its count: "kế hoạch năm", "chỉ tiêu đến năm 2025",
# "mục tiêu của Đề án".
_PLAN_QUALIFIER = (r"(?:\s+(?:năm(?:\s+(?:19|20)\d\d)?|đề\s+ra|được\s+giao|(?:đến|tới)\s+năm\s+(?:19|20)\d\d"
                   r"|của\s+(?:đề\s+án|kế\s+hoạch|chương\s+trình|tỉnh|huyện|thành\s+phố)))")
PLAN_BEFORE_BRACKET_RE = re.compile(
    rf"(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu){_PLAN_QUALIFIER}{{0,2}}\s*\(\s*$", _I
)
# "vượt chỉ tiêu 200 sản phẩm", "so với kế hoạch năm 2023 là 60 sản phẩm": the count names the plan itself.
PLAN_NOUN_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu){_PLAN_QUALIFIER}{{0,2}}\s*(?:là\s+|:\s*)?$", _I
)
# "43/34 sản phẩm, đạt 126,5% kế hoạch": the denominator is the plan.
PLAN_AFTER_RE = re.compile(r"[^.;\n]{0,40}?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)", _I)

# Plans list objectives as subjectless verb phrases: "Tiêu chuẩn hoá 44 sản phẩm …".
PLAN_VERB_START_RE = re.compile(
    r"[\W\d_]*(?:tiêu\s+chuẩn\s+h(?:oá|óa|oa)|phát\s+triển(?:\s+mới)?|xây\s+dựng|nâng\s+cấp|nâng\s+hạng|hỗ\s+trợ"
    r"|củng\s+cố|thu\s+hút|công\s+nhận\s+mới|phấn\s+đấu)(?!\w)",
    _I,
)

# The products of the count have potential / are put forward: "10 sản phẩm tiềm năng 5 sao".
PROPOSED_DESCRIPTOR_RE = re.compile(
    r"\s*(?:ocop\s+)?(?:(?:có|được|là)\s+)?(?:tiềm\s+năng|(?:đề\s+nghị|đề\s+xuất))", _I
)

# Put forward by someone else, a passive agent: "19 sản phẩm do 11 tỉnh, thành phố đề nghị".
PROPOSED_BY_RE = re.compile(r"\s*(?:ocop\s+)?do\s+[^.;\n]{0,50}?(?:đề\s+nghị|đề\s+xuất|trình)(?!\w)", _I)

# ------------------------------------------------------------------ not OCOP rankings

# The products are counted by something other than their OCOP ranking.
OTHER_ATTRIBUTE_RE = re.compile(
    r"(?<!\w)(?:sàn|thương\s+mại\s+điện\s+tử|livestream|trực\s+tuyến|website|lên\s+trang|vùng\s+nguyên\s+liệu"
    r"|hữu\s+cơ|vietgap|globalgap|truy\s+xuất|mã\s+qr|mã\s+vạch|xuất\s+khẩu|siêu\s+thị|trưng\s+bày|hội\s+chợ"
    r"|gian\s+hàng|điểm\s+bán|cửa\s+hàng|phiên\s+chợ|(?:đăng\s+)?bán(?:\s+(?:được|ra|tại|trên))?|tiêu\s+thụ"
    r"|sản\s+lượng|bảo\s+hộ|nhãn\s+hiệu|chỉ\s+dẫn\s+địa\s+lý|kết\s+nối|giới\s+thiệu|quảng\s+bá)(?!\w)",
    _I,
)
# Qualifiers right after "sản phẩm" that name another kind of product.
OTHER_KIND_RE = re.compile(
    r"^\s*(?:tiêu\s+biểu|chủ\s+lực|đặc\s+trưng|đặc\s+sản|địa\s+phương|nông\s+sản|nông\s+nghiệp|công\s+nghiệp"
    r"|không\s+đạt|chưa\s+đạt|bị\s+thu\s+hồi|bị\s+loại|làng\s+nghề|khác\s+nhau|các\s+loại|hàng\s+hóa|hàng\s+hoá|du\s+lịch(?!\s+(?:cộng\s+đồng|nông))|/)(?!\w)",
    _I,
)
# The products failed or lost their rank, whatever level is named after: "7 sản phẩm còn lại chưa đạt,
# được đề nghị giữ hạng 4 sao", "3 sản phẩm không đạt", "60 sản phẩm hết hạn chứng nhận".
FAILED_AFTER_RE = re.compile(
    r"^\s*(?:ocop\s+)?(?:còn\s+lại\s+)?(?:(?:không|chưa)\s+đạt(?!\s+được)|(?P<expired>(?:đã\s+)?hết\s+(?:thời\s+)?hạn"
    r"|hết\s+hiệu\s+lực|bị\s+thu\s+hồi))", _I
)
# Expired products that were certified again are a figure: "công nhận lại 13 sản phẩm đã hết hạn".
RECERTIFIED_BEFORE_RE = re.compile(r"(?:công\s+nhận|cấp|chứng\s+nhận|đánh\s+giá|xếp\s+hạng)\s+lại[^.;]{0,20}$", _I)
# Products counted by the raw material they are made from: "5 sản phẩm từ sữa và 7 sản phẩm từ chè".
MADE_FROM_RE = re.compile(
    r"^\s*(?:ocop\s+)?(?:(?:được\s+)?(?:làm|chế\s+biến|sản\s+xuất)\s+)?từ\s+(?:sữa|chè|trà|dừa|gạo|lúa|ngô|sắn|cá|tôm"
    r"|thịt|quế|hồi|mật\s+ong|dược\s+liệu|nấm|sâm|cà\s+phê|hạt\s+điều|điều|tre|mây|cói|gỗ|thủy\s+sản|thuỷ\s+sản"
    r"|trái\s+cây|rau|nông\s+sản|bưởi|cam|vải|nhãn|xoài|chuối)(?!\w)", _I
)
# Candidates, not results: registered, entered, taking part in the assessment.
CANDIDATE_RE = re.compile(
    r"(?<!\w)(?:tham\s+dự|đăng\s+ký|dự\s+thi|chấm\s+điểm|tham\s+gia\s+(?:đánh\s+giá|phân\s+hạng|xét|dự\s+thi|mới)"
    r"|(?:(?<=ph[ẩa]m\s)|(?<=SP\s)|(?<=OCOP\s))tham\s+gia(?=\s*(?:[;,.)]|$))"
    r"|(?:hoàn\s+thiện|chuẩn\s+bị|xây\s+dựng)\s+hồ\s+sơ(?!\s+(?:đề\s+nghị|đề\s+xuất|trình)))(?!\w)", _I
)
# The count is the object of an assessment being held, so the products are the ones assessed
# (candidates), not the ones that passed: "tỉnh đã tổ chức đánh giá 45 sản phẩm, kết quả có 41 …".
ASSESSED_BEFORE_RE = re.compile(
    r"(?<!\w)tổ\s+chức\s+(?:thẩm\s+định\s*,\s*)?đánh\s+giá(?:\s*,\s*phân\s+hạng)?(?:\s+(?:cho|đối\s+với))?\s*$", _I
)
# A report line that names what it counts before a colon: "Số sản phẩm không đạt: 9 sản phẩm".
COUNT_LABEL_RE = re.compile(r"(?<!\w)số\s+(?:lượng\s+)?s[ảa]n\s+ph[ẩa]m\s+(?P<what>[^:;\n]{1,40}?)\s*:\s*$", _I)
# The count itself is then said to be recognised: "45 sản phẩm được công nhận".
RESULT_AFTER_RE = re.compile(r"^\s*(?:ocop\s+)?(?:đã\s+)?(?:được|đạt)(?!\w)", _I)
# Product groups: "nhóm thực phẩm với 479 sản phẩm", "ngành hàng đồ uống (41 sản phẩm)".
CATEGORY_RE = re.compile(r"(?<!\w)(?:nhóm|ngành\s+hàng|phân\s+nhóm|bộ\s+sản\s+phẩm)(?!\w)", _I)

# ------------------------------------------------------------------ places, years

# "mỗi địa phương có 12 sản phẩm": one figure per place named just before.
DISTRIBUTIVE_RE = re.compile(
    r"\(?\s*mỗi\s+(?:địa\s+phương|huyện|quận|xã|nơi|đơn\s+vị|thị\s+xã|tỉnh|thành\s+phố|phường|thị\s+trấn)\s*$", _I
)
ADMIN_PREFIX_RE = re.compile(r"^(?:huyện|quận|thị\s+xã|thành\s+phố|tp\.?|tỉnh|xã|phường|thị\s+trấn)$", _I)
WHOLE_PROVINCE_RE = re.compile(r"(?<!\w)(?:toàn|cả)\s+(?:tỉnh|thành\s+phố|thành)(?!\w)", _I)
# A district named with its prefix: "huyện Thanh Hà", "thị xã Kinh Môn", "quận Cái Răng".
# Case matters after the prefix (a name is capitalised), so only the prefix ignores case.
NAMED_DISTRICT_RE = re.compile(
    r"(?<!\w)(?i:huyện|thị\s+xã|quận)\s+[A-ZĐÀ-Ỹ][\w'’-]*(?:[ \t]+[A-ZĐÀ-Ỹ][\w'’-]*){0,3}")
# The district named earlier, referred to by its level alone: "Năm 2019 huyện mới có 4 sản phẩm",
# "toàn huyện có 50 sản phẩm". Not "mỗi huyện" (every district), "các huyện", "huyện Thanh Hà".
DISTRICT_ANAPHOR_RE = re.compile(
    r"(?<!\w)(?<!mỗi )(?<!Mỗi )(?<!các )(?<!Các )(?<!những )(?<!nhiều )(?<!hai )(?<!ba )"
    r"(?i:huyện|thị\s+xã|quận)(?!\s+[A-ZĐÀ-Ỹ])(?!\w)")
NATIONAL_RE = re.compile(r"(?<!\w)(?:cả\s+nước|toàn\s+quốc|trên\s+cả\s+nước)(?!\w)", _I)
OF_PLACE_RE = re.compile(
    r"\s*(?:ocop\s+)?(?:của|tại|thuộc)\s+(?P<place>(?:huyện|quận|thị\s+xã|thành\s+phố|TP\.?|xã|phường|thị\s+trấn)"
    r"\s+[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3})",
)

YEAR_RE = re.compile(r"(?<![\d])(?:19|20)\d\d(?!\d)(?!\s*/\s*[A-ZĐ])")
YEAR_RANGE_RE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
UNDATED_RE = re.compile(r"(?<!\w)(?:đến\s+nay|hiện\s+nay|hiện\s+có|l[ũu]y\s+kế|luỹ\s+kế|tính\s+chung)(?!\w)", _I)

# Section headings of plans and reports: counts under "Mục tiêu" are targets, under "Kết quả" not.
_HEADING_NUMBER = r"[\W_]*(?:[IVXLC]+\s*[.)]|\d+(?:\.\d+)*\s*[.)]?|[a-zđ]\s*\))?\s*"
PLAN_HEADING_RE = re.compile(
    _HEADING_NUMBER + r"(?:mục\s+tiêu|chỉ\s+tiêu|nhiệm\s+vụ|kế\s+hoạch\s+năm|phương\s+hướng|định\s+hướng)(?!\w)", _I
)
REPORT_HEADING_RE = re.compile(
    _HEADING_NUMBER + r"(?:kết\s+quả|thực\s+trạng|tình\s+hình|đánh\s+giá|tổ\s+chức\s+thực\s+hiện|giải\s+pháp"
    r"|kinh\s+phí|mục\s+đích)(?!\w)",
    _I,
)

# ------------------------------------------------------------------ sentences

SENTENCE_BREAK_RE = re.compile(r"\n[ \t]*\n|\n|[.!?…]+[\"”’»)\]]*(?=\s)")
ABBREVIATIONS = frozenset(
    {"tp", "q", "p", "h", "tx", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "th", "đ/c", "v.v", "vv", "st", "no"}
)

# ------------------------------------------------------------------ basis: running total or new round

#: Words that say whether a count is a running total ("cumulative") or what one round, year or
#: decision added ("new"). Read right to left from the count; the nearest strong cue decides.
BASIS_CUE_RE = re.compile(
    # a running total: "lũy kế", "nâng tổng số", "toàn tỉnh có", "đến nay", "đến hết năm 2022"
    r"(?P<cum>l[ũu]y\s+kế|luỹ\s+kế|tổng\s+số|tổng\s+cộng|nâng\s+tổng|tính\s+chung|tính\s+đến|đến\s+nay|tới\s+nay"
    r"|hiện\s+nay|hiện\s+có|hiện\s+tại|hiện\s+(?:toàn|cả|tỉnh|huyện|thành\s+phố|thị\s+xã)"
    r"|(?:đến|tới)\s+(?:hết|cuối|thời\s+điểm|ngày|tháng)|đến\s+năm\s+(?:19|20)\d\d|(?<!\w)tổng(?=\s+(?:cộng|số|có))"
    r"|(?:toàn|cả)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận|nước|quốc|xã)(?=\s+(?:(?:hiện|đã|đang|hiện\s+đã)\s+)?(?:có|đạt)(?!\s+thêm))"
    r"|trên\s+địa\s+bàn(?:\s+\w+){0,3}\s+(?:hiện\s+|đã\s+)?có(?!\s+thêm))"
    # one round added: "thêm", "mới", "công nhận lại", "mỗi năm", "Quyết định … công nhận"
    r"|(?P<new>(?<!\w)thêm(?!\w)|(?:công\s+nhận|cấp|phân\s+hạng|chứng\s+nhận|xếp\s+hạng|phát\s+triển)\s+mới"
    r"|(?:công\s+nhận|cấp|chứng\s+nhận)\s+lại|đánh\s+giá\s+lại|mỗi\s+năm|hằng\s+năm|hàng\s+năm|bình\s+quân"
    r"|trong\s+(?:năm|đợt|kỳ)|(?<!\w)đợt(?!\w)|(?<!\w)vừa(?!\w)|lần\s+đầu)"
    # weaker signs of one round: a decision, the verb "công nhận", a year opening the clause
    r"|(?P<new_weak>quyết\s+định|(?<!được\s)(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng|phân\s+hạng)(?!\s+(?:lại|mới))"
    r"|kế\s+hoạch\s+năm|chỉ\s+tiêu\s+năm|(?<!\w)năm\s+(?:19|20)\d\d)",
    _I,
)
#: The noun is followed by "mới" (new): "49 sản phẩm mới", "12 sản phẩm OCOP được công nhận mới".
NEW_AFTER_NOUN_RE = re.compile(
    r"\s*(?:OCOP\s+)?(?:(?:được\s+)?(?:công\s+nhận|cấp|chứng\s+nhận)\s+)?(?:mới|lần\s+đầu)(?!\w)", _I
)
