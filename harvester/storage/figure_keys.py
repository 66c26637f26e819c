"""The research tables derived from figures: their comparable keys and two small summaries.

``figure_keys`` holds each figure's comparable key (:func:`harvester.comparable.comparable`) and
its stable verdict key, so that SQL, the views and Datasette compare like with like without
re-deciding anything. ``series_points`` (one point per unit, star level, basis and as-of date),
``latest_totals`` (the latest running total per unit and star level) and ``stated_targets`` (each
distinct target) are what the canned queries read, so they answer at any database size.

:func:`refresh` brings all three up to date. It is incremental (only figures without a key row
are keyed; triggers drop the rows of deleted or changed figures) and cheap when nothing changed.
Every command that writes figures or verdicts calls it when it is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harvester.comparable import comparable, figure_key, occurrence_sql
from harvester.storage.core import transaction

BATCH = 20_000  # figure ids keyed per transaction

_UNKEYED_SQL = """
    SELECT f.id, f.article_id, f.count, f.stars, f.status, f.year, f.as_of, f.place, f.province,
           f.province_2025, f.quote, f.sentence, f.basis, {place_level} AS place_level,
           COALESCE(f.url, a.url, t.url) AS url,
           COALESCE(a.published, d.issued) AS published,
           {occurrence} AS occurrence
    FROM figures f
    LEFT JOIN articles a ON a.id = f.article_id
    LEFT JOIN attachments t ON t.id = f.attachment_id
    LEFT JOIN documents d ON d.id = COALESCE(f.document_id, t.document_id)
    WHERE f.id > ? AND f.id <= ? AND NOT EXISTS (SELECT 1 FROM figure_keys k WHERE k.figure_id = f.id)
"""

# Verdicts applied: a figure marked wrong counts for nothing, a corrected one for its new count.
_JUDGED = "CASE v.verdict WHEN 'wrong' THEN NULL WHEN 'corrected' THEN v.count ELSE f.count END"

_SERIES_SQL = f"""
    INSERT INTO series_points (unit_key, unit, era, province, province_2025, stars, basis, as_of, as_of_end,
                               year, count, sources, figure_id, quote, url)
    SELECT k.unit_key, k.unit, k.era, f.province, f.province_2025, k.stars, k.basis, k.as_of, k.as_of_end,
           CAST(substr(k.as_of_end, 1, 4) AS INTEGER), max({_JUDGED}), count(*), f.id, f.quote,
           COALESCE(f.url, a.url)
    FROM figure_keys k
    JOIN figures f ON f.id = k.figure_id
    LEFT JOIN verdicts v ON v.key = k.key
    LEFT JOIN articles a ON a.id = f.article_id
    WHERE k.status = 'achieved' AND k.level = 'province' AND k.unit_key IS NOT NULL AND k.as_of IS NOT NULL
          AND {_JUDGED} IS NOT NULL
    GROUP BY k.unit_key, k.stars, k.basis, k.as_of
"""

_LATEST_SQL = """
    INSERT INTO latest_totals (unit_key, unit, era, stars, province, province_2025, count, as_of, figure_id,
                               quote, url, published)
    SELECT s.unit_key, s.unit, s.era, s.stars, s.province, s.province_2025, s.count, s.as_of, s.figure_id,
           s.quote, s.url, a.published
    FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY unit_key, COALESCE(stars, '')
                                       ORDER BY as_of_end DESC, count DESC) AS rank
          FROM series_points WHERE basis = 'total') s
    JOIN figures f ON f.id = s.figure_id
    LEFT JOIN articles a ON a.id = f.article_id
    WHERE s.rank = 1
"""


_TARGETS_SQL = f"""
    INSERT INTO stated_targets (unit_key, unit, province, province_2025, stars, target_year, target, basis,
                                statements, figure_id)
    SELECT k.unit_key, k.unit, f.province, f.province_2025, k.stars, f.year, {_JUDGED}, k.basis, count(*), min(f.id)
    FROM figure_keys k
    JOIN figures f ON f.id = k.figure_id
    LEFT JOIN verdicts v ON v.key = k.key
    WHERE k.status = 'target' AND k.level = 'province' AND k.unit_key IS NOT NULL AND {_JUDGED} IS NOT NULL
    GROUP BY k.unit_key, k.stars, f.year, {_JUDGED}, k.basis
