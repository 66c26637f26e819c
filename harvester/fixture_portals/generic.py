"""A custom newspaper-like site (no known CMS): the "generic" family.

URL map:
  /                                  home: newest posts (page 1 of /tin-tuc/)
  /tin-tuc/  /tin-tuc/trang-N.html   all posts, newest first
  /nong-thon-moi/  /nong-thon-moi/trang-N.html   OCOP / rural category
  /<slug>-post<id>.html              detail
  /rss/home.rss  /rss/nong-thon-moi.rss          RSS 2.0 (pubDate +0700), the 20 newest posts
  /sitemap.xml                       urlset with <lastmod>
  /robots.txt                        disallows /quan-tri/
Traps: header hotline bar with the page-view clock ("Đường dây nóng: … - Thứ năm 05/12/2024 01:26"),
the title repeated above the photo, "16:10 | 04/01/2021" date line (time first), "Theo …" source line,
"Tin liên quan" and "Đọc nhiều" boxes with other titles.
"""

from __future__ import annotations

from datetime import datetime

from harvester.fixture_portals import render as r
from harvester.fixture_portals.content import FIXED_NOW, Article
from harvester.fixture_portals.server import Post, Response, Site, html, not_found, xml

CATS = {"ocop": ("nong-thon-moi", "Nông thôn mới"), "tin-tuc": ("xa-hoi", "Xã hội")}
ROBOTS = "User-agent: *\nDisallow: /quan-tri/\nDisallow: /tim-kiem/\n"
FEED_ITEMS = 20  # the newest posts only, as real feeds do


def post_factory(site: Site, article: Article) -> Post:
    post_id = 5000 + len(site.posts) * 3 + 1
    cat_alias, _ = CATS.get(article.category, CATS["tin-tuc"])
    slug = r.slugify(article.title)
    return Post(article, post_id, slug, f"/{slug}-post{post_id}.html", cat_alias)


def date_line(dt: datetime) -> str:
    return f"{dt.strftime('%H:%M')} | {r.dmy(dt)}"


def hotline_clock() -> str:
    now = FIXED_NOW
    return f"Đường dây nóng: 0912.345.678 - {r.weekday(now)} {r.dmy(now)} {now.strftime('%H:%M')}"


def layout(site: Site, title: str, main: str, *, side: str = "", head_extra: str = "", charset: str = "utf-8") -> str:
    menu = "".join(f'<li><a href="/{a}/">{r.e(n)}</a></li>' for a, n in CATS.values())
    return f"""<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="{charset}">
<title>{r.e(title)} | {r.e(site.name)}</title>
{head_extra}
<link rel="alternate" type="application/rss+xml" href="/rss/home.rss">
</head><body>
<div class="top-bar"><div class="container"><span class="hotline">{hotline_clock()}</span>
<a href="/dang-nhap">Đăng nhập</a></div></div>
<header class="site-header"><a class="logo" href="/">{r.e(site.name)}</a>
<nav class="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li>{menu}</ul></nav></header>
<main class="container"><div class="row"><div class="col-main">
{main}
</div><aside class="col-side">{side}</aside></div></main>
<footer class="site-footer"><p>Cơ quan chủ quản: Hội Nông dân. Giấy phép số 112/GP-BTTTT.</p><p>Tòa soạn: 18 Nguyễn Du, Hà Nội.</p></footer>
</body></html>"""


def most_read(site: Site, exclude: Post | None = None) -> str:
    posts = [p for p in site.newest_first() if p is not exclude][:4]
    items = "".join(f'<li><a href="{p.path}">{r.e(p.title)}</a></li>' for p in posts)
    return f'<div class="box-most-read"><h3 class="box-title">Đọc nhiều</h3><ol>{items}</ol></div>'


def listing_html(posts: list[Post]) -> str:
    return "\n".join(
        f'<div class="story"><a class="story__thumb" href="{p.path}"><img src="/images/{p.post_id}.jpg" alt=""></a>'
        f'<h3 class="story__title"><a href="{p.path}">{r.e(p.title)}</a></h3>'
        f'<span class="story__time">{r.dmy_hm(p.published)}</span>'
        f'<p class="story__sapo">{r.e(p.article.lead)}</p></div>'
        for p in posts
    )


def pager(base: str, page: int, pages: int) -> str:
    def href(n: int) -> str:
        return base if n == 1 else f"{base}trang-{n}.html"

    links = []
    if page > 1:
        links.append(f'<a class="prev" href="{href(page - 1)}">Trang trước</a>')
    links += [
        f'<span class="current">{n}</span>' if n == page else f'<a href="{href(n)}">{n}</a>'
        for n in range(max(1, page - 2), min(pages, page + 2) + 1)
    ]
    if page < pages:
        links.append(f'<a class="next" href="{href(page + 1)}">Trang sau</a>')
    return f'<div class="pagination">{"".join(links)}</div>'


