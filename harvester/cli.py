"""The `harvester` command line: a thin layer of click commands over library functions.

Each area keeps its commands in ``harvester/commands/<area>.py`` as a ``COMMANDS`` list;
this module only assembles them, configures logging and turns library errors into messages.
"""

from __future__ import annotations

import importlib
import logging

import click

from harvester import __version__
from harvester.errors import USER_ERRORS

# One module per area of the product; each exposes COMMANDS (a list of click commands).
COMMAND_MODULES = (
    "extract",  # extract, evaluate
    "crawl",  # crawl, nightly, demo
    "archive",  # reextract, export, portals, prune
    "documents",  # products, documents, attachments, ingest-attachment
    "research",  # query, search, serve, audit
    "ingest",  # ingest-article
    "review",  # review list / mark / walk / export / import
)


class HarvesterGroup(click.Group):
    """A click group that reports library errors (harvester's and the extractors') as one line (exit 1)."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=HarvesterGroup)
@click.version_option(__version__, prog_name="harvester")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Harvest OCOP news and decisions from Vietnamese provincial portals into SQLite."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not verbose:
        # trafilatura logs ERROR for every binary or empty page it is handed as a fallback; the
        # harvester records those pages itself, so an operator only sees them with -v.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        for command in importlib.import_module(f"harvester.commands.{name}").COMMANDS:
            cli.add_command(command)


_register_commands()
