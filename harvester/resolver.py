"""Name resolution for the crawl that refuses host names answering with a non-public address.

The redirect guard (``harvester/middlewares.py``) keeps a crawl on its portal's registered hosts,
judging URLs by host name and literal address. A registered name can still resolve to loopback or a
private network — by a DNS rebinding, a hijacked or lapsed domain, or a typo in the registry — and
the crawler would then read the operator's own network and store what it finds as a portal page.
Scrapy connects to whatever its resolver answers, so the check sits here, on the address that will
be connected to: a host name whose answer is loopback, private, link-local, reserved or multicast
fails like a name that does not resolve. Literal addresses are not names and pass (the imitation
portals listen on 127.0.0.x, registered as such). ``HARVESTER_ALLOW_PRIVATE_HOSTS`` turns the
check off for an operator who crawls mirrors on their own network.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

log = logging.getLogger(__name__)


class PrivateAddressRefused(DNSLookupError):
    """A host name resolved to an address that is not on the public internet.

    A DNSLookupError, so the request fails the way an unresolvable name does (Twisted's resolver
    adapter passes such errors on quietly and the spider records a fault row)."""


def is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_global
    except ValueError:
        return False


def is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing non-public answers for host names (module docstring)."""

    def __init__(self, reactor: Any, cache_size: int, timeout: float, *, allow_private: bool = False) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.allow_private = allow_private

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PublicOnlyResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"),
                   allow_private=settings.getbool("HARVESTER_ALLOW_PRIVATE_HOSTS"))

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # the name is Twisted's interface
        answer = super().getHostByName(name, timeout)
        if self.allow_private or is_literal(name):
            return answer
        # checked on every call, cached answers included: the cache is not where a refusal is kept
        return answer.addCallback(_refuse_private, name)


def _refuse_private(address: str, name: str) -> str:
    if is_public(address):
        return address
    log.warning("refused %s: it resolves to %s, a local or private address "
                "(set HARVESTER_ALLOW_PRIVATE_HOSTS=1 to crawl hosts on your own network)", name, address)
    raise PrivateAddressRefused(f"{name} resolves to a local or private address ({address}); refused")
