"""The red-team rounds of figures passages: every folder ``tests/extractors/redteam*/``.

A round is a folder, written by someone new to the rules on invented facts and annotated by
GOLD_FORMAT.md before the extractor was run on it; its README.md says what registers it tries. It holds:

* passages, one JSON file per register: a list of ``id``, ``register``, ``published``, ``text`` and
  ``figures`` (count, stars, status, year, basis, place, quote). A ``year`` or ``basis`` of ``"?"`` is
  one a careful annotator could set either way: it is not compared here and not scored (null) by
  ``extractors.evaluate``. A passage may carry ``xfail``: why it is left failing (a fix would be
  phrase-specific or would cost dev); it is then a strict xfail. ``note`` says which convention applies;
* ``constructions.json`` (optional): the constructions the round's misses showed, one self-written row
  each (not passage text), with ``why`` (what the row states, and the rule it tests) and one of
  ``figures`` (every figure ``find_figures`` keeps, as [count, stars, status, year, basis], or the first
  three fields only), ``count``/``field``/``value`` (that field of the one figure with that count) or
  ``counts`` (the count of every figure found, in order); ``as_of`` is the date the text is read at.

These are unit tests of constructions, not evidence of accuracy on real text: a round's first contact
(docs/extraction.md) is the only number from it that estimates anything.

``python tests/extractors/test_figures_rounds.py [redteam3 …]`` prints the project scorer's figures
metrics per register, for the rounds named (all rounds by default).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from extractors.evaluate import evaluate
from extractors.figures import find_figures
from extractors.pipeline import extract

HERE = Path(__file__).parent
ROUNDS = sorted(p.name for p in HERE.glob("redteam*") if p.is_dir())
EITHER = "?"
FIELDS = ("count", "stars", "status", "year", "basis")


def load_passages(folder: Path) -> list[dict]:
    passages = []
    for path in sorted(folder.glob("*.json")):
        if path.name != "constructions.json":
            passages += json.loads(path.read_text(encoding="utf-8"))
    return passages


def load_constructions(folder: Path) -> list[dict]:
    path = folder / "constructions.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _fits(gold: tuple, predicted: tuple) -> bool:
    return all(g in (EITHER, p) for g, p in zip(gold, predicted, strict=True))


def unmatched(gold: list[tuple], predicted: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Pair gold and predicted figures one to one (exact gold tuples first, then those with an
    either-way field); returns what is left on each side."""
    left = list(predicted)
    missed = []
    for g in sorted(gold, key=lambda t: EITHER in t):
        hit = next((p for p in left if _fits(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
    return missed, left


@pytest.mark.parametrize("name", ROUNDS)
def test_round_is_well_formed(name):
    """Passages, unique ids, passages of real length, every figure's quote in its text and its fields in
    the format's values; the scorer groups registers by id prefix, so one prefix a register."""
    passages = load_passages(HERE / name)
    assert len(passages) >= 10
    ids = Counter(p["id"] for p in passages)
    assert not [i for i, n in ids.items() if n > 1]
    prefixes = {p["register"]: p["id"].split("-")[0] for p in passages}
    assert len(set(prefixes.values())) == len(prefixes)
    for p in passages:
        assert 300 <= len(p["text"]) <= 3500, p["id"]
        assert p["id"].split("-")[0] == prefixes[p["register"]], p["id"]
        for f in p["figures"]:
            assert f["quote"] in p["text"], (p["id"], f["quote"])
            assert f["status"] in {"achieved", "target", "proposed"}, p["id"]
            assert f["stars"] in {None, "3", "4", "5", "3+", "4+", "3-4"}, p["id"]
            assert f["basis"] in {"new", "cumulative", None, EITHER}, p["id"]
    for row in load_constructions(HERE / name):
        assert row["why"] and row["text"], row
        assert sum(k in row for k in ("figures", "count", "counts")) == 1, row


def _passage_param(name: str, p: dict):
    """A passage as a test case, marked xfail (strict) when its data says why it is left failing."""
    marks = [pytest.mark.xfail(reason=p["xfail"], strict=True)] if p.get("xfail") else []
    return pytest.param(p, id=f"{name}/{p['id']}", marks=marks)


@pytest.mark.parametrize("passage", [_passage_param(n, p) for n in ROUNDS for p in load_passages(HERE / n)])
def test_passage(passage):
    """Every annotated figure found, and no other, on (count, stars, status, year, basis)."""
    gold = [tuple(f[k] for k in FIELDS) for f in passage["figures"]]
    predicted = [(f.count, f.stars, f.status, f.year, f.basis) for f in extract(passage["text"]).figures]
    missed, extra = unmatched(gold, predicted)
    assert (missed, extra) == ([], [])


@pytest.mark.parametrize("row", [pytest.param(r, id=f"{n}/{i}") for n in ROUNDS
                                 for i, r in enumerate(load_constructions(HERE / n), 1)])
def test_construction(row):
    figures = find_figures(row["text"], **({"as_of": row["as_of"]} if "as_of" in row else {}))
    if "counts" in row:
        assert [f.count for f in figures] == row["counts"], row["why"]
    elif "count" in row:
        assert [getattr(f, row["field"]) for f in figures if f.count == row["count"]] == [row["value"]], row["why"]
    else:
        found = [[f.count, f.stars, f.status, f.year, f.basis] for f in figures]
        width = len(row["figures"][0]) if row["figures"] else 5  # a row compares the fields it gives
        assert [t[:width] for t in found] == row["figures"], row["why"]


def gold_folder(passages: list[dict], folder: Path) -> None:
    """Write the passages as a gold folder ``extractors.evaluate`` reads (an either-way field is null)."""
    for p in passages:
        (folder / f"{p['id']}.txt").write_text(p["text"], encoding="utf-8")
        figures = [{k: (None if v == EITHER else v) for k, v in f.items()} for f in p["figures"]]
        gold = {"id": p["id"], "text_file": f"{p['id']}.txt", "published": p["published"],
                "provinces": [], "documents": [], "figures": figures}
        (folder / f"{p['id']}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def scores(passages: list[dict]) -> list[str]:
    """The project scorer's figures metrics, per register and over all (a register's passages share
    the id prefix before the first '-')."""
    lines = [f"{'register':<12}{'passages':>9}{'strict F1':>10}{'P':>7}{'R':>7}{'lenient':>9}"
             f"{'year':>14}{'basis':>14}"]
    registers = sorted({p["register"] for p in passages})
    with tempfile.TemporaryDirectory() as tmp:
        gold_folder(passages, Path(tmp))
        for register in [*registers, "all"]:
            ids = {p["id"].split("-")[0] for p in passages if register in (p["register"], "all")}
            reports = [evaluate(tmp, only=f"{prefix}-*.json") for prefix in sorted(ids)]
            lines.append(_row(register, reports))
    return lines


def _row(name: str, reports: list) -> str:
    def total(attr: str, *fields: str) -> list[int]:
        return [sum(getattr(getattr(r, attr), f) for r in reports) for f in fields]

    tp, pred, gold = total("figures_strict", "tp", "predicted", "expected")
    ltp, lpred, lgold = total("figures_lenient", "tp", "predicted", "expected")
    yc, yt = total("year", "correct", "total")
    bc, bt = total("basis", "correct", "total")
    p, r = tp / pred if pred else 1.0, tp / gold if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    lp, lr = ltp / lpred if lpred else 1.0, ltp / lgold if lgold else 1.0
    lf1 = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    passages = sum(r.passages for r in reports)
    return (f"{name:<12}{passages:>9}{f1:>10.3f}{p:>7.3f}{r:>7.3f}{lf1:>9.3f}"
            f"{yc / yt if yt else 1:>7.3f} {yc:>3}/{yt:<3}{bc / bt if bt else 1:>7.3f} {bc:>3}/{bt:<3}")


if __name__ == "__main__":
    for name in sys.argv[1:] or ROUNDS:
        print(f"{name}:")
        print("\n".join(scores(load_passages(HERE / name))))
