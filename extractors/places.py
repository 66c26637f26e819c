"""Province and district names in Vietnamese text, resolved to the 63 pre-2025 provinces.

The gazetteer is ``data/provinces.csv`` (63 provinces, aliases, the unit each joined in the
July 2025 merger) and ``data/districts.csv`` (districts, towns and provincial cities).

Matching works on word tokens, not one giant regex, so it stays linear on long pages:
a bare province name must start with a capital letter ("hòa bình" = peace is not Hòa Bình);
a district needs its prefix ("huyện Na Hang", "thị xã Nghĩa Lộ", "TP. Kon Tum"), because bare
district names collide with ward, street and person names. A district name that exists in
several provinces ("Châu Thành") resolves only when exactly one of them is named in the text.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from extractors.paths import data_file
from extractors.records import PlaceMention
from extractors.text import fold

NATIONAL = "Việt Nam"

# Bare forms that are also person or leader names ("Chủ tịch Hồ Chí Minh", "chị Huế"):
# they count only after "thành phố"/"TP"/"tỉnh".
_NEEDS_PREFIX = {"Hồ Chí Minh", "Ho Chi Minh", "Huế", "Hue"}

# A bare name right after these words is a ward, street, river... of the same name.
_BLOCKING_WORDS = {
    "xã", "phường", "trấn", "thôn", "ấp", "bản", "làng", "đường", "phố", "sông", "núi", "cầu",
    "chợ", "đèo", "hồ", "quận", "huyện", "khu", "tổ", "xóm", "buôn", "đội",
}
# Family and middle names: "Phan Bình Định", "Nguyễn Thị Hà Nam" are people.
_NAME_WORDS = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Ngô", "Lý", "Văn", "Thị", "Hữu", "Đình", "Công", "Trịnh", "Đinh", "Lương", "Mai", "Tô",
}

# "oá", "uỵ" not followed by a letter. Written to open with one class of characters ("o" or "u"), which
# the search skips to in C, rather than with an alternation tried at every character.
_OLD_STYLE = re.compile(r"[oOuU](?:(?<=[oO])[áàảãạéèẻẽẹ]|(?<=[uU])[ýỳỷỹỵ])(?![^\W\d_])")


def _move_tone(m: re.Match[str]) -> str:
    first, toned = m.group(0)
    decomposed = unicodedata.normalize("NFD", toned)
    return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]


def canon(s: str) -> str:
    """NFC with old-style tone placement made new-style ("Hoá" → "Hóa", "Thuỵ" → "Thụy").

    Length-preserving, so offsets computed on ``canon(text)`` are offsets into ``text``.
    """
    s = unicodedata.normalize("NFC", s)
    return _OLD_STYLE.sub(_move_tone, s)


@dataclass(frozen=True)
class Province:
    name: str
    type: str  # "tỉnh" | "thành phố"
    code: int
    province_2025: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class District:
    name: str
    type: str  # "huyện" | "quận" | "thị xã" | "thành phố"
    province: str


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(data_file(name), encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row.get("name") and not row["name"].startswith("#")]


@lru_cache(maxsize=1)
def _provinces() -> tuple[Province, ...]:
    out = []
    for row in _read_csv("provinces.csv"):
        aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
        out.append(Province(row["name"], row["type"], int(row["code"] or 0), row["province_2025"], aliases))
    return tuple(out)


@lru_cache(maxsize=1)
def _districts() -> tuple[District, ...]:
    return tuple(District(r["name"], r["type"], r["province"]) for r in _read_csv("districts.csv"))


@lru_cache(maxsize=1)
def _province_index() -> tuple[dict[str, str], dict[str, str]]:
    """(bare alias → province, alias that needs a prefix → province), keys in canon() form."""
    bare: dict[str, str] = {}
    prefixed: dict[str, str] = {}
    for p in _provinces():
        for alias in (p.name, *p.aliases):
            target = prefixed if alias in _NEEDS_PREFIX else bare
            target[canon(alias)] = p.name
    return bare, prefixed


@lru_cache(maxsize=1)
def _district_index() -> dict[str, tuple[District, ...]]:
    index: dict[str, list[District]] = {}
    for d in _districts():
        index.setdefault(canon(d.name), []).append(d)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _folded_index() -> dict[str, str]:
    """Accent- and case-free keys for :func:`resolve` (user input, not running text)."""
    out: dict[str, str] = {}
    bare, prefixed = _province_index()
    for alias, name in {**bare, **prefixed}.items():
        out[fold(alias)] = name
    return out


def _provinces_list() -> list[str]:
    return [p.name for p in _provinces()]


class _LazyList(list):
    """PROVINCES reads the CSV on first use, so importing this module stays cheap."""

    def _fill(self) -> None:
        if not super().__len__():
            super().extend(_provinces_list())

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        self._fill()
        return super().__getitem__(i)

    def __contains__(self, x: object) -> bool:
        self._fill()
        return super().__contains__(x)

    def __repr__(self) -> str:
        self._fill()
        return super().__repr__()


PROVINCES: list[str] = _LazyList()


def province_info(name: str) -> Province | None:
    """The gazetteer row of a pre-2025 province (exact name)."""
    for p in _provinces():
        if p.name == name:
            return p
    return None


_PREFIX_RE = re.compile(r"^(?:tỉnh|thành phố|tp\.?|thủ đô|huyện|quận|thị xã)\s+", re.IGNORECASE)


def resolve(name: str | None) -> tuple[str, str] | None:
    """``(province, province_2025)`` for a province or district name, else None.

    Accepts aliases, prefixes ("tỉnh Thanh Hoá", "huyện Na Hang", "TP.HCM"), unaccented and
    lower-case spellings. A bare district name resolves only when it is unique in the country.
    """
    if not name or not isinstance(name, str):
        return None
    text = canon(" ".join(name.split()))
    bare, prefixed = _province_index()
    hit = bare.get(text) or prefixed.get(text)
    if hit is None:
        m = _PREFIX_RE.match(text)
        rest = text[m.end():] if m else text
        prefix = m.group(0).strip().lower().rstrip(".") if m else ""
        hit = bare.get(rest) or (prefixed.get(rest) if m else None)
        if hit is None or prefix in {"huyện", "quận", "thị xã"}:
            district = _resolve_district(rest, prefix)
            if district:
                hit = district
        if hit is None:
            hit = _folded_index().get(fold(text)) or (_folded_index().get(fold(rest)) if m else None)
    if hit is None:
        return None
    return hit, province_2025(hit) or hit


@lru_cache(maxsize=1)
def _folded_district_index() -> dict[str, tuple[District, ...]]:
    index: dict[str, list[District]] = {}
    for d in _districts():
        index.setdefault(fold(d.name), []).append(d)
    return {k: tuple(v) for k, v in index.items()}


def _resolve_district(name: str, prefix: str) -> str | None:
    candidates = _district_index().get(canon(name), ()) or _folded_district_index().get(fold(name), ())
    wanted = {"tp": "thành phố"}.get(prefix, prefix)
    typed = [d for d in candidates if d.type == wanted] if wanted else list(candidates)
    pool = typed or list(candidates)
    provinces = {d.province for d in pool}
    return provinces.pop() if len(provinces) == 1 else None


def is_place_name(name: str | None) -> bool:
    """True when ``name`` (without prefix) is a province or district of the gazetteer, as written
    in running text (capitalised; old or new tone placement)."""
    if not name:
        return False
    key = canon(" ".join(name.split()))
    bare, prefixed = _province_index()
    return key in bare or key in prefixed or key in _district_index()


def province_2025(old_name: str | None) -> str | None:
    """The unit a pre-2025 province belongs to after the July 2025 merger ("Yên Bái" → "Lào Cai")."""
    if not old_name:
        return None
    name = old_name if province_info(old_name) else None
    if name is None:
        hit = resolve(old_name)
        name = hit[0] if hit else None
    info = province_info(name) if name else None
    return info.province_2025 if info else None


# ---------------------------------------------------------------- finding places in text

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_MAX_WORDS = 5
_DISTRICT_PREFIXES = (("huyện",), ("quận",), ("thị", "xã"), ("thành", "phố"), ("tp",), ("tỉnh",))
_PREFIX_FIRST_WORDS = {words[0] for words in _DISTRICT_PREFIXES}
_STARTERS = _PREFIX_FIRST_WORDS | {"cả", "toàn"}  # lower-case words that may start a mention


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def find_places(text: str | None) -> list[PlaceMention]:
    """Every province, district and national mention in reading order.

    Province mentions carry the name as written (without "tỉnh"); district mentions include
    their prefix ("huyện Yên Bình"); "cả nước"/"toàn quốc" give a national mention ("Việt Nam").
    The last few texts' mentions are kept, for callers that look the same short names up again (the
    audit reads the place of each figure); ``extract`` finds a text's places once and hands them to
    both the province ranking and the figures.
    """
    if not text:
        return []
    return list(_find_places(text))


@lru_cache(maxsize=16)
def _find_places(text: str) -> tuple[PlaceMention, ...]:
    return tuple(_scan_places(text))


def _scan_places(text: str) -> list[PlaceMention]:
    original = unicodedata.normalize("NFC", text)
    text = _OLD_STYLE.sub(_move_tone, original)  # canon(original): its NFC is done (NFC is idempotent)
    bare, prefixed = _province_index()
    districts = _district_index()
    mentions: list[PlaceMention] = []
    pending: list[tuple[int, int, str, str, tuple[District, ...]]] = []  # ambiguous districts
    resume = 0  # the offset where the last mention found ends
    for tokens, i in _mention_starts(text, lambda: resume):  # noqa: B023 - the current end, read at each start
        n = len(tokens)
        start, _end, word = tokens[i]
        low = word.lower()
        # national
        if low in {"cả", "toàn"} and i + 1 < n:
            nxt = tokens[i + 1][2].lower()
            if (low, nxt) in {("cả", "nước"), ("toàn", "quốc")} and _gap_is_space(text, tokens, i, i + 1):
                mentions.append(PlaceMention(NATIONAL, "national", None, None,
                                             start, tokens[i + 1][1]))
                resume = tokens[i + 1][1]
                continue
        # prefixed: tỉnh / thành phố / TP / huyện / quận / thị xã + name
        prefix_len, prefix = _prefix_at(tokens, i, text) if low in _PREFIX_FIRST_WORDS else (0, "")
        if prefix_len:
            j = i + prefix_len
            found = _match_after_prefix(text, tokens, j, prefix, bare, prefixed, districts)
            if found:
                k, level, province, ambiguous = found
                name_start = start if level == "district" else tokens[j][0]
                end = tokens[k - 1][1]
                written = original[name_start:end]
                if ambiguous:
                    pending.append((name_start, end, written, level, ambiguous))
                else:
                    mentions.append(PlaceMention(written, level, province, _p2025(province), name_start, end))
                resume = tokens[k - 1][1]
                continue
        if word[:1].isupper():
            found_bare = _match_bare(text, tokens, i, bare)
            if found_bare:
                k, province = found_bare
                end = tokens[k - 1][1]
                mentions.append(PlaceMention(original[start:end], "province", province, _p2025(province), start, end))
                resume = tokens[k - 1][1]
                continue
    if pending:
        named = {m.province for m in mentions if m.province}
        for s, e, written, level, candidates in pending:
            options = {d.province for d in candidates} & named
            province = options.pop() if len(options) == 1 else None
            mentions.append(PlaceMention(written, level, province, _p2025(province), s, e))
        mentions.sort(key=lambda m: m.start)
    return mentions


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every ``_WORD`` of the text, from one split (the words and what parts them,
    whose lengths give the offsets): cheaper than a match object per word."""
    parts = _WORD_SPLIT.split(text)  # [between, word, between, word, …, between]
    ends = list(accumulate(map(len, parts)))
    return list(zip(ends[0:-1:2], ends[1::2], parts[1::2], strict=True))


