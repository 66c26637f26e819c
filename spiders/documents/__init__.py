"""Documents spiders: "Văn bản" sections and their attachments, one declaration per CMS family.

``DocumentsSpider`` (the base, :mod:`spiders.documents.base`) is what the crawl runner schedules
for a registry row with ``document_urls``; it hands the crawl to the row's family class
(``DocumentsSpider.for_family``: nukeviet, sharepoint, else generic).
"""

from spiders.documents.base import DocumentsSpider, is_ocop
from spiders.documents.generic import GenericDocumentsSpider
from spiders.documents.nukeviet import NukeVietDocumentsSpider
from spiders.documents.sharepoint import SharePointDocumentsSpider

__all__ = [
    "DocumentsSpider",
    "GenericDocumentsSpider",
    "NukeVietDocumentsSpider",
    "SharePointDocumentsSpider",
    "is_ocop",
]
