"""PortalSpider: everything about walking a portal that does not depend on its markup.

A family subclass (``spiders/<family>.py``) declares where article links, listing dates and
the next-page link sit; this base owns the rest:

* ``async def start()`` reads the "seen" URLs and the stored validators from SQLite once, then
  yields the portal's start URLs (feeds, sitemaps, listings, search pages, WordPress REST);
* listings are followed page by page and **paging stops at the first page that brings nothing
  new while showing articles already stored** (or at ``HARVESTER_MAX_LISTING_PAGES``) — once a
  run of the portal has completed; after a killed first run the walk goes on to fill the gap;
* article URLs are canonicalised (``harvester.urls.canonicalize``) so that Liferay ``redirect=``
  variants and similar are fetched once;
* on generalist sites (``HARVESTER_TITLE_FILTER_KINDS``) a title seen on a listing or feed
  must look OCOP-related to be fetched; search results, topical sites (NTM, OCOP, agriculture)
  and URLs without a title (sitemaps) are fetched and the normalize pipeline decides;
* every response becomes a page item (docs/architecture.md) and every failure a fault item;
  a fault never stops the crawl.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from harvester.middlewares import OffPortalRedirect
from harvester.urls import canonicalize
from spiders.faults import describe_failure


@dataclass(frozen=True)
class ListingEntry:
    """One article link as a listing, feed, sitemap or API result shows it."""

    url: str
    title: str | None = None
    date: str | None = None  # as printed next to the link (raw; extractors parse it)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fold(text: str) -> str:
    """NFC + casefold + single spaces, for keyword matching only."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def declared_encoding(headers: dict[str, str], body: bytes) -> str | None:
    """The charset a page declares, header first, then <meta> in the first 4 KB (may be wrong)."""
    content_type = headers.get("Content-Type", "")
    found = _CHARSET.search(content_type.encode("latin-1", "replace"))
    if not found:
        found = _CHARSET.search(body[:4096])
    return found.group(1).decode("ascii", "replace").lower() if found else None


