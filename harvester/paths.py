"""Where the project's data files live, independent of the working directory."""

from __future__ import annotations

import os
from pathlib import Path

from extractors.paths import data_dir, data_file

REPO_ROOT = Path(__file__).resolve().parent.parent

__all__ = ["REPO_ROOT", "data_dir", "data_file", "default_db_path", "shared_corpus_dir"]


def default_db_path() -> Path:
    """The SQLite file used when no --db is given (override with HARVESTER_DB)."""
    return Path(os.environ.get("HARVESTER_DB", "ocop.db"))


def shared_corpus_dir() -> Path:
    """The gold corpus that sits beside the repository in development and CI."""
    return REPO_ROOT.parent / "shared" / "corpus"
