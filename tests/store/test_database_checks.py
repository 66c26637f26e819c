"""Every command checks its --db is a harvester database before writing; read-only files stay usable."""

from __future__ import annotations

import hashlib
import sqlite3
import stat

import pytest
from click.testing import CliRunner

from harvester import storage
from harvester.cli import cli
from harvester.errors import SchemaError
from harvester.schema import APPLICATION_ID, open_db, readonly_uri

# Commands that take --db, with the arguments that make each one run (FILE is replaced by a path).
COMMANDS = {
    "export": ["export"],
    "export-table": ["export", "--format", "csv", "--table", "figures"],
    "products": ["products"],
    "documents": ["documents"],
    "attachments": ["attachments", "--failed"],
    "portals": ["portals"],
    "reextract": ["reextract"],
    "ingest-attachment": ["ingest-attachment", "FILE"],
    "prune": ["prune", "--other-older-than", "30"],
}
WRITING = {"reextract", "ingest-attachment", "prune"}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _master(path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def _run(name, db_path, tmp_path):
    attachment = tmp_path / "qd.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% not much of a decision\n")
    args = [str(attachment) if a == "FILE" else a for a in COMMANDS[name]]
    return CliRunner().invoke(cli, [*args, "--db", str(db_path)])


@pytest.fixture
def foreign_db(tmp_path):
    """Another application's SQLite file (a shop's orders), in rollback-journal mode."""
    path = tmp_path / "shop.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, total REAL)")
    conn.execute("CREATE INDEX orders_customer ON orders(customer)")
    conn.execute("INSERT INTO orders (customer, total) VALUES ('Lò Thị Hoa', 125000)")
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def harvest_db(tmp_path, kit):
    """A small harvester database with one article and its figure, closed (no WAL files left)."""
    path = tmp_path / "data" / "ocop.db"
    path.parent.mkdir()
    db = open_db(path)
    text = "Huyện Bảo Yên có 14 sản phẩm OCOP đạt 3 sao, tăng 5 sản phẩm so với năm trước."
    extraction = kit.extraction_for(text, "Bảo Yên có thêm sản phẩm OCOP")
    item = kit.page_item("https://laocai.example/tin/ocop-bao-yen.html",
                         kit.article_html("Bảo Yên có thêm sản phẩm OCOP", [text]))
    storage.save_article(db, item, kit.main_for(extraction), extraction)
    db.conn.close()
    return path


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_foreign_sqlite_file_is_refused_untouched(name, foreign_db, tmp_path):
    before, schema_before = _digest(foreign_db), _master(foreign_db)
    result = _run(name, foreign_db, tmp_path)
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0, result.output
    assert "another application" in result.output and "shop.sqlite" in result.output
    assert _master(foreign_db) == schema_before
    assert _digest(foreign_db) == before
    assert not (tmp_path / "shop.sqlite-wal").exists()


def test_open_db_refuses_a_foreign_file_before_any_write(foreign_db):
    before = _digest(foreign_db)
    for kwargs in ({}, {"create": False}, {"readonly": True}):
        with pytest.raises(SchemaError, match="another application"):
            open_db(foreign_db, **kwargs)
    assert _digest(foreign_db) == before


def test_new_databases_carry_the_application_id_and_empty_files_are_adopted(tmp_path):
    db = open_db(tmp_path / "new.db")
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    empty = tmp_path / "empty.db"
    empty.touch()
    assert "pages" in open_db(empty).table_names()
    unread = tmp_path / "unread.db"
    unread.touch()
    with pytest.raises(SchemaError, match="empty file"):
        open_db(unread, readonly=True)


def _make_read_only(path):
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | (stat.S_IXUSR if path.is_dir() else 0))


@pytest.mark.parametrize("where", ["file", "folder"])
def test_read_only_database_refuses_writers_and_serves_readers(where, harvest_db, tmp_path):
    target = harvest_db if where == "file" else harvest_db.parent
    _make_read_only(target)
    try:
        before = _digest(harvest_db)
        for name in sorted(WRITING):
            result = _run(name, harvest_db, tmp_path)
            assert result.exit_code == 1, (name, result.output)
            assert "read-only" in result.output and result.output.strip().count("\n") == 0, result.output
        for name in sorted(set(COMMANDS) - WRITING):
            result = _run(name, harvest_db, tmp_path)
            assert result.exit_code == 0, (name, result.output)
        result = CliRunner().invoke(cli, ["export", "--format", "csv", "--table", "figures", "--db", str(harvest_db)])
        assert "14 sản phẩm OCOP đạt 3 sao" in result.output
        assert _digest(harvest_db) == before
        assert sorted(p.name for p in harvest_db.parent.iterdir() if p.name.startswith("ocop.db-")) in (
            [], ["ocop.db-shm"], ["ocop.db-shm", "ocop.db-wal"])  # a reader's WAL index, never a write
        if where == "folder":
            assert readonly_uri(harvest_db).endswith("mode=ro&immutable=1")
    finally:
        target.chmod(0o755 if target.is_dir() else 0o644)


def test_readonly_open_never_writes(harvest_db):
    db = open_db(harvest_db, readonly=True)
    assert db["figures"].count == 1
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM figures")
