"""Vietnamese-aware full-text search over articles and documents: `harvester search "miến dong"`.

Two passes over one candidate set. The folded index (``articles_folded_fts``: unicode61 with
``remove_diacritics 2`` after đ→d, see harvester/schema.py) finds every text whose words match
the query without marks, so "mien dong" finds "miến dong" and "dak" finds "Đắk". Each
candidate is then checked against its real text: the exact phrase ranks first, then all words
exactly, then the folded phrase, then folded words. Folding is done one character at a time
so a folded string has the same length as the original and match offsets carry over to it
for snippets.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from harvester.query import QueryError, connect_readonly

TIER_NAMES = ("exact phrase", "exact words", "folded phrase", "folded words")
_WORD = re.compile(r"\w+")
_CANDIDATES = 1000  # folded-index hits examined per kind before ranking


def fold_char(ch: str) -> str:
    """One character without case or marks; đ/Đ become d (SQLite and NFD never do that)."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    folded = base.lower()
    return folded if len(folded) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Length-preserving fold of NFC text: ``fold(s)[i]`` is the folded ``s[i]``."""
    return "".join(fold_char(c) for c in text)


def lower_same_length(text: str) -> str:
    """Lower case, character by character (str.lower can change the length of a few letters)."""
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


@dataclass
class SearchHit:
    kind: str  # "article" | "document"
    id: int
    title: str
    url: str | None
    date: str | None  # article publication date or document signing date
    tier: int  # index into TIER_NAMES: 0 is the best match
    score: float  # bm25 on the folded index (lower is better), breaks ties within a tier
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


def _phrase(words: list[str]) -> str:
    return " ".join(words)


def _normalize_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _classify(fields: dict[str, str], query: str) -> tuple[int, str, tuple[int, int] | None] | None:
    """The best tier this record reaches, the field that reaches it and the span of the phrase."""
    q_exact = _normalize_spaces(lower_same_length(unicodedata.normalize("NFC", query))).strip()
    q_fold = fold(q_exact)
    exact_words = _WORD.findall(q_exact)
    fold_words = _WORD.findall(q_fold)
    best: tuple[int, str, tuple[int, int] | None] | None = None
    for name, raw in fields.items():
        if not raw:
            continue
        text = _normalize_spaces(lower_same_length(raw))
        folded = fold(text)
        words = set(_WORD.findall(text))
        folded_words = set(_WORD.findall(folded))
        if (pos := text.find(q_exact)) >= 0:
            found = (0, name, (pos, pos + len(q_exact)))
        elif all(w in words for w in exact_words):
            found = (1, name, None)
        elif (pos := folded.find(q_fold)) >= 0:
            found = (2, name, (pos, pos + len(q_fold)))
        elif all(w in folded_words for w in fold_words):
            found = (3, name, None)
        else:
            continue
        if best is None or found[0] < best[0]:
            best = found
    return best


def make_snippet(text: str, query: str, span: tuple[int, int] | None, *, width: int = 160,
                 mark: tuple[str, str] = ("[", "]")) -> str:
    """About ``width`` characters around the match, every query word (folded) marked."""
    text = _normalize_spaces(text)
    folded = fold(text)
    words = [w for w in _WORD.findall(fold(query)) if w]
    if span is None:
        positions = [m.start() for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", folded)]
        center = min(positions) if positions else 0
    else:
        center = span[0]
    start = max(0, center - width // 3)
    end = min(len(text), start + width)
    pieces = []
    last = start
    pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in sorted(words, key=len, reverse=True)) or "$^")
    for m in pattern.finditer(folded, start, end):
        pieces.append(text[last:m.start()])
        pieces.append(mark[0] + text[m.start():m.end()] + mark[1])
        last = m.end()
    pieces.append(text[last:end])
    return ("…" if start > 0 else "") + "".join(pieces) + ("…" if end < len(text) else "")


def _fts_query(query: str) -> str:
    words = _WORD.findall(fold(query))
    if not words:
        raise QueryError("the search needs at least one word")
    return " ".join(f'"{w}"' for w in words)


def _candidates(conn: sqlite3.Connection, index: str, match: str) -> list[tuple[int, float]]:
    try:
        return conn.execute(
            f"SELECT rowid, bm25([{index}]) FROM [{index}] WHERE [{index}] MATCH ? ORDER BY bm25([{index}]) LIMIT ?",
            (match, _CANDIDATES),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise QueryError(
                "this database has no folded search index yet; open it once with a harvester "
                "command that writes (crawl, reextract) to create it"
            ) from exc
        raise QueryError(f"search failed: {exc}") from exc


def search(db_path: str | Path, query: str, *, limit: int = 20, kinds: tuple[str, ...] = ("article", "document"),
           mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Articles and documents matching ``query``, best first (see module docstring)."""
    match = _fts_query(query)
    conn = connect_readonly(db_path)
    hits: list[SearchHit] = []
    try:
        if "article" in kinds:
            hits += _article_hits(conn, match, query, mark)
        if "document" in kinds:
            hits += _document_hits(conn, match, query, mark)
    finally:
        conn.close()
    hits.sort(key=lambda h: (h.tier, h.score, h.kind, h.id))
    return hits[:limit]


def _by_id(conn: sqlite3.Connection, sql: str, ids: list[int]) -> dict[int, sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    rows: dict[int, sqlite3.Row] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows.update({r["id"]: r for r in conn.execute(sql.format(marks=marks), chunk)})
    return rows


def _article_hits(conn: sqlite3.Connection, match: str, query: str, mark: tuple[str, str]) -> list[SearchHit]:
    found = _candidates(conn, "articles_folded_fts", match)
    rows = _by_id(conn, "SELECT id, title, text, url, published FROM articles WHERE id IN ({marks})",
                  [rowid for rowid, _ in found])
    hits = []
    for rowid, score in found:
        row = rows.get(rowid)
        if row is None:
            continue
        fields = {"text": row["text"] or "", "title": row["title"] or ""}
        best = _classify(fields, query)
        if best is None:  # the index is ahead of or behind the table: trust the text
            continue
        tier, name, span = best
        if name == "title" and (text_best := _classify({"text": fields["text"]}, query)) and text_best[0] <= tier:
            name, span = "text", text_best[2]
        hits.append(SearchHit("article", rowid, row["title"] or "", row["url"], row["published"], tier, score,
                              make_snippet(fields[name], query, span, mark=mark), name))
    return hits


def _document_hits(conn: sqlite3.Connection, match: str, query: str, mark: tuple[str, str]) -> list[SearchHit]:
    found = _candidates(conn, "documents_folded_fts", match)
    rows = _by_id(conn, "SELECT id, number, type, summary, url, issued FROM documents WHERE id IN ({marks})",
                  [rowid for rowid, _ in found])
    hits = []
    for rowid, score in found:
        row = rows.get(rowid)
        if row is None:
            continue
        title = " ".join(p for p in (row["type"], row["number"]) if p)
        fields = {"summary": row["summary"] or "", "number": title}
        best = _classify(fields, query)
        if best is None:
            continue
        tier, name, span = best
        hits.append(SearchHit("document", rowid, title, row["url"], row["issued"], tier, score,
                              make_snippet(fields[name], query, span, mark=mark), name))
    return hits
