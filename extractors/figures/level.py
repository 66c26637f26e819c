"""The level reader: the star level tied to a count (``stars``).

A level is read after the count, up to the next count or clause ("đạt hạng 4 sao", "từ 3 đến 5
sao" → ``3+``, "3 - 4 sao" → ``3-4``); written before it ("3 sao: 25 sản phẩm"); by a level that
heads the list ("Trong số các sản phẩm đạt 4 sao có …"); by a section heading that names a level
("2. Sản phẩm đạt 4 sao"); or by the whole a part belongs to.
"""

from __future__ import annotations

import re

from extractors.figures import grammar as g
from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded, may_contain
from extractors.figures.passage import Passage
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.figures.zones import LOOK_AHEAD, LOOK_BACK, own_end

_STAR_N = r"(?:(?<![\d.,])0?[1-5](?![\d.,])|(?<!\w)(?:một|hai|ba|bốn|năm)(?!\w))"

TABLE = RuleTable("level", "stars", [
    Rule("level-raised", rf"(?:hạng\s+)?{_STAR_N}\s*sao\s+(?:[^,;.()]{{0,30}}?\s)?(?:lên|xuống|thành|nâng\s+hạng(?:\s+lên)?)\s+"
                         rf"(?:hạng\s+)?(?P<to>{_STAR_N})\s*sao",
         "the level reached", Example("Năm 2020 tỉnh sẽ nâng cấp 1 sản phẩm 4 sao lên 5 sao.", 1, "5"),
         "a level then the level it is raised to ('3 sao đề nghị đánh giá nâng hạng 4 sao'): the count is "
         "of the raised level, and a lowered one ('hạ hạng từ 4 sao xuống 3 sao') of the lower",
         needs=("lên", "xuống", "thành", "nâng")),
    Rule("level-after", g.STAR_RE.pattern, "the level named",
         Example("UBND tỉnh vừa công nhận 18 sản phẩm đạt hạng 3 sao.", 18, "3"),
         "the first star phrase after the count, before the next count or clause (not after 'chủ yếu', 'phần lớn': "
         "'14 sản phẩm, chủ yếu là sản phẩm 3 sao' names the level of most of them)"),
    Rule("level-before", g.STAR_RE.pattern, "the level named",
         Example("Cụ thể, 3 sao: 45 sản phẩm; 4 sao: 7 sản phẩm.", 45, "3"),
         "a level right before the count, joined by ':', 'có', 'gồm', 'là', 'chiếm', '(', 'chiếm N% với' / 'chiếm N% (', "
         "'đối với' ('phân hạng 4 sao, 3 sao đối với 57 sản phẩm') or a table's cell border ('Hạng 3 sao | 21 sản phẩm'), "
         "or a level's label with the noun and nothing between ('sản phẩm 4 sao 17 sản phẩm')"),
    Rule("level-of-total", rf"(?:tổng\s+|(?<!\w))số\s+(?:lượng\s+)?s[ảa]n\s+ph[ẩa]m\s+(?:OCOP\s+)?(?:đạt\s+)?"
                           rf"(?P<level>(?:từ\s+)?(?:hạng\s+)?{_STAR_N}\s*sao(?:\s+trở\s+lên)?)"
                           r"(?:\s+(?:của|trên|tại|toàn)\s+[^\d.;,:]{1,30}?)?\s+(?:(?:tăng|giảm)\s+)?"
                           r"(?:(?:từ\s+[\d.,]+\s+)?(?:lên|xuống|thành|là|đạt)|từ)\s*$",
         "the level named", Example("Tỉnh phấn đấu nâng tổng số sản phẩm 4 sao của tỉnh lên 15 sản phẩm.", 15, "4"),
         "the total of one level (of a place) raised to the count ('nâng số sản phẩm 4 sao của huyện lên 13'), and both "
         "ends of its rise ('số sản phẩm 5 sao tăng từ 126 lên 138 sản phẩm')",
         needs=("số",)),
    Rule("level-heads-list", r"(?:(?:các|những|số|nhiều)\s+s[ảa]n\s+ph[ẩa]m(?!\w)"
                             r"|(?:có\s+|danh\s+sách\s+|(?<![^\W\d_]\s))s[ảa]n\s+ph[ẩa]m(?=[^.;:]{0,40}?\s+sao\s*(?:(?:bao\s+)?gồm|:))"
                             r"|(?:nhận|được\s+cấp|trao)\s+(?:giấy\s+)?chứng\s+nhận(?=[^.;:\d]{0,20}?\d\s*sao\s*(?:(?:bao\s+)?gồm|:))"
                             r"|(?<!\w)về\s+(?:các\s+|nhóm\s+)?s[ảa]n\s+ph[ẩa]m(?=\s+(?:ocop\s+)?(?:đạt\s+)?(?:hạng\s+)?0?[1-5]\s*sao\s*,))",
         "the level named",
         Example("Trong số các sản phẩm đạt 4 sao năm 2024 có 10 sản phẩm cấp lại và 5 sản phẩm cấp mới.", 5, "4"),
         "a level in the phrase that opens the list ('các sản phẩm đạt 4 sao có …', 'Sản phẩm đạt 4 sao gồm: …', "
         "'Các đơn vị nhận chứng nhận 4 sao gồm: HTX A có 2 sản phẩm; …'), and a topic opening the sentence: 'Về sản "
         "phẩm 5 sao, trong đợt 1 năm 2025, Bộ đã công nhận 14 sản phẩm'"),
    Rule("level-of-heading", r"[\W_]*(?:[IVXLC]+\s*[.)]|\d+(?:\.\d+)*\s*[.)]?|[a-zđ]\s*\))?\s*"
                             r"(?:(?:danh\s+sách\s+|các\s+|nhóm\s+)?s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+)?(?:đạt\s+)?"
                             rf"(?:hạng\s+)?(?P<level>{_STAR_N})\s*sao(?:\s+(?:bao\s+)?gồm)?\s*:?\s*$",
         "the level the heading names",
         Example("II. Sản phẩm đạt 4 sao\nHuyện Mộc Châu có 5 sản phẩm, huyện Yên Châu có 2 sản phẩm.", 2, "4"),
         "a section heading that names one level of products and nothing else ('1. Sản phẩm đạt 5 sao', "
         "'SẢN PHẨM 4 SAO', 'Đạt 4 sao') gives it to the counts that name none in its paragraph and in the "
         "list items right after it, up to the next heading"),
    Rule("level-national", r"(?:ocop\s+)?cấp\s+quốc\s+gia", "5",
         Example("Tỉnh đề nghị đánh giá, phân hạng sản phẩm OCOP cấp quốc gia cho 3 sản phẩm.", 3, "5"),
         "products ranked at the national level ('cấp quốc gia') with no level written: the national "
         "ranking is of 5 stars only", needs=("quốc",)),
    Rule("level-of-rise", r"(?<!\w)tăng\s+(?:thêm\s+)?(?:(?:hơn|gần|khoảng|trên)\s+)?$", "the level of the stock it raises",
         Example("Cả nước có 14.000 sản phẩm OCOP đạt từ 3 sao trở lên, tăng 3.500 sản phẩm so với cuối năm 2023.",
                 3500, "3+"),
         "a rise 'tăng (hơn) N sản phẩm so với …' right after a stock of its sentence counts products of the stock's level",
         needs=("tăng",)),
    Rule("level-shared-predicate", r"\s(?:đều|cùng)\s", "the next count's level",
         Example("Cả 4 sản phẩm công nhận lần đầu và 3 sản phẩm công nhận lại đều đạt 3 sao.", 4, "3"),
         "'A và B đều đạt 3 sao': both subjects of one predicate have its level", needs=("đều", "cùng")),
    Rule("level-shared-noun", r"(?:và|,)\s*$", "the next count's level",
         Example("Huyện Ba Tri và huyện Bình Đại có 12 và 9 sản phẩm OCOP 3 sao.", 12, "3"),
         "'12 và 9 sản phẩm OCOP 3 sao': coordinated counts share one noun phrase and its level"),
    Rule("level-of-whole", r"trong\s+đó|\(", "the whole's level",
         Example("Tỉnh có 12 sản phẩm 4 sao (3 sản phẩm cấp lại).", 3, "4"),
         "a part of a breakdown in the same sentence takes its whole's level"),
], doc="Tried in this order; the first rule that finds a level decides.",
   values="`3`, `4`, `5`, `3+`, `4+`, `3-4` (GOLD_FORMAT), None when no level is tied to the count")

