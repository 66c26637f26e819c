"""The ``verdicts`` table: an analyst's judgement on a figure, filed under the figure's stable key.

A verdict is ``verified`` (the figure is right as extracted), ``wrong`` (it is not a count of
OCOP products, or not this one: it counts for nothing) or ``corrected`` (the right count is
``count``). It is keyed by :func:`harvester.comparable.figure_key`, not by a row id, so it
survives ``harvester reextract``. Giving a verdict again replaces the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from harvester.clock import now_iso
from harvester.errors import HarvesterError
from harvester.storage.core import transaction
from harvester.storage.figure_keys import mark_summaries_stale

VERDICTS = ("verified", "wrong", "corrected")
FIELDS = ("key", "verdict", "count", "note", "url", "quote", "extracted_count", "decided_at")


class VerdictError(HarvesterError):
    """A verdict that cannot be recorded (unknown verdict, corrected without a count...)."""


@dataclass(frozen=True)
class Verdict:
    key: str
    verdict: str
    count: int | None = None
    note: str | None = None
    url: str | None = None
    quote: str | None = None
    extracted_count: int | None = None
    decided_at: str | None = None

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FIELDS)


def check(verdict: Verdict) -> Verdict:
    """The verdict as it will be stored, or a VerdictError saying what is wrong with it."""
    if verdict.verdict not in VERDICTS:
        raise VerdictError(f"unknown verdict {verdict.verdict!r}: use one of {', '.join(VERDICTS)}")
    if verdict.verdict == "corrected" and verdict.count is None:
        raise VerdictError("a corrected verdict needs the right count (--count N)")
    if verdict.count is not None and verdict.count < 0:
        raise VerdictError(f"a count cannot be negative ({verdict.count})")
    if verdict.verdict != "corrected" and verdict.count is not None:
        raise VerdictError("--count only goes with --verdict corrected")
    if not verdict.key:
        raise VerdictError("a verdict needs the figure's key")
    return verdict


def save_verdicts(db: Any, verdicts: Iterable[Verdict]) -> int:
    """Record (or replace) verdicts in one transaction; returns how many were written."""
    checked = [check(v) for v in verdicts]
    stamped = [(*v.values()[:-1], v.decided_at or now_iso()) for v in checked]
    with transaction(db):
        db.conn.executemany(
            f"INSERT OR REPLACE INTO verdicts ({', '.join(FIELDS)}) VALUES ({', '.join('?' for _ in FIELDS)})",
            stamped)
        mark_summaries_stale(db)
    return len(stamped)


def delete_verdict(db: Any, key: str) -> bool:
    """Withdraw the verdict on one figure; True if there was one."""
    with transaction(db):
        cursor = db.conn.execute("DELETE FROM verdicts WHERE key = ?", (key,))
        mark_summaries_stale(db)
    return cursor.rowcount > 0


def from_row(row: Mapping[str, Any]) -> Verdict:
    """A verdict from a CSV row or a dict (empty cells are NULL, counts are whole numbers)."""
    def cell(name: str) -> Any:
        value = row.get(name)
        return None if value in (None, "") else value

    def number(name: str) -> int | None:
        value = cell(name)
        try:
            return None if value is None else int(value)
        except (TypeError, ValueError) as exc:
            raise VerdictError(f"{name} must be a whole number, not {value!r}") from exc

    return Verdict(key=str(cell("key") or "").strip(), verdict=str(cell("verdict") or "").strip(),
                   count=number("count"), note=cell("note"), url=cell("url"), quote=cell("quote"),
                   extracted_count=number("extracted_count"), decided_at=cell("decided_at"))
