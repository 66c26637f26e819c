"""A database whose conflicts are known, built through the real write path.

Articles go through ``harvester.storage.save_article`` (page archived, article upserted, figures,
mentions and documents written by ``replace_extraction``, syndicated copies detected by text hash);
decisions through ``storage.save_document`` and their annexes through
``ingest.ingest_attachment`` (stated count read from the decision text, product rows from
its annex table); portals through ``registry.sync_portals``. The figures are given as
``Extraction`` records (what the extractor would return) so the planted values do not move when
the extractor improves; every quote is located in its text, so ``text[start:end] == quote``.
The planted problems:

* Tuyên Quang 3 sao trở lên: 120 in 2022 (one source, a point of the chart's time series)
* Tuyên Quang 2023, 3 sao trở lên: 155 (portal tuyenquang) vs 158 (portal baotq)  -> conflict
* Tuyên Quang breakdown 155 = 1 + 11 + 140 (sums to 152)                         -> breakdown
* Hà Giang "đến nay" total 120 (2024-03-10) then 115 (2024-06-20), same portal   -> decrease
* Hà Giang breakdown 120 = 9 + 111                                               -> no flag
* huyện Hồng Dân 2022, 3 sao: 12 (baclieu) vs 14 (national news)                  -> local conflict
* a syndicated copy of the Bạc Liêu article (same text, another portal)            -> never counted
* Tuyên Quang 2023: 38 sản phẩm 3+ "công nhận mới" (basis new)                   -> not a 3rd count
* Hà Giang: "huyện có 19 sản phẩm" after a sentence on huyện Mèo Vạc, place filled in
  as the province by the extractor                                                -> local, no conflict
* Tuyên Quang 2022: 120 ≥3 sao, trong đó 8 × 4 sao và 1 × 5 sao (partial list)     -> no breakdown flag
* Hà Giang "năm 2024 có thêm 30 sản phẩm" (a new-products target)                  -> no verdict
* 515/QĐ-UBND (Hà Giang) dated 02/5/2024 by hagiang, 03/5/2024 by a national site -> decision-date
* 1048/QĐ-UBND dated 12/12/2023 and 15/12/2023; 490/QĐ-TTg dated 7/5/2018 and 09/5/2018
* targets: Tuyên Quang 200 × 3+ by 2025 (latest 158: behind), Hà Giang 100 by 2025
  (latest 115: exceeded), Hà Giang 9 × 4 sao by 2024 (latest 9: met)
* documents: 1048 states 25, annex has 24 rows; 2201 states 3 with 3 product rows (fine);
  515 states 4 with 3 product rows                                                -> two flags
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractors.records import DocumentRef, Extraction, Figure, PublishedDate
from harvester import ingest, storage
from harvester.attachments import AttachmentText
from harvester.cli import cli
from harvester.registry import Portal, sync_portals
from harvester.schema import open_db

PORTALS = [
    ("tuyenquang", "Cổng TTĐT tỉnh Tuyên Quang", "nukeviet", "Tuyên Quang", "Tuyên Quang"),
    ("baotq", "Báo Tuyên Quang", "wordpress", "Tuyên Quang", "Tuyên Quang"),
    ("hagiang", "Cổng TTĐT tỉnh Hà Giang", "liferay", "Hà Giang", "Tuyên Quang"),
    ("baclieu", "Cổng TTĐT tỉnh Bạc Liêu", "sharepoint", "Bạc Liêu", "Cà Mau"),
    ("nongnghiep", "Báo Nông thôn ngày nay", "wordpress", None, None),
]

TQ = ("Tuyên Quang", "Tuyên Quang")
HG = ("Hà Giang", "Tuyên Quang")
BL = ("Bạc Liêu", "Cà Mau")


@dataclass
class Fig:
    quote: str
    count: int
    stars: str | None
    status: str
    year: int | None
    place: str | None
    where: tuple[str | None, str | None]
    as_of: str | None = None
    basis: str | None = None


@dataclass
class Mention:
    quote: str
    number: str
    issued: str | None
    document: str  # number_key of the documents row


@dataclass
class Art:
    id: int
    portal: str
    url: str
    published: str
    title: str
    text: str
    figures: list[Fig] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    duplicate_of: int | None = None


A1_TEXT = (
    "Đến hết năm 2023, tỉnh Tuyên Quang có 155 sản phẩm đạt 3 sao trở lên, trong đó 1 sản phẩm 5 sao, "
    "11 sản phẩm 4 sao và 140 sản phẩm 3 sao. Sản phẩm miến dong Na Hang được người tiêu dùng ưa chuộng. "
    "Theo Quyết định số 1048/QĐ-UBND ngày 12/12/2023 của UBND tỉnh, 25 sản phẩm được công nhận đợt cuối năm."
)
A2_TEXT = (
    "Năm 2023, tỉnh Tuyên Quang có 158 sản phẩm OCOP đạt từ 3 sao trở lên. Riêng năm 2023, tỉnh công nhận mới "
    "38 sản phẩm đạt 3 sao trở lên. Quyết định số 1048/QĐ-UBND "
    "ngày 15/12/2023 công nhận thêm nhiều sản phẩm chè và cam sành. Mục tiêu đến năm 2025, tỉnh phấn đấu có "
    "200 sản phẩm OCOP đạt 3 sao trở lên."
)
A3_TEXT = (
    "Đến nay, tỉnh Hà Giang có 120 sản phẩm OCOP, trong đó 9 sản phẩm 4 sao và 111 sản phẩm 3 sao. "
    "Tỉnh phấn đấu đến năm 2024 có 9 sản phẩm đạt 4 sao. Kế hoạch đặt mục tiêu đến năm 2025 có 100 sản phẩm OCOP. "
    "Năm 2024, tỉnh phấn đấu có thêm 30 sản phẩm OCOP."
)
A4_TEXT = (
    "Đến nay, tỉnh Hà Giang có 115 sản phẩm OCOP, nhiều sản phẩm mật ong bạc hà đã xuất khẩu. Huyện Mèo Vạc "
    "vừa có thêm sản phẩm thịt bò khô. Lũy kế đến nay, huyện có 19 sản phẩm OCOP. Thực hiện Quyết định số "
    "515/QĐ-UBND ngày 02/5/2024, các chủ thể được trao giấy chứng nhận."
)
A5_TEXT = (
    "Năm 2022, huyện Hồng Dân có 12 sản phẩm OCOP đạt 3 sao. Toàn tỉnh Bạc Liêu có 80 sản phẩm đạt 3 sao "
    "trở lên năm 2022. Chương trình triển khai theo Quyết định số 490/QĐ-TTg ngày 7/5/2018 của Thủ tướng. "
    "Các sản phẩm mắm ba khía, muối hầm và tôm khô được đưa vào chuỗi cửa hàng nông sản an toàn của tỉnh."
)
A8_TEXT = (
    "Năm 2022, tỉnh Tuyên Quang có 120 sản phẩm đạt 3 sao trở lên, trong đó 8 sản phẩm 4 sao và 1 sản phẩm 5 sao, "
    "tăng 30 sản phẩm so với năm trước."
)
A7_TEXT = (
    "Thực hiện Quyết định số 490/QĐ-TTg ngày 09/5/2018, năm 2022 tỉnh Bạc Liêu có 80 sản phẩm đạt 3 sao trở lên; "
    "riêng huyện Hồng Dân có 14 sản phẩm OCOP đạt 3 sao năm 2022. Đặc sản Đắk Lắk cũng góp mặt."
)
A9_TEXT = (
    "Theo Quyết định số 515/QĐ-UBND ngày 03/5/2024 của UBND tỉnh Hà Giang, nhiều sản phẩm chè Shan tuyết "
    "và thịt bò khô được công nhận OCOP."
)

ARTICLES = [
    Art(1, "tuyenquang", "https://tuyenquang.gov.vn/ocop-2023", "2024-01-15T08:00:00+07:00",
        "Tuyên Quang: 155 sản phẩm OCOP", A1_TEXT,
        [Fig("155 sản phẩm đạt 3 sao trở lên", 155, "3+", "achieved", 2023, "tỉnh Tuyên Quang", TQ),
         Fig("1 sản phẩm 5 sao", 1, "5", "achieved", 2023, "tỉnh Tuyên Quang", TQ),
         Fig("11 sản phẩm 4 sao", 11, "4", "achieved", 2023, "tỉnh Tuyên Quang", TQ),
         Fig("140 sản phẩm 3 sao", 140, "3", "achieved", 2023, "tỉnh Tuyên Quang", TQ)],
        [Mention("Quyết định số 1048/QĐ-UBND ngày 12/12/2023", "1048/QĐ-UBND", "2023-12-12", "1048/QĐ-UBND")]),
    Art(2, "baotq", "https://baotuyenquang.com.vn/ocop-158", "2024-02-01T09:30:00+07:00",
        "Phát triển sản phẩm OCOP", A2_TEXT,
        [Fig("158 sản phẩm OCOP đạt từ 3 sao trở lên", 158, "3+", "achieved", 2023, "tỉnh Tuyên Quang", TQ,
             basis="cumulative"),
         Fig("38 sản phẩm đạt 3 sao trở lên", 38, "3+", "achieved", 2023, "Tuyên Quang", TQ, basis="new"),
         Fig("200 sản phẩm OCOP đạt 3 sao trở lên", 200, "3+", "target", 2025, "tỉnh", TQ)],
        [Mention("Quyết định số 1048/QĐ-UBND ngày 15/12/2023", "1048/QĐ-UBND", "2023-12-15", "1048/QĐ-UBND")]),
    Art(3, "hagiang", "https://hagiang.gov.vn/ocop-120", "2024-03-10T10:00:00+07:00",
        "Hà Giang có 120 sản phẩm OCOP", A3_TEXT,
        [Fig("120 sản phẩm OCOP", 120, None, "achieved", None, "tỉnh Hà Giang", HG, "2024-03-10"),
         Fig("9 sản phẩm 4 sao", 9, "4", "achieved", None, "tỉnh Hà Giang", HG, "2024-03-10"),
         Fig("111 sản phẩm 3 sao", 111, "3", "achieved", None, "tỉnh Hà Giang", HG, "2024-03-10"),
         Fig("9 sản phẩm đạt 4 sao", 9, "4", "target", 2024, "tỉnh", HG),
         Fig("100 sản phẩm OCOP", 100, None, "target", 2025, "tỉnh", HG),
         Fig("30 sản phẩm OCOP", 30, None, "target", 2024, "tỉnh", HG, basis="new")]),
    Art(4, "hagiang", "https://hagiang.gov.vn/ocop-115", "2024-06-20T07:45:00+07:00",
        "Mật ong bạc hà Hà Giang", A4_TEXT,
        [Fig("115 sản phẩm OCOP", 115, None, "achieved", None, "tỉnh Hà Giang", HG, "2024-06-20"),
         # No place in its sentence: the extractor fills in the article's province.
         Fig("19 sản phẩm OCOP", 19, None, "achieved", None, "Hà Giang", HG, "2024-06-20")],
        [Mention("Quyết định số 515/QĐ-UBND ngày 02/5/2024", "515/QĐ-UBND", "2024-05-02", "515/QĐ-UBND")]),
    Art(5, "baclieu", "https://baclieu.gov.vn/ocop-hong-dan", "2023-09-05T14:00:00+07:00",
        "Hồng Dân phát triển OCOP", A5_TEXT,
        [Fig("12 sản phẩm OCOP đạt 3 sao", 12, "3", "achieved", 2022, "huyện Hồng Dân", BL),
         Fig("80 sản phẩm đạt 3 sao trở lên", 80, "3+", "achieved", 2022, "tỉnh Bạc Liêu", BL)],
        [Mention("Quyết định số 490/QĐ-TTg ngày 7/5/2018", "490/QĐ-TTg", "2018-05-07", "490/QĐ-TTG")]),
    # A syndicated copy: same text on another portal; the store keeps no figures for it, so it
    # can neither confirm nor contradict anything.
    Art(6, "nongnghiep", "https://nongthonngaynay.vn/copy-hong-dan", "2023-09-06T08:00:00+07:00",
        "Hồng Dân phát triển OCOP", A5_TEXT,
        [Fig("12 sản phẩm OCOP đạt 3 sao", 12, "3", "achieved", 2022, "huyện Hồng Dân", BL),
         Fig("80 sản phẩm đạt 3 sao trở lên", 80, "3+", "achieved", 2022, "tỉnh Bạc Liêu", BL)],
        [Mention("Quyết định số 490/QĐ-TTg ngày 7/5/2018", "490/QĐ-TTg", "2018-05-07", "490/QĐ-TTG")],
        duplicate_of=5),
    Art(7, "nongnghiep", "https://nongthonngaynay.vn/ocop-bac-lieu", "2023-10-01T06:00:00+07:00",
        "OCOP miền Tây", A7_TEXT,
        [Fig("80 sản phẩm đạt 3 sao trở lên", 80, "3+", "achieved", 2022, "tỉnh Bạc Liêu", BL),
         Fig("14 sản phẩm OCOP đạt 3 sao", 14, "3", "achieved", 2022, "huyện Hồng Dân", BL)],
        [Mention("Quyết định số 490/QĐ-TTg ngày 09/5/2018", "490/QĐ-TTg", "2018-05-09", "490/QĐ-TTG")]),
    Art(8, "tuyenquang", "https://tuyenquang.gov.vn/ocop-2022", "2023-01-10T08:00:00+07:00",
        "Tổng kết OCOP năm 2022", A8_TEXT,
        [Fig("120 sản phẩm đạt 3 sao trở lên", 120, "3+", "achieved", 2022, "tỉnh Tuyên Quang", TQ),
         Fig("8 sản phẩm 4 sao", 8, "4", "achieved", 2022, "tỉnh Tuyên Quang", TQ),
         Fig("1 sản phẩm 5 sao", 1, "5", "achieved", 2022, "tỉnh Tuyên Quang", TQ)]),
    # A national site cites Hà Giang's decision 515 with another date than the provincial portal.
    Art(9, "nongnghiep", "https://nongthonngaynay.vn/ha-giang-515", "2024-05-10T08:00:00+07:00",
        "Hà Giang công nhận sản phẩm OCOP", A9_TEXT, [],
        [Mention("Quyết định số 515/QĐ-UBND ngày 03/5/2024", "515/QĐ-UBND", "2024-05-03", "515/QĐ-UBND")]),
]

# Decisions crawled from document pages, with the decision text and its annex table:
# (number, portal, issued, summary, decision text, annex product rows)
DOCUMENTS = [
    ("1048/QĐ-UBND", "tuyenquang", "2023-12-12",
     "Về việc công nhận sản phẩm đạt chuẩn OCOP tỉnh Tuyên Quang năm 2023 (đợt 2)",
     "QUYẾT ĐỊNH Về việc công nhận sản phẩm OCOP. Điều 1. Công nhận 25 sản phẩm đạt tiêu chuẩn OCOP năm 2023.",
     [(f"Chè xanh Tân Trào số {i}", "HTX Tân Trào", "xã Tân Trào, huyện Sơn Dương", 3) for i in range(1, 25)]),
    ("2201/QĐ-UBND", "baclieu", "2022-11-20",
     "Công nhận sản phẩm OCOP tỉnh Bạc Liêu năm 2022, trong đó có miến dong và mắm",
     "QUYẾT ĐỊNH Điều 1. Công nhận 3 sản phẩm đạt tiêu chuẩn OCOP tỉnh Bạc Liêu năm 2022.",
     [("Mắm ba khía Hồng Dân", "HTX Hồng Dân", "xã Ninh Quới, huyện Hồng Dân", 3),
      ("Muối hầm Bạc Liêu", "Cơ sở Ba Tân", "xã Long Điền, huyện Đông Hải", 3),
      ("Miến dong Phước Long", "HTX Phước Long", "xã Phong Thạnh Tây, huyện Phước Long", 4)]),
    ("515/QĐ-UBND", "hagiang", "2024-05-02",
     "Công nhận sản phẩm OCOP đợt 1 năm 2024 tỉnh Hà Giang",
     "QUYẾT ĐỊNH Điều 1. Công nhận 4 sản phẩm đạt tiêu chuẩn OCOP đợt 1 năm 2024.",
     [("Mật ong bạc hà", "HTX Mèo Vạc", "xã Pả Vi, huyện Mèo Vạc", 4),
      ("Chè Shan tuyết", "HTX Vị Xuyên", "xã Cao Bồ, huyện Vị Xuyên", 4),
      ("Thịt bò khô", "Cơ sở Đồng Văn", "thị trấn Đồng Văn, huyện Đồng Văn", 3)]),
]


def _sentence(text: str, start: int, end: int) -> str:
    left = text.rfind(". ", 0, start)
    right = text.find(". ", end)
    return text[left + 2 if left >= 0 else 0 : right + 1 if right >= 0 else len(text)]


def _extraction(art: Art) -> Extraction:
    """What the extractor returns for this article: every quote located in the text."""
    figures = []
    for fig in art.figures:
        start = art.text.index(fig.quote)
        end = start + len(fig.quote)
        figures.append(Figure(
            count=fig.count, stars=fig.stars, status=fig.status, year=fig.year, place=fig.place,
            province=fig.where[0], province_2025=fig.where[1], quote=fig.quote, start=start, end=end,
            sentence=_sentence(art.text, start, end), as_of=fig.as_of or art.published[:10], basis=fig.basis))
    documents = []
    for m in art.mentions:
        start = art.text.index(m.quote)
        documents.append(DocumentRef(number=m.number, type="Quyết định", issuer=None, issued=m.issued,
                                     quote=m.quote, start=start, end=start + len(m.quote)))
    provinces = list(dict.fromkeys(f.where[0] for f in art.figures if f.where[0]))
    if art.id == 9:
        provinces = ["Hà Giang"]
    return Extraction(text=art.text, title=art.title,
                      published=PublishedDate(art.published, "date-line", art.published[:10]),
                      provinces=provinces, documents=documents, figures=figures)


def _article_item(art: Art) -> dict:
    html = f"<html><body><h1>{art.title}</h1><p>{art.text}</p></body></html>"
    family = next(fam for pid, _n, fam, _p, _p25 in PORTALS if pid == art.portal)
    return {"kind": "article", "url": art.url, "final_url": art.url, "portal_id": art.portal, "family": family,
            "status": 200, "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": html.encode(),
            "encoding": "utf-8", "fetched_at": art.published}


def _save_decision(db, number, portal, issued, summary, text, rows) -> None:
    url = f"https://vbpl.example/{portal}/{number.split('/')[0]}"
    storage.save_document(db, {
        "kind": "document", "url": url, "portal_id": portal, "number": number, "type": "Quyết định",
        "issued": issued, "summary": summary, "body": f"<html><body>{summary}</body></html>".encode(),
        "headers": {"Content-Type": "text/html"}, "status": 200, "fetched_at": issued,
        "attachments": [{"url": url + ".docx", "name": "quyet-dinh.docx"}]})
    grid = [["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao"]]
    grid += [[str(i), name, owner, address, f"{stars} sao"] for i, (name, owner, address, stars) in enumerate(rows, 1)]
    table_text = "\n".join(" | ".join(r) for r in grid)
    ingest.ingest_attachment(
        db, {"url": url + ".docx", "name": "quyet-dinh.docx", "portal_id": portal, "document_url": url,
             "status": 200, "headers": {"Content-Type": "application/vnd.openxmlformats-officedocument"},
             "body": (text + table_text).encode(), "fetched_at": issued},
        AttachmentText(status="ok", text=text + "\n" + table_text, method="python-docx", tables=[grid]))


def build_known_db(path, *, trace=None):
    """Write the articles and decisions above through the real write path; returns the db handle.
    ``trace`` receives every SQL statement the write path runs (tests/research/test_query_plans.py)."""
    db = open_db(path)
    db.conn.set_trace_callback(trace)
    sync_portals(db, [Portal(id=p, name=n, family=fam, start_urls=[f"https://{p}.example/"], province=prov,
                             province_2025=p25) for p, n, fam, prov, p25 in PORTALS])
    for art in ARTICLES:
        result = storage.save_article(db, _article_item(art), None, _extraction(art))
        assert result.article_id == art.id and result.duplicate_of == art.duplicate_of, result
    for decision in DOCUMENTS:
        _save_decision(db, *decision)
    storage.refresh_research(db)  # what every writing command does when it is done
    return db


@pytest.fixture
def known_db_statements(tmp_path):
    """(database handle, every statement run while building the known database)."""
    statements: list[str] = []
    db = build_known_db(tmp_path / "traced.db", trace=statements.append)
    yield db, statements
    db.conn.close()


@pytest.fixture
def known_db(tmp_path):
    """Path of a database holding the planted rows described in this module's docstring."""
    path = tmp_path / "known.db"
    build_known_db(path).conn.close()
    return path


