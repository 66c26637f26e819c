"""Liferay 6.2 provincial portal with an Asset Publisher (portlet 101) and a custom web-content template.

URL map (<inst> is a 12-char instance id derived from the seed):
  /  → /web/guest/trang-chu (302)
  /web/guest/tin-tuc                       all posts; paging ?p_p_id=101_INSTANCE_<inst>&…&_101_INSTANCE_<inst>_cur=N
  /web/guest/chuong-trinh-ocop             OCOP posts; same paging parameters
  /web/guest/tin-tuc/-/asset_publisher/<inst>/content/<urlTitle>?inheritRedirect=false&redirect=<listing URL>
                                           detail; the redirect= value differs per listing page, so one
                                           article appears under many URLs (canonical: drop the query)
  /documents/<groupId>/<folderId>/<file>/<uuid>?t=<ms>     attachments and images
  /sitemap.xml  /robots.txt
Traps: "Xuất bản thông tin" portlet title, "null <Title>" header, "Chi tiết bài viết Tin tức",
date only in the template's div.date ("07/11/2023 08:15"), "Biên tập: …" editor line, "Tin khác"
and "Văn bản mới" portlets beside the article.
"""

from __future__ import annotations

import random
import uuid
from urllib.parse import quote, urlencode

from harvester.fixture_portals import render as r
from harvester.fixture_portals.content import SIDEBAR_DOCUMENTS, Article
from harvester.fixture_portals.server import Post, Response, Site, html, not_found, redirect, xml

PER_PAGE = 2
GROUP_ID = 20181
FOLDER_ID = 179461
PAGES = {"tin-tuc": ("Tin tức", None), "chuong-trinh-ocop": ("Chương trình OCOP", "ocop")}
ROBOTS = "User-Agent: *\nDisallow: /c/\nDisallow: /group/\nDisallow: /user/\nDisallow: /api/\n"


def _instance(site: Site) -> str:
    rng = random.Random(f"liferay-{site.seed}")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(12))


def _uuid(site: Site, name: str) -> str:
    return str(uuid.UUID(int=random.Random(f"{site.seed}-{name}").getrandbits(128)))


def doc_url(site: Site, filename: str, when_ms: int) -> str:
    return f"/documents/{GROUP_ID}/{FOLDER_ID}/{quote(filename)}/{_uuid(site, filename)}?t={when_ms}"


def _attachment_name(art: Article) -> str | None:
    if not art.documents:
        return None
    return art.documents[0]["number"].replace("/", "-").replace("Đ", "D") + ".pdf"


def _post_factory(site: Site, article: Article) -> Post:
    post_id = 4118800 + len(site.posts) * 11
    slug = r.slugify(article.title)
    inst = _instance(site)
    return Post(article, post_id, slug, f"/web/guest/tin-tuc/-/asset_publisher/{inst}/content/{slug}", article.category)


def _listing_url(site: Site, page_name: str, cur: int) -> str:
    inst = _instance(site)
    pid = f"101_INSTANCE_{inst}"
    params = {
        "p_p_id": pid, "p_p_lifecycle": "0", "p_p_state": "normal", "p_p_mode": "view",
        "p_p_col_id": "column-1", "p_p_col_count": "1", f"_{pid}_delta": str(PER_PAGE), f"_{pid}_cur": str(cur),
    }
    return f"/web/guest/{page_name}?{urlencode(params)}"


def _layout(site: Site, title: str, main: str, side: str = "") -> str:
    nav = "".join(f'<li><a href="/web/guest/{k}"><span>{r.e(v[0])}</span></a></li>' for k, v in PAGES.items())
    return f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head>
<title>{r.e(title)} - {r.e(site.name)}</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type">
<link href="/html/themes/classic/images/favicon.ico" rel="Shortcut Icon">
<script type="text/javascript">var Liferay = {{ThemeDisplay: {{getCompanyId: function() {{ return "20155"; }}, getScopeGroupId: function() {{ return "{GROUP_ID}"; }}}}}};</script>
</head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<a href="#main-content" id="skip-to-content">Chuyển đến nội dung</a>
<div class="container-fluid" id="wrapper">
<header id="banner" role="banner"><div id="heading"><h1 class="site-title"><a class="logo custom-logo" href="/web/guest/trang-chu" title="Chuyển đến {r.e(site.name)}"><img alt="{r.e(site.name)}" src="/image/company_logo?img_id=20157"></a></h1></div>
<nav class="sort-pages modify-pages" id="navigation"><ul aria-label="Trang web" role="menubar"><li><a href="/web/guest/trang-chu"><span>Trang chủ</span></a></li>{nav}</ul></nav></header>
<div id="content"><div class="portlet-layout row-fluid"><div class="portlet-column portlet-column-first span8" id="column-1">
{main}
</div><div class="portlet-column portlet-column-last span4" id="column-2">{side}</div></div></div>
<footer id="footer" role="contentinfo"><p class="powered-by">Cơ quan chủ quản: UBND tỉnh. Địa chỉ: 23 Trần Hưng Đạo, TP. Gia Nghĩa.</p></footer>
</div></body></html>"""


def _portlet(inst: str, title: str, body: str, portlet: str = "101") -> str:
    return (
        f'<section class="portlet" id="portlet_{portlet}_INSTANCE_{inst}"><header class="portlet-topper">'
        f'<h1 class="portlet-title"><span class="portlet-title-text">{r.e(title)}</span></h1></header>'
        f'<div class="portlet-content"><div class="portlet-content-container"><div class="portlet-body">{body}</div></div></div></section>'
    )


def _side(site: Site, exclude: Post | None = None) -> str:
    docs = "".join(
        f'<li><a href="/web/guest/van-ban?ma={quote(n)}">{r.e(n)}</a><p>{r.e(t)}</p></li>' for n, t in SIDEBAR_DOCUMENTS
    )
    others = [p for p in site.newest_first() if p is not exclude][:4]
    other = "".join(
        f'<li><a href="{p.path}">{r.e(p.title)}</a> <span class="date">({r.dmy(p.published)})</span></li>' for p in others
    )
    return (
        _portlet("vbm01aB2cD3e", "Văn bản mới", f'<ul class="van-ban-moi">{docs}</ul>', portlet="56")
        + _portlet("tk02fG4hI5jK", "Tin khác", f'<ul class="tin-khac">{other}</ul>', portlet="101")
    )


def _detail(site: Site, post: Post) -> str:
    a = post.article
    ms = int(a.published.timestamp() * 1000)
    img = doc_url(site, f"{post.slug[:20]}.jpg", ms)
    paras = r.paragraphs_html(post, image=img)
    att = _attachment_name(a)
    attach = (
        f'<div class="attachments"><span>Tệp đính kèm:</span> <a href="{doc_url(site, att, ms)}" target="_blank">{r.e(att)}</a></div>'
        if att else ""
    )
    editor = f'<p style="text-align:right"><strong>Biên tập: {r.e(a.author)}</strong></p>' if a.author else ""
    body = f"""<div class="taglib-header"><h1 class="header-title"><span>null {r.e(a.title)}</span></h1></div>
