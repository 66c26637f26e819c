"""Run the spiders for a set of portals in one Scrapy process and summarise what happened.

``crawl(db_path, portals)`` takes the lock next to the database (so runs never overlap),
builds the settings explicitly from ``harvester.settings`` (never from the working directory),
creates one ``Crawler`` per portal (its own stats, its own politeness settings from the
registry row, its own failure isolation) plus one for the portal's document listings when it
has any, runs them all in one ``CrawlerProcess`` and then writes, per portal and in one
transaction, its ``crawl_runs`` row and the frontiers its complete walks reached.

A first SIGTERM or SIGINT stops the run: nothing new is scheduled, pages in flight get
``HARVESTER_SHUTDOWN_GRACE`` seconds to be stored, then the rest is abandoned (a page is stored
whole or not at all). The runs are recorded as ``interrupted``, no frontier moves, and the exit
code is 128 + the signal number. A second signal stops at once.

Scrapy's reactor can start only once per process: call ``crawl`` once per process (the CLI
does; tests run the CLI in a subprocess).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

import spiders
from harvester import storage
from harvester.clock import now_iso
from harvester.errors import HarvesterError, LockedError, SchemaError
from harvester.registry import sync_portals
from harvester.schema import open_db
from harvester.storage.frontier import advance_frontier
from pipelines.processes import HELPERS
from spiders.base import PortalSpider
from spiders.documents import DocumentsSpider

logger = logging.getLogger(__name__)

# Registry per-portal settings -> Scrapy / harvester setting names (applied at "spider" priority).
PORTAL_SETTING_NAMES = {
    "concurrency": "CONCURRENT_REQUESTS_PER_DOMAIN",
    "download_delay": "DOWNLOAD_DELAY",
    "download_timeout": "DOWNLOAD_TIMEOUT",
    "max_listing_pages": "HARVESTER_MAX_LISTING_PAGES",
    "fetch_all_pages": "HARVESTER_FETCH_ALL_PAGES",
}

LISTING_REQUEST_KINDS = ("listing", "feed", "sitemap", "search", "api")


@dataclass
class PortalSummary:
    """What one portal's crawl did, as printed in the summary table and stored in crawl_runs."""

    portal_id: str
    family: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0  # faults recorded + pages that could not be stored
    save_errors: int = 0
    skipped_by_title: int = 0
    listing_requests: int = 0
    article_requests: int = 0
    other_requests: int = 0
    responses: int = 0
    listing_items: int = 0
    robots_refused: int = 0
    interrupted: str | None = None  # the signal's name
    flags: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    frontier: dict[str, list[str]] = field(default_factory=dict)  # listing -> new top, to store

    @property
    def requests(self) -> int:
        return self.listing_requests + self.article_requests + self.other_requests

    @property
    def status(self) -> str:
        """interrupted; failed (nothing answered, or pages could not be stored); warning; ok."""
        if self.interrupted:
            return "interrupted"
        if self.responses <= 0 or self.save_errors:  # includes a crawler that could not even start
            return "failed"
        return "warning" if self.flags else "ok"


@dataclass
class RunReport:
    """The result of one `crawl`/`nightly`/`demo` invocation."""

    run_group: str
    command: str
    db_path: str
    started_at: str
    finished_at: str = ""
    portals: list[PortalSummary] = field(default_factory=list)
    interrupted: int | None = None  # the signal number that stopped the run
    record_error: str | None = None  # the run could not be written to the database

    @property
    def exit_code(self) -> int:
        """128 + signal when interrupted; 1 when a page or the run could not be stored, or when
        every portal failed; 0 otherwise."""
        if self.interrupted:
            return 128 + self.interrupted
        if not self.portals or self.record_error or any(p.save_errors for p in self.portals):
            return 1
        return 0 if any(p.status != "failed" for p in self.portals) else 1

    def format_table(self) -> str:
        header = ("portal", "new", "upd", "same", "err", "skip", "req list/feed", "req article", "status")
        rows = [header] + [
            (p.portal_id, p.new, p.updated, p.unchanged, p.errors, p.skipped_by_title, p.listing_requests,
             p.article_requests, p.status)
            for p in self.portals
        ]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
        lines = ["  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in
                           enumerate(zip(row, widths, strict=True))) for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        totals = (sum(p.new for p in self.portals), sum(p.updated for p in self.portals),
                  sum(p.errors for p in self.portals), sum(p.requests for p in self.portals))
        lines.append(f"total: {totals[0]} new, {totals[1]} updated, {totals[2]} errors, {totals[3]} requests")
        for p in self.portals:
            lines.extend(f"!! {p.portal_id}: {flag}" for flag in p.flags)
        if self.interrupted:
            lines.append(f"!! run interrupted by {signal.Signals(self.interrupted).name}: what was stored is kept; "
                         "no listing frontier moved, so the next run walks on to fill the gap")
        if self.record_error:
            lines.append(f"!! could not record this run in {self.db_path}: {self.record_error}")
        return "\n".join(lines)


