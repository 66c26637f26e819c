"""The one clock of the project: timestamps are ISO 8601 strings in UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def utc_now() -> datetime:
    return datetime.now(UTC)


def now_iso() -> str:
    """Now, as stored in every ``*_at`` column: ``2026-12-03T13:38:36+00:00``."""
    return utc_now().isoformat(timespec="seconds")


def to_iso(value: Any) -> str:
    """Any timestamp (ISO string, 'Z' suffix, datetime, None) as an ISO UTC string; now when unreadable."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except (TypeError, ValueError):
            return now_iso()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    """An ISO timestamp as an aware datetime (naive ones are taken as UTC); None when unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
