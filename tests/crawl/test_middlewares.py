"""Politeness middlewares in-process: Retry-After, exponential backoff, robots.txt Crawl-delay."""

from __future__ import annotations

import asyncio

import pytest
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

import harvester.middlewares as mw


def crawler_with(**settings):
    from scrapy import Spider

    crawler = get_crawler(settings_dict={"RETRY_TIMES": 3, **settings})
    crawler.spider = Spider.from_crawler(crawler, "fixture-faults")
    return crawler


@pytest.fixture
def slept(monkeypatch):
    """Record the waits the retry middleware asks for instead of sleeping."""
    waits: list[float] = []

    async def fake_sleep(seconds):
        waits.append(seconds)

    monkeypatch.setattr(mw, "sleep", fake_sleep)
    return waits


def retry_middleware(**settings):
    crawler = crawler_with(**settings)
    middleware = mw.RetryAfterMiddleware.from_crawler(crawler)
    crawler.stats.open_spider()
    return middleware


def answer(status, headers=None, url="http://127.0.0.16/loi/503.html"):
    request = Request(url)
    return request, Response(url, status=status, headers=headers or {}, request=request)


def test_retry_after_seconds_is_waited_then_the_request_retried(slept):
    middleware = retry_middleware(HARVESTER_RETRY_AFTER_MAX=120.0)
    request, response = answer(503, {"Retry-After": "7"})
    retry = asyncio.run(middleware.process_response(request, response))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert slept == [7.0]
    assert middleware.crawler.stats.get_value("harvester/retry_after_honoured") == 1


def test_retry_after_is_capped_and_http_dates_are_understood(slept):
    middleware = retry_middleware(HARVESTER_RETRY_AFTER_MAX=30.0)
    request, response = answer(429, {"Retry-After": "3600"})
    asyncio.run(middleware.process_response(request, response))
    assert slept == [30.0]
    assert mw.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert mw.retry_after_seconds("sớm thôi") is None


def test_other_failures_back_off_exponentially_up_to_the_cap(slept):
    middleware = retry_middleware(HARVESTER_BACKOFF_BASE=2.0, HARVESTER_BACKOFF_MAX=5.0, RETRY_TIMES=5)
    request, _ = answer(500)
    for _ in range(4):
        request = asyncio.run(middleware.process_response(request, Response(request.url, status=500,
                                                                              request=request)))
        assert isinstance(request, Request)
    assert slept == [2.0, 4.0, 5.0, 5.0]


def test_503_without_retry_after_uses_the_backoff(slept):
    middleware = retry_middleware(HARVESTER_BACKOFF_BASE=0.5)
    request, response = answer(503)
    asyncio.run(middleware.process_response(request, response))
    assert slept == [0.5]


def test_gives_up_after_retry_times_without_waiting_again(slept):
    middleware = retry_middleware(RETRY_TIMES=1, HARVESTER_BACKOFF_BASE=1.0)
    request, response = answer(500)
    retry = asyncio.run(middleware.process_response(request, response))
    final = asyncio.run(middleware.process_response(retry, Response(retry.url, status=500, request=retry)))
    assert isinstance(final, Response) and final.status == 500
    assert slept == [1.0]


def test_timeouts_back_off_too(slept):
    from twisted.internet.error import TimeoutError as TwistedTimeout

    middleware = retry_middleware(HARVESTER_BACKOFF_BASE=0.25)
    retry = asyncio.run(middleware.process_exception(Request("http://127.0.0.16/loi/cham.html"), TwistedTimeout()))
    assert isinstance(retry, Request) and slept == [0.25]


def test_robots_crawl_delay_is_applied_to_that_hosts_slot_and_capped():
    from scrapy.core.downloader import Downloader
    from scrapy.robotstxt import ProtegoRobotParser

    crawler = crawler_with(HARVESTER_CRAWL_DELAY_MAX=8.0, DOWNLOAD_DELAY=0.25, USER_AGENT="ocop-harvester/0.1")

    async def make_downloader():  # download handlers want a running asyncio loop
        return Downloader(crawler)

    class Engine:
        downloader = asyncio.run(make_downloader())

    crawler.engine = Engine()
    crawler.stats.open_spider()
    middleware = mw.RobotsCrawlDelay.from_crawler(crawler)
    slow = Request("http://127.0.0.21/robots.txt")
    fast = Request("http://127.0.0.22/robots.txt")
    parser = ProtegoRobotParser.from_crawler(crawler, b"User-agent: *\nCrawl-delay: 5\nDisallow: /admin/\n")
    greedy = ProtegoRobotParser.from_crawler(crawler, b"User-agent: *\nCrawl-delay: 600\n")
    middleware.robots_parsed(parser, slow)
    middleware.robots_parsed(greedy, fast)
    downloader = crawler.engine.downloader
    assert downloader.per_slot_settings["127.0.0.21"]["delay"] == 5.0
    assert downloader.per_slot_settings["127.0.0.22"]["delay"] == 8.0  # capped
    # a slot created afterwards takes the delay; AutoThrottle is told not to lower it

    async def new_slot():  # slots, like handlers, are made inside the running loop
        return downloader._get_slot(Request("http://127.0.0.21/tin-tuc/"))[1]

    assert asyncio.run(new_slot()).delay == 5.0
    article = Request("http://127.0.0.21/tin-tuc/bai-viet-1.html")
    middleware.process_request(article)
    assert article.meta["autothrottle_dont_adjust_delay"] is True
    other = Request("http://127.0.0.23/")
    middleware.process_request(other)
    assert "autothrottle_dont_adjust_delay" not in other.meta
