"""The database: every table, index, full-text index and view, created idempotently.

One SQLite file holds the archive (``pages``, ``attachments``), the crawl state (the ``pages``
rows are the "seen" marks: a URL is seen only once its row is committed), what was extracted
(``articles``, ``figures``, ``documents``, ``document_mentions``, ``products``) and the run log
(``crawl_runs``). Keeping archive and state in one file lets one transaction commit a page and
the mark that says it was fetched, which is what makes a crawl safe to kill -9.

Tables are declared once in ``TABLES`` (plain DDL, read top to bottom like documentation);
``ensure_schema`` creates what is missing and adds columns that a newer version declares.
docs/schema.md explains every column for readers of the database.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from extractors.documents import number_key
from extractors.text import fold_words
from harvester.errors import SchemaError
from harvester.paths import data_file, is_read_only, readonly_uri
from harvester.storage.attachments import ANNEX_CHECK_SQL
from harvester.storage.figure_keys import refresh as refresh_research

TABLES: dict[str, str] = {
    # A registered site: one row of the registry CSV, copied in at each crawl.
    "portals": """
        CREATE TABLE IF NOT EXISTS portals (
            id TEXT PRIMARY KEY,
            name TEXT,
            family TEXT NOT NULL,
            site_kind TEXT,
            domain TEXT,
            province TEXT,              -- province before the July 2025 merger, NULL for national
            province_2025 TEXT,         -- one of the 34 units after the merger
            start_urls TEXT,            -- JSON list
            settings TEXT,              -- JSON object of per-portal crawl settings
            enabled INTEGER DEFAULT 1,
            updated_at TEXT,
            document_urls TEXT          -- JSON list of document-listing URLs from the registry
        )""",
    # Every HTTP fetch worth keeping: the archive of bodies and the "seen" state.
    "pages": """
        CREATE TABLE IF NOT EXISTS pages (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            final_url TEXT,
            portal_id TEXT REFERENCES portals(id),
            kind TEXT,                  -- article | listing | feed | document | attachment | other
            status INTEGER,             -- HTTP status, NULL when no response arrived
            reason TEXT,                -- why a fetch failed or was refused, NULL when fine
            content_type TEXT,
            encoding TEXT,              -- encoding the body was decoded with (utf-8, cp1258, ...)
            decoding TEXT,              -- why the text may not be what the page meant (invalid bytes replaced, TCVN3/VNI font converted); NULL when clean
            headers TEXT,               -- JSON object of response headers
            body BLOB,                  -- zlib-compressed raw body as received
            body_size INTEGER,          -- uncompressed size in bytes
            sha256 TEXT,                -- of the raw body
            etag TEXT,
            last_modified TEXT,
            fetched_at TEXT,            -- ISO time of the last fetch (UTC)
            first_fetched_at TEXT,
            changed_at TEXT,            -- last time the body's sha256 changed
            recheck_after TEXT,         -- seen mark expiry: refetch after this time (recent articles, gone links)
            run_id INTEGER,
            text_chars INTEGER,         -- length of the main text found in the page (selector health)
            listing_date TEXT,          -- date printed beside the link on the listing, kept for reextract
            listing_url TEXT,           -- the listing or feed the link was found on
            last_error TEXT,            -- latest failed refetch of a page whose good copy is kept
            last_error_at TEXT,         -- when that refetch failed
            fault_streak INTEGER        -- consecutive fetches that answered 404/410 (backs off rechecks)
        )""",
    # A news article or notice: the main text and what the page says about itself.
    "articles": """
        CREATE TABLE IF NOT EXISTS articles (
            id INTEGER PRIMARY KEY,
            page_id INTEGER REFERENCES pages(id),
            url TEXT NOT NULL UNIQUE,
            canonical_url TEXT,
            portal_id TEXT REFERENCES portals(id),
            title TEXT,
            published TEXT,             -- ISO 8601 with +07:00 when a time is known, else a date
            published_source TEXT,      -- where the date came from (date-line, meta, listing, url...)
            published_quote TEXT,       -- the date as printed on the page
            author TEXT,
            source_line TEXT,           -- "Nguồn: ..." / "Theo ..."
            text TEXT,                  -- main text; figure offsets point into this string
            text_sha256 TEXT,
            provinces TEXT,             -- JSON list of provinces (pre-2025 names) the article reports on
            images TEXT,                -- JSON list
            attachments TEXT,           -- JSON list of {url, name}
            duplicate_of INTEGER REFERENCES articles(id),  -- first copy of a syndicated text
            is_ocop INTEGER DEFAULT 1,
            extractor_version TEXT,
            extracted_at TEXT,
            first_seen_at TEXT          -- when the harvester first stored this article (silence monitor)
        )""",
    # One stated count of OCOP products, with its exact source quote.
    "figures": """
        CREATE TABLE IF NOT EXISTS figures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER REFERENCES articles(id),
            attachment_id INTEGER REFERENCES attachments(id),
            document_id INTEGER REFERENCES documents(id),   -- the decision whose text states it, if any
            count INTEGER NOT NULL,
            stars TEXT,                 -- "3", "4", "5", "3+", "4+", "3-4" or NULL
            status TEXT NOT NULL,       -- achieved | target | proposed
            year INTEGER,
            as_of TEXT,                 -- the date the count is as of: day/month the text gives (2025-01-31, 2025-07), else the year, else the article date for "đến nay"
            place TEXT,                 -- as written
            place_level TEXT,           -- province | district | commune | national
            province TEXT,              -- pre-2025 province the place resolves to
            province_2025 TEXT,
            quote TEXT NOT NULL,
            start INTEGER NOT NULL,     -- offsets of quote in articles.text / attachments.text
            end INTEGER NOT NULL,
            sentence TEXT,
            url TEXT,                   -- the page or attachment the text came from
            basis TEXT                  -- cumulative (running total) | new (one round/year/decision) | NULL
        )""",
    # An administrative document, keyed by its normalised number and issuer.
    "documents": """
        CREATE TABLE IF NOT EXISTS documents (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,       -- as printed, spaces removed (1048/QĐ-TTg)
            number_key TEXT NOT NULL,   -- upper-cased, for matching
            issuer TEXT,                -- decoded from the symbol (TTg, UBND, TU, BNN...)
            type TEXT,                  -- Quyết định, Kế hoạch, Chỉ thị...
            issued TEXT,                -- ISO date of signing when known
            signer TEXT,
            summary TEXT,               -- trích yếu
            issuing_body TEXT,          -- cơ quan ban hành as printed on a document page
            portal_id TEXT REFERENCES portals(id),
            province TEXT,
            province_2025 TEXT,
            url TEXT,                   -- detail page, when the document was crawled
            page_id INTEGER REFERENCES pages(id),
            stated_count INTEGER,       -- products the decision says it recognises
            annex_rows INTEGER,         -- rows found in its annex product list
            annex_check TEXT,           -- match | mismatch (stated_count against annex_rows); NULL when one is unknown
            UNIQUE (number_key, province)
        )""",
    # Where an article (or attachment) cites a document.
    "document_mentions": """
        CREATE TABLE IF NOT EXISTS document_mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER REFERENCES articles(id),
            attachment_id INTEGER REFERENCES attachments(id),
            document_id INTEGER REFERENCES documents(id),
            number TEXT NOT NULL,
            type TEXT,
            issued TEXT,                -- the date this source gives the document
            quote TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            number_key TEXT             -- the number as documents.number_key writes it: join on this, not on number
        )""",
    # A file linked from a document or article (PDF, DOCX, DOC...).
    "attachments": """
        CREATE TABLE IF NOT EXISTS attachments (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            name TEXT,
            document_id INTEGER REFERENCES documents(id),
            article_id INTEGER REFERENCES articles(id),
            portal_id TEXT REFERENCES portals(id),
            status TEXT,                -- ok | too-large | bad-type | encrypted | no-text-layer | empty | unsupported | error | fetch-failed | pending
            reason TEXT,
            http_status INTEGER,
            content_type TEXT,
            file_type TEXT,             -- pdf | docx | doc | html | other (sniffed from the bytes)
            size INTEGER,
            sha256 TEXT,
            body BLOB,                  -- zlib-compressed bytes
            text TEXT,                  -- extracted text; figure and product offsets point here
            text_method TEXT,           -- pypdf | pdfminer | docx | antiword | ocr | html
            pages INTEGER,              -- PDF page count
            fetched_at TEXT,
            stated_count INTEGER        -- products this file says the decision recognises ("công nhận N sản phẩm")
        )""",
    # One row of an annex product list (Phụ lục) of a recognition decision.
    "products": """
        CREATE TABLE IF NOT EXISTS products (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            owner TEXT,                 -- chủ thể
            district TEXT,
            commune TEXT,
            address TEXT,
            province TEXT,
            province_2025 TEXT,
            score REAL,
            stars INTEGER,
            product_group TEXT,
            recertified INTEGER DEFAULT 0,  -- listed under "công nhận lại"
            document_id INTEGER REFERENCES documents(id),
            decision_number TEXT,
            decided TEXT,               -- ISO date of the decision
            year INTEGER,
            attachment_id INTEGER REFERENCES attachments(id),
            page_id INTEGER REFERENCES pages(id),
            source_url TEXT,
            row_index INTEGER,          -- 1-based position in the source table
            quote TEXT,                 -- the row as it reads in the source text
            start INTEGER,              -- offsets of quote in attachments.text, when read from text
            end INTEGER
        )""",
    # Where each listing's last complete walk began: the next walk pages down until it meets it.
    "crawl_frontier": """
        CREATE TABLE IF NOT EXISTS crawl_frontier (
            portal_id TEXT NOT NULL,
            listing TEXT NOT NULL,      -- canonical URL of the listing's first page (feed, search, API)
            top_urls TEXT NOT NULL,     -- JSON list: the entries topping the listing then
            walked_at TEXT,             -- when that walk ran (UTC)
            run_group TEXT,             -- the run that walked it
            PRIMARY KEY (portal_id, listing)
        )""",
    # One row per portal per run: what the crawl did and what looked wrong.
    "crawl_runs": """
        CREATE TABLE IF NOT EXISTS crawl_runs (
            id INTEGER PRIMARY KEY,
            run_group TEXT,             -- shared by all portals of one nightly invocation
            portal_id TEXT,
            command TEXT,
            started_at TEXT,
            finished_at TEXT,
            requests INTEGER DEFAULT 0,
            listing_requests INTEGER DEFAULT 0,
            new INTEGER DEFAULT 0,
            updated INTEGER DEFAULT 0,
            unchanged INTEGER DEFAULT 0,
            errors INTEGER DEFAULT 0,
            listing_items INTEGER DEFAULT 0,
            status TEXT,                -- ok | warning | failed | interrupted
            flags TEXT,                 -- JSON list of alerts (zero-items, silent-for-N-days, selectors...)
            stats TEXT                  -- JSON of Scrapy stats worth keeping
        )""",
}

# The one definition of "the decision's stated count differs from its annex": stored in
# documents.annex_check by storage (update_counts) and backfilled here when the column is added.


def _mention_keys(db: sqlite_utils.Database) -> None:
    rows = db.execute("SELECT id, number FROM document_mentions").fetchall()
    db.conn.executemany("UPDATE document_mentions SET number_key = ? WHERE id = ?",
                        [(number_key(number), mention_id) for mention_id, number in rows])


# Columns whose values can be computed from older ones: filled when an older file gains them.
BACKFILL: dict[tuple[str, str], Callable[[sqlite_utils.Database], Any]] = {
    ("documents", "annex_check"): lambda db: db.execute(f"UPDATE documents SET annex_check = {ANNEX_CHECK_SQL}"),
    ("document_mentions", "number_key"): _mention_keys,
}

# Columns a researcher facets the tables by in the web UI. Datasette's facet counts the whole table
# (a GROUP BY, under its 500 ms facet limit): with an index on the column it reads the index only,
# 0.06–0.31 s at 6.3M figures against 1.5–2.2 s for an unindexed column (benchmarks/bench_facets.py).
# tests/research/test_query_plans.py checks that each reads an index.
FACET_COLUMNS = {"figures": ("province", "province_2025", "status", "stars", "year", "basis")}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS idx_pages_portal ON pages(portal_id)",
    "CREATE INDEX IF NOT EXISTS idx_articles_portal ON articles(portal_id)",
    "CREATE INDEX IF NOT EXISTS idx_articles_sha ON articles(text_sha256)",
    "CREATE INDEX IF NOT EXISTS idx_figures_article ON figures(article_id)",
    "CREATE INDEX IF NOT EXISTS idx_figures_province ON figures(province, year)",
    "CREATE INDEX IF NOT EXISTS idx_mentions_article ON document_mentions(article_id)",
    "CREATE INDEX IF NOT EXISTS idx_mentions_document ON document_mentions(document_id)",
    "CREATE INDEX IF NOT EXISTS idx_documents_key ON documents(number_key)",
    "CREATE INDEX IF NOT EXISTS idx_products_province ON products(province, stars)",
    "CREATE INDEX IF NOT EXISTS idx_crawl_runs_portal ON crawl_runs(portal_id, started_at)",
    "CREATE INDEX IF NOT EXISTS idx_pages_portal_fetched ON pages(portal_id, fetched_at)",
    "CREATE INDEX IF NOT EXISTS idx_articles_portal_seen ON articles(portal_id, first_seen_at)",
    "CREATE INDEX IF NOT EXISTS idx_articles_duplicate ON articles(duplicate_of)",
    # Lookups of the write path and of the research commands (tests/research/test_query_plans.py).
    "CREATE INDEX IF NOT EXISTS idx_articles_page ON articles(page_id)",  # a 304 recheck finds its article
    "CREATE INDEX IF NOT EXISTS idx_documents_url ON documents(url)",
    "CREATE INDEX IF NOT EXISTS idx_products_document ON products(document_id)",
    "CREATE INDEX IF NOT EXISTS idx_products_attachment ON products(attachment_id)",
    "CREATE INDEX IF NOT EXISTS idx_figures_attachment ON figures(attachment_id)",
    "CREATE INDEX IF NOT EXISTS idx_mentions_attachment ON document_mentions(attachment_id)",
    "CREATE INDEX IF NOT EXISTS idx_attachments_document ON attachments(document_id)",
    "CREATE INDEX IF NOT EXISTS idx_attachments_article ON attachments(article_id)",
    "CREATE INDEX IF NOT EXISTS idx_documents_province ON documents(province, issued, number)",
    "CREATE INDEX IF NOT EXISTS idx_documents_stated ON documents(stated_count)",
    # the facets: "province" is read through idx_figures_province (province, year)
    *(f"CREATE INDEX IF NOT EXISTS idx_{table}_{column} ON {table}({column})"
      for table, columns in FACET_COLUMNS.items() for column in columns if column != "province"),
)

# Full-text indexes: exact (diacritics kept) for precise search; documents by number and summary.
FTS = (
    ("articles", ("title", "text")),
    ("documents", ("number", "type", "summary")),
)


# Written into the file header of every database the harvester creates (PRAGMA application_id),
# so that another application's SQLite file is recognised before anything is written to it.
APPLICATION_ID = 0x4F434F50  # "OCOP"
SQLITE_MAGIC = b"SQLite format 3\x00"
READ_ONLY_COMMANDS = "query, search, export, products, documents, attachments, portals, serve, audit"


def open_db(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite_utils.Database:
    """Open a harvester database; check it is one before anything is written.

    ``readonly=True`` opens it with ``mode=ro`` (``immutable=1`` when its folder is read-only too)
    and never writes, so read-only files and folders can be queried. Otherwise the schema is
    created or migrated: a new file is created unless ``create`` is false, and a file of another
    application, a read-only file or a file in a read-only folder is refused with a
    :class:`SchemaError` before its first byte changes.
    """
    path = Path(path)
    check_harvester_db(path, must_exist=readonly or not create)
    if readonly:
        return _open_readonly(path)
    _check_writable(path)
    try:
        conn = sqlite3.connect(str(path), timeout=30)
        db = sqlite_utils.Database(conn)
        if not conn.execute("PRAGMA application_id").fetchone()[0]:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL still survives a killed process (the kill -9 promise); only an OS
        # crash or power cut can lose the last commits, never corrupt the file.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=30000")
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: not an SQLite database ({exc})") from exc
    ensure_schema(db)
    return db


def check_harvester_db(path: str | Path, *, must_exist: bool = False) -> None:
    """Raise :class:`SchemaError` unless ``path`` is a harvester database (or absent/empty).

    Read without writing: the SQLite header, then ``application_id`` and the table names on a
    read-only connection. A file is the harvester's when it carries :data:`APPLICATION_ID`, has
    no tables yet, or (written before the id existed) has a ``pages`` table.
    """
    path = Path(path)
    if path.is_dir():
        raise SchemaError(f"{path}: is a folder; pass a database file with --db")
    if not path.exists():
        if must_exist:
            raise SchemaError(f"{path}: no such database (run a crawl first, or pass --db)")
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read the database ({exc.strerror or exc})") from exc
    if not head:
        if must_exist:
            raise SchemaError(f"{path}: an empty file, nothing harvested yet (run a crawl first, or pass --db)")
        return
    if head != SQLITE_MAGIC:
        raise SchemaError(f"{path}: not an SQLite database; pass a harvester database with --db")
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=30)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: unreadable SQLite database ({exc})") from exc
    if app_id == APPLICATION_ID or (app_id == 0 and (not tables or "pages" in tables)):
        return
    has = f"application id {app_id:#x}" if app_id else f"tables {', '.join(sorted(tables)[:5])}"
    raise SchemaError(f"{path}: an SQLite database of another application ({has}); pass a harvester database "
                      "with --db")



def _open_readonly(path: Path) -> sqlite_utils.Database:
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True, timeout=30)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: cannot open the database read-only ({exc})") from exc
    return sqlite_utils.Database(conn)



def _check_writable(path: Path) -> None:
    if path.exists() and is_read_only(path):
        raise SchemaError(f"{path}: the database file is read-only and this command writes to it; "
                          f"make it writable, or use a read-only command ({READ_ONLY_COMMANDS})")
    if is_read_only(path.resolve().parent):
        raise SchemaError(f"{path.resolve().parent}: the folder is read-only, and SQLite writes its journal "
                          f"beside the database; make it writable, or use a read-only command ({READ_ONLY_COMMANDS})")


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and full-text indexes; safe to call every time."""
    try:
        with db.conn:
            for name, ddl in TABLES.items():
                db.execute(ddl)
                _add_missing_columns(db, name, ddl)
            for statement in INDEXES:
                db.execute(statement)
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{db.conn}: cannot create the harvester schema ({exc})") from exc
    _ensure_research_objects(db)  # research section at the end of this file


