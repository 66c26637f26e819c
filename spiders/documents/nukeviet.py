"""NukeViet laws module ("văn bản", often renamed ``/van-ban/``).

Listings ``/vi/laws/``, ``/vi/laws/page-N/``: the old layout is a ``<table>`` (STT | Số kí hiệu |
Ngày ban hành | Trích yếu | File, read by the base's table reader), the newer one
``div.flex-table-laws > div.table-rows`` with ``c-code``/``c-time``/``c-intro``/``c-file`` cells.
Details ``/vi/laws/detail/<alias>/``: ``tr.hoatim`` label/value rows, the summary under
``h1.lawh3``, downloads in ``div.laws-download-file`` or ``ul.laws-download``.
"""

from __future__ import annotations

from spiders.documents.base import DocumentsSpider


class NukeVietDocumentsSpider(DocumentsSpider):
    family = "nukeviet"
    row_css = "div.flex-table-laws > div.table-rows"
    row_number_css = "div.c-code a[href]"
    row_issued_css = "div.c-time"
    row_title_css = "div.c-intro a"
    row_summary_css = "div.c-intro div.l-intro"
    row_files_css = "div.c-file"
    pager_css = "ul.pagination a"
    title_css = "h1.lawh3, h1"
    summary_css = "h1.lawh3 + p"
    file_block_css = "div.laws-download-file, ul.laws-download"
