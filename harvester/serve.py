"""`harvester serve`: Datasette 0.65 over the database, read-only, documented, bounded.

The metadata (descriptions, canned queries, which full-text index the search box uses) is built
in :mod:`harvester.metadata`. The database is opened read-only (Datasette's ``mode=ro``) so the
nightly crawl can keep writing (WAL); ``immutable=True`` is faster for a frozen copy.

A small plugin adds:

* ``/-/archive/<page id>``: the archived body of a page as fetched, decompressed and served in a
  sandbox (no scripts, no network from its markup);
* ``/-/timeseries?province=…``: the running totals of a province over time as the audit's SVG
  charts, from the ``series_points`` summary;
* search that folds đ like the folded index does (Datasette's box then finds "Đắk" from "dak");
* bounds on every response: Datasette's ``max_returned_rows`` and ``sql_time_limit_ms``, no
  value larger than :data:`VALUE_LIMIT` computed by SQLite, archived bodies never read through
  Datasette's tables, and cells cut to :data:`CELL_CHARS` once a response has held
  :data:`RESPONSE_BUDGET` characters — so ``select zeroblob(1000000) from pages limit 500``
  costs a few MB, not GBs.
"""

from __future__ import annotations

import asyncio
import ipaddress
import sqlite3
import sys
import weakref
import zlib
from html import escape
from pathlib import Path
from typing import Any

import uvicorn
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from datasette.utils import escape_fts
from datasette.utils.asgi import NotFound, Response

from harvester.audit import SeriesPoint, Source
from harvester.errors import HarvesterError
from harvester.metadata import PROVINCE_FILTER, build_metadata
from harvester.query import QueryError, connect_readonly
from harvester.report import CSS, certified_chart


class ServeError(HarvesterError):
    """The web UI cannot start (missing database, port in use, public host without --public...)."""


MAX_ROWS = 1000  # rows per response (Datasette's max_returned_rows)
SQL_TIME_LIMIT_MS = 3000
VALUE_LIMIT = 8 * 1024 * 1024  # bytes: no single value SQLite computes or reads may be larger
RESPONSE_BUDGET = 4 * 1024 * 1024  # characters of cells per query before cells are cut
BLOB_WEIGHT = 6  # a byte of a BLOB can take six characters in JSON ("\u0000")
CELL_CHARS = 500  # what a cell keeps once the budget is spent
HIDDEN_COLUMNS = {("pages", "body"), ("attachments", "body")}  # served by /-/archive/<id> only


# ------------------------------------------------------------------------- bounded connections


def _hide_bodies(action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
    """Archived bodies read as NULL through Datasette (they can be tens of MB each)."""
    if action == sqlite3.SQLITE_READ and (arg1, arg2) in HIDDEN_COLUMNS:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


class _Budget:
    """How much cell data one query has produced so far."""

    __slots__ = ("__weakref__", "used")

    def __init__(self) -> None:
        self.used = 0


_budgets: weakref.WeakKeyDictionary[sqlite3.Cursor, _Budget] = weakref.WeakKeyDictionary()


def _cap(value: Any, budget: _Budget) -> Any:
    if isinstance(value, bytes | str):
        size = len(value)
        budget.used += size * (BLOB_WEIGHT if isinstance(value, bytes) else 1)
        if budget.used > RESPONSE_BUDGET and size > CELL_CHARS:
            if isinstance(value, bytes):
                return f"<{size} bytes, not shown: response too large>"
            return value[:CELL_CHARS] + f"… [cut: {size} characters, response too large]"
    return value


def bounded_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
    """Datasette's row type, with cells cut once the query has produced RESPONSE_BUDGET of data."""
    budget = _budgets.get(cursor)
    if budget is None:
        budget = _budgets[cursor] = _Budget()
    return sqlite3.Row(cursor, tuple(_cap(v, budget) for v in row))


def fold_search(query: str) -> str:
    """Datasette's FTS escaping, after đ → d (the folded index stores "dak" for "Đắk")."""
    return escape_fts(query.replace("đ", "d").replace("Đ", "D"))


class HarvesterPlugin:
    """Datasette plugin object: bounded connections, folded search, archive and time series routes."""

    @staticmethod
    @hookimpl(trylast=True)  # after Datasette's own escape_fts, so this one is used
    def prepare_connection(conn):  # type: ignore[no-untyped-def]
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_LIMIT)
        conn.set_authorizer(_hide_bodies)
        conn.row_factory = bounded_row
        conn.create_function("escape_fts", 1, fold_search)

    @staticmethod
    @hookimpl
    def register_routes():  # type: ignore[no-untyped-def]
        return [(r"^/-/archive/(?P<page_id>\d+)$", _archive_page), (r"^/-/timeseries$", _timeseries_page)]


def _register_plugin() -> None:
    if not pm.has_plugin("harvester"):
        pm.register(HarvesterPlugin, name="harvester")


# ------------------------------------------------------------------------- archive route


def decompress_body(body: bytes | None) -> bytes:
    """Stored bodies are zlib-compressed; tolerate an uncompressed one from an older writer."""
    if not body:
        return b""
    try:
        return zlib.decompress(body)
    except zlib.error:
        return body