@lru_cache(maxsize=4096)
def _may_start(word: str) -> bool:
    """Whether a token may start a mention: a prefix, "cả"/"toàn", or a capitalised word that starts a
    province's name (a capitalised word is never islower(): the test of most words stops there).
    Cached: the capitalised words of a page ("Theo", "UBND", "Hội") recur on every page."""
    return word in _STARTERS or (not word.islower() and (
        word.lower() in _STARTERS or (word[:1].isupper() and _first_word(word) in _bare_first_words())))


def _mention_starts(text: str, resume: Callable[[], int]) -> Iterator[tuple[list[tuple[int, int, str]], int]]:
    """(tokens, i) for every token ``tokens[i]`` that may start a mention and starts at or after
    ``resume()`` (the end of the last mention found), in reading order; ``tokens``
    holds the token before it when only a space parts them (``_blocked`` reads it) and the tokens
    after it that a mention can span. Without an apostrophe a token is a run of letters and digits,
    so the few tokens that may start a mention (a tenth of a page's words) are found by searches
    and only the words around them are split: tokenising the whole text was most of the time."""
    starts = _possible_starts(text)
    if starts is None:
        tokens = _tokens(text)
        for i, (start, _, w) in enumerate(tokens):
            if _may_start(w) and start >= resume():
                yield tokens, i
        return
    for start, word in starts:
        if start < resume():
            continue
        local: list[tuple[int, int, str]] = []
        if start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
            j = start - 2
            while j > 0 and text[j - 1].isalnum():
                j -= 1
            local.append((j, start - 1, text[j:start - 1]))
        i = len(local)
        local.append((start, start + len(word), word))
        for t in _RUN.finditer(text, start + len(word)):
            local.append((t.start(), t.end(), t.group()))
            if len(local) - i == _SPAN_TOKENS:
                break
        yield local, i


