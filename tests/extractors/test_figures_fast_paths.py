"""The figures grammar's shortcuts answer what the longer way answers.

Sentence splitting skips a heading-number test and an abbreviation test where they cannot succeed,
the count finder reads the passage's lower case instead of lower-casing each slice before a count,
and every lower-case pattern opens with its first letters (``lowercase.letters_first``: look-behinds
moved behind the letter they stood before, alternatives grouped by letter) or names the characters
a match starts with, where ``re`` skips in C. Each shortcut is compared here with the plain way it replaces (written
out below) on generated strings built from the pieces the shortcuts are about, and on the fixture
passages.
"""

from __future__ import annotations

import gc
import random
import re
from pathlib import Path

import pytest

from extractors.figures import grammar as g
from extractors.figures import sentences
from extractors.figures.candidates import _NOT_A_COUNT_WORDS, _low_ends_with, _may_end_with, bare_place_counts
from extractors.figures.lowercase import Folded, letters_first, lowered
from extractors.figures.rules import rule_tables
from extractors.figures.sentences import Sentence, is_hard_wrapped, split_sentences

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

_PIECES = [".", ". ", "\n", "\n\n", " \n", "!", "?", "…", "”", ")", " ", "  ", "\t", "TP", "tp", "Th", "th",
           "v.v", "đ/c", "II", "IV", "2", "12", "1.2", "a", "b)", "đ", "x", "Q", "A", "Kon Tum", "Hà Nội",
           "sản phẩm", "OCOP", "năm", "3 sao", "huyện", "ABC", "abcd", "ab/c", "_", "số", "/", "-", "•"]


def _strings(seed: int, count: int = 4000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 14))) for _ in range(count)]


def _passages() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("heldout*/*.txt"))]


_LAST_WORD = re.compile(r"([\w/]+)$")
_ACRONYM = re.compile(r"[A-ZĐ]{2,}\b")
_LETTER_ITEM = re.compile(r"[a-zđ]\)\s")


def _plain_is_break(text: str, m: re.Match[str], wrapped: bool) -> bool:
    """Every test of a break, always run (the splitter before its shortcuts)."""
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
        long_line = wrapped or m.start() - line_start >= 55
        if _LETTER_ITEM.match(rest):
            return True
        if rest[0].islower() or (long_line and _ACRONYM.match(rest) and before[-1:].isalpha()):
            return False
        return not (rest[0].isdigit() and before[-1:].isalpha() and long_line)
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "-•+*–“\"'‘(["):
        return False
    if token.startswith("."):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if g.LIST_NUMBER_RE.fullmatch(text, line_start, m.start()):
            return False
        word = _LAST_WORD.search(text[max(0, m.start() - 8):m.start()])
        if word and (word.group(1).lower() in g.ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
            return False
    return True


def _plain_split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = line = block = 0
    wrapped = is_hard_wrapped(text)
    for m in g.SENTENCE_BREAK_RE.finditer(text):
        if not _plain_is_break(text, m, wrapped):
            continue
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append(Sentence(start, end, line, block))
        newlines = m.group(0).count("\n")
        line += newlines
        block += newlines > 1
        start = m.end()
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text):
        out.append(Sentence(start, len(text), line, block))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sentences_split_as_every_test_would(seed):
    for text in _strings(seed):
        assert split_sentences(text) == _plain_split(text), text


def test_passages_split_as_every_test_would():
    for text in _passages():
        assert split_sentences(text) == _plain_split(text)


def test_the_abbreviation_shortcut_holds_every_abbreviation_whole():
    # a word as long as the shortcut's length is longer than every abbreviation, and fits the window
    assert sentences._LONG_WORD_END is not None
    assert max(map(len, g.ABBREVIATIONS)) < sentences._LONG_WORD <= sentences._WORD_WINDOW


