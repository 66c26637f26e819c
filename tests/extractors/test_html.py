"""main_text / detect_family on pages served by the imitation portals (one per CMS family), and the
bounds on huge generated pages."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from extractors import bounds
from extractors.html import _css, detect_family, main_text
from extractors.pipeline import extract_html
from harvester.fixture_portals import ARTICLES, PLANTED, start_farm
from harvester.fixture_portals.content import SIDEBAR_DOCUMENTS


@pytest.fixture(scope="module")
def farm():
    with start_farm(["nukeviet", "wordpress", "liferay", "sharepoint", "generic", "faults"], seed=0) as f:
        yield f


def page(farm, site_id: str, key: str) -> tuple[bytes, str, object]:
    post = next(p for p in farm.sites[site_id].posts if p.article.key == key)
    url = farm.url(site_id).rstrip("/") + post.path
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", post.path)
        resp = conn.getresponse()
        assert resp.status == 200
        return resp.read(), url, post
    finally:
        conn.close()


# (site, article key, date line exactly as the family's template prints it)
CASES = [
    ("nukeviet", "qt-ke-hoach-2021-2025", "Thứ hai - 14/06/2021 11:15"),
    ("nukeviet", "py-tong-ket-2022-120", "Thứ sáu - 06/01/2023 15:05"),
    ("wordpress", "yb-tong-ket-2023", "28 Tháng Mười Hai, 2023"),
    ("wordpress", "py-tong-ket-2022-118", "9 Tháng Một, 2023"),
    ("liferay", "dn-22-san-pham", "07/11/2023 08:15"),
    ("liferay", "hb-qd-1234-ngay-19", "27/09/2022 16:40"),
    ("sharepoint", "cb-so-ket-155", "19/05/2022"),
    ("sharepoint", "lc-tong-ket-2023", "15/01/2024"),
    ("generic", "tv-vinh-danh-45", "16:10 | 04/01/2021"),
    ("generic", "sl-27-san-pham-syndicated", "10:20 | 02/11/2023"),
]


@pytest.mark.parametrize("site_id, key, date_line", CASES)
def test_title_date_line_and_body(farm, site_id, key, date_line):
    body, url, _post = page(farm, site_id, key)
    art = ARTICLES[key]
    m = main_text(body, url=url)
    assert m.family == farm.sites[site_id].family
    assert m.title == art.title
    assert m.date_line == date_line
    assert m.published is not None
    expected = art.published.isoformat() if site_id != "sharepoint" else art.published.date().isoformat()
    assert m.published.value == expected
    for paragraph in art.body_paragraphs:
        assert m.text.count(paragraph) == 1, paragraph[:40]
    assert art.title not in m.text
    assert "\n" in m.text
    assert m.text.startswith(art.lead)


@pytest.mark.parametrize("site_id, key, _", CASES)
def test_no_sidebar_related_clock_or_chrome_in_text(farm, site_id, key, _):
    body, url, post = page(farm, site_id, key)
    m = main_text(body, url=url)
    for number, excerpt in SIDEBAR_DOCUMENTS:
        assert number not in m.text and excerpt not in m.text
    for other in farm.sites[site_id].posts:
        if other is not post:
            assert other.title not in m.text, other.title
    for chrome in ("05/12/2024", "Đường dây nóng", "Xuất bản thông tin", "null ", "Chi tiết bài viết",
                   "PublishingPortal", "Tăng cỡ chữ", "Email của bạn", "Bài viết mới", "Những tin",
                   "Tin liên quan", "Đọc nhiều", "Văn bản mới", "Tin khác", "File đính kèm", "Biên tập:",
                   "Tác giả:", "Nguồn tin:", "Skip Ribbon", "Trang nhất", "Đã xem"):
        assert chrome not in m.text, chrome


def test_nukeviet_ignores_meta_and_edit_time(farm):
    body, url, _post = page(farm, "nukeviet", "qt-ke-hoach-2021-2025")
    assert b"2021-06-16T14:15:00+07:00" in body and b"2021-06-14+0711:15:00" in body
    m = main_text(body, url=url)
    assert m.published.value == "2021-06-14T11:15:00+07:00"
    assert m.author == "P.V"
    assert m.source_line == "Nguồn tin: Sở Nông nghiệp và PTNT"
    assert m.attachments == [{"url": url + "?download=1&id=0", "name": "77-KH-UBND.pdf"}]
    assert all(i.startswith(farm.url("nukeviet")) for i in m.images) and m.images


def test_liferay_editor_line_and_attachment(farm):
    body, url, _ = page(farm, "liferay", "dn-22-san-pham")
    m = main_text(body, url=url)
    assert m.author == "Hoàng Kim"
    assert len(m.attachments) == 1 and m.attachments[0]["name"] == "1466-QD-UBND-KT.pdf"
    assert "/documents/" in m.attachments[0]["url"]


def test_sharepoint_visible_duplicate_is_still_cut(farm):
    body, url, _ = page(farm, "sharepoint", "cb-so-ket-155")
    visible = body.replace(b'style="display:none"', b"")
    m = main_text(visible, url=url)
    assert m.text.count(PLANTED["breakdown_mismatch"]["quote"]) == 1
    assert m.author == "Bế Hạnh"


def test_generic_author_and_source(farm):
    body, url, _ = page(farm, "generic", "tv-vinh-danh-45")
    m = main_text(body, url=url)
    assert m.author == "Kim Ngân"
    assert m.source_line == "Theo Báo Trà Vinh"
    assert "Lãnh đạo tỉnh trao chứng nhận cho các chủ thể" in m.text  # photo caption kept


def test_wordpress_published_from_datetime_attribute(farm):
    body, url, _ = page(farm, "wordpress", "yb-tong-ket-2023")
    m = main_text(body.decode("utf-8"), url=url, family="wordpress")
    assert m.published.value == "2023-12-28T16:45:00+07:00"
    assert m.source_line == "Nguồn: Báo Yên Bái"


@pytest.mark.parametrize("key", ["hg-cp1258-declared", "bth-cp1258-undeclared"])
def test_windows_1258_bytes_without_known_layout(farm, key):
    body, url, _ = page(farm, "faults", key)
    m = main_text(body, url=url)
    art = ARTICLES[key]
    assert m.family == "generic"
    assert m.title == art.title
    for paragraph in art.body_paragraphs:
        assert paragraph in m.text
    assert m.published is not None and m.published.value == art.published.isoformat()


@pytest.mark.parametrize("site_id", ["nukeviet", "wordpress", "liferay", "sharepoint", "generic"])
def test_detect_family_on_each_site(farm, site_id):
    post = farm.sites[site_id].posts[0]
    body, url, _ = page(farm, site_id, post.article.key)
    assert detect_family(body.decode("utf-8"), url) == site_id
    assert detect_family(body.decode("utf-8")) == site_id


def test_detect_family_from_url_only_and_defaults():
    assert detect_family("", "https://x.gov.vn/web/guest/tin/-/asset_publisher/AbC/content/abc") == "liferay"
    assert detect_family("<html></html>", "https://backan.gov.vn/pages/slug-92ca.aspx") == "sharepoint"
    assert detect_family("<html></html>", "https://binhphuoc.gov.vn/vi/news/tin/abc-37146.html") == "nukeviet"
    assert detect_family("<p>hello</p>", "https://example.vn/a.html") == "generic"
    assert detect_family(None) == "generic"


@pytest.mark.parametrize("junk", ["", b"", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "<html><body>", "<<<>>>\x00",
                                  '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>', None])
def test_never_raises_on_junk(junk):
    m = main_text(junk)
    assert isinstance(m.text, str)


def test_truncated_page_still_gives_title_and_lead(farm):
    body, url, _ = page(farm, "nukeviet", "qt-cong-nhan-2022")
    cut = body[: body.index(b"news-bodyhtml") + 400]
    m = main_text(cut, url=url)
    assert m.title == ARTICLES["qt-cong-nhan-2022"].title
    assert m.text.startswith(ARTICLES["qt-cong-nhan-2022"].lead)


def test_generic_fallback_uses_readable_text_for_unknown_layout():
    html = (
        "<html><head><title>Tin A</title></head><body><div class='menu'><a href='/'>Trang chủ</a></div>"
        "<div id='main'><h1>Gia Lai có thêm 12 sản phẩm OCOP</h1><span class='post-date'>Cập nhật ngày: 02/01/2023 05:33:51</span>"
        + "".join(f"<p>Đoạn văn thứ {i} nói về sản phẩm OCOP của tỉnh Gia Lai với nhiều chi tiết cụ thể.</p>" for i in range(6))
        + "</div><div class='footer'>Bản quyền thuộc Báo Gia Lai</div></body></html>"
    )
    m = main_text(html)
    assert m.family == "generic"
    assert m.title == "Gia Lai có thêm 12 sản phẩm OCOP"
    assert m.date_line == "Cập nhật ngày: 02/01/2023 05:33:51"
    assert "Đoạn văn thứ 0" in m.text and "Đoạn văn thứ 5" in m.text
    assert "Gia Lai có thêm 12 sản phẩm OCOP" not in m.text


def test_wordpress_core_classes_without_asset_urls():
    html = (
        '<article id="post-9" class="post-9 post type-post hentry category-tin-tuc"><header class="entry-header">'
        '<h1 class="entry-title">Thanh Hóa công nhận 13 sản phẩm OCOP</h1><div class="entry-meta">'
        '<time class="entry-date published" datetime="2019-12-26T08:30:00+07:00">26 Tháng Mười Hai, 2019</time>'
        '<time class="updated" datetime="2019-12-27T10:00:00+07:00">27 Tháng Mười Hai, 2019</time></div></header>'
        '<div class="entry-content"><p>Có 13 sản phẩm được công nhận.</p></div></article>'
    )
    m = main_text(html)
    assert m.family == "wordpress"
    assert m.date_line == "26 Tháng Mười Hai, 2019"
    assert m.published.value == "2019-12-26T08:30:00+07:00"
    assert m.text == "Có 13 sản phẩm được công nhận."


# --- bounds: huge pages are read from their beginning, and say so -----------------------------------

def _paragraph(i: int) -> str:
    return (f"<p>Đợt {i}, huyện Mường Tè có thêm {i % 90 + 2} sản phẩm được công nhận đạt chuẩn OCOP 3 sao, "
            f"nâng tổng số sản phẩm của huyện lên {i % 400 + 45} sản phẩm.</p>\n")


def _huge_page(inner: str, before: str = "") -> str:
    return ("<html><head><meta charset='utf-8'><title>Trang lớn</title></head><body>"
            "<h1 class='title'>Lai Châu có 45 sản phẩm OCOP</h1><span class='date'>12/12/2023 08:00</span>"
            f"{before}<div class='article-content'>{inner}</div></body></html>")


FIRST_PARAGRAPH = "Đợt 0, huyện Mường Tè có thêm 2 sản phẩm được công nhận đạt chuẩn OCOP 3 sao"


def test_a_page_of_many_megabytes_is_cut_before_parsing():
    page = _huge_page("".join(_paragraph(i) for i in range(bounds.MAX_HTML_BYTES // 150))).encode()
    assert len(page) > bounds.MAX_HTML_BYTES
    found = main_text(page)
    assert found.truncated.startswith("HTML cut at ")
    assert f"of {len(page):,} bytes" in found.truncated
    assert found.title == "Lai Châu có 45 sản phẩm OCOP"
    assert found.text.startswith(FIRST_PARAGRAPH)
    assert len(found.text) <= bounds.MAX_TEXT_CHARS
    as_text = main_text(page.decode())
    assert as_text.truncated.startswith("HTML cut at ") and "characters" in as_text.truncated
    assert as_text.text.startswith(FIRST_PARAGRAPH)


def test_one_huge_text_node_keeps_its_beginning():
    text = "".join(f"Huyện thứ {i} có {i % 90} sản phẩm OCOP. " for i in range(bounds.MAX_HTML_CHARS // 20))
    found = main_text(_huge_page(text))
    assert found.truncated.startswith("HTML cut at ")
    assert found.text.startswith("Huyện thứ 0 có 0 sản phẩm OCOP. Huyện thứ 1 có 1 sản phẩm OCOP.")


def test_a_page_of_too_many_elements_keeps_its_first_elements():
    tiny = "<span><b>x</b></span>" * (bounds.MAX_ELEMENTS // 2)
    page = _huge_page(_paragraph(0) + tiny + _paragraph(1))
    assert len(page) < bounds.MAX_HTML_CHARS
    found = main_text(page)
    assert found.truncated == f"page cut after {bounds.MAX_ELEMENTS:,} elements"
    assert found.text.startswith(FIRST_PARAGRAPH)
    assert "Đợt 1," not in found.text  # after the cut


def test_a_long_article_hands_on_only_its_beginning():
    page = _huge_page("".join(_paragraph(i) for i in range(3000)))
    assert len(page) < bounds.MAX_HTML_CHARS
    found = main_text(page)
    assert found.truncated.startswith(f"text cut at {len(found.text):,} of ")
    assert found.text.startswith(FIRST_PARAGRAPH)
    assert found.text.endswith("sản phẩm.")  # cut between paragraphs
    extraction = extract_html(page)
    assert extraction.truncated == found.truncated
    assert extraction.text.startswith(FIRST_PARAGRAPH)


def test_inline_base64_images_do_not_push_the_article_past_the_cap():
    image = "<img src='data:image/png;base64," + "iVBORw0KGgo" * (bounds.MAX_HTML_CHARS // 10) + "'>"
    page = _huge_page(_paragraph(0) + _paragraph(1), before=image)
    assert len(page) > bounds.MAX_HTML_CHARS
    found = main_text(page)
    assert found.truncated is None
    assert found.text.startswith(FIRST_PARAGRAPH)
    assert "Đợt 1," in found.text


def test_an_ordinary_page_is_not_truncated():
    found = main_text(_huge_page(_paragraph(0)))
    assert found.truncated is None
    assert extract_html(_huge_page(_paragraph(0))).truncated is None


def test_sharepoint_toolbar_words_inside_a_paragraph_are_text():
    html = (
        "<form id='aspnetForm'><div id='s4-workspace'><div id='DeltaPlaceHolderMain'>"
        "<div class='ms-webpart-zone'><div class='ms-webpart-chrome'>"
        "<div class='toolbar'><span class='date'>19/05/2024</span><a>Tăng cỡ chữ</a> <a>Giảm cỡ chữ</a></div>"
        "<h1>Bắc Kạn có thêm 16 sản phẩm OCOP</h1>"
        "<div class='content-detail'><p>Tại hội nghị, các chủ thể chia sẻ kinh nghiệm xây dựng thương hiệu.</p>"
        "<p>Toàn tỉnh có 16 sản phẩm mới được công nhận đạt 3 sao.</p></div></div></div></div></div></form>"
    )
    m = main_text(html, family="sharepoint")
    assert m.date_line == "19/05/2024"
    assert "các chủ thể chia sẻ kinh nghiệm xây dựng thương hiệu" in m.text
    assert "Tăng cỡ chữ" not in m.text


def test_unknown_layout_is_read_by_prose_density_without_sidebars_or_related_lists():
    teaser = "<p>Tin vắn: huyện bạn tổ chức hội chợ nông sản cuối tuần với nhiều gian hàng đặc sản.</p>"
    article = "".join(f"<p>Đoạn {i}: Hội đồng tỉnh Lai Châu đã đánh giá, phân hạng các sản phẩm OCOP của "
                      f"huyện Tam Đường trong năm nay với kết quả tốt.</p>" for i in range(6))
    related = "".join(f"<li><a href='/t/{i}'>Lai Châu có thêm {i + 10} sản phẩm OCOP đạt 3 sao</a></li>" for i in range(5))
    html = (
        "<html><head><title>Lai Châu công nhận sản phẩm OCOP - Trang tin</title></head><body>"
        "<div class='dau-trang'>Thứ hai, 17/03/2025</div>"
        f"<div class='khung'><div class='cot-trai'><h2>Lai Châu công nhận sản phẩm OCOP</h2>"
        f"<div class='thoi-diem'>14/03/2025 07:30</div><div class='noi-dung'>{article}"
        f"<p><b>Tin liên quan</b></p><p>Bài viết về sản phẩm OCOP của huyện Tam Đường năm trước nữa.</p>"
        f"<ul>{related}</ul></div></div>"
        f"<div class='cot-phai'>{teaser}</div></div></body></html>"
    )
    m = main_text(html)
    assert m.family == "generic"
    assert m.text.startswith("Đoạn 0: Hội đồng tỉnh Lai Châu")
    assert "Đoạn 5:" in m.text
    assert "Tin vắn" not in m.text  # the sidebar
    assert "Tin liên quan" not in m.text and "năm trước nữa" not in m.text  # cut at the related heading
    assert "đạt 3 sao" not in m.text  # the link list
    assert m.date_line == "14/03/2025 07:30"


def test_a_huge_hidden_state_is_not_parsed_and_the_article_after_it_is_kept():
    # a __VIEWSTATE whose value holds markup-like text: emptying it must stop at its closing quote
    state = "/wEPDwUBMA9k" + "<p>không phải bài</p>&gt;" * 200
    head = ("<form id='aspnetForm'><div class='aspNetHidden'>"
            f"<input type='hidden' name='__VIEWSTATE' id='__VIEWSTATE' value=\"{state}\">"
            "<input type='hidden' name='__EVENTVALIDATION' value='short'></div>")
    article = ("<div id='DeltaPlaceHolderMain'><div class='ms-webpart-zone'><h1>Lào Cai có thêm 9 sản phẩm OCOP</h1>"
               "<div class='content-detail'><p>Toàn tỉnh có 9 sản phẩm mới được công nhận đạt 3 sao.</p></div>"
               "</div></div></form>")
    with_state = main_text(head + article, family="sharepoint")
    without = main_text("<form id='aspnetForm'>" + article, family="sharepoint")
    assert with_state.title == without.title == "Lào Cai có thêm 9 sản phẩm OCOP"
    assert with_state.text == without.text == "Toàn tỉnh có 9 sản phẩm mới được công nhận đạt 3 sao."


@pytest.mark.parametrize("selector", [
    ".detail-content, .absent, p.lead",  # the part naming no class of the page is not run
    ".absent, #nothing, .also-absent",
    "#main, .absent, [itemprop=articleBody]",  # an attribute test names no class: always run
    ".lead, .tab-separated, #main, .absent",
])
def test_a_union_of_selectors_finds_what_lxml_finds(selector):
    doc = lxml_html.document_fromstring(
        "<html><body><div id='main'><p class='lead'>Mở đầu</p>"
        "<div class=\"x\ttab-separated\ny\">Nội dung</div><span itemprop='articleBody'>Bài</span>"
        "<p class='detail-content'>Chi tiết</p></div></body></html>")
    assert _css(doc, selector) == CSSSelector(selector, translator="html")(doc)


def test_the_element_cap_counts_comments_and_instructions_as_the_walk_does(monkeypatch):
    from lxml import html as lxml_html

    page = "<html><body><p>một</p><!-- ghi chú --><?xml-stylesheet href='a'?><p>hai</p></body></html>"
    nodes = len(list(lxml_html.document_fromstring(page).iter()))  # html, body, p, comment, pi, p
    monkeypatch.setattr(bounds, "MAX_ELEMENTS", nodes)
    assert bounds.cap_elements(lxml_html.document_fromstring(page)) is None
    monkeypatch.setattr(bounds, "MAX_ELEMENTS", nodes - 1)
    tree = lxml_html.document_fromstring(page)
    assert bounds.cap_elements(tree) == f"page cut after {nodes - 1:,} elements"
    assert len(list(tree.iter())) == nodes - 1


def test_blocks_are_the_blocks_walked_one_at_a_time():
    """``_blocks`` (one list, a plain recursion) gives the blocks ``_iter_blocks`` yields, with and
    without a skip test, on every family's pages and on markup with rows, breaks, inline runs, hidden
    and dropped elements."""
    import importlib.util

    from extractors.html import _blocks, _iter_blocks

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_extract.py"
    spec = importlib.util.spec_from_file_location("bench_extract", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    FAMILIES, articles, family_pages, unknown_pages = bench.FAMILIES, bench.articles, bench.family_pages, bench.unknown_pages

    pages = [p for f in FAMILIES for p in family_pages(f, articles()[:2])] + unknown_pages(articles()[:3])
    pages.append("<div>a<b>b</b><br>c<p>d</p>e<table><tr><td>1</td><td>2</td></tr><tr><td>x</td></tr></table>"
                 "<span style='display:none'>h</span><script>s</script><i>f</i><div hidden>g</div>  </div>tail")
    for page in pages:
        doc = lxml_html.document_fromstring(page)
        for skip in (None, lambda el: el.tag in ("header", "footer", "aside", "p")):
            assert _blocks(doc, skip) == list(_iter_blocks(doc, skip))
    assert _blocks(None) == list(_iter_blocks(None)) == []
