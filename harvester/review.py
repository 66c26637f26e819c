"""Verdicts on figures: list them with their stable keys, mark them, walk the flagged ones, CSV.

A figure's key (``harvester.comparable.figure_key``: its source URL, quote and which occurrence
of the quote it is) survives ``harvester reextract``, so a verdict given today still applies
after the extractors improve. Verdicts are written by :mod:`harvester.storage.verdicts`; the
audit applies them (a figure marked wrong is left out, a corrected one counts with its new
value, a flag whose every figure was verified is dismissed).
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from harvester import storage
from harvester.audit import (
    AuditReport,
    Fig,
    Flag,
    Source,
    figure_rows,
    judge,
    load_verdicts,
    open_readonly,
    provinces_named,
    run_audit,
)
from harvester.comparable import url_part
from harvester.errors import HarvesterError
from harvester.schema import open_db
from harvester.storage.verdicts import FIELDS, Verdict, VerdictError, check, from_row


class ReviewError(HarvesterError):
    """A key that names no figure, a bad CSV file..."""


@dataclass
class FigureView:
    """One figure as an analyst reviews it."""

    key: str
    count: int  # the judged count (the corrected one when a verdict corrected it)
    extracted_count: int
    stars: str | None
    status: str
    basis: str
    as_of: str | None
    level: str
    place: str | None  # the place at its level ("Lào Cai (2025)", "huyện Hồng Dân")
    province: str | None
    quote: str
    url: str | None
    title: str | None
    published: str | None
    verdict: str | None = None
    note: str | None = None
    flags: list[str] = field(default_factory=list)  # summaries of the audit flags it is part of

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _view(row: dict[str, Any], fig: Fig, notes: dict[str, str | None], flags: list[str] | None = None) -> FigureView:
    return FigureView(key=fig.key, count=fig.count, extracted_count=fig.extracted, stars=fig.stars,
                      status=fig.status, basis=fig.c.basis, as_of=fig.c.as_of, level=fig.c.level, place=fig.c.unit,
                      province=fig.province, quote=fig.quote, url=row["url"], title=row["title"],
                      published=fig.published, verdict=fig.verdict, note=notes.get(fig.key), flags=flags or [])


def _notes(conn: sqlite3.Connection) -> dict[str, str | None]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'verdicts'").fetchone():
        return {}
    return {key: note for key, note in conn.execute("SELECT key, note FROM verdicts") if note}


def flagged_keys(report: AuditReport) -> dict[str, list[str]]:
    """Figure key → the summaries of the flags it is part of (targets only when behind)."""
    found: dict[str, list[str]] = {}
    for flag in report.iter_flags():
        for key in flag.keys:
            found.setdefault(key, []).append(f"{flag.kind}: {flag.summary}")
    return found


def list_figures(db: str | Path, *, flagged: bool = False, province: str | None = None) -> Iterator[FigureView]:
    """Every figure with its key (or only those the audit flags), in the audit's order."""
    flags = flagged_keys(run_audit(db, province=province)) if flagged else {}
    conn = open_readonly(db)
    try:
        verdicts, notes = load_verdicts(conn), _notes(conn)
        for row in figure_rows(conn, provinces_named(province) if province else None):
            fig = judge(row, verdicts)
            if flagged and fig.key not in flags:
                continue
            yield _view(row, fig, notes, flags.get(fig.key))
    finally:
        conn.close()


def find_figure(db: str | Path, key: str) -> FigureView:
    """The figure a key names, or a ReviewError saying there is none."""
    key = key.strip()
    conn = open_readonly(db)
    try:
        sources = _sources_keyed(conn, key) or _sources_with_url_part(conn, key.split("-", 1)[0])
        if sources:
            verdicts, notes = load_verdicts(conn), _notes(conn)
            for row in figure_rows(conn, sources=sources):
                fig = judge(row, verdicts)
                if fig.key == key:
                    return _view(row, fig, notes)
    finally:
        conn.close()
    raise ReviewError(f"no figure has the key {key!r}; `harvester review list` shows every figure's key")


