"""find_places reads only the words around the tokens that may start a mention; splitting the whole
text into tokens gives the same mentions (the path it takes when a token may hold an apostrophe)."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from extractors import places

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_WORDS = ("huyện", "Huyện", "HUYỆN", "hUYỆN", "quận", "Quận", "thị xã", "Thị Xã", "thành phố", "THÀNH PHỐ", "TP.", "tp",
          "tỉnh", "Tỉnh", "cả nước", "Cả nước", "toàn quốc", "TOÀN QUỐC", "Hà Nội", "Yên Bái", "Lào Cai", "Châu Thành",
          "Trà Vinh", "Thái Bình Dương", "Bình Dương", "Hồ Chí Minh", "Huế", "Nguyễn Thị Hà Nam", "Thừa Thiên Huế",
          "Khánh Hoà", "Đắk Lắk", "Nghĩa Lộ", "Sa Pa", "Bảo Yên", "Văn Bàn", "Mường Khương", "xã", "phường", "đường",
          "sông", "2024", "12", "thành phố Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh", "thị xã Bà Rịa - Vũng Tàu", "sản phẩm", "OCOP", "Ωmega", "ǅ", "Ⅻ", "𝐀bc", "ẞ", "Ä", "\u0301", "_", "İ", "ı")
_GAPS = (" ", "  ", ", ", ". ", ".", "\n", "-", "(", ")", "", ";", " – ", "_", "\u00a0")


def _texts() -> list[str]:
    out = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text, unicodedata.normalize("NFD", text), text.upper(), text.title()]
        out += text.split(". ")
    # names of four and five tokens after a prefix of two: the words read after a possible start
    out += ["Tại thành phố Bà Rịa - Vũng Tàu.", "thành phố.Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh", "thị xã Bà Rịa - Vũng Tàu x"]
    rnd = random.Random(13)
    out += ["".join(rnd.choice(_WORDS) + rnd.choice(_GAPS) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]
    return out


def _whole_split(text: str) -> list:
    """The mentions found with the text split whole into tokens."""
    real = places._possible_starts
    places._possible_starts = lambda _text: None
    try:
        return places._scan_places(text)
    finally:
        places._possible_starts = real


def test_reading_around_possible_starts_finds_what_the_whole_split_finds():
    texts = _texts()
    assert sum(1 for t in texts if places._scan_places(t)) > 1000  # the strings name places
    for text in texts:
        assert places._scan_places(text) == _whole_split(text), text


def test_possible_starts_are_the_tokens_that_may_start_a_mention():
    """Each with its token as the whole split reads it (the capital's search reads the rest of its run)."""
    for text in _texts():
        starts = places._possible_starts(text)
        if starts is None:
            continue
        tokens = places._tokens(text)
        wanted = [(start, word) for start, _, word in tokens if places._may_start(word)]
        assert starts == wanted, text


@pytest.mark.parametrize("code", [0, 0x4000, 0x8000, 0xC000, 0x10000, 0x40000])
def test_every_capital_is_a_possible_start(code):
    """The class of capitals is read from the Latin letters and takes every other character: a capital
    of any script starts a possible token (checked over every code point, in six slices)."""
    step = 0x4000 if code < 0x10000 else 0x30000 if code == 0x10000 else 0xD0000
    for c in range(code, min(code + step, 0x110000)):
        ch = chr(c)
        if ch.isupper() and not (0xD800 <= c < 0xE000):
            assert places._CAPITAL_RE.match(" " + ch, 1), hex(c)


def test_a_starter_word_in_any_case_is_found_by_its_lower_case():
    """Every character whose lower case is a letter of a starter word is that letter's own capital
    or itself: the search of the lower-cased text finds such words written in any case."""
    letters = set("".join(places._STARTERS))
    for c in range(0x110000):
        low = chr(c).lower()
        if low in letters:
            assert chr(c) in (low, low.upper()), hex(c)
