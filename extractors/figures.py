"""Counts of OCOP products stated in Vietnamese text.

Every figure is anchored on a count followed by *sản phẩm* ("07 sản phẩm", "1.316 sản phẩm
OCOP", "hai sản phẩm"). Around each anchor, within its sentence, the extractor reads:

* **stars** — the first star phrase after the count and before the next count or clause
  ("đạt hạng 4 sao", "từ 3 đến 5 sao" → ``3+``, "3 - 4 sao" → ``3-4``), a reversed phrase
  right before it ("3 sao: 25 sản phẩm"), or a level heading the whole list ("Trong số các
  sản phẩm đạt 4 sao có 21 sản phẩm cấp lại, 7 sản phẩm cấp mới");
* **status** — the nearest strong cue before the count (phấn đấu / kế hoạch → target,
  đề nghị / trình → proposed, đã / được công nhận / đạt 190% kế hoạch → achieved); a count in
  a list takes the status of the list; a count whose products have "tiềm năng" (potential) for
  a level is proposed unless it sits in a plan;
* **year**, **place** (distributive "mỗi địa phương" gives one figure per place named).

Counts of other things (xã, chủ thể, hộ…) never anchor. Products counted by another attribute
(sold online, organic raw-material areas, exhibited at fairs), candidates (registered, taking
part in the assessment) and product groups are dropped. The same fact stated twice is kept once.

>>> [(f.count, f.stars, f.status, f.year) for f in find_figures(
...     "Đến hết năm 2023, tỉnh có 120 sản phẩm OCOP, trong đó 15 sản phẩm 4 sao, 105 sản phẩm 3 sao. "
...     "Năm 2024 phấn đấu có thêm ít nhất 20 sản phẩm đạt từ 3 sao trở lên.")]
[(120, None, 'achieved', 2023), (15, '4', 'achieved', 2023), (105, '3', 'achieved', 2023), (20, '3+', 'target', 2024)]
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractors import figure_grammar as g
from extractors.numbers import parse_number
from extractors.records import Figure

log = logging.getLogger(__name__)

NATIONAL = "Việt Nam"
_MAX_COUNT = 50_000  # no province or nation has more OCOP products; bigger numbers are sales
_LOOK_BACK = 300  # characters of a sentence read before a count
_LOOK_AHEAD = 160  # characters read after it
_SENTENCE_MAX = 800  # longest sentence context stored with a figure


# ------------------------------------------------------------------ NFC with an offset map


class _OffsetMap:
    """Maps offsets in an NFC copy back to the text the caller gave (which may be NFD)."""

    def __init__(self, segments: list[tuple[int, int, int, int, bool]]):
        # (out_start, out_end, orig_start, orig_end, one_to_one)
        self.segments = segments
        self.out_starts = [s[0] for s in segments]

    def _segment(self, pos: int, *, end: bool) -> tuple[int, int, int, int, bool]:
        i = bisect.bisect_right(self.out_starts, pos - 1 if end and pos > 0 else pos) - 1
        return self.segments[max(i, 0)]

    def start(self, pos: int) -> int:
        o0, _o1, g0, _g1, exact = self._segment(pos, end=False)
        return g0 + (pos - o0) if exact else g0

    def end(self, pos: int) -> int:
        o0, _o1, g0, g1, exact = self._segment(pos, end=True)
        return g0 + (pos - o0) if exact else g1


_COMBINING_RUN = re.compile(r"(?s).[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _nfc_with_map(text: str) -> tuple[str, _OffsetMap | None]:
    """An NFC copy of ``text`` and a map back to it (None when ``text`` is already NFC)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    o = 0
    last = 0
    for m in _COMBINING_RUN.finditer(text):
        if m.start() > last:
            n = m.start() - last
            out.append(text[last:m.start()])
            segments.append((o, o + n, last, m.start(), True))
            o += n
        composed = unicodedata.normalize("NFC", m.group(0))
        segments.append((o, o + len(composed), m.start(), m.end(), len(composed) == m.end() - m.start()))
        out.append(composed)
        o += len(composed)
        last = m.end()
    if last < len(text):
        out.append(text[last:])
        segments.append((o, o + len(text) - last, last, len(text), True))
    if not segments:
        segments.append((0, 0, 0, 0, True))
    return "".join(out), _OffsetMap(segments)


# ------------------------------------------------------------------ sentences


@dataclass
class _Sentence:
    start: int
    end: int
    line: int  # paragraph/line number: a plan's status carries over sentences of one line


_LIST_NUMBER = re.compile(r"\s*(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])")


def _is_break(text: str, m: re.Match[str]) -> bool:
    token = m.group(0)
    rest = text[m.end():m.end() + 40].lstrip()
    if not rest:
        return True
    if token.startswith("\n"):
        if "\n" in token[1:] or token.strip(" \t") != "\n":
            return True
        before = text[max(0, m.start() - 2):m.start()].rstrip()
        return bool(before and before[-1] in ".!?:;…") or not rest[0].islower()
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "-•+*–“\"'‘(["):
        return False
    if token.startswith("."):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _LIST_NUMBER.fullmatch(text, line_start, m.start()):
            return False  # "II. KẾT QUẢ", "2. Năm 2022": the number of a heading or list item
        word = re.search(r"([\w/]+)$", text[max(0, m.start() - 8):m.start()])
        if word and (word.group(1).lower() in g.ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
            return False
    return True


def _is_heading(text: str, sent: _Sentence) -> bool:
    """A short line of its own with no count in it: a section heading."""
    if sent.end - sent.start > 60:
        return False
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:sent.start].strip() or text[sent.end:line_end].strip():
        return False
    return not g.ANCHOR_RE.search(text, sent.start, sent.end)


