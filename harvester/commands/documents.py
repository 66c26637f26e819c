"""`harvester products`, `documents`, `attachments`, `ingest-attachment`: decisions and their annexes."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from harvester import storage
from harvester.attachments import sniff_type
from harvester.errors import HarvesterError
from harvester.ingest import ingest_file
from harvester.paths import default_db_path
from harvester.provinces import province_matches
from harvester.schema import open_db

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="SQLite database (default: $HARVESTER_DB or ./ocop.db).")

PAGE_SUFFIXES = {".txt", ".html", ".htm"}
PRODUCT_COLUMNS = ("name", "owner", "commune", "district", "province", "province_2025", "score", "stars",
                   "product_group", "recertified", "decision_number", "decided", "source_url", "row_index")


def product_rows(db, *, province: str | None = None, stars: int | None = None, year: int | None = None) -> list[dict]:
    """Products matching the filters, in decision and row order."""
    sql, params = "SELECT * FROM products WHERE 1", []
    if stars is not None:
        sql, params = sql + " AND stars = ?", [*params, stars]
    if year is not None:
        sql, params = sql + " AND year = ?", [*params, year]
    rows = [dict(r) for r in db.query(sql + " ORDER BY decided, document_id, attachment_id, row_index", params)]
    return [r for r in rows if province_matches(province, r.get("province"), r.get("province_2025"))]


def _write(rows: list[dict], columns: tuple[str, ...], fmt: str, output: Path | None) -> None:
    if fmt == "json":
        text = json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        widths = {c: min(40, max([len(c)] + [len(str(r.get(c) or "")) for r in rows])) for c in columns}
        lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
        lines += ["  ".join(str(r.get(c) if r.get(c) is not None else "")[:40].ljust(widths[c]) for c in columns)
                  for r in rows]
        text = "\n".join(lines) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{len(rows)} rows written to {output}", err=True)
    else:
        sys.stdout.write(text)


@click.command("products")
@db_option
@click.option("--province", default=None, help="Pre-2025 province or 2025 unit (accents optional).")
@click.option("--stars", type=click.IntRange(1, 5), default=None)
@click.option("--year", type=int, default=None, help="Year of the recognition decision.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def products_command(db_path, province, stars, year, fmt, output) -> None:
    """List OCOP products from decision annexes.

    harvester products --province "Thai Nguyen" --stars 4 --format csv --output sp.csv
    """
    db = open_db(db_path or default_db_path(), readonly=True)
    columns = PRODUCT_COLUMNS if fmt != "table" else ("name", "owner", "district", "province", "stars",
                                                      "recertified", "decision_number", "decided")
    _write(product_rows(db, province=province, stars=stars, year=year), columns, fmt, output)


@click.command("documents")
@db_option
@click.option("--province", default=None)
@click.option("--year", type=int, default=None)
def documents_command(db_path, province, year) -> None:
    """List stored documents with the decision's stated count vs rows found in its annex."""
    db = open_db(db_path or default_db_path(), readonly=True)
    rows = [dict(r) for r in db.query("SELECT number, type, issued, province, province_2025, stated_count, "
                                      "annex_rows, annex_check, summary FROM documents ORDER BY issued, number")]
    rows = [r for r in rows if province_matches(province, r["province"], r["province_2025"])
            and (year is None or (r["issued"] or "").startswith(str(year)))]
    for r in rows:
        r["check"] = "MISMATCH" if r["annex_check"] == "mismatch" else ""
    _write(rows, ("number", "type", "issued", "province", "stated_count", "annex_rows", "check"), "table", None)


@click.command("attachments")
@db_option
@click.option("--failed", is_flag=True, help="Only attachments that could not be read, with the reason.")
def attachments_command(db_path, failed) -> None:
    """List downloaded attachments (status, file type, method, reason)."""
    db = open_db(db_path or default_db_path(), readonly=True)
    where = " WHERE status NOT IN ('ok', 'pending')" if failed else ""
    rows = [dict(r) for r in db.query(f"SELECT name, url, status, file_type, text_method, reason FROM attachments"
                                      f"{where} ORDER BY id")]
    _write(rows, ("name", "status", "file_type", "text_method", "reason"), "table", None)


@click.command("ingest-attachment")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--decision", default=None, help="Number of the decision this file belongs to.")
@click.option("--province", default=None, help="Province of the decision (pre-2025 name).")
def ingest_attachment_command(file, db_path, decision, province) -> None:
    """Load a local PDF/DOCX/DOC: text, figures, annex products.

    \b
    harvester ingest-attachment phu-luc.pdf --decision 1234/QĐ-UBND --province "Hòa Bình" --db ocop.db
    """
    _refuse_pages(file)
    db = open_db(db_path or default_db_path())
    attachment_id = ingest_file(db, file, decision=decision, province=province)
    storage.refresh_research(db)  # the canned queries' summary tables include the file's figures
    row = db.execute("SELECT a.status, a.reason, d.number, d.stated_count, d.annex_rows FROM attachments a "
                     "LEFT JOIN documents d ON d.id = a.document_id WHERE a.id = ?", [attachment_id]).fetchone()
    status, reason, number, stated, found = row
    click.echo(f"{file.name}: {status}{' (' + reason + ')' if reason else ''}; decision {number or '-'}; "
               f"stated {stated if stated is not None else '-'}, annex rows {found or 0}")


def _refuse_pages(file: Path) -> None:
    """Articles saved as text or HTML go through the article path, not the decision-file one."""
    try:
        with file.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise HarvesterError(f"{file}: cannot read the file ({exc.strerror or exc})") from exc
    if file.suffix.lower() in PAGE_SUFFIXES or sniff_type(head) == "html":
        raise HarvesterError(f"{file}: an article page or text, not a decision file (PDF, DOCX, DOC); "
                             f"load it with `harvester ingest-article {file}`")


COMMANDS = [products_command, documents_command, attachments_command, ingest_attachment_command]
