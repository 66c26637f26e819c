"""Audit: check reported OCOP figures against each other and against their sources.

``run_audit(db)`` reads the database read-only and returns an :class:`AuditReport` of typed
flags, each carrying the quotes it rests on (offsets into the stored text, the source URL, the
archived page id and the figure's stable key), plus the series the HTML report draws.

Figures are compared only like with like: both must share the comparable key of
:mod:`harvester.comparable` (place at its level, star level, status, basis, as-of date).

* ``conflict``  – the same key from two sources with different counts (syndicated copies are
  not sources).
* ``decrease``  – a running total, same place and star level, that went down between two as-of
  dates (from any sources).
* ``breakdown`` – a total followed, after "trong đó"/"gồm"/":", by per-level counts in the
  same sentence whose sum differs from it (whatever basis the parts were labelled with).
* ``decision-date`` – one document (by ``documents.number_key``) cited with different dates in
  the same year (numbers start again every year: 150/QĐ-UBND of 2019 and of 2023 are two decisions).
* ``target``    – each target against the achievement of the same basis and period
  (behind / met / exceeded / unknown).
* ``annex``     – a decision's stated count against the rows of its annex product list.

Verdicts (``harvester review``) apply before any check: a figure marked wrong is left out, a
corrected one counts with its corrected value, and a flag whose every figure was verified is
dismissed (listed apart, not counted).

Memory stays bounded: figures are read one pre-2025 province at a time (every unit a figure can
be compared with names one: a merged 2025 unit is filed under its namesake), without texts,
titles or URLs; those are read for the quotes a flag shows, and decision citations one document
number at a time.
"""

from __future__ import annotations

import itertools
import json
import pickle
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from extractors.text import fold_words
from harvester.clock import now_iso
from harvester.comparable import Comparable, comparable, figure_key, occurrence_sql
from harvester.query import QueryError, connect_readonly
from harvester.schema import province_spellings


class AuditError(QueryError):
    """The database cannot be audited (missing, not SQLite, not a harvester database)."""


EXCERPT_CHARS = 160  # characters of context kept on each side of a quote
SOURCES_PER_FLAG = 12  # quotes kept per flag (a count stated by hundreds of articles)
TARGET_SOURCES = 3  # statements of one target shown beside its achievement
BREAKDOWN_MARKER = re.compile(r"trong đó|bao gồm|gồm|cụ thể|:|\(", re.IGNORECASE)
BREAKDOWN_GAP = 200  # max characters between parts when the sentence is unknown
PART_LEVELS = {"3+": {"3", "4", "5"}, "4+": {"4", "5"}, None: {"1", "2", "3", "4", "5"}}
LOWEST_LEVEL = {"3+": "3", "4+": "4", None: "3"}  # a list of parts reaching it claims to be the whole


@dataclass
class Source:
    """One quote in one stored text, with what is needed to show and find it."""

    quote: str
    start: int
    end: int
    article_id: int | None
    attachment_id: int | None
    title: str | None
    url: str | None
    published: str | None
    portal_id: str | None
    page_id: int | None
    before: str = ""  # text just before the quote (for the report's excerpt)
    after: str = ""
    count: int | None = None  # the figure's count (corrected by a verdict when there is one)
    issued: str | None = None  # the date given, for document mentions
    key: str | None = None  # the figure's stable key (harvester review mark KEY)
    verdict: str | None = None  # the analyst's verdict on the figure, if any
    extracted: int | None = None  # the extractor's count, when a verdict corrected it
    as_of: str | None = None  # the figure's as-of date

    @property
    def source_key(self) -> tuple[str, int | None]:
        return ("article", self.article_id) if self.article_id is not None else ("attachment", self.attachment_id)


@dataclass
class Flag:
    kind: str
    summary: str
    sources: list[Source]

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"kind": self.kind}

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sources if s.key]


@dataclass
class ConflictFlag(Flag):
    province: str | None = None
    place: str | None = None  # district or town for local figures, None for province totals
    period: str | None = None  # the as-of date the sources share
    stars: str | None = None
    status: str | None = None
    basis: str | None = None
    unit: str | None = None
    counts: list[int] = field(default_factory=list)


@dataclass
class DecreaseFlag(Flag):
    province: str | None = None
    place: str | None = None
    stars: str | None = None
    unit: str | None = None
    earlier: int | None = None
    later: int | None = None
    earlier_as_of: str | None = None
    later_as_of: str | None = None


@dataclass
class BreakdownFlag(Flag):
    province: str | None = None
    total: int | None = None
    parts: dict[str, int] = field(default_factory=dict)  # star level -> count
    parts_sum: int | None = None


