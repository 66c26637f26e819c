"""extract()/extract_html(): assembly, ranking of provinces, and robustness on hostile input."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.bounds import MAX_TEXT_CHARS
from extractors.pipeline import extract, extract_html, rank_provinces
from extractors.text import decode_bytes

ARTICLE = (
    "Đường dây nóng: 0911.222.333 - Thứ bảy 06/05/2023 10:00\n\n"
    "Hà Giang: thêm 21 sản phẩm OCOP\n\n"
    "15:20 | 28/04/2023\n"
    "UBND tỉnh Hà Giang ban hành Quyết định số 902/QĐ-UBND ngày 25/4/2023. Huyện Đồng Văn và "
    "huyện Mèo Vạc có nhiều sản phẩm nhất.\n"
    "Đoàn công tác tỉnh Cao Bằng đến thăm gian hàng.\n"
    "Địa chỉ: số 1 đường Nguyễn Trãi, thành phố Tuyên Quang"
)


def test_extract_assembles_every_part():
    e = extract(ARTICLE)
    assert e.published is not None
    assert e.published.value == "2023-04-28T15:20:00+07:00"
    assert e.provinces == ["Hà Giang"]
    assert [(d.number, d.issued, d.issuer) for d in e.documents] == [("902/QĐ-UBND", "2023-04-25", "UBND")]
    for d in e.documents:
        assert e.text[d.start:d.end] == d.quote


def test_date_line_wins_over_text():
    e = extract(ARTICLE, date_line="Cập nhật ngày: 29/04/2023 08:00:00")
    assert e.published.value == "2023-04-29T08:00:00+07:00"


def test_text_is_normalised_and_offsets_point_into_it():
    raw = unicodedata.normalize("NFD", "Quyết\u00a0định  số 12/QĐ-UBND\r\nngày 1/2/2022 của tỉnh Thanh Hoá")
    e = extract(raw)
    assert e.text == "Quyết định số 12/QĐ-UBND\nngày 1/2/2022 của tỉnh Thanh Hoá"
    assert e.provinces == ["Thanh Hóa"]
    d = e.documents[0]
    assert e.text[d.start:d.end] == d.quote


def test_rank_provinces_title_and_two_main_provinces():
    text = "Bắc Ninh và Bắc Giang ký kết hợp tác. Tỉnh Bắc Ninh có 40 sản phẩm, tỉnh Bắc Giang có 50 sản phẩm."
    assert rank_provinces(text) == ["Bắc Ninh", "Bắc Giang"]
    assert rank_provinces("Nội dung chung về OCOP.", title="Phú Thọ đạt 300 sản phẩm") == ["Phú Thọ"]
    assert rank_provinces("") == []


def test_extract_html_uses_the_page():
    html = (
        "<html><head><meta charset='utf-8'><title>Cổng TTĐT</title></head><body>"
        "<h1>Bình Phước có thêm 12 sản phẩm OCOP</h1><p>Thứ năm - 04/05/2023 07:30</p>"
        "<p>Tỉnh Bình Phước vừa ban hành Kế hoạch số 140/KH-UBND.</p></body></html>"
    )
    e = extract_html(html.encode("utf-8"))
    assert e.provinces == ["Bình Phước"]
    assert [d.number for d in e.documents] == ["140/KH-UBND"]
    assert e.published is not None
    assert e.published.date == "2023-05-04"


def test_extract_html_on_empty_or_junk():
    assert extract_html(b"").text == ""
    assert extract_html(None).text == ""
    assert isinstance(extract_html(b"\x00\xff<<<>>>").text, str)


def test_ten_megabytes_of_text_are_read_from_their_beginning_only():
    filler = "các hợp tác xã tiếp tục phát triển sản xuất theo chuỗi giá trị bền vững.\n"
    big = ARTICLE + "\n" + filler * (10_000_000 // len(filler)) + "Tỉnh Hà Giang có Kế hoạch số 7/KH-UBND."
    e = extract(big)
    assert e.provinces == ["Hà Giang"]
    assert [d.number for d in e.documents] == ["902/QĐ-UBND"]  # the one at the end is past the cap
    assert e.text.startswith(ARTICLE)
    assert MAX_TEXT_CHARS - len(filler) < len(e.text) <= MAX_TEXT_CHARS
    assert e.truncated == f"text cut at {len(e.text):,} of {len(big):,} characters"
    assert extract(ARTICLE).truncated is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=400),
    st.binary(max_size=400).map(lambda b: decode_bytes(b)[0]),
    st.text(alphabet="ăâđêôơưáàảãạ0123456789/-. QĐUBNDTthángnăm\n", max_size=300),
    st.text(max_size=200).map(lambda s: unicodedata.normalize("NFD", s)),
))
def test_extract_never_raises(text):
    e = extract(text)
    for d in e.documents:
        assert e.text[d.start:d.end] == d.quote
    for p in [e.published] if e.published and e.published.start is not None else []:
        assert e.text[p.start:p.end] == p.quote


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_cp1258_decoded_bytes_never_break_extract(raw):
    text = raw.decode("cp1258", errors="replace")
    extract(text, title=text[:20], date_line=text[:30])


def test_extractors_import_nothing_from_harvester():
    """The extraction layer stands alone: importing every extractors module loads no harvester
    module (and no Scrapy, no SQLite store)."""
    modules = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "extractors").glob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('extractors.' + name if name != '__init__' else 'extractors')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'harvester', 'scrapy', 'sqlite_utils'})\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
