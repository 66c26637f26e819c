"""`harvester serve`: Datasette 0.65 over the database, read-only, documented and with canned queries.

The metadata (table and column descriptions in Vietnamese and English) is built here in Python:
column descriptions come from the ``-- comments`` of harvester/schema.py so that the web UI,
docs/schema.md and the DDL say the same thing. The database is opened read-only (Datasette's
``mode=ro``) so the nightly crawl can keep writing (WAL); ``immutable=True`` is faster for a
frozen copy. A small plugin adds ``/-/archive/<page id>``: the archived body of a page as it
was fetched, decompressed and served in a sandbox (no scripts, no network from its markup).
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path
from typing import Any

from harvester.errors import HarvesterError
from harvester.schema import RESEARCH_VIEWS, TABLES


class ServeError(HarvesterError):
    """The web UI cannot start (missing database, port in use...)."""


PROVINCE_FILTER = "(:province = '' OR {p}province = :province OR {p}province_2025 = :province)"

TABLE_DESCRIPTIONS = {
    "portals": ("Cổng thông tin được thu thập (một dòng của sổ đăng ký)", "A registered portal (one registry row)"),
    "pages": ("Bản lưu mọi trang đã tải: nội dung nén, mã băm, tiêu đề HTTP; cũng là dấu 'đã thấy' của lượt thu thập",
              "Archive of every fetched page (compressed body, sha256, headers); also the crawl's seen marks"),
    "articles": ("Bài viết: văn bản chính và thông tin trang tự mô tả", "News articles: main text and page metadata"),
    "figures": ("Một con số về sản phẩm OCOP, kèm trích dẫn nguyên văn và vị trí ký tự trong bài",
                "One stated count of OCOP products with its exact quote and character offsets in the article"),
    "documents": ("Văn bản hành chính (quyết định, kế hoạch...) theo số hiệu", "Administrative documents by number"),
    "document_mentions": ("Chỗ một bài viết trích dẫn một văn bản, với ngày mà nguồn đó ghi",
                          "Where an article cites a document, with the date that source gives"),
    "attachments": ("Tệp đính kèm (PDF, DOCX...) và văn bản trích từ tệp", "Attached files and their extracted text"),
    "products": ("Một dòng của phụ lục danh sách sản phẩm trong quyết định công nhận",
                 "One row of a recognition decision's annex product list"),
    "crawl_runs": ("Nhật ký mỗi lượt thu thập theo cổng", "One row per portal per crawl run"),
    "figures_sourced": ("Số liệu kèm bài viết, trang lưu trữ, kỳ số liệu và phạm vi (tỉnh/địa phương)",
                        "Figures with their article, archived page, comparable period and scope"),
    "latest_certified": ("Tổng số mới nhất đã đạt theo tỉnh và hạng sao (không tính bài đăng lại)",
                         "Latest achieved count per province and star level (syndicated copies excluded)"),
}

# Vietnamese names for the columns researchers use most; the English text comes from schema.py.
# A "table.column" key names a column whose meaning differs from table to table.
COLUMN_VI = {
    "figures.status": "trạng thái (đạt / mục tiêu / đề xuất)", "pages.status": "mã trạng thái HTTP",
    "attachments.status": "tình trạng đọc tệp", "crawl_runs.status": "kết quả lượt thu thập",
    "count": "số lượng", "stars": "hạng sao", "year": "năm",
    "as_of": "tính đến ngày", "place": "địa danh như trong bài", "province": "tỉnh (trước sáp nhập 2025)",
    "province_2025": "tỉnh sau sáp nhập 7/2025", "quote": "trích dẫn nguyên văn", "start": "vị trí đầu",
    "end": "vị trí cuối", "sentence": "câu chứa số liệu", "url": "địa chỉ nguồn", "title": "tiêu đề",
    "published": "ngày đăng", "text": "nội dung", "number": "số hiệu", "issued": "ngày ban hành",
    "summary": "trích yếu", "type": "loại văn bản", "name": "tên", "owner": "chủ thể", "district": "huyện",
    "score": "điểm", "stated_count": "số sản phẩm ghi trong quyết định", "annex_rows": "số dòng trong phụ lục",
    "period": "kỳ số liệu (năm hoặc ngày)", "scope": "phạm vi: tỉnh / địa phương / toàn quốc",
    "duplicate_of": "bản gốc (nếu là bài đăng lại)", "body": "nội dung trang (nén zlib)",
}

_VIEW_COLUMNS = {
    "period": "the year the figure is about, else the source's as-of date",
    "period_end": "last day of the period, for ordering",
    "scope": "province | local (district, commune, town) | national",
    "article_title": "title of the article stating the figure",
}

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "latest_certified_totals": {
        "title": "Tổng số mới nhất theo tỉnh và hạng sao / Latest certified totals per province and star level",
        "sql": "SELECT province, province_2025, stars, count, period, quote, url FROM latest_certified "
               f"WHERE {PROVINCE_FILTER.format(p='')} ORDER BY province, stars",
    },
    "totals_by_merged_province": {
        "title": "Tổng số theo 34 tỉnh sau sáp nhập / Latest totals by the 34 merged provinces",
        "description": "Sums the latest totals of the old provinces in each new unit; their periods may differ.",
        "sql": "SELECT province_2025, stars, SUM(count) AS count, group_concat(province || ' (' || period || ')', "
               "'; ') AS made_of FROM latest_certified WHERE province_2025 IS NOT NULL "
               "AND (:province_2025 = '' OR province_2025 = :province_2025) "
               "GROUP BY province_2025, stars ORDER BY province_2025, stars",
    },
    "figures_by_year": {
        "title": "Số liệu đã đạt theo năm / Achieved figures by year",
        "sql": "SELECT CAST(substr(period, 1, 4) AS INTEGER) AS year, province, province_2025, stars, count, "
               "basis, quote, published, url FROM figures_sourced WHERE status = 'achieved' AND scope = 'province' "
               f"AND duplicate_of IS NULL AND {PROVINCE_FILTER.format(p='')} "
               "ORDER BY year, province, stars, published",
    },
    "targets_vs_achievements": {
        "title": "Mục tiêu và kết quả mới nhất / Targets vs latest achievements",
        "sql": """WITH targets AS (
  SELECT DISTINCT province, province_2025, stars, year AS target_year, count AS target,
    CASE WHEN basis = 'new' THEN 'new' ELSE 'total' END AS cls
  FROM figures_sourced
  WHERE status = 'target' AND scope = 'province' AND province IS NOT NULL AND duplicate_of IS NULL),