@dataclass
class DecisionDateFlag(Flag):
    document_id: int | None = None
    number: str | None = None
    dates: list[str] = field(default_factory=list)
    citations: int = 0  # every citation with a date (sources keeps the first few per date)


@dataclass
class TargetCheck(Flag):
    province: str | None = None
    stars: str | None = None
    target_year: int | None = None
    target: int | None = None
    basis: str | None = None
    unit: str | None = None
    achieved: int | None = None  # None: no comparable achieved count
    achieved_period: str | None = None
    verdict: str | None = None  # behind | met | exceeded | unknown


@dataclass
class AnnexFlag(Flag):
    document_id: int | None = None
    number: str | None = None
    stated: int | None = None
    rows: int | None = None
    rows_from: str | None = None  # "annex_rows" (parsed annex) or "products" (rows stored)
    document_url: str | None = None


@dataclass
class SeriesPoint:
    year: int
    count: int
    source: Source


class _Overflow:
    """The flags of one check past the first FLAGS_IN_MEMORY, pickled to a temporary file."""

    def __init__(self) -> None:
        self.file: IO[bytes] | None = None
        self.count = 0

    def add(self, flag: Flag) -> None:
        if self.file is None:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the report)
        pickle.dump(flag, self.file)
        self.count += 1

    def __iter__(self) -> Iterator[Flag]:
        if self.file is None:
            return
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)
        self.file.seek(0, 2)


FLAGS_IN_MEMORY = 1000  # flags of one check kept in memory; the rest wait in a temporary file
SPOOLED = ("conflicts", "decreases", "breakdowns", "decision_dates", "annexes")


@dataclass
class AuditReport:
    """Flags by check. A check's first FLAGS_IN_MEMORY flags are in its list (``report.conflicts``…);
    on a large database the rest wait in a temporary file: :meth:`all` and :meth:`iter_flags`
    give every one, :meth:`counts` counts every one."""

    db: str
    generated_at: str
    province: str | None
    year: int | None
    conflicts: list[ConflictFlag] = field(default_factory=list)
    decreases: list[DecreaseFlag] = field(default_factory=list)
    breakdowns: list[BreakdownFlag] = field(default_factory=list)
    decision_dates: list[DecisionDateFlag] = field(default_factory=list)
    targets: list[TargetCheck] = field(default_factory=list)
    annexes: list[AnnexFlag] = field(default_factory=list)
    dismissed: list[Flag] = field(default_factory=list)  # flags whose every figure an analyst verified
    # unit ("Tuyên Quang", "Lào Cai (2025)") -> star level ("3+", "4", ... or "all") -> points by year
    certified: dict[str, dict[str, list[SeriesPoint]]] = field(default_factory=dict)
    verdicts_applied: int = 0
    overflow: dict[str, _Overflow] = field(default_factory=dict, repr=False)

    def add(self, name: str, flag: Flag) -> None:
        """File a flag under its check (``"conflicts"``…), or under dismissed when every figure was verified."""
        if _dismissed(flag):
            self.dismissed.append(flag)
            return
        held = getattr(self, name)
        if len(held) < FLAGS_IN_MEMORY:
            held.append(flag)
        else:
            self.overflow.setdefault(name, _Overflow()).add(flag)

    def all(self, name: str) -> Iterator[Flag]:
        """Every flag of one check: those in memory, then those in the temporary file."""
        yield from getattr(self, name)
        yield from self.overflow.get(name, ())

    def total(self, name: str) -> int:
        overflow = self.overflow.get(name)
        return len(getattr(self, name)) + (overflow.count if overflow else 0)

    @property
    def flags(self) -> list[Flag]:
        """The flags held in memory (every one unless a check has more than FLAGS_IN_MEMORY);
        targets only when behind. :meth:`iter_flags` gives every flag."""
        behind = [t for t in self.targets if t.verdict == "behind"]
        return [*self.conflicts, *self.decreases, *self.breakdowns, *self.decision_dates, *behind, *self.annexes]

    def iter_flags(self) -> Iterator[Flag]:
        """Everything an analyst should look at (targets only when behind)."""
        for name in SPOOLED:
            yield from self.all(name)
            if name == "decision_dates":
                yield from (t for t in self.targets if t.verdict == "behind")

    def counts(self) -> dict[str, int]:
        return {
            "conflict": self.total("conflicts"), "decrease": self.total("decreases"),
            "breakdown": self.total("breakdowns"), "decision-date": self.total("decision_dates"),
            "target-behind": sum(t.verdict == "behind" for t in self.targets), "annex": self.total("annexes"),
        }

    def flag_lists(self) -> dict[str, Iterable[Flag]]:
        return {"conflicts": self.all("conflicts"), "decreases": self.all("decreases"),
                "breakdowns": self.all("breakdowns"), "decision_dates": self.all("decision_dates"),
                "targets": self.targets, "annexes": self.all("annexes"), "dismissed_flags": self.dismissed}

    def to_json(self, *, flags: bool = True) -> dict[str, Any]:
        """The report as JSON data; ``flags=False`` leaves the flag lists out (they are streamed)."""
        data: dict[str, Any] = {
            "db": self.db, "generated_at": self.generated_at, "province": self.province, "year": self.year,
            "counts": self.counts(), "dismissed": len(self.dismissed), "verdicts_applied": self.verdicts_applied,
            "certified": {
                unit: {stars: [{"year": p.year, "count": p.count, "url": p.source.url} for p in points]
                       for stars, points in levels.items()}
                for unit, levels in self.certified.items()
            },
        }
        if flags:
            data |= {name: [f.to_json() for f in items] for name, items in self.flag_lists().items()}
        return data


