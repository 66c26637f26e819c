"""`python -m harvester.fixture_portals [--sites a,b] [--seed N]`: serve the farm until killed.

Prints one JSON line {"sites": {id: url}} once every site is listening.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from harvester.fixture_portals.farm import start_farm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harvester.fixture_portals")
    parser.add_argument("--sites", default="", help="comma-separated site ids (default: the six of the demo)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bulk-pages", type=int, default=3000)
    parser.add_argument("--registry", default="", help="also write a registry CSV here")
    args = parser.parse_args(argv)
    sites = [s for s in args.sites.split(",") if s] or None
    farm = start_farm(sites, seed=args.seed, bulk_pages=args.bulk_pages)
    if args.registry:
        farm.write_registry(args.registry)
    print(json.dumps({"sites": {sid: farm.url(sid) for sid in farm.sites}}), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        farm.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
