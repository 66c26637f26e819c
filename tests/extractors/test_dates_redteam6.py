"""Seventh round of self-written issue 8 date and document passages (tests/extractors/dates_redteam6):
one row per rule fixed after it (its passages are read one by one in test_dates_rounds.py).

Self-written examples: they show that a form is read, not how often real text uses it. Their first
contact (docs/rounds-dates.md, "Seventh round of self-written date and document passages") is the only
number from them that estimates anything, and it estimates little.

``python tests/extractors/test_dates_rounds.py dates_redteam6`` prints the scorer's published, documents and
issued figures per family.
"""

from __future__ import annotations

import pytest

from extractors.documents import find_documents


@pytest.mark.parametrize(("rule", "text", "expected"), [
    ("'cùng ngày' after a list of three: every number of the list takes the date",
     "Quyết định số 501/QĐ-UBND, Quyết định số 502/QĐ-UBND và Quyết định số 503/QĐ-UBND cùng ngày 22/5/2024.",
     {"501/QĐ-UBND": "2024-05-22", "502/QĐ-UBND": "2024-05-22", "503/QĐ-UBND": "2024-05-22"}),
    ("... not without 'cùng': a date after a list belongs to the last",
     "Quyết định số 501/QĐ-UBND, Quyết định số 502/QĐ-UBND và Quyết định số 503/QĐ-UBND ngày 22/5/2024.",
     {"501/QĐ-UBND": None, "502/QĐ-UBND": None, "503/QĐ-UBND": "2024-05-22"}),
    ("', số …' repeating only 'số' in a list dated 'cùng ngày'",
     "các Quyết định số 118/QĐ-UBND, số 119/QĐ-UBND cùng ngày 15/02/2024 đã công nhận lại.",
     {"118/QĐ-UBND": "2024-02-15", "119/QĐ-UBND": "2024-02-15"}),
    ("... not without 'cùng'",
     "các Quyết định số 118/QĐ-UBND, số 119/QĐ-UBND ngày 15/02/2024 đã công nhận lại.",
     {"118/QĐ-UBND": None, "119/QĐ-UBND": "2024-02-15"}),
    ("the date opening a bracket after the issuer: 'của UBND tỉnh (ngày …)'",
     "Theo Quyết định số 1290/QĐ-UBND của UBND tỉnh (ngày 09/7/2024), 18 sản phẩm được công nhận.",
     {"1290/QĐ-UBND": "2024-07-09"}),
    ("... and '(ban hành ngày …)' after the issuer",
     "Công văn số 377/SNN-PTNT của Sở Nông nghiệp (ban hành ngày 12/6/2024) đề nghị các huyện gửi hồ sơ.",
     {"377/SNN-PTNT": "2024-06-12"}),
    ("... not another bracket that holds an event's date",
     "Quyết định số 1290/QĐ-UBND của UBND tỉnh (Hội nghị ngày 09/7/2024) được phổ biến.",
     {"1290/QĐ-UBND": None}),
    ("'và' inside an issuer's name: 'của Sở Nông nghiệp và Phát triển nông thôn … ngày …' (twelve words)",
     "Văn bản số 2045/SNN-KHTC của Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Giang ngày 10/9/2024 hướng dẫn.",
     {"2045/SNN-KHTC": "2024-09-10"}),
    ("... not 'và' before a document type: the date is the second document's",
     "Quyết định số 12/QĐ-UBND của UBND tỉnh và Kế hoạch của UBND huyện ngày 05/3/2024 được triển khai.",
     {"12/QĐ-UBND": None}),
    ("... nor 'và' before a lower-case word (a second subject, not a name)",
     "Quyết định số 12/QĐ-UBND của UBND tỉnh và các huyện ngày 05/3/2024 tổ chức hội nghị.",
     {"12/QĐ-UBND": None}),
])
def test_citation_rows(rule, text, expected):
    assert {d.number: d.issued for d in find_documents(text)} == expected, rule