def detail_html(site: Site, post: Post) -> str:
    art = post.article
    img = f"/images/{post.post_id}-1.jpg"
    body = []
    for i, p in enumerate(art.paragraphs):
        body.append(f"<p>{r.e(p)}</p>")
        if i == 0:
            cap = f'<p class="photo-caption">{r.e(art.caption)}</p>' if art.caption else ""
            body.append(
                f'<div class="photo"><p class="photo-title">{r.e(art.title)}</p><img src="{img}" alt="{r.e(art.title)}">{cap}</div>'
            )
    source = f'<p class="detail-source">Theo {r.e(art.source)}</p>' if art.source else ""
    author = f'<p class="detail-author">{r.e(art.author)}</p>' if art.author else ""
    related = [p for p in site.newest_first(category=post.category) if p is not post][:3]
    rel = "".join(
        f'<li><a href="{p.path}">{r.e(p.title)}</a> <span class="time">({r.dmy(p.published)})</span></li>' for p in related
    )
    cat_alias, cat_name = CATS.get(art.category, CATS["tin-tuc"])
    main = f"""<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/{cat_alias}/">{r.e(cat_name)}</a></div>
<div class="title-top">{r.e(art.title)}</div>
<article class="detail">
<h1 class="detail-title">{r.e(art.title)}</h1>
<div class="detail-time">{date_line(art.published)}</div>
<div class="detail-share"><a href="#">Chia sẻ</a> <a href="#">In bài</a></div>
<h2 class="detail-sapo">{r.e(art.lead)}</h2>
<div class="detail-content">
{chr(10).join(body)}
{author}
{source}
</div>
</article>
<div class="box-related"><h3 class="box-title">Tin liên quan</h3><ul>{rel}</ul></div>
<div class="box-comment"><h3>Ý kiến bạn đọc</h3><form><textarea name="c"></textarea><button>Gửi bình luận</button></form></div>"""
    head = (
        f'<meta property="og:title" content="{r.e(art.title)}">\n'
        f'<meta name="pubdate" content="{art.published.isoformat()}">'
    )
    return layout(site, art.title, main, side=most_read(site, post), head_extra=head)


def install(site: Site, *, per_page: int = 3) -> None:
    site.post_factory = post_factory
    site.settings = {"per_page": per_page}
    site.start_paths = ["/rss/home.rss", "/tin-tuc/"]

    def listing(base: str, posts: list[Post], page: int, title: str) -> Response:
        chunk, pages = r.page_slice(posts, page, per_page)
        if page < 1 or page > pages:
            return not_found()
        main = f'<h1 class="cat-title">{r.e(title)}</h1><div class="list-news">{listing_html(chunk)}</div>{pager(base, page, pages)}'
        return html(layout(site, title, main, side=most_read(site)))

    def router(path: str, query, headers) -> Response:
        if path == "/":
            return listing("/tin-tuc/", site.newest_first(), 1, "Tin mới")
        parts = [p for p in path.split("/") if p]
        if parts and parts[0] in ("tin-tuc", *[a for a, _ in CATS.values()]) and len(parts) <= 2:
            page = 1
            if len(parts) == 2:
                if not (parts[1].startswith("trang-") and parts[1].endswith(".html")):
                    return not_found()
                try:
                    page = int(parts[1][6:-5])
                except ValueError:
                    return not_found()
            if parts[0] == "tin-tuc":
                return listing("/tin-tuc/", site.newest_first(), page, "Tin tức")
            name = next(n for a, n in CATS.values() if a == parts[0])
            return listing(f"/{parts[0]}/", site.newest_first(category=parts[0]), page, name)
        post = site.post_by_path(path)
        if post is not None:
            if path in site.state.get("unavailable", ()):  # a test makes these pages fail for a while
                return Response(503, {"Content-Type": "text/html"}, b"<html><body>Service Unavailable</body></html>",
                                cacheable=False)
            body = site.rendered.get(path)
            if body is None:
                body = site.rendered[path] = detail_html(site, post).encode("utf-8")
            return Response(200, {"Content-Type": "text/html; charset=utf-8"}, body, last_modified=post.article.modified)
        return not_found()

    def feed(category: str | None) -> Response:
        posts = site.newest_first(category=category) if category else site.newest_first()
        items = [
            (p.title, site.url(p.path), site.url(p.path), r.e(p.article.lead), p.published.strftime("%a, %d %b %Y %H:%M:%S +0700"))
            for p in posts[:FEED_ITEMS]
        ]
        return xml(r.rss(site, site.name, site.url("/"), items, generator="CMS Báo điện tử"), "application/rss+xml; charset=utf-8")

    site.add_route("/", router, prefix=True)
    site.add_route("/rss/home.rss", lambda p, q, h: feed(None))
    site.add_route("/rss/nong-thon-moi.rss", lambda p, q, h: feed("nong-thon-moi"))
    site.add_route(
        "/sitemap.xml",
        lambda p, q, h: xml(r.urlset([(site.url(p.path), p.article.modified.isoformat()) for p in site.newest_first()])),
    )
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"}, ROBOTS.encode()))
    site.add_route("/images/", lambda p, q, h: Response(200, {"Content-Type": "image/jpeg"}, r.tiny_jpeg()), prefix=True)
    site.add_route("/quan-tri/", lambda p, q, h: html("<html><body>Quản trị</body></html>"), prefix=True)