# Where the words describing one count stop.
STOP_RE = Folded(
    r";|trong\s+đó|[,:]\s*(?:các\s+|những\s+)?s[ảa]n\s+ph[ẩa]m(?!\w)|,\s*(?:nhưng|song|tuy\s+nhiên|đồng\s+thời)(?!\w)"
    # a new plan clause: "công nhận thêm 25 sản phẩm và phấn đấu có sản phẩm 5 sao đầu tiên"
    r"|(?:,|\svà)\s+(?:phấn\s+đấu|hướng\s+tới|tiến\s+tới|đặt\s+mục\s+tiêu)(?!\w)"
    # the place's rank: "nâng tổng số lên 412 sản phẩm, đứng đầu cả nước về số sản phẩm 5 sao"
    r"|,\s*(?:(?:đứng|xếp)\s+(?:đầu|thứ|vị\s+trí)|dẫn\s+đầu)(?!\w)"
    # a distributive clause of its own: "có ít nhất 215 sản phẩm OCOP, mỗi huyện, thành phố có sản phẩm đạt 4 sao"
    r"|,\s*mỗi\s+(?:huyện|xã|tỉnh|địa\s+phương|đơn\s+vị|thành\s+phố|thị\s+xã)(?!\w)"
    # a list of named products: "công nhận 12 sản phẩm, gồm: bánh pía (4 sao); nem nướng (3 sao)",
    # or after a colon: "4 sản phẩm trà đạt OCOP: Hồng trà 3 sao (2019), Bạch trà 4 sao (2020)"
    r"|:(?!\s*\d)"
)
# After a comma, "hạng 4 sao có 9 sản phẩm", "hạng 4 sao chiếm 6 sản phẩm": the level heads the next
# count, not the one before.
_HEADS_NEXT = re.compile(r"\s*(?::|có|gồm|là|chiếm|\|)\s*", re.IGNORECASE)
# A star phrase right before the count, order reversed: "3 sao: 25 sản phẩm", "hạng 4 sao có 12".
_REVERSED_JOINER = re.compile(
    # "4 sao chiếm 25% với 46 sản phẩm": the level's share, then its count
    r"\s*(?:chiếm\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?\d{1,3}(?:[.,]\d+)?\s*%\s*,?\s*(?:với|có|là|\()"
    # "hạng 3 sao chiếm 34 sản phẩm": the level is the subject; "Hạng 3 sao | 21 sản phẩm": a table row
    r"|:|có|gồm|là|với|cho|chiếm|\(|-|–|\||\t"
    # "phân hạng 4 sao, 3 sao đối với 57 sản phẩm": the rank given, then the products it is given to
    r"|đối(?:\s+với)?"
    # "huyện có nhiều sản phẩm đạt 4 sao nhất với 17 sản phẩm": the level the place leads in
    r"|nhất\s+(?:với|là))\s*(?:có\s+)?$", re.IGNORECASE)
