"""Fallback URL canonicalisation used only while harvester.urls is not importable.

Drops the fragment and the parameters that make one article appear under many URLs
(Liferay ``redirect``/``inheritRedirect``/``_…_cur``, tracking ``utm_*``), and sorts the rest.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DROP_EXACT = {"redirect", "inheritredirect", "fbclid", "gclid"}


def _drop(name: str) -> bool:
    low = name.lower()
    return low in _DROP_EXACT or low.startswith("utm_") or (low.startswith("_") and low.endswith("_cur"))


def canonicalize(url: str) -> str:
    """>>> canonicalize("HTTP://Ex.vn/a?redirect=%2Fx&b=1#top")
    'http://ex.vn/a?b=1'
    """
    parts = urlsplit(url.strip())
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _drop(k))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))