# --- lock ---------------------------------------------------------------------------------------


def lock_path_for(db_path: str | Path) -> Path:
    """The lock file of a database, keyed on its real path: a symlink to the same file (or a
    path through a symlinked folder) takes the same lock, so it cannot run a second crawl."""
    return Path(f"{os.path.realpath(db_path)}.lock")


@contextmanager
def run_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold an exclusive flock next to the database; the kernel drops it if we are killed."""
    path = lock_path_for(db_path)
    try:
        handle = path.open("a+")
    except OSError as exc:
        raise HarvesterError(f"{path}: cannot create the lock file ({exc.strerror})") from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            who = f" by pid {holder}" if holder else ""
            raise LockedError(
                f"{db_path}: another harvester run is in progress (lock {path} held{who}); "
                "wait for it to finish or let the next scheduled run pick up"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield path
    finally:
        handle.close()  # closing releases the flock


# --- settings -------------------------------------------------------------------------------------


def build_settings(db_path: str | Path, overrides: dict[str, Any] | None = None) -> Settings:
    """Project settings from harvester.settings, then the caller's overrides (cmdline priority)."""
    settings = Settings()
    settings.setmodule("harvester.settings", priority="project")
    settings.set("HARVESTER_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def portal_settings(base: Settings, portal: Any) -> Settings:
    """A copy of ``base`` with the registry row's politeness settings at spider priority."""
    settings = base.copy()
    for key, value in (getattr(portal, "settings", None) or {}).items():
        name = PORTAL_SETTING_NAMES.get(key)
        if name:
            settings.set(name, value, priority="spider")
    return settings


# --- the run --------------------------------------------------------------------------------------


def crawl(
    db_path: str | Path,
    portals: Sequence[Any],
    *,
    settings_overrides: dict[str, Any] | None = None,
    command: str = "crawl",
) -> RunReport:
    """Crawl these registry rows into ``db_path``; returns the per-portal summary."""
    db_path = Path(db_path)
    with run_lock(db_path):
        db = open_db(db_path)  # SchemaError when the file is not a harvester database
        sync_portals(db, portals)
        db.conn.close()
        report = RunReport(run_group=uuid.uuid4().hex[:12], command=command, db_path=str(db_path),
                           started_at=now_iso())
        settings = build_settings(db_path, settings_overrides)
        crawlers, report.interrupted = _run_process(db_path, portals, settings)
        report.finished_at = now_iso()
        for portal in portals:
            summary = summarise(portal, crawlers.get(portal.id, []), interrupted=report.interrupted)
            report.portals.append(summary)
        _record_all(db_path, report, portals)
    return report


def _record_all(db_path: Path, report: RunReport, portals: Sequence[Any]) -> None:
    """crawl_runs rows and frontiers; a database that cannot take them is said, not raised."""
    try:
        db = open_db(db_path)
        try:
            for portal, summary in zip(portals, report.portals, strict=True):
                _record(db, report, summary)
                summary.flags.extend(_health_flags(db, portal, summary))
        finally:
            db.conn.close()
    except (sqlite3.Error, OSError, SchemaError) as exc:
        report.record_error = str(exc)


class Shutdown:
    """SIGTERM/SIGINT: stop scheduling, give pages in flight a grace period, then stop."""

    def __init__(self, process: CrawlerProcess, grace: float):
        self.process = process
        self.grace = grace
        self.signum: int | None = None

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.on_signal)

    # ``twisted.internet.reactor`` is imported where it is used: importing it installs a
    # reactor, and at import time of this module Scrapy has not chosen (installed) its own yet.
    def on_signal(self, signum: int, _frame: Any) -> None:
        from twisted.internet import reactor

        first = self.signum is None
        self.signum = self.signum or signum
        reactor.callFromThread(self.begin if first else self.force)

    def begin(self) -> None:
        from twisted.internet import reactor

        logger.warning("received %s: stopping the crawl (pages in flight get %.0f s to be stored)",
                       signal.Signals(self.signum or signal.SIGTERM).name, self.grace)
        self.process.stop()
        reactor.callLater(self.grace, self.force)

    def force(self) -> None:
        from twisted.internet import reactor

        with contextlib.suppress(RuntimeError):  # already stopping
            reactor.stop()


