"""PortalSpider: everything about walking a portal that does not depend on its markup.

A family subclass (``spiders/<family>.py``) declares what an article URL looks like and where
listing items and their dates sit; this base owns the rest:

* ``async def start()`` reads once what the database holds for the portal (seen URLs,
  validators, the frontier of each listing), then yields the start URLs (feeds, sitemaps,
  listings, search pages, WordPress REST) and the registry's ``search_url``;
* **every new entry is fetched once and the body decides relevance** (the prepare pipeline);
  only on generalist sites (``HARVESTER_TITLE_FILTER_KINDS``) and only deeper than
  ``HARVESTER_FETCH_ALL_PAGES`` listing pages (backfill) does a listed title have to look
  OCOP-related; those skips are counted (``harvester/skipped_by_title``) for the summary;
* a listing is a **walk** from its first page; paging follows any pager (``spiders.pagination``,
  SharePoint postbacks replayed with their form) until the walk **meets its frontier** — the
  entries that topped the listing at the last complete walk — or the listing ends, or
  ``HARVESTER_MAX_LISTING_PAGES``. A walk with no frontier (a first crawl, or after runs that
  never completed) goes to the end. When the run finishes and every entry it found is stored,
  each complete walk's new top becomes its frontier (``frontier_updates``, written by the
  runner); a killed, interrupted or failing run leaves the frontiers where they were, so the
  next night walks on until it meets them and the gap is filled;
* article URLs are canonicalised (``harvester.urls.canonicalize``) so that Liferay ``redirect=``
  variants and similar are fetched once;
* every response becomes a page item (docs/architecture.md) and every failure a fault item;
  a fault never stops the crawl.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from scrapy import signals
from scrapy.http import FormRequest, Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from extractors.text import fold_words
from harvester.clock import now_iso, parse_iso
from harvester.middlewares import OffPortalRedirect
from harvester.paths import data_file
from harvester.registry import load_registry
from harvester.storage.state import load_frontier, load_seen, load_validators
from harvester.urls import canonicalize
from spiders.faults import describe_failure, is_settled
from spiders.pagination import Postback, next_page, postback_form

# Listing kinds that are walked page by page (feeds and sitemaps are one page each).
PAGED_KINDS = ("listing", "search", "api")
LISTING_KINDS = (*PAGED_KINDS, "feed", "sitemap")
# How many entries of a walk's first page make its frontier (several, so that one deleted or
# re-filed article does not lose the mark).
FRONTIER_SIZE = 10
# A sitemap whose <lastmod> is this much older than the last complete walk of its index is not
# asked again (clocks and time zones of portals are loose).
SITEMAP_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class ListingEntry:
    """One article link as a listing, feed, sitemap or API result shows it."""

    url: str
    title: str | None = None
    date: str | None = None  # as printed next to the link (raw; extractors parse it)


@dataclass
class Walk:
    """One listing walked from its first page in this run."""

    key: str  # canonical URL of the first page (the frontier's key)
    kind: str
    frontier: frozenset[str] = frozenset()  # entries that topped it at the last complete walk
    top: list[str] = field(default_factory=list)  # entries topping it now (page 1)
    pages: int = 0
    end: str | None = None  # met (the frontier) | end (of the listing) | cut (page limit) | failed
    children: list[Walk] = field(default_factory=list)  # the sitemaps a sitemap index lists

    @property
    def complete(self) -> bool:
        """Every entry between the top and the old frontier was seen (a cut first walk counts:
        nothing older was ever promised, search and sitemaps backfill it); a sitemap index is
        complete when each sitemap it sent the crawl to was read."""
        if self.children:
            return self.end == "end" and all(child.complete for child in self.children)
        return self.end in ("met", "end") or (self.end == "cut" and not self.frontier)


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
        self.frontier: dict[str, frozenset[str]] = {}
        self.walked_at: dict[str, str | None] = {}  # when each listing's last complete walk ran
        self.walks: dict[str, Walk] = {}
        self.scheduled: set[str] = set()
        self.passed_over: set[str] = set()  # deep-backfill entries skipped by their title
        self.unsettled = 0  # entries fetched but not stored (transient faults)
        self.frontier_updates: dict[str, list[str]] = {}  # set when the run finished cleanly

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if isinstance(spider.portal, str):  # `scrapy crawl nukeviet -a portal=<id>` for developers
            spider.portal = _portal_from_registry(spider.portal, crawler.settings)
        spider.db_path = spider.db_path or crawler.settings.get("HARVESTER_DB")
        keywords = crawler.settings.get("HARVESTER_RELEVANCE_KEYWORDS", "ocop")
        spider.keywords = [fold_words(k) for k in str(keywords).split("|") if k.strip()]
        spider.max_pages = crawler.settings.getint("HARVESTER_MAX_LISTING_PAGES", 30)
        spider.fetch_all_pages = crawler.settings.getint("HARVESTER_FETCH_ALL_PAGES", 5)
        kinds = crawler.settings.get("HARVESTER_TITLE_FILTER_KINDS", "")
        spider.title_filter_kinds = {k.strip().lower() for k in str(kinds).replace(",", " ").split()}
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
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
        if not self.db_path:
            return
        days = self.crawler.settings.getfloat("HARVESTER_RECHECK_DAYS", 0.0)
        self.seen = {canonicalize(u) for u in load_seen(self.db_path, self.portal_id, days)}
        self.validators = load_validators(self.db_path, self.portal_id)
        for key, (urls, walked_at) in load_frontier(self.db_path, self.portal_id).items():
            self.frontier[key] = frozenset(urls)
            self.walked_at[key] = walked_at

    @property
    def portal_id(self) -> str:
        return str(getattr(self.portal, "id", self.name))

    @property
    def filters_titles(self) -> bool:
        """Generalist sites (newspapers, provincial portals) filter titles in deep backfill.

        Topical sites (NTM, OCOP, agriculture) are small: every listed article is fetched once
        and the body decides, at any depth.
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

    def listing_request(self, url: str, *, kind: str, page: int, walk: str | None = None,
                        **meta: Any) -> scrapy.Request:
        """A request for a page of a listing; page 1 starts a walk keyed on its URL."""
        key = walk or self.begin_walk(url, kind)
        callbacks = {"feed": self.parse_feed, "sitemap": self.parse_sitemap, "api": self.parse_api}
        return scrapy.Request(
            url,
            callback=callbacks.get(kind, self.parse_listing),
            errback=self.on_error,
            dont_filter=True,
            priority=10,  # walk listings first so that article requests spread across them
            meta={"harvester_kind": kind, "harvester_page": page, "harvester_walk": key, **meta},
        )

    def begin_walk(self, url: str, kind: str) -> str:
        key = canonicalize(url)
        self.walks.setdefault(key, Walk(key, kind, self.frontier.get(key, frozenset())))
        return key

    def walk_of(self, response: Response) -> Walk:
        key = response.meta.get("harvester_walk") or self.begin_walk(response.url,
                                                                     response.meta.get("harvester_kind", "listing"))
        return self.walks[key]

    # --- listings ----------------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[Any]:
        if response.status == 304 or not isinstance(response, TextResponse):
            return
        walk = self.walk_of(response)
        page = response.meta.get("harvester_page", 1)
        entries = self.listing_entries(response)
        if not entries:
            self.crawler.stats.inc_value("harvester/listing_empty")
        yield from self.follow_entries(response, entries)
        if not self.turn_page(walk, page, entries):
            return
        target = self.next_page_url(response)
        if isinstance(target, Postback):
            request = self.postback_request(response, target, walk, page + 1)
            if request is None:  # a pager we cannot replay: what lies beyond is unknown
                walk.end = "failed"
                return
            yield request
        elif target and canonicalize(target) != canonicalize(response.url):
            yield self.listing_request(target, kind=walk.kind, page=page + 1, walk=walk.key)
        else:
            walk.end = "end"

    def turn_page(self, walk: Walk, page: int, entries: list[ListingEntry]) -> bool:
        """Note this page on its walk; False when the walk stops here (frontier met, limit)."""
        walk.pages = max(walk.pages, page)
        if page == 1:
            walk.top = [e.url for e in entries[:FRONTIER_SIZE]]
        if self.meets_frontier(walk, entries):
            walk.end = "met"
            self.crawler.stats.inc_value("harvester/walks_met_frontier")
            return False
        if not entries:
            walk.end = "end"
            return False
        if page >= self.max_pages:
            walk.end = "cut"
            self.crawler.stats.inc_value("harvester/walks_cut")
            return False
        return True

    def meets_frontier(self, walk: Walk, entries: list[ListingEntry]) -> bool:
        """The page reaches the part of the listing the last complete walk covered: it shows a
        frontier entry and nothing unseen below it (a listing whose order was shuffled, e.g. an
        old article bumped to the top, does not stop the walk early)."""
        at = next((i for i, e in enumerate(entries) if e.url in walk.frontier), None)
        if at is None:
            return False
        known = (self.seen, self.scheduled, self.passed_over)
        return all(any(e.url in urls for urls in known) for e in entries[at:])

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
        # lxml elements rather than a parsel Selector per link: on a listing page of a few hundred
        # links the Selector objects cost more than everything else the spider does with the page
        for link in response.selector.root.iter("a"):
            href = link.get("href")
            if href is None:
                continue
            title = link.get("title") or " ".join(link.itertext())  # every text node inside, as parsel's "::text"
            yield ListingEntry(response.urljoin(href), title.strip() or None)

    def keep_articles(self, response: Response, entries: Iterable[ListingEntry]) -> list[ListingEntry]:
        kept: dict[str, ListingEntry] = {}
        host = urlsplit(response.url).hostname
        for entry in entries:
            url = canonicalize(entry.url)
            if url in kept:
                first = kept[url]
            elif self.is_article_url(url, host=host):
                first = None
            else:
                continue
            if first is None:
                kept[url] = ListingEntry(url, entry.title, entry.date)
            elif not (first.title and first.date):
                # A thumbnail link (no text) often comes before the headline link to the same
                # article: keep the first position, fill in the title/date the later link has.
                kept[url] = ListingEntry(url, first.title or entry.title, first.date or entry.date)
        return list(kept.values())

    def is_article_url(self, url: str, from_url: str | None = None, *, host: str | None = None) -> bool:
        """``url`` looks like an article of this portal, on the host of ``from_url`` (or ``host``)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        if from_url:
            host = urlsplit(from_url).hostname
        if host and parts.hostname != host:
            return False
        if parts.path in ("", "/") and not parts.query:  # a home page is never an article
            return False
        if self.ignore_url_re and self.ignore_url_re.search(url):
            return False
        assert self.article_url_re is not None
        return bool(self.article_url_re.search(url))

    def next_page_url(self, response: TextResponse) -> str | Postback | None:
        """The next page of this listing (see spiders.pagination); families may override."""
        page = response.meta.get("harvester_page", 1)
        return next_page(response, page=page, is_article=lambda url: self.is_article_url(url, response.url))

    def postback_request(self, response: TextResponse, postback: Postback, walk: Walk,
                         page: int) -> FormRequest | None:
        """An ASP.NET pager link: the page's own form posted back with the pager's event."""
        form = postback_form(response, postback)
        if form is None:  # a postback link without its form: nothing to replay
            self.crawler.stats.inc_value("harvester/postback_without_form")
            return None
        url, fields = form
        return FormRequest(
            url,
            formdata=fields,
            callback=self.parse_listing,
            errback=self.on_error,
            dont_filter=True,
            priority=10,
            meta={"harvester_kind": walk.kind, "harvester_page": page, "harvester_walk": walk.key,
                  "harvester_postback": postback.event_argument},
        )

    def follow_entries(self, response: Response, entries: list[ListingEntry]) -> Iterator[scrapy.Request]:
        """Requests for the entries not stored yet; deep backfill of generalist sites by title."""
        kind = response.meta.get("harvester_kind", "listing")
        page = response.meta.get("harvester_page", 1)
        for entry in entries:
            if entry.url in self.seen or entry.url in self.scheduled:
                continue
            if not self.worth_fetching(entry.title, kind, page):
                if entry.url not in self.passed_over:
                    self.passed_over.add(entry.url)
                    self.crawler.stats.inc_value("harvester/skipped_by_title")
                continue
            self.scheduled.add(entry.url)
            yield self.article_request(entry, response.url)
        self.crawler.stats.inc_value("harvester/listing_links", len(entries))

    def worth_fetching(self, title: str | None, source_kind: str, page: int) -> bool:
        """Every new entry is fetched, except in deep backfill of a generalist site, where the
        listed title must look OCOP-related (search and API results always are fetched)."""
        if source_kind in ("search", "api") or not self.filters_titles or not title:
            return True
        if page <= self.fetch_all_pages:
            return True
        folded = fold_words(title)
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
        walk = self.walk_of(response)
        walk.end = "end"
        if response.status == 304:
            return
        entries = self.keep_articles(response, feed_entries(response.body, response.url))
        yield from self.follow_entries(response, entries)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        walk = self.walk_of(response)
        walk.end = "end"
        if response.status == 304:
            return
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # not XML at all: record why instead of crashing
            walk.end = "failed"
            yield self.fault(response.url, "bad-sitemap", response.status, page_kind="sitemap")
            return
        locs = [(e.get("loc"), e.get("lastmod")) for e in sitemap if e.get("loc")]
        if sitemap.type == "sitemapindex":
            yield from self.follow_sitemaps(response, walk, locs)
            return
        entries = [ListingEntry(response.urljoin(loc), None, lastmod) for loc, lastmod in locs]
        yield from self.follow_entries(response, self.keep_articles(response, entries))

    def follow_sitemaps(self, response: Response, walk: Walk,
                        locs: list[tuple[str, str | None]]) -> Iterator[scrapy.Request]:
        """The sitemaps an index lists, except those unchanged since the index's last complete
        walk (a newspaper's index lists one sitemap a month for years: only the recent ones move)."""
        since = parse_iso(self.walked_at.get(walk.key))
        walk.top = [response.urljoin(loc) for loc, _ in locs[:FRONTIER_SIZE]]
        for loc, lastmod in locs:
            changed = parse_iso(lastmod.strip()) if lastmod else None
            if since and changed and changed < since - SITEMAP_MARGIN:
                self.crawler.stats.inc_value("harvester/sitemaps_unchanged")
                continue
            request = self.listing_request(response.urljoin(loc), kind="sitemap", page=1)
            walk.children.append(self.walks[request.meta["harvester_walk"]])
            yield request

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
            "fetched_at": now_iso(),
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
            "fetched_at": now_iso(),
        }

    # --- failures ------------------------------------------------------------------------------
    def on_error(self, failure: Any) -> Iterator[dict[str, Any]]:
        request = failure.request
        reason, status = describe_failure(failure)
        kind = request.meta.get("harvester_kind", "other")
        if kind in LISTING_KINDS and not (kind == "api" and status == 400):
            walk = self.walks.get(request.meta.get("harvester_walk", ""))
            if walk is not None:  # the walk cannot tell what lies beyond this page
                walk.end = "failed"
        if reason == "robots-disallowed":  # obeyed, not a fault of the portal
            return
        if kind == "api" and status == 400:  # WordPress: past the last page of results
            return
        if kind == "article" and not is_settled(reason, status):
            self.unsettled += 1
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
            "fetched_at": now_iso(),
        }

    # --- the end of the run ----------------------------------------------------------------------
    def on_closed(self, spider: Any, reason: str) -> None:
        """Which frontiers may advance: only after a run that finished with every entry stored."""
        if spider is not self:
            return
        stats = self.crawler.stats
        failed_saves = int(stats.get_value("harvester/save_errors", 0) or 0)
        if reason != "finished" or self.unsettled or failed_saves:
            stats.set_value("harvester/frontier_held", len(self.walks))
            return
        remembered = [walk for walk in self.walks.values() if walk.kind in PAGED_KINDS or walk.children]
        self.frontier_updates = {walk.key: walk.top for walk in remembered if walk.complete and walk.top}
        held = [walk for walk in remembered if not walk.complete]
        stats.set_value("harvester/frontier_advanced", len(self.frontier_updates))
        if held:
            stats.set_value("harvester/frontier_held", len(held))


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
    path = settings.get("HARVESTER_REGISTRY") or data_file("portals.csv")
    for portal in load_registry(path):
        if portal.id == portal_id:
            return portal
    raise ValueError(f"{path}: no portal with id {portal_id!r}")
