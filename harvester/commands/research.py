"""Commands for researchers and analysts: query, search, serve, audit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from harvester import query as query_lib
from harvester import search as search_lib
from harvester.audit import run_audit
from harvester.metadata import build_metadata
from harvester.paths import default_db_path
from harvester.report import write_report

db_option = click.option(
    "--db", "db_path_option", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="SQLite database (default: $HARVESTER_DB or ./ocop.db).",
)


def db_path(path: Path | None) -> Path:
    return path or default_db_path()


@click.command("query")
@click.argument("sql")
@db_option
@click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Bind :NAME to VALUE (repeatable). Plain whole numbers are bound as integers.")
@click.option("--format", "fmt", type=click.Choice(sorted(query_lib.FORMATTERS)), default="table", show_default=True)
@click.option("--limit", type=int, default=None, help="Print at most this many rows.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Stop the query after N seconds.")
def query_command(sql: str, db_path_option: Path | None, params, fmt: str, limit: int | None, timeout: float) -> None:
    """Run one read-only SQL statement against the database.

    \b
    harvester query "SELECT province, count FROM latest_certified WHERE stars = :s" -p s 3+
    """
    result = query_lib.run_query(db_path(db_path_option), sql, query_lib.parse_params(params), max_rows=limit,
                                 timeout_s=timeout)
    click.echo(query_lib.FORMATTERS[fmt](result), nl=fmt != "csv")


@click.command("search")
@click.argument("words")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--kind", "kinds", type=click.Choice(["article", "document"]), multiple=True,
              help="Only articles or only documents (default both).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def search_command(words: str, db_path_option: Path | None, limit: int, kinds: tuple[str, ...], fmt: str) -> None:
    """Full-text search; exact matches first, then matches without diacritics ("mien dong").

    \b
    harvester search "mien dong"                       # every word, diacritics optional
    harvester search '"miến dong" OR "mỳ gạo"'         # quoted phrases, OR between alternatives
    """
    path = db_path(db_path_option)
    hits = search_lib.search(path, words, limit=limit, kinds=kinds or ("article", "document"))
    if fmt == "json":
        click.echo(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no match")
        return
    for hit in hits:
        click.echo(f"{hit.kind} {hit.id}  [{hit.match}]  {hit.date or ''}  {hit.title}")
        if hit.url:
            click.echo(f"    {hit.url}")
        click.echo(f"    {hit.snippet}")
    totals = [f"{search_lib.count_matches(path, words, kind)} {kind}s" for kind in kinds or ("article", "document")]
    click.echo(f"({len(hits)} shown; {', '.join(totals)} match in all)")


@click.command("audit")
@db_option
@click.option("--province", default=None, help="Only this province (pre-2025 name or one of the 34 merged units).")
@click.option("--year", type=int, default=None, help="Only figures about this year (targets due this year).")
@click.option("--format", "fmt", type=click.Choice(["table", "html", "json"]), default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--datasette-url", default="http://127.0.0.1:8001", show_default=True,
              help="Where `harvester serve` runs, for links to archived pages in the HTML report.")
def audit_command(db_path_option: Path | None, province: str | None, year: int | None, fmt: str, output: Path | None,
                  datasette_url: str) -> None:
    """Check figures against each other and against their sources (conflicts, breakdowns, dates, targets)."""
    report = run_audit(db_path(db_path_option), province=province, year=year)
    link = datasette_url.rstrip("/") or None
    if output is None:
        write_report(report, fmt, sys.stdout, datasette_url=link)
        return
    try:
        with output.open("w", encoding="utf-8") as out:
            write_report(report, fmt, out, datasette_url=link)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"{output}: {sum(report.counts().values())} flagged items")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--public", is_flag=True, help="Allow a --host other than loopback (anyone who can reach it reads "
              "the database: there is no login).")
@click.option("--immutable", is_flag=True, help="Treat the file as frozen (faster; only for a copy nobody writes).")
@click.option("--print-metadata", is_flag=True, help="Print the Datasette metadata JSON and exit.")
def serve_command(db_path_option: Path | None, host: str, port: int, public: bool, immutable: bool,
                  print_metadata: bool) -> None:
    """Browse and query the database in Datasette (read-only), with canned queries and archived pages."""
    path = db_path(db_path_option)
    if print_metadata:
        click.echo(json.dumps(build_metadata(path.stem), ensure_ascii=False, indent=2))
        return
    # Imported here: Datasette and uvicorn take a while to import and only this command needs them.
    from harvester import serve as serve_lib

    serve_lib.serve(path, host, port, immutable=immutable, public=public)


COMMANDS = [query_command, search_command, serve_command, audit_command]
