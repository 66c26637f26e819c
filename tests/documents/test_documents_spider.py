"""DocumentsSpider end to end against the fixture documents section, served on 127.0.0.x.

The crawl runs in a child process (Twisted's reactor cannot restart inside the test process).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from extractors.annex import stated_count
from harvester import storage
from harvester.fixture_portals import build_site
from harvester.fixture_portals import documents as fx
from harvester.ingest import annex_rows, read_attachment
from harvester.registry import Portal
from harvester.schema import open_db
from harvester.storage.document_state import load_document_state
from spiders.documents import (
    DocumentsSpider,
    GenericDocumentsSpider,
    NukeVietDocumentsSpider,
    SharePointDocumentsSpider,
    is_ocop,
)

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


# --- the SharePoint vendor control and the generic table, parsed in-process ------------------

def _get(site, url):
    parts = urlsplit(url)
    answer = site.dispatch(parts.path, parse_qs(parts.query), {})
    assert answer.status == 200, url
    return HtmlResponse(url, body=answer.body, encoding="utf-8", status=answer.status)


def _walk(site_id, seed=0):
    """{number: (listing entry, detail fields)} over every listing page, following the pager."""
    site = build_site(site_id, seed=seed)
    site.base_url = "http://127.0.0.9/"
    spider = DocumentsSpider.for_family(site.family)
    [start] = site.document_paths
    url, page, found, listings = site.url(start), 1, {}, []
    while url:
        response = _get(site, url)
        listings.append(url)
        for entry in spider.listing_entries(response):
            found[entry["number"]] = (entry, spider.detail_fields(_get(site, entry["url"])))
        url = spider.next_page_url(response, page)
        page += 1
    return site, found, listings


@pytest.mark.parametrize("site_id", ["sharepoint", "generic"])
def test_section_listing_and_detail_fields_of_every_planted_document(site_id):
    _, found, listings = _walk(site_id)
    planted = fx.PLANTED_SECTION_DOCUMENTS[site_id]
    assert len(listings) == 2  # the pager (?Page=2 / "Trang sau") was followed to the second page
    assert set(found) == set(planted)
    for number, facts in planted.items():
        entry, fields = found[number]
        assert is_ocop(entry["summary"], entry.get("title")) is facts["ocop"], number
        assert (entry["issued"], entry["summary"]) == (facts["issued"], facts["summary"]), number
        assert fields["number"] == number
        got = {k: fields.get(k) for k in ("type", "issued", "signer", "summary", "issuing_body")}
        assert got == {k: facts[k] for k in got}, number
        names = [a["name"] for a in fields["attachments"]]
        assert names == facts["files"], number
        assert all(urlsplit_path(a["url"]).endswith("/" + a["name"]) for a in fields["attachments"])


def urlsplit_path(url):
    return urlsplit(url).path


def test_sections_plant_one_recognition_one_plan_one_unrelated_one_cited_only():
    for site_id, planted in fx.PLANTED_SECTION_DOCUMENTS.items():
        kinds = sorted((f["type"], f["ocop"], bool(f["files"]), bool(f["annex_rows"])) for f in planted.values())
        assert kinds == [("Kế hoạch", True, True, False), ("Quyết định", False, True, False),
                         ("Quyết định", True, False, False), ("Quyết định", True, True, True)], site_id


def test_sharepoint_labels_found_by_suffix_whatever_the_webpart_guid():
    site0, found0, _ = _walk("sharepoint", seed=0)
    site1, found1, _ = _walk("sharepoint", seed=1)
    item = fx.sp_detail_url(fx.SHAREPOINT_DECISIONS[-1])
    ids = [set(re.findall(r'id="(ctl00_SPWebPartManager1_g_[0-9a-f_]+)_ctl00_lblSoKyHieu"',
                          _get(s, s.url(item)).text)) for s in (site0, site1)]
    assert all(len(i) == 1 for i in ids) and ids[0] != ids[1]
    strip = {n: (e["issued"], f["signer"], f["issuing_body"]) for n, (e, f) in found0.items()}
    assert strip == {n: (e["issued"], f["signer"], f["issuing_body"]) for n, (e, f) in found1.items()}


@pytest.mark.parametrize("site_id", ["sharepoint", "generic"])
def test_section_attachments_carry_the_planted_statement_and_annex(site_id):
    if fx.reportlab_missing():
        pytest.skip(fx.reportlab_missing())
    site, found, _ = _walk(site_id)
    for number, facts in fx.PLANTED_SECTION_DOCUMENTS[site_id].items():
        for attachment in found[number][1]["attachments"]:
            answer = site.dispatch(urlsplit_path(attachment["url"]), {}, {})
            _, result = read_attachment({"body": answer.body, "headers": answer.headers,
                                                 "url": attachment["url"]})
            assert result.status == "ok", (number, result.reason)
            assert number in result.text
            stated = stated_count(result.text)
            assert (stated.count if stated else None) == facts["stated_count"], number
            rows = annex_rows(result)
            got = [(r.name, r.owner, r.commune, r.district, r.stars) for r in rows]
            assert got == facts["products"], number


def test_vbpl_style_attribute_table_with_pairs_per_row():
    """vbpl.vn's attribute sheet (§4.5): one table, two label/value pairs a row, "Loại VB"."""
    page = ('<html><body><div class="vbInfo"><ul><li>Hiệu lực: Còn hiệu lực</li>'
            '<li>Ngày có hiệu lực: 15/03/2024</li></ul></div><table>'
            '<tr><td>Số ký hiệu</td><td>412/QĐ-UBND</td><td>Ngày ban hành</td><td>01/03/2024</td></tr>'
            '<tr><td>Loại VB</td><td>Quyết định</td><td>Ngày có hiệu lực</td><td>15/03/2024</td></tr>'
            '<tr><td>Cơ quan ban hành</td><td>UBND tỉnh Bắc Kạn</td><td>Người ký</td><td>Đỗ Thị Minh Hoa</td></tr>'
            '<tr><td>Tình trạng hiệu lực</td><td colspan="3">Còn hiệu lực</td></tr></table></body></html>')
    fields = SharePointDocumentsSpider.detail_fields(HtmlResponse("http://127.0.0.9/TW/Pages/vbpq-thuoctinh.aspx?ItemID=7",
                                        body=page.encode(), encoding="utf-8"))
    got = {k: fields.get(k) for k in ("number", "issued", "type", "issuing_body", "signer")}
    assert got == {"number": "412/QĐ-UBND", "issued": "2024-03-01", "type": "Quyết định",
                   "issuing_body": "UBND tỉnh Bắc Kạn", "signer": "Đỗ Thị Minh Hoa"}
    assert fields["attachments"] == []