_COLUMN_LINE = re.compile(r"^\s*(\w+)\s+(INTEGER|TEXT|REAL|BLOB)\b(.*)$", re.MULTILINE)


def _add_missing_columns(db: sqlite_utils.Database, table: str, ddl: str) -> None:
    """Add columns declared in ``ddl`` that an older database file lacks."""
    existing = set(db[table].columns_dict)
    for match in _COLUMN_LINE.finditer(ddl):
        name, kind, rest = match.groups()
        if name in existing or "PRIMARY KEY" in rest:
            continue
        default = re.search(r"DEFAULT\s+(\S+)", rest)
        suffix = f" DEFAULT {default.group(1).rstrip(',')}" if default else ""
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN [{name}] {kind}{suffix}")
        if (table, name) in BACKFILL:
            BACKFILL[(table, name)](db)


# ---------------------------------------------------------------------------------------------
# Research section (owned by the research/audit area: harvester/audit.py, review.py, search.py,
# serve.py). Tables derived from the figures for SQL and Datasette, the analysts' verdicts, the
# full-text indexes (exact and diacritic-folded) and the views researchers query.
# ---------------------------------------------------------------------------------------------

RESEARCH_TABLES: dict[str, str] = {
    # An analyst's judgement on one figure, filed under the figure's stable key (not its row id),
    # so that it survives `harvester reextract`, which deletes and re-inserts figures.
    "verdicts": """
        CREATE TABLE IF NOT EXISTS verdicts (
            key TEXT PRIMARY KEY,       -- the figure's stable key: source URL, quote and which occurrence of it
            verdict TEXT NOT NULL,      -- verified | wrong | corrected
            count INTEGER,              -- the right count, when corrected
            note TEXT,                  -- the analyst's reason
            url TEXT,                   -- the figure's source when the verdict was given
            quote TEXT,                 -- the figure's quote then
            extracted_count INTEGER,    -- the count the extractor gave then
            decided_at TEXT             -- when the verdict was recorded (UTC)
        )""",
    # The comparable key of every figure (harvester/comparable.py), for SQL and Datasette; brought
    # up to date by harvester.storage.figure_keys.refresh after figures are written.
    "figure_keys": """
        CREATE TABLE IF NOT EXISTS figure_keys (
            figure_id INTEGER PRIMARY KEY,  -- figures.id
            key TEXT NOT NULL,          -- stable key a verdict is filed under
            level TEXT,                 -- province | district | commune | national
            unit TEXT,                  -- the place at its level; "Lào Cai (2025)" is the merged unit
            unit_key TEXT,              -- folded, merger-aware; NULL when the place is not one unit
            era TEXT,                   -- pre | 2025 (after the July 2025 merger)
            as_of TEXT,                 -- the day, month or year the count is as of
            as_of_end TEXT,             -- last day of that period, for ordering a series
            basis TEXT,                 -- total (running total) | new (one round, year or decision)
            stars TEXT,                 -- as in figures
            status TEXT,                -- as in figures
            article_id INTEGER          -- as in figures
        )""",
    # Every spelling a canned-query parameter may use for a province: the pre-2025 name, the 2025
    # unit (which covers its old parts), aliases, without diacritics, in any ASCII case.
    "province_names": """
        CREATE TABLE IF NOT EXISTS province_names (
            name TEXT NOT NULL COLLATE NOCASE,  -- "Yên Bái", "yen bai", "Lào Cai" (the 2025 unit) ...
            province TEXT NOT NULL,     -- a pre-2025 province the name covers
            PRIMARY KEY (name, province)
        )""",
    # Latest achieved running total per province-level unit and star level (verdicts applied):
    # what latest_certified_totals and totals_by_merged_province read at any database size.
    "latest_totals": """
        CREATE TABLE IF NOT EXISTS latest_totals (
            unit_key TEXT NOT NULL,     -- as in figure_keys
            unit TEXT,                  -- as in figure_keys
            era TEXT,                   -- pre | 2025
            stars TEXT,                 -- star level, NULL for all levels
            province TEXT,              -- pre-2025 province (for a merged 2025 unit: its namesake)
            province_2025 TEXT,         -- the 2025 unit
            count INTEGER,              -- the count, corrected by a verdict when there is one
            as_of TEXT,                 -- as in figure_keys
            figure_id INTEGER,          -- the figure chosen
            quote TEXT,                 -- its quote
            url TEXT,                   -- its source
            published TEXT              -- its article's date
        )""",
    # One point per unit, star level, basis and as-of date (the largest count stated for it,
    # verdicts applied): the time series charts and figures_by_year read this, not figures.
    "series_points": """
        CREATE TABLE IF NOT EXISTS series_points (
            unit_key TEXT NOT NULL,     -- as in figure_keys
            unit TEXT,                  -- as in figure_keys
            era TEXT,                   -- pre | 2025
            province TEXT,              -- pre-2025 province
            province_2025 TEXT,         -- the 2025 unit
            stars TEXT,                 -- star level, NULL for all levels
            basis TEXT,                 -- total | new
            as_of TEXT,                 -- as in figure_keys; an undated running total is at its article's date
            as_of_end TEXT,             -- for ordering
            year INTEGER,               -- year of as_of_end
            count INTEGER,              -- the largest count stated for this point
            sources INTEGER,            -- how many figures state a count for it
            figure_id INTEGER,          -- the figure giving that count
            quote TEXT,                 -- its quote
            url TEXT                    -- its source
        )""",
    # Each distinct target (unit, star level, year, count, basis) and how many figures state it:
    # what targets_vs_achievements reads instead of every target figure.
    "stated_targets": """
        CREATE TABLE IF NOT EXISTS stated_targets (
            unit_key TEXT NOT NULL,     -- as in figure_keys
            unit TEXT,                  -- as in figure_keys
            province TEXT,              -- pre-2025 province
            province_2025 TEXT,         -- the 2025 unit
            stars TEXT,                 -- star level, NULL for all levels
            target_year INTEGER,        -- the year the target is for
            target INTEGER,             -- the count aimed at (corrected by a verdict when there is one)
            basis TEXT,                 -- total (a running total to reach) | new (products to add that year)
            statements INTEGER,         -- how many figures state it
            figure_id INTEGER           -- one of them
        )""",
    # Bookkeeping of the research tables: what the summaries were built from.
    "research_state": """
        CREATE TABLE IF NOT EXISTS research_state (
            name TEXT PRIMARY KEY,      -- what is tracked ("summaries")
            value TEXT                  -- its fingerprint when last built
        )""",
}

