"""The portal registry: one CSV line per site, validated with file:line messages.

A site is configuration, not code: ``data/portals.csv`` names its CMS family (which spider
class reads it), its entry points and its politeness settings. Users add their own sites by
adding lines, or by pointing ``--registry`` at their own file or at a folder of CSV files in
the same format (all ``*.csv`` inside are read, in name order; ids must stay unique).

>>> portal = Portal(id="demo", name="Demo", family="generic", start_urls=["https://example.org/"])
>>> portal.setting("silence_days")
30
"""

from __future__ import annotations

import csv
import difflib
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harvester.errors import HarvesterError, RegistryError
from harvester.paths import data_file
from harvester.settings import HARVESTER_SETTINGS

# The portals table is written by the storage layer; re-exported because the crawl runner and
# older callers import it from here.
from harvester.storage.portals import sync_portals as sync_portals

FAMILIES = ("nukeviet", "wordpress", "liferay", "sharepoint", "generic")
REQUIRED_COLUMNS = ("id", "family", "start_urls")
COLUMNS = (
    "id", "name", "family", "site_kind", "domain", "province", "province_2025",
    "start_urls", "document_urls", "enabled", "settings",
)

_SILENT_DAYS = next(s for s in HARVESTER_SETTINGS if s.name == "HARVESTER_SILENT_DAYS")


def silent_days() -> int:
    """HARVESTER_SILENT_DAYS (read when asked): the silence_days of portals whose row sets none."""
    try:
        days = _SILENT_DAYS.value()
    except HarvesterError:  # not a finite number
        days = None
    if not _is_int(days) or days < 1:
        raw = os.environ.get(_SILENT_DAYS.name)
        raise RegistryError(f"{_SILENT_DAYS.name} must be a whole number of days >= 1, not {raw!r}")
    return days


