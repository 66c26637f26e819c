"""Spiders: one class per CMS family; a site is one line of data/portals.csv.

``FAMILIES`` maps the registry's ``family`` column to its spider class. No heavy imports here:
Scrapy's spider loader imports every module under ``SPIDER_MODULES``.
"""

from spiders.base import PortalSpider
from spiders.generic import GenericSpider
from spiders.liferay import LiferaySpider
from spiders.nukeviet import NukeVietSpider
from spiders.sharepoint import SharePointPublishingPortalSpider, SharePointSpider
from spiders.wordpress import WordPressSpider

FAMILIES: dict[str, type[PortalSpider]] = {
    "nukeviet": NukeVietSpider,
    "wordpress": WordPressSpider,
    "liferay": LiferaySpider,
    "sharepoint": SharePointSpider,
    "generic": GenericSpider,
}

# Registry rows may name a variant of a family ("sharepoint" + "publishingportal").
VARIANTS: dict[tuple[str, str], type[PortalSpider]] = {
    ("sharepoint", "publishingportal"): SharePointPublishingPortalSpider,
}


def spider_for(family: str, variant: str | None = None) -> type[PortalSpider]:
    """The spider class for a registry row's family (and optional variant)."""
    return VARIANTS.get((family, variant or ""), FAMILIES[family])


__all__ = ["FAMILIES", "VARIANTS", "PortalSpider", "spider_for"]
