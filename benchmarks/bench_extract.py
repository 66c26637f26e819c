"""Time of extract_html on article pages of real length, against trafilatura.extract on the same pages.

Run:  python benchmarks/bench_extract.py [--runs 7] [--huge] [--given-family] [--cpu]

Articles: eight, written for this benchmark (never corpus text), 950 to 4,500 characters of main
text (mean about 2,200), spread like the real dev passages. Page sets:

* one per CMS family — NukeViet, WordPress, Liferay, SharePoint and the newspaper layout — as the
  imitation portals render an article page (menus, sidebars, related lists, footer);
* "unknown layouts": the same articles in three layouts no family rule knows (unknown classes,
  an old table layout, a bare HTML5 page), where our path falls back to trafilatura.

For each set, A = ``extract_html`` (main text + dates, places, documents, figures) and B =
``trafilatura.extract`` (main text only) run alternately, page set by page set, for ``--runs``
rounds; the script prints the median time per page of each, the ratio A/B, and the share of A
spent in ``main_text``; then the time of ``extract`` and of its largest parts on the main texts.
By default A fingerprints each page's CMS (``detect_family``); ``--given-family`` hands A the family
of each family set, as the crawl does (``harvester/ingest.py`` passes the registry's family).
find_places keeps the mentions of its last few texts, and every page set holds the same articles:
A empties that cache before each page, as a crawl (which never reads a text twice) would find it. ``--huge`` adds the time and peak memory of extract_html on generated
10 MB and 50 MB pages, each in its own process. ``--cpu`` times A and B with the process's CPU
time instead of wall time: on a machine shared with other work the ratios then move less between
runs. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from html import escape

import trafilatura

from extractors.documents import find_documents
from extractors.figures import find_figures
from extractors.html import main_text
from extractors.pipeline import extract, extract_html
from extractors.places import _find_places, find_places
from extractors.text import normalize
from harvester.fixture_portals.content import Article
from harvester.fixture_portals.farm import SITE_TABLE
from harvester.fixture_portals.server import Site

FAMILIES = ("nukeviet", "wordpress", "liferay", "sharepoint", "generic")
LENGTHS = (950, 1320, 1520, 1540, 1570, 2200, 3500, 4500)

# Paragraphs written for this benchmark in the manner of provincial OCOP news.
PARAGRAPHS = (
    "Năm 2024, Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh đã tổ chức hai đợt chấm điểm cho 86 sản phẩm "
    "của 52 chủ thể. Kết quả có 61 sản phẩm đạt 3 sao, 19 sản phẩm đạt 4 sao; 6 sản phẩm chưa đạt yêu cầu và "
    "được hướng dẫn hoàn thiện hồ sơ để tham gia đợt sau.",
    "Ngày 18/11/2024, UBND tỉnh ban hành Quyết định số 2716/QĐ-UBND công nhận kết quả đánh giá, phân hạng "
    "sản phẩm OCOP đợt 2 năm 2024. Các sản phẩm được công nhận được sử dụng biểu trưng OCOP trên bao bì trong "
    "thời hạn 36 tháng kể từ ngày ký quyết định.",
    "Lũy kế đến nay, toàn tỉnh có 312 sản phẩm OCOP còn hiệu lực, trong đó 2 sản phẩm đạt 5 sao, 64 sản phẩm "
    "đạt 4 sao và 246 sản phẩm đạt 3 sao. Các huyện có nhiều sản phẩm nhất là huyện Bảo Yên, huyện Văn Bàn và "
    "thị xã Sa Pa.",
    "Theo Kế hoạch số 145/KH-UBND ngày 02/3/2025, tỉnh phấn đấu trong năm 2025 có thêm ít nhất 40 sản phẩm đạt "
    "từ 3 sao trở lên, trong đó có 10 sản phẩm 4 sao; đồng thời đề xuất Trung ương đánh giá, công nhận 2 sản "
    "phẩm tiềm năng 5 sao.",
    "Các chủ thể tham gia chương trình phần lớn là hợp tác xã và hộ kinh doanh. Nhiều cơ sở đã đầu tư máy móc, "
    "cải tiến bao bì, mẫu mã, xây dựng hệ thống truy xuất nguồn gốc bằng mã QR và đưa sản phẩm lên các sàn "
    "thương mại điện tử để mở rộng thị trường tiêu thụ.",
    "Phó Giám đốc Sở Nông nghiệp và Môi trường cho biết, bên cạnh số lượng, tỉnh chú trọng nâng cao chất lượng "
    "và giá trị gia tăng của sản phẩm; gắn phát triển sản phẩm OCOP với du lịch nông thôn, làng nghề truyền "
    "thống và xây dựng nông thôn mới nâng cao.",
    "Thực hiện Chương trình mỗi xã một sản phẩm giai đoạn 2021 - 2025 theo Quyết định số 919/QĐ-TTg ngày "
    "01/8/2022 của Thủ tướng Chính phủ, tỉnh đã bố trí hơn 25 tỷ đồng hỗ trợ các chủ thể về thiết kế nhãn "
    "mác, xúc tiến thương mại và đào tạo kỹ năng quản trị.",
    "Tại hội nghị, đại biểu các huyện đã chia sẻ kinh nghiệm trong việc lựa chọn sản phẩm chủ lực, hỗ trợ chủ "
    "thể hoàn thiện hồ sơ và kết nối tiêu thụ. Một số ý kiến đề nghị tỉnh sớm có cơ chế hỗ trợ chứng nhận "
    "VietGAP, hữu cơ cho vùng nguyên liệu.",
    "Huyện Mường Khương hiện có 28 sản phẩm OCOP, tăng 7 sản phẩm so với cùng kỳ năm trước. Các sản phẩm chủ "
    "yếu là chè, gạo đặc sản, tương ớt và rượu ngô men lá, được bày bán tại các điểm giới thiệu sản phẩm ở "
    "trung tâm huyện và các khu du lịch.",
    "Trong đợt này, có 9 sản phẩm được đánh giá lại sau khi hết thời hạn công nhận. Hội đồng đã xem xét kết "
    "quả kiểm nghiệm, hồ sơ công bố chất lượng và hiệu quả kinh doanh của từng chủ thể trước khi đề nghị cấp "
    "lại giấy chứng nhận.",
    "Sở Công Thương phối hợp tổ chức 3 hội chợ và 12 phiên giới thiệu sản phẩm trực tuyến, thu hút hơn 140 gian "
    "hàng của các chủ thể OCOP. Doanh thu bán hàng tại các hội chợ ước đạt 6,8 tỷ đồng, tăng 20% so với năm "
    "trước.",
    "Để chương trình phát triển bền vững, tỉnh sẽ tiếp tục rà soát các sản phẩm hết hạn, hỗ trợ chủ thể nâng "
    "hạng sao, đồng thời kiên quyết thu hồi giấy chứng nhận đối với sản phẩm không duy trì được tiêu chuẩn chất "
    "lượng đã đăng ký.",
    "Thị xã Nghĩa Lộ là địa phương dẫn đầu về số sản phẩm mới, với 11 sản phẩm được công nhận trong năm, chủ yếu "
    "từ gạo nếp Tú Lệ, chè shan tuyết và các món ăn đặc sản chế biến sẵn của đồng bào dân tộc Thái.",
    "Hợp tác xã Nông nghiệp Tân Phong cho biết, từ khi sản phẩm miến dong đạt 4 sao, đơn hàng tăng gần gấp đôi; "
    "hợp tác xã đã ký hợp đồng cung ứng thường xuyên cho hai chuỗi siêu thị ở Hà Nội và Thành phố Hồ Chí Minh.",
    "Báo cáo của Văn phòng Điều phối nông thôn mới tỉnh nêu rõ những hạn chế: nhiều chủ thể quy mô nhỏ, thiếu vốn "
    "đầu tư; một số sản phẩm chưa ổn định chất lượng giữa các lô; công tác quảng bá còn phụ thuộc vào hỗ trợ của "
    "Nhà nước.",
    "Giai đoạn 2021 - 2025, tỉnh đặt mục tiêu có 350 sản phẩm OCOP, trong đó ít nhất 5 sản phẩm đạt 5 sao cấp "
    "quốc gia. Đến nay, mục tiêu về số lượng đã hoàn thành 89%, mục tiêu về sản phẩm 5 sao mới đạt 2 sản phẩm.",
    "Huyện Bắc Hà đã hỗ trợ 14 chủ thể xây dựng điểm bán hàng gắn với homestay, giúp du khách trải nghiệm quy "
    "trình nấu rượu ngô, làm bánh tam giác mạch và mua sản phẩm ngay tại nơi sản xuất.",
    "Theo Công văn số 1863/SNN-VPĐP, các huyện hoàn thành việc rà soát hồ sơ trước ngày 30/9; hồ sơ hợp lệ được "
    "chuyển Hội đồng cấp tỉnh đánh giá trong tháng 10, kết quả công bố trước ngày 15/11.",
    "Nhiều sản phẩm từ dược liệu như trà giảo cổ lam, cao actiso, tinh dầu quế được thị trường đón nhận; doanh "
    "thu của các chủ thể sau khi đạt chuẩn OCOP tăng bình quân 18 - 25% mỗi năm.",
    "Trong thời gian tới, tỉnh sẽ ưu tiên hỗ trợ các sản phẩm có tiềm năng xuất khẩu, hoàn thiện tiêu chuẩn cơ "
    "sở, mã số vùng trồng và tham gia các hội chợ quốc tế tại Nhật Bản, Hàn Quốc và Liên minh châu Âu.",
)


def _article_text(length: int, start: int) -> tuple[str, tuple[str, ...]]:
    """A lead and paragraphs of about ``length`` characters, starting at paragraph ``start``."""
    chosen: list[str] = []
    i = start
    while sum(len(p) + 2 for p in chosen) < length and len(chosen) < len(PARAGRAPHS):
        chosen.append(PARAGRAPHS[i % len(PARAGRAPHS)])  # never the same paragraph twice in one article
        i += 1
    return chosen[0], tuple(chosen[1:])


def articles() -> list[Article]:
    out = []
    provinces = ("Lào Cai", "Quảng Trị", "Đắk Nông", "Cao Bằng", "Yên Bái", "Hậu Giang", "Sơn La", "Nghệ An")
    for i, length in enumerate(LENGTHS):
        lead, paragraphs = _article_text(length, start=i * 3)
        out.append(Article(
            key=f"bench-{i}", title=f"{provinces[i]}: thêm {20 + i} sản phẩm được công nhận đạt chuẩn OCOP",
            published=datetime(2025, 3, 10 + i, 8, 30) - timedelta(days=40 * i), province=provinces[i],
            lead=lead, paragraphs=paragraphs, author="Minh Hà", source="Sở Nông nghiệp và Môi trường",
        ))
    return out


def family_pages(family: str, arts: list[Article]) -> list[str]:
    """Article pages as the imitation portal of ``family`` renders them (in-process, no server)."""
    _, name, province, install, _ = SITE_TABLE[family]
    site = Site(family, family, name, province)
    install(site)
    pages = []
    for post in site.add_articles(arts):
        response = site.dispatch(post.path, {}, {})
        assert response.status == 200, (family, post.path, response.status)
        pages.append(response.body.decode("utf-8"))
    return pages


def _chrome() -> tuple[str, str, str]:
    menu = "".join(f"<li><a href='/muc/{i}'>Chuyên mục {i}</a></li>" for i in range(25))
    related = "".join(f"<li><a href='/tin/{i}'>Tin liên quan số {i}</a> ({10 + i % 18}/02/2025)</li>" for i in range(10))
    footer = "Cơ quan chủ quản: Sở Nông nghiệp và Môi trường. Địa chỉ: số 1 đường Trần Phú. ĐT: 0214.3840.123"
    return menu, related, footer


def unknown_pages(arts: list[Article]) -> list[str]:
    """The same articles in three layouts that no family rule or generic selector knows."""
    menu, related, footer = _chrome()
    pages = []
    for i, a in enumerate(arts):
        date = a.published.strftime("%d/%m/%Y %H:%M")
        body = "".join(f"<p>{escape(p)}</p>" for p in a.body_paragraphs)
        head = f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{escape(a.title)}</title></head>"
        if i % 3 == 0:  # unknown classes
            pages.append(
                f"{head}<body><div class='dau-trang'>Thứ hai, 17/03/2025</div><ul class='thanh-menu'>{menu}</ul>"
                f"<div class='khung'><div class='tin-chi-tiet'><h2 class='tieu-de'>{escape(a.title)}</h2>"
                f"<div class='ngay-dang'>{date}</div><div class='noi-dung-tin'>{body}</div>"
                f"<div class='tac-gia'>{a.author}</div></div><div class='cot-phai'><h3>Tin cũ hơn</h3><ul>{related}</ul>"
                f"</div></div><div class='chan-trang'>{footer}</div></body></html>")
        elif i % 3 == 1:  # an old table layout
            pages.append(
                f"{head}<body><table width='100%'><tr><td colspan='2'><img src='/banner.gif'></td></tr>"
                f"<tr><td width='200' valign='top'><ul>{menu}</ul></td><td valign='top'>"
                f"<font size='4'><b>{escape(a.title)}</b></font><br><i>Cập nhật: {date}</i>{body}"
                f"<p align='right'><b>{a.author}</b></p><hr><b>Các tin khác</b><ul>{related}</ul></td></tr>"
                f"<tr><td colspan='2'><small>{footer}</small></td></tr></table></body></html>")
        else:  # bare HTML5
            pages.append(
                f"{head}<body><header><nav><ul>{menu}</ul></nav></header><main><article>"
                f"<h1>{escape(a.title)}</h1><p><time>{date}</time></p>{body}</article>"
                f"<aside><h3>Tin liên quan</h3><ul>{related}</ul></aside></main><footer>{footer}</footer></body></html>")
    return pages


# The clock A and B are timed with: wall time by default; ``--cpu`` takes this process's CPU time,
# which other programs on a shared machine disturb less (they still share its caches and cores).
_clock = time.perf_counter


def _ms_per_page(fn, pages: list[str]) -> float:  # type: ignore[no-untyped-def]
    start = _clock()
    for page in pages:
        fn(page)
    return (_clock() - start) * 1000 / len(pages)


def _fresh(fn):  # type: ignore[no-untyped-def]
    """``fn`` with find_places' cache of recent texts emptied first: every page set holds the same
    articles, and a crawl never sees a text twice."""
    def run(arg):  # type: ignore[no-untyped-def]
        _find_places.cache_clear()
        return fn(arg)
    return run


def compare(sets: dict[str, list[str]], runs: int, given_family: bool = False) -> None:
    for pages in sets.values():  # warm caches (gazetteer, regexes, compiled selectors, imports)
        extract_html(pages[0])
        trafilatura.extract(pages[0])
    times: dict[str, dict[str, list[float]]] = {name: {"A": [], "B": [], "main": []} for name in sets}
    for _ in range(runs):
        for name, pages in sets.items():
            # the crawl hands over the family the registry knows (harvester/ingest.py); by default the
            # page is fingerprinted, as for a page of unknown origin
            family = name if given_family and name in FAMILIES else None
            times[name]["A"].append(_ms_per_page(_fresh(functools.partial(extract_html, family=family)), pages))
            times[name]["B"].append(_ms_per_page(trafilatura.extract, pages))
            times[name]["main"].append(_ms_per_page(functools.partial(main_text, family=family), pages))
    print(f"{'page set':<16}{'pages':>6}{'chars':>8}{'A ms':>9}{'B ms':>9}{'A/B':>7}{'main_text':>11}")
    medians = {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}
    for name, pages in sets.items():
        a, b, m = (medians[name][k] for k in ("A", "B", "main"))
        text = statistics.mean(len(main_text(p).text) for p in pages)
        print(f"{name:<16}{len(pages):>6}{text:>8.0f}{a:>9.2f}{b:>9.2f}{a / b:>7.2f}{m / a:>10.0%}")
    known = [medians[f] for f in FAMILIES]
    a, b = sum(k["A"] for k in known), sum(k["B"] for k in known)
    print(f"{'known families':<16}{'':>14}{a / len(known):>9.2f}{b / len(known):>9.2f}{a / b:>7.2f}")


def parts(pages: list[str], runs: int) -> None:
    """Median ms a page of each extractor that ``extract`` runs on the pages' main texts."""
    texts = [normalize(main_text(p).text) for p in pages]
    steps = {"find_places": _fresh(find_places), "find_documents": find_documents,
             "find_figures": lambda t: find_figures(t, places=find_places(t)),  # (the places cached)
             "extract (all)": _fresh(extract)}
    for fn in steps.values():  # warm
        fn(texts[0])
    print("\nextract() on the same main texts, ms a page (find_figures is given the text's places):")
    for name, fn in steps.items():
        print(f"  {name:<16}{statistics.median(_ms_per_page(fn, texts) for _ in range(runs)):>7.2f}")


