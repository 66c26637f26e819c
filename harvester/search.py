"""Vietnamese-aware full-text search over articles and documents: `harvester search "miến dong"`.

Every match comes from a full-text index, never from a capped list of candidates, so a rare
exact phrase cannot be missed. Two indexes per table (harvester/schema.py): the exact one
(``articles_fts``: diacritics kept) and the folded one (``articles_folded_fts``: marks removed
and đ → d), where "mien dong" finds "miến dong" and "dak" finds "Đắk". Results come in tiers,
each tier asked of its index in bm25 order:

    exact phrase, exact words (all of them), folded phrase, folded words

Query syntax: words are all required; ``"quoted words"`` must be adjacent; ``OR`` (upper case)
between alternatives — ``"miến dong" OR "mỳ gạo"``, ``chè OR cà phê``. A query with quotes or
OR has two tiers: exact, then folded.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from extractors.text import fold
from harvester.query import QueryError, connect_readonly

TIER_NAMES = ("exact phrase", "exact words", "folded phrase", "folded words")
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')

# (kind, exact index, folded index, SQL for the hits' rows)
INDEXES = {
    "article": ("articles_fts", "articles_folded_fts",
                "SELECT id, title, text, url, published FROM articles WHERE id IN ({marks})"),
    "document": ("documents_fts", "documents_folded_fts",
                 "SELECT id, number, type, summary, url, issued FROM documents WHERE id IN ({marks})"),
}


@dataclass
class SearchHit:
    kind: str  # "article" | "document"
    id: int
    title: str
    url: str | None
    date: str | None  # article publication date or document signing date
    tier: int  # index into TIER_NAMES: 0 is the best match
    score: float  # bm25 within its tier (lower is better)
    snippet: str
    field: str  # where the snippet comes from: "text", "title", "summary"...

    @property
    def match(self) -> str:
        return TIER_NAMES[self.tier]

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "id": self.id, "title": self.title, "url": self.url, "date": self.date,
            "match": self.match, "snippet": self.snippet, "field": self.field,
        }


# --------------------------------------------------------------------------------- the query


@dataclass(frozen=True)
class Query:
    """A parsed query: alternatives (OR) of terms (AND), each term a word or a phrase."""

    alternatives: tuple[tuple[tuple[str, ...], ...], ...]  # OR of AND of phrases (a word is a 1-word phrase)
    plain: bool  # no quotes and no OR: the four tiers apply

    @property
    def words(self) -> list[str]:
        return [w for alt in self.alternatives for term in alt for w in term]


def parse_query(text: str) -> Query:
    """``"miến dong" OR mỳ gạo`` → ((("miến", "dong"),), (("mỳ",), ("gạo",)))."""
    text = unicodedata.normalize("NFC", text)
    alternatives: list[tuple[tuple[str, ...], ...]] = []
    current: list[tuple[str, ...]] = []
    plain = '"' not in text
    for match in _TOKEN.finditer(text):
        phrase, bare = match.groups()
        if bare == "OR":
            plain = False
            if current:
                alternatives.append(tuple(current))
            current = []
            continue
        words = tuple(w.lower() for w in _WORD.findall(phrase if phrase is not None else bare))
        if phrase is not None:
            if words:
                current.append(words)
        else:
            current.extend((w,) for w in words)
    if current:
        alternatives.append(tuple(current))
    if not alternatives:
        raise QueryError("the search needs at least one word")
    return Query(tuple(alternatives), plain)


def _fts(alternatives: tuple[tuple[tuple[str, ...], ...], ...], *, folded: bool, phrase: bool = False) -> str:
    """An FTS5 expression; every word quoted, so no word is read as FTS syntax."""
    def words(term: tuple[str, ...]) -> list[str]:
        return [fold(w) if folded else w for w in term]

    if phrase:  # the whole plain query as one phrase
        return '"' + " ".join(w for alt in alternatives for term in alt for w in words(term)) + '"'
    return " OR ".join(
        "(" + " AND ".join('"' + " ".join(words(term)) + '"' for term in alt) + ")" for alt in alternatives)


def tiers(query: Query) -> list[tuple[int, bool, str]]:
    """(tier, folded index?, FTS expression) in the order they are asked."""
    if query.plain:
        return [(0, False, _fts(query.alternatives, folded=False, phrase=True)),
                (1, False, _fts(query.alternatives, folded=False)),
                (2, True, _fts(query.alternatives, folded=True, phrase=True)),
                (3, True, _fts(query.alternatives, folded=True))]
    return [(1, False, _fts(query.alternatives, folded=False)), (3, True, _fts(query.alternatives, folded=True))]


# --------------------------------------------------------------------------------- searching


def _normalize_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def make_snippet(text: str, words: list[str], *, width: int = 160, mark: tuple[str, str] = ("[", "]")) -> str:
    """About ``width`` characters around the first query word, every query word (folded) marked."""
    text = _normalize_spaces(text)
    folded = fold(text)
    wanted = sorted({fold(w) for w in words if w}, key=len, reverse=True)
    pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in wanted) or "$^")
    first = pattern.search(folded)
    start = max(0, (first.start() if first else 0) - width // 3)
    end = min(len(text), start + width)
    pieces, last = [], start
    for m in pattern.finditer(folded, start, end):
        pieces.append(text[last : m.start()])
        pieces.append(mark[0] + text[m.start() : m.end()] + mark[1])
        last = m.end()
    pieces.append(text[last:end])
    return ("…" if start > 0 else "") + "".join(pieces) + ("…" if end < len(text) else "")


def _matches(conn: sqlite3.Connection, index: str, expression: str, limit: int,
             exclude: set[int]) -> list[tuple[int, float]]:
    skip = ",".join(str(int(i)) for i in exclude)
    sql = (f"SELECT rowid, bm25([{index}]) FROM [{index}] WHERE [{index}] MATCH ?"
           + (f" AND rowid NOT IN ({skip})" if skip else "") + f" ORDER BY bm25([{index}]) LIMIT ?")
    try:
        return conn.execute(sql, (expression, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise QueryError(
                f"this database has no search index {index} yet; open it once with a harvester command that "
                "writes (crawl, reextract, ingest-article) to create it"
            ) from exc
        raise QueryError(f"search failed: {exc}") from exc


def count_matches(db_path: str | Path, query: str, kind: str = "article") -> int:
    """How many records match ``query`` at all (the folded index holds every match)."""
    parsed = parse_query(query)
    conn = connect_readonly(db_path)
    try:
        index = INDEXES[kind][1]
        return conn.execute(f"SELECT count(*) FROM [{index}] WHERE [{index}] MATCH ?",
                            (_fts(parsed.alternatives, folded=True),)).fetchone()[0]
    finally:
        conn.close()


def search(db_path: str | Path, query: str, *, limit: int = 20, kinds: tuple[str, ...] = ("article", "document"),
           mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Articles and documents matching ``query``, best first (see the module docstring)."""
    parsed = parse_query(query)
    conn = connect_readonly(db_path)
    conn.row_factory = sqlite3.Row
    hits: list[SearchHit] = []
    try:
        for kind in kinds:
            exact, folded, rows_sql = INDEXES[kind]
            found: dict[int, tuple[int, float]] = {}
            for tier, use_folded, expression in tiers(parsed):
                if len(found) >= limit:
                    break
                for rowid, score in _matches(conn, folded if use_folded else exact, expression,
                                             limit - len(found), set(found)):
                    found[rowid] = (tier, score)
            hits += _hits(conn, kind, rows_sql, found, parsed.words, mark)
    finally:
        conn.close()
    hits.sort(key=lambda h: (h.tier, h.score, h.kind, h.id))
    return hits[:limit]


def _hits(conn: sqlite3.Connection, kind: str, rows_sql: str, found: dict[int, tuple[int, float]],
          words: list[str], mark: tuple[str, str]) -> list[SearchHit]:
    if not found:
        return []
    ids = list(found)
    rows = {r["id"]: r for r in conn.execute(rows_sql.format(marks=",".join("?" * len(ids))), ids)}
    folded_words = {fold(w) for w in words}
    hits = []
    for rowid, (tier, score) in found.items():
        row = rows.get(rowid)
        if row is None:
            continue
        if kind == "article":
            title, date = row["title"] or "", row["published"]
            fields = {"text": row["text"] or "", "title": title}
        else:
            title, date = " ".join(p for p in (row["type"], row["number"]) if p), row["issued"]
            fields = {"summary": row["summary"] or "", "number": title}
        name = next((n for n, value in fields.items() if folded_words & set(_WORD.findall(fold(value)))),
                    next(iter(fields)))
        hits.append(SearchHit(kind, rowid, title, row["url"], date, tier, score,
                              make_snippet(fields[name], words, mark=mark), name))
    return hits
