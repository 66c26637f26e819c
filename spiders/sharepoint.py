"""SharePoint publishing portals (``/Pages/*.aspx``, ``/Trang/*.aspx``), incl. PublishingPortal.

Generated ids (``ctl00_ctl39_g_<guid>``) differ per site, so listings are read by structure:
article links inside the main zone. Paging is ``?Page=N`` on some builds and a postback on
others (``javascript:__doPostBack('ctl00$…','Page$2')``, replayed with the page's form by the
base spider); ``spiders.pagination`` finds either. The PublishingPortal variant (Bắc Kạn) is
the same walk; only the article markup differs, and that is the extractor's business.
"""

from __future__ import annotations

import re

from scrapy.http import TextResponse

from spiders.base import ListingEntry, PortalSpider


class SharePointSpider(PortalSpider):
    family = "sharepoint"
    variant = ""
    article_url_re = re.compile(
        r"/(?:Pages|Trang|pages|trang)/(?:[^?#]*/)?[\w%-]+-[0-9a-f]{3,}\.aspx$|ChiTiet\w*\.aspx\?(?:.*&)?(?:nid|ItemID|id)=\d+|chi-tiet[\w-]*\.aspx\?(?:.*&)?(?:ItemID|nid|id)=\d+",
        re.IGNORECASE,
    )
    ignore_url_re = re.compile(r"[?&]Page=\d+|/_layouts/|/Lists/[^/]+/Attachments/|\.(?:pdf|docx?|xlsx?)$", re.IGNORECASE)
    main_zone_css = "#DeltaPlaceHolderMain, #s4-bodyContainer, #aspnetForm, body"

    def anchor_entries(self, response: TextResponse):  # type: ignore[no-untyped-def]
        zone = response.css(self.main_zone_css)[:1] or [response]
        for link in zone[0].css("a[href]"):
            title = link.attrib.get("title") or " ".join(link.css("::text").getall())
            yield ListingEntry(response.urljoin(link.attrib["href"]), title.strip() or None, self.date_near(link))

    @staticmethod
    def date_near(link) -> str | None:  # type: ignore[no-untyped-def]
        """A dd/mm/yyyy printed in the same list item or row as the link, raw."""
        text = " ".join(link.xpath("ancestor::*[self::li or self::tr or self::div][1]//text()").getall())
        found = re.search(r"\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2})?", text)
        return found.group(0) if found else None


class SharePointPublishingPortalSpider(SharePointSpider):
    variant = "publishingportal"
