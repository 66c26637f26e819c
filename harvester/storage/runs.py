"""Crawl runs (``crawl_runs``) and the per-portal health read from them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from harvester.clock import now_iso, parse_iso, to_iso
from harvester.storage.core import fetch_row, transaction

SHORT_TEXT_CHARS = 200  # a main text shorter than this counts as "selectors failed"


_RUN_COUNTERS = ("requests", "listing_requests", "new", "updated", "unchanged", "errors", "listing_items")


def record_run(db: Any, run_group: str, portal_id: str, stats: Mapping[str, Any]) -> int:
    """Write one crawl_runs row from a stats mapping (flat keys or ``harvester/<portal>/<key>``)."""

    def pick(key: str, *aliases: str) -> Any:
        for name in (key, f"harvester/{portal_id}/{key}", *aliases):
            if name in stats:
                return stats[name]
        return None

    counters = {key: int(pick(key) or 0) for key in _RUN_COUNTERS}
    if not counters["requests"]:
        counters["requests"] = int(stats.get("downloader/request_count") or 0)
    flags = list(pick("flags") or [])
    if counters["listing_requests"] and not counters["listing_items"] and "zero-items" not in flags:
        flags.append("zero-items")
    if counters["errors"] and not (counters["new"] + counters["updated"] + counters["unchanged"]) \
            and "all-errors" not in flags:
        flags.append("all-errors")
    status = pick("status") or ("failed" if "all-errors" in flags else "warning" if flags else "ok")
    started = pick("started_at", "start_time")
    finished = pick("finished_at", "finish_time")
    row = {
        "run_group": run_group, "portal_id": portal_id, "command": pick("command"),
        "started_at": to_iso(started) if started else None,
        "finished_at": to_iso(finished) if finished else now_iso(),
        **counters, "status": status, "flags": json.dumps(flags),
        "stats": json.dumps(dict(stats), default=str, ensure_ascii=False, sort_keys=True),
    }
    with transaction(db):
        cursor = db.conn.execute(
            f"INSERT INTO crawl_runs ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )
    return int(cursor.lastrowid)


def portal_health(db: Any, portals: Iterable[Any], now: Any = None) -> list[dict[str, Any]]:
    """Per portal: last run, last new OCOP article, days silent, and alert flags."""
    moment = parse_iso(to_iso(now) if now else now_iso())
    assert moment is not None
    return [_health(db, portal, moment) for portal in portals]


def _health(db: Any, portal: Any, now: datetime) -> dict[str, Any]:
    portal_id = portal.id
    silence_days = int(portal.setting("silence_days"))
    last = fetch_row(db, "SELECT * FROM crawl_runs WHERE portal_id = ? ORDER BY COALESCE(finished_at, started_at) "
                    "DESC, id DESC LIMIT 1", (portal_id,))
    first_run = fetch_row(db, "SELECT min(COALESCE(started_at, finished_at)) AS t FROM crawl_runs WHERE portal_id = ?",
                     (portal_id,))
    newest = fetch_row(db, "SELECT max(first_seen_at) AS t FROM articles WHERE portal_id = ? AND is_ocop = 1 "
                      "AND duplicate_of IS NULL", (portal_id,))
    last_new = newest["t"] if newest else None
    since = parse_iso(last_new) or parse_iso(first_run["t"] if first_run else None)
    days_silent = (now - since).days if since else None
    flags: list[str] = []
    if last is None:
        flags.append("never-run")
    else:
        if last["listing_requests"] and not last["listing_items"]:
            flags.append("zero-items")
        if last["errors"] and not (last["new"] + last["updated"] + last["unchanged"]):
            flags.append("all-errors")
        if _selectors_failed(db, portal_id, last):
            flags.append("selectors-failed")
    if days_silent is not None and days_silent > silence_days:
        flags.append(f"silent-{days_silent}-days")
    return {
        "portal_id": portal_id, "name": getattr(portal, "name", portal_id),
        "family": getattr(portal, "family", None), "province": getattr(portal, "province", None),
        "enabled": getattr(portal, "enabled", True),
        "last_run_at": (last["finished_at"] or last["started_at"]) if last else None,
        "last_run_status": last["status"] if last else None,
        "last_new_at": last_new, "days_silent": days_silent, "silence_days": silence_days,
        "flags": flags,
    }


def _selectors_failed(db: Any, portal_id: str, run: Mapping[str, Any]) -> bool:
    """More than half of the pages fetched in the last run had (almost) no main text."""
    start = run["started_at"] or "0000"
    end = run["finished_at"] or "9999"
    row = fetch_row(
        db,
        "SELECT count(*) AS n, sum(CASE WHEN COALESCE(text_chars, 0) < ? THEN 1 ELSE 0 END) AS short "
        "FROM pages WHERE portal_id = ? AND kind IN ('article', 'other') AND fetched_at >= ? AND fetched_at <= ?",
        (SHORT_TEXT_CHARS, portal_id, start, end),
    )
    return bool(row and row["n"] and row["short"] * 2 > row["n"])
