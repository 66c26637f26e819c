"""Helpers for crawl tests: run the CLI in a subprocess (Scrapy's reactor starts once per process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Fail fast on the imitation portals' broken pages; no politeness delays against loopback.
FAST_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=false",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "DOWNLOAD_TIMEOUT=2",
    "RETRY_TIMES=2",
    "HARVESTER_RETRY_AFTER_MAX=2",
    "HARVESTER_BACKOFF_BASE=0.1",
    "HARVESTER_BACKOFF_MAX=0.5",
)


def harvester_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "harvester", *args]


def fast_flags() -> list[str]:
    return [flag for setting in FAST_SETTINGS for flag in ("-s", setting)]


def run_cli(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m harvester ARGS` from the repo root and capture its output."""
    full_env = {**os.environ, "HARVESTER_CONTACT": "crawl-tests@example.org", **(env or {})}
    return subprocess.run(
        harvester_cmd(*args), cwd=REPO, env=full_env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def write_registry(tmp_path):
    """Write a registry CSV from (id, family, start_urls) rows; returns its path."""

    def write(rows, name="portals.csv"):
        path = tmp_path / name
        lines = ["id,name,family,site_kind,domain,province,province_2025,start_urls,document_urls,enabled,settings"]
        for portal_id, family, urls in rows:
            lines.append(f"{portal_id},{portal_id},{family},news,127.0.0.1,,,{urls},,1,{{}}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


def farm_registry(farm, path: Path) -> Path:
    """The farm's registry as `harvester demo` writes it (fixture-only settings dropped)."""
    from harvester.commands.crawl import write_farm_registry

    return write_farm_registry(farm, path)


def crawl_farm(farm, db: Path, registry: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`harvester crawl` of every farm site into ``db`` in a subprocess, with fast settings."""
    portals = [flag for site in farm.sites for flag in ("--portal", f"fixture-{site}")]
    return run_cli("crawl", "--registry", str(registry), "--db", str(db), *portals, *fast_flags(), *extra,
                   timeout=timeout)


def record_user_agents(site) -> list[str]:
    """Wrap the site's robots.txt route so that the User-Agent of each request is kept."""
    from harvester.fixture_portals.server import Response

    original = site.dispatch("/robots.txt", {}, {})
    seen: list[str] = []

    def robots(path, query, headers):
        seen.append(headers.get("user-agent", ""))
        return Response(original.status, dict(original.headers), original.body)

    site.add_route("/robots.txt", robots)
    return seen
