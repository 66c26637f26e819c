"""The merge of repeated facts, and the Figure records the readers' decisions become.

The same fact stated more than once — in the headline and again in the body, in a lead and in a
table heading, named again to break it down — is one figure (GOLD_FORMAT.md). Its year and basis
are those stated where any mention states them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.figures.candidates import Count
from extractors.figures.grammar import ANCHOR_RE, DATE_RE
from extractors.figures.passage import Passage
from extractors.figures.place import NATIONAL, level_of_written
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.figures.sentences import Sentence, alone_on_line, is_headline
from extractors.figures.textmap import Identity, OffsetMap
from extractors.figures.zones import own_end
from extractors.places import resolve
from extractors.records import Figure
from extractors.text import fold

SENTENCE_MAX = 800  # longest sentence context stored with a figure
_DATELINES = 2  # lines that only date the page, above a headline
_CHROME_LINES = 3  # lines of a portal's own furniture above a headline
# (the portal's name in capitals, "Trang chủ > Tin tức", a menu "A | B | C", a byline "Đăng lúc: … | Người đăng: …")
_PAGE_CHROME = re.compile(r"(?:cổng\s+thông\s+tin|trang\s+thông\s+tin|ubnd|ủy\s+ban|uỷ\s+ban)\s[^\n]{0,100}$"
                          r"|(?:trang\s+chủ|tin\s+tức)\s*(?:[|>»›]|$).*$|[^\n|]*\|[^\n|]*\|.*$"
                          r"|(?:đăng\s+(?:lúc|ngày)|ngày\s+đăng)\s*:.*$", re.I)
_DATELINE_MAX = 60

TABLE = RuleTable("merge", "one figure", [
    Rule("back-reference", r"(?<!\w)trong\s+(?:tổng\s+)?(?:số\s+)?$", "dropped",
         Example("Bộ công nhận 12 sản phẩm đạt 5 sao. Trong 12 sản phẩm được công nhận có 3 sản phẩm của Hà Nội.",
                 12, 1),
         "'Trong (tổng số) N sản phẩm' names again a set already counted, to break it down"),
    Rule("same-words", r"", "merged",
         Example("Tỉnh công nhận 8 sản phẩm, trong đó 1 sản phẩm đánh giá, phân hạng lại. Huyện Kỳ Anh 2 sản phẩm "
                 "(1 sản phẩm đánh giá, phân hạng lại).", 1, 1),
         "the same count in the same words, in another sentence: one fact restated in a breakdown"),
    Rule("bare-restatement", r"", "merged",
         Example("Tỉnh phê duyệt kết quả chấm điểm 03 sản phẩm tiềm năng 5 sao.\n\n3 sản phẩm gồm:\n\nTT Sản phẩm",
                 3, 1),
         "a count said with nothing of its own (no level, cue, place or breakdown) restates one already given "
         "(not one its own words date to another year)"),
    Rule("same-fact", r"", "merged",
         Example("Nghệ An có 45 sản phẩm OCOP 4 sao\nTính đến tháng 6/2024, tỉnh Nghệ An có 45 sản phẩm đạt 4 sao.",
                 45, 1),
         "same count, level, status and place (and no other year or basis): one fact"),
    Rule("restated-without-level", r"", "merged into the one with a level",
         Example("Phê duyệt kết quả xếp hạng cho 19 sản phẩm OCOP\n\nUBND tỉnh phê duyệt kết quả xếp hạng cho "
                 "19 sản phẩm OCOP năm 2021 đạt từ 3 sao trở lên.", 19, 1),
         "a mention without a level, in another sentence, of a fact stated with one (not one whose own words "
         "name another year: 'năm 2021 có 2 sản phẩm' beside 'có thêm 2 sản phẩm OCOP 4 sao' of a 2023 round)"),
    Rule("whole-restated-by-part", r"", "merged into the part",
         Example("Năm 2023, toàn tỉnh công nhận 20 sản phẩm. Huyện Yên Châu: 9 sản phẩm (3 sao: 9); "
                 "huyện Mộc Châu: 11 sản phẩm (4 sao: 2; 3 sao: 9).", 9, 2),
         "a whole broken down into one part of the same count ('9 sản phẩm (3 sao: 9)'): the part names "
         "the whole's level, one fact"),
    Rule("headline-restated", r"", "merged into the body's",
         Example("Phú Yên công nhận 18 sản phẩm OCOP\n\nNăm 2024, huyện Tuy An có 18 sản phẩm đạt hạng 3 sao.",
                 18, 1),
         "a headline count (the first line, below any line that only dates the page and up to three lines of the "
         "portal's own furniture: its name in capitals 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ …', 'UBND XÃ …', a menu 'Trang chủ > Tin "
         "tức', 'A | B | C', a byline 'Đăng lúc: … | Người đăng: …') the body states "
         "again, naming the level or a narrower place, or the status a "
         "telegraphic headline leaves out ('Hòa Bình: mỗi năm thêm 20 sản phẩm' over '… phấn đấu có thêm 20')"),
    Rule("headline-of-non-result", r"", "dropped",
         Example("Hơn 300 sản phẩm OCOP hội tụ tại Lễ hội Xoài\n\nLễ hội có 180 gian hàng, trưng bày hơn 300 sản phẩm "
                 "OCOP của 25 tỉnh, thành phố.", 300, 0),
         "a headline count with no cue or level of its own that the body states again only as a count that is not "
         "a result (on display, exported, supported, registered) is that count, not a figure"),
], doc="Applied in this order while the figures are collected. The example's value is how many "
       "figures of that count remain.", values="the number of figures left")


@dataclass
class _Fact:
    count: Count
    place: str | None
    place_level: str | None
    qs: int
    qe: int
    year: int | None
    basis: str | None
    as_of: str | None
    headline: bool
    alive: bool = True

    @property
    def inferred_year(self) -> bool:
        """A year from the passage (its round, plan, article date or line), not the count's own words."""
        return self.count.trace.get("year") in _INFERRED_YEAR


