"""The patterns written for speed find exactly what their plain forms find.

Python's ``re`` skips to a pattern's first character in C only when the pattern opens with a
literal or a character class, so a few hot patterns open with their first character and test the
character before it afterwards (``(?<!\\d)(?:19|20)`` became ``(?:1(?<!\\d1)9|2(?<!\\d2)0)``). Each
is compared here with its plain form on generated strings, with and without start and end
positions (a lookbehind reads before the start position, a lookahead stops at the end position).
A change to one of these patterns must be made to its plain form below as well.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from extractors import dates, documents, html, places
from extractors.figures import basis, grammar, place, status
from extractors.figures.candidates import _at_digit_runs
from extractors.figures.rules import Example, Rule, RuleTable
from harvester.fixture_portals.farm import build_site

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

_YEARS = ["2024", "1999", "2019", "12", "1", "9", "20", "0", "/NĐ", " / Q", "-", " ", "x", "\n"]
_BREAKS = [".", "!", "?", "…", "...", "\n", "\n\n", " \t\n", "”", ")", "]", " ", "a", "B", "1.316"]
_NOUNS = ["sản phẩm", "san pham", "sản  phẩm", "sp", "ssp", "x", " ", "\n", "s", "p", "1", "phẩm"]
_TONES = ["o", "O", "u", "U", "á", "ạ", "é", "ý", "ỵ", "a", "1", " ", "_", "Hoá", "Thuỵ", "oà"]
_NUMBERS = ["số", "Số", "SỐ", "ſố", "xsố", " ", ":", "\t", "12", "2", "1.5", "/", "-", " sản phẩm", " xã",
            "a", "\n", "số 12", "Số: 45"]
_ISO = ["2025", "1999", "-03", "-10", "T", " ", "08:30", ":00", "+07:00", "Z", "+0700", ".123", "1", "x",
        "2025-03-10", "12019-01-02"]


def _strings(pieces: list[str], seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 9))) for _ in range(count)]


def _found(pattern: re.Pattern[str], text: str, *bounds: int) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, *bounds)]


@pytest.mark.parametrize(("fast", "plain", "pieces"), [
    (grammar.YEAR_RE, re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)(?!\s*/\s*[A-ZĐ])"), _YEARS),
    (grammar.SENTENCE_BREAK_RE, re.compile(r"\n[ \t]*\n|\n|[.!?…]+[\"”’»)\]]*(?=\s)"), _BREAKS),
    (grammar.NOUN_LOWER_RE, re.compile(r"s[ảa]n\s+ph[ẩa]m(?!\w)|(?<!\w)sp(?!\w)"), _NOUNS),
    (places._OLD_STYLE, re.compile(r"(?:[oO][áàảãạéèẻẽẹ]|[uU][ýỳỷỹỵ])(?![^\W\d_])"), _TONES),
    (documents._BARE_NUMBER, re.compile(
        rf"(?<!\w)số[ \t]*:?[ \t]*(?P<number>\d{{1,5}})(?![\w/-]|[.,]\d)(?![ \t]*(?:{documents._COUNTED}))",
        re.IGNORECASE), _NUMBERS),
    (dates._ISO, re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?:(?:[T ]|\+0?7)(\d\d):(\d\d)(?::(\d\d))?"
                            r"(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?"), _ISO),
], ids=["year", "sentence-break", "noun", "old-style-tone", "bare-number", "iso-date"])
def test_a_fast_pattern_finds_what_its_plain_form_finds(fast, plain, pieces):
    matched = 0
    for text in _strings(pieces, seed=len(pieces)):
        assert _found(fast, text) == _found(plain, text), text
        for bounds in ((1,), (2, len(text) - 1)):
            if len(text) > bounds[0]:
                assert _found(fast, text, *bounds) == _found(plain, text, *bounds), (text, bounds)
        matched += bool(_found(plain, text))
    assert matched > 100  # the strings exercise the pattern, not only its misses


def test_counts_sharing_a_noun_are_found_at_the_digit_runs_as_everywhere():
    rnd = random.Random(6)
    nums = ["1", "12", "1.316", "2,5", "07", "٣", "１2", "a1", "x12", ".5", "3/4"]
    joins = [" và ", " VÀ ", "và", " , ", "  và\n", " "]
    nouns = [" sản phẩm", " SP", " san pham", "", " sp"]
    matched = 0
    for _ in range(3000):
        parts = [x for _ in range(rnd.randint(1, 4)) for x in (rnd.choice(nums), rnd.choice(joins))]
        text = "".join([*parts, rnd.choice(nums), rnd.choice(nouns)])
        everywhere = [m.span() for m in grammar.SHARED_NOUN_AND_RE.finditer(text)]
        assert [m.span() for m in _at_digit_runs(grammar.SHARED_NOUN_AND_RE, text)] == everywhere, text
        matched += bool(everywhere)
    assert matched > 100


_TOTALS = ["tổng số", "Tổng Số", "TỔNG SỐ", "số lượng", "Số Lượng", "số", "Số", "xsố", " ", "  ", "\n", "sản phẩm",
           "SẢN PHẨM", "san pham", " OCOP", " ocop", " Ocop", " lên", " LÊN", " là", " đạt", " tăng", " tới", " đến",
           " con số", " 12", " 1.316", "7", "%", " xã", ".", ",", ":", " sản phẩm", "x", "ſố"]


def test_the_lower_case_total_finds_what_the_total_finds():
    """The count of "tổng số sản phẩm … lên N", read on the lower case (a text without a letter that
    folds apart), is found where and as the case-insensitive pattern finds it."""
    rnd = random.Random(13)
    matched = 0
    for _ in range(4000):
        # mostly the shape of a total ("Tổng số sản phẩm OCOP của tỉnh lên 312"), a piece changed here and there
        shape = [rnd.choice(_TOTALS[:7]), rnd.choice([" sản phẩm", " SẢN PHẨM", " san pham", " sản  phẩm"]),
                 rnd.choice(["", " OCOP", " ocop"]), rnd.choice(["", " của tỉnh", " x:"]),
                 rnd.choice([" lên", " LÊN", " là", " đạt", " tăng lên", ""]), rnd.choice(["", " tới", " con số"]),
                 rnd.choice([" 12", " 1.316", " 7", "12", " 12,5"]), rnd.choice(["", " sản phẩm", "%", " xã", "."])]
        for _ in range(rnd.randint(0, 3)):
            shape[rnd.randrange(len(shape))] = rnd.choice(_TOTALS)
        text = "".join(shape)
        if any(ch in text for ch in "İıſ"):
            continue  # such a text is read with the case-insensitive pattern
        plain = _found(grammar.TOTAL_WITHOUT_NOUN_RE, text)
        assert _found(grammar.TOTAL_WITHOUT_NOUN_LOWER_RE, text.lower()) == plain, text
        matched += bool(plain)
    assert matched > 100


def _plain_alternation(table: RuleTable) -> re.Pattern[str]:
    """A table's alternation with a group around each rule: its first form."""
    return re.compile("(?<!\\w)(?:" + "|".join(f"(?P<r{i}>{r.pattern})" for i, r in enumerate(table.rules)) + ")",
                      re.IGNORECASE)


