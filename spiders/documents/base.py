"""DocumentsSpider: everything about walking a "Văn bản" section that does not depend on its markup.

A family subclass (``spiders/documents/<family>.py``) declares where its listing rows, pager,
detail labels and download links sit; this base owns the rest, and its readers work on any
markup: a table whose header has Số/ký hiệu and Trích yếu columns, detail sheets of
label/value cells ("Số ký hiệu | 412/QĐ-UBND | Ngày ban hành | 01/03/2024"), file links.

* ``async def start()`` reads the stored document pages and settled attachments once
  (:mod:`harvester.storage.document_state`), then requests the portal's ``document_urls``;
* only OCOP documents are followed ("OCOP" / "Mỗi xã một sản phẩm" in summary or title);
* items: ``{"kind": "document", ...}`` per detail page and ``{"kind": "attachment", ...}`` per
  downloaded (or refused) file; pipelines/documents.py stores them;
* attachments larger than ``HARVESTER_ATTACHMENT_MAX_BYTES`` (default 25 MB) are refused on
  their headers alone.

The crawl runner schedules ``DocumentsSpider`` for registry rows with ``document_urls``; the base
class hands the crawl to the portal family's class (:meth:`DocumentsSpider.for_family`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import unquote

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy.http import Response, TextResponse

from extractors.dates import parse_vn_date
from extractors.text import fold_words, is_ocop_relevant
from harvester.attachments import DEFAULT_MAX_BYTES, check_response, status_of
from harvester.clock import now_iso
from harvester.storage.document_state import load_document_state

_GENERIC_LINK_TEXT = {"tai ve", "tai xuong", "download", "xem", "xem file", "tep dinh kem", "file dinh kem"}
FILE_LINK = re.compile(r"\.(pdf|docx?|rtf|zip)(\?|$)|download=1|/uploads/laws/", re.IGNORECASE)
_NUMBER_HEAD = re.compile(r"so.*(ky|ki) hieu|so hieu|so van ban")
_NEXT_LABELS = ("»", ">", "next", "sau", "trang sau")

_LABELS = {
    "number": ("so ki hieu", "so ky hieu", "so hieu", "so van ban"),
    "issued": ("ngay ban hanh",),
    "type": ("the loai", "loai van ban", "loai vb"),
    "issuing_body": ("co quan ban hanh", "don vi ban hanh", "noi ban hanh"),
    "signer": ("nguoi ky",),
    "summary": ("trich yeu",),
}
_FILE_LABELS = ("tep dinh kem", "file dinh kem", "tai ve", "van ban dinh kem")
_TYPES = (("quyet dinh", "Quyết định"), ("ke hoach", "Kế hoạch"), ("chi thi", "Chỉ thị"),
          ("nghi quyet", "Nghị quyết"), ("thong bao", "Thông báo"), ("cong van", "Công văn"))


def is_ocop(*texts: str | None) -> bool:
    """The same relevance rule the article pipeline applies."""
    return is_ocop_relevant(" ".join(t for t in texts if t), None)


def iso_date(text: str | None) -> str | None:
    """A day-first date (``05/09/2024``; ``N/A`` and empty cells give None) as ISO."""
    found = parse_vn_date(text)
    return found.isoformat() if found else None


def node_text(node: Any) -> str:
    return " ".join(" ".join(node.css("::text").getall()).split()) if node is not None else ""


class DocumentsSpider(scrapy.Spider):
    """Base of the documents spiders; constructed with a registry row and the database path."""

    name = "documents"
    family: ClassVar[str] = ""
    REQUIRED: ClassVar[tuple[str, ...]] = ("family",)
    custom_settings: ClassVar[dict[str, Any]] = {"ITEM_PIPELINES": {"pipelines.documents.DocumentsPipeline": 900}}
    families: ClassVar[dict[str, type[DocumentsSpider]]] = {}  # filled by __init_subclass__

    # Declarations of a family (None: it has none; the generic readers run for every family).
    row_css: ClassVar[str | None] = None  # one node per document, for listings that are not tables
    row_number_css: ClassVar[str] = "a[href]"  # inside a row: the number, linking to the detail page
    row_issued_css: ClassVar[str | None] = None
    row_title_css: ClassVar[str | None] = None
    row_summary_css: ClassVar[str | None] = None
    row_files_css: ClassVar[str | None] = None
    pager_css: ClassVar[str] = ".pagination a"  # links of the pager ("»", "Trang sau"…)
    title_css: ClassVar[str] = "h1"
    summary_css: ClassVar[str | None] = None  # a summary printed right after the title
    label_ids: ClassVar[dict[str, str]] = {}  # field -> id suffix of the element holding its value
    body_signer_css: ClassVar[str | None] = None  # cells "label | issuing body | signer"
    file_block_css: ClassVar[str | None] = None  # where a detail page lists its downloads

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = [attr for attr in cls.REQUIRED if not getattr(cls, attr, None)]
        if missing:
            raise TypeError(f"{cls.__name__} must define: {', '.join(missing)}")
        if "name" not in cls.__dict__:
            cls.name = f"documents-{cls.family}"
        DocumentsSpider.families.setdefault(cls.family, cls)

    @classmethod
    def for_family(cls, family: str | None) -> type[DocumentsSpider]:
        """The documents spider of a CMS family; ``generic`` for families without their own."""
        return cls.families.get(family or "", cls.families["generic"])

    def __init__(self, portal: Any = None, db_path: str | None = None, **kwargs: Any):
        portal_id = getattr(portal, "id", portal) or "documents"
        super().__init__(name=f"{portal_id}-documents", **kwargs)
        self.portal = portal
        self.db_path = db_path
        self.seen_documents: frozenset[str] = frozenset()
        self.seen_attachments: frozenset[str] = frozenset()
        self.requested: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> DocumentsSpider:
        if cls is DocumentsSpider:  # scheduled as the base: the portal's family reads the section
            return cls.for_family(getattr(kwargs.get("portal"), "family", None)).from_crawler(crawler, *args, **kwargs)
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
        state = load_document_state(self.db_path)
        self.seen_documents, self.seen_attachments = state.documents, state.attachments
        for url in getattr(self.portal, "document_urls", None) or []:
            yield scrapy.Request(url, callback=self.parse_listing, dont_filter=True,
                                 meta={"harvester_kind": "listing", "harvester_page": 1})

    # --- listings ------------------------------------------------------------------------
    def parse_listing(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        for entry in self.listing_entries(response):
            if not is_ocop(entry.get("summary"), entry.get("title")):
                continue
            url = entry["url"]
            if url in self.seen_documents or url in self.requested:
                continue
            self.requested.add(url)
            yield response.follow(url, callback=self.parse_detail, meta={"listing": entry})
        page = response.meta.get("harvester_page", 1)
        next_url = self.next_page_url(response, page)
        if next_url and page < self.max_pages:
            yield scrapy.Request(next_url, callback=self.parse_listing, dont_filter=True,
                                 meta={"harvester_kind": "listing", "harvester_page": page + 1})

    # --- detail --------------------------------------------------------------------------
    def parse_detail(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        listing = response.meta.get("listing") or {}
        fields = self.detail_fields(response)
        number = fields.get("number") or listing.get("number")
        if not number:
            self.logger.warning("%s: no document number on the page", response.url)
            return
        attachments = fields.get("attachments") or listing.get("attachments") or []
        yield {
            "kind": "document", "url": response.url, "portal_id": self.portal_id, "number": number,
            "family": getattr(self.portal, "family", None), "province": getattr(self.portal, "province", None),
            "province_2025": getattr(self.portal, "province_2025", None),
            "type": fields.get("type") or type_of(fields.get("title") or listing.get("title") or ""),
            "issuer": None, "issued": fields.get("issued") or listing.get("issued"),
            "signer": fields.get("signer"), "summary": fields.get("summary") or listing.get("summary"),
            "issuing_body": fields.get("issuing_body"), "attachments": attachments,
            "body": response.body, "headers": response_headers(response), "status": response.status,
            "fetched_at": now_iso(),
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
                "fetched_at": now_iso(), **values}

    def parse_attachment(self, response: Response) -> Iterator[dict[str, Any]]:
        values: dict[str, Any] = {"status": response.status, "headers": response_headers(response)}
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
            headers=response_headers(response) if response is not None else {})
        self.crawler.stats.inc_value(f"harvester/documents/refused/{status_of(reason)}")

    # --- readers: pure functions of a response and the family's declarations ---------------
    @classmethod
    def listing_entries(cls, response: TextResponse) -> list[dict[str, Any]]:
        """Documents listed on a page: the family's rows, else any table with the right headers."""
        return cls.row_entries(response) or table_entries(response)

    @classmethod
    def row_entries(cls, response: TextResponse) -> list[dict[str, Any]]:
        entries = []
        for row in response.css(cls.row_css) if cls.row_css else []:
            link = row.css(cls.row_number_css)
            if not link:
                continue  # the header row
            files = row.css(cls.row_files_css) if cls.row_files_css else []
            entries.append({
                "url": response.urljoin(link[0].attrib["href"]), "number": node_text(link[0]),
                "issued": iso_date(node_text(row.css(cls.row_issued_css))) if cls.row_issued_css else None,
                "title": node_text(row.css(cls.row_title_css)) if cls.row_title_css else None,
                "summary": node_text(row.css(cls.row_summary_css)) if cls.row_summary_css else None,
                "attachments": file_links(response, files[0]) if files else [],
            })
        return entries

    @classmethod
    def next_page_url(cls, response: TextResponse, page: int) -> str | None:
        """The link to page ``page + 1``: ``/page-N/``, ``?Page=N``/``&page=N``, or the pager's "next"."""
        want = page + 1
        for href in response.css("a[href]::attr(href)").getall():
            if re.search(rf"/page-{want}/?(\?|$)|[?&][Pp]age={want}(&|$)", href):
                return response.urljoin(href)
        for link in response.css(cls.pager_css):
            label = fold_words(node_text(link) + " " + (link.attrib.get("title") or ""))
            if label.strip() in _NEXT_LABELS or "next" in label:
                return response.urljoin(link.attrib["href"])
        return None

    @classmethod
    def detail_fields(cls, response: TextResponse) -> dict[str, Any]:
        """Number, dates, type, issuing body, signer, summary and attachments of a detail page."""
        fields: dict[str, Any] = {}
        for key, suffix in cls.label_ids.items():
            value = node_text(response.css(f'[id$="{suffix}"]'))
            if value:
                fields[key] = value
        cells = response.css(cls.body_signer_css) if cls.body_signer_css else []
        if len(cells) >= 3:
            fields["issuing_body"], fields["signer"] = node_text(cells[1]), node_text(cells[2])
        for key, value in label_pairs(response):
            fields.setdefault(key, value)
        if "issued" in fields:
            fields["issued"] = iso_date(fields["issued"])
        fields["title"] = node_text(response.css(cls.title_css))
        if "summary" not in fields and cls.summary_css:
            intro = response.css(cls.summary_css)
            if intro:
                fields["summary"] = node_text(intro[0])
        fields["attachments"] = cls.detail_files(response)
        if fields.get("number"):
            fields["number"] = fields["number"].strip()
        return fields

    @classmethod
    def detail_files(cls, response: TextResponse) -> list[dict[str, str]]:
        """Download links: the family's block, else rows labelled "Tệp đính kèm", else the whole page."""
        blocks = list(response.css(cls.file_block_css)) if cls.file_block_css else []
        blocks = blocks or [tr for tr in response.css("tr") if tr.css("th, td")
                            and fold_words(node_text(tr.css("th, td")[0])).startswith(_FILE_LABELS)]
        files: list[dict[str, str]] = []
        for block in blocks or [response]:
            files.extend(f for f in file_links(response, block) if f["url"] not in {x["url"] for x in files})
        return files


