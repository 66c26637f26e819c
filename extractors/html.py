"""Main text of an article page, separated from menus, sidebars, related lists and clocks.

``detect_family`` fingerprints the CMS (portals/README.md §0). ``main_text`` parses the page once
(lxml) and reads the article with the family's own selectors (about a millisecond a page); other
layouts try the newspaper selectors, then a prose-density pass over the same tree, and only then
trafilatura. Huge pages are read from their beginning (``extractors/bounds.py``). The date line returned is the publish date
*as the family's template prints it* (NukeViet's first ``span.h5``, not the header clock, the
broken ``article:published_time`` meta or ``itemprop=datePublished``, which holds the edit time).

Text layout: one block (paragraph, caption, list item) per paragraph, blocks joined by a blank
line; the title is kept out of the text. Neither function ever raises.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urljoin

from cssselect import parse as cssselect_parse
from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import LxmlHTMLTranslator

from extractors.bounds import cap_elements, cap_html, cap_html_bytes, cap_text, join_reasons
from extractors.dates import parse_date_line
from extractors.records import MainText, PublishedDate
from extractors.text import decode_bytes

log = logging.getLogger(__name__)

FAMILIES = ("nukeviet", "wordpress", "liferay", "sharepoint", "generic")

_INLINE = frozenset(
    ["a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "img", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "label"]
)
_DROP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "button", "select", "textarea", "input", "svg", "canvas", "nav", "head"]
)
_HIDDEN_CLASSES = frozenset({"hidden", "hide", "d-none", "sr-only", "screen-reader-text", "visually-hidden"})
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# A date, optionally with a time before or after it: 14/06/2021, 04-01-2021, 2021-06-14.
_DATE_RE = re.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})\b")
_CLOCK_HINT = re.compile(r"đường dây nóng|hotline|hôm nay|current-time|lượt truy cập", re.I)
_SOURCE_LINE = re.compile(r"^(?:\(?\s*(?:Nguồn(?: tin)?\s*:|Theo)\s+).{2,80}$", re.I)
_FOOTER_LINE = re.compile(r"^(?:Bản quyền|Copyright|©|Ghi rõ nguồn)", re.I)
_ATTACHMENT_EXT = re.compile(r"\.(?:pdf|docx?|xlsx?|rar|zip)(?:$|[?#/])", re.I)


# ------------------------------------------------------------------------------ fingerprinting

_FINGERPRINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nukeviet", ("NukeViet", "news-bodyhtml", "temp-breadcrumbs", "news_column", "nv-block", "/themes/egov/")),
    ("wordpress", ("/wp-content/", "/wp-json/", "api.w.org", "/wp-includes/", 'content="WordPress')),
    ("liferay", ("portlet-title-text", "journal-content-article", "/-/asset_publisher/", "p_p_id=", "Liferay.", "asset-full-content")),
    ("sharepoint", ("ms-webpart", "s4-workspace", "Microsoft SharePoint", "/_layouts/15/", "SPWebPartManager", "PublishingPortal")),
)
_URL_FINGERPRINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("liferay", re.compile(r"/-/asset_publisher/|/web/guest/|/documents/\d+/\d+/|[?&]p_p_id=", re.I)),
    ("sharepoint", re.compile(r"/(?:pages|trang|sitepages)/[^?#]+\.aspx|/lists/[^/]+/", re.I)),
    ("wordpress", re.compile(r"/wp-content/|/wp-json/|[?&]p=\d+$", re.I)),
    ("nukeviet", re.compile(r"/vi/news/|/news/[\w-]+/[\w-]+-\d+\.html", re.I)),
)


# Fingerprints sit in the head and the first markup: a page whose first characters already show
# one family only (twice or more) is not scanned further.
_QUICK_SCAN = 30_000
_FULL_SCAN = 300_000


def _family_scores(page: str) -> dict[str, int]:
    scores = {family: sum(1 for m in marks if m in page) for family, marks in _FINGERPRINTS}
    if "aspnetForm" in page and scores["sharepoint"]:
        scores["sharepoint"] += 1
    if "entry-content" in page and re.search(r"<article[^>]+\bhentry\b", page):
        scores["wordpress"] += 2  # core theme classes, even when asset URLs are on a CDN
    return scores


def detect_family(html: str | bytes | None, url: str | None = None) -> str:
    """``nukeviet`` | ``wordpress`` | ``liferay`` | ``sharepoint`` | ``generic``."""
    try:
        if isinstance(html, bytes | bytearray):
            html = bytes(html[:_FULL_SCAN]).decode("utf-8", "replace")
        page = (html or "")[:_FULL_SCAN]
        scores = _family_scores(page[:_QUICK_SCAN])
        best = max(scores, key=lambda f: scores[f])
        if len(page) > _QUICK_SCAN and (scores[best] < 2 or sum(scores.values()) > scores[best]):
            scores = _family_scores(page)
            best = max(scores, key=lambda f: scores[f])
        if scores[best] > 0:
            return best
        for family, pattern in _URL_FINGERPRINTS:
            if url and pattern.search(url):
                return family
    except Exception:  # fingerprinting must never break a crawl
        log.debug("detect_family failed", exc_info=True)
    return "generic"


# ------------------------------------------------------------------------------ tree helpers


_XML_DECLARATION = re.compile(r"\s*<\?xml[^>]*>")
# An ASP.NET page (SharePoint) carries its state in hidden inputs whose value can be most of the
# page (64 KB of a 70 KB article page): no extractor reads an input's value, so it is not parsed.
_LONG_INPUT_VALUE = re.compile(r"(<input\b[^>]*?\svalue=)(\"[^\"]{2000,}\"|'[^']{2000,}')", re.IGNORECASE)
# NUL and other C0 controls make lxml refuse the document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes(c for c in range(0x20) if chr(c) not in "\t\n\r")


def _has_control(html: str) -> bool:
    """Whether the page holds a character of _CONTROL: read from its UTF-8 bytes (no other character
    is written with a byte below 0x20), from which deleting those bytes is a C loop, a third of the
    time of the class search (35 -> 14 us on an 11 KB page)."""
    raw = html.encode("utf-8", "surrogatepass")
    return len(raw.translate(None, _CONTROL_BYTES)) != len(raw)


def _parse(html: str):
    html = html.lstrip("\ufeff")
    declaration = _XML_DECLARATION.match(html)
    if declaration:
        html = html[declaration.end():]
    if "__VIEWSTATE" in html:  # first: the search for control characters then reads a tenth of the page
        html = _LONG_INPUT_VALUE.sub(r'\1""', html)
    if _has_control(html):
        html = _CONTROL.sub(" ", html)
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html)
    except Exception:
        return None


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _is_hidden(el) -> bool:
    if not el.attrib:
        return False  # most elements of an article's body have no attributes: one test, not four
    classes = el.get("class")
    if classes and not _HIDDEN_CLASSES.isdisjoint(classes.split()):
        return True
    style = el.get("style")
    return bool(style and _DISPLAY_NONE.search(style)) or el.get("hidden") is not None or el.get("aria-hidden") == "true"


def _clean(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def _text(el) -> str:
    return _clean(el.text_content()) if el is not None else ""


@functools.lru_cache(maxsize=512)
def _compiled(selector: str) -> etree.XPath | None:
    # Translating CSS to XPath costs more than running it; the selector set is small and fixed.
    try:
        return etree.XPath(_xpath_of(selector))
    except Exception:
        return None


_TRANSLATOR = LxmlHTMLTranslator()  # what CSSSelector(selector, translator="html") translates with
# A first step that takes any element ("*") by one attribute — of one value ("#news-bodyhtml",
# "[itemprop=headline]") or holding one class name (".detail-content", "[class*=date]"): XPath tests
# the attribute on every element of the page, and an element without it costs about what one with it
# does (an id: 40 us on a bench page of 190 elements, 230 us on one of 1,400). The same elements are
# the parents of the attributes of that name (of that value, or holding that name), which XPath
# reaches without visiting the others (10 and 36 us); each keeps its whole test.
_BY_ATTRIBUTE = (
    (re.compile(r"descendant-or-self::\*(\[@([\w-]+) = '[^']*'\])(/.*)?", re.DOTALL), "@{name}"),
    (re.compile(r"descendant-or-self::\*(\[@class and contains\(@class, '([^']+)'\)"
                r"(?: and contains\(concat\(' ', normalize-space\(@class\), ' '\), ' [^']+ '\))?\])(/.*)?",
                re.DOTALL), "@class[contains(., '{name}')]"),
)


def _xpath_of(selector: str) -> str:
    """The XPath CSSSelector runs for ``selector`` (one path per selector of a group, joined by
    "|"), each path whose first step takes any element by one attribute reaching those elements
    through the attribute (_BY_ATTRIBUTE): the same elements, in document order."""
    paths = []
    for part in cssselect_parse(selector):
        path = _TRANSLATOR.selector_to_xpath(part, prefix="descendant-or-self::", translate_pseudo_elements=True)
        for pattern, attribute in _BY_ATTRIBUTE:
            m = pattern.fullmatch(path)
            if m:
                test, name, rest = m.groups()
                path = f"descendant-or-self::node()/{attribute.format(name=name)}/parent::*{test}{rest or ''}"
                break
        paths.append(path)
    return " | ".join(paths)


def _css(root, selector: str) -> list:
    selector = _possible_part(root, selector)
    compiled = _compiled(selector) if selector else None
    if compiled is None:
        return []
    try:
        return compiled(root)
    except Exception:
        return []


# A query costs 15-60 µs a page whether it finds anything or not, and a union of the selectors of
# many layouts (the newspaper layouts' body, title, sapo) costs one query per part: the parts that
# name a class or id the page does not have are not run. The page's class names and ids are read
# once (two queries), on the first such union or when the generic reader starts; from then on every
# selector is pruned so.
_CLASSES = etree.XPath("//@class", smart_strings=False)
_IDS = etree.XPath("//@id", smart_strings=False)
_PAGE_NAMES: tuple[Callable[[], object], frozenset[str], frozenset[str]] = (lambda: None, frozenset(), frozenset())
_NOT_REQUIRED = re.compile(r"\[[^\]]*\]|:[\w-]+(?:\([^)]*\))?")  # attributes and pseudo-classes
_NAMED = re.compile(r"([.#])([\w-]+)")
_PRUNED_PARTS = 3  # before the page's names are read, a selector of fewer parts is run as it is


@functools.lru_cache(maxsize=512)
def _parts(selector: str) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...] | None:
    """The comma-separated parts of a selector, each with the class names and ids an element of the
    page must have for it to match; None when the selector cannot be split safely."""
    if "(" in selector or selector.count("[") != selector.count("]"):
        return None
    parts = []
    for part in re.split(r",(?![^\[]*\])", selector):  # not at a comma inside an attribute test
        names = _NAMED.findall(_NOT_REQUIRED.sub(" ", part))
        parts.append((part.strip(), frozenset(n for mark, n in names if mark == "."),
                      frozenset(n for mark, n in names if mark == "#")))
    return tuple(parts)


def _possible_part(root, selector: str) -> str:  # type: ignore[no-untyped-def]
    """The selector without the parts that name a class or id no element of the page has (class
    names as CSS reads them, split at white space; ids whole): the same elements, fewer queries."""
    parts = _parts(selector)
    if parts is None or all(not c and not i for _, c, i in parts):
        return selector
    page = root.getroottree().getroot()
    if _PAGE_NAMES[0]() is not page:
        if len(parts) < _PRUNED_PARTS:
            return selector  # a short selector costs about what reading the page's names does
        _read_names(page)
    _, classes, ids = _PAGE_NAMES
    kept = [part for part, c, i in parts if c <= classes and i <= ids]
    return selector if len(kept) == len(parts) else ", ".join(kept)


def _read_names(page) -> None:  # type: ignore[no-untyped-def]
    """Read the class names and ids of the page (``page``: its root element) for :func:`_possible_part`."""
    global _PAGE_NAMES
    _PAGE_NAMES = (weakref.ref(page), frozenset(" ".join(_CLASSES(page)).split()), frozenset(_IDS(page)))


def _first(root, *selectors: str):
    """The first element matching the first selector that matches anything (lxml elements without
    children are falsy, so never chain lookups with `or`)."""
    found = _css(root, selectors[0]) if selectors else []
    if found:
        return found[0]  # a family's own selector comes first and matches on its pages
    rest = selectors[1:]
    if len(rest) > 1 and not _css(root, ", ".join(rest)):
        return None  # one pass over the tree answers for all the others
    for selector in rest:
        found = _css(root, selector)
        if found:
            return found[0]
    return None


def _blocks(root, skip: Callable[[object], bool] | None = None) -> list[str]:
    """Text blocks of `root` in reading order: each block element gives one block; inline
    elements join their neighbours. Dropped: scripts, forms, hidden elements and `skip(el)`.

    The same walk as :func:`_iter_blocks`, written as a plain recursion that appends to one list: a
    caller that takes every block pays for no generator frames (``yield from`` re-enters each level
    of the tree for every block it passes up). ``tests/extractors/test_html.py`` compares the two."""
    out: list[str] = []
    if root is None:
        return out
    buf: list[str] = []
    append, clean = out.append, _clean

    def flush() -> None:
        if buf:
            t = clean("".join(buf))
            buf.clear()
            if t:
                append(t)

    def walk(el) -> None:  # type: ignore[no-untyped-def]
        if el.text:
            buf.append(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                tag = tag.lower()
                if tag in _DROP_TAGS or _is_hidden(child) or (skip is not None and skip(child)):
                    pass
                elif tag == "br":
                    flush()
                elif tag == "tr" and (row := _table_row(child)) is not None:
                    flush()
                    append(row)
                elif tag in _INLINE:
                    walk(child)
                else:
                    flush()
                    walk(child)
                    flush()
            if child.tail:
                buf.append(child.tail)

    walk(root)
    flush()
    return out


def _iter_blocks(root, skip: Callable[[object], bool] | None = None) -> Iterator[str]:
    """:func:`_blocks` one at a time, so a caller that needs the first few stops walking early."""
    buf: list[str] = []

    def flush() -> Iterator[str]:
        t = _clean("".join(buf))
        buf.clear()
        if t:
            yield t

    def walk(el) -> Iterator[str]:
        if el.text:
            buf.append(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                tag = tag.lower()
                if tag in _DROP_TAGS or _is_hidden(child) or (skip is not None and skip(child)):
                    pass
                elif tag == "br":
                    yield from flush()
                elif tag == "tr" and (row := _table_row(child)) is not None:
                    yield from flush()
                    yield row
                elif tag in _INLINE:
                    yield from walk(child)
                else:
                    yield from flush()
                    yield from walk(child)
                    yield from flush()
            if child.tail:
                buf.append(child.tail)

    if root is not None:
        yield from walk(root)
        yield from flush()


_CELL_BLOCKS = frozenset(["p", "div", "table", "ul", "ol", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"])
_MAX_CELL = 150  # characters: a longer cell is a layout table's column of prose, not a datum


def _table_row(tr) -> str | None:  # type: ignore[no-untyped-def]
    """A row of a data table as one block, its cells between " | " ("1 | Huyện A | 7 | 2 | 9"), so a
    table of counts reads as rows (extractors/figures/table.py); None for a row of a layout table
    (a cell holding blocks or long prose) or of a single cell, which are read as blocks."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    if len(cells) < 2:
        return None
    texts = []
    for cell in cells:
        if any(isinstance(e.tag, str) and e.tag.lower() in _CELL_BLOCKS for e in cell.iterdescendants()):
            return None
        text = _clean(cell.text_content())
        if len(text) > _MAX_CELL:
            return None
        texts.append(text)
    return " | ".join(texts) if any(texts) else None


