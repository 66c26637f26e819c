"""An imitation "Văn bản" (laws module) section for the fixture portals, with generated attachments.

``add_documents_section(site)`` adds to a Site's route table (see server.py):

* ``/vi/laws/`` and ``/vi/laws/page-2/`` — NukeViet laws-module listing, old ``<table>`` layout;
* ``/van-ban/`` — the same module renamed, new ``div.flex-table-laws`` layout;
* ``/vi/laws/detail/<alias>/`` — detail pages (``tr.hoatim`` label/value rows, download list);
* ``/uploads/laws/<file>`` — attachments rendered on the fly: decisions as PDF (reportlab, with a
  Unicode TTF font) and DOCX (python-docx) with annex product tables, and broken files (an
  encrypted PDF, a scanned PDF with no text layer, a .docx that is HTML, 0 bytes, a response
  announcing 200 MB, a legacy .doc).

Two more sections, on other sites (installed by farm.py through ``DOCUMENT_SECTIONS``):

* ``add_sharepoint_documents(site)`` — the SharePoint vendor control (research notes §4.3):
  ``/Pages/van-ban-phap-quy.aspx?Page=N`` (``.CSSTableGenerator table tr td div a``, pager
  ``div.Paging.Paging_Footer_Table_Legal``), details ``/Pages/chi-tiet-van-ban.aspx?ItemID=N`` with
  ``ctl00_SPWebPartManager1_g_<guid>_ctl00_lblSoKyHieu`` … labels (GUID from site and seed),
  ``tr#row_donvibanhanh_chinh`` and ``tr#row_file``; files under ``/Lists/VanBanPhapQuy/Attachments/``;
* ``add_generic_documents(site)`` — a newspaper's "Văn bản" table (Số/ký hiệu | Ngày ban hành |
  Trích yếu | Cơ quan ban hành | Tải về) with "Trang sau" paging; detail sheets print two
  label/value pairs a row. ``SHAREPOINT_DECISIONS`` / ``GENERIC_DECISIONS`` hold the decisions and
  ``PLANTED_SECTION_DOCUMENTS`` every field a spider must read from them.

The decisions are written for these tests (invented places, owners and numbers). One decision
states a count different from its annex rows on purpose: see ``PLANTED_DOCUMENTS``.
If reportlab is missing the section still serves; PDF attachments answer 503 with the reason.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

try:  # the server module belongs to H3; keep this file importable for the renderers alone
    from harvester.fixture_portals.server import Response
except ImportError:  # pragma: no cover - only while the farm is being built
    Response = None  # type: ignore[assignment,misc]

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


@dataclass(frozen=True)
class AnnexProduct:
    name: str
    owner: str
    commune: str
    district: str
    score: str
    stars_text: str  # as printed in the stars column ("4 sao", "4*", "★★★")
    stars: int  # what the parser must read (from the cell or the section heading)


@dataclass(frozen=True)
class AnnexSection:
    heading: str
    recertified: bool
    products: tuple[AnnexProduct, ...]


@dataclass(frozen=True)
class FixtureDecision:
    alias: str
    number: str
    doc_type: str
    issued: str  # ISO date
    signer: str
    summary: str
    issuing_body: str
    statement: str  # the sentence stating the decision's own count
    stated_count: int | None
    file_name: str
    file_format: str  # pdf | docx | encrypted | scanned | html-docx | empty | huge | doc
    sections: tuple[AnnexSection, ...] = ()
    listing: str = "old"  # which listing layout shows it: old | flex
    extra_files: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (file name, format)
    place: str = "Thái Nguyên"  # printed before the date line of the decision ("<place>, ngày …")
    item_id: int = 0  # SharePoint list item id / generic portal id, for URLs of the other sections
    cites: tuple[str, ...] = ()  # extra "Căn cứ …" lines (decisions cited by this one)

    @property
    def annex_rows(self) -> int:
        return sum(len(s.products) for s in self.sections)

    @property
    def is_ocop(self) -> bool:
        return "OCOP" in self.summary or "Mỗi xã một sản phẩm" in self.summary


P = AnnexProduct

_DECISION_PDF = FixtureDecision(
    alias="qd-1520-cong-nhan-ocop-2023",
    number="1520/QĐ-UBND",
    doc_type="Quyết định",
    issued="2023-11-17",
    signer="Hoàng Văn Thịnh",
    summary="Quyết định công nhận kết quả đánh giá, phân hạng sản phẩm OCOP tỉnh Thái Nguyên năm 2023 (đợt 2)",
    issuing_body="UBND tỉnh Thái Nguyên",
    statement=("Điều 1. Công nhận 12 sản phẩm đạt OCOP, trong đó 03 sản phẩm 4 sao, 09 sản phẩm 3 sao "
               "(có danh sách kèm theo)."),
    stated_count=12,
    file_name="1520-QD-UBND.pdf",
    file_format="pdf",
    sections=(
        AnnexSection("I. SẢN PHẨM ĐẠT 4 SAO", False, (
            P("Chè xanh Tân Cương đặc biệt loại thượng hạng đóng hộp quà tặng", "Hợp tác xã chè Hồng Thái An",
              "Phúc Xuân", "Đại Từ", "78,5", "4 sao", 4),
            P("Mật ong hoa nhãn", "HTX Mật ong Bình Sơn", "Lũng Vân", "Võ Nhai", "80", "4*", 4),
            P("Trà hoa vàng túi lọc", "Công ty TNHH Trà Hoa Phượng", "Tân Thành", "Phú Bình", "76", "★★★★", 4),
        )),
        AnnexSection("II. SẢN PHẨM ĐẠT 3 SAO", False, (
            P("Bánh chưng Bờ Đậu", "Hộ kinh doanh Lê Thị Mận", "Cổ Lũng", "Phú Lương", "62", "3 sao", 3),
            P("Gạo nếp vải Phú Đô", "HTX Nông nghiệp Phú Đô", "Phú Đô", "Phú Lương", "60,5", "3*", 3),
            P("Miến dong Việt Cường", "HTX Miến Việt Cường", "Việt Cường", "Đồng Hỷ", "65", "★★★", 3),
            P("Nem chua Đồng Tâm", "Cơ sở Nem Đồng Tâm", "Đồng Tâm", "Phú Bình", "58", "3 sao", 3),
            P("Rượu ngô men lá", "HTX Rượu Tân Long", "Tân Long", "Đồng Hỷ", "55", "", 3),
            P("Dưa lưới Hương Sơn", "Tổ hợp tác Dưa lưới Hương Sơn", "Hương Sơn", "Phú Bình", "61", "3 sao", 3),
        )),
        AnnexSection("B. SẢN PHẨM CÔNG NHẬN LẠI (3 SAO)", True, (
            P("Chè búp Khe Cốc", "HTX Chè Khe Cốc", "Tức Tranh", "Phú Lương", "64", "3 sao", 3),
            P("Na Võ Nhai sấy dẻo", "HTX Na La Hiên", "La Hiên", "Võ Nhai", "63", "3*", 3),
            P("Bún khô Hà Châu", "Hộ kinh doanh Nông Văn Tư", "Hà Châu", "Phú Bình", "57", "★★★", 3),
        )),
    ),
    listing="old",
)

_DECISION_DOCX = FixtureDecision(
    alias="qd-2345-phe-duyet-ocop-2024",
    number="2345/QĐ-UBND",
    doc_type="Quyết định",
    issued="2024-09-05",
    signer="Đinh Thị Lan",
    summary="Quyết định phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP năm 2024",
    issuing_body="UBND tỉnh Thái Nguyên",
    # Planted mismatch: the decision says 9 products, its annex lists 8.
    statement="Điều 1. Công nhận 9 sản phẩm đạt tiêu chuẩn OCOP năm 2024 (danh sách tại Phụ lục kèm theo).",
    stated_count=9,
    file_name="2345-QD-UBND.docx",
    file_format="docx",
    sections=(
        AnnexSection("A. CÔNG NHẬN MỚI", False, (
            P("Cá thính Lập Thạch", "HTX Thủy sản Sông Công", "Bá Xuyên", "Sông Công", "81", "4*", 4),
            P("Tương nếp Úc Kỳ", "Hộ kinh doanh Dương Văn Hải", "Úc Kỳ", "Phú Bình", "66", "3 sao", 3),
            P("Chuối sấy Yên Lạc", "HTX Chuối Yên Lạc", "Yên Lạc", "Phú Lương", "59", "★★★", 3),
            P("Măng khô Thần Sa", "Tổ hợp tác Măng Thần Sa", "Thần Sa", "Võ Nhai", "70", "3 sao", 3),
            P("Trứng gà đồi Đại Từ", "Trang trại Minh Khai", "Ký Phú", "Đại Từ", "84,25", "4 sao", 4),
        )),
        AnnexSection("B. CÔNG NHẬN LẠI", True, (
            P("Chè đinh Tân Cương", "HTX Chè Tân Cương Xanh", "Tân Cương", "Thái Nguyên", "90", "5*", 5),
            P("Miến dong Yên Thủy", "HTX Yên Thủy", "Yên Trạch", "Phú Lương", "63", "★★★", 3),
            P("Gạo bao thai Định Hóa", "HTX Gạo Định Hóa", "Trung Hội", "Định Hóa", "75", "4 sao", 4),
        )),
    ),
    listing="old",
)

_BROKEN = FixtureDecision(
    alias="qd-88-bo-sung-ocop-2022",
    number="88/QĐ-UBND",
    doc_type="Quyết định",
    issued="2022-01-14",
    signer="Hoàng Văn Thịnh",
    summary="Quyết định bổ sung sản phẩm OCOP năm 2021 (bản quét và tệp gửi kèm)",
    issuing_body="UBND tỉnh Thái Nguyên",
    statement="",
    stated_count=None,
    file_name="88-QD-UBND-ma-hoa.pdf",
    file_format="encrypted",
    listing="flex",
    extra_files=(("88-QD-UBND-ban-quet.pdf", "scanned"), ("88-QD-UBND.docx", "html-docx"),
                 ("88-QD-UBND-rong.pdf", "empty")),
)

_PLAN = FixtureDecision(
    alias="kh-95-chuong-trinh-mxmsp-2023",
    number="95/KH-UBND",
    doc_type="Kế hoạch",
    issued="2023-03-02",
    signer="Đinh Thị Lan",
    summary="Kế hoạch thực hiện Chương trình Mỗi xã một sản phẩm năm 2023",
    issuing_body="UBND tỉnh Thái Nguyên",
    statement="",
    stated_count=None,
    file_name="95-KH-UBND-day-du.pdf",
    file_format="huge",
    listing="flex",
    extra_files=(("95-KH-UBND.doc", "doc"),),
)

_OTHER = FixtureDecision(
    alias="qd-777-quy-hoach-giao-thong",
    number="777/QĐ-UBND",
    doc_type="Quyết định",
    issued="2023-05-10",
    signer="Đinh Thị Lan",
    summary="Quyết định phê duyệt quy hoạch mạng lưới giao thông nông thôn",
    issuing_body="UBND tỉnh Thái Nguyên",
    statement="",
    stated_count=None,
    file_name="777-QD-UBND.pdf",
    file_format="pdf",
    listing="old",
)

DECISIONS: tuple[FixtureDecision, ...] = (_DECISION_PDF, _OTHER, _DECISION_DOCX, _BROKEN, _PLAN)

# What tests and H6's audit must find: planted problems, keyed by document number.
PLANTED_DOCUMENTS: dict[str, dict] = {
    _DECISION_DOCX.number: {"problem": "stated-count-mismatch", "stated_count": 9, "annex_rows": 8},
    _DECISION_PDF.number: {"problem": None, "stated_count": 12, "annex_rows": 12},
    _BROKEN.number: {"problem": "broken-attachments", "files": {
        "88-QD-UBND-ma-hoa.pdf": "encrypted", "88-QD-UBND-ban-quet.pdf": "no-text-layer",
        "88-QD-UBND.docx": "bad-type", "88-QD-UBND-rong.pdf": "empty"}},
    _PLAN.number: {"problem": "broken-attachments", "files": {
        "95-KH-UBND-day-du.pdf": "too-large", "95-KH-UBND.doc": "error|unsupported"}},
    _OTHER.number: {"problem": "not-ocop"},
}

HUGE_DECLARED_BYTES = 200 * 1024 * 1024

# --- the SharePoint site's vendor "Văn bản" control (Cao Bằng) ------------------------------
# Newest first as listed. 1579/QĐ-UBND is the decision the site's own article
# "cb-cham-diem-2023" cites (same number, same date); the portal lists it without a file.

_SP_RECOGNITION = FixtureDecision(
    alias="1821-qd-ubnd", number="1821/QĐ-UBND", doc_type="Quyết định", issued="2022-11-24",
    signer="Lương Thị Hoa",
    summary="Quyết định công nhận sản phẩm đạt tiêu chuẩn OCOP tỉnh Cao Bằng năm 2022",
    issuing_body="UBND tỉnh Cao Bằng",
    statement="Điều 1. Công nhận 6 sản phẩm đạt tiêu chuẩn OCOP năm 2022 (có Phụ lục danh sách kèm theo).",
    stated_count=6, file_name="1821-QD-UBND-phu-luc.docx", file_format="docx", place="Cao Bằng", item_id=4127,
    sections=(
        AnnexSection("I. SẢN PHẨM ĐẠT 4 SAO", False, (
            P("Hạt dẻ Trùng Khánh rang muối", "HTX Nông nghiệp Đàm Thủy Xanh", "Đàm Thủy", "Trùng Khánh", "72", "4 sao", 4),
            P("Miến dong Phja Đén", "HTX Miến dong Thành Công", "Thành Công", "Nguyên Bình", "74,5", "4*", 4),
        )),
        AnnexSection("II. SẢN PHẨM ĐẠT 3 SAO", False, (
            P("Lạp sườn hun khói Hòa An", "Hộ kinh doanh Nông Thị Vân", "Hồng Việt", "Hòa An", "61", "3 sao", 3),
            P("Trà giảo cổ lam Quảng Hòa", "Tổ hợp tác Giảo cổ lam Phúc Sen", "Phúc Sen", "Quảng Hòa", "58,5", "3*", 3),
            P("Mật ong bạc hà Hà Quảng", "HTX Ong mật Sóc Hà", "Sóc Hà", "Hà Quảng", "63", "★★★", 3),
            P("Gạo nếp cẩm Bảo Lạc", "HTX Nông sản Hồng Trị", "Hồng Trị", "Bảo Lạc", "57", "3 sao", 3),
        )),
    ),
)

_SP_PLAN = FixtureDecision(
    alias="64-kh-ubnd", number="64/KH-UBND", doc_type="Kế hoạch", issued="2023-02-15", signer="Lương Thị Hoa",
    summary="Kế hoạch triển khai Chương trình Mỗi xã một sản phẩm tỉnh Cao Bằng năm 2023",
    issuing_body="UBND tỉnh Cao Bằng", statement="", stated_count=None, file_name="64-KH-UBND.pdf",
    file_format="pdf", place="Cao Bằng", item_id=3988,
)

_SP_CITED = FixtureDecision(
    alias="1579-qd-ubnd", number="1579/QĐ-UBND", doc_type="Quyết định", issued="2023-09-22",
    signer="Lương Thị Hoa",
    summary="Quyết định phê duyệt kết quả chấm điểm, xếp hạng sản phẩm tham gia Chương trình OCOP tỉnh Cao Bằng năm 2023",
    issuing_body="UBND tỉnh Cao Bằng", statement="", stated_count=None, file_name="", file_format="none",
    place="Cao Bằng", item_id=4460,
)

_SP_OTHER = FixtureDecision(
    alias="2210-qd-ubnd", number="2210/QĐ-UBND", doc_type="Quyết định", issued="2023-12-01", signer="Trịnh Trường Huy",
    summary="Quyết định điều chỉnh danh mục dự án đầu tư công trung hạn giai đoạn 2021 - 2025",
    issuing_body="UBND tỉnh Cao Bằng", statement="", stated_count=None, file_name="2210-QD-UBND.pdf",
    file_format="pdf", place="Cao Bằng", item_id=4591,
)

SHAREPOINT_DECISIONS: tuple[FixtureDecision, ...] = (_SP_OTHER, _SP_CITED, _SP_PLAN, _SP_RECOGNITION)

# --- the generic site's "Văn bản" table (a newspaper mirroring Tuyên Quang's documents) --------
# 285/QĐ-UBND is cited by 1366/QĐ-UBND's "Căn cứ" line (same date) and listed without a file.

_G_RECOGNITION = FixtureDecision(
    alias="quyet-dinh-1366-qd-ubnd", number="1366/QĐ-UBND", doc_type="Quyết định", issued="2023-12-08",
    signer="Nguyễn Mạnh Tuấn",
    summary="Quyết định công nhận kết quả đánh giá, phân hạng sản phẩm OCOP tỉnh Tuyên Quang năm 2023",
    issuing_body="UBND tỉnh Tuyên Quang",
    statement="Điều 1. Công nhận 5 sản phẩm đạt OCOP năm 2023 (chi tiết tại Phụ lục kèm theo).",
    stated_count=5, file_name="1366-QD-UBND.docx", file_format="docx", place="Tuyên Quang", item_id=902,
    cites=("Căn cứ Quyết định số 285/QĐ-UBND ngày 20/4/2023 của UBND tỉnh về việc thành lập Hội đồng "
           "đánh giá, phân hạng sản phẩm;",),
    sections=(
        AnnexSection("A. SẢN PHẨM ĐẠT 4 SAO", False, (
            P("Cam sành Hàm Yên loại đặc biệt", "HTX Cam sành Phù Lưu", "Phù Lưu", "Hàm Yên", "75", "4 sao", 4),
        )),
        AnnexSection("B. SẢN PHẨM ĐẠT 3 SAO", False, (
            P("Chè Shan tuyết Na Hang", "HTX Chè Khau Tinh", "Khau Tinh", "Na Hang", "64", "3 sao", 3),
            P("Cá lăng sông Gâm một nắng", "Hộ kinh doanh Ma Văn Hùng", "Yên Nguyên", "Chiêm Hóa", "60", "3*", 3),
            P("Bưởi Xuân Vân", "HTX Bưởi Đại Phú", "Xuân Vân", "Yên Sơn", "62,5", "★★★", 3),
            P("Miến dong Hợp Thành", "HTX Miến Hợp Thành", "Hợp Thành", "Sơn Dương", "59", "3 sao", 3),
        )),
    ),
)

_G_CITED = FixtureDecision(
    alias="quyet-dinh-285-qd-ubnd", number="285/QĐ-UBND", doc_type="Quyết định", issued="2023-04-20",
    signer="Nguyễn Mạnh Tuấn",
    summary="Quyết định thành lập Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Tuyên Quang năm 2023",
    issuing_body="UBND tỉnh Tuyên Quang", statement="", stated_count=None, file_name="", file_format="none",
    place="Tuyên Quang", item_id=845,
)

_G_PLAN = FixtureDecision(
    alias="ke-hoach-37-kh-ubnd", number="37/KH-UBND", doc_type="Kế hoạch", issued="2023-03-28",
    signer="Nguyễn Mạnh Tuấn",
    summary="Kế hoạch thực hiện Chương trình OCOP tỉnh Tuyên Quang năm 2023",
    issuing_body="UBND tỉnh Tuyên Quang", statement="", stated_count=None, file_name="37-KH-UBND.pdf",
    file_format="pdf", place="Tuyên Quang", item_id=811,
)

_G_OTHER = FixtureDecision(
    alias="quyet-dinh-1402-qd-ubnd", number="1402/QĐ-UBND", doc_type="Quyết định", issued="2023-12-15",
    signer="Hoàng Việt Phương",
    summary="Quyết định phê duyệt Đề án phát triển du lịch cộng đồng tỉnh Tuyên Quang giai đoạn 2024 - 2030",
    issuing_body="UBND tỉnh Tuyên Quang", statement="", stated_count=None, file_name="1402-QD-UBND.pdf",
    file_format="pdf", place="Tuyên Quang", item_id=915,
)

GENERIC_DECISIONS: tuple[FixtureDecision, ...] = (_G_OTHER, _G_RECOGNITION, _G_CITED, _G_PLAN)


def _section_facts(decisions: tuple[FixtureDecision, ...]) -> dict[str, dict]:
    """Every field a spider must read for each planted decision of a section."""
    return {d.number: {
        "type": d.doc_type, "issued": d.issued, "signer": d.signer, "summary": d.summary,
        "issuing_body": d.issuing_body, "ocop": d.is_ocop, "files": [name for name, _ in files_of(d)],
        "stated_count": d.stated_count, "annex_rows": d.annex_rows or None,
        "products": [(p.name, p.owner, p.commune, p.district, p.stars) for s in d.sections for p in s.products],
    } for d in decisions}


# What the SharePoint and generic sections plant, by site id then number. No conflict on purpose:
# stated counts equal annex rows, and the cited-only decisions carry the date their citers print.
PLANTED_SECTION_DOCUMENTS: dict[str, dict[str, dict]] = {}


# --- rendering ---------------------------------------------------------------------------

def reportlab_missing() -> str | None:
    """Why PDFs cannot be rendered here, or None."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return "reportlab is not installed (pip install reportlab, or the [test] extra)"
    return None


