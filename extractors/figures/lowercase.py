"""Patterns run on the text's lower case: the same matches, found faster.

The grammar's patterns ignore case. Python's ``re`` tries a case-insensitive alternation branch by
branch at every position, while on a lower-cased text a case-sensitive copy of the pattern can skip
branches by their first letter. The copy finds exactly the matches of the original when the pattern
has no capital letter, no case-sensitive part and no character range, and the text has no letter
whose lower case is not the letter its case-insensitive match stands for (``İ``, ``ı``, ``ſ``: then
the original pattern is used). The same lower case answers a cheaper question first: does a window
hold any of the words a pattern needs (:func:`may_contain`)?
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as sre_c  # stdlib internals, read only to learn a pattern's first letters
from re import _parser as sre_parse

#: The only letters whose case-insensitive match with an ASCII or Vietnamese letter is not their
#: lower case at the same offset ("İ".lower() is two characters; "ı" and "ſ" match "i" and "s").
FOLDS_APART = ("İ", "ı", "ſ")

#: The text read last and its lower case (a passage is read whole), as one pair in a list: the pattern
#: runners here and in ``rules`` read ``LAST[0]`` directly, a function call less on every one of a
#: page's few hundred pattern calls, and the pair is replaced whole, so that a reader in another
#: thread (attachments are extracted in one) never sees one text with another's lower case.
LAST: list[tuple[str, str | None]] = [("", "")]


def lowered(text: str) -> str | None:
    """``text.lower()``, offset for offset, or None when the text holds a letter that folds apart."""
    last = LAST[0]
    if last[0] is text:
        return last[1]
    low = None if any(ch in text for ch in FOLDS_APART) else text.lower()
    LAST[0] = (text, low)
    return low


def known_lower(text: str) -> str | None:
    """The lower case of ``text`` when it is the text read last (the passage), else None: a slice of
    the passage is matched as it is rather than lower-cased anew."""
    last = LAST[0]
    return last[1] if last[0] is text else None


def may_contain(text: str, words: tuple[str, ...], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds one of ``words`` (lower case, ignoring case): False means no
    pattern that needs one of them can match there, so the pattern need not be tried."""
    last = LAST[0]
    low = last[1] if last[0] is text else lowered(text)
    if low is None:
        return True
    window = low[start:end]  # one copy of the window, then `in` (no method call) for each word
    for w in words:  # noqa: SIM110 - a loop is cheaper than any() over a generator, on a hot path
        if w in window:
            return True
    return False


def _lowerable(items: sre_parse.SubPattern | list) -> bool:
    for op, av in items:
        if op is sre_c.LITERAL:
            if chr(av) != chr(av).lower():
                return False
        elif op is sre_c.IN:
            if not _lowerable(av):
                return False
        elif op is sre_c.RANGE:
            if not _uncased_range(*av):
                return False
        elif op is sre_c.GROUPREF or op is sre_c.GROUPREF_EXISTS:
            return False
        elif op is sre_c.SUBPATTERN:
            if av[1] or av[2] or not _lowerable(av[3]):  # a flag set or cleared inside
                return False
        elif op is sre_c.BRANCH:
            if not all(_lowerable(alt) for alt in av[1]):
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            if not _lowerable(av[2]):
                return False
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.ATOMIC_GROUP) and not _lowerable(
                av if op is sre_c.ATOMIC_GROUP else av[1]):
            return False
    return True


def _uncased_range(lo: int, hi: int) -> bool:
    """A short range of characters without case ("[1-5]"): it matches the same either way."""
    return hi - lo <= 256 and all(chr(c).lower() == chr(c) == chr(c).upper() for c in range(lo, hi + 1))