_DEFAULT_BASIS = ("round-result", "plain-has")  # a basis no words of the mention state
_INFERRED_YEAR = ("round-year", "article-year", "plan-year", "sentence-year")


class _Facts:
    """The facts found so far, looked up by count (only facts of one count can be one fact)."""

    def __init__(self) -> None:
        self.all: list[_Fact] = []
        self.by_count: dict[int, list[_Fact]] = {}
        self.moved: dict[int, _Fact] = {}  # id of a fact merged away -> the fact that absorbed it

    def of(self, value: int) -> list[_Fact]:
        return self.by_count.get(value, [])

    def append(self, fact: _Fact) -> None:
        self.all.append(fact)
        self.by_count.setdefault(fact.count.value, []).append(fact)

    def holding(self, fact: _Fact | None) -> _Fact | None:
        while fact is not None and not fact.alive and id(fact) in self.moved:
            fact = self.moved[id(fact)]
        return fact


def to_figures(original: str, p: Passage, offsets: OffsetMap | Identity) -> list[Figure]:
    counts = [c for c in p.all_counts() if c.result]
    main = _main_place(counts, p.default_place)
    # rule national-passage: a passage that names no province, only the country, is about the country: its
    # counts with no place of their own are the same place as "cả nước" ("17.400 sản phẩm OCOP là kết quả …")
    same = main if main is not None or not any(NATIONAL in c.places for c in counts) else NATIONAL
    facts = _Facts()
    home: dict[int, _Fact] = {}  # id of a count -> the fact that held it when it was added
    headline_at = _headline(p)
    echoes = _echoes_of_non_results(p, headline_at)
    for c in counts:
        if id(c) in echoes:
            continue
        if c.alias is not None or (c.back_ref and any(f.alive for f in facts.of(c.value))):
            c.decide("merge", "back-reference")
            continue  # the same set named again to break it down
        year, as_of = c.year, c.as_of
        whole = facts.holding(home.get(id(c.whole))) if c.whole is not None else None
        if year is None and whole is not None and whole.year is not None and c.trace.get("year") in (None, "whole-year"):
            # the whole was stated elsewhere with its year ("… nay là 197 sản phẩm, trong đó có 36 sản phẩm 4 sao"
            # after "nâng tổng số … lên 197" of a dated round): rule part-of-merged-whole
            year, as_of = whole.year, whole.as_of
        qs, qe = c.quote_span
        headline = c.sent == headline_at
        for place in c.places or [None]:
            ps = qs
            level = c.place_level
            if len(c.places) > 1 and place:
                k = p.text.rfind(place, max(p.sentences[c.sent].start, c.start - 200), c.start)
                if k != -1:
                    ps = min(ps, k)
                level = level_of_written(place) or "district"
            home[id(c)] = _add(facts, _Fact(c, place, level, ps, qe, year, c.basis, as_of, headline), same, p.text)
        if whole is not None and _restated_by_only_part(whole, c):
            whole.alive = False
            facts.moved[id(whole)] = home[id(c)]
            _absorb(home[id(c)], whole)
            whole.count.decide("merge", "whole-restated-by-part")
        if c.den is not None:
            _plan_denominator(p, c, facts, same)
    _drop_restated_headline(facts.all, same)
    return [_figure(original, p, offsets, f, main) for f in facts.all if f.alive]


