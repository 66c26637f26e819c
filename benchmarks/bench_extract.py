"""Throughput of extract_html on portal-like HTML pages, compared with trafilatura.extract.

Run:  /work/venv/bin/python benchmarks/bench_extract.py [--pages 200] [--repeat 3]

Pages are built from the fixture portals' articles (harvester.fixture_portals.content) wrapped
in a portal layout with a header clock, menus, a sidebar and a related-news list; when that
module is missing, simple generated articles are used. Prints passages/s for both and the ratio.
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


def _rate(fn, pages: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for page in pages:
            fn(page)
        best = min(best, time.perf_counter() - start)
    return len(pages) / best if best > 0 else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from extractors.pipeline import extract_html

    articles = _articles()
    pages = [_page(*articles[i % len(articles)]) for i in range(args.pages)]
    extract_html(pages[0])  # warm caches (gazetteer, regexes)
    ours = _rate(extract_html, pages, args.repeat)
    print(f"pages: {len(pages)} (from {len(articles)} articles), average {sum(map(len, pages)) // len(pages)} chars")
    print(f"extract_html (main text + all extractors): {ours:8.1f} passages/s")
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed: no comparison")
        return
    trafilatura.extract(pages[0])
    theirs = _rate(trafilatura.extract, pages, args.repeat)
    print(f"trafilatura.extract (main text only):       {theirs:8.1f} passages/s")
    print(f"ratio extract_html / trafilatura: {ours / theirs:.2f}")


if __name__ == "__main__":
    main()
