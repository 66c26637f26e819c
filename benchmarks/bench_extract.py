"""Throughput of extract_html on portal-like HTML pages, compared with trafilatura.extract.

Run:  python benchmarks/bench_extract.py [--pages 200] [--repeat 3]

Two page sets, each timed against trafilatura.extract on the same pages:

* "family pages": article pages exactly as the imitation portals of every CMS family render them
  (NukeViet, WordPress, Liferay, SharePoint, newspaper), which is what a crawl of a known family
  sees: our family selectors run, trafilatura does not.
* "unknown layout": the same articles in a layout no family rule knows, so our path falls back to
  trafilatura itself and can only be slower than it.

Prints passages/s for both tools and the time ratio (ours / trafilatura's; the aim is <= 1.5).
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
from html import escape


def _articles() -> list[tuple[str, str, list[str]]]:
    try:
        from harvester.fixture_portals.content import ARTICLES
    except ImportError:
        ARTICLES = {}
    out = []
    for a in ARTICLES.values():
        date_line = a.published.strftime("%d/%m/%Y %H:%M")
        out.append((a.title, date_line, [a.lead, *a.paragraphs]))
    if not out:
        for i in range(20):
            out.append((
                f"Tỉnh Sơn La công nhận {20 + i} sản phẩm OCOP",
                f"{(i % 27) + 1:02d}/05/2023 08:{i:02d}",
                [f"UBND tỉnh Sơn La ban hành Quyết định số {100 + i}/QĐ-UBND ngày 2/5/2023 công nhận "
                 f"{20 + i} sản phẩm OCOP, gồm {i} sản phẩm đạt 4 sao và 20 sản phẩm đạt 3 sao."] * 6,
            ))
    return out


def _page(title: str, date_line: str, paragraphs: list[str]) -> str:
    menu = "".join(f"<li><a href='/c{i}'>Chuyên mục {i}</a></li>" for i in range(25))
    related = "".join(f"<li><a href='/r{i}'>Tin liên quan số {i}</a> (1{i % 9}/06/2021)</li>" for i in range(10))
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} - Cổng thông tin</title></head><body>"
        "<div class='header'>Đường dây nóng: 0900.000.000 - Thứ năm 05/12/2024 01:26</div>"
        f"<ul class='menu'>{menu}</ul><div class='main'><div class='news-detail'>"
        f"<h1 class='title'>{escape(title)}</h1><span class='h5'>{date_line}</span>"
        f"<div class='bodytext'>{body}</div></div>"
        f"<div class='related'><h3>Những tin cũ hơn</h3><ul>{related}</ul></div></div>"
        "<div class='footer'>Địa chỉ: số 1 đường Trần Phú, thành phố Hà Tĩnh</div></body></html>"
    )


def _family_pages() -> list[str]:
    """Article pages as each imitation portal serves them (rendered in-process, no server)."""
    from harvester.fixture_portals.farm import build_site

    pages = []
    for site_id in ("nukeviet", "wordpress", "liferay", "sharepoint", "generic"):
        site = build_site(site_id)
        for post in site.newest_first():
            response = site.dispatch(post.path, {}, {})
            if response.status == 200:
                pages.append(response.body.decode("utf-8", "replace"))
    return pages


def _rate(fn, pages: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for page in pages:
            fn(page)
        best = min(best, time.perf_counter() - start)
    return len(pages) / best if best > 0 else float("inf")


def _compare(label: str, pages: list[str], repeat: int) -> None:
    import trafilatura

    from extractors.pipeline import extract_html

    extract_html(pages[0])  # warm caches (gazetteer, regexes, compiled selectors)
    trafilatura.extract(pages[0])
    ours = _rate(extract_html, pages, repeat)
    theirs = _rate(trafilatura.extract, pages, repeat)
    print(f"{label}: {len(pages)} pages, average {sum(map(len, pages)) // len(pages)} chars")
    print(f"  extract_html (main text + all extractors): {ours:8.1f} passages/s")
    print(f"  trafilatura.extract (main text only):       {theirs:8.1f} passages/s")
    print(f"  time ratio ours / trafilatura: {theirs / ours:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    family = _family_pages()
    _compare("family pages", [family[i % len(family)] for i in range(args.pages)], args.repeat)
    articles = _articles()
    unknown = [_page(*articles[i % len(articles)]) for i in range(args.pages)]
    _compare("unknown layout", unknown, args.repeat)


if __name__ == "__main__":
    main()
