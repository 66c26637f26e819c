"""Scrapy settings for the harvester, plus our own ``HARVESTER_*`` settings declared once.

The CLI and the runner build settings explicitly with
``Settings().setmodule("harvester.settings")`` so that a cron job started from any directory
gets the same configuration; ``scrapy.cfg`` points here only for developers' ``scrapy list``.

Precedence (Scrapy priorities): this module (``project``), then the registry row's per-portal
concurrency and delay (``spider``), then CLI flags and test overrides (``cmdline``).
Every ``HARVESTER_*`` value can also be set from the environment variable of the same name.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from harvester import __version__
from harvester.errors import HarvesterError


@dataclass(frozen=True)
class Setting:
    """One of our own settings: its name, default and what it is for."""

    name: str
    default: Any
    help: str

    def value(self) -> Any:
        """The default, overridden by the environment variable of the same name."""
        raw = os.environ.get(self.name)
        if raw is None:
            return self.default
        if isinstance(self.default, bool):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(self.default, int | float):
            try:
                number = type(self.default)(raw)
            except ValueError:
                raise HarvesterError(f"{self.name}={raw!r} in the environment: not a number") from None
            if not math.isfinite(number):  # an infinite delay or timeout hangs the run and keeps the lock
                raise HarvesterError(f"{self.name}={raw!r} in the environment: not a finite number")
            return number
        return raw


HARVESTER_SETTINGS: tuple[Setting, ...] = (
    Setting("HARVESTER_DB", "ocop.db", "SQLite file the crawl writes into (the --db option wins)."),
    Setting("HARVESTER_REGISTRY", "", "Portal registry CSV; empty means data/portals.csv."),
    Setting(
        "HARVESTER_CONTACT",
        "ocop-harvester@example.org",
        "Contact address sent in the User-Agent so that portal admins can reach the operator.",
    ),
    Setting(
        "HARVESTER_MAX_LISTING_PAGES",
        30,
        "Most pages followed down one listing, search or API result set in a single run.",
    ),
    Setting(
        "HARVESTER_RELEVANCE_KEYWORDS",
        "ocop|mỗi xã|sản phẩm|moi xa|san pham",
        "'|'-separated words; in deep backfill of a generalist site a listed title containing one is "
        "fetched, others are skipped and counted (broad on purpose: titles like 'đánh giá 3 sản phẩm "
        "tiềm năng 5 sao' omit 'OCOP').",
    ),
    Setting(
        "HARVESTER_TITLE_FILTER_KINDS",
        "newspaper national_news portal ministry legal",
        "Registry site_kinds whose listings, deeper than HARVESTER_FETCH_ALL_PAGES, are filtered by "
        "title; other (topical) sites get every listed article fetched once at any depth.",
    ),
    Setting(
        "HARVESTER_RECHECK_DAYS",
        0.0,
        "Also refetch (conditionally) stored articles older than this many days; 0 disables.",
    ),
    Setting("HARVESTER_WP_PER_PAGE", 50, "per_page for the WordPress REST search (1..100)."),
    Setting(
        "HARVESTER_EXTRACT_WORKERS",
        max(2, min(4, os.cpu_count() or 2)),
        "Processes that extract text and figures beside the crawl (one per core, at least 2, at most 4; "
        "extraction costs more than downloading, so one worker cannot keep up even on 2 cores); a writer "
        "process stores the pages. 0 extracts and writes in the crawl process itself.",
    ),
    Setting(
        "HARVESTER_PROFILE_HELPERS",
        "",
        "A folder: each extraction worker and the writer writes its cProfile there when the crawl ends "
        "(<role>-<pid>.prof), for measuring the crawl's processes one by one (docs/capacity.md).",
    ),
    Setting("HARVESTER_RETRY_AFTER_MAX", 120.0, "Longest Retry-After wait honoured, in seconds."),
    Setting("HARVESTER_BACKOFF_BASE", 2.0, "First retry wait for 5xx/timeouts; doubles each retry."),
    Setting("HARVESTER_BACKOFF_MAX", 60.0, "Longest exponential-backoff wait, in seconds."),
    Setting("HARVESTER_CRAWL_DELAY_MAX", 30.0, "Longest robots.txt Crawl-delay applied, in seconds."),
    Setting("HARVESTER_SILENT_DAYS", 30, "Flag a portal that has published nothing new for this many days "
            "(the default of the registry's per-portal silence_days)."),
    Setting(
        "HARVESTER_FETCH_ALL_PAGES",
        5,
        "Listing pages on which every new entry is fetched (the body decides relevance); deeper pages of "
        "generalist sites (HARVESTER_TITLE_FILTER_KINDS) are backfill, fetched only when the title looks OCOP.",
    ),
    Setting(
        "HARVESTER_ALLOW_PRIVATE_HOSTS",
        False,
        "Crawl portals whose host names resolve to loopback or private addresses (refused by default: "
        "a registered name that rebinds to the operator's own network must not be read and stored).",
    ),
    Setting(
        "HARVESTER_ATTACHMENT_MAX_BYTES",
        25 * 1024 * 1024,
        "Largest attachment a documents crawl downloads, in bytes; a larger one is recorded too-large from "
        "its headers. Reading caps files at attachments.Limits.max_bytes (also 25 MB), so only a lower "
        "value changes anything.",
    ),
    Setting(
        "HARVESTER_SHUTDOWN_GRACE",
        10.0,
        "Seconds a SIGTERM/SIGINT gives pages in flight to be stored before the run stops anyway.",
    ),
)

for _setting in HARVESTER_SETTINGS:
    globals()[_setting.name] = _setting.value()


def _user_agent() -> str:
    contact = globals()["HARVESTER_CONTACT"]
    return f"ocop-harvester/{__version__} (+https://github.com/ocop-harvester; contact: {contact})"


# --- Scrapy --------------------------------------------------------------------------------
BOT_NAME = "ocop-harvester"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
USER_AGENT = _user_agent()

# Politeness. Per-portal concurrency and delay come from the registry row (runner.py).
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Failures: a page that does not answer in time, or is absurdly large, becomes a fault row.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # HTML pages; attachments set their own limit per request
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10

# Scrapy's RetryMiddleware ignores Retry-After; ours replaces it (see middlewares.py).
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "harvester.middlewares.RetryAfterMiddleware": 550,
    "harvester.middlewares.RobotsCrawlDelay": 110,
    "harvester.middlewares.ConditionalGetMiddleware": 560,
    # after the downloader, before RedirectMiddleware (600) and MetaRefreshMiddleware (580)
    "harvester.middlewares.PortalRedirectGuard": 650,
}
# Scrapy's remote-control extensions (the telnet console and, since 2.19, an HTTP server that runs
# Python code sent to it) would let anyone who reaches the port act as the crawl: both off.
EXTENSIONS = {"scrapy.extensions.telnet.TelnetConsole": None, "scrapy.extensions.remote_control.RemoteControl": None}
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

ITEM_PIPELINES = {
    "pipelines.prepare.PreparePipeline": 100,  # decode, main text, relevance, figures (process pool)
    "pipelines.save.SavePipeline": 900,  # one transaction per page, in the crawl process
}

# Scrapy hands a callback's output to CONCURRENT_ITEMS worker tasks through a queue of twice as many
# (created for every response): an article gives one item, but a listing, feed or sitemap gives
# hundreds of requests, which pass through that queue a few at a time. Measured with bench_crawl
# (3,000 pages): 4 -> 13.9 s, 16 -> 12.7 s, 100 (Scrapy's default) -> 13.0 s.
# Pages waiting for an extraction worker are bounded by SCRAPER_SLOT_MAX_ACTIVE_SIZE.
CONCURRENT_ITEMS = 16

# No JOBDIR: what has been fetched is whatever SQLite committed, which survives kill -9.
# A registered host name that resolves to loopback or a private network is refused (resolver.py).
TWISTED_DNS_RESOLVER = "harvester.resolver.PublicOnlyResolver"

COOKIES_ENABLED = False
LOG_LEVEL = "WARNING"
FEED_EXPORT_ENCODING = "utf-8"