def _is_date_block(block: str) -> bool:
    return len(block) < 80 and bool(_DATE_RE.search(block)) and not _CLOCK_HINT.search(block)


def _page_date_block(doc) -> str | None:
    """A short block holding a date among the first blocks of the page body (no header clock)."""
    body = _first(doc, "body")
    return next(filter(_is_date_block, itertools.islice(_iter_blocks(body if body is not None else doc), 40)), None)


def _date_near(container) -> str | None:  # type: ignore[no-untyped-def]
    """A short date block opening the article or just before it (nearest first): the article's
    own date line, not a header clock higher up the page."""
    found = next(filter(_is_date_block, itertools.islice(_iter_blocks(container), 3)), None)
    el = container
    for _ in range(3):  # the container, its parent, its grandparent
        if found is not None or el.getparent() is None:
            break
        for sibling in itertools.islice(el.itersiblings(preceding=True), 6):
            if isinstance(sibling.tag, str):
                found = next(filter(_is_date_block, itertools.islice(_iter_blocks(sibling), 5)), None)
                if found is not None:
                    break
        el = el.getparent()
    return found


def _skip_set(elements: Iterable) -> Callable[[object], bool]:
    ids = {id(e) for e in elements if e is not None}
    return lambda el: id(el) in ids


def _abs(url: str | None, href: str | None) -> str:
    href = (href or "").strip()
    if not href:
        return ""
    return urljoin(url, href) if url else href


