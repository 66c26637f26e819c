"""Where the project's files live (data, default database, shared corpus) and how to open a database read-only."""

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


def is_read_only(path: Path) -> bool:
    """True when ``path`` cannot be written, or is marked read-only (no write bit: root ignores
    permissions, but a file an operator made read-only is not written even then)."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return True


def readonly_uri(path: str | Path) -> str:
    """An SQLite URI that opens ``path`` without writing: ``mode=ro``, plus ``immutable=1`` when
    the folder is read-only (SQLite could not create the WAL index beside the file).

    For read-only callers outside this module (query, search, serve, audit):
    ``sqlite3.connect(readonly_uri(path), uri=True)``.
    """
    path = Path(path).resolve()
    uri = f"{path.as_uri()}?mode=ro"
    return uri + "&immutable=1" if is_read_only(path.parent) else uri
