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

import _sre
import re
import sys
from collections.abc import Iterator
from re import _compiler as sre_compile  # stdlib internals: letters_first compiles a parsed pattern
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


def _children(op: int, av: object) -> tuple | list:
    """The parsed sub-patterns an item holds: a group's, each alternative of a branch, a repeat's, a
    look-around's, an atomic group's, and a class's items; none for a letter, a category or an anchor.
    The one descent of the parse tree that :func:`_lowerable` and :func:`_groupless` walk."""
    if op is sre_c.SUBPATTERN:
        return (av[3],)  # type: ignore[index]
    if op is sre_c.BRANCH:
        return av[1]  # type: ignore[index]
    if op is sre_c.MAX_REPEAT or op is sre_c.MIN_REPEAT or op is sre_c.POSSESSIVE_REPEAT:
        return (av[2],)  # type: ignore[index]
    if op is sre_c.ASSERT or op is sre_c.ASSERT_NOT:
        return (av[1],)  # type: ignore[index]
    if op is sre_c.ATOMIC_GROUP or op is sre_c.IN:
        return (av,)
    return ()


def _lowerable(items: sre_parse.SubPattern | list) -> bool:
    """Whether the pattern matches the same on the lower case without ignoring case: no capital letter,
    no range of letters with case, no back reference, no flag set or cleared inside a group."""
    for op, av in items:
        if op is sre_c.LITERAL:
            if chr(av) != chr(av).lower():
                return False
        elif op is sre_c.RANGE:
            if not _uncased_range(*av):
                return False
        elif op is sre_c.GROUPREF or op is sre_c.GROUPREF_EXISTS or (op is sre_c.SUBPATTERN and (av[1] or av[2])):
            return False  # a back reference, or a flag set or cleared inside a group
        if not all(_lowerable(sub) for sub in _children(op, av)):
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
    first = _first_letters(sre_parse.parse(body, re.IGNORECASE))
    ahead = "(?=[" + "".join(re.escape(ch) for ch in sorted(first)) + "])" if first else ""
    return letters_first(head + body, head + ahead + body)


def letters_first(pattern: str, plain: str | None = None) -> re.Pattern[str]:
    r"""``pattern`` (case-sensitive, for the lower case) compiled so that every alternative opens with
    its first letter, where ``re`` can skip to the letters in C; ``plain`` (by default ``pattern``),
    which must match as ``pattern`` does, compiled as written where it cannot be.

    The engine tests an alternative's first letter before entering it only when the alternative opens
    with a letter, and skips in C to the positions where a match can start only when the whole pattern
    opens with letters. A look-behind ahead of a letter stops both: ``(?<!\w)(?<!phẩm\s)(?:mới|chỉ)…``
    is entered at every position. Here, at compile time, on the parsed pattern (the rule's source is
    not touched; ``.pattern`` stays ``plain``):

    * a fixed-width look-behind ahead of a letter moves behind it, the letter added to its end:
      ``(?<!X)n`` is ``n(?<!Xn)`` (the letter just read is the letter the look-behind now ends with);
    * a group of alternatives, or an optional part, at the start is spread over what follows:
      ``(?:a|b)T`` is ``aT|bT`` and ``(?:X)?T`` is ``XT|T`` (the same tries in the same order);
      a class of a few letters at the start is one alternative a letter (``[ũu]T`` is ``ũT|uT``);
    * the alternatives are grouped by their first letter, in order within a letter (alternatives
      that open with different letters never match at the same position, so their order does not
      matter), and a letter or an assertion that opens every alternative of a group is read once.

    A start that cannot be moved (a class such as ``\d``, a capturing group or a look-ahead) stays an
    alternative as it is, after the letters' (where it cannot start with one of them: else the whole
    is left as written). Where ``re`` does not find the characters a match starts with itself, they
    are read from the parsed pattern and written where ``re`` writes them (:func:`_skipping`); where
    they are not known, ``plain`` is compiled as it is. ``tests/extractors/test_figures_fast_paths.py``
    compares each result with ``plain`` on generated strings and on passages."""
    plain = pattern if plain is None else plain
    try:
        tree = sre_parse.parse(pattern)
        alternatives = _alternatives(list(tree), tree.state)
        items = None if alternatives is None else _grouped(alternatives, tree.state)
        parsed = None if items is None else sre_parse.SubPattern(tree.state, items)
        code = None if parsed is None else _skipping(parsed)
        if code is None:  # not opened: as written, with the characters to skip to where they are known
            parsed = tree if plain == pattern else sre_parse.parse(plain)
            code = _skipping(parsed)
        if code is not None:
            indexgroup = [None] * parsed.state.groups
            for name, index in parsed.state.groupdict.items():
                indexgroup[index] = name
            return _sre.compile(plain, parsed.state.flags, code, parsed.state.groups - 1, parsed.state.groupdict,
                                tuple(indexgroup))
    except Exception:  # another Python's internals: the pattern as written is always right
        pass
    return re.compile(plain)