_TAILS = ["năm", "Năm", "NĂM", "số", "Số", " ", "  ", "\t", "\n", "là", "Là", "cả", "CẢ", "top", "Top", "x", "1",
          "tết", "khoản", "mục", "đợt", ",", "(", "a", "ſ", "ı"]


@pytest.mark.parametrize("seed", [4, 5])
def test_word_tests_before_a_count_read_the_lower_case_as_the_text(seed):
    rnd = random.Random(seed)
    for _ in range(4000):
        text = "".join(rnd.choice(_TAILS) for _ in range(rnd.randint(0, 8)))
        low = lowered(text)
        if low is None:
            continue  # a letter that folds apart: the count finder keeps the slow test
        end = rnd.randint(0, len(text))
        lo = rnd.randint(0, end)
        for words in (_NOT_A_COUNT_WORDS, ("là", "cả")):
            assert _low_ends_with(low, lo, end, words) == _may_end_with(text[lo:end], end - lo, words), (text, lo, end)


def _word_pieces(pattern: str) -> list[str]:
    words = sorted(set(re.findall(r"[^\W\d_]+", re.sub(r"\\[a-zA-Z]", " ", pattern).lower())))[:40]
    glued = [f"x{w}" for w in words[:20]]  # a word inside a longer one: the test of the character before
    return [*words, *glued, " ", "  ", "x", "1", "_", ",", ".", "\n", "2024", "12", "(", "/", "đ", "a"]


_PLACE_PIECES = ["Đắk Mil", "Gia Nghĩa", "huyện", "xã", "TP.", "TP", "Cư Jút", "tiếp theo là", " ", "  ", "\n", "(",
                 ")", " (", ") ", ",", ", ", ";", ".", " và ", "và", "3", "12", "2024", "12345", "4.5", "x1", "A-B",
                 "O’Neil", "sản phẩm", "_", "-"]


@pytest.mark.parametrize("seed", [6, 7])
def test_the_place_count_gate_holds_wherever_the_pattern_matches(seed):
    # the gate is searched before PLACE_BARE_COUNT_RE: every match of the pattern must hold one of its
    # matches (the number and the item's end), or a sentence with a bare place count would be skipped
    rnd = random.Random(seed)
    texts = ["".join(rnd.choice(_PLACE_PIECES) for _ in range(rnd.randint(1, 12))) for _ in range(6000)]
    for text in texts + _passages():
        for m in g.PLACE_BARE_COUNT_RE.finditer(text):
            assert g.PLACE_BARE_COUNT_END_RE.search(text, m.start("num") - 1, m.end()), (text, m.group(0))
            assert g.PLACE_BARE_COUNT_END_RE.match(text, m.start("num")), (text, m.group(0))


@pytest.mark.parametrize("seed", [8, 9])
def test_the_bare_place_counts_are_the_patterns_matches(seed):
    # bare_place_counts searches only a few runs before each number the gate finds, up to its end
    # (with too few runs, or a search that stops before the number's end, it differs here)
    rnd = random.Random(seed)
    pieces = [*_PLACE_PIECES, "thị xã", "thành phố", "thị trấn", "Hà", "Cư M’gar", "( ", " )"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30))) for _ in range(15000)]
    for text in texts + _passages():
        assert [(m.span(), m.groups()) for m in bare_place_counts(text)] == [
            (m.span(), m.groups()) for m in g.PLACE_BARE_COUNT_RE.finditer(text)], text


_TABLE_PIECES = ["STT", "TT", "Stt", "Số TT", "stt", "S TT", "St t", "Số", "T", "S", "tt", " ", "\t", "\n", "\n\n",
                 "|", "Đơn vị", "Năm", "2", "sản phẩm", "xã A"]


