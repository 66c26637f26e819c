"""harvester.urls: one spelling per page, and nothing merged that should stay apart."""

from __future__ import annotations

import pytest

from harvester.urls import canonicalize, host_of, is_same_site

CASES = [
    # scheme and host lower-cased, default port and fragment dropped
    ("HTTPS://BacKan.GOV.vn:443/pages/ocop-92ca.aspx#top", "https://backan.gov.vn/pages/ocop-92ca.aspx"),
    ("http://tinh.gov.vn:80/a", "http://tinh.gov.vn/a"),
    ("http://tinh.gov.vn:8080/a", "http://tinh.gov.vn:8080/a"),
    ("https://tinh.gov.vn", "https://tinh.gov.vn/"),
    # tracking parameters dropped, the rest sorted
    ("https://bao.vn/a.html?utm_source=fb&b=2&a=1&fbclid=x", "https://bao.vn/a.html?a=1&b=2"),
    # Liferay detail: redirect, inheritRedirect and carried-over listing state dropped
    ("https://tn.gov.vn/tin/-/asset_publisher/L0n17VJXU23O/content/ocop-che/20181?inheritRedirect=false"
     "&redirect=%2Ftin%3Fp_p_id%3D101%26_101_cur%3D3&p_p_id=101_INSTANCE_L0n&_101_INSTANCE_L0n_cur=3",
     "https://tn.gov.vn/tin/-/asset_publisher/L0n17VJXU23O/content/ocop-che/20181"),
    ("https://dt.gov.vn/web/htm/-/asset_publisher/1mOz/content/id/4118878?plidlayout=5072&redirect=%2Fweb",
     "https://dt.gov.vn/web/htm/-/asset_publisher/1mOz/content/id/4118878?plidlayout=5072"),
    # Liferay listing: the page number is kept (it is what makes page 2 different from page 1)
    ("https://tn.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_X&_101_INSTANCE_X_cur=2",
     "https://tn.gov.vn/web/guest/tin-tuc?_101_INSTANCE_X_cur=2&p_p_id=101_INSTANCE_X"),
    # NukeViet print and save-file views are the article
    ("https://dn.gov.vn/vi/news/print/tin-tuc/ocop-dong-nai-445.html", "https://dn.gov.vn/vi/news/tin-tuc/ocop-dong-nai-445.html"),
    ("https://vqa.gov.vn/vi/news/savefile/thong-bao/ocop-74.html?download=1&id=0",
     "https://vqa.gov.vn/vi/news/thong-bao/ocop-74.html"),
    ("https://ntm.ht.gov.vn/news/print/thong-tin-khac/ocop-119884.html", "https://ntm.ht.gov.vn/news/thong-tin-khac/ocop-119884.html"),
    # conservative: case of the path and index.html kept, meaningful ids kept
    ("https://hd.gov.vn/Trang/ChiTietTinTuc.aspx?nid=13066", "https://hd.gov.vn/Trang/ChiTietTinTuc.aspx?nid=13066"),
    ("https://a.vn/tin/index.html", "https://a.vn/tin/index.html"),
    # odd input comes back stripped, never raises
    ("  not a url ", "not a url"),
    ("http://[::1/broken", "http://[::1/broken"),
    ("", ""),
    ("mailto:x@y.vn", "mailto:x@y.vn"),
]


@pytest.mark.parametrize("url, expected", CASES)
def test_canonicalize(url, expected):
    assert canonicalize(url) == expected


@pytest.mark.parametrize("url", [u for u, _ in CASES])
def test_canonicalize_is_idempotent(url):
    once = canonicalize(url)
    assert canonicalize(once) == once


def test_same_site():
    assert is_same_site("https://www.backan.gov.vn/a", "http://backan.gov.vn/b")
    assert not is_same_site("https://sonnptnt.backan.gov.vn/a", "https://backan.gov.vn/a")
    assert not is_same_site("garbage", "garbage")
    assert host_of("https://Ocop.GOV.vn./x") == "ocop.gov.vn"
