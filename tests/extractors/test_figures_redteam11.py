"""Eleventh red-team round: OCOP news after the July 2025 merger of 63 provinces into 34 and the end of the
district level — a new province's total given with the old provinces' shares ("tỉnh A (cũ) 300 sản phẩm",
"khu vực tỉnh B trước đây", "lần lượt có 185, 142 và 126") (``merged-totals``); communes and wards as the
unit, communes named after the communes merged into them, a ward's products put forward now that the district
council is gone, a commune party congress (``communes``); the transition — certificates of the old province
still valid, re-evaluation of expired products, a round scored by the old council and recognised by the new
province, labels changing address, the national stock (``transition``); year-end 2025 — results against the
plan before and after the merger, "giai đoạn 2021–2025" summaries, "nhiệm kỳ 2025–2030" targets, a regional
meeting of the new units (``year-end-2025``). Written on invented facts with real post-merger province names
and annotated by GOLD_FORMAT.md (dev gold and earlier rounds as the arbiters of conventions) before the
extractor was run on them.

The passages are data in ``tests/extractors/redteam11/``, in the first round's format (read and scored
by that module's loader and scorer); a ``year`` or ``basis`` of ``"?"`` is not compared; a ``note``
says which convention was applied; ``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Eleventh red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam11.py`` prints the scores per register.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _first_round():
    """The first round's module, loaded by path (test modules are not a package here)."""
    path = Path(__file__).with_name("test_figures_redteam.py")
    spec = importlib.util.spec_from_file_location("figures_redteam_first_round", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_round1 = _first_round()
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam11")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(18, 25))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
