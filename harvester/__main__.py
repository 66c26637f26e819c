"""``python -m harvester …`` runs the CLI (used by tests to crawl in a subprocess)."""

from harvester.cli import cli

if __name__ == "__main__":
    cli(prog_name="harvester")
