"""The place reader: the province, district or commune a count is about (``place``), and its level
(``place_level``: ``province`` | ``district`` | ``commune`` | ``national``).

Places are found once for the whole passage (``extractors.places.find_places``) and looked up by
offset. A name listed before "mỗi địa phương có N" spreads the count over each place; a name right
before the count in a list ("Phú Thiện 4 sản phẩm", "xã Tam Lập (2 sản phẩm)") is its place.
"""

from __future__ import annotations

import bisect
import re
from itertools import takewhile

from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded, known_lower, may_contain
from extractors.figures.passage import Passage
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.figures.zones import LOOK_BACK, own_end
from extractors.places import is_place_name, province_info, resolve

NATIONAL = "Việt Nam"
_UNIT = (r"(?:địa\s+phương|đơn\s+vị|nơi|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|xã|phường|thị\s+trấn|đặc\s+khu)(?!\w)")
# the level of a distributive phrase, by its first unit word ("mỗi địa phương": none)
_UNIT_LEVELS = (("xã", "commune"), ("phường", "commune"), ("thị trấn", "commune"), ("thị xã", "district"),
                ("huyện", "district"), ("quận", "district"), ("thành phố", "district"), ("tỉnh", "province"))
_I = re.IGNORECASE
_NAME = r"(?-i:[A-ZĐÀ-Ỹ][\w'’-]*(?:[ \t]+[A-ZĐÀ-Ỹ][\w'’-]*){0,3})"
_PREFIX = r"(?:huyện|quận|thị\s+xã|thành\s+phố|TP\.?|xã|phường|thị\s+trấn)"

TABLE = RuleTable("place", "place", [
    Rule("distributive", r"\(?\s*mỗi\s+(?:địa\s+phương|huyện|quận|xã|nơi|đơn\s+vị|thị\s+xã|tỉnh|thành\s+phố|phường"
                         r"|thị\s+trấn)(?:\s+(?:đều\s+)?(?:có|đạt|với))?(?:\s+(?:ít\s+nhất|tối\s+thiểu|khoảng|trên|hơn"
                         r"|gần))?\s*$|(?<!\w)cùng\s+(?:có|đạt)(?:\s+(?:ít\s+nhất|khoảng|trên|hơn))?\s*$", "each place listed before",
         Example("Các huyện Yên Lạc và Tam Dương (mỗi địa phương có 5 sản phẩm).", 5, "huyện Yên Lạc"),
         "'A, B và C mỗi địa phương có N', 'A và B cùng có N': one figure per place", needs=("mỗi", "cùng")),
    Rule("distributive-phrase", rf"(?<!\w)(mỗi\s+{_UNIT}(?:\s*,\s*{_UNIT}){{0,3}})"
                                r"(?:\s+(?:đều|phải|sẽ|cần|phấn\s+đấu)){0,2}(?:\s+(?:có|đạt|với))?"
                                r"(?:\s+(?:ít\s+nhất|tối\s+thiểu|khoảng|trên|hơn|gần|từ))?\s*$", "the phrase as written",
         Example("Năm 2025, mỗi huyện, thành phố có ít nhất 3 sản phẩm OCOP 4 sao.", 3, "mỗi huyện, thành phố"),
         "'mỗi xã/huyện (, thành phố) có (ít nhất) N' with no places listed: the count is about each unit, "
         "written so, at the unit's level (not comparable with any one place's count)", needs=("mỗi",)),
    Rule("of-place", rf"\s*(?:ocop\s+)?(?:của|tại|thuộc)\s+({_PREFIX}\s+[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){{0,3}})",
         "the place named", Example("Trong đợt này có 6 sản phẩm của huyện Lục Ngạn.", 6, "huyện Lục Ngạn"),
         "'N sản phẩm của/tại/thuộc huyện X'", needs=("của", "tại", "thuộc")),
    Rule("national-after", r"\s*(?:ocop\s+)?(?:trên|của|tại)\s+(?:phạm\s+vi\s+|địa\s+bàn\s+)?(?:cả\s+nước|toàn\s+quốc)(?!\w)",
         "Việt Nam", Example("Infographic: 17.400 sản phẩm OCOP trên cả nước tính đến 30/6/2025.", 17400, "Việt Nam"),
         "'N sản phẩm (OCOP) trên cả nước / của toàn quốc': the national total, named after the count",
         needs=("nước", "quốc")),
    Rule("list-entry", rf"(?<!\w)((?:{_PREFIX}\s+)?{_NAME})\s*\)?\s*,?\s*(?:\(\s*|có\s+|:\s*|với\s+|là\s+)?$",
         "the name before the count",
         Example("Số sản phẩm theo huyện: Phú Thiện 4 sản phẩm, Mang Yang 2 sản phẩm.", 2, "Mang Yang"),
         "a list entry: a name right before its count ('Phú Thiện 4 sản phẩm', 'xã Tam Lập (2 sản phẩm)')"),
    Rule("named-in-clause", r"", "the last place named",
         Example("Năm 2021 huyện Mường Tè có 06 sản phẩm OCOP.", 6, "huyện Mường Tè"),
         "the last place named between the previous count and this one ('cả nước', 'toàn quốc' name Việt Nam)"),
    Rule("district-anaphor", r"(?<!\w)(?<!mỗi )(?<!Mỗi )(?<!các )(?<!Các )(?<!những )(?<!nhiều )(?<!hai )(?<!ba )"
                             r"(?:huyện|thị\s+xã|quận)(?!\s+(?-i:[A-ZĐÀ-Ỹ]))(?!\w)", "the district named before",
         Example("Huyện Yên Thế có 21 sản phẩm OCOP. Năm 2024 huyện có thêm 5 sản phẩm.", 5, "huyện Yên Thế"),
         "'huyện' alone refers to the district named before (or in the title)", needs=("huyện", "thị", "quận")),
    Rule("whole-place", r"trong\s+đó", "the whole's place",
         Example("Huyện Na Hang có 12 sản phẩm, trong đó 3 sản phẩm 4 sao.", 3, "Huyện Na Hang"),
         "a part is about its whole's place"),
    Rule("list-place", r",|;|và", "the previous count's place",
         Example("Huyện Na Hang có 8 sản phẩm 3 sao và 2 sản phẩm 4 sao.", 2, "Huyện Na Hang"),
         "a count in a list is about the place of the count before it, unless 'toàn tỉnh' intervenes"),
    Rule("main-province", r"$", "the article's main province",
         Example("Toàn tỉnh có 70 sản phẩm OCOP.", 70, None), "otherwise the province the article is about"),
], doc="Tried in this order.", values="a place as written, `Việt Nam`, or the article's province")

