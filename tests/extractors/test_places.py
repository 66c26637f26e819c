"""Gazetteer and place finding: aliases, tone placement, prefixes, traps."""

from __future__ import annotations

import csv

import pytest

from extractors.places import PROVINCES, find_places, province_2025, resolve
from harvester.paths import data_file


def provinces_of(text: str) -> list[str | None]:
    return [m.province for m in find_places(text)]


def test_gazetteer_has_63_provinces_and_34_units():
    assert len(PROVINCES) == 63
    with open(data_file("provinces.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len({r["province_2025"] for r in rows}) == 34
    assert {r["name"] for r in rows} == set(PROVINCES)


def test_every_district_points_at_a_known_province():
    with open(data_file("districts.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 600
    assert {r["province"] for r in rows} <= set(PROVINCES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thanh Hoá", ("Thanh Hóa", "Thanh Hóa")),
        ("tỉnh Thanh Hóa", ("Thanh Hóa", "Thanh Hóa")),
        ("THANH HOA", ("Thanh Hóa", "Thanh Hóa")),
        ("TP.HCM", ("TP. Hồ Chí Minh", "TP. Hồ Chí Minh")),
        ("Thành phố Hồ Chí Minh", ("TP. Hồ Chí Minh", "TP. Hồ Chí Minh")),
        ("Thừa Thiên Huế", ("Thừa Thiên Huế", "Huế")),
        ("Yên Bái", ("Yên Bái", "Lào Cai")),
        ("huyện Na Hang", ("Tuyên Quang", "Tuyên Quang")),
        ("Đăk Lăk", ("Đắk Lắk", "Đắk Lắk")),
        ("Khánh Hoà", ("Khánh Hòa", "Khánh Hòa")),
    ],
)
def test_resolve(name, expected):
    assert resolve(name) == expected


@pytest.mark.parametrize("name", ["", "Bắc", "Nam", "Châu Thành", "huyện Châu Thành", "Atlantis", None])
def test_resolve_refuses_unknown_or_ambiguous(name):
    assert resolve(name) is None


def test_province_2025():
    assert province_2025("Bắc Giang") == "Bắc Ninh"
    assert province_2025("Quảng Nam") == "Đà Nẵng"
    assert province_2025("Kon Tum") == "Quảng Ngãi"
    assert province_2025("Nowhere") is None


def test_find_places_province_with_and_without_prefix():
    text = "UBND tỉnh Sơn La và Lai Châu ký kết; THÀNH PHỐ CẦN THƠ tham dự."
    found = find_places(text)
    assert [m.province for m in found] == ["Sơn La", "Lai Châu", "Cần Thơ"]
    for m in found:
        assert text[m.start:m.end] == m.name


def test_districts_with_prefix_resolve_and_keep_prefix():
    text = "Huyện Mường Tè có 3 sản phẩm, thị xã Sa Pa có 9 sản phẩm, TP. Pleiku có 12."
    found = find_places(text)
    assert [(m.name, m.level, m.province) for m in found] == [
        ("Huyện Mường Tè", "district", "Lai Châu"),
        ("thị xã Sa Pa", "district", "Lào Cai"),
        ("TP. Pleiku", "district", "Gia Lai"),
    ]


def test_national_mentions():
    found = find_places("Toàn quốc có hơn 12.000 sản phẩm, cả nước phấn đấu thêm.")
    assert [(m.name, m.level) for m in found] == [("Việt Nam", "national"), ("Việt Nam", "national")]


def test_shared_district_name_needs_context():
    alone = find_places("Huyện Châu Thành vừa công nhận 5 sản phẩm.")
    assert [(m.level, m.province) for m in alone] == [("district", None)]
    with_context = find_places("Tại tỉnh Trà Vinh, huyện Châu Thành vừa công nhận 5 sản phẩm.")
    assert [m.province for m in with_context] == ["Trà Vinh", "Trà Vinh"]


@pytest.mark.parametrize(
    "text",
    [
        "Nước Cộng hòa xã hội chủ nghĩa Việt Nam",  # Nam ≠ Hà Nam
        "khát vọng hòa bình và phát triển",  # lower-case common word, not Hòa Bình
        "Học tập tư tưởng Hồ Chí Minh",  # the leader, not the city
        "ven bờ Thái Bình Dương",  # the Pacific Ocean
        "ông Phan Bình Định phát biểu",  # a person
        "xã Hòa Bình, phường Long An",  # wards with province names
        "miền Bắc và miền Nam",
    ],
)
def test_no_false_hits(text):
    assert provinces_of(text) == []


def test_old_style_tone_marks_and_offsets_in_original_text():
    text = "Sản phẩm của Thanh Hoá và Khánh Hoà"
    found = find_places(text)
    assert [m.province for m in found] == ["Thanh Hóa", "Khánh Hòa"]
    assert [m.name for m in found] == ["Thanh Hoá", "Khánh Hoà"]
    assert all(text[m.start:m.end] == m.name for m in found)


def test_empty_input():
    assert find_places("") == []
    assert find_places(None) == []
