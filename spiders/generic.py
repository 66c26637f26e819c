"""Any other site: sitemaps (with lastmod), RSS/Atom feeds and listing pages.

Link discovery stays on the start URL's host and follows only article-like URLs: a slug of
several words or an id at the end of the path (``…-60243.html``, ``/bai-viet/<slug>``,
``?id=123``), or a page file inside a section folder (``/tin/bai-moi.html``). The next page is
found by ``spiders.pagination`` (rel=next, "Trang sau"/"Tiếp"/"»", numbers, ``?page=N``…).
"""

from __future__ import annotations

import re

from spiders.base import PortalSpider


class GenericSpider(PortalSpider):
    family = "generic"
    article_url_re = re.compile(
        r"/[^/?#]*(?:[a-z0-9]+-){2,}[a-z0-9]+[^/?#]*(?:\.html?|\.aspx|\.php)?$"  # multi-word slug
        r"|/(?:[a-z0-9]+-){4,}[a-z0-9]+/$"  # with a trailing slash only when long (else a section)
        r"|[-/_]\d{3,}\.(?:html?|aspx|vgp|vnp)$|[?&](?:id|p|nid|ItemID|newsid)=\d+"
        r"|^https?://[^/]+/[^?#]+/[^/?#]+\.(?:html?|aspx|php)$",  # a page inside a section folder
        re.IGNORECASE,
    )
    ignore_url_re = re.compile(
        r"/(?:tag|tags|category|danh-muc|chuyen-muc|page|trang|search|tim-kiem|rss|feed|lien-he|login)/"
        r"|/(?:trang|page)-\d+(?:\.html?)?/?$|[?&](?:page|start|p_p_lifecycle)=|\.(?:jpe?g|png|gif|pdf|docx?|xlsx?|zip|rar|mp4|css|js|xml)$",
        re.IGNORECASE,
    )
