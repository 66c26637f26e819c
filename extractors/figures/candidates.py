"""Count candidates: every number of products a sentence states, with what the readers decide.

A candidate is anchored on a count followed by *sản phẩm* / *SP* ("07 sản phẩm", "1.316 sản phẩm
OCOP", "hai sản phẩm", "43/34 sản phẩm", "400-500 sản phẩm"), or, inside a sentence that already
counts products, on a count whose noun is dropped ("lần lượt 17 và 14 sản phẩm", "(3 sao: 71;
4 sao: 15)", "nâng tổng số sản phẩm lên 312", a count cut off by a truncated passage). Counts of
other things (xã, chủ thể, hộ…) never anchor.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractors.figures import grammar as g
from extractors.figures.lowercase import FOLDS_APART, lowered
from extractors.figures.sentences import Sentence
from extractors.numbers import NUMBER_WORDS, parse_number
from extractors.places import is_place_name

MAX_COUNT = 50_000  # no province or nation has more OCOP products; bigger numbers are sales


@dataclass(eq=False, slots=True)
class Count:
    """One count of products and every reading of it (filled in by the readers)."""

    start: int  # the count as written
    end: int
    noun_end: int  # end of "sản phẩm" (and a directly following "OCOP")
    value: int
    sent: int  # index of its sentence
    den: int | None = None  # "43/34": the plan it is measured against
    depth: int = 0  # bracket depth in its sentence
    truncated: bool = False  # cut off by the end of a truncated passage
    shares_noun: bool = False  # "17 và 14 sản phẩm": its noun phrase (and level) is the next count's
    back_ref: bool = False  # "Trong (tổng số) 12 sản phẩm …": names a set already counted
    repeats: Count | None = None  # "…, Hà Nội có 95": a count whose noun is left out, and the count it repeats
    alias: Count | None = None  # the earlier count a back reference names
    # level
    stars: str | None = None
    star_end: int | None = None  # end of the star phrase after the noun
    desc_end: int | None = None  # end of the short phrase after the noun that describes it (no level)
    quote_start: int | None = None  # a level written before the count starts the quote
    # status: the clause's (what a list passes on) and the count's own (with its descriptors)
    clause_status: str | None = None
    status: str = "achieved"
    explicit: bool = False  # the clause status was said, not defaulted
    result: bool = True  # an OCOP result at all
    # period, basis, place
    year: int | None = None
    undated: bool = False  # a running total said "đến nay": no year, the article date is its as_of
    as_of: str | None = None
    basis: str | None = None
    places: list[str | None] = field(default_factory=list)
    place_level: str | None = None
    whole: Count | None = None  # the count this one is a part of
    whole_marker: str | None = None  # the breakdown rule that links it to the whole
    parts: int = 0  # how many counts break this one down
    trace: dict[str, str] = field(default_factory=dict)  # field -> the rule that decided it

    def decide(self, field_name: str, rule: str) -> None:
        self.trace[field_name] = rule

    @property
    def quote_span(self) -> tuple[int, int]:
        qs = self.quote_start if self.quote_start is not None else self.start
        return qs, max(self.noun_end, self.star_end or 0)


def _anchor_matches(s_text: str, s_low: str | None) -> list[re.Match[str]]:
    """ANCHOR_RE matches, tried only just before each "sản phẩm" (the full pattern is slow to try
    at every position of a long page) that has a number before it. ``s_low`` is the sentence in lower
    case when the text has no letter that folds apart (``lowercase.lowered``): the number test and the
    patterns then read it; the matches' groups are in lower case."""
    out: list[re.Match[str]] = []
    last_end = 0
    text, nouns, anchor = (s_text, g.NOUN_RE, g.ANCHOR_RE) if s_low is None else (
        s_low, g.NOUN_LOWER_RE, g.ANCHOR_LOWER_RE)
    for noun in nouns.finditer(text):
        if s_low is not None and not _number_before(s_low, noun.start()):
            continue
        lo = max(last_end, noun.start() - 80)
        m = g.last(anchor.finditer(text, lo, noun.end()))
        if m is not None and m.end() == noun.end() and m.start() >= last_end:
            out.append(m)
            last_end = m.end()
    return out