@cache
def _font() -> str:
    """A registered font name with Vietnamese glyphs (DejaVuSans, else reportlab's bundled Vera)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [d / "DejaVuSans.ttf" for d in FONT_DIRS]
    candidates.append(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")
    for path in candidates:
        if path.exists():
            pdfmetrics.registerFont(TTFont("FixtureUnicode", str(path)))
            return "FixtureUnicode"
    return "Helvetica"


def _body_lines(decision: FixtureDecision) -> list[str]:
    day = decision.issued
    return [
        f"{decision.issuing_body.upper()}",
        f"Số: {decision.number}",
        f"{decision.place}, ngày {int(day[8:10])} tháng {int(day[5:7])} năm {day[:4]}",
        decision.doc_type.upper(),
        decision.summary,
        "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ;",
        *decision.cites,
        "QUYẾT ĐỊNH:",
        decision.statement,
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        f"KT. CHỦ TỊCH - PHÓ CHỦ TỊCH {decision.signer}",
    ]


HEADER_TOP = ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Địa chỉ", "Số điểm", "Hạng sao"]
HEADER_SUB = ["STT", "Tên sản phẩm", "Chủ thể", "Xã", "Huyện", "Số điểm", "Hạng sao"]


def render_pdf(decision: FixtureDecision) -> bytes:
    """The decision and its annex table as a PDF with a text layer."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _font()
    style = getSampleStyleSheet()["Normal"]
    style.fontName, style.fontSize, style.leading = font, 9, 11
    flow = [Paragraph(line, style) for line in _body_lines(decision) if line]
    if decision.sections:
        flow += [PageBreak(), Paragraph(f"PHỤ LỤC DANH SÁCH SẢN PHẨM (Kèm theo Quyết định số {decision.number})",
                                        style)]
        data = [[*HEADER_TOP[:3], "Địa chỉ", "", *HEADER_TOP[5:]], ["", "", "", "Xã", "Huyện", "", ""]]
        spans = [("SPAN", (3, 0), (4, 0))] + [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 5, 6)]
        number = 0
        for section in decision.sections:
            spans.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([section.heading] + [""] * 6)
            for product in section.products:
                number += 1
                data.append([str(number), Paragraph(product.name, style), Paragraph(product.owner, style),
                             product.commune, product.district, product.score, product.stars_text])
        table = Table(data, colWidths=[32, 190, 160, 80, 80, 55, 60], repeatRows=2)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("GRID", (0, 0), (-1, -1), 0.5, "black"), *spans]))
        flow.append(table)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title=decision.number).build(flow)
    return buf.getvalue()


