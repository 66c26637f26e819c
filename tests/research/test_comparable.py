"""The comparable key (harvester/comparable.py): one row per rule, and the stable figure key."""

from __future__ import annotations

import pytest

from harvester.comparable import comparable, derived_as_of, derived_level, figure_key, period_end


@pytest.mark.parametrize(("sentence", "quote", "year", "article_date", "expected"), [
    ("Tính đến ngày 31/1/2025, tỉnh Lào Cai có 150 sản phẩm.", "150 sản phẩm", 2025, "2025-02-20", "2025-01-31"),
    ("Đến tháng 7/2025, tỉnh Lào Cai có 380 sản phẩm.", "380 sản phẩm", 2025, "2025-08-15", "2025-07"),
    ("Lũy kế đến hết tháng 6 năm 2024, toàn tỉnh có 98 sản phẩm.", "98 sản phẩm", None, "2024-07-02", "2024-06"),
    ("Tính đến ngày 15 tháng 3 năm 2024, tỉnh có 77 sản phẩm.", "77 sản phẩm", None, "2024-04-01", "2024-03-15"),
    ("Toàn tỉnh có 60 sản phẩm (tính đến 30/9/2023).", "60 sản phẩm", 2023, "2023-10-05", "2023-09-30"),
    # a decision's date is not an as-of date: no "đến" before it
    ("Theo Quyết định số 12/QĐ-UBND ngày 12/12/2023, có 25 sản phẩm.", "25 sản phẩm", 2023, "2024-01-03", "2023"),
    ("Năm 2024, tỉnh có thêm 30 sản phẩm.", "30 sản phẩm", 2024, "2025-03-01", "2024"),
    ("Đến nay, toàn tỉnh có 227 sản phẩm.", "227 sản phẩm", None, "2025-06-05T08:00:00+07:00", "2025-06-05"),
    ("Tính đến 31/2/2024, tỉnh có 5 sản phẩm.", "5 sản phẩm", 2024, "2024-03-01", "2024"),  # no 31 February
])
def test_as_of_follows_the_rule(sentence, quote, year, article_date, expected):
    assert derived_as_of(sentence, quote, year, article_date) == expected


@pytest.mark.parametrize(("place", "province", "level"), [
    ("huyện Hồng Dân", "Bạc Liêu", "district"),
    ("thị xã Nghĩa Lộ", "Yên Bái", "district"),
    ("thành phố Tuyên Quang", "Tuyên Quang", "district"),
    ("xã Tân Trào", "Tuyên Quang", "commune"),
    ("Yên Bái", "Yên Bái", "province"),
    ("tỉnh Tuyên Quang", "Tuyên Quang", "province"),
    ("toàn tỉnh", "Hà Giang", "province"),
    (None, "Hà Giang", "province"),
    ("Việt Nam", None, "national"),
    ("mỗi huyện, thành phố", "Hà Giang", "district"),
])
def test_place_level_from_the_place_as_written(place, province, level):
    assert derived_level(place, province) == level


def row(**values):
    base = {"place": "Lào Cai", "province": "Lào Cai", "province_2025": "Lào Cai", "year": None, "as_of": None,
            "stars": "3+", "status": "achieved", "basis": "cumulative", "sentence": "", "quote": "",
            "published": "2025-08-15"}
    return base | values


def test_the_merged_unit_after_july_2025_is_a_unit_of_its_own():
    merged = comparable(row(sentence="Đến tháng 7/2025, tỉnh Lào Cai có 380 sản phẩm.", quote="380 sản phẩm"))
    before = comparable(row(sentence="Tính đến 31/1/2025, tỉnh Lào Cai có 150 sản phẩm.", quote="150 sản phẩm"))
    part = comparable(row(place="Yên Bái", province="Yên Bái", year=2024))
    assert (merged.unit, merged.unit_key, merged.era) == ("Lào Cai (2025)", "2025:lao cai", "2025")
    assert (before.unit, before.unit_key, before.era) == ("Lào Cai", "p:lao cai", "pre")
    assert part.unit_key == "p:yen bai" and part.era == "pre"
    assert len({merged.series, before.series, part.series}) == 3
    # A province the merger left alone continues its series across 1 July 2025.
    same = comparable(row(place="Cao Bằng", province="Cao Bằng", province_2025="Cao Bằng", as_of="2025-09-01"))
    earlier = comparable(row(place="Cao Bằng", province="Cao Bằng", province_2025="Cao Bằng", as_of="2024-09-01",
                             published="2024-09-01"))
    assert same.series == earlier.series


def test_an_old_province_named_after_the_merger_stays_the_old_part():
    named = comparable(row(place="Yên Bái", province="Yên Bái", as_of="2025-09-01"))
    assert named.unit_key == "p:yen bai" and named.era == "2025"


def test_a_target_is_placed_by_when_it_was_set():
    target = comparable(row(status="target", year=2030, published="2023-04-01"))
    assert target.unit_key == "p:lao cai"  # old Lào Cai's plan, even though 2030 is after the merger


def test_basis_and_key():
    new = comparable(row(basis="new", year=2024))
    total = comparable(row(basis=None, year=2024))
    assert (new.basis, total.basis) == ("new", "total") and new.key != total.key
    assert comparable(row(place="huyện", province="Hà Giang")).unit_key is None  # no name: never compared


def test_stored_level_and_as_of_are_used_as_they_are():
    stored = comparable(row(place_level="district", place="Bắc Hà", as_of="2025-05", year=2025,
                            sentence="Tính đến 31/1/2025 ..."))
    assert (stored.level, stored.as_of, stored.unit_key) == ("district", "2025-05", "p:lao cai/bac ha")


def test_period_end():
    assert [period_end(v) for v in ("2024", "2024-02", "2023-02", "2025-01-31", None)] == [
        "2024-12-31", "2024-02-29", "2023-02-28", "2025-01-31", None]


def test_figure_key_is_stable_and_distinguishes_occurrences():
    key = figure_key("https://x.vn/a", "12 sản phẩm", 0)
    assert key == figure_key("https://x.vn/a", "12 sản phẩm", 0)
    assert len({key, figure_key("https://x.vn/a", "12 sản phẩm", 1), figure_key("https://x.vn/b", "12 sản phẩm", 0),
                figure_key("https://x.vn/a", "13 sản phẩm", 0)}) == 4
    assert key.split("-")[0] == figure_key("https://x.vn/a", "anything", 3).split("-")[0]  # the URL half
