"""The decisions the imitation "Văn bản" sections publish, and what a crawl must find in them.

Written for these tests (invented places, owners and numbers; never corpus text). The NukeViet
laws module lists ``DECISIONS``; the SharePoint vendor control ``SHAREPOINT_DECISIONS``; the
generic newspaper table ``GENERIC_DECISIONS``. ``PLANTED_DOCUMENTS`` and
``PLANTED_SECTION_DOCUMENTS`` hold what tests and the audit must find: one decision states a
count different from its annex rows on purpose, broken attachments carry the status a reader
must give them. How the files look is in :mod:`harvester.fixture_portals.attachment_files`; how
the sections look in :mod:`harvester.fixture_portals.documents`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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

# What tests and the audit must find: planted problems, keyed by document number.
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


def files_of(decision: FixtureDecision) -> list[tuple[str, str]]:
    """(file name, format) of each attachment; a decision listed without a file has none."""
    main = [(decision.file_name, decision.file_format)] if decision.file_name else []
    return [*main, *decision.extra_files]


PLANTED_SECTION_DOCUMENTS.update({"sharepoint": _section_facts(SHAREPOINT_DECISIONS),
                                  "generic": _section_facts(GENERIC_DECISIONS)})
