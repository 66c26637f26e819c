"""Sentences with offsets, the line and block (paragraph) each is in, and section headings.

Breaks at . ! ? … before a capital, at blank lines and at line ends that are not wraps. "1.316",
"TP. Kon Tum", "126,5" and the number of a heading ("II. KẾT QUẢ") do not break. A line that
stops mid-sentence and goes on in lower case or with a digit was wrapped by the portal and does
not break either ("Đến cuối năm 2024, tỉnh có\\n196 sản phẩm").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.figures import grammar as g
from extractors.figures.lowercase import known_lower


@dataclass(frozen=True, slots=True)  # (slots: cheaper to build, and a page builds a dozen)
class Sentence:
    start: int
    end: int
    line: int  # number of line breaks before it
    block: int  # number of blank-line paragraph breaks before it


_WRAPPED_LINE = 55  # a line at least this long that ends mid-sentence was wrapped


_ACRONYM = re.compile(r"[A-ZĐ]{2,}\b")
_WRAP = re.compile(r"[^\W\d_,]\n(?=[a-zà-ỹđ])")
_LETTER_ITEM = re.compile(r"[a-zđ]\)\s")
_LAST_WORD = re.compile(r"([\w/]+)$")
_COUNT_GOES_ON = re.compile(r"\d[\d.,]*[ \t]+[a-zà-ỹđ]")
_DATE_ALONE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:[ \t]*[-–|,]?[ \t]*\d{1,2}[:h]\d{2}(?::\d{2})?)?[ \t]*(?:\n|$)")


def is_hard_wrapped(text: str) -> bool:
    """Lines cut mid-sentence by the portal (or a PDF): four or more lines that end in a word and go
    on in lower case on the next line (the matches of _WRAP, counted at the line breaks only)."""
    found = 0
    i = text.find("\n", 1)
    while i != -1 and i + 1 < len(text):
        before, after = text[i - 1], text[i + 1]
        if before.isalnum() and not before.isdecimal() and ("a" <= after <= "z" or "à" <= after <= "ỹ" or after == "đ"):
            found += 1
            if found >= 4:
                return True
        i = text.find("\n", i + 1)
    return False


def _is_break(text: str, m: re.Match[str], wrapped: bool = False) -> bool:
    token = m.group(0)
    rest = text[m.end():m.end() + 40].lstrip()
    if not rest:
        return True
    if token.startswith("\n"):
        if "\n" in token[1:] or token.strip(" \t") != "\n":
            return True
        before = text[max(0, m.start() - 2):m.start()].rstrip()
        if before and before[-1] in ".!?:;…":
            return True
        line_start = text.rfind("\n", 0, m.start()) + 1
        long_line = wrapped or m.start() - line_start >= _WRAPPED_LINE
        if _LETTER_ITEM.match(rest):
            return True  # "b) Sản phẩm 3 sao: …": a lettered list item opens its own line
        if rest[0].isdigit() and _DATE_ALONE.match(rest):
            return True  # "… 3 sản phẩm đạt OCOP\n25/04/2024 10:10": a headline over the page's date line
        if rest[0].islower() or (long_line and _ACRONYM.match(rest) and before[-1:].isalpha()):
            return False  # "…130 sản phẩm\nOCOP đạt…": an acronym goes on a wrapped line
        # a line cut before a number was wrapped: a long one, or any in a hard-wrapped text
        # and one cut after a comma or a range's dash before a count and a word in lower case ("trong đó 01
        # sản phẩm 5 sao,\n86 sản phẩm 4 sao", "đạt 3 -\n4 sao"): such a line goes on (rule comma-wrap)
        return not (rest[0].isdigit() and long_line
                    and (before[-1:].isalpha() or (before[-1:] in ",-–" and _COUNT_GOES_ON.match(rest))))
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "-•+*–“\"'‘(["):
        return False
    if token.startswith("."):
        at = m.start()
        if _may_number_line(text, at):
            line_start = text.rfind("\n", 0, at) + 1
            if g.LIST_NUMBER_RE.fullmatch(text, line_start, at):
                return False  # "II. KẾT QUẢ", "2. Năm 2022": the number of a heading or list item
        if _LONG_WORD_END is None or at < _LONG_WORD or not _LONG_WORD_END.fullmatch(text, at - _LONG_WORD, at):
            word = _LAST_WORD.search(text[max(0, at - _WORD_WINDOW):at])
            if word and (word.group(1).lower() in g.ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
                return False
    return True


# A word longer than every abbreviation ends before the dot: it is none of them, and _LAST_WORD need not
# run (its window must hold such a word whole, or a cut one could equal an abbreviation: else never skip).
_WORD_WINDOW = 8
_LONG_WORD = max(map(len, g.ABBREVIATIONS)) + 1
_LONG_WORD_END = re.compile(rf"[\w/]{{{_LONG_WORD}}}") if _LONG_WORD <= _WORD_WINDOW else None


def _may_number_line(text: str, at: int) -> bool:
    """Whether the line before ``at`` may be only a heading's or list item's number (g.LIST_NUMBER_RE):
    its last character a Roman numeral, a digit, or a lone lower-case letter. Most sentences end in
    a word, which that test rejects without looking for the line's start."""
    before = text[at - 1] if at else ""
    if before in "IVXLC" or before.isdigit():
        return bool(before)
    return ("a" <= before <= "z" or before == "đ") and (at < 2 or text[at - 2].isspace())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets, in reading order."""
    out: list[Sentence] = []
    start = 0
    line = 0
    block = 0
    wrapped = is_hard_wrapped(text)
    for m in g.SENTENCE_BREAK_RE.finditer(text):
        token = m.group()
        if token[0] == "\n":
            newlines = token.count("\n")
            # a blank line always breaks (_is_break's first test of a line break)
            if newlines == 1 and not _is_break(text, m, wrapped):
                continue
            end = m.start()
        else:  # . ! ? … and what closes them: no line break in the token
            if not _is_break(text, m, wrapped):
                continue
            newlines = 0
            end = m.end()
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append(Sentence(start, end, line, block))
        line += newlines
        block += newlines > 1
        start = m.end()
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text):
        out.append(Sentence(start, len(text), line, block))
    return out


def alone_on_line(text: str, sent: Sentence) -> bool:
    """Nothing but white space before the sentence on its first line, nor after it on its last."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:sent.start].strip() and not text[sent.end:line_end].strip()


def is_heading(text: str, sent: Sentence) -> bool:
    """A short line of its own with no count in it: a section heading."""
    if sent.end - sent.start > 60 or not alone_on_line(text, sent):
        return False
    low = known_lower(text)
    if low is None:
        return not g.ANCHOR_RE.search(text, sent.start, sent.end)
    # on the passage's lower case: every anchor holds its noun ("sản phẩm", "san pham", "SP"), and the
    # pattern for the lower case finds the same anchors (as ``_may_count`` reads them)
    start, end = sent.start, sent.end
    if low.find("sản", start, end) == -1 and low.find("san", start, end) == -1 and low.find("sp", start, end) == -1:
        return True
    return not g.ANCHOR_LOWER_RE.search(low, start, end)


def is_headline(text: str, sent: Sentence) -> bool:
    """The page's first line, standing alone and short: the headline of the article."""
    if text[:sent.start].strip() or sent.end - sent.start > 160:
        return False
    line_end = text.find("\n", sent.start)
    return line_end == -1 or (line_end >= sent.end and not text[sent.end:line_end].strip())
