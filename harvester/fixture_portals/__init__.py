"""Imitation Vietnamese provincial portals served on loopback, for tests and `harvester demo`.

    from harvester.fixture_portals import start_farm
    with start_farm(["nukeviet", "generic"], seed=0) as farm:
        farm.url("nukeviet")            # "http://127.0.0.11:<port>/"  (trailing slash)
        farm.sites["nukeviet"].posts    # list[Post] (oldest first): .article (content.Article), .path, .post_id
        farm.publish("generic", n=2)    # n new OCOP articles at the top of listings/feeds; returns the Posts
        farm.request_log("nukeviet")    # [(method, path?query, status), ...] as served
        farm.write_registry(path)       # registry CSV pointing at the running sites

Each site runs its own ThreadingHTTPServer on 127.0.0.N (fixed N per site id, from 11) and port 0,
so every site is its own host. Site ids: nukeviet, wordpress, liferay, sharepoint, generic, faults
(default set) and bulk (benchmark: `start_farm(["bulk"], bulk_pages=N)`). The URL map of each site
is in the docstring of its module (nukeviet.py, wordpress.py, ...).

Every 200 answer gets an ETag and a Last-Modified; If-None-Match / If-Modified-Since give 304.

Route table (for other sections, e.g. documents and attachments):

    site = farm.sites["nukeviet"]       # or build_site("nukeviet") before starting
    site.add_route("/vi/laws/", handler, prefix=True)   # or "/vi/laws/*"; exact paths win, then longest prefix
    def handler(path: str, query: dict[str, list[str]], headers: dict[str, str]) -> Response: ...
    Response(status=200, headers={"Content-Type": ...}, body=b"...", delay=0.0, truncate=False,
             cacheable=True, last_modified=None)

Routes can be added while the farm runs. `site.state` is free per-site storage; NukeViet article
attachments (`<article>?download=1&id=0`) are served from `site.state["files"][post.path] =
(bytes, content_type)` when set, else a small placeholder PDF. `site.document_paths` feeds the
registry's document_urls column.

`python -m harvester.fixture_portals [--sites a,b] [--seed N]` serves the farm in its own process
and prints one JSON line {"sites": {id: url}}.

Content (articles, their facts, the planted cross-site conflicts) lives in content.py.
"""

from harvester.fixture_portals.content import ARTICLES, PLANTED, SITE_ARTICLES, Article
from harvester.fixture_portals.farm import SITE_TABLE, Farm, build_site, start_farm
from harvester.fixture_portals.server import Post, Response, Site

__all__ = [
    "ARTICLES", "PLANTED", "SITE_ARTICLES", "SITE_TABLE", "Article", "Farm", "Post", "Response", "Site",
    "build_site", "start_farm",
]
