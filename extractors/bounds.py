"""How much of a page the extractors look at, so that no page can exhaust the machine.

A real article page is 50–500 KB of HTML, a few thousand elements and 1–20 thousand characters of
text (the longest, a decision with its product annex, about 100 thousand). A 50 MB page took
6 min 39 s and 1.59 GB before these caps: the figures grammar reads about 170 KB of text a second.
Each cap keeps the *beginning* (the headline, date and lead come first) and says what it cut, so
the page row can carry the reason.
"""

from __future__ import annotations

import itertools
import re

from lxml import etree

# HTML characters parsed. Base64 images pasted into the article are dropped first, so they do not
# push the article's text past the cap.
MAX_HTML_CHARS = 2_000_000
# Elements of the parsed page kept, in document order.
MAX_ELEMENTS = 60_000
# Characters of main text handed to the figure, document, date and place extractors.
MAX_TEXT_CHARS = 200_000
# UTF-8 spends at most 3 bytes on a Vietnamese letter: bytes beyond this cannot reach the HTML cap.
MAX_HTML_BYTES = 3 * MAX_HTML_CHARS

# The nodes ``root.iter()`` walks (elements, comments, processing instructions), counted without
# making a Python object of each.
_NODES = etree.XPath("count(descendant-or-self::*|descendant::comment()|descendant::processing-instruction())")

_DATA_URI = re.compile(r"data:[\w/+.-]{1,100};base64,[A-Za-z0-9+/=]+")
_DATA_URI_BYTES = re.compile(rb"data:[\w/+.-]{1,100};base64,[A-Za-z0-9+/=]+")


def join_reasons(*reasons: str | None) -> str | None:
    """The cut reasons that apply, as one line (None when nothing was cut)."""
    kept = [r for r in reasons if r]
    return "; ".join(kept) if kept else None


def cap_html_bytes(body: bytes) -> tuple[bytes, str | None]:
    """At most :data:`MAX_HTML_BYTES` of a page body, cut before a tag."""
    if len(body) <= MAX_HTML_BYTES:
        return body, None
    size = len(body)
    body = _DATA_URI_BYTES.sub(b"data:,", body)
    if len(body) <= MAX_HTML_BYTES:
        return body, None
    cut = _cut_point(body, MAX_HTML_BYTES, b"<", b">")
    while cut > 0 and 0x80 <= body[cut] < 0xC0:  # not inside a UTF-8 sequence
        cut -= 1
    return body[:cut], f"HTML cut at {cut:,} of {size:,} bytes"


def cap_html(html: str) -> tuple[str, str | None]:
    """At most :data:`MAX_HTML_CHARS` of HTML (inline base64 images dropped first), cut before a tag.

    >>> cap_html("<p>ngắn</p>")
    ('<p>ngắn</p>', None)
    """
    if len(html) <= MAX_HTML_CHARS:
        return html, None
    size = len(html)
    html = _DATA_URI.sub("data:,", html)
    if len(html) <= MAX_HTML_CHARS:
        return html, None
    cut = _cut_point(html, MAX_HTML_CHARS, "<", ">")
    return html[:cut], f"HTML cut at {cut:,} of {size:,} characters"


def _cut_point(page, limit: int, lt, gt) -> int:  # type: ignore[no-untyped-def]
    """Where to cut markup at ``limit``: before the tag the limit falls in, else (in text) there."""
    opened, closed = page.rfind(lt, 0, limit), page.rfind(gt, 0, limit)
    return opened if opened > closed else limit


def cap_elements(root) -> str | None:  # type: ignore[no-untyped-def]
    """Keep the first :data:`MAX_ELEMENTS` elements of an lxml tree in document order (the rest is
    removed in place); the reason, or None when the tree was small enough."""
    if _NODES(root) <= MAX_ELEMENTS:
        return None  # most pages: counted in C, 5-10 µs instead of walking the tree at 0.4 µs a node
    first_cut = next(itertools.islice(root.iter(), MAX_ELEMENTS, None), None)
    if first_cut is None:
        return None
    for el in (first_cut, *first_cut.iterancestors()):
        parent = el.getparent()
        if parent is not None:
            del parent[parent.index(el) + 1:]
    first_cut.getparent().remove(first_cut)
    return f"page cut after {MAX_ELEMENTS:,} elements"


def cap_text(text: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, str | None]:
    """At most ``limit`` characters, cut at the last paragraph (or line, or space) break before it.

    >>> cap_text("Đoạn một.\\n\\nĐoạn hai.", limit=12)
    ('Đoạn một.', 'text cut at 9 of 20 characters')
    """
    if len(text) <= limit:
        return text, None
    cut = -1
    for sep in ("\n\n", "\n", " "):
        cut = text.rfind(sep, limit // 2, limit)
        if cut > 0:
            break
    kept = text[:cut if cut > 0 else limit].rstrip()
    return kept, text_cut(len(kept), len(text))


def text_cut(kept: int, size: int) -> str:
    """The reason given when only ``kept`` of ``size`` characters of text were read."""
    return f"text cut at {kept:,} of {size:,} characters"
