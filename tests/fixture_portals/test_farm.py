"""The imitation portals answer like the real CMS families, faults included."""

from __future__ import annotations

import csv
import http.client
import json
import re
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from harvester.fixture_portals import ARTICLES, PLANTED, SITE_ARTICLES, start_farm
from harvester.fixture_portals.faults import to_cp1258


@pytest.fixture(scope="module")
def farm():
    with start_farm(seed=0) as f:
        yield f


def fetch(farm, site_id: str, path: str, headers: dict | None = None, timeout: float = 10):
    """(status, headers, body) without following redirects or raising on 4xx/5xx."""
    parts = urlsplit(farm.url(site_id))
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def hrefs(body: bytes) -> list[str]:
    return re.findall(r'href="([^"]+)"', body.decode("utf-8", "replace"))


def test_each_site_on_its_own_loopback_host(farm):
    hosts = {urlsplit(farm.url(s)).hostname for s in farm.sites}
    assert len(hosts) == len(farm.sites)
    assert all(h.startswith("127.0.0.") and int(h.rsplit(".", 1)[1]) >= 11 for h in hosts)
    assert all(farm.url(s).endswith("/") for s in farm.sites)


def test_robots_on_every_site(farm):
    for site_id in farm.sites:
        status, _, body = fetch(farm, site_id, "/robots.txt")
        assert status == 200 and b"Disallow:" in body, site_id
    assert b"Disallow: /admin/" in fetch(farm, "nukeviet", "/robots.txt")[2]


def test_every_site_serves_its_articles_and_some_unrelated(farm):
    for site_id, keys in SITE_ARTICLES.items():
        if site_id not in farm.sites:
            continue
        site = farm.sites[site_id]
        assert {p.article.key for p in site.posts} >= set(keys)
        assert any(not ARTICLES[k].is_ocop for k in keys), site_id
        assert any(ARTICLES[k].is_ocop for k in keys), site_id


def test_nukeviet_pagination_follows_rel_next_to_every_post(farm):
    site = farm.sites["nukeviet"]
    path, seen, pages = "/vi/news/", [], 0
    while path:
        status, _, body = fetch(farm, "nukeviet", path)
        assert status == 200
        text = body.decode()
        pages += 1
        seen += re.findall(r'<h[23]><a href="([^"]+\.html)"', text)
        nxt = re.search(r'rel="next"[^>]*href="([^"]+)"', text)
        path = nxt.group(1) if nxt else None
    assert pages >= 3
    assert seen == [p.path for p in site.newest_first()]


def test_nukeviet_stray_li_quirk_on_page_two(farm):
    body = fetch(farm, "nukeviet", "/vi/news/page-2/")[2].decode()
    assert re.search(r'<li class="page-item active"><a class="page-link" href="javascript:void\(0\)">2</a><li>', body)
    body1 = fetch(farm, "nukeviet", "/vi/news/")[2].decode()
    assert 'href="javascript:void(0)">1</a></li>' in body1


def test_nukeviet_listing_dates_are_egov_am_pm(farm):
    body = fetch(farm, "nukeviet", "/vi/news/")[2].decode()
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d [AP]M", body)


def test_nukeviet_detail_traps(farm):
    post = next(p for p in farm.sites["nukeviet"].posts if p.article.key == "qt-ke-hoach-2021-2025")
    body = fetch(farm, "nukeviet", post.path)[2].decode()
    assert '<span class="h5"><i class="fa fa-clock-o" aria-hidden="true"></i>Thứ hai - 14/06/2021 11:15</span>' in body
    assert 'content="2021-06-14+0711:15:00"' in body  # broken article:published_time
    assert 'itemprop="datePublished">2021-06-16T14:15:00+07:00<' in body  # edit time
    assert '<span class="current-time">Thứ năm, 05/12/2024, 01:26</span>' in body
    assert 'class="temp-breadcrumbs hidden"' in body and '<ul class="breadcrumbs list-none"></ul>' in body
    assert "Những tin mới hơn" in body and "block-law" in body
    for number in PLANTED["sidebar_documents"]["numbers"]:
        assert number in body