"""


def refresh(db: Any) -> int:
    """Key every figure that has no key yet and rebuild the summaries if anything changed.

    Returns the number of figures keyed. One transaction per batch of keys and one for the
    summaries, so a reader never sees a half-built summary.
    """
    keyed = 0
    for batch in _unkeyed_batches(db):
        with transaction(db):
            db.conn.executemany(
                "INSERT OR REPLACE INTO figure_keys (figure_id, key, level, unit, unit_key, era, as_of, as_of_end, "
                "basis, stars, status, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        keyed += len(batch)
    state = _state(db)
    if keyed or _stored_state(db) != state:
        with transaction(db):
            db.conn.execute("DELETE FROM series_points")
            db.conn.execute(_SERIES_SQL)
            db.conn.execute("DELETE FROM latest_totals")
            db.conn.execute(_LATEST_SQL)
            db.conn.execute("DELETE FROM stated_targets")
            db.conn.execute(_TARGETS_SQL)
            db.conn.execute("INSERT OR REPLACE INTO research_state (name, value) VALUES ('summaries', ?)",
                            (_state(db),))
    return keyed


def _unkeyed_batches(db: Any) -> Iterator[list[tuple[Any, ...]]]:
    low, high = _unkeyed_range(db)
    if low is None or high is None or low >= high:
        return
    columns = {row[1] for row in db.conn.execute("PRAGMA table_info(figures)")}
    sql = _UNKEYED_SQL.format(place_level="f.place_level" if "place_level" in columns else "NULL",
                              occurrence=occurrence_sql("COALESCE(a.text, t.text)", "f.quote", "f.start"))
    cursor = db.conn.cursor()
    for first in range(low, high, BATCH):
        cursor.execute(sql, (first, first + BATCH))
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if rows:
            yield [_key_row(row) for row in rows]


def _unkeyed_range(db: Any) -> tuple[int | None, int | None]:
    """(last id known to be keyed, highest figure id): the ids a refresh must look at.

    New figures always get ids above every existing one, so when every figure up to the highest
    keyed id still has its key (the counts agree), only the ids above it are looked at; otherwise
    (a figure was changed in place) every id is.
    """
    keyed, top_keyed = db.conn.execute("SELECT count(*), max(figure_id) FROM figure_keys").fetchone()
    total, low, high = db.conn.execute("SELECT count(*), min(id), max(id) FROM figures").fetchone()
    if high is None:
        return None, None
    if top_keyed is not None:
        above = db.conn.execute("SELECT count(*) FROM figures WHERE id > ?", (top_keyed,)).fetchone()[0]
        if total - above == keyed:
            return top_keyed, high
    return low - 1, high


def _key_row(row: dict[str, Any]) -> tuple[Any, ...]:
    c = comparable(row)
    return (row["id"], figure_key(row["url"], row["quote"], row["occurrence"] or 0), c.level, c.unit, c.unit_key,
            c.era, c.as_of, c.as_of_end, c.basis, c.stars, c.status, row["article_id"])


def _state(db: Any) -> str:
    """Changes whenever a figure is keyed or dropped (a new verdict deletes the stored state)."""
    keys = db.conn.execute("SELECT count(*), max(figure_id) FROM figure_keys").fetchone()
    return f"{keys[0]}:{keys[1]}"


def mark_summaries_stale(db: Any) -> None:
    """The summaries are rebuilt at the next :func:`refresh` (verdicts change judged counts)."""
    db.conn.execute("DELETE FROM research_state WHERE name = 'summaries'")


def _stored_state(db: Any) -> str | None:
    row = db.conn.execute("SELECT value FROM research_state WHERE name = 'summaries'").fetchone()
    return row[0] if row else None