_WHOLE_PROVINCE = Folded(r"(?<!\w)(?:toàn|cả)\s+(?:tỉnh|thành\s+phố|thành)(?!\w)")
_NAMED_DISTRICT = re.compile(r"(?<!\w)(?i:huyện|thị\s+xã|quận)\s+[A-ZĐÀ-Ỹ][\w'’-]*(?:[ \t]+[A-ZĐÀ-Ỹ][\w'’-]*){0,3}")
_TOWN_WORD = re.compile(r"thị\s+xã")  # a prefix word of two, tried where the lower case has "thị"
_ADMIN_PREFIX = re.compile(r"^(?:huyện|quận|thị\s+xã|thành\s+phố|tp\.?|tỉnh|xã|phường|thị\s+trấn)$", _I)
_COMMUNE = re.compile(r"^(?:xã|phường|thị\s+trấn)\s", _I)
_DISTRICT = re.compile(r"^(?:huyện|quận|thị\s+xã|thành\s+phố|tp\.?)\s*", _I)
# capitalised words that open a sentence or clause and are not names
_NOT_NAMES = frozenset(
    ["trong", "theo", "năm", "có", "các", "những", "tỉnh", "toàn", "cả", "đến", "tính", "hiện", "riêng", "sau", "qua", "từ", "tại", "với", "và", "là", "cụ", "thể", "đó", "ngoài", "đặc", "biệt", "trước", "thành", "phố", "huyện", "xã", "kết", "quả", "đồng", "thời", "bên", "cạnh", "như", "vậy", "tiếp", "đứng", "dẫn", "đầu", "gồm", "số", "lượng", "tổng"])


def districts_named(p: Passage) -> list[tuple[int, str]]:
    """(position, "huyện X") of every district named with its prefix; the title's at position -1, so
    an interview titled "Chủ tịch UBND huyện Thanh Hà: …" resolves "huyện"."""
    found = [(-1, m.group(0)) for m in _NAMED_DISTRICT.finditer(p.title or "")]
    found += [(m.start(), m.group(0)) for m in _named_districts(p.text)]
    return [(pos, name[0].lower() + name[1:]) for pos, name in found]


