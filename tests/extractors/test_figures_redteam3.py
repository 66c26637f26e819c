"""Third red-team round: passages in registers the first two rounds did not try — national and
ministry news (``national``: all provinces in one piece, per-region figures, the central council's
5-star rounds), newspaper features about a district's economy where OCOP is one paragraph among
prices, areas and incomes (``economy``), ceremonies and lists of winners (``ceremony``), short portal
briefs (``brief``), re-evaluation and upgrade rounds (``rerank``) and old news of 2019–2021
(``early``). Written by an engineer who had not read the earlier rounds' passages, on invented facts,
and annotated by GOLD_FORMAT.md (dev gold as the arbiter of conventions) before the extractor was run
on them.

The passages are data in ``tests/extractors/redteam3/``, in the first round's format (read and scored
by that module's loader and scorer): ``id``, ``register``, ``published``, ``text``, ``figures``; a
``year`` or ``basis`` of ``"?"`` is one a careful annotator could set either way (not compared); a
``note`` says why something that looks like a figure is not one; ``xfail`` says why a passage is left
failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Third red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam3.py`` prints the scores per register.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from extractors.figures import find_figures


def _first_round():
    """The first round's module, loaded by path (test modules are not a package here)."""
    path = Path(__file__).with_name("test_figures_redteam.py")
    spec = importlib.util.spec_from_file_location("figures_redteam_first_round", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_round1 = _first_round()
EITHER = _round1.EITHER
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam3")


def test_passages_are_well_formed():
    ids = Counter(p["id"] for p in PASSAGES)
    assert not [i for i, n in ids.items() if n > 1]
    assert 30 <= len(PASSAGES) <= 45
    prefixes = {p["register"]: p["id"].split("-")[0] for p in PASSAGES}
    assert len(set(prefixes.values())) == len(prefixes)  # the scorer groups registers by id prefix
    for p in PASSAGES:
        assert 300 <= len(p["text"]) <= 2500, p["id"]
        assert p["id"].split("-")[0] == prefixes[p["register"]], p["id"]
        for f in p["figures"]:
            assert f["quote"] in p["text"], (p["id"], f["quote"])
            assert f["status"] in {"achieved", "target", "proposed"}, p["id"]
            assert f["stars"] in {None, "3", "4", "5", "3+", "4+", "3-4"}, p["id"]
            assert f["basis"] in {"new", "cumulative", None, EITHER}, p["id"]


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


# The constructions the third round's misses showed, one self-written row each (not passage text):
# (text, [(count, stars, status[, year, basis]), ...]) of every figure find_figures keeps.
ROWS: list = []


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_construction(text, expected):
    figures = [(f.count, f.stars, f.status, f.year, f.basis) for f in find_figures(text)]
    width = len(expected[0]) if expected else 5  # a row compares the fields it is about
    assert [t[:width] for t in figures] == expected


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
