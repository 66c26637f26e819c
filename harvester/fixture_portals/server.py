"""HTTP plumbing shared by every imitation site: the route table, conditional GET, the request log."""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from harvester.fixture_portals.content import FIXED_NOW, Article, generated_article


@dataclass
class Response:
    """What a route handler returns.

    ``delay`` sleeps before answering (slow pages); ``truncate`` announces a Content-Length larger
    than the body and closes the connection mid-body; ``cacheable=False`` skips ETag/304 handling.
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0
    truncate: bool = False
    cacheable: bool = True
    last_modified: datetime | None = None


def html(body: str, status: int = 200, *, last_modified: datetime | None = None, charset: str = "utf-8") -> Response:
    return Response(
        status, {"Content-Type": f"text/html; charset={charset}"}, body.encode(charset), last_modified=last_modified
    )


def xml(body: str, content_type: str = "application/xml; charset=utf-8") -> Response:
    return Response(200, {"Content-Type": content_type}, body.encode("utf-8"))


def not_found(path: str = "") -> Response:
    page = "<!DOCTYPE html><html><head><title>404</title></head><body><h1>Không tìm thấy trang</h1></body></html>"
    return Response(404, {"Content-Type": "text/html; charset=utf-8"}, page.encode(), cacheable=False)


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, {"Location": location, "Content-Type": "text/html; charset=utf-8"}, b"", cacheable=False)


Handler = Callable[[str, dict[str, list[str]], dict[str, str]], Response]


@dataclass
class Post:
    """One article as published on one site: the site gives it an id, a path and a category."""

    article: Article
    post_id: int
    slug: str
    path: str  # site-relative, starts with "/"
    category: str

    @property
    def published(self) -> datetime:
        return self.article.published

    @property
    def title(self) -> str:
        return self.article.title


class Site:
    """One imitation portal: its posts, its route table and what it served.

    Routes: ``add_route(path, handler)`` for an exact path, ``add_route(prefix, handler, prefix=True)``
    (or a path ending in ``*``) for a prefix. Exact routes win; then the longest prefix.
    """

    def __init__(self, site_id: str, family: str, name: str, province: str | None, *, seed: int = 0):
        self.id = site_id
        self.family = family
        self.name = name
        self.province = province
        self.seed = seed
        self.base_url = ""  # set when the server starts
        self.posts: list[Post] = []  # oldest first; listings show newest first
        self.settings: dict = {}  # fixture knobs (page sizes, fault delays); not written to the registry
        # registry "settings" column (only keys harvester.registry accepts); "search_url" may be a path
        self.registry_settings: dict = {}
        self.site_kind = "fixture"  # the registry's site_kind: "portal"/"newspaper" sites filter deep titles
        self.start_paths: list[str] = []
        self.document_paths: list[str] = []
        self.state: dict = {}  # per-site mutable state for fault routes (retry counters...)
        self._exact: dict[str, Handler] = {}
        self._prefix: list[tuple[str, Handler]] = []
        self._log: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        self._published = 0
        self._by_path: dict[str, Post] = {}
        # Rendered pages that depend only on the posts, dropped whenever a post is added (so the
        # 10,000-page benchmark site measures the crawler, not this server's templates).
        self.rendered: dict[str, bytes] = {}
        self.post_factory: Callable[[Site, Article], Post] | None = None

    # -- routes ----------------------------------------------------------------------------------
    def add_route(self, path: str, handler: Handler, *, prefix: bool = False) -> None:
        if path.endswith("*"):
            path, prefix = path[:-1], True
        if prefix:
            self._prefix.append((path, handler))
            self._prefix.sort(key=lambda p: len(p[0]), reverse=True)
        else:
            self._exact[path] = handler

    def dispatch(self, path: str, query: dict[str, list[str]], headers: dict[str, str]) -> Response:
        handler = self._exact.get(path)
        if handler is None:
            for pre, h in self._prefix:
                if path.startswith(pre):
                    handler = h
                    break
        if handler is None:
            return not_found(path)
        return handler(path, query, headers)

    # -- posts -----------------------------------------------------------------------------------
    def add_article(self, article: Article) -> Post:
        return self.add_articles([article])[0]

    def add_articles(self, articles: list[Article]) -> list[Post]:
        """Publish articles on this site (the family module decides ids and paths)."""
        assert self.post_factory is not None, "family module must set post_factory"
        added = []
        for article in articles:
            post = self.post_factory(self, article)
            with self._lock:
                self.posts.append(post)  # factories number posts by len(self.posts)
                self._by_path[post.path] = post
            added.append(post)
        with self._lock:
            self.posts.sort(key=lambda p: (p.published, p.post_id))
            self.rendered.clear()
        return added

    def newest_first(self, *, category: str | None = None) -> list[Post]:
        with self._lock:
            posts = list(self.posts)
        posts.reverse()
        if category:
            posts = [p for p in posts if p.category == category]
        return posts

    def post_by_path(self, path: str) -> Post | None:
        return self._by_path.get(path)

    def publish(self, n: int = 1) -> list[Post]:
        """Add n generated OCOP articles, newer than everything on the site."""
        out = []
        for _ in range(n):
            self._published += 1
            latest = max((p.published for p in self.posts), default=FIXED_NOW - timedelta(days=30))
            when = latest + timedelta(hours=5, minutes=7)
            out.append(self.add_article(generated_article(self.seed + 7919, 100_000 + self._published, when=when)))
        return out

    @property
    def last_modified(self) -> datetime:
        return max((p.article.modified for p in self.posts), default=FIXED_NOW)

    def url(self, path: str = "/") -> str:
        return self.base_url.rstrip("/") + path

    # -- log -------------------------------------------------------------------------------------
    def log(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self._log.append((method, path, status))

    def request_log(self) -> list[tuple[str, str, int]]:
        with self._lock:
            return list(self._log)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def _not_modified(headers: dict[str, str], etag: str, last_modified: datetime | None) -> bool:
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = headers.get("if-modified-since")
    if ims and last_modified is not None:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        return last_modified.replace(microsecond=0) <= since
    return False


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FixturePortal/1.0"
    timeout = 30

    def log_message(self, format, *args):  # quiet: tests read Site.request_log instead
        pass

    def do_GET(self):
        self._serve(head=False)

    def do_HEAD(self):
        self._serve(head=True)

    def do_POST(self):
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        site: Site = self.server.site  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in self.headers.items()}
        if self.command == "POST":  # form fields join the query (ASP.NET postbacks)
            length = int(headers.get("content-length") or 0)
            form = self.rfile.read(min(length, 4 * 1024 * 1024)).decode("utf-8", "replace")
            for key, values in parse_qs(form, keep_blank_values=True).items():
                query.setdefault(key, []).extend(values)
        try:
            resp = site.dispatch(parts.path or "/", query, headers)
        except Exception as exc:  # a fixture bug must show as a 500, not hang the client
            resp = Response(500, {"Content-Type": "text/plain"}, f"fixture error: {exc!r}".encode(), cacheable=False)
        if resp.delay:
            time.sleep(resp.delay)
        status, out_headers, body = resp.status, dict(resp.headers), resp.body
        if status == 200 and resp.cacheable:
            etag = out_headers.setdefault("ETag", _etag(body))
            lm = resp.last_modified or site.last_modified
            out_headers.setdefault("Last-Modified", format_datetime(lm.astimezone(UTC), usegmt=True))
            if _not_modified(headers, etag, lm):
                status, body = 304, b""
        site.log(self.command, self.path, status)
        try:
            self.send_response(status)
            for k, v in out_headers.items():
                if k.lower() != "content-length":
                    self.send_header(k, v)
            if resp.truncate:
                self.send_header("Content-Length", str(len(body) * 2 + 1000))
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head and status not in (204, 304):
                self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, site: Site, host: str, port: int = 0):
        self.site = site
        super().__init__((host, port), _RequestHandler)

    def handle_error(self, request, client_address):
        # A crawler that gives up on a slow page closes its connection while the handler still reads
        # or writes: that is the client's choice, not a fixture fault, and must not print a traceback
        # into the demo's output (its test requires a clean stderr).
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)