RESEARCH_INDEXES = (
    "CREATE INDEX IF NOT EXISTS idx_figure_keys_key ON figure_keys(key)",
    "CREATE INDEX IF NOT EXISTS idx_figure_keys_comparable ON figure_keys(unit_key, stars, status, basis, as_of_end)",
    "CREATE INDEX IF NOT EXISTS idx_figure_keys_status ON figure_keys(status, level, unit_key)",
    "CREATE INDEX IF NOT EXISTS idx_figure_keys_article ON figure_keys(article_id)",
    "CREATE INDEX IF NOT EXISTS idx_province_names_province ON province_names(province)",
    "CREATE INDEX IF NOT EXISTS idx_stated_targets_province ON stated_targets(province, unit, stars, target_year, target)",
    "CREATE INDEX IF NOT EXISTS idx_latest_totals_province ON latest_totals(province, unit, stars)",
    "CREATE INDEX IF NOT EXISTS idx_latest_totals_2025 ON latest_totals(province_2025, stars)",
    "CREATE INDEX IF NOT EXISTS idx_series_points_province ON series_points(province, stars, as_of_end)",
    "CREATE INDEX IF NOT EXISTS idx_series_points_2025 ON series_points(province_2025, stars, as_of_end)",
    "CREATE INDEX IF NOT EXISTS idx_series_points_unit ON series_points(unit_key, stars, basis, as_of_end)",
    "CREATE INDEX IF NOT EXISTS idx_series_points_year ON series_points(year, province, unit, stars, as_of_end)",
    "CREATE INDEX IF NOT EXISTS idx_series_points_basis ON series_points(basis, unit, stars, as_of_end)",
    "CREATE INDEX IF NOT EXISTS idx_series_points_figure ON series_points(figure_id)",
)