def table_entries(response: TextResponse) -> list[dict[str, Any]]:
    """Rows of any table whose header names a number (Số/ký hiệu) and a summary (Trích yếu) column."""
    entries = []
    for table in response.css("table"):
        header = [fold_words(node_text(c)) for c in table.css("tr:first-child th, tr:first-child td, thead th")]
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
                "url": response.urljoin(links[0].attrib["href"]), "number": node_text(cells[number_col]),
                "issued": iso_date(node_text(cells[date_col])) if date_col is not None and date_col < len(cells) else None,
                "title": links[0].attrib.get("title"), "summary": node_text(cells[summary_col]),
                "attachments": file_links(response, tr),
            })
    return entries


def label_pairs(response: TextResponse) -> Iterator[tuple[str, str]]:
    """(field, value) of label/value cells; a row may hold several pairs side by side."""
    for tr in response.css("tr"):
        cells = tr.css("th, td")
        i = 0
        while i < len(cells) - 1:
            key = label_key(node_text(cells[i]))
            if key is None:
                i += 1
                continue
            value = node_text(cells[i + 1])
            if value:
                yield key, value
            i += 2


def label_key(label: str) -> str | None:
    """The field a label cell names ("Số/ký hiệu:", "Cơ quan ban hành / Người ký"), or None."""
    folded = " ".join(fold_words(label).replace("/", " ").replace(":", " ").split())
    for key, names in _LABELS.items():
        if any(folded == n or folded.startswith(n) for n in names):
            return key
    return None


def file_links(response: TextResponse, node: Any) -> list[dict[str, str]]:
    """Links to document files inside ``node``, named by their text, title or file name."""
    out, seen = [], set()
    for link in node.css("a[href]"):
        href = link.attrib.get("href", "")
        if not FILE_LINK.search(href):
            continue
        url = response.urljoin(href)
        if url not in seen:
            seen.add(url)
            name = node_text(link).replace("Tập tin:", "").strip()
            if not name or fold_words(name) in _GENERIC_LINK_TEXT:  # "Tải về": the title or file name says more
                name = link.attrib.get("title") or unquote(url.rsplit("/", 1)[-1].split("?", 1)[0])
            out.append({"url": url, "name": name})
    return out


def type_of(title: str) -> str | None:
    folded = fold_words(title)
    for word, name in _TYPES:
        if folded.startswith(word):
            return name
    return None


def response_headers(response: Any) -> dict[str, str]:
    if response is None:
        return {}
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
