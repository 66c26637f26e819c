"""Fourth red-team round: when a count is dated and whether it is new or a running total, in registers
the first three rounds did not try — year-end and half-year reviews that set last year's and this
year's counts side by side (``yearend``); five-year and phase reviews with per-year counts and sums
(``phase``); provincial and district People's Council (HĐND) reports, resolutions, questions and
supervision (``council``); decisions and news that approve several rounds at once, with the year only
in a decision's date, a title or a heading (``multiround``); articles written in January about the
year before (``january``); and progress pieces — "tính đến tháng 9", "trong 9 tháng", "so với năm
trước", "vượt kế hoạch", "nâng tổng số lên", "lũy kế từ năm 2019" (``progress``). Written by an engineer
who had not read the earlier rounds' passages, on invented facts, and annotated by GOLD_FORMAT.md (dev
gold as the arbiter of conventions) before the extractor was run on them.

The passages are data in ``tests/extractors/redteam4/``, in the first round's format (read and scored
by that module's loader and scorer): ``id``, ``register``, ``published``, ``text``, ``figures``; a
``year`` or ``basis`` of ``"?"`` is one a careful annotator could set either way (not compared); a
``note`` says why something that looks like a figure is not one, or which convention was applied;
``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Fourth red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam4.py`` prints the scores per register.
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
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam4")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(30, 41))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
