"""WordPress provincial news site (twentytwenty-one-like markup, vi locale).

URL map:
  /  /page/N/                               all posts, newest first
  /category/<slug>/  /category/<slug>/page/N/   slugs: ocop-nong-thon-moi, tin-tuc
  /YYYY/MM/DD/<slug>/                       detail (article.hentry, time.entry-date[datetime])
  /?p=<id>                                  301 → pretty permalink;  /?s=OCOP  search page
  /feed/  /category/<slug>/feed/            RSS 2.0, pubDate in UTC (+0000)
  /wp-json/  /wp-json/wp/v2/posts?search=&per_page=&page=   REST: X-WP-Total / X-WP-TotalPages,
                                            400 rest_post_invalid_page_number past the last page
  /wp-sitemap.xml → /wp-sitemap-posts-post-1.xml
  /wp-content/uploads/...                   images
  /robots.txt                               disallows /wp-admin/
Traps: display date "16 Tháng Một, 2022" (localised month), a separate time.updated, the comment
form ("Email của bạn sẽ không được hiển thị công khai."), "Bài viết mới" sidebar widget.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from harvester.fixture_portals import render as r
from harvester.fixture_portals.content import Article
from harvester.fixture_portals.server import Post, Response, Site, html, not_found, redirect, xml

CATS = {"ocop": ("ocop-nong-thon-moi", "OCOP - Nông thôn mới"), "tin-tuc": ("tin-tuc", "Tin tức")}
PER_PAGE = 3
ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: /wp-sitemap.xml\n"


def _post_factory(site: Site, article: Article) -> Post:
    post_id = 950 + len(site.posts) * 4 + 5
    cat, _ = CATS.get(article.category, CATS["tin-tuc"])
    slug = r.slugify(article.title)
    d = article.published
    return Post(article, post_id, slug, f"/{d.year}/{d.month:02d}/{d.day:02d}/{slug}/", cat)


def _image(post: Post) -> str:
    d = post.published
    return f"/wp-content/uploads/{d.year}/{d.month:02d}/{post.slug[:24]}.jpg"


def _cat_name(slug: str) -> str:
    return next(n for s, n in CATS.values() if s == slug)


def _layout(site: Site, title: str, main: str, *, body_class: str = "home blog", head_extra: str = "") -> str:
    recent = "".join(f'<li><a href="{p.path}">{r.e(p.title)}</a></li>' for p in site.newest_first()[:5])
    cats = "".join(f'<li class="cat-item"><a href="/category/{s}/">{r.e(n)}</a></li>' for s, n in CATS.values())
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{r.e(title)} &#8211; {r.e(site.name)}</title>
<link rel="alternate" type="application/rss+xml" title="{r.e(site.name)} &raquo; Dòng thông tin" href="/feed/">
<link rel="https://api.w.org/" href="/wp-json/">
<link rel="stylesheet" id="twenty-twenty-one-style-css" href="/wp-content/themes/twentytwentyone/style.css?ver=1.6" media="all">
{head_extra}
<meta name="generator" content="WordPress 6.2.2">
</head>
<body class="{body_class} wp-embed-responsive">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Chuyển đến nội dung</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">{r.e(site.name)}</a></p>
<p class="site-description">Tiếng nói của nhà nông</p></div>
<nav id="site-navigation" class="primary-navigation"><ul id="primary-menu-list" class="menu-wrapper">
<li class="menu-item"><a href="/">Trang chủ</a></li>{cats.replace('cat-item', 'menu-item')}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
{main}
</main></div></div>
<aside class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>{recent}</ul></section>
<section class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2><ul>{cats}</ul></section></aside>
<footer id="colophon" class="site-footer"><div class="site-info">© {r.e(site.name)}. Vận hành bởi <a href="https://wordpress.org/">WordPress</a></div></footer>
</div></body></html>"""


def _entry_meta(post: Post) -> str:
    a = post.article
    return (
        f'<span class="posted-on"><a href="{post.path}" rel="bookmark">'
        f'<time class="entry-date published" datetime="{a.published.isoformat()}">{r.vi_long_date(a.published)}</time>'
        f'<time class="updated" datetime="{a.modified.isoformat()}">{r.vi_long_date(a.modified)}</time></a></span>'
        f'<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/bientap/">{r.e(a.author or "bientap")}</a></span></span>'
    )


def _excerpt_article(post: Post) -> str:
    return (
        f'<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard hentry category-{post.category}">'
        f'<header class="entry-header"><h2 class="entry-title"><a href="{post.path}" rel="bookmark">{r.e(post.title)}</a></h2>'
        f'<div class="entry-meta">{_entry_meta(post)}</div></header>'
        f'<div class="entry-summary"><p>{r.e(post.article.lead)} [&hellip;]</p></div></article>'
    )


