"""Read-only SQL for researchers: `harvester query "SELECT ..." -p name value`.

The database is opened with SQLite's ``mode=ro`` URI *and* an authorizer that refuses every
write action, so a mistyped DELETE is answered with a sentence instead of a changed archive
(``mode=ro`` alone would still allow ATTACH of another, writable file).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harvester.errors import HarvesterError


class QueryError(HarvesterError):
    """The SQL is not a read-only statement, is malformed, or lacks a parameter."""


# Authorizer actions a read-only query may perform; everything else is refused.
_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
_READ_PRAGMAS = {"data_version", "table_info", "table_xinfo", "index_list", "index_info", "foreign_key_list", "table_list"}

_INTEGER = re.compile(r"-?[1-9]\d*|0")


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def connect_readonly(db_path: str | Path) -> sqlite3.Connection:
    """An SQLite connection that cannot write: ``mode=ro`` plus a refusing authorizer."""
    path = Path(db_path)
    if not path.is_file():
        raise QueryError(f"{path}: no such database (run a crawl first, or pass --db)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise QueryError(f"{path}: not an SQLite database ({exc})") from exc
    conn.set_authorizer(_authorize)
    return conn


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
    if action in _ALLOWED_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in _READ_PRAGMAS and arg2 is None:
        return sqlite3.SQLITE_OK
    # FTS5 re-reads its own schema row through an UPDATE-shaped check when a virtual table is
    # first used; mode=ro still stops any real write to sqlite_master.
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and source is None:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def coerce_parameter(value: str) -> int | str:
    """Whole numbers written plainly become integers (so ``year > :y`` compares numbers)."""
    return int(value) if _INTEGER.fullmatch(value) else value


def run_query(
    db_path: str | Path,
    sql: str,
    params: Mapping[str, Any] | None = None,
    *,
    max_rows: int | None = None,
    timeout_s: float | None = 30.0,
) -> QueryResult:
    """Run one read-only statement with bound named parameters (``:name``)."""
    if not sql.strip():
        raise QueryError("empty SQL")
    conn = connect_readonly(db_path)
    if timeout_s:
        deadline = time.monotonic() + timeout_s
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        cursor = conn.execute(sql, dict(params or {}))
        columns = [d[0] for d in cursor.description or ()]
        rows = cursor.fetchmany(max_rows) if max_rows else cursor.fetchall()
    except sqlite3.DatabaseError as exc:
        raise QueryError(_explain(exc, sql)) from exc
    except (sqlite3.ProgrammingError, sqlite3.Warning) as exc:
        raise QueryError(f"cannot run this SQL: {exc}") from exc
    finally:
        conn.close()
    return QueryResult(columns, [tuple(r) for r in rows])


def _explain(exc: sqlite3.DatabaseError, sql: str) -> str:
    message = str(exc)
    if "not authorized" in message or "readonly" in message:
        return "harvester query is read-only: only SELECT (and WITH ... SELECT) statements may run"
    if "interrupted" in message:
        return "the query ran too long and was stopped (narrow it, or raise --timeout)"
    return f"SQL error: {message}"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def format_table(result: QueryResult, *, max_width: int = 60) -> str:
    """A plain aligned text table; long cells are cut with an ellipsis."""

    def cut(text: str) -> str:
        text = text.replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cut(_cell_text(v)) for v in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)


def format_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([_cell_text(v) for v in row] for row in result.rows)
    return out.getvalue()


def _jsonable(value: Any) -> Any:
    return f"<{len(value)} bytes>" if isinstance(value, bytes) else value


def format_json(result: QueryResult) -> str:
    rows = [{k: _jsonable(v) for k, v in row.items()} for row in result.as_dicts()]
    return json.dumps(rows, ensure_ascii=False, indent=2)


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}


def parse_params(pairs: Iterable[tuple[str, str]]) -> dict[str, int | str]:
    """``-p name value`` pairs to bound parameters (a leading ':' on the name is allowed)."""
    return {name.lstrip(":$@"): coerce_parameter(value) for name, value in pairs}
