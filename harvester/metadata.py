"""What Datasette shows about the database: descriptions (Vietnamese and English) and canned queries.

Column descriptions come from the ``-- comments`` of harvester/schema.py, so that the web UI,
docs/schema.md and the DDL say the same thing. Canned queries read the small research tables
(``latest_totals``, ``series_points``; see harvester/storage/figure_keys.py), so they answer
within Datasette's time limit at any database size, and take a ``province`` parameter that may
be a pre-2025 province or a 2025 unit, with or without diacritics ("Yen Bai", "lào cai"): the
``province_names`` table holds every spelling.
"""

from __future__ import annotations

import re
from typing import Any

from harvester.schema import RESEARCH_TABLES, RESEARCH_VIEWS, TABLES

# A province parameter: empty for all, else any spelling of a pre-2025 province or 2025 unit.
PROVINCE_FILTER = "(:province = '' OR {p}province IN (SELECT province FROM province_names WHERE name = :province))"
# The 2025 units a province parameter touches (a pre-2025 province names the unit it joined).
UNIT_FILTER = ("(:province = '' OR {p}province_2025 IN (SELECT DISTINCT l.province_2025 FROM latest_totals l "
               "WHERE l.province IN (SELECT province FROM province_names WHERE name = :province)))")
MERGED_UNIT = "substr({p}unit_key, 1, 5) = '2025:'"  # a 2025 unit that absorbed others, after the merger

TABLE_DESCRIPTIONS = {
    "portals": ("Cổng thông tin được thu thập (một dòng của sổ đăng ký)", "A registered portal (one registry row)"),
    "pages": ("Bản lưu mọi trang đã tải: nội dung nén, mã băm, tiêu đề HTTP; cũng là dấu 'đã thấy' của lượt thu thập",
              "Archive of every fetched page (compressed body, sha256, headers); also the crawl's seen marks. "
              "Bodies are served at /-/archive/<id>, not in this table"),
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
    "verdicts": ("Đánh giá của người kiểm tra cho từng số liệu (đúng / sai / đã sửa)",
                 "An analyst's verdict on a figure (verified / wrong / corrected), by the figure's stable key"),
    "figure_keys": ("Khóa so sánh của mỗi số liệu: địa danh theo cấp, hạng sao, trạng thái, cơ sở, thời điểm",
                    "Each figure's comparable key: place at its level, stars, status, basis, as-of date"),
    "province_names": ("Mọi cách viết tên tỉnh (có/không dấu, tên cũ hoặc tỉnh sau sáp nhập)",
                       "Every spelling of a province: with or without diacritics, pre-2025 or 2025 unit"),
    "latest_totals": ("Tổng số mới nhất theo tỉnh và hạng sao (đã áp dụng đánh giá)",
                      "Latest achieved running total per province-level unit and star level (verdicts applied)"),
    "series_points": ("Chuỗi số liệu theo thời gian: một điểm cho mỗi tỉnh, hạng sao, cơ sở và thời điểm",
                      "Time series: one point per unit, star level, basis and as-of date"),
    "stated_targets": ("Các mục tiêu khác nhau theo tỉnh, hạng sao, năm và cơ sở",
                       "Each distinct target per unit, star level, year and basis, with how many figures state it"),
    "research_state": ("Trạng thái các bảng tổng hợp", "Bookkeeping of the summary tables"),
    "figures_sourced": ("Số liệu kèm khóa so sánh, đánh giá, bài viết và trang lưu trữ",
                        "Figures with their comparable key, verdict, article and archived page"),
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
    "period": "kỳ số liệu (ngày, tháng hoặc năm)", "level": "cấp: tỉnh / huyện / xã / toàn quốc",
    "unit": "địa danh theo cấp", "verdict": "đánh giá", "key": "khóa ổn định của số liệu",
    "duplicate_of": "bản gốc (nếu là bài đăng lại)", "body": "nội dung trang (nén zlib)",
}