def _skipping(parsed: sre_parse.SubPattern) -> list[int] | None:
    """The compiled code of ``parsed`` with the characters a match can start with in its info block
    (what ``re`` skips to in C), or None when they are not known. ``re`` writes them itself for a
    pattern that opens with letters or a class; otherwise (an alternative that opens with ``\\d``
    beside alternatives that open with letters, a capturing group after a look-behind) they are
    read here from the parsed pattern (:func:`_first_chars`) and written in the same form."""
    code = sre_compile._code(parsed, parsed.state.flags)
    if code[2] & (sre_c.SRE_INFO_PREFIX | sre_c.SRE_INFO_CHARSET):
        return code
    first = _first_chars(list(parsed))
    if first is None or first[1] or code[3] == 0:  # unknown, or a match may be empty
        return None
    info = [sre_c.INFO, 0, sre_c.SRE_INFO_CHARSET, code[3], code[4]]
    charset, _ = sre_compile._optimize_charset(first[0])
    sre_compile._compile_charset(charset, parsed.state.flags, info)
    info[1] = len(info) - 1
    return info + code[1 + code[1]:]


def _first_chars(items: sre_parse.SubPattern | list) -> tuple[list, bool] | None:
    """The characters a match of ``items`` can start with, as the items of a class, and whether it may
    match nothing at all; None when not known (a negated class, any character, a back reference)."""
    out: list = []
    for op, av in items:
        if op is sre_c.LITERAL:
            return [*out, (op, av)], False
        if op is sre_c.IN:
            if any(o is sre_c.NEGATE for o, _ in av):
                return None
            return [*out, *av], False
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
            continue  # zero width
        if op is sre_c.BRANCH:
            empty = False
            for alt in av[1]:
                first = _first_chars(alt)
                if first is None:
                    return None
                out += first[0]
                empty = empty or first[1]
        elif op is sre_c.SUBPATTERN or op is sre_c.ATOMIC_GROUP:
            first = _first_chars(av[3] if op is sre_c.SUBPATTERN else av)
            if first is None:
                return None
            out += first[0]
            empty = first[1]
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            first = _first_chars(av[2])
            if first is None:
                return None
            out += first[0]
            empty = first[1] or av[0] == 0
        else:
            return None
        if not empty:
            return out, False
    return out, True


_MAX_ALTERNATIVES = 600
_SPLIT_CLASS = 6  # a class of at most this many letters at an alternative's start is split


def _alternatives(items: list, state: sre_parse.State) -> list[list] | None:
    """``items`` as alternatives tried in the same order, each opening with a letter (LITERAL) and
    the look-behinds that stood before it; None when the start cannot be so written."""
    behind = []
    i = 0
    while i < len(items) and items[i][0] in (sre_c.ASSERT, sre_c.ASSERT_NOT) and items[i][1][0] == -1:
        if not _movable(items[i][1][1]):
            return [items]
        behind.append(items[i])
        i += 1
    if i == len(items):
        return [items]
    op, av = items[i]
    rest = items[i + 1:]
    if op is sre_c.LITERAL:
        return [[items[i], *(_extended(b, items[i], state) for b in behind), *rest]]
    if op is sre_c.IN:
        if len(av) > _SPLIT_CLASS or any(o is not sre_c.LITERAL for o, _ in av):
            return [items]
        letters = [(sre_c.LITERAL, a) for _, a in av]
        return [[lit, *(_extended(b, lit, state) for b in behind), *rest] for lit in letters]
    out: list[list] = []
    if op is sre_c.BRANCH:
        for alt in av[1]:
            found = _alternatives([*behind, *alt, *rest], state)
            if found is None:
                return None
            out += found
            if len(out) > _MAX_ALTERNATIVES:
                return None
        return out
    if op is sre_c.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
        return _alternatives([*behind, *av[3], *rest], state)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] == 0 and av[1] == 1 and av[2].getwidth()[0] > 0:
        once = _alternatives([*behind, *av[2], *rest], state)
        never = _alternatives([*behind, *rest], state)
        if once is None or never is None:
            return None
        return once + never if op is sre_c.MAX_REPEAT else never + once
    return [items]  # a start that cannot be opened: the alternative as it is


