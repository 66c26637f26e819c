"""Counts of OCOP products stated in Vietnamese text: the figures grammar.

The package is shaped like the grammar it implements:

0. ``layout`` — a PDF's page furniture (page numbers, "Trang x/y", running headers) cut out of the text
   the grammar reads, its offsets mapped back to the caller's text;
1. ``sentences`` — sentences and clauses with offsets (lines, paragraphs, headings, the headline);
2. ``candidates`` — count candidates: a number of *sản phẩm* (or a count whose noun is dropped);
3. ``breakdown`` — which counts are parts of another ("trong đó", brackets, lists, "Trong đó, …"
   opening the next sentence or paragraph);
4. readers, each an ordered table of named rules (``rules.RuleTable``): ``level`` (stars),
   ``status``, ``result`` (is it an OCOP result at all), ``period`` (year, as_of), ``basis``,
   ``place`` (and its level);
   ``table`` reads tables printed as text (a header naming each column's level, status, basis or
   year; rows of bare numbers), which the sentence grammar cannot;
5. ``merge`` — the same fact stated twice is one figure; the readers' decisions become
   :class:`~extractors.records.Figure` records.

>>> [(f.count, f.stars, f.status, f.year, f.basis) for f in find_figures(
...     "Đến hết năm 2023, tỉnh có 120 sản phẩm OCOP, trong đó 15 sản phẩm 4 sao, 105 sản phẩm 3 sao. "
...     "Năm 2024 phấn đấu có thêm ít nhất 20 sản phẩm đạt từ 3 sao trở lên.")]
[(120, None, 'achieved', 2023, 'cumulative'), (15, '4', 'achieved', 2023, 'cumulative'), \
(105, '3', 'achieved', 2023, 'cumulative'), (20, '3+', 'target', 2024, 'new')]
"""

from __future__ import annotations

import logging
import re

from extractors.figures import breakdown, grammar
from extractors.figures.basis import read_basis
from extractors.figures.candidates import Count, share_nouns
from extractors.figures.layout import without_page_furniture
from extractors.figures.level import read_level, share_predicate
from extractors.figures.lowercase import lowered
from extractors.figures.merge import to_figures
from extractors.figures.passage import Passage, read_passage
from extractors.figures.period import (
    heading_year,
    plan_year,
    read_as_of,
    read_own_year,
    read_plan_year,
    read_round_year,
    report_year,
    reports_a_round,
    round_year,
    stated_year,
)
from extractors.figures.place import districts_named, read_place
from extractors.figures.result import read_result
from extractors.figures.sentences import Sentence, split_sentences
from extractors.figures.status import read_status
from extractors.figures.table import may_hold_table, read_tables
from extractors.figures.textmap import Chained, Identity, OffsetMap, nfc_with_map
from extractors.figures.zones import related_sentences, set_desc_end
from extractors.records import Figure, PlaceMention

log = logging.getLogger(__name__)

# a sentence that says the plan stated before it was met: the counts after it are no longer the plan's
_PLAN_MET = re.compile(r"(?<!\w)(?:đã\s+)?(?:vượt|hoàn\s+thành|đạt)\s+(?:\d[\d,.]*\s*%\s*)?(?:so\s+với\s+)?"
                       r"(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?!\w)", re.IGNORECASE)

__all__ = ["Count", "Sentence", "find_figures", "read_counts", "split_sentences"]


def find_figures(text: str, *, as_of: str | None = None, default_place: str | None = None,
                 title: str | None = None, places: list[PlaceMention] | None = None) -> list[Figure]:
    """Every count of OCOP products stated in ``text``, one figure per fact. Never raises.

    ``as_of`` is the article's date (ISO), ``default_place`` the province the article is about,
    ``title`` its headline when it is not the text's first line, ``places`` the mentions
    ``extractors.places.find_places(text)`` gave when the caller has them already.
    """
    try:
        return _find_figures(text, as_of=as_of, default_place=default_place, title=title, places=places)
    except Exception:  # a figure extractor must not take a crawl down; log and return nothing
        log.exception("find_figures failed on a text of %d characters", len(text) if isinstance(text, str) else -1)
        return []


