"""Downloader middlewares for politeness and incremental fetching that Scrapy lacks.

* ``RetryAfterMiddleware``: Scrapy's retry, but waiting as a 429/503 ``Retry-After`` asks
  (scrapy/scrapy#3849) and backing off exponentially for other retryable failures.
* ``ConditionalGetMiddleware``: sends the ETag / Last-Modified stored for a URL, lets a 304
  reach the spider (which yields an "unchanged" item) and counts requests by kind.
* ``RobotsCrawlDelay``: applies robots.txt ``Crawl-delay`` to the host's download slot
  (scrapy/scrapy#892), using the ``robots_parsed`` signal of Scrapy 2.18+.

Redirect loops need no code here: Scrapy's RedirectMiddleware gives up after
``REDIRECT_MAX_TIMES`` and the spider's errback records that as a fault.
"""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message

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
