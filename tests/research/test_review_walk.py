"""`harvester review walk` in a real terminal (pexpect): keys verify / mark wrong / correct / skip."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pexpect
from click.testing import CliRunner

from harvester.cli import cli

REPO = Path(__file__).resolve().parents[2]


def test_walk_through_flagged_figures(analyst_db, tmp_path):
    db = tmp_path / "walk.db"
    with sqlite3.connect(analyst_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    child = pexpect.spawn(sys.executable, ["-m", "harvester", "review", "walk", "--db", str(db)], cwd=str(REPO),
                          env=dict(os.environ, PYTHONPATH=str(REPO), TERM="dumb"), encoding="utf-8", timeout=60,
                          dimensions=(50, 200))
    child.expect(r"2 flags to review \(5 figures\)")
    # The conflict 120 vs 125: each quote shown in its context, the other one beside it.
    for _ in range(2):
        child.expect(r"— flag 1/2 —")
        child.expect(r"\n  (\d+)  ")
        count = int(child.match.group(1))
        child.expect(r"beside:\s+(\d+)")
        assert int(child.match.group(1)) == {120: 125, 125: 120}[count]
        child.expect(r"\[q\]uit")
        if count == 125:
            child.send("w")
            child.expect("note")
            child.sendline("sai số")
            child.expect("→ wrong")
        else:
            child.send("v")
            child.expect("note")
            child.sendline("")
            child.expect("→ verified")
    # The breakdown 180 = 43 + 141: correct the total, skip one part, move on.
    child.expect(r"— flag 2/2 —")
    child.expect(r"\n  180  ")
    child.expect(r"\[q\]uit")
    child.send("c")
    child.expect("the right count")
    child.sendline("184")
    child.expect("note")
    child.sendline("")
    child.expect("→ corrected 184")
    child.expect(r"\[q\]uit")
    child.send("s")
    child.expect(r"\[q\]uit")
    child.send("n")
    child.expect("done: 1 verified, 1 wrong, 1 corrected, 1 skipped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    report = json.loads(CliRunner().invoke(cli, ["audit", "--db", str(db), "--format", "json"]).output)
    assert report["counts"]["conflict"] == 0 and report["counts"]["breakdown"] == 0
    verdicts = sqlite3.connect(db).execute(
        "SELECT extracted_count, verdict, count, note FROM verdicts ORDER BY extracted_count").fetchall()
    assert verdicts == [(120, "verified", None, None), (125, "wrong", None, "sai số"), (180, "corrected", 184, None)]
