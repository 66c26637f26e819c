"""The database schema is created idempotently and upgrades older files."""

import sqlite3

import pytest

from harvester.errors import SchemaError
from harvester.schema import TABLES, open_db


def test_open_db_creates_every_table(tmp_path):
    db = open_db(tmp_path / "h.db")
    assert set(TABLES) <= set(db.table_names())
    assert db["articles"].detect_fts() == "articles_fts"


def test_open_db_twice_is_harmless(tmp_path):
    open_db(tmp_path / "h.db")["portals"].insert({"id": "x", "family": "generic"})
    db = open_db(tmp_path / "h.db")
    assert db["portals"].count == 1


def test_old_file_gains_new_columns(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    # a file from before the application id: recognised as the harvester's by its pages table
    conn.execute("CREATE TABLE portals (id TEXT PRIMARY KEY, family TEXT NOT NULL)")
    conn.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE)")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert "province_2025" in db["portals"].columns_dict and "sha256" in db["pages"].columns_dict


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(SchemaError, match=r"junk\.db"):
        open_db(path)


def test_missing_database_without_create(tmp_path):
    with pytest.raises(SchemaError, match="no such database"):
        open_db(tmp_path / "absent.db", create=False)


def test_older_file_gains_computed_columns_with_their_values(tmp_path):
    """Columns added later are backfilled: the mention's number key and the stated-vs-annex check."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE)")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, number TEXT NOT NULL, number_key TEXT NOT NULL, "
                 "province TEXT, stated_count INTEGER, annex_rows INTEGER, UNIQUE (number_key, province))")
    conn.execute("CREATE TABLE document_mentions (id INTEGER PRIMARY KEY, number TEXT NOT NULL, quote TEXT NOT NULL, "
                 "start INTEGER NOT NULL, end INTEGER NOT NULL)")
    conn.executemany("INSERT INTO documents (number, number_key, stated_count, annex_rows) VALUES (?, ?, ?, ?)",
                     [("9/QĐ-UBND", "9/QĐ-UBND", 9, 8), ("12/QĐ-UBND", "12/QĐ-UBND", 12, 12),
                      ("7/KH-UBND", "7/KH-UBND", None, 3)])
    conn.execute("INSERT INTO document_mentions (number, quote, start, end) VALUES ('9 / QĐ-UBND', 'số 9 / QĐ-UBND', 0, 14)")
    conn.commit()
    conn.close()
    db = open_db(path)
    assert [r[0] for r in db.execute("SELECT annex_check FROM documents ORDER BY id")] == ["mismatch", "match", None]
    assert db.execute("SELECT number_key FROM document_mentions").fetchone()[0] == "9/QĐ-UBND"
