"""The documents write path: exact rows, products with quotes, stated count vs annex rows."""

from __future__ import annotations

import zlib

from harvester import ingest, storage
from harvester.fixture_portals import documents as fx

from .conftest import document_item

BASE = "http://127.0.0.11"


def _save(db, rendered, decision):
    document_id = storage.save_document(db, document_item(decision, BASE))
    for name, _ in fx.files_of(decision):
        _, file_format, content_type, body = rendered[name]
        item = {"kind": "attachment", "url": f"{BASE}/uploads/laws/{name}", "name": name,
                "portal_id": "thainguyen", "document_url": f"{BASE}{fx.detail_path(decision)}",
                "body": body, "headers": {"Content-Type": content_type}, "status": 200}
        if file_format == "huge":
            item = {**item, "body": b"", "reason": "too-large: Content-Length 209715200 bytes is over the limit"}
        ingest.ingest_attachment(db, item)
    return document_id


def test_document_row_exact(docs_db, rendered):
    decision = fx.DECISIONS[0]
    document_id = _save(docs_db, rendered, decision)
    row = docs_db["documents"].get(document_id)
    assert (row["number"], row["number_key"], row["issuer"], row["type"], row["issued"], row["signer"],
            row["province"], row["province_2025"], row["portal_id"]) == (
        "1520/QĐ-UBND", "1520/QĐ-UBND", "UBND", "Quyết định", "2023-11-17", "Hoàng Văn Thịnh",
        "Thái Nguyên", "Thái Nguyên", "thainguyen")
    assert row["summary"] == decision.summary and row["url"] == BASE + fx.detail_path(decision)
    assert (row["stated_count"], row["annex_rows"]) == (12, 12)
    page = docs_db.execute("SELECT kind FROM pages WHERE id = ?", [row["page_id"]]).fetchone()
    assert page == ("document",)


def test_products_rows_exact_with_quotes(docs_db, rendered):
    _save(docs_db, rendered, fx.DECISIONS[0])
    rows = list(docs_db.query("SELECT p.*, a.text FROM products p JOIN attachments a ON a.id = p.attachment_id "
                              "ORDER BY row_index"))
    expected = [p for s in fx.DECISIONS[0].sections for p in s.products]
    assert [(r["name"], r["owner"], r["commune"], r["district"], r["stars"]) for r in rows] == [
        (p.name, p.owner, p.commune, p.district, p.stars) for p in expected]
    assert {(r["decision_number"], r["decided"], r["year"], r["province"]) for r in rows} == {
        ("1520/QĐ-UBND", "2023-11-17", 2023, "Thái Nguyên")}
    for r in rows:
        assert r["text"][r["start"]:r["end"]] == r["quote"]
    assert [r["recertified"] for r in rows][-3:] == [1, 1, 1]


def test_planted_mismatch_is_recorded(docs_db, rendered):
    decision = next(d for d in fx.DECISIONS if fx.PLANTED_DOCUMENTS.get(d.number, {}).get("problem")
                    == "stated-count-mismatch")
    document_id = _save(docs_db, rendered, decision)
    row = docs_db["documents"].get(document_id)
    planted = fx.PLANTED_DOCUMENTS[decision.number]
    assert (row["stated_count"], row["annex_rows"]) == (planted["stated_count"], planted["annex_rows"])
    assert row["stated_count"] != row["annex_rows"]


def test_broken_attachments_recorded_with_reasons(docs_db, rendered):
    for decision in fx.DECISIONS:
        _save(docs_db, rendered, decision)
    statuses = {r["name"]: (r["status"], r["reason"]) for r in docs_db.query("SELECT * FROM attachments")}
    for number, planted in fx.PLANTED_DOCUMENTS.items():
        for name, status in planted.get("files", {}).items():
            assert statuses[name][0] in status.split("|"), (number, name, statuses[name])
            assert statuses[name][1]
    good = docs_db.execute("SELECT body, sha256, size FROM attachments WHERE name = '2345-QD-UBND.docx'").fetchone()
    assert len(zlib.decompress(good[0])) == good[2] == len(rendered["2345-QD-UBND.docx"][3])


def test_resaving_replaces_products_and_mentions_link(docs_db, rendered):
    docs_db.conn.execute("INSERT INTO document_mentions (number, number_key, quote, start, end) "
                         "VALUES ('1520/QĐ-UBND', '1520/QĐ-UBND', 'Quyết định số 1520/QĐ-UBND', 0, 26)")
    docs_db.conn.commit()
    document_id = _save(docs_db, rendered, fx.DECISIONS[0])
    _save(docs_db, rendered, fx.DECISIONS[0])
    assert docs_db.execute("SELECT COUNT(*) FROM products").fetchone()[0] == 12
    assert docs_db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    linked = docs_db.execute("SELECT document_id FROM document_mentions WHERE article_id IS NULL "
                             "AND attachment_id IS NULL").fetchone()[0]
    assert linked == document_id


def test_ingest_local_file_uses_printed_number(docs_db, rendered, tmp_path):
    path = tmp_path / "qd.docx"
    path.write_bytes(rendered["2345-QD-UBND.docx"][3])
    attachment_id = ingest.ingest_file(docs_db, path, province="Thái Nguyên")
    row = docs_db.execute("SELECT d.number, d.stated_count, d.annex_rows, d.province FROM attachments a "
                          "JOIN documents d ON d.id = a.document_id WHERE a.id = ?", [attachment_id]).fetchone()
    assert row == ("2345/QĐ-UBND", 9, 8, "Thái Nguyên")


def test_document_takes_the_issuing_bodys_province_over_the_hosting_portal(fresh_db):
    fresh_db["portals"].insert({"id": "quangtri-ntm", "family": "nukeviet", "province": "Quảng Trị",
                                "province_2025": "Quảng Trị"})
    hosted = {"kind": "document", "portal_id": "quangtri-ntm", "number": "88/QĐ-UBND",
              "issuing_body": "UBND tỉnh Thái Nguyên", "summary": "Công nhận sản phẩm OCOP"}
    own = {**hosted, "number": "89/QĐ-UBND", "issuing_body": "Ủy ban nhân dân tỉnh"}
    for item in (hosted, own):
        storage.save_document(fresh_db, item)
    rows = fresh_db.execute("SELECT number, province, province_2025 FROM documents ORDER BY number").fetchall()
    assert rows == [("88/QĐ-UBND", "Thái Nguyên", "Thái Nguyên"), ("89/QĐ-UBND", "Quảng Trị", "Quảng Trị")]
