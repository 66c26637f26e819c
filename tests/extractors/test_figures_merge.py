"""The same fact stated twice is one figure: a headline without a level over the body's count with
one, a whole restated by its only part, and a total raised to a new count ("nâng tổng số … lên N").
One row each, in sentences written for these tests."""

from __future__ import annotations

import pytest

from extractors.figures import find_figures


def tuples(text, **kw):
    return [(f.count, f.stars, f.status, f.year) for f in find_figures(text, **kw)]


ROWS = [
    # a headline count without a level (below a line dating the page), the body's same count with its
    # level: one fact
    ("Cập nhật: 06/07/2023 08:30\n\nThành phố Sơn La trao chứng nhận OCOP cho 9 sản phẩm\n\nNgày 5/7, thành phố "
     "tổ chức lễ công bố kết quả đánh giá năm 2023. Theo quyết định của UBND thành phố, có 09 sản phẩm được "
     "công nhận đạt 3 sao.",
     [(9, "3", "achieved", 2023)]),
    ("Thứ Hai, 14/10/2024\n\nThị xã Sơn Tây công nhận 6 sản phẩm OCOP\n\nNăm 2024, UBND thị xã quyết định công "
     "nhận 06 sản phẩm đạt hạng 4 sao, gồm chè, mật ong và bánh gai.",
     [(6, "4", "achieved", 2024)]),
    ("Thị xã Sơn Tây công nhận 6 sản phẩm OCOP\n\nNăm 2024, UBND thị xã quyết định công nhận 06 sản phẩm "
     "đạt hạng 4 sao, gồm chè, mật ong và bánh gai.",
     [(6, "4", "achieved", 2024)]),
    # a whole restated by its only part: "(3 sao: 9)" says the 9 are all 3 stars
    ("Năm 2023, toàn tỉnh công nhận 20 sản phẩm. Theo huyện:\n\n- Huyện Yên Châu: 9 sản phẩm (3 sao: 9)\n"
     "- Huyện Mộc Châu: 11 sản phẩm (4 sao: 2; 3 sao: 9)",
     [(20, None, "achieved", 2023), (9, "3", "achieved", 2023), (11, None, "achieved", 2023),
      (2, "4", "achieved", 2023), (9, "3", "achieved", 2023)]),
    # a total of one level raised to a count: the level sits between the noun and "lên"
    ("Đợt này tỉnh có thêm 3 sản phẩm được công nhận 4 sao, nâng tổng số sản phẩm 4 sao của tỉnh lên 25.",
     [(3, "4", "achieved", None), (25, "4", "achieved", None)]),
    ("Năm 2024, huyện có 5 sản phẩm đạt 4 sao, nâng tổng số sản phẩm OCOP 4 sao của huyện lên 17.",
     [(5, "4", "achieved", 2024), (17, "4", "achieved", 2024)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_one_fact(text, expected):
    assert tuples(text) == expected
