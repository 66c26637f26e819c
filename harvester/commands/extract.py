"""`harvester extract` and `harvester evaluate`: run the extractors on files, score them on gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from extractors.evaluate import evaluate, format_table
from extractors.pipeline import extract, extract_html
from extractors.text import decode_bytes

PASSAGE_SUFFIXES = {".txt", ".html", ".htm"}


def _expand(paths: tuple[str, ...]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in PASSAGE_SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out


def _extract_file(path: Path):  # type: ignore[no-untyped-def]
    body = path.read_bytes()
    if path.suffix.lower() in {".html", ".htm"}:
        return extract_html(body, url=path.resolve().as_uri())
    return extract(decode_bytes(body).text)


def _table_row(path: Path, data: dict) -> str:
    lines = [f"{path}  published={data['published'] or '-'}  provinces={', '.join(data['provinces']) or '-'}"]
    if data["title"]:
        lines.append(f"  title: {data['title']}")
    for d in data["documents"]:
        lines.append(f"  document {d['number']}  type={d['type'] or '-'}  issued={d['issued'] or '-'}")
    for f in data["figures"]:
        lines.append(f"  figure {f['count']}  stars={f['stars'] or '-'}  {f['status']}  year={f['year'] or '-'}"
                     f"  place={f['place'] or '-'}  «{f['quote']}»")
    return "\n".join(lines)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--with-text", is_flag=True, help="Include the normalised main text in each record.")
def extract_command(paths: tuple[str, ...], fmt: str, with_text: bool) -> None:
    """Extract figures, documents, dates and provinces from .txt/.html files or folders of them."""
    failures = 0
    for path in _expand(paths):
        try:
            result = _extract_file(path)
        except OSError as exc:
            failures += 1
            click.echo(f"error: {path}: cannot read ({exc.strerror or exc})", err=True)
            continue
        data = {"path": str(path), **result.to_json(with_text=with_text)}
        if fmt == "jsonl":
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            click.echo(_table_row(path, data))
    if failures:
        sys.exit(1)


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--verbose", is_flag=True, help="List every miss and false positive.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--only", metavar="GLOB", help="Score only the gold files whose name matches, e.g. 'dev-5*.json'.")
def evaluate_command(gold_dir: Path, verbose: bool, fmt: str, only: str | None) -> None:
    """Score the extractors on a gold folder (GOLD_FORMAT.md metrics).

    Example:

    \b
        harvester evaluate ../shared/corpus/dev --verbose
        harvester evaluate ../shared/corpus/dev --only 'dev-5*.json'
    """
    report = evaluate(gold_dir, only=only)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(verbose=verbose), ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(report, verbose=verbose))


COMMANDS = [extract_command, evaluate_command]
