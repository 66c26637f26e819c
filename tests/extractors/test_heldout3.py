"""Score the whole pipeline on tests/fixtures/heldout3: 15 passages written for the third
independent round (Mekong-delta newspaper features, Central Highlands reports, a Sở NN&PTNT year
report "I. KẾT QUẢ … II. NHIỆM VỤ", a Tỉnh ủy resolution with 2025/2030 targets, a trade-fair press
release full of counts that are not rankings, a single cooperative's story, year-on-year
comparisons, "SP", "4*", counts after colons and in brackets, numbers in words), annotated by
GOLD_FORMAT's rules before the extractor was run on them.

The floors sit a little under the scores measured when this file was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.evaluate import evaluate, format_table

HELDOUT3 = Path(__file__).resolve().parent.parent / "fixtures" / "heldout3"
# first run 0.909 strict / 0.953 lenient; measured 0.970 strict, 0.977 lenient, documents 1.000,
# published 15/15 on 15 passages (134 figures) after the round's fixes
FLOORS = {
    "figures_strict": 0.96,
    "figures_lenient": 0.96,
    "documents": 0.97,
}


@pytest.fixture(scope="module")
def report():
    return evaluate(HELDOUT3)


def test_heldout3_has_passages(report):
    assert report.passages >= 15
    assert report.figures_strict.expected >= 130


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_heldout3_floor(report, metric):
    assert getattr(report, metric).f1 >= FLOORS[metric], format_table(report, verbose=True)


def test_heldout3_published_dates(report):
    assert report.published.value >= 0.93, format_table(report, verbose=True)