def render_docx(decision: FixtureDecision) -> bytes:
    """The decision as DOCX: paragraphs, then the annex table with a merged two-row header."""
    import docx

    document = docx.Document()
    for line in _body_lines(decision):
        if line:
            document.add_paragraph(line)
    if decision.sections:
        document.add_paragraph(f"PHỤ LỤC (Kèm theo Quyết định số {decision.number})")
        rows = 2 + sum(1 + len(s.products) for s in decision.sections)
        table = document.add_table(rows=rows, cols=7)
        for col, label in enumerate(HEADER_TOP):
            table.cell(0, col).text = label if col != 4 else ""
        table.cell(1, 3).text, table.cell(1, 4).text = "Xã", "Huyện"
        table.cell(0, 3).merge(table.cell(0, 4))
        for col in (0, 1, 2, 5, 6):
            table.cell(0, col).merge(table.cell(1, col))
        table.cell(0, 3).text = "Địa chỉ"
        row, number = 2, 0
        for section in decision.sections:
            merged = table.cell(row, 0).merge(table.cell(row, 6))
            merged.text = section.heading
            row += 1
            for product in section.products:
                number += 1
                values = [str(number), product.name, product.owner, product.commune, product.district,
                          product.score, product.stars_text]
                for col, value in enumerate(values):
                    table.cell(row, col).text = value
                row += 1
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def render_encrypted_pdf(decision: FixtureDecision) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt=StandardEncryption("mat-khau-rieng", ownerPassword="chu-so-huu"))
    pdf.setFont(_font(), 11)
    pdf.drawString(72, 760, f"Quyết định số {decision.number} (bản có mật khẩu)")
    pdf.save()
    return buf.getvalue()