# Per-portal settings: name -> (type check, description of a valid value, default or a function
# giving it).
_NUMBER = (int, float)
SETTINGS: dict[str, tuple[Any, str, Any]] = {
    "concurrency": (lambda v: _is_int(v) and v >= 1, "an integer >= 1", None),
    "download_delay": (lambda v: _is_number(v) and v >= 0, "a number of seconds >= 0", None),
    "download_timeout": (lambda v: _is_number(v) and v > 0, "a number of seconds > 0", None),
    "silence_days": (lambda v: _is_int(v) and v >= 1, "an integer >= 1", silent_days),
    "max_listing_pages": (lambda v: _is_int(v) and v >= 1, "an integer >= 1", None),
    "fetch_all_pages": (lambda v: _is_int(v) and v >= 0, "an integer >= 0", None),
    "recheck_days": (lambda v: _is_number(v) and v >= 0, "a number of days >= 0", 7),
    "search_url": (lambda v: isinstance(v, str) and _is_url(v), "an http(s) URL", None),
    "variant": (lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty string", None),
}

# Upper bounds a sane crawl never needs to pass: a portal asking for more is a typo (or an
# attack: a delay of 1e308 seconds hangs the run and keeps the lock). Values are inclusive.
MAXIMA: dict[str, tuple[float, str]] = {
    "concurrency": (16, "parallel requests to one portal"),
    "download_delay": (60, "seconds between requests"),
    "download_timeout": (300, "seconds to wait for an answer"),
    "silence_days": (3650, "days"),
    "max_listing_pages": (10_000, "listing pages"),
    "fetch_all_pages": (1_000, "listing pages"),
    "recheck_days": (365, "days"),
}

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRUE = {"1", "true", "yes", "on", ""}
_FALSE = {"0", "false", "no", "off"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, _NUMBER) and not isinstance(value, bool) and math.isfinite(value)


def _is_url(value: str) -> bool:
    return bool(re.match(r"^https?://[^/\s]+", value))


@dataclass(frozen=True)
class Portal:
    """One registered site (a parsed registry line)."""

    id: str
    name: str
    family: str
    start_urls: list[str]
    site_kind: str = ""
    domain: str = ""
    province: str | None = None  # pre-2025 name; None for national sites
    province_2025: str | None = None
    document_urls: list[str] = field(default_factory=list)
    enabled: bool = True
    settings: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # "file:line" the row came from, for messages

    def setting(self, name: str) -> Any:
        """A per-portal setting, or its documented default."""
        if name in self.settings:
            return self.settings[name]
        default = SETTINGS[name][2] if name in SETTINGS else None
        return default() if callable(default) else default


def default_registry_path() -> Path:
    return data_file("portals.csv")


def load_registry(path: str | Path | None = None) -> list[Portal]:
    """Read and validate a registry file (or every ``*.csv`` of a folder)."""
    path = Path(path) if path else default_registry_path()
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        if not files:
            raise RegistryError(f"{path}: no *.csv registry files in this folder")
    elif path.exists():
        files = [path]
    else:
        raise RegistryError(f"{path}: registry file not found (pass --registry FILE)")
    portals: list[Portal] = []
    first_seen: dict[str, str] = {}
    for file in files:
        for portal in _read_file(file):
            if portal.id in first_seen:
                raise RegistryError(
                    f"{portal.source}: duplicate id {portal.id!r} (first defined at "
                    f"{first_seen[portal.id]}); give each site its own id"
                )
            first_seen[portal.id] = portal.source
            portals.append(portal)
    return portals


def get_portal(portals: Iterable[Portal], portal_id: str) -> Portal:
    """The portal with this id, or a RegistryError that suggests close ids."""
    portals = list(portals)
    for portal in portals:
        if portal.id == portal_id:
            return portal
    ids = [p.id for p in portals]
    close = difflib.get_close_matches(portal_id, ids, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; run `harvester portals` to list them"
    raise RegistryError(f"unknown portal {portal_id!r}{hint}")


# --- parsing ----------------------------------------------------------------------------------


def _read_file(path: Path) -> list[Portal]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read ({exc.strerror})") from exc
    lines = text.splitlines()
    reader = csv.DictReader(lines)
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise RegistryError(_csv_message(path, reader.reader.line_num or 1, exc)) from exc
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if duplicated:
        raise RegistryError(f"{path}:1: duplicate column(s) {', '.join(duplicated)}; name each column once")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RegistryError(
            f"{path}:1: missing required column(s) {', '.join(missing)}; the header must name "
            f"{', '.join(COLUMNS)}"
        )
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise RegistryError(f"{path}:1: unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}")
    portals = []
    for row in _rows(reader, path):
        line = reader.line_num
        if None in row:
            raise RegistryError(f"{path}:{line}: more fields than columns (quote values that contain commas)")
        values = {k.strip(): (v or "").strip() for k, v in row.items()}
        if not any(values.values()) or values.get("id", "").startswith("#"):
            continue  # blank or commented-out line
        portals.append(_parse_row(values, f"{path}:{line}"))
    return portals


def _rows(reader: csv.DictReader, path: Path) -> Iterator[dict[str, Any]]:
    """The reader's rows; a malformed CSV line becomes a RegistryError naming it."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RegistryError(_csv_message(path, reader.reader.line_num, exc)) from exc
        yield row


def _csv_message(path: Path, line: int, exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return (f"{path}:{line}: a field is longer than {csv.field_size_limit()} characters; "
                "is a quote (\") left open on this line or above?")
    return f"{path}:{line}: not valid CSV ({text})"


def _parse_row(values: dict[str, str], where: str) -> Portal:
    portal_id = values["id"]
    if not _ID.match(portal_id):
        raise RegistryError(f"{where}: bad id {portal_id!r}; use lower-case letters, digits and '-'")
    family = values["family"].lower()
    if family not in FAMILIES:
        raise RegistryError(f"{where}: unknown family {values['family']!r}; known: {', '.join(FAMILIES)}")
    start_urls = _url_list(values.get("start_urls", ""), where, "start_urls")
    if not start_urls:
        raise RegistryError(f"{where}: start_urls is empty; give at least one https://... entry point")
    enabled = values.get("enabled", "").lower()
    if enabled not in _TRUE | _FALSE:
        raise RegistryError(f"{where}: enabled must be 1 or 0, not {values['enabled']!r}")
    return Portal(
        id=portal_id,
        name=values.get("name") or portal_id,
        family=family,
        start_urls=start_urls,
        site_kind=values.get("site_kind", ""),
        domain=values.get("domain", ""),
        province=values.get("province") or None,
        province_2025=values.get("province_2025") or None,
        document_urls=_url_list(values.get("document_urls", ""), where, "document_urls"),
        enabled=enabled in _TRUE,
        settings=_parse_settings(values.get("settings", ""), where),
        source=where,
    )


def _url_list(raw: str, where: str, column: str) -> list[str]:
    urls = raw.split()
    for url in urls:
        if not _is_url(url):
            raise RegistryError(f"{where}: {column} entry {url!r} is not an http(s) URL; separate URLs with spaces")
    return urls


def _parse_settings(raw: str, where: str) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        settings = json.loads(raw, parse_constant=_reject_constant)
    except _NotFinite as exc:
        raise RegistryError(f"{where}: settings contain {exc.args[0]}, which is not a finite number") from exc
    except json.JSONDecodeError as exc:
        raise RegistryError(
            f"{where}: settings is not valid JSON ({exc.msg} at column {exc.colno}); "
            'write an object like {"download_delay": 2}'
        ) from exc
    if not isinstance(settings, dict):
        raise RegistryError(f'{where}: settings must be a JSON object like {{"download_delay": 2}}')
    for key, value in settings.items():
        if key not in SETTINGS:
            raise RegistryError(f"{where}: unknown setting {key!r}; known: {', '.join(SETTINGS)}")
        check, expected, _default = SETTINGS[key]
        if not check(value):
            raise RegistryError(f"{where}: setting {key} must be {expected}, not {value!r}")
        if key in MAXIMA and value > MAXIMA[key][0]:
            limit, unit = MAXIMA[key]
            raise RegistryError(f"{where}: setting {key} must be at most {limit:g} ({unit}), not {value!r}")
    return settings


class _NotFinite(ValueError):
    """JSON's non-standard Infinity / -Infinity / NaN, which Python's json accepts by default."""


def _reject_constant(name: str) -> Any:
    raise _NotFinite(name)
