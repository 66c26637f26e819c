"""What the readers know about the whole passage: its sentences, counts, places, headings, title
and article date. Places are found once per text; readers look them up by offset."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from extractors.figures import grammar as g
from extractors.figures.candidates import Count, find_counts
from extractors.figures.lowercase import lowered
from extractors.figures.sentences import Sentence, is_heading, is_headline, split_sentences
from extractors.places import find_places
from extractors.records import PlaceMention


@dataclass
class Passage:
    text: str  # NFC
    title: str | None  # the caller's title, when known (it may also be the first line of text)
    article_date: str | None  # ISO date of the article, for "đến nay" and day/month dates
    default_place: str | None  # the article's main province
    sentences: list[Sentence]
    counts: list[list[Count]]  # per sentence
    places: list[PlaceMention]
    plan_section: list[bool]  # per sentence: under a "Mục tiêu"/"Nhiệm vụ" heading of a plan
    headings: list[bool]  # per sentence: a section heading (sentences.is_heading)
    headline: int | None  # index of the sentence that is the article's headline
    _place_starts: list[int] = field(default_factory=list)
    _years: dict[int, bool] = field(default_factory=dict)
    heading_levels: dict[int, str | None] = field(default_factory=dict)  # per sentence, read once
    article_year: int | None = field(init=False)
    memo: dict = field(default_factory=dict)  # readers' work done once per passage, by key

    def __post_init__(self) -> None:
        self._place_starts = [m.start for m in self.places]
        date = self.article_date or ""
        self.article_year = int(date[:4]) if date[:4].isdigit() else None

    def places_in(self, start: int, end: int) -> list[PlaceMention]:
        """Place mentions that lie inside ``text[start:end]``."""
        i = bisect.bisect_left(self._place_starts, start)
        out = []
        while i < len(self.places) and self.places[i].start < end:
            if self.places[i].end <= end:
                out.append(self.places[i])
            i += 1
        return out

    def has_year(self, index: int) -> bool:
        """Whether sentence ``index`` writes a year (most year rules need one)."""
        if index not in self._years:
            s = self.sentences[index]
            self._years[index] = bool(g.YEAR_RE.search(self.text, s.start, s.end))
        return self._years[index]

    def all_counts(self) -> list[Count]:
        return [c for counts in self.counts for c in counts]


def read_passage(text: str, *, title: str | None, article_date: str | None,
                 default_place: str | None, places: list[PlaceMention] | None = None) -> Passage:
    lowered(text)  # the readers' patterns run on its lower case (lowercase.known_lower)
    sentences = split_sentences(text)
    counts: list[list[Count]] = []
    plan: list[bool] = []
    headings: list[bool] = []
    in_plan = False
    for i, sent in enumerate(sentences):
        headings.append(is_heading(text, sent))
        if headings[-1]:
            if g.PLAN_HEADING_RE.match(text, sent.start, sent.end):
                in_plan = True
            elif g.REPORT_HEADING_RE.match(text, sent.start, sent.end) or g.ROMAN_HEADING_RE.match(
                    text, sent.start, sent.end):
                in_plan = False  # "III. CĂN CỨ VÀ KẾT QUẢ" after "II. MỤC TIÊU": the plan part ended
        plan.append(in_plan)
        counts.append(find_counts(text, sent, i, i == len(sentences) - 1))
    if places is None:
        places = _places_of_counted_sentences(text, sentences, counts)
    headline = 0 if sentences and is_headline(text, sentences[0]) else None
    return Passage(text, title, article_date, default_place, sentences, counts, places, plan, headings, headline)


def _places_of_counted_sentences(text: str, sentences: list[Sentence], counts: list[list[Count]]) -> list[PlaceMention]:
    """Place mentions of the sentences that count products (the readers look nowhere else), when
    the caller has not found the places of the whole text already."""
    out: list[PlaceMention] = []
    for sent, found in zip(sentences, counts, strict=True):
        if found:
            at = sent.start  # the mentions moved to the text's offsets (built directly: replace() is slow)
            out.extend(PlaceMention(m.name, m.level, m.province, m.province_2025, m.start + at, m.end + at)
                       for m in find_places(text[sent.start:sent.end]))
    return out