_VIEW_COLUMNS = {
    "period": "the as-of date (same as as_of; kept for older queries)",
    "period_end": "last day of the as-of period, for ordering",
    "extracted_count": "the count the extractor read (count is the judged one)",
    "verdict": "the analyst's verdict, if any",
    "basis_class": "total (running total or no cue) | new (one round, year or decision)",
    "article_title": "title of the article stating the figure",
}

_LATEST_COLUMNS = "province, province_2025, unit, stars, count, as_of, quote, url"

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "latest_certified_totals": {
        "title": "Tổng số mới nhất theo tỉnh và hạng sao / Latest certified totals per province and star level",
        "description": "Province: a pre-2025 province or a 2025 unit, diacritics optional (Yen Bai, Lào Cai). "
                       "A merged unit's figures after 1 July 2025 are their own rows (unit 'Lào Cai (2025)').",
        "sql": f"SELECT {_LATEST_COLUMNS} FROM latest_totals WHERE {PROVINCE_FILTER.format(p='')} "
               "ORDER BY province, unit, stars",
    },
    "totals_by_merged_province": {
        "title": "Tổng số theo 34 tỉnh sau sáp nhập / Latest totals by the 34 merged provinces",
        "description": "sum_of_old_provinces adds the latest pre-merger totals of the old provinces in each unit "
                       "(made_of says which, as of when); merged_unit_count is the unit's own total after the "
                       "merger. The two are never added together.",
        "sql": "SELECT province_2025, stars, "
               f"SUM(CASE WHEN {MERGED_UNIT.format(p='')} THEN NULL ELSE count END) AS sum_of_old_provinces, "
               f"group_concat(CASE WHEN {MERGED_UNIT.format(p='')} THEN NULL "
               "ELSE province || ' ' || count || ' (' || as_of || ')' END, '; ') AS made_of, "
               f"MAX(CASE WHEN {MERGED_UNIT.format(p='')} THEN count END) AS merged_unit_count, "
               f"MAX(CASE WHEN {MERGED_UNIT.format(p='')} THEN as_of END) AS merged_unit_as_of "
               f"FROM latest_totals WHERE province_2025 IS NOT NULL AND {UNIT_FILTER.format(p='')} "
               "GROUP BY province_2025, stars ORDER BY province_2025, stars",
    },
    "figures_by_year": {
        "title": "Số liệu đã đạt theo năm / Achieved figures by year",
        "description": "One row per province-level unit, star level, basis and as-of date: the largest count "
                       "stated for it (sources: how many figures state one).",
        "sql": "SELECT year, province, province_2025, unit, stars, basis, count, as_of, sources, quote, url "
               f"FROM series_points WHERE {PROVINCE_FILTER.format(p='')} "
               "ORDER BY year, province, unit, stars, as_of_end",
    },
    "province_timeseries": {
        "title": "Chuỗi thời gian theo tỉnh / Time series per province",
        "description_html": "Running totals of a province over time (an undated total is at its article's date). "
                            "The chart: <a href=\"/-/timeseries\">/-/timeseries?province=…</a>",
        "sql": "SELECT unit, stars, as_of, count, sources, quote, url FROM series_points "
               f"WHERE basis = 'total' AND {PROVINCE_FILTER.format(p='')} ORDER BY unit, stars, as_of_end",
    },
    "targets_vs_achievements": {
        "title": "Mục tiêu và kết quả / Targets vs achievements of the same basis and period",
        "description": "A running-total target by year Y against the latest running total up to the end of Y; "
                       "a 'new products in year Y' target against the largest count added in Y.",
        "sql": """WITH targets AS (SELECT * FROM stated_targets),
joined AS (
  SELECT t.*, CASE WHEN t.basis = 'new' THEN
      (SELECT s.figure_id FROM series_points s
       WHERE s.unit_key = t.unit_key AND s.stars IS t.stars AND s.basis = 'new'
         AND (t.target_year IS NULL OR s.year = t.target_year)
       ORDER BY s.count DESC, s.as_of_end DESC LIMIT 1)
    ELSE
      (SELECT s.figure_id FROM series_points s
       WHERE s.unit_key = t.unit_key AND s.stars IS t.stars AND s.basis = 'total'
         AND (t.target_year IS NULL OR s.as_of_end <= t.target_year || '-12-31')
       ORDER BY s.as_of_end DESC, s.count DESC LIMIT 1) END AS point
  FROM targets t)
SELECT t.province, t.province_2025, t.unit, t.stars, t.target_year, t.target, s.count AS achieved,
  s.as_of AS achieved_period,
  CASE WHEN s.count IS NULL THEN 'unknown' WHEN s.count > t.target THEN 'exceeded'
       WHEN s.count = t.target THEN 'met'
       WHEN t.basis = 'new' AND substr(COALESCE(a.published, d.issued, ''), 1, 4) <= CAST(t.target_year AS TEXT)
       THEN 'unknown'
       ELSE 'behind' END AS verdict
FROM joined t
LEFT JOIN series_points s ON s.figure_id = t.point AND s.unit_key = t.unit_key AND s.basis = t.basis
LEFT JOIN figures f ON f.id = t.point
LEFT JOIN articles a ON a.id = f.article_id
LEFT JOIN attachments at ON at.id = f.attachment_id
LEFT JOIN documents d ON d.id = COALESCE(f.document_id, at.document_id)
WHERE """ + PROVINCE_FILTER.format(p="t.") + """
ORDER BY t.province, t.unit, COALESCE(t.stars, ''), t.target_year, t.target""",
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
    return {table: dict(_COMMENTED_COLUMN.findall(ddl)) for table, ddl in {**TABLES, **RESEARCH_TABLES}.items()}


def _describe(column: str, english: str | None, table: str = "") -> str:
    vi = COLUMN_VI.get(f"{table}.{column}", COLUMN_VI.get(column))
    if vi and english:
        return f"{vi} — {english}"
    return vi or english or ""


_DDL_COLUMN = re.compile(r"^\s*(\w+)\s+(INTEGER|TEXT|REAL|BLOB)\b([^\n]*)$", re.MULTILINE)


def schema_reference() -> str:
    """The column tables of docs/schema.md, generated from the DDL and its comments.

    Regenerate with ``python -c "from harvester.metadata import schema_reference; print(schema_reference())"``
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


# Datasette's own search box searches the diacritic-folded index: "mien dong" finds "miến dong".
_SEARCH = {
    "articles": {"fts_table": "articles_folded_fts", "fts_pk": "id"},
    "documents": {"fts_table": "documents_folded_fts", "fts_pk": "id"},
}


def build_metadata(db_name: str) -> dict[str, Any]:
    """The Datasette metadata dict: descriptions for every table and view, search, canned queries."""
    comments = column_comments()
    tables: dict[str, Any] = {}
    for table in [*TABLES, *RESEARCH_TABLES, *RESEARCH_VIEWS]:
        vi, en = TABLE_DESCRIPTIONS.get(table, ("", ""))
        columns = {c: _describe(c, text, table) for c, text in comments.get(table, {}).items()}
        for column in COLUMN_VI:
            if "." not in column:
                columns.setdefault(column, _describe(column, _VIEW_COLUMNS.get(column), table))
        for column, text in _VIEW_COLUMNS.items():
            columns.setdefault(column, text)
        tables[table] = {"description": f"{vi} / {en}" if vi else en, "columns": columns, **_SEARCH.get(table, {})}
    return {
        "title": "OCOP harvester",
        "description": "Số liệu OCOP (Mỗi xã một sản phẩm) thu thập từ cổng thông tin các tỉnh, mỗi số liệu kèm trích "
                       "dẫn và trang lưu trữ. / OCOP figures harvested from provincial portals, each with its quote "
                       "and archived page. Archived pages: /-/archive/<pages.id>; time series: /-/timeseries",
        "databases": {db_name: {"tables": tables, "queries": CANNED_QUERIES}},
    }