def _run_process(db_path: Path, portals: Sequence[Any], settings: Settings) -> tuple[dict[str, list[Any]], int | None]:
    # Logging is the CLI's business: no Scrapy root handler, and Scrapy's own loggers (which it
    # sets to DEBUG) follow the level the CLI chose (-v / -vv).
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    level = logging.getLogger().getEffectiveLevel()
    settings.set("LOG_LEVEL", logging.getLevelName(level), priority="cmdline")
    _handlers_at(level)
    process = CrawlerProcess(settings)
    quiet_expected_faults(level)
    crawlers: dict[str, list[Any]] = {}
    for portal in portals:
        for spider_cls in _spider_classes(portal):
            crawler = Crawler(spider_cls, portal_settings(settings, portal), init_reactor=not crawlers)
            crawlers.setdefault(portal.id, []).append(crawler)
            process.crawl(crawler, portal=portal, db_path=str(db_path))
    if not crawlers:
        return crawlers, None
    shutdown = Shutdown(process, settings.getfloat("HARVESTER_SHUTDOWN_GRACE", 10.0))
    shutdown.install()
    try:
        process.start(install_signal_handlers=False)
    finally:
        HELPERS.shutdown()  # the writer finishes the pages it was sent before the run is recorded
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, signal.SIG_DFL if signum == signal.SIGTERM else signal.default_int_handler)
    return crawlers, shutdown.signum


# Scrapy messages about failures the spiders record as fault rows (pages.reason) and count in
# the summary's err column. At the default level they would repeat every expected fault in
# the operator's cron mail; with -v they are shown again.
EXPECTED_FAULT_MESSAGES = (
    "Gave up retrying",  # retry middleware: the fault row says http-5xx / timeout
    "Got data loss",  # truncated body: fault row "truncated"
    "larger than download max size",  # fault row "too-large"
    "Cancelling download of",  # maxsize reached while streaming
    "Received more bytes than download warn size",
    "Expected response size",
)


class ExpectedFaultFilter(logging.Filter):
    """Drops Scrapy's log lines for faults that are recorded as pages rows anyway; counts them."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if any(marker in message for marker in EXPECTED_FAULT_MESSAGES):
            self.dropped += 1
            return False
        return True


EXPECTED_FAULTS = ExpectedFaultFilter()


def _handlers_at(level: int) -> None:
    """The CLI's handlers print only records at its level or above.

    CrawlerProcess resets the "scrapy" loggers to DEBUG (dictConfig) and logs its banner and
    versions at INFO before any level can be set on them; a handler level applies to every
    record that reaches it, so the banner shows with -v only.
    """
    for handler in logging.getLogger().handlers:
        if handler.level == logging.NOTSET:
            handler.setLevel(level)


def quiet_expected_faults(level: int) -> None:
    """Scrapy follows the CLI's level; expected-fault chatter is dropped unless -v was given.

    trafilatura logs ERROR ("empty HTML tree") for binary or empty pages the harvester already
    records (empty text, fault rows); at the default level it is silenced entirely.
    """
    logging.getLogger("scrapy").setLevel(level)
    noisy = ("scrapy.downloadermiddlewares.retry", "scrapy.core.downloader.handlers.http11",
             "scrapy.core.downloader.handlers.http2", "scrapy.core.downloader.handlers._httpx")
    for name in noisy:
        target = logging.getLogger(name)
        if level >= logging.WARNING:
            if EXPECTED_FAULTS not in target.filters:
                target.addFilter(EXPECTED_FAULTS)
        else:
            target.removeFilter(EXPECTED_FAULTS)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL if level >= logging.WARNING else level)


def _spider_classes(portal: Any) -> list[type]:
    variant = (getattr(portal, "settings", None) or {}).get("variant")
    classes: list[type] = [spiders.spider_for(portal.family, variant)]
    if getattr(portal, "document_urls", None):
        classes.append(DocumentsSpider)
    return classes


def summarise(portal: Any, crawlers: list[Any], *, interrupted: int | None = None) -> PortalSummary:
    """Fold the Scrapy stats of a portal's crawlers into one summary."""
    summary = PortalSummary(portal_id=portal.id, family=portal.family)
    if interrupted:
        summary.interrupted = signal.Signals(interrupted).name
    for crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        _add_counts(summary, portal.id, stats)
        summary.stats.update({k: _jsonable(v) for k, v in stats.items() if _keep_stat(k)})
        spider = crawler.spider
        if isinstance(spider, PortalSpider):
            summary.frontier.update(spider.frontier_updates)
        if "finish_reason" not in stats and not interrupted:
            summary.flags.append(f"{type(spider).__name__ if spider else 'spider'} did not run (see log)")
    summary.flags[:0] = _count_flags(summary)
    return summary