def _first_letters(items: sre_parse.SubPattern | list) -> set[str] | None:
    """The letters a match can start with, or None when unknown (a class, or a possibly empty match)."""
    out: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            out.add(chr(av))
            return out
        if op is sre_c.IN:
            for o, a in av:
                if o is not sre_c.LITERAL:
                    return None
                out.add(chr(a))
            return out
        if op is sre_c.BRANCH:
            for alt in av[1]:
                first = _first_letters(alt)
                if first is None:
                    return None
                out |= first
            return out
        if op is sre_c.SUBPATTERN:
            first = _first_letters(av[3])
            if first is None:
                return None
            return out | first
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            first = _first_letters(av[2])
            if first is None:
                return None
            out |= first
            if av[0] >= 1:
                return out
            continue  # an optional part: the match may start after it
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
            continue  # zero width
        return None
    return None


def compile_lower(head: str, body: str) -> re.Pattern[str] | None:
    """``head + body`` as a case-sensitive pattern for lower-cased text, with a test of the first
    letter of ``body`` after the zero-width ``head``; None when the pattern cannot be run so."""
    try:
        tree = sre_parse.parse(head + body, re.IGNORECASE)
    except re.error:
        return None
    if not _lowerable(tree):
        return None
    if not head:
        opened = literal_first(body)
        if opened is not None:
            return re.compile(opened)
    first = _first_letters(sre_parse.parse(body, re.IGNORECASE))
    ahead = "(?=[" + "".join(re.escape(ch) for ch in sorted(first)) + "])" if first else ""
    return re.compile(head + ahead + body)


_GUARD = "(?<!\\w)"  # a match starts a word
_WORD_START = _GUARD + "(?:"
_QUANTIFIERS = ("?", "*", "+", "{")


def literal_first(pattern: str) -> str | None:
    """``(?<!\\w)(?:đạt|công…)…`` written ``(?:đ(?<!\\wđ)ạt|c(?<!\\wc)ông…)…``: the same matches (each
    alternative tests the character before its first letter once it has read that letter), but a
    pattern that opens with letters, which ``re`` skips to in C, where one that opens with a
    lookbehind is tried at every position. None when the pattern is not a word list of that form
    (an alternative that opens with anything but a letter, or a letter with a quantifier). A pattern
    that opens with one word after the lookbehind is written so too."""
    first = pattern[len(_GUARD):len(_GUARD) + 1]  # "(?<!\\w)đợt\\s+…": a list of one word
    if pattern.startswith(_GUARD) and first.isalpha() and pattern[len(_GUARD) + 1:len(_GUARD) + 2] not in _QUANTIFIERS:
        return f"{first}(?<!\\w{first}){pattern[len(_GUARD) + 1:]}"
    if not pattern.startswith(_WORD_START):
        return None
    alternatives = []
    depth = 0
    in_class = False
    start = i = len(_WORD_START)
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if pattern.startswith("^]", i + 1) else 1 if pattern[i + 1:i + 2] in ("]", "^") else 0
        elif ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ")" or (ch == "|" and not depth):
            alternatives.append(pattern[start:i])
            start = i + 1
            if ch == ")":
                break
        i += 1
    else:
        return None
    opened = []
    for alt in alternatives:
        first = alt[:1]
        if not first.isalpha() or alt[1:2] in _QUANTIFIERS:
            return None
        opened.append(f"{first}(?<!\\w{first}){alt[1:]}")
    return "(?:" + "|".join(opened) + ")" + pattern[i + 1:]


class Folded:
    """A case-insensitive pattern that runs on the passage's lower case when it is known
    (:func:`known_lower`) and the pattern allows it: the same matches, groups in lower case."""

    def __init__(self, pattern: str):
        self.regex = re.compile(pattern, re.IGNORECASE)
        self.lower = compile_lower("", pattern)
        self.pattern = pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        last = LAST[0]
        if last[0] is text and last[1] is not None and self.lower is not None:
            return self.lower.search(last[1], pos, endpos)
        return self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        last = LAST[0]
        if last[0] is text and last[1] is not None and self.lower is not None:
            return self.lower.match(last[1], pos, endpos)
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        last = LAST[0]
        if last[0] is text and last[1] is not None and self.lower is not None:
            return self.lower.fullmatch(last[1], pos, endpos)
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        last = LAST[0]
        if last[0] is text and last[1] is not None and self.lower is not None:
            return self.lower.finditer(last[1], pos, endpos)
        return self.regex.finditer(text, pos, endpos)
