"""Fixtures for the documents tests: decisions rendered during the test run."""

from __future__ import annotations

import pytest

from harvester.fixture_portals import documents as fx


@pytest.fixture(scope="session")
def rendered():
    """{file name: (decision, format, content type, bytes)} for every fixture attachment."""
    if fx.reportlab_missing():
        pytest.skip(fx.reportlab_missing())
    out = {}
    for decision in fx.DECISIONS:
        for name, file_format in fx.files_of(decision):
            content_type, body = fx.render_file(decision, file_format)
            out[name] = (decision, file_format, content_type, body)
    return out


@pytest.fixture
def docs_db(fresh_db):
    """A fresh database with one registered portal in Thái Nguyên."""
    fresh_db.conn.execute("INSERT INTO portals (id, name, family, province, province_2025) "
                          "VALUES ('thainguyen', 'Thái Nguyên', 'nukeviet', 'Thái Nguyên', 'Thái Nguyên')")
    fresh_db.conn.commit()
    return fresh_db


def document_item(decision, base="http://127.0.0.11"):
    return {"kind": "document", "url": base + fx.detail_path(decision), "portal_id": "thainguyen",
            "number": decision.number, "type": decision.doc_type, "issued": decision.issued,
            "signer": decision.signer, "summary": decision.summary, "issuing_body": decision.issuing_body,
            "attachments": [{"url": f"{base}/uploads/laws/{n}", "name": n} for n, _ in fx.files_of(decision)],
            "body": b"<html>detail</html>", "headers": {"Content-Type": "text/html"}, "status": 200,
            "fetched_at": "2024-10-01T02:00:00+00:00"}