def _possible_starts(text: str) -> list[tuple[int, str]] | None:
    """(offset, token), in order, of every token that ``_may_start``: found among the tokens that begin
    with a capital (or a character beyond the Latin letters), read with the rest of their run of
    letters and digits by one search, and those that are one of ``_STARTERS`` in any case (each of which
    ``_may_start``). None when a token is not a run of letters and digits ("a'b" is one token) or the
    text's lower case is not offset for offset ("İ"): then the whole text is split."""
    if "'" in text or "’" in text:
        return None
    low = text.lower()
    if len(low) != len(text):
        return None
    may_start = _may_start
    starts = {m.start(): w for m in _CAPITAL_WORD_RE.finditer(text) if may_start(w := m.group())}
    size = len(text)
    for word in _STARTERS:
        k = low.find(word)
        while k != -1:
            end = k + len(word)
            if (k == 0 or not text[k - 1].isalnum()) and (end == size or not text[end].isalnum()):
                starts[k] = text[k:end]
            k = low.find(word, end)
    return sorted(starts.items())


def _char_class(chars: list[str]) -> str:
    """A regex character class of ``chars`` (sorted), written as ranges."""
    out, run = [], [chars[0], chars[0]]
    for ch in chars[1:]:
        if ord(ch) == ord(run[1]) + 1:
            run[1] = ch
        else:
            out.append(run)
            run = [ch, ch]
    out.append(run)
    return "[" + "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in out) + "]"


