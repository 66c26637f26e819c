"""Scoring against a gold folder: metrics as GOLD_FORMAT.md defines them, and bad folders."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from extractors.errors import GoldFormatError
from extractors.evaluate import evaluate, format_table, load_gold
from extractors.records import DocumentRef, Extraction, Figure, PublishedDate

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "gold"


def fig(count, stars, status):
    return Figure(count=count, stars=stars, status=status, year=None, place=None, province=None,
                  province_2025=None, quote="q", start=0, end=1)


def doc(number, issued=None):
    return DocumentRef(number=number, type=None, issuer=None, issued=issued, quote=number, start=0, end=1)


def scripted(results):
    """An extractor that returns a fixed Extraction per passage text (to test the scoring alone)."""
    def run(text):
        for marker, result in results.items():
            if marker in text:
                return result
        return Extraction(text=text)
    return run


def test_metrics_follow_gold_format():
    results = {
        "Sơn La công nhận": Extraction(
            text="", provinces=["Sơn La"],
            published=PublishedDate("2022-11-08T09:20:00+07:00", "text"),
            documents=[doc("2311 /QĐ-UBND", "2022-11-02")],
            # 18 ok; 5 with wrong stars (lenient only); 999 false positive; 13 and 146 missed
            figures=[fig(18, None, "achieved"), fig(5, "3", "achieved"), fig(999, None, "achieved")],
        ),
        "Cao Bằng": Extraction(
            text="", provinces=["Cao Bằng", "Lạng Sơn"],
            documents=[doc("61/KH-UBND", "2021-01-01"), doc("12-ct/tu", "2021-05-04"), doc("7/QĐ-UBND")],
            figures=[fig(90, "3+", "target")],
        ),
    }
    report = evaluate(GOLD, extractor=scripted(results))
    m = report.metrics()
    assert m["passages"] == 3
    assert (m["figures_strict"]["tp"], m["figures_strict"]["predicted"], m["figures_strict"]["gold"]) == (2, 4, 5)
    assert m["figures_strict"]["precision"] == 0.5
    assert m["figures_strict"]["recall"] == 0.4
    assert m["figures_lenient"]["tp"] == 3
    assert (m["documents"]["tp"], m["documents"]["predicted"], m["documents"]["gold"]) == (3, 4, 3)
    assert m["documents"]["f1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75, abs=1e-4)
    assert m["documents_issued"] == {"correct": 2, "total": 3, "accuracy": pytest.approx(0.6667, abs=1e-4)}
    assert m["published"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert m["provinces"]["correct"] == 1
    kinds = {p["kind"] for p in report.problems}
    assert {"figure missed", "figure false positive", "document false positive",
            "document issued wrong", "published wrong", "provinces differ"} <= kinds
    table = format_table(report, verbose=True)
    assert "figures_strict" in table
    assert "g-003: published wrong" in table


def test_real_extractor_on_own_gold_documents_and_dates():
    report = evaluate(GOLD)
    m = report.metrics()
    assert m["documents"]["f1"] == 1.0
    assert m["documents_issued"]["accuracy"] == 1.0
    assert m["published"]["accuracy"] == 1.0
    assert m["provinces"]["accuracy"] == 1.0


def test_bad_folders(tmp_path):
    with pytest.raises(GoldFormatError, match="not a folder"):
        load_gold(tmp_path / "missing")
    with pytest.raises(GoldFormatError, match=r"no \*\.json"):
        load_gold(tmp_path)
    (tmp_path / "x-1.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"x-1\.json"):
        load_gold(tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.pop("figures"), "missing keys figures"),
        (lambda g: g.update(text_file="nope.txt"), "not readable"),
        (lambda g: g.update(text_file="../g-001.txt"), "file name next to"),
        (lambda g: g["figures"].append({"count": "12", "status": "achieved"}), "integer count"),
        (lambda g: g.update(documents={"number": "1/QĐ-UBND"}), "documents must be a list"),
    ],
)
def test_gold_file_errors_name_the_file(tmp_path, change, message):
    shutil.copy(GOLD / "g-001.txt", tmp_path / "g-001.txt")
    gold = json.loads((GOLD / "g-001.json").read_text(encoding="utf-8"))
    change(gold)
    (tmp_path / "g-001.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message) as err:
        load_gold(tmp_path)
    assert "g-001.json" in str(err.value)


def test_year_basis_and_confusion_are_scored_on_matched_figures(tmp_path):
    (tmp_path / "p-1.txt").write_text("Năm 2023 tỉnh công nhận 12 sản phẩm; lũy kế có 80 sản phẩm.", encoding="utf-8")
    gold = {"text_file": "p-1.txt", "published": None, "provinces": [], "documents": [], "figures": [
        {"count": 12, "stars": None, "status": "achieved", "year": 2023, "basis": "new"},
        {"count": 80, "stars": None, "status": "achieved", "year": None, "basis": "cumulative"},
        {"count": 7, "stars": "4", "status": "target", "year": 2025},  # no basis key: not scored on basis
    ]}
    (tmp_path / "p-1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")

    def extractor(text):
        return Extraction(text=text, figures=[
            replace(fig(12, None, "achieved"), year=2023, basis="cumulative"),  # year right, basis wrong
            replace(fig(80, None, "achieved"), year=2024, basis="cumulative"),  # gold year null: not scored
            replace(fig(7, "4", "achieved"), year=2020),  # count-matched only: in the confusion table
        ])

    m = evaluate(tmp_path, extractor=extractor).metrics()
    assert m["year"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert m["basis"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    # the year given to the running total is invisible to the scored year, not to "year unsaid"
    assert m["year_unsaid"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert {"gold": "target", "predicted": "achieved", "n": 1} in m["status_confusion"]
    assert {"gold": "achieved", "predicted": "achieved", "n": 2} in m["status_confusion"]
    assert {"gold": "4", "predicted": "4", "n": 1} in m["stars_confusion"]


def test_year_unsaid_counts_a_running_total_left_undated(tmp_path):
    (tmp_path / "p-1.txt").write_text("Đến nay toàn tỉnh có 80 sản phẩm.", encoding="utf-8")
    gold = {"text_file": "p-1.txt", "published": None, "provinces": [], "documents": [], "figures": [
        {"count": 80, "stars": None, "status": "achieved", "year": None, "basis": "cumulative"}]}
    (tmp_path / "p-1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    m = evaluate(tmp_path, extractor=lambda t: Extraction(text=t, figures=[fig(80, None, "achieved")])).metrics()
    assert m["year_unsaid"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert m["year"]["total"] == 0


def test_only_scores_a_subset():
    assert evaluate(GOLD, extractor=scripted({}), only="g-00[12].json").passages == 2
    with pytest.raises(GoldFormatError, match="matching"):
        load_gold(GOLD, only="zz-*.json")


def test_gold_format_error_is_also_harvester_errors_name():
    import harvester.errors

    assert harvester.errors.GoldFormatError is GoldFormatError
    assert issubclass(GoldFormatError, harvester.errors.USER_ERRORS)


def test_provinces_are_compared_through_the_gazetteer(tmp_path):
    shutil.copy(GOLD / "g-001.txt", tmp_path / "p-1.txt")
    gold = {"text_file": "p-1.txt", "published": None, "provinces": ["TP Hồ Chí Minh", "Thanh Hoá"],
            "documents": [], "figures": []}
    (tmp_path / "p-1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    spelled = Extraction(text="", provinces=["TP. Hồ Chí Minh", "Thanh Hóa"])
    assert evaluate(tmp_path, extractor=lambda text: spelled).metrics()["provinces"]["correct"] == 1
    swapped = Extraction(text="", provinces=["Thanh Hóa", "TP. Hồ Chí Minh"])
    assert evaluate(tmp_path, extractor=lambda text: swapped).metrics()["provinces"]["correct"] == 0