def _images(root, url: str | None) -> list[str]:
    out = []
    for img in _css(root, "img"):
        src = _abs(url, img.get("src") or img.get("data-src"))
        if src and src not in out:
            out.append(src)
    return out


def _attachments(root, url: str | None) -> list[dict[str, str]]:
    out, seen = [], set()
    for a in _css(root, "a[href]"):
        href = a.get("href") or ""
        if not (_ATTACHMENT_EXT.search(href) or "download=" in href):
            continue
        full = _abs(url, href)
        if full in seen:
            continue
        seen.add(full)
        strong = _first(a, "strong")
        name = _text(strong) if strong is not None else _text(a)
        out.append({"url": full, "name": name or full.rsplit("/", 1)[-1]})
    return out


def _published(date_line: str | None) -> PublishedDate | None:
    return parse_date_line(date_line) if date_line else None


def _finish(
    *, title: str | None, blocks: list[str], date_line: str | None, family: str, author: str | None = None,
    source_line: str | None = None, images: list[str] | None = None, attachments: list | None = None,
    published: PublishedDate | None = None,
) -> MainText:
    title = _clean(title) if title else None
    kept: list[str] = []
    for b in blocks:
        if title and b == title:
            continue  # titles repeated above photos or in print copies
        if kept and kept[-1] == b:
            continue
        kept.append(b)
    while kept and _FOOTER_LINE.match(kept[-1]):
        kept.pop()
    if source_line is None and kept and _SOURCE_LINE.match(kept[-1]):
        source_line = kept.pop()
    text, cut = cap_text("\n\n".join(kept))
    return MainText(
        title=title or None,
        text=text,
        date_line=date_line or None,
        published=published or _published(date_line),
        author=author or None,
        source_line=source_line or None,
        family=family,
        images=images or [],
        attachments=attachments or [],
        truncated=cut,
    )


