"""`harvester ingest-article`: load an analyst's own articles (files, folders, URLs) into the database."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from extractors.places import resolve
from extractors.text import fold_words
from harvester import article_sources, ingest, storage
from harvester.commands.research import db_option, db_path
from harvester.registry import Portal, sync_portals
from harvester.schema import open_db

# Articles an analyst loads are OCOP articles by their choice: their portal is an OCOP site
# (site_kind), so the crawl's title filter keeps them; it is never crawled (disabled).
ANALYST_SITE_KIND = "ocop-analyst"


def analyst_portal(province: str | None) -> Portal:
    """The portals row an analyst's articles are filed under (one per province given)."""
    if province is None:
        return Portal(id="analyst", name="Bài viết do người dùng nạp / articles loaded by an analyst",
                      family="generic", start_urls=[], site_kind=ANALYST_SITE_KIND, enabled=False)
    resolved = resolve(province)
    if resolved is None:
        raise click.BadParameter(f"unknown province {province!r} (a pre-2025 province, e.g. 'Yên Bái')",
                                 param_hint="--province")
    old, unit = resolved
    slug = re.sub(r"[^a-z0-9]+", "-", fold_words(old)).strip("-")
    return Portal(id=f"analyst-{slug}", name=f"Bài viết do người dùng nạp — {old} / articles loaded by an analyst",
                  family="generic", start_urls=[], site_kind=ANALYST_SITE_KIND, province=old, province_2025=unit,
                  enabled=False)


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2025-08-15", param_hint="--published") from exc


@click.command("ingest-article")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@click.option("--url", default=None, help="The article's real URL (one file only); default: the file's file:// URL.")
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date, used when the page prints none of its own.")
@click.option("--title", default=None, help="Title of a plain-text file (one file only); default: its first line.")
@click.option("--province", default=None, help="File the articles under this province (pre-2025 name).")
@click.option("--allow-private-hosts", is_flag=True,
              help="Fetch URLs on loopback or private addresses too (refused by default).")
def ingest_article_command(sources: tuple[str, ...], db_path_option: Path | None, url: str | None,
                           published: str | None, title: str | None, province: str | None,
                           allow_private_hosts: bool) -> None:
    """Load your own articles: HTML or plain-text files (first line = title), folders, or URLs.

    \b
    harvester ingest-article saved-page.html --url https://baoyenbai.com.vn/x.html --db ocop.db
    harvester ingest-article bai-viet.txt --published 2025-08-15 --province "Yên Bái" --db ocop.db
    harvester ingest-article my-articles/ --db ocop.db

    Each article goes through the same normalize → extract → save path as a crawl and is archived
    in `pages`; loading the same file again stores one article. Exits 1 if any input could not be read.
    """
    single = len(sources) == 1 and not article_sources.is_url(sources[0]) and not Path(sources[0]).is_dir()
    if (url or title) and not single:
        raise click.UsageError("--url and --title describe one article: give exactly one file with them")
    portal = analyst_portal(province)
    options = {"portal_id": portal.id, "published": _published(published), "allow_private": allow_private_hosts}
    if single:
        options |= {"url": url, "title": title}
    db = open_db(db_path(db_path_option))
    sync_portals(db, [portal])
    failed = stored = 0
    for label, item in article_sources.items(list(sources), **options):
        if isinstance(item, article_sources.SourceError):
            failed += 1
            click.echo(f"error      {item}", err=True)
            continue
        result = ingest.ingest_page(db, item)
        stored += 1
        click.echo(f"{result.status:<10} {result.url}  ({result.figures} figures, {result.mentions} documents)"
                   + (f"  ← {label}" if label != result.url else ""))
    storage.refresh_research(db)
    click.echo(f"{stored} article(s) stored, {failed} input(s) could not be read")
    if failed:
        raise SystemExit(1)


COMMANDS = [ingest_article_command]
