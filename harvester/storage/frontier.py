"""The frontier of each listing: where its last complete walk began (``crawl_frontier``).

A nightly walk of a listing pages down from its first page until it meets the entries that
topped the listing at the last *complete* walk. The frontier advances only when a run finished
and every entry it found is stored, so a run that was killed, interrupted or could not store
its pages leaves it in place, and the next night walks on until it meets it: the gap is filled
instead of closing silently behind a page of already-stored articles.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from harvester.clock import now_iso
from harvester.storage.core import transaction


def advance_frontier(db: Any, portal_id: str, walks: Mapping[str, Sequence[str]], run_group: str) -> int:
    """Set the frontier of each listing walked completely to the entries that top it now."""
    now = now_iso()
    rows = [(portal_id, listing, json.dumps(list(urls)), now, run_group) for listing, urls in walks.items() if urls]
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO crawl_frontier (portal_id, listing, top_urls, walked_at, run_group) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(portal_id, listing) DO UPDATE SET top_urls = excluded.top_urls, "
            "walked_at = excluded.walked_at, run_group = excluded.run_group",
            rows,
        )
    return len(rows)
