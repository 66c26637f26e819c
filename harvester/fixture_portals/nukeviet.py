"""NukeViet 4 news module, eGov theme (an NTM/OCOP provincial portal).

URL map (all site-relative):
  /                                   module home (same as /vi/news/)
  /vi/news/  /vi/news/page-N/         all posts, newest first
  /vi/news/<cat>/  /vi/news/<cat>/page-N/    categories: chuong-trinh-ocop, tin-tong-hop
  /vi/news/<cat>/<alias>-<id>.html    detail; ?download=1&id=0 → attachment
  /vi/news/print/<cat>/<alias>-<id>.html     print view (a duplicate the spider should skip)
  /vi/news/tag/ocop                   tag page
  /vi/news/rss/  /vi/news/rss/<cat>/  RSS 2.0 (pubDate minute field = month, like the real bug)
  /vi/news/search/?q=OCOP&page=N      search results
  /sitemap.xml → /sitemap-vi.news.xml
  /robots.txt (disallows /admin/ ...), /admin/ (must never be fetched)
Traps: stray <li> in pagination, hidden temp-breadcrumbs, span.current-time header clock,
broken article:published_time meta, itemprop=datePublished = edit time, eGov view/comment counter
span.h5 siblings, AM/PM listing dates, "Những tin mới hơn / cũ hơn" lists with dates, block-law sidebar.
"""

from __future__ import annotations

from datetime import datetime

from harvester.fixture_portals import render as r
from harvester.fixture_portals.content import FIXED_NOW, SIDEBAR_DOCUMENTS, Article
from harvester.fixture_portals.server import Post, Response, Site, html, not_found, xml

CATS = {"ocop": ("chuong-trinh-ocop", "Chương trình OCOP"), "tin-tuc": ("tin-tong-hop", "Tin tổng hợp")}
PER_PAGE = 3
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /data/\nDisallow: /includes/\nDisallow: /modules/\nDisallow: /vi/news/print/\n"


def _post_factory(site: Site, article: Article) -> Post:
    post_id = 119800 + len(site.posts) * 7 + 3
    cat_alias, _ = CATS.get(article.category, CATS["tin-tuc"])
    slug = r.slugify(article.title)
    return Post(article, post_id, slug, f"/vi/news/{cat_alias}/{slug}-{post_id}.html", cat_alias)


def _hits(post: Post) -> int:
    return (post.post_id * 37) % 2000 + 100


def _egov_list_date(dt: datetime) -> str:
    return dt.strftime("%d/%m/%Y %I:%M:%S %p")  # eGov listing: 14/06/2021 11:15:00 AM


def _hometext(post: Post) -> str:
    return post.article.lead


def _image(post: Post) -> str:
    d = post.published
    return f"/uploads/news/{d.year}_{d.month:02d}/{post.slug[:30]}.jpg"


def _layout(site: Site, title: str, main: str, *, head_extra: str = "", crumbs: list[tuple[str, str]] = ()) -> str:
    now = FIXED_NOW
    clock = f"{r.weekday(now)}, {r.dmy(now)}, {now.strftime('%H:%M')}"
    crumb_items = "".join(
        f'<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
        f'<a href="{r.e(href)}" itemprop="item" title="{r.e(name)}"><span itemprop="name">{r.e(name)}</span></a>'
        f'<i class="hidden" itemprop="position" content="{i + 1}"></i></li>'
        for i, (href, name) in enumerate([("/", "Trang nhất"), *crumbs])
    )
    laws = "".join(
        f'<div class="m-bottom item"><h3 class="law-code"><a href="/vi/laws/detail/{r.slugify(n)}/">{r.e(n)}</a></h3>'
        f'<p class="law-title">{r.e(t)}</p></div>'
        for n, t in SIDEBAR_DOCUMENTS
    )
    menu = "".join(
        f'<li><a href="/vi/news/{alias}/" title="{r.e(name)}">{r.e(name)}</a></li>' for alias, name in CATS.values()
    )
    return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>{r.e(title)} - {r.e(site.name)}</title>