def _number_before(s_text: str, at: int) -> bool:
    """Whether a number (digits, or a number word) ends right before the spaces before ``at``: every
    anchor ends so, so without one the anchor pattern need not be tried."""
    k = at
    while k > 0 and s_text[k - 1].isspace():
        k -= 1
    if k == at or k == 0:
        return False
    if s_text[k - 1].isdigit():
        return True
    j = k
    while j > 0 and j > k - 6 and s_text[j - 1].isalpha():
        j -= 1
    return s_text[j:k].lower() in NUMBER_WORDS


def find_counts(text: str, sent: Sentence, index: int, is_text_end: bool) -> list[Count]:
    """Every count candidate of one sentence, in reading order, with its bracket depth."""
    s_text = text[sent.start:sent.end]
    found: list[Count] = []
    text_low = lowered(text)
    # the passage's lower case, sliced: the same letters (no letter of it folds apart), no new lower()
    low = s_text.lower() if text_low is None else text_low[sent.start:sent.end]
    if "sản" not in low and "san" not in low and "sp" not in low and not is_text_end:
        return found  # no noun, no count (a sentence of prose, a caption, a menu)
    foldable = text_low is not None
    for m in _anchor_matches(s_text, low if foldable else None):
        count = _anchored(s_text, low, m, sent.start, index, foldable)
        if count is not None:
            found.append(count)
    totals = (g.TOTAL_WITHOUT_NOUN_LOWER_RE.finditer(low) if foldable else g.TOTAL_WITHOUT_NOUN_RE.finditer(s_text)) if (
        "tổng" in low or "lượng" in low or "lên" in low) else ()
    for t in totals:
        value = parse_number(t.group("num"))
        if value is not None and value <= MAX_COUNT:
            found.append(Count(sent.start + t.start("num"), sent.start + t.end("num"), sent.start + t.end("num"),
                               value, index))
    if found or (":" in s_text and _LEVEL_LABEL_LINE.match(low)):
        anchored = found[:]
        found.extend(_nounless(s_text, low, sent.start, index, {c.start for c in found}, foldable))
        if anchored and ("(" in s_text or "," in s_text or ";" in s_text or "con số" in low or "trong số" in low):
            found.extend(_elided(s_text, low, sent.start, index, anchored, {c.start for c in found}))
    found.sort(key=lambda c: c.start)
    if is_text_end:
        tail = _truncated_tail(s_text, sent, index, {c.start for c in found})
        if tail is not None:
            found.append(tail)
    _set_depths(s_text, sent.start, found)
    return found


# rule level-label: a line of an infographic or report printed as text, "Sản phẩm 5 sao: 76" — the level
# labels a count whose noun is the label's (the noun-dropped counts are read in it as in a breakdown)
_LEVEL_LABEL_LINE = re.compile(r"\s*(?:[-–•+]\s*)?(?:số\s+)?s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+(?:đạt\s+)?(?:hạng\s+)?0?[1-5]\s*sao\s*:",
                               re.IGNORECASE)


