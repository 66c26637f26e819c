"""Any other "Văn bản" table (newspapers, custom portals, and the families without their own).

The base's readers do the work: a table whose header names Số/ký hiệu and Trích yếu columns,
detail sheets printing one or two label/value pairs a row, rows labelled "Tệp đính kèm"; the
pager is whatever ``.pagination`` holds ("Trang sau", "»").
"""

from __future__ import annotations

from spiders.documents.base import DocumentsSpider


class GenericDocumentsSpider(DocumentsSpider):
    family = "generic"