# Capitals among the Latin letters (ASCII, Latin-1, Latin Extended, Vietnamese), read from the
# characters; a character beyond them is taken as a possible capital, and the test of its token
# rejects it if it is not. The lookbehind after the class: a token starts where no letter or digit
# precedes, and a pattern that opens with a class is skipped to in C.
_CAPITAL_RE = re.compile(_char_class([chr(c) for c in (*range(0x250), *range(0x1E00, 0x1F00)) if chr(c).isupper()])[:-1]
                         + "\\u0250-\\u1dff\\u1f00-\\U0010ffff](?<![^\\W_].)")
# A capital that is a letter, with the rest of its run: the token ``_RUN`` reads from there.
_CAPITAL_WORD_RE = re.compile(_CAPITAL_RE.pattern + "(?<=[^\\W_])[^\\W_]*")
_RUN = re.compile(r"[^\W_]+")
# the tokens a mention read from a token i can reach: up to i + 2 + _MAX_WORDS - 1 after a two-word
# prefix ("thị xã"), and whether one more follows
_SPAN_TOKENS = _MAX_WORDS + 2


@lru_cache(maxsize=256)
def _p2025(province: str | None) -> str | None:
    """province_2025, cached: it reads the gazetteer row by row, and a text names few provinces."""
    return province_2025(province) if province else None


def _gap_is_space(text: str, tokens: list[tuple[int, int, str]], a: int, b: int) -> bool:
    return text[tokens[a][1]:tokens[b][0]] in {" ", "\n"}


