"""Run every extractor over a passage and assemble one Extraction.

Order matters: the text is normalised first (all offsets point into the normalised text that
is stored), then the published date (figures that say only "đến nay" are dated by it), then the
provinces (the main one is the default place of figures), then documents and figures.
"""

from __future__ import annotations

import logging
from collections import Counter

from extractors.bounds import MAX_TEXT_CHARS, cap_text, join_reasons, text_cut
from extractors.dates import find_published, parse_date_line
from extractors.documents import find_documents
from extractors.figures import find_figures
from extractors.html import main_text
from extractors.places import find_places
from extractors.records import Extraction, Figure, PlaceMention, PublishedDate
from extractors.text import normalize

log = logging.getLogger(__name__)

# Characters beyond the text cap that normalize() may still remove (runs of spaces, invisibles).
_NORMALIZE_SLACK = 10_000
# A province is reported on when it scores at least this share of the top province.
_KEEP_SHARE = 0.5


def extract(text: str | None, *, title: str | None = None, date_line: str | None = None,
            url: str | None = None, published: PublishedDate | None = None,
            truncated: str | None = None) -> Extraction:
    """Extract figures, documents, published date and provinces from plain text.

    ``published`` and ``truncated`` are a main text's (:class:`MainText`) when the text came from a
    page: its date read from the markup (used when ``date_line`` gives none, before a date in the
    text) and why only the page's beginning was read — what :func:`extract_html` passes on.
    """
    return _extract(text, title=title, date_line=date_line, url=url, published=published, truncated=truncated)


def _extract(text: str | None, *, title: str | None, date_line: str | None, url: str | None,
             published: PublishedDate | None = None, truncated: str | None = None) -> Extraction:
    if not isinstance(text, str):
        text = ""
    size = len(text)
    # normalize() never lengthens text: cutting a little beyond the cap first bounds its cost too
    text, cut_raw = cap_text(text, MAX_TEXT_CHARS + _NORMALIZE_SLACK)
    text, cut = cap_text(normalize(text))
    truncated = join_reasons(truncated, text_cut(len(text), size) if cut_raw or cut else None)
    title = normalize(title).strip() or None if isinstance(title, str) else None
    found_published = _published(text, title, date_line) or published or find_published(text, title=title)
    places = find_places(text)  # found once: rank_provinces and the figures read the same mentions
    provinces = rank_provinces(text, title=title, places=places)
    documents = find_documents(text)
    figures = _figures(text, as_of=found_published.date if found_published else None,
                       default_place=provinces[0] if provinces else None, title=title, places=places)
    return Extraction(text=text, title=title, published=found_published, provinces=provinces,
                      documents=documents, figures=figures, truncated=truncated)


def _published(text: str, title: str | None, date_line: str | None) -> PublishedDate | None:
    if not date_line:
        return None
    return parse_date_line(date_line)


def rank_provinces(text: str, *, title: str | None = None, places: list[PlaceMention] | None = None) -> list[str]:
    """The provinces a passage reports on, most important first.

    Score = mentions in the text (districts count for their province) + 3 for a mention in the
    title + 2 for the province named first. Provinces scoring under half the top score are names
    in passing (a sidebar, a footer address, a visiting delegation) and are dropped. ``places`` are
    the text's ``find_places`` mentions when the caller has them already.
    """
    score: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in find_places(text) if places is None else places:
        if mention.province is None:
            continue
        if not first_seen:  # the passage usually names its subject first
            score[mention.province] += 2
        score[mention.province] += 1
        first_seen.setdefault(mention.province, mention.start)
    if title:
        for mention in find_places(title):
            if mention.province:
                score[mention.province] += 3
                first_seen.setdefault(mention.province, -1)
    if not score:
        return []
    top = max(score.values())
    kept = [p for p, s in score.items() if s >= top * _KEEP_SHARE]
    return sorted(kept, key=lambda p: (-score[p], first_seen.get(p, 0)))


def _figures(text: str, *, as_of: str | None, default_place: str | None, title: str | None,
             places: list[PlaceMention]) -> list[Figure]:
    try:
        return list(find_figures(text, as_of=as_of, default_place=default_place, title=title, places=places))
    except Exception:  # a bug in one extractor must not lose the page's other results
        log.exception("find_figures failed; figures skipped for this passage")
        return []


def extract_html(html: str | bytes | None, *, url: str | None = None, family: str | None = None) -> Extraction:
    """Take the main text of an HTML page first, then :func:`extract` it."""
    if isinstance(html, bytes | bytearray):
        html = bytes(html)
    if not isinstance(html, str | bytes) or not html.strip():
        return Extraction(text="")
    main = main_text(html, url=url, family=family)
    return _extract(main.text, title=main.title, date_line=main.date_line, url=url, published=main.published,
                    truncated=main.truncated)