def huge(size: int) -> None:
    """Time and peak memory of extract_html on a generated page of ``size`` bytes, in a fresh process."""
    code = (
        "import resource, time\n"
        "from extractors.pipeline import extract_html\n"
        "para = lambda i: (f'<p>Đợt {i}, huyện có thêm {i % 90 + 2} sản phẩm đạt chuẩn OCOP 3 sao, nâng tổng số '\n"
        "                  f'lên {i % 400 + 45} sản phẩm; Quyết định số {i}/QĐ-UBND ngày 12/12/2023.</p>')\n"
        f"n = {size} // 170\n"
        "page = ('<html><body><h1>Trang lớn</h1><div class=\"article-content\">' + ''.join(para(i) for i in range(n))\n"
        "        + '</div></body></html>').encode()\n"
        "start = time.perf_counter()\n"
        "e = extract_html(page)\n"
        "took = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(f'{len(page) / 1e6:.1f} MB page: {took:.2f} s, peak {peak:.0f} MB (page included), {e.truncated}')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--huge", action="store_true", help="also time generated 10 MB and 50 MB pages")
    parser.add_argument("--cpu", action="store_true",
                        help="time with this process's CPU time instead of wall time (a machine shared with other work)")
    parser.add_argument("--given-family", action="store_true",
                        help="hand extract_html each family page set's family, as the crawl does (no fingerprinting)")
    args = parser.parse_args()
    if args.cpu:
        global _clock
        _clock = time.process_time
    arts = articles()
    sets = {family: family_pages(family, arts) for family in FAMILIES}
    sets["unknown layouts"] = unknown_pages(arts)
    compare(sets, args.runs, args.given_family)
    parts(sets["nukeviet"], args.runs)
    if args.huge:
        for size in (10_000_000, 50_000_000):
            huge(size)


if __name__ == "__main__":
    main()