def _anchored(s_text: str, s_low: str, m: re.Match[str], offset: int, index: int, foldable: bool) -> Count | None:
    """The count an anchor match states, or None. ``foldable``: ``s_low`` is the passage's lower case
    (no letter of it folds apart), which the word tests before the count then read."""
    raw = m.group("num")
    value = int(raw) if raw.isdigit() else parse_number(raw)  # (parse_number's own test, without its call)
    if value is None or value > MAX_COUNT:
        return None
    at = m.start()
    before = s_text[max(0, at - 15):at]
    if (_low_ends_with(s_low, max(0, at - 15), at, _NOT_A_COUNT_WORDS) if foldable else _may_end_with(
            before, len(before), _NOT_A_COUNT_WORDS)) and g.NOT_A_COUNT_BEFORE_RE.search(before):
        return None
    low = raw.lower().strip()
    if not raw[0].isdigit():
        # "Mỗi xã một sản phẩm", "là một sản phẩm": an article, not a count — but "đối với một sản
        # phẩm", "Một sản phẩm OCOP được đề xuất …", "có ít nhất một sản phẩm", "xã Trung Đồng một sản phẩm" count one
        if low == "một" and not (_ONE_AFTER.search(before) or _ONE_OPENS.match(s_text, at)
                                 or (_ONE_AT_LEAST.search(before) and _ONE_RANKED_AFTER.match(s_text, m.end()))
                                 or _one_of_place(s_text[max(0, at - 40):at])
                                 or (not _ONE_ARTICLE.search(before) and _ONE_LEVEL_AFTER.match(s_text, m.end()))
                                 or (_ONE_HAS.search(before) and _ONE_RECOGNISED_AFTER.match(s_text, m.end()))):
            return None
        if low == "năm" and g.YEAR_WORD_CONTEXT_RE.search(before):
            return None
    if 1990 <= value <= 2040 and m.group("hi"):
        return None  # "2021-2025 sản phẩm" is a period
    num_start = m.start("num")
    lo = max(0, num_start - 25)
    spelled = g.RANGE_WITH_DEN_RE.search(s_text, lo, num_start) if (
        s_low.find("đến", lo, num_start) != -1 or s_low.find("tới", lo, num_start) != -1) else None
    if spelled:  # "từ 1 đến 2 sản phẩm": a range is recorded by its lower bound
        low_value = parse_number(spelled.group("lo"))
        if low_value is not None and low_value < value:
            value, num_start = low_value, spelled.start("lo")
    noun_end = m.end()
    ocop = g.OCOP_AFTER_RE.match(s_text, noun_end)
    if ocop:
        noun_end = ocop.end()
    den = int(m.group("den")) if m.group("den") else None
    back_ref = bool((s_low.find("trong", max(0, at - 15), at) != -1 and g.BACK_REF_BEFORE_RE.search(before)) or (
        (_low_ends_with(s_low, 0, at, ("là", "cả")) if foldable else _may_end_with(s_text, at, ("là", "cả")))
        and g.DEMONSTRATIVE_BEFORE_RE.search(s_text, 0, at))) or bool(
        "trên" in s_low[noun_end:noun_end + 20] and g.AFORESAID_AFTER_RE.match(s_text, noun_end))
    return Count(offset + num_start, offset + m.end("num"), offset + noun_end, value, index, den, back_ref=back_ref)


# The last word of every match of NOT_A_COUNT_BEFORE_RE ("giai đoạn" ends in "đoạn").
_NOT_A_COUNT_WORDS = ("năm", "tháng", "ngày", "số", "thứ", "lần", "top", "đợt", "khóa", "khoá", "kỳ", "điều", "khoản",
                      "mục", "đoạn", "phiên", "quý", "bộ", "combo", "hộp", "set", "giỏ", "gói", "quà",
                      "tặng", "tết", "biếu")