def _prefix_at(tokens: list[tuple[int, int, str]], i: int, text: str) -> tuple[int, str]:
    first = tokens[i][2].lower()
    for words in _DISTRICT_PREFIXES:
        if words[0] != first or i + len(words) > len(tokens):
            continue
        if len(words) == 1 or tokens[i + 1][2].lower() == words[1]:  # the prefixes have one or two words
            if len(words) == 2 and not _gap_is_space(text, tokens, i, i + 1):
                continue
            if i + len(words) < len(tokens):
                gap = text[tokens[i + len(words) - 1][1]:tokens[i + len(words)][0]]
                if gap not in {" ", ". ", ".", "\n"}:
                    continue
            return len(words), " ".join(words)
    return 0, ""


def _match_after_prefix(text, tokens, j, prefix, bare, prefixed, districts):  # type: ignore[no-untyped-def]
    """Longest province or district name starting at token j, after a prefix."""
    n = len(tokens)
    for k in range(min(n, j + _MAX_WORDS), j, -1):
        if not _is_capitalised(tokens[j][2]):
            return None
        span = text[tokens[j][0]:tokens[k - 1][1]]
        if "\n" in span or len(span) > 40:
            continue
        key = _title_if_upper(span)
        if prefix in {"tỉnh", "thành phố", "tp"}:
            province = bare.get(key) or prefixed.get(key)
            if province and not (prefix == "tỉnh" and province == "Thừa Thiên Huế" and key == "Huế"):
                # "thành phố Yên Bái" is a city inside Yên Bái; either way the province is Yên Bái
                return k, "province" if prefix == "tỉnh" or _is_city_province(province) else "district", province, None
        if prefix != "tỉnh":
            candidates = districts.get(key, ())
            if candidates:
                wanted = "thành phố" if prefix == "tp" else prefix
                typed = tuple(d for d in candidates if d.type == wanted) or candidates
                provinces = {d.province for d in typed}
                if len(provinces) == 1:
                    return k, "district", next(iter(provinces)), None
                return k, "district", None, typed
    return None


def _is_city_province(name: str) -> bool:
    info = province_info(name)
    return bool(info and info.type == "thành phố")


def _title_if_upper(span: str) -> str:
    # str.isupper() ignores digits and punctuation: "THANH HÓA" yes, "Thanh Hóa" no
    if len(span) > 3 and span.isupper():
        return canon(span.title())
    return span


@lru_cache(maxsize=1)
def _bare_first_words() -> frozenset[str]:
    """The first word of every bare province name, lower-cased: a token that is none of them starts no name."""
    bare, _ = _province_index()
    return frozenset(key.split()[0].lower() for key in bare)


@lru_cache(maxsize=4096)
def _first_word(word: str) -> str:
    """A token as the keys of _bare_first_words are written (cached: names recur on every page)."""
    return canon(word).lower()


def _match_bare(text, tokens, i, bare):  # type: ignore[no-untyped-def]
    if _first_word(tokens[i][2]) not in _bare_first_words():
        return None
    n = len(tokens)
    for k in range(min(n, i + _MAX_WORDS), i, -1):
        span = text[tokens[i][0]:tokens[k - 1][1]]
        if "\n" in span or len(span) > 40:
            continue
        province = bare.get(_title_if_upper(span))
        if province is None:
            continue
        if _blocked(text, tokens, i, k, province):
            return None
        return k, province
    return None


def _blocked(text, tokens, i, k, province) -> bool:  # type: ignore[no-untyped-def]
    """Reject a bare province name that is part of another name."""
    if i > 0:
        prev = tokens[i - 1][2]
        gap = text[tokens[i - 1][1]:tokens[i][0]]
        if gap == " ":
            if prev.lower() in _BLOCKING_WORDS or prev in _NAME_WORDS:
                return True
            if prev == "Thái" and province == "Bình Dương":  # Thái Bình Dương = Pacific Ocean
                return True
    if k < len(tokens) and text[tokens[k - 1][1]:tokens[k][0]] == " ":
        nxt = tokens[k][2]
        if province == "Thái Bình" and nxt == "Dương":
            return True
    return False