# A figure's key rows go when the figure goes or changes, and when its article's URL or date
# changes (the key and the era depend on them); the next refresh recomputes them.
RESEARCH_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS figure_keys_ad AFTER DELETE ON figures BEGIN "
    "DELETE FROM figure_keys WHERE figure_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS figure_keys_au AFTER UPDATE ON figures BEGIN "
    "DELETE FROM figure_keys WHERE figure_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS figure_keys_article_au AFTER UPDATE OF url, published ON articles "
    "WHEN old.url IS NOT new.url OR old.published IS NOT new.published BEGIN "
    "DELETE FROM figure_keys WHERE article_id = old.id; END",
)

# The count a figure stands for once an analyst has judged it; NULL when marked wrong.
_JUDGED_COUNT = "CASE v.verdict WHEN 'wrong' THEN NULL WHEN 'corrected' THEN v.count ELSE f.count END"

RESEARCH_VIEWS: dict[str, str] = {
    # Every figure with its comparable key, its verdict, its article and the archived page.
    # ``count`` is the judged count (corrected, or NULL when marked wrong); ``extracted_count`` is
    # the extractor's. Figures appear once their keys are computed (see figure_keys).
    "figures_sourced": f"""
        CREATE VIEW figures_sourced AS
        SELECT f.id, k.key, {_JUDGED_COUNT} AS count, f.count AS extracted_count, v.verdict, v.note AS verdict_note,
               f.stars, f.status, f.year, k.as_of, k.as_of AS period, k.as_of_end AS period_end,
               k.level, k.unit, k.unit_key, k.era, k.basis AS basis_class,
               f.place, f.province, f.province_2025, f.basis, f.quote, f.start, f.end, f.sentence,
               f.article_id, f.document_id, f.attachment_id,
               a.title AS article_title, a.published, a.portal_id,
               COALESCE(f.url, a.url) AS url, a.page_id, a.duplicate_of
        FROM figures f
        JOIN figure_keys k ON k.figure_id = f.id
        LEFT JOIN verdicts v ON v.key = k.key
        LEFT JOIN articles a ON a.id = f.article_id""",
    # The most recent achieved running total per province (pre-2025, or a merged 2025 unit) and
    # star level: one round's additions (basis new), figures marked wrong and copies left out.
    "latest_certified": """
        CREATE VIEW latest_certified AS
        SELECT province, province_2025, unit, era, stars, count, as_of, as_of AS period, quote, url, figure_id, published
        FROM latest_totals""",
}