def render_scanned_pdf(decision: FixtureDecision) -> bytes:
    """A PDF whose page is only an image of text (no text layer), like a scanned decision."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1240, 500), 255)
    draw = ImageDraw.Draw(image)
    font_path = next((d / "DejaVuSans.ttf" for d in FONT_DIRS if (d / "DejaVuSans.ttf").exists()), None)
    font = ImageFont.truetype(str(font_path), 34) if font_path else ImageFont.load_default()
    lines = ["QUYẾT ĐỊNH", f"Số: {decision.number}", "Công nhận 5 sản phẩm đạt OCOP năm 2021"]
    for n, line in enumerate(lines):
        draw.text((60, 60 + n * 90), line, fill=0, font=font)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawImage(ImageReader(image), 40, 400, width=520, height=210)
    pdf.save()
    return buf.getvalue()


FAKE_DOCX_HTML = ("<!DOCTYPE html><html><head><title>Phiên đăng nhập hết hạn</title></head><body>"
                  "<h1>Phiên đăng nhập đã hết hạn</h1><p>Vui lòng đăng nhập lại để tải tệp.</p></body></html>")

# An OLE2 compound-file signature followed by junk: what a damaged legacy Word file looks like.
LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482


def render_file(decision: FixtureDecision, file_format: str) -> tuple[str, bytes]:
    """(content type, bytes) of one attachment; raises RuntimeError when reportlab is missing."""
    needs_pdf = file_format in ("pdf", "encrypted", "scanned")
    if needs_pdf and reportlab_missing():
        raise RuntimeError(reportlab_missing())
    if file_format == "pdf":
        return "application/pdf", render_pdf(decision)
    if file_format == "encrypted":
        return "application/pdf", render_encrypted_pdf(decision)
    if file_format == "scanned":
        return "application/pdf", render_scanned_pdf(decision)
    if file_format == "docx":
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", render_docx(decision)
    if file_format == "html-docx":
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FAKE_DOCX_HTML.encode()
    if file_format == "empty":
        return "application/pdf", b""
    if file_format == "doc":
        return "application/msword", LEGACY_DOC
    if file_format == "huge":
        return "application/pdf", b"%PDF-1.4\n" + b"0" * 2048
    raise ValueError(f"unknown fixture file format {file_format!r}")


def files_of(decision: FixtureDecision) -> list[tuple[str, str]]:
    """(file name, format) of each attachment; a decision listed without a file has none."""
    main = [(decision.file_name, decision.file_format)] if decision.file_name else []
    return [*main, *decision.extra_files]


# --- HTML --------------------------------------------------------------------------------

def _dmy(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def detail_path(decision: FixtureDecision) -> str:
    return f"/vi/laws/detail/{decision.alias}/"


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><div id=\"wraper\"><div class=\"main\">{body}</div>"
            "<aside><div class=\"block-law marquee\"><div class=\"m-bottom item\"><h3 class=\"law-code\">"
            "<a href=\"/vi/laws/detail/qd-4321-khac/\">4321/QĐ-UBND</a></h3><p class=\"law-title\">"
            "Về việc thành lập Ban chỉ đạo khác</p></div></div></aside></body></html>")


def listing_old(decisions: list[FixtureDecision], next_page: str | None) -> str:
    rows = []
    for n, d in enumerate(decisions, 1):
        files = " ".join(f'<a href="/uploads/laws/{name}">{name}</a>' for name, _ in files_of(d))
        rows.append(f'<tr><td class="text-center">{n}</td><td><a href="{detail_path(d)}" title="{d.summary}">'
                    f'{d.number}</a></td><td class="text-center">{_dmy(d.issued)}</td>'
                    f'<td><a href="{detail_path(d)}">{d.summary}</a></td><td>{files}</td></tr>')
    pager = ""
    if next_page:
        pager = (f'<div class="text-center"><ul class="pagination"><li class="active"><a href="#">1</a></li>'
                 f'<li><a href="{next_page}">2</a></li><li><a href="{next_page}" title="Next">»</a></li></ul></div>')
    table = ('<div class="table-responsive"><table class="table table-striped table-bordered table-hover">'
             "<thead><tr><th>STT</th><th>Số kí hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th>"
             f"<th>File đính kèm</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return _page("Văn bản", table + pager)


def listing_flex(decisions: list[FixtureDecision]) -> str:
    rows = ['<div class="table-rows table-head"><div class="c-stt">STT</div><div class="c-code">Số kí hiệu</div>'
            '<div class="c-time">Ngày ban hành</div><div class="c-intro">Trích yếu</div>'
            '<div class="c-file">File</div></div>']
    for n, d in enumerate(decisions, 1):
        files = "".join(f'<li><a href="/uploads/laws/{name}"><i class="fa fa-download"></i> {name}</a></li>'
                        for name, _ in files_of(d))
        rows.append(
            f'<div class="table-rows"><div class="c-stt">{n}</div>'
            f'<div class="c-code"><span class="label-name">Số kí hiệu:</span><h3 class="h4">'
            f'<a href="{detail_path(d)}">{d.number}</a></h3></div>'
            f'<div class="c-time"><span class="label-name">Ngày ban hành:</span>{_dmy(d.issued)}</div>'
            f'<div class="c-intro"><a href="{detail_path(d)}"><strong>{d.doc_type} {d.number}</strong></a>'
            f'<div class="l-intro">{d.summary}</div></div>'
            f'<div class="c-file"><ul class="laws-download">{files}</ul></div></div>')
    return _page("Văn bản", f'<div class="flex-table-laws">{"".join(rows)}</div>')


def detail_html(d: FixtureDecision) -> str:
    def row(label: str, value: str) -> str:
        return f'<tr class="hoatim"><td class="text-right">{label}</td><td>{value}</td></tr>'

    files = "".join(f'<div class="list-group-item"><a href="/uploads/laws/{name}" title="{name}">'
                    f'Tập tin: <strong>{name}</strong></a></div>' for name, _ in files_of(d))
    body = (f'<h1 class="lawh3">{d.doc_type} {d.number}</h1><p>{d.summary}</p>'
            '<table class="table table-striped table-bordered table-hover"><tbody>'
            + row("Số kí hiệu", d.number) + row("Ngày ban hành", _dmy(d.issued))
            + row("Trạng thái", "Còn hiệu lực") + row("Ngày bắt đầu hiệu lực", _dmy(d.issued))
            + row("Ngày hết hiệu lực", "") + row("Thể loại", d.doc_type)
            + row("Lĩnh vực", '<a href="/vi/laws/area/nong-nghiep/">Nông nghiệp</a>')
            + row("Cơ quan ban hành", d.issuing_body) + row("Người ký", d.signer)
            + '</tbody></table><h2 class="lawh3">Nội dung</h2><p class="m-bottom">'
            + (d.statement or d.summary) + '</p><h2 class="lawh3">File đính kèm</h2>'
            f'<div class="list-group laws-download-file">{files}</div>')
    return _page(f"{d.doc_type} {d.number}", body)


# --- routes ------------------------------------------------------------------------------

OLD_LISTING_PATHS = ("/vi/laws/", "/vi/laws/page-2/")
FLEX_LISTING_PATH = "/van-ban/"


def document_paths() -> list[str]:
    """Listing paths to put in a registry row's ``document_urls``."""
    return [OLD_LISTING_PATHS[0], FLEX_LISTING_PATH]