def read_counts(text: str, *, as_of: str | None = None, default_place: str | None = None,
                title: str | None = None) -> list[Count]:
    """Every count candidate with the readers' decisions and the rule behind each (``Count.trace``),
    before the merge — results and non-results alike. For tests, the docs and debugging."""
    text, offsets = _laid_out(text)
    passage = read_passage(text, title=title, article_date=as_of, default_place=default_place)
    _read(passage)
    to_figures(text, passage, offsets)  # records the merge's decisions in the counts' traces
    return passage.all_counts()


def _find_figures(text: str, *, as_of: str | None, default_place: str | None, title: str | None,
                  places: list[PlaceMention] | None) -> list[Figure]:
    if not isinstance(text, str) or not text:
        return []
    original = text
    text, offsets = nfc_with_map(text)
    if not _may_count(text) and not _may_end_cut(text[-80:]) and not may_hold_table(text):
        return []
    text, offsets = _laid_out(text, offsets)
    if not isinstance(offsets, Identity):
        places = None  # mentions of the caller's text are offsets into it, not into its NFC copy
    passage = read_passage(text, title=title, article_date=as_of, default_place=default_place, places=places)
    _read(passage)
    return to_figures(original, passage, offsets)


def _laid_out(text: str, offsets: OffsetMap | Identity | None = None) -> tuple[str, OffsetMap | Identity | Chained]:
    """The text the grammar reads: NFC, with a PDF's page furniture cut out (rule page-furniture,
    ``figures.layout``), and the map of its offsets back to the caller's text."""
    if offsets is None:
        text, offsets = nfc_with_map(text)
    bare, inner = without_page_furniture(text)
    if isinstance(inner, Identity):
        return text, offsets
    return bare, inner if isinstance(offsets, Identity) else Chained(inner, offsets)


def _may_end_cut(tail: str) -> bool:
    """Whether the text's last characters are a count cut off by a truncated passage."""
    return grammar.may_end_truncated(tail) and bool(grammar.TRUNCATED_TAIL_RE.search(tail))


def _may_count(text: str) -> bool:
    """Whether a count of products may be anchored in the text: its lower case names the noun ("sản",
    "san", "sp") and the anchor pattern finds one (on the lower case, where its case-sensitive copy
    skips most positions by their first letter). The word test first: on a page of other news the
    pattern would be tried at every character."""
    low = lowered(text)
    if low is None:
        return bool(grammar.ANCHOR_RE.search(text))
    if "sản" not in low and "san" not in low and "sp" not in low:
        return False
    return bool(grammar.ANCHOR_LOWER_RE.search(low))


def _previous(by_depth: dict[int, Count], depth: int) -> Count | None:
    """The latest count at this bracket depth or outside it (a list goes on around brackets)."""
    best = None
    for d, x in by_depth.items():
        if d <= depth and (best is None or x.start > best.start):
            best = x
    return best