# "sản phẩm 4 sao 17 sản phẩm": the level's label (the noun, the level), then its count
_LABEL_NOUN = re.compile(r"(?<!\w)s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?(?:\s+đạt)?(?:\s+hạng)?\s*$", re.IGNORECASE)
# "tiềm năng 5 sao: 2 sản phẩm": a reversed level that only has potential is a proposal.
_POTENTIAL_BEFORE = re.compile(r"(?:có\s+)?tiềm\s+năng(?:\s+(?:đạt|lên|nâng\s+hạng))?\s*(?:hạng\s+)?$", re.IGNORECASE)


# a line opening with an item's number and a capitalised name: an annex or table row printed as text
_NUMBERED_ROW = re.compile(r"\n[ \t]*\d{1,3}\.?[ \t]+(\w)")


def window_end(p: Passage, c: Count, nxt: Count | None) -> int:
    """Where the words describing ``c`` end: the next count, a new clause, a closing bracket (read once
    per count and noun end: the level and the status readers both need it)."""
    key = ("window", id(c), c.noun_end, id(nxt))
    if key not in p.memo:
        p.memo[key] = _window_end(p, c, nxt)
    return p.memo[key]


def _window_end(p: Passage, c: Count, nxt: Count | None) -> int:
    sent = p.sentences[c.sent]
    limit = min(sent.end, c.noun_end + LOOK_AHEAD)
    if nxt is not None:
        limit = min(limit, nxt.start)
    stop = STOP_RE.search(p.text, c.noun_end, limit)
    if stop:
        limit = stop.start()
    row = p.text.find("\n", c.noun_end, limit)
    if row != -1:
        numbered = _NUMBERED_ROW.match(p.text, row, limit)
        if numbered and numbered.group(1).isupper():
            limit = row  # rule numbered-row: "I. Huyện A: 05 sản phẩm\n1 Bánh tráng … 3 sao" — the row is an item of its own
    if c.depth > 0:
        close = p.text.find(")", c.noun_end, limit)
        if close != -1:
            limit = close
    return limit


