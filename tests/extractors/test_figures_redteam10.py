"""Tenth red-team round: the full text of official documents — a province's or district's OCOP plan
(letterhead, "Căn cứ …" with last year's results, "Chỉ tiêu cụ thể", quotas per year and per district,
an annex list with its total) (``plan``); recognition decisions ("Điều 1. Công nhận N sản phẩm …",
re-recognitions, upgrades, revocations, a proposal for national 5 stars, an annex by district, a decision
that replaces another) (``decision``); reports of a year, a half-year or a phase (results against the
plan, per-commune results, "Tồn tại, hạn chế", next year's tasks, "9/148") (``report``); council
resolutions, party directives and resolutions with targets and support per product (``resolution``).
Written on invented facts and annotated by GOLD_FORMAT.md (dev gold and earlier rounds as the arbiters
of conventions) before the extractor was run on them.

The passages are data in ``tests/extractors/redteam10/``, in the first round's format (read and scored
by that module's loader and scorer); a ``year`` or ``basis`` of ``"?"`` is not compared; a ``note``
says which convention was applied; ``xfail`` says why a passage is left failing.

These are unit tests of constructions, not evidence of accuracy on real text: their first contact
(docs/extraction.md, "Tenth red-team round") is the only number from them that estimates anything.

``python tests/extractors/test_figures_redteam10.py`` prints the scores per register.
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
PASSAGES = _round1.load_passages(Path(__file__).parent / "redteam10")


def test_passages_are_well_formed():
    _round1.assert_well_formed(PASSAGES, range(18, 23))


@pytest.mark.parametrize("passage", [_round1.passage_param(p) for p in PASSAGES])
def test_passage(passage):
    _round1.assert_passage_read_right(passage)


# The constructions the tenth round's misses showed, one self-written row each (not passage text):
# (text, [(count, stars, status, year, basis), ...]) of every figure find_figures keeps.
ROWS = [
    # an article of a decision or resolution ("Điều 1. Kết quả năm 2024") is a heading and a new part: its year
    # dates the counts under it, not the title's
    ("NGHỊ QUYẾT\nVề kế hoạch năm 2025\n\nĐiều 1. Kết quả năm 2024\nHuyện được công nhận mới 7 sản phẩm OCOP.\n\n"
     "Điều 2. Chỉ tiêu năm 2025\nPhấn đấu có thêm 6 sản phẩm OCOP.",
     [(7, None, "achieved", 2024, "new"), (6, None, "target", 2025, "new")]),
    # "hết thời hạn công nhận năm 2022": the year the certificates ran out, not the count's
    ("Kế hoạch năm 2025 của huyện:\n- Đánh giá lại 15 sản phẩm hết thời hạn công nhận năm 2022.",
     [(15, None, "target", 2025, "new")]),
    # has-only: "năm 2023 chỉ có 19 sản phẩm được công nhận" is the year's round, as for "đã có"/"có"
    ("Toàn tỉnh có 205 sản phẩm OCOP. Tuy nhiên, năm 2023 chỉ có 19 sản phẩm được công nhận, thấp nhất từ khi "
     "triển khai.",
     [(205, None, "achieved", None, "cumulative"), (19, None, "achieved", 2023, "new")]),
    ("Tuy nhiên, năm 2024 chỉ có 12 sản phẩm được công nhận.", [(12, None, "achieved", 2024, "new")]),
    # a part whose own bracket mixes levels does not take its whole's level
    ("Công nhận 5 sản phẩm đạt 4 sao và 12 sản phẩm đạt 3 sao năm 2025, trong đó huyện Cái Bè có 4 sản phẩm "
     "(1 sản phẩm 4 sao, 3 sản phẩm 3 sao).",
     [(5, "4", "achieved", 2025, "new"), (12, "3", "achieved", 2025, "new"), (4, None, "achieved", 2025, "new"),
      (1, "4", "achieved", 2025, "new"), (3, "3", "achieved", 2025, "new")]),
    # list-basis: past ';' after a stock, "huyện A dẫn đầu với N, tiếp đến huyện B M" goes on listing the stock
    ("Năm 2025, tỉnh công nhận 21 sản phẩm.\nHiện nay, toàn tỉnh có 90 sản phẩm OCOP; huyện Krông Nô dẫn đầu với "
     "15 sản phẩm, tiếp đến huyện Đắk Mil 12 sản phẩm.",
     [(21, None, "achieved", 2025, "new"), (90, None, "achieved", None, "cumulative"),
      (15, None, "achieved", None, "cumulative"), (12, None, "achieved", None, "cumulative")]),
    # threshold-of-places: a year before "huyện có ít nhất" is no count of districts
    ("Đến năm 2025 huyện có ít nhất 41 sản phẩm OCOP.", [(41, None, "target", 2025, "cumulative")]),
    # target-by-year: a target dated by its section's heading "Định hướng đến năm 2030" is a stock
    ("II. MỤC TIÊU\n2. Định hướng đến năm 2030\n- Huyện có từ 60 sản phẩm OCOP trở lên.",
     [(60, None, "target", 2030, "cumulative")]),
    # list-row: a list opened by "Kết quả:" lists the outcome, not the plan stated before on its line
    ("Kế hoạch đặt mục tiêu đến năm 2025 có 90 sản phẩm OCOP. Kết quả:\n- Năm 2022: công nhận 14 sản phẩm;\n"
     "- Năm 2023: công nhận 17 sản phẩm.",
     [(90, None, "target", 2025, "cumulative"), (14, None, "achieved", 2022, "new"), (17, None, "achieved", 2023, "new")]),
    # plan-section: "Các chỉ tiêu …" is a plan heading, and an indicator's label ("Số sản phẩm … được công nhận
    # mới:") is no cue of its value
    ("Điều 2. Các chỉ tiêu chủ yếu năm 2026\n1. Số xã đạt chuẩn nông thôn mới: 3 xã.\n"
     "2. Số sản phẩm OCOP được công nhận mới: 12 sản phẩm.", [(12, None, "target", 2026, "new")]),
    # revoked: "Thu hồi Giấy chứng nhận sản phẩm OCOP đối với N sản phẩm" (the noun between)
    ("Điều 3. Thu hồi Giấy chứng nhận sản phẩm OCOP đối với 2 sản phẩm do chủ thể ngừng sản xuất.", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_construction(text, expected):
    _round1.assert_construction_read_right(text, expected)


if __name__ == "__main__":
    print("\n".join(_round1.scores(PASSAGES)))
    sys.exit(0)