def _may_end_with(text: str, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[:end]``, less the spaces that close it, may end with one of ``words`` (lower case),
    ignoring case: False means no pattern that ends so (then spaces) can match there. Cheaper than
    trying such a pattern at every position of the text before a count."""
    k = end
    while k > 0 and text[k - 1].isspace():
        k -= 1
    tail = text[max(0, k - 8):k]
    for ch in FOLDS_APART:  # (a loop: any() over a generator costs more, on a hot path)
        if ch in tail:
            return True  # "ſ" matches "s" ignoring case, but is its own lower case
    return tail.lower().endswith(words)


def _low_ends_with(low: str, lo: int, end: int, words: tuple[str, ...]) -> bool:
    """:func:`_may_end_with` of ``text[lo:end]`` read on the passage's lower case ``low`` (no letter of
    it folds apart): the same answer, without a slice and a lower case of its own per test."""
    k = end
    while k > lo and low[k - 1].isspace():
        k -= 1
    return low.endswith(words, max(lo, k - 8), k)


_ONE_AFTER = re.compile(r"(?<!\w)(?:đối\s+với|cho|thêm|công\s+nhận|đề\s+nghị|đề\s+xuất|trình|chỉ\s+có)\s+$", re.IGNORECASE)
# "có ít nhất một sản phẩm OCOP", "tối thiểu một sản phẩm được công nhận": one ranked product, a goal
# (not "ít nhất một sản phẩm tham gia Chương trình": taking part)
_ONE_AT_LEAST = re.compile(r"(?<!\w)(?:ít\s+nhất|tối\s+thiểu)\s+$", re.IGNORECASE)
_ONE_RANKED_AFTER = re.compile(r"\s+(?:OCOP|đạt|được\s+(?:công\s+nhận|chứng\s+nhận)|[1-5]\s*sao)(?!\w)", re.IGNORECASE)
# "trong đó có một sản phẩm 5 sao, hai mươi sáu sản phẩm bốn sao": one product at a level (not "là một sản phẩm OCOP
# 4 sao": a named product's description)
_ONE_ARTICLE = re.compile(r"(?<!\w)là\s+$", re.IGNORECASE)
_ONE_LEVEL_AFTER = re.compile(r"\s+(?:OCOP\s+)?(?:đạt\s+)?(?:hạng\s+)?(?:[1-5]|ba|bốn|năm)\s*sao(?!\w)", re.IGNORECASE)
# "Năm ngoái có một sản phẩm của hợp tác xã được nâng lên bốn sao": one product said to be recognised or upgraded
_ONE_HAS = re.compile(r"(?<!\w)có\s+$", re.IGNORECASE)
_ONE_RECOGNISED_AFTER = re.compile(r"(?:\s+OCOP)?(?:\s+của\s+[^,.;]{1,40}?)?\s+(?:đã\s+)?được\s+"
                                   r"(?:[^\W\d_]+\s+){0,3}?(?:công\s+nhận|chứng\s+nhận|nâng|xếp\s+hạng)(?!\w)", re.IGNORECASE)
# "xã Trung Đồng một sản phẩm": one product of a named commune or district in a list
_ONE_PLACE = re.compile(r"(?<!\w)(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã)\s+((?:[^\W\d_]+\s+){1,3})$", re.IGNORECASE)


def _one_of_place(before: str) -> bool:
    m = _ONE_PLACE.search(before)
    return m is not None and all(w[:1].isupper() for w in m.group(1).split())
_ONE_OPENS = re.compile(r"Một\s+s[ảa]n\s+ph[ẩa]m\s+(?:OCOP\s+)?(?:được|đạt|vừa)(?!\w)")


def _nounless(s_text: str, low: str, offset: int, index: int, taken: set[int], foldable: bool) -> list[Count]:
    """Counts whose noun is dropped, found only in a sentence that already counts products:
    coordinated counts sharing the next one's noun, and "3 sao: 71" breakdown entries."""
    out: list[Count] = []

    def add(m_start: int, m_end: int, raw: str, shares: bool) -> None:
        value = parse_number(raw)
        before = s_text[max(0, m_start - 15):m_start]
        if (value is None or value > MAX_COUNT or offset + m_start in taken
                or ((_low_ends_with(low, max(0, m_start - 15), m_start, _NOT_A_COUNT_WORDS) if foldable
                     else _may_end_with(before, len(before), _NOT_A_COUNT_WORDS))
                    and g.NOT_A_COUNT_BEFORE_RE.search(before))):
            return
        taken.add(offset + m_start)
        out.append(Count(offset + m_start, offset + m_end, offset + m_end, value, index, shares_noun=shares))

    # each pattern is tried only in a sentence (``low``: in lower case) that has a word it needs
    for m in _at_digit_runs(g.SHARED_NOUN_AND_RE, s_text) if "và" in low else ():
        add(m.start("num"), m.end("num"), m.group("num"), True)
    for m in g.SHARED_NOUN_FROM_RE.finditer(s_text) if "lên" in low or "xuống" in low else ():
        add(m.start("num"), m.end("num"), m.group("num"), True)
    for m in g.SHARED_NOUN_LIST_RE.finditer(s_text) if "lượt" in low else ():
        base = m.start("list")
        for item in re.finditer(r"[\d.]+", m.group("list")):
            add(base + item.start(), base + item.end(), item.group(0), True)
    for m in g.LEVEL_COLON_COUNT_RE.finditer(s_text) if ":" in s_text else ():
        add(m.start("num"), m.end("num"), m.group("num"), False)
    for m in bare_place_counts(s_text) if "," in s_text else ():
        if _bare_place_count(m):
            add(m.start("num"), m.end("num"), m.group("num"), False)
    return out