def _after(p: Passage, c: Count, nxt: Count | None) -> re.Match[str] | None:
    text = p.text
    end = window_end(p, c, nxt)
    m = g.STAR_RE.search(text, c.noun_end, end) if may_contain(text, g.STAR_WORDS, c.noun_end, end) else None
    if (m and nxt is not None and any(sep in text[c.noun_end:m.start() + 1] for sep in ",(")
            and _HEADS_NEXT.fullmatch(text, m.end(), nxt.start)):
        return None  # "…, hạng 4 sao có 9 sản phẩm", "(3 sao: 21 sản phẩm": the level heads the next count
    if m and _MOSTLY.search(text, c.noun_end, m.start()):
        return None  # "14 sản phẩm được công nhận, chủ yếu là sản phẩm 3 sao": the level of most, not of the count
    if m and _NEW_SUBJECT.search(text, c.noun_end, m.start()):
        return None  # "khi cả nước có 16.300 sản phẩm OCOP, số sản phẩm 5 sao tăng …": another subject's level
    return m


_NEW_SUBJECT = re.compile(r",\s*(?:tổng\s+)?số\s+(?:lượng\s+)?s[ảa]n\s+ph[ẩa]m(?!\w)", re.IGNORECASE)
_MOSTLY = re.compile(r"(?<!\w)(?:chủ\s+yếu|phần\s+lớn|đa\s+số|hầu\s+hết)(?!\w)", re.IGNORECASE)


def read_level(p: Passage, c: Count, nxt: Count | None, first: Count, prev: Count | None = None) -> None:
    """The count's own level, by the first rule of :data:`TABLE` that finds one."""
    text = p.text
    sent = p.sentences[c.sent]
    after = _after(p, c, nxt)
    if after is not None:
        raised = TABLE.match("level-raised", text, after.start(), window_end(p, c, nxt))
        if raised is not None and after.group("single"):
            c.stars, c.star_end = str(g.star_level(raised.group("to"))), raised.end()
            c.decide("stars", "level-raised")
            return
        c.stars, c.star_end = g.stars_of(after), after.end()
        c.decide("stars", "level-after")
        return
    left_start = max(sent.start, c.start - 40)
    last = None
    if may_contain(text, g.STAR_WORDS, left_start, c.start):
        for last in g.STAR_RE.finditer(text, left_start, c.start):  # noqa: B007
            pass
    taken = prev is not None and prev.star_end is not None and last is not None and last.end() <= prev.star_end
    if last is not None and not taken and (_REVERSED_JOINER.fullmatch(text, last.end(), c.start) or (
            not text[last.end():c.start].strip() and _LABEL_NOUN.search(text, max(sent.start, last.start() - 25), last.start()))):
        c.stars = g.stars_of(last)
        c.quote_start = last.start()
        c.decide("stars", "level-before")
        potential = _POTENTIAL_BEFORE.search(text, max(sent.start, last.start() - 30), last.start())
        if potential:  # "tiềm năng 5 sao: 2 sản phẩm"
            c.quote_start = potential.start()
            c.trace["potential"] = "level-before"
        return
    total = TABLE.search("level-of-total", text, max(sent.start, c.start - 80), c.start)
    if total is not None:
        level = g.STAR_RE.search(total.group("level"))
        if level:
            c.stars = g.stars_of(level)
            c.quote_start = total.start()
            c.decide("stars", "level-of-total")
            return
    header = heading_level(p, first)
    if header is not None:
        c.stars = header
        c.decide("stars", "level-heads-list")
        return
    section = section_level(p, c)
    if section is not None:
        c.stars = section
        c.decide("stars", "level-of-heading")
        return
    if TABLE.search("level-national", text, max(sent.start, c.start - 80), window_end(p, c, nxt)):
        c.stars = "5"  # the national council ranks 5 stars only
        c.decide("stars", "level-national")
        return
    if (prev is not None and prev.sent == c.sent and prev.stars is not None and prev.whole is None
            and may_contain(text, ("tăng",), max(sent.start, c.start - 12), c.start)
            and TABLE.search("level-of-rise", text, max(sent.start, c.start - 18), c.start)
            and _COMPARED.match(text, c.noun_end)):
        c.stars = prev.stars  # "có 14.642 sản phẩm OCOP đạt từ 3 sao trở lên, tăng 3.586 sản phẩm so với …"
        c.decide("stars", "level-of-rise")


