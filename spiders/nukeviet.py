"""NukeViet 4 news module (default and eGov themes).

Listings ``/vi/news/<cat>/page-N/`` print items as ``div.panel-body > h3 > a[title]`` with the
date in ``ul.list-inline li``. Paging: ``ul.pagination`` holds ``a[rel=next]`` on some themes
and only numbered ``<li><a href="…/page-2/">2</a>`` links and a "»" on others
(``nv_generate_page``); ``spiders.pagination`` reads either. The RSS feed ``/vi/news/rss/`` has
the pubDate bug (minutes = month), so its dates are handed on raw and never trusted over the
article's own date line. Print and savefile copies of an article are never fetched.
"""

from __future__ import annotations

import re

from spiders.base import PortalSpider


class NukeVietSpider(PortalSpider):
    family = "nukeviet"
    # /vi/news/<cat>/<alias>-<id>.html, /news/<cat>/…, or /<cat>/<alias>-<id>.html
    article_url_re = re.compile(r"/[\w%.-]+/[\w%.-]+-\d+\.html?(?:$|\?(?!download))")
    ignore_url_re = re.compile(r"/(?:print|savefile|rss|search|tag|sitemap|laws|van-ban)/|[?&]download=")
    listing_item_css = "div.news_column div.panel-body, div.list-group a.show, div.thumbnail div.caption"
    item_link_css = "h2 a, h3 a, h4 a, a.show"
    item_date_css = "ul.list-inline li:first-child ::text"
    default_start_paths = ("/vi/news/rss/", "/vi/news/search/?q=OCOP", "/vi/news/")