totals AS (
  SELECT province, stars, count, period, ROW_NUMBER() OVER (
    PARTITION BY province, COALESCE(stars, '') ORDER BY period_end DESC, published DESC, count DESC) AS rank
  FROM figures_sourced
  WHERE status = 'achieved' AND scope = 'province' AND period_end IS NOT NULL AND duplicate_of IS NULL
    AND basis IS NOT 'new'),
added AS (
  SELECT province, stars, CAST(substr(period, 1, 4) AS INTEGER) AS year, max(count) AS count, period,
    COALESCE(substr(published, 1, 4), '') AS published_year
  FROM figures_sourced
  WHERE status = 'achieved' AND scope = 'province' AND duplicate_of IS NULL AND basis = 'new'
  GROUP BY province, COALESCE(stars, ''), year),
joined AS (
  SELECT t.*, COALESCE(a.count, n.count) AS achieved, COALESCE(a.period, n.period) AS achieved_period,
    n.published_year
  FROM targets t
  LEFT JOIN totals a ON t.cls = 'total' AND a.province = t.province AND a.stars IS t.stars AND a.rank = 1
  LEFT JOIN added n ON t.cls = 'new' AND n.province = t.province AND n.stars IS t.stars AND n.year = t.target_year)
SELECT t.province, t.province_2025, t.stars, t.target_year, t.target, t.achieved, t.achieved_period,
  CASE WHEN t.achieved IS NULL THEN 'unknown' WHEN t.achieved > t.target THEN 'exceeded'
       WHEN t.achieved = t.target THEN 'met'
       WHEN t.cls = 'new' AND t.published_year <= CAST(t.target_year AS TEXT) THEN 'unknown'
       ELSE 'behind' END AS verdict
