"""Page furniture of text pulled from a PDF, cut out so the grammar reads across page breaks.

A PDF's text reaches the extractor with its pages' furniture between the lines: a page number ("2",
"- 2 -", "Trang 2/5"), a footer that ends in one ("Kế hoạch OCOP huyện Lục Yên năm 2025 - Trang 1/2"),
and a running header on the next page (the document's title or number, repeated). When the break falls
inside a sentence ("công nhận 48 sản / Trang 1/3 / phẩm OCOP", "04 sản phẩm / - 2 - / đạt 4 sao") the
grammar sees the count cut from its noun or level, and a running header "… năm 2023" dates the words after
it. :func:`without_page_furniture` cuts each such break out of the text the grammar reads and keeps a
map of offsets back to the caller's text, so the sentence goes on across the break and every offset
stays an offset into the caller's text (a figure's quote is still ``text[start:end]`` and simply spans
the break, furniture included). A page's footnotes, printed between the halves of a cut sentence, are
read after the sentence's end (rule **footnote-block**).

What counts as a break (rule **page-furniture**):

* a line that is only a page number in a PDF's forms: "Trang 2", "Trang 2/5", "- 2 -", or a footer line
  ending in "Trang n/m"; these are cut wherever they stand;
* a line that is only a number ("2") is a page number only between prose: the line before it long
  (a wrapped line of at least 40 characters) and the text going on after it (after any running header)
  in lower case or with a count ("86 sản phẩm …") — a table printed one cell a line has short lines
  around its numbers, and is left alone;
* running headers: up to two short lines right after a page number, capitalised and not ending a
  sentence, when the line after them goes on in lower case or with a count (the sentence cut by the
  page resumes there).

Texts with no such line pass through untouched (the same string object is returned), which is what
nearly every web page is: one regular-expression search decides it.
"""

from __future__ import annotations

import re

from extractors.figures.textmap import Identity, OffsetMap

# a line that is only a page number, or a footer ending in one
_STRONG = r"[ \t]*(?:-[ \t]*\d{1,3}[ \t]*-|(?:[^\n]{0,80}?[ \t])?Trang[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*"
_BARE = r"[ \t]*\d{1,3}[ \t]*"
_PAGE_LINE = re.compile(rf"^(?:{_STRONG}|{_BARE})$", re.MULTILINE)
_STRONG_RE = re.compile(_STRONG)
_NUMBER_LINE = re.compile(r"\n[ \t]*-?[ \t]*\d{1,3}[ \t]*-?[ \t]*(?:\n|$)")
_PROSE_LINE = 40  # a line before a bare page number must be at least this long: wrapped prose
_HEADER_LINE = 80
_GOES_ON = re.compile(r"[ \t]*(?:[a-zà-ỹđ]|\d[\d.,]*[ \t]+[a-zà-ỹđ])")
_ENDS_SENTENCE = ".!?:;"


def without_page_furniture(text: str) -> tuple[str, OffsetMap | Identity]:
    """``text`` with its page breaks' furniture cut out, and the map of offsets back to ``text``
    (``Identity`` and ``text`` itself when it shows none): "48 sản\\nTrang 1/3\\nphẩm" reads
    "48 sản\\nphẩm", a wrapped line the grammar joins, and a quote across the break maps back to a
    span of ``text`` that holds the furniture. A page's footnotes, printed between the halves of the
    cut sentence, are read after the sentence's end instead (rule footnote-block)."""
    order = _reading_order(text)
    if order is None:
        return text, Identity()
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    o = 0
    for start, stop in order:
        if stop > start:
            pieces.append(text[start:stop])
            segments.append((o, o + stop - start, start, stop, True))
            o += stop - start
    return "".join(pieces), OffsetMap(segments or [(0, 0, 0, 0, True)])