def test_documents_spiders_are_family_declarations():
    assert DocumentsSpider.for_family("nukeviet") is NukeVietDocumentsSpider
    assert DocumentsSpider.for_family("sharepoint") is SharePointDocumentsSpider
    assert DocumentsSpider.for_family("wordpress") is DocumentsSpider.for_family(None) is GenericDocumentsSpider
    assert NukeVietDocumentsSpider.name == "documents-nukeviet"
    with pytest.raises(TypeError, match="must define: family"):
        type("Unnamed", (DocumentsSpider,), {})
    portal = Portal(id="cb", name="Cao Bằng", family="sharepoint", start_urls=["https://cb.example/"],
                    document_urls=["https://cb.example/Pages/van-ban-phap-quy.aspx"])
    spider = DocumentsSpider.from_crawler(get_crawler(DocumentsSpider), portal=portal, db_path=None)
    assert type(spider) is SharePointDocumentsSpider and spider.portal_id == "cb"


def test_document_state_is_read_only_and_retries_failed_attachments(tmp_path):
    assert load_document_state(tmp_path / "absent.db").documents == frozenset()
    path = tmp_path / "state.db"
    db = open_db(path)
    storage.save_document(db, {"kind": "document", "url": "http://127.0.0.9/vb/1", "portal_id": "p",
                               "number": "12/QĐ-UBND", "summary": "Công nhận sản phẩm OCOP",
                               "attachments": [{"url": "http://127.0.0.9/f/pending.pdf"}]})
    for url, status in (("ok.pdf", "ok"), ("gone.pdf", "fetch-failed"), ("big.pdf", "too-large")):
        db.conn.execute("INSERT INTO attachments (url, status) VALUES (?, ?)", (f"http://127.0.0.9/f/{url}", status))
    db.conn.commit()
    db.conn.close()
    before = path.read_bytes()
    state = load_document_state(path)
    assert state.documents == {"http://127.0.0.9/vb/1"}
    assert state.attachments == {"http://127.0.0.9/f/ok.pdf", "http://127.0.0.9/f/big.pdf"}
    assert path.read_bytes() == before
