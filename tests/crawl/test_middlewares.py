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


# --- staying on the portal ---------------------------------------------------------------------

def _portal(domain, start_urls=(), **settings):
    from harvester.registry import Portal

    return Portal(id="p", name="p", family="generic", start_urls=list(start_urls) or [f"https://{domain}/"],
                  domain=domain, settings=settings)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://tinh.gov.vn/tin-tuc/bai-1.html", True),
        ("http://tinh.gov.vn/tin-tuc/bai-1.html", True),  # scheme variant
        ("https://www.tinh.gov.vn/bai-1.html", True),  # www variant
        ("https://TINH.gov.vn./bai-1.html", True),
        ("https://tinh.gov.vn:443/bai-1.html", True),
        ("https://tinh.gov.vn:8443/bai-1.html", False),  # another port is another service
        ("https://sonnptnt.tinh.gov.vn/bai.html", True),  # registered through a start URL
        ("https://search.example.net/?q=OCOP", True),  # the registered search_url's host
        ("https://other.gov.vn/bai-1.html", False),
        ("https://tinh.gov.vn.evil.example/", False),
        ("http://127.0.0.1/admin", False),
        ("http://localhost/", False),
        ("http://10.0.0.5/", False),
        ("http://169.254.169.254/latest/meta-data/", False),  # cloud metadata (link-local)
        ("http://[::1]/", False),
        ("file:///etc/passwd", False),
        ("ftp://tinh.gov.vn/x", False),
        ("javascript:alert(1)", False),
        ("http://tinh.gov.vn:99999/", False),  # not a port at all
    ],
)
def test_on_portal_allows_only_the_registered_hosts(url, allowed):
    portal = _portal("tinh.gov.vn", ["https://tinh.gov.vn/rss", "https://sonnptnt.tinh.gov.vn/tin/"],
                     search_url="https://search.example.net/?q=OCOP")
    assert mw.on_portal(url, mw.portal_origins(portal)) is allowed


def test_a_portal_on_a_loopback_address_keeps_only_that_address_and_port():
    origins = mw.portal_origins(_portal("http://127.0.0.11:8380/", ["http://127.0.0.11:8380/tin-tuc/"]))
    assert mw.on_portal("http://127.0.0.11:8380/bai.html", origins)
    for elsewhere in ("http://127.0.0.1:8380/bai.html", "http://127.0.0.12:8380/", "http://127.0.0.11:8381/",
                      "http://127.0.0.11/"):
        assert not mw.on_portal(elsewhere, origins), elsewhere


def _guard(portal):
    from scrapy import Spider

    crawler = crawler_with()
    crawler.spider = Spider.from_crawler(crawler, "p")
    crawler.spider.portal = portal
    crawler.stats.open_spider()
    return mw.PortalRedirectGuard.from_crawler(crawler)


@pytest.mark.parametrize("location", [b"http://127.0.0.1:9/x", b"//other.gov.vn/x", b"file:///etc/passwd"])
def test_guard_refuses_a_3xx_off_the_portal_before_it_is_followed(location):
    guard = _guard(_portal("tinh.gov.vn"))
    request = Request("https://tinh.gov.vn/bai.html")
    response = Response(request.url, status=302, headers={"Location": location}, request=request)
    with pytest.raises(mw.OffPortalRedirect) as refused:
        guard.process_response(request, response)
    assert refused.value.status == 302 and refused.value.target.endswith(location.decode().lstrip("/"))
    assert guard.crawler.stats.get_value("harvester/off_portal_redirects") == 1


def test_guard_lets_redirects_within_the_portal_and_other_answers_through():
    guard = _guard(_portal("tinh.gov.vn"))
    request = Request("https://tinh.gov.vn/bai.html")
    for status, headers in ((301, {"Location": "/bai-moi.html"}), (302, {"Location": "https://www.tinh.gov.vn/x"}),
                            (200, {}), (404, {})):
        response = Response(request.url, status=status, headers=headers, request=request)
        assert guard.process_response(request, response) is response
    follow = Request("https://tinh.gov.vn/bai-moi.html", meta={"redirect_urls": [request.url]})
    assert guard.process_request(follow) is None


def test_guard_refuses_a_meta_refresh_off_the_portal():
    guard = _guard(_portal("tinh.gov.vn"))
    refreshed = Request("http://127.0.0.1/", meta={"redirect_urls": ["https://tinh.gov.vn/a.html"],
                                                   "redirect_reasons": ["meta refresh"]})
    with pytest.raises(mw.OffPortalRedirect):
        guard.process_request(refreshed)


def test_guard_judges_a_meta_refresh_before_it_is_followed():
    from scrapy.http import HtmlResponse

    guard = _guard(_portal("tinh.gov.vn"))
    request = Request("https://tinh.gov.vn/a.html")
    page = b'<html><head><meta http-equiv="refresh" content="0;url=http://10.1.2.3/x"></head></html>'
    with pytest.raises(mw.OffPortalRedirect) as refused:
        guard.process_response(request, HtmlResponse(request.url, body=page, request=request))
    assert refused.value.target == "http://10.1.2.3/x" and refused.value.status is None
    inside = page.replace(b"http://10.1.2.3/x", b"/b.html")
    response = HtmlResponse(request.url, body=inside, request=request)
    assert guard.process_response(request, response) is response
