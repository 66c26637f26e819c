"""harvester query (read-only, bound parameters, formats) and harvester search (Vietnamese-aware)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from extractors.records import Extraction
from extractors.text import fold
from harvester import storage
from harvester.cli import cli
from harvester.query import QueryError, run_query
from harvester.schema import open_db
from harvester.search import count_matches, parse_query, search


def test_query_binds_parameters_and_returns_rows(known_db):
    result = run_query(known_db, "SELECT id, count FROM figures WHERE province = :p AND count > :n ORDER BY id",
                       {"p": "Hà Giang", "n": 100})
    assert result.columns == ["id", "count"]
    assert [r[1] for r in result.rows] == [120, 111, 115]


def test_query_parameter_is_data_not_sql(known_db):
    result = run_query(known_db, "SELECT count(*) FROM articles WHERE title = :t", {"t": "x' OR '1'='1"})
    assert result.rows == [(0,)]


@pytest.mark.parametrize("sql", [
    "DELETE FROM figures",
    "UPDATE articles SET title = 'x'",
    "INSERT INTO portals(id, family) VALUES ('x', 'generic')",
    "DROP TABLE figures",
    "CREATE TABLE t (a)",
    "ATTACH DATABASE 'other.db' AS other",
    "PRAGMA journal_mode=DELETE",
])
def test_query_refuses_writes_and_leaves_data_alone(known_db, sql):
    with pytest.raises(QueryError, match="read-only"):
        run_query(known_db, sql)
    conn = sqlite3.connect(known_db)
    assert conn.execute("SELECT count(*) FROM figures").fetchone() == (25,)
    assert conn.execute("SELECT count(*) FROM articles WHERE title = 'x'").fetchone() == (0,)


def test_query_errors_are_messages(known_db, tmp_path):
    with pytest.raises(QueryError, match="SQL error"):
        run_query(known_db, "SELECT nope FROM figures")
    with pytest.raises(QueryError, match=r"binding|supply"):
        run_query(known_db, "SELECT * FROM figures WHERE year = :y")
    with pytest.raises(QueryError, match="no such database"):
        run_query(tmp_path / "missing.db", "SELECT 1")
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(QueryError, match="not an SQLite database"):
        run_query(tmp_path / "junk.db", "SELECT 1")
    assert not (tmp_path / "missing.db").exists()


def test_query_cli_formats(known_db):
    runner = CliRunner()
    sql = "SELECT province, stars, count FROM latest_certified WHERE province_2025 = :p ORDER BY province, stars"
    out = runner.invoke(cli, ["query", sql, "--db", str(known_db), "-p", "p", "Tuyên Quang", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == [
        {"province": "Hà Giang", "stars": None, "count": 115},
        {"province": "Hà Giang", "stars": "3", "count": 111},
        {"province": "Hà Giang", "stars": "4", "count": 9},
        {"province": "Tuyên Quang", "stars": "3", "count": 140},
        {"province": "Tuyên Quang", "stars": "3+", "count": 158},
        {"province": "Tuyên Quang", "stars": "4", "count": 11},
        {"province": "Tuyên Quang", "stars": "5", "count": 1},
    ]
    out = runner.invoke(cli, ["query", sql, "--db", str(known_db), "-p", "p", "Cà Mau", "--format", "csv"])
    assert list(csv.reader(io.StringIO(out.output))) == [["province", "stars", "count"], ["Bạc Liêu", "3+", "80"]]
    out = runner.invoke(cli, ["query", sql, "--db", str(known_db), "-p", "p", "Cà Mau"])
    assert out.output.splitlines()[0].split() == ["province", "stars", "count"]
    assert "Bạc Liêu" in out.output and "(1 row)" in out.output
    out = runner.invoke(cli, ["query", "DELETE FROM figures", "--db", str(known_db)])
    assert out.exit_code == 1 and "read-only" in out.output and "Traceback" not in out.output


def test_fold_keeps_length_and_folds_d():
    text = "Đắk Lắk, miến dong, Thanh Hoá"
    assert fold(text) == "dak lak, mien dong, thanh hoa"
    assert len(fold(text)) == len(text)


def _document_id(db_path, number: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT id FROM documents WHERE number = ?", (number,)).fetchone()[0]


def test_search_exact_first_then_folded(known_db):
    hits = search(known_db, "miến dong")
    # Article 1 has the exact phrase; decision 2201 has it in its summary; nothing else mentions it.
    doc_2201 = _document_id(known_db, "2201/QĐ-UBND")
    assert [(h.kind, h.id, h.match) for h in hits] == [("article", 1, "exact phrase"),
                                                       ("document", doc_2201, "exact phrase")]
    assert "[miến] [dong]" in hits[0].snippet
    folded = search(known_db, "mien dong")
    assert [(h.kind, h.id, h.match) for h in folded] == [("article", 1, "folded phrase"),
                                                         ("document", doc_2201, "folded phrase")]
    assert "[miến] [dong]" in folded[0].snippet


def test_search_folds_d_which_sqlite_never_does(known_db):
    hits = search(known_db, "dak lak")
    assert [(h.kind, h.id) for h in hits] == [("article", 7)]
    assert "[Đắk] [Lắk]" in hits[0].snippet


def test_search_ranks_exact_above_folded(known_db):
    # "mật ong" is exact in article 4; "mat ong" would also match "mất ong" etc. after folding.
    hits = search(known_db, "mật ong")
    assert hits[0].id == 4 and hits[0].match == "exact phrase"
    both = search(known_db, "Quyết định 490/QĐ-TTg")
    assert {(h.kind, h.id) for h in both} >= {("article", 5), ("article", 6), ("article", 7), ("document", 3)}
    assert all(h.tier <= 1 for h in both)


def test_search_follows_updates_and_deletes(known_db):
    db = open_db(known_db)
    db["articles"].update(4, {"title": "Nông sản", "text": "Nông sản sạch của Hà Giang."})
    db.conn.commit()
    db.conn.close()
    assert search(known_db, "mat ong", kinds=("article",)) == []
    assert [h.id for h in search(known_db, "nong san sach")] == [4]


def test_search_cli(known_db):
    out = CliRunner().invoke(cli, ["search", "mien dong", "--db", str(known_db), "--kind", "document"])
    assert out.exit_code == 0, out.output
    assert f"document {_document_id(known_db, '2201/QĐ-UBND')}  [folded phrase]" in out.output and "2201/QĐ-UBND" in out.output
    out = CliRunner().invoke(cli, ["search", "  !! ", "--db", str(known_db)])
    assert out.exit_code == 1 and "at least one word" in out.output


def test_parse_query_phrases_and_or():
    assert parse_query('"miến dong" OR mỳ gạo').alternatives == ((("miến", "dong"),), (("mỳ",), ("gạo",)))
    assert parse_query("chè Shan tuyết").plain and not parse_query('"chè Shan"').plain
    assert not parse_query("chè OR cà phê").plain
    with pytest.raises(QueryError, match="at least one word"):
        parse_query('"" OR ""')


def test_search_quoted_phrase_and_or(known_db):
    assert [(h.id, h.match) for h in search(known_db, '"mật ong"', kinds=("article",))] == [(4, "exact words")]
    assert search(known_db, '"ong mật"', kinds=("article",)) == []  # a phrase keeps its word order
    assert [h.id for h in search(known_db, "ong mật", kinds=("article",))] == [4]  # plain words do not
    either = search(known_db, '"miến dong" OR "mật ong"', kinds=("article",))
    assert sorted(h.id for h in either) == [1, 4]
    folded = search(known_db, '"mien dong" OR "mat ong"', kinds=("article",))
    assert sorted((h.id, h.match) for h in folded) == [(1, "folded words"), (4, "folded words")]


def test_a_rare_exact_phrase_is_never_missed(tmp_path):
    """1,200 articles say "miền Đông" (folded: "mien dong"); one says "miến dong". The old search
    looked at the first 1,000 folded candidates only; every match now comes from an index."""
    db = open_db(tmp_path / "many.db")
    for i in range(1200):
        text = f"Bài {i}: nông sản miền Đông Nam Bộ, miền Đông mùa mưa, sản phẩm OCOP miền Đông số {i}."
        item = {"kind": "article", "url": f"https://example.vn/mien-dong-{i}", "portal_id": "p", "status": 200,
                "headers": {}, "body": text.encode(), "fetched_at": "2025-01-01T00:00:00+00:00"}
        storage.save_article(db, item, None, Extraction(text=text, title=f"Miền Đông {i}"))
    rare = "Đặc sản miến dong Bình Liêu được công nhận OCOP."
    item = {"kind": "article", "url": "https://example.vn/mien-dong-binh-lieu", "portal_id": "p", "status": 200,
            "headers": {}, "body": rare.encode(), "fetched_at": "2025-01-01T00:00:00+00:00"}
    rare_id = storage.save_article(db, item, None, Extraction(text=rare, title="Miến dong Bình Liêu")).article_id
    db.conn.close()
    hits = search(tmp_path / "many.db", "miến dong", kinds=("article",), limit=5)
    assert (hits[0].id, hits[0].match) == (rare_id, "exact phrase")
    assert [h.match for h in hits[1:]] == ["folded phrase"] * 4
    assert count_matches(tmp_path / "many.db", "mien dong") == 1201
