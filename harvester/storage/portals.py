"""The ``portals`` table: registry rows copied in at each crawl (the registry itself only parses)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from harvester.clock import now_iso
from harvester.storage.core import transaction


def sync_portals(db: Any, portals: Iterable[Any]) -> int:
    """Upsert registry rows (:class:`harvester.registry.Portal`) in one transaction; returns the count."""
    now = now_iso()
    rows = [
        (p.id, p.name, p.family, p.site_kind, p.domain, p.province, p.province_2025,
         json.dumps(p.start_urls), json.dumps(p.document_urls),
         json.dumps(p.settings, ensure_ascii=False, sort_keys=True), int(p.enabled), now)
        for p in portals
    ]
    with transaction(db):
        db.conn.executemany(
            """INSERT INTO portals (id, name, family, site_kind, domain, province, province_2025,
                   start_urls, document_urls, settings, enabled, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET name=excluded.name, family=excluded.family,
                   site_kind=excluded.site_kind, domain=excluded.domain, province=excluded.province,
                   province_2025=excluded.province_2025, start_urls=excluded.start_urls,
                   document_urls=excluded.document_urls, settings=excluded.settings,
                   enabled=excluded.enabled, updated_at=excluded.updated_at""",
            rows,
        )
    return len(rows)
