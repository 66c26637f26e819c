"""Every rule of every reader's table is run on its own example (written for the table, not
taken from any corpus): the rule must match there and the reader must give the example's value;
a rule that decides a field must be the one the count's trace names. And the rule tables in
docs/extraction.md are the ones in the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.figures import find_figures, read_counts
from extractors.figures.rules import Rule, RuleTable, rule_tables, rules_markdown

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_DATE = "2024-06-15"  # every example is read as if published on this day

# cues that speak without deciding: they stop a stronger cue from being read into the count, or
# keep a plan from carrying over ("weak": has, reaches, recognises)
_NEUTRAL = {"neutral", "weak"}


def _rows() -> list[tuple[RuleTable, Rule]]:
    return [(table, rule) for table in rule_tables() for rule in table]


def _value(table: RuleTable, count) -> object:  # type: ignore[no-untyped-def]
    if table.field == "stars":
        return count.stars
    if table.field == "status":
        return count.status
    if table.field == "year":
        return count.year
    if table.field == "basis":
        return count.basis
    if table.field == "place":
        return count.places[0] if count.places else None
    if table.field == "whole":
        return count.whole.value if count.whole is not None else None
    raise AssertionError(table.field)


@pytest.mark.parametrize(("table", "rule"), _rows(), ids=lambda x: x.name if isinstance(x, Rule) else x.reader)
def test_rule_example(table: RuleTable, rule: Rule) -> None:
    ex = rule.example
    if rule.value in _NEUTRAL:  # a cue that decides nothing must at least be in its example
        assert rule.regex.search(ex.text), f"{rule.name}: its pattern does not occur in its own example"
    counts = [c for c in read_counts(ex.text, as_of=ARTICLE_DATE) if c.value == ex.count]
    assert counts, f"{rule.name}: no count {ex.count} in the example"
    if table.field == "one figure":
        figures = [f for f in find_figures(ex.text, as_of=ARTICLE_DATE) if f.count == ex.count]
        assert len(figures) == ex.value
        assert any(c.trace.get("merge") == rule.name for c in counts), [c.trace for c in counts]
        return
    if table.field == "is a result":
        figures = [f for f in find_figures(ex.text, as_of=ARTICLE_DATE) if f.count == ex.count]
        if ex.value is None:
            assert not figures, f"{rule.name}: the count is still a figure"
        else:
            assert figures, f"{rule.name}: the count was dropped"
        assert any(c.trace.get("result") == rule.name for c in counts), [c.trace for c in counts]
        return
    decided = [c for c in counts if c.trace.get(table.field) == rule.name]
    if rule.value in _NEUTRAL:
        assert any(_value(table, c) == ex.value for c in counts), [(c.trace, _value(table, c)) for c in counts]
        return
    assert decided, f"{rule.name} decided nothing here: {[c.trace for c in counts]}"
    assert any(_value(table, c) == ex.value for c in decided), [(c.trace, _value(table, c)) for c in decided]


def test_rule_names_are_unique_across_tables() -> None:
    names = [(t.field, r.name) for t, r in _rows()]
    assert len(names) == len(set(names))


def test_docs_list_the_rule_tables_of_the_code() -> None:
    docs = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    begin, end = "<!-- figure-rules:begin -->", "<!-- figure-rules:end -->"
    assert begin in docs and end in docs, "docs/extraction.md has no generated rule tables"
    listed = docs.split(begin, 1)[1].split(end, 1)[0].strip()
    assert listed == rules_markdown().strip(), (
        "docs/extraction.md lists other rules than extractors/figures; regenerate the block with "
        "python -c \"from extractors.figures.rules import rules_markdown; print(rules_markdown())\""
    )


def _texts() -> list[str]:
    """The self-written gold passages and every rule's example: text to check the speed-ups on."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures").glob("*/*.txt"))]
    return texts + [rule.example.text for _, rule in _rows()]


@pytest.mark.parametrize(("table", "rule"), [(t, r) for t, r in _rows() if r.needs],
                         ids=lambda x: x.name if isinstance(x, Rule) else x.reader)
def test_every_match_holds_a_needed_word(table: RuleTable, rule: Rule) -> None:
    """Rule.needs lets the pattern be skipped where none of its words occurs: true only if every match
    holds one."""
    for text in _texts():
        for m in rule.regex.finditer(text):
            assert any(w in m.group(0).lower() for w in rule.needs), (rule.name, m.group(0))


@pytest.mark.parametrize(("table", "rule"), [(t, r) for t, r in _rows() if r.lower_regex is not None],
                         ids=lambda x: x.name if isinstance(x, Rule) else x.reader)
def test_the_lower_case_pattern_finds_the_same_matches(table: RuleTable, rule: Rule) -> None:
    for text in _texts():
        low = text.lower()
        assert len(low) == len(text)
        assert [m.span() for m in rule.regex.finditer(text)] == [m.span() for m in rule.lower_regex.finditer(low)]


def test_a_letter_that_folds_apart_keeps_the_original_patterns() -> None:
    # "ſ" matches "s" ignoring case but its lower case is itself: the text is read as it is
    text = "Tỉnh có 12 ſản phẩm OCOP đạt 4 sao."
    assert [(f.count, f.stars) for f in find_figures(text)] == [(12, "4")]


def test_may_hold_skips_a_match_only_where_no_needed_word_is() -> None:
    # RuleTable.may_hold gates the matches that read far into their window ('expired-since', 'paid-per-product')
    from extractors.figures.lowercase import LAST, lowered
    from extractors.figures.result import TABLE

    text = "Có 3 sản phẩm từng được công nhận OCOP 3 sao năm 2021 nhưng giấy chứng nhận đã hết hạn."
    lowered(text)
    start = text.index("sản phẩm") + len("sản phẩm")
    assert TABLE.may_hold("expired-since", text, start, len(text))
    assert TABLE.match("expired-since", text, start, len(text))
    assert not TABLE.may_hold("expired-since", text, start, text.index("nhưng"))
    LAST[0] = ("", "")  # the lower case not known: every pattern may be tried
    assert TABLE.may_hold("expired-since", text, start, text.index("nhưng"))
    folds = "Có 3 ſản phẩm, NHƯNG đã hết hạn."  # a letter that folds apart: no lower case to read
    lowered(folds)
    assert TABLE.may_hold("expired-since", folds, 0, 5)
