"""The figures grammar's shortcuts answer what the longer way answers.

Sentence splitting skips a heading-number test and an abbreviation test where they cannot succeed,
and the count finder reads the passage's lower case instead of lower-casing each slice before a
count. Each shortcut is compared here with the plain way it replaces (written out below) on
generated strings built from the pieces the shortcuts are about, and on every fixture passage.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractors.figures import grammar as g
from extractors.figures import sentences
from extractors.figures.candidates import _NOT_A_COUNT_WORDS, _low_ends_with, _may_end_with
from extractors.figures.lowercase import lowered
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
