"""The imitation "Văn bản" sections of the fixture portals: listings, detail pages, file routes.

``add_documents_section(site)`` adds to a Site's route table (see server.py):

* ``/vi/laws/`` and ``/vi/laws/page-2/`` — NukeViet laws-module listing, old ``<table>`` layout;
* ``/van-ban/`` — the same module renamed, new ``div.flex-table-laws`` layout;
* ``/vi/laws/detail/<alias>/`` — detail pages (``tr.hoatim`` label/value rows, download list);
* ``/uploads/laws/<file>`` — attachments rendered on the fly (:mod:`.attachment_files`).

Two more sections, on other sites (installed by farm.py through ``DOCUMENT_SECTIONS``):

* ``add_sharepoint_documents(site)`` — the SharePoint vendor control (research notes §4.3):
  ``/Pages/van-ban-phap-quy.aspx?Page=N`` (``.CSSTableGenerator table tr td div a``, pager
  ``div.Paging.Paging_Footer_Table_Legal``), details ``/Pages/chi-tiet-van-ban.aspx?ItemID=N`` with
  ``ctl00_SPWebPartManager1_g_<guid>_ctl00_lblSoKyHieu`` … labels (GUID from site and seed),
  ``tr#row_donvibanhanh_chinh`` and ``tr#row_file``; files under ``/Lists/VanBanPhapQuy/Attachments/``;
* ``add_generic_documents(site)`` — a newspaper's "Văn bản" table (Số/ký hiệu | Ngày ban hành |
  Trích yếu | Cơ quan ban hành | Tải về) with "Trang sau" paging; detail sheets print two
  label/value pairs a row.

The decisions and what must be found in them are in :mod:`.decisions` (re-exported here for
tests); if reportlab is missing the sections still serve and PDF attachments answer 503.
"""

from __future__ import annotations

from harvester.fixture_portals import generic, sharepoint
from harvester.fixture_portals.attachment_files import HUGE_DECLARED_BYTES, render_file, reportlab_missing
from harvester.fixture_portals.decisions import (
    DECISIONS,
    GENERIC_DECISIONS,
    PLANTED_DOCUMENTS,
    PLANTED_SECTION_DOCUMENTS,
    SHAREPOINT_DECISIONS,
    AnnexProduct,
    AnnexSection,
    FixtureDecision,
    files_of,
)
from harvester.fixture_portals.server import Response

__all__ = [
    "DECISIONS",
    "GENERIC_DECISIONS",
    "PLANTED_DOCUMENTS",
    "PLANTED_SECTION_DOCUMENTS",
    "SHAREPOINT_DECISIONS",
    "AnnexProduct",
    "AnnexSection",
    "FixtureDecision",
    "add_documents_section",
    "add_generic_documents",
    "add_sharepoint_documents",
    "detail_path",
    "document_paths",
    "files_of",
    "render_file",
    "reportlab_missing",
    "sp_detail_url",
]


# --- HTML --------------------------------------------------------------------------------

def _dmy(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def detail_path(decision: FixtureDecision) -> str:
    return f"/vi/laws/detail/{decision.alias}/"


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><div id=\"wraper\"><div class=\"main\">{body}</div>"
            "<aside><div class=\"block-law marquee\"><div class=\"m-bottom item\"><h3 class=\"law-code\">"
            "<a href=\"/vi/laws/detail/qd-4321-khac/\">4321/QĐ-UBND</a></h3><p class=\"law-title\">"
            "Về việc thành lập Ban chỉ đạo khác</p></div></div></aside></body></html>")


