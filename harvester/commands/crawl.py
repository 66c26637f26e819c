"""Crawl commands: crawl (chosen portals), nightly (every enabled portal), demo (offline farm)."""

from __future__ import annotations

import csv
import json
import math
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from harvester.errors import HarvesterError
from harvester.fixture_portals import start_farm
from harvester.paths import default_db_path
from harvester.registry import COLUMNS, SETTINGS, get_portal, load_registry

registry_option = click.option(
    "--registry", type=click.Path(path_type=Path), default=None,
    help="Registry CSV file or folder of CSV files (default: data/portals.csv).",
)
db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="SQLite database to write (default: $HARVESTER_DB or ./ocop.db).",
)
set_option = click.option(
    "-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
    help="Override a Scrapy or HARVESTER_* setting for this run (repeatable), e.g. -s DOWNLOAD_TIMEOUT=5.",
)


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, Any]:
    """NAME=VALUE pairs -> settings dict; numbers and true/false are converted."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--set")
        out[name.strip()] = _convert(raw.strip())
    return out


def _convert(raw: str) -> Any:
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    for kind in (int, float):
        try:
            value = kind(raw)
        except ValueError:
            continue
        if isinstance(value, float) and not math.isfinite(value):
            # an infinite delay or timeout hangs the run and keeps the lock
            raise click.BadParameter(f"{raw!r} is not a finite number", param_hint="--set")
        return value
    return raw


def _run(db_path: Path | None, portals: list[Any], overrides: dict[str, Any], command: str) -> int:
    # Imported here: the crawl machinery (Scrapy, the spiders, the extractors) loads only for the
    # crawl commands, so the other commands of the CLI start without it.
    from harvester import runner

    db = db_path or default_db_path()
    runner.check_db(db)
    report = runner.crawl(db, portals, settings_overrides=overrides, command=command)
    click.echo(report.format_table())
    return report.exit_code


@click.command("crawl")
@click.option("--portal", "portal_ids", multiple=True, required=True, help="Portal id from the registry (repeatable).")
@registry_option
@db_option
@set_option
@click.pass_context
def crawl_command(ctx: click.Context, portal_ids: tuple[str, ...], registry: Path | None,
                  db_path: Path | None, overrides: tuple[str, ...]) -> None:
    """Crawl the given portals now and print what was new.

    \b
    harvester crawl --portal backan-portal --portal hatinh-ntm --db ocop.db
    harvester crawl --registry my-sites.csv --portal my-site --db my.db
    """
    portals = load_registry(registry)
    chosen = [get_portal(portals, pid) for pid in dict.fromkeys(portal_ids)]
    ctx.exit(_run(db_path, chosen, parse_overrides(overrides), "crawl"))


@click.command("nightly")
@registry_option
@db_option
@set_option
@click.pass_context
def nightly_command(ctx: click.Context, registry: Path | None, db_path: Path | None,
                    overrides: tuple[str, ...]) -> None:
    """Crawl every enabled portal (meant for cron/systemd; exits 1 only if nothing could be crawled).

    \b
    harvester nightly --db /var/lib/ocop/ocop.db
    """
    portals = [p for p in load_registry(registry) if p.enabled]
    if not portals:
        raise HarvesterError(f"{registry or 'data/portals.csv'}: no enabled portals to crawl")
    ctx.exit(_run(db_path, portals, parse_overrides(overrides), "nightly"))


# Demo runs against local imitation portals: fail fast on the deliberately broken pages.
DEMO_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 3,
    "RETRY_TIMES": 2,
    "HARVESTER_RETRY_AFTER_MAX": 2.0,
    "HARVESTER_BACKOFF_BASE": 0.2,
    "HARVESTER_BACKOFF_MAX": 1.0,
}


# Each imitation site has its own loopback address, so they can share one fixed port; fixed
# URLs make a second demo run on the same database behave like a real second night.
DEMO_PORT = 8380


@click.command("demo")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("ocop-demo.db"),
              show_default=True, help="Database the demo crawl writes.")
@click.option("--keep-serving", is_flag=True, help="Keep the imitation portals running after the crawl (Ctrl-C stops).")
@click.option("--port", type=click.IntRange(1, 65535), default=DEMO_PORT, show_default=True,
              help="Port the imitation portals listen on (each on its own 127.0.0.x); keep it the same from one "
                   "run to the next for an incremental second night. A taken port falls back to free ones.")
@click.pass_context
def demo_command(ctx: click.Context, db_path: Path, keep_serving: bool, port: int) -> None:
    """Crawl imitation portals served on 127.0.0.x (no internet needed) and show what came out.

    \b
    harvester demo
    harvester demo --db /tmp/demo.db --keep-serving
    harvester demo --port 8480
    """
    farm = start_farm(port=port)
    try:
        with tempfile.TemporaryDirectory(prefix="ocop-demo-") as tmp:
            registry = write_farm_registry(farm, Path(tmp) / "portals.csv")
            portals = [p for p in load_registry(registry) if p.enabled]
            click.echo(f"Imitation portals: {len(portals)} sites on 127.0.0.x; crawling into {db_path} …")
            code = _run(db_path, portals, dict(DEMO_SETTINGS), "demo")
        click.echo(documents_summary(db_path))
        click.echo(DEMO_QUERIES.format(db=db_path))
        if keep_serving:
            _serve_until_interrupted(farm)
    finally:
        farm.stop()
    ctx.exit(code)


def write_farm_registry(farm: Any, path: Path) -> Path:
    """The farm's registry, keeping only per-portal settings the registry knows.

    The imitation sites describe themselves with extra keys (page sizes, fault timings) that
    are facts about the fixture, not crawl settings; the registry rejects unknown keys.
    """
    rows = farm.registry_rows()
    for row in rows:
        settings = json.loads(row.get("settings") or "{}")
        row["settings"] = json.dumps({k: v for k, v in settings.items() if k in SETTINGS}, ensure_ascii=False)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def documents_summary(db_path: Path) -> str:
    """One line on what the documents (laws) sections gave: decisions, attachments, annex products."""

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        decisions, read, failed, products, mismatched = conn.execute(
            "SELECT (SELECT count(DISTINCT document_id) FROM attachments WHERE document_id IS NOT NULL),"
            " (SELECT count(*) FROM attachments WHERE status = 'ok'),"
            " (SELECT count(*) FROM attachments WHERE status != 'ok'),"
            " (SELECT count(*) FROM products),"
            " (SELECT count(*) FROM documents WHERE stated_count IS NOT NULL AND annex_rows IS NOT NULL"
            "  AND stated_count != annex_rows)"
        ).fetchone()
    except sqlite3.Error:  # an older schema without the documents tables: nothing to say
        return ""
    finally:
        conn.close()
    return (f"Documents: {decisions} decisions with attachments, {read} attachments read, {failed} not "
            f"readable (see `harvester attachments --failed`), {products} annex products, "
            f"{mismatched} decision(s) whose stated count differs from its annex.")


DEMO_QUERIES = """
Try:
  harvester search OCOP --db {db}
  harvester query "SELECT portal_id, count(*) AS articles FROM articles GROUP BY portal_id" --db {db}
  harvester query "SELECT count, stars, year, province, quote FROM figures LIMIT 10" --db {db}
  harvester query "SELECT url, status, reason FROM pages WHERE reason IS NOT NULL" --db {db}
  harvester query "SELECT portal_id, new, errors, status, flags FROM crawl_runs" --db {db}
  harvester products --db {db}
  harvester documents --db {db}
  harvester attachments --db {db} --failed
"""


def _serve_until_interrupted(farm: Any) -> None:
    for site in getattr(farm, "sites", {}) or {}:
        click.echo(f"  {site}: {farm.url(site)}")
    click.echo("Serving the imitation portals; press Ctrl-C to stop.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
        sys.stdout.flush()


COMMANDS = [crawl_command, nightly_command, demo_command]
