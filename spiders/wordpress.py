"""WordPress: REST search, feeds and category listings.

``/wp-json/wp/v2/posts?search=OCOP&per_page=N&page=K`` is walked while K < X-WP-TotalPages
(a page past the end answers 400, which is the end, not a fault); ``/feed/`` and
``/category/<slug>/page/N/`` ("Sau »", ``/page/N/``: ``spiders.pagination``) work for sites
without the API.
The article HTML page is always fetched: it is what gets archived and extracted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import Response

from spiders.base import ListingEntry, PortalSpider


def with_query(url: str, **params: Any) -> str:
    """The URL with these query parameters set (others kept)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update({k: str(v) for k, v in params.items()})
    return urlunsplit(parts._replace(query=urlencode(query)))


class WordPressSpider(PortalSpider):
    family = "wordpress"
    article_url_re = re.compile(r"[?&]p=\d+|^https?://[^/]+/(?:[^?#]+/)?[^/?#]+/?(?:$|\?)")
    ignore_url_re = re.compile(
        r"/(?:category|tag|author|page|feed|wp-content|wp-json|wp-admin|wp-includes|comments)/"
        r"|/wp-login|[?&](?:s|replytocom|feed)="
    )
    listing_item_css = "article"
    item_link_css = ".entry-title a, h2 a, h3 a"
    item_date_css = "time.entry-date::attr(datetime), time::attr(datetime)"
    default_start_paths = ("/wp-json/wp/v2/posts?search=OCOP", "/feed/")
    search_markers = ("?s=", "&s=", "/search/")

    def start_kind(self, url: str) -> str:
        if "/wp-json/" in url or "rest_route=" in url:
            return "api"
        return super().start_kind(url)

    def start_request(self, url: str):  # type: ignore[no-untyped-def]
        if self.start_kind(url) != "api":
            return super().start_request(url)
        per_page = self.crawler.settings.getint("HARVESTER_WP_PER_PAGE", 50)
        return self.api_request(with_query(url, per_page=per_page, page=1), page=1)

    def api_request(self, url: str, *, page: int, walk: str | None = None):  # type: ignore[no-untyped-def]
        request = self.listing_request(url, kind="api", page=page, walk=walk)
        request.meta["handle_httpstatus_list"] = [400]  # past the last page: the end
        return request

    def parse_api(self, response: Response) -> Iterator[Any]:
        if response.status in (304, 400):  # 400: past the last page of results
            self.walk_of(response).end = "end"
            return
        try:
            posts = json.loads(response.text)
        except (ValueError, AttributeError):
            yield self.fault(response.url, "bad-json", response.status, page_kind="api")
            return
        if not isinstance(posts, list):
            return
        entries = [self.post_entry(post) for post in posts if isinstance(post, dict) and post.get("link")]
        entries = self.keep_articles(response, entries)
        yield from self.follow_entries(response, entries)
        walk = self.walk_of(response)
        page = response.meta.get("harvester_page", 1)
        if not self.turn_page(walk, page, entries):
            return
        total = int(response.headers.get(b"X-WP-TotalPages", b"0") or 0)
        if page < total:
            yield self.api_request(with_query(response.url, page=page + 1), page=page + 1, walk=walk.key)
        else:
            walk.end = "end"

    @staticmethod
    def post_entry(post: dict[str, Any]) -> ListingEntry:
        title = post.get("title")
        if isinstance(title, dict):
            title = title.get("rendered")
        return ListingEntry(str(post["link"]), str(title or "") or None, post.get("date"))
