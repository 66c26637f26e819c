"""A generic-family site whose listing links to every way a fetch can go wrong.

URL map (all linked from /tin-tuc/):
  /loi/500.html              500 every time
  /loi/503.html              503 + Retry-After: 1 until 1 s after the first request, then 200 (an OCOP article)
  /loi/cham.html?delay=S     answers after S seconds (default: site.settings["slow_delay"], 5 s)
  /loi/cat-ngang.html        truncated: Content-Length larger than the body, connection closed
  /bai-viet/<slug>-post1.html  Windows-1258 bytes, charset declared in <meta> (OCOP article)
  /bai-viet/<slug>-post2.html  Windows-1258 bytes, NO charset anywhere (OCOP article)
  /bai-viet/<slug>-post4.html  an unrelated (non-OCOP) article, plain UTF-8
  /bai-viet/<slug>-post5.html  UTF-8 with one stray Windows-1252 byte (0x92) in a paragraph, charset declared
  /bai-viet/<slug>-post6.html  TCVN3 font bytes, <font face=".VnTime">, no charset anywhere
  /bai-viet/<slug>-post7.html  VNI-Windows font bytes, <font face="VNI-Times">, charset iso-8859-1
  /loi/vong-lap-a.html       302 → vong-lap-b.html → 302 → vong-lap-a.html …
  /loi/khong-ton-tai.html    404
  /loi/trang-lon.html        a ~20 MB HTML page (size: site.settings["big_page_bytes"])
  /loi/tap-tin.html          binary bytes (application/octet-stream)
  /loi/trong.html            200 with an empty body
  /loi/chuyen-huong-ngoai.html    302 to another host (site.settings["foreign_url"])
  /loi/chuyen-huong-may-chu.html  302 to 127.0.0.1 (site.settings["loopback_url"])
  /loi/chuyen-huong-tep.html      302 to file:///etc/passwd
  /loi/lam-moi.html               a page whose <meta http-equiv=refresh> points at the loopback URL
  /loi/chuyen-huong-trong.html    301 to one of the site's own articles (a redirect to follow)
The plain page markup (no detail-* classes) makes extractors fall back to trafilatura.
"""

from __future__ import annotations

import random
import time
import unicodedata

from harvester.fixture_portals import generic
from harvester.fixture_portals import render as r
from harvester.fixture_portals.content import Article
from harvester.fixture_portals.legacy import to_tcvn3, to_vni
from harvester.fixture_portals.server import Post, Response, Site, html, not_found, redirect

ROBOTS = "User-agent: *\nDisallow: /quan-tri/\n"

FAULT_LINKS = (
    ("/loi/500.html", "Lỗi máy chủ"),
    ("/loi/503.html", "Tạm thời quá tải"),
    ("/loi/cham.html", "Trang tải rất chậm"),
    ("/loi/cat-ngang.html", "Trang bị cắt ngang"),
    ("/loi/vong-lap-a.html", "Chuyển hướng vòng lặp"),
    ("/loi/khong-ton-tai.html", "Bài đã bị xóa"),
    ("/loi/trang-lon.html", "Trang rất lớn"),
    ("/loi/tap-tin.html", "Tệp nhị phân"),
    ("/loi/trong.html", "Trang trống"),
    ("/loi/chuyen-huong-ngoai.html", "Chuyển sang trang khác"),
    ("/loi/chuyen-huong-may-chu.html", "Chuyển vào máy nội bộ"),
    ("/loi/chuyen-huong-tep.html", "Chuyển sang tệp hệ thống"),
    ("/loi/lam-moi.html", "Tự làm mới sang máy nội bộ"),
    ("/loi/chuyen-huong-trong.html", "Chuyển trong trang"),
)

# Where the off-portal redirects point (nothing listens there by default; tests put a
# listener in place to check that it is never asked).
FOREIGN_URL = "http://127.0.0.99:9/tin-ngoai.html"
LOOPBACK_URL = "http://127.0.0.1:9/quan-tri/cau-hinh.html"