def split_sentences(text: str) -> list[_Sentence]:
    """Sentences with offsets; breaks at . ! ? … before a capital, at blank lines and at line
    ends that are not mid-sentence wraps. "1.316", "TP. Kon Tum" and "126,5" do not break."""
    out: list[_Sentence] = []
    start = 0
    line = 0
    for m in g.SENTENCE_BREAK_RE.finditer(text):
        if not _is_break(text, m):
            continue
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append(_Sentence(start, end, line))
        if "\n" in m.group(0):
            line += 1
        start = m.end()
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text):
        out.append(_Sentence(start, len(text), line))
    return out


# ------------------------------------------------------------------ anchors


@dataclass
class _Anchor:
    start: int  # the count as written
    end: int
    noun_end: int  # end of "sản phẩm" (and a directly following "OCOP")
    count: int
    den: int | None = None
    depth: int = 0  # bracket depth in its sentence
    truncated: bool = False
    stars: str | None = None
    star_end: int | None = None
    status: str = "achieved"
    base_status: str = "achieved"  # before "tiềm năng"/"đề nghị" descriptors: what a list passes on
    explicit: bool = False  # decided by a cue, not by default
    year: int | None = None
    places: list[str] = field(default_factory=list)
    quote_start: int | None = None
    basis: str | None = None  # "cumulative" | "new" | None
    potential: bool = False  # a reversed level described as potential: "tiềm năng 5 sao: 2 sản phẩm"
    back_ref: bool = False  # "Trong (tổng số) 12 sản phẩm …": names a set already counted
    shares_noun: bool = False  # "17 và 14 sản phẩm": its noun phrase (and level) is the next count's


_OCOP_AFTER = re.compile(r"[ \t]+OCOP(?!\w)")


# The lower bound of a range written with words: "(từ) 1 đến 2 sản phẩm", "3 tới 5 sản phẩm".
_RANGE_WITH_DEN = re.compile(r"(?<![\w.,/])(?P<lo>\d{1,6})\s+(?:đến|tới)\s+$", re.IGNORECASE)
# "Trong (tổng số) 16.352 sản phẩm …, có …": the count opens a breakdown of a set stated before.
_BACK_REF_BEFORE = re.compile(r"(?:^|[\W_])trong\s+(?:tổng\s+)?(?:số\s+)?$", re.IGNORECASE)
_NOUN_RE = re.compile(r"s[ảa]n\s+ph[ẩa]m(?!\w)|(?<!\w)SP(?!\w)", re.IGNORECASE)


def _anchor_matches(s_text: str) -> list[re.Match[str]]:
    """ANCHOR_RE matches, tried only just before each "sản phẩm" (the full pattern is slow to try
    at every position of a long page)."""
    out: list[re.Match[str]] = []
    last_end = 0
    for noun in _NOUN_RE.finditer(s_text):
        lo = max(last_end, noun.start() - 80)
        m = _last(g.ANCHOR_RE.finditer(s_text, lo, noun.end()))
        if m is not None and m.end() == noun.end() and m.start() >= last_end:
            out.append(m)
            last_end = m.end()
    return out


def _anchors(text: str, sent: _Sentence, is_text_end: bool) -> list[_Anchor]:
    s_text = text[sent.start:sent.end]
    found: list[_Anchor] = []
    for m in _anchor_matches(s_text):
        raw = m.group("num")
        value = parse_number(raw)
        if value is None or value > _MAX_COUNT:
            continue
        before = s_text[max(0, m.start() - 15):m.start()]
        if g.NOT_A_COUNT_BEFORE_RE.search(before):
            continue
        low = raw.lower().strip()
        if not raw[0].isdigit():
            if low == "một":  # "Mỗi xã một sản phẩm", "là một sản phẩm": an article, not a count
                continue
            if low == "năm" and g.YEAR_WORD_CONTEXT_RE.search(before):
                continue
        if 1990 <= value <= 2040 and m.group("hi"):
            continue  # "2021-2025 sản phẩm" is a period
        num_start = m.start("num")
        spelled = _RANGE_WITH_DEN.search(s_text, max(0, num_start - 25), num_start)
        if spelled:  # "từ 1 đến 2 sản phẩm": a range is recorded by its lower bound
            low_value = parse_number(spelled.group("lo"))
            if low_value is not None and low_value < value:
                value, num_start = low_value, spelled.start("lo")
        noun_end = m.end()
        ocop = _OCOP_AFTER.match(s_text, noun_end)
        if ocop:
            noun_end = ocop.end()
        den = int(m.group("den")) if m.group("den") else None
        found.append(_Anchor(sent.start + num_start, sent.start + m.end("num"), sent.start + noun_end,
                             value, den, back_ref=bool(_BACK_REF_BEFORE.search(before))))
    for t in g.TOTAL_WITHOUT_NOUN_RE.finditer(s_text):
        value = parse_number(t.group("num"))
        if value is not None and value <= _MAX_COUNT:
            found.append(_Anchor(sent.start + t.start("num"), sent.start + t.end("num"),
                                 sent.start + t.end("num"), value))
    if found:
        found.extend(_nounless_anchors(s_text, sent.start, {a.start for a in found}))
    found.sort(key=lambda a: a.start)
    if is_text_end:
        t = g.TRUNCATED_TAIL_RE.search(s_text[-80:])
        if t:
            off = sent.end - len(s_text[-80:])
            value = parse_number(t.group("num"))
            if value is not None and not any(a.start == off + t.start("num") for a in found):
                found.append(_Anchor(off + t.start("num"), off + t.end("num"), off + t.end("num"), value,
                                     truncated=True))
    # bracket depth of each anchor
    if found:
        depth = 0
        marks = [(mm.start() + sent.start, mm.group(0)) for mm in re.finditer(r"[()]", s_text)]
        j = 0
        for a in found:
            while j < len(marks) and marks[j][0] < a.start:
                depth = depth + 1 if marks[j][1] == "(" else max(0, depth - 1)
                j += 1
            a.depth = depth
    return found


