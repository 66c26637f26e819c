"""Registry values a crawl must never accept: absurd numbers, broken CSV, duplicate columns.

Each bad file gives one RegistryError naming the file and line, and the crawl command prints it
as one line (no traceback) without creating the database.
"""

from __future__ import annotations

import json

import pytest

from harvester.errors import RegistryError
from harvester.registry import MAXIMA, load_registry

from .conftest import run_cli

HEADER = "id,name,family,site_kind,domain,province,province_2025,start_urls,document_urls,enabled,settings\n"
GOOD = "tinh-portal,Cổng tỉnh,nukeviet,portal,tinh.gov.vn,,,https://tinh.gov.vn/vi/news/rss/,,1,{}\n"


def _row(settings_json: str) -> str:
    quoted = '"' + settings_json.replace('"', '""') + '"'
    return f"x-portal,X,generic,portal,x.vn,,,https://x.vn/,,1,{quoted}\n"


def _error(tmp_path, text: str) -> str:
    path = tmp_path / "portals.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:"), message
    return message


@pytest.mark.parametrize(
    ("settings_json", "expected"),
    [
        ('{"download_delay": Infinity}', "portals.csv:3: settings contain Infinity, which is not a finite number"),
        ('{"download_delay": -Infinity}', "portals.csv:3: settings contain -Infinity"),
        ('{"concurrency": NaN}', "portals.csv:3: settings contain NaN"),
        ('{"download_delay": 1e308}', "portals.csv:3: setting download_delay must be at most 60 (seconds"),
        ('{"download_delay": 61}', "setting download_delay must be at most 60"),
        ('{"download_delay": -1}', "setting download_delay must be a number of seconds >= 0, not -1"),
        ('{"download_delay": true}', "setting download_delay must be a number of seconds >= 0, not True"),
        ('{"concurrency": 17}', "portals.csv:3: setting concurrency must be at most 16 (parallel requests"),
        ('{"concurrency": 2.5}', "setting concurrency must be an integer >= 1, not 2.5"),
        ('{"download_timeout": 0}', "setting download_timeout must be a number of seconds > 0, not 0"),
        ('{"download_timeout": 86400}', "setting download_timeout must be at most 300"),
        ('{"recheck_days": 1e9}', "setting recheck_days must be at most 365"),
        ('{"silence_days": 100000}', "setting silence_days must be at most 3650"),
        ('{"max_listing_pages": 1000000}', "setting max_listing_pages must be at most 10000"),
        ('{"fetch_all_pages": -1}', "setting fetch_all_pages must be an integer >= 0"),
    ],
)
def test_numeric_settings_have_sane_ranges(tmp_path, settings_json, expected):
    assert expected in _error(tmp_path, HEADER + GOOD + _row(settings_json))


def test_every_bound_accepts_its_own_maximum(tmp_path):
    settings = {name: int(limit) for name, (limit, _) in MAXIMA.items()}
    path = tmp_path / "portals.csv"
    path.write_text(HEADER + _row(json.dumps(settings)), encoding="utf-8")
    [portal] = load_registry(path)
    assert portal.settings == settings


def test_a_field_over_the_csv_limit_is_a_line_numbered_error(tmp_path):
    huge = "x" * (128 * 1024 + 1)
    message = _error(tmp_path, HEADER + GOOD + f'x-portal,"{huge}",generic,portal,x.vn,,,https://x.vn/,,1,{{}}\n')
    assert "portals.csv:3: a field is longer than 131072 characters" in message


def test_an_unclosed_quote_points_near_where_it_opened(tmp_path):
    rows = GOOD + 'x-portal,"Cổng X,generic,portal,x.vn,,,https://x.vn/,,1,{}\n' + ("y" * 70_000 + "\n") * 2
    message = _error(tmp_path, HEADER + rows)
    assert "a field is longer than" in message and "quote" in message


def test_duplicate_header_is_refused(tmp_path):
    header = HEADER.replace(",enabled,", ",enabled,name,")
    message = _error(tmp_path, header + GOOD.replace(",1,{}", ",1,Tên,{}"))
    assert message.endswith("portals.csv:1: duplicate column(s) name; name each column once")


def test_crawl_prints_the_error_in_one_line_and_creates_nothing(tmp_path):
    registry = tmp_path / "portals.csv"
    registry.write_text(HEADER + _row('{"download_delay": Infinity}'), encoding="utf-8")
    result = run_cli("crawl", "--registry", str(registry), "--portal", "x-portal", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert "settings contain Infinity" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e999"])
def test_command_line_overrides_must_be_finite(tmp_path, value):
    registry = tmp_path / "portals.csv"
    registry.write_text(HEADER + GOOD, encoding="utf-8")
    result = run_cli("crawl", "--registry", str(registry), "--portal", "tinh-portal", "--db", str(tmp_path / "x.db"),
                     "-s", f"DOWNLOAD_DELAY={value}")
    assert result.returncode == 2
    assert "not a finite number" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()
