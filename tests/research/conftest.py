"""A database whose conflicts are known, built row by row the way a crawl stores them.

Every figure and mention is located in its article text by searching for its quote, so
``text[start:end] == quote`` holds as it does for real extractions. The planted problems:

* Tuyên Quang 3 sao trở lên: 120 in 2022 (one source, a point of the chart's time series)
* Tuyên Quang 2023, 3 sao trở lên: 155 (portal tuyenquang) vs 158 (portal baotq)  -> conflict
* Tuyên Quang breakdown 155 = 1 + 11 + 140 (sums to 152)                         -> breakdown
* Hà Giang "đến nay" total 120 (2024-03-10) then 115 (2024-06-20), same portal   -> decrease
* Hà Giang breakdown 120 = 9 + 111                                               -> no flag
* huyện Hồng Dân 2022, 3 sao: 12 (baclieu) vs 14 (national news)                  -> local conflict
* a syndicated copy of the Bạc Liêu article (duplicate_of)                        -> never counted
* 1048/QĐ-UBND dated 12/12/2023 and 15/12/2023; 490/QĐ-TTg dated 7/5/2018 and 09/5/2018
* targets: Tuyên Quang 200 × 3+ by 2025 (latest 158: behind), Hà Giang 100 by 2025
  (latest 115: exceeded), Hà Giang 9 × 4 sao by 2024 (latest 9: met)
* documents: 1048 states 25, annex has 24 rows; 2201 states 3 with 3 product rows (fine);
  515 states 4 with 3 product rows and no annex_rows                              -> two flags
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import pytest

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
    "Năm 2023, tỉnh Tuyên Quang có 158 sản phẩm OCOP đạt từ 3 sao trở lên. Quyết định số 1048/QĐ-UBND "
    "ngày 15/12/2023 công nhận thêm nhiều sản phẩm chè và cam sành. Mục tiêu đến năm 2025, tỉnh phấn đấu có "
    "200 sản phẩm OCOP đạt 3 sao trở lên."
)
A3_TEXT = (
    "Đến nay, tỉnh Hà Giang có 120 sản phẩm OCOP, trong đó 9 sản phẩm 4 sao và 111 sản phẩm 3 sao. "
    "Tỉnh phấn đấu đến năm 2024 có 9 sản phẩm đạt 4 sao. Kế hoạch đặt mục tiêu đến năm 2025 có 100 sản phẩm OCOP."
)
A4_TEXT = "Đến nay, tỉnh Hà Giang có 115 sản phẩm OCOP, nhiều sản phẩm mật ong bạc hà đã xuất khẩu."
A5_TEXT = (
    "Năm 2022, huyện Hồng Dân có 12 sản phẩm OCOP đạt 3 sao. Toàn tỉnh Bạc Liêu có 80 sản phẩm đạt 3 sao "
    "trở lên năm 2022. Chương trình triển khai theo Quyết định số 490/QĐ-TTg ngày 7/5/2018 của Thủ tướng."
)
A8_TEXT = "Năm 2022, tỉnh Tuyên Quang có 120 sản phẩm đạt 3 sao trở lên, tăng 30 sản phẩm so với năm trước."
A7_TEXT = (
    "Thực hiện Quyết định số 490/QĐ-TTg ngày 09/5/2018, năm 2022 tỉnh Bạc Liêu có 80 sản phẩm đạt 3 sao trở lên; "
    "riêng huyện Hồng Dân có 14 sản phẩm OCOP đạt 3 sao năm 2022. Đặc sản Đắk Lắk cũng góp mặt."
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
        [Fig("158 sản phẩm OCOP đạt từ 3 sao trở lên", 158, "3+", "achieved", 2023, "tỉnh Tuyên Quang", TQ),
         Fig("200 sản phẩm OCOP đạt 3 sao trở lên", 200, "3+", "target", 2025, "tỉnh", TQ)],
        [Mention("Quyết định số 1048/QĐ-UBND ngày 15/12/2023", "1048/QĐ-UBND", "2023-12-15", "1048/QĐ-UBND")]),
    Art(3, "hagiang", "https://hagiang.gov.vn/ocop-120", "2024-03-10T10:00:00+07:00",
        "Hà Giang có 120 sản phẩm OCOP", A3_TEXT,
        [Fig("120 sản phẩm OCOP", 120, None, "achieved", None, "tỉnh Hà Giang", HG, "2024-03-10"),
         Fig("9 sản phẩm 4 sao", 9, "4", "achieved", None, "tỉnh Hà Giang", HG, "2024-03-10"),
         Fig("111 sản phẩm 3 sao", 111, "3", "achieved", None, "tỉnh Hà Giang", HG, "2024-03-10"),
         Fig("9 sản phẩm đạt 4 sao", 9, "4", "target", 2024, "tỉnh", HG),
         Fig("100 sản phẩm OCOP", 100, None, "target", 2025, "tỉnh", HG)]),
    Art(4, "hagiang", "https://hagiang.gov.vn/ocop-115", "2024-06-20T07:45:00+07:00",
        "Mật ong bạc hà Hà Giang", A4_TEXT,
        [Fig("115 sản phẩm OCOP", 115, None, "achieved", None, "tỉnh Hà Giang", HG, "2024-06-20")]),
    Art(5, "baclieu", "https://baclieu.gov.vn/ocop-hong-dan", "2023-09-05T14:00:00+07:00",
        "Hồng Dân phát triển OCOP", A5_TEXT,
        [Fig("12 sản phẩm OCOP đạt 3 sao", 12, "3", "achieved", 2022, "huyện Hồng Dân", BL),
         Fig("80 sản phẩm đạt 3 sao trở lên", 80, "3+", "achieved", 2022, "tỉnh Bạc Liêu", BL)],
        [Mention("Quyết định số 490/QĐ-TTg ngày 7/5/2018", "490/QĐ-TTg", "2018-05-07", "490/QĐ-TTG")]),
    # A syndicated copy: same text, its figures must not confirm or contradict anything.
    Art(6, "nongnghiep", "https://nongthonngaynay.vn/copy-hong-dan", "2023-09-06T08:00:00+07:00",
        "Hồng Dân phát triển OCOP", A5_TEXT.replace("12 sản phẩm", "13 sản phẩm"),
        [Fig("13 sản phẩm OCOP đạt 3 sao", 13, "3", "achieved", 2022, "huyện Hồng Dân", BL),
         Fig("80 sản phẩm đạt 3 sao trở lên", 80, "3+", "achieved", 2022, "tỉnh Bạc Liêu", BL)],
        duplicate_of=5),
    Art(7, "nongnghiep", "https://nongthonngaynay.vn/ocop-bac-lieu", "2023-10-01T06:00:00+07:00",
        "OCOP miền Tây", A7_TEXT,
        [Fig("80 sản phẩm đạt 3 sao trở lên", 80, "3+", "achieved", 2022, "tỉnh Bạc Liêu", BL),
         Fig("14 sản phẩm OCOP đạt 3 sao", 14, "3", "achieved", 2022, "huyện Hồng Dân", BL)],
        [Mention("Quyết định số 490/QĐ-TTg ngày 09/5/2018", "490/QĐ-TTg", "2018-05-09", "490/QĐ-TTG")]),
    Art(8, "tuyenquang", "https://tuyenquang.gov.vn/ocop-2022", "2023-01-10T08:00:00+07:00",
        "Tổng kết OCOP năm 2022", A8_TEXT,
        [Fig("120 sản phẩm đạt 3 sao trở lên", 120, "3+", "achieved", 2022, "tỉnh Tuyên Quang", TQ)]),
]

DOCUMENTS = [
    # id, number, number_key, issuer, type, issued, province, summary, stated_count, annex_rows
    (1, "1048/QĐ-UBND", "1048/QĐ-UBND", "UBND", "Quyết định", "2023-12-12", TQ,
     "Về việc công nhận sản phẩm đạt chuẩn OCOP tỉnh Tuyên Quang năm 2023 (đợt 2)", 25, 24),
    (2, "490/QĐ-TTg", "490/QĐ-TTG", "TTg", "Quyết định", "2018-05-07", (None, None),
     "Phê duyệt Chương trình Mỗi xã một sản phẩm giai đoạn 2018-2020", None, None),
    (3, "2201/QĐ-UBND", "2201/QĐ-UBND", "UBND", "Quyết định", "2022-11-20", BL,
     "Công nhận sản phẩm OCOP tỉnh Bạc Liêu năm 2022, trong đó có miến dong và mắm", 3, None),
    (4, "515/QĐ-UBND", "515/QĐ-UBND", "UBND", "Quyết định", "2024-05-02", HG,
     "Công nhận sản phẩm OCOP đợt 1 năm 2024 tỉnh Hà Giang", 4, None),
]

PRODUCTS = [
    # name, owner, district, stars, document_id, province
    ("Mắm ba khía Hồng Dân", "HTX Hồng Dân", "Hồng Dân", 3, 3, BL),
    ("Muối hầm Bạc Liêu", "Cơ sở Ba Tân", "Đông Hải", 3, 3, BL),
    ("Miến dong Phước Long", "HTX Phước Long", "Phước Long", 4, 3, BL),
    ("Mật ong bạc hà", "HTX Mèo Vạc", "Mèo Vạc", 4, 4, HG),
    ("Chè Shan tuyết", "HTX Vị Xuyên", "Vị Xuyên", 4, 4, HG),
    ("Thịt bò khô", "Cơ sở Đồng Văn", "Đồng Văn", 3, 4, HG),
]


def _sentence(text: str, start: int, end: int) -> str:
    left = text.rfind(". ", 0, start)
    right = text.find(". ", end)
    return text[left + 2 if left >= 0 else 0 : right + 1 if right >= 0 else len(text)]


def build_known_db(path):
    """Insert the rows above into a fresh harvester database and return the sqlite-utils handle."""
    db = open_db(path)
    db["portals"].insert_all(
        {"id": p, "name": n, "family": fam, "province": prov, "province_2025": p25} for p, n, fam, prov, p25 in PORTALS
    )
    doc_ids = {}
    for (doc_id, number, key, issuer, kind, issued, (prov, p25), summary, stated, annex) in DOCUMENTS:
        db["documents"].insert({
            "id": doc_id, "number": number, "number_key": key, "issuer": issuer, "type": kind, "issued": issued,
            "province": prov, "province_2025": p25, "summary": summary, "stated_count": stated,
            "annex_rows": annex, "url": f"https://vbpl.example/{doc_id}",
        })
        doc_ids[key] = doc_id
    for row, (name, owner, district, stars, doc_id, (prov, p25)) in enumerate(PRODUCTS, 1):
        db["products"].insert({"name": name, "owner": owner, "district": district, "stars": stars,
                               "document_id": doc_id, "province": prov, "province_2025": p25, "row_index": row})
    for art in ARTICLES:
        page_id = db["pages"].insert({
            "url": art.url, "final_url": art.url, "portal_id": art.portal, "kind": "article", "status": 200,
            "content_type": "text/html; charset=utf-8", "encoding": "utf-8",
            "body": zlib.compress(f"<html><body><h1>{art.title}</h1><p>{art.text}</p></body></html>".encode()),
            "fetched_at": art.published,
        }).last_pk
        db["articles"].insert({
            "id": art.id, "page_id": page_id, "url": art.url, "portal_id": art.portal, "title": art.title,
            "published": art.published, "text": art.text, "duplicate_of": art.duplicate_of,
            "provinces": "[]",
        })
        for fig in art.figures:
            start = art.text.index(fig.quote)
            end = start + len(fig.quote)
            db["figures"].insert({
                "article_id": art.id, "count": fig.count, "stars": fig.stars, "status": fig.status,
                "year": fig.year, "as_of": fig.as_of, "place": fig.place, "province": fig.where[0],
                "province_2025": fig.where[1], "quote": fig.quote, "start": start, "end": end,
                "sentence": _sentence(art.text, start, end), "url": art.url,
            })
        for m in art.mentions:
            start = art.text.index(m.quote)
            db["document_mentions"].insert({
                "article_id": art.id, "document_id": doc_ids[m.document], "number": m.number,
                "type": "Quyết định", "issued": m.issued, "quote": m.quote, "start": start,
                "end": start + len(m.quote),
            })
    return db


@pytest.fixture
def known_db(tmp_path):
    """Path of a database holding the planted rows described in this module's docstring."""
    path = tmp_path / "known.db"
    build_known_db(path).conn.close()
    return path
