"""Audit: check reported OCOP figures against each other and against their sources.

``run_audit(db)`` reads the database read-only and returns an :class:`AuditReport` of typed
flags, each carrying the quotes it rests on (with offsets into the stored text, the article
URL and the archived page id), plus the data series the HTML report draws.

Checks (docs/research.md explains each with an example):

* ``conflict``  – different counts for one province (or one district), period, star level and
  status from different sources; syndicated copies (``articles.duplicate_of``) are not sources.
* ``decrease``  – a cumulative "đến nay" total from one portal that went down over time.
* ``breakdown`` – a total ("3 sao trở lên" or no star level) followed, after "trong đó"/"gồm"/":",
  by per-level counts in the same sentence whose sum differs from it.
* ``decision-date`` – one document cited with different signing dates.
* ``target``    – each stated target against the latest achieved count (behind / met / exceeded).
* ``annex``     – a decision's stated count against the rows of its annex product list.
"""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harvester.query import QueryError, connect_readonly
from harvester.search import fold

try:  # the 2025 unit of a subject province, when the extractors are installed
    from extractors.places import province_2025
except ImportError:  # pragma: no cover
    def province_2025(old_name: str) -> str | None:
        return None


class AuditError(QueryError):
    """The database cannot be audited (missing, not SQLite, not a harvester database)."""


EXCERPT_CHARS = 160  # characters of context kept on each side of a quote
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
    count: int | None = None  # the figure's count, for figure quotes
    issued: str | None = None  # the date given, for document mentions

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


@dataclass
class ConflictFlag(Flag):
    province: str | None = None
    place: str | None = None  # district or town for local figures, None for province totals
    period: str | None = None
    stars: str | None = None
    status: str | None = None
    counts: list[int] = field(default_factory=list)


@dataclass
class DecreaseFlag(Flag):
    province: str | None = None
    place: str | None = None
    stars: str | None = None
    portal_id: str | None = None
    earlier: int | None = None
    later: int | None = None


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


@dataclass
class TargetCheck(Flag):
    province: str | None = None
    stars: str | None = None
    target_year: int | None = None
    target: int | None = None
    achieved: int | None = None  # None: no achieved count for this province and star level
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


@dataclass
class AuditReport:
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
    # province -> star level ("3+", "4", ... or "all" for no level) -> points by year
    certified: dict[str, dict[str, list[SeriesPoint]]] = field(default_factory=dict)

    @property
    def flags(self) -> list[Flag]:
        """Everything an analyst should look at (targets only when behind)."""
        behind = [t for t in self.targets if t.verdict == "behind"]
        return [*self.conflicts, *self.decreases, *self.breakdowns, *self.decision_dates, *behind, *self.annexes]

    def to_json(self) -> dict[str, Any]:
        return {
            "db": self.db, "generated_at": self.generated_at, "province": self.province, "year": self.year,
            "counts": {
                "conflict": len(self.conflicts), "decrease": len(self.decreases),
                "breakdown": len(self.breakdowns), "decision-date": len(self.decision_dates),
                "target-behind": sum(t.verdict == "behind" for t in self.targets), "annex": len(self.annexes),
            },
            "conflicts": [f.to_json() for f in self.conflicts],
            "decreases": [f.to_json() for f in self.decreases],
            "breakdowns": [f.to_json() for f in self.breakdowns],
            "decision_dates": [f.to_json() for f in self.decision_dates],
            "targets": [f.to_json() for f in self.targets],
            "annexes": [f.to_json() for f in self.annexes],
            "certified": {
                prov: {stars: [{"year": p.year, "count": p.count, "url": p.source.url} for p in points]
                       for stars, points in levels.items()}
                for prov, levels in self.certified.items()
            },
        }


# --------------------------------------------------------------------------------- reading