def _windows(text: str, seed: int) -> list[tuple[int, int]]:
    rnd = random.Random(seed)
    out = [(0, len(text))]
    for _ in range(40):
        a = rnd.randrange(len(text) + 1)
        out.append((a, min(len(text), a + rnd.randint(0, 300))))
    return out


@pytest.mark.parametrize("table", [status.CUES, basis.CUES], ids=lambda t: t.reader)
def test_a_scanned_table_names_the_rule_its_plain_alternation_names(table: RuleTable) -> None:
    """A scanned table names each rule by an empty group after it; the hits are those of the
    alternation with a group around each rule, on the passages' text and in windows of it."""
    plain = _plain_alternation(table)
    paths = sorted(FIXTURES.glob("*/*.txt"))
    assert paths
    for n, path in enumerate(paths):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        for start, end in _windows(text, n):
            want = [(m.start(), m.end(), table.rules[int(m.lastgroup[1:])].name)
                    for m in plain.finditer(text, start, end)]
            assert [(h.start, h.end, h.name) for h in table.scan(text, start, end)] == want


def test_a_rule_with_groups_of_its_own_is_still_named() -> None:
    table = RuleTable("test", "value", [
        Rule("grouped", r"(đã)\s+(có)", "a", Example("Tỉnh đã có 3 sản phẩm.", 3, "a")),
        Rule("plain", r"có|đã", "b", Example("Tỉnh có 3 sản phẩm.", 3, "b")),
    ])
    hits = table.scan("Tỉnh đã có, rồi có và đã làm")
    assert [(h.text, h.name) for h in hits] == [("đã có", "grouped"), ("có", "plain"), ("đã", "plain")]


_DISTRICT_PIECES = ["huyện", "quận", "thị xã", "thị  xã", "thị\nxã", "thị", "xã", "thịxã", "huyệ", "uyện", "h", "q",
                    "t", " ", "thị thị xã", "quậnhuyện", "a", "\t"]