def _compatible(a: _Fact, b: _Fact) -> bool:
    years = a.year is None or b.year is None or a.year == b.year or a.inferred_year or b.inferred_year
    return years and (a.basis is None or b.basis is None or a.basis == b.basis)


def _absorb(kept: _Fact, other: _Fact) -> None:
    """Keep one fact; its year is the one a mention states (GOLD_FORMAT)."""
    if kept.basis is not None and other.basis is not None and kept.basis != other.basis:
        if kept.count.trace.get("basis") in _DEFAULT_BASIS and other.count.trace.get("basis") not in _DEFAULT_BASIS:
            # "Khánh Hòa có 309 sản phẩm" (a headline, a round's by default) restated "Tính đến nay, …
            # đã có 309": the basis, and so the year, of the mention that states one
            kept.basis, kept.year, kept.as_of = other.basis, other.year, other.as_of
        return  # a headline's round year does not date the body's running total
    if other.year is not None and (kept.year is None or (kept.inferred_year and not other.inferred_year)):
        kept.year = other.year
        kept.as_of = other.as_of
    if kept.basis is None:
        kept.basis = other.basis


def _add(facts: _Facts, new: _Fact, main: str | None, text: str) -> _Fact:
    """Add a mention; returns the fact that holds it (an earlier one it restates, or itself)."""
    key = _key(new, main)
    words = _own_words(text, new.count)
    same_count = facts.of(new.count.value)
    for f in same_count:
        if f.alive and words and f.count.status == new.count.status \
                and words == _own_words(text, f.count) and f.count.sent != new.count.sent:
            _absorb(f, new)
            new.count.decide("merge", "same-words")
            return f
    if _bare(new) and not words:  # its status is only the default: any earlier fact of that count and place
        for f in same_count:
            if f.alive and _key(f, main)[::2] == key[::2] and f.count.sent != new.count.sent \
                    and not _dated_apart(f, new):
                _absorb(f, new)
                new.count.decide("merge", "bare-restatement")
                return f
    for f in same_count:
        if (f.alive and _key(f, main) == key and f.count.stars == new.count.stars and _compatible(f, new)
                and not _distinct(f.count, new.count)):
            _absorb(f, new)
            new.count.decide("merge", "same-fact")
            return f
    if new.count.whole is None:
        for f in same_count:
            if not f.alive or _key(f, main) != key or f.count.sent == new.count.sent or not _compatible(f, new):
                continue
            if new.count.stars is None and f.count.stars is not None and f.count.whole is None \
                    and not _own_year_apart(new, f):
                _absorb(f, new)
                new.count.decide("merge", "restated-without-level")
                return f
            if new.count.stars is not None and f.count.stars is None and f.count.whole is None and not f.count.parts:
                f.alive = False
                facts.moved[id(f)] = new
                _absorb(new, f)
                f.count.decide("merge", "restated-without-level")
                break
    facts.append(new)
    return new


def _echoes_of_non_results(p: Passage, headline_at: int | None) -> set[int]:
    """Headline counts with no cue or level of their own ("Hơn 300 sản phẩm OCOP hội tụ tại Lễ hội …") that
    the body states again only as counts that are not results ("trưng bày hơn 300 sản phẩm OCOP")."""
    if headline_at is None or not p.counts[headline_at]:
        return set()
    later = [c for counts in p.counts[headline_at + 1:] for c in counts]
    out = set()
    for h in p.counts[headline_at]:
        if not h.result or h.stars or h.trace.get("status") != "default-achieved":
            continue
        same = [c for c in later if c.value == h.value]
        if same and not any(c.result for c in same):
            h.decide("merge", "headline-of-non-result")
            out.add(id(h))
    return out


