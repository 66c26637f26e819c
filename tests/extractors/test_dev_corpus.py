"""Score the extractors on the real dev passages (shared corpus) against pinned floors.

The corpus lives beside the repository (harvester.paths.shared_corpus_dir()); the test is
skipped where it is absent. Floors are in tests/eval_floors.json.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extractors.evaluate import evaluate, format_table
from harvester.paths import shared_corpus_dir

FLOORS = json.loads((Path(__file__).resolve().parent.parent / "eval_floors.json").read_text(encoding="utf-8"))
DEV = shared_corpus_dir() / "dev"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev corpus not present")


@pytest.fixture(scope="module")
def report():
    return evaluate(DEV)


def _measured(report) -> dict[str, float]:
    m = report.metrics()
    return {
        "documents_f1": m["documents"]["f1"],
        "documents_issued_accuracy": m["documents_issued"]["accuracy"],
        "published_accuracy": m["published"]["accuracy"],
        "provinces_accuracy": m["provinces"]["accuracy"],
        "figures_strict_f1": m["figures_strict"]["f1"],
        "figures_lenient_f1": m["figures_lenient"]["f1"],
        "year_accuracy": m["year"]["accuracy"],
        "basis_accuracy": m["basis"]["accuracy"],
    }


@pytest.mark.parametrize("metric", [k for k in FLOORS if not k.startswith("_")])
def test_dev_metric_at_or_above_floor(report, metric):
    floor = FLOORS[metric]
    if floor is None:
        pytest.skip(f"{metric} has no floor pinned yet")
    if metric.startswith("figures") and importlib.util.find_spec("extractors.figures") is None:
        pytest.skip("extractors/figures.py is not in this checkout")
    measured = _measured(report)[metric]
    assert measured >= floor, f"{metric} fell to {measured:.3f} (floor {floor})\n" + format_table(report, verbose=True)


def test_dev_corpus_is_scored_whole(report):
    assert report.passages == len(list(DEV.glob("*.json")))
