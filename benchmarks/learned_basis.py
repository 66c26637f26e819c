"""Would a learned classifier read a figure's basis ("new" or "cumulative") better than the rules?

Issue 8 welcomes a learned component where it beats the rules, with an honest estimate. This script
trains a small bag-of-words logistic regression on the dev gold and prints, side by side with the rules:

1. grouped k-fold cross-validation on dev (folds never split a passage): the classifier's accuracy on
   passages it did not see. The rules' accuracy on the same folds is printed too, but it flatters them:
   they were written while reading those passages.
2. the classifier trained on all of dev, scored on every self-written red-team round
   (``tests/extractors/redteam*/``), which it never saw, next to the rules' first contact on that round
   (docs/extraction.md) and the rules now (fitted to the round since).

Only figures the extractor found and that match a gold figure on (count, stars, status) with a gold basis
are scored, as ``harvester evaluate`` scores basis. Needs scikit-learn (not a project dependency):
``pip install scikit-learn``, then ``python benchmarks/learned_basis.py [--folds 5] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.evaluate import _pairs, load_gold  # noqa: E402
from extractors.pipeline import extract  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
ROUNDS = ROOT / "tests" / "extractors"
WINDOW = 60  # characters of context on each side of the count, besides its sentence


@dataclass
class Example:
    group: str  # the passage: folds never split one
    features: str
    gold: str
    rules: str | None


def _words(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"\d+", " 0 ", text)  # a count's digits say nothing about its basis; their place does
    return " ".join(re.findall(r"\w+", text))


def examples_of(pid: str, text: str, gold_figures: list[dict]) -> list[Example]:
    result = extract(text)
    predicted = [(f.count, f.stars, f.status) for f in result.figures]
    gold = [(g["count"], g.get("stars"), g["status"]) for g in gold_figures]
    out = []
    for i, j in _pairs(predicted, gold):
        label = gold_figures[j].get("basis")
        if label not in ("new", "cumulative"):
            continue
        f = result.figures[i]
        near = text[max(0, f.start - WINDOW):f.end + WINDOW]
        before = text[max(0, f.start - 400):f.start]
        features = " ".join([
            _words(f.sentence), " ".join("N_" + w for w in _words(near).split()),
            " ".join("P_" + w for w in _words(before).split()[-25:]),
            f"STARS_{f.stars} STATUS_{f.status} YEAR_{'yes' if f.year else 'no'}",
        ])
        out.append(Example(pid, features, label, f.basis))
    return out


def dev_examples() -> list[Example]:
    out = []
    for passage in load_gold(DEV):
        out += examples_of(passage.id, passage.text, passage.gold["figures"])
    return out


def round_examples(folder: Path) -> list[Example]:
    out = []
    for path in sorted(folder.glob("*.json")):
        if path.name == "constructions.json":
            continue
        for p in json.loads(path.read_text(encoding="utf-8")):
            out += examples_of(p["id"], p["text"], p["figures"])
    return out


def _model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                         LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))


def _accuracy(pairs: list[tuple[str | None, str]]) -> float:
    return sum(p == g for p, g in pairs) / len(pairs) if pairs else float("nan")


def cross_validate(data: list[Example], folds: int, repeats: int) -> tuple[float, float, float]:
    """Mean accuracy of the classifier and of the rules over repeated grouped k-fold, and the
    majority class's share (what a classifier that learnt nothing would score)."""
    groups = sorted({e.group for e in data})
    learned, rules = [], []
    for seed in range(repeats):
        order = groups[:]
        random.Random(seed).shuffle(order)
        fold_of = {g: k % folds for k, g in enumerate(order)}
        for k in range(folds):
            train = [e for e in data if fold_of[e.group] != k]
            test = [e for e in data if fold_of[e.group] == k]
            model = _model().fit([e.features for e in train], [e.gold for e in train])
            guesses = model.predict([e.features for e in test])
            learned += list(zip(guesses, (e.gold for e in test), strict=True))
            rules += [(e.rules, e.gold) for e in test]
    majority = max(sum(e.gold == c for e in data) for c in ("new", "cumulative")) / len(data)
    return _accuracy(learned), _accuracy(rules), majority


def _first_contact_basis() -> dict[str, float]:
    """Round number -> the rules' first-contact basis, read from docs/extraction.md's table."""
    docs = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"^\| round (\d+): [^|]*\| \d+ \| [^|]*\| [^|]*\| ([^|]*) \|", docs, re.M):
        number = re.search(r"\d\.\d+", m.group(2))
        if number:
            out.setdefault(m.group(1), float(number.group(0)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 2
    if not DEV.is_dir():
        print(f"no dev corpus at {DEV}", file=sys.stderr)
        return 2

    data = dev_examples()
    learned, rules, majority = cross_validate(data, args.folds, args.repeats)
    print(f"dev: {len(data)} matched figures with a gold basis, {len({e.group for e in data})} passages")
    print(f"grouped {args.folds}-fold x{args.repeats}: classifier {learned:.3f}   rules {rules:.3f} "
          f"(fitted to these passages)   majority class {majority:.3f}")

    model = _model().fit([e.features for e in data], [e.gold for e in data])
    first = _first_contact_basis()
    print(f"\n{'round':<10}{'figures':>8}{'classifier':>12}{'rules now':>11}{'rules at first contact':>24}")
    everything: list[tuple[Example, str]] = []
    compared: list[tuple[float, float]] = []  # (classifier, rules' first contact) on rounds that give one
    for folder in sorted(ROUNDS.glob("redteam*"), key=lambda p: int(p.name[7:] or 1)):
        examples = round_examples(folder)
        if not examples:
            continue
        guesses = model.predict([e.features for e in examples])
        everything += list(zip(examples, guesses, strict=True))
        number = folder.name[7:] or "1"
        score = _accuracy(list(zip(guesses, (e.gold for e in examples), strict=True)))
        if number in first:
            compared.append((score, first[number]))
        shown = f"{first[number]:.3f}" if number in first else "—"
        print(f"{folder.name:<10}{len(examples):>8}{score:>12.3f}"
              f"{_accuracy([(e.rules, e.gold) for e in examples]):>11.3f}{shown:>24}")
    print(f"{'all':<10}{len(everything):>8}{_accuracy([(g, e.gold) for e, g in everything]):>12.3f}"
          f"{_accuracy([(e.rules, e.gold) for e, _ in everything]):>11.3f}")
    if compared:
        wins = sum(c > r for c, r in compared)
        print(f"\nrounds with a first contact: {len(compared)}; mean classifier "
              f"{sum(c for c, _ in compared) / len(compared):.3f}, mean rules at first contact "
              f"{sum(r for _, r in compared) / len(compared):.3f}; the classifier better on {wins}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
