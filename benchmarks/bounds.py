"""Hostile inputs, each run in its own process: exit code, peak memory and what it said.

Run:  .venv/bin/python benchmarks/bounds.py [--only NAME …] [--keep]

Each case builds its input in a scratch folder and returns the command to run; the command runs
in a fresh launcher process that reports the peak resident memory of its child
(``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``), so one case's peak never hides another's.
Issue 11 asks for every case to stay under 300 MB. Adding a case is one function:

    @case
    def my_hostile_input(work: Path) -> list[str]:
        ...build the input in work...
        return harvester("some-command", str(path), "--db", str(work / "x.db"))

Nothing is asserted here (tests/documents/test_attachment_bounds.py and
tests/store/test_database_checks.py do that); this prints figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harvester.fixture_portals.hostile_files import pdf_bomb, write_docx

LIMIT_MB = 300
CASES: dict[str, Callable[[Path], list[str]]] = {}


def case(build: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    """Register a case: ``build(work_folder)`` makes the input and returns the command to measure."""
    CASES[build.__name__.replace("_", "-")] = build
    return build


def harvester(*args: str) -> list[str]:
    return [sys.executable, "-m", "harvester", *args]


def docx_bomb(work: Path) -> Path:
    """About 2 MB that inflate to ~1 GB of paragraphs."""
    return write_docx(work / "phu-luc-bom.docx", ["Sản phẩm OCOP đạt 3 sao"] * 1000, repeat=16000)


def harvester_db(work: Path) -> Path:
    """A small harvester database (one decision file ingested), closed."""
    path = work / "ocop.db"
    decision = write_docx(work / "qd.docx", ["Số: 412/QĐ-UBND", "Điều 1. Công nhận 14 sản phẩm OCOP đạt 3 sao."], 1)
    subprocess.run(harvester("ingest-attachment", str(decision), "--db", str(path), "--province", "Lào Cai"),
                   check=True, capture_output=True)
    return path


# --- the cases ----------------------------------------------------------------------------------

@case
def docx_bomb_ingest_attachment(work: Path) -> list[str]:
    return harvester("ingest-attachment", str(docx_bomb(work)), "--db", str(work / "a.db"))


@case
def docx_bomb_crawl_item(work: Path) -> list[str]:
    """The bomb as a documents spider yields it, through the documents pipeline."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scrapy.utils.test import get_crawler\n"
        "from pipelines.documents import DocumentsPipeline\n"
        "pipeline = DocumentsPipeline.from_crawler(get_crawler(settings_dict={'HARVESTER_DB': sys.argv[2]}))\n"
        "pipeline.open_spider()\n"
        "import asyncio\n"
        "asyncio.run(pipeline.process_item({'kind': 'attachment', 'url': 'http://127.0.0.9/uploads/laws/phu-luc.docx',\n"
        "                       'name': 'phu-luc.docx', 'portal_id': 'bounds', 'status': 200,\n"
        "                       'headers': {'Content-Type': 'application/vnd.openxmlformats'},\n"
        "                       'body': Path(sys.argv[1]).read_bytes()}))\n"
        "pipeline.close_spider()\n"
        "import sqlite3\n"
        "print(*sqlite3.connect(sys.argv[2]).execute('SELECT status, reason FROM attachments').fetchone())\n"
    )
    return [sys.executable, "-c", code, str(docx_bomb(work)), str(work / "crawl.db")]


def pdf_bomb_file(work: Path) -> Path:
    """A 2 MB PDF whose one content stream inflates to 2 GB of spaces."""
    path = work / "qd-bom.pdf"
    path.write_bytes(pdf_bomb(2000))
    return path


@case
def pdf_bomb_ingest_attachment(work: Path) -> list[str]:
    """2 GB inflated from 2 MB: read by the bounded PDF reader (its peak is counted here too)."""
    return harvester("ingest-attachment", str(pdf_bomb_file(work)), "--db", str(work / "p.db"))


@case
def docx_3m_paragraphs(work: Path) -> list[str]:
    path = write_docx(work / "danh-sach.docx", [f"Hộ kinh doanh số {i} có sản phẩm OCOP" for i in range(1000)],
                      repeat=3000)
    return harvester("ingest-attachment", str(path), "--db", str(work / "p.db"))


@case
def docx_250k_paragraphs_under_the_member_limit(work: Path) -> list[str]:
    path = write_docx(work / "danh-sach.docx", [f"Hộ kinh doanh số {i} có sản phẩm OCOP" for i in range(1000)],
                      repeat=250)
    return harvester("ingest-attachment", str(path), "--db", str(work / "p.db"))


