"""Where the project's data files live, independent of the working directory."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The folder holding the portal registry and gazetteers (override with HARVESTER_DATA_DIR)."""
    override = os.environ.get("HARVESTER_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"


def data_file(name: str) -> Path:
    """A file inside :func:`data_dir`."""
    return data_dir() / name


def default_db_path() -> Path:
    """The SQLite file used when no --db is given (override with HARVESTER_DB)."""
    return Path(os.environ.get("HARVESTER_DB", "ocop.db"))


def shared_corpus_dir() -> Path:
    """The gold corpus that sits beside the repository in development and CI."""
    return REPO_ROOT.parent / "shared" / "corpus"