# --------------------------------------------------------------------------------- reading figures


@dataclass(slots=True)
class Fig:
    """One figure of an original source, judged by the verdicts, with its comparable key.

    Kept small (no texts, titles or URLs: a province can hold 100,000 figures); what a flag shows
    about its sources is read afterwards by :func:`fill_sources`."""

    id: int
    article_id: int | None
    attachment_id: int | None
    count: int
    extracted: int
    stars: str | None
    status: str
    year: int | None
    place: str | None
    province: str | None
    province_2025: str | None
    quote: str
    start: int
    end: int
    sentence_id: int  # hash of the figure's sentence (0 when unknown): parts share their total's
    published: str | None
    key: str
    verdict: str | None
    c: Comparable

    @property
    def source(self) -> tuple[int | None, int | None]:
        return (self.article_id, self.attachment_id)


_FIGURES_SQL = """
    SELECT f.id, f.article_id, f.attachment_id, f.count, f.stars, f.status, f.year, f.as_of, f.place,
           f.province, f.province_2025, f.quote, f.start, f.end, f.sentence, f.basis, {place_level} AS place_level,
           COALESCE(f.url, a.url, t.url) AS url, COALESCE(a.published, d.issued) AS published,
           COALESCE(a.portal_id, t.portal_id) AS portal_id, a.page_id, a.title,
           {occurrence} AS occurrence
    FROM figures f
    LEFT JOIN articles a ON a.id = f.article_id
    LEFT JOIN attachments t ON t.id = f.attachment_id
    LEFT JOIN documents d ON d.id = COALESCE(f.document_id, t.document_id)
    WHERE a.duplicate_of IS NULL {where}
    ORDER BY f.province
"""


def figure_rows(conn: sqlite3.Connection, provinces: set[str] | None = None, *,
                sources: list[tuple[int | None, int | None]] | None = None) -> Iterator[dict[str, Any]]:
    """Figures of original sources (no syndicated copies) with what the checks need, ordered by
    pre-2025 province; only those of ``provinces`` (pre-2025 names) or of ``sources`` (article id,
    attachment id) when given."""
    columns = {d[0] for d in conn.execute("SELECT * FROM figures LIMIT 0").description}
    where, params = "", ()
    if provinces is not None:
        where = f"AND f.province IN ({','.join('?' for _ in provinces)})"
        params = tuple(sorted(provinces))
    elif sources is not None:
        articles = [a for a, _t in sources if a is not None] or [-1]
        attachments = [t for _a, t in sources if t is not None] or [-1]
        where = (f"AND (f.article_id IN ({','.join('?' for _ in articles)}) "
                 f"OR f.attachment_id IN ({','.join('?' for _ in attachments)}))")
        params = (*articles, *attachments)
    sql = _FIGURES_SQL.format(place_level="f.place_level" if "place_level" in columns else "NULL",
                              occurrence=occurrence_sql("COALESCE(a.text, t.text)", "f.quote", "f.start"),
                              where=where)
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def judge(row: dict[str, Any], verdicts: dict[str, tuple[str, int | None]]) -> Fig:
    """The figure as the analyst judged it (its count corrected when a verdict says so)."""
    key = figure_key(row["url"], row["quote"], row["occurrence"] or 0)
    verdict, corrected = verdicts.get(key, (None, None))
    count = corrected if verdict == "corrected" and corrected is not None else row["count"]
    return Fig(id=row["id"], article_id=row["article_id"], attachment_id=row["attachment_id"], count=count,
               extracted=row["count"], stars=row["stars"], status=row["status"], year=row["year"],
               place=row["place"], province=row["province"], province_2025=row["province_2025"],
               quote=row["quote"], start=row["start"], end=row["end"],
               sentence_id=hash(row["sentence"]) if row["sentence"] else 0, published=row["published"],
               key=key, verdict=verdict, c=comparable(row))


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Figures one pre-2025 province at a time: every unit a figure can be compared with names one
    old province (a merged 2025 unit is filed under its namesake, the province it kept the name of)."""
    for _province, members in itertools.groupby(rows, key=lambda r: r["province"]):
        yield list(members)


def load_verdicts(conn: sqlite3.Connection) -> dict[str, tuple[str, int | None]]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'verdicts'").fetchone():
        return {}
    return {key: (verdict, count) for key, verdict, count in conn.execute("SELECT key, verdict, count FROM verdicts")}


def provinces_named(name: str) -> set[str]:
    """The pre-2025 provinces a filter names: the province itself, or every part of a 2025 unit."""
    wanted = fold_words(name)
    found = {province for spelling, province in province_spellings() if fold_words(spelling) == wanted}
    if not found:
        raise AuditError(f"unknown province {name!r}: give a pre-2025 province or one of the 34 merged units")
    return found


# --------------------------------------------------------------------------------- sources


def source_of(fig: Fig) -> Source:
    """A flag's source for this figure; :func:`fill_sources` adds its title, URL and excerpt."""
    return Source(quote=fig.quote, start=fig.start, end=fig.end, article_id=fig.article_id,
                  attachment_id=fig.attachment_id, title=None, url=None, published=fig.published,
                  portal_id=None, page_id=None, count=fig.count, key=fig.key, verdict=fig.verdict,
                  extracted=fig.extracted if fig.extracted != fig.count else None, as_of=fig.c.as_of)


