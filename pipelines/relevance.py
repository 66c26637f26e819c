"""Is a fetched page about the OCOP programme? The body decides, not the listed title.

About a third of real OCOP news never says "OCOP" in its title ("Ninh Bình: 980 sản phẩm đạt
chuẩn …", "Vinh danh 49 chủ thể …"), and some never say it at all: they count products by
star level or cite the decision that recognised them. A page is relevant when its title or text

* names the programme ("OCOP", "Mỗi xã một sản phẩm", "Mỗi xã, phường một sản phẩm"), or
* counts products with the ranking the programme gives them ("12 sản phẩm đạt 4 sao",
  "sản phẩm OCOP 3 sao", "phân hạng 40 sản phẩm"), or
* counts products and cites a document number ("công nhận 18 sản phẩm" + "1520/QĐ-UBND").

``extractors.text.is_ocop_relevant`` (same signature) is being written as the project's one
relevance rule; when it lands, this module becomes ``from extractors.text import
is_ocop_relevant`` and nothing else changes.
"""

from __future__ import annotations

import re

from extractors.text import fold_words

_PROGRAMME = re.compile(r"\bocop\b|\bmoi xa\b[\w ,]{0,30}?\bmot san pham\b")
_PRODUCT_COUNT = re.compile(r"\b\d[\d.]*\s+san pham\b")
_RANKED = re.compile(
    r"\bsan pham\b[^.;\n]{0,60}?\b(?:[1-5]\s*sao|dat chuan)\b"
    r"|\b(?:phan hang|danh gia)\b[^.;\n]{0,40}?\b\d[\d.]*\s+san pham\b"
)
# 1048/QĐ-TTg, 14/2020/QĐ-UBND, 21-CT/TU (on the raw text: the issuer symbols keep their case)
_DOCUMENT = re.compile(r"\b\d{1,5}(?:/(?:19|20)\d\d)?/[A-ZĐ][A-ZĐa-z&]{0,11}-[A-ZĐ]|\b\d{1,5}-[A-Z]{2,4}/[A-Z]")


def is_ocop_relevant(title: str | None, text: str | None) -> bool:
    """True when the title or text is about OCOP products (see the module docstring).

    >>> is_ocop_relevant("Ninh Bình: 980 sản phẩm đạt chuẩn", "")
    True
    >>> is_ocop_relevant("Khánh thành khách sạn 4 sao", "Khách sạn có 120 phòng.")
    False
    """
    raw = f"{title or ''}\n{text or ''}"
    folded = fold_words(raw)
    if _PROGRAMME.search(folded) or _RANKED.search(folded):
        return True
    return bool(_PRODUCT_COUNT.search(folded) and _DOCUMENT.search(raw))