# Full-text indexes on the tables' own content: exact (diacritics kept) for precise search.
FTS = (
    ("articles", ("title", "text")),
    ("documents", ("number", "type", "summary")),
)
EXACT_TOKENIZER = "unicode61 remove_diacritics 0"

# (index table, source table, columns): token-only indexes of the diacritic-folded text, so that
# "mien dong" finds "miến dong". Contentless (no copy of the text) and kept current by triggers;
# SQLite's remove_diacritics never folds đ, so the triggers replace it first.
FOLDED_FTS = (
    ("articles_folded_fts", "articles", ("title", "text")),
    ("documents_folded_fts", "documents", ("number", "type", "summary")),
)
FOLDED_TOKENIZER = "unicode61 remove_diacritics 2"


def fold_d_sql(expression: str) -> str:
    """SQL that folds đ/Đ (the tokenizer folds every other Vietnamese mark)."""
    return f"replace(replace(COALESCE({expression}, ''), 'đ', 'd'), 'Đ', 'D')"


def _folded_fts_statements(index: str, source: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(fold_d_sql(f"new.[{c}]") for c in columns)
    old = ", ".join(fold_d_sql(f"old.[{c}]") for c in columns)
    return [
        f"CREATE TRIGGER IF NOT EXISTS [{index}_ai] AFTER INSERT ON [{source}] BEGIN "
        f"INSERT INTO [{index}](rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS [{index}_ad] AFTER DELETE ON [{source}] BEGIN "
        f"INSERT INTO [{index}]([{index}], rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS [{index}_au] AFTER UPDATE ON [{source}] BEGIN "
        f"INSERT INTO [{index}]([{index}], rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO [{index}](rowid, {cols}) VALUES (new.id, {new}); END",
    ]


def _ensure_research_objects(db: sqlite_utils.Database) -> None:
    """Create or refresh the research tables, indexes, views and full-text indexes (idempotent)."""
    existing = {
        row[0]: row[1] for row in db.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'table')")
    }
    try:
        with db.conn:
            for name, ddl in RESEARCH_TABLES.items():
                db.execute(ddl)
                _add_missing_columns(db, name, ddl)
            for statement in (*RESEARCH_INDEXES, *RESEARCH_TRIGGERS):
                db.execute(statement)
            _ensure_views(db, existing)
            _ensure_province_names(db)
        for table, columns in FTS:
            _ensure_exact_fts(db, table, columns, existing)
        with db.conn:
            for index, source, columns in FOLDED_FTS:
                if index not in existing:
                    db.execute(
                        f"CREATE VIRTUAL TABLE [{index}] USING fts5({', '.join(columns)}, content='', "
                        f"tokenize='{FOLDED_TOKENIZER}')"
                    )
                    folded = ", ".join(fold_d_sql(f"[{c}]") for c in columns)
                    db.execute(
                        f"INSERT INTO [{index}](rowid, {', '.join(columns)}) SELECT id, {folded} FROM [{source}]"
                    )
                for statement in _folded_fts_statements(index, source, columns):
                    db.execute(statement)
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"cannot create the research tables, views and search indexes ({exc})") from exc
    refresh_research(db)


