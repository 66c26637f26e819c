"""Figure.basis: a running total ("cumulative") vs what one round, year or decision added ("new").

Sentences are written for these tests. Each row lists (count, basis) for every figure found.
"""

import pytest

from extractors.figures import find_figures
from extractors.records import Extraction, Figure, MainText


def bases(text):
    return [(f.count, f.basis) for f in find_figures(text)]


CUMULATIVE = [
    ("Toàn tỉnh có 155 sản phẩm OCOP.", [(155, "cumulative")]),
    ("Đến nay, tỉnh đã có 98 sản phẩm đạt chuẩn OCOP.", [(98, "cumulative")]),
    ("Đến hết năm 2022 có 203 sản phẩm OCOP được công nhận.", [(203, "cumulative")]),
    ("Lũy kế đến nay, huyện đã công nhận 46 sản phẩm OCOP.", [(46, "cumulative")]),
    ("Tính đến tháng 6/2024, thành phố đã công nhận 61 sản phẩm OCOP.", [(61, "cumulative")]),
    ("Huyện Cờ Đỏ có 21 sản phẩm OCOP.", [(21, "cumulative")]),
    # a breakdown takes the basis of the total it breaks down, also in the next sentence
    (
        "Hiện toàn tỉnh có 140 sản phẩm OCOP, trong đó 12 sản phẩm 4 sao, 128 sản phẩm 3 sao.",
        [(140, "cumulative"), (12, "cumulative"), (128, "cumulative")],
    ),
    (
        "Đến cuối năm 2023, tỉnh có 77 sản phẩm OCOP. Trong đó, 9 sản phẩm đạt 4 sao.",
        [(77, "cumulative"), (9, "cumulative")],
    ),
    ("Tỉnh phấn đấu đến năm 2025 có 250 sản phẩm OCOP.", [(250, "cumulative")]),
]

NEW = [
    ("Năm 2022 tỉnh công nhận thêm 41 sản phẩm OCOP.", [(41, "new")]),
    ("UBND huyện vừa công nhận 16 sản phẩm đạt 3 sao.", [(16, "new")]),
    ("Quyết định công nhận 12 sản phẩm đạt chuẩn OCOP năm 2023.", [(12, "new")]),
    ("Năm 2024, thị xã có thêm 8 sản phẩm OCOP.", [(8, "new")]),
    ("Trong năm, huyện có 14 sản phẩm OCOP mới.", [(14, "new")]),
    ("Hội đồng công nhận lại 14 sản phẩm hết hạn.", [(14, "new")]),
    ("Phấn đấu mỗi năm có thêm ít nhất 10 sản phẩm OCOP.", [(10, "new")]),
    (
        "Năm 2023 công nhận 30 sản phẩm, gồm 4 sản phẩm 4 sao và 26 sản phẩm 3 sao.",
        [(30, "new"), (4, "new"), (26, "new")],
    ),
]

MIXED = [
    (
        "Đến nay toàn tỉnh có 180 sản phẩm OCOP; năm 2023 công nhận thêm 35 sản phẩm.",
        [(180, "cumulative"), (35, "new")],
    ),
    (
        "Năm 2023 công nhận 23 sản phẩm, nâng tổng số sản phẩm OCOP của tỉnh lên 198.",
        [(23, "new"), (198, "cumulative")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CUMULATIVE + NEW + MIXED)
def test_basis(text, expected):
    assert bases(text) == expected


def test_basis_without_a_cue_is_what_the_place_has_or_the_round():
    # no cue about totals or rounds: a place's stock, unless the passage reports one round
    assert bases("Với 5 sản phẩm đạt 4 sao, huyện dẫn đầu khu vực.") == [(5, "cumulative")]
    assert bases("Công bố kết quả phân hạng sản phẩm OCOP đợt 2 năm 2023\n\nHuyện Tân Phú 6 sản phẩm.") == [
        (6, "new")]


def test_basis_defaults_to_none_on_hand_built_figures():
    fig = Figure(3, None, "achieved", None, None, None, None, "3 sản phẩm", 0, 10)
    assert fig.basis is None and fig.to_json()["basis"] is None


def test_basis_is_stored(fresh_db):
    from harvester import storage

    text = "Đến nay toàn tỉnh có 180 sản phẩm OCOP; năm 2023 công nhận thêm 35 sản phẩm."
    extraction = Extraction(text=text, title="OCOP", figures=find_figures(text))
    item = {
        "kind": "article", "url": "https://x.vn/a", "final_url": "https://x.vn/a", "portal_id": "demo",
        "family": "generic", "status": 200, "headers": {}, "body": text.encode(), "encoding": "utf-8",
        "fetched_at": "2026-03-02T01:00:00+00:00", "listing_date": None, "listing_url": None,
    }
    storage.save_article(fresh_db, item, MainText(title="OCOP", text=text), extraction)
    rows = fresh_db.conn.execute("SELECT count, basis FROM figures ORDER BY start").fetchall()
    assert [tuple(r) for r in rows] == [(180, "cumulative"), (35, "new")]