FROM joined t
WHERE """ + PROVINCE_FILTER.format(p="t.") + """
ORDER BY t.province, COALESCE(t.stars, ''), t.target_year, t.target""",
    },
    "decisions_by_province": {
        "title": "Văn bản theo tỉnh / Decisions by province",
        "sql": "SELECT d.province, d.province_2025, d.number, d.type, d.issued, d.summary, d.stated_count, "
               "d.annex_rows, (SELECT count(*) FROM products p WHERE p.document_id = d.id) AS products, "
               "(SELECT count(*) FROM document_mentions m WHERE m.document_id = d.id) AS citations, d.url "
               f"FROM documents d WHERE {PROVINCE_FILTER.format(p='d.')} "
               "ORDER BY d.province, d.issued, d.number",
    },
    "products_by_stars": {
        "title": "Sản phẩm theo hạng sao (từ phụ lục) / Products by stars (from annex lists)",
        "sql": "SELECT province, province_2025, stars, count(*) AS products FROM products "
               f"WHERE {PROVINCE_FILTER.format(p='')} GROUP BY province, province_2025, stars "
               "ORDER BY province, stars",
    },
}

_COMMENTED_COLUMN = re.compile(r"^\s*(\w+)\s+(?:INTEGER|TEXT|REAL|BLOB)\b[^\n]*?--\s*(.+)$", re.MULTILINE)


def column_comments() -> dict[str, dict[str, str]]:
    """``{table: {column: comment}}`` from the DDL comments of harvester/schema.py."""
    return {table: dict(_COMMENTED_COLUMN.findall(ddl)) for table, ddl in TABLES.items()}


def _describe(column: str, english: str | None, table: str = "") -> str:
    vi = COLUMN_VI.get(f"{table}.{column}", COLUMN_VI.get(column))
    if vi and english:
        return f"{vi} — {english}"
    return vi or english or ""


_DDL_COLUMN = re.compile(r"^\s*(\w+)\s+(INTEGER|TEXT|REAL|BLOB)\b([^\n]*)$", re.MULTILINE)


def schema_reference() -> str:
    """The column tables of docs/schema.md, generated from the DDL and its comments.

    Regenerate with ``python -c "from harvester.serve import schema_reference; print(schema_reference())"``
    and paste it under "## Columns"; tests/test_docs.py fails while the two differ.
    """
    out = []
    for table, ddl in TABLES.items():
        out += [f"### `{table}`", "", "| column | type | meaning | tiếng Việt |", "|---|---|---|---|"]
        for name, kind, rest in _DDL_COLUMN.findall(ddl):
            english = rest.split("--", 1)[1].strip() if "--" in rest else ""
            if "PRIMARY KEY" in rest:
                english = english or "primary key"
            elif ref := re.search(r"REFERENCES\s+(\w+\(\w+\))", rest):
                english = english or f"→ {ref.group(1)}"
            vi = COLUMN_VI.get(f"{table}.{name}", COLUMN_VI.get(name, ""))
            cells = [f"`{name}`", kind, english, vi]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def build_metadata(db_name: str) -> dict[str, Any]:
    """The Datasette metadata dict: descriptions for every table and view, plus canned queries."""
    comments = column_comments()
    tables: dict[str, Any] = {}
    for table in [*TABLES, *RESEARCH_VIEWS]:
        vi, en = TABLE_DESCRIPTIONS.get(table, ("", ""))
        columns = {c: _describe(c, text, table) for c, text in comments.get(table, {}).items()}
        for column in COLUMN_VI:
            if "." not in column:
                columns.setdefault(column, _describe(column, _VIEW_COLUMNS.get(column), table))
        for column, text in _VIEW_COLUMNS.items():
            columns.setdefault(column, text)
        tables[table] = {"description": f"{vi} / {en}" if vi else en, "columns": columns}
    tables["pages"]["hidden"] = False
    return {
        "title": "OCOP harvester",
        "description": "Số liệu OCOP (Mỗi xã một sản phẩm) thu thập từ cổng thông tin các tỉnh, mỗi số liệu kèm trích "
                       "dẫn và trang lưu trữ. / OCOP figures harvested from provincial portals, each with its quote "
                       "and archived page. Archived pages: /-/archive/<pages.id>",
        "databases": {db_name: {"tables": tables, "queries": CANNED_QUERIES}},
    }


# ------------------------------------------------------------------------- archive route (plugin)


def decompress_body(body: bytes | None) -> bytes:
    """Stored bodies are zlib-compressed; tolerate an uncompressed one from an older writer."""
    if not body:
        return b""
    try:
        return zlib.decompress(body)
    except zlib.error:
        return body


async def _archive_page(datasette, request):  # type: ignore[no-untyped-def]
    from datasette.utils.asgi import NotFound, Response

    page_id = int(request.url_vars["page_id"])
    db = datasette.get_database()
    result = await db.execute("SELECT body, content_type, encoding FROM pages WHERE id = ?", [page_id])
    row = result.first()
    if row is None or row["body"] is None:
        raise NotFound(f"no archived body for page {page_id}")
    content_type = row["content_type"] or "text/html"
    if row["encoding"] and "charset" not in content_type:
        content_type += f"; charset={row['encoding']}"
    return Response(
        decompress_body(row["body"]), content_type=content_type,
        headers={"Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
                 "X-Content-Type-Options": "nosniff"},
    )


class ArchivePlugin:
    """Datasette plugin object: adds /-/archive/<page id>."""

    from datasette import hookimpl

    @staticmethod
    @hookimpl
    def register_routes():  # type: ignore[no-untyped-def]
        return [(r"^/-/archive/(?P<page_id>\d+)$", _archive_page)]


def _register_plugin() -> None:
    from datasette.plugins import pm

    if not pm.has_plugin("harvester-archive"):
        pm.register(ArchivePlugin, name="harvester-archive")


def make_datasette(db: str | Path, *, immutable: bool = False):  # type: ignore[no-untyped-def]
    """A configured Datasette instance over ``db`` (read-only, or immutable)."""
    from datasette.app import Datasette

    path = Path(db)
    if not path.is_file():
        raise ServeError(f"{path}: no such database (run a crawl first, or pass --db)")
    _register_plugin()
    kwargs: dict[str, Any] = {"immutables": [str(path)]} if immutable else {"files": [str(path)]}
    return Datasette(
        metadata=build_metadata(path.stem),
        settings={"sql_time_limit_ms": 3000, "facet_time_limit_ms": 500, "max_returned_rows": 5000},
        **kwargs,
    )


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8001, *, immutable: bool = False) -> None:
    """Run the web UI until interrupted."""
    import uvicorn

    ds = make_datasette(db, immutable=immutable)
    print(f"harvester serve: http://{host}:{port}/{Path(db).stem}", file=sys.stderr, flush=True)
    try:
        uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
