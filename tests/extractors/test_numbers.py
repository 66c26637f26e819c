"""Vietnamese numbers in digits and words."""

import pytest

from extractors.numbers import NUMBER_RE, find_numbers, parse_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("07", 7),
        ("0", 0),
        ("125", 125),
        ("1.316", 1316),
        ("12.450", 12450),
        ("1,316", 1316),
        ("mười", 10),
        ("mười hai", 12),
        ("mười lăm", 15),
        ("mười bốn", 14),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi lăm", 25),
        ("bốn mươi tư", 44),
        ("chín mươi chín", 99),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("hai trăm lẻ một", 201),
        ("hai trăm ba mươi", 230),
        ("ba nghìn", 3000),
        ("hai ngàn", 2000),
        ("một nghìn hai trăm", 1200),
        ("Hai", 2),
        ("BỐN", 4),
        ("năm", 5),
    ],
)
def test_parse_number_reads_digits_and_words(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize(
    "not_a_count",
    ["1,5", "126,5", "2.5", "", "   ", "abc", "12a", "mốt", "mươi", "hai ba", "linh năm", "sản phẩm", "3/4"],
)
def test_parse_number_rejects_decimals_and_non_numbers(not_a_count):
    assert parse_number(not_a_count) is None


def test_parse_number_tolerates_non_strings_and_nfd():
    assert parse_number(None) is None  # type: ignore[arg-type]
    assert parse_number(12) is None  # type: ignore[arg-type]
    import unicodedata

    assert parse_number(unicodedata.normalize("NFD", "hai mươi lăm")) == 25


def test_find_numbers_gives_spans_and_skips_dates_and_document_numbers():
    text = "Có 1.316 hội, tăng 12,5% so với năm 2019; hai mươi mốt sản phẩm; Quyết định 1048/QĐ-TTg ngày 12/5/2019."
    found = find_numbers(text)
    assert [(n.text, n.value) for n in found] == [("1.316", 1316), ("2019", 2019), ("hai mươi mốt", 21)]
    for n in found:
        assert text[n.start:n.end] == n.text


def test_number_pattern_is_reusable_in_larger_patterns():
    assert NUMBER_RE.fullmatch("bốn mươi tư")
    assert NUMBER_RE.fullmatch("2.345")