# Articles an analyst holds (tests/research/analyst_articles/, written for these tests), loaded
# with `harvester ingest-article`: file -> (the article's real URL, its publication date).
ANALYST_SOURCES = {
    "yen-bai-120.txt": ("https://baoyenbai.example.vn/ocop-120-san-pham", "2025-02-10"),
    "yen-bai-125.html": ("https://yenbai.example.gov.vn/ocop-nam-2024", "2025-03-01"),
    "yen-bai-227.txt": ("https://yenbai.example.gov.vn/vuot-muc-tieu", "2025-06-05"),
    "lao-cai-150.txt": ("https://laocai.example.gov.vn/tong-ket-ocop", "2025-02-20"),
    "lao-cai-380.txt": ("https://laocai.example.gov.vn/sau-hop-nhat", "2025-08-15"),
    "bac-giang-180.txt": ("https://bacgiang.example.gov.vn/ocop", "2024-11-20"),
    "che-shan-tuyet.txt": ("https://yenbai.example.gov.vn/che-shan-tuyet", "2025-01-05"),
}


@pytest.fixture(scope="session")
def analyst_sources() -> dict[str, tuple[str, str]]:
    return dict(ANALYST_SOURCES)


@pytest.fixture(scope="module")
def analyst_db(tmp_path_factory) -> Path:
    """A database built by `harvester ingest-article` from the analyst's articles (do not change it)."""
    db = tmp_path_factory.mktemp("analyst") / "analyst.db"
    folder = Path(__file__).parent / "analyst_articles"
    for name, (url, published) in ANALYST_SOURCES.items():
        result = CliRunner().invoke(cli, ["ingest-article", str(folder / name), "--url", url,
                                          "--published", published, "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db