def add_documents_section(site) -> None:
    """Add the documents listings, detail pages and attachments to a fixture Site's route table."""
    old = [d for d in DECISIONS if d.listing == "old"]
    flex = [d for d in DECISIONS if d.listing == "flex"]
    pages = {OLD_LISTING_PATHS[0]: listing_old(old[:2], OLD_LISTING_PATHS[1]),
             OLD_LISTING_PATHS[1]: listing_old(old[2:], None),
             FLEX_LISTING_PATH: listing_flex(flex)}
    for d in DECISIONS:
        pages[detail_path(d)] = detail_html(d)
    for path, markup in pages.items():
        site.add_route(path, _html_handler(markup))
    for d in DECISIONS:
        for name, file_format in files_of(d):
            site.add_route(f"/uploads/laws/{name}", _file_handler(d, file_format))
    paths = getattr(site, "document_paths", None)
    if isinstance(paths, list):
        paths.extend(p for p in document_paths() if p not in paths)


def _html_handler(markup: str):
    def handle(path, query, headers):
        return Response(200, {"Content-Type": "text/html; charset=utf-8"}, markup.encode("utf-8"))
    return handle


class _Announced(bytes):
    """Bytes whose len() claims half the announced size (see the "huge" route)."""

    def __len__(self) -> int:
        return (HUGE_DECLARED_BYTES - 1000) // 2


