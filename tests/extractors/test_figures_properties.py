"""Properties of find_figures over generated sentences and hostile input (hypothesis)."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.figures import find_figures
from extractors.numbers import parse_number

PLACES = ["tỉnh Sơn La", "huyện Bảo Yên", "thành phố Vinh", "toàn tỉnh", "thị xã Sa Pa", "Hòa Bình"]
CUES = ["có", "đã có", "công nhận", "phấn đấu có", "dự kiến có", "đề nghị công nhận", "kế hoạch có", "đạt"]
STARS = ["", " đạt 3 sao", " OCOP 4 sao", " đạt từ 3 sao trở lên", " từ 3 đến 4 sao", " hạng 5 sao", " 3 - 4 sao"]
TAILS = ["", " OCOP", " được công nhận", " đạt chuẩn OCOP"]
JOINERS = [". ", ", trong đó ", "; ", " và "]


def written(n: int, style: int) -> str:
    if style == 0 or n < 10:
        return str(n)
    if style == 1:
        return f"{n:02d}"
    return f"{n:,}".replace(",", ".")


@st.composite
def clause(draw):
    n = draw(st.integers(min_value=1, max_value=20000))
    count = written(n, draw(st.integers(0, 2)))
    year = draw(st.integers(2018, 2026))
    text = (f"Năm {year}, {draw(st.sampled_from(PLACES))} {draw(st.sampled_from(CUES))} {count} sản phẩm"
            f"{draw(st.sampled_from(TAILS))}{draw(st.sampled_from(STARS))}")
    return text


@st.composite
def passage(draw):
    parts = draw(st.lists(clause(), min_size=1, max_size=5))
    out = parts[0]
    for p in parts[1:]:
        out += draw(st.sampled_from(JOINERS)) + p
    return out + "."


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(passage())
def test_every_figure_quotes_its_own_span_and_count(text):
    figures = find_figures(text)
    assert figures  # every generated clause states a count of products
    for f in figures:
        assert text[f.start:f.end] == f.quote
        assert f.status in {"achieved", "target", "proposed"}
        assert f.stars in {None, "1", "2", "3", "4", "5", "3+", "4+", "2+", "3-4", "2-4", "2-3"}
        numbers = [parse_number(tok) for tok in f.quote.replace("/", " ").split()]
        assert f.count in numbers


@FAST
@given(passage())
def test_nfd_input_gives_the_same_figures(text):
    nfd = unicodedata.normalize("NFD", text)
    a = [(f.count, f.stars, f.status, f.year) for f in find_figures(text)]
    b = find_figures(nfd)
    assert [(f.count, f.stars, f.status, f.year) for f in b] == a
    for f in b:
        assert nfd[f.start:f.end] == f.quote


@FAST
@given(st.text(max_size=400))
def test_any_unicode_text_never_raises(text):
    for f in find_figures(text):
        assert text[f.start:f.end] == f.quote


@FAST
@given(st.binary(max_size=300))
def test_binaryish_text_never_raises(blob):
    text = blob.decode("latin-1")
    assert isinstance(find_figures(text), list)
    assert isinstance(find_figures(blob.decode("utf-8", "replace") + " 12 sản phẩm 4 sao"), list)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["12", "sản phẩm", "sao", "3", "(", ")", ",", ";", ".", "\n", "đạt", "từ", "đến",
                                  "trở lên", "mỗi địa phương có", "Hà Nam", "và", "kế hoạch", "%", "/", "-"]),
                max_size=80))
def test_grammar_soup_never_raises_and_quotes_hold(words):
    text = " ".join(words)
    for f in find_figures(text):
        assert text[f.start:f.end] == f.quote
        assert f.count >= 0
