"""Tenth red-team round: the full text of official documents — a province's or district's OCOP plan
(letterhead, "Căn cứ …" with last year's results, "Chỉ tiêu cụ thể", quotas per year and per district,
an annex list with its total) (``plan``); recognition decisions ("Điều 1. Công nhận N sản phẩm …",
re-recognitions, upgrades, revocations, a proposal for national 5 stars, an annex by district, a decision
that replaces another) (``decision``); reports of a year, a half-year or a phase (results against the
plan, per-commune results, "Tồn tại, hạn chế", next year's tasks, "9/148") (``report``); council
resolutions, party directives and resolutions with targets and support per product (``resolution``).
Written on invented facts and annotated by GOLD_FORMAT.md (dev gold and earlier rounds as the arbiters
of conventions) before the extractor was run on them.

The passages are data in ``tests/extractors/redteam10/``, in the first round's format (read and scored
by that module's loader and scorer); a ``year`` or ``basis`` of ``"?"`` is not compared; a ``note``
says which convention was applied; ``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Tenth red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam10.py`` prints the scores per register.
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
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam10")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(18, 23))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