@pytest.mark.parametrize("seed", range(3))
def test_the_one_cell_header_gate_answers_as_its_search(seed):
    """may_hold_table tests for "TT" or "Stt" before searching for a one-cell "STT" header line: the
    same answer as the search alone, on generated strings of header words, tabs, pipes and lines."""
    from extractors.figures import table

    def plain(text: str) -> bool:
        return ("|" in text or "\t" in text or bool(table._ONE_CELL_HEADER.search(text))
                or bool(table._ONE_CELL_LABEL.search(text)))

    rng = random.Random(seed)
    seen = set()
    for _ in range(20_000):
        text = "".join(rng.choice(_TABLE_PIECES) for _ in range(rng.randint(1, 8)))
        assert table.may_hold_table(text) == plain(text), text
        seen.add(plain(text))
    assert seen == {True, False}
    for path in sorted(FIXTURES.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        assert table.may_hold_table(text) == plain(text), path.name


def _compiled_lower() -> list[re.Pattern[str]]:
    """Every lower-case pattern of the grammar as compiled: the rules', the scanned tables' and the readers'."""
    found = [o.lower for o in gc.get_objects() if isinstance(o, Folded) and o.lower is not None]
    for t in rule_tables():
        found += [r.lower_regex for r in t.rules if r.lower_regex is not None]
        if t._all_lower is not None:
            found.append(t._all_lower)
    return list({(p.pattern, id(p)): p for p in found}.values())


# those letters_first opened: compiled from the rewritten parse, not by re.compile of their source
_LETTERS_FIRST = sorted((p for p in _compiled_lower() if re.compile(p.pattern) is not p), key=lambda p: p.pattern)


def test_patterns_that_opened_with_a_lookbehind_open_with_their_letters():
    assert len(_LETTERS_FIRST) >= 80  # rules, the status cues' scan, the readers' word lists
    scanned = {t.reader for t in rule_tables() if t._all_lower is not None and t._all_lower in _LETTERS_FIRST}
    assert "status: cues of the clause" in scanned
    opened = letters_first(r"(?<!\w)(?<!phẩm\s)(?:mới|chỉ)\s+(?:chỉ\s+)?có(?!\s+thêm)")
    assert opened.pattern == r"(?<!\w)(?<!phẩm\s)(?:mới|chỉ)\s+(?:chỉ\s+)?có(?!\s+thêm)"
    assert opened is not re.compile(opened.pattern)
    # a start that cannot be moved behind a letter, but whose first characters are known: the pattern
    # as written, with those characters to skip to
    for written in (r"(?<!\w)\d+\s+sao", r"(?<!\w)(năm|tháng)", r"(?=\s)năm", r"\bnăm", r"(?<!\w)(?:\d+|năm)\s"):
        assert letters_first(written) is not re.compile(written), written
    # first characters not known (a negated class, any character, a match that may be empty): as written
    for written in (r"(?<!\w)[^\d\s]+\s+sao", r"(?<!\w).năm", r"(?<!\w)(?:năm)?"):
        assert letters_first(written) is re.compile(written), written


@pytest.mark.parametrize("pattern", _LETTERS_FIRST, ids=[p.pattern[:40] for p in _LETTERS_FIRST])
def test_a_pattern_opened_with_its_letters_finds_what_it_finds_as_written(pattern):
    # the look-behinds moved behind the letter they stood before (with the letter added), groups of
    # alternatives spread, alternatives grouped by letter: the same matches, groups and rule names as
    # the source compiled as written, on strings of the pattern's own words and on passages
    plain = re.compile(pattern.pattern)
    rnd = random.Random(pattern.pattern)
    pieces = [*_word_pieces(pattern.pattern), "phẩm", "những", "trong", "đã", "05", "0", "5"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))) for _ in range(500)]
    texts += [t.lower() for t in _passages()[:30]]
    for text in texts:
        for bounds in ((), (rnd.randint(0, len(text)),), (rnd.randint(0, len(text) // 2), rnd.randint(len(text) // 2, len(text)))):
            assert [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text, *bounds)] == [
                (m.span(), m.groups(), m.lastgroup) for m in plain.finditer(text, *bounds)], (pattern.pattern, text, bounds)
            assert bool(pattern.match(text, *bounds)) == bool(plain.match(text, *bounds))


_ORDERED = [r"(?<!\w)(?:a\s)?a\w?", r"(?<!\w)(?:a\s)??a\w?", r"(?<!c)(?:ab|a)(?:b|c)?", r"(?<!\w)(?<!c\s)[ab]b?(?<!bb)",
            r"(?:(?<!\w)a(?P<r0>)|(?<!b)ab(?P<r1>)|(?<!\w)(?<!a\s)b(?P<r2>)|(?:a|b)\s(?P<r3>))", r"(?:a\s|b)?(?:a|ab)\s?a",
            r"(?<!\w)(?:ab|[a\d]c|a)", r"(?:\d\s|(?<!c)a|\d)\s?b?", r"(?<!\w)(a|\d)(?P<x>b)?", r"(?<!\w)(?:\d{1,2}|a)\s+a"]


@pytest.mark.parametrize("written", _ORDERED)
def test_letters_first_keeps_the_order_of_tries(written):
    # patterns whose alternatives share a first letter: spread or grouped out of order, they differ here
    opened, plain = letters_first(written), re.compile(written)
    assert opened is not plain
    rnd = random.Random(written)
    for _ in range(3000):
        text = "".join(rnd.choice(["a", "b", "c", " ", "ab", "ba", "\n", "1", "12", "٣"]) for _ in range(rnd.randint(1, 10)))
        assert [(m.span(), m.lastgroup) for m in opened.finditer(text)] == [
            (m.span(), m.lastgroup) for m in plain.finditer(text)], (written, text)


def test_every_opened_pattern_finds_on_every_passage_what_it_finds_as_written():
    # every passage the repository holds (fixtures and every round's) and the shared dev corpus where
    # it is present, in lower case as the readers give it: the same matches, groups and rule names
    from harvester.paths import shared_corpus_dir

    here = Path(__file__).resolve().parent
    paths = [*sorted(FIXTURES.glob("*/*.txt")), *sorted(here.glob("*/*.txt")),
             *sorted((shared_corpus_dir() / "dev").glob("*.txt"))]
    texts = [low for p in paths if (low := lowered(p.read_text(encoding="utf-8", errors="replace"))) is not None]
    assert len(texts) >= 400
    for pattern in _LETTERS_FIRST:
        plain = re.compile(pattern.pattern)
        for text in texts:
            assert [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text)] == [
                (m.span(), m.groups(), m.lastgroup) for m in plain.finditer(text)], pattern.pattern


@pytest.mark.parametrize(("pattern", "lowerable", "groupless"), [
    (r"(?<!\w)số\s+s[ảa]n", True, True),
    (r"(?<!phẩm\s)(?:mới|chỉ)+", True, True),
    (r"(?:a|(?<!X)b)", False, True),  # a capital inside a look-behind inside a branch
    (r"(?>ab[c-d])", False, True),  # a range of letters with case inside an atomic group
    (r"(?:ab(?:c(d)))?", True, False),  # a capturing group three levels down, in a repeat
    (r"(?<=(?:x|(y)))z", True, False),  # a capturing group inside a look-behind's branch
    (r"(a)\1", True, False),  # a back reference: neither
    (r"(?-i:[A-Z])x", False, True),  # a flag cleared inside a group
    (r"[1-5]\s*sao", True, True),  # a range without case
])
def test_the_parse_tree_descent_reaches_every_kind_of_item(pattern, lowerable, groupless):
    """``_lowerable`` and ``_groupless`` share one descent (``lowercase._children``): each answers for
    what stands at any depth, below a branch, a repeat, a look-around, an atomic group or a class."""
    from re import _parser as sre_parse

    from extractors.figures.lowercase import _groupless, _lowerable

    tree = sre_parse.parse(pattern, re.IGNORECASE)
    assert _groupless(tree) is groupless
    if r"\1" not in pattern:  # a back reference is refused before the tree is read
        assert _lowerable(tree) is lowerable
    else:
        assert _lowerable(tree) is False
