"""DocumentsSpider end to end against the fixture documents section, served on 127.0.0.x.

The crawl runs in a child process (Twisted's reactor cannot restart inside the test process).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from harvester.fixture_portals import documents as fx
from harvester.schema import open_db

pytestmark = pytest.mark.e2e

CRAWL = textwrap.dedent("""
    import json, sys, threading
    from http.server import ThreadingHTTPServer
    from harvester.fixture_portals.server import Site, SiteServer, _RequestHandler
    from harvester.fixture_portals.documents import add_documents_section, document_paths
    from harvester.registry import Portal
    from harvester.runner import build_settings
    from scrapy.crawler import CrawlerProcess
    from spiders.documents import DocumentsSpider

    db_path = sys.argv[1]
    site = Site("tn-docs", "nukeviet", "Thái Nguyên", "Thái Nguyên")
    add_documents_section(site)
    server = SiteServer(site, "127.0.0.61")
    if int(sys.argv[2]):  # the second run serves on the first run's port: same URLs, seen in SQLite
        server.server_close()
        server = SiteServer.__new__(SiteServer)
        server.site = site
        ThreadingHTTPServer.__init__(server, ("127.0.0.61", int(sys.argv[2])), _RequestHandler)
    host, port = server.server_address[:2]
    site.base_url = f"http://{host}:{port}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    portal = Portal(id="tn-docs", name="Thái Nguyên", family="nukeviet", start_urls=[],
                    province="Thái Nguyên", province_2025="Thái Nguyên",
                    document_urls=[site.url(p) for p in document_paths()])
    settings = build_settings(db_path, {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
                                        "ROBOTSTXT_OBEY": False, "RETRY_ENABLED": False})
    process = CrawlerProcess(settings, install_root_handler=False)
    process.crawl(DocumentsSpider, portal=portal, db_path=db_path)
    process.start()
    print(json.dumps({"log": site.request_log(), "port": port}))
""")


def _crawl(db_path, port=0):
    done = subprocess.run([sys.executable, "-c", CRAWL, str(db_path), str(port)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return out["log"], out["port"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    if fx.reportlab_missing():
        pytest.skip(fx.reportlab_missing())
    db_path = tmp_path_factory.mktemp("docs") / "docs.db"
    open_db(db_path).conn.close()
    first, port = _crawl(db_path)
    second, _ = _crawl(db_path, port)
    return open_db(db_path), first, second


def test_ocop_documents_from_both_listing_layouts(crawled):
    db, _, _ = crawled
    numbers = {r["number"] for r in db.query("SELECT number FROM documents")}
    ocop = {d.number for d in fx.DECISIONS if d.is_ocop}
    assert numbers == ocop  # the traffic-plan decision is skipped, both layouts and page 2 are read
    row = db.execute("SELECT issued, signer, issuing_body, province FROM documents WHERE number = '2345/QĐ-UBND'"
                     ).fetchone()
    assert row == ("2024-09-05", "Đinh Thị Lan", "UBND tỉnh Thái Nguyên", "Thái Nguyên")


def test_attachments_statuses_and_products(crawled):
    db, _, _ = crawled
    statuses = {r["name"]: r["status"] for r in db.query("SELECT name, status FROM attachments")}
    for planted in fx.PLANTED_DOCUMENTS.values():
        for name, status in planted.get("files", {}).items():
            assert statuses.get(name) in status.split("|"), (name, statuses.get(name))
    counts = dict(db.execute("SELECT number, annex_rows FROM documents WHERE annex_rows IS NOT NULL").fetchall())
    assert counts == {"1520/QĐ-UBND": 12, "2345/QĐ-UBND": 8}
    reason = db.execute("SELECT reason FROM attachments WHERE name = '95-KH-UBND-day-du.pdf'").fetchone()[0]
    assert "209715200" in reason


def test_second_run_skips_stored_documents_and_attachments(crawled):
    _, first, second = crawled
    details = [path for _, path, _ in second if "/detail/" in path]
    files = [path for _, path, _ in second if "/uploads/" in path and "day-du" not in path and ".doc" not in path]
    assert details == [] and files == []
    assert any("/detail/" in path for _, path, _ in first)
