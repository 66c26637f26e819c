"""Commands over the archive: reextract, export, portals, prune."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import click

from harvester import export as export_lib
from harvester import reextract as reextract_lib
from harvester import storage
from harvester.clock import to_iso, utc_now
from harvester.paths import default_db_path
from harvester.registry import load_registry
from harvester.schema import open_db

db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="SQLite database (default: $HARVESTER_DB or ./ocop.db).",
)


@click.command("reextract")
@db_option
@click.option("--portal", "portal_id", default=None, help="Only this portal's pages.")
def reextract_command(db_path: Path | None, portal_id: str | None) -> None:
    """Rebuild articles, figures and mentions from archived pages and attachment files (no fetching).

    \b
    harvester reextract --db ocop.db --portal backan-portal
    """
    db = open_db(db_path or default_db_path(), create=False)
    report = reextract_lib.reextract(db, portal_id)
    click.echo(
        f"{report.pages} pages: {report.new} new, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.dropped} not OCOP; {report.attachments} attachments read again\n"
        f"figures: {report.figures_before} -> {report.figures_after} "
        f"(+{report.figures_added} -{report.figures_removed}, "
        f"{report.articles_with_changed_figures} articles and "
        f"{report.attachments_with_changed_figures} attachments changed); "
        f"{report.documents_pruned} unreferenced documents removed"
    )


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(export_lib.TABLES), default=None,
              help="Export this table's rows instead of one record per article.")
@click.option("--portal", "portal_id", default=None, help="Only this portal's rows.")
@click.option("--include-duplicates", is_flag=True, help="Also export syndicated copies (articles).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@click.option("--excel", is_flag=True, help="Start the CSV with a UTF-8 byte-order mark so Excel reads Vietnamese.")
def export_command(db_path: Path | None, fmt: str, table: str | None, portal_id: str | None,
                   include_duplicates: bool, output: Path | None, excel: bool) -> None:
    """Export articles (JSON lines, the `harvester extract` shape) or a table (CSV / JSON lines).

    \b
    harvester export --db ocop.db --format jsonl > articles.jsonl
    harvester export --db ocop.db --format csv --table figures -o figures.csv
    harvester export --db ocop.db --format csv --table figures --excel -o figures-excel.csv
    """
    db = open_db(db_path or default_db_path(), readonly=True)
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl" and table is None:
            count = export_lib.export_articles(db, out, portal_id=portal_id, include_duplicates=include_duplicates)
        else:
            count = export_lib.export_table(db, table or "articles", out, fmt, portal_id=portal_id, excel=excel)
    finally:
        if output:
            out.close()
    if output:
        click.echo(f"{count} rows written to {output}", err=True)


@click.command("portals")
@click.option("--registry", "registry_path", type=click.Path(path_type=Path), default=None,
              help="Registry CSV file or folder (default: data/portals.csv).")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per portal.")
def portals_command(registry_path: Path | None, db_path: Path | None, as_json: bool) -> None:
    """List registered portals, with crawl health when a database exists.

    \b
    harvester portals --db ocop.db
    """
    portals = load_registry(registry_path)
    path = db_path or default_db_path()
    health: dict[str, dict] = {}
    if path.exists():
        db = open_db(path, readonly=True)
        health = {h["portal_id"]: h for h in storage.portal_health(db, portals, utc_now())}
    for portal in portals:
        row = health.get(portal.id, {})
        if as_json:
            record = {"id": portal.id, "name": portal.name, "family": portal.family,
                      "province": portal.province, "province_2025": portal.province_2025,
                      "domain": portal.domain, "enabled": portal.enabled, **row}
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        flags = ",".join(row.get("flags", [])) or ("-" if row else "")
        last = (row.get("last_run_at") or "never")[:16] if row else ""
        click.echo(f"{portal.id:28} {portal.family:10} {(portal.province or 'national'):18} "
                   f"{'on ' if portal.enabled else 'off'} {last:16} {flags}".rstrip())


@click.command("prune")
@db_option
@click.option("--other-older-than", "days", type=click.IntRange(min=1), required=True, metavar="DAYS",
              help="Empty the archived body of non-OCOP pages last fetched more than DAYS days ago.")
@click.option("--dry-run", is_flag=True, help="Only say what would be emptied.")
@click.option("--vacuum", is_flag=True,
              help="Then rebuild the file so it shrinks (needs free space the size of the database; "
                   "waits for a running crawl to finish writing).")
def prune_command(db_path: Path | None, days: int, dry_run: bool, vacuum: bool) -> None:
    """Keep the archive of non-OCOP pages for a while only: their rows stay (the seen mark, URL,
    size, sha256), their bodies go. Articles, listings, faults and attachments are never touched.

    \b
    harvester prune --db ocop.db --other-older-than 60 --dry-run
    harvester prune --db ocop.db --other-older-than 60 --vacuum
    """
    db = open_db(db_path or default_db_path(), create=False)
    cutoff = to_iso(utc_now() - timedelta(days=days))
    report = storage.prune_other_bodies(db, cutoff, dry_run=dry_run)
    verb = "would empty" if dry_run else "emptied"
    click.echo(f"{verb} the archived body of {report.pages} non-OCOP pages fetched before {cutoff[:10]}: "
               f"{report.archived_bytes / 1e6:.1f} MB stored ({report.raw_bytes / 1e6:.1f} MB as received)")
    if vacuum and not dry_run:
        storage.vacuum(db)
        click.echo("database file rebuilt (VACUUM)")


COMMANDS = [reextract_command, export_command, portals_command, prune_command]
