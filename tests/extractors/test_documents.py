"""Document numbers: the symbol grammar, type words, signing dates, traps."""

from __future__ import annotations

import pytest

from extractors.documents import find_documents, issuer_name, issuer_of, normalize_number, number_key


def docs(text):
    return [(d.number, d.type, d.issued) for d in find_documents(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theo Quyết định số 1732/QĐ-TTg ngày 15/10/2019 của Thủ tướng",
         [("1732/QĐ-TTg", "Quyết định", "2019-10-15")]),
        ("Kế hoạch số: 77/KH-UBND ngày 4 tháng 3 năm 2022 của UBND tỉnh",
         [("77/KH-UBND", "Kế hoạch", "2022-03-04")]),
        ("thực hiện Chỉ thị số 09-CT/TU ngày 5-7-2020 của Ban Thường vụ",
         [("09-CT/TU", "Chỉ thị", "2020-07-05")]),
        ("Nghị định 61/2024/NĐ-CP quy định", [("61/2024/NĐ-CP", "Nghị định", None)]),
        ("Nghị quyết số\n12/2022/NQ-HĐND ngày 08/7/2022", [("12/2022/NQ-HĐND", "Nghị quyết", "2022-07-08")]),
        ("Văn bản số 3921/UBND-KT2 về việc", [("3921/UBND-KT2", "Văn bản", None)]),
        ("Công văn số 712 /SNN-VPĐP gửi các huyện", [("712/SNN-VPĐP", "Công văn", None)]),
        ("Quyết định 615/QĐ- UBND-NN phê duyệt", [("615/QĐ-UBND-NN", "Quyết định", None)]),
        ("theo 33-KL/TW của Bộ Chính trị", [("33-KL/TW", None, None)]),
        ("Luật số 31/2024/QH15", [("31/2024/QH15", "Luật", None)]),
        ("Công văn số 412/SNN&PTNT-PTNT hướng dẫn", [("412/SNN&PTNT-PTNT", "Công văn", None)]),
        ("Thông tư liên tịch số 37/2015/TTLT-BTC-BNNPTNT ngày 17/3/2015",
         [("37/2015/TTLT-BTC-BNNPTNT", "Thông tư liên tịch", "2015-03-17")]),
        ("Tờ trình số 518/TTr-SNN ngày 02/8/2023", [("518/TTr-SNN", "Tờ trình", "2023-08-02")]),
        ("thực hiện Chỉ thị 07-CT/TU ngày 4/5/2021 của Ban Thường vụ", [("07-CT/TU", "Chỉ thị", "2021-05-04")]),
        ("Đề án số 05-ĐA/TU ngày 11/02/2022", [("05-ĐA/TU", "Đề án", "2022-02-11")]),
        # a number without a symbol, when a type word and "số" announce it
        ("được dùng tem theo quy định tại Quyết định số 148 của Thủ tướng Chính phủ và các quy định khác",
         [("148", "Quyết định", None)]),
        ("căn cứ Nghị định số 98 ngày 5/10/2018 của Chính phủ", [("98", "Nghị định", "2018-10-05")]),
        ("thực hiện Kế hoạch số 45/KH-UBND; theo Kế hoạch số 45, các huyện báo cáo",
         [("45/KH-UBND", "Kế hoạch", None)]),
        # a type's name that ends in another type's word: the whole name types it
        ("theo Thông báo kết luận số 312-TB/TU của Ban Thường vụ Tỉnh ủy", [("312-TB/TU", "Thông báo", None)]),
        ("theo Kết luận số 45-KL/TU của Ban Thường vụ Tỉnh ủy", [("45-KL/TU", "Kết luận", None)]),
    ],
)
def test_grammar(text, expected):
    assert docs(text) == expected


def test_date_opening_the_sentence():
    text = "Ngày 14 tháng 9 năm 2021, UBND tỉnh Sơn La ban hành Kế hoạch số 188/KH-UBND về phát triển OCOP."
    assert docs(text) == [("188/KH-UBND", "Kế hoạch", "2021-09-14")]


@pytest.mark.parametrize(
    ("text", "issued"),
    [
        ("Ngày 20/11/2023, Chủ tịch UBND tỉnh Bình Định ký Quyết định số 4156/QĐ-UBND công nhận 30 sản phẩm.",
         "2023-11-20"),
        ("Ngày 12/4/2022, UBND tỉnh phê duyệt Đề án số 03/ĐA-UBND về phát triển sản phẩm OCOP.", "2022-04-12"),
        ("Ngày 27/12/2023 UBND tỉnh Hưng Yên ban hành Quyết định số 2981/QĐ-UBND công nhận 40 sản phẩm.",
         "2023-12-27"),
        # a registration or a meeting on that day does not date the document
        ("Ngày 5/3/2023, các hộ đăng ký tham gia theo Kế hoạch số 12/KH-UBND.", None),
        ("Ngày 5/3/2023, Sở Nông nghiệp tổ chức hội nghị triển khai Quyết định số 77/QĐ-UBND.", None),
        ("Ngày 5/3/2023 Sở Nông nghiệp tổ chức hội nghị triển khai Quyết định số 77/QĐ-UBND.", None),
    ],
)
def test_opening_date_needs_an_issuing_verb(text, issued):
    (doc,) = find_documents(text)
    assert doc.issued == issued