_SOURCE_SQL = {
    "articles": "SELECT title, url, portal_id, page_id, substr(text, ?, ?), substr(text, ?, ?), length(text) "
                "FROM articles WHERE id = ?",
    "attachments": "SELECT name, url, portal_id, NULL, substr(text, ?, ?), substr(text, ?, ?), length(text) "
                   "FROM attachments WHERE id = ?",
}


def fill_sources(conn: sqlite3.Connection, sources: Iterable[Source]) -> None:
    """Title, URL, portal, archived page and the text around the quote, for the sources a report
    shows (only those: the audit never holds whole texts)."""
    for src in sources:
        table, row_id = ("articles", src.article_id) if src.article_id is not None else ("attachments",
                                                                                           src.attachment_id)
        if row_id is None:
            continue
        lo = max(0, src.start - EXCERPT_CHARS)
        row = conn.execute(_SOURCE_SQL[table], (lo + 1, src.start - lo, src.end + 1, EXCERPT_CHARS, row_id)).fetchone()
        if row is None:
            continue
        title, url, portal_id, page_id, before, after, length = row
        src.title, src.portal_id, src.page_id = title, portal_id, page_id
        src.url = src.url or url
        if length is not None and src.end <= length:
            src.before = ("…" if lo > 0 else "") + (before or "")
            src.after = (after or "") + ("…" if src.end + EXCERPT_CHARS < length else "")


def _dismissed(flag: Flag) -> bool:
    """Every figure of the flag verified by an analyst: a false alarm."""
    figures = [s for s in flag.sources if s.key]
    return bool(figures) and all(s.verdict == "verified" for s in figures)


# --------------------------------------------------------------------------------- checks


def _label(c: Comparable) -> str:
    return c.unit or "?"


def _stars(stars: str | None) -> str:
    return stars or "mọi hạng"


def find_conflicts(figs: list[Fig]) -> list[ConflictFlag]:
    """The same comparable key from two sources with different counts."""
    groups: dict[tuple, list[Fig]] = defaultdict(list)
    for fig in figs:
        if fig.c.comparable and not _round_of_unknown_date(fig.c):
            groups[fig.c.key].append(fig)
    flags = []
    for members in groups.values():
        counts = sorted({m.count for m in members})
        if len(counts) < 2 or len({m.source for m in members}) < 2:
            continue
        c = members[0].c
        local = c.level != "province"
        flags.append(ConflictFlag(
            kind="conflict",
            summary=f"{_label(c)}, {c.as_of}, {_stars(c.stars)} sao, {c.status}"
                    + (", new in the period" if c.basis == "new" else "")
                    + f": {' vs '.join(str(n) for n in counts)} from {len({m.source for m in members})} sources",
            sources=[source_of(m) for m in _every_count_first(members)[:SOURCES_PER_FLAG]],
            province=members[0].province, place=c.unit if local else None, period=c.as_of, stars=c.stars,
            status=c.status, basis=c.basis, unit=c.unit, counts=counts,
        ))
    return flags