def _elided(s_text: str, low: str, offset: int, index: int, anchored: list[Count], taken: set[int]) -> list[Count]:
    """Counts whose noun is left out where it is recoverable from a count with its noun before them in the
    sentence (``anchored``, in order): an item repeating its construction (rule elided-repeat), a dated or
    compared count in brackets right after it (elided-bracket), "N trong số đó" (elided-part-of), "con số
    này là N" (elided-restated)."""
    out: list[Count] = []
    first = min(c.start for c in anchored) - offset  # every rule needs a count with its noun before

    def add(m: re.Match[str], repeats: Count | None) -> Count | None:
        start = m.start("num")
        value = int(m.group("num"))
        if offset + start in taken or value > MAX_COUNT or 1900 <= value <= 2100:
            return None
        taken.add(offset + start)
        c = Count(offset + start, offset + m.end("num"), offset + m.end("num"), value, index, repeats=repeats)
        out.append(c)
        return c

    if "(" in s_text:
        for a in anchored:
            m = g.ELIDED_BRACKET_RE.match(s_text, a.noun_end - offset)
            if m is not None:
                add(m, a)
    if "," in s_text or ";" in s_text:
        for a in anchored:
            prev = a  # the count the next item repeats: the anchored one, then each item found
            pos = a.noun_end - offset
            while True:
                comma = _ITEM_SEP.search(s_text, pos, pos + _GAP_MAX)
                if comma is None or not g.ELIDED_GAP_RE.match(s_text, pos, comma.start()):
                    break
                m = g.ELIDED_REPEAT_RE.match(s_text, comma.start())
                if m is None or not _elided_lead(m.group("lead")):
                    break
                c = add(m, prev)
                if c is None:
                    break
                prev, pos = c, m.end("num")
    if "trong số" in low:
        for m in g.ELIDED_PART_OF_RE.finditer(s_text, first):
            add(m, None)
    if "con số" in low:
        for m in g.ELIDED_RESTATED_RE.finditer(s_text, first):
            add(m, None)
    return out


_ITEM_SEP = re.compile(r"[,;]")
_GAP_MAX = 60  # the longest gap ELIDED_GAP_RE allows ("OCOP", a level, 30 characters), with a margin
_YEAR_LEAD = re.compile(r"năm\s+(?:(?:19|20)\d\d|nay|ngoái|trước|sau)$", re.IGNORECASE)
# (down to the commune: places.resolve's prefixes stop at the district, an item may name a commune)
_UNIT_PREFIX = re.compile(r"^(?:tỉnh|huyện|thị\s+xã|thành\s+phố|TP\.?|quận|xã|phường|thị\s+trấn)\s+", re.IGNORECASE)


def _elided_lead(lead: str) -> bool:
    """The lead of a repeated item: "năm 2024", or a place of the gazetteer written capitalised."""
    if lead[:3].lower() == "năm":
        return _YEAR_LEAD.match(lead) is not None
    bare = _UNIT_PREFIX.sub("", lead, count=1)
    return bool(bare) and all(w[:1].isupper() for w in bare.split()) and is_place_name(bare)


# Every match of PLACE_BARE_COUNT_RE ends where PLACE_BARE_COUNT_END_RE matches at its number, and what
# lies before that number in the match is at most 7 runs of non-space characters: a prefix of two words
# ("thị xã"), four words of the name and a "(" (counted here with a margin).
_BARE_RUNS = 8
_RUN_START = re.compile(r"\S+")


