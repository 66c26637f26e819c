"""Score the whole extraction pipeline on the held-out gold folders in tests/fixtures/.

Each folder holds passages written for the project in constructions and kinds of article the
dev corpus lacks, annotated by GOLD_FORMAT.md's rules before the extractors were run on them:

* ``heldout``: short passages — reversed "3 sao: 25 sản phẩm" lists, flattened tables, number
  words, ranges, "SP", plans, proposals, re-certification, NFD text, negatives;
* ``heldout2``: long full pages — interviews with "PV:", council meetings, a decision with its
  annex, year-end summaries full of other numbers, roundups, header clocks and sidebars;
* ``heldout3``: Mekong-delta features, Central Highlands reports, a department's year report, a
  Tỉnh ủy resolution, a trade-fair release, counts after colons and in brackets.

Floors live in tests/heldout_floors.json, so a grammar or date change that loses one of these
constructions fails here rather than silently on real pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.evaluate import evaluate, format_table

TESTS = Path(__file__).resolve().parent.parent
FLOORS = {k: v for k, v in json.loads((TESTS / "heldout_floors.json").read_text()).items() if not k.startswith("_")}
METRICS = ("figures_strict", "figures_lenient", "documents")


@pytest.fixture(scope="module")
def reports():
    return {}


def _report(reports, folder):
    if folder not in reports:
        reports[folder] = evaluate(TESTS / "fixtures" / folder)
    return reports[folder]


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_folder_is_as_large_as_it_was(reports, folder):
    report = _report(reports, folder)
    assert report.passages >= FLOORS[folder]["min_passages"]
    assert report.figures_strict.expected >= FLOORS[folder]["min_figures"]


@pytest.mark.parametrize(("folder", "metric"),
                         [(f, m) for f in sorted(FLOORS) for m in (*METRICS, "published") if m in FLOORS[f]])
def test_floor(reports, folder, metric):
    report = _report(reports, folder)
    score = report.published.value if metric == "published" else getattr(report, metric).f1
    assert score >= FLOORS[folder][metric], format_table(report, verbose=True)
