"""Turn a Scrapy failure into a short, stable reason string stored with the fault row."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net_error
from twisted.web._newclient import ResponseFailed

from harvester.middlewares import OffPortalRedirect

# (exception types, reason) in the order they are tested; the first match wins.
_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, net_error.TimeoutError, TimeoutError), "timeout"),
    ((CannotResolveHostError, net_error.DNSLookupError), "dns"),
    ((DownloadCancelledError,), "too-large"),
    ((DownloadConnectionRefusedError, net_error.ConnectionRefusedError), "connection-refused"),
    (
        (
            ResponseDataLossError,
            ResponseFailed,
            net_error.ConnectionLost,
            net_error.ConnectionDone,
            DownloadFailedError,
            ConnectionError,
        ),
        "connection-lost",
    ),
)


def describe_failure(failure: Any) -> tuple[str, int | None]:
    """(reason, HTTP status or None) for a Twisted Failure from a request errback."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http-{status}", status
    if isinstance(exc, OffPortalRedirect):
        return "off-portal-redirect", exc.status
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        if "robots" in text:
            return "robots-disallowed", None
        if "redirect" in text:
            return "redirect-loop", None
        return "ignored", None
    for types, reason in _REASONS:
        if isinstance(exc, types):
            return reason, None
    return type(exc).__name__, None


# Answers that will not change by asking again tomorrow: the entry is settled (nothing to store).
# Anything else (5xx, 408/429, timeouts, lost connections) may be passing trouble: a run with
# such an entry does not advance its listings' frontier, so the next night asks again.
_SETTLED_REASONS = frozenset({"too-large", "redirect-loop", "off-portal-redirect", "robots-disallowed", "ignored",
                              "bad-sitemap"})


def is_settled(reason: str, status: int | None) -> bool:
    """True when a failed fetch is a lasting answer (gone, forbidden, refused on purpose)."""
    if reason in _SETTLED_REASONS:
        return True
    return status is not None and 400 <= status < 500 and status not in (408, 425, 429)