def _file_handler(decision: FixtureDecision, file_format: str):
    def handle(path, query, headers):
        try:
            content_type, body = render_file(decision, file_format)
        except RuntimeError as exc:
            return Response(503, {"Content-Type": "text/plain; charset=utf-8"}, str(exc).encode(), cacheable=False)
        if file_format == "huge":
            # Announce 200 MB, send a little, close: the client must refuse on the header alone.
            # server.py announces len(body) * 2 + 1000 for truncated responses; _Announced makes
            # that come out at HUGE_DECLARED_BYTES while only a few KB are written.
            return Response(200, {"Content-Type": content_type}, _Announced(body), truncate=True,
                            cacheable=False)
        return Response(200, {"Content-Type": content_type}, body)
    return handle


# --- SharePoint vendor "Văn bản" control (§4.3 of the research notes) ----------------------

SP_LIST_PATH = "/Pages/van-ban-phap-quy.aspx"
SP_DETAIL_PATH = "/Pages/chi-tiet-van-ban.aspx"
SP_FILES = "/Lists/VanBanPhapQuy/Attachments/"
SP_PER_PAGE = 2


def sp_detail_url(d: FixtureDecision) -> str:
    return f"{SP_DETAIL_PATH}?ItemID={d.item_id}"


def sp_file_url(d: FixtureDecision, name: str) -> str:
    return f"{SP_FILES}{d.item_id}/{name}"


