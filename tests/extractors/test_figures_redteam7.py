"""Seventh red-team round: the registers of the weakest real sets (dev-4xx, dev-5xx), written anew on
invented facts — a round's ceremony or conference (``cerem``), a district's or town's feature story
(``distr``), a provincial decision or a council's vote (``decis``), a stock report with its ranking by
place (``tally``), a plan or programme with its targets (``target``), national and trade-paper
pages about 5-star products (``natl``). Long sentences, district-by-district enumerations, targets
and results side by side, dates only in headings, ``- `` rows, quoted officials, numbers in words and
leading zeros, in wording that is not the earlier rounds'. Annotated by GOLD_FORMAT.md (the dev-4xx
and dev-5xx gold as the arbiters of conventions, named in each passage's ``note``) and committed
before the extractor was run on them.

The passages are data in ``tests/extractors/redteam7/``, in the first round's format (read and scored
by that module's loader and scorer); a ``year`` or ``basis`` of ``"?"`` is not compared; ``xfail``
says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Seventh red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam7.py`` prints the scores per register.
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
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam7")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(28, 33))
    assert all(len(p["text"]) >= 1500 for p in PASSAGES)  # real length, as the brief asked


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
