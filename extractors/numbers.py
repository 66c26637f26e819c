"""Vietnamese cardinal numbers, written in digits or in words.

Vietnamese prints thousands with a dot and decimals with a comma: ``1.316`` is one thousand
three hundred and sixteen, ``126,5`` is a decimal. Counts of things are integers, so a
decimal is *not* a number here (``parse_number("1,5")`` is None). A comma followed by exactly
three digits (``1,316``) is read as an English-style thousands separator, which some portals use.

Words follow the spoken grammar: ``mười hai`` 12, ``hai mươi mốt`` 21, ``bốn mươi tư`` 44,
``mười lăm`` 15, ``một trăm linh năm`` 105, ``hai nghìn`` / ``hai ngàn`` 2000.

>>> parse_number("07"), parse_number("1.316"), parse_number("hai mươi lăm")
(7, 1316, 25)
>>> parse_number("1,5") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Digit values of the unit words; variants used after "mươi" (mốt, tư, lăm) are included.
_UNITS = {
    "không": 0, "linh": None, "lẻ": None,
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_GROUPS = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
_NUMBER_WORDS = set(_UNITS) | set(_GROUPS) | {"mười", "mươi", "trăm", "chục"}
#: Every word a number can be written with, in lower case.
NUMBER_WORDS = frozenset(_NUMBER_WORDS)

# Words that may only follow another number word ("mốt" 1, "tư" 4, "lăm" 5 after tens;
# "mươi" after a digit; "linh"/"lẻ" after hundreds) cannot start a number.
_AFTER_TENS_ONLY = {"mốt": {"mươi"}, "tư": {"mươi", "mười"}, "lăm": {"mươi", "mười"}}
_NOT_FIRST = {"mốt", "tư", "lăm", "mươi", "linh", "lẻ", "trăm", "nghìn", "ngàn", "triệu", "chục"}

# One number word, lower or capitalised; boundaries are Unicode letters (Python's \w).
_WORD_ALT = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))

DIGITS_PATTERN = (
    r"(?<![\w.,/])"  # not the tail of a longer number, a date or a document number
    r"(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+(?![\d])|\d+)"
    r"(?![\w]|[.,]\d|/\w)"  # not followed by a decimal part, letters ("3D", "2,5") or "/12"
)
WORDS_PATTERN = rf"(?<!\w)(?:{_WORD_ALT})(?:[ \t]+(?:{_WORD_ALT})){{0,8}}(?!\w)"

#: Digits or number words, for callers that build larger patterns.
NUMBER_PATTERN = rf"(?:{DIGITS_PATTERN}|{WORDS_PATTERN})"
NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)

_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+")


_DIGIT_NEXT = re.compile(r"[ \t]*\d")


class NumberToken(NamedTuple):
    start: int
    end: int
    text: str
    value: int


def _parse_digits(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if _THOUSANDS_DOT.fullmatch(s):
        return int(s.replace(".", ""))
    if _THOUSANDS_COMMA.fullmatch(s):
        return int(s.replace(",", ""))
    return None


def _parse_words(words: list[str]) -> int | None:
    if not words or (words[0] in _NOT_FIRST and words[0] not in {"trăm", "nghìn", "ngàn", "chục"}):
        return None
    total = 0  # finished groups (thousands, millions)
    current = 0  # the group being read (< 1000)
    last_digit: int | None = None  # the digit just read, which "mươi"/"trăm" may multiply
    tens_done = False
    for i, w in enumerate(words):
        if w in _GROUPS:
            if current == 0 and last_digit is None:
                current = 1 if i == 0 else 0
                if current == 0:
                    return None
            total += current * _GROUPS[w]
            current, last_digit, tens_done = 0, None, False
        elif w == "trăm":
            if last_digit is None:
                if i != 0:
                    return None
                last_digit = 1
                current += 1
            current += last_digit * 99  # d → d*100
            last_digit, tens_done = None, False
        elif w == "mươi" or w == "chục":
            if last_digit is None or last_digit < 1:
                if w == "chục" and i == 0:
                    current += 10
                    tens_done = True
                    continue
                return None
            current += last_digit * 9  # d → d*10
            last_digit, tens_done = None, True
        elif w == "mười":
            if tens_done:
                return None
            current += 10
            last_digit, tens_done = None, True
        elif w in ("linh", "lẻ"):
            if i == 0:
                return None
            last_digit = None
        else:
            d = _UNITS[w]
            if d is None or last_digit is not None:
                return None  # two digits in a row ("hai ba") is not one number
            if w in _AFTER_TENS_ONLY and not (tens_done and i > 0 and words[i - 1] in _AFTER_TENS_ONLY[w]):
                return None
            current += d
            last_digit = d
    return total + current


def parse_number(s: str) -> int | None:
    """An integer from ``"07"``, ``"1.316"``, ``"1,316"`` or Vietnamese words; None otherwise."""
    if not isinstance(s, str):
        return None
    s = unicodedata.normalize("NFC", s).strip()
    if not s:
        return None
    if s[0].isdigit():
        return _parse_digits(s)
    words = s.lower().split()
    if any(w not in _NUMBER_WORDS for w in words):
        return None
    return _parse_words(words)


def find_numbers(text: str) -> list[NumberToken]:
    """Every number (digits or words) in ``text`` with its span, in reading order.

    Word sequences that do not form a number ("hai ba") are skipped; decimals and parts of
    dates or document numbers ("1,5", "12/2019", "1048/QĐ") are not numbers here.
    """
    out: list[NumberToken] = []
    if not text:
        return out
    for m in NUMBER_RE.finditer(text):
        if not m.group(0)[0].isdigit() and _DIGIT_NEXT.match(text, m.end()):
            continue  # "năm 2019" is "year 2019", not five
        value = parse_number(m.group(0))
        if value is not None:
            out.append(NumberToken(m.start(), m.end(), m.group(0), value))
    return out