def test_nukeviet_attachment_download(farm):
    post = next(p for p in farm.sites["nukeviet"].posts if p.article.documents)
    status, headers, body = fetch(farm, "nukeviet", post.path + "?download=1&id=0")
    assert status == 200 and body.startswith(b"%PDF") and "attachment" in headers["content-disposition"]


def test_nukeviet_rss_has_month_in_minute_field(farm):
    body = fetch(farm, "nukeviet", "/vi/news/rss/")[2]
    root = ET.fromstring(body)
    assert root.find("channel/generator").text == "NukeViet v4.0"
    items = root.findall("channel/item")
    assert len(items) == len(farm.sites["nukeviet"].posts)
    post = next(p for p in farm.sites["nukeviet"].posts if p.article.key == "qt-ke-hoach-2021-2025")
    item = next(i for i in items if i.find("link").text.endswith(post.path))
    # published 14/06/2021 11:15 ICT = 04:15 UTC; the minute field holds the month (06)
    assert item.find("pubDate").text == "Mon, 14 Jun 2021 04:06:00 GMT"


def test_nukeviet_search_and_sitemap(farm):
    body = fetch(farm, "nukeviet", "/vi/news/search/?q=OCOP")[2].decode()
    assert "kết quả" in body
    index = ET.fromstring(fetch(farm, "nukeviet", "/sitemap.xml")[2])
    locs = [e.text for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    child = ET.fromstring(fetch(farm, "nukeviet", urlsplit(locs[0]).path)[2])
    urls = [e.text for e in child.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(urls) == len(farm.sites["nukeviet"].posts)


def test_generic_listing_pages_rss_and_sitemap(farm):
    site = farm.sites["generic"]
    links = []
    path = "/tin-tuc/"
    while path:
        body = fetch(farm, "generic", path)[2].decode()
        links += re.findall(r'<h3 class="story__title"><a href="([^"]+)"', body)
        nxt = re.search(r'<a class="next" href="([^"]+)"', body)
        path = nxt.group(1) if nxt else None
    assert links == [p.path for p in site.newest_first()]
    rss = ET.fromstring(fetch(farm, "generic", "/rss/home.rss")[2])
    assert len(rss.findall("channel/item")) == len(site.posts)
    sm = fetch(farm, "generic", "/sitemap.xml")[2].decode()
    assert sm.count("<lastmod>") == len(site.posts)


def test_generic_detail_has_clock_and_time_first_date_line(farm):
    post = next(p for p in farm.sites["generic"].posts if p.article.key == "tv-vinh-danh-45")
    body = fetch(farm, "generic", post.path)[2].decode()
    assert "Đường dây nóng: 0912.345.678 - Thứ năm 05/12/2024 01:26" in body
    assert '<div class="detail-time">16:10 | 04/01/2021</div>' in body
    assert body.count(post.title) >= 3  # <title>, title-top, h1, photo title


def test_syndicated_article_identical_on_two_sites(farm):
    key = PLANTED["syndicated"]["article"]
    texts = []
    for site_id in PLANTED["syndicated"]["sites"]:
        if site_id not in farm.sites:
            pytest.skip(f"{site_id} not built")
        post = next(p for p in farm.sites[site_id].posts if p.article.key == key)
        body = fetch(farm, site_id, post.path)[2].decode()
        assert all(par in body for par in ARTICLES[key].body_paragraphs)
        texts.append(post.article.text)
    assert texts[0] == texts[1]


def test_conditional_get_304(farm):
    post = farm.sites["generic"].posts[0]
    status, headers, _ = fetch(farm, "generic", post.path)
    assert status == 200 and headers["etag"] and headers["last-modified"]
    assert fetch(farm, "generic", post.path, {"If-None-Match": headers["etag"]})[0] == 304
    assert fetch(farm, "generic", post.path, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    assert fetch(farm, "generic", post.path, {"If-None-Match": '"something-else"'})[0] == 200
    assert ("GET", post.path, 304) in farm.request_log("generic")


def test_publish_puts_new_articles_on_top_everywhere():
    with start_farm(["nukeviet", "generic"], seed=3) as farm:
        before = fetch(farm, "nukeviet", "/vi/news/rss/")[2].decode()
        etag = fetch(farm, "generic", "/tin-tuc/")[1]["etag"]
        new = farm.publish("nukeviet", 2) + farm.publish("generic", 1)
        assert all(p.article.is_ocop for p in new)
        assert new[0].title not in before
        listing = fetch(farm, "nukeviet", "/vi/news/")[2].decode()
        first = re.search(r'<h2><a href="([^"]+)"', listing).group(1)
        assert first == new[1].path
        assert fetch(farm, "nukeviet", new[0].path)[0] == 200
        status, _, _ = fetch(farm, "generic", "/tin-tuc/", {"If-None-Match": etag})
        assert status == 200  # listing changed → no 304
        assert new[2].title in fetch(farm, "generic", "/rss/home.rss")[2].decode()


def test_publish_is_deterministic_by_seed():
    titles = []
    for _ in range(2):
        with start_farm(["generic"], seed=5) as farm:
            titles.append([p.title for p in farm.publish("generic", 3)])
    assert titles[0] == titles[1]


def test_request_log_counts_requests():
    with start_farm(["generic"]) as farm:
        fetch(farm, "generic", "/tin-tuc/")
        fetch(farm, "generic", "/khong-co.html")
        assert farm.request_log("generic") == [("GET", "/tin-tuc/", 200), ("GET", "/khong-co.html", 404)]


def test_write_registry_loads_with_the_project_registry(farm, tmp_path):
    from harvester.registry import load_registry

    path = farm.write_registry(tmp_path / "portals.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == len(farm.sites)
    portals = {p.id: p for p in load_registry(path)}
    nv = portals["fixture-nukeviet"]
    assert nv.family == "nukeviet" and nv.province == "Quảng Trị"
    assert all(u.startswith(farm.url("nukeviet")) for u in nv.start_urls)
    assert nv.settings["search_url"] == farm.url("nukeviet") + "vi/news/search/?q=OCOP"
    assert "ocop" not in nv.site_kind  # not a dedicated OCOP site: relevance filtering applies


# ------------------------------------------------------------------------------------ faults


def test_faults_listing_links_every_fault(farm):
    links = set(hrefs(fetch(farm, "faults", "/tin-tuc/")[2]))
    for path in ("/loi/500.html", "/loi/503.html", "/loi/cham.html", "/loi/cat-ngang.html", "/loi/vong-lap-a.html",
                 "/loi/khong-ton-tai.html", "/loi/trang-lon.html", "/loi/tap-tin.html", "/loi/trong.html"):
        assert path in links
    assert {p.path for p in farm.sites["faults"].posts} <= links


def test_faults_status_codes(farm):
    assert fetch(farm, "faults", "/loi/500.html")[0] == 500
    assert fetch(farm, "faults", "/loi/khong-ton-tai.html")[0] == 404
    status, headers, body = fetch(farm, "faults", "/loi/trong.html")
    assert status == 200 and body == b""
    status, headers, body = fetch(farm, "faults", "/loi/tap-tin.html")
    assert headers["content-type"] == "application/octet-stream" and body[:4] == b"\x89PNG"
    a = fetch(farm, "faults", "/loi/vong-lap-a.html")
    b = fetch(farm, "faults", "/loi/vong-lap-b.html")
    assert a[0] == b[0] == 302 and a[1]["location"].endswith("vong-lap-b.html") and b[1]["location"].endswith("vong-lap-a.html")


def test_503_until_retry_after_has_elapsed_then_ok():
    with start_farm(["faults"]) as farm:
        status, headers, _ = fetch(farm, "faults", "/loi/503.html")
        wait = farm.sites["faults"].settings["retry_after"]
        assert status == 503 and headers["retry-after"] == str(wait)
        assert fetch(farm, "faults", "/loi/503.html")[0] == 503  # asked again too early
        time.sleep(wait + 0.05)
        status, _, body = fetch(farm, "faults", "/loi/503.html")
        assert status == 200 and "Tam Đảo".encode() in body
        assert [s for _, s in farm.sites["faults"].state["retry_hits"]["/loi/503.html"]] == [503, 503, 200]


def test_slow_page_exceeds_short_timeout(farm):
    with pytest.raises((socket.timeout, TimeoutError)):
        fetch(farm, "faults", "/loi/cham.html?delay=2", timeout=0.3)
    assert fetch(farm, "faults", "/loi/cham.html?delay=0")[0] == 200


def test_truncated_page_closes_mid_body(farm):
    with pytest.raises(http.client.IncompleteRead):
        fetch(farm, "faults", "/loi/cat-ngang.html")


def test_big_page_is_twenty_megabytes():
    with start_farm(["faults"]) as farm:
        farm.sites["faults"].settings["big_page_bytes"] = 2_000_000  # keep the test light; default is 20 MB
        status, _, body = fetch(farm, "faults", "/loi/trang-lon.html")
        assert status == 200 and len(body) >= 2_000_000
    from harvester.fixture_portals.farm import build_site

    assert build_site("faults").settings["big_page_bytes"] == 20 * 1024 * 1024


@pytest.mark.parametrize("key, declared", [("hg-cp1258-declared", True), ("bth-cp1258-undeclared", False)])
def test_cp1258_pages_really_are_cp1258(farm, key, declared):
    post = next(p for p in farm.sites["faults"].posts if p.article.key == key)
    status, headers, body = fetch(farm, "faults", post.path)
    assert status == 200
    assert "charset" not in headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = unicodedata.normalize("NFC", body.decode("cp1258"))
    assert post.title in text
    assert all(p in text for p in post.article.body_paragraphs)
    assert (b"charset=windows-1258" in body) is declared
    assert b"charset" in body if declared else b"charset" not in body


def test_to_cp1258_round_trips_all_vietnamese_letters():
    letters = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    sample = "".join(unicodedata.normalize("NFC", c + t) for c in letters + letters.upper() for t in tones) + "đĐ"
    encoded = to_cp1258(sample)
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == sample
    assert b"?" not in encoded


def test_module_runs_as_a_process_and_prints_urls():
    proc = subprocess.Popen(
        [sys.executable, "-m", "harvester.fixture_portals", "--sites", "generic"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        urls = json.loads(line)["sites"]
        assert set(urls) == {"generic"}
        with urllib.request.urlopen(urls["generic"] + "tin-tuc/", timeout=10) as resp:
            assert resp.status == 200
    finally:
        proc.kill()
        proc.wait(timeout=10)
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        urllib.request.urlopen(urls["generic"] + "tin-tuc/", timeout=2)


# ------------------------------------------------------------------------------ other families


def test_wordpress_rest_api_pages_and_400_past_the_end(farm):
    status, headers, body = fetch(farm, "wordpress", "/wp-json/wp/v2/posts?search=OCOP&per_page=2&page=1")
    total, pages = int(headers["x-wp-total"]), int(headers["x-wp-totalpages"])
    ocop_posts = [p for p in farm.sites["wordpress"].posts if "ocop" in (p.title + p.article.text).lower()]
    assert status == 200 and total == len(ocop_posts) and pages == -(-total // 2)
    seen = []
    for page in range(1, pages + 1):
        data = json.loads(fetch(farm, "wordpress", f"/wp-json/wp/v2/posts?search=OCOP&per_page=2&page={page}")[2])
        seen += [d["link"] for d in data]
        assert all(set(d) >= {"id", "date", "date_gmt", "link", "title", "content"} for d in data)
    assert sorted(seen) == sorted(farm.url("wordpress").rstrip("/") + p.path for p in ocop_posts)
    status, _, body = fetch(farm, "wordpress", f"/wp-json/wp/v2/posts?search=OCOP&per_page=2&page={pages + 1}")
    assert status == 400 and json.loads(body)["code"] == "rest_post_invalid_page_number"
    assert fetch(farm, "wordpress", "/wp-json/wp/v2/posts?per_page=101")[0] == 400


def test_wordpress_listing_feed_sitemap_and_shortlink(farm):
    site = farm.sites["wordpress"]
    links, path = [], "/category/ocop-nong-thon-moi/"
    while path:
        body = fetch(farm, "wordpress", path)[2].decode()
        links += re.findall(r'<h2 class="entry-title"><a href="([^"]+)"', body)
        nxt = re.search(r'<a class="next page-numbers" href="([^"]+)"', body)
        path = nxt.group(1) if nxt else None
    assert links == [p.path for p in site.newest_first(category="ocop-nong-thon-moi")]
    feed = ET.fromstring(fetch(farm, "wordpress", "/feed/")[2])
    assert all(i.find("pubDate").text.endswith("+0000") for i in feed.findall("channel/item"))
    post = site.posts[0]
    status, headers, _ = fetch(farm, "wordpress", f"/?p={post.post_id}")
    assert status == 301 and headers["location"] == post.path
    assert b"wp-sitemap-posts-post-1.xml" in fetch(farm, "wordpress", "/wp-sitemap.xml")[2]


def test_wordpress_detail_localised_date(farm):
    post = next(p for p in farm.sites["wordpress"].posts if p.article.key == "yb-tong-ket-2023")
    body = fetch(farm, "wordpress", post.path)[2].decode()
    assert 'datetime="2023-12-28T16:45:00+07:00">28 Tháng Mười Hai, 2023</time>' in body
    assert "Email của bạn sẽ không được hiển thị công khai." in body


def test_liferay_one_article_under_many_urls(farm):
    site = farm.sites["liferay"]
    hrefs_by_page = {}
    for page in ("/web/guest/tin-tuc", "/web/guest/chuong-trinh-ocop"):
        body = fetch(farm, "liferay", page)[2].decode()
        hrefs_by_page[page] = [h.replace("&amp;", "&") for h in re.findall(r'<h3 class="asset-title"><a href="([^"]+)"', body)]
        assert "Xuất bản thông tin" in body
    shared = [h for h in hrefs_by_page["/web/guest/tin-tuc"]
              if h.split("?")[0] in {x.split("?")[0] for x in hrefs_by_page["/web/guest/chuong-trinh-ocop"]}]
    assert shared, "the newest OCOP article is listed on both pages"
    other = next(x for x in hrefs_by_page["/web/guest/chuong-trinh-ocop"] if x.split("?")[0] == shared[0].split("?")[0])
    assert other != shared[0] and "redirect=" in other
    a, b = fetch(farm, "liferay", shared[0]), fetch(farm, "liferay", other)
    assert a[0] == b[0] == 200 and a[2] == b[2]
    post = site.post_by_path(shared[0].split("?")[0])
    assert f"null {post.title}".encode() in a[2]


def test_liferay_cur_paging_reaches_every_post(farm):
    site = farm.sites["liferay"]
    seen, path = [], "/web/guest/tin-tuc"
    while path:
        body = fetch(farm, "liferay", path)[2].decode()
        seen += [h.split("?")[0] for h in re.findall(r'<h3 class="asset-title"><a href="([^"]+)"', body)]
        nxt = re.search(r'<li><a href="([^"]+)">Tiếp</a>', body)
        path = nxt.group(1).replace("&amp;", "&") if nxt else None
        assert path is None or "_cur=" in path
    assert seen == [p.path for p in site.newest_first()]


def test_liferay_documents_attachment(farm):
    post = next(p for p in farm.sites["liferay"].posts if p.article.documents)
    body = fetch(farm, "liferay", post.path)[2].decode()
    link = re.search(r'href="(/documents/\d+/\d+/[^/"]+\.pdf/[0-9a-f-]{36}\?t=\d+)"', body).group(1)
    status, _, pdf = fetch(farm, "liferay", link)
    assert status == 200 and pdf.startswith(b"%PDF")


def test_sharepoint_paging_and_page_traits(farm):
    site = farm.sites["sharepoint"]
    seen, path = [], "/Pages/tin-tuc.aspx"
    while path:
        body = fetch(farm, "sharepoint", path)[2].decode()
        seen += re.findall(r'<h3><a href="([^"]+)"', body)
        nxt = re.search(r'<a href="([^"]+)" class="next">', body)
        path = nxt.group(1) if nxt else None
    assert seen == [p.path for p in site.newest_first()]
    post = next(p for p in site.posts if p.article.key == "cb-so-ket-155")
    body = fetch(farm, "sharepoint", post.path)[2].decode()
    assert re.fullmatch(r"/pages/[a-z0-9-]+-[0-9a-f]{4}\.aspx", post.path)
    assert 'id="aspnetForm"' in body and len(body) > 50_000  # __VIEWSTATE bloat
    assert body.count(PLANTED["breakdown_mismatch"]["quote"]) == 2  # rendered twice
    assert "PublishingPortal - Block_BanTin_Toolbar" in body and '<span class="date">19/05/2022</span>' in body


def test_sharepoint_guids_differ_per_seed():
    ids = []
    for seed in (0, 1):
        with start_farm(["sharepoint"], seed=seed) as farm:
            post = farm.sites["sharepoint"].posts[0]
            body = fetch(farm, "sharepoint", post.path)[2].decode()
            ids.append(set(re.findall(r'id="(ctl00_ctl39_g_[0-9a-f_]{36})"', body)))
    assert ids[0] and ids[1] and not ids[0] & ids[1]


def test_bulk_site_has_thousands_of_pages():
    with start_farm(["bulk"], bulk_pages=1200, seed=2) as farm:
        site = farm.sites["bulk"]
        assert len(site.posts) == 1200
        body = fetch(farm, "bulk", "/tin-tuc/trang-60.html")[2].decode()
        assert len(re.findall(r'class="story__title"', body)) == 20
        assert fetch(farm, "bulk", "/tin-tuc/trang-61.html")[0] == 404
        assert fetch(farm, "bulk", site.posts[7].path)[0] == 200


# ------------------------------------------------------------------------------ content facts


def test_article_facts_are_stated_in_their_text():
    for art in ARTICLES.values():
        for doc in art.documents:
            assert doc["number"] in art.text, (art.key, doc)
        for fig in art.figures:
            assert re.search(rf"(?<![\d.]){fig['count']}(?![\d.])", art.text), (art.key, fig)
        assert art.modified > art.published


def test_planted_conflicts_are_really_in_the_texts():
    total = PLANTED["total_conflict"]
    for site_id, key in total["articles"].items():
        assert total["quotes"][site_id] in ARTICLES[key].text
        assert key in SITE_ARTICLES[site_id]
    decision = PLANTED["decision_date_conflict"]
    issued = {site: next(d["issued"] for d in ARTICLES[key].documents if d["number"] == decision["number"])
              for site, key in decision["articles"].items()}
    assert issued == decision["dates"] and len(set(issued.values())) == 2
    breakdown = PLANTED["breakdown_mismatch"]
    assert breakdown["quote"] in ARTICLES[breakdown["article"]].text
    assert sum(breakdown["parts"].values()) != breakdown["total"]
    synd = PLANTED["syndicated"]
    assert all(synd["article"] in SITE_ARTICLES[s] for s in synd["sites"])
    all_text = " ".join(a.text for a in ARTICLES.values())
    assert not any(n in all_text for n in PLANTED["sidebar_documents"]["numbers"])


def test_pool_size_and_relevance_markers():
    ocop = [a for a in ARTICLES.values() if a.is_ocop]
    other = [a for a in ARTICLES.values() if not a.is_ocop]
    assert len(ocop) >= 25 and len(other) >= 10
    only_phrase = ARTICLES["nt-moi-xa-phuong"]
    assert "ocop" not in (only_phrase.title + only_phrase.text).lower() and only_phrase.is_ocop


def test_recall_sites_are_generalist_with_silent_titles_and_decoys():
    from harvester.fixture_portals import build_site

    for site_id in ("nukeviet-portal", "wordpress-news", "sharepoint-postback"):
        site = build_site(site_id)
        assert site.site_kind in ("portal", "newspaper")
        ocop = [p for p in site.posts if p.article.is_ocop]
        decoys = [p for p in site.posts if not p.article.is_ocop]
        assert decoys and len({p.title for p in site.posts}) == len(site.posts)
        assert sum("ocop" not in p.title.lower() for p in ocop) * 2 >= len(ocop)
        assert any("ocop" not in (p.title + p.article.text).lower() for p in ocop)
        assert not any("ocop" in (p.title + p.article.text).lower() for p in decoys)


def test_nukeviet_portal_pager_has_no_rel():
    with start_farm(["nukeviet-portal"]) as farm:
        status, _, body = fetch(farm, "nukeviet-portal", "/vi/news/")
        assert status == 200 and b'href="/vi/news/page-2/"' in body and b"&raquo;" in body
        assert b'rel="next"' not in body
        status, _, body = fetch(farm, "nukeviet-portal", "/vi/news/search/?q=OCOP")
        assert b"q=OCOP&amp;page=2" in body and b'rel="next"' not in body


def test_sharepoint_postback_pages_only_by_posting_the_form_back():
    from urllib.parse import urlencode

    from harvester.fixture_portals.sharepoint import pager_control

    with start_farm(["sharepoint-postback"]) as farm:
        site = farm.sites["sharepoint-postback"]
        status, _, first = fetch(farm, "sharepoint-postback", "/Pages/tin-tuc.aspx")
        assert status == 200 and b"__doPostBack(&#x27;" not in first
        assert f"__doPostBack('{pager_control(site)}','Page$2')".encode() in first
        viewstate = re.search(rb'name="__VIEWSTATE" id="__VIEWSTATE" value="([^"]+)"', first).group(1).decode()
        assert fetch(farm, "sharepoint-postback", "/Pages/tin-tuc.aspx?Page=2")[2] == first  # GET paging ignored

        def post(fields):
            parts = urlsplit(farm.url("sharepoint-postback"))
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            conn.request("POST", "/Pages/tin-tuc.aspx", body=urlencode(fields),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            resp = conn.getresponse()
            out = resp.status, resp.read()
            conn.close()
            return out

        event = {"__EVENTTARGET": pager_control(site), "__EVENTARGUMENT": "Page$2"}
        status, second = post({**event, "__VIEWSTATE": viewstate})
        second_titles = {p.title for p in site.newest_first()[4:8]}
        assert status == 200 and all(t.encode() in second for t in second_titles)
        assert post(event)[0] == 500  # no view state: ASP.NET's "Invalid postback"


def test_a_client_that_hangs_up_prints_nothing_but_a_fixture_bug_does(farm, capfd):
    """A crawler giving up on a slow page resets its connection; the demo's stderr must stay clean
    (tests/crawl/test_demo.py requires it), while a real error in the server still shows."""
    server = farm._servers["nukeviet"]
    for quiet in (ConnectionResetError("peer reset"), BrokenPipeError(), TimeoutError("timed out")):
        try:
            raise quiet
        except OSError:
            server.handle_error(None, ("127.0.0.1", 1))
    assert capfd.readouterr().err == ""
    try:
        raise ValueError("a fixture bug")
    except ValueError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a fixture bug" in capfd.readouterr().err