def _read_archived(path: str, page_id: int) -> tuple[bytes, str | None, str | None] | None:
    """One archived body, through its own read-only connection (Datasette's never read bodies)."""
    conn = connect_readonly(path)
    try:
        row = conn.execute("SELECT body, content_type, encoding FROM pages WHERE id = ?", (page_id,)).fetchone()
    finally:
        conn.close()
    return None if row is None or row[0] is None else (row[0], row[1], row[2])


async def _archive_page(datasette, request):  # type: ignore[no-untyped-def]
    page_id = int(request.url_vars["page_id"])
    try:
        found = await asyncio.to_thread(_read_archived, datasette.get_database().path, page_id)
    except QueryError as exc:
        raise NotFound(str(exc)) from exc
    if found is None:
        raise NotFound(f"no archived body for page {page_id}")
    body, content_type, encoding = found
    content_type = content_type or "text/html"
    if encoding and "charset" not in content_type:
        content_type += f"; charset={encoding}"
    return Response(
        decompress_body(body), content_type=content_type,
        headers={"Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
                 "X-Content-Type-Options": "nosniff"},
    )


# ------------------------------------------------------------------------- time series route

_SERIES_SQL = (
    "SELECT unit, stars, as_of, as_of_end, year, count, quote, url FROM series_points "
    f"WHERE basis = 'total' AND {PROVINCE_FILTER.format(p='')} ORDER BY unit, stars, as_of_end"
)


def series_by_unit(rows: list[Any]) -> dict[str, dict[str, list[SeriesPoint]]]:
    """Latest running total per unit, star level and year (rows ordered by as-of date)."""
    units: dict[str, dict[str, dict[int, SeriesPoint]]] = {}
    for row in rows:
        source = Source(quote=row["quote"], start=0, end=0, article_id=None, attachment_id=None, title=None,
                        url=row["url"], published=None, portal_id=None, page_id=None, count=row["count"],
                        as_of=row["as_of"])
        years = units.setdefault(row["unit"], {}).setdefault(row["stars"] or "all", {})
        years[row["year"]] = SeriesPoint(row["year"], row["count"], source)  # a later date replaces
    return {unit: {stars: list(points.values()) for stars, points in levels.items()}
            for unit, levels in units.items()}


async def _timeseries_page(datasette, request):  # type: ignore[no-untyped-def]
    province = request.args.get("province", "").strip()
    db = datasette.get_database()
    result = await db.execute(_SERIES_SQL, {"province": province})
    rows = list(result.rows)
    charts = "".join(certified_chart(unit, levels) for unit, levels in series_by_unit(rows).items())
    table = "".join(
        f"<tr><td>{escape(r['unit'] or '')}</td><td>{escape(r['stars'] or '')}</td><td>{escape(r['as_of'] or '')}</td>"
        f"<td>{r['count']}</td><td>{escape(r['quote'] or '')}</td>"
        f"<td><a href=\"{escape(r['url'] or '')}\">nguồn / source</a></td></tr>" for r in rows)
    page = (
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f"<title>Chuỗi thời gian OCOP — {escape(province or 'mọi tỉnh')}</title><style>{CSS}</style></head><body>"
        "<header><h1>Chuỗi thời gian / Time series</h1>"
        "<p>Tổng số đã đạt theo thời gian (tổng không ghi ngày đặt ở ngày đăng bài) / running totals over time "
        "(an undated total at its article's date)</p></header><main>"
        f"<form method=\"get\"><input name=\"province\" value=\"{escape(province)}\" placeholder=\"Yen Bai, Lào Cai…\">"
        "<button>OK</button></form>"
        f"<div class=\"charts\">{charts or '<p class=empty>Không có số liệu / no figures.</p>'}</div>"
        "<h2>Các điểm / points</h2><table class=\"points\"><thead><tr><th>unit</th><th>stars</th><th>as of</th>"
        f"<th>count</th><th>quote</th><th></th></tr></thead><tbody>{table}</tbody></table></main></body></html>"
    )
    return Response.html(page)


# ------------------------------------------------------------------------- the server


def make_datasette(db: str | Path, *, immutable: bool = False) -> Datasette:
    """A configured Datasette instance over ``db`` (read-only, or immutable)."""
    path = Path(db)
    if not path.is_file():
        raise ServeError(f"{path}: no such database (run a crawl first, or pass --db)")
    _register_plugin()
    kwargs: dict[str, Any] = {"immutables": [str(path)]} if immutable else {"files": [str(path)]}
    return Datasette(
        metadata=build_metadata(path.stem),
        settings={"sql_time_limit_ms": SQL_TIME_LIMIT_MS, "facet_time_limit_ms": 500,
                  "max_returned_rows": MAX_ROWS, "suggest_facets": False},
        **kwargs,
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8001, *, immutable: bool = False,
          public: bool = False) -> None:
    """Run the web UI until interrupted; a host other than loopback needs ``public=True``."""
    if not is_loopback(host) and not public:
        raise ServeError(f"--host {host} would let anyone on the network read the database (no login): "
                         "add --public if that is what you want")
    ds = make_datasette(db, immutable=immutable)
    if not is_loopback(host):
        print(f"harvester serve: WARNING: serving {db} to the network on {host}:{port} without authentication",
              file=sys.stderr, flush=True)
    print(f"harvester serve: http://{host}:{port}/{Path(db).stem}", file=sys.stderr, flush=True)
    try:
        uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