<meta name="generator" content="NukeViet v4.4">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{head_extra}
<link rel="alternate" href="/vi/news/rss/" title="Tin Tức" type="application/rss+xml">
<link rel="StyleSheet" href="/themes/egov/css/style.css">
</head>
<body>
<div class="body-bg"><div class="wraper">
<header><div class="container"><div id="header" class="row">
<div class="logo col-xs-24 col-sm-24 col-md-8"><a title="{r.e(site.name)}" href="/"><img src="/uploads/logo.png" alt="{r.e(site.name)}"></a>
<span class="site_name">{r.e(site.name)}</span><span class="site_description">Cổng thông tin điện tử</span></div>
<div class="col-md-16"><div class="headerSearch"><form action="/vi/news/search/" method="get"><input type="text" name="q" maxlength="60" placeholder="Tìm kiếm..."><button type="submit" class="btn btn-info"><em class="fa fa-search fa-lg"></em></button></form></div></div>
</div></div></header>
<nav class="second-nav" id="menusite"><div class="container"><div class="row"><div class="bg box-shadow"><ul class="nav navbar-nav">
<li><a title="Trang nhất" href="/"><em class="fa fa-lg fa-home">&nbsp;</em> Trang nhất</a></li>{menu}
<li><a href="/vi/laws/" title="Văn bản">Văn bản</a></li><li><a href="/vi/contact/" title="Liên hệ">Liên hệ</a></li></ul></div></div></div></nav>
<section><div class="container" id="body">
<nav class="third-nav"><div class="row"><div class="bg"><div class="clearfix">
<div class="col-xs-24 col-sm-18 col-md-18"><div class="breadcrumbs-wrap"><div class="display"><a class="show-subs-breadcrumbs hidden" href="#"><em class="fa fa-lg fa-angle-right"></em></a>
<ul class="breadcrumbs list-none"></ul></div>
<ul class="subs-breadcrumbs"></ul>
<ul class="temp-breadcrumbs hidden" itemscope itemtype="https://schema.org/BreadcrumbList">{crumb_items}</ul></div></div>
<div class="current-time col-xs-24 col-sm-6 col-md-6"><span class="current-time">{clock}</span></div>
</div></div></div></nav>
<div class="row">
<div class="col-sm-16 col-md-18">
{main}
</div>
<div class="col-sm-8 col-md-6">
<div class="panel panel-primary"><div class="panel-heading">Văn bản mới</div><div class="panel-body">
<div class="block-law marquee">{laws}</div></div></div>
<div class="panel panel-primary"><div class="panel-heading">Thống kê truy cập</div><div class="panel-body"><ul class="counter list-none"><li><span><em class="fa fa-bolt fa-fw"></em>Đang truy cập</span><span>27</span></li><li><span><em class="fa fa-filter fa-fw"></em>Hôm nay</span><span>1.842</span></li></ul></div></div>
</div></div>
</div></section>
<footer id="footer"><div class="container"><p>Bản quyền thuộc {r.e(site.name)}. Địa chỉ: 45 Hùng Vương, TP. Đông Hà. Điện thoại: 0233.385.0000</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div></footer>
</div></div>
</body></html>"""


def _pagination(base: str, page: int, pages: int, cat_title: str, *, rel: bool = True) -> str:
    """nv_alias_page(): with ≤7 pages and page ≥ 2, the active <li> is closed by a stray <li>.
    ``rel=False``: the themes (and nv_generate_page) that print no rel on « and »."""
    if pages <= 1:
        return ""

    def href(n: int) -> str:
        return base if n == 1 else f"{base}page-{n}/"

    prev_rel, next_rel = (' rel="prev"', ' rel="next"') if rel else ("", "")
    items = []
    if page > 1:
        items.append(
            f'<li class="page-item"><a class="page-link"{prev_rel} title="{r.e(cat_title)} - Trang {page - 1}" href="{href(page - 1)}">&laquo;</a></li>'
        )
    for n in range(1, pages + 1):
        if n == page:
            closer = "<li>" if (pages <= 7 and page >= 2) else "</li>"
            items.append(f'<li class="page-item active"><a class="page-link" href="javascript:void(0)">{n}</a>{closer}')
        else:
            items.append(
                f'<li class="page-item"><a class="page-link" title="{r.e(cat_title)} - Trang {n}" href="{href(n)}">{n}</a></li>'
            )
    if page < pages:
        items.append(
            f'<li class="page-item"><a class="page-link"{next_rel} title="{r.e(cat_title)} - Trang {page + 1}" href="{href(page + 1)}">&raquo;</a></li>'
        )
    return f'<div class="text-center"><ul class="pagination">{"".join(items)}</ul></div>'


def _listing_html(site: Site, posts: list[Post], *, date_fmt=_egov_list_date) -> str:
    out = []
    for i, p in enumerate(posts):
        heading = "h2" if i == 0 else "h3"
        featured = " featured" if i == 0 else ""
        out.append(
            f'<div class="panel panel-default"><div class="panel-body{featured}">'
            f'<a href="{p.path}" title="{r.e(p.title)}"><img alt="{r.e(p.title)}" src="{_image(p)}" width="183" class="img-thumbnail pull-left imghome"></a>'
            f'<{heading}><a href="{p.path}" title="{r.e(p.title)}">{r.e(p.title)}</a></{heading}>'
            f'<div class="text-muted"><ul class="list-unstyled list-inline">'
            f'<li><em class="fa fa-clock-o">&nbsp;</em> {date_fmt(p.published)}</li>'
            f'<li><em class="fa fa-eye">&nbsp;</em> Đã xem: {_hits(p)}</li></ul></div>'
            f"<p>{r.e(_hometext(p))}</p></div></div>"
        )
    return "\n".join(out)


def install_portal(site: Site) -> None:
    """A generalist provincial portal on NukeViet whose theme prints no rel on its pager:
    numbered ``<li><a href="…/page-N/">N</a>`` links and a "»" (``nv_generate_page``); its
    search pages link ``&page=N`` by number only."""
    install(site, per_page=4, rel_next=False)
    site.site_kind = "portal"


def install(site: Site, *, per_page: int = PER_PAGE, rel_next: bool = True) -> None:
    site.post_factory = _post_factory
    site.settings = {"per_page": per_page, "listing_date_format": "%d/%m/%Y %I:%M:%S %p"}
    site.start_paths = ["/vi/news/rss/", "/vi/news/"]
    site.registry_settings = {"search_url": "/vi/news/search/?q=OCOP"}

    def listing(base: str, posts: list[Post], page: int, title: str, crumbs) -> Response:
        chunk, pages = r.page_slice(posts, page, per_page)
        if page < 1 or (page > pages):
            return not_found()
        main = (
            f'<div class="news_column">{_listing_html(site, chunk)}</div>'
            + _pagination(base, page, pages, title, rel=rel_next)
        )
        heading = f"{title} - Trang {page}" if page > 1 else title
        return html(_layout(site, heading, main, crumbs=crumbs))

    def news_router(path: str, query, headers) -> Response:
        rest = path[len("/vi/news/") :]
        parts = [p for p in rest.split("/") if p]
        # module home, maybe /page-N/
        if not parts or (len(parts) == 1 and parts[0].startswith("page-")):
            page = int(parts[0][5:]) if parts else 1
            return listing("/vi/news/", site.newest_first(), page, "Tin Tức", [("/vi/news/", "Tin Tức")])
        head = parts[0]
        if head == "rss":
            return _rss(site, parts[1] if len(parts) > 1 else None)
        if head == "search":
            return _search(site, query, per_page=per_page, rel_next=rel_next)
        if head == "tag":
            posts = [p for p in site.newest_first() if p.article.is_ocop]
            return html(_layout(site, "OCOP", f'<div class="news_column">{_listing_html(site, posts)}</div>'))
        if head == "print" and len(parts) == 3:
            post = site.post_by_path(f"/vi/news/{parts[1]}/{parts[2]}")
            if post is None:
                return not_found()
            body = f"<h1>{r.e(post.title)}</h1><p>{r.e(post.article.lead)}</p>{r.paragraphs_html(post)}"
            return html(f"<!DOCTYPE html><html><head><title>{r.e(post.title)}</title></head><body>{body}</body></html>")
        cat = next(((alias, name) for alias, name in CATS.values() if alias == head), None)
        if cat is None:
            return not_found()
        alias, name = cat
        if len(parts) == 1 or (len(parts) == 2 and parts[1].startswith("page-")):
            page = int(parts[1][5:]) if len(parts) == 2 else 1
            posts = site.newest_first(category=alias)
            return listing(f"/vi/news/{alias}/", posts, page, name, [(f"/vi/news/{alias}/", name)])
        if len(parts) == 2 and parts[1].endswith(".html"):
            post = site.post_by_path(path)
            if post is None:
                return not_found()
            if "download" in query:
                return site_file(site, post)
            return html(_detail(site, post), last_modified=post.article.modified)
        return not_found()

    site.add_route("/vi/news/", news_router, prefix=True)
    site.add_route("/", lambda p, q, h: listing("/vi/news/", site.newest_first(), 1, "Trang nhất", []))
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"}, ROBOTS.encode()))
    site.add_route("/admin/", lambda p, q, h: html("<html><body>Đăng nhập quản trị</body></html>"), prefix=True)
    site.add_route(
        "/sitemap.xml", lambda p, q, h: xml(r.sitemapindex([site.url("/sitemap-vi.news.xml")]))
    )
    site.add_route(
        "/sitemap-vi.news.xml",
        lambda p, q, h: xml(
            r.urlset([(site.url(p.path), p.article.modified.isoformat()) for p in site.newest_first()])
        ),
    )
    site.add_route(
        "/uploads/", lambda p, q, h: Response(200, {"Content-Type": "image/jpeg"}, r.tiny_jpeg()), prefix=True
    )


def attachment_name(post: Post) -> str | None:
    docs = post.article.documents
    if not docs:
        return None
    return docs[0]["number"].replace("/", "-").replace("Đ", "D") + ".pdf"


def site_file(site: Site, post: Post) -> Response:
    """?download=1&id=0 on an article URL: the attached file (documents helpers may override via site.files)."""
    name = attachment_name(post)
    if name is None:
        return not_found()
    files = site.state.setdefault("files", {})
    body, ctype = files.get(post.path, (r.tiny_pdf(post.article.documents[0]["number"]), "application/pdf"))
    return Response(200, {"Content-Type": ctype, "Content-Disposition": f'attachment; filename="{name}"'}, body)


def _related(site: Site, post: Post) -> tuple[list[Post], list[Post]]:
    posts = site.newest_first(category=post.category)
    i = posts.index(post)
    return posts[max(0, i - 3) : i], posts[i + 1 : i + 4]


def _detail(site: Site, post: Post) -> str:
    art = post.article
    pub = art.published
    broken_meta = pub.strftime("%Y-%m-%d") + "+07" + pub.strftime("%H:%M:%S")  # date('Y-m-dTH:i:s') bug
    head_extra = (
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{r.e(art.title)}">\n'
        f'<meta property="article:published_time" content="{broken_meta}">\n'
        f'<meta property="article:section" content="{r.e(CATS.get(art.category, CATS["tin-tuc"])[1])}">\n'
        f'<meta name="description" content="{r.e(art.lead)}">'
    )
    newer, older = _related(site, post)

    def rel_list(items: list[Post]) -> str:
        return "".join(
            f'<li><em class="fa fa-angle-right">&nbsp;</em><h4><a href="{p.path}" title="{r.e(p.title)}">{r.e(p.title)}</a></h4>'
            f"<em>({r.dmy(p.published)})</em></li>"
            for p in items
        )

    related = ""
    if newer:
        related += f'<p class="h3"><strong>Những tin mới hơn</strong></p><ul class="detail-related related list-none list-items">{rel_list(newer)}</ul>'
    if older:
        related += f'<p class="h3"><strong>Những tin cũ hơn</strong></p><ul class="detail-related related list-none list-items">{rel_list(older)}</ul>'
    attach = ""
    name = attachment_name(post)
    if name:
        attach = (
            '<div class="panel panel-default"><div class="panel-heading"><i class="fa fa-download"></i> <strong>File đính kèm</strong></div>'
            f'<div class="list-group news-download-file"><div class="list-group-item"><a href="{post.path}?download=1&amp;id=0" title="Tập tin  {r.e(name)}" download>Tập tin : <strong>{r.e(name)}</strong></a></div></div></div>'
        )
    source = f'<p class="h5 text-right"><strong>Nguồn tin: </strong>{r.e(art.source)}</p>' if art.source else ""
    author = f'<p class="h5 text-right"><strong>Tác giả: </strong>{r.e(art.author)}</p>' if art.author else ""
    cat_alias, cat_name = CATS.get(art.category, CATS["tin-tuc"])
    main = f"""<div class="news_column panel panel-default newsdetail" itemtype="http://schema.org/NewsArticle" itemscope>
