"""Where the extractors' data files (gazetteers, issuer symbols) live.

The extractors stand alone (no harvester import), so they find ``data/`` themselves; the
``HARVESTER_DATA_DIR`` override is the same one the harvester honours, and ``harvester.paths``
uses these two functions rather than a copy.
"""

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