def test_letterhead_number_takes_the_place_date_and_symbol_type():
    text = "Số: 412/KH-UBND\n|\nLai Châu, ngày 19\ntháng 2 năm 2023\n|\nKẾ HOẠCH"
    assert docs(text) == [("412/KH-UBND", "Kế hoạch", "2023-02-19")]


def test_cited_twice_listed_once_with_first_type_and_the_dated_mention():
    text = ("Theo Quyết định 88/QĐ-UBND, các huyện triển khai. Quyết định số 88/QĐ-UBND "
            "ngày 20/01/2023 giao chỉ tiêu.")
    found = find_documents(text)
    assert len(found) == 1
    doc = found[0]
    assert (doc.number, doc.type, doc.issued, doc.issuer) == ("88/QĐ-UBND", "Quyết định", "2023-01-20", "UBND")
    assert text[doc.start:doc.end] == doc.quote
    assert doc.quote.startswith("Quyết định số 88/QĐ-UBND")


@pytest.mark.parametrize(
    "text",
    [
        "138/138 xã đạt chuẩn; 9/10 huyện",
        "ngày 21/8/2019 và 3-4 sao",
        "thu nhập 45 triệu đồng/người/năm; 16,8 tiêu chí/xã",
        "Điện thoại: 0912.345.678; Fax (0215) 3826 111",
        "xem https://ubnd.example.gov.vn/van-ban/12/QD-UBND-2021 và www.x.vn/5/KH-UBND",
        "số nhà K12/H34/56 đường Lê Lợi",
        "đạt 43/34 sản phẩm, 126,5% kế hoạch",
        "đạt QCVN 02-27:2017/BNNPTNT và TCVN 5603:2008 về vệ sinh",
        "trụ sở số 18 đường 3/2, phường 4; Top 10 sản phẩm",
        # a bare number needs "số" after the type word, and is not a count
        "Quyết định 148 của Thủ tướng; Kế hoạch số 2 sản phẩm đạt 4 sao; quyết định số lượng 30 sản phẩm",
        "Chương trình số hóa 12 xã; Báo cáo số liệu 2024",
        "",
    ],
)
def test_not_documents(text):
    assert docs(text) == []


def test_normalize_and_key():
    assert normalize_number("1048/QĐ- TTg") == "1048/QĐ-TTg"
    assert normalize_number("5424 /BNN-VPĐP") == "5424/BNN-VPĐP"
    assert normalize_number("21 – CT/TU") == "21-CT/TU"
    assert number_key("1048/QĐ- TTg") == number_key("1048/QĐ-TTG") == "1048/QĐ-TTG"


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("1048/QĐ-TTg", "TTg"), ("5445/QĐ-UBND", "UBND"), ("21-CT/TU", "TU"), ("25-NQ/TW", "TW"),
        ("98/2023/NĐ-CP", "CP"), ("4802/UBND-NL5", "UBND"), ("5424/BNN-VPĐP", "BNN"),
        ("07/2021/NQ-HĐND", "HĐND"), ("149/QĐ-BCĐ", "BCĐ"), ("202/2025/QH15", "QH"), ("nonsense", None),
    ],
)
def test_issuer_of(number, issuer):
    assert issuer_of(number) == issuer


def test_issuer_name_from_csv():
    assert issuer_name("1048/QĐ-TTg") == "Thủ tướng Chính phủ"
    assert issuer_name("UBND") == "Ủy ban nhân dân"


_NUMBER_PIECES = ["1", "12", "123", "2024", "12345", "123456", "7a", "/", " / ", "-", " -", "- ", "–", "\u2212",
                  "\n", "\t", " ", ":", ",", ".", "số", "Số", "SỐ", "QĐ", "UBND", "KH", "TTg", "CT/TU", "ngày",
                  "x", "Đ", "(", ")", "QCVN ", "2020", "/2020/", "1234/QĐ-UBND", "17-CT/TU", "14/2020/QĐ-UBND",
                  "45 / KH - UBND", "88/\nKH-UBND", "2311\n/QĐ-UBND", "12a/TB-SNN", "919/QĐ–TTg", "06-NQ/TU"]


@pytest.mark.parametrize("seed", range(3))
def test_document_numbers_are_tried_only_where_they_can_start(seed):
    """``_numbers`` tries the number pattern only at digits whose run (of at most five) is followed by a slash or
    a dash, after at most a letter and a space: it finds exactly what ``finditer`` finds, on generated strings
    built from digits, separators, type letters and "số", and on the fixture passages."""
    import random
    from pathlib import Path

    from extractors.documents import _NUMBER_RE, _numbers

    rnd = random.Random(seed)
    texts = ["".join(rnd.choice(_NUMBER_PIECES) for _ in range(rnd.randint(1, 16))) for _ in range(6000)]
    root = Path(__file__).resolve().parent.parent / "fixtures"
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.glob("*/*.txt"))]
    spans = 0
    for text in texts:
        fast = [(m.span(), m.groupdict()) for m in _numbers(text)]
        assert fast == [(m.span(), m.groupdict()) for m in _NUMBER_RE.finditer(text)], text
        spans += len(fast)
    assert spans > 3000  # the strings hold numbers of both shapes, not only digits that start none