def _round_of_unknown_date(c: Comparable) -> bool:
    """New products dated only by their year: one source's round (a decision of November) and
    another's (a council of June, or the year's sum) share that key without being one fact, so
    they are not set against each other. Running totals of a year are (as of its end)."""
    return c.basis == "new" and c.as_of is not None and len(c.as_of) == 4


def _every_count_first(members: list[Fig]) -> list[Fig]:
    """One figure of each count first, so a capped list of sources still shows the disagreement."""
    firsts: dict[int, Fig] = {}
    for m in members:
        firsts.setdefault(m.count, m)
    return [*firsts.values(), *(m for m in members if firsts[m.count] is not m)]


def find_decreases(figs: list[Fig]) -> list[DecreaseFlag]:
    """Running totals of one place and star level over time: a later total below an earlier one."""
    series: dict[tuple, dict[str, Fig]] = defaultdict(dict)
    for fig in figs:
        if fig.status == "achieved" and fig.c.basis == "total" and fig.c.comparable:
            points = series[fig.c.series]
            best = points.get(fig.c.as_of_end)
            if best is None or fig.count > best.count:  # one point per date: the largest stated
                points[fig.c.as_of_end] = fig
    flags = []
    for points in series.values():
        ordered = [points[d] for d in sorted(points)]
        for earlier, later in itertools.pairwise(ordered):
            if later.count >= earlier.count:
                continue
            c = later.c
            flags.append(DecreaseFlag(
                kind="decrease",
                summary=f"{_label(c)}, {_stars(c.stars)} sao: {earlier.count} as of {earlier.c.as_of} "
                        f"then {later.count} as of {later.c.as_of}",
                sources=[source_of(earlier), source_of(later)], province=later.province,
                place=c.unit if c.level != "province" else None, stars=c.stars,
                unit=c.unit, earlier=earlier.count, later=later.count, earlier_as_of=earlier.c.as_of,
                later_as_of=later.c.as_of,
            ))
    return flags


def _same_stretch(total: Fig, previous: Fig, part: Fig) -> bool:
    if total.sentence_id and part.sentence_id:
        return total.sentence_id == part.sentence_id
    return part.start - previous.end <= BREAKDOWN_GAP


def _is_part(total: Fig, part: Fig, parts: list[Fig]) -> bool:
    """Same status, a star level inside the total's, not seen yet. The basis is not compared: a
    whole and its parts count the same products, whatever each was labelled."""
    return (part.stars in PART_LEVELS[total.stars] and part.status == total.status and part.start >= total.end
            and part.stars not in {p.stars for p in parts})


def find_breakdowns(figs: list[Fig], gap_text) -> list[BreakdownFlag]:  # type: ignore[no-untyped-def]
    """A total followed ("trong đó", "gồm", ":", "(") by counts per star level.

    When the parts reach the total's lowest level (3 sao for "3+" and for no level, 4 sao for
    "4+") they claim to be the whole and must add up; a partial list ("trong đó 25 sản phẩm 4
    sao và 2 sản phẩm 5 sao" under a 3+ total) can only be wrong by exceeding the total.
    ``gap_text(fig, part)`` reads the stored text between a total and its first part.
    """
    by_text: dict[tuple, list[Fig]] = defaultdict(list)
    for fig in figs:
        by_text[fig.source].append(fig)
    flags = []
    for members in by_text.values():
        members.sort(key=lambda f: f.start)
        for i, total in enumerate(members):
            if total.stars not in PART_LEVELS:
                continue
            parts: list[Fig] = []
            previous = total
            for part in members[i + 1 :]:
                if not _is_part(total, part, parts) or not _same_stretch(total, previous, part):
                    break
                parts.append(part)
                previous = part
            if not parts:
                continue
            parts_sum = sum(p.count for p in parts)
            whole = LOWEST_LEVEL[total.stars] in {p.stars for p in parts}
            if parts_sum == total.count or (not whole and parts_sum < total.count):
                continue
            if not BREAKDOWN_MARKER.search(gap_text(total, parts[0])):
                continue
            levels = {p.stars: p.count for p in parts}
            flags.append(BreakdownFlag(
                kind="breakdown",
                summary=f"{_label(total.c)}: {total.count} ({_stars(total.stars)} sao) but "
                        + " + ".join(f"{n} × {s} sao" for s, n in levels.items()) + f" = {parts_sum}",
                sources=[source_of(f) for f in (total, *parts)],
                province=total.province, total=total.count, parts=levels, parts_sum=parts_sum,
            ))
    return flags


