"""Ninth round of self-written issue 8 date and document passages (tests/extractors/dates_redteam9),
read with the first round's loader and checks.

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/extraction.md, "Ninth round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_redteam9.py`` prints the scorer's published, documents and issued
figures per family.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest


def _module(name: str):
    """An earlier round's module, loaded by path (test modules are not a package here)."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"dates9_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_round1 = _module("test_dates_redteam")
FOLDER = Path(__file__).parent / "dates_redteam9"
PASSAGES = _round1.load_passages(FOLDER)


def test_passages_are_well_formed():
    """Unique ids, five families, each passage says what it tries."""
    assert len(PASSAGES) == 22
    assert not [i for i, n in Counter(p.id for p in PASSAGES).items() if n > 1]
    assert all(p.gold.get("trap") for p in PASSAGES)
    assert len({p.id.split("-")[0] for p in PASSAGES}) == 5


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_dates_read_right(passage)


if __name__ == "__main__":
    print("\n".join(_round1.family_scores(FOLDER)))
