"""Score the extractors against a gold folder (format and metrics: corpus/GOLD_FORMAT.md).

- figures, strict: a predicted figure is a true positive when count, stars and status equal a
  gold figure not yet matched; lenient: the same on count alone; P/R/F1 over all passages;
- documents: F1 on number (spaces removed, upper-cased); accuracy of ``issued`` on matched ones;
- published: accuracy over passages whose gold ``published`` is not null (compared on the date);
- year and basis: accuracy over the strictly matched figures whose gold value is not null (basis
  only in gold files that carry it);
- year unsaid (extra, not in GOLD_FORMAT): over the strictly matched figures whose gold year IS null
  (running totals "đến nay", related headlines), the share given no year — the scored year accuracy
  cannot see a year wrongly given to them, and an audit comparing figures by year would;
- status and stars confusion (extra): over figures matched on count, gold value x predicted value;
- provinces (extra, not in GOLD_FORMAT): share of passages whose province list equals the gold,
  names compared through ``places.resolve`` (gold "TP Hồ Chí Minh" is "TP. Hồ Chí Minh").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extractors.documents import number_key
from extractors.errors import GoldFormatError
from extractors.pipeline import extract
from extractors.places import resolve
from extractors.records import Extraction
from extractors.text import decode_bytes

_REQUIRED = ("text_file", "published", "provinces", "documents", "figures")


@dataclass
class GoldPassage:
    id: str
    text: str
    gold: dict[str, Any]
    path: Path


@dataclass
class PRF:
    tp: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "predicted": self.predicted, "gold": self.expected,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Report:
    passages: int = 0
    figures_strict: PRF = field(default_factory=PRF)
    figures_lenient: PRF = field(default_factory=PRF)
    documents: PRF = field(default_factory=PRF)
    issued: Accuracy = field(default_factory=Accuracy)
    published: Accuracy = field(default_factory=Accuracy)
    provinces: Accuracy = field(default_factory=Accuracy)
    year: Accuracy = field(default_factory=Accuracy)
    basis: Accuracy = field(default_factory=Accuracy)
    year_unsaid: Accuracy = field(default_factory=Accuracy)
    # (gold, predicted) -> how many count-matched figures; shows where status and stars go wrong
    status_confusion: Counter = field(default_factory=Counter)
    stars_confusion: Counter = field(default_factory=Counter)
    problems: list[dict[str, Any]] = field(default_factory=list)  # misses and false positives

    def metrics(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "figures_strict": self.figures_strict.as_dict(),
            "figures_lenient": self.figures_lenient.as_dict(),
            "documents": self.documents.as_dict(),
            "documents_issued": self.issued.as_dict(),
            "published": self.published.as_dict(),
            "provinces": self.provinces.as_dict(),
            "year": self.year.as_dict(),
            "basis": self.basis.as_dict(),
            "year_unsaid": self.year_unsaid.as_dict(),
            "status_confusion": _confusion_rows(self.status_confusion),
            "stars_confusion": _confusion_rows(self.stars_confusion),
        }

    def to_json(self, *, verbose: bool = False) -> dict[str, Any]:
        out = self.metrics()
        if verbose:
            out["problems"] = self.problems
        return out


def _confusion_rows(confusion: Counter) -> list[dict[str, Any]]:
    return [{"gold": g, "predicted": p, "n": n} for (g, p), n in sorted(confusion.items(), key=str)]


def load_gold(gold_dir: str | Path, *, only: str | None = None) -> list[GoldPassage]:
    """Read every ``*.json`` annotation (or those whose name matches the glob ``only``) and its
    text file; GoldFormatError names the bad file."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldFormatError(f"{folder}: not a folder of gold annotations")
    passages = []
    for path in sorted(folder.glob(only or "*.json")):
        if path.suffix != ".json":
            continue
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldFormatError(f"{path.name}: not readable JSON ({exc})") from exc
        _check(gold, path)
        text_path = folder / gold["text_file"]
        try:
            text = decode_bytes(text_path.read_bytes()).text
        except OSError as exc:
            raise GoldFormatError(f"{path.name}: text file {gold['text_file']!r} not readable ({exc})") from exc
        passages.append(GoldPassage(str(gold.get("id") or path.stem), text, gold, path))
    if not passages:
        raise GoldFormatError(f"{folder}: no *.json gold files" + (f" matching {only!r}" if only else ""))
    return passages