# Which content article each special path carries.
CP1258_DECLARED = "hg-cp1258-declared"
CP1258_UNDECLARED = "bth-cp1258-undeclared"
RETRY_503 = "vp-tam-dao"
INNER_REDIRECT_TARGET = "u-ret-dam"
STRAY_BYTE = "tn-utf8-stray-byte"
TCVN3 = "hd-tcvn3"
VNI = "bd-vni"
LEGACY_ENCODED = (CP1258_DECLARED, CP1258_UNDECLARED, STRAY_BYTE, TCVN3, VNI)


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 the way Vietnamese editors did: precomposed letters cp1258 has
    (â, ê, ô, ơ, ư, ă, đ, some toned vowels) plus combining tone marks for the rest."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        # Fold into the base every mark cp1258 has a precomposed letter for (â ê ô ă ơ ư); NFD puts
        # the dot below before the circumflex, so look at each mark, not only the first.
        changed = True
        while changed and marks:
            changed = False
            for i, mark in enumerate(marks):
                candidate = unicodedata.normalize("NFC", base + mark)
                if len(candidate) != 1:
                    continue
                try:
                    candidate.encode("cp1258")
                except UnicodeEncodeError:
                    continue
                base, marks, changed = candidate, marks[:i] + marks[i + 1 :], True
                break
        out += (base + marks).encode("cp1258", errors="replace")
    return bytes(out)


def with_stray_byte(page: str) -> bytes:
    """UTF-8 with one Windows-1252 right quote (0x92) pasted into the second paragraph."""
    body = page.encode("utf-8")
    at = body.index(b"<p>", body.index(b"<p>") + 1) + len(b"<p>")
    return body[:at] + b"\x92" + body[at:]


