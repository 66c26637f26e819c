"""Crawl speed on the imitation "bulk" site: the full harvester (A) against a bare Scrapy spider (B).

The bulk site serves articles of real length (~2,200 characters of Vietnamese text, like the
dev passages) from a cache, so both crawlers measure themselves rather than the fixture server.
A and B are timed alternately, ``--runs`` times each, on the same farm; each run crawls a fresh
database. Printed per run and as medians: articles stored per second for A (its listing and
feed requests included in its time), pages per second for B (it is handed the article URLs), the
ratio (goal >= 0.7), each child's own peak RSS, and the request count of a second, no-change
night of A. Not a test: figures vary with the machine and its load.

``--cpu`` also prints the CPU time (utime + stime, from /proc, sampled every 50 ms) per page of
each process of A — the crawl process, the extraction workers, the writer — and of B: less
sensitive to other work on the machine than the wall-clock rates.

    python benchmarks/bench_crawl.py --pages 10000 --runs 3 [--cpu] [-s HARVESTER_EXTRACT_WORKERS=0]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from harvester.commands.crawl import write_farm_registry
from harvester.fixture_portals import start_farm

REPO = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=false", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "-s", "ROBOTSTXT_OBEY=true"]

BARE = r'''
import sys, scrapy
from scrapy.crawler import CrawlerProcess
urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for u in urls:
            yield scrapy.Request(u, callback=self.parse)
    def parse(self, response):
        return None
p = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
                    "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False})
p.crawl(Bare)
p.start()
'''


TICK = os.sysconf("SC_CLK_TCK")
# what each helper process calls itself (pipelines/processes.py writes it to /proc/self/comm)
ROLES = {"harvester-extr": "extract", "harvester-writ": "writer"}


def _proc_stats() -> dict[int, tuple[int, str, float]]:
    """pid -> (parent pid, command name, CPU seconds) of every process we can read."""
    out = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                raw = f.read().decode("utf-8", "replace")
        except OSError:  # ended meanwhile
            continue
        comm = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        out[int(entry.name)] = (int(fields[1]), comm, (int(fields[11]) + int(fields[12])) / TICK)
    return out


class CpuSampler(threading.Thread):
    """The CPU seconds of a process and its descendants by role, read every 50 ms until stopped
    (a process's last 50 ms before it ends can be missed)."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.seen, self.done = root, {}, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            stats = _proc_stats()
            tree, frontier = {self.root}, [self.root]
            while frontier:
                parent = frontier.pop()
                children = [pid for pid, (ppid, _, _) in stats.items() if ppid == parent]
                tree.update(children)
                frontier.extend(children)
            for pid in tree & stats.keys():
                _, comm, cpu = stats[pid]
                role = "crawl" if pid == self.root else ROLES.get(comm[:14], "other")
                self.seen[pid] = (role, cpu)

    def by_role(self) -> dict[str, float]:
        self.done.set()
        self.join()
        roles: dict[str, float] = {}
        for role, cpu in self.seen.values():
            roles[role] = roles.get(role, 0.0) + cpu
        return roles


def timed(cmd: list[str], sample_cpu: bool = False) -> tuple[float, float, dict[str, float]]:
    """(seconds, peak RSS in MB, CPU seconds by role) of one child process and its helpers
    (os.wait4 of the child reports the largest RSS of them, not the sum). Without ``sample_cpu``
    the CPU is the child's own (and its reaped children's), from wait4."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block on it
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = CpuSampler(child.pid) if sample_cpu else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            raise SystemExit(f"{cmd[:4]} failed ({code}):\n{errors.read().decode(errors='replace')[-2000:]}")
    cpu = sampler.by_role() if sampler else {"total": usage.ru_utime + usage.ru_stime}
    return elapsed, usage.ru_maxrss / 1024, cpu  # Linux: KiB


def stored_articles(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM pages WHERE kind IN ('article', 'other')").fetchone()[0]
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each crawler, alternating A, B, A, B …")
    parser.add_argument("-s", "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="extra setting for the harvester crawl, e.g. -s HARVESTER_EXTRACT_WORKERS=0 (before/after)")
    parser.add_argument("--cpu", action="store_true", help="CPU ms per page of each process (sampled from /proc)")
    args = parser.parse_args()

    farm = start_farm(["bulk"], bulk_pages=args.pages)
    site = farm.sites["bulk"]
    tmp = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    runs: list[dict[str, float]] = []
    try:
        registry = write_farm_registry(farm, tmp / "portals.csv")
        urls = [site.url(p.path) for p in site.posts]
        (tmp / "urls.txt").write_text("\n".join(urls))
        (tmp / "bare.py").write_text(BARE)
        extra = [flag for pair in args.overrides for flag in ("-s", pair)]
        nightly_requests = 0
        for run in range(args.runs):
            db = tmp / f"ocop-{run}.db"
            crawl = [sys.executable, "-m", "harvester", "crawl", "--registry", str(registry), "--portal",
                     "fixture-bulk", "--db", str(db), *FAST, "-s", f"HARVESTER_MAX_LISTING_PAGES={args.pages}", *extra]
            full_s, full_mb, full_cpu = timed(crawl, args.cpu)
            articles = stored_articles(db)
            bare_s, bare_mb, bare_cpu = timed([sys.executable, str(tmp / "bare.py"), str(tmp / "urls.txt")])
            runs.append({"harvester_articles_per_s": articles / full_s, "bare_pages_per_s": len(urls) / bare_s,
                         "harvester_s": full_s, "bare_s": bare_s, "harvester_peak_rss_mb": full_mb,
                         "bare_peak_rss_mb": bare_mb, "articles": articles})
            if args.cpu:
                runs[-1].update({f"cpu_ms_per_page_{role}": 1000 * cpu / len(urls) for role, cpu in full_cpu.items()})
                runs[-1]["cpu_ms_per_page_harvester_total"] = 1000 * sum(full_cpu.values()) / len(urls)
                runs[-1]["cpu_ms_per_page_bare"] = 1000 * bare_cpu["total"] / len(urls)
            if run == 0:
                mark = len(farm.request_log("bulk"))
                subprocess.run(crawl, cwd=REPO, check=True, capture_output=True)
                nightly_requests = len(farm.request_log("bulk")) - mark
    finally:
        farm.stop()
    for row in runs:
        row["ratio"] = row["harvester_articles_per_s"] / row["bare_pages_per_s"]

    def median(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 2)

    cpu_keys = sorted({key for r in runs for key in r if key.startswith("cpu_ms_per_page_")})
    print(json.dumps({
        "pages_in_site": len(urls),
        "mean_article_chars": round(statistics.mean(len(p.article.text) for p in site.posts)),
        "runs": [{k: round(v, 2) for k, v in r.items()} for r in runs],
        "median_harvester_articles_per_s": median("harvester_articles_per_s"),
        "median_bare_pages_per_s": median("bare_pages_per_s"),
        "median_ratio": median("ratio"),
        **{f"median_{key}": median(key) for key in cpu_keys},
        "ratio_range": [round(min(r["ratio"] for r in runs), 2), round(max(r["ratio"] for r in runs), 2)],
        "harvester_peak_rss_mb": max(r["harvester_peak_rss_mb"] for r in runs),
        "bare_peak_rss_mb": max(r["bare_peak_rss_mb"] for r in runs),
        "no_change_nightly_requests": nightly_requests,
    }, indent=2))


if __name__ == "__main__":
    main()
