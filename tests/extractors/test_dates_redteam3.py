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

from extractors.dates import find_published
from extractors.documents import find_documents
from extractors.evaluate import evaluate
from extractors.pipeline import extract


def _module(name: str):
    """An earlier round's module, loaded by path (test modules are not a package here)."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"dates3_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_round1 = _module("test_dates_redteam")
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


_BODY = ("Hội đồng cấp tỉnh đã chấm điểm các sản phẩm của hợp tác xã và hộ kinh doanh, "
         "đề nghị UBND tỉnh công nhận những sản phẩm đạt yêu cầu về chất lượng, bao bì và khả năng "
         "phát triển thị trường trong những năm tới theo bộ tiêu chí mới.")


@pytest.mark.parametrize(
    ("rule", "page", "value", "quote"),
    [
        ("a date line glued to a long headline after it",
         f"Trang chủ\n21/08/2025 09:40Hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh\n{_BODY}",
         "2025-08-21T09:40:00+07:00", "21/08/2025 09:40"),
        ("a date without a time glued to the headline",
         f"Trang chủ\n21-08-2025Hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh\n{_BODY}",
         "2025-08-21", "21-08-2025"),
    ],
)
def test_published_shapes(rule, page, value, quote):
    found = find_published(page)
    assert found is not None, rule
    assert (found.value, found.quote) == (value, quote), rule
    assert page[found.start:found.end] == found.quote


@pytest.mark.parametrize(
    ("rule", "page"),
    [
        ("a date that opens a sentence with a space is prose",
         f"Tiêu đề\n{_BODY}\n21/08/2025 Hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh"),
        ("a date glued to a lower-case word is no headline",
         f"Tiêu đề\n{_BODY}\n21/08/2025hợp tác xã chè Tân Cương giới thiệu ba sản phẩm OCOP mới tại hội chợ nông sản của tỉnh"),
    ],
)
def test_not_published(rule, page):
    assert find_published(page) is None, rule


def docs(text):
    return [(d.number, d.type, d.issued) for d in find_documents(text)]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        ("a certificate numbered like a document is none", "Cơ sở được cấp GCN số 07/2022/ĐKHTX ngày 02/3/2022.", []),
        ("a certificate named with its kind is none",
         "Cơ sở có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm số 18/2023/SNN-QLCL.", []),
        ("a result sheet is none", "theo Phiếu kết quả kiểm nghiệm số 356/PKQ-TTKT ngày 4/5/2024", []),
        ("a decision that grants a certificate is cited",
         "được cấp Giấy chứng nhận theo Quyết định số 88/QĐ-UBND ngày 09/01/2024",
         [("88/QĐ-UBND", "Quyết định", "2024-01-09")]),
        ("an issuer of ten words before the date",
         "Quyết định số 41/QĐ-UBND của Chủ tịch Ủy ban nhân dân thành phố Hải Phòng ngày 03/7/2025 về",
         [("41/QĐ-UBND", "Quyết định", "2025-07-03")]),
        ("a signing date with a two-digit year", "Kế hoạch số 19/KH-UBND ngày 02/4/25 của UBND xã",
         [("19/KH-UBND", "Kế hoạch", "2025-04-02")]),
        ("a two-digit 'year' before a count is no date", "Kế hoạch số 19/KH-UBND ngày 02/4/25 sản phẩm",
         [("19/KH-UBND", "Kế hoạch", None)]),
        ("a two-digit 'year' followed by more digits is no date", "Kế hoạch số 19/KH-UBND ngày 02/4/25/7",
         [("19/KH-UBND", "Kế hoạch", None)]),
    ],
)
def test_citation_shapes(rule, text, expected):
    assert docs(text) == expected, rule


def scores() -> list[str]:
    """One line per family and one for all: the scorer's metrics, and the pages without a date
    for which the extractor gives none (which the scorer leaves out)."""
    families = sorted({p.id.split("-")[0] for p in PASSAGES})
    lines = []
    for family, only in [(f, f"{f}-*.json") for f in families] + [("all", None)]:
        m = evaluate(FOLDER, only=only).metrics()
        undated = [p for p in PASSAGES if p.gold["published"] is None and family in ("all", p.id.split("-")[0])]
        kept = sum(1 for p in undated if extract(p.text).published is None)
        docs = m["documents"]
        lines.append(f"{family:8} published {m['published']['correct']}/{m['published']['total']}"
                     f"  none kept none {kept}/{len(undated)}"
                     f"  documents F1 {docs['f1']:.3f} P {docs['precision']:.3f} R {docs['recall']:.3f}"
                     f" ({docs['tp']}/{docs['predicted']}/{docs['gold']})"
                     f"  issued {m['documents_issued']['correct']}/{m['documents_issued']['total']}")
    return lines


if __name__ == "__main__":
    print("\n".join(scores()))