def _share_nouns(anchors: list[_Anchor]) -> None:
    """"12 và 9 sản phẩm OCOP 3 sao": the first count's noun phrase, and so its level and its
    quote's end, are those of the count it is coordinated with."""
    for i in range(len(anchors) - 2, -1, -1):
        a, tail = anchors[i], anchors[i + 1]
        if not a.shares_noun:
            continue
        a.noun_end = max(a.noun_end, tail.noun_end)
        if a.stars is None and tail.stars is not None:
            a.stars, a.star_end = tail.stars, tail.star_end


def _nounless_anchors(s_text: str, offset: int, taken: set[int]) -> list[_Anchor]:
    """Counts whose noun is dropped, found only in a sentence that already counts products:
    coordinated counts sharing the next one's noun, and "3 sao: 71" breakdown entries."""
    out: list[_Anchor] = []

    def add(m_start: int, m_end: int, raw: str, shares: bool) -> None:
        value = parse_number(raw)
        before = s_text[max(0, m_start - 15):m_start]
        if (value is None or value > _MAX_COUNT or offset + m_start in taken
                or g.NOT_A_COUNT_BEFORE_RE.search(before)):
            return
        taken.add(offset + m_start)
        out.append(_Anchor(offset + m_start, offset + m_end, offset + m_end, value, shares_noun=shares))

    for m in g.SHARED_NOUN_AND_RE.finditer(s_text):
        add(m.start("num"), m.end("num"), m.group("num"), True)
    for m in g.SHARED_NOUN_LIST_RE.finditer(s_text):
        base = m.start("list")
        for item in re.finditer(r"[\d.]+", m.group("list")):
            add(base + item.start(), base + item.end(), item.group(0), True)
    for m in g.LEVEL_COLON_COUNT_RE.finditer(s_text):
        add(m.start("num"), m.end("num"), m.group("num"), False)
    return out


# ------------------------------------------------------------------ per-anchor readings


def _window_end(text: str, a: _Anchor, nxt: _Anchor | None, sent: _Sentence) -> int:
    limit = min(sent.end, a.noun_end + _LOOK_AHEAD)
    if nxt is not None:
        limit = min(limit, nxt.start)
    stop = g.STAR_WINDOW_STOP_RE.search(text, a.noun_end, limit)
    if stop:
        limit = stop.start()
    if a.depth > 0:
        close = text.find(")", a.noun_end, limit)
        if close != -1:
            limit = close
    return limit


def _read_stars(text: str, a: _Anchor, nxt: _Anchor | None, sent: _Sentence) -> None:
    end = _window_end(text, a, nxt, sent)
    m = g.STAR_RE.search(text, a.noun_end, end) if end > a.noun_end else None
    if (m and nxt is not None and any(sep in text[a.noun_end:m.start() + 1] for sep in ",(")
            and g.LEVEL_HEADS_NEXT_RE.fullmatch(text, m.end(), nxt.start)):
        m = None  # "…, hạng 4 sao có 9 sản phẩm", "(3 sao: 21 sản phẩm": the level heads the next count
    if m:
        a.stars, a.star_end = g.stars_of(m), m.end()
        return
    # reversed: "3 sao: 25 sản phẩm"
    left_start = max(sent.start, a.start - 40)
    left = text[left_start:a.start]
    last = _last(g.STAR_RE.finditer(left))
    if last is not None and g.REVERSED_STAR_JOINER_RE.fullmatch(left[last.end():]):
        a.stars = g.stars_of(last)
        a.quote_start = left_start + last.start()
        potential = g.POTENTIAL_BEFORE_STAR_RE.search(text, max(sent.start, a.quote_start - 30), a.quote_start)
        if potential:  # "tiềm năng 5 sao: 2 sản phẩm"
            a.quote_start = potential.start()
            a.potential = True


def _last(matches):  # type: ignore[no-untyped-def]
    """The last item of an iterator, or None."""
    item = None
    for item in matches:  # noqa: B007
        pass
    return item


def _header_stars(text: str, sent: _Sentence, first: _Anchor) -> str | None:
    prefix_start = max(sent.start, first.start - _LOOK_BACK)
    head = g.HEADER_PRODUCTS_RE.search(text, prefix_start, first.start)
    if not head:
        return None
    last = _last(g.STAR_RE.finditer(text, head.end(), first.start))
    return g.stars_of(last) if last is not None else None


