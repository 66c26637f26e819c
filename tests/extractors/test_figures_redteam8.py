"""Eighth red-team round: whether a count is new or a running total, and its year, when the wording is
not the project's usual phrasing — stocks said without "đến nay" or "lũy kế" ("đang sở hữu", "đưa số sản
phẩm … lên", "Như vậy, X có", "dẫn đầu … với N", "số sản phẩm … đạt N") (``stock``); a round's or a
year's products said like a stock ("Đợt này có", "năm nay … có", "Trong năm qua", re-evaluated and
upgraded products, per-district counts of a round) (``round``); sums over a period — from the
programme's start (a stock) or from a later year or a term's start (that period's products) (``period``);
and targets of a stock against targets of more products ("đến năm 2025 huyện sở hữu 80" against "mỗi
năm … 12 sản phẩm mới", "tăng thêm 10 so với năm 2025") (``target``). Written on invented facts and
annotated by GOLD_FORMAT.md (dev gold as the arbiter of conventions) before the extractor was run on
them.

The passages are data in ``tests/extractors/redteam8/``, in the first round's format (read and scored
by that module's loader and scorer); a ``year`` or ``basis`` of ``"?"`` is not compared; a ``note``
says which convention was applied; ``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Eighth red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam8.py`` prints the scores per register.
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
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam8")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(18, 23))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