def listing_old(decisions: list[FixtureDecision], next_page: str | None) -> str:
    rows = []
    for n, d in enumerate(decisions, 1):
        files = " ".join(f'<a href="/uploads/laws/{name}">{name}</a>' for name, _ in files_of(d))
        rows.append(f'<tr><td class="text-center">{n}</td><td><a href="{detail_path(d)}" title="{d.summary}">'
                    f'{d.number}</a></td><td class="text-center">{_dmy(d.issued)}</td>'
                    f'<td><a href="{detail_path(d)}">{d.summary}</a></td><td>{files}</td></tr>')
    pager = ""
    if next_page:
        pager = (f'<div class="text-center"><ul class="pagination"><li class="active"><a href="#">1</a></li>'
                 f'<li><a href="{next_page}">2</a></li><li><a href="{next_page}" title="Next">»</a></li></ul></div>')
    table = ('<div class="table-responsive"><table class="table table-striped table-bordered table-hover">'
             "<thead><tr><th>STT</th><th>Số kí hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th>"
             f"<th>File đính kèm</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return _page("Văn bản", table + pager)


def listing_flex(decisions: list[FixtureDecision]) -> str:
    rows = ['<div class="table-rows table-head"><div class="c-stt">STT</div><div class="c-code">Số kí hiệu</div>'
            '<div class="c-time">Ngày ban hành</div><div class="c-intro">Trích yếu</div>'
            '<div class="c-file">File</div></div>']
    for n, d in enumerate(decisions, 1):
        files = "".join(f'<li><a href="/uploads/laws/{name}"><i class="fa fa-download"></i> {name}</a></li>'
                        for name, _ in files_of(d))
        rows.append(
            f'<div class="table-rows"><div class="c-stt">{n}</div>'
            f'<div class="c-code"><span class="label-name">Số kí hiệu:</span><h3 class="h4">'
            f'<a href="{detail_path(d)}">{d.number}</a></h3></div>'
            f'<div class="c-time"><span class="label-name">Ngày ban hành:</span>{_dmy(d.issued)}</div>'
            f'<div class="c-intro"><a href="{detail_path(d)}"><strong>{d.doc_type} {d.number}</strong></a>'
            f'<div class="l-intro">{d.summary}</div></div>'
            f'<div class="c-file"><ul class="laws-download">{files}</ul></div></div>')
    return _page("Văn bản", f'<div class="flex-table-laws">{"".join(rows)}</div>')


def detail_html(d: FixtureDecision) -> str:
    def row(label: str, value: str) -> str:
        return f'<tr class="hoatim"><td class="text-right">{label}</td><td>{value}</td></tr>'

    files = "".join(f'<div class="list-group-item"><a href="/uploads/laws/{name}" title="{name}">'
                    f'Tập tin: <strong>{name}</strong></a></div>' for name, _ in files_of(d))
    body = (f'<h1 class="lawh3">{d.doc_type} {d.number}</h1><p>{d.summary}</p>'
            '<table class="table table-striped table-bordered table-hover"><tbody>'
            + row("Số kí hiệu", d.number) + row("Ngày ban hành", _dmy(d.issued))
            + row("Trạng thái", "Còn hiệu lực") + row("Ngày bắt đầu hiệu lực", _dmy(d.issued))
            + row("Ngày hết hiệu lực", "") + row("Thể loại", d.doc_type)
            + row("Lĩnh vực", '<a href="/vi/laws/area/nong-nghiep/">Nông nghiệp</a>')
            + row("Cơ quan ban hành", d.issuing_body) + row("Người ký", d.signer)
            + '</tbody></table><h2 class="lawh3">Nội dung</h2><p class="m-bottom">'
            + (d.statement or d.summary) + '</p><h2 class="lawh3">File đính kèm</h2>'
            f'<div class="list-group laws-download-file">{files}</div>')
    return _page(f"{d.doc_type} {d.number}", body)


# --- routes ------------------------------------------------------------------------------

OLD_LISTING_PATHS = ("/vi/laws/", "/vi/laws/page-2/")
FLEX_LISTING_PATH = "/van-ban/"


def document_paths() -> list[str]:
    """Listing paths to put in a registry row's ``document_urls``."""
    return [OLD_LISTING_PATHS[0], FLEX_LISTING_PATH]


def add_documents_section(site) -> None:
    """Add the documents listings, detail pages and attachments to a fixture Site's route table."""
    old = [d for d in DECISIONS if d.listing == "old"]
    flex = [d for d in DECISIONS if d.listing == "flex"]
    pages = {OLD_LISTING_PATHS[0]: listing_old(old[:2], OLD_LISTING_PATHS[1]),
             OLD_LISTING_PATHS[1]: listing_old(old[2:], None),
             FLEX_LISTING_PATH: listing_flex(flex)}
    for d in DECISIONS:
        pages[detail_path(d)] = detail_html(d)
    for path, markup in pages.items():
        site.add_route(path, _html_handler(markup))
    for d in DECISIONS:
        for name, file_format in files_of(d):
            site.add_route(f"/uploads/laws/{name}", _file_handler(d, file_format))
    paths = getattr(site, "document_paths", None)
    if isinstance(paths, list):
        paths.extend(p for p in document_paths() if p not in paths)


def _html_handler(markup: str):
    def handle(path, query, headers):
        return Response(200, {"Content-Type": "text/html; charset=utf-8"}, markup.encode("utf-8"))
    return handle


class _Announced(bytes):
    """Bytes whose len() claims half the announced size (see the "huge" route)."""

    def __len__(self) -> int:
        return (HUGE_DECLARED_BYTES - 1000) // 2


def _file_handler(decision: FixtureDecision, file_format: str):
    def handle(path, query, headers):
        try:
            content_type, body = render_file(decision, file_format)
        except RuntimeError as exc:
            return Response(503, {"Content-Type": "text/plain; charset=utf-8"}, str(exc).encode(), cacheable=False)
        if file_format == "huge":
            # Announce 200 MB, send a little, close: the client must refuse on the header alone.
            # server.py announces len(body) * 2 + 1000 for truncated responses; _Announced makes
            # that come out at HUGE_DECLARED_BYTES while only a few KB are written.
            return Response(200, {"Content-Type": content_type}, _Announced(body), truncate=True,
                            cacheable=False)
        return Response(200, {"Content-Type": content_type}, body)
    return handle


# --- SharePoint vendor "Văn bản" control (§4.3 of the research notes) ----------------------

SP_LIST_PATH = "/Pages/van-ban-phap-quy.aspx"
SP_DETAIL_PATH = "/Pages/chi-tiet-van-ban.aspx"
SP_FILES = "/Lists/VanBanPhapQuy/Attachments/"
SP_PER_PAGE = 2


def sp_detail_url(d: FixtureDecision) -> str:
    return f"{SP_DETAIL_PATH}?ItemID={d.item_id}"


def sp_file_url(d: FixtureDecision, name: str) -> str:
    return f"{SP_FILES}{d.item_id}/{name}"


def _sp_list_zone(decisions: list[FixtureDecision], page: int, pages: int) -> str:
    rows = "".join(
        f'<tr><td><div><a href="{sp_detail_url(d)}">{d.number}</a></div></td><td><div>{_dmy(d.issued)}</div></td>'
        f'<td><div><a href="{sp_detail_url(d)}">{d.summary}</a></div></td></tr>' for d in decisions)
    links = "".join(f"<span>{n}</span>" if n == page else f'<a href="van-ban-phap-quy.aspx?Page={n}">{n}</a>'
                    for n in range(1, pages + 1))
    return ('<div class="CSSTableGenerator"><table><tr><td>Số ký hiệu</td><td>Ngày ban hành</td><td>Trích yếu</td></tr>'
            f'{rows}</table></div><div class="Paging Paging_Footer_Table_Legal">{links}</div>')


def _sp_detail_zone(d: FixtureDecision, ctl: str) -> str:
    def label(suffix: str, value: str) -> str:
        return f'<span id="{ctl}_ctl00_{suffix}">{value}</span>'

    files = "".join(f'<span><strong><a href="{sp_file_url(d, name)}">{name}</a></strong></span><br>'
                    for name, _ in files_of(d))
    return (
        '<table class="tblChiTietVanBan" cellspacing="0" cellpadding="4">'
        f'<tr><td class="title">Số ký hiệu</td><td>{label("lblSoKyHieu", d.number)}</td></tr>'
        f'<tr><td class="title">Ngày ban hành</td><td>{label("lblNgayBanHanh", _dmy(d.issued))}</td></tr>'
        f'<tr><td class="title">Ngày hiệu lực</td><td>{label("lblNgayHieuLuc", _dmy(d.issued))}</td></tr>'
        f'<tr><td class="title">Trích yếu</td><td>{label("lblNoiDung", d.summary)}</td></tr>'
        f'<tr><td class="title">Loại văn bản</td><td>{label("lblLoaiVanBan", d.doc_type)}</td></tr>'
        f'<tr><td class="title">Hiệu lực</td><td>{label("lblHieuluc", "Còn hiệu lực")}</td></tr>'
        f'<tr id="row_donvibanhanh_chinh"><td class="title">Cơ quan ban hành / Người ký</td><td>{d.issuing_body}</td>'
        f'<td>{d.signer}</td></tr>'
        f'<tr id="row_file"><td class="title">Tệp đính kèm</td><td>{files}</td></tr></table>')


def add_sharepoint_documents(site) -> None:
    """The vendor documents control on the SharePoint site: list with ``?Page=N``, ``?ItemID=`` details."""
    # the web-part GUIDs come from the site and seed, as the news web parts' do
    list_ctl = "ctl00_SPWebPartManager1_g_" + sharepoint._guid(site, "vanban-list").replace("-", "_")
    detail_ctl = "ctl00_SPWebPartManager1_g_" + sharepoint._guid(site, "vanban-detail").replace("-", "_")
    decisions = list(SHAREPOINT_DECISIONS)
    pages = -(-len(decisions) // SP_PER_PAGE)
    by_item = {str(d.item_id): d for d in decisions}

    def listing(path, query, headers):
        page = _qint(query, "Page")
        chunk = decisions[(page - 1) * SP_PER_PAGE: page * SP_PER_PAGE] if 1 <= page <= pages else []
        zone = sharepoint._chrome("PublishingPortal - VanBan_DanhSach", _sp_list_zone(chunk, page, pages), 4,
                                  list_ctl)
        return _html(sharepoint._layout(site, SP_LIST_PATH, "Văn bản pháp quy", zone))

    def detail(path, query, headers):
        d = by_item.get((query.get("ItemID") or [""])[0])
        if d is None:
            return Response(404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>404</body></html>",
                            cacheable=False)
        zone = sharepoint._chrome("PublishingPortal - VanBan_ChiTiet", _sp_detail_zone(d, detail_ctl), 4,
                                  detail_ctl)
        return _html(sharepoint._layout(site, sp_detail_url(d), f"{d.doc_type} {d.number}", zone))

    site.add_route(SP_LIST_PATH, listing)
    site.add_route(SP_DETAIL_PATH, detail)
    for d in decisions:
        for name, file_format in files_of(d):
            site.add_route(sp_file_url(d, name), _file_handler(d, file_format))
    if SP_LIST_PATH not in site.document_paths:
        site.document_paths.append(SP_LIST_PATH)


# --- generic portal table ("Số/ký hiệu | Ngày ban hành | Trích yếu | Cơ quan ban hành | Tải về") --

GENERIC_LIST_PATH = "/van-ban/"
GENERIC_PER_PAGE = 3


def generic_detail_path(d: FixtureDecision) -> str:
    return f"/van-ban/{d.alias}-vb{d.item_id}.html"


def generic_file_path(d: FixtureDecision, name: str) -> str:
    return f"/uploads/van-ban/{d.issued[:4]}/{d.issued[5:7]}/{name}"


def _generic_listing(decisions: list[FixtureDecision], page: int, pages: int) -> str:
    rows = []
    for d in decisions:
        files = " ".join(f'<a class="download" href="{generic_file_path(d, name)}" title="{name}">Tải về</a>'
                         for name, _ in files_of(d))
        rows.append(f"<tr><td>{d.number}</td><td>{_dmy(d.issued)}</td>"
                    f'<td><a href="{generic_detail_path(d)}">{d.summary}</a></td><td>{d.issuing_body}</td>'
                    f"<td>{files}</td></tr>")
    links = [f'<span class="current">{n}</span>' if n == page else
             f'<a href="{GENERIC_LIST_PATH if n == 1 else f"{GENERIC_LIST_PATH}trang-{n}.html"}">{n}</a>'
             for n in range(1, pages + 1)]
    if page < pages:
        links.append(f'<a class="next" href="{GENERIC_LIST_PATH}trang-{page + 1}.html">Trang sau</a>')
    return ('<h1 class="cat-title">Văn bản chỉ đạo, điều hành</h1><table class="table-van-ban">'
            "<thead><tr><th>Số/ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Cơ quan ban hành</th>"
            f"<th>Tải về</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<div class="pagination">{"".join(links)}</div>')


def _generic_detail(d: FixtureDecision) -> str:
    # Two label/value pairs per row, as many custom portals print their document sheet.
    files = "".join(f'<a href="{generic_file_path(d, name)}">{name}</a> ' for name, _ in files_of(d)) or "Không có"
    return (f'<article class="van-ban"><h1 class="detail-title">{d.doc_type} {d.number}</h1>'
            '<table class="thuoc-tinh">'
            f"<tr><th>Số/ký hiệu:</th><td>{d.number}</td><th>Ngày ban hành:</th><td>{_dmy(d.issued)}</td></tr>"
            f"<tr><th>Loại văn bản:</th><td>{d.doc_type}</td><th>Người ký:</th><td>{d.signer}</td></tr>"
            f"<tr><th>Cơ quan ban hành:</th><td>{d.issuing_body}</td><th>Lĩnh vực:</th><td>Nông nghiệp</td></tr>"
            f'<tr><th>Trích yếu:</th><td colspan="3">{d.summary}</td></tr>'
            f'<tr><th>Tệp đính kèm:</th><td colspan="3">{files}</td></tr></table></article>')


def add_generic_documents(site) -> None:
    """A "Văn bản" table with "Trang sau" paging on the generic (newspaper) site."""
    decisions = list(GENERIC_DECISIONS)
    pages = -(-len(decisions) // GENERIC_PER_PAGE)
    for n in range(1, pages + 1):
        chunk = decisions[(n - 1) * GENERIC_PER_PAGE: n * GENERIC_PER_PAGE]
        path = GENERIC_LIST_PATH if n == 1 else f"{GENERIC_LIST_PATH}trang-{n}.html"
        site.add_route(path, _html_handler(generic.layout(site, "Văn bản", _generic_listing(chunk, n, pages))))
    for d in decisions:
        page = generic.layout(site, f"{d.doc_type} {d.number}", _generic_detail(d))
        site.add_route(generic_detail_path(d), _html_handler(page))
        for name, file_format in files_of(d):
            site.add_route(generic_file_path(d, name), _file_handler(d, file_format))
    if GENERIC_LIST_PATH not in site.document_paths:
        site.document_paths.append(GENERIC_LIST_PATH)


def _qint(query, key: str) -> int:
    try:
        return int((query.get(key) or ["1"])[0])
    except ValueError:
        return 0


def _html(markup: str):
    return Response(200, {"Content-Type": "text/html; charset=utf-8"}, markup.encode("utf-8"))