def test_the_district_prefix_words_are_the_alternations_matches():
    alternation = re.compile(r"huyện|thị\s+xã|quận")
    matched = 0
    for text in _strings(_DISTRICT_PIECES, seed=21):
        want = [m.start() for m in alternation.finditer(text)]
        assert place._prefix_words(text) == want, text
        matched += bool(want)
    assert matched > 100


_TAILS = ["có", "thêm", "cho", "nhận", "đạt", "công nhận", "xếp hạng", " ", "\n", " 18", "12", "1.316", " sản phẩm", " s",
          " sả", " sản", " sản ph", " sản phẩ", " SẢN PHẨ", " ſ", "ſản", " SP", ".", ",", "x", "٣", "²", " \u00a0", "OCOP"]


def test_a_tail_that_cannot_end_a_truncated_count_is_not_searched():
    """``may_end_truncated`` is False only where TRUNCATED_TAIL_RE finds nothing."""
    matched = 0
    rnd = random.Random(22)
    for _ in range(6000):
        # mostly a cut count ("đã công nhận 18", "có 12 sản ph"), a piece changed here and there
        shape = [rnd.choice(_TAILS[:7]), rnd.choice([" 18", " 1.316", " 7", "12", " ٣"]),
                 rnd.choice(["", " s", " sả", " sản", " sản ph", " SẢN PHẨ", " ſ", " sản phẩm", " SP"]),
                 rnd.choice(["", " ", "\n", " \u00a0", ".", "x"])]
        for _ in range(rnd.randint(0, 2)):
            shape[rnd.randrange(len(shape))] = rnd.choice(_TAILS)
        text = "".join(shape)
        found = grammar.TRUNCATED_TAIL_RE.search(text)
        if found:
            assert grammar.may_end_truncated(text), text
        matched += bool(found)
    assert matched > 100


def test_control_characters_are_found_in_the_pages_bytes_as_by_the_class_search():
    """``html._has_control`` deletes the control bytes of the page's UTF-8 form instead of searching
    the text with the class: the same answer for every character, surrogates and astral ones too."""
    rnd = random.Random(29)
    singles = [chr(c) for c in (*range(0x80), 0xA0, 0x1EA1, 0xD800, 0xDFFF, 0xFFFF, 0x10000, 0x10FFFF)]
    for text in singles + ["".join(rnd.choice(singles) for _ in range(rnd.randint(0, 8))) for _ in range(5000)]:
        assert html._has_control(text) == bool(html._CONTROL.search(text)), repr(text)


def _portal_pages() -> list[str]:
    """Every article page of the imitation portals (all sites, all their articles), rendered in process."""
    out = []
    for site_id in ("nukeviet", "wordpress", "liferay", "sharepoint", "generic", "faults", "nukeviet-portal",
                    "wordpress-news", "sharepoint-postback"):
        site = build_site(site_id)
        for post in site.posts:
            response = site.dispatch(post.path, {}, {})
            if response.status == 200:
                out.append(response.body.decode("utf-8", "replace"))
    return out


def test_a_selector_finds_by_its_attribute_what_cssselect_finds(monkeypatch):
    """``html._compiled`` reaches the elements of a step "any element with this attribute value (or class
    name)" through the attribute; every selector main_text runs, on every portal page and every element it is run
    from, and a few more on every page, find what CSSSelector's XPath finds, in the same order."""
    asked: list[tuple[object, str]] = []
    real_css = html._css

    def recording(root, selector):
        asked.append((root, selector))
        return real_css(root, selector)

    monkeypatch.setattr(html, "_css", recording)
    pages = _portal_pages()
    extra = ("#news-bodyhtml", "[itemprop=headline]", "[itemprop=articleBody] p", "#main .content, [role=main]",
             "[id='a b']", "div#news-bodyhtml", "[class=hidden]", ".bodytext", "[class*=news] a", ".news_column p",
             ".a.b, .hidden")
    for page in pages:
        html.main_text(page)
        root = lxml_html.document_fromstring(page)
        asked += [(root, s) for s in extra] + [(el, s) for el in root.iter("div") for s in extra[:2]]
    rewritten = {s for _, s in asked if "node()/@" in html._xpath_of(s)}
    assert {"#news-bodyhtml", "[itemprop=headline]", "#DeltaPlaceHolderMain", ".detail-content",
            "[class*=date], [class*=time], [class*=ngay]"} <= rewritten
    assert len(pages) > 40
    for root, selector in asked:
        if not selector:
            continue
        assert html._compiled(selector)(root) == CSSSelector(selector, translator="html")(root), selector
    for selector in {s for _, s in asked if s} - rewritten:  # the others are run as cssselect writes them
        assert html._xpath_of(selector) == CSSSelector(selector, translator="html").path, selector
