"""Vietnamese OCOP extractors: figures, documents, dates and provinces from text or HTML.

Pure functions of their input: nothing here fetches, stores or imports Scrapy. They never
raise on odd text (empty, binary, decomposed Unicode); they return empty results instead.

>>> from extractors import extract
>>> e = extract("Đến hết năm 2021, tỉnh Bắc Kạn có 07 sản phẩm OCOP đạt 4 sao.")
>>> [(f.count, f.stars, f.status, f.year) for f in e.figures]
[(7, '4', 'achieved', 2021)]
"""

import logging

from extractors.pipeline import extract, extract_html
from extractors.records import (
    DocumentRef,
    Extraction,
    Figure,
    MainText,
    PlaceMention,
    PublishedDate,
)

EXTRACTOR_VERSION = "1"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "EXTRACTOR_VERSION",
    "DocumentRef",
    "Extraction",
    "Figure",
    "MainText",
    "PlaceMention",
    "PublishedDate",
    "extract",
    "extract_html",
]
