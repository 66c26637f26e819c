"""The audit report and the web UI in a real browser (Debian's headless chromium)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from harvester.audit import run_audit
from harvester.report import render_html

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                      "(apt-get install chromium; .ci/run installs it)"),
]
REPO = Path(__file__).resolve().parents[2]


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_renders_charts_and_flags(known_db, tmp_path):
    report = run_audit(known_db)
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    dom = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", page.as_uri()))

    charts = dom.xpath("//*[local-name()='svg'][contains(@class, 'chart-certified')]")
    assert [c.get("data-province") for c in charts] == ["Bạc Liêu", "Hà Giang", "Tuyên Quang"]
    bars = {(c.get("data-province"), b.get("data-stars"), int(b.get("data-year")), int(b.get("data-count")))
            for c in charts for b in c.xpath(".//*[local-name()='rect'][@class='bar']")}
    assert bars == {
        ("Bạc Liêu", "3+", 2022, 80), ("Hà Giang", "3", 2024, 111), ("Hà Giang", "4", 2024, 9),
        ("Hà Giang", "all", 2024, 115), ("Tuyên Quang", "3+", 2022, 120), ("Tuyên Quang", "3+", 2023, 158),
        ("Tuyên Quang", "3", 2023, 140), ("Tuyên Quang", "4", 2023, 11), ("Tuyên Quang", "5", 2023, 1),
        ("Tuyên Quang", "4", 2022, 8), ("Tuyên Quang", "5", 2022, 1),
    }
    rows = dom.xpath("//*[local-name()='g'][@class='target-row']")
    assert [(r.get("data-province"), r.get("data-target"), r.get("data-achieved"), r.get("data-verdict"))
            for r in rows] == [("Tuyên Quang", "200", "158", "behind"),  # behind first
                               ("Hà Giang", "30", "4", "unknown"), ("Hà Giang", "100", "115", "exceeded"),
                               ("Hà Giang", "9", "9", "met")]

    kinds = [a.get("class").split()[1] for a in dom.xpath("//article[contains(@class, 'flag')]")]
    assert kinds.count("flag-conflict") == 2 and kinds.count("flag-decrease") == 1
    assert kinds.count("flag-breakdown") == 1 and kinds.count("flag-decision-date") == 3
    assert kinds.count("flag-target") == 4 and kinds.count("flag-annex") == 2
    conflict = dom.xpath("//article[contains(@class, 'flag-conflict')]")[1]
    assert [m.text_content() for m in conflict.xpath(".//mark")] == [
        "155 sản phẩm đạt 3 sao trở lên", "158 sản phẩm OCOP đạt từ 3 sao trở lên"]
    assert conflict.xpath(".//a[@class='original']/@href") == [
        "https://tuyenquang.gov.vn/ocop-2023", "https://baotuyenquang.com.vn/ocop-158"]
    assert conflict.xpath(".//a[@class='archived']/@href") == [
        "http://127.0.0.1:8001/-/archive/1", "http://127.0.0.1:8001/-/archive/2"]

    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen) -> None:
    for _ in range(300):  # readiness poll, not a timing assertion
        if process.poll() is not None:
            pytest.fail(f"harvester serve exited: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("harvester serve did not start listening")


class Served:
    """`harvester serve` in a subprocess on a free port."""

    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        self.name = db.stem
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from harvester.cli import cli; cli()", "serve", "--db", str(db),
             "--port", str(self.port)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _wait_for(self.port, self.process)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def served_known(known_db):
    server = Served(known_db)
    yield server
    server.stop()


@pytest.fixture
def served_analyst(analyst_db):
    server = Served(analyst_db)
    yield server
    server.stop()


def _cells(dom) -> list[list[str]]:
    return [[td.text_content().strip() for td in tr.xpath("./td")] for tr in dom.xpath("//table//tbody/tr")]


def test_web_ui_canned_query_in_browser(served_known, tmp_path):
    url = served_known.url("/known/latest_certified_totals?province=Tuy%C3%AAn+Quang")
    dom = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", url))
    assert [(c[0], c[3], c[4]) for c in _cells(dom)] == [
        ("Hà Giang", "", "115"), ("Hà Giang", "3", "111"), ("Hà Giang", "4", "9"),
        ("Tuyên Quang", "3", "140"), ("Tuyên Quang", "3+", "158"), ("Tuyên Quang", "4", "11"),
        ("Tuyên Quang", "5", "1")]
    assert "Latest certified totals" in dom.xpath("string(//h1)")
    archived = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", served_known.url("/-/archive/2")))
    assert "158 sản phẩm OCOP đạt từ 3 sao trở lên" in archived.text_content()


def test_datasette_search_box_folds_diacritics(served_known, tmp_path):
    # What a user gets typing into the search box of the articles table.
    for typed, expected in (("mien dong", {"1"}), ("miến dong", {"1"}), ("dak lak", {"7"}), ("Đắk Lắk", {"7"})):
        url = served_known.url("/known/articles?_search=" + typed.replace(" ", "+"))
        dom = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", url))
        ids = {c[0] for c in _cells(dom)}
        assert ids == expected, (typed, ids)
        assert typed in dom.xpath("//input[@name='_search']/@value")


def test_canned_query_with_a_name_without_diacritics(served_analyst, tmp_path):
    url = served_analyst.url("/analyst/latest_certified_totals?province=Yen+Bai")
    dom = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", url))
    assert [(c[0], c[2], c[3], c[4], c[5]) for c in _cells(dom)] == [("Yên Bái", "Yên Bái", "3+", "227", "2025-06-05")]
    url = served_analyst.url("/analyst/totals_by_merged_province?province=yen+bai")
    dom = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", url))
    assert [c[:5] for c in _cells(dom)] == [
        ["Lào Cai", "3+", "377", "Lào Cai 150 (2025-01-31); Yên Bái 227 (2025-06-05)", "380"]]


def test_time_series_view(served_analyst, tmp_path):
    dom = lxml_html.fromstring(chromium(tmp_path, "--dump-dom", served_analyst.url("/-/timeseries?province=Lao+Cai")))
    charts = dom.xpath("//*[local-name()='svg'][contains(@class, 'chart-certified')]")
    assert [c.get("data-province") for c in charts] == ["Lào Cai", "Lào Cai (2025)", "Yên Bái"]
    bars = {(c.get("data-province"), b.get("data-year"), b.get("data-count"))
            for c in charts for b in c.xpath(".//*[local-name()='rect'][@class='bar']")}
    # Yên Bái's undated "hiện nay 227" sits at its article's date (2025); the merged unit is its own chart.
    assert bars == {("Lào Cai", "2025", "150"), ("Lào Cai (2025)", "2025", "380"), ("Yên Bái", "2024", "125"),
                    ("Yên Bái", "2025", "227")}
    rows = _cells(dom)
    assert ["Yên Bái", "3+", "2024-12-31", "125"] in [r[:4] for r in rows]
    shot = tmp_path / "series.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900",
             served_analyst.url("/-/timeseries?province=Lao+Cai"))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