def _sp_list_zone(decisions: list[FixtureDecision], page: int, pages: int) -> str:
    rows = "".join(
        f'<tr><td><div><a href="{sp_detail_url(d)}">{d.number}</a></div></td><td><div>{_dmy(d.issued)}</div></td>'
        f'<td><div><a href="{sp_detail_url(d)}">{d.summary}</a></div></td></tr>' for d in decisions)
    links = "".join(f"<span>{n}</span>" if n == page else f'<a href="van-ban-phap-quy.aspx?Page={n}">{n}</a>'
                    for n in range(1, pages + 1))
    return ('<div class="CSSTableGenerator"><table><tr><td>Số ký hiệu</td><td>Ngày ban hành</td><td>Trích yếu</td></tr>'
            f'{rows}</table></div><div class="Paging Paging_Footer_Table_Legal">{links}</div>')


def _sp_detail_zone(d: FixtureDecision, ctl: str) -> str:
    def label(suffix: str, value: str) -> str:
        return f'<span id="{ctl}_ctl00_{suffix}">{value}</span>'

    files = "".join(f'<span><strong><a href="{sp_file_url(d, name)}">{name}</a></strong></span><br>'
                    for name, _ in files_of(d))
    return (
        '<table class="tblChiTietVanBan" cellspacing="0" cellpadding="4">'
        f'<tr><td class="title">Số ký hiệu</td><td>{label("lblSoKyHieu", d.number)}</td></tr>'
        f'<tr><td class="title">Ngày ban hành</td><td>{label("lblNgayBanHanh", _dmy(d.issued))}</td></tr>'
        f'<tr><td class="title">Ngày hiệu lực</td><td>{label("lblNgayHieuLuc", _dmy(d.issued))}</td></tr>'
        f'<tr><td class="title">Trích yếu</td><td>{label("lblNoiDung", d.summary)}</td></tr>'
        f'<tr><td class="title">Loại văn bản</td><td>{label("lblLoaiVanBan", d.doc_type)}</td></tr>'
        f'<tr><td class="title">Hiệu lực</td><td>{label("lblHieuluc", "Còn hiệu lực")}</td></tr>'
        f'<tr id="row_donvibanhanh_chinh"><td class="title">Cơ quan ban hành / Người ký</td><td>{d.issuing_body}</td>'
        f'<td>{d.signer}</td></tr>'
        f'<tr id="row_file"><td class="title">Tệp đính kèm</td><td>{files}</td></tr></table>')