def _achievement_for(target: Fig, achieved: dict[tuple, list[Fig]]) -> Fig | None:
    """The achievement of the same basis and period a target is measured against.

    A running-total target "by year Y" is measured by the latest running total as of the end of
    Y at the latest; a "new in year Y" target ("có thêm 30 sản phẩm") by the largest count of
    products added in year Y (a year has several rounds; the largest stated is the best lower
    bound). Anything else is apples and oranges and gives no verdict.
    """
    c = target.c
    candidates = achieved.get((c.unit_key, c.stars, c.basis), [])
    if target.year is not None:
        if c.basis == "new":
            candidates = [f for f in candidates if (f.c.as_of_end or "")[:4] == f"{target.year:04d}"]
        else:
            candidates = [f for f in candidates if (f.c.as_of_end or "") <= f"{target.year:04d}-12-31"]
    if c.basis == "new":
        return max(candidates, key=lambda f: (f.count, f.c.as_of_end or ""), default=None)
    return max(candidates, key=_latest_first, default=None)


def _verdict(target: Fig, got: Fig) -> str:
    if got.count > target.count:
        return "exceeded"
    if got.count == target.count:
        return "met"
    # A count of one round, stated before the year is over, is not yet behind a year's target.
    if target.c.basis == "new" and target.year is not None and (got.published or "")[:4] <= str(target.year):
        return "unknown"
    return "behind"


def find_targets(targets: list[Fig], achievements: list[Fig]) -> list[TargetCheck]:
    achieved: dict[tuple, list[Fig]] = defaultdict(list)
    for fig in achievements:
        if fig.status == "achieved" and fig.c.level == "province" and fig.c.unit_key and fig.c.as_of_end:
            achieved[(fig.c.unit_key, fig.c.stars, fig.c.basis)].append(fig)
    distinct: dict[tuple, list[Fig]] = defaultdict(list)
    for fig in targets:
        if fig.status == "target" and fig.c.level == "province" and fig.c.unit_key:
            distinct[(fig.c.unit_key, fig.c.stars, fig.year, fig.count, fig.c.basis)].append(fig)
    checks = []
    for (_unit, stars, year, count, basis), members in distinct.items():
        target = members[0]
        latest = _achievement_for(target, achieved)
        verdict = "unknown" if latest is None else _verdict(target, latest)
        sources = [source_of(m) for m in members[:TARGET_SOURCES]]
        if latest is not None:
            sources.append(source_of(latest))
        what = f"{count} new in {year or '?'}" if basis == "new" else f"{count} by {year or '?'}"
        checks.append(TargetCheck(
            kind="target",
            summary=f"{_label(target.c)}, {_stars(stars)} sao: target {what}, "
                    + (f"achieved {latest.count} ({latest.c.as_of}): {verdict}" if latest
                       else "no comparable achieved count"),
            sources=sources, province=target.province, stars=stars, target_year=year, target=count, basis=basis,
            unit=target.c.unit, achieved=latest.count if latest else None,
            achieved_period=latest.c.as_of if latest else None, verdict=verdict,
        ))
    return checks


def certified_series(figs: list[Fig]) -> dict[str, dict[str, list[SeriesPoint]]]:
    """Latest achieved running total per province-level unit, star level and year; an undated
    running total is placed at its article's date."""
    best: dict[tuple[str, str, int], Fig] = {}
    for fig in figs:
        c = fig.c
        if fig.status != "achieved" or c.level != "province" or c.basis != "total" or not c.as_of_end or not c.unit:
            continue
        key = (c.unit, c.stars or "all", int(c.as_of_end[:4]))
        if key not in best or _latest_first(fig) > _latest_first(best[key]):
            best[key] = fig
    series: dict[str, dict[str, list[SeriesPoint]]] = defaultdict(lambda: defaultdict(list))
    for (unit, stars, year), fig in sorted(best.items()):
        series[unit][stars].append(SeriesPoint(year, fig.count, source_of(fig)))
    return {u: dict(levels) for u, levels in series.items()}


def _latest_first(fig: Fig) -> tuple:
    """The latest as-of date first; of one date, the largest count stated (as series_points)."""
    return (fig.c.as_of_end or "", fig.count)


# --------------------------------------------------------------------------------- documents


