"""The one way a fetched page becomes rows: normalize → dedupe → extract → save.

The Scrapy pipelines (``pipelines/*.py``) each call one step below; ``harvester reextract``
calls :func:`ingest_page`, which runs all four. So a page archived last year and a page fetched
tonight go through exactly the same code.

Steps take and return the item as a plain dict, adding keys prefixed ``_`` (``_main``,
``_encoding``, ``_ocop``, ``_canonical_url``, ``_text_sha256``, ``_extraction``).
"""

from __future__ import annotations

import logging
from typing import Any

from extractors.records import Extraction, MainText
from extractors.text import fold_words
from harvester import store
from harvester.urls import canonicalize

log = logging.getLogger(__name__)

# Phrases that make a page OCOP-relevant, compared on case- and diacritic-folded text.
OCOP_MARKERS = (
    "ocop",
    "moi xa mot san pham",
    "moi xa, phuong mot san pham",
    "moi xa phuong mot san pham",
)


fold = fold_words


def is_ocop_relevant(title: str | None, text: str | None) -> bool:
    """True when the title or text names the OCOP programme."""
    folded = fold(title) + "\n" + fold(text)
    return any(marker in folded for marker in OCOP_MARKERS)


def as_dict(item: Any) -> dict[str, Any]:
    """A plain dict copy of a Scrapy item / dataclass / mapping."""
    if isinstance(item, dict):
        return dict(item)
    from itemadapter import ItemAdapter

    return ItemAdapter(item).asdict()


# --- the four steps -----------------------------------------------------------------------------


def normalize_step(item: Any) -> dict[str, Any]:
    """Decode the body and find the main text (article items only)."""
    item = as_dict(item)
    if item.get("kind", "article") != "article":
        return item

    from extractors.text import decode_bytes

    body = item.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    decoded = decode_bytes(body, item.get("encoding"))
    html, encoding = decoded.text, decoded.encoding
    url = item.get("final_url") or item.get("url")
    try:
        main = _main_text(html, url=url, family=item.get("family"))
    except Exception as exc:  # an extractor bug must not stop the crawl; the page is kept
        log.warning("main_text failed on %s: %s", url, exc)
        main = MainText(title=None, text="")
    item["_main"], item["_encoding"], item["_decoded"] = main, encoding, decoded
    item["_ocop"] = is_ocop_relevant(main.title, main.text)
    return item


def dedupe_step(item: dict[str, Any]) -> dict[str, Any]:
    """Canonical URL and main-text hash; the store links syndicated copies by this hash."""
    if item.get("kind", "article") != "article":
        return item
    item["_canonical_url"] = canonicalize(str(item.get("final_url") or item.get("url") or ""))
    main = item.get("_main")
    item["_text_sha256"] = store.sha256_text(main.text if main else "")
    return item


def extract_step(item: dict[str, Any]) -> dict[str, Any]:
    """Figures, documents, date and provinces from the main text."""
    if item.get("kind", "article") != "article":
        return item
    from extractors import extract

    main: MainText = item.get("_main") or MainText(title=None, text="")
    url = item.get("final_url") or item.get("url")
    try:
        item["_extraction"] = extract(main.text, title=main.title,
                                      date_line=main.date_line or item.get("listing_date"), url=url)
    except Exception as exc:  # keep the page and the text; figures can be rebuilt by reextract
        log.warning("extract failed on %s: %s", url, exc)
        item["_extraction"] = Extraction(text=main.text, title=main.title)
    return item


def save_step(db: Any, item: dict[str, Any], *, force: bool = False) -> store.ArticleResult:
    """Write the item through the store, in one transaction."""
    kind = item.get("kind", "article")
    url = str(item.get("url") or "")
    if kind == "fault":
        return store.save_fault(db, item)
    if kind == "unchanged":
        stored = store.save_unchanged(db, url, item.get("fetched_at"))
        return store.ArticleResult("unchanged" if stored else "skipped", canonicalize(url))
    if kind != "article":
        return store.ArticleResult("skipped", canonicalize(url))
    main = item.get("_main")
    extraction = item.get("_extraction") or Extraction(text=main.text if main else "")
    ocop = bool(item.get("_ocop")) or _portal_is_ocop_site(db, item.get("portal_id"))
    if not ocop and not _article_exists(db, item.get("_canonical_url") or canonicalize(url)):
        return store.save_other(db, item, main, encoding=item.get("_encoding"))
    record = {**item, "ocop": ocop}
    return store.save_article(db, record, main, extraction, force=force, encoding=item.get("_encoding"))


def ingest_page(db: Any, item: Any, *, force: bool = False) -> store.ArticleResult:
    """normalize → dedupe → extract → save, without Scrapy (used by reextract and tests)."""
    prepared = extract_step(dedupe_step(normalize_step(item)))
    return save_step(db, prepared, force=force)


def _portal_is_ocop_site(db: Any, portal_id: str | None) -> bool:
    """Dedicated OCOP sites: every page is relevant, whatever its words."""
    if not portal_id:
        return False
    row = db.conn.execute("SELECT site_kind FROM portals WHERE id = ?", (portal_id,)).fetchone()
    return bool(row and row[0] and "ocop" in str(row[0]).lower())


def _article_exists(db: Any, url: str) -> bool:
    """An article already stored stays an article when a refetch no longer says OCOP."""
    return db.conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None


def _main_text(html: str, *, url: str | None, family: str | None) -> MainText:
    """extractors.html.main_text, or the whole page's text while that module is absent."""
    try:
        from extractors.html import main_text
    except ImportError:
        return _plain_main_text(html)
    return main_text(html, url=url, family=family)


def _plain_main_text(html: str) -> MainText:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return MainText(title=None, text="")
    for node in root.xpath("//script|//style|//nav|//header|//footer|//aside"):
        node.drop_tree()
    heading = root.xpath("string(//h1)").strip() or root.xpath("string(//title)").strip() or None
    blocks = [" ".join(p.text_content().split()) for p in root.xpath("//p|//li|//td")]
    return MainText(title=heading, text="\n".join(b for b in blocks if b))
