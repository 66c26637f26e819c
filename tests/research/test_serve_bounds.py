"""`harvester serve` bounds every response and stays on loopback unless told otherwise.

The server runs in its own process, so its peak memory (VmHWM) is that of the requests made."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from harvester.cli import cli

REPO = Path(__file__).resolve().parents[2]
PEAK_LIMIT_KB = 300 * 1024  # the bound for any hostile case


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.fixture
def server(known_db):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from harvester.cli import cli; cli()", "serve", "--db", str(known_db),
         "--port", str(port)], cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(300):  # readiness poll, not a timing assertion
        if process.poll() is not None:
            pytest.fail(process.stderr.read().decode()[-2000:])
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    yield process, f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _sql(base: str, sql: str) -> tuple[int, bytes]:
    return _get(f"{base}/known.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"}))


@pytest.mark.slow
def test_zeroblob_query_costs_megabytes_not_gigabytes(server):
    process, base = server
    status, body = _sql(base, "select zeroblob(1000000) from pages limit 500")
    assert status == 200
    five_hundred = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                    "SELECT zeroblob(1000000) AS blob, i FROM n")
    status, body = _sql(base, five_hundred)
    assert status == 200, body[:500]
    rows = json.loads(body)
    assert len(rows) == 500 and rows[-1]["i"] == 500
    assert rows[-1]["blob"] == "<1000000 bytes, not shown: response too large>"
    assert len(body) < 40_000_000
    peak = _peak_kb(process.pid)
    assert peak < PEAK_LIMIT_KB, f"serve peaked at {peak // 1024} MB"


def test_one_huge_value_is_refused(server):
    _process, base = server
    status, body = _sql(base, "SELECT length(group_concat(zeroblob(1000000))) FROM "
                              "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                              "SELECT i FROM n)")
    assert status == 400 and b"too big" in body


def test_archived_bodies_are_not_read_through_tables(server):
    _process, base = server
    status, body = _sql(base, "SELECT id, body, length(body) AS size FROM pages ORDER BY id LIMIT 1")
    assert status == 200 and json.loads(body) == [{"id": 1, "body": None, "size": None}]
    status, body = _get(f"{base}/-/archive/1")
    assert status == 200 and "Tuyên Quang: 155 sản phẩm OCOP".encode() in body


def test_public_host_needs_the_public_flag(known_db):
    result = CliRunner().invoke(cli, ["serve", "--db", str(known_db), "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "--public" in result.output and "Traceback" not in result.output
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from harvester.cli import cli; cli()", "serve", "--db", str(known_db),
         "--host", "0.0.0.0", "--port", str(port), "--public"], cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = process.stderr.readline().decode()
        assert "WARNING" in line and "without authentication" in line
    finally:
        process.terminate()
        process.wait(timeout=30)