def _check(gold: Any, path: Path) -> None:
    if not isinstance(gold, dict):
        raise GoldFormatError(f"{path.name}: expected a JSON object")
    missing = [k for k in _REQUIRED if k not in gold]
    if missing:
        raise GoldFormatError(f"{path.name}: missing keys {', '.join(missing)}")
    if not isinstance(gold["text_file"], str) or "/" in gold["text_file"] or "\\" in gold["text_file"]:
        raise GoldFormatError(f"{path.name}: text_file must be a file name next to the JSON")
    for key in ("provinces", "documents", "figures"):
        if not isinstance(gold[key], list):
            raise GoldFormatError(f"{path.name}: {key} must be a list")
    for i, fig in enumerate(gold["figures"]):
        if not isinstance(fig, dict) or not isinstance(fig.get("count"), int) or "status" not in fig:
            raise GoldFormatError(f"{path.name}: figures[{i}] needs an integer count and a status")
    for i, doc in enumerate(gold["documents"]):
        if not isinstance(doc, dict) or not isinstance(doc.get("number"), str):
            raise GoldFormatError(f"{path.name}: documents[{i}] needs a number")


def _pairs(predicted: list[tuple], expected: list[tuple]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in reading order: (predicted index, gold index) pairs."""
    free = list(range(len(expected)))
    pairs = []
    for i, key in enumerate(predicted):
        hit = next((j for j in free if expected[j] == key), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((i, hit))
    return pairs


def _match(predicted: list[tuple], expected: list[tuple]) -> tuple[int, list[int], list[int]]:
    """Greedy one-to-one matching; returns (tp, unmatched predicted indexes, unmatched gold indexes)."""
    pairs = _pairs(predicted, expected)
    used_pred = {i for i, _ in pairs}
    used_gold = {j for _, j in pairs}
    return (len(pairs), [i for i in range(len(predicted)) if i not in used_pred],
            [j for j in range(len(expected)) if j not in used_gold])


def evaluate(gold_dir: str | Path, *, extractor: Callable[[str], Extraction] | None = None,
             only: str | None = None) -> Report:
    """Run ``extractor`` (default :func:`extractors.extract`) over each gold passage and score it."""
    extractor = extractor or extract
    report = Report()
    for passage in load_gold(gold_dir, only=only):
        report.passages += 1
        _score(passage, extractor(passage.text), report)
    return report


def _score(passage: GoldPassage, result: Extraction, report: Report) -> None:
    gold = passage.gold
    pid = passage.id
    gold_figs = gold["figures"]
    pred_strict = [(f.count, f.stars, f.status) for f in result.figures]
    gold_strict = [(g["count"], g.get("stars"), g["status"]) for g in gold_figs]
    tp, fps, fns = _match(pred_strict, gold_strict)
    report.figures_strict.tp += tp
    report.figures_strict.predicted += len(pred_strict)
    report.figures_strict.expected += len(gold_strict)
    for i in fps:
        f = result.figures[i]
        report.problems.append({"passage": pid, "kind": "figure false positive", "count": f.count,
                                "stars": f.stars, "status": f.status, "quote": f.quote})
    for j in fns:
        g = gold_figs[j]
        report.problems.append({"passage": pid, "kind": "figure missed", "count": g["count"],
                                "stars": g.get("stars"), "status": g["status"], "quote": g.get("quote")})
    tp, _, _ = _match([(c,) for c, _, _ in pred_strict], [(c,) for c, _, _ in gold_strict])
    report.figures_lenient.tp += tp
    report.figures_lenient.predicted += len(pred_strict)
    report.figures_lenient.expected += len(gold_strict)
    _score_year_basis(pid, result, gold_figs, _pairs(pred_strict, gold_strict), report)
    _score_confusion(pred_strict, gold_strict, report)

    predicted_docs = {}
    for d in result.documents:
        predicted_docs.setdefault(number_key(d.number), d)
    gold_docs = {}
    for d in gold["documents"]:
        gold_docs.setdefault(number_key(d["number"]), d)
    report.documents.predicted += len(predicted_docs)
    report.documents.expected += len(gold_docs)
    for key, doc in predicted_docs.items():
        if key in gold_docs:
            report.documents.tp += 1
            report.issued.total += 1
            if doc.issued == gold_docs[key].get("issued"):
                report.issued.correct += 1
            else:
                report.problems.append({"passage": pid, "kind": "document issued wrong", "number": doc.number,
                                        "predicted": doc.issued, "gold": gold_docs[key].get("issued")})
        else:
            report.problems.append({"passage": pid, "kind": "document false positive", "number": doc.number,
                                    "quote": doc.quote})
    for key, doc in gold_docs.items():
        if key not in predicted_docs:
            report.problems.append({"passage": pid, "kind": "document missed", "number": doc["number"]})

    if gold["published"]:
        report.published.total += 1
        predicted = result.published.date if result.published else None
        if predicted == str(gold["published"])[:10]:
            report.published.correct += 1
        else:
            report.problems.append({"passage": pid, "kind": "published wrong", "predicted": predicted,
                                    "gold": gold["published"]})

    report.provinces.total += 1
    if _province_keys(result.provinces) == _province_keys(gold["provinces"]):
        report.provinces.correct += 1
    else:
        report.problems.append({"passage": pid, "kind": "provinces differ", "predicted": result.provinces,
                                "gold": gold["provinces"]})


def _province_keys(names: list[str]) -> list[str]:
    """Province names as the gazetteer spells them, so an alias spelling is not a miss."""
    return [(resolve(name) or (name,))[0] for name in names]


def _score_year_basis(pid: str, result: Extraction, gold_figs: list[dict[str, Any]],
                      pairs: list[tuple[int, int]], report: Report) -> None:
    for i, j in pairs:
        predicted, gold = result.figures[i], gold_figs[j]
        if "year" in gold and gold["year"] is None:
            report.year_unsaid.total += 1
            if predicted.year is None:
                report.year_unsaid.correct += 1
            else:
                report.problems.append({"passage": pid, "kind": "year given, gold none", "count": predicted.count,
                                        "predicted": predicted.year, "quote": predicted.quote})
        for name, tally in (("year", report.year), ("basis", report.basis)):
            if gold.get(name) is None:
                continue
            tally.total += 1
            if getattr(predicted, name) == gold[name]:
                tally.correct += 1
            else:
                report.problems.append({"passage": pid, "kind": f"{name} wrong", "count": predicted.count,
                                        "predicted": getattr(predicted, name), "gold": gold[name],
                                        "quote": predicted.quote})


def _score_confusion(predicted: list[tuple], gold: list[tuple], report: Report) -> None:
    """Pair figures on count (strict matches first) and tally gold vs predicted status and stars."""
    strict = _pairs(predicted, gold)
    left_pred = [i for i in range(len(predicted)) if i not in {i for i, _ in strict}]
    left_gold = [j for j in range(len(gold)) if j not in {j for _, j in strict}]
    by_count = _pairs([predicted[i][:1] for i in left_pred], [gold[j][:1] for j in left_gold])
    for i, j in strict + [(left_pred[a], left_gold[b]) for a, b in by_count]:
        report.status_confusion[(gold[j][2], predicted[i][2])] += 1
        report.stars_confusion[(str(gold[j][1]), str(predicted[i][1]))] += 1


def _confusion_table(title: str, confusion: Counter) -> list[str]:
    golds = sorted({g for g, _ in confusion})
    preds = sorted({p for _, p in confusion})
    width = max([len(v) for v in golds + preds] + [8]) + 2
    lines = [f"{title} (rows gold, columns predicted; figures matched on count)",
             " " * width + "".join(f"{p:>{width}}" for p in preds)]
    for g in golds:
        lines.append(f"{g:<{width}}" + "".join(f"{confusion.get((g, p), 0):>{width}}" for p in preds))
    return lines


def format_table(report: Report, *, verbose: bool = False) -> str:
    """A plain-text summary (and the problem list with verbose)."""
    m = report.metrics()
    lines = [f"passages: {m['passages']}", f"{'metric':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp/pred/gold':>16}"]
    for name in ("figures_strict", "figures_lenient", "documents"):
        r = m[name]
        lines.append(f"{name:<22}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
                     f"{r['tp']:>6}/{r['predicted']}/{r['gold']}")
    for name in ("year", "basis", "documents_issued", "published", "provinces", "year_unsaid"):
        r = m[name]
        lines.append(f"{name + ' accuracy':<38}{r['accuracy']:>8.3f}  ({r['correct']}/{r['total']})")
    if verbose:
        lines.append("")
        lines += _confusion_table("status", report.status_confusion)
        lines.append("")
        lines += _confusion_table("stars", report.stars_confusion)
    if verbose and report.problems:
        lines.append("")
        lines.append("problems:")
        for p in report.problems:
            detail = ", ".join(f"{k}={v!r}" for k, v in p.items() if k not in {"passage", "kind"})
            lines.append(f"  {p['passage']}: {p['kind']}: {detail}")
    return "\n".join(lines)


__all__ = ["PRF", "Accuracy", "GoldPassage", "Report", "asdict", "evaluate", "format_table", "load_gold"]
