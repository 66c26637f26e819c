"""Research commands at scale: audit, search, export and canned queries on 10k and 100k articles.

Builds databases of synthetic articles through the write path (``storage.save_article`` with
extractions of real shape: ~2,200-character Vietnamese texts, 7 figures and 1-2 document
citations each, page bodies of portal size), refreshes the research tables as a crawl does, then
runs every command in its own process and prints its time and peak memory (``os.wait4``), with
the growth from one size to the next per 1.0× data (the aim: ≤ 1.3; audit html at 100k < 500 MB).

    python benchmarks/bench_research.py                      # 10k and 100k articles
    python benchmarks/bench_research.py --sizes 2000,20000   # quicker
    python benchmarks/bench_research.py --sizes 1000000 --keep /var/tmp/bench   # 1M (an hour to build)

Not a test: figures vary with the machine. Databases are cached in --keep (default: a temp dir).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractors.places import PROVINCES, province_2025  # noqa: E402
from extractors.records import DocumentRef, Extraction, Figure, PublishedDate  # noqa: E402

PRODUCTS = ["chè Shan tuyết", "mật ong bạc hà", "miến dong", "cam sành", "gạo nếp cái hoa vàng", "rượu ngô",
            "quế", "măng tre", "nước mắm", "bưởi da xanh", "cà phê", "hồ tiêu", "thịt trâu gác bếp", "mắm ba khía"]
FILLER = [
    "Các chủ thể OCOP được hỗ trợ xây dựng nhãn mác, bao bì và truy xuất nguồn gốc sản phẩm.",
    "Nhiều sản phẩm đã có mặt tại hệ thống siêu thị và các sàn thương mại điện tử trong nước.",
    "Hội đồng đánh giá, phân hạng sản phẩm cấp tỉnh làm việc theo đúng quy trình, công khai, minh bạch.",
    "Địa phương chú trọng phát triển sản phẩm gắn với vùng nguyên liệu và du lịch cộng đồng.",
    "Các hợp tác xã được tập huấn về kỹ năng bán hàng trực tuyến và quảng bá sản phẩm.",
    "Nhờ tham gia chương trình, thu nhập của người dân vùng nguyên liệu tăng lên đáng kể.",
    "Công tác xúc tiến thương mại được đẩy mạnh thông qua hội chợ, triển lãm trong và ngoài tỉnh.",
]
BOILERPLATE = "".join(f'<li><a href="/tin-tuc/chuyen-muc-{i}">Chuyên mục {i}: tin hoạt động, văn bản, '
                      f"thông báo của cơ quan</a></li>" for i in range(220))
REPORT_DAYS = ["03-31", "06-30", "09-30", "12-31"]  # portals report running totals at quarter ends


class Writer:
    """Builds one synthetic article: its text, and every figure located in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.figures: list[Figure] = []
        self.documents: list[DocumentRef] = []
        self.length = 0

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def sentence(self, *pieces: str | tuple[str, dict]) -> None:
        """One sentence of plain strings and (quote, figure fields) pairs; figures share the sentence."""
        text = "".join(p if isinstance(p, str) else p[0] for p in pieces)
        at = self.length
        for piece in pieces:
            if isinstance(piece, tuple):
                quote, fields = piece
                self.figures.append(Figure(quote=quote, start=at, end=at + len(quote), sentence=text.strip(),
                                           **fields))
                at += len(quote)
            else:
                at += len(piece)
        self.add(text)

    def document(self, before: str, quote: str, after: str, number: str, issued: str) -> None:
        self.add(before)
        start = self.length
        self.add(quote + after)
        self.documents.append(DocumentRef(number=number, type="Quyết định", issuer=None, issued=issued,
                                          quote=quote, start=start, end=start + len(quote)))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_article(i: int, rng: random.Random) -> tuple[dict, Extraction]:
    """Article ``i``: a province's running total at a reporting date, its breakdown, a year's new
    products, a district, a target and a decision; about 2 % of them disagree with the others."""
    old = PROVINCES[i % len(PROVINCES)]
    unit = province_2025(old) or old
    year = 2019 + (i // len(PROVINCES)) % 8
    merged = year >= 2026 and unit == old
    place = unit if merged else old
    day = f"{year}-{rng.choice(REPORT_DAYS)}"
    month = int(day[5:7])
    published = f"{year}-{month + 1:02d}-05" if month < 12 else f"{year + 1}-01-10"  # a few days after
    seed = sum(map(ord, place))
    total = 40 + seed % 60 + (year - 2019) * 18 + (60 if merged else 0)
    if rng.random() < 0.02:
        total += rng.choice([-3, -2, 2, 3])
    n5, n4 = total // 25, total // 6
    n3 = total - n5 - n4 + (1 if rng.random() < 0.01 else 0)
    p25 = province_2025(old) or old
    w = Writer()
    w.add(f"{place}: phát triển sản phẩm OCOP\n")
    w.add(f"Theo báo cáo của Văn phòng Điều phối nông thôn mới tỉnh {place}, ")
    as_of_text = f"tính đến ngày {int(day[8:]):d}/{int(day[5:7]):d}/{day[:4]}"
    common = {"place": place, "province": old if not merged else unit, "province_2025": p25, "as_of": published}
    achieved = {"status": "achieved", "year": None, "basis": "cumulative", **common}
    w.sentence(f"{as_of_text}, toàn tỉnh {place} có ",
               (f"{total} sản phẩm OCOP đạt từ 3 sao trở lên", {"count": total, "stars": "3+", **achieved}),
               ", trong đó ", (f"{n5} sản phẩm 5 sao", {"count": n5, "stars": "5", **achieved}), ", ",
               (f"{n4} sản phẩm 4 sao", {"count": n4, "stars": "4", **achieved}), " và ",
               (f"{n3} sản phẩm 3 sao", {"count": n3, "stars": "3", **achieved}), ". ")
    added = 8 + seed % 20
    w.sentence(f"Năm {year}, tỉnh có thêm ", (f"{added} sản phẩm", {
        "count": added, "stars": None, "status": "achieved", "year": year, "basis": "new", **common}),
        " được công nhận mới. ")
    district = f"huyện {rng.choice(['Bắc Hà', 'Na Hang', 'Mèo Vạc', 'Hồng Dân', 'Văn Yên', 'Lục Ngạn'])}"
    local = 5 + seed % 15
    w.sentence(f"Riêng {district} có ", (f"{local} sản phẩm OCOP", {
        "count": local, "stars": None, **(achieved | {"place": district})}), ". ")
    decision = seed % 300 + 10 * (i % 5)  # a province's decisions of one year: one date each
    number = f"{decision}/QĐ-UBND"
    issued = f"{year}-{1 + decision % 12:02d}-{1 + decision % 27:02d}"
    w.document("Thực hiện ", f"Quyết định số {number} ngày {int(issued[8:])}/{int(issued[5:7])}/{year}",
               " của UBND tỉnh, các chủ thể được trao giấy chứng nhận. ", number, issued)
    if i % 7 == 0:
        national = "2018-05-09" if rng.random() < 0.01 else "2018-05-07"
        w.document("Chương trình triển khai theo ", f"Quyết định số 490/QĐ-TTg ngày {int(national[8:])}/5/2018",
                   " của Thủ tướng Chính phủ. ", "490/QĐ-TTg", national)
    target = 40 + seed % 60 + (year - 2019) * 18 + 60
    w.sentence(f"Mục tiêu đến năm {year + 2}, tỉnh phấn đấu có ", (f"{target} sản phẩm OCOP đạt 3 sao trở lên", {
        "count": target, "stars": "3+", "status": "target", "year": year + 2, "basis": "cumulative", **common}), ". ")
    while w.length < 2100:
        w.add(rng.choice(FILLER) + " ")
        if rng.random() < 0.3:
            w.add(f"Sản phẩm {rng.choice(PRODUCTS)} của địa phương được người tiêu dùng ưa chuộng. ")
    url = f"https://portal-{i % 146}.example.gov.vn/tin-tuc/ocop-{i}.html"
    html = (f"<html><head><title>{place}</title></head><body><nav><ul>{BOILERPLATE}</ul></nav>"
            f"<article><h1>{place}: phát triển sản phẩm OCOP</h1><p>{w.text}</p></article>"
            f"<aside>tin liên quan {i}</aside></body></html>")
    item = {"kind": "article", "url": url, "final_url": url, "portal_id": f"portal-{i % 146}", "family": "generic",
            "status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": html.encode(),
            "encoding": "utf-8", "fetched_at": published + "T02:00:00+00:00"}
    extraction = Extraction(text=w.text, title=f"{place}: phát triển sản phẩm OCOP",
                            published=PublishedDate(published, "date-line", published),
                            provinces=[old], documents=w.documents, figures=w.figures)
    return item, extraction


def build(path: Path, articles: int) -> dict[str, float]:
    from harvester import storage
    from harvester.schema import open_db

    rng = random.Random(13)
    db = open_db(path)
    start = time.perf_counter()
    for i in range(articles):
        item, extraction = synthetic_article(i, rng)
        storage.save_article(db, item, None, extraction)
    written = time.perf_counter() - start
    start = time.perf_counter()
    storage.refresh_research(db)
    refreshed = time.perf_counter() - start
    figures = db.execute("SELECT count(*) FROM figures").fetchone()[0]
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return {"write_s": written, "refresh_s": refreshed, "figures": figures, "bytes": path.stat().st_size}


# --------------------------------------------------------------------------------- the measurements

CANNED_PARAMS = {"province": ["", "Yen Bai", "Lào Cai"]}


def run_operation(name: str, db: Path, out: Path) -> None:
    """One measured operation, run in a child process (``--run NAME``).

    Imports are local here and in the helpers below on purpose: a child imports only what its
    operation needs (Datasette only for the canned queries), so its peak memory is that operation's.
    """
    from harvester import export, search
    from harvester.audit import run_audit
    from harvester.report import write_report
    from harvester.schema import open_db

    if name.startswith("audit-"):
        with out.open("w", encoding="utf-8") as f:
            write_report(run_audit(db), name.removeprefix("audit-"), f, datasette_url="http://127.0.0.1:8001")
    elif name == "search":
        for query in ("miến dong", "mien dong", '"chè Shan tuyết" OR "mật ong"', "quyết định 490"):
            search.search(db, query, limit=20)
            search.count_matches(db, query)
    elif name == "export-jsonl":
        database = open_db(db)
        with out.open("w", encoding="utf-8") as f:
            export.export_articles(database, f)
    elif name == "export-csv":
        database = open_db(db)
        with out.open("w", encoding="utf-8") as f:
            export.export_table(database, "figures", f, "csv", excel=True)
    elif name == "canned":
        times = asyncio.run(_canned(db))
        out.write_text(json.dumps(times), encoding="utf-8")
    else:
        raise SystemExit(f"unknown operation {name}")
    print(json.dumps({"peak_kb": peak_kb()}))


def peak_kb() -> int:
    """This process's peak resident memory since its exec (VmHWM; ru_maxrss would include the
    memory of the parent it was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def _canned(db: Path) -> dict[str, float]:
    from harvester.metadata import CANNED_QUERIES
    from harvester.serve import make_datasette

    ds = make_datasette(db)
    slowest: dict[str, float] = {}
    for query in CANNED_QUERIES:
        for province in CANNED_PARAMS["province"]:
            start = time.perf_counter()
            response = await ds.client.get(f"/{db.stem}/{query}.json?_shape=array&province={province}")
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                raise SystemExit(f"{query} ({province!r}): HTTP {response.status_code} {response.text[:300]}")
            slowest[query] = max(slowest.get(query, 0.0), elapsed)
    start = time.perf_counter()
    response = await ds.client.get(f"/{db.stem}/articles.json?_search=mien+dong&_size=20")
    slowest["search box"] = time.perf_counter() - start
    start = time.perf_counter()
    response = await ds.client.get(f"/{db.stem}/figures.json?_facet=province&_size=10")
    slowest["facet figures.province"] = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"facet: HTTP {response.status_code}")
    return slowest


def measure(name: str, db: Path, scratch: Path) -> tuple[float, float, Path]:
    """(seconds, peak MB, output file) of one operation in its own process."""
    out = scratch / f"{db.stem}-{name}.out"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--run", name, "--db", str(db), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])["peak_kb"] / 1024, out


OPERATIONS = ["audit-table", "audit-json", "audit-html", "search", "export-jsonl", "export-csv", "canned"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="article counts, comma-separated")
    parser.add_argument("--keep", type=Path, default=None, help="folder for the databases (reused if present)")
    parser.add_argument("--only", default=",".join(OPERATIONS), help="operations to measure")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_operation(args.run, args.db, args.out)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-research-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, tuple[float, float]]] = {}
    for size in sizes:
        db = folder / f"research-{size}.db"
        if not db.exists():
            print(f"building {size:,} articles in {db} …", flush=True)
            built = build(db, size)
            print(f"  write path {built['write_s']:.0f} s ({size / built['write_s']:.0f} articles/s), "
                  f"refresh_research {built['refresh_s']:.1f} s, {built['figures']:,} figures, "
                  f"{built['bytes'] / 2**20:.0f} MB on disk = {built['bytes'] / 2**20 / size * 100_000:.0f} MB "
                  "per 100k articles", flush=True)
        results[size] = {}
        for name in args.only.split(","):
            seconds, peak, out = measure(name, db, folder)
            results[size][name] = (seconds, peak)
            extra = ""
            if name == "canned":
                extra = "  slowest: " + ", ".join(f"{q} {t * 1000:.0f} ms" for q, t in
                                                  json.loads(out.read_text()).items())
            print(f"{size:>9,}  {name:<13} {seconds:8.2f} s  {peak:7.0f} MB{extra}", flush=True)
    if len(sizes) > 1:
        print("\ngrowth per 1.0x data: (time ratio, memory ratio) / data ratio; aim <= 1.3")
        for small, large in itertools.pairwise(sizes):
            factor = large / small
            for name in results[small]:
                (t0, m0), (t1, m1) = results[small][name], results[large][name]
                print(f"  {small:,} -> {large:,}  {name:<13} time {t1 / t0 / factor:5.2f}  "
                      f"memory {m1 / m0 / factor:5.2f}  ({t0:.1f} -> {t1:.1f} s, {m0:.0f} -> {m1:.0f} MB)")


if __name__ == "__main__":
    main()
