"""The portal registry: the real data/portals.csv, and precise messages for bad files."""

from __future__ import annotations

import csv
import json

import pytest

from harvester.errors import RegistryError
from harvester.paths import data_file
from harvester.registry import FAMILIES, get_portal, load_registry, sync_portals

HEADER = "id,name,family,site_kind,domain,province,province_2025,start_urls,document_urls,enabled,settings\n"
GOOD = 'tinh-portal,Cổng tỉnh,nukeviet,portal,tinh.gov.vn,Bắc Kạn,Thái Nguyên,https://tinh.gov.vn/vi/news/rss/,,1,{}\n'


def _provinces():
    with open(data_file("provinces.csv"), encoding="utf-8") as f:
        return {row["name"]: row["province_2025"] for row in csv.DictReader(f)}


def test_real_registry_covers_every_province_and_unit():
    portals = load_registry()
    provinces = _provinces()
    assert len(provinces) == 63 and len(set(provinces.values())) == 34
    by_province = {p.province for p in portals if p.province}
    assert by_province == set(provinces)
    assert {p.province_2025 for p in portals if p.province} == set(provinces.values())
    # every old province has its own provincial portal, with the right merger target
    official = {p.province: p for p in portals if p.site_kind == "portal"}
    assert set(official) == set(provinces)
    assert all(official[name].province_2025 == provinces[name] for name in provinces)


def test_real_registry_rows_are_usable():
    portals = load_registry()
    assert len({p.id for p in portals}) == len(portals) == 146
    assert {p.family for p in portals} <= set(FAMILIES)
    national = [p for p in portals if p.province is None]
    assert "national-ocop" in {p.id for p in national} and all(p.province_2025 is None for p in national)
    hatinh = get_portal(portals, "hatinh-ntm")
    assert (hatinh.family, hatinh.province, hatinh.province_2025) == ("nukeviet", "Hà Tĩnh", "Hà Tĩnh")
    backan = get_portal(portals, "backan-portal")
    assert backan.family == "sharepoint" and backan.settings["variant"] == "publishingportal"
    for portal in portals:
        assert portal.start_urls and all(u.startswith(f"https://{portal.domain}/") for u in portal.start_urls)
        assert portal.enabled


def _write(tmp_path, text, name="portals.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("row, message", [
    ("x-portal,X,joomla2,portal,x.vn,,,https://x.vn/,,1,{}\n",
     "portals.csv:3: unknown family 'joomla2'; known: nukeviet, wordpress, liferay, sharepoint, generic"),
    ('x-portal,X,generic,portal,x.vn,,,https://x.vn/,,1,"{""download_delay"": 2,}"\n',
     "portals.csv:3: settings is not valid JSON"),
    ('x-portal,X,generic,portal,x.vn,,,https://x.vn/,,1,"{""delay"": 2}"\n',
     "portals.csv:3: unknown setting 'delay'; known: concurrency, download_delay"),
    ('x-portal,X,generic,portal,x.vn,,,https://x.vn/,,1,"{""concurrency"": 0}"\n',
     "portals.csv:3: setting concurrency must be an integer >= 1, not 0"),
    ('x-portal,X,generic,portal,x.vn,,,https://x.vn/,,1,"[1]"\n', "portals.csv:3: settings must be a JSON object"),
    ("x-portal,X,generic,portal,x.vn,,,x.vn/rss,,1,{}\n",
     "portals.csv:3: start_urls entry 'x.vn/rss' is not an http(s) URL"),
    ("x-portal,X,generic,portal,x.vn,,,,,1,{}\n", "portals.csv:3: start_urls is empty"),
    ("X Portal,X,generic,portal,x.vn,,,https://x.vn/,,1,{}\n", "portals.csv:3: bad id 'X Portal'"),
    ("x-portal,X,generic,portal,x.vn,,,https://x.vn/,,maybe,{}\n", "portals.csv:3: enabled must be 1 or 0"),
    ("tinh-portal,Again,generic,portal,x.vn,,,https://x.vn/,,1,{}\n",
     "portals.csv:3: duplicate id 'tinh-portal' (first defined at"),
    ("x-portal,X,generic,portal,x.vn,,,https://x.vn/,,1,{},extra\n", "portals.csv:3: more fields than columns"),
])
def test_bad_rows_name_file_line_and_fix(tmp_path, row, message):
    path = _write(tmp_path, HEADER + GOOD + row)
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_missing_required_column(tmp_path):
    path = _write(tmp_path, "id,name,start_urls\nx,X,https://x.vn/\n")
    with pytest.raises(RegistryError, match=r"portals.csv:1: missing required column\(s\) family"):
        load_registry(path)


def test_missing_file_and_non_utf8(tmp_path):
    with pytest.raises(RegistryError, match="registry file not found"):
        load_registry(tmp_path / "nope.csv")
    path = tmp_path / "cp.csv"
    path.write_bytes(HEADER.encode() + "x,Tỉnh,generic,,,,,https://x.vn/,,1,{}\n".encode("utf-16-le"))
    with pytest.raises(RegistryError, match="not UTF-8"):
        load_registry(path)


def test_folder_of_files_blank_and_comment_lines(tmp_path):
    _write(tmp_path, HEADER + GOOD + "\n", "a.csv")
    _write(tmp_path, HEADER + "# my-site,later,generic,,,,,https://m.vn/,,1,{}\n"
           "my-site,Mine,wordpress,ocop,m.vn,,,https://m.vn/feed/,,0,\n", "b.csv")
    portals = load_registry(tmp_path)
    assert [p.id for p in portals] == ["tinh-portal", "my-site"]
    mine = portals[1]
    assert (mine.enabled, mine.settings, mine.province, mine.setting("silence_days")) == (False, {}, None, 30)
    assert mine.source.endswith("b.csv:3")
    _write(tmp_path, HEADER + GOOD, "c.csv")
    with pytest.raises(RegistryError, match=r"c.csv:2: duplicate id 'tinh-portal' \(first defined at .*a.csv:2\)"):
        load_registry(tmp_path)


def test_get_portal_suggests_close_ids():
    portals = load_registry()
    with pytest.raises(RegistryError, match="unknown portal 'backan-portl'; did you mean backan-portal"):
        get_portal(portals, "backan-portl")


def test_sync_portals_upserts(fresh_db, tmp_path):
    portals = load_registry()
    assert sync_portals(fresh_db, portals) == 146
    assert sync_portals(fresh_db, portals) == 146
    assert fresh_db["portals"].count == 146
    row = fresh_db["portals"].get("backan-portal")
    assert json.loads(row["start_urls"]) == ["https://backan.gov.vn/"]
    assert json.loads(row["settings"])["variant"] == "publishingportal"
    changed = load_registry(_write(tmp_path, HEADER + GOOD.replace("Cổng tỉnh", "Tên mới")))
    sync_portals(fresh_db, changed)
    assert fresh_db["portals"].get("tinh-portal")["name"] == "Tên mới"
    assert fresh_db["portals"].count == 147
