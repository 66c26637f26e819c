"""`harvester review`: verdicts on figures (list, mark, walk through the flagged ones, CSV)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from harvester import review as review_lib
from harvester.commands.research import db_option, db_path
from harvester.storage.verdicts import VERDICTS


@click.group("review")
def review_group() -> None:
    """Record verdicts on figures: verified, wrong or corrected (they survive reextract)."""


@review_group.command("list")
@db_option
@click.option("--flagged", is_flag=True, help="Only figures the audit flags (conflicts, decreases, breakdowns...).")
@click.option("--province", default=None, help="Only this province (pre-2025 name or 2025 unit, diacritics optional).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_command(db_path_option: Path | None, flagged: bool, province: str | None, fmt: str) -> None:
    """Every figure with its stable key (or only the flagged ones).

    \b
    harvester review list --flagged --db ocop.db
    harvester review list --province "Yen Bai" --format json --db ocop.db
    """
    figures = review_lib.list_figures(db_path(db_path_option), flagged=flagged, province=province)
    if fmt == "json":
        click.echo("[", nl=False)
        for number, figure in enumerate(figures):
            click.echo(("," if number else "") + "\n" + json.dumps(figure.to_json(), ensure_ascii=False), nl=False)
        click.echo("\n]")
        return
    shown = 0
    for figure in figures:
        verdict = figure.verdict or ""
        if figure.verdict == "corrected":
            verdict += f" {figure.count}"
        click.echo(f"{figure.key}  {figure.extracted_count:>6}  {figure.stars or '-':<4} {figure.status:<8} "
                   f"{figure.basis:<5} {figure.as_of or '?':<10} {figure.place or '?':<24} {verdict:<14} "
                   f"“{figure.quote}”")
        for flag in figure.flags:
            click.echo(f"{'':19}⚑ {flag}")
        shown += 1
    click.echo(f"({shown} figure{'s' if shown != 1 else ''})")


@review_group.command("mark")
@click.argument("key")
@db_option
@click.option("--verdict", type=click.Choice(VERDICTS), required=True)
@click.option("--count", type=int, default=None, help="The right count (with --verdict corrected).")
@click.option("--note", default=None, help="Why (kept with the verdict and exported).")
def mark_command(key: str, db_path_option: Path | None, verdict: str, count: int | None, note: str | None) -> None:
    """Record a verdict on the figure KEY (from `harvester review list`).

    \b
    harvester review mark 3fa9c2d1-7b2e90aa --verdict wrong --note "counts registered products" --db ocop.db
    harvester review mark 3fa9c2d1-7b2e90aa --verdict corrected --count 125 --db ocop.db
    """
    figure = review_lib.mark(db_path(db_path_option), key, verdict, count=count, note=note)
    click.echo(f"{figure.key}: {verdict}" + (f" {count}" if count is not None else "")
               + f" — was {figure.extracted_count} “{figure.quote}” ({figure.url})")


@review_group.command("unmark")
@click.argument("key")
@db_option
def unmark_command(key: str, db_path_option: Path | None) -> None:
    """Withdraw the verdict on the figure KEY."""
    removed = review_lib.unmark(db_path(db_path_option), key)
    click.echo(f"{key}: verdict withdrawn" if removed else f"{key}: had no verdict")


@review_group.command("walk")
@db_option
@click.option("--province", default=None, help="Only this province (pre-2025 name or 2025 unit).")
def walk_command(db_path_option: Path | None, province: str | None) -> None:
    """Go through the flagged figures in the terminal: v verify, w wrong, c correct, s skip, n next, q quit."""
    def choose(prompt: str) -> str:
        while True:
            click.echo(f"{prompt} ", nl=False)
            key = click.getchar() if sys.stdin.isatty() else (sys.stdin.readline() or "q")[:1]
            key = key.strip().lower()
            click.echo(key)
            if key in review_lib.CHOICES:
                return key

    io = review_lib.WalkIO(
        show=click.echo, choose=choose,
        ask_count=lambda prompt: click.prompt(prompt, type=click.IntRange(min=0)),
        ask_note=lambda prompt: click.prompt(prompt, default="", show_default=False),
    )
    given = review_lib.walk(db_path(db_path_option), io, province=province,
                            mark_quote=lambda quote: click.style(quote, reverse=True, bold=True))
    click.echo("done: " + ", ".join(f"{n} {name}" for name, n in given.items()))


@review_group.command("export")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the CSV here (default: standard output).")
def export_command(db_path_option: Path | None, output: Path | None) -> None:
    """Every verdict as CSV (key, verdict, count, note, url, quote, extracted_count, decided_at)."""
    if output is None:
        review_lib.export_verdicts(db_path(db_path_option), sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", newline="") as out:
            rows = review_lib.export_verdicts(db_path(db_path_option), out)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"{output}: {rows} verdicts")


@review_group.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_command(csv_file: Path, db_path_option: Path | None) -> None:
    """Record the verdicts of a CSV written by `review export` (replacing verdicts on the same keys)."""
    try:
        with csv_file.open(encoding="utf-8-sig", newline="") as f:
            verdicts = review_lib.read_verdicts(f, str(csv_file))
    except OSError as exc:
        raise click.ClickException(f"cannot read {csv_file}: {exc.strerror}") from exc
    written, unmatched = review_lib.import_verdicts(db_path(db_path_option), verdicts)
    click.echo(f"{written} verdicts recorded" + (f"; {unmatched} match no figure in this database" if unmatched else ""))


COMMANDS = [review_group]