_MENTIONS_SQL = """
    SELECT m.id, m.quote, m.start, m.end, m.issued, m.number, m.article_id, m.attachment_id, m.document_id,
           d.number_key AS key, d.number AS doc_number, d.province AS doc_province,
           d.province_2025 AS doc_province_2025, a.title AS title, COALESCE(a.url, t.url) AS url, a.published,
           COALESCE(a.portal_id, t.portal_id) AS portal_id, a.page_id, a.provinces AS subjects,
           p.province, p.province_2025
    FROM documents d
    JOIN document_mentions m ON m.document_id = d.id
    LEFT JOIN articles a ON a.id = m.article_id
    LEFT JOIN attachments t ON t.id = m.attachment_id
    LEFT JOIN portals p ON p.id = COALESCE(a.portal_id, t.portal_id)
    WHERE m.issued IS NOT NULL AND a.duplicate_of IS NULL
    ORDER BY d.number_key
"""


def _subjects(row: sqlite3.Row) -> set[str]:
    """Provinces a citation is about: the citing article's provinces, else the document's."""
    try:
        provinces = set(json.loads(row["subjects"] or "[]"))
    except (TypeError, ValueError):
        provinces = set()
    return provinces or ({row["doc_province"]} if row["doc_province"] else set())


def _same_document_groups(rows: list[sqlite3.Row]) -> list[list[sqlite3.Row]]:
    """Citations of one document number that cite one decision.

    ``documents`` keys a provincial number by the province of the portal that cited it, so one
    Hòa Bình decision quoted by two portals of other provinces is two rows. Citations are joined
    when they share a document row, when the issuer is national (no province), or when the
    articles citing them report on a common province — transitively (union-find: linear).
    """
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in rows:
        nodes = [("doc", row["document_id"])]
        if row["doc_province"] is None:
            nodes.append(("national",))
        nodes += [("subject", s) for s in _subjects(row)]
        first = find(("mention", row["id"]))
        for node in nodes:
            parent[find(node)] = first
    groups: dict[Any, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        groups[find(("mention", row["id"]))].append(row)
    return list(groups.values())


def find_decision_dates(conn: sqlite3.Connection, provinces: set[str] | None,
                        year: int | None) -> Iterator[DecisionDateFlag]:
    """Flags one document number at a time (citations are read in number order)."""
    citations = conn.execute(_MENTIONS_SQL)
    for _key, same_number in itertools.groupby(citations, key=lambda r: r["key"]):
        by_year: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for row in same_number:
            by_year[row["issued"][:4]].append(row)
        for members in itertools.chain.from_iterable(_same_document_groups(year_rows)
                                                     for year_rows in by_year.values()):
            dates = sorted({m["issued"] for m in members})
            if len(dates) < 2:
                continue
            if year is not None and not any(d.startswith(str(year)) for d in dates):
                continue
            if provinces is not None and not any(_cites_for(m, provinces) for m in members):
                continue
            members.sort(key=lambda m: (m["issued"], m["id"]))
            shown = [m for _d, same_date in itertools.groupby(members, key=lambda m: m["issued"])
                     for m in itertools.islice(same_date, 3)]
            ids = sorted({m["document_id"] for m in members})
            number = members[0]["doc_number"] or members[0]["number"]
            yield DecisionDateFlag(
                kind="decision-date",
                summary=f"{number} is dated " + " and ".join(dates) + f" by {len(members)} citations",
                sources=[_mention_source(m) for m in shown[:SOURCES_PER_FLAG]],
                document_id=ids[0], number=number, dates=dates, citations=len(members),
            )


def _mention_source(row: sqlite3.Row) -> Source:
    return Source(quote=row["quote"], start=row["start"], end=row["end"], article_id=row["article_id"],
                  attachment_id=row["attachment_id"], title=row["title"], url=row["url"],
                  published=row["published"], portal_id=row["portal_id"], page_id=row["page_id"],
                  issued=row["issued"])


def _cites_for(mention: sqlite3.Row, provinces: set[str]) -> bool:
    names = {mention[c] for c in ("doc_province", "province")} | _subjects(mention)
    return bool(names & provinces)


_ANNEX_SQL = """
    SELECT d.id, d.number, d.url, d.stated_count, d.annex_rows, d.province, d.province_2025, d.issued,
           (SELECT count(*) FROM products p WHERE p.document_id = d.id) AS product_rows
    FROM documents d
    WHERE d.stated_count >= 0
"""


def find_annex_mismatches(conn: sqlite3.Connection, provinces: set[str] | None,
                          year: int | None) -> list[AnnexFlag]:
    flags = []
    for doc in conn.execute(_ANNEX_SQL):
        if provinces is not None and doc["province"] not in provinces:
            continue
        if year is not None and not (doc["issued"] or "").startswith(str(year)):
            continue
        if doc["annex_rows"] is not None:
            rows, rows_from = doc["annex_rows"], "annex_rows"
        elif doc["product_rows"]:
            rows, rows_from = doc["product_rows"], "products"
        else:
            continue  # no annex list known: nothing to compare with
        if rows == doc["stated_count"]:
            continue
        flags.append(AnnexFlag(
            kind="annex",
            summary=f"{doc['number']} says {doc['stated_count']} products; its annex lists {rows}",
            sources=[], document_id=doc["id"], number=doc["number"], stated=doc["stated_count"],
            rows=rows, rows_from=rows_from, document_url=doc["url"],
        ))
    return sorted(flags, key=lambda f: f.document_id or 0)


# --------------------------------------------------------------------------------- entry point


def _in_year(fig: Fig, year: int | None) -> bool:
    if year is None:
        return True
    if fig.status == "target":
        return fig.year == year
    return (fig.c.as_of_end or "")[:4] == f"{year:04d}"


def _gap_reader(conn: sqlite3.Connection):  # type: ignore[no-untyped-def]
    def gap_text(total: Fig, part: Fig) -> str:
        table, row_id = ("articles", total.article_id) if total.article_id is not None else ("attachments",
                                                                                             total.attachment_id)
        row = conn.execute(f"SELECT substr(text, ?, ?) FROM {table} WHERE id = ?",
                           (total.end + 1, max(0, part.start - total.end), row_id)).fetchone()
        return (row[0] if row else "") or ""

    return gap_text


def open_readonly(db: str | Path) -> sqlite3.Connection:
    """A read-only connection to a harvester database (AuditError with a sentence otherwise)."""
    try:
        conn = connect_readonly(db)
    except QueryError as exc:
        raise AuditError(str(exc)) from exc
    conn.row_factory = sqlite3.Row
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    missing = {"figures", "articles", "attachments", "documents", "document_mentions"} - tables
    if missing:
        conn.close()
        raise AuditError(f"{db}: cannot audit this database (no {', '.join(sorted(missing))} table); "
                         "is it a harvester database?")
    return conn


def run_audit(db: str | Path, province: str | None = None, year: int | None = None) -> AuditReport:
    """Run every check on the database at ``db`` (opened read-only) and return the report."""
    provinces = provinces_named(province) if province else None
    conn = open_readonly(db)
    report = AuditReport(db=str(db), generated_at=now_iso(), province=province, year=year)
    try:
        verdicts = load_verdicts(conn)
        gap_text = _gap_reader(conn)
        for chunk in _chunks(figure_rows(conn, provinces)):
            figs = [judge(row, verdicts) for row in chunk]
            report.verdicts_applied += sum(f.verdict is not None for f in figs)
            judged = [f for f in figs if f.verdict != "wrong"]
            shown = [f for f in judged if _in_year(f, year)]
            found = {"conflicts": find_conflicts(shown), "decreases": find_decreases(shown),
                     "breakdowns": find_breakdowns(shown, gap_text)}
            for name, flags in found.items():
                fill_sources(conn, (s for flag in flags for s in flag.sources))
                for flag in flags:
                    report.add(name, flag)
            report.targets += find_targets(shown, judged)
            series = certified_series(shown)
            fill_sources(conn, (p.source for levels in series.values() for points in levels.values() for p in points))
            report.certified.update(series)
        fill_sources(conn, (s for check in report.targets for s in check.sources))
        for flag in find_decision_dates(conn, provinces, year):
            fill_sources(conn, flag.sources)
            report.add("decision_dates", flag)
        for flag in find_annex_mismatches(conn, provinces, year):
            report.add("annexes", flag)
        _dismiss_verified_targets(report)
        _sort(report)
    except sqlite3.DatabaseError as exc:
        raise AuditError(f"{db}: cannot audit this database ({exc}); is it a harvester database?") from exc
    finally:
        conn.close()
    return report


def _dismiss_verified_targets(report: AuditReport) -> None:
    for check in report.targets:
        if check.verdict == "behind" and _dismissed(check):
            check.verdict = "dismissed"
            report.dismissed.append(check)


def _sort(report: AuditReport) -> None:
    """Order the flags held in memory (a large database's overflow stays in province order)."""
    report.conflicts.sort(key=lambda f: (f.province or "", f.place or "", f.period or "", f.stars or ""))
    report.decreases.sort(key=lambda f: (f.province or "", f.place or "", f.stars or "", f.later_as_of or ""))
    report.breakdowns.sort(key=lambda f: (f.province or "", f.sources[0].article_id or 0, f.sources[0].start))
    report.decision_dates.sort(key=lambda f: (f.document_id or 0, f.number or ""))
    report.targets.sort(key=lambda t: (t.province or "", t.unit or "", t.stars or "", t.target_year or 0, t.target or 0))
    report.certified = dict(sorted(report.certified.items()))