_COMPARED = re.compile(r"\s*(?:OCOP\s+)?so\s+với(?!\w)", re.IGNORECASE)


_AND_BEFORE = re.compile(r"\svà\s*$")


def share_predicate(p: Passage, counts: list[Count]) -> None:
    """"cả 4 sản phẩm … và 3 sản phẩm … đều được đánh giá đạt 3 sao": a level said of two coordinated
    counts with "đều"/"cùng" belongs to both."""
    for i in range(len(counts) - 2, -1, -1):
        c, nxt = counts[i], counts[i + 1]
        if c.stars is not None or nxt.stars is None or nxt.star_end is None:
            continue
        if not _AND_BEFORE.search(p.text[own_end(c):nxt.start]):
            continue
        if TABLE.search("level-shared-predicate", p.text, nxt.noun_end, nxt.star_end):
            c.stars = nxt.stars
            c.decide("stars", "level-shared-predicate")


def section_level(p: Passage, c: Count) -> str | None:
    """The level named by the section heading above the count's sentence, when the sentence is in the
    heading's paragraph or in the list items that follow it."""
    levels = p.memo.get("section-levels")
    if levels is None:
        levels = p.memo["section-levels"] = _section_levels(p)
    return levels[c.sent]


def _section_levels(p: Passage) -> list[str | None]:
    out: list[str | None] = []
    block, level = -1, None  # the paragraph of the last heading, and the level it names
    for i, sent in enumerate(p.sentences):
        if p.headings[i]:
            m = TABLE.match("level-of-heading", p.text, sent.start, sent.end)
            block, level = sent.block, str(g.star_level(m.group("level"))) if m else None
            out.append(None)
            continue
        if sent.block != block and not _LIST_ITEM.match(p.text, sent.start):
            level = None  # prose after the heading's paragraph: the section's list has ended
        block = sent.block  # the items of a list with blank lines between them go on
        out.append(level)
    return out


_LIST_ITEM = re.compile(r"[-–•*+]|[a-zđ0-9]{1,2}\s*[.)]\s")


def heading_level(p: Passage, first: Count) -> str | None:
    """A level in the phrase that opens the sentence's list of counts, before its first count (read
    once per sentence)."""
    if first.sent not in p.heading_levels:
        p.heading_levels[first.sent] = _heading_level(p, first)
    return p.heading_levels[first.sent]


def _heading_level(p: Passage, first: Count) -> str | None:
    sent = p.sentences[first.sent]
    lo = max(sent.start, first.start - LOOK_BACK)
    head = TABLE.search("level-heads-list", p.text, lo, first.start)
    if not head:
        return None
    if not may_contain(p.text, g.STAR_WORDS, head.end(), first.start):
        return None
    last = None
    for last in g.STAR_RE.finditer(p.text, head.end(), first.start):  # noqa: B007
        pass
    return g.stars_of(last) if last is not None else None


TABLES = [TABLE]