def _cues(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(g.CUE_RE.finditer(text, start, end)) if end > start else []


def _status_from_cues(cues: list[re.Match[str]], as_of_year: int | None) -> str | None:
    """The status told by the nearest strong cue (scanning right to left), or None."""
    modal = False
    proposed = False
    for c in reversed(cues):
        kind = c.lastgroup if c.lastgroup != "modal_year" else "modal"
        if kind in ("neutral", "weak"):
            continue
        if kind == "modal":
            year = c.group("modal_year")
            if year and as_of_year and int(year) <= as_of_year:
                continue  # "đến năm 2020" in a 2021 article is a past date
            if proposed:
                return "target"  # "(ít nhất) … đề xuất ít nhất 1 sản phẩm": a planned proposal
            modal = True
            continue
        if proposed:
            # a proposal that is itself planned ("dự kiến trình", "phấn đấu …, đề xuất") is a target
            return "target" if kind == "target" else "proposed"
        if kind == "perfect":
            return "achieved"
        if modal and kind == "temporal":
            return "target"
        if kind == "proposed":
            if modal:
                return "target"  # "đề nghị …; đến năm 2030, toàn huyện có 50": the nearer plan decides
            proposed = True
            continue
        return g.CUE_STATUS[kind]
    if proposed:
        return "proposed"
    return "target" if modal else None


def _has_weak(cues: list[re.Match[str]]) -> bool:
    return any(c.lastgroup == "weak" for c in cues)


def _read_status(text: str, a: _Anchor, prev: _Anchor | None, nxt: _Anchor | None, sent: _Sentence,
                 plan_mode: bool, as_of_year: int | None, plan_section: bool = False) -> None:
    gap_start = max(prev.noun_end if prev else sent.start, a.start - _LOOK_BACK, sent.start)
    left = _cues(text, gap_start, a.start)
    part = _last(_PART_OF.finditer(text, gap_start, a.start)) if prev is not None else None
    if part is not None:
        # "60 sản phẩm được đánh giá, trong đó ít nhất 15 sản phẩm đạt 4 sao": the words before
        # "trong đó" describe the whole; the part has the whole's status unless it says its own
        left = [c for c in left if c.start() >= part.end()]
    status: str | None = None
    if a.depth > 0:  # "đạt 190% kế hoạch năm (30 sản phẩm)": the bracket states the plan
        bracket = text.rfind("(", max(sent.start, a.start - 20), a.start)
        if bracket != -1 and not text[bracket + 1:a.start].strip() and g.PLAN_BEFORE_BRACKET_RE.search(
                text, max(sent.start, bracket - 40), bracket + 1):
            status = "target"
    if status is None and g.PLAN_NOUN_BEFORE_RE.search(text, max(sent.start, a.start - 40), a.start):
        status = "target"
    if status is None:
        status = _status_from_cues(left, as_of_year)
        if (status == "proposed" and prev is not None and prev.explicit and prev.base_status == "target"
                and not any(c.lastgroup == "perfect" and c.group(0).lower() in ("đã", "vừa") for c in left)):
            status = "target"  # "phấn đấu có thêm 30 sản phẩm; đề xuất … 2 sản phẩm 5 sao": one plan
    if status == "proposed" and plan_section:
        status = "target"  # "II. NHIỆM VỤ NĂM 2024 … Đề xuất Trung ương đánh giá 2 sản phẩm": a planned proposal
    explicit = status is not None
    if status is None and prev is not None:
        status, explicit = prev.base_status, prev.explicit
    if status is None and plan_section:
        status, explicit = "target", True
    if status is None:
        plan_verb = g.PLAN_VERB_START_RE.match(text, sent.start, a.start)
        if plan_verb and not _has_weak([c for c in left if c.start() >= plan_verb.end()]):
            status, explicit = "target", True
        elif plan_mode and not _has_weak(left) and not a.truncated:
            status = "target"
    if status is None:
        right = _cues(text, a.noun_end, _window_end(text, a, nxt, sent))
        status = _status_from_cues(right, as_of_year)
        explicit = status is not None
    if status is None:
        status = "achieved"
    a.base_status = status
    if status != "target" and (a.potential or (g.PROPOSED_DESCRIPTOR_RE.match(text, a.noun_end, a.noun_end + 40)
                                               and (a.stars or "đề" in text[a.noun_end:a.noun_end + 20]))
                               or g.PROPOSED_BY_RE.match(text, a.noun_end, sent.end)):
        status = "proposed"
    a.status = status
    a.explicit = explicit


_ROMAN_HEADING = re.compile(r"[\W_]*[IVXLC]+\s*[.)]\s")
_PART_OF = re.compile(r"(?<!\w)trong\s+đó(?!\w)", re.IGNORECASE)


# The stretch after a count that its predicate can be in: on through a list of counts
# ("25 sản phẩm OCOP, 15 sản phẩm … được đưa lên sàn"), but not past another clause.
_ATTRIBUTE_STOP = re.compile(
    r";|,(?!\s*(?:\d|(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s))|(?<!\w)trong\s+đó(?!\w)|\d+\s*%", re.IGNORECASE
)


_BREAKDOWN_GAP = re.compile(r"[\s,;:(]*(?:trong\s+đó|bao\s+gồm|gồm)(?!\w)", re.IGNORECASE)


def _is_other_count(text: str, a: _Anchor, sent: _Sentence, prev: _Anchor | None = None) -> bool:
    """True when the count is not of products by OCOP ranking (sales, candidates, groups…)."""
    if a.truncated:
        return False
    if prev is not None and prev.count < 0 and _BREAKDOWN_GAP.match(text, prev.noun_end, a.start):
        return True  # "trưng bày hơn 1.000 sản phẩm, trong đó có 400 sản phẩm OCOP": a part of a set that is not one
    after = text[a.noun_end:min(sent.end, a.noun_end + 40)]
    failed = g.FAILED_AFTER_RE.match(after)
    if failed and not (failed.group("expired")
                       and g.RECERTIFIED_BEFORE_RE.search(text, max(sent.start, a.start - 40), a.start)):
        return True
    label = g.COUNT_LABEL_RE.search(text, max(sent.start, a.start - 60), a.start)
    if label and (g.FAILED_AFTER_RE.match(label.group("what")) or g.CANDIDATE_RE.search(label.group("what"))):
        return True  # "Số sản phẩm không đạt: 9 sản phẩm", "Số sản phẩm đăng ký: 64 sản phẩm"
    if not a.stars and g.MADE_FROM_RE.match(after):
        return True
    if not a.stars and g.OTHER_KIND_RE.match(after):
        return True
    if not a.stars and re.match(r"^\s*(?:ocop\s+)?(?:có\s+)?tiềm\s+năng", after, re.IGNORECASE):
        return True  # potential products with no level named are candidates
    # the clause the count is in: back to the last comma, on to the end of its list
    clause_start = max(sent.start, a.start - 80)
    for sep in ",;:(":
        k = text.rfind(sep, clause_start, a.start)
        if k != -1:
            clause_start = max(clause_start, k + 1)
    end = min(sent.end, a.noun_end + 150)
    m = _ATTRIBUTE_STOP.search(text, a.noun_end, end)
    right_end = m.start() if m else end
    if g.OTHER_ATTRIBUTE_RE.search(text, clause_start, a.start) or g.OTHER_ATTRIBUTE_RE.search(
            text, a.noun_end, right_end):
        return True
    if g.ASSESSED_BEFORE_RE.search(text, max(sent.start, a.start - 60), a.start):
        return True
    if not a.stars and g.CATEGORY_RE.search(text, max(sent.start, a.start - _LOOK_BACK), a.start):
        return True
    if not a.stars and a.status != "target" and not g.RESULT_AFTER_RE.match(after):
        window_end = min(sent.end, a.noun_end + 60)
        if g.CANDIDATE_RE.search(text, max(sent.start, a.start - _LOOK_BACK), window_end):
            return True
    return False


def _read_year(text: str, a: _Anchor, prev_year: int | None, sent: _Sentence, undated: bool) -> None:
    if a.status == "target":
        lo, hi = max(sent.start, a.start - _LOOK_BACK), min(sent.end, a.noun_end + _LOOK_AHEAD)
        r = _last(g.YEAR_RANGE_RE.finditer(text, lo, hi))
        tm = [c for c in g.CUE_RE.finditer(text, lo, hi) if c.group("modal_year")]
        if tm:
            a.year = int(tm[-1].group("modal_year"))
            return
        if r is not None:
            a.year = int(r.group(1))
            return
    right = g.YEAR_AFTER_NOUN_RE.match(text, a.noun_end, min(sent.end, a.noun_end + 30))
    if right:
        a.year = int(right.group(1))
        return
    left_start = max(sent.start, a.start - _LOOK_BACK)
    years = [int(y.group(0)) for y in g.YEAR_RE.finditer(text, left_start, a.start)]
    if years:
        a.year = years[-1]
        return
    y = g.YEAR_RE.search(text, a.noun_end, min(sent.end, a.noun_end + 80))
    if y:
        a.year = int(y.group(0))
        return
    y = g.YEAR_RE.search(text, sent.start, min(sent.end, sent.start + 2 * _LOOK_BACK))
    if y:
        a.year = int(y.group(0))
        return
    if not undated:
        a.year = prev_year


# ------------------------------------------------------------------ basis

_PLAIN_HAS = re.compile(r"(?<!\w)(?:đã\s+|hiện\s+|đang\s+)?có(?:\s+(?:tổng|khoảng|hơn|trên|gần))?\s*$", re.IGNORECASE)


_CONTINUATION = re.compile(r"[\W_]*(?:trong\s+đó|cụ\s+thể|bao\s+gồm|gồm)(?!\w)", re.IGNORECASE)


def _read_basis(text: str, a: _Anchor, prev: _Anchor | None, sent: _Sentence,
                before: str | None = None) -> None:
    """Running total ("cumulative") or what one round/year/decision added ("new"), else None.

    The nearest strong cue before the count decides ("thêm", "mới", "lũy kế", "toàn tỉnh có");
    a breakdown with no cue of its own takes the basis of the count it breaks down (``before``
    is the basis of the previous sentence's last count, for "Trong đó, …"); a decision, a year or
    the verb "công nhận" alone mean one round unless a running-total cue is further left.
    """
    if g.NEW_AFTER_NOUN_RE.match(text, a.noun_end, min(sent.end, a.noun_end + 40)):
        a.basis = "new"
        return
    gap_start = max(prev.noun_end if prev else sent.start, a.start - _LOOK_BACK, sent.start)
    weak = False
    for c in reversed(list(g.BASIS_CUE_RE.finditer(text, gap_start, a.start))):
        if c.lastgroup == "cum":
            a.basis = "cumulative"
            return
        if c.lastgroup == "new":
            a.basis = "new"
            return
        weak = True
    if prev is not None and prev.basis is not None and not weak:
        a.basis = prev.basis
        return
    if weak:
        a.basis = "new"
        return
    if prev is None and before is not None and _CONTINUATION.match(text, sent.start, a.start):
        a.basis = before
        return
    if a.status != "target" and _PLAIN_HAS.search(text, max(gap_start, a.start - 30), a.start) \
            and not g.YEAR_RE.search(text, sent.start, sent.end):
        a.basis = "cumulative"  # "Huyện có 21 sản phẩm OCOP": what the place has, with no round named


# ------------------------------------------------------------------ places


def _previous(by_depth: dict[int, _Anchor], depth: int) -> _Anchor | None:
    """The latest anchor at this bracket depth or outside it (a list goes on around brackets)."""
    best = None
    for d, x in by_depth.items():
        if d <= depth and (best is None or x.start > best.start):
            best = x
    return best


def _places_module():  # type: ignore[no-untyped-def]
    try:
        from extractors import places
    except Exception:  # another helper's module, possibly not there yet
        return None
    return places


_FALLBACK_PLACE = re.compile(
    r"(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|TP\.?)\s+[A-ZĐÀ-Ỹ][\w'’-]*(?:[ \t]+[A-ZĐÀ-Ỹ][\w'’-]*){0,3}"
)


def _place_mentions(text: str, sent: _Sentence) -> list[tuple[int, int, str, str]]:
    """(start, end, name, level) of places in one sentence."""
    mod = _places_module()
    chunk = text[sent.start:sent.end]
    out: list[tuple[int, int, str, str]] = []
    if mod is not None:
        try:
            for p in mod.find_places(chunk):
                out.append((sent.start + p.start, sent.start + p.end, p.name, p.level))
            return out
        except Exception:
            log.debug("find_places failed", exc_info=True)
    for m in _FALLBACK_PLACE.finditer(chunk):
        level = "province" if m.group(0).lower().startswith(("tỉnh", "thành phố")) else "district"
        out.append((sent.start + m.start(), sent.start + m.end(), m.group(0), level))
    for m in g.NATIONAL_RE.finditer(chunk):
        out.append((sent.start + m.start(), sent.start + m.end(), NATIONAL, "national"))
    out.sort()
    return out


def _distributive_places(text: str, sent: _Sentence, a: _Anchor) -> list[str]:
    """Names listed before "mỗi địa phương có N sản phẩm", one per figure."""
    left_start = max(sent.start, a.start - 200)
    left = text[left_start:a.start]
    m = re.search(r"\(?\s*mỗi\s+(?:địa\s+phương|huyện|quận|xã|nơi|đơn\s+vị|thị\s+xã|tỉnh|thành\s+phố|phường|thị\s+trấn)(?:\s+(?:đều\s+)?(?:có|đạt|với))?"
                  r"(?:\s+(?:ít\s+nhất|tối\s+thiểu|khoảng|trên|hơn|gần))?\s*$", left, re.IGNORECASE)
    if not m:
        return []
    tokens = re.findall(r"[^\W\d_][\w'’.-]*|,|\S", left[:m.start()])
    items: list[list[str]] = [[]]
    for tok in reversed(tokens):
        if tok in (",", "và", "&"):
            if not items[-1]:
                break
            items.append([])
            continue
        if tok[0].isupper() or (g.ADMIN_PREFIX_RE.match(tok) and items[-1]):
            items[-1].insert(0, tok)
            continue
        if tok.lower() in ("thị", "thành", "thị trấn") and items[-1]:
            items[-1].insert(0, tok)
            continue
        break
    for item in items:  # "Các huyện Yên Lạc": keep from the administrative prefix on
        k = next((j for j, w in enumerate(item) if j > 0 and g.ADMIN_PREFIX_RE.match(w)), 0)
        del item[:k]
    names = [" ".join(i) for i in reversed(items) if i]
    names = [n for n in names if n and any(w[0].isupper() for w in n.split())]
    return names if len(names) >= 2 else []


def _named_districts(text: str, title: str | None) -> list[tuple[int, str]]:
    """(position, "huyện X") of every district named with its prefix; the title's count as
    position -1, so an interview titled "Chủ tịch UBND huyện Thanh Hà: ..." resolves "huyện"."""
    found = [(-1, m.group(0)) for m in g.NAMED_DISTRICT_RE.finditer(title or "")]
    found += [(m.start(), m.group(0)) for m in g.NAMED_DISTRICT_RE.finditer(text)]
    return [(pos, name[0].lower() + name[1:]) for pos, name in found]


def _last_named_before(districts: list[tuple[int, str]], position: int) -> str | None:
    k = bisect.bisect_left(districts, (position, "")) - 1
    return districts[k][1] if k >= 0 else None


def _read_place(text: str, a: _Anchor, prev: _Anchor | None, sent: _Sentence,
                mentions: list[tuple[int, int, str, str]], default_place: str | None,
                districts: list[tuple[int, str]] | None = None) -> None:
    spread = _distributive_places(text, sent, a)
    if spread:
        a.places = spread
        return
    of = g.OF_PLACE_RE.match(text, a.noun_end, min(sent.end, a.noun_end + 60))
    if of:
        a.places = [of.group("place")]
        return
    gap_start = max(prev.noun_end if prev else sent.start, a.start - _LOOK_BACK)
    k = bisect.bisect_right(mentions, (a.start, a.start, "", "")) - 1
    while k >= 0 and mentions[k][1] > a.start:
        k -= 1
    if k >= 0 and mentions[k][0] >= gap_start:
        a.places = [mentions[k][2]]
        return
    if g.NATIONAL_RE.search(text, gap_start, a.start):
        a.places = [NATIONAL]
        return
    if districts and g.DISTRICT_ANAPHOR_RE.search(text, gap_start, a.start):
        named = _last_named_before(districts, a.start)
        if named:
            a.places = [named]
            return
    if prev is not None and not g.WHOLE_PROVINCE_RE.search(text, gap_start, a.start):
        a.places = list(prev.places)
        return
    a.places = [default_place] if default_place else [None]  # type: ignore[list-item]


# ------------------------------------------------------------------ the public function


@lru_cache(maxsize=4096)
def _resolve(name: str | None) -> tuple[str | None, str | None]:
    """(province, province_2025) through extractors.places when it is installed; cached because
    a page repeats its few place names many times."""
    if not name or name == NATIONAL:
        return None, None
    mod = _places_module()
    if mod is None:
        return None, None
    try:
        hit = mod.resolve(name)
    except Exception:
        return None, None
    return (hit[0], hit[1]) if hit else (None, None)


def _year_of(as_of: str | None) -> int | None:
    if not as_of:
        return None
    m = re.match(r"\s*(\d{4})", str(as_of))
    return int(m.group(1)) if m else None


def find_figures(text: str, *, as_of: str | None = None, default_place: str | None = None,
                 title: str | None = None) -> list[Figure]:
    """Every count of OCOP products stated in ``text`` (see the module docstring). Never raises."""
    try:
        return _find_figures(text, as_of=as_of, default_place=default_place, title=title)
    except Exception:  # a figure extractor must not take a crawl down; log and return nothing
        log.exception("find_figures failed on a text of %d characters", len(text) if isinstance(text, str) else -1)
        return []


def _find_figures(text: str, *, as_of: str | None, default_place: str | None,
                  title: str | None = None) -> list[Figure]:
    if not isinstance(text, str) or not text:
        return []
    original = text
    text, offsets = _nfc_with_map(text)
    if not g.ANCHOR_RE.search(text) and not g.TRUNCATED_TAIL_RE.search(text[-80:]):
        return []
    as_of_year = _year_of(as_of)
    sentences = split_sentences(text)
    districts = _named_districts(text, title)
    results: list[tuple[_Anchor, _Sentence]] = []
    plan_line = -1  # the line whose last decided figure was a target
    prev_year: int | None = None
    last_basis: str | None = None  # of the last count kept, for a breakdown opening the next sentence
    prev_line = -1
    plan_section = False  # under a "Mục tiêu"/"Nhiệm vụ" heading of a plan
    for idx, sent in enumerate(sentences):
        if _is_heading(text, sent):
            if g.PLAN_HEADING_RE.match(text, sent.start, sent.end):
                plan_section = True
            elif g.REPORT_HEADING_RE.match(text, sent.start, sent.end) or _ROMAN_HEADING.match(
                    text, sent.start, sent.end):
                plan_section = False  # "III. CĂN CỨ VÀ KẾT QUẢ" after "II. MỤC TIÊU": the plan part ended
        anchors = _anchors(text, sent, idx == len(sentences) - 1)
        if sent.line != prev_line:
            prev_year = None
            prev_line = sent.line
        if not anchors:
            continue
        mentions = _place_mentions(text, sent)
        header = _header_stars(text, sent, anchors[0])
        undated = bool(g.UNDATED_RE.search(text, sent.start, sent.end))
        by_depth: dict[int, _Anchor] = {}  # the last anchor seen at each bracket depth
        for i, a in enumerate(anchors):
            nxt = anchors[i + 1] if i + 1 < len(anchors) else None
            prev = _previous(by_depth, a.depth)
            by_depth = {d: x for d, x in by_depth.items() if d < a.depth}
            by_depth[a.depth] = a
            _read_stars(text, a, nxt, sent)
            if a.stars is None and header:
                a.stars = header
            _read_status(text, a, prev, nxt, sent, plan_line == sent.line, as_of_year, plan_section)
            if _is_other_count(text, a, sent, prev):
                a.count = -1
                continue
            _read_year(text, a, prev_year, sent, undated)
            _read_basis(text, a, prev, sent, last_basis)
            _read_place(text, a, prev, sent, mentions, default_place, districts)
            results.append((a, sent))
        _share_nouns(anchors)
        kept = [a for a in anchors if a.count >= 0]
        if kept:
            # a bracketed plan "(20 sản phẩm)" does not turn the next sentences into a plan
            last = next((a for a in reversed(kept) if a.depth == 0), kept[-1])
            if last.explicit and last.base_status == "target":
                plan_line = sent.line
            elif last.explicit:
                plan_line = -1
            last_basis = last.basis
            years = [a.year for a in kept if a.year]
            if years:
                prev_year = years[-1]
    return _to_figures(original, text, offsets, results, as_of, default_place)


def _place_key(place: str | None, main: str | None) -> str:
    """What makes two mentions the same place: the province for province-level names (and for
    none at all, the article's main province), the name itself for districts and communes."""
    if place is None:
        return main or ""
    if place == NATIONAL:
        return NATIONAL
    rest = re.sub(r"^(?:tỉnh|thành\s+phố|tp\.?)\s+", "", place.strip(), flags=re.IGNORECASE)
    province, _ = _resolve(rest)
    if province and _fold(rest) == _fold(province):
        return province
    return " ".join(place.lower().split())


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _main_place(results: list[tuple[_Anchor, _Sentence]], default_place: str | None) -> str | None:
    if default_place:
        province, _ = _resolve(default_place)
        return province or default_place
    counts: dict[str, int] = {}
    for a, _ in results:
        for p in a.places:
            if p and p != NATIONAL:
                province, _ = _resolve(p)
                if province:
                    counts[province] = counts.get(province, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _left_words(text: str, a: _Anchor) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"\w+", text[max(0, a.start - 30):a.start])[-2:])


