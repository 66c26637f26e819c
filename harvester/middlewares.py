"""Downloader middlewares for politeness and incremental fetching that Scrapy lacks.

* ``RetryAfterMiddleware``: Scrapy's retry, but waiting as a 429/503 ``Retry-After`` asks
  (scrapy/scrapy#3849) and backing off exponentially for other retryable failures.
* ``ConditionalGetMiddleware``: sends the ETag / Last-Modified stored for a URL, lets a 304
  reach the spider (which yields an "unchanged" item) and counts requests by kind.
* ``RobotsCrawlDelay``: applies robots.txt ``Crawl-delay`` to the host's download slot
  (scrapy/scrapy#892), using the ``robots_parsed`` signal of Scrapy 2.18+.
* ``PortalRedirectGuard``: a redirect (HTTP 3xx or meta refresh) is followed only to the
  portal's own registered hosts; anything else (another host, loopback or private addresses,
  ``file://``) fails the request with :class:`OffPortalRedirect`, which the spider records as a
  fault row (server-side request forgery would otherwise store and serve another site's page).

Redirect loops need no code here: Scrapy's RedirectMiddleware gives up after
``REDIRECT_MAX_TIMES`` and the spider's errback records that as a fault.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import get_meta_refresh, response_status_message

logger = logging.getLogger(__name__)


def retry_after_seconds(value: str | bytes | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date.

    >>> retry_after_seconds("3")
    3.0
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0)
    10.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware(RetryMiddleware):
    """Retry 429/5xx/timeouts, waiting as the server asks or with exponential backoff."""

    def __init__(self, settings: Any):
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("HARVESTER_RETRY_AFTER_MAX", 120.0)
        self.backoff_base = settings.getfloat("HARVESTER_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("HARVESTER_BACKOFF_MAX", 60.0)

    def backoff(self, request: Request) -> float:
        """Exponential wait before the next attempt: base, 2×base, 4×base … capped."""
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff_max, self.backoff_base * (2**attempt))

    def wait_for(self, request: Request, response: Response) -> float:
        """Retry-After when the server sent one (capped), otherwise the backoff."""
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None and response.status in (429, 503):
            self.crawler.stats.inc_value("harvester/retry_after_honoured")
            return min(asked, self.retry_after_max)
        return self.backoff(request)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = self.wait_for(request, response)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        wait = self.backoff(request)
        retry = self._retry(request, exception)
        if retry is not None:
            await sleep(wait)
        return retry


class ConditionalGetMiddleware:
    """Adds If-None-Match / If-Modified-Since from the stored validators; counts requests."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConditionalGetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        kind = request.meta.get("harvester_kind", "other")
        self.crawler.stats.inc_value(f"harvester/requests/{kind}")
        validators = getattr(self.crawler.spider, "validators", None) or {}
        stored = validators.get(request.url)
        if not stored or request.meta.get("harvester_conditional") is False:
            return
        etag, last_modified = stored
        if etag:
            request.headers.setdefault(b"If-None-Match", etag)
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified)
        allowed = list(request.meta.get("handle_httpstatus_list", []))
        request.meta["handle_httpstatus_list"] = [*allowed, 304]

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 304:
            self.crawler.stats.inc_value("harvester/not_modified")
        return response