def bare_place_counts(text: str) -> list[re.Match[str]]:
    """``PLACE_BARE_COUNT_RE.finditer(text)``, searched only from a few runs before each number that can
    end a match (PLACE_BARE_COUNT_END_RE) up to that number's end, where the pattern read every word of
    the sentence. The same matches: no match starts before the runs before its number, and a search
    that stops at the number's end finds a match only if it ends there (a match that ended before would
    need the item's close, a comma or the end, before that number; its look-ahead holds at the number's
    end, where the gate's, the same, held). ``tests/extractors/test_figures_fast_paths.py`` compares the
    two on generated strings."""
    ends = list(g.PLACE_BARE_COUNT_END_RE.finditer(text))
    if not ends:
        return []
    runs = [r.start() for r in _RUN_START.finditer(text)]
    out: list[re.Match[str]] = []
    pos = 0
    for e in ends:
        if e.start() < pos:
            continue
        k = bisect.bisect_right(runs, e.start()) - 1  # the run the number is in
        m = g.PLACE_BARE_COUNT_RE.search(text, max(pos, runs[max(0, k - _BARE_RUNS)]), e.end())
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


_ADMIN_PREFIX = re.compile(r"(?:huyện|xã|thị\s+xã|thành\s+phố|TP\.?|phường|thị\s+trấn|quận)\s+", re.IGNORECASE)


def _bare_place_count(m: re.Match[str]) -> bool:
    """"Đắk Mil 3", "Đắk Song (8)": the words before the number are a place of the gazetteer, written
    capitalised, and the number is no year."""
    value = int(m.group("num"))
    if 1900 <= value <= 2100:
        return False
    name = m.group("name")
    words = name.split()
    # the shortest tail of the words that is a place ("tiếp theo là Đắk Song" → "Đắk Song")
    for k in range(len(words) - 1, -1, -1):
        tail = " ".join(words[k:])
        bare = _ADMIN_PREFIX.sub("", tail, count=1)
        if bare and all(w[:1].isupper() for w in bare.split()) and is_place_name(bare):
            return True
    return False


_DIGIT_RUN = re.compile(r"\d+")


def _at_digit_runs(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts with a digit that no letter or
    digit precedes: it is tried only where a run of digits starts (found by a search that skips to
    digits), not at every character."""
    end = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() >= end:
            m = pattern.match(text, run.start())
            if m is not None:
                yield m
                end = m.end()


def _truncated_tail(s_text: str, sent: Sentence, index: int, taken: set[int]) -> Count | None:
    window = s_text[-80:]
    t = g.TRUNCATED_TAIL_RE.search(window) if g.may_end_truncated(window) else None
    if not t:
        return None
    group = "num" if t.group("num") else "num2"
    off = sent.end - len(window)
    value = parse_number(t.group(group))
    if value is None or off + t.start(group) in taken:
        return None
    end = off + (t.end() if group == "num2" else t.end(group))
    return Count(off + t.start(group), off + t.end(group), end, value, index, truncated=True)


_BRACKET = re.compile(r"[()]")


def _set_depths(s_text: str, offset: int, counts: list[Count]) -> None:
    if "(" not in s_text and ")" not in s_text:
        return  # no brackets: every count stays at depth 0
    depth = 0
    marks = [(mm.start() + offset, mm.group(0)) for mm in _BRACKET.finditer(s_text)]
    j = 0
    for c in counts:
        while j < len(marks) and marks[j][0] < c.start:
            depth = depth + 1 if marks[j][1] == "(" else max(0, depth - 1)
            j += 1
        c.depth = depth


def share_nouns(counts: list[Count]) -> None:
    """"12 và 9 sản phẩm OCOP 3 sao": the first count's noun phrase, and so its level and its
    quote's end, are those of the count it is coordinated with."""
    for c in counts:  # "…, Hà Nội có 95": the level of the count it repeats (rules elided-repeat, elided-bracket)
        r = c.repeats
        if r is not None and c.stars is None and r.stars is not None:
            c.stars = r.stars
            c.decide("stars", "level-elided")
    for i in range(len(counts) - 2, -1, -1):
        c, tail = counts[i], counts[i + 1]
        if not c.shares_noun:
            continue
        c.noun_end = max(c.noun_end, tail.noun_end)
        if c.stars is None and tail.stars is not None:
            c.stars, c.star_end = tail.stars, tail.star_end
            c.decide("stars", "level-shared-noun")