<div class="panel-body">
<h1 class="title margin-bottom-lg" itemprop="headline">{r.e(art.title)}</h1>
<div class="hidden hide d-none" itemprop="author" itemtype="http://schema.org/Person" itemscope><span itemprop="name">{r.e(art.author or "admin")}</span></div>
<span class="hidden hide d-none" itemprop="datePublished">{art.modified.isoformat()}</span>
<span class="hidden hide d-none" itemprop="dateModified">{art.modified.isoformat()}</span>
<span class="hidden hide d-none" itemprop="mainEntityOfPage">{site.url(post.path)}</span>
<div class="row margin-bottom-lg newsdetailmetatop"><div class="col-md-12">
<span class="h5"><i class="fa fa-clock-o" aria-hidden="true"></i>{r.weekday(pub)} - {r.dmy_hm(pub)}</span>
<span class="h5"><i class="fa fa-eye" aria-hidden="true"></i>{_hits(post)}</span>
<span class="h5"><i class="fa fa-comment-o" aria-hidden="true"></i>0</span>
</div><div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="In ra" href="/vi/news/print/{cat_alias}/{post.slug}-{post.post_id}.html"><em class="fa fa-print fa-lg"></em></a></li></ul></div></div>
<div class="clearfix">
<figure class="article left pointer"><div style="width:183px;"><img alt="{r.e(art.title)}" src="{_image(post)}" width="183" class="img-thumbnail"></div></figure>
<div class="hometext m-bottom" itemprop="description">{r.e(art.lead)}</div>
</div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">
{r.paragraphs_html(post, image=_image(post).replace(".jpg", "-2.jpg"))}
</div>
{attach}
<div class="margin-bottom-lg">{author}{source}</div>
</div></div>
<div class="news_column panel panel-default"><div class="panel-body"><div class="h5"><em class="fa fa-tags">&nbsp;</em><strong>Từ khóa: </strong><a href="/vi/news/tag/ocop"><em>OCOP</em></a>, <a href="/vi/news/tag/ocop"><em>nông thôn mới</em></a></div></div></div>
<div class="news_column panel panel-default"><div class="panel-body other-news">{related}</div></div>"""
    return _layout(site, art.title, main, head_extra=head_extra, crumbs=[(f"/vi/news/{cat_alias}/", cat_name)])


def _rss(site: Site, cat_alias: str | None) -> Response:
    posts = site.newest_first(category=cat_alias) if cat_alias else site.newest_first()
    items = [
        (
            p.title,
            site.url(p.path),
            f"news_{p.post_id}",
            f'<img src="{site.url(_image(p))}" width="100" align="left" border="0">{r.e(p.article.lead)}',
            r.nukeviet_rss_date(p.published),
        )
        for p in posts
    ]
    return xml(r.rss(site, "Tin Tức", site.url("/vi/news/"), items, generator="NukeViet v4.0"),
               "application/rss+xml; charset=utf-8")


def _search(site: Site, query, *, per_page: int, rel_next: bool) -> Response:
    typed = r.qstr(query, "q").strip()
    q = typed.lower()
    page = r.qint(query, "page", 1)
    hits = [p for p in site.newest_first() if q and (q in p.title.lower() or q in p.article.text.lower())]
    chunk, pages = r.page_slice(hits, page, per_page)
    nav = ""
    if rel_next and page < pages:
        nav = f'<div class="text-center"><ul class="pagination"><li class="page-item"><a class="page-link" rel="next" href="/vi/news/search/?q={r.e(typed)}&amp;page={page + 1}">&raquo;</a></li></ul></div>'
    elif pages > 1:  # bare numbers outside any pager markup: only the ?page=N in the link says "next"
        numbers = "".join(f"<b>{n}</b>" if n == page else f'<a href="/vi/news/search/?q={r.e(typed)}&amp;page={n}">{n}</a>'
                          for n in range(1, pages + 1))
        nav = f'<p class="ket-qua">Kết quả: {numbers}</p>'
    main = (
        f'<div class="news_column"><div class="alert alert-info">Có {len(hits)} kết quả cho từ khóa <strong>{r.e(q)}</strong></div>'
        f"{_listing_html(site, chunk, date_fmt=lambda d: d.strftime('%d/%m/%Y %H:%M:%S'))}</div>{nav}"
    )
    return html(_layout(site, "Tìm kiếm", main))