def _to_figures(original: str, text: str, offsets: _OffsetMap | None, results: list[tuple[_Anchor, _Sentence]],
                as_of: str | None, default_place: str | None) -> list[Figure]:
    main = _main_place(results, default_place)
    figures: list[Figure] = []
    seen: dict[tuple, int] = {}
    starred: dict[tuple, int] = {}  # loose key of a figure with a level -> start of its sentence
    unstarred_by_context: dict[tuple, int] = {}

    def emit(count: int, stars: str | None, status: str, year: int | None, place: str | None,
             qs: int, qe: int, sent: _Sentence, left: tuple[str, ...], basis: str | None = None) -> None:
        key = (count, stars, status, _place_key(place, main))
        if key in seen:
            i = seen[key]
            if figures[i] is not None and figures[i].year is None and year is not None:
                figures[i] = _replace_year(figures[i], year)
            if figures[i] is not None and figures[i].basis is None and basis is not None:
                figures[i] = replace(figures[i], basis=basis)
            return
        loose = (count, status, key[3], left)
        if stars is None and loose in starred and starred[loose] != sent.start:
            return  # the title said "13 sản phẩm", the body "13 sản phẩm … từ 3 sao trở lên"
        if stars is not None and loose in unstarred_by_context:
            i = unstarred_by_context.pop(loose)
            year = year if year is not None else figures[i].year
            seen.pop((figures[i].count, None, figures[i].status, key[3]), None)
            figures[i] = None  # type: ignore[call-overload]
        s0 = offsets.start(qs) if offsets else qs
        e0 = offsets.end(qe) if offsets else qe
        # the sentence, or a window of it around the quote when it is a run-on page
        s_lo, s_hi = max(sent.start, qs - _SENTENCE_MAX // 2), min(sent.end, qe + _SENTENCE_MAX // 2)
        ss = offsets.start(s_lo) if offsets else s_lo
        se = offsets.end(s_hi) if offsets else s_hi
        province, province_2025 = _resolve(place) if place else (None, None)
        fig = Figure(count=count, stars=stars, status=status, year=year, place=place, province=province,
                     province_2025=province_2025, quote=original[s0:e0], start=s0, end=e0,
                     sentence=original[ss:se].strip(), as_of=as_of, basis=basis)
        seen[key] = len(figures)
        if stars is None:
            unstarred_by_context[loose] = len(figures)
        else:
            starred[loose] = sent.start  # two clauses of one sentence are two facts, not a restatement
        figures.append(fig)

    headline_figures: list[int] = []
    for a, sent in results:
        if a.back_ref and any(f is not None and f.count == a.count for f in figures):
            continue  # the same set named again to break it down, not a new figure
        first = len(figures)
        qs = a.quote_start if a.quote_start is not None else a.start
        qe = max(a.noun_end, a.star_end or 0)
        left = _left_words(text, a)
        for place in a.places or [None]:
            ps = qs
            if len(a.places) > 1 and place:
                k = text.rfind(place, max(sent.start, a.start - 200), a.start)
                if k != -1:
                    ps = min(ps, k)
            emit(a.count, a.stars, a.status, a.year, place, ps, qe, sent, left, a.basis)
        if a.den is not None:
            plan = g.PLAN_AFTER_RE.match(text, a.noun_end, sent.end)
            if plan:
                emit(a.den, None, "target", a.year, a.places[0] if a.places else None, a.start, plan.end(), sent,
                     ("/", *left), a.basis)
        if _is_headline(text, sent):
            headline_figures.extend(range(first, len(figures)))
    _drop_restated_headline(figures, headline_figures)
    return [f for f in figures if f is not None]


def _is_headline(text: str, sent: _Sentence) -> bool:
    """The page's first line, standing alone and short: the headline of the article."""
    if text[:sent.start].strip() or sent.end - sent.start > 160:
        return False
    line_end = text.find("\n", sent.start)
    return line_end == -1 or (line_end >= sent.end and not text[sent.end:line_end].strip())


def _drop_restated_headline(figures: list[Figure | None], headline: list[int]) -> None:
    """A headline count that the body states again (same count and status, the body maybe naming
    the level or a narrower place: "Bạc Liêu công nhận 24 sản phẩm OCOP" over "có 24 sản phẩm đạt
    hạng 3 sao và 4 sao") is that body figure, not another one."""
    for i in headline:
        if i >= len(figures) or figures[i] is None:
            continue
        h = figures[i]
        for j in range(i + 1, len(figures)):
            b = figures[j]
            if j in headline or b is None or b.count != h.count or b.status != h.status:
                continue
            if h.stars is not None and b.stars != h.stars:
                continue
            if b.year is None and h.year is not None:
                figures[j] = _replace_year(b, h.year)
            figures[i] = None
            break


def _replace_year(f: Figure, year: int) -> Figure:
    return replace(f, year=year)
