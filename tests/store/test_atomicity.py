"""kill -9 during ingestion never leaves half an item: page, article and figures commit together."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from harvester.paths import REPO_ROOT
from harvester.schema import open_db

# The writer: ingests articles in a loop, each with (i % 4 + 1) figures, until killed.
WRITER = textwrap.dedent("""
    import itertools, sys
    from extractors.records import Extraction, Figure, MainText
    from harvester import storage
    from harvester.schema import open_db

    db = open_db(sys.argv[1])
    start = db.execute("SELECT count(*) FROM pages").fetchone()[0]
    for i in itertools.count(start):
        k = i % 4 + 1
        parts, figures = [f"Bản tin số {i} về chương trình OCOP của huyện. "], []
        for j in range(k):
            offset = sum(len(p) for p in parts)
            sentence = f"Xã thứ {j} có {j + 1} sản phẩm OCOP. "
            quote = f"{j + 1} sản phẩm OCOP"
            s = offset + sentence.index(quote)
            figures.append(Figure(j + 1, None, "achieved", 2026, None, None, None, quote, s, s + len(quote)))
            parts.append(sentence)
        parts.append("Nội dung bổ sung để bài đủ dài, không trùng với bài nào khác. " * 4)
        text = "".join(parts)
        extraction = Extraction(text=text, title=f"k={k}", figures=figures)
        item = {"kind": "article", "url": f"https://kill.vn/bai-{i}.html", "portal_id": "kill",
                "status": 200, "headers": {}, "body": text.encode() * 20, "fetched_at": "2026-03-02T00:00:00Z"}
        storage.save_article(db, item, MainText(title=f"k={k}", text=text), extraction)
""")


def _count(path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _run_and_kill(path, at_least: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=REPO_ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(path) < at_least:
        assert child.poll() is None, child.stderr.read().decode()
        assert time.monotonic() < deadline, "the writer made no progress"
        time.sleep(0.02)
    time.sleep(random.uniform(0, 0.05))  # land somewhere inside a transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stderr.close()


def test_kill_minus_nine_leaves_no_half_items(tmp_path):
    path = tmp_path / "kill.db"
    open_db(path).conn.close()
    for target in (15, 40):
        _run_and_kill(path, target)
    db = open_db(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert list(db.query("PRAGMA foreign_key_check")) == []
    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert articles >= 40
    # every page row has its article and vice versa
    assert db.execute("SELECT count(*) FROM pages p LEFT JOIN articles a ON a.page_id = p.id "
                      "WHERE a.id IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM articles a LEFT JOIN pages p ON p.id = a.page_id "
                      "WHERE p.id IS NULL").fetchone()[0] == 0
    # every article has all of its figures, each quoting its text exactly
    rows = db.execute("SELECT a.title, a.text, count(f.id) FROM articles a LEFT JOIN figures f "
                      "ON f.article_id = a.id GROUP BY a.id").fetchall()
    assert all(int(title[2:]) == n for title, _text, n in rows)
    for text, quote, start, end in db.execute("SELECT a.text, f.quote, f.start, f.end FROM figures f "
                                              "JOIN articles a ON a.id = f.article_id"):
        assert text[start:end] == quote
    # the resumed run continued where the first stopped: items 0..n-1, no gap, nothing twice
    numbers = sorted(int(url.rsplit("-", 1)[1].split(".")[0]) for (url,) in db.execute("SELECT url FROM pages"))
    assert numbers == list(range(articles))
