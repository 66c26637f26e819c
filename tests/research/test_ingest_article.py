"""`harvester ingest-article`: files, folders and URLs through the crawl's own ingest path."""

from __future__ import annotations

import socket
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from harvester.article_sources import SourceError, text_page, url_item
from harvester.cli import cli
from harvester.storage import decompress

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Hà Giang: 95 sản phẩm OCOP</title></head>
<body><nav>Trang chủ | Tin tức</nav><article><h1>Hà Giang: 95 sản phẩm OCOP</h1>
<p>Đến nay, tỉnh Hà Giang có 95 sản phẩm OCOP đạt từ 3 sao trở lên.</p></article></body></html>"""


def run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest-article", *(str(a) for a in args)])
    return result.exit_code, result.output


def rows(db, sql):
    return sqlite3.connect(db).execute(sql).fetchall()


def test_text_file_first_line_is_the_title_and_the_page_is_archived(tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text("Mộc Châu có thêm sản phẩm OCOP\n\nNăm 2024, tỉnh Sơn La có thêm 12 sản phẩm được công "
                       "nhận OCOP.\n", encoding="utf-8")
    code, out = run(article, "--published", "2024-12-20", "--db", tmp_path / "a.db")
    assert code == 0 and out.startswith("new") and "(1 figures" in out
    [(title, published, url, body, kind)] = rows(tmp_path / "a.db", "SELECT a.title, a.published, a.url, p.body, "
                                                 "p.kind FROM articles a JOIN pages p ON p.id = a.page_id")
    assert (title, published, url, kind) == ("Mộc Châu có thêm sản phẩm OCOP", "2024-12-20", article.as_uri(),
                                             "article")
    assert "<h1>Mộc Châu có thêm sản phẩm OCOP</h1>" in decompress(body).decode()


def test_html_file_with_its_real_url_and_a_title_for_text_only(tmp_path):
    page = tmp_path / "trang.html"
    page.write_text(PAGE, encoding="utf-8")
    code, _ = run(page, "--url", "https://hagiang.example.gov.vn/95", "--db", tmp_path / "a.db")
    assert code == 0
    assert rows(tmp_path / "a.db", "SELECT url, title FROM articles") == [
        ("https://hagiang.example.gov.vn/95", "Hà Giang: 95 sản phẩm OCOP")]
    code, out = run(page, "--title", "Khác", "--db", tmp_path / "a.db")
    assert code == 1 and "--title is for plain-text files" in out
    code, out = run(page, tmp_path / "x.txt", "--url", "https://x.vn/", "--db", tmp_path / "a.db")
    assert code == 2 and "exactly one file" in out


def test_a_folder_loads_every_article_once(tmp_path):
    folder = tmp_path / "bai-viet"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Tiêu đề\nToàn tỉnh Sơn La có 120 sản phẩm OCOP.", encoding="utf-8")
    (folder / "notes.csv").write_text("x,y\n", encoding="utf-8")
    for _ in range(2):
        code, out = run(folder, "--db", tmp_path / "a.db")
        assert code == 0, out
    assert out.count("unchanged") == 2
    assert rows(tmp_path / "a.db", "SELECT count(*) FROM articles") == [(2,)]
    assert rows(tmp_path / "a.db", "SELECT count(*) FROM pages") == [(2,)]


def test_files_it_cannot_read_exit_non_zero_and_lose_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Tiêu đề\nToàn tỉnh Sơn La có 120 sản phẩm OCOP.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty.txt").write_text("\n \n", encoding="utf-8")
    code, out = run(tmp_path / "missing.txt", tmp_path / "scan.pdf", tmp_path / "blob.txt", tmp_path / "empty.txt",
                    good, "--db", tmp_path / "a.db")
    assert code == 1
    assert "missing.txt: no such file" in out and "use harvester ingest-attachment" in out
    assert "blob.txt: binary data" in out and "empty.txt: the text is empty" in out
    assert "1 article(s) stored, 4 input(s) could not be read" in out and "Traceback" not in out
    assert rows(tmp_path / "a.db", "SELECT count(*) FROM articles") == [(1,)]


def test_province_files_the_articles_under_an_analyst_portal(tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text("Tiêu đề\nToàn tỉnh có 64 sản phẩm OCOP.", encoding="utf-8")
    code, _ = run(article, "--province", "yen bai", "--db", tmp_path / "a.db")
    assert code == 0
    assert rows(tmp_path / "a.db", "SELECT p.id, p.province, p.province_2025, p.enabled FROM articles a "
                "JOIN portals p ON p.id = a.portal_id") == [("analyst-yen-bai", "Yên Bái", "Lào Cai", 0)]
    code, out = run(article, "--province", "Atlantis", "--db", tmp_path / "a.db")
    assert code == 2 and "unknown province" in out


def test_reextract_replays_a_loaded_article(tmp_path):
    article = tmp_path / "bai.txt"
    article.write_text("Tiêu đề\nToàn tỉnh Sơn La có 120 sản phẩm OCOP.", encoding="utf-8")
    run(article, "--db", tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["reextract", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0 and "1 unchanged" in result.output
    assert rows(tmp_path / "a.db", "SELECT count, province FROM figures") == [(120, "Sơn La")]


def test_text_page_escapes_markup():
    html, title = text_page("<b>Tiêu đề</b>\n1 < 2 & 3")
    assert title == "<b>Tiêu đề</b>" and "<h1>&lt;b&gt;Tiêu đề&lt;/b&gt;</h1>" in html and "1 &lt; 2 &amp; 3" in html


# ------------------------------------------------------------------------------------- URLs


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/bai-viet":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/chuyen-huong":
            self.send_response(302)
            self.send_header("Location", "/bai-viet")
            self.end_headers()
        elif self.path == "/ra-ngoai":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.2:{self.server.server_port}/bai-viet")
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_and_kept_on_its_host(site, tmp_path):
    db = tmp_path / "a.db"
    code, out = run(f"{site}/bai-viet", "--db", db)
    assert code == 1 and "local or private address" in out  # loopback is refused unless allowed
    code, out = run(f"{site}/chuyen-huong", "--allow-private-hosts", "--published", "2025-04-02", "--db", db)
    assert code == 0, out
    [(url, published, final_url, status)] = rows(db, "SELECT a.url, a.published, p.final_url, p.status "
                                                     "FROM articles a JOIN pages p ON p.id = a.page_id")
    assert (url, published, final_url, status) == (f"{site}/bai-viet", "2025-04-02", f"{site}/bai-viet", 200)
    code, out = run(f"{site}/ra-ngoai", "--allow-private-hosts", "--db", db)
    assert code == 1 and "redirected to another host" in out
    code, out = run(f"{site}/khong-co", "--allow-private-hosts", "--db", db)
    assert code == 1 and "HTTP 404" in out


def test_url_size_is_bounded(site):
    with pytest.raises(SourceError, match="larger than"):
        url_item(f"{site}/bai-viet", portal_id="analyst", allow_private=True, max_bytes=100)
    with pytest.raises(SourceError, match="only http and https"):
        url_item("ftp://example.vn/x", portal_id="analyst")


def test_a_name_that_resolves_elsewhere_at_connect_time_is_refused(site, monkeypatch):
    """DNS rebinding: the check sees a public address, the connection would reach loopback."""
    port = int(site.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers = iter([("93.184.216.34", port)])  # first lookup (the check): a public address

    def rebinding(host, *args, **kwargs):
        if host != "tin.rebind.example":
            return real(host, *args, **kwargs)
        address = next(answers, ("127.0.0.1", port))  # every later lookup: loopback
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", address)]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(SourceError, match=r"connected to a local or private address \(127\.0\.0\.1\)"):
        url_item(f"http://tin.rebind.example:{port}/bai-viet", portal_id="analyst")
    # allowed on purpose, the same connection path fetches the page
    item = url_item(f"http://tin.rebind.example:{port}/bai-viet", portal_id="analyst", allow_private=True)
    assert item["status"] == 200 and b"<html" in item["body"].lower()
