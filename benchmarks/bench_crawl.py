"""Crawl speed on the imitation "bulk" site: the full harvester vs a bare Scrapy spider.

Prints pages/s for each, their ratio (goal >= 0.7), the child's peak memory (maxrss) and the
request count of a second, no-change nightly. Not a test: figures vary with the machine.

    python benchmarks/bench_crawl.py [--pages 2000] [-s CONCURRENT_ITEMS=100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
                    "TELNETCONSOLE_ENABLED": False})
p.crawl(Bare)
p.start()
'''


def timed(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process, its own peak (os.wait4), not the max so far."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block on it
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{cmd[:4]} failed ({child.returncode}):\n{errors.read().decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("-s", "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
                        help="extra setting for the harvester crawl, e.g. -s CONCURRENT_ITEMS=100 (before/after)")
    args = parser.parse_args()

    from harvester.commands.crawl import write_farm_registry
    from harvester.fixture_portals import start_farm

    farm = start_farm(["bulk"], bulk_pages=args.pages)
    try:
        tmp = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
        registry = write_farm_registry(farm, tmp / "portals.csv")
        db = tmp / "ocop.db"
        crawl = [sys.executable, "-m", "harvester", "crawl", "--registry", str(registry), "--portal", "fixture-bulk",
                 "--db", str(db), *FAST, "-s", f"HARVESTER_MAX_LISTING_PAGES={args.pages}",
                 *[flag for pair in args.overrides for flag in ("-s", pair)]]
        full_s, full_mb = timed(crawl)
        fetched = [p for _, p, s in farm.request_log("bulk") if s == 200]
        site = farm.sites["bulk"]
        urls = [site.url(p.path) for p in site.posts]
        (tmp / "urls.txt").write_text("\n".join(urls))
        (tmp / "bare.py").write_text(BARE)
        bare_s, bare_mb = timed([sys.executable, str(tmp / "bare.py"), str(tmp / "urls.txt")])
        mark = len(farm.request_log("bulk"))
        subprocess.run(crawl, cwd=REPO, check=True, capture_output=True)
        nightly_requests = len(farm.request_log("bulk")) - mark
    finally:
        farm.stop()
    full_rate, bare_rate = len(fetched) / full_s, len(urls) / bare_s
    print(json.dumps({
        "pages_in_site": len(urls),
        "harvester_responses": len(fetched),
        "harvester_pages_per_s": round(full_rate, 1),
        "bare_scrapy_pages_per_s": round(bare_rate, 1),
        "ratio": round(full_rate / bare_rate, 2),
        "harvester_peak_rss_mb": round(full_mb, 1),
        "bare_peak_rss_mb": round(bare_mb, 1),
        "no_change_nightly_requests": nightly_requests,
    }, indent=2))


if __name__ == "__main__":
    main()
