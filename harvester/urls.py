"""One spelling per page: the canonical form of a URL, used as the key of pages and articles.

Portals show one article under many URLs: Liferay appends ``?redirect=<listing>`` and its
pagination state, newsletters add ``utm_*``, NukeViet has print and save-file views of every
article. ``canonicalize`` removes exactly those, and otherwise stays conservative: paths are
kept as written (``/index.html`` is not stripped, case is kept) because some portals are
case-sensitive and a wrong merge would lose an article, while a missed merge only costs a
refetch that the content hash then recognises.

>>> canonicalize("HTTPS://Example.GOV.vn:443/a/-/asset_publisher/X/content/b?redirect=%2Fx&_101_cur=2#top")
'https://example.gov.vn/a/-/asset_publisher/X/content/b'
>>> canonicalize("https://tinh.gov.vn/vi/news/print/tin-tuc/ocop-12.html")
'https://tinh.gov.vn/vi/news/tin-tuc/ocop-12.html'
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Dropped everywhere: they never change what a page shows.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|zalo_\w+|_ga|redirect|inheritredirect)$", re.I)

# Dropped on Liferay detail URLs (paths with "/-/"): listing state carried into the article link.
# Not dropped elsewhere, because on a listing page ``_<portlet>_cur=N`` *is* the page number.
_LIFERAY_STATE = re.compile(r"^(p_p_\w+|p_r_p_\w+|_\w+_(cur|delta|keywords|advancedsearch|andoperator|orderbycol|orderbytype))$", re.I)

# NukeViet print / save-file views: /<lang>/<module>/print/<cat>/<alias>-<id>.html.
_NUKEVIET_VIEW = re.compile(r"^((?:/[a-z]{2})?/[\w-]+)/(?:print|savefile)/(.+\.html?)$", re.I)


def canonicalize(url: str) -> str:
    """The canonical spelling of ``url``; never raises (odd input comes back stripped)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return url
        host = parts.hostname.lower().rstrip(".")
        port = parts.port
    except ValueError:
        return url
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    path = parts.path or "/"
    view = _NUKEVIET_VIEW.match(path)
    if view:
        path = f"{view.group(1)}/{view.group(2)}"
    liferay_detail = "/-/" in path
    params = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(key) and not (liferay_detail and _LIFERAY_STATE.match(key))
    ]
    if view:  # the print link of a local attachment carries ?download=1&id=N: not the article
        params = [(k, v) for k, v in params if k not in ("download", "id")]
    query = urlencode(sorted(params), doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    """The lower-cased host name of ``url`` (``""`` when it has none)."""
    try:
        return (urlsplit((url or "").strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_same_site(a: str, b: str) -> bool:
    """True when both URLs are on the same host, ignoring a leading ``www.``."""
    host_a, host_b = host_of(a).removeprefix("www."), host_of(b).removeprefix("www.")
    return bool(host_a) and host_a == host_b