def _ensure_views(db: sqlite_utils.Database, existing: dict[str, str]) -> None:
    for name, ddl in RESEARCH_VIEWS.items():
        wanted = ddl.strip()
        if existing.get(name) == wanted:
            continue
        if name in existing:  # an older definition: replace it
            db.execute(f"DROP VIEW IF EXISTS [{name}]")
        db.execute(wanted)


def _ensure_exact_fts(db: sqlite_utils.Database, table: str, columns: tuple[str, ...],
                      existing: dict[str, str]) -> None:
    """The exact index of ``table``; one built with another tokenizer (an older version) is rebuilt."""
    index = f"{table}_fts"
    if index in existing and EXACT_TOKENIZER not in (existing[index] or ""):
        db[table].disable_fts()
    if not db[table].detect_fts():
        db[table].enable_fts(list(columns), create_triggers=True, tokenize=EXACT_TOKENIZER, replace=True)


def province_spellings() -> list[tuple[str, str]]:
    """(spelling, pre-2025 province) for every way a researcher may name a province or 2025 unit."""
    rows: set[tuple[str, str]] = set()
    with open(data_file("provinces.csv"), encoding="utf-8", newline="") as f:
        provinces = list(csv.DictReader(f))
    for p in provinces:
        names = {p["name"], *(a for a in (p.get("aliases") or "").split("|") if a)}
        for unit_part in provinces:  # a 2025 unit's name covers every old province merged into it
            if unit_part["province_2025"] == p["name"]:
                rows.add((p["name"], unit_part["name"]))
        for name in names:
            rows.add((name, p["name"]))
    spelled: dict[tuple[str, str], tuple[str, str]] = {}
    for name, province in sorted(rows):
        for variant in (name, name.lower(), fold_words(name)):
            # one row per spelling as the NOCASE column compares them (ASCII case only)
            spelled.setdefault((variant.translate(_ASCII_LOWER), province), (variant, province))
    return sorted(spelled.values())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ensure_province_names(db: sqlite_utils.Database) -> None:
    wanted = province_spellings()
    have = db.execute("SELECT count(*) FROM province_names").fetchone()[0]
    if have == len(wanted):
        return
    db.execute("DELETE FROM province_names")
    db.conn.executemany("INSERT OR IGNORE INTO province_names (name, province) VALUES (?, ?)", wanted)
