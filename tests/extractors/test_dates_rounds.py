"""The self-written rounds of date and document passages: every gold folder ``tests/extractors/
dates_redteam*/`` and ``tests/extractors/documents_redteam/``, read passage by passage.

A round is a folder in the scorer's gold format (GOLD_FORMAT.md: a ``.txt`` and a ``.json`` a
passage), written on invented facts and annotated before the extractor was run on it; its README.md
says which families of forms it tries, and each passage's ``trap`` says what it tries. A passage may
carry ``xfail``: why it is left failing; it is then a strict xfail. The rows that state each rule fixed
after a round stay in that round's module (``test_dates_redteam*.py``, ``test_documents_redteam.py``).

Self-written examples: they show that a form is read, not how often real text uses it. A round's first
contact (docs/extraction.md) is the only number from it that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py [dates_redteam3 …]`` prints the scorer's published,
documents and issued figures per family (the id before '-'), for the rounds named (all by default).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from extractors.documents import number_key
from extractors.evaluate import GoldPassage, evaluate, load_gold
from extractors.pipeline import extract

HERE = Path(__file__).parent
ROUNDS = sorted(p.name for p in [*HERE.glob("dates_redteam*"), HERE / "documents_redteam"] if p.is_dir())


def load_passages(name: str) -> list[GoldPassage]:
    """A round's passages, read by the scorer's own loader."""
    return load_gold(HERE / name)


@pytest.mark.parametrize("name", ROUNDS)
def test_round_is_well_formed(name):
    """Passages with unique ids, each saying what it tries, in families of a few passages each."""
    passages = load_passages(name)
    assert len(passages) >= 10
    assert not [i for i, n in Counter(p.id for p in passages).items() if n > 1]
    assert all(p.gold.get("trap") for p in passages)
    assert len({p.id.split("-")[0] for p in passages}) >= 3


def _passage_param(name: str, passage: GoldPassage):
    """A passage as a test case, marked xfail (strict) when its gold says why it is left failing."""
    reason = passage.gold.get("xfail")
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(passage, id=f"{name}/{passage.id}", marks=marks)


@pytest.mark.parametrize("passage", [_passage_param(n, p) for n in ROUNDS for p in load_passages(n)])
def test_passage(passage):
    """The published date (none where the gold has none) and every document with its signing date,
    compared as the scorer compares them (date part; numbers without spaces, upper-cased)."""
    result = extract(passage.text)
    published = result.published.date if result.published else None
    gold_published = passage.gold["published"][:10] if passage.gold["published"] else None
    documents = {number_key(d.number): d.issued for d in result.documents}
    gold_documents = {number_key(d["number"]): d.get("issued") for d in passage.gold["documents"]}
    assert (published, documents) == (gold_published, gold_documents)


def family_scores(name: str) -> list[str]:
    """One line per family and one for all: the scorer's published (and how many pages without a date
    keep none, which the scorer leaves out), documents F1 (P, R; tp/predicted/gold) and issued."""
    folder = HERE / name
    passages = load_passages(name)
    families = sorted({p.id.split("-")[0] for p in passages})
    lines = []
    for family, only in [(f, f"{f}-*.json") for f in families] + [("all", None)]:
        m = evaluate(folder, only=only).metrics()
        undated = [p for p in passages if p.gold["published"] is None and family in ("all", p.id.split("-")[0])]
        kept = sum(1 for p in undated if extract(p.text).published is None)
        docs = m["documents"]
        lines.append(f"{family:9} published {m['published']['correct']}/{m['published']['total']}"
                     f"  none kept none {kept}/{len(undated)}"
                     f"  documents F1 {docs['f1']:.3f} P {docs['precision']:.3f} R {docs['recall']:.3f}"
                     f" ({docs['tp']}/{docs['predicted']}/{docs['gold']})"
                     f"  issued {m['documents_issued']['correct']}/{m['documents_issued']['total']}")
    return lines


if __name__ == "__main__":
    for name in sys.argv[1:] or ROUNDS:
        print(f"{name}:")
        print("\n".join(family_scores(name)))
