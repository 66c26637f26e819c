"""Find the next page of a listing, whatever pager the theme prints.

Real portals rarely print ``rel=next``: NukeViet's ``nv_generate_page`` prints numbered
``<li><a href="…/page-2/">2</a>`` links and a "»" without ``rel``; WordPress prints
``a.next.page-numbers`` "Sau »"; custom CMSs print "Trang sau" or "Tiếp"; SharePoint pagers
post the page back to itself (``javascript:__doPostBack('ctl00$…','Page$2')``). The rules, first
match wins:

1. ``a[rel=next]`` / ``link[rel=next]``;
2. a link labelled as "next" ("»", "›", "Trang sau", "Tiếp", "Sau", "Next", …);
3. inside a pager (an element whose class or id says pag…/pager/nav-links), the link whose text
   is the next page number;
4. a link to this very listing with its page number one higher: ``?page=N`` (any case),
   ``/page-N/``, ``/page/N/``, ``/trang-N.html``, ``…_cur=N``, ``?start=<offset>``;
5. any of those links written as a SharePoint ``__doPostBack`` gives a :class:`Postback` (the
   spider replays the page's form with that event target and argument).

Links the spider takes for articles are never a next page ("Bài tiếp theo" on a detail page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy.http import TextResponse

from extractors.text import fold_words

# Labels that mean "next page", compared folded ("Trang sau »" → "trang sau").
NEXT_LABELS = frozenset({"»", "›", ">", ">>", "→", "trang sau", "trang tiep", "tiep", "tiep theo", "sau", "xem tiep",
                         "next", "next page", "older posts", "bai cu hon", "tin cu hon"})
_ARROWS = "»›>→ \u00a0"
_PAGER_HINT = re.compile(r"pag|pager|nav-links|page-nav", re.IGNORECASE)
_POSTBACK = re.compile(r"""__doPostBack\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]*)['"]\s*\)""")

# Where listings keep their page number: (pattern on the URL, how to write page n).
_QUERY_KEYS = ("page", "trang", "paged", "p_page", "pg")


@dataclass(frozen=True)
class Postback:
    """An ASP.NET/SharePoint pager link: replay the form with these two hidden fields."""

    event_target: str
    event_argument: str


def postback_form(response: TextResponse, postback: Postback) -> tuple[str, dict[str, str]] | None:
    """(URL, fields) of the POST a browser sends when the pager link is clicked: every field of
    the page's ASP.NET form (the one holding ``__VIEWSTATE``) as it stands, with the pager's
    event target and argument; None when the page has no such form."""
    form = response.xpath("//form[.//input[@name='__VIEWSTATE']]")[:1]
    if not form:
        return None
    fields: dict[str, str] = {}
    for node in form.xpath(".//input[@name]"):
        kind = (node.attrib.get("type") or "text").lower()
        if kind in ("submit", "button", "image", "reset", "file"):
            continue
        if kind in ("checkbox", "radio") and "checked" not in node.attrib:
            continue
        fields[node.attrib["name"]] = node.attrib.get("value", "on" if kind in ("checkbox", "radio") else "")
    for node in form.xpath(".//select[@name]"):
        chosen = node.xpath(".//option[@selected]/@value").get() or node.xpath(".//option/@value").get() or ""
        fields[node.attrib["name"]] = chosen
    for node in form.xpath(".//textarea[@name]"):
        fields[node.attrib["name"]] = "".join(node.xpath("./text()").getall())
    fields["__EVENTTARGET"] = postback.event_target
    fields["__EVENTARGUMENT"] = postback.event_argument
    action = form.attrib.get("action") or response.url
    return response.urljoin(action), fields


@dataclass(frozen=True)
class _Link:
    href: str
    label: str  # folded text (or title), arrows kept
    in_pager: bool


_PAGER_LINKS = ("//*[contains(translate(@class, 'PAGIN', 'pagin'), 'pag') or contains(translate(@id, 'PAGIN', 'pagin'), 'pag') "
                "or contains(@class, 'nav-links')]//a[@href]")


def _links(response: TextResponse) -> Iterator[_Link]:
    # lxml hands out one proxy per element while a reference to it lives: keep them in the set
    in_pagers = {node.root for node in response.xpath(_PAGER_LINKS)}
    for node in response.css("a[href]"):
        href = (node.attrib.get("href") or "").strip()
        text = " ".join(node.css("::text").getall()).strip() or node.attrib.get("title", "")
        yield _Link(href, " ".join(text.split()), node.root in in_pagers)


def _is_next_label(label: str) -> bool:
    if not label:
        return False
    if label.strip(_ARROWS) == "":  # only arrows: "»", "›", ">>"
        return label.strip() in NEXT_LABELS
    return fold_words(label.strip(_ARROWS)) in NEXT_LABELS


# --- page numbers written in URLs ----------------------------------------------------------------

_PATH_FORMS = (
    re.compile(r"/page-(\d+)/?$"),  # NukeViet /vi/news/<cat>/page-2/
    re.compile(r"/page/(\d+)/?$"),  # WordPress /category/x/page/2/
    re.compile(r"/trang-(\d+)\.html?$"),  # /tin-tuc/trang-2.html
)


def _is_page_key(key: str) -> bool:
    low = key.lower()
    return low in _QUERY_KEYS or low.endswith("_cur") or low == "start"


def page_number(url: str) -> tuple[str, int, bool] | None:
    """(the URL without its page marker, the page number, whether it counts items (``start=``))
    when the URL carries a page marker; page 1 usually carries none."""
    parts = urlsplit(url)
    for form in _PATH_FORMS:
        found = form.search(parts.path)
        if found:
            base = parts.path[: found.start()] + "/"
            return urlunsplit(parts._replace(path=base, fragment="")), int(found.group(1)), False
    query = parse_qsl(parts.query, keep_blank_values=True)
    for key, value in query:
        if _is_page_key(key) and value.isdigit():
            rest = urlencode([(k, v) for k, v in query if not _is_page_key(k)])
            return urlunsplit(parts._replace(query=rest, fragment="")), int(value), key.lower() == "start"
    return None


def _without_fragment(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def is_page_after(candidate: str, current: str) -> bool:
    """``candidate`` is the listing ``current`` one page further on (for ``start=`` offsets: any
    later offset, the first one a pager prints being the next)."""
    found = page_number(candidate)
    if found is None:
        return False
    base, number, offset = found
    here = page_number(current)
    if here is None:  # the first page: the same listing without any page marker
        here = (_without_fragment(current), 0 if offset else 1, offset)
        if base.rstrip("/") != here[0].rstrip("/"):
            return False
    elif here[0] != base:
        return False
    return number > here[1] if offset else number == here[1] + 1


# --- the rules ----------------------------------------------------------------------------------


def next_page(response: TextResponse, *, page: int, is_article: Callable[[str], bool]) -> str | Postback | None:
    """The next page of the listing ``response`` (page ``page`` of its walk), or None at the end."""
    rel = response.css("a[rel~=next]::attr(href), link[rel~=next]::attr(href)").get()
    if rel and not rel.strip().lower().startswith(("javascript", "#")):
        return response.urljoin(rel.strip())
    links = list(_links(response))
    candidates = [
        *(link for link in links if _is_next_label(link.label)),
        *(link for link in links if link.in_pager and link.label == str(page + 1)),
    ]
    for link in candidates:
        target = _target(response, link.href, is_article)
        if target is not None:
            return target
    for link in links:
        if link.href.lower().startswith(("javascript", "#", "mailto:")):
            continue
        url = response.urljoin(link.href)
        if not is_article(url) and is_page_after(url, response.url):
            return url
    return None


def _target(response: TextResponse, href: str, is_article: Callable[[str], bool]) -> str | Postback | None:
    postback = _POSTBACK.search(href)
    if postback:
        return Postback(postback.group(1), postback.group(2))
    if not href or href.lower().startswith(("javascript", "#", "mailto:")):
        return None
    url = response.urljoin(href)
    if url.split("#")[0] == response.url.split("#")[0] or is_article(url):
        return None
    if urlsplit(url).hostname != urlsplit(response.url).hostname:
        return None
    return url
