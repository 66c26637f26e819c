"""Constructions found by the third held-out round (tests/fixtures/heldout3), one row each,
in sentences written for these tests (not copied from the fixtures)."""

from __future__ import annotations

import pytest

from extractors.figures import find_figures


def tuples(text, **kw):
    return [(f.count, f.stars, f.status, f.year) for f in find_figures(text, **kw)]


ROWS = [
    # a level, its share, then its count
    ("Toàn tỉnh có 120 sản phẩm OCOP, trong đó 4 sao chiếm 30% với 36 sản phẩm.",
     [(120, None, "achieved", None), (36, "4", "achieved", None)]),
    # the headline's count restated by the body with its level (or a narrower place) is one figure
    ("Phú Yên công nhận 18 sản phẩm OCOP\n\nNăm 2024, UBND tỉnh Phú Yên công nhận 18 sản phẩm đạt hạng 3 sao.",
     [(18, "3", "achieved", 2024)]),
    ("HTX Hòa Lợi có 2 sản phẩm đạt OCOP 4 sao\n\nHợp tác xã ở huyện Tuy An hiện có 2 sản phẩm đạt 4 sao.",
     [(2, "4", "achieved", None)]),
    # "và phấn đấu" opens a new clause: its level is not the count's
    ("Năm 2025, huyện đặt mục tiêu công nhận thêm 12 sản phẩm và phấn đấu có sản phẩm 4 sao đầu tiên.",
     [(12, None, "target", 2025)]),
    # a proposal listed under a plan heading is planned, a target, in the year the heading names
    ("II. NHIỆM VỤ NĂM 2025\n1. Chỉ tiêu\n- Đề xuất Trung ương đánh giá 3 sản phẩm tiềm năng 5 sao.",
     [(3, "5", "target", 2025)]),
    # the plan noun with a qualifier names the count: "kế hoạch năm là 40", "chỉ tiêu đến năm 2025 (100 SP)"
    ("Năm 2023 công nhận 52 sản phẩm (đạt 130% kế hoạch năm là 40 sản phẩm).",
     [(52, None, "achieved", 2023), (40, None, "target", 2023)]),
    ("Toàn tỉnh có 130 SP OCOP, vượt chỉ tiêu của Đề án (120 SP).",
     [(130, None, "achieved", None), (120, None, "target", None)]),
]

NOT_FIGURES = [
    # products on display at a fair, and the OCOP part of that display
    "Phiên chợ trưng bày, giới thiệu gần 800 sản phẩm, trong đó có 250 sản phẩm OCOP đạt 3 sao trở lên.",
    "Gian hàng của tỉnh giới thiệu 45 sản phẩm OCOP của 28 chủ thể.",
    # a report line naming what it counts before the colon
    "- Số sản phẩm không đạt: 7 sản phẩm.",
    "- Số sản phẩm đăng ký: 48 sản phẩm của 30 chủ thể.",
    # products that merely took part, the verb after the noun
    "Hội đồng tổ chức 3 đợt đánh giá với 61 sản phẩm tham gia.",
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_construction(text, expected):
    assert tuples(text) == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text):
    assert tuples(text) == []