def add_sharepoint_documents(site) -> None:
    """The vendor documents control on the SharePoint site: list with ``?Page=N``, ``?ItemID=`` details."""
    from harvester.fixture_portals import sharepoint

    # the web-part GUIDs come from the site and seed, as the news web parts' do
    list_ctl = "ctl00_SPWebPartManager1_g_" + sharepoint._guid(site, "vanban-list").replace("-", "_")
    detail_ctl = "ctl00_SPWebPartManager1_g_" + sharepoint._guid(site, "vanban-detail").replace("-", "_")
    decisions = list(SHAREPOINT_DECISIONS)
    pages = -(-len(decisions) // SP_PER_PAGE)
    by_item = {str(d.item_id): d for d in decisions}

    def listing(path, query, headers):
        page = _qint(query, "Page")
        chunk = decisions[(page - 1) * SP_PER_PAGE: page * SP_PER_PAGE] if 1 <= page <= pages else []
        zone = sharepoint._chrome("PublishingPortal - VanBan_DanhSach", _sp_list_zone(chunk, page, pages), 4,
                                  list_ctl)
        return _html(sharepoint._layout(site, SP_LIST_PATH, "Văn bản pháp quy", zone))

    def detail(path, query, headers):
        d = by_item.get((query.get("ItemID") or [""])[0])
        if d is None:
            return Response(404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>404</body></html>",
                            cacheable=False)
        zone = sharepoint._chrome("PublishingPortal - VanBan_ChiTiet", _sp_detail_zone(d, detail_ctl), 4,
                                  detail_ctl)
        return _html(sharepoint._layout(site, sp_detail_url(d), f"{d.doc_type} {d.number}", zone))

    site.add_route(SP_LIST_PATH, listing)
    site.add_route(SP_DETAIL_PATH, detail)
    for d in decisions:
        for name, file_format in files_of(d):
            site.add_route(sp_file_url(d, name), _file_handler(d, file_format))
    if SP_LIST_PATH not in site.document_paths:
        site.document_paths.append(SP_LIST_PATH)


# --- generic portal table ("Số/ký hiệu | Ngày ban hành | Trích yếu | Cơ quan ban hành | Tải về") --

GENERIC_LIST_PATH = "/van-ban/"
GENERIC_PER_PAGE = 3


def generic_detail_path(d: FixtureDecision) -> str:
    return f"/van-ban/{d.alias}-vb{d.item_id}.html"


def generic_file_path(d: FixtureDecision, name: str) -> str:
    return f"/uploads/van-ban/{d.issued[:4]}/{d.issued[5:7]}/{name}"


def _generic_listing(decisions: list[FixtureDecision], page: int, pages: int) -> str:
    rows = []
    for d in decisions:
        files = " ".join(f'<a class="download" href="{generic_file_path(d, name)}" title="{name}">Tải về</a>'
                         for name, _ in files_of(d))
        rows.append(f"<tr><td>{d.number}</td><td>{_dmy(d.issued)}</td>"
                    f'<td><a href="{generic_detail_path(d)}">{d.summary}</a></td><td>{d.issuing_body}</td>'
                    f"<td>{files}</td></tr>")
    links = [f'<span class="current">{n}</span>' if n == page else
             f'<a href="{GENERIC_LIST_PATH if n == 1 else f"{GENERIC_LIST_PATH}trang-{n}.html"}">{n}</a>'
             for n in range(1, pages + 1)]
    if page < pages:
        links.append(f'<a class="next" href="{GENERIC_LIST_PATH}trang-{page + 1}.html">Trang sau</a>')
    return ('<h1 class="cat-title">Văn bản chỉ đạo, điều hành</h1><table class="table-van-ban">'
            "<thead><tr><th>Số/ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Cơ quan ban hành</th>"
            f"<th>Tải về</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<div class="pagination">{"".join(links)}</div>')


def _generic_detail(d: FixtureDecision) -> str:
    # Two label/value pairs per row, as many custom portals print their document sheet.
    files = "".join(f'<a href="{generic_file_path(d, name)}">{name}</a> ' for name, _ in files_of(d)) or "Không có"
    return (f'<article class="van-ban"><h1 class="detail-title">{d.doc_type} {d.number}</h1>'
            '<table class="thuoc-tinh">'
            f"<tr><th>Số/ký hiệu:</th><td>{d.number}</td><th>Ngày ban hành:</th><td>{_dmy(d.issued)}</td></tr>"
            f"<tr><th>Loại văn bản:</th><td>{d.doc_type}</td><th>Người ký:</th><td>{d.signer}</td></tr>"
            f"<tr><th>Cơ quan ban hành:</th><td>{d.issuing_body}</td><th>Lĩnh vực:</th><td>Nông nghiệp</td></tr>"
            f'<tr><th>Trích yếu:</th><td colspan="3">{d.summary}</td></tr>'
            f'<tr><th>Tệp đính kèm:</th><td colspan="3">{files}</td></tr></table></article>')


def add_generic_documents(site) -> None:
    """A "Văn bản" table with "Trang sau" paging on the generic (newspaper) site."""
    from harvester.fixture_portals import generic

    decisions = list(GENERIC_DECISIONS)
    pages = -(-len(decisions) // GENERIC_PER_PAGE)
    for n in range(1, pages + 1):
        chunk = decisions[(n - 1) * GENERIC_PER_PAGE: n * GENERIC_PER_PAGE]
        path = GENERIC_LIST_PATH if n == 1 else f"{GENERIC_LIST_PATH}trang-{n}.html"
        site.add_route(path, _html_handler(generic.layout(site, "Văn bản", _generic_listing(chunk, n, pages))))
    for d in decisions:
        page = generic.layout(site, f"{d.doc_type} {d.number}", _generic_detail(d))
        site.add_route(generic_detail_path(d), _html_handler(page))
        for name, file_format in files_of(d):
            site.add_route(generic_file_path(d, name), _file_handler(d, file_format))
    if GENERIC_LIST_PATH not in site.document_paths:
        site.document_paths.append(GENERIC_LIST_PATH)


def _qint(query, key: str) -> int:
    try:
        return int((query.get(key) or ["1"])[0])
    except ValueError:
        return 0


def _html(markup: str):
    return Response(200, {"Content-Type": "text/html; charset=utf-8"}, markup.encode("utf-8"))


PLANTED_SECTION_DOCUMENTS.update({"sharepoint": _section_facts(SHAREPOINT_DECISIONS),
                                  "generic": _section_facts(GENERIC_DECISIONS)})