def _headline(p: Passage) -> int | None:
    """The sentence that is the article's headline: the first line standing alone and short, below
    at most a few lines that only date the page ("Cập nhật: 28/06/2022 09:15")."""
    skipped = 0
    for i, sent in enumerate(p.sentences[:_DATELINES + _CHROME_LINES + 1]):
        line = p.text[sent.start:sent.end]
        if len(line) <= _DATELINE_MAX and DATE_RE.search(line) and not ANCHOR_RE.search(line):
            continue
        if skipped < _CHROME_LINES and _PAGE_CHROME.match(line.strip()) and alone_on_line(p.text, sent) and (
                any(m in line for m in "|>»›:") or line == line.upper()):  # a portal's name is in capitals
            skipped += 1
            continue  # rule headline-restated: the portal's name, its menu or a byline above the headline
        if i == 0:
            return 0 if is_headline(p.text, sent) else None
        return i if _stands_alone(p.text, sent) else None
    return None


def _stands_alone(text: str, sent: Sentence) -> bool:
    """A short sentence alone on its line."""
    return sent.end - sent.start <= 160 and alone_on_line(text, sent)


def _restated_by_only_part(whole: _Fact, part: Count) -> bool:
    """"11 sản phẩm (3 sao: 11)": the only part of a whole, as many as the whole, names the whole's
    level; the two mentions are one fact, kept with its level."""
    w = whole.count
    return (whole.alive and w.parts == 1 and w.value == part.value and w.stars is None
            and part.stars is not None and w.status == part.status)


def _own_words(text: str, c: Count) -> str:
    """The count and the words describing it, when they say more than "N sản phẩm (OCOP)": two
    mentions in these same words are one fact ("1 sản phẩm đánh giá, phân hạng lại")."""
    words = " ".join(text[c.start:own_end(c)].lower().split())
    return words if len(words.split()) >= 5 else ""


def _bare(f: _Fact) -> bool:
    """A count said with nothing of its own — no level, no cue, no place, no part of a breakdown,
    nothing broken down (and, the caller checks, no words describing it: "Hai sản phẩm đánh giá lần
    đầu" is a fact of its own): "3 sản phẩm gồm", "Đây là 3 sản phẩm …" restate a count already given."""
    c = f.count
    return (c.stars is None and c.whole is None and not c.parts
            and c.trace.get("status") == "default-achieved"
            and c.trace.get("place") in ("main-province", "list-place"))


def _dated_apart(a: _Fact, b: _Fact) -> bool:
    """Two mentions whose own words name different years ("Năm 2023: 40 sản phẩm; … Năm 2025: 40 sản
    phẩm") are two facts, however bare."""
    return (a.year is not None and b.year is not None and a.year != b.year
            and not a.inferred_year and not b.inferred_year)


def _own_year_apart(mention: _Fact, fact: _Fact) -> bool:
    """A mention without a level whose own words name a year ("năm 2021 có 2 sản phẩm") other than the year of
    the fact with a level (even one the fact only took from its round: "có thêm 2 sản phẩm OCOP 4 sao" of the
    "đợt 2 năm 2023" named elsewhere) is another year's fact, not that fact restated."""
    return (mention.year is not None and fact.year is not None and mention.year != fact.year
            and not mention.inferred_year)


def _distinct(a: Count, b: Count) -> bool:
    """Two counts of one sentence, or two parts of one whole, are two facts even when they look alike
    ("1 sản phẩm của Công ty A, 1 sản phẩm của HTX B")."""
    if "plan-denominator" in (a.trace.get("status"), b.trace.get("status")):
        return False  # "phấn đấu có thêm 6 sản phẩm, đến nay đã đạt 4/6 sản phẩm": the plan named again
    return a.sent == b.sent or (a.whole is not None and a.whole is b.whole)


def _key(f: _Fact, main: str | None) -> tuple:
    return (f.count.value, f.count.status, _place_key(f.place, main, f.place_level))