# ------------------------------------------------------------------------------ families


def _nukeviet(doc, url: str | None) -> MainText | None:
    body = _first(doc, "#news-bodyhtml", "div.bodytext")
    if body is None:
        return None
    column = body
    while column is not None and "news_column" not in _classes(column):
        column = column.getparent()
    column = column if column is not None else doc
    title_el = _first(column, "[itemprop=headline]", "h1.title")
    if title_el is None:
        title_el = _first(doc, "h1")
    date_line = None
    for span in _css(column, "span.h5"):
        t = _text(span)
        if _DATE_RE.search(t):
            date_line = t
            break
    hometext = _first(column, "div.hometext")
    blocks = (_blocks(hometext) if hometext is not None else []) + _blocks(body)
    author = source = None
    for p in _css(column, "p.h5.text-right, p.text-right.h5"):
        t = _text(p)
        if t.startswith("Tác giả"):
            author = t.split(":", 1)[-1].strip()
        elif t.startswith("Nguồn tin") or t.startswith("Nguồn"):
            source = t.split(":", 1)[-1].strip()
    lead_figure = _first(column, "figure.article")
    images = _images(lead_figure, url) if lead_figure is not None else []
    images += [i for i in _images(body, url) if i not in images]
    attach_root = _first(column, "div.news-download-file")
    attachments = _attachments(attach_root, url) if attach_root is not None else []
    return _finish(
        title=_text(title_el), blocks=blocks, date_line=date_line, family="nukeviet", author=author,
        source_line=f"Nguồn tin: {source}" if source else None, images=images, attachments=attachments,
    )