<div class="asset-full-content default-asset-publisher show-asset-title"><div class="asset-content">
<div class="journal-content-article" data-analytics-asset-id="{post.post_id}">
<div class="news-detail"><div class="cat">Chi tiết bài viết Tin tức</div>
<h2 class="title">{r.e(a.title)}</h2>
<div class="date">{r.dmy_hm(a.published)}</div>
<div class="content"><p class="sapo"><strong>{r.e(a.lead)}</strong></p>
{paras}
{attach}</div>
{editor}</div>
</div>
<div class="asset-ratings"><div class="taglib-ratings stars">Đánh giá bài viết</div></div>
</div></div>"""
    return _layout(site, a.title, _portlet(_instance(site), "Xuất bản thông tin", body), _side(site, post))


def install(site: Site) -> None:
    site.post_factory = _post_factory
    site.settings = {"per_page": PER_PAGE}
    site.start_paths = ["/web/guest/chuong-trinh-ocop", "/web/guest/tin-tuc"]
    inst = _instance(site)
    pid = f"101_INSTANCE_{inst}"

    def listing(page_name: str, query) -> Response:
        title, cat = PAGES[page_name]
        posts = site.newest_first(category=cat)
        cur = r.qint(query, f"_{pid}_cur", 1)
        chunk, pages = r.page_slice(posts, cur, PER_PAGE)
        if cur < 1 or cur > pages:
            chunk = []
        here = _listing_url(site, page_name, cur)
        items = []
        for p in chunk:
            href = f"{p.path}?inheritRedirect=false&redirect={quote(here, safe='')}"
            items.append(
                f'<div class="asset-abstract"><h3 class="asset-title"><a href="{r.e(href)}">{r.e(p.title)}</a></h3>'
                f'<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{r.dmy(p.published)}</span></div>'
                f'<div class="asset-summary">{r.e(p.article.lead)}</div>'
                f'<div class="asset-more"><a href="{r.e(href)}">Xem thêm »</a></div></div>'
            )
        buttons = []
        if cur > 1:
            buttons.append(f'<li><a href="{r.e(_listing_url(site, page_name, 1))}">Đầu</a></li>')
            buttons.append(f'<li><a href="{r.e(_listing_url(site, page_name, cur - 1))}">Trước</a></li>')
        if cur < pages:
            buttons.append(f'<li><a href="{r.e(_listing_url(site, page_name, cur + 1))}">Tiếp</a></li>')
            buttons.append(f'<li><a href="{r.e(_listing_url(site, page_name, pages))}">Cuối</a></li>')
        pager = (
            f'<div class="taglib-page-iterator" id="_{pid}_ocerSearchContainerPageIterator"><div class="search-results">'
            f"Hiển thị {len(chunk)} trong tổng số {len(posts)} kết quả.</div>"
            f'<ul class="pager lfr-pagination-buttons">{"".join(buttons)}</ul></div>'
        )
        main = _portlet(inst, "Xuất bản thông tin", "".join(items) + pager)
        return html(_layout(site, title, main, _side(site)))

    def router(path: str, query, headers) -> Response:
        if path in ("/", "/web/guest", "/web/guest/"):
            return redirect("/web/guest/trang-chu")
        if path == "/web/guest/trang-chu":
            return listing("tin-tuc", {})
        name = path[len("/web/guest/") :] if path.startswith("/web/guest/") else ""
        if name in PAGES:
            return listing(name, query)
        post = site.post_by_path(path)
        if post is not None:
            return html(_detail(site, post), last_modified=post.article.modified)
        return not_found()

    def documents(path: str, query, headers) -> Response:
        parts = path.split("/")
        name = parts[4] if len(parts) > 4 else ""
        files = site.state.setdefault("files", {})
        if path in files:
            body, ctype = files[path]
            return Response(200, {"Content-Type": ctype}, body)
        if name.endswith(".pdf"):
            return Response(200, {"Content-Type": "application/pdf"}, r.tiny_pdf(name))
        if name.endswith(".jpg"):
            return Response(200, {"Content-Type": "image/jpeg"}, r.tiny_jpeg())
        return not_found()

    site.add_route("/", router, prefix=True)
    site.add_route("/documents/", documents, prefix=True)
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"}, ROBOTS.encode()))
    site.add_route("/sitemap.xml",
                   lambda p, q, h: xml(r.urlset([(site.url(p.path), p.article.modified.date().isoformat()) for p in site.newest_first()])))