class PortalSpider(scrapy.Spider):
    """Base of all family spiders; constructed with a registry row and the database path."""

    name = "portal"
    family: ClassVar[str] = ""
    REQUIRED: ClassVar[tuple[str, ...]] = ("family", "article_url_re")

    article_url_re: ClassVar[re.Pattern[str] | None] = None  # what an article URL looks like
    ignore_url_re: ClassVar[re.Pattern[str] | None] = None  # print/savefile/tag… never fetched
    listing_item_css: ClassVar[str | None] = None  # one node per listed article
    item_link_css: ClassVar[str] = "a"  # inside an item: the article link
    item_date_css: ClassVar[str | None] = None  # inside an item: the printed date
    next_page_css: ClassVar[str | None] = None  # the "next page" link of a listing
    default_start_paths: ClassVar[tuple[str, ...]] = ()  # used when the row lists none
    feed_markers: ClassVar[tuple[str, ...]] = ("/rss", "/feed", "feed=rss", "atom", ".rss")
    search_markers: ClassVar[tuple[str, ...]] = ("/search", "?s=", "&s=", "search=", "tim-kiem")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = [attr for attr in cls.REQUIRED if not getattr(cls, attr, None)]
        if missing:
            raise TypeError(f"{cls.__name__} must define: {', '.join(missing)}")
        if "name" not in cls.__dict__:  # `scrapy crawl nukeviet -a portal=<id>`
            variant = getattr(cls, "variant", "")
            cls.name = f"{cls.family}-{variant}" if variant else cls.family

    def __init__(self, portal: Any = None, db_path: str | None = None, **kwargs: Any):
        portal_id = getattr(portal, "id", portal) or self.family or "portal"
        super().__init__(name=str(portal_id), **kwargs)
        self.portal = portal
        self.db_path = db_path
        self.seen: set[str] = set()
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self.scheduled: set[str] = set()
        self.completed_before = True  # until load_state() learns that no run ever finished

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if isinstance(spider.portal, str):  # `scrapy crawl nukeviet -a portal=<id>` for developers
            spider.portal = _portal_from_registry(spider.portal, crawler.settings)
        spider.db_path = spider.db_path or crawler.settings.get("HARVESTER_DB")
        keywords = crawler.settings.get("HARVESTER_RELEVANCE_KEYWORDS", "ocop")
        spider.keywords = [fold(k) for k in str(keywords).split("|") if k.strip()]
        spider.max_pages = crawler.settings.getint("HARVESTER_MAX_LISTING_PAGES", 30)
        kinds = crawler.settings.get("HARVESTER_TITLE_FILTER_KINDS", "")
        spider.title_filter_kinds = {k.strip().lower() for k in str(kinds).replace(",", " ").split()}
        return spider

    # --- start ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self.load_state()
        for url in self.start_urls_for_portal():
            yield self.start_request(url)
        search_url = (getattr(self.portal, "settings", None) or {}).get("search_url")
        if search_url:
            yield self.listing_request(search_url, kind="search", page=1)

    def load_state(self) -> None:
        """Read once what the database already holds for this portal (no writes here)."""
        from harvester.storage.state import has_completed_run, load_seen, load_validators

        if not self.db_path:
            return
        days = self.crawler.settings.getfloat("HARVESTER_RECHECK_DAYS", 0.0)
        self.seen = {canonicalize(u) for u in load_seen(self.db_path, self.portal_id, days)}
        self.validators = load_validators(self.db_path, self.portal_id)
        self.completed_before = has_completed_run(self.db_path, self.portal_id)

    @property
    def portal_id(self) -> str:
        return str(getattr(self.portal, "id", self.name))

    @property
    def filters_titles(self) -> bool:
        """Generalist sites (newspapers, provincial portals): fetch only OCOP-looking titles.

        Topical sites (NTM, OCOP, agriculture) are small: every listed article is fetched once
        and the normalize pipeline decides, which also catches OCOP stories whose title does
        not say so.
        """
        kind = str(getattr(self.portal, "site_kind", "") or "").lower()
        return kind in self.title_filter_kinds

    def start_urls_for_portal(self) -> list[str]:
        urls = list(getattr(self.portal, "start_urls", None) or [])
        if not urls:
            base = self.base_url()
            urls = [urljoin(base, path) for path in self.default_start_paths]
        return urls

    def base_url(self) -> str:
        domain = str(getattr(self.portal, "domain", "") or "")
        return domain if "://" in domain else f"https://{domain}/"

    def start_kind(self, url: str) -> str:
        """feed | sitemap | api | search | listing, from the shape of a start URL."""
        low = url.lower()
        if "sitemap" in low and (low.endswith(".xml") or "sitemap" in urlsplit(low).path):
            return "sitemap"
        if any(marker in low for marker in self.feed_markers):
            return "feed"
        if any(marker in low for marker in self.search_markers):
            return "search"
        return "listing"

    def start_request(self, url: str) -> scrapy.Request:
        kind = self.start_kind(url)
        return self.listing_request(url, kind=kind, page=1)

    def listing_request(self, url: str, *, kind: str, page: int, **meta: Any) -> scrapy.Request:
        callbacks = {"feed": self.parse_feed, "sitemap": self.parse_sitemap, "api": self.parse_api}
        return scrapy.Request(
            url,
            callback=callbacks.get(kind, self.parse_listing),
            errback=self.on_error,
            dont_filter=True,
            priority=10,  # walk listings first so that article requests spread across them
            meta={"harvester_kind": kind, "harvester_page": page, **meta},
        )

    # --- listings ----------------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[Any]:
        if response.status == 304 or not isinstance(response, TextResponse):
            return
        entries = self.listing_entries(response)
        if not entries:
            self.crawler.stats.inc_value("harvester/listing_empty")
        yield from self.follow_entries(response, entries)
        if self.should_paginate(response, entries):
            next_url = self.next_page_url(response)
            if next_url and canonicalize(next_url) != canonicalize(response.url):
                kind = response.meta.get("harvester_kind", "listing")
                yield self.listing_request(next_url, kind=kind, page=response.meta.get("harvester_page", 1) + 1)

    def listing_entries(self, response: TextResponse) -> list[ListingEntry]:
        """Article links with their titles and printed dates, in page order."""
        entries = list(self.structured_entries(response)) if self.listing_item_css else []
        if not entries:
            entries = list(self.anchor_entries(response))
        return self.keep_articles(response, entries)

    def structured_entries(self, response: TextResponse) -> Iterator[ListingEntry]:
        assert self.listing_item_css
        for node in response.css(self.listing_item_css):
            link = node.css(self.item_link_css)
            href = link.attrib.get("href") if link else None
            if not href:
                continue
            title = link.attrib.get("title") or " ".join(link.css("::text").getall())
            date = None
            if self.item_date_css:
                date = " ".join(t.strip() for t in node.css(self.item_date_css).getall() if t.strip())
            yield ListingEntry(response.urljoin(href), title.strip() or None, date or None)

    def anchor_entries(self, response: TextResponse) -> Iterator[ListingEntry]:
        for link in response.css("a[href]"):
            title = link.attrib.get("title") or " ".join(link.css("::text").getall())
            yield ListingEntry(response.urljoin(link.attrib["href"]), title.strip() or None)

    def keep_articles(self, response: Response, entries: Iterable[ListingEntry]) -> list[ListingEntry]:
        kept: dict[str, ListingEntry] = {}
        for entry in entries:
            url = canonicalize(entry.url)
            if not self.is_article_url(url, response.url):
                continue
            first = kept.get(url)
            if first is None:
                kept[url] = ListingEntry(url, entry.title, entry.date)
            elif not (first.title and first.date):
                # A thumbnail link (no text) often comes before the headline link to the same
                # article: keep the first position, fill in the title/date the later link has.
                kept[url] = ListingEntry(url, first.title or entry.title, first.date or entry.date)
        return list(kept.values())

    def is_article_url(self, url: str, from_url: str | None = None) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        if from_url and parts.hostname != urlsplit(from_url).hostname:
            return False
        if parts.path in ("", "/") and not parts.query:  # a home page is never an article
            return False
        if self.ignore_url_re and self.ignore_url_re.search(url):
            return False
        assert self.article_url_re is not None
        return bool(self.article_url_re.search(url))

    def next_page_url(self, response: TextResponse) -> str | None:
        if not self.next_page_css:
            return None
        href = response.css(self.next_page_css).attrib.get("href")
        if not href or href.startswith("javascript"):
            return None
        return response.urljoin(href)

    def should_paginate(self, response: Response, entries: list[ListingEntry]) -> bool:
        """Stop at a page that shows stored articles and nothing new, or at the page limit."""
        if response.meta.get("harvester_page", 1) >= self.max_pages or not entries:
            return False
        new = response.meta.get("harvester_new_links", 0)
        known = sum(1 for e in entries if e.url in self.seen)
        if known and not new and self.completed_before:
            self.crawler.stats.inc_value("harvester/listing_stopped_at_known")
            return False
        return True

    def follow_entries(self, response: Response, entries: list[ListingEntry]) -> Iterator[scrapy.Request]:
        """Requests for the entries not stored yet and relevant; counts them for should_paginate."""
        kind = response.meta.get("harvester_kind", "listing")
        new = 0
        for entry in entries:
            if entry.url in self.seen or entry.url in self.scheduled:
                continue
            if not self.is_relevant(entry.title, kind):
                self.crawler.stats.inc_value("harvester/skipped_irrelevant")
                continue
            new += 1
            self.scheduled.add(entry.url)
            yield self.article_request(entry, response.url)
        response.meta["harvester_new_links"] = new
        self.crawler.stats.inc_value("harvester/listing_links", len(entries))

    def is_relevant(self, title: str | None, source_kind: str) -> bool:
        if source_kind in ("search", "api") or not self.filters_titles or not title:
            return True
        folded = fold(title)
        return any(word in folded for word in self.keywords)

    def article_request(self, entry: ListingEntry, listing_url: str) -> scrapy.Request:
        return scrapy.Request(
            entry.url,
            callback=self.parse_article,
            errback=self.on_error,
            # Deduplicated by self.scheduled; letting the dupefilter also see it would silently
            # swallow a redirect loop (a -> b -> a) instead of recording it as a fault.
            dont_filter=True,
            meta={
                "harvester_kind": "article",
                "listing_url": listing_url,
                "listing_date": entry.date,
                "listing_title": entry.title,
            },
        )

    # --- feeds, sitemaps, APIs -------------------------------------------------------------------
    def parse_feed(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            return
        entries = self.keep_articles(response, feed_entries(response.body, response.url))
        yield from self.follow_entries(response, entries)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            return
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # not XML at all: record why instead of crashing
            yield self.fault(response.url, "bad-sitemap", response.status)
            return
        locs = [(e.get("loc"), e.get("lastmod")) for e in sitemap if e.get("loc")]
        if sitemap.type == "sitemapindex":
            for loc, _ in locs:
                yield self.listing_request(response.urljoin(loc), kind="sitemap", page=1)
            return
        entries = [ListingEntry(response.urljoin(loc), None, lastmod) for loc, lastmod in locs]
        yield from self.follow_entries(response, self.keep_articles(response, entries))

    def parse_api(self, response: Response) -> Iterator[Any]:  # families with an API override it
        return iter(())

    # --- articles ------------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[dict[str, Any]]:
        if response.status == 304:
            yield self.unchanged_item(response)
            return
        yield self.page_item(response)

    def page_item(self, response: Response, kind: str = "article") -> dict[str, Any]:
        headers = response_headers(response)
        requested = (response.meta.get("redirect_urls") or [response.request.url])[0]
        return {
            "kind": kind,
            "url": requested,
            "final_url": response.url,
            "portal_id": self.portal_id,
            "family": self.family,
            "status": response.status,
            "headers": headers,
            "body": response.body,
            "encoding": declared_encoding(headers, response.body),
            "fetched_at": utc_now(),
            "listing_date": response.meta.get("listing_date"),
            "listing_url": response.meta.get("listing_url"),
            "listing_title": response.meta.get("listing_title"),
        }

    def unchanged_item(self, response: Response) -> dict[str, Any]:
        self.crawler.stats.inc_value("harvester/unchanged")
        return {
            "kind": "unchanged",
            "url": response.request.url,
            "final_url": response.url,
            "portal_id": self.portal_id,
            "family": self.family,
            "status": 304,
            "headers": response_headers(response),
            "fetched_at": utc_now(),
        }

    # --- failures ------------------------------------------------------------------------------
    def on_error(self, failure: Any) -> Iterator[dict[str, Any]]:
        request = failure.request
        reason, status = describe_failure(failure)
        if reason == "robots-disallowed":  # obeyed, not a fault of the portal
            return
        kind = request.meta.get("harvester_kind", "other")
        if kind == "api" and status == 400:  # WordPress: past the last page of results
            return
        url = (request.meta.get("redirect_urls") or [request.url])[0]  # the URL we asked for
        # an off-portal redirect keeps the refused target where a followed one keeps its end
        final_url = failure.value.target if isinstance(failure.value, OffPortalRedirect) else None
        self.logger.info("fault %s on %s (%s)", reason, url, kind)
        yield self.fault(url, reason, status, page_kind=kind, final_url=final_url)

    def fault(self, url: str, reason: str, status: int | None, *, page_kind: str = "other",
              final_url: str | None = None) -> dict[str, Any]:
        self.crawler.stats.inc_value("harvester/faults")
        self.crawler.stats.inc_value(f"harvester/faults/{reason}")
        return {
            "kind": "fault",
            "url": url,
            "final_url": final_url or url,
            "portal_id": self.portal_id,
            "family": self.family,
            "status": status,
            "reason": reason,
            "page_kind": page_kind,
            "fetched_at": utc_now(),
        }


def response_headers(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1"): values[-1].decode("latin-1")
        for key, values in response.headers.items()
        if values
    }


def feed_entries(body: bytes, base_url: str) -> list[ListingEntry]:
    """Items of an RSS 2.0 or Atom feed; a broken feed gives what could be recovered."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries = []
    for item in root.iter("{*}item", "{*}entry"):
        link = item.findtext("{*}link") or ""
        if not link.strip():
            node = item.find("{*}link[@href]")
            link = node.get("href", "") if node is not None else ""
        if not link.strip():
            continue
        title = (item.findtext("{*}title") or "").strip() or None
        date = item.findtext("{*}pubDate") or item.findtext("{*}published") or item.findtext("{*}updated")
        entries.append(ListingEntry(urljoin(base_url, link.strip()), title, (date or "").strip() or None))
    return entries


def _portal_from_registry(portal_id: str, settings: Any) -> Any:
    from harvester.paths import data_file
    from harvester.registry import load_registry

    path = settings.get("HARVESTER_REGISTRY") or data_file("portals.csv")
    for portal in load_registry(path):
        if portal.id == portal_id:
            return portal
    raise ValueError(f"{path}: no portal with id {portal_id!r}")
