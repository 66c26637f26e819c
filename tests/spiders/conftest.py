"""Render imitation-portal pages in-process and feed them to spider callbacks (no server, no network)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

import harvester.settings as project_settings
from harvester.registry import Portal
from harvester.urls import canonicalize

BASE = "http://127.0.0.11:8000"


def _project_settings() -> dict:
    return {name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()}


@pytest.fixture
def fixture_site():
    """build_site(site_id) with a fixed base URL, pages rendered by calling its router."""
    farm = pytest.importorskip("harvester.fixture_portals.farm")

    def build(site_id: str):
        if site_id not in farm.SITE_TABLE:
            pytest.skip(f"fixture site {site_id!r} not built yet")
        site = farm.build_site(site_id)
        site.base_url = BASE + "/"
        return site

    return build


def render(site, path: str, *, meta: dict | None = None, headers: dict | None = None) -> TextResponse:
    """The response the site would send for ``path``, as Scrapy would hand it to a callback."""
    parts = urlsplit(path)
    reply = site.dispatch(parts.path or "/", parse_qs(parts.query, keep_blank_values=True), headers or {})
    url = BASE + path
    request = Request(url, meta=dict(meta or {}))
    content_type = reply.headers.get("Content-Type", "text/html")
    cls = XmlResponse if "xml" in content_type else HtmlResponse
    return cls(url=url, status=reply.status, headers=reply.headers, body=reply.body, request=request)


@pytest.fixture
def make_spider():
    """A spider of ``cls`` for a Portal row, configured with the project settings."""

    def make(cls, *, site_kind: str = "ntm", portal_id: str = "test-portal", seen=(), frontier=None, walked_at=None,
             **settings):
        """``frontier``: {listing path: [entry paths]}, as the last complete walk left it;
        ``walked_at``: {listing path: ISO time of that walk}."""
        crawler = get_crawler(cls, {**_project_settings(), **settings})
        portal = Portal(id=portal_id, name=portal_id, family=cls.family, start_urls=[BASE + "/"],
                        site_kind=site_kind, domain=BASE)
        spider = cls.from_crawler(crawler, portal=portal, db_path=None)
        crawler.spider = spider
        spider.seen = set(seen)
        spider.frontier = {canonicalize(BASE + path): frozenset(canonicalize(BASE + p) for p in urls)
                           for path, urls in (frontier or {}).items()}
        spider.walked_at = {canonicalize(BASE + path): when for path, when in (walked_at or {}).items()}
        return spider

    return make


def requests_of(output) -> list[Request]:
    return [x for x in output if isinstance(x, Request)]


def items_of(output) -> list[dict]:
    return [x for x in output if isinstance(x, dict)]
