"""OCOP harvester: crawl Vietnamese provincial portals, extract OCOP figures, keep them auditable."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