def _read(p: Passage) -> None:
    """Run the readers over every count, sentence by sentence, in reading order."""
    districts = districts_named(p)
    r_year = round_year(p)
    p_year = plan_year(p)
    in_round = reports_a_round(p, r_year)
    rep_year = report_year(p)
    r_year = r_year or rep_year
    plan_line = -1  # the line whose last decided count was a target
    line_year: int | None = None
    prev_line = -1
    previous: list[Count] | None = None
    quiet = 0  # sentences without counts since the last one that had some
    section_year: int | None = None  # the year the last section heading names
    related = related_sentences(p)
    for i, counts in enumerate(p.counts):
        sent = p.sentences[i]
        if p.headings[i]:
            # a sub-heading without a year stays in its section's year; a new part ("II. …") does not
            named = heading_year(p, i)
            if named is not None or grammar.ROMAN_HEADING_RE.match(p.text, sent.start, sent.end):
                section_year = named
        if sent.line != prev_line:
            line_year = None
            prev_line = sent.line
        if not counts:
            if plan_line == sent.line and _PLAN_MET.search(p.text, sent.start, sent.end):
                plan_line = -1  # rule plan-met: "…; đến nay đã vượt kế hoạch. Ngoài 11 sản phẩm …" — the plan is done
            quiet += 1
            if quiet > 2:  # "Trong đó, …" may follow a photo caption or two, not a whole section
                previous = None
            line_year = stated_year(p, i) or line_year
            continue
        quiet = 0
        prevs = _prevs(counts)
        for j, c in enumerate(counts):
            read_level(p, c, counts[j + 1] if j + 1 < len(counts) else None, counts[0], counts[j - 1] if j else None)
        for j, c in enumerate(counts):
            set_desc_end(p, c, counts[j + 1] if j + 1 < len(counts) else None)
        share_nouns(counts)
        share_predicate(p, counts)
        breakdown.link_sentence(p, counts, previous)
        for c in counts:
            _inherit_level(p, c)
        aside = i in related  # another article's headline (zones.related_sentences): read on its own
        for j, c in enumerate(counts):
            nxt = counts[j + 1] if j + 1 < len(counts) else None
            prev = prevs[j]
            read_status(p, c, prev, nxt, plan_line=plan_line == sent.line and not aside)
            read_result(p, c, prev)
            read_own_year(p, c, prev, nxt, None if aside else line_year, None if aside else section_year)
            read_basis(p, c, prev, in_round=in_round,
                       before=previous[-1] if prev is None and previous and previous[-1].sent == i - 1 else None)
            if not aside:
                read_round_year(p, c, r_year, p_year, rep_year)
                read_plan_year(p, c, p_year)
            read_place(p, c, prev, districts)
            read_as_of(p, c)
        kept = [c for c in counts if c.result]
        if kept:
            # a bracketed plan "(20 sản phẩm)" does not turn the next sentences into a plan
            last = next((c for c in reversed(kept) if c.depth == 0), kept[-1])
            if last.explicit and last.clause_status == "target":
                plan_line = -1 if _PLAN_MET.search(p.text, last.noun_end, sent.end) else sent.line
            elif last.explicit:
                plan_line = -1
        # rule compared-year: the year of a count compared with ("so với cùng kỳ năm 2024 (15 sản phẩm)") is not the line's
        years = [c.year for c in counts if c.year and c.trace.get("year") not in ("year-before-bracket",
                                                                                  "year-before-compared")]
        line_year = years[-1] if years else (stated_year(p, i) or line_year)
        previous = None if aside else counts
    read_tables(p)


def _prevs(counts: list[Count]) -> list[Count | None]:
    out: list[Count | None] = []
    by_depth: dict[int, Count] = {}
    for c in counts:
        out.append(_previous(by_depth, c.depth))
        by_depth = {d: x for d, x in by_depth.items() if d < c.depth}
        by_depth[c.depth] = c
    return out


def _inherit_level(p: Passage, c: Count) -> None:
    """A part takes its whole's level in the whole's sentence only: the annotators leave the level of
    "… 9 sản phẩm đạt 4 sao. Trong đó, có 6 sản phẩm đánh giá lại" unsaid, and the rule that carried
    it into a next "Trong đó" sentence was right and wrong as often on the dev passages."""
    w = c.whole
    if c.stars is not None or w is None or w.stars is None or not w.stars.isdigit():
        return  # a part of "3-4 sao" or "3 sao trở lên" products may be of any of those levels
    if w.sent != c.sent and not any(x.back_ref and x.alias is w and x.start < c.start and (
            x.stars == w.stars or grammar.AFORESAID_AFTER_RE.match(p.text, x.noun_end)) for x in p.counts[c.sent]):
        # "Trong đó, 6 sản phẩm …" in the next sentence: its level is not said — unless the sentence
        # names the whole again with its level ("Trong 21 sản phẩm OCOP 5 sao đợt này, Hà Nội có 4") or
        # as the one said above ("19 sản phẩm nói trên gồm 9 sản phẩm công nhận mới, …")
        return
    if any(x.whole is c and x.stars is not None and x.stars != w.stars for x in p.counts[c.sent]):
        return  # "trong đó huyện A có 4 sản phẩm (1 sản phẩm 4 sao, 3 sản phẩm 3 sao)": its own parts mix levels
    c.stars = w.stars
    c.decide("stars", "level-of-whole")
