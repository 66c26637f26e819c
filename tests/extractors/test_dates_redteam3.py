"""Third round of self-written issue 8 date and document passages (tests/extractors/dates_redteam3),
read with the first round's loader and checks, and one row per rule fixed after it.

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/extraction.md, "Fourth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_redteam3.py`` prints the scorer's published, documents and issued
figures per family, and how many pages without a date keep none.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest


def _module(name: str):
    """An earlier round's module, loaded by path (test modules are not a package here)."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"dates3_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_round1 = _module("test_dates_redteam")
_round2 = _module("test_dates_redteam2")
FOLDER = Path(__file__).parent / "dates_redteam3"
PASSAGES = _round1.load_passages(FOLDER)


def test_passages_are_well_formed():
    """Unique ids, six families, each passage says what it tries; pages without a date are in the
    set, so that a date found where there is none shows."""
    assert 40 <= len(PASSAGES) <= 70
    assert not [i for i, n in Counter(p.id for p in PASSAGES).items() if n > 1]
    assert all(p.gold.get("trap") for p in PASSAGES)
    assert len({p.id.split("-")[0] for p in PASSAGES}) == 6
    assert sum(1 for p in PASSAGES if p.gold["published"] is None) >= 5


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_dates_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round2.scores(FOLDER)))
