"""Like with like: the comparable key of a figure, and the stable key a verdict is filed under.

Two figures can be set against each other only when they agree on the **comparable key**:

    (place at its level, star level, status, basis, as-of date)

* *place at its level* — a province, a district/town or a commune (never one against another),
  national figures apart. After 1 July 2025 a province that absorbed others is a new unit: the
  merged Lào Cai of 7/2025 is never compared with, or summed with, old Lào Cai or old Yên Bái.
* *basis* — a running total (``cumulative`` or no cue) or one round's additions (``new``).
* *as-of date* — the day or month the text gives ("tính đến 31/1/2025" → ``2025-01-31``, "đến
  tháng 7/2025" → ``2025-07``), else the year the figure is about, else the article's date (a
  "đến nay" total is as of the day it was published).

The same key from two sources with different counts is a conflict; the same key without its
as-of date is a series (a running total that goes down is a decrease).

:func:`comparable` is the ONE place that decides the key. The extractor is about to store
``place_level`` and a rule-following ``as_of`` on every figure; until a database has them,
``comparable`` derives them from the stored place and sentence. When they are stored it uses them
as they are, so switching over is this one function.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extractors.places import PROVINCES, find_places, province_2025
from extractors.text import fold_words

MERGER_DAY = "2025-07-01"  # the 63 provinces became 34 units on this day

LEVELS = ("province", "district", "commune", "national")


@dataclass(frozen=True, slots=True)
class Comparable:
    """What a figure is a count of, in the terms two figures must share to be compared."""

    level: str  # province | district | commune | national
    unit: str | None  # the place at its level, for people ("Lào Cai (2025)", "huyện Hồng Dân")
    unit_key: str | None  # folded and merger-aware; None when the place is not one unit ("mỗi huyện")
    era: str  # "pre" before the 2025 merger, "2025" after it
    as_of: str | None  # "2025-01-31", "2025-07" or "2024"
    as_of_end: str | None  # the last day of that period, for ordering a series
    basis: str  # "total" (running total, or no cue) | "new" (one round, year or decision)
    stars: str | None
    status: str

    @property
    def key(self) -> tuple[Any, ...]:
        """Equal keys from two sources must give equal counts."""
        return (self.unit_key, self.stars, self.status, self.basis, self.as_of)

    @property
    def series(self) -> tuple[Any, ...]:
        """The key without its date: the points of one running total over time."""
        return (self.unit_key, self.stars, self.status, self.basis)

    @property
    def comparable(self) -> bool:
        return self.unit_key is not None and self.as_of is not None


def comparable(row: Mapping[str, Any]) -> Comparable:
    """The comparable key of one stored figure row.

    ``row`` needs ``place, province, province_2025, year, as_of, stars, status, basis`` and, for
    deriving, ``sentence, quote, published``; ``place_level`` when the database stores it.
    """
    stored_level = row.get("place_level")
    if stored_level:  # the extractor decided level and as-of (figures branch): use them as they are
        level, as_of = stored_level, _day_or_period(row.get("as_of"))
    else:
        level = derived_level(row.get("place"), row.get("province"))
        as_of = derived_as_of(row.get("sentence") or row.get("quote") or "", row.get("quote") or "",
                              row.get("year"), row.get("as_of"))
    published = (row.get("published") or "")[:10] or None
    era = _era(as_of if row.get("status") == "achieved" else published or as_of, published)
    unit, unit_key = _unit(level, row.get("place"), row.get("province"), row.get("province_2025"), era)
    return Comparable(level=level, unit=unit, unit_key=unit_key, era=era, as_of=as_of,
                      as_of_end=period_end(as_of), basis="new" if row.get("basis") == "new" else "total",
                      stars=row.get("stars"), status=row.get("status") or "achieved")


# ------------------------------------------------------------------------------------ place


_COMMUNE_WORDS = ("xa ", "phuong ", "thi tran ")
_DISTRICT_WORDS = ("huyen", "quan ", "thi xa", "thanh pho", "tp ", "tp.")
_NATIONAL_WORDS = {"viet nam", "ca nuoc", "toan quoc"}
_DISTRIBUTIVE_WORDS = ("moi ", "cac ", "nhieu ", "tung ")
_UNIT_WORDS_ONLY = {"tinh", "toan tinh", "huyen", "quan", "thi xa", "thanh pho", "xa", "phuong", "thi tran"}


@lru_cache(maxsize=8192)
def derived_level(place: str | None, province: str | None) -> str:
    """The level of a place as the extractor wrote it ("huyện Hồng Dân" → district)."""
    if province is None:
        return "national"
    folded = fold_words(place)
    if not folded or folded in {"tinh", "toan tinh"}:
        return "province"
    if folded in _NATIONAL_WORDS:
        return "national"
    if folded.startswith(_COMMUNE_WORDS) or folded in {"xa", "phuong", "thi tran"}:
        return "commune"
    mentions = find_places(place)
    if mentions:
        return mentions[0].level
    if folded.startswith(_DISTRICT_WORDS) or folded.startswith(("moi huyen", "cac huyen")):
        return "district"
    return "province"


@lru_cache(maxsize=1)
def _merged_units() -> frozenset[str]:
    """2025 units made of more than one old province (their figures start a new series)."""
    parts = Counter(province_2025(name) for name in PROVINCES)
    return frozenset(unit for unit, n in parts.items() if unit and n > 1)


@lru_cache(maxsize=65536)
def _unit(level: str, place: str | None, province: str | None, unit_2025: str | None,
          era: str) -> tuple[str | None, str | None]:
    if level == "national":
        return "Việt Nam", "national"
    if province is None:
        return place, None
    if level == "province":
        if era == "2025" and unit_2025 == province and province in _merged_units():
            return f"{province} (2025)", "2025:" + fold_words(province)
        return province, "p:" + fold_words(province)
    folded = fold_words(place)
    if not folded or folded in _UNIT_WORDS_ONLY or folded.startswith(_DISTRIBUTIVE_WORDS):
        return place, None  # "huyện có 19 sản phẩm", "mỗi huyện": no one unit to compare
    return place, f"p:{fold_words(province)}/{folded}"


# ------------------------------------------------------------------------------------ as-of

_DAY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_AS_OF_DAY = re.compile(rf"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+)?{_DAY}", re.IGNORECASE)
_AS_OF_DAY_WORDS = re.compile(r"(?:đến|tới)\s+(?:hết\s+)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
                              re.IGNORECASE)
_AS_OF_MONTH = re.compile(r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s+(\d{1,2})\s*(?:[/.-]\s*|\s+năm\s+)(\d{4})",
                          re.IGNORECASE)


def derived_as_of(sentence: str, quote: str, year: int | None, article_date: str | None) -> str | None:
    """The as-of date by the rule: the day/month the sentence gives, else the year, else the article's date."""
    given = _date_in_sentence(sentence, sentence.find(quote) if quote else -1)
    if given:
        return given
    if year is not None:
        return f"{int(year):04d}"
    return _day_or_period(article_date)


