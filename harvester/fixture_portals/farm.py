"""Start, address and stop the imitation sites: one ThreadingHTTPServer per site on its own 127.0.0.N."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Callable
from pathlib import Path

from harvester.errors import HarvesterError
from harvester.fixture_portals import faults, generic, nukeviet
from harvester.fixture_portals.content import ARTICLES, SITE_ARTICLES, generated_article
from harvester.fixture_portals.server import Post, Site, SiteServer

# site id → (family, display name, province, installer, loopback host number)
SITE_TABLE: dict[str, tuple[str, str, str | None, Callable[[Site], None], int]] = {
    "nukeviet": ("nukeviet", "Nông thôn mới tỉnh Quảng Trị", "Quảng Trị", nukeviet.install, 11),
    "generic": ("generic", "Báo Nông thôn Ngày mới", None, generic.install, 15),
    "faults": ("generic", "Trang tin Sở Nông nghiệp (lỗi)", "Hậu Giang", faults.install, 16),
}
# the merged unit of each fixture province (data/provinces.csv)
PROVINCE_2025 = {"Quảng Trị": "Quảng Trị", "Yên Bái": "Lào Cai", "Đắk Nông": "Lâm Đồng", "Cao Bằng": "Cao Bằng",
                 "Hậu Giang": "Cần Thơ"}
DEFAULT_SITES = ("nukeviet", "wordpress", "liferay", "sharepoint", "generic", "faults")

REGISTRY_COLUMNS = (
    "id", "name", "family", "site_kind", "domain", "province", "province_2025",
    "start_urls", "document_urls", "enabled", "settings",
)


def _register_optional() -> None:
    """Families added in their own modules register here when present."""
    try:
        from harvester.fixture_portals import wordpress
        SITE_TABLE.setdefault("wordpress", ("wordpress", "Trang tin Hội Nông dân tỉnh Yên Bái", "Yên Bái", wordpress.install, 12))
    except ImportError:
        pass
    try:
        from harvester.fixture_portals import liferay
        SITE_TABLE.setdefault("liferay", ("liferay", "Cổng thông tin điện tử tỉnh Đắk Nông", "Đắk Nông", liferay.install, 13))
    except ImportError:
        pass
    try:
        from harvester.fixture_portals import sharepoint
        SITE_TABLE.setdefault("sharepoint", ("sharepoint", "Cổng thông tin điện tử tỉnh Cao Bằng", "Cao Bằng", sharepoint.install, 14))
    except ImportError:
        pass
    SITE_TABLE.setdefault("bulk", ("generic", "Báo Tổng hợp (benchmark)", None, generic.install, 17))


_register_optional()


def build_site(site_id: str, *, seed: int = 0, bulk_pages: int = 3000) -> Site:
    if site_id not in SITE_TABLE:
        raise HarvesterError(f"unknown fixture site {site_id!r}; known: {', '.join(sorted(SITE_TABLE))}")
    family, name, province, install, _ = SITE_TABLE[site_id]
    site = Site(site_id, family, name, province, seed=seed)
    if site_id == "bulk":
        generic.install(site, per_page=20)
        _fill_bulk(site, seed, bulk_pages)
    else:
        install(site)
        for key in SITE_ARTICLES.get(site_id, ()):
            site.add_article(ARTICLES[key])
        if site_id in DOCUMENT_SECTIONS:
            _add_documents(site, DOCUMENT_SECTIONS[site_id])
    return site


# site id → the documents.py installer of its "văn bản" section
DOCUMENT_SECTIONS = {"nukeviet": "add_documents_section", "sharepoint": "add_sharepoint_documents",
                     "generic": "add_generic_documents"}


def _add_documents(site: Site, installer: str) -> None:
    """A "văn bản" section on the site (laws module, vendor control, table), when documents.py is present."""
    try:
        from harvester.fixture_portals import documents
    except ImportError:
        return
    getattr(documents, installer)(site)


def _fill_bulk(site: Site, seed: int, n: int) -> None:
    from datetime import timedelta

    from harvester.fixture_portals.content import FIXED_NOW

    start = FIXED_NOW - timedelta(hours=6 * n + 24)
    site.add_articles([generated_article(seed, i, when=start + timedelta(hours=6 * i), ocop=(i % 5 != 4)) for i in range(n)])


class Farm:
    """Running imitation sites. Use as a context manager or call stop()."""

    def __init__(self) -> None:
        self.sites: dict[str, Site] = {}
        self._servers: dict[str, SiteServer] = {}
        self._threads: list[threading.Thread] = []

    def _start(self, site: Site, host: str, port: int = 0) -> None:
        try:
            server = SiteServer(site, host, port)
        except OSError:
            if not port:
                raise
            # the fixed port is taken (another demo still serving): any free port will do
            server = SiteServer(site, host, 0)
        h, port = server.server_address[:2]
        site.base_url = f"http://{h}:{port}/"
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                  name=f"fixture-{site.id}", daemon=True)
        thread.start()
        self.sites[site.id] = site
        self._servers[site.id] = server
        self._threads.append(thread)

    def url(self, site_id: str) -> str:
        return self.sites[site_id].base_url

    def publish(self, site_id: str, n: int = 1) -> list[Post]:
        return self.sites[site_id].publish(n)

    def request_log(self, site_id: str) -> list[tuple[str, str, int]]:
        return self.sites[site_id].request_log()

    def registry_rows(self) -> list[dict[str, str]]:
        rows = []
        for site in self.sites.values():
            settings = dict(site.registry_settings)
            if str(settings.get("search_url", "")).startswith("/"):
                settings["search_url"] = site.url(settings["search_url"])
            rows.append({
                "id": f"fixture-{site.id}",
                "name": site.name,
                "family": site.family,
                "site_kind": "fixture",
                "domain": site.base_url,  # with scheme: spiders build URLs from it
                "province": site.province or "",
                "province_2025": PROVINCE_2025.get(site.province or "", ""),
                "start_urls": " ".join(site.url(p) for p in site.start_paths),
                "document_urls": " ".join(site.url(p) for p in site.document_paths),
                "enabled": "1",
                "settings": json.dumps(settings, ensure_ascii=False, sort_keys=True),
            })
        return rows

    def write_registry(self, path: str | Path) -> Path:
        path = Path(path)
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=REGISTRY_COLUMNS)
            writer.writeheader()
            writer.writerows(self.registry_rows())
        return path

    def stop(self) -> None:
        """Stop every site (in parallel: each shutdown waits for one poll interval)."""
        servers = list(self._servers.values())
        self._servers.clear()
        stoppers = [threading.Thread(target=s.shutdown, daemon=True) for s in servers]
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join(timeout=5)
        for server in servers:
            server.server_close()

    def __enter__(self) -> Farm:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_farm(sites: list[str] | None = None, *, seed: int = 0, bulk_pages: int = 3000, port: int = 0) -> Farm:
    """Start the named imitation sites (default: all but "bulk") on 127.0.0.11+.

    ``port`` 0 picks free ports (tests); a fixed port keeps the sites' URLs the same from one
    run to the next, so a second `harvester demo` on the same database is an incremental night.
    """
    wanted = list(sites) if sites else [s for s in DEFAULT_SITES if s in SITE_TABLE]
    farm = Farm()
    try:
        for site_id in wanted:
            site = build_site(site_id, seed=seed, bulk_pages=bulk_pages)
            farm._start(site, f"127.0.0.{SITE_TABLE[site_id][4]}", port)
    except Exception:
        farm.stop()
        raise
    return farm
