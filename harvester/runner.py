"""Run the spiders for a set of portals in one Scrapy process and summarise what happened.

``crawl(db_path, portals)`` takes the lock next to the database (so runs never overlap),
builds the settings explicitly from ``harvester.settings`` (never from the working directory),
creates one ``Crawler`` per portal (its own stats, its own politeness settings from the
registry row, its own failure isolation) plus one for the portal's document listings when it
has any, runs them all in one ``CrawlerProcess`` and then writes one ``crawl_runs`` row per
portal through ``harvester.store``.

Scrapy's reactor can start only once per process: call ``crawl`` once per process (the CLI
does; tests run the CLI in a subprocess).
"""

from __future__ import annotations

import fcntl
import logging
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from harvester.errors import HarvesterError, LockedError
from pipelines.prepare import POOL

logger = logging.getLogger(__name__)

# Registry per-portal settings -> Scrapy / harvester setting names (applied at "spider" priority).
PORTAL_SETTING_NAMES = {
    "concurrency": "CONCURRENT_REQUESTS_PER_DOMAIN",
    "download_delay": "DOWNLOAD_DELAY",
    "download_timeout": "DOWNLOAD_TIMEOUT",
    "max_listing_pages": "HARVESTER_MAX_LISTING_PAGES",
    "fetch_all_pages": "HARVESTER_FETCH_ALL_PAGES",
}


@dataclass
class PortalSummary:
    """What one portal's crawl did, as printed in the summary table and stored in crawl_runs."""

    portal_id: str
    family: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    listing_requests: int = 0
    article_requests: int = 0
    other_requests: int = 0
    responses: int = 0
    listing_items: int = 0
    robots_refused: int = 0
    flags: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return self.listing_requests + self.article_requests + self.other_requests

    @property
    def status(self) -> str:
        """failed (nothing answered), warning (flags raised) or ok."""
        if self.responses <= 0:  # includes a crawler that could not even start
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

    @property
    def exit_code(self) -> int:
        """Non-zero only when nothing could be crawled (every portal failed)."""
        if not self.portals:
            return 1
        return 0 if any(p.status != "failed" for p in self.portals) else 1

    def format_table(self) -> str:
        header = ("portal", "new", "upd", "same", "err", "req list/feed", "req article", "status")
        rows = [header] + [
            (p.portal_id, p.new, p.updated, p.unchanged, p.errors, p.listing_requests,
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


def build_settings(db_path: str | Path, overrides: dict[str, Any] | None = None) -> Any:
    """Project settings from harvester.settings, then the caller's overrides (cmdline priority)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("harvester.settings", priority="project")
    settings.set("HARVESTER_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def portal_settings(base: Any, portal: Any) -> Any:
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
    from harvester.schema import open_db

    db_path = Path(db_path)
    with run_lock(db_path):
        db = open_db(db_path)  # SchemaError when the file is not a harvester database
        _sync_registry(db, portals)
        report = RunReport(
            run_group=uuid.uuid4().hex[:12], command=command, db_path=str(db_path), started_at=_now()
        )
        crawlers = _run_process(db_path, portals, build_settings(db_path, settings_overrides))
        report.finished_at = _now()
        db = open_db(db_path)
        for portal in portals:
            summary = summarise(portal, crawlers.get(portal.id, []))
            if summary.status == "failed":
                summary.flags.append(failure_flag(summary))
            _record(db, report, summary)
            summary.flags.extend(_health_flags(db, portal, summary))
            report.portals.append(summary)
    return report


def _run_process(db_path: Path, portals: Sequence[Any], settings: Any) -> dict[str, list[Any]]:
    from scrapy.crawler import Crawler, CrawlerProcess

    import spiders

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
        for spider_cls in _spider_classes(portal, spiders):
            crawler = Crawler(spider_cls, portal_settings(settings, portal), init_reactor=not crawlers)
            crawlers.setdefault(portal.id, []).append(crawler)
            process.crawl(crawler, portal=portal, db_path=str(db_path))
    if crawlers:
        try:
            process.start(install_signal_handlers=True)
        finally:
            POOL.shutdown()
    return crawlers


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


def _spider_classes(portal: Any, spiders_module: Any) -> list[type]:
    variant = (getattr(portal, "settings", None) or {}).get("variant")
    classes: list[type] = [spiders_module.spider_for(portal.family, variant)]
    if getattr(portal, "document_urls", None):
        try:
            from spiders.documents import DocumentsSpider
        except ImportError:
            logger.warning("%s: document_urls given but spiders.documents is not available", portal.id)
        else:
            classes.append(DocumentsSpider)
    return classes


def summarise(portal: Any, crawlers: list[Any]) -> PortalSummary:
    """Fold the Scrapy stats of a portal's crawlers into one summary."""
    summary = PortalSummary(portal_id=portal.id, family=portal.family)
    for crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        summary.listing_requests += sum(
            int(stats.get(f"harvester/requests/{kind}", 0)) for kind in ("listing", "feed", "sitemap", "search", "api")
        )
        summary.article_requests += int(stats.get("harvester/requests/article", 0))
        summary.other_requests += sum(
            int(v) for k, v in stats.items()
            if k.startswith("harvester/requests/")
            and k.rsplit("/", 1)[1] not in ("listing", "feed", "sitemap", "search", "api", "article")
        )
        summary.responses += int(stats.get("downloader/response_count", 0)) - int(
            stats.get("robotstxt/response_count", 0)
        )
        summary.errors += int(stats.get("harvester/faults", 0))
        summary.unchanged += int(stats.get("harvester/unchanged", 0))
        # What the save pipeline committed (harvester/<portal>/new|updated), per item.
        summary.new += int(stats.get(f"harvester/{portal.id}/new", 0))
        summary.updated += int(stats.get(f"harvester/{portal.id}/updated", 0))
        summary.listing_items += int(stats.get("harvester/listing_links", 0))
        summary.robots_refused += int(stats.get("robotstxt/forbidden", 0))
        if stats.get("harvester/listing_empty"):
            summary.flags.append(f"{stats['harvester/listing_empty']} listing/feed page(s) showed no article links")
        summary.stats.update({k: _jsonable(v) for k, v in stats.items() if _keep_stat(k)})
        if "finish_reason" not in stats:
            summary.flags.append(f"{type(crawler.spider).__name__ if crawler.spider else 'spider'} did not run (see log)")
    return summary


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
    try:
        from harvester import storage

        health = storage.portal_health(db, [portal])
    except Exception as exc:  # a health query must never hide the crawl summary
        logger.warning("portal_health(%s) failed: %s", portal.id, exc)
        return []
    flags = [str(flag) for entry in health for flag in (entry.get("flags") or [])]
    return [flag for flag in flags if flag not in summary.flags]


def _sync_registry(db: Any, portals: Sequence[Any]) -> None:
    try:
        from harvester.registry import sync_portals
    except ImportError:
        return
    sync_portals(db, portals)


def _record(db: Any, report: RunReport, summary: PortalSummary) -> None:
    from harvester import storage

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
    storage.record_run(db, report.run_group, summary.portal_id, stats)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_db(db_path: str | Path) -> None:
    """Refuse a file that exists but is not a harvester database, before touching it."""
    import sqlite3

    from harvester.errors import SchemaError

    path = Path(db_path)
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise SchemaError(f"{path}: is a folder; pass a database file with --db")
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