def _date_in_sentence(sentence: str, quote_at: int) -> str | None:
    """The "tính đến …" date nearest before the quote (else the first after it)."""
    found = _as_of_dates(sentence)
    if not found:
        return None
    before = [value for at, value in found if quote_at < 0 or at < quote_at]
    return before[-1] if before else found[0][1]


@lru_cache(maxsize=16384)  # the figures of one sentence (a total and its parts) share it
def _as_of_dates(sentence: str) -> tuple[tuple[int, str], ...]:
    """Every "tính đến <day or month>" of a sentence, in order."""
    if "đến" not in sentence.lower() and "tới" not in sentence.lower():
        return ()
    found: list[tuple[int, str]] = []
    for pattern in (_AS_OF_DAY, _AS_OF_DAY_WORDS):
        for m in pattern.finditer(sentence):
            day, month, year = (int(g) for g in m.groups())
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
                found.append((m.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    for m in _AS_OF_MONTH.finditer(sentence):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            found.append((m.start(), f"{year:04d}-{month:02d}"))
    return tuple(sorted(found))


def _day_or_period(value: str | None) -> str | None:
    """An ISO date, month or year as stored ("2024-03-10T08:00+07:00" → "2024-03-10")."""
    if not value:
        return None
    value = str(value)[:10]
    return value if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) else None


def period_end(as_of: str | None) -> str | None:
    """The last day of a year, month or day: what a series is ordered by."""
    if not as_of:
        return None
    if len(as_of) == 4:
        return f"{as_of}-12-31"
    if len(as_of) == 7:
        year, month = int(as_of[:4]), int(as_of[5:])
        return f"{as_of}-{calendar.monthrange(year, month)[1]:02d}"
    return as_of


def _era(reference: str | None, published: str | None) -> str:
    """"2025" when the figure speaks of the country after the merger, else "pre".

    An achievement is placed by its as-of date; a target or proposal by when it was stated. A
    bare year 2025 is post-merger only in an article published after the merger.
    """
    if not reference:
        return "pre"
    if len(reference) == 4:
        year = int(reference)
        if year != 2025:
            return "2025" if year > 2025 else "pre"
        return "2025" if (published or "") >= MERGER_DAY else "pre"
    return "2025" if reference >= MERGER_DAY[: len(reference)] else "pre"


# ------------------------------------------------------------------------------------ verdict key


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=65536)
def url_part(url: str | None) -> str:
    """The first half of a figure key: which page or attachment it comes from."""
    return _digest(url or "")[:8]


def figure_key(url: str | None, quote: str, occurrence: int) -> str:
    """A figure's stable key: its source URL, its quote and which occurrence of that quote it is.

    Not a row id, so it survives ``harvester reextract`` (which deletes and re-inserts figures);
    the occurrence (not the offset) keeps it when an edit elsewhere in the text moves the quote.
    """
    source = url or ""
    return f"{url_part(source)}-{_digest(f'{source}|{quote}|{int(occurrence)}')[:8]}"


def occurrence_sql(text: str, quote: str, start: str) -> str:
    """SQL for "how many times the quote occurs in the text before this figure's start"."""
    head = f"substr({text}, 1, {start})"
    return f"((length({head}) - length(replace({head}, {quote}, ''))) / max(length({quote}), 1))"