_WP_BODY = ".entry-content, .td-post-content, .post-content, .single-content, [itemprop=articleBody]"
_WP_NOISE = (
    ".sharedaddy, .jp-relatedposts, .yarpp-related, .wp-block-latest-posts, .related-posts, .post-navigation, "
    ".comments-area, #comments, .addtoany_share_save_container, .entry-footer, .tags-links"
)


def _wordpress(doc, url: str | None) -> MainText | None:
    art = _first(doc, "article.hentry", "article.post", "article")
    scope = art if art is not None else doc
    body = _first(scope, _WP_BODY)
    if body is None:
        return None
    title_el = _first(scope, "h1.entry-title", ".entry-title")
    if title_el is None:
        title_el = _first(doc, "h1")
    time_el = _first(scope, "time.entry-date.published", "time.entry-date", "time[datetime]")
    date_line = _text(time_el) if time_el is not None else None
    published = None
    if time_el is not None and time_el.get("datetime"):
        iso = time_el.get("datetime").strip()
        if re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", iso):
            published = PublishedDate(value=iso, source="datetime-attr", quote=date_line)
    author_el = _first(scope, ".byline a, .author a, a[rel=author]")
    noise = _css(body, _WP_NOISE)
    return _finish(
        title=_text(title_el), blocks=_blocks(body, _skip_set(noise)), date_line=date_line, family="wordpress",
        author=_text(author_el) or None, images=_images(body, url), attachments=_attachments(body, url),
        published=published,
    )


def _liferay(doc, url: str | None) -> MainText | None:
    holder = _first(doc, ".asset-full-content .journal-content-article", ".journal-content-article",
                    ".asset-full-content .asset-content")
    if holder is None:
        return None
    title_el = None
    for sel in ("h1.title", "h2.title", ".title", "h1", "h2"):
        title_el = _first(holder, sel)
        if title_el is not None:
            break
    title = _text(title_el)
    if not title:
        header = _first(doc, ".taglib-header .header-title", ".header-title")
        title = re.sub(r"^null\s+", "", _text(header))
    date_el = None
    for el in _css(holder, "[class*=date], [class*=time], [class*=ngay]"):
        if _DATE_RE.search(_text(el)) and len(_text(el)) < 60:
            date_el = el
            break
    date_line = _text(date_el) if date_el is not None else None
    if date_line is None:
        meta = _first(doc, ".asset-metadata .metadata-publish-date")
        date_line = _text(meta) or None
    noise = [title_el, date_el, *_css(holder, ".cat, .category, .attachments, .asset-ratings, .taglib-ratings")]
    blocks = _blocks(holder, _skip_set(noise))
    author = None
    if blocks and re.match(r"^(Biên tập|Tác giả|Người viết)\s*:", blocks[-1]):
        author = blocks.pop().split(":", 1)[1].strip()
    return _finish(
        title=title, blocks=blocks, date_line=date_line, family="liferay", author=author,
        images=_images(holder, url), attachments=_attachments(holder, url),
    )