def _plan_denominator(p: Passage, c: Count, facts: _Facts, main: str | None) -> None:
    """"43/34 sản phẩm, đạt 126,5% kế hoạch": the denominator is the plan."""
    sent = p.sentences[c.sent]
    plan = re.compile(r"[^.;\n]{0,40}?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)", re.IGNORECASE).match(
        p.text, c.noun_end, sent.end)
    if not plan:
        return
    den = Count(c.start, c.end, c.noun_end, c.den or 0, c.sent, status="target", year=c.year, basis=c.basis,
                places=list(c.places[:1]), place_level=c.place_level, as_of=c.as_of)
    den.clause_status = "target"
    den.decide("status", "plan-denominator")
    _add(facts, _Fact(den, den.places[0] if den.places else None, c.place_level, c.start, plan.end(), c.year,
                      c.basis, c.as_of, False), main, p.text)


def _drop_restated_headline(facts: list[_Fact], main: str | None) -> None:
    """A headline count that the body states again (same count and status, the body maybe naming
    the level or a narrower place: "Bạc Liêu công nhận 24 sản phẩm OCOP" over "có 24 sản phẩm đạt
    hạng 3 sao và 4 sao") is that body figure, not another one."""
    for i, h in enumerate(facts):
        if not h.alive or not h.headline:
            continue
        for b in facts[i + 1:]:
            if not b.alive or b.headline or b.count.value != h.count.value:
                continue
            if b.count.status != h.count.status and h.count.trace.get("status") != "default-achieved":
                continue  # a headline that says no status ("mỗi năm thêm 20 sản phẩm") has the body's
            if h.count.stars is not None and b.count.stars != h.count.stars:
                continue
            _absorb(b, h)
            h.alive = False
            h.count.decide("merge", "headline-restated")
            break


@lru_cache(maxsize=4096)
def _resolve(name: str | None) -> tuple[str | None, str | None]:
    """(province, province_2025) of a place; cached because a page repeats its few place names."""
    if not name or name == NATIONAL:
        return None, None
    hit = resolve(name)
    return (hit[0], hit[1]) if hit else (None, None)


@lru_cache(maxsize=4096)
def _place_key(place: str | None, main: str | None, level: str | None = None) -> str:
    """What makes two mentions the same place: the province for province-level names (and for
    none at all, the article's main province), the name itself for districts and communes
    ("thành phố Trà Vinh" is the provincial capital, not the province)."""
    if place is None:
        return main or ""
    if place == NATIONAL:
        return NATIONAL
    if level in ("district", "commune"):
        return " ".join(place.lower().split())
    rest = re.sub(r"^(?:tỉnh|thành\s+phố|tp\.?)\s+", "", place.strip(), flags=re.IGNORECASE)
    province, _ = _resolve(rest)
    if province and fold(rest) == fold(province):
        return province
    return " ".join(place.lower().split())


def _main_place(counts: list[Count], default_place: str | None) -> str | None:
    if default_place:
        province, _ = _resolve(default_place)
        return province or default_place
    tally: dict[str, int] = {}
    for c in counts:
        for place in c.places:
            if place and place != NATIONAL:
                province, _ = _resolve(place)
                if province:
                    tally[province] = tally.get(province, 0) + 1
    return max(tally, key=lambda k: tally[k]) if tally else None


def _figure(original: str, p: Passage, offsets: OffsetMap | Identity, f: _Fact, main: str | None) -> Figure:
    c = f.count
    sent = p.sentences[c.sent]
    s0, e0 = offsets.start(f.qs), offsets.end(f.qe)
    # the sentence, or a window of it around the quote when it is a run-on page
    s_lo, s_hi = max(sent.start, f.qs - SENTENCE_MAX // 2), min(sent.end, f.qe + SENTENCE_MAX // 2)
    ss, se = offsets.start(s_lo), offsets.end(s_hi)
    province, province_2025 = _resolve(f.place) if f.place else (None, None)
    if province is None and c.trace.get("place") == "distributive-phrase":
        # "mỗi huyện có ít nhất 1" is spread over the districts of the province the passage is
        # about: listed under it, never compared with one place's count (its level is not "province")
        province, province_2025 = _resolve(main)
    as_of = f.as_of
    if f.year is not None and (as_of is None or not as_of.startswith(str(f.year))):
        as_of = str(f.year)
    return Figure(count=c.value, stars=c.stars, status=c.status, year=f.year, place=f.place, province=province,
                  province_2025=province_2025, quote=original[s0:e0], start=s0, end=e0,
                  sentence=original[ss:se].strip(), as_of=as_of, basis=f.basis, place_level=f.place_level)

