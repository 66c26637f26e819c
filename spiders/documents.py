"""DocumentsSpider: "Văn bản" sections (document listings, detail pages) and their attachments.

The crawl runner (harvester/runner.py) schedules it, beside the portal's family spider, for every
registry row that has ``document_urls``: ``DocumentsSpider(portal=<Portal>, db_path=<sqlite>)``.

Listings understood:
* NukeViet laws module, old layout (``table.table`` rows: STT | Số kí hiệu | Ngày ban hành |
  Trích yếu | File) and new layout (``div.flex-table-laws > div.table-rows``), ``/page-N/`` paging;
* the SharePoint vendor control (``.CSSTableGenerator table``, ``div.Paging`` pager);
* any HTML table whose header row has Số/ký hiệu and Trích yếu columns.

Detail pages: NukeViet ``tr.hoatim`` label/value rows, SharePoint ``…_lblSoKyHieu`` labels, or
generic label/value table rows. Only OCOP documents are kept ("OCOP" / "Mỗi xã một sản phẩm" in
the number's summary or title). Items: ``{"kind": "document", ...}`` per detail page and
``{"kind": "attachment", ...}`` per downloaded (or refused) file; pipelines/documents.py stores
them. Documents and attachments already in SQLite are not fetched again. Attachments larger than
``HARVESTER_ATTACHMENT_MAX_BYTES`` (default 25 MB) are refused on their headers alone.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import unquote, urljoin

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy.http import Response, TextResponse

from extractors.dates import parse_vn_date
from extractors.text import fold_words
from harvester.attachments import DEFAULT_MAX_BYTES, check_response, status_of
from harvester.ingest import is_ocop_relevant

_GENERIC_LINK_TEXT = {"tai ve", "tai xuong", "download", "xem", "xem file", "tep dinh kem", "file dinh kem"}
FILE_LINK = re.compile(r"\.(pdf|docx?|rtf|zip)(\?|$)|download=1|/uploads/laws/", re.IGNORECASE)


def _fold(text: str) -> str:
    return fold_words(text)


def is_ocop(*texts: str | None) -> bool:
    """The same relevance rule the article pipeline applies."""
    return is_ocop_relevant(" ".join(t for t in texts if t), None)


def iso_date(text: str | None) -> str | None:
    """A day-first date (``05/09/2024``; ``N/A`` and empty cells give None) as ISO."""
    found = parse_vn_date(text)
    return found.isoformat() if found else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _text(node: Any) -> str:
    return " ".join(" ".join(node.css("::text").getall()).split()) if node is not None else ""


class DocumentsSpider(scrapy.Spider):
    name = "documents"
    custom_settings: ClassVar[dict[str, Any]] = {"ITEM_PIPELINES": {"pipelines.documents.DocumentsPipeline": 900}}

    def __init__(self, portal: Any = None, db_path: str | None = None, **kwargs: Any):
        portal_id = getattr(portal, "id", portal) or "documents"
        super().__init__(name=f"{portal_id}-documents", **kwargs)
        self.portal = portal
        self.db_path = db_path
        self.seen_documents: set[str] = set()
        self.seen_attachments: set[str] = set()
        self.requested: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> DocumentsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.db_path = spider.db_path or crawler.settings.get("HARVESTER_DB")
        spider.max_bytes = crawler.settings.getint("HARVESTER_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)
        spider.max_pages = crawler.settings.getint("HARVESTER_MAX_LISTING_PAGES", 30)
        crawler.signals.connect(spider.on_headers, signal=signals.headers_received)
        return spider

    @property
    def portal_id(self) -> str:
        return str(getattr(self.portal, "id", self.portal) or "")

    # --- start ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self.load_seen()
        for url in getattr(self.portal, "document_urls", None) or []:
            yield scrapy.Request(url, callback=self.parse_listing, dont_filter=True,
                                 meta={"harvester_kind": "listing", "harvester_page": 1})

    def load_seen(self) -> None:
        """Detail pages and attachments already stored (read once; failed attachments are retried)."""
        if not self.db_path:
            return
        try:
            conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            return
        try:
            self.seen_documents = {r[0] for r in conn.execute("SELECT url FROM documents WHERE url IS NOT NULL")}
            self.seen_attachments = {r[0] for r in conn.execute(
                "SELECT url FROM attachments WHERE status IN ('ok', 'no-text-layer', 'encrypted', 'empty', "
                "'too-large', 'bad-type', 'unsupported')")}
        except sqlite3.Error:
            pass  # a new database: nothing seen yet
        finally:
            conn.close()

    # --- listings ------------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        for entry in listing_entries(response):
            if not is_ocop(entry.get("summary"), entry.get("title")):
                continue
            url = entry["url"]
            if url in self.seen_documents or url in self.requested:
                continue
            self.requested.add(url)
            yield response.follow(url, callback=self.parse_detail, meta={"listing": entry})
        page = response.meta.get("harvester_page", 1)
        next_url = next_page_url(response, page)
        if next_url and page < self.max_pages:
            yield scrapy.Request(next_url, callback=self.parse_listing, dont_filter=True,
                                 meta={"harvester_kind": "listing", "harvester_page": page + 1})

    # --- detail --------------------------------------------------------------------------
    def parse_detail(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        listing = response.meta.get("listing") or {}
        fields = detail_fields(response)
        number = fields.get("number") or listing.get("number")
        if not number:
            self.logger.warning("%s: no document number on the page", response.url)
            return
        attachments = fields.get("attachments") or listing.get("attachments") or []
        yield {
            "kind": "document", "url": response.url, "portal_id": self.portal_id, "number": number,
            "family": getattr(self.portal, "family", None), "province": getattr(self.portal, "province", None),
            "province_2025": getattr(self.portal, "province_2025", None),
            "type": fields.get("type") or _type_of(fields.get("title") or listing.get("title") or ""),
            "issuer": None, "issued": fields.get("issued") or listing.get("issued"),
            "signer": fields.get("signer"), "summary": fields.get("summary") or listing.get("summary"),
            "issuing_body": fields.get("issuing_body"), "attachments": attachments,
            "body": response.body, "headers": _headers(response), "status": response.status,
            "fetched_at": _now(),
        }
        for attachment in attachments:
            if attachment["url"] in self.seen_attachments or attachment["url"] in self.requested:
                continue
            self.requested.add(attachment["url"])
            yield scrapy.Request(
                attachment["url"], callback=self.parse_attachment, errback=self.attachment_failed,
                meta={"harvester_attachment": True, "name": attachment.get("name"), "document_url": response.url,
                      "download_maxsize": self.max_bytes, "download_warnsize": self.max_bytes,
                      "handle_httpstatus_all": True, "dont_retry": False})

    # --- attachments ---------------------------------------------------------------------
    def on_headers(self, headers: Any, body_length: int, request: Any, spider: Any) -> None:
        """Refuse an attachment on its headers (Content-Length over the limit) before the body."""
        if spider is not self or not request.meta.get("harvester_attachment"):
            return
        reason = check_response(headers, body_length if body_length and body_length > 0 else None, self.max_bytes)
        if reason:
            request.meta["refused"] = reason
            raise StopDownload(fail=True)

    def attachment_item(self, request: Any, **values: Any) -> dict[str, Any]:
        return {"kind": "attachment", "url": request.url, "name": request.meta.get("name"),
                "portal_id": self.portal_id, "document_url": request.meta.get("document_url"),
                "fetched_at": _now(), **values}

    def parse_attachment(self, response: Response) -> Iterator[dict[str, Any]]:
        values: dict[str, Any] = {"status": response.status, "headers": _headers(response)}
        if response.status >= 400:
            values["reason"] = f"fetch-failed: HTTP {response.status}"
            values["body"] = b""
        else:
            values["body"] = response.body
        yield self.attachment_item(response.request, **values)

    def attachment_failed(self, failure: Any) -> Iterator[dict[str, Any]]:
        request = failure.request
        reason = request.meta.get("refused")
        response = getattr(failure.value, "response", None)
        if not reason:
            message = str(failure.value) or type(failure.value).__name__
            kind = "too-large" if "maxsize" in message.lower() or "larger than" in message.lower() else "fetch-failed"
            reason = f"{kind}: {message}"
        yield self.attachment_item(
            request, status=getattr(response, "status", None), reason=reason, body=b"",
            headers=_headers(response) if response is not None else {})
        self.crawler.stats.inc_value(f"harvester/documents/refused/{status_of(reason)}")


# --- page parsing (pure functions of a response) -------------------------------------------

def listing_entries(response: TextResponse) -> list[dict[str, Any]]:
    """Documents listed on a page, whichever layout it uses."""
    entries = _flex_entries(response) or _table_entries(response)
    return entries


def _files(response: TextResponse, node: Any) -> list[dict[str, str]]:
    out, seen = [], set()
    for link in node.css("a[href]"):
        href = link.attrib.get("href", "")
        if not FILE_LINK.search(href):
            continue
        url = response.urljoin(href)
        if url not in seen:
            seen.add(url)
            name = _text(link).replace("Tập tin:", "").strip()
            if not name or _fold(name) in _GENERIC_LINK_TEXT:  # "Tải về": the title or file name says more
                name = link.attrib.get("title") or unquote(url.rsplit("/", 1)[-1].split("?", 1)[0])
            out.append({"url": url, "name": name})
    return out


def _flex_entries(response: TextResponse) -> list[dict[str, Any]]:
    entries = []
    for row in response.css("div.flex-table-laws > div.table-rows"):
        if "table-head" in (row.attrib.get("class") or ""):
            continue
        link = row.css("div.c-code a[href]")
        if not link:
            continue
        entries.append({
            "url": response.urljoin(link[0].attrib["href"]), "number": _text(link[0]),
            "issued": iso_date(_text(row.css("div.c-time"))),
            "title": _text(row.css("div.c-intro a")), "summary": _text(row.css("div.c-intro div.l-intro")),
            "attachments": _files(response, row.css("div.c-file")[0]) if row.css("div.c-file") else [],
        })
    return entries


_NUMBER_HEAD = re.compile(r"so.*(ky|ki) hieu|so hieu|so van ban")


def _table_entries(response: TextResponse) -> list[dict[str, Any]]:
    """Old NukeViet laws table, the SharePoint CSSTableGenerator table, or any table with the headers."""
    entries = []
    for table in response.css("table"):
        header = [_fold(_text(c)) for c in table.css("tr:first-child th, tr:first-child td, thead th")]
        number_col = next((i for i, h in enumerate(header) if _NUMBER_HEAD.search(h)), None)
        summary_col = next((i for i, h in enumerate(header) if "trich yeu" in h or "noi dung" in h), None)
        if number_col is None or summary_col is None:
            continue
        date_col = next((i for i, h in enumerate(header) if "ngay ban hanh" in h or h.startswith("ngay")), None)
        for tr in table.css("tr"):
            cells = tr.css("td")
            if len(cells) <= max(number_col, summary_col):
                continue
            links = cells[number_col].css("a[href]") or cells[summary_col].css("a[href]")
            if not links:
                continue
            entries.append({
                "url": response.urljoin(links[0].attrib["href"]), "number": _text(cells[number_col]),
                "issued": iso_date(_text(cells[date_col])) if date_col is not None and date_col < len(cells) else None,
                "title": links[0].attrib.get("title"), "summary": _text(cells[summary_col]),
                "attachments": _files(response, tr),
            })
    return entries


def next_page_url(response: TextResponse, page: int) -> str | None:
    """The link to page ``page + 1``: NukeViet ``/page-N/``, ``?Page=N``/``&page=N``, or a "next" link."""
    want = page + 1
    for href in response.css("a[href]::attr(href)").getall():
        if re.search(rf"/page-{want}/?(\?|$)|[?&][Pp]age={want}(&|$)", href):
            return response.urljoin(href)
    for link in response.css("div.Paging a, ul.pagination a, .pagination a"):
        label = _fold(_text(link) + " " + (link.attrib.get("title") or ""))
        if label.strip() in ("»", ">", "next", "sau", "trang sau") or "next" in label:
            return response.urljoin(link.attrib["href"])
    return None


_LABELS = {
    "number": ("so ki hieu", "so ky hieu", "so hieu", "so van ban"),
    "issued": ("ngay ban hanh",),
    "type": ("the loai", "loai van ban", "loai vb"),
    "issuing_body": ("co quan ban hanh", "don vi ban hanh", "noi ban hanh"),
    "signer": ("nguoi ky",),
    "summary": ("trich yeu",),
}

_FILE_LABELS = ("tep dinh kem", "file dinh kem", "tai ve", "van ban dinh kem")

_SHAREPOINT_IDS = {"number": "_lblSoKyHieu", "issued": "_lblNgayBanHanh", "summary": "_lblNoiDung",
                   "type": "_lblLoaiVanBan"}


def _label_key(label: str) -> str | None:
    """The field a label cell names ("Số/ký hiệu:", "Cơ quan ban hành / Người ký"), or None."""
    folded = " ".join(_fold(label).replace("/", " ").replace(":", " ").split())
    for key, names in _LABELS.items():
        if any(folded == n or folded.startswith(n) for n in names):
            return key
    return None


def detail_fields(response: TextResponse) -> dict[str, Any]:
    """Number, dates, type, issuer body, signer, summary and attachments of a detail page."""
    fields: dict[str, Any] = {}
    for key, suffix in _SHAREPOINT_IDS.items():
        value = _text(response.css(f'[id$="{suffix}"]'))
        if value:
            fields[key] = value
    sp_body = response.css("tr#row_donvibanhanh_chinh > td")
    if len(sp_body) >= 3:
        fields["issuing_body"], fields["signer"] = _text(sp_body[1]), _text(sp_body[2])
    for tr in response.css("tr"):
        # A row holds one "label | value" pair or several side by side ("Số/ký hiệu: | … |
        # Ngày ban hành: | …" on custom portals): read the cells two by two from each label.
        cells = tr.css("th, td")
        i = 0
        while i < len(cells) - 1:
            key = _label_key(_text(cells[i]))
            if key is None:
                i += 1
                continue
            value = _text(cells[i + 1])
            if value and key not in fields:
                fields[key] = value
            i += 2
    if "issued" in fields:
        fields["issued"] = iso_date(fields["issued"])
    fields["title"] = _text(response.css("h1.lawh3, h1"))
    if "summary" not in fields:
        intro = response.css("h1.lawh3 + p")
        if intro:
            fields["summary"] = _text(intro[0])
    blocks = response.css("div.laws-download-file, ul.laws-download, tr#row_file")
    blocks = blocks or [tr for tr in response.css("tr") if tr.css("th, td")
                        and _fold(_text(tr.css("th, td")[0])).startswith(_FILE_LABELS)]
    files: list[dict[str, str]] = []
    for block in blocks or [response]:
        files.extend(f for f in _files(response, block) if f["url"] not in {x["url"] for x in files})
    fields["attachments"] = files
    if fields.get("number"):
        fields["number"] = fields["number"].strip()
    return fields


def _type_of(title: str) -> str | None:
    folded = _fold(title)
    for word, name in (("quyet dinh", "Quyết định"), ("ke hoach", "Kế hoạch"), ("chi thi", "Chỉ thị"),
                       ("nghi quyet", "Nghị quyết"), ("thong bao", "Thông báo"), ("cong van", "Công văn")):
        if folded.startswith(word):
            return name
    return None


def _headers(response: Any) -> dict[str, str]:
    if response is None:
        return {}
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


__all__ = ["DocumentsSpider", "detail_fields", "is_ocop", "listing_entries", "next_page_url", "urljoin"]
