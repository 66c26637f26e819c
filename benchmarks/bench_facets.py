"""Datasette's facets on the figures table at millions of rows, without building a million articles.

A database of N articles holds about 7N figures; a facet counts them all. This script copies the
figures of a database built by ``bench_research.py`` into a fresh harvester database ``--times``
times over (an empty harvester schema, so every index the harvester creates is there), then asks
Datasette — configured as ``harvester serve`` configures it — for each facet of
``harvester.schema.FACET_COLUMNS``, with no filter and with a province filter, and prints the
median time of each request and whether Datasette's facet time limit cut it off.

    python benchmarks/bench_research.py --sizes 100000 --keep /var/tmp/bench
    python benchmarks/bench_facets.py /var/tmp/bench/research-100000.db --times 9   # 6.3M figures
    python benchmarks/bench_facets.py ... --without-facet-indexes   # the same, the facet indexes dropped

The copies repeat the same rows, so a facet's values and their spread are those of the source; what
grows is the number of index entries a facet reads, which is what its time depends on. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from harvester.schema import FACET_COLUMNS, open_db  # noqa: E402
from harvester.serve import make_datasette  # noqa: E402


def build(source: Path, target: Path, times: int) -> int:
    """``target`` with ``times`` copies of ``source``'s figures; returns the number of figures."""
    db = open_db(target)
    db.execute("PRAGMA foreign_keys = OFF")  # the figures' articles are not copied: only the figures are counted
    db.execute("ATTACH DATABASE ? AS source", [str(source)])
    theirs = {row[1] for row in db.execute("PRAGMA source.table_info(figures)")}
    names = ", ".join(f"[{c}]" for c in db["figures"].columns_dict if c != "id" and c in theirs)
    for _ in range(times):
        with db.conn:
            db.execute(f"INSERT INTO figures ({names}) SELECT {names} FROM source.figures")
    db.execute("DETACH DATABASE source")
    db.execute("ANALYZE")
    count = db.execute("SELECT count(*) FROM figures").fetchone()[0]
    db.conn.close()
    return count


def drop_facet_indexes(path: Path) -> None:
    db = open_db(path, create=False)
    for table, columns in FACET_COLUMNS.items():
        for column in columns:
            if column != "province":  # idx_figures_province also serves the province lookups
                db.execute(f"DROP INDEX IF EXISTS idx_{table}_{column}")
    db.conn.close()


async def time_facets(path: Path, runs: int) -> list[tuple[str, float, bool]]:
    ds = make_datasette(path, immutable=True)  # as `harvester serve --immutable`; the indexes stay
    province = next(iter(await ds.get_database(path.stem).execute(
        "SELECT province FROM figures WHERE province IS NOT NULL LIMIT 1")))[0]
    out = []
    for table, columns in FACET_COLUMNS.items():
        for column in columns:
            for query in (f"_facet={column}", f"_facet={column}&province={province}"):
                seconds, timed_out = [], False
                for _ in range(runs):
                    start = time.perf_counter()
                    response = await ds.client.get(f"/{path.stem}/{table}.json?{query}&_size=1")
                    seconds.append(time.perf_counter() - start)
                    if response.status_code != 200:
                        raise SystemExit(f"{query}: HTTP {response.status_code} {response.text[:300]}")
                    # a facet cut off by the time limit is left out of the answer
                    timed_out = timed_out or column not in response.json()["facet_results"]
                out.append((f"{table}?{query}", statistics.median(seconds), timed_out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="a database built by bench_research.py")
    parser.add_argument("--times", type=int, default=9, help="copies of the source's figures (default 9)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--without-facet-indexes", action="store_true")
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the copy (default: a temp dir)")
    args = parser.parse_args()
    if not args.source.is_file():
        raise SystemExit(f"{args.source}: no such database (build one with bench_research.py --keep)")
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        target = Path(scratch) / "facets.db"
        start = time.perf_counter()
        count = build(args.source, target, args.times)
        print(f"{count:,} figures copied in {time.perf_counter() - start:.0f} s", flush=True)
        if args.without_facet_indexes:
            drop_facet_indexes(target)
        print(f"{'request':<52}{'median s':>9}  facet limit")
        for name, seconds, timed_out in asyncio.run(time_facets(target, args.runs)):
            print(f"{name:<52}{seconds:>9.3f}  {'TIMED OUT' if timed_out else 'answered'}", flush=True)


if __name__ == "__main__":
    main()
