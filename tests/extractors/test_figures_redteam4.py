"""Fourth red-team round: when a count is dated and whether it is new or a running total, in registers
the first three rounds did not try — year-end and half-year reviews that set last year's and this
year's counts side by side (``yearend``); five-year and phase reviews with per-year counts and sums
(``phase``); provincial and district People's Council (HĐND) reports, resolutions, questions and
supervision (``council``); decisions and news that approve several rounds at once, with the year only
in a decision's date, a title or a heading (``multiround``); articles written in January about the
year before (``january``); and progress pieces — "tính đến tháng 9", "trong 9 tháng", "so với năm
trước", "vượt kế hoạch", "nâng tổng số lên", "lũy kế từ năm 2019" (``progress``). Written by an engineer
who had not read the earlier rounds' passages, on invented facts, and annotated by GOLD_FORMAT.md (dev
gold as the arbiter of conventions) before the extractor was run on them.

The passages are data in ``tests/extractors/redteam4/``, in the first round's format (read and scored
by that module's loader and scorer): ``id``, ``register``, ``published``, ``text``, ``figures``; a
``year`` or ``basis`` of ``"?"`` is one a careful annotator could set either way (not compared); a
``note`` says why something that looks like a figure is not one, or which convention was applied;
``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Fourth red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam4.py`` prints the scores per register.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _first_round():
    """The first round's module, loaded by path (test modules are not a package here)."""
    path = Path(__file__).with_name("test_figures_redteam.py")
    spec = importlib.util.spec_from_file_location("figures_redteam_first_round", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_round1 = _first_round()
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam4")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(30, 41))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


# The constructions the fourth round's misses showed, one self-written row each (not passage text):
# (text, [(count, stars, status[, year, basis]), ...]) of every figure find_figures keeps.
ROWS = [
    # "năm qua" in January and "năm trước" are the year before the date that opens the sentence
    ("Ngày 10/1/2025, Sở cho biết năm qua tỉnh có thêm 33 sản phẩm OCOP.", [(33, None, "achieved", 2024, "new")]),
    ("Ngày 20/12/2023, Sở cho biết năm trước toàn tỉnh có 21 sản phẩm được công nhận.",
     [(21, None, "achieved", 2022, "new")]),
    # a decision's title line above the lead dates its round
    ("Quyết định số 15/QĐ-UBND ngày 5/1/2024 của UBND tỉnh Cao Bằng\n\nVề việc công nhận sản phẩm OCOP\n\n"
     "Điều 1. Công nhận 12 sản phẩm đạt 3 sao.", [(12, "3", "achieved", 2024, "new")]),
    # a next sentence's breakdown is of the stock, not of its rise
    ("Đến ngày 30/9/2024, huyện có 80 sản phẩm OCOP, tăng 9 sản phẩm so với cuối năm 2023. Trong đó, 12 sản phẩm "
     "đạt 4 sao.", [(80, None, "achieved", 2024, "cumulative"), (9, None, "achieved", 2024, "new"),
                    (12, "4", "achieved", 2024, "cumulative")]),
    # plans in brackets after 'mục tiêu đề án', 'Nghị quyết HĐND giao'; an estimate of the year's products
    ("Năm 2023 tỉnh công nhận 26 sản phẩm, vượt mục tiêu đề án (20 sản phẩm).",
     [(26, None, "achieved"), (20, None, "target")]),
    ("Năm 2024 huyện có 14 sản phẩm được công nhận, đạt 140% Nghị quyết HĐND huyện giao (10 sản phẩm).",
     [(14, None, "achieved"), (10, None, "target")]),
    ("Trong 9 tháng năm 2024 tỉnh công nhận 22 sản phẩm; ước cả năm đạt 35 sản phẩm.",
     [(22, None, "achieved"), (35, None, "target")]),
    # a plan's status does not carry past 'nhưng'
    ("Nghị quyết đặt chỉ tiêu mỗi năm có thêm 30 sản phẩm, nhưng năm 2024 tỉnh chỉ có 18 sản phẩm được công nhận.",
     [(30, None, "target"), (18, None, "achieved")]),
    # a part of a year bounds what a place 'mới có'; 'cả năm' after 'Như vậy' is the year's sum
    ("Trong 9 tháng năm 2024, tỉnh mới có 12 sản phẩm được công nhận.", [(12, None, "achieved", 2024, "new")]),
    ("Năm 2023, huyện tổ chức 3 đợt đánh giá, phân hạng. Như vậy, cả năm huyện có 14 sản phẩm được công nhận.",
     [(14, None, "achieved", 2023, "new")]),
    # products registered, and products about to expire, are not results
    ("Năm 2024, toàn tỉnh có 60 sản phẩm được đăng ký tham gia đánh giá; kết quả 45 sản phẩm đạt 3 sao.",
     [(45, "3", "achieved")]),
    ("Hội đồng đề nghị rà soát 5 sản phẩm sắp hết hạn giấy chứng nhận.", []),
    # a rank clause after a raised total gives it no level
    ("Với quyết định này, tỉnh nâng tổng số sản phẩm OCOP lên 250 sản phẩm, đứng đầu khu vực về số sản phẩm 4 sao.",
     [(250, None, "achieved")]),
    # a dossier sent up for a level, products considered for a level: proposals
    ("Ngoài ra, 2 sản phẩm đã gửi hồ sơ lên Trung ương để xét công nhận 5 sao.", [(2, "5", "proposed")]),
    ("Huyện có 3 sản phẩm đang được tỉnh xem xét nâng hạng lên 4 sao.", [(3, "4", "proposed")]),
    # per-year lines with the same count are two facts; a date in brackets after the label is no stock
    ("Kết quả từng năm:\n- Năm 2023: 30 sản phẩm;\n- Năm 2024 (đến ngày 20/11): 30 sản phẩm.",
     [(30, None, "achieved", 2023, "new"), (30, None, "achieved", 2024, "new")]),
    # both ends of a rise are stocks
    ("Số sản phẩm OCOP của tỉnh tăng từ 40 sản phẩm năm 2020 lên 150 sản phẩm tính đến tháng 6/2025.",
     [(40, None, "achieved", 2020, "cumulative"), (150, None, "achieved", 2025, "cumulative")]),
    # a year ranked by its products has that year's
    ("Năm 2023 là năm tỉnh có nhiều sản phẩm được công nhận nhất với 48 sản phẩm.",
     [(48, None, "achieved", 2023, "new")]),
    # a per-year breakdown in brackets: each item its label's year, the owner's level
    ("Giai đoạn 2021–2023, huyện có 15 sản phẩm đạt 3 sao (năm 2022: 6 sản phẩm; năm 2023: 9 sản phẩm).",
     [(15, "3", "achieved", 2023), (6, "3", "achieved", 2022), (9, "3", "achieved", 2023)]),
    # 'lũy kế' naming a raised total; the programme's start; 'Trước đó' before a step of the round
    ("Năm 2024 tỉnh công nhận 30 sản phẩm, nâng tổng số sản phẩm OCOP lũy kế lên 210 sản phẩm.",
     [(30, None, "achieved", 2024, "new"), (210, None, "achieved", 2024, "cumulative")]),
    ("Từ khi triển khai Chương trình OCOP năm 2019, huyện đã có 31 sản phẩm được công nhận.",
     [(31, None, "achieved", None, "cumulative")]),
    ("Bộ công nhận 20 sản phẩm OCOP 5 sao năm 2025. Trước đó, Hội đồng Trung ương đã họp xem xét hồ sơ của 30 sản "
     "phẩm do các tỉnh đề nghị công nhận 5 sao.", [(20, "5", "achieved", 2025, "new"), (30, "5", "proposed", 2025, "new")]),
    # products re-evaluated after their certificate expired are the period's results
    ("Toàn tỉnh có 100 sản phẩm OCOP. Có 8 sản phẩm có giấy chứng nhận hết hạn trong năm 2024 đã được đánh giá lại.",
     [(100, None, "achieved", None, "cumulative"), (8, None, "achieved", 2024, "new")]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_construction(text, expected):
    _round1.assert_construction_read_right(text, expected)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
