"""Liferay 6.2 / 7.x asset publishers (incl. VNPT / EcoIT builds).

Listings page with ``…_cur=N`` in the query; detail links carry ``redirect=`` (and
``inheritRedirect``) that make one article appear under many URLs, so every link is
canonicalised before it is compared with the seen set or requested.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from scrapy.http import TextResponse

from spiders.base import PortalSpider

_CUR = re.compile(r"_cur$")


def current_page(url: str) -> int:
    """The value of the ``…_cur`` parameter (1 when absent)."""
    for key, value in parse_qsl(urlsplit(url).query):
        if _CUR.search(key) and value.isdigit():
            return int(value)
    return 1


class LiferaySpider(PortalSpider):
    family = "liferay"
    article_url_re = re.compile(
        r"/-/asset_publisher/\w+/content/|/content/id/\d+|/chi-tiet[\w-]*\?(?:.*&)?id=\d+|/-/details/\d+/|/w/[\w-]+$"
    )
    ignore_url_re = re.compile(r"/documents/\d+/|/image/journal/|p_p_lifecycle=2")
    listing_item_css = "div.asset-abstract, div.news-item, li.news-item"
    item_link_css = ".asset-title a, h3 a, h2 a, a"
    item_date_css = ".metadata-publish-date ::text, .date ::text"

    def next_page_url(self, response: TextResponse) -> str | None:
        """The link whose ``_cur`` is one more than this page's (pager labels vary by build)."""
        wanted = current_page(response.url) + 1
        for href in response.css("a[href]::attr(href)").getall():
            if "_cur=" in href and current_page(response.urljoin(href)) == wanted:
                return response.urljoin(href)
        return None
