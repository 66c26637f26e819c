"""What the documents spiders read once at start: detail pages and attachments already stored.

Read-only (``mode=ro``), like :mod:`harvester.storage.state` for the news spiders. The rule for
attachments lives here: a file whose outcome is final (read, or refused for a reason that will
not change by asking again) is not downloaded again; failed downloads and files still pending
are retried on the next run.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from harvester.paths import readonly_uri

# Attachment statuses that are final; anything else (fetch-failed, error, pending) is retried.
SETTLED_STATUSES = ("ok", "no-text-layer", "encrypted", "empty", "too-large", "bad-type", "unsupported")


@dataclass(frozen=True)
class DocumentState:
    documents: frozenset[str] = field(default_factory=frozenset)  # detail page URLs stored
    attachments: frozenset[str] = field(default_factory=frozenset)  # attachment URLs not to fetch again


def load_document_state(db_path: str | Path | None) -> DocumentState:
    """The stored document pages and settled attachments; empty for a new or absent database."""
    if not db_path or not Path(db_path).is_file():
        return DocumentState()
    try:
        conn = sqlite3.connect(readonly_uri(db_path), uri=True, timeout=30)
    except sqlite3.Error:
        return DocumentState()
    try:
        documents = {row[0] for row in conn.execute("SELECT url FROM documents WHERE url IS NOT NULL")}
        marks = ", ".join("?" for _ in SETTLED_STATUSES)
        attachments = {row[0] for row in conn.execute(
            f"SELECT url FROM attachments WHERE status IN ({marks})", SETTLED_STATUSES)}
    except sqlite3.Error:
        return DocumentState()  # a database without the tables yet: nothing stored
    finally:
        conn.close()
    return DocumentState(frozenset(documents), frozenset(attachments))