_SP_DATE = re.compile(r"^\(?\s*(?:Cập nhật(?: lúc)?\s*:?\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*\)?$")
_SP_TOOLBAR = re.compile(r"\s*(?:Tăng cỡ chữ|Giảm cỡ chữ|In bài|Gửi email|Chia sẻ)\s*", re.I)
# Every match of _SP_TOOLBAR holds, lower-cased, one of these (each of their letters matches, ignoring
# case, only letters that lower-case to it): a block with none is not searched with the pattern, which
# is tried at every character (0.2 ms a page).
_SP_TOOLBAR_HINTS = ("cỡ chữ", "n bà", "ema", "ẻ")


def _sharepoint(doc, url: str | None) -> MainText | None:
    main = _first(doc, "#DeltaPlaceHolderMain", "#s4-bodyContainer", "form")
    if main is None:
        main = doc
    title_el = None
    for h1 in _css(main, "h1"):
        if not any(_is_hidden(a) for a in h1.iterancestors()) and _text(h1):
            title_el = h1
            break
    if title_el is None:
        return None
    # the web-part zone holding the title is the article; other zones are sidebars
    zone = title_el
    for anc in title_el.iterancestors():
        zone = anc
        if "ms-webpart-zone" in _classes(anc) or anc is main:
            break
    chrome_titles = _css(zone, ".ms-webpart-chrome-title, .ms-webpart-titleText")
    blocks = _blocks(zone, _skip_set([*chrome_titles, title_el]))
    title = _text(title_el)
    date_line = None
    kept = []
    for b in blocks:
        if b.startswith("PublishingPortal - "):
            continue
        # toolbar words go only from a toolbar block ("19/05/2022 Tăng cỡ chữ Giảm cỡ chữ"):
        # "chia sẻ kinh nghiệm" in a paragraph is text
        low = b.lower()
        toolbar = any(hint in low for hint in _SP_TOOLBAR_HINTS)
        bare = _SP_TOOLBAR.sub(" ", b).strip() if toolbar else b.strip()
        if not bare:
            continue
        if _SP_DATE.match(bare):
            b = bare
        if _SP_DATE.match(b):
            if date_line is None:
                date_line = b
                continue
            break  # a second date line starts a duplicated copy of the article
        kept.append(b)
    # a visible duplicate (print copy) repeats the lead: cut at its second occurrence
    if kept:
        lead = kept[0]
        for i in range(1, len(kept)):
            if kept[i] == lead:
                kept = kept[:i]
                break
    author = None
    if kept and len(kept[-1].split()) <= 4 and not re.search(r"\d|[.:;]", kept[-1]):
        author = kept.pop()
    if date_line:
        date_line = date_line.strip("() ").strip()
    return _finish(
        title=title, blocks=kept, date_line=date_line, family="sharepoint", author=author,
        images=_images(zone, url), attachments=_attachments(zone, url),
    )


# Newspaper / custom CMS layouts seen in the wild (portals/README.md §6), most specific first.
_GENERIC_BODY = (
    ".detail-content", ".article__body", ".cms-body", "#content_detail", ".detail-mcontent",
    ".td-post-content", "[itemprop=articleBody]", "#k2Container .itemFullText", ".itemFullText",
    ".article-content", ".news-content", ".content-detail", ".post-content", ".entry-content",
)
_GENERIC_TITLE = (".detail-title", "h1.article__title", ".cms-title", "h1.title", "#k2Container h2.itemTitle", "h1")
_GENERIC_SAPO = (".detail-sapo", ".article__sapo", ".cms-desc", ".sapo", "#k2Container .itemIntroText")
_GENERIC_AUTHOR = (".detail-author", ".article__author", ".cms-author", ".author", ".itemAuthor")
_DATE_CLASS = re.compile(r"date|time|ngay|publish|meta|posted", re.I)
_BLANK_MARKER_IS_DATE = bool(_DATE_CLASS.search(" "))  # (False: an element without class or id is skipped)