def _sources_keyed(conn: sqlite3.Connection, key: str) -> list[tuple[int | None, int | None]]:
    """The source of the figure ``figure_keys`` files under ``key`` (an index lookup), if keyed."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'figure_keys'").fetchone():
        return []
    return [tuple(row) for row in conn.execute(
        "SELECT f.article_id, f.attachment_id FROM figure_keys k JOIN figures f ON f.id = k.figure_id "
        "WHERE k.key = ?", (key,))]


def _sources_with_url_part(conn: sqlite3.Connection, part: str) -> list[tuple[int | None, int | None]]:
    """Articles and attachments whose URL hashes to the first half of a key (one pass over URLs)."""
    found: list[tuple[int | None, int | None]] = []
    for article_id, url in conn.execute("SELECT id, url FROM articles"):
        if url_part(url) == part:
            found.append((article_id, None))
    for attachment_id, url in conn.execute("SELECT id, url FROM attachments"):
        if url_part(url) == part:
            found.append((None, attachment_id))
    return found


def mark(db: str | Path, key: str, verdict: str, *, count: int | None = None, note: str | None = None) -> FigureView:
    """Record a verdict on the figure ``key`` names; returns the figure as it was judged before."""
    figure = find_figure(db, key)
    database = open_db(db)
    try:
        storage.save_verdicts(database, [Verdict(key=figure.key, verdict=verdict, count=count, note=note,
                                                 url=figure.url, quote=figure.quote,
                                                 extracted_count=figure.extracted_count)])
        storage.refresh_research(database)
    finally:
        database.conn.close()
    return figure


def unmark(db: str | Path, key: str) -> bool:
    """Withdraw the verdict on ``key``; True if there was one."""
    database = open_db(db)
    try:
        removed = storage.delete_verdict(database, key.strip())
        storage.refresh_research(database)
    finally:
        database.conn.close()
    return removed


# --------------------------------------------------------------------------------- CSV


def export_verdicts(db: str | Path, out: IO[str]) -> int:
    """Every verdict as CSV (header row first); returns the number of rows."""
    conn = open_readonly(db)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'verdicts'").fetchone():
            rows: list[tuple[Any, ...]] = []
        else:
            rows = conn.execute(f"SELECT {', '.join(FIELDS)} FROM verdicts ORDER BY decided_at, key").fetchall()
    finally:
        conn.close()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return len(rows)


def read_verdicts(lines: Iterable[str], name: str = "the CSV") -> list[Verdict]:
    """Verdicts from CSV text (as `review export` writes it); errors name the line."""
    reader = csv.DictReader(lines)
    missing = {"key", "verdict"} - set(reader.fieldnames or ())
    if missing:
        raise ReviewError(f"{name}: no {' or '.join(sorted(missing))} column (expected the header {','.join(FIELDS)})")
    verdicts = []
    for number, row in enumerate(reader, start=2):
        try:
            verdicts.append(check(from_row(row)))
        except VerdictError as exc:
            raise ReviewError(f"{name}, line {number}: {exc}") from exc
    return verdicts


def import_verdicts(db: str | Path, verdicts: list[Verdict]) -> tuple[int, int]:
    """Record verdicts (replacing earlier ones on the same keys); returns (written, matching no figure)."""
    conn = open_readonly(db)
    try:
        known = {judge(row, {}).key for row in figure_rows(conn)}
    finally:
        conn.close()
    database = open_db(db)
    try:
        written = storage.save_verdicts(database, verdicts)
        storage.refresh_research(database)
    finally:
        database.conn.close()
    return written, sum(v.key not in known for v in verdicts)


# --------------------------------------------------------------------------------- the walk

CHOICES = {"v": "verified", "w": "wrong", "c": "corrected", "s": "skip", "n": "next flag", "q": "quit"}


@dataclass
class WalkIO:
    """How the walk talks to the analyst (the terminal, or a test)."""

    show: Callable[[str], None]
    choose: Callable[[str], str]  # prompt -> one of CHOICES
    ask_count: Callable[[str], int]
    ask_note: Callable[[str], str]


def _context(src: Source, mark_quote: Callable[[str], str]) -> str:
    return f"{src.before}{mark_quote(src.quote)}{src.after}".replace("\n", " ")


def _flag_text(flag: Flag, current: Source, mark_quote: Callable[[str], str]) -> list[str]:
    lines = [f"[{flag.kind}] {flag.summary}", "", f"  {current.count}  {current.title or ''}",
             f"     {current.url or '?'}  ({(current.published or '')[:10]}, as of {current.as_of or '?'})",
             f"     {_context(current, mark_quote)}", f"     key {current.key}"
             + (f"  — already {current.verdict}" if current.verdict else "")]
    others = [s for s in flag.sources if s is not current]
    if others:
        lines.append("  beside:")
        for src in others:
            lines.append(f"  {src.count if src.count is not None else src.issued}  “{src.quote}” — {src.url or '?'} "
                         f"(as of {src.as_of or '?'})")
    return lines


def walk(db: str | Path, io: WalkIO, *, province: str | None = None,
         mark_quote: Callable[[str], str] = lambda q: f"[{q}]") -> dict[str, int]:
    """Go through the flagged figures one flag at a time; returns how many of each verdict were given."""
    report = run_audit(db, province=province)
    given = dict.fromkeys(("verified", "wrong", "corrected", "skipped"), 0)
    flags = [f for f in report.iter_flags() if f.keys]
    io.show(f"{len(flags)} flags to review ({sum(len(f.keys) for f in flags)} figures). "
            "Keys: v verify, w wrong, c correct, s skip, n next flag, q quit.")
    for number, flag in enumerate(flags, 1):
        for current in [s for s in flag.sources if s.key]:
            io.show("")
            io.show(f"— flag {number}/{len(flags)} —")
            for line in _flag_text(flag, current, mark_quote):
                io.show(line)
            choice = io.choose("[v]erify [w]rong [c]orrect [s]kip [n]ext flag [q]uit")
            if choice == "q":
                return given
            if choice == "n":
                break
            if choice == "s":
                given["skipped"] += 1
                continue
            verdict = CHOICES[choice]
            count = io.ask_count("the right count") if verdict == "corrected" else None
            note = io.ask_note("note (Enter for none)") or None
            mark(db, current.key, verdict, count=count, note=note)
            current.verdict = verdict
            given[verdict] += 1
            io.show(f"  → {verdict}" + (f" {count}" if count is not None else ""))
    return given
