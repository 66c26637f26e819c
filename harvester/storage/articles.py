"""Articles and what was extracted from them: figures, document mentions and the documents cited.

``save_article`` writes the page, the article and its extraction in one transaction; a
syndicated copy of a text already stored under another URL keeps no figures of its own (see
docs/storage.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from extractors import EXTRACTOR_VERSION
from extractors.dates import parse_date_line
from extractors.documents import number_key
from extractors.records import DocumentRef, Extraction, Figure, MainText, PublishedDate
from harvester.clock import now_iso, to_iso
from harvester.storage.core import ensure_portal, fetch_row, sha256_text, transaction
from harvester.storage.documents import document_place, upsert_document
from harvester.storage.pages import ArticleResult, write_page
from harvester.urls import canonicalize

MIN_DEDUPE_CHARS = 200  # shorter texts (empty bodies, stubs) are never treated as syndicated copies


def _published(item: Mapping[str, Any], main: MainText | None, extraction: Extraction) -> PublishedDate | None:
    if extraction.published is not None:
        return extraction.published
    if main is not None and main.published is not None:
        return main.published
    listing = item.get("listing_date")
    if listing:
        found = parse_date_line(str(listing))
        if found is not None:
            return PublishedDate(found.value, "listing", found.quote)
    return None


def _duplicate_target(db: Any, text: str, digest: str, article_id: int | None) -> int | None:
    """The first article with the same main text under another URL, if any (see docs/storage.md)."""
    if len(text.strip()) < MIN_DEDUPE_CHARS:
        return None
    row = fetch_row(
        db,
        "SELECT id, duplicate_of FROM articles WHERE text_sha256 = ? AND id != ? AND id < ? "
        "ORDER BY id LIMIT 1",
        (digest, article_id or -1, article_id or 2**62),
    )
    if row is None:
        return None
    return row["duplicate_of"] or row["id"]


def save_article(db: Any, item: Mapping[str, Any], main: MainText | None, extraction: Extraction,
                 *, force: bool = False, encoding: str | None = None) -> ArticleResult:
    """Store the page, upsert its article and (when the text changed) its figures and mentions.

    One transaction. The article is keyed by the canonical form of the URL the page was finally
    served from, so Liferay ``redirect=`` variants update one row. ``force`` re-runs the
    extraction even when the text is unchanged (``harvester reextract``).
    """
    article_url = item.get("_canonical_url") or canonicalize(str(item.get("final_url") or item.get("url") or ""))
    text = extraction.text or ""
    digest = sha256_text(text)
    published = _published(item, main, extraction)
    now = now_iso()
    with transaction(db):
        ensure_portal(db, item.get("portal_id"), item.get("family"))
        old = fetch_row(db, "SELECT id, text_sha256, extractor_version, duplicate_of, first_seen_at, portal_id "
                       "FROM articles WHERE url = ?", (article_url,))
        if item.get("archived_page_id"):
            page_id = int(item["archived_page_id"])
            db.conn.execute("UPDATE pages SET kind = 'article', text_chars = ? WHERE id = ?", (len(text), page_id))
        else:
            page_id = write_page(db, item, kind="article", encoding=encoding, text_chars=len(text),
                                  published=published.value if published else None)
        article_id = old["id"] if old else None
        duplicate_of = _duplicate_target(db, text, digest, article_id)
        values = _article_values(item, main, extraction, published, page_id=page_id, url=article_url,
                                 digest=digest, duplicate_of=duplicate_of, now=now)
        if old:
            values["portal_id"] = old["portal_id"] or values["portal_id"]
            sets = ", ".join(f"{c} = ?" for c in values)
            db.conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*values.values(), article_id))
            changed = old["text_sha256"] != digest
            status = "updated" if changed else "unchanged"
            stale = changed or force or old["extractor_version"] != EXTRACTOR_VERSION
            stale = stale or old["duplicate_of"] != duplicate_of
        else:
            values["first_seen_at"] = to_iso(item.get("fetched_at")) if item.get("fetched_at") else now
            columns = ", ".join(values)
            cursor = db.conn.execute(
                f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' for _ in values)})",
                tuple(values.values()),
            )
            article_id = int(cursor.lastrowid)
            status, stale = "new", True
        figures = mentions = 0
        if stale:
            figures, mentions = replace_extraction(db, article_id, extraction)
        else:
            figures, mentions = _counts(db, article_id)
    return ArticleResult(status, article_url, article_id, page_id, duplicate_of, figures, mentions)


def _article_values(item: Mapping[str, Any], main: MainText | None, extraction: Extraction,
                    published: PublishedDate | None, *, page_id: int, url: str, digest: str,
                    duplicate_of: int | None, now: str) -> dict[str, Any]:
    title = extraction.title or (main.title if main else None)
    return {
        "page_id": page_id, "url": url, "canonical_url": url, "portal_id": item.get("portal_id"),
        "title": title,
        "published": published.value if published else None,
        "published_source": published.source if published else None,
        "published_quote": published.quote if published else None,
        "author": main.author if main else None,
        "source_line": main.source_line if main else None,
        "text": extraction.text or "", "text_sha256": digest,
        "provinces": json.dumps(list(extraction.provinces), ensure_ascii=False),
        "images": json.dumps(list(main.images) if main else [], ensure_ascii=False),
        "attachments": json.dumps(list(main.attachments) if main else [], ensure_ascii=False),
        "duplicate_of": duplicate_of, "is_ocop": 1 if item.get("ocop", True) else 0,
        "extractor_version": EXTRACTOR_VERSION, "extracted_at": now,
    }


def _counts(db: Any, article_id: int) -> tuple[int, int]:
    figures = db.conn.execute("SELECT count(*) FROM figures WHERE article_id = ?", (article_id,)).fetchone()[0]
    mentions = db.conn.execute(
        "SELECT count(*) FROM document_mentions WHERE article_id = ?", (article_id,)).fetchone()[0]
    return int(figures), int(mentions)


def replace_extraction(db: Any, article_id: int, extraction: Extraction) -> tuple[int, int]:
    """Delete and re-insert this article's figures and document mentions; returns their counts.

    A syndicated copy (``duplicate_of`` set) keeps none, so totals are not counted twice. Every
    document cited is created on first sight, in the province :func:`document_place` decides.
    """
    with transaction(db):
        article = fetch_row(db, "SELECT url, portal_id, duplicate_of FROM articles WHERE id = ?", (article_id,))
        if article is None:
            return 0, 0
        db.conn.execute("DELETE FROM figures WHERE article_id = ?", (article_id,))
        db.conn.execute("DELETE FROM document_mentions WHERE article_id = ?", (article_id,))
        if article["duplicate_of"]:
            return 0, 0
        for ref in extraction.documents:
            place = document_place(db, ref.number, issuer=ref.issuer, portal_id=article["portal_id"],
                                   reported=extraction.provinces)
            document_id = upsert_document(db, ref.number, place, portal_id=article["portal_id"],
                                          fields={"issuer": ref.issuer, "type": ref.type, "issued": ref.issued})
            insert_mention(db, ref, document_id, article_id=article_id)
        insert_figures(db, extraction.figures, url=article["url"], article_id=article_id)
    return len(extraction.figures), len(extraction.documents)


def insert_figures(db: Any, figures: Iterable[Figure], *, url: str | None, article_id: int | None = None,
                   attachment_id: int | None = None, document_id: int | None = None) -> None:
    """Figure rows of one article or attachment (offsets into its stored text)."""
    db.conn.executemany(
        "INSERT INTO figures (article_id, attachment_id, document_id, count, stars, status, year, as_of, place, "
        "province, province_2025, quote, start, end, sentence, url, basis, place_level) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, attachment_id, document_id, fig.count, fig.stars, fig.status, fig.year, fig.as_of, fig.place,
          fig.province, fig.province_2025, fig.quote, fig.start, fig.end, fig.sentence, url, fig.basis,
          fig.place_level)
         for fig in figures],
    )


def insert_mention(db: Any, ref: DocumentRef, document_id: int | None, *, article_id: int | None = None,
                   attachment_id: int | None = None) -> None:
    """Where an article or attachment cites a document (the document row, when known)."""
    db.conn.execute(
        "INSERT INTO document_mentions (article_id, attachment_id, document_id, number, number_key, type, issued, "
        "quote, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, attachment_id, document_id, ref.number, number_key(ref.number), ref.type, ref.issued,
         ref.quote, ref.start, ref.end),
    )
