"""SharePoint "Văn bản pháp quy" vendor control (one user control shared by several ministries).

Listing ``…/van-ban-phap-quy.aspx?Page=N``: a ``.CSSTableGenerator`` table (read by the base's
table reader), pager ``div.Paging``. Details ``…?ItemID=N``: values in
``ctl00_SPWebPartManager1_g_<guid>_ctl00_lbl<Field>`` spans whose GUID differs per site, so they
are found by id suffix; "Cơ quan ban hành / Người ký" in ``tr#row_donvibanhanh_chinh``; files in
``tr#row_file``. vbpl.vn's attribute sheet (label/value cells) is read by the base.
"""

from __future__ import annotations

from typing import ClassVar

from spiders.documents.base import DocumentsSpider


class SharePointDocumentsSpider(DocumentsSpider):
    family = "sharepoint"
    pager_css = "div.Paging a"
    label_ids: ClassVar[dict[str, str]] = {"number": "_lblSoKyHieu", "issued": "_lblNgayBanHanh",
                                           "summary": "_lblNoiDung", "type": "_lblLoaiVanBan"}
    body_signer_css = "tr#row_donvibanhanh_chinh > td"
    file_block_css = "tr#row_file"
