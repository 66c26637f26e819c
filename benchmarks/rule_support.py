"""Support of every rule of the figures grammar on the real dev passages: an overfitting check.

Run:  python benchmarks/rule_support.py [GOLD_DIR] [--only GLOB] [--suspects]

For every rule of every reader's table (``extractors.figures.rules.rule_tables``) it prints the
number of distinct passages where the rule decided a field of a figure that ends up a true positive
(count, stars and status equal a gold figure, GOLD_FORMAT.md's strict match) and of a figure that is
a false positive. For the ``result`` rules, which drop a count, "right" is a drop where the gold has
no missed figure of that count and "wrong" one where it has. A rule decided in at most one passage
is an overfitting suspect: it should state a construction general enough to have its own test row,
or be folded into a more general rule, or go. Merges count like drops (right unless a gold figure of
that count went missing); the status cues that decide nothing themselves ("neutral", "weak": they
keep a stronger cue from being read) count the passages where they occur before a true positive.
Decisions made outside the tables (a year from the passage's plan or report, the basis of a round's
clause…) are listed after them.

GOLD_DIR defaults to ../shared/corpus/dev beside the repository; without it the script says so and
stops. Reads only; prints a table and the count of suspects.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from extractors.evaluate import _pairs, load_gold
from extractors.figures import read_counts
from extractors.figures.rules import rule_tables
from extractors.figures.status import CUES
from extractors.pipeline import extract

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
# the trace key each table's decisions are recorded under (Count.trace)
TRACE_KEY = {"stars": "stars", "whole": "whole", "status": "status", "is a result": "result", "year": "year",
             "basis": "basis", "place": "place", "one figure": "merge"}


def support(gold_dir: Path, only: str | None = None) -> tuple[dict, int]:
    """(field, rule) -> {"tp"|"fp": set of passage ids}; and the passages read."""
    seen: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"tp": set(), "fp": set()})
    passages = load_gold(gold_dir, only=only)
    for passage in passages:
        ex = extract(passage.text)
        counts = read_counts(ex.text, as_of=ex.published.date if ex.published else None,
                             default_place=ex.provinces[0] if ex.provinces else None, title=ex.title)
        gold = passage.gold["figures"]
        keys = [(f.count, f.stars, f.status) for f in ex.figures]
        pairs = _pairs(keys, [(g["count"], g.get("stars"), g["status"]) for g in gold])
        true = {i for i, _ in pairs}
        matched_gold = {j for _, j in pairs}
        missed = {g["count"] for j, g in enumerate(gold) if j not in matched_gold}
        for i, f in enumerate(ex.figures):
            kind = "tp" if i in true else "fp"
            # the count a figure was made of: its value, written inside the figure's quote
            for c in (c for c in counts if c.value == f.count and f.start <= c.start < f.end and c.result):
                for field, rule in c.trace.items():
                    if field != "result":
                        seen[(field, rule)][kind].add(passage.id)
        for c in counts:
            # a count dropped (not a result) or merged into another mention: right unless the gold
            # has a figure of that count that no prediction matched
            for field in ("result", "merge"):
                rule = c.trace.get(field)
                if rule is None:
                    continue
                if field == "result" and c.result:  # kept by a rule ("result-after")
                    seen[(field, rule)]["tp" if c.value not in missed else "fp"].add(passage.id)
                elif field == "result" or c.result:
                    seen[(field, rule)]["fp" if c.value in missed else "tp"].add(passage.id)
        for table in (CUES,):  # cues that decide nothing themselves: where they occur before a true count
            for c in counts:
                if (c.value, c.stars, c.status) not in {keys[i] for i in true}:
                    continue
                for hit in table.scan(ex.text, max(0, c.start - 120), c.start):
                    if hit.value in ("neutral", "weak"):
                        seen[("status", hit.name)]["tp"].add(passage.id)
    return seen, len(passages)


def rows(seen: dict) -> list[tuple[str, str, int, int]]:
    out = []
    listed = set()
    for table in rule_tables():
        key = TRACE_KEY[table.field]
        for rule in table:
            s = seen.get((key, rule.name), {"tp": set(), "fp": set()})
            out.append((table.reader, rule.name, len(s["tp"]), len(s["fp"])))
            listed.add((key, rule.name))
    for (field, rule), s in sorted(seen.items()):
        if (field, rule) not in listed and field != "potential":
            out.append((f"({field}, outside the tables)", rule, len(s["tp"]), len(s["fp"])))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", nargs="?", default=str(DEV))
    ap.add_argument("--only", help="score only the gold files whose name matches this glob")
    ap.add_argument("--suspects", action="store_true", help="print only the rules with support <= 1")
    args = ap.parse_args()
    if not Path(args.gold_dir).is_dir():
        sys.exit(f"{args.gold_dir}: no gold folder here (the shared corpus sits beside the repository)")
    seen, n = support(Path(args.gold_dir), args.only)
    table = rows(seen)
    suspects = [r for r in table if r[2] <= 1 and not r[0].startswith("(")]
    print(f"{n} passages; support = passages where the rule decided a field of a true positive "
          "(result rules: a right drop) / of a false positive (a wrong drop)")
    print(f"{'reader':38} {'rule':26} {'TP':>4} {'FP':>4}")
    for reader, name, tp, fp in table:
        if args.suspects and (tp > 1 or reader.startswith("(")):
            continue
        flag = "  <= 1" if tp <= 1 and not reader.startswith("(") else ""
        print(f"{reader:38} {name:26} {tp:>4} {fp:>4}{flag}")
    print(f"rules in the tables: {sum(1 for r in table if not r[0].startswith('('))}; "
          f"support <= 1: {len(suspects)}")


if __name__ == "__main__":
    main()