def plain_page(title: str, art: Article, *, meta_charset: str | None, font: str | None = None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={meta_charset}">' if meta_charset else ""
    paras = "".join(f"<p>{r.e(p)}</p>" for p in art.body_paragraphs)
    if font:  # legacy-font pages draw their bytes as Vietnamese through the font
        paras = f'<font face="{font}">{paras}</font>'
    return (
        f"<html><head>{meta}<title>{r.e(title)}</title></head><body>"
        f'<table width="100%"><tr><td><a href="/">Trang chủ</a> | <a href="/tin-tuc/">Tin tức</a></td></tr></table>'
        f"<table><tr><td><b>{r.e(art.title)}</b><br><i>Ngày đăng: {art.published.strftime('%d/%m/%Y %H:%M')}</i>"
        f"{paras}<p>{r.e(art.author)}</p></td></tr></table>"
        f"<p>Bản quyền thuộc Sở Nông nghiệp. Ghi rõ nguồn khi phát hành lại.</p></body></html>"
    )


def install(site: Site) -> None:
    generic.install(site, per_page=20)
    site.settings.update({"slow_delay": 5.0, "big_page_bytes": 20 * 1024 * 1024, "retry_after": 1,
                          "foreign_url": FOREIGN_URL, "loopback_url": LOOPBACK_URL})
    site.start_paths = ["/tin-tuc/"]
    counters = site.state.setdefault("hits", {})
    retry_hits = site.state.setdefault("retry_hits", {})  # path -> [(time.monotonic(), status)]

    def unavailable(path: str) -> Response | None:
        """503 + Retry-After until that many seconds have passed since the path's first request."""
        now = time.monotonic()
        hits = retry_hits.setdefault(path, [])
        counters[path] = counters.get(path, 0) + 1
        if not hits or now - hits[0][0] < site.settings["retry_after"]:
            hits.append((now, 503))
            return Response(503, {"Retry-After": str(site.settings["retry_after"]), "Content-Type": "text/html"},
                            b"<html><body>Service Unavailable</body></html>", cacheable=False)
        hits.append((now, 200))
        return None

    def post_for(key: str) -> Post | None:
        return next((p for p in site.posts if p.article.key == key), None)

    def listing(path, query, headers) -> Response:
        posts = site.newest_first()
        fault_items = "".join(f'<div class="story"><h3 class="story__title"><a href="{u}">{r.e(t)}</a></h3></div>' for u, t in FAULT_LINKS)
        main = f'<h1 class="cat-title">Tin tức</h1><div class="list-news">{generic.listing_html(posts)}{fault_items}</div>'
        return html(generic.layout(site, "Tin tức", main))

    def article_route(path, query, headers) -> Response:
        post = site.post_by_path(path)
        if post is None:
            return not_found()
        key = post.article.key
        if key == CP1258_DECLARED:
            body = to_cp1258(plain_page(post.title, post.article, meta_charset="windows-1258"))
            return Response(200, {"Content-Type": "text/html"}, body)
        if key == CP1258_UNDECLARED:
            body = to_cp1258(plain_page(post.title, post.article, meta_charset=None))
            return Response(200, {"Content-Type": "text/html"}, body)
        if key == STRAY_BYTE:
            body = with_stray_byte(plain_page(post.title, post.article, meta_charset="utf-8"))
            return Response(200, {"Content-Type": "text/html; charset=utf-8"}, body)
        if key == TCVN3:
            return Response(200, {"Content-Type": "text/html"},
                            to_tcvn3(plain_page(post.title, post.article, meta_charset=None, font=".VnTime")))
        if key == VNI:
            body = to_vni(plain_page(post.title, post.article, meta_charset="iso-8859-1", font="VNI-Times"))
            return Response(200, {"Content-Type": "text/html"}, body)
        if key == RETRY_503:
            busy = unavailable(path)
            if busy is not None:
                return busy
        return html(plain_page(post.title, post.article, meta_charset="utf-8"), last_modified=post.article.modified)

    def always_500(path, query, headers) -> Response:
        return Response(500, {"Content-Type": "text/html"}, b"<html><body>Internal Server Error</body></html>", cacheable=False)

    def retry_503(path, query, headers) -> Response:
        busy = unavailable(path)
        if busy is not None:
            return busy
        post = post_for(RETRY_503)
        return html(plain_page(post.title, post.article, meta_charset="utf-8"))

    def slow(path, query, headers) -> Response:
        delay = float(r.qstr(query, "delay", str(site.settings["slow_delay"])) or 0)
        resp = html("<html><body><p>Trang này trả lời rất chậm.</p></body></html>")
        resp.delay = min(delay, 60.0)
        resp.cacheable = False
        return resp

    def truncated(path, query, headers) -> Response:
        art = post_for(RETRY_503).article
        full = plain_page(art.title, art, meta_charset="utf-8").encode()
        return Response(200, {"Content-Type": "text/html; charset=utf-8"}, full[: len(full) // 2], truncate=True, cacheable=False)

    big_cache: dict[int, bytes] = {}

    def big(path, query, headers) -> Response:
        size = int(site.settings["big_page_bytes"])
        if size not in big_cache:
            row = "<p>Dòng dữ liệu lặp lại để làm trang thật lớn, không có nội dung OCOP.</p>\n".encode()
            head = b"<html><head><meta charset='utf-8'><title>Trang lon</title></head><body>"
            big_cache[size] = head + row * (max(0, size - len(head)) // len(row) + 1) + b"</body></html>"
        return Response(200, {"Content-Type": "text/html; charset=utf-8"}, big_cache[size])

    def binary(path, query, headers) -> Response:
        data = random.Random(site.seed).randbytes(4096)
        return Response(200, {"Content-Type": "application/octet-stream"}, b"\x89PNG\r\n\x1a\n" + data)

    site.add_route("/", lambda p, q, h: listing(p, q, h))
    site.add_route("/tin-tuc/", listing)
    site.add_route("/bai-viet/", article_route, prefix=True)
    site.add_route("/loi/500.html", always_500)
    site.add_route("/loi/503.html", retry_503)
    site.add_route("/loi/cham.html", slow)
    site.add_route("/loi/cat-ngang.html", truncated)
    site.add_route("/loi/vong-lap-a.html", lambda p, q, h: redirect("/loi/vong-lap-b.html"))
    site.add_route("/loi/vong-lap-b.html", lambda p, q, h: redirect("/loi/vong-lap-a.html"))
    site.add_route("/loi/khong-ton-tai.html", lambda p, q, h: not_found())
    site.add_route("/loi/trang-lon.html", big)
    site.add_route("/loi/tap-tin.html", binary)
    site.add_route("/loi/trong.html", lambda p, q, h: Response(200, {"Content-Type": "text/html; charset=utf-8"}, b""))
    site.add_route("/loi/chuyen-huong-ngoai.html", lambda p, q, h: redirect(site.settings["foreign_url"]))
    site.add_route("/loi/chuyen-huong-may-chu.html", lambda p, q, h: redirect(site.settings["loopback_url"]))
    site.add_route("/loi/chuyen-huong-tep.html", lambda p, q, h: redirect("file:///etc/passwd"))
    site.add_route("/loi/lam-moi.html", lambda p, q, h: html(
        f'<html><head><meta http-equiv="refresh" content="0;url={site.settings["loopback_url"]}">'
        "<title>Đang chuyển trang</title></head><body><p>Đang chuyển trang…</p></body></html>"))

    def inner_redirect(path, query, headers) -> Response:
        post = post_for(INNER_REDIRECT_TARGET)
        return redirect(post.path, 301) if post else not_found()

    site.add_route("/loi/chuyen-huong-trong.html", inner_redirect)
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"}, ROBOTS.encode()))

    def factory(site_: Site, article: Article) -> Post:
        post_id = len(site_.posts) + 1
        slug = r.slugify(article.title)
        return Post(article, post_id, slug, f"/bai-viet/{slug}-post{post_id}.html", "tin-tuc")

    site.post_factory = factory