def _reading_order(text: str) -> list[tuple[int, int]] | None:
    """The spans of ``text`` to read, in reading order, or None when it shows no page furniture."""
    if "Trang" not in text and _NUMBER_LINE.search(text) is None:
        return None  # most texts: no footer word and no line that is only a number (cheaper than _PAGE_LINE)
    m = _PAGE_LINE.search(text)
    if m is None:
        return None
    order: list[tuple[int, int]] = []
    last = 0
    while m is not None:
        start, end = m.start(), m.end()
        strong = _STRONG_RE.fullmatch(text, start, end) is not None
        stop = _furniture_end(text, start, end, strong)
        if stop is not None and stop > start and start >= last:
            notes = _footnotes_before(text, start)
            resume = _sentence_end(text, stop) if notes is not None and notes >= last else None
            if notes is not None and resume is not None:
                # rule footnote-block: the cut sentence first, then the page's footnotes
                order += [(last, notes), (stop, resume), (notes, start)]
                last = resume
            else:
                order.append((last, start))
                last = stop
            end = max(stop, last) - 1
        m = _PAGE_LINE.search(text, end + 1) if end + 1 < len(text) else None
    if not order:
        return None
    order.append((last, len(text)))
    return order


# a footnote block at a page's foot: a rule line, then notes each opening with its mark
_RULE_LINE = re.compile(r"[ \t]*[_\-–—]{5,}[ \t]*\n[ \t]*(?:\d{1,2}|\*|\(\d{1,2}\))[ \t]")
_NOTE_LINES = 8


def _footnotes_before(text: str, at: int) -> int | None:
    """Where the footnote block that ends at ``at`` (a page number's line) starts, when a sentence cut
    by the page runs on above it; None when there is none."""
    k = at
    for _ in range(_NOTE_LINES + 1):
        k = text.rfind("\n", 0, k - 1) + 1 if k > 1 else 0
        if _RULE_LINE.match(text, k):
            last = _last_char(text, k)
            return k if last and last not in _ENDS_SENTENCE else None
        if k == 0:
            return None
    return None


def _sentence_end(text: str, at: int) -> int | None:
    """The offset after the first of the next three lines from ``at`` that ends a sentence (its line
    break included), or None."""
    k = at
    for _ in range(3):
        line_end = text.find("\n", k)
        line_end = len(text) if line_end == -1 else line_end
        if text[k:line_end].rstrip()[-1:] in tuple(".!?;"):
            return min(line_end + 1, len(text))
        if line_end >= len(text):
            return None
        k = line_end + 1
    return None


def _furniture_end(text: str, start: int, end: int, strong: bool) -> int | None:
    """Where the page break that starts with the page-number line ``text[start:end]`` ends (the offset
    after the last furniture line's own line break, or the text's end), or None when that line is
    not page furniture."""
    notes = _footnotes_before(text, start) if start else None
    cut = notes if notes is not None else start  # the cut sentence ends above the page's footnotes
    if not strong:
        before_start = text.rfind("\n", 0, max(cut - 1, 0)) + 1
        if cut == 0 or cut - 1 - before_start < _PROSE_LINE:
            return None
    stop = end + 1 if end < len(text) else end
    if _last_char(text, cut) in _ENDS_SENTENCE:
        return stop if strong else None  # the page ends a sentence: no cut sentence to join
    # running headers: short capitalised lines, then the cut sentence goes on
    k = stop
    for _ in range(3):
        if k >= len(text):
            break
        line_end = text.find("\n", k)
        line_end = len(text) if line_end == -1 else line_end
        if _GOES_ON.match(text, k):
            return k
        line = text[k:line_end].strip()
        if not line or len(line) > _HEADER_LINE or not line[0].isupper() or line[-1] in _ENDS_SENTENCE \
                or line_end >= len(text):
            break
        k = line_end + 1
    if strong:
        return stop
    return None


def _last_char(text: str, at: int) -> str:
    """The last character before ``at`` that is not white space ("" at the text's start)."""
    k = at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""