def _generic_date_line(doc, exclude: list) -> str | None:
    """A short element whose class says date/time and whose text holds a date; never a header clock."""
    excluded = {id(e) for e in exclude if e is not None}
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head", "script", "style", "meta", "title"):
            continue
        cls, ident = el.get("class"), el.get("id")
        if cls is None and ident is None and not _BLANK_MARKER_IS_DATE:
            continue  # no class, no id: the marker would be " " (most elements; read without building it)
        marker = f"{cls or ''} {ident or ''}"
        if not _DATE_CLASS.search(marker):
            continue
        t = _text(el)
        if not t or len(t) > 80 or not _DATE_RE.search(t) or _CLOCK_HINT.search(t) or _CLOCK_HINT.search(marker):
            continue
        if any(id(a) in excluded for a in el.iterancestors()) or id(el) in excluded:
            continue
        if any(_CLOCK_HINT.search(f"{a.get('class', '')} {a.get('id', '')}") or a.tag == "header" for a in el.iterancestors()):
            continue
        return t
    return None


def _first_with_text(root, selectors: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The first element holding text, trying the selectors in order of preference."""
    found = _first(root, selectors[0]) if selectors else None
    if found is not None and _text(found):
        return found  # the preferred selector, on the pages of the layout it was written for
    rest = selectors[1:]
    if not rest or not _css(root, ", ".join(rest)):
        return None
    for sel in rest:
        found = _first(root, sel)
        if found is not None and _text(found):
            return found
    return None


def _generic(doc, url: str | None) -> MainText:
    _read_names(doc)  # the newspaper layouts' selectors are many, and most miss on a page
    body = _first_with_text(doc, _GENERIC_BODY)
    title_el = _first_with_text(doc, _GENERIC_TITLE)
    title = _text(title_el) if title_el is not None else None
    if not title:
        og = _first(doc, "meta[property='og:title']")
        title = (og.get("content") if og is not None else None) or _text(_first(doc, "title")) or None
    if body is not None:
        sapo = _first(doc, *_GENERIC_SAPO)
        author_el = _first(body, *_GENERIC_AUTHOR)
        noise = [author_el, *_css(body, ".photo-title, .box-related, .related, .tin-lien-quan, .detail-share")]
        blocks = (_blocks(sapo) if sapo is not None and sapo not in body.iterdescendants() else []) + _blocks(body, _skip_set(noise))
        date_line = _generic_date_line(doc, [body])
        return _finish(
            title=title, blocks=blocks, date_line=date_line, family="generic",
            author=_text(author_el) or None, images=_images(body, url), attachments=_attachments(body, url),
        )
    dense = _dense_container(doc)
    if dense is not None:
        return _from_container(doc, dense, url, title)
    return _trafilatura(doc, url, title)


# ------------------------------------------------------------------------------ unknown layouts
#
# Before trafilatura (about 3 ms a page, most of the cost of an unknown layout), a cheap pass over
# the parsed tree: every paragraph-like block of prose (not mostly link text) gives its length to
# its parent and half of it to its grandparent; when one container holds most of the page's prose,
# it is the article. Pages written without paragraphs (text split by <br>, tables) go to trafilatura.

_PROSE_TAGS = ("p", "div", "td", "li", "blockquote")
_BLOCK_CHILDREN = frozenset(["p", "div", "table", "ul", "ol", "section", "article", "h1", "h2", "h3", "blockquote"])
_MIN_PROSE = 40  # characters for a block to count as prose
_MIN_ARTICLE = 300  # characters of prose in the chosen container
_ARTICLE_SHARE = 0.6  # of all the page's prose
_NOISE_CLASS = re.compile(r"related|lien-?quan|share|social|comment|binh-?luan|tags?\b|breadcrumb|menu|sidebar|banner"
                          r"|quang-?cao|advert|footer|header|nav", re.I)
_NOISE_TAGS = frozenset(["nav", "aside", "footer", "header", "form"])
_RELATED_BLOCK = re.compile(r"^\W*(?:(?:những|các) )?(?:tin|bài|bài viết)\s+(?:mới hơn|cũ hơn|liên quan|khác|cùng chuyên mục"
                            r"|đã đưa|mới nhất|xem nhiều|đọc nhiều)\W*$|^\W*(?:xem thêm|đọc thêm|cùng chuyên mục)\W*$", re.I)


def _link_share(el, length: int) -> float:
    links = sum(len(a.text_content()) for a in el.iter("a"))
    return links / length if length else 1.0


def _prose_length(el, lengths: dict) -> int:  # type: ignore[no-untyped-def]
    """``len(el.text_content().strip())``, taken from ``lengths`` where the block pass read it."""
    length = lengths.get(el)
    return len(el.text_content().strip()) if length is None else length


def _dense_container(doc):  # type: ignore[no-untyped-def]
    """The element holding most of the page's prose, or None when no element clearly does."""
    scores: dict = {}
    lengths: dict = {}  # each block's prose length, read once: the chosen container's own sum reads them again
    total = 0
    blocks = _BLOCK_CHILDREN
    for el in doc.iter(*_PROSE_TAGS):
        container = False
        for c in el:  # (a loop, not any() over a generator: it runs for every block of the page)
            if isinstance(c.tag, str) and c.tag in blocks:
                container = True
                break
        if container:
            continue  # a container, not a block
        length = lengths[el] = len(el.text_content().strip())
        if length < _MIN_PROSE or _link_share(el, length) > 0.3:
            continue
        total += length
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + length / 2
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    own = sum(_prose_length(e, lengths) for e in best if isinstance(e.tag, str)) or scores[best]
    if scores[best] < _MIN_ARTICLE or min(own, scores[best]) < _ARTICLE_SHARE * total:
        return None
    return best


def _is_noise(el) -> bool:  # type: ignore[no-untyped-def]
    if el.tag in _NOISE_TAGS or _NOISE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
        return True
    if el.tag in ("ul", "ol"):
        length = len(el.text_content().strip())
        return _link_share(el, length) > 0.5
    return False


def _from_container(doc, container, url: str | None, title: str | None) -> MainText:  # type: ignore[no-untyped-def]
    blocks = []
    for block in _blocks(container, _is_noise):
        if _RELATED_BLOCK.match(block):
            break
        blocks.append(block)
    date_line = _generic_date_line(doc, []) or _date_near(container) or _page_date_block(doc)
    if date_line:
        blocks = [b for b in blocks if b != date_line]
    return _finish(title=title, blocks=blocks, date_line=date_line, family="generic",
                   images=_images(container, url), attachments=_attachments(container, url))


def _trafilatura(doc, url: str | None, title: str | None) -> MainText:
    import trafilatura  # imported here: 280 ms, for the pages the density pass cannot read

    text = ""
    try:
        # trafilatura copies a tree it is given: the page is parsed once, here
        text = trafilatura.extract(
            doc, url=url, fast=True, include_comments=False, include_tables=False, include_images=False,
            deduplicate=False,
        ) or ""
    except Exception:
        log.debug("trafilatura failed", exc_info=True)
    blocks = [_clean(line) for line in text.split("\n")]
    if sum(len(b) for b in blocks) < 200 and doc is not None:
        # table layouts (old ASP sites) defeat trafilatura without tables: read the blocks ourselves
        body = _first(doc, "body")
        blocks = _blocks(body if body is not None else doc, lambda el: el.tag in ("header", "footer", "aside"))
    blocks = [b for b in blocks if b and not _CLOCK_HINT.search(b)]
    # h1-less pages: take a leading bold/first line as the title when nothing better exists
    date_line = _generic_date_line(doc, []) or _page_date_block(doc)
    if date_line:
        blocks = [b for b in blocks if b != date_line]
    if title is None and doc is not None:
        bold = _first(doc, "body b, body strong")
        title = _text(bold) or None
    return _finish(
        title=title, blocks=blocks, date_line=date_line, family="generic",
        images=_images(doc, url) if doc is not None else [],
    )


# ------------------------------------------------------------------------------ entry point


def _decode(html: str | bytes | bytearray | None) -> tuple[str, str | None]:
    """The page as text, and why it was cut (bytes beyond what could reach the HTML cap)."""
    if html is None:
        return "", None
    if isinstance(html, str):
        return html, None
    data, cut = cap_html_bytes(bytes(html))
    return decode_bytes(data).text, cut


def main_text(html: str | bytes | None, *, url: str | None = None, family: str | None = None) -> MainText:
    """The article on the page: title, text, date line as printed, author, source, images, attachments.
    Only the beginning of a huge page is read (``MainText.truncated`` says what was cut)."""
    fam = family if family in FAMILIES else None
    try:
        page, bytes_cut = _decode(html)
        page, html_cut = cap_html(page)
        fam = fam or detect_family(page, url)
        doc = _parse(page)
        if doc is None:
            return MainText(title=None, text="", family=fam, truncated=join_reasons(bytes_cut, html_cut))
        elements_cut = cap_elements(doc)
        result = None
        if fam == "nukeviet":
            result = _nukeviet(doc, url)
        elif fam == "wordpress":
            result = _wordpress(doc, url)
        elif fam == "liferay":
            result = _liferay(doc, url)
        elif fam == "sharepoint":
            result = _sharepoint(doc, url)
        if result is None or not result.text:
            generic = _generic(doc, url)
            generic.family = fam
            if result is None or len(generic.text) > len(result.text):
                result = generic
        result.truncated = join_reasons(bytes_cut, html_cut, elements_cut, result.truncated)
        return result
    except Exception:  # bad markup must never stop a crawl or a re-extraction
        log.debug("main_text failed", exc_info=True)
        return MainText(title=None, text="", family=fam or "generic")