def _add_counts(summary: PortalSummary, portal_id: str, stats: dict[str, Any]) -> None:
    def count(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    summary.listing_requests += sum(count(f"harvester/requests/{kind}") for kind in LISTING_REQUEST_KINDS)
    summary.article_requests += count("harvester/requests/article")
    summary.other_requests += sum(
        int(v) for k, v in stats.items()
        if k.startswith("harvester/requests/") and k.rsplit("/", 1)[1] not in (*LISTING_REQUEST_KINDS, "article"))
    summary.responses += count("downloader/response_count") - count("robotstxt/response_count")
    summary.save_errors += count("harvester/save_errors")
    summary.errors += count("harvester/faults") + count("harvester/save_errors")
    summary.unchanged += count("harvester/unchanged")
    # What the save pipeline committed (harvester/<portal>/new|updated), per item.
    summary.new += count(f"harvester/{portal_id}/new")
    summary.updated += count(f"harvester/{portal_id}/updated")
    summary.listing_items += count("harvester/listing_links")
    summary.robots_refused += count("robotstxt/forbidden")
    summary.skipped_by_title += count("harvester/skipped_by_title")
    if stats.get("harvester/listing_empty"):
        summary.flags.append(f"{stats['harvester/listing_empty']} listing/feed page(s) showed no article links")
    if stats.get("harvester/save_error_message"):
        summary.stats["harvester/save_error_message"] = stats["harvester/save_error_message"]


def _count_flags(summary: PortalSummary) -> list[str]:
    flags = []
    if summary.save_errors:
        why = summary.stats.get("harvester/save_error_message", "a database error")
        flags.append(f"{summary.save_errors} page(s) could not be stored ({why}); they will be fetched "
                     "again by the next run")
    if summary.status == "failed" and not summary.save_errors:
        flags.append(failure_flag(summary))
    return flags


def failure_flag(summary: PortalSummary) -> str:
    """Why nothing answered, pointing only at rows that exist."""
    refused = summary.robots_refused
    if refused and not summary.errors:
        return (f"robots.txt disallows every URL tried ({refused} request(s) not sent); nothing was fetched "
                "and no pages row was written")
    if summary.errors:
        return (f"nothing answered: {summary.errors} fault(s), listed by "
                "`harvester query \"SELECT url, status, reason FROM pages WHERE reason IS NOT NULL\"`")
    return "nothing answered and no fault was recorded (see the log with -v)"


def _keep_stat(key: str) -> bool:
    return key.startswith(("harvester/", "downloader/response_status_count", "retry/", "item_", "finish_reason"))


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)


def _health_flags(db: Any, portal: Any, summary: PortalSummary) -> list[str]:
    """Loud flags from the store's health check (run after this run's row is written)."""
    health = storage.portal_health(db, [portal])
    flags = [str(flag) for entry in health for flag in (entry.get("flags") or [])]
    return [flag for flag in flags if flag not in summary.flags]


def _record(db: Any, report: RunReport, summary: PortalSummary) -> None:
    """The portal's crawl_runs row and, after a clean run, its listings' new frontiers: together."""
    stats = {
        "command": report.command,
        "started_at": report.started_at,
        "finished_at": report.finished_at,
        "requests": summary.requests,
        "listing_requests": summary.listing_requests,
        "new": summary.new,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "errors": summary.errors,
        "listing_items": summary.listing_items,
        "status": summary.status,
        "flags": list(summary.flags),
        **summary.stats,
    }
    with storage.transaction(db):
        storage.record_run(db, report.run_group, summary.portal_id, stats)
        if summary.frontier and summary.status != "interrupted":
            advance_frontier(db, summary.portal_id, summary.frontier, report.run_group)


def check_db(db_path: str | Path) -> None:
    """Refuse a file that exists but is not a harvester database, or that this user cannot
    write, before touching it."""
    path = Path(db_path)
    folder = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        if folder.is_dir() and not os.access(folder, os.W_OK):
            raise SchemaError(f"{path}: cannot create the database: the folder {folder} is read-only")
        return
    if path.is_dir():
        raise SchemaError(f"{path}: is a folder; pass a database file with --db")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise SchemaError(f"{path}: not an SQLite database; pass a harvester database with --db")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: unreadable SQLite database ({exc})") from exc
    finally:
        conn.close()
    if tables and "pages" not in tables:
        raise SchemaError(
            f"{path}: an SQLite database but not a harvester one (no 'pages' table; has "
            f"{', '.join(sorted(tables)[:5])}); pass another --db"
        )
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        where = "the file" if not os.access(path, os.W_OK) else f"its folder {folder}"
        raise SchemaError(f"{path}: read-only ({where}); a crawl must write, so give it a writable --db")