def _named_districts(text: str) -> list[re.Match[str]]:
    """``_NAMED_DISTRICT.finditer(text)``, tried only where the lower case holds a prefix word (found
    by a plain search, which skips to its letters): every match starts at one, and the text's lower
    case has its offsets (``lowercase.lowered``)."""
    low = known_lower(text)
    if low is None:
        return list(_NAMED_DISTRICT.finditer(text))
    out: list[re.Match[str]] = []
    end = 0
    for start in _prefix_words(low):
        if start >= end:
            m = _NAMED_DISTRICT.match(text, start)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def _prefix_words(low: str) -> list[int]:
    """Where "huyện", "quận" and "thị xã" start in ``low``, in order: plain searches for the words
    instead of one alternation, which stopped at every "h", "q" and "t" of the text. No two of the
    words can overlap, so these are the starts of that alternation's matches."""
    starts: list[int] = []
    for word in ("huyện", "quận"):
        k = low.find(word)
        while k != -1:
            starts.append(k)
            k = low.find(word, k + len(word))
    k = low.find("thị")
    while k != -1:
        if _TOWN_WORD.match(low, k):
            starts.append(k)
        k = low.find("thị", k + 3)
    starts.sort()
    return starts


def read_place(p: Passage, c: Count, prev: Count | None, districts: list[tuple[int, str]]) -> None:
    text = p.text
    sent = p.sentences[c.sent]
    spread = _distributive(p, c)
    if spread:
        c.places = spread  # type: ignore[assignment]
        return _decided(c, "distributive", None)
    each = TABLE.search("distributive-phrase", text, max(sent.start, c.start - 80), c.start)
    if each:
        phrase = " ".join(text[each.start(1):each.end(1)].split())  # as written (a match's groups may be lower case)
        c.places = [phrase]
        return _decided(c, "distributive-phrase", _unit_level(phrase))
    of = TABLE.match("of-place", text, c.noun_end, min(sent.end, c.noun_end + 60))
    if of:
        name = _capitalised_name(of.group(1))
        c.places = [name]
        return _decided(c, "of-place", level_of_written(name))
    if TABLE.may_hold("national-after", text, c.noun_end, min(sent.end, c.noun_end + 40)) and TABLE.match(
            "national-after", text, c.noun_end, min(sent.end, c.noun_end + 40)):
        c.places = [NATIONAL]
        return _decided(c, "national-after", "national")
    gap_start = max(own_end(prev) if prev else sent.start, c.start - LOOK_BACK, sent.start)
    gap_start = min(gap_start, c.start)
    named = p.places_in(gap_start, c.start)
    entry = _list_entry(p, c, gap_start)
    if entry is not None:
        c.places = [entry[0]]
        return _decided(c, "list-entry", entry[1])
    if named:
        last = named[-1]
        c.places = [last.name]
        return _decided(c, "named-in-clause", last.level)
    if districts and TABLE.search("district-anaphor", text, gap_start, c.start):
        k = bisect.bisect_left(districts, (c.start, "")) - 1
        if k >= 0:
            c.places = [districts[k][1]]
            return _decided(c, "district-anaphor", "district")
    if c.whole is not None and c.whole.places and len(c.whole.places) == 1:
        c.places = list(c.whole.places)
        return _decided(c, "whole-place", c.whole.place_level)
    if prev is not None and len(prev.places) == 1 and prev.places[0] and not _WHOLE_PROVINCE.search(
            text, gap_start, c.start):
        c.places = list(prev.places)
        return _decided(c, "list-place", prev.place_level)
    c.places = [p.default_place]
    return _decided(c, "main-province", "province" if p.default_place else None)


def _unit_level(phrase: str) -> str | None:
    unit = phrase.split(None, 1)[1].lower()
    return next((level for word, level in _UNIT_LEVELS if unit.startswith(word)), None)


def _capitalised_name(written: str) -> str:
    """A prefixed place name without the lower-case words after it: "huyện Văn Yên và" (… và 3 sản
    phẩm của huyện Yên Bình) is "huyện Văn Yên"."""
    prefix = _DISTRICT.match(written) or _COMMUNE.match(written)
    if prefix is None:
        return written
    words = written[prefix.end():].split()
    kept = words[:1] + list(takewhile(lambda w: w[:1].isupper(), words[1:]))
    return (written[:prefix.end()] + " ".join(kept)).strip()


def _decided(c: Count, rule: str, level: str | None) -> None:
    c.place_level = level
    c.decide("place", rule)


def level_of_written(name: str) -> str | None:
    """The level of a place name as written: by its prefix, else a province's own name."""
    if _COMMUNE.match(name):
        return "commune"
    if _DISTRICT.match(name):
        rest = _DISTRICT.sub("", name)
        hit = resolve(rest)
        info = province_info(hit[0]) if hit else None
        if info is not None and info.type == "thành phố" and rest.lower() in (info.name.lower(),):
            return "province"
        return "district"
    if name == NATIONAL:
        return "national"
    hit = resolve(name)
    if hit and hit[0].lower() == name.lower():
        return "province"
    return None