def _movable(sub: sre_parse.SubPattern) -> bool:
    """A look-behind that can take one more letter: fixed width, no group in it."""
    lo, hi = sub.getwidth()
    return lo == hi and _groupless(sub)


def _groupless(items: sre_parse.SubPattern | list) -> bool:
    """Whether the pattern holds no capturing group and no back reference, at any depth."""
    for op, av in items:
        if op is sre_c.GROUPREF or op is sre_c.GROUPREF_EXISTS or (op is sre_c.SUBPATTERN and av[0] is not None):
            return False
        if not all(_groupless(sub) for sub in _children(op, av)):
            return False
    return True


def _extended(behind: tuple, letter: tuple, state: sre_parse.State) -> tuple:
    """``(?<!X)`` before ``letter`` as ``(?<!X<letter>)`` after it."""
    op, (direction, sub) = behind
    return (op, (direction, sre_parse.SubPattern(state, [*sub, letter])))


def _key(item: object) -> object:
    """A parsed item as plain tuples, to compare two items."""
    if isinstance(item, sre_parse.SubPattern):
        return ("sub", tuple(_key(i) for i in item.data))
    if isinstance(item, (tuple, list)):
        return tuple(_key(i) for i in item)
    return item


def _grouped(alternatives: list[list], state: sre_parse.State) -> list | None:
    """The alternatives as one BRANCH with one alternative a letter, then those that do not open with
    a letter, in their order (None when one of those may start with one of the letters: then the
    order matters). Within a letter the order is kept; the letter and the assertions that open every
    alternative of the letter are read once."""
    by_letter: dict[int, list[list]] = {}
    others = []
    for alt in alternatives:
        if alt and alt[0][0] is sre_c.LITERAL:
            by_letter.setdefault(alt[0][1], []).append(alt)
        else:
            others.append(alt)
    for alt in others:
        first = _first_chars(alt)
        if first is None or first[1]:
            return None
        starts = sre_compile.compile(sre_parse.SubPattern(state, [(sre_c.IN, first[0])])).match
        if any(starts(chr(letter)) for letter in by_letter):
            return None
    branch = [sre_parse.SubPattern(state, _factored(group, state)) for group in by_letter.values()]
    branch += [sre_parse.SubPattern(state, alt) for alt in others]
    if len(branch) == 1:
        return list(branch[0].data)
    return [(sre_c.BRANCH, (None, branch))]


def _factored(group: list[list], state: sre_parse.State) -> list:
    """Alternatives that open with the same items (letters, assertions: nothing that backtracks)
    written as those items once, then the alternatives' rests; the rests grouped again by letter
    when each opens with one."""
    if len(group) == 1:
        return list(group[0])
    shared = []
    while all(len(alt) > len(shared) for alt in group):
        item = group[0][len(shared)]
        if item[0] not in (sre_c.LITERAL, sre_c.ASSERT, sre_c.ASSERT_NOT):
            break
        key = _key(item)
        if any(_key(alt[len(shared)]) != key for alt in group[1:]):
            break
        shared.append(item)
    rests = [alt[len(shared):] for alt in group]
    if all(rest and rest[0][0] is sre_c.LITERAL for rest in rests):
        inner = _grouped(rests, state)
        assert inner is not None
        return [*shared, *inner]
    return [*shared, (sre_c.BRANCH, (None, [sre_parse.SubPattern(state, rest) for rest in rests]))]


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
