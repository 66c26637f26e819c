"""SharePoint 2013 "PublishingPortal" provincial portal (the Bắc Kạn variant).

URL map:
  /  → /Pages/trang-chu.aspx (302)
  /Pages/tin-tuc.aspx?Page=N             all posts, newest first (Page 1 has no parameter)
  /Pages/chuong-trinh-ocop.aspx?Page=N   OCOP posts
  /pages/<slug>-<4hex>.aspx              detail
  /PictureLibrary/<hex>/<file>.jpg       images
  /robots.txt                            disallows /_layouts/ and /_vti_bin/
The "sharepoint-postback" site (install_postback) pages its news list only by postback:
  POST /Pages/tin-tuc.aspx with __EVENTTARGET=<pager control>, __EVENTARGUMENT=Page$N and the
  page's __VIEWSTATE (without it: 500, like ASP.NET's "Invalid postback"); GET ?Page=N is ignored.
Traps: aspnetForm with a large __VIEWSTATE, "Skip Ribbon Commands", web-part chrome titles
"PublishingPortal - Block_BanTin_Toolbar" / "…_ViewData" as text, day-only date "19/05/2022",
"Tăng cỡ chữ Giảm cỡ chữ", the article rendered a second time in a hidden print block,
control ids ctl00_ctl39_g_<guid> whose GUIDs depend on the seed (differ per site).
"""

from __future__ import annotations

import base64
import random
import uuid

from harvester.fixture_portals import render as r
from harvester.fixture_portals.content import SIDEBAR_DOCUMENTS, Article
from harvester.fixture_portals.server import Post, Response, Site, html, not_found, redirect

PER_PAGE = 3
LISTS = {"tin-tuc": ("Tin tức - Sự kiện", None), "chuong-trinh-ocop": ("Chương trình OCOP", "ocop")}
ROBOTS = "User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /_catalogs/\n"


def _rng(site: Site, what: str) -> random.Random:
    return random.Random(f"sharepoint-{site.id}-{site.seed}-{what}")


def _guid(site: Site, what: str) -> str:
    return str(uuid.UUID(int=_rng(site, what).getrandbits(128)))


def _ctl(site: Site, what: str) -> str:
    return "ctl00_ctl39_g_" + _guid(site, what).replace("-", "_")


def _viewstate(site: Site, path: str, size: int = 48_000) -> str:
    return "/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QW" + base64.b64encode(_rng(site, path).randbytes(size)).decode()


def _post_factory(site: Site, article: Article) -> Post:
    post_id = len(site.posts) + 1
    slug = r.slugify(article.title)[:60].rstrip("-")
    hexid = f"{_rng(site, article.key).getrandbits(16):04x}"
    return Post(article, post_id, slug, f"/pages/{slug}-{hexid}.aspx", article.category)


def _chrome(title: str, inner: str, wpq: int, ctl: str) -> str:
    return (
        f'<div class="ms-webpart-chrome ms-webpart-chrome-fullWidth">'
        f'<div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText"><nobr><span>{r.e(title)}</span></nobr></h2></div>'
        f'<div WebPartID="{ctl[-36:]}" class="ms-WPBody" id="WebPartWPQ{wpq}"><div id="{ctl}">{inner}</div></div></div>'
    )


def _layout(site: Site, path: str, title: str, zone: str) -> str:
    docs = "".join(f'<li><a href="/Pages/van-ban.aspx?so={r.e(n)}">{r.e(n)}</a> {r.e(t)}</li>' for n, t in SIDEBAR_DOCUMENTS)
    menu = "".join(f'<li><a href="/Pages/{k}.aspx">{r.e(v[0])}</a></li>' for k, v in LISTS.items())
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="vi-VN">
<head><meta http-equiv="X-UA-Compatible" content="IE=10"><meta http-equiv="Content-type" content="text/html; charset=utf-8">
<meta name="GENERATOR" content="Microsoft SharePoint">
<title>{r.e(title)}</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=2a">
</head>
<body>
<form method="post" action="./{r.e(path.rsplit("/", 1)[-1])}" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x{_rng(site, 'digest').getrandbits(256):064X},05 Dec 2024 01:26:00 -0000">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{_viewstate(site, path)}">
</div>
<div id="ms-designer-ribbon"><div id="s4-ribbonrow"><a href="#" class="ms-skip">Skip Ribbon Commands</a> <a href="#mainContent" class="ms-skip">Skip to main content</a></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><a href="/"><img src="/PictureLibrary/logo.png" alt="{r.e(site.name)}"></a><span class="portal-name">{r.e(site.name)}</span></div>
<div class="top-menu"><ul><li><a href="/">Trang chủ</a></li>{menu}<li><a href="/Pages/lien-he.aspx">Liên hệ</a></li></ul></div>
<div id="DeltaPlaceHolderMain"><a id="mainContent" name="mainContent" tabindex="-1"></a>
<div class="ms-webpart-zone ms-fullWidth"><div id="MSOZoneCell_WebPartWPQ2" class="s4-wpcell-plain ms-webpartzone-cell ms-webpart-cell-vertical ms-fullWidth">
{zone}
</div></div></div>
<div class="right-zone">{_chrome("PublishingPortal - Block_VanBan_Moi", f'<ul class="vanban">{docs}</ul>', 9, _ctl(site, "vanban"))}</div>
<div class="footer">Cổng thông tin điện tử tỉnh. Giấy phép số 05/GP-TTĐT.</div>
</div></div>
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAI{base64.b64encode(_rng(site, 'ev' + path).randbytes(60)).decode()}">
</form></body></html>"""


def _article_block(site: Site, post: Post, *, copy: int) -> str:
    a = post.article
    img = f"/PictureLibrary/{_rng(site, 'pic').getrandbits(64):016x}/{post.slug[:20]}.jpg"
    body = []
    for i, p in enumerate(a.paragraphs):
        if i == 0:
            cap = f'<p style="text-align:center"><em>{r.e(a.caption)}</em></p>' if a.caption else ""
            body.append(f'<p style="text-align:center"><img src="{img}" alt=""></p>{cap}')
        body.append(f"<p>{r.e(p)}</p>")
    author = f'<p style="text-align:right"><strong>{r.e(a.author)}</strong></p>' if a.author else ""
    head = (
        f'<div class="toolbar"><span class="date">{r.dmy(a.published)}</span>'
        f'<a href="#" class="zoom-in">Tăng cỡ chữ</a> <a href="#" class="zoom-out">Giảm cỡ chữ</a></div>'
        f'<h1 class="title-detail">{r.e(a.title)}</h1><div class="sapo">{r.e(a.lead)}</div>'
    )
    content = f'<div class="content-detail">{"".join(body)}{author}</div>'
    if copy == 1:
        return (
            _chrome("PublishingPortal - Block_BanTin_Toolbar", head, 2, _ctl(site, "toolbar"))
            + _chrome("PublishingPortal - Block_BanTin_ViewData", content, 3, _ctl(site, "viewdata"))
        )
    # the duplicated render (print/mobile copy): starts at the date, no first web-part title
    return f'<div id="{_ctl(site, "print")}_pnPrint" class="print-version" style="display:none">{head}{content}</div>'


def pager_control(site: Site) -> str:
    """The postback target of the news list's pager (its GUID depends on the seed)."""
    return "ctl00$ctl39$g_" + _guid(site, "pager").replace("-", "_") + "$ctl00$Pager"


