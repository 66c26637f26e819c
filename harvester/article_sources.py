"""An analyst's own articles as page items: saved HTML pages, plain-text files, folders, URLs.

The items have the shape a spider yields (docs/architecture.md), so `harvester ingest-article`
sends them through the same normalize → extract → save path as a crawl (``harvester.ingest``)
and the pages are archived like any fetched page. A plain-text file (first line = title) is
archived as the small HTML page it is wrapped in, so ``harvester reextract`` replays it too.

URLs are fetched with a plain HTTP client, bounded in size and time, and kept on their host the
way a crawl is: a redirect to another host is refused, and so are loopback and private
addresses (a link in a saved page must not reach the analyst's own network) unless the caller
allows them (tests serve on 127.0.0.x).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from html import escape
from pathlib import Path
from typing import Any

from extractors.text import decode_bytes
from harvester.clock import now_iso
from harvester.errors import HarvesterError
from harvester.settings import USER_AGENT

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
ATTACHMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".zip"}
MAX_BYTES = 10 * 1024 * 1024  # larger files and responses are refused
TIMEOUT_S = 30.0
MAX_REDIRECTS = 5


class SourceError(HarvesterError):
    """A file or URL that cannot be read as an article."""


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in {"http", "https"}


def article_files(path: Path) -> list[Path]:
    """The article files a path names: the file itself, or every HTML/text file in a folder (sorted)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES | TEXT_SUFFIXES)
    return [path]


def _read(path: Path) -> bytes:
    if path.suffix.lower() in ATTACHMENT_SUFFIXES:
        raise SourceError(f"{path}: a {path.suffix} file is an attachment, not an article; "
                          "use harvester ingest-attachment")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{path}: {size:,} bytes is more than the {MAX_BYTES:,} an article may have")
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise SourceError(f"{path}: is a folder with no .html or .txt file") from exc
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from exc
    if b"\x00" in body[:8192]:
        raise SourceError(f"{path}: binary data, not an HTML or text article (attachments: harvester ingest-attachment)")
    return body


def _looks_like_html(path: Path, body: bytes) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    if path.suffix.lower() in TEXT_SUFFIXES:
        return False
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article"))