@case
def foreign_sqlite_file(work: Path) -> list[str]:
    path = work / "shop.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT)")
    return harvester("reextract", "--db", str(path))


@case
def read_only_database_writer(work: Path) -> list[str]:
    path = harvester_db(work)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    return harvester("reextract", "--db", str(path))


@case
def read_only_folder_reader(work: Path) -> list[str]:
    path = harvester_db(work)
    work.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return harvester("export", "--format", "csv", "--table", "figures", "--db", str(path))


@case
def registry_with_an_infinite_delay(work: Path) -> list[str]:
    """A user registry asking for download_delay Infinity: refused with its line, no crawl starts."""
    registry = work / "my-portals.csv"
    registry.write_text(
        "id,name,family,site_kind,domain,province,province_2025,start_urls,document_urls,enabled,settings\n"
        'my-site,My site,generic,portal,127.0.0.9,Lào Cai,Lào Cai,http://127.0.0.9/tin-tuc,,1,'
        '"{""download_delay"": Infinity}"\n', encoding="utf-8")
    return harvester("crawl", "--registry", str(registry), "--portal", "my-site", "--db", str(work / "c.db"))


@case
def html_page_of_50_mb(work: Path) -> list[str]:
    """A 50 MB page of one article's paragraphs repeated: the extractors read a bounded prefix."""
    paragraph = ("<p>Toàn tỉnh hiện có 142 sản phẩm OCOP, trong đó 9 sản phẩm đạt 4 sao và "
                 "133 sản phẩm đạt 3 sao; huyện Na Rì có 21 sản phẩm.</p>\n").encode()
    path = work / "trang-lon.html"
    with path.open("wb") as page:
        page.write("<html><head><title>Trang rất lớn</title></head><body><article>".encode())
        for _ in range(50 * 1024 * 1024 // len(paragraph)):
            page.write(paragraph)
        page.write(b"</article></body></html>")
    return harvester("extract", str(path), "--format", "table")


@case
def serve_zeroblob_query(work: Path) -> list[str]:
    """`/db.json?sql=select zeroblob(1000000) … limit 500` answered by the app `harvester serve` runs."""
    path = harvester_db(work)
    code = (
        "import asyncio, sys\n"
        "from harvester.serve import make_datasette\n"
        "ds = make_datasette(sys.argv[1])\n"
        "sql = ('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) '\n"
        "       'SELECT zeroblob(1000000) AS blob, i FROM n')\n"
        "response = asyncio.run(ds.client.get('/ocop.json', params={'sql': sql, '_shape': 'array'}))\n"
        "print(response.status_code, len(response.content), 'bytes')\n"
    )
    return [sys.executable, "-c", code, str(path)]


# --- measuring ----------------------------------------------------------------------------------

LAUNCHER = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.monotonic()\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "said = (done.stdout.strip() or done.stderr.strip()).splitlines()\n"
    "print(json.dumps({'exit': done.returncode, 'seconds': time.monotonic() - start,\n"
    "                  'peak_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,\n"
    "                  'said': said[-1] if said else ''}))\n"
)


def measure(name: str, keep: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bounds-{name}-"))
    try:
        built = time.monotonic()
        command = CASES[name](work)
        built = time.monotonic() - built
        done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], capture_output=True, text=True, check=True)
        return {"case": name, "build_s": built, **json.loads(done.stdout)}
    finally:
        work.chmod(0o755)
        for path in work.iterdir():
            path.chmod(0o644)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="Run only these cases.")
    parser.add_argument("--keep", action="store_true", help="Keep the scratch folders.")
    args = parser.parse_args()
    rows = [measure(name, args.keep) for name in (args.only or CASES)]
    width = max(len(r["case"]) for r in rows)
    print(f"{'case':{width}}  exit  peak MB  seconds  what it said")
    for r in rows:
        print(f"{r['case']:{width}}  {r['exit']:4}  {r['peak_kb'] / 1024:7.1f}  {r['seconds']:7.1f}  {r['said'][:110]}")
    worst = max(rows, key=lambda r: r["peak_kb"])
    verdict = "ok" if worst["peak_kb"] / 1024 < LIMIT_MB else "OVER"
    print(f"highest peak: {worst['peak_kb'] / 1024:.1f} MB ({worst['case']}); limit {LIMIT_MB} MB: {verdict}")


if __name__ == "__main__":
    main()