_FIGURES_SQL = """
    SELECT s.*, {basis} AS basis, COALESCE(a.text, t.text) AS source_text
    FROM figures_sourced s
    JOIN figures f ON f.id = s.id
    LEFT JOIN articles a ON a.id = s.article_id
    LEFT JOIN attachments t ON t.id = s.attachment_id
    WHERE s.duplicate_of IS NULL
    ORDER BY s.article_id, s.attachment_id, s.start
"""

# The last administrative-unit word before a count whose place the sentence does not name:
# "tỉnh phấn đấu có thêm 30 sản phẩm" is the province, "huyện có 19 sản phẩm" a district.
_UNIT_WORD = re.compile(r"(?<!\w)(toàn tỉnh|tỉnh|huyện|thị xã|thị trấn|thành phố|quận|phường|xã)(?!\w)",
                        re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")
_LOOK_BACK = 300  # characters searched for the previous place name


def _figure_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every figure of an original source, as a dict with ``basis`` and a refined ``scope``."""
    columns = {d[0] for d in conn.execute("SELECT * FROM figures LIMIT 0").description}
    sql = _FIGURES_SQL.format(basis="f.basis" if "basis" in columns else "NULL")
    rows = [dict(row) for row in conn.execute(sql)]
    for row in rows:
        _refine_scope(row)
    return rows


def _sentence_start(text: str, pos: int) -> int:
    breaks = list(_SENTENCE_BREAK.finditer(text, max(0, pos - _LOOK_BACK), pos))
    return breaks[-1].end() if breaks else max(0, pos - _LOOK_BACK)


def _refine_scope(row: dict[str, Any]) -> None:
    """Decide the scope of a figure whose place the extractor filled in from the article.

    The view's ``scope`` trusts ``place``; but a count with no place in its own sentence gets the
    article's main province, even in "Lũy kế đến nay, huyện có 19 sản phẩm" or after a sentence
    about one district. Such a count is local when the nearest unit word before it in its
    sentence is a district/commune word, or (with no unit word) when the nearest place named
    before it is a district or commune. ``scope`` becomes "local" and ``place`` that district
    (``place_known`` False when no district name is at hand, so it is never compared).
    """
    row["place_known"] = True
    text = row.get("source_text") or ""
    if row["scope"] != "province" or not text or not row["place"]:
        return
    start = row["start"]
    sentence = row["sentence"] or text[_sentence_start(text, start) : row["end"]]
    if fold(row["place"]) in fold(sentence):
        return  # the sentence names its place
    left_from = _sentence_start(text, start)
    units = list(_UNIT_WORD.finditer(text, left_from, start))
    local_name = _previous_local_place(text, start, row["province"])
    if units:
        if "tỉnh" in units[-1].group(1).lower():
            return
    elif local_name is None:
        return
    row["scope"] = "local"
    row["place"] = local_name or units[-1].group(1)
    row["place_known"] = local_name is not None


def _previous_local_place(text: str, pos: int, province: str | None) -> str | None:
    """The district/commune named last in the text before ``pos`` (within a few sentences),
    unless the province itself is named after it."""
    try:
        from extractors.places import find_places
    except ImportError:  # the extractors are optional for the audit
        return None
    window_start = max(0, pos - _LOOK_BACK)
    mentions = [m for m in find_places(text[window_start:pos]) if m.level != "national"]
    if not mentions:
        return None
    last = mentions[-1]
    if last.level in {"district", "commune"} and (province is None or last.province in (None, province)):
        return last.name
    return None


def _excerpt(text: str | None, start: int, end: int) -> tuple[str, str]:
    if not text or not (0 <= start <= end <= len(text)):
        return "", ""
    before = text[max(0, start - EXCERPT_CHARS) : start]
    after = text[end : end + EXCERPT_CHARS]
    return ("…" if start > EXCERPT_CHARS else "") + before, after + ("…" if end + EXCERPT_CHARS < len(text) else "")


def _source(row: dict[str, Any] | sqlite3.Row, text: str | None, **extra: Any) -> Source:
    before, after = _excerpt(text, row["start"], row["end"])
    return Source(
        quote=row["quote"], start=row["start"], end=row["end"], article_id=row["article_id"],
        attachment_id=row["attachment_id"], title=row["article_title"], url=row["url"],
        published=row["published"], portal_id=row["portal_id"], page_id=row["page_id"],
        before=before, after=after, **extra,
    )


Row = dict[str, Any]  # one figures_sourced row plus basis, refined scope and source text


def _period_year(row: Row) -> int | None:
    if row["year"] is not None:
        return int(row["year"])
    return int(row["as_of"][:4]) if row["as_of"] and row["as_of"][:4].isdigit() else None


def _matches_province(row: Row | sqlite3.Row, province: str | None) -> bool:
    """A province filter matches the pre-2025 name or the merged 2025 unit."""
    return province is None or fold(province) in {fold(row["province"] or ""), fold(row["province_2025"] or "")}


def _place_key(row: Row) -> str | None:
    return fold(re.sub(r"\s+", " ", row["place"] or "")).strip() if row["scope"] == "local" else None


def _latest_first(row: Row) -> tuple:
    return (row["period_end"] or "", row["published"] or "", row["count"])


def _basis_class(row: Row) -> str:
    """Counts of one round ("new") are never compared with running totals; a count whose basis
    the extractor could not tell (NULL) is read as a running total, which most are."""
    return "new" if row.get("basis") == "new" else "total"


def _comparable(row: Row) -> bool:
    """A figure with a known province and, when local, a known district name."""
    return row["province"] is not None and row.get("place_known", True)


# --------------------------------------------------------------------------------- checks


def find_conflicts(rows: list[Row]) -> list[ConflictFlag]:
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        if not _comparable(row) or row["period"] is None:
            continue
        key = (row["province"], _place_key(row), row["period"], row["stars"], row["status"], _basis_class(row))
        groups[key].append(row)
    flags = []
    for (province, place_key, period, stars, status, basis), members in groups.items():
        counts = sorted({m["count"] for m in members})
        sources = {(m["article_id"], m["attachment_id"]) for m in members}
        if len(counts) < 2 or len(sources) < 2:
            continue
        place = next((m["place"] for m in members if place_key), None)
        label = place or province
        flags.append(ConflictFlag(
            kind="conflict",
            summary=f"{label}, {period}, {stars or 'mọi hạng'} sao, {status}"
                    + (", new in the period" if basis == "new" else "")
                    + f": {' vs '.join(str(c) for c in counts)} from {len(sources)} sources",
            sources=[_source(m, m["source_text"], count=m["count"]) for m in members],
            province=province, place=place, period=period, stars=stars, status=status, counts=counts,
        ))
    return sorted(flags, key=lambda f: (f.province or "", f.place or "", f.period or "", f.stars or ""))


def find_decreases(rows: list[Row]) -> list[DecreaseFlag]:
    """Running totals only: a "đến nay" count (no year) that is not one round's additions."""
    series: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        if (row["status"] == "achieved" and row["year"] is None and row["as_of"] and _comparable(row)
                and _basis_class(row) == "total"):
            series[(row["portal_id"], row["province"], _place_key(row), row["stars"])].append(row)
    flags = []
    for (portal, province, _, stars), members in series.items():
        members.sort(key=lambda r: (r["as_of"], r["published"] or ""))
        for earlier, later in itertools.pairwise(members):
            if later["as_of"] > earlier["as_of"] and later["count"] < earlier["count"]:
                flags.append(DecreaseFlag(
                    kind="decrease",
                    summary=f"{later['place'] or province}, {stars or 'mọi hạng'} sao, {portal}: "
                            f"{earlier['count']} on {earlier['as_of']} then {later['count']} on {later['as_of']}",
                    sources=[_source(r, r["source_text"], count=r["count"]) for r in (earlier, later)],
                    province=province, place=later["place"], stars=stars, portal_id=portal,
                    earlier=earlier["count"], later=later["count"],
                ))
    return flags


def _same_stretch(total: Row, previous: Row, part: Row) -> bool:
    if total["sentence"] and part["sentence"]:
        return total["sentence"] == part["sentence"]
    return part["start"] - previous["end"] <= BREAKDOWN_GAP


def _is_part(total: Row, part: Row, parts: list[Row]) -> bool:
    """Same status, compatible basis, a star level inside the total's, not seen yet."""
    return (part["stars"] in PART_LEVELS[total["stars"]] and part["status"] == total["status"]
            and part.get("basis") in {None, total.get("basis")} and part["start"] >= total["end"]
            and part["stars"] not in {p["stars"] for p in parts})


def find_breakdowns(rows: list[Row]) -> list[BreakdownFlag]:
    """A total followed ("trong đó", "gồm", ":", "(") by counts per star level.

    When the parts reach the total's lowest level (3 sao for "3+" and for no level, 4 sao for
    "4+") they claim to be the whole and must add up; a partial list ("trong đó 25 sản phẩm 4
    sao và 2 sản phẩm 5 sao" under a 3+ total) can only be wrong by exceeding the total.
    """
    by_text: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        by_text[(row["article_id"], row["attachment_id"])].append(row)
    flags = []
    for members in by_text.values():
        members.sort(key=lambda r: r["start"])
        for i, total in enumerate(members):
            if total["stars"] not in PART_LEVELS:
                continue
            parts: list[Row] = []
            previous = total
            for part in members[i + 1 :]:
                if not _is_part(total, part, parts) or not _same_stretch(total, previous, part):
                    break
                parts.append(part)
                previous = part
            if not parts:
                continue
            text = total["source_text"] or ""
            if not BREAKDOWN_MARKER.search(text[total["end"] : parts[0]["start"]]):
                continue
            parts_sum = sum(p["count"] for p in parts)
            whole = LOWEST_LEVEL[total["stars"]] in {p["stars"] for p in parts}
            if parts_sum == total["count"] or (not whole and parts_sum < total["count"]):
                continue
            levels = {p["stars"]: p["count"] for p in parts}
            flags.append(BreakdownFlag(
                kind="breakdown",
                summary=f"{total['place'] or total['province']}: {total['count']} "
                        f"({total['stars'] or 'mọi hạng'} sao) but "
                        + " + ".join(f"{c} × {s} sao" for s, c in levels.items()) + f" = {parts_sum}",
                sources=[_source(r, r["source_text"], count=r["count"]) for r in (total, *parts)],
                province=total["province"], total=total["count"], parts=levels, parts_sum=parts_sum,
            ))
    return flags


def _target_order(item: tuple[tuple, Any]) -> tuple:
    province, stars, year, count, _basis = item[0]
    return (province, stars or "", year or 0, count)  # the order of the targets canned query


def _achievement_for(target_key: tuple, achieved: dict[tuple, list[Row]]) -> Row | None:
    """The achievement a target is measured against: for a running-total target the latest
    running total; for a "new in year Y" target ("có thêm 30 sản phẩm") the largest count of
    products added in year Y (a year has several rounds; the largest stated is the best lower
    bound). Anything else is apples and oranges and gives no verdict."""
    province, stars, year, _count, basis = target_key
    candidates = achieved.get((province, stars, basis), [])
    if basis == "new":
        candidates = [r for r in candidates if _period_year(r) == year]
        return max(candidates, key=lambda r: (r["count"], _latest_first(r)), default=None)
    return max(candidates, key=_latest_first, default=None)


def _verdict(target: int, got: int, basis: str, year: int | None, latest: Row) -> str:
    if got > target:
        return "exceeded"
    if got == target:
        return "met"
    # A count of one round, stated before the year is over, is not yet behind a year's target.
    if basis == "new" and year is not None and (latest["published"] or "")[:4] <= str(year):
        return "unknown"
    return "behind"


def find_targets(rows: list[Row], all_rows: list[Row]) -> list[TargetCheck]:
    achieved: dict[tuple, list[Row]] = defaultdict(list)
    for row in all_rows:
        if row["status"] == "achieved" and row["scope"] == "province" and row["period_end"]:
            achieved[(row["province"], row["stars"], _basis_class(row))].append(row)
    targets: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        if row["status"] == "target" and row["scope"] == "province" and row["province"]:
            targets[(row["province"], row["stars"], row["year"], row["count"], _basis_class(row))].append(row)
    checks = []
    for key, members in sorted(targets.items(), key=_target_order):
        province, stars, year, count, basis = key
        latest = _achievement_for(key, achieved)
        if latest is None:
            verdict, got = "unknown", None
        else:
            got = latest["count"]
            verdict = _verdict(count, got, basis, year, latest)
        sources = [_source(m, m["source_text"], count=m["count"]) for m in members]
        if latest is not None:
            sources.append(_source(latest, latest["source_text"], count=latest["count"]))
        what = f"{count} new in {year or '?'}" if basis == "new" else f"{count} by {year or '?'}"
        checks.append(TargetCheck(
            kind="target",
            summary=f"{province}, {stars or 'mọi hạng'} sao: target {what}, "
                    + (f"latest achieved {got} ({latest['period']}): {verdict}" if latest
                       else "no comparable achieved count"),
            sources=sources, province=province, stars=stars, target_year=year, target=count, achieved=got,
            achieved_period=latest["period"] if latest else None, verdict=verdict,
        ))
    return checks


_MENTIONS_SQL = """
    SELECT m.id, m.quote, m.start, m.end, m.issued, m.number, m.article_id, m.attachment_id,
           COALESCE(m.document_id, -1) AS document_id,
           UPPER(REPLACE(m.number, ' ', '')) AS key, d.number AS doc_number, d.province AS doc_province,
           d.province_2025 AS doc_province_2025, a.title AS article_title, a.url, a.published,
           a.portal_id, a.page_id, a.text AS source_text, a.provinces AS subjects, p.province, p.province_2025
    FROM document_mentions m
    LEFT JOIN documents d ON d.id = m.document_id
    LEFT JOIN articles a ON a.id = m.article_id
    LEFT JOIN portals p ON p.id = a.portal_id
    WHERE m.issued IS NOT NULL AND a.duplicate_of IS NULL
    ORDER BY m.document_id, m.issued, m.id
"""


def _subjects(row: sqlite3.Row) -> set[str]:
    """Provinces a citation is about: the citing article's provinces, else the document's."""
    try:
        provinces = set(json.loads(row["subjects"] or "[]"))
    except (TypeError, ValueError):
        provinces = set()
    return provinces or ({row["doc_province"]} if row["doc_province"] else set())


def _same_document_groups(rows: list[sqlite3.Row]) -> dict[Any, list[sqlite3.Row]]:
    """Citations of one document. ``documents`` keys a provincial number by the province of the
    portal that cited it, so one Hòa Bình decision quoted by two portals of other provinces is two
    rows; citations of one number are joined when they share a document row, or when the
    articles citing them report on a common province (a national issuer has no province)."""
    by_number: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_number[row["key"]].append(row)
    groups: dict[Any, list[sqlite3.Row]] = {}
    for key, members in by_number.items():
        clusters: list[list[sqlite3.Row]] = []
        for row in members:
            joined = [c for c in clusters if any(
                (row["document_id"] != -1 and row["document_id"] == m["document_id"])
                or (row["doc_province"] is None and m["doc_province"] is None)
                or _subjects(row) & _subjects(m) for m in c)]
            merged = [row, *itertools.chain.from_iterable(joined)]
            clusters = [c for c in clusters if not any(c is j for j in joined)] + [merged]
        for cluster in clusters:
            cluster.sort(key=lambda m: (m["issued"], m["id"]))
            ids = sorted({m["document_id"] for m in cluster if m["document_id"] != -1})
            groups[ids[0] if ids else (key, id(cluster))] = cluster
    return groups


def find_decision_dates(conn: sqlite3.Connection, province: str | None, year: int | None) -> list[DecisionDateFlag]:
    groups = _same_document_groups(conn.execute(_MENTIONS_SQL).fetchall())
    flags = []
    for key, members in groups.items():
        dates = sorted({m["issued"] for m in members})
        if len(dates) < 2:
            continue
        if year is not None and not any(d.startswith(str(year)) for d in dates):
            continue
        if province is not None and not any(_cites_for(m, province) for m in members):
            continue
        number = members[0]["doc_number"] or members[0]["number"]
        flags.append(DecisionDateFlag(
            kind="decision-date",
            summary=f"{number} is dated " + " and ".join(dates) + f" by {len(members)} citations",
            sources=[_source(m, m["source_text"], issued=m["issued"]) for m in members],
            document_id=key if isinstance(key, int) else None, number=number, dates=dates,
        ))
    return sorted(flags, key=lambda f: (f.document_id is None, f.document_id or 0, f.number or ""))


def _cites_for(mention: sqlite3.Row, province: str) -> bool:
    names = {mention[c] for c in ("doc_province", "doc_province_2025", "province", "province_2025")}
    names |= _subjects(mention)
    wanted = fold(province)
    if any(wanted == fold(n or "") for n in names):
        return True
    return any(wanted == fold(province_2025(n) or "") for n in _subjects(mention))


_ANNEX_SQL = """
    SELECT d.id, d.number, d.url, d.stated_count, d.annex_rows, d.province, d.province_2025, d.issued,
           d.summary, (SELECT count(*) FROM products p WHERE p.document_id = d.id) AS product_rows
    FROM documents d
    WHERE d.stated_count IS NOT NULL
    ORDER BY d.id
"""


def find_annex_mismatches(conn: sqlite3.Connection, province: str | None, year: int | None) -> list[AnnexFlag]:
    flags = []
    for doc in conn.execute(_ANNEX_SQL):
        if not _matches_province(doc, province):
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
    return flags


def certified_series(rows: list[Row]) -> dict[str, dict[str, list[SeriesPoint]]]:
    """Latest achieved running total per province, star level and year (province level only)."""
    best: dict[tuple[str, str, int], Row] = {}
    for row in rows:
        year = _period_year(row)
        if (row["status"] != "achieved" or row["scope"] != "province" or year is None
                or _basis_class(row) != "total"):
            continue
        key = (row["province"], row["stars"] or "all", year)
        if key not in best or _latest_first(row) > _latest_first(best[key]):
            best[key] = row
    series: dict[str, dict[str, list[SeriesPoint]]] = defaultdict(lambda: defaultdict(list))
    for (province, stars, year), row in sorted(best.items()):
        series[province][stars].append(SeriesPoint(year, row["count"], _source(row, row["source_text"])))
    return {p: dict(levels) for p, levels in series.items()}


# --------------------------------------------------------------------------------- entry point


def run_audit(db: str | Path, province: str | None = None, year: int | None = None) -> AuditReport:
    """Run every check on the database at ``db`` (opened read-only) and return the report."""
    try:
        conn = connect_readonly(db)
    except QueryError as exc:
        raise AuditError(str(exc)) from exc
    conn.row_factory = sqlite3.Row
    try:
        all_rows = _figure_rows(conn)
        rows = [r for r in all_rows if _matches_province(r, province)
                and (year is None or _period_year(r) == year or (r["status"] == "target" and r["year"] == year))]
        report = AuditReport(db=str(db), generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
                             province=province, year=year)
        report.conflicts = find_conflicts(rows)
        report.decreases = find_decreases(rows)
        report.breakdowns = find_breakdowns(rows)
        report.targets = find_targets(rows, [r for r in all_rows if _matches_province(r, province)])
        report.decision_dates = find_decision_dates(conn, province, year)
        report.annexes = find_annex_mismatches(conn, province, year)
        report.certified = certified_series(rows)
    except sqlite3.DatabaseError as exc:
        raise AuditError(f"{db}: cannot audit this database ({exc}); is it a harvester database?") from exc
    finally:
        conn.close()
    return report