def text_page(text: str, title: str | None = None) -> tuple[str, str]:
    """A plain text as an HTML page: the first non-empty line is the title unless one is given."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise SourceError("the text is empty")
    if title is None:
        title, lines = lines[0], lines[1:]
    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in lines)
    html = (f"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head>\n"
            f"<body><article><h1>{escape(title)}</h1>\n{paragraphs}</article></body></html>\n")
    return html, title


def file_item(path: Path, *, portal_id: str, url: str | None = None, published: str | None = None,
              title: str | None = None) -> dict[str, Any]:
    """The page item for one saved file (``url`` defaults to the file's own ``file://`` URL)."""
    body = _read(path)
    source_url = url or path.resolve().as_uri()
    if _looks_like_html(path, body):
        if title is not None:
            raise SourceError(f"{path}: an HTML page has its own title; --title is for plain-text files")
        page = body
    else:
        text = decode_bytes(body).text
        try:
            html, _title = text_page(text, title)
        except SourceError as exc:
            raise SourceError(f"{path}: {exc}") from exc
        page = html.encode("utf-8")
    return _item(source_url, source_url, page, portal_id=portal_id, published=published,
                 headers={"Content-Type": "text/html; charset=utf-8", "X-Harvester-Source": str(path.resolve())})


def _item(url: str, final_url: str, body: bytes, *, portal_id: str, published: str | None,
          headers: dict[str, str], status: int = 200, encoding: str | None = None) -> dict[str, Any]:
    return {
        "kind": "article", "url": url, "final_url": final_url, "portal_id": portal_id, "family": None,
        "status": status, "headers": headers, "body": body, "encoding": encoding, "fetched_at": now_iso(),
        "listing_date": published, "listing_url": None,
    }


# ------------------------------------------------------------------------------------ URLs


def check_host(url: str, *, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to a loopback, private, link-local or reserved address."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SourceError(f"{url}: only http and https URLs can be fetched")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise SourceError(f"{url}: cannot resolve {parts.hostname} ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise SourceError(f"{url}: {parts.hostname} is a local or private address ({address}); "
                              "refused (pass --allow-private-hosts to fetch it anyway)")


class _StayOnHost(urllib.request.HTTPRedirectHandler):
    """Follow redirects on the same host only, re-checking each target's address."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (new.hostname or "").lower() != (old.hostname or "").lower():
            raise SourceError(f"{req.full_url}: redirected to another host ({newurl}); refused")
        check_host(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_StayOnHost.max_redirections = MAX_REDIRECTS


def _connect_checked(address, *args, **kwargs):  # type: ignore[no-untyped-def]
    """``socket.create_connection`` that refuses a socket whose peer is not a global address.

    ``check_host`` resolved the name once; the connection resolves it again, and a name that
    answers a public address first and 127.0.0.1 next (DNS rebinding) would pass the first check.
    The address actually connected to is checked here, before a byte is sent."""
    sock = socket.create_connection(address, *args, **kwargs)
    peer = ipaddress.ip_address(sock.getpeername()[0])
    if not peer.is_global:
        sock.close()
        raise SourceError(f"{address[0]} connected to a local or private address ({peer}); refused "
                          "(pass --allow-private-hosts to fetch it anyway)")
    return sock


def _checked_connection(base):  # type: ignore[no-untyped-def]
    """A factory of ``base`` connections (HTTP or HTTPS) that open their socket through
    :func:`_connect_checked`; ``_create_connection`` is http.client's hook for that."""

    def build(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = base(*args, **kwargs)
        conn._create_connection = _connect_checked
        return conn

    return build


class _CheckedHTTP(urllib.request.HTTPHandler):
    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(_checked_connection(http.client.HTTPConnection), req)


class _CheckedHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(_checked_connection(http.client.HTTPSConnection), req, context=self._context)


def url_item(url: str, *, portal_id: str, published: str | None = None, allow_private: bool = False,
             max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Fetch one article URL (bounded in size and time, kept on its host) as a page item."""
    check_host(url, allow_private=allow_private)
    checked = [] if allow_private else [_CheckedHTTP(), _CheckedHTTPS()]
    opener = urllib.request.build_opener(_StayOnHost(allow_private), *checked)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            final_url, status, headers = response.geturl(), response.status, response.headers
    except urllib.error.HTTPError as exc:
        raise SourceError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else getattr(exc.reason, "strerror", None) or exc.reason
        raise SourceError(f"{url}: cannot fetch ({reason})") from exc
    except TimeoutError as exc:
        raise SourceError(f"{url}: no answer within {timeout:g} s") from exc
    if len(body) > max_bytes:
        raise SourceError(f"{url}: the page is larger than {max_bytes:,} bytes; refused")
    return _item(url, final_url, body, portal_id=portal_id, published=published, status=status,
                 headers=dict(headers.items()), encoding=_charset(headers))


def _charset(headers: Message) -> str | None:
    return headers.get_content_charset()


def items(sources: list[str], **options: Any) -> Iterator[tuple[str, dict[str, Any] | SourceError]]:
    """(label, item or the error reading it) for every file, folder member and URL, in order."""
    allow_private = options.pop("allow_private", False)
    for source in sources:
        if is_url(source):
            try:
                yield source, url_item(source, allow_private=allow_private, portal_id=options["portal_id"],
                                       published=options.get("published"))
            except SourceError as exc:
                yield source, exc
            continue
        files = article_files(Path(source))
        if not files:
            yield source, SourceError(f"{source}: a folder with no .html or .txt file")
        for path in files:
            try:
                yield str(path), file_item(path, **options)
            except SourceError as exc:
                yield str(path), exc
