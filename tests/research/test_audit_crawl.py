"""The audit on a real crawl of the imitation farm: every PLANTED fact is flagged, nothing else.

The farm is crawled by `harvester crawl` in a subprocess exactly as tests/crawl/test_e2e.py does
(its helpers are loaded from tests/crawl/conftest.py), so the rows come from the spiders, the
extractors and the one write path. The flag set is asserted exactly: a new false positive fails.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from harvester.audit import run_audit
from harvester.fixture_portals.content import PLANTED

pytestmark = pytest.mark.e2e

SITES = ["nukeviet", "wordpress", "liferay", "sharepoint", "generic", "faults"]


def _crawl_helpers():
    path = Path(__file__).resolve().parents[1] / "crawl" / "conftest.py"
    spec = importlib.util.spec_from_file_location("crawl_helpers_for_audit", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def crawled_db(tmp_path_factory):
    from harvester.fixture_portals import start_farm

    helpers = _crawl_helpers()
    tmp = tmp_path_factory.mktemp("audit-crawl")
    farm = start_farm(SITES)
    try:
        result = helpers.crawl_farm(farm, tmp / "ocop.db", helpers.farm_registry(farm, tmp / "portals.csv"))
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        farm.stop()
    return tmp / "ocop.db"


def _portal(url: str | None) -> str:
    return {"127.0.0.11": "nukeviet", "127.0.0.12": "wordpress", "127.0.0.13": "liferay",
            "127.0.0.14": "sharepoint", "127.0.0.15": "generic", "127.0.0.16": "faults"}.get(
        (url or "").split("/")[2].split(":")[0], "?")


def test_every_planted_fact_is_flagged_and_nothing_else(crawled_db):
    report = run_audit(crawled_db)
    summary = sorted((f.kind, getattr(f, "province", None) or getattr(f, "number", None)) for f in report.flags)
    assert summary == [
        ("annex", "2345/QĐ-UBND"),
        ("breakdown", "Cao Bằng"),
        ("conflict", "Phú Yên"),  # all levels: 120 vs 118
        ("conflict", "Phú Yên"),  # 4 sao: 19 vs 17, the same two articles disagree on the level too
        ("decision-date", "1234/QĐ-UBND"),
        ("target", "Yên Bái"),  # 200 by 2025, 182 so far
        ("target", "Yên Bái"),  # 3 × 5 sao by 2025, 1 so far
    ]

    total = PLANTED["total_conflict"]
    conflicts = {f.stars: f for f in report.conflicts}
    assert (conflicts[None].period, conflicts[None].counts) == (str(total["year"]), sorted(total["values"].values()))
    assert {_portal(s.url): s.count for s in conflicts[None].sources} == total["values"]
    assert conflicts["4"].counts == [17, 19]

    dates = PLANTED["decision_date_conflict"]
    [flag] = report.decision_dates
    assert flag.dates == sorted(dates["dates"].values())
    assert {_portal(s.url): s.issued for s in flag.sources} == dates["dates"]

    [breakdown] = report.breakdowns
    assert (breakdown.total, breakdown.parts, breakdown.parts_sum) == (155, {"5": 1, "4": 11, "3": 140}, 152)
    assert {_portal(s.url) for s in breakdown.sources} == {"sharepoint"}

    [annex] = report.annexes
    assert (annex.stated, annex.rows) == (9, 8)

    behind = {(t.stars, t.target, t.achieved) for t in report.targets if t.verdict == "behind"}
    assert behind == {(None, 200, 182), ("5", 3, 1)}


def test_no_false_positive_of_the_known_kinds(crawled_db):
    report = run_audit(crawled_db)
    # Phú Yên's "tỉnh công nhận mới 41 sản phẩm" is one year's additions, not a third total.
    assert all(41 not in f.counts for f in report.conflicts)
    # District counts are never compared with province totals.
    assert report.decreases == []
    # Quảng Trị's target "200 ≥3 sao, trong đó ít nhất 25 × 4 sao và 2 × 5 sao" is a partial list.
    assert [b.province for b in report.breakdowns] == ["Cao Bằng"]
    # "có thêm 25 / 30 / 15 sản phẩm" (new-products targets) are not measured against running totals.
    for check in report.targets:
        if check.province in {"Bình Thuận", "Phú Yên", "Lai Châu", "Đắk Nông", "Quảng Trị"}:
            assert check.verdict == "unknown", check.summary


def test_syndicated_copy_is_not_a_second_source(crawled_db):
    conn = sqlite3.connect(crawled_db)
    copies = conn.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
    assert copies, "the syndicated article should be stored as a copy"
    copy_ids = {c for c, _ in copies}
    report = run_audit(crawled_db)
    cited = {s.article_id for f in [*report.flags, *report.targets] for s in f.sources}
    assert not cited & copy_ids
    series = report.certified.get("Sơn La", {})
    assert all(len({p.year for p in pts}) == len(pts) for pts in series.values())
