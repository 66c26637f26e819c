"""Sixth red-team round: OCOP counts beside counts that are not OCOP results, in registers where both sit
in one text — market-surveillance and food-safety inspections of OCOP goods (``market``); fairs,
exhibitions, e-commerce listings and supermarket shelves (``promotion``); new-rural-development reports
where OCOP is one criterion among many (``rural``); counts of subjects, cooperatives, members, workers,
hectares, tons and revenue (``producers``); budget support, training and dossiers received, evaluated and
returned (``support``); and other programmes named beside OCOP — VietGAP, geographical indications,
collective marks, typical rural industrial products, craft villages, hotels ranked by stars (``mixed``).
Each passage holds real OCOP figures too (certified counts by stars, targets, running totals). Written on
invented facts and annotated by GOLD_FORMAT.md (dev gold and the earlier rounds as the arbiters of
conventions) before the extractor was run on them.

The passages are data in ``tests/extractors/redteam6/``, in the first round's format (read and scored
by that module's loader and scorer); a ``year`` or ``basis`` of ``"?"`` is not compared; a ``note``
says which counts that look like figures are not, and why; ``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Sixth red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam6.py`` prints the scores per register.
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
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam6")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(30, 41))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