_ENTRY_BEFORE = re.compile(r"(?:[,;:(]|(?<!\w)(?:và|gồm|là|với|như|có|tại))\s*$|^\W*$", _I)


def _list_entry(p: Passage, c: Count, gap_start: int) -> tuple[str, str | None] | None:
    """A capitalised name right before the count in a list: "Phú Thiện 4 sản phẩm", "Bắc Hà có 31
    sản phẩm", "xã Tam Lập (2 sản phẩm)", "(huyện Củ Chi) có 3 sản phẩm"."""
    text = p.text
    lo = max(gap_start, c.start - 60)
    if text[lo:c.start].islower() or lo >= c.start:
        return None  # no capital letter, no name
    m = TABLE.search("list-entry", text, lo, c.start)
    if m is None or not _ENTRY_BEFORE.search(text[lo:m.start()]):
        return None
    name = m.group(1).strip()
    if name.isupper() and len(name) > 3:  # a headline in capitals: only a known place is a name
        hit = resolve(name.title())
        return (name, level_of_written(name.title()) or "district") if hit else None
    words = name.split()
    prefix = _DISTRICT.match(name) or _COMMUNE.match(name)  # "thị trấn", "thành phố": two lower-case words
    named = name[prefix.end():].split() if prefix else words[1:]
    if not all(w[:1].isupper() for w in named if not _ADMIN_PREFIX.match(w)):
        return None  # "Quảng Trị đã có": a name and the words after it
    while not prefix and words and (words[0].lower() in _NOT_NAMES and not _ADMIN_PREFIX.match(words[0])):
        words = words[1:]
    if not words or (words[0].lower() in _NOT_NAMES and len(words) == 1):
        return None
    name = " ".join(words)
    if not any(w[:1].isupper() for w in words):
        return None
    if name.lower() in _NOT_NAMES or len(name) < 3:
        return None
    level = level_of_written(name)
    if level is None:
        if not is_place_name(name):
            return None  # "Ninh Thuận: Thêm 84 sản phẩm": a capitalised word, not a place
        level = "district"  # a bare name in a list of a province's counts is one of its districts
    return name, level


def _distributive(p: Passage, c: Count) -> list[str]:
    """Names listed before "mỗi địa phương có N sản phẩm", one per figure."""
    text = p.text
    sent = p.sentences[c.sent]
    left_start = max(sent.start, c.start - 200)
    if not may_contain(text, TABLE["distributive"].needs, left_start, c.start):
        return []
    left = text[left_start:c.start]
    m = TABLE["distributive"].regex.search(left)
    if not m:
        return []
    names = _listed_at_end(left[:m.start()])
    if names:
        return names
    # "Thanh Trì, Chương Mỹ và Phú Xuyên có nhiều sản phẩm 4 sao nhất, mỗi địa phương có 12": the
    # places are the subject of the clause before the comma
    comma = left.rfind(",", 0, m.start())
    if comma == -1:
        return []
    clause = left[:comma]
    opened = max(clause.rfind(x) for x in ".;:") + 1
    verb = re.search(r"\s(?:là|có|đều|dẫn\s+đầu|được|chiếm)\s", clause[opened:])
    return _listed_at_end(clause[opened:opened + verb.start()]) if verb else []


def _listed_at_end(left: str) -> list[str]:
    """The names listed at the end of ``left`` ("Các huyện Yên Lạc, Tam Dương và Sông Lô"), two or more."""
    tokens = re.findall(r"[^\W\d_][\w'’.-]*|,|\S", left)
    items: list[list[str]] = [[]]
    for tok in reversed(tokens):
        if tok in (",", "và", "&"):
            if not items[-1]:
                break
            items.append([])
            continue
        if tok[0].isupper() or (_ADMIN_PREFIX.match(tok) and items[-1]):
            items[-1].insert(0, tok)
            continue
        if tok.lower() in ("thị", "thành", "thị trấn") and items[-1]:
            items[-1].insert(0, tok)
            continue
        break
    for item in items:  # "Các huyện Yên Lạc": keep from the administrative prefix on
        k = next((j for j, w in enumerate(item) if j > 0 and _ADMIN_PREFIX.match(w)), 0)
        del item[:k]
        while item and item[0].lower() in _NOT_NAMES and not _ADMIN_PREFIX.match(item[0]):
            del item[0]
    names = [" ".join(i) for i in reversed(items) if i]
    names = [n for n in names if n and any(w[0].isupper() for w in n.split())]
    return names if len(names) >= 2 else []


TABLES = [TABLE]