def _postback_links(site: Site, page: int, pages: int) -> str:
    target = pager_control(site)

    def link(n: int, label: str) -> str:
        return f"<a href=\"javascript:__doPostBack('{target}','Page${n}')\">{label}</a>"

    links = "".join(f"<span>{n}</span>" if n == page else link(n, str(n)) for n in range(1, pages + 1))
    return links + (link(page + 1, "Trang sau") if page < pages else "")


def install_postback(site: Site) -> None:
    """A generalist SharePoint portal whose news list pages only by __doPostBack."""
    install(site, per_page=4, postback=True)
    site.start_paths = ["/Pages/tin-tuc.aspx"]
    site.site_kind = "portal"


def _postback_page(site: Site, name: str, query) -> int | None:
    """The page a postback asks for; None for a postback the page did not render."""
    if r.qstr(query, "__EVENTTARGET") != pager_control(site):
        return 1
    if r.qstr(query, "__VIEWSTATE") != _viewstate(site, f"/Pages/{name}.aspx"):
        return None
    argument = r.qstr(query, "__EVENTARGUMENT")
    return int(argument[5:]) if argument.startswith("Page$") and argument[5:].isdigit() else None


def install(site: Site, *, per_page: int = PER_PAGE, postback: bool = False) -> None:
    site.post_factory = _post_factory
    site.settings = {"per_page": per_page}
    site.start_paths = ["/Pages/chuong-trinh-ocop.aspx", "/Pages/tin-tuc.aspx"]

    def listing(name: str, query) -> Response:
        title, cat = LISTS[name]
        posts = site.newest_first(category=cat)
        page = _postback_page(site, name, query) if postback else r.qint(query, "Page", 1)
        if page is None:
            return Response(500, {"Content-Type": "text/html; charset=utf-8"},
                            b"<html><body>Invalid postback or callback argument.</body></html>", cacheable=False)
        chunk, pages = r.page_slice(posts, page, per_page)
        if page < 1 or page > pages:
            chunk = []
        items = "".join(
            f'<div class="news-item"><a href="{p.path}"><img src="/PictureLibrary/thumb/{p.post_id}.jpg" alt=""></a>'
            f'<h3><a href="{p.path}">{r.e(p.title)}</a></h3><span class="date">({r.dmy(p.published)})</span>'
            f'<p>{r.e(p.article.lead)}</p></div>'
            for p in chunk
        )
        if postback:
            links = _postback_links(site, page, pages)
        else:
            links = "".join(f"<span>{n}</span>" if n == page else f'<a href="/Pages/{name}.aspx?Page={n}">{n}</a>'
                            for n in range(1, pages + 1))
            if page < pages:
                links += f'<a href="/Pages/{name}.aspx?Page={page + 1}" class="next">Trang sau</a>'
        inner = f'<div class="list-news">{items}</div><div class="Paging">{links}</div>'
        zone = _chrome("PublishingPortal - Block_BanTin_ListData", inner, 2, _ctl(site, "list-" + name))
        return html(_layout(site, f"/Pages/{name}.aspx", title, zone))

    def router(path: str, query, headers) -> Response:
        if path == "/":
            return redirect("/Pages/trang-chu.aspx")
        low = path.lower()
        if low == "/pages/trang-chu.aspx":
            return listing("tin-tuc", {})
        for name in LISTS:
            if low == f"/pages/{name}.aspx":
                return listing(name, query)
        post = site.post_by_path(path)
        if post is not None:
            zone = _article_block(site, post, copy=1) + _article_block(site, post, copy=2)
            return html(_layout(site, post.path, post.title, zone), last_modified=post.article.modified)
        return not_found()

    site.add_route("/", router, prefix=True)
    site.add_route("/PictureLibrary/", lambda p, q, h: Response(200, {"Content-Type": "image/jpeg"}, r.tiny_jpeg()), prefix=True)
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"}, ROBOTS.encode()))
