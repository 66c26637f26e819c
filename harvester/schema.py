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

import re
import sqlite3
from pathlib import Path

import sqlite_utils

from harvester.errors import SchemaError

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
            as_of TEXT,                 -- publication date of the source, for "đến nay" figures
            place TEXT,                 -- as written
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
            end INTEGER NOT NULL
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
            status TEXT,                -- ok | too-large | bad-type | encrypted | no-text-layer | empty | error
            reason TEXT,
            http_status INTEGER,
            content_type TEXT,
            file_type TEXT,             -- pdf | docx | doc | html | other (sniffed from the bytes)
            size INTEGER,
            sha256 TEXT,
            body BLOB,                  -- zlib-compressed bytes
            text TEXT,                  -- extracted text; figure and product offsets point here
            text_method TEXT,           -- pypdf | pdfminer | python-docx | antiword | ocr
            pages INTEGER,              -- PDF page count
            fetched_at TEXT
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
            status TEXT,                -- ok | warning | failed
            flags TEXT,                 -- JSON list of alerts (zero-items, silent-for-N-days, selectors...)
            stats TEXT                  -- JSON of Scrapy stats worth keeping
        )""",
}

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
    "CREATE INDEX IF NOT EXISTS idx_articles_page ON articles(page_id)",  # a 304 recheck finds its article
)

# Full-text indexes: exact (diacritics kept) for precise search; documents by number and summary.
FTS = (
    ("articles", ("title", "text")),
    ("documents", ("number", "type", "summary")),
)


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and, unless told not to, create and migrate) a harvester database."""
    path = Path(path)
    if not create and not path.exists():
        raise SchemaError(f"{path}: no such database (run a crawl first, or pass --db)")
    try:
        conn = sqlite3.connect(str(path), timeout=30)
        db = sqlite_utils.Database(conn)
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
    for table, columns in FTS:
        if not db[table].detect_fts():
            db[table].enable_fts(list(columns), create_triggers=True, tokenize="unicode61")
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


# ---------------------------------------------------------------------------------------------
# Research section (owned by the research/audit area: harvester/search.py, audit.py, serve.py).
#
# Views give researchers and the audit one definition of "where a figure comes from" and
# "the latest certified total"; a folded full-text index lets "mien dong" find "miến dong".
# The folded index is contentless (it stores no text, only tokens) and kept current by
# triggers; SQLite's remove_diacritics never folds đ, so the triggers replace it first.
# ---------------------------------------------------------------------------------------------

# A figure's place is "local" (district, commune, town) when the place as written says so;
# province-level totals and local counts must never be compared with each other.
_LOCAL_PLACE = """(
    place LIKE 'huyện %' OR place LIKE 'xã %' OR place LIKE 'thị xã %' OR place LIKE 'thị trấn %'
    OR place LIKE 'phường %' OR place LIKE 'quận %'
    OR (place LIKE 'thành phố %' AND province IS NOT NULL AND place NOT LIKE '%' || province))"""

RESEARCH_VIEWS: dict[str, str] = {
    # Every figure with its article, the archived page it came from and a comparable period:
    # the year the figure is about, else the date of the source ("đến nay" figures).
    "figures_sourced": f"""
        CREATE VIEW figures_sourced AS
        SELECT f.id, f.count, f.stars, f.status, f.year, f.as_of,
               COALESCE(CAST(f.year AS TEXT), f.as_of) AS period,
               CASE WHEN f.year IS NOT NULL THEN printf('%04d-12-31', f.year) ELSE f.as_of END AS period_end,
               f.place, f.province, f.province_2025,
               CASE WHEN f.province IS NULL THEN 'national'
                    WHEN {_LOCAL_PLACE.replace("place", "f.place").replace("province", "f.province")}
                    THEN 'local' ELSE 'province' END AS scope,
               f.basis, f.quote, f.start, f.end, f.sentence,
               f.article_id, f.document_id, f.attachment_id,
               a.title AS article_title, a.published, a.portal_id,
               COALESCE(f.url, a.url) AS url, a.page_id, a.duplicate_of
        FROM figures f LEFT JOIN articles a ON a.id = f.article_id""",
    # The most recent achieved running total per province and star level (syndicated copies and
    # counts of one round/year/decision, basis = 'new', left out).
    "latest_certified": """
        CREATE VIEW latest_certified AS
        SELECT province, province_2025, stars, count, period, quote, url, article_id, page_id, published
        FROM (
            SELECT s.*, ROW_NUMBER() OVER (
                PARTITION BY province, COALESCE(stars, '')
                ORDER BY period_end DESC, published DESC, count DESC) AS rank
            FROM figures_sourced s
            WHERE status = 'achieved' AND scope = 'province' AND duplicate_of IS NULL
                  AND period_end IS NOT NULL AND basis IS NOT 'new')
        WHERE rank = 1""",
}

# (index table, source table, columns): token-only indexes of the diacritic-folded text.
FOLDED_FTS = (
    ("articles_folded_fts", "articles", ("title", "text")),
    ("documents_folded_fts", "documents", ("number", "type", "summary")),
)


def _fold_sql(expression: str) -> str:
    """SQL that folds đ/Đ (the tokenizer folds every other Vietnamese mark)."""
    return f"replace(replace(COALESCE({expression}, ''), 'đ', 'd'), 'Đ', 'D')"


def _folded_fts_statements(index: str, source: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(_fold_sql(f"new.[{c}]") for c in columns)
    old = ", ".join(_fold_sql(f"old.[{c}]") for c in columns)
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
    """Create or refresh the research views and the folded full-text indexes (idempotent)."""
    existing = {
        row[0]: row[1] for row in db.execute("SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'table')")
    }
    try:
        with db.conn:
            for name, ddl in RESEARCH_VIEWS.items():
                wanted = ddl.strip()
                if existing.get(name) == wanted:
                    continue
                if name in existing:  # an older definition: replace it
                    db.execute(f"DROP VIEW IF EXISTS [{name}]")
                db.execute(wanted)
            for index, source, columns in FOLDED_FTS:
                if index not in existing:
                    db.execute(
                        f"CREATE VIRTUAL TABLE [{index}] USING fts5({', '.join(columns)}, content='', "
                        "tokenize='unicode61 remove_diacritics 2')"
                    )
                    folded = ", ".join(_fold_sql(f"[{c}]") for c in columns)
                    db.execute(
                        f"INSERT INTO [{index}](rowid, {', '.join(columns)}) SELECT id, {folded} FROM [{source}]"
                    )
                for statement in _folded_fts_statements(index, source, columns):
                    db.execute(statement)
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"cannot create the research views and search indexes ({exc})") from exc

