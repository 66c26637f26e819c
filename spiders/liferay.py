"""Liferay 6.2 / 7.x asset publishers (incl. VNPT / EcoIT builds).

Listings page with ``…_cur=N`` in the query (pager labels "Tiếp", numbers; ``spiders.pagination``);
detail links carry ``redirect=`` (and ``inheritRedirect``) that make one article appear under
many URLs, so every link is canonicalised before it is compared with the seen set or requested.
"""

from __future__ import annotations

import re

from spiders.base import PortalSpider


class LiferaySpider(PortalSpider):
    family = "liferay"
    article_url_re = re.compile(
        r"/-/asset_publisher/\w+/content/|/content/id/\d+|/chi-tiet[\w-]*\?(?:.*&)?id=\d+|/-/details/\d+/|/w/[\w-]+$"
    )
    ignore_url_re = re.compile(r"/documents/\d+/|/image/journal/|p_p_lifecycle=2")
    listing_item_css = "div.asset-abstract, div.news-item, li.news-item"
    item_link_css = ".asset-title a, h3 a, h2 a, a"
    item_date_css = ".metadata-publish-date ::text, .date ::text"