def _pagination(base: str, page: int, pages: int) -> str:
    if pages <= 1:
        return ""

    def href(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    parts = []
    if page > 1:
        parts.append(f'<a class="prev page-numbers" href="{href(page - 1)}">« Trước</a>')
    for n in range(1, pages + 1):
        parts.append(
            f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page
            else f'<a class="page-numbers" href="{href(n)}">{n}</a>'
        )
    if page < pages:
        parts.append(f'<a class="next page-numbers" href="{href(page + 1)}">Sau »</a>')
    return f'<nav class="navigation pagination" aria-label="Bài viết"><h2 class="screen-reader-text">Điều hướng bài viết</h2><div class="nav-links">{"".join(parts)}</div></nav>'


def _detail(site: Site, post: Post) -> str:
    a = post.article
    paras = r.paragraphs_html(post, image=_image(post))
    head = (
        f'<link rel="canonical" href="{site.url(post.path)}">\n<link rel="shortlink" href="{site.url("/?p=" + str(post.post_id))}">\n'
        f'<meta property="og:title" content="{r.e(a.title)}">\n'
        f'<meta property="article:published_time" content="{a.published.astimezone().isoformat()}">'
    )
    source = f'<p style="text-align: right;"><em>Nguồn: {r.e(a.source)}</em></p>' if a.source else ""
    newer = [p for p in site.newest_first() if p.published > a.published][-1:]
    older = [p for p in site.newest_first() if p.published < a.published][:1]
    nav = ""
    if older:
        nav += f'<div class="nav-previous"><a href="{older[0].path}" rel="prev"><span class="meta-nav">Bài trước</span> <span class="post-title">{r.e(older[0].title)}</span></a></div>'
    if newer:
        nav += f'<div class="nav-next"><a href="{newer[0].path}" rel="next"><span class="meta-nav">Bài tiếp theo</span> <span class="post-title">{r.e(newer[0].title)}</span></a></div>'
    main = f"""<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard has-post-thumbnail hentry category-{post.category}">
<header class="entry-header alignwide"><h1 class="entry-title">{r.e(a.title)}</h1>
<div class="entry-meta">{_entry_meta(post)}</div></header>
<div class="entry-content">
<p><strong>{r.e(a.lead)}</strong></p>
{paras}
{source}
</div>
<footer class="entry-footer default-max-width"><span class="cat-links">Chuyên mục: <a href="/category/{post.category}/" rel="category tag">{r.e(_cat_name(post.category))}</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Bài viết"><div class="nav-links">{nav}</div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h2 id="reply-title" class="comment-reply-title">Trả lời</h2>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">Email của bạn sẽ không được hiển thị công khai.</span> Các trường bắt buộc được đánh dấu <span class="required">*</span></p>
<p class="comment-form-comment"><label for="comment">Bình luận</label><textarea id="comment" name="comment"></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Phản hồi"><input type="hidden" name="comment_post_ID" value="{post.post_id}"></p></form></div></div>"""
    return _layout(site, a.title, main, body_class=f"post-template-default single single-post postid-{post.post_id}", head_extra=head)


def _api_post(site: Site, p: Post) -> dict:
    a = p.article
    content = f"<p><strong>{r.e(a.lead)}</strong></p>\n" + r.paragraphs_html(p)
    return {
        "id": p.post_id,
        "date": a.published.strftime("%Y-%m-%dT%H:%M:%S"),
        "date_gmt": a.published.astimezone(r.UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "modified": a.modified.strftime("%Y-%m-%dT%H:%M:%S"),
        "slug": p.slug,
        "status": "publish",
        "type": "post",
        "link": site.url(p.path),
        "title": {"rendered": r.e(a.title)},
        "content": {"rendered": content, "protected": False},
        "excerpt": {"rendered": f"<p>{r.e(a.lead)}</p>\n", "protected": False},
        "categories": [1 if p.category == "tin-tuc" else 7],
    }


def _json(data, status: int = 200, headers: dict | None = None) -> Response:
    h = {"Content-Type": "application/json; charset=UTF-8", **(headers or {})}
    return Response(status, h, json.dumps(data, ensure_ascii=False).encode(), cacheable=status == 200)


def install_news(site: Site) -> None:
    """A generalist newspaper on WordPress: most of its posts are not about OCOP, and its REST
    search for "OCOP" misses the OCOP stories that never write the word."""
    install(site, per_page=4)
    site.site_kind = "newspaper"


def install(site: Site, *, per_page: int = PER_PAGE) -> None:
    site.post_factory = _post_factory
    site.settings = {"per_page": per_page}
    site.start_paths = ["/wp-json/wp/v2/posts?search=OCOP", "/feed/", "/"]

    def listing(base: str, posts: list[Post], page: int, title: str, body_class: str) -> Response:
        chunk, pages = r.page_slice(posts, page, per_page)
        if page < 1 or page > pages:
            return html(_layout(site, "Không tìm thấy trang", "<h1>Không tìm thấy</h1>", body_class="error404"), 404)
        header = f'<header class="page-header alignwide"><h1 class="page-title">{r.e(title)}</h1></header>' if base != "/" else ""
        return html(_layout(site, title, header + "".join(_excerpt_article(p) for p in chunk) + _pagination(base, page, pages),
                            body_class=body_class))

    def router(path: str, query, headers) -> Response:
        parts = [p for p in path.split("/") if p]
        if not parts:
            if "p" in query:
                post = next((p for p in site.posts if str(p.post_id) == r.qstr(query, "p")), None)
                return redirect(post.path, 301) if post else not_found()
            if "s" in query:
                q = r.qstr(query, "s").lower()
                hits = [p for p in site.newest_first() if q and (q in p.title.lower() or q in p.article.text.lower())]
                if r.qstr(query, "feed") == "rss2":
                    return _feed(site, hits)
                return html(_layout(site, f"Kết quả tìm kiếm “{q}”", "".join(_excerpt_article(p) for p in hits), body_class="search"))
            return listing("/", site.newest_first(), 1, site.name, "home blog")
        if parts[0] == "page" and len(parts) == 2 and parts[1].isdigit():
            return listing("/", site.newest_first(), int(parts[1]), site.name, "home blog paged")
        if parts[0] == "feed" and len(parts) == 1:
            return _feed(site, site.newest_first())
        if parts[0] == "category" and len(parts) >= 2 and parts[1] in {s for s, _ in CATS.values()}:
            slug = parts[1]
            posts = site.newest_first(category=slug)
            if len(parts) == 2:
                return listing(f"/category/{slug}/", posts, 1, _cat_name(slug), "archive category")
            if len(parts) == 3 and parts[2] == "feed":
                return _feed(site, posts)
            if len(parts) == 4 and parts[2] == "page" and parts[3].isdigit():
                return listing(f"/category/{slug}/", posts, int(parts[3]), _cat_name(slug), "archive category paged")
            return not_found()
        post = site.post_by_path(path if path.endswith("/") else path + "/")
        if post is not None:
            if not path.endswith("/"):
                return redirect(post.path, 301)
            return html(_detail(site, post), last_modified=post.article.modified)
        return html(_layout(site, "Không tìm thấy trang", "<h1>Không tìm thấy</h1>", body_class="error404"), 404)

    def api_posts(path, query, headers) -> Response:
        try:
            per_page = int(r.qstr(query, "per_page", "10"))
            page = int(r.qstr(query, "page", "1"))
        except ValueError:
            return _json({"code": "rest_invalid_param", "message": "Tham số không hợp lệ: per_page", "data": {"status": 400}}, 400)
        if not 1 <= per_page <= 100:
            return _json({"code": "rest_invalid_param", "message": "Tham số không hợp lệ: per_page",
                          "data": {"status": 400, "params": {"per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"}}}, 400)
        q = r.qstr(query, "search").lower()
        posts = [p for p in site.newest_first() if not q or q in p.title.lower() or q in p.article.text.lower()]
        chunk, pages = r.page_slice(posts, page, per_page)
        total_pages = pages if posts else 0
        if page < 1 or (page > 1 and page > total_pages):
            return _json({"code": "rest_post_invalid_page_number",
                          "message": "Số trang được yêu cầu lớn hơn số trang có sẵn.", "data": {"status": 400}}, 400)
        link = f'<{site.url("/wp-json/wp/v2/posts")}?search={quote(q)}&per_page={per_page}&page={page + 1}>; rel="next"' if page < total_pages else ""
        extra = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(total_pages)}
        if link:
            extra["Link"] = link
        return _json([_api_post(site, p) for p in chunk], headers=extra)

    site.add_route("/", router, prefix=True)
    site.add_route("/wp-json/", lambda p, q, h: _json({"name": site.name, "namespaces": ["oembed/1.0", "wp/v2"],
                                                         "routes": {"/wp/v2/posts": {}}}))
    site.add_route("/wp-json/wp/v2/posts", api_posts)
    site.add_route("/wp-sitemap.xml", lambda p, q, h: xml(r.sitemapindex([site.url("/wp-sitemap-posts-post-1.xml")])))
    site.add_route("/wp-sitemap-posts-post-1.xml",
                   lambda p, q, h: xml(r.urlset([(site.url(p.path), p.article.modified.isoformat()) for p in site.newest_first()])))
    site.add_route("/wp-content/", lambda p, q, h: Response(200, {"Content-Type": "image/jpeg"}, r.tiny_jpeg()), prefix=True)
    site.add_route("/robots.txt", lambda p, q, h: Response(200, {"Content-Type": "text/plain"}, ROBOTS.encode()))
    site.add_route("/wp-admin/", lambda p, q, h: redirect("/wp-login.php"), prefix=True)


def _feed(site: Site, posts: list[Post]) -> Response:
    items = [
        (p.title, site.url(p.path), site.url(f"/?p={p.post_id}"), r.e(p.article.lead), r.rfc822_utc(p.published))
        for p in posts[:10]
    ]
    body = r.rss(site, site.name, site.url("/"), items, generator="https://wordpress.org/?v=6.2.2")
    return xml(body, "application/rss+xml; charset=UTF-8")