class RobotsCrawlDelay:
    """Applies robots.txt Crawl-delay to the slot of the host it came from."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.max_delay = crawler.settings.getfloat("HARVESTER_CRAWL_DELAY_MAX", 30.0)
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsCrawlDelay:
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        user_agent = self.crawler.settings.get("USER_AGENT") or "*"
        try:
            delay = robotparser.crawl_delay(user_agent)
        except Exception:  # a parser without crawl-delay support: nothing to apply
            return
        if not delay:
            return
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        delay = min(float(delay), self.max_delay)
        self.delays[key] = delay
        # New slots read DOWNLOAD_SLOTS-style settings; an existing slot is updated in place.
        downloader.per_slot_settings.setdefault(key, {})["delay"] = delay
        if key in downloader.slots:
            downloader.slots[key].delay = max(downloader.slots[key].delay, delay)
        self.crawler.stats.set_value(f"harvester/crawl_delay/{key}", delay)
        logger.info("robots.txt asks %s seconds between requests to %s", delay, key)

    def process_request(self, request: Request) -> None:
        # AutoThrottle would otherwise lower the slot delay below what robots.txt asked for.
        if self.delays:
            key = self.crawler.engine.downloader.get_slot_key(request)
            if key in self.delays:
                request.meta["autothrottle_dont_adjust_delay"] = True


# --- staying on the portal ----------------------------------------------------------------------

REDIRECT_STATUSES = (301, 302, 303, 307, 308)
DEFAULT_PORTS = {"http": 80, "https": 443}


class OffPortalRedirect(IgnoreRequest):
    """A redirect that would leave the portal; the request fails with the refused target."""

    def __init__(self, target: str, status: int | None):
        super().__init__(f"off-portal redirect to {target}")
        self.target = target
        self.status = status


@dataclass(frozen=True)
class Origin:
    host: str  # lower case, without "www."
    port: int | None  # an explicit non-default port the portal is registered on


def _host_port(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, explicit port or None) of an http(s) URL; None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    if port == DEFAULT_PORTS[parts.scheme]:
        port = None
    return parts.scheme, parts.hostname.lower().rstrip("."), port


def _bare(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def portal_origins(portal: Any) -> frozenset[Origin]:
    """Every host:port the registry names for a portal (domain, entry points, search and documents)."""
    domain = str(getattr(portal, "domain", "") or "")
    settings = getattr(portal, "settings", None) or {}
    urls: Iterable[str] = [
        domain if "://" in domain else f"https://{domain}/",
        *(getattr(portal, "start_urls", None) or []),
        *(getattr(portal, "document_urls", None) or []),
        *([settings["search_url"]] if settings.get("search_url") else []),
    ]
    origins = set()
    for url in urls:
        found = _host_port(url)
        if found:
            origins.add(Origin(_bare(found[1]), found[2]))
    return frozenset(origins)


def on_portal(url: str, origins: frozenset[Origin]) -> bool:
    """True when ``url`` is http(s) on one of the portal's own hosts (www. and https variants
    allowed, same port). Nothing else passes, so loopback, private and link-local addresses are
    refused unless the portal itself is registered on that very address and port (the
    imitation portals are): 127.0.0.11 → 127.0.0.1 or → 127.0.0.12 is off the portal."""
    found = _host_port(url)
    return found is not None and Origin(_bare(found[1]), found[2]) in origins


class PortalRedirectGuard:
    """Refuses redirects that leave the portal (see the module docstring).

    It sits between the downloader and Scrapy's RedirectMiddleware, so a 3xx or a meta refresh
    is judged before a new request is built (and before robots.txt would be asked of the
    target); a redirected request that still arrives off the portal is refused in
    ``process_request``.
    """

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self._origins: dict[int, frozenset[Origin]] = {}
        settings = crawler.settings
        self.meta_refresh = settings.getbool("METAREFRESH_ENABLED")
        self.meta_refresh_ignore = settings.getlist("METAREFRESH_IGNORE_TAGS")
        self.meta_refresh_max = settings.getfloat("METAREFRESH_MAXDELAY")

    @classmethod
    def from_crawler(cls, crawler: Any) -> PortalRedirectGuard:
        return cls(crawler)

    def origins(self) -> frozenset[Origin] | None:
        spider = self.crawler.spider
        portal = getattr(spider, "portal", None)
        if portal is None or isinstance(portal, str):
            return None
        key = id(portal)
        if key not in self._origins:
            self._origins[key] = portal_origins(portal)
        return self._origins[key]

    def refuse(self, target: str, status: int | None) -> None:
        self.crawler.stats.inc_value("harvester/off_portal_redirects")
        logger.info("refused a redirect off the portal to %s", target)
        raise OffPortalRedirect(target, status)

    def process_request(self, request: Request) -> None:
        if not request.meta.get("redirect_urls"):
            return
        origins = self.origins()
        if origins is not None and not on_portal(request.url, origins):
            reasons = request.meta.get("redirect_reasons") or [None]
            status = reasons[-1] if isinstance(reasons[-1], int) else None
            self.refuse(request.url, status)

    def process_response(self, request: Request, response: Response) -> Response:
        target = self.redirect_target(request, response)
        if target is None:
            return response
        origins = self.origins()
        if origins is not None and not on_portal(target, origins):
            self.refuse(target, response.status if response.status in REDIRECT_STATUSES else None)
        return response

    def redirect_target(self, request: Request, response: Response) -> str | None:
        """Where Scrapy's redirect middlewares would send this request next, if anywhere."""
        meta = request.meta
        if meta.get("dont_redirect") or meta.get("handle_httpstatus_all") \
                or response.status in meta.get("handle_httpstatus_list", ()):
            return None  # the spider handles this answer itself; nothing will be followed
        if response.status in REDIRECT_STATUSES and b"Location" in response.headers:
            return urljoin(request.url, response.headers[b"Location"].decode("latin-1").strip())
        if self.meta_refresh and isinstance(response, HtmlResponse):
            # Scrapy caches this per response, so MetaRefreshMiddleware does not parse it again
            interval, url = get_meta_refresh(response, ignore_tags=self.meta_refresh_ignore)
            if url and interval is not None and interval < self.meta_refresh_max:
                return url
        return None
