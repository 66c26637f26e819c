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
