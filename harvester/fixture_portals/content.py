"""The articles the imitation portals publish, with the facts each one states.

Every text here was written for the fixtures (modelled on real provincial OCOP news, but with
other places, names and numbers). Tests assert crawled rows against these records, so each
article carries its title, publish time, province, and the figures / document numbers it states.

``PLANTED`` lists the deliberate inconsistencies between sites that the audit feature must find.
``SITE_ARTICLES`` says which article keys each site serves (first = oldest).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

ICT = timezone(timedelta(hours=7))

# The page-view clock printed in headers ("current time"); deliberately unlike any publish date.
FIXED_NOW = datetime(2024, 12, 5, 1, 26, tzinfo=ICT)

OCOP_MARKERS = ("ocop", "mỗi xã một sản phẩm", "mỗi xã, phường một sản phẩm")


@dataclass(frozen=True)
class Article:
    key: str
    title: str
    published: datetime  # ICT
    province: str | None
    lead: str
    paragraphs: tuple[str, ...]
    author: str = ""
    source: str = ""
    category: str = "ocop"  # "ocop" | "tin-tuc"
    caption: str = ""  # image caption (no figures in captions)
    figures: tuple[dict, ...] = ()  # {"count", "stars", "status", "year", "place"}
    documents: tuple[dict, ...] = ()  # {"number", "issued"}
    edited_after: timedelta = timedelta(days=2, hours=3)
    # Set when the article is about OCOP without naming it (only star levels, a decision): the
    # marker test of is_ocop would miss it.
    ocop: bool | None = None

    @property
    def modified(self) -> datetime:
        """The last-edit time (NukeViet prints it as datePublished, by bug)."""
        return self.published + self.edited_after

    @property
    def body_paragraphs(self) -> tuple[str, ...]:
        """Lead plus body: what a correct main-text extraction keeps (captions aside)."""
        return (self.lead, *self.paragraphs)

    @property
    def text(self) -> str:
        return "\n\n".join(self.body_paragraphs)

    @property
    def is_ocop(self) -> bool:
        if self.ocop is not None:
            return self.ocop
        blob = (self.title + " " + self.text).lower()
        return any(m in blob for m in OCOP_MARKERS)


def _t(s: str) -> datetime:
    return datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=ICT)


def _fig(count, stars, status="achieved", year=None, place=None) -> dict:
    return {"count": count, "stars": stars, "status": status, "year": year, "place": place}


def _doc(number, issued) -> dict:
    return {"number": number, "issued": issued}


_ALL: list[Article] = [
    # ------------------------------------------------------------------ nukeviet (Quảng Trị NTM)
    Article(
        key="qt-cong-nhan-2022",
        title="Quảng Trị công nhận 38 sản phẩm đạt chuẩn OCOP năm 2022",
        published=_t("2022-10-31 09:40"),
        province="Quảng Trị",
        lead="UBND tỉnh Quảng Trị vừa ban hành Quyết định số 2516/QĐ-UBND ngày 28/10/2022 công nhận kết quả đánh giá, phân hạng sản phẩm thuộc Chương trình Mỗi xã một sản phẩm (OCOP) năm 2022.",
        paragraphs=(
            "Theo quyết định, có 38 sản phẩm của 27 chủ thể được công nhận đạt chuẩn OCOP, trong đó 6 sản phẩm đạt hạng 4 sao và 32 sản phẩm đạt hạng 3 sao. Các sản phẩm chủ yếu thuộc nhóm thực phẩm và đồ uống như tinh bột nghệ, cà phê Khe Sanh, mật ong rừng và nước mắm Mỹ Thủy.",
            "Đại diện Văn phòng Điều phối nông thôn mới tỉnh cho biết, năm nay nhiều chủ thể đã đầu tư bao bì, truy xuất nguồn gốc và đăng ký nhãn hiệu trước khi tham gia đánh giá, nhờ vậy tỷ lệ sản phẩm đạt chuẩn cao hơn năm trước.",
            "Các chủ thể có sản phẩm được công nhận được sử dụng biểu trưng OCOP trên bao bì trong thời hạn 36 tháng và được hỗ trợ tham gia các hội chợ xúc tiến thương mại trong và ngoài tỉnh.",
        ),
        author="Thanh Hải",
        source="Văn phòng Điều phối NTM tỉnh",
        caption="Sản phẩm cà phê của một hợp tác xã tại huyện Hướng Hóa",
        figures=(_fig(38, "3+", year=2022), _fig(6, "4", year=2022), _fig(32, "3", year=2022)),
        documents=(_doc("2516/QĐ-UBND", "2022-10-28"),),
    ),
    Article(
        key="py-tong-ket-2022-120",
        title="Phú Yên: Chương trình OCOP về đích trước kế hoạch năm 2022",
        published=_t("2023-01-06 15:05"),
        province="Phú Yên",
        lead="Tại hội nghị tổng kết năm 2022, Sở Nông nghiệp và PTNT tỉnh Phú Yên đánh giá Chương trình OCOP tiếp tục là điểm sáng trong phát triển kinh tế nông thôn.",
        paragraphs=(
            "Tính đến hết năm 2022, toàn tỉnh Phú Yên có 120 sản phẩm OCOP, trong đó 19 sản phẩm đạt 4 sao và 101 sản phẩm đạt 3 sao. Riêng trong năm 2022, tỉnh công nhận mới 41 sản phẩm, vượt chỉ tiêu đề ra.",
            "Nhiều sản phẩm như cá ngừ đại dương, bánh tráng Hòa Đa, nước mắm Gành Đỏ đã có mặt tại các hệ thống siêu thị lớn. Số chủ thể là hợp tác xã và doanh nghiệp chiếm gần 60%, tăng rõ so với giai đoạn đầu triển khai.",
            "Năm 2023, tỉnh phấn đấu có thêm ít nhất 30 sản phẩm đạt chuẩn OCOP và lựa chọn 2 sản phẩm tiềm năng để hoàn thiện hồ sơ đề nghị đánh giá hạng 5 sao.",
        ),
        author="Ngọc Mai",
        source="Báo Phú Yên",
        caption="Gian hàng sản phẩm OCOP tại hội nghị tổng kết",
        figures=(
            _fig(120, None, year=2022, place="Phú Yên"),
            _fig(19, "4", year=2022),
            _fig(101, "3", year=2022),
            _fig(41, None, year=2022),
            _fig(30, None, status="target", year=2023),
            _fig(2, "5", status="proposed", year=2023),
        ),
    ),
    Article(
        key="qt-ke-hoach-2021-2025",
        title="Quảng Trị ban hành kế hoạch thực hiện Chương trình OCOP giai đoạn 2021 - 2025",
        published=_t("2021-06-14 11:15"),
        province="Quảng Trị",
        lead="Ngày 11 tháng 5 năm 2021, UBND tỉnh Quảng Trị ban hành Kế hoạch số 77/KH-UBND thực hiện Chương trình Mỗi xã một sản phẩm trên địa bàn tỉnh giai đoạn 2021 - 2025.",
        paragraphs=(
            "Theo Kế hoạch số 77/KH-UBND, tỉnh phấn đấu đến năm 2025 có ít nhất 200 sản phẩm OCOP đạt hạng 3 sao trở lên, trong đó ít nhất 25 sản phẩm đạt 4 sao và 2 sản phẩm đạt 5 sao; 100% huyện, thị xã, thành phố có sản phẩm OCOP.",
            "Kế hoạch cũng đặt mục tiêu củng cố ít nhất 40 hợp tác xã tham gia chương trình, xây dựng 3 điểm giới thiệu và bán sản phẩm OCOP tại các trung tâm du lịch của tỉnh.",
            "Các sở, ngành và địa phương được giao rà soát sản phẩm chủ lực, lồng ghép nguồn vốn từ Chương trình mục tiêu quốc gia xây dựng nông thôn mới để hỗ trợ chủ thể hoàn thiện tiêu chí.",
        ),
        author="P.V",
        source="Sở Nông nghiệp và PTNT",
        figures=(
            _fig(200, "3+", status="target", year=2025),
            _fig(25, "4", status="target", year=2025),
            _fig(2, "5", status="target", year=2025),
        ),
        documents=(_doc("77/KH-UBND", "2021-05-11"),),
    ),
    Article(
        key="qt-hai-lang-7-san-pham",
        title="Huyện Hải Lăng có thêm 7 sản phẩm OCOP 3 sao",
        published=_t("2023-08-22 08:30"),
        province="Quảng Trị",
        lead="Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Hải Lăng vừa tổ chức chấm điểm cho 9 sản phẩm đăng ký tham gia năm 2023.",
        paragraphs=(
            "Kết quả có 7 sản phẩm đạt từ 50 đến 69 điểm, đủ điều kiện đề nghị công nhận hạng 3 sao, gồm gạo hữu cơ Hải Phú, bánh ướt Hải Trường, rượu nếp than và một số loại tinh dầu tràm.",
            "Hai sản phẩm chưa đạt được hội đồng góp ý hoàn thiện hồ sơ công bố chất lượng và mẫu mã bao bì để tham gia kỳ đánh giá tiếp theo.",
            "Lũy kế đến nay, huyện Hải Lăng có 23 sản phẩm OCOP, dẫn đầu các huyện đồng bằng của tỉnh.",
        ),
        author="Lê Vy",
        source="Đài Truyền thanh huyện Hải Lăng",
        figures=(_fig(7, "3", year=2023, place="huyện Hải Lăng"), _fig(23, None, year=2023, place="huyện Hải Lăng")),
    ),
    Article(
        key="qt-de-nghi-5-sao",
        title="Quảng Trị đề nghị Trung ương đánh giá 3 sản phẩm tiềm năng 5 sao",
        published=_t("2024-05-17 14:20"),
        province="Quảng Trị",
        lead="UBND tỉnh Quảng Trị vừa có văn bản đề nghị Bộ Nông nghiệp và PTNT tổ chức đánh giá, phân hạng cấp quốc gia đối với 3 sản phẩm OCOP tiềm năng 5 sao của tỉnh.",
        paragraphs=(
            "Ba sản phẩm được đề nghị gồm cà phê rang xay Khe Sanh, tinh bột nghệ vàng và trà cà gai leo, đều đã đạt 4 sao cấp tỉnh với số điểm trên 85.",
            "Trước đó, Hội đồng đánh giá cấp tỉnh đã làm việc với các chủ thể để hoàn thiện câu chuyện sản phẩm, hồ sơ kiểm nghiệm và kế hoạch kinh doanh theo yêu cầu của bộ tiêu chí mới.",
        ),
        author="Hoài An",
        source="Văn phòng Điều phối NTM tỉnh",
        figures=(_fig(3, "5", status="proposed", year=2024, place="Quảng Trị"),),
    ),
    Article(
        key="hb-qd-1234-ngay-15",
        title="Hòa Bình công nhận 44 sản phẩm đạt chuẩn OCOP đợt 1 năm 2022",
        published=_t("2022-09-20 10:05"),
        province="Hòa Bình",
        lead="Quyết định số 1234/QĐ-UBND ngày 15/9/2022 của UBND tỉnh Hòa Bình công nhận 44 sản phẩm đạt chuẩn OCOP đợt 1 năm 2022.",
        paragraphs=(
            "Trong 44 sản phẩm được công nhận có 9 sản phẩm đạt 4 sao và 35 sản phẩm đạt 3 sao, thuộc các nhóm thực phẩm, đồ uống, thảo dược và thủ công mỹ nghệ.",
            "Đáng chú ý, lần đầu tiên tỉnh có sản phẩm thổ cẩm của đồng bào Mường được công nhận 4 sao, mở ra hướng đi mới cho nhóm sản phẩm làng nghề.",
        ),
        author="Đức Anh",
        source="Báo Hòa Bình",
        figures=(_fig(44, "3+", year=2022), _fig(9, "4", year=2022), _fig(35, "3", year=2022)),
        documents=(_doc("1234/QĐ-UBND", "2022-09-15"),),
    ),
    # ------------------------------------------------------------------ wordpress (Yên Bái)
    Article(
        key="py-tong-ket-2022-118",
        title="Phú Yên nâng tổng số sản phẩm OCOP lên 118 sản phẩm",
        published=_t("2023-01-09 08:00"),
        province="Phú Yên",
        lead="Năm 2022, tỉnh Phú Yên tiếp tục đẩy mạnh Chương trình Mỗi xã một sản phẩm gắn với phát triển du lịch nông thôn.",
        paragraphs=(
            "Theo báo cáo của Văn phòng Điều phối nông thôn mới tỉnh, đến cuối năm 2022 Phú Yên có 118 sản phẩm OCOP, trong đó 17 sản phẩm 4 sao và 101 sản phẩm 3 sao.",
            "Các sản phẩm OCOP của tỉnh đã được giới thiệu tại nhiều hội chợ, đồng thời đưa lên các sàn thương mại điện tử, giúp nhiều hợp tác xã tăng doanh thu từ 15 đến 20%.",
        ),
        author="Hồng Nhung",
        source="Thông tấn xã Việt Nam",
        figures=(_fig(118, None, year=2022, place="Phú Yên"), _fig(17, "4", year=2022), _fig(101, "3", year=2022)),
    ),
    Article(
        key="yb-tong-ket-2023",
        title="Yên Bái có 182 sản phẩm OCOP sau 5 năm triển khai",
        published=_t("2023-12-28 16:45"),
        province="Yên Bái",
        lead="Sau 5 năm thực hiện Chương trình OCOP, tỉnh Yên Bái đã hình thành được hệ thống sản phẩm đặc trưng gắn với vùng nguyên liệu tập trung.",
        paragraphs=(
            "Đến nay, toàn tỉnh có 182 sản phẩm OCOP, trong đó 1 sản phẩm 5 sao, 34 sản phẩm 4 sao và 147 sản phẩm 3 sao. Chè Shan tuyết Suối Giàng là sản phẩm đầu tiên của tỉnh đạt hạng 5 sao quốc gia.",
            "Các huyện Văn Chấn, Trấn Yên và Lục Yên là những địa phương có nhiều sản phẩm nhất, chủ yếu là chè, quế, măng tre Bát Độ và các sản phẩm từ gạo nếp.",
            "Giai đoạn tới, tỉnh tập trung nâng hạng sản phẩm, phấn đấu đến năm 2025 có 200 sản phẩm OCOP, trong đó ít nhất 3 sản phẩm 5 sao.",
        ),
        author="Thu Trang",
        source="Báo Yên Bái",
        figures=(
            _fig(182, None, year=2023, place="Yên Bái"),
            _fig(1, "5", year=2023),
            _fig(34, "4", year=2023),
            _fig(147, "3", year=2023),
            _fig(200, None, status="target", year=2025),
            _fig(3, "5", status="target", year=2025),
        ),
    ),
    Article(
        key="yb-van-chan",
        title="Văn Chấn: Hỗ trợ hợp tác xã hoàn thiện hồ sơ sản phẩm OCOP",
        published=_t("2022-07-12 09:10"),
        province="Yên Bái",
        lead="Phòng Nông nghiệp và PTNT huyện Văn Chấn vừa tổ chức lớp tập huấn cho 45 học viên là đại diện các hợp tác xã và hộ sản xuất có sản phẩm tham gia Chương trình OCOP.",
        paragraphs=(
            "Học viên được hướng dẫn cách xây dựng câu chuyện sản phẩm, lập hồ sơ tự đánh giá, thiết kế nhãn mác và quy trình công bố chất lượng sản phẩm.",
            "Năm 2022, huyện đăng ký 12 sản phẩm mới tham gia đánh giá, tập trung vào chè Shan tuyết, cam Văn Chấn và xôi ngũ sắc.",
        ),
        author="Quang Tuấn",
        figures=(_fig(12, None, status="target", year=2022, place="huyện Văn Chấn"),),
    ),
    Article(
        key="yb-hoi-cho-ocop",
        title="Hơn 300 sản phẩm OCOP hội tụ tại hội chợ vùng Tây Bắc",
        published=_t("2024-03-18 19:30"),
        province="Yên Bái",
        lead="Tối 18/3, tại thành phố Yên Bái, hội chợ sản phẩm OCOP các tỉnh vùng Tây Bắc năm 2024 chính thức khai mạc.",
        paragraphs=(
            "Hội chợ quy tụ hơn 300 sản phẩm OCOP của 85 chủ thể đến từ 9 tỉnh, được bố trí trong 120 gian hàng tiêu chuẩn.",
            "Bên cạnh hoạt động trưng bày, ban tổ chức dành một khu vực để các chủ thể kết nối với doanh nghiệp phân phối và đơn vị vận hành sàn thương mại điện tử.",
        ),
        author="Minh Khôi",
        source="Báo Yên Bái",
        figures=(_fig(300, None, year=2024),),
    ),
    Article(
        key="sl-27-san-pham-syndicated",
        title="Sơn La công nhận thêm 27 sản phẩm OCOP",
        published=_t("2023-11-02 10:20"),
        province="Sơn La",
        lead="UBND tỉnh Sơn La vừa ban hành Quyết định số 2088/QĐ-UBND ngày 30/10/2023 công nhận kết quả đánh giá, phân hạng sản phẩm OCOP năm 2023 đợt 2.",
        paragraphs=(
            "Theo đó, 27 sản phẩm được công nhận, gồm 5 sản phẩm 4 sao và 22 sản phẩm 3 sao. Các sản phẩm tiêu biểu là xoài tròn Yên Châu, cà phê Chiềng Ban và mận hậu sấy dẻo Mộc Châu.",
            "Với kết quả này, Sơn La nâng tổng số sản phẩm OCOP của tỉnh lên 131 sản phẩm. Tỉnh tiếp tục hỗ trợ chủ thể ứng dụng tem truy xuất nguồn gốc và mở rộng thị trường xuất khẩu.",
        ),
        author="Việt Hà",
        source="Báo Sơn La",
        figures=(
            _fig(27, "3+", year=2023),
            _fig(5, "4", year=2023),
            _fig(22, "3", year=2023),
            _fig(131, None, year=2023, place="Sơn La"),
        ),
        documents=(_doc("2088/QĐ-UBND", "2023-10-30"),),
    ),
    # ------------------------------------------------------------------ liferay (Đắk Nông)
    Article(
        key="dn-22-san-pham",
        title="Đắk Nông: 22 sản phẩm được công nhận đạt chuẩn OCOP năm 2023",
        published=_t("2023-11-07 08:15"),
        province="Đắk Nông",
        lead="UBND tỉnh Đắk Nông vừa ban hành Quyết định số 1466/QĐ-UBND-KT ngày 03/11/2023 công nhận 22 sản phẩm đạt chuẩn OCOP cấp tỉnh năm 2023.",
        paragraphs=(
            "Trong đó có 4 sản phẩm đạt 4 sao và 18 sản phẩm đạt 3 sao. Các sản phẩm chủ yếu là cà phê, hồ tiêu, mắc ca và sầu riêng sấy của các hợp tác xã tại Đắk Mil, Đắk Song và Tuy Đức.",
            "Kết quả chứng nhận có giá trị trong 36 tháng. Chủ thể có trách nhiệm duy trì chất lượng sản phẩm và chịu sự giám sát của các cơ quan chức năng.",
        ),
        author="Hoàng Kim",
        source="Sở Nông nghiệp và PTNT",
        figures=(_fig(22, "3+", year=2023), _fig(4, "4", year=2023), _fig(18, "3", year=2023)),
        documents=(_doc("1466/QĐ-UBND-KT", "2023-11-03"),),
    ),
    Article(
        key="hb-qd-1234-ngay-19",
        title="Hòa Bình trao chứng nhận cho 44 sản phẩm OCOP",
        published=_t("2022-09-27 16:40"),
        province="Hòa Bình",
        lead="Chiều 26/9, Sở Nông nghiệp và PTNT tỉnh Hòa Bình tổ chức lễ trao giấy chứng nhận cho các chủ thể có sản phẩm OCOP đợt 1 năm 2022.",
        paragraphs=(
            "Theo Quyết định số 1234/QĐ-UBND ngày 19/9/2022 của UBND tỉnh, 44 sản phẩm được công nhận đạt chuẩn OCOP, gồm 9 sản phẩm 4 sao và 35 sản phẩm 3 sao.",
            "Phát biểu tại buổi lễ, lãnh đạo Sở đề nghị các chủ thể tiếp tục đầu tư máy móc, nâng cao năng lực quản trị và chủ động tìm kiếm thị trường tiêu thụ ổn định.",
        ),
        author="Thảo Nguyên",
        source="Cổng TTĐT tỉnh Hòa Bình",
        figures=(_fig(44, "3+", year=2022), _fig(9, "4", year=2022), _fig(35, "3", year=2022)),
        documents=(_doc("1234/QĐ-UBND", "2022-09-19"),),
    ),
    Article(
        key="bt-keo-dua-5-sao",
        title="Kẹo dừa Bến Tre được đề xuất đánh giá OCOP 5 sao",
        published=_t("2024-06-25 09:00"),
        province="Bến Tre",
        lead="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Bến Tre thống nhất đề xuất 2 sản phẩm kẹo dừa và thạch dừa tham gia đánh giá hạng 5 sao cấp quốc gia năm 2024.",
        paragraphs=(
            "Cả hai sản phẩm đều đạt trên 90 điểm ở cấp tỉnh, có thị trường xuất khẩu sang châu Âu và Nhật Bản, đáp ứng yêu cầu về truy xuất nguồn gốc và bảo vệ môi trường.",
            "Hiện Bến Tre có 152 sản phẩm OCOP đang còn hiệu lực chứng nhận, trong đó có 1 sản phẩm 5 sao, 41 sản phẩm 4 sao và 110 sản phẩm 3 sao.",
        ),
        author="Trúc Linh",
        source="Báo Đồng Khởi",
        figures=(
            _fig(2, "5", status="proposed", year=2024),
            _fig(152, None, year=2024, place="Bến Tre"),
            _fig(1, "5", year=2024),
            _fig(41, "4", year=2024),
            _fig(110, "3", year=2024),
        ),
    ),
    Article(
        key="dn-ke-hoach-2024",
        title="Đắk Nông đặt mục tiêu 30 sản phẩm OCOP mới trong năm 2024",
        published=_t("2024-02-21 14:00"),
        province="Đắk Nông",
        lead="UBND tỉnh Đắk Nông ban hành Kế hoạch số 118/KH-UBND ngày 19/02/2024 triển khai Chương trình Mỗi xã một sản phẩm năm 2024.",
        paragraphs=(
            "Kế hoạch phấn đấu trong năm 2024 có thêm ít nhất 30 sản phẩm đạt chuẩn OCOP từ 3 sao trở lên, trong đó có 5 sản phẩm đạt 4 sao; mỗi huyện, thành phố có ít nhất 2 sản phẩm mới.",
            "Tỉnh bố trí hơn 6 tỷ đồng từ nguồn vốn nông thôn mới để hỗ trợ thiết kế bao bì, xây dựng điểm bán và xúc tiến thương mại cho các chủ thể.",
        ),
        author="Phương Thảo",
        figures=(_fig(30, "3+", status="target", year=2024), _fig(5, "4", status="target", year=2024)),
        documents=(_doc("118/KH-UBND", "2024-02-19"),),
    ),
    # ------------------------------------------------------------------ sharepoint (Cao Bằng)
    Article(
        key="cb-so-ket-155",
        title="Sơ kết 3 năm thực hiện Đề án “Mỗi xã, phường một sản phẩm” tỉnh Cao Bằng",
        published=_t("2022-05-19 00:00"),
        province="Cao Bằng",
        lead="Sáng 19/5, Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh Cao Bằng tổ chức hội nghị sơ kết 3 năm thực hiện Đề án “Mỗi xã, phường một sản phẩm” giai đoạn 2019 - 2021.",
        paragraphs=(
            "Báo cáo tại hội nghị cho biết, đến hết năm 2021 toàn tỉnh có 155 sản phẩm đạt 3 sao trở lên, trong đó 1 sản phẩm 5 sao, 11 sản phẩm 4 sao và 140 sản phẩm 3 sao.",
            "Nhiều sản phẩm như miến dong Nguyên Bình, lạp sườn hun khói và hạt dẻ Trùng Khánh đã có chỗ đứng trên thị trường, góp phần tăng thu nhập cho đồng bào vùng cao.",
            "Hội nghị thống nhất một số giải pháp trọng tâm trong thời gian tới như quy hoạch vùng nguyên liệu, hỗ trợ chuyển đổi số và đào tạo kỹ năng quản trị cho chủ thể OCOP.",
        ),
        author="Bế Hạnh",
        caption="Toàn cảnh hội nghị",
        figures=(
            _fig(155, "3+", year=2021, place="Cao Bằng"),
            _fig(1, "5", year=2021),
            _fig(11, "4", year=2021),
            _fig(140, "3", year=2021),
        ),
    ),
    Article(
        key="cb-cham-diem-2023",
        title="Phê duyệt kết quả chấm điểm sản phẩm tham gia Chương trình OCOP năm 2023",
        published=_t("2023-09-26 00:00"),
        province="Cao Bằng",
        lead="UBND tỉnh Cao Bằng vừa phê duyệt kết quả chấm điểm, xếp hạng sản phẩm tham gia Chương trình OCOP tỉnh năm 2023.",
        paragraphs=(
            "Theo Quyết định số 1579/QĐ-UBND ngày 22/9/2023, tỉnh có 36 sản phẩm đạt hạng 3 sao và 3 sản phẩm đạt hạng 4 sao.",
            "Các chủ thể được công nhận đến từ 9 huyện, trong đó huyện Hòa An và Trùng Khánh có nhiều sản phẩm nhất.",
        ),
        author="Nông Thoa",
        figures=(_fig(36, "3", year=2023), _fig(3, "4", year=2023)),
        documents=(_doc("1579/QĐ-UBND", "2023-09-22"),),
    ),
    Article(
        key="cb-trung-khanh-hat-de",
        title="Trùng Khánh nâng tầm hạt dẻ thành sản phẩm OCOP 4 sao",
        published=_t("2024-10-08 00:00"),
        province="Cao Bằng",
        lead="Từ một loại nông sản bán theo mùa, hạt dẻ Trùng Khánh nay đã được đóng gói, dán tem truy xuất và công nhận sản phẩm OCOP 4 sao.",
        paragraphs=(
            "Hợp tác xã Đàm Thủy hiện liên kết với 60 hộ trồng dẻ, bao tiêu sản phẩm với giá ổn định. Mỗi năm hợp tác xã tiêu thụ khoảng 40 tấn hạt dẻ rang và dẻ sấy.",
            "Huyện Trùng Khánh hiện có 14 sản phẩm OCOP, trong đó 2 sản phẩm 4 sao, và đang hoàn thiện hồ sơ cho 5 sản phẩm mới.",
        ),
        author="Hoàng Dung",
        figures=(_fig(14, None, year=2024, place="huyện Trùng Khánh"), _fig(2, "4", year=2024), _fig(5, None, status="target", year=2024)),
    ),
    Article(
        key="lc-tong-ket-2023",
        title="Lai Châu: 96 sản phẩm OCOP còn hiệu lực chứng nhận",
        published=_t("2024-01-15 00:00"),
        province="Lai Châu",
        lead="Chương trình OCOP tỉnh Lai Châu năm 2023 hoàn thành vượt kế hoạch với 21 sản phẩm được công nhận mới.",
        paragraphs=(
            "Lũy kế đến hết năm 2023, Lai Châu có 96 sản phẩm OCOP còn hiệu lực, trong đó 9 sản phẩm 4 sao và 87 sản phẩm 3 sao, tập trung vào chè, gạo Séng Cù, sâm và dược liệu.",
            "Năm 2024, tỉnh phấn đấu công nhận thêm 15 sản phẩm, nâng hạng 5 sản phẩm từ 3 sao lên 4 sao.",
        ),
        author="Lò Văn Thắng",
        figures=(
            _fig(21, None, year=2023),
            _fig(96, None, year=2023, place="Lai Châu"),
            _fig(9, "4", year=2023),
            _fig(87, "3", year=2023),
            _fig(15, None, status="target", year=2024),
            _fig(5, "4", status="target", year=2024),
        ),
    ),
    # ------------------------------------------------------------------ generic (newspaper)
    Article(
        key="tv-vinh-danh-45",
        title="Trà Vinh: Vinh danh 45 sản phẩm OCOP và 30 tập thể tiêu biểu trong xây dựng nông thôn mới",
        published=_t("2021-01-04 16:10"),
        province="Trà Vinh",
        lead="UBND tỉnh Trà Vinh tổ chức hội nghị tổng kết Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2020 và Chương trình OCOP giai đoạn 2018 - 2020.",
        paragraphs=(
            "Tại hội nghị, tỉnh trao chứng nhận cho 45 sản phẩm OCOP và khen thưởng 30 tập thể có thành tích xuất sắc. Đến nay, Trà Vinh có 58 sản phẩm đạt 3 sao trở lên, trong đó 12 sản phẩm 4 sao.",
            "Chương trình OCOP được triển khai ở 9 huyện, thị xã, thành phố, tạo phong trào khởi nghiệp trong cộng đồng và nâng giá trị các đặc sản như dừa sáp Cầu Kè, bánh tét Trà Cuôn.",
        ),
        author="Kim Ngân",
        source="Báo Trà Vinh",
        caption="Lãnh đạo tỉnh trao chứng nhận cho các chủ thể",
        figures=(_fig(45, None, year=2020), _fig(58, "3+", year=2020, place="Trà Vinh"), _fig(12, "4", year=2020)),
    ),
    Article(
        key="nd-tong-ket-2021",
        title="Nam Định có 215 sản phẩm OCOP sau 3 năm triển khai",
        published=_t("2021-12-30 07:45"),
        province="Nam Định",
        lead="Ba năm triển khai Chương trình Mỗi xã một sản phẩm, Nam Định đã có 215 sản phẩm được công nhận, đứng trong nhóm dẫn đầu các tỉnh đồng bằng sông Hồng.",
        paragraphs=(
            "Trong tổng số 215 sản phẩm có 52 sản phẩm 4 sao và 163 sản phẩm 3 sao. Năm 2021, dù chịu ảnh hưởng của dịch bệnh, tỉnh vẫn công nhận mới 64 sản phẩm.",
            "Nhiều sản phẩm làng nghề như lụa Cổ Chất, bánh nhãn Hải Hậu, muối Bạch Long đã trở thành quà tặng được người tiêu dùng ưa chuộng.",
        ),
        author="Trần Bình",
        source="Báo Nam Định",
        figures=(
            _fig(215, None, year=2021, place="Nam Định"),
            _fig(52, "4", year=2021),
            _fig(163, "3", year=2021),
            _fig(64, None, year=2021),
        ),
    ),
    Article(
        key="kt-ke-hoach-2025",
        title="Kon Tum phấn đấu có 150 sản phẩm OCOP vào năm 2025",
        published=_t("2022-04-11 13:25"),
        province="Kon Tum",
        lead="Tỉnh Kon Tum vừa triển khai kế hoạch thực hiện Chương trình OCOP giai đoạn 2021 - 2025 với nhiều chỉ tiêu cao hơn giai đoạn trước.",
        paragraphs=(
            "Theo kế hoạch, tỉnh phấn đấu đến năm 2025 có 150 sản phẩm OCOP đạt 3 sao trở lên, trong đó có ít nhất 1 sản phẩm 5 sao; mỗi xã có ít nhất 1 sản phẩm OCOP.",
            "Sâm Ngọc Linh, cà phê Đăk Hà và rượu ghè là các nhóm sản phẩm được ưu tiên đầu tư để nâng hạng.",
        ),
        author="Y Bình",
        source="Báo Kon Tum",
        figures=(_fig(150, "3+", status="target", year=2025), _fig(1, "5", status="target", year=2025)),
    ),
    Article(
        key="nt-moi-xa-phuong",
        title="Ninh Thuận đẩy mạnh phát triển sản phẩm đặc trưng vùng khô hạn",
        published=_t("2023-06-05 10:00"),
        province="Ninh Thuận",
        lead="Đề án mỗi xã, phường một sản phẩm của tỉnh Ninh Thuận tiếp tục hướng vào các sản phẩm đặc trưng của vùng khô hạn như nho, táo, măng tây xanh và muối.",
        paragraphs=(
            "Sáu tháng đầu năm 2023, tỉnh đánh giá 18 sản phẩm, trong đó 16 sản phẩm đạt 3 sao và 2 sản phẩm đạt 4 sao.",
            "Ngành nông nghiệp đề nghị các huyện gắn sản phẩm với các điểm du lịch cộng đồng tại làng gốm Bàu Trúc và làng dệt Mỹ Nghiệp.",
        ),
        author="Hải Yến",
        source="Báo Ninh Thuận",
        figures=(_fig(18, None, year=2023), _fig(16, "3", year=2023), _fig(2, "4", year=2023)),
    ),
    # ------------------------------------------------------------------ faults (plain generic)
    Article(
        key="hg-cp1258-declared",
        title="Hậu Giang công nhận 16 sản phẩm OCOP mới",
        published=_t("2022-12-12 09:00"),
        province="Hậu Giang",
        lead="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Hậu Giang đã công nhận 16 sản phẩm mới đạt chuẩn năm 2022.",
        paragraphs=(
            "Trong đó có 3 sản phẩm đạt 4 sao và 13 sản phẩm đạt 3 sao, chủ yếu là khóm Cầu Đúc, cá thát lát rút xương và mật ong hoa tràm.",
            "Ông Nguyễn Hữu Đức, Phó Giám đốc Sở Nông nghiệp, cho biết tỉnh sẽ hỗ trợ các chủ thể tham gia sàn giao dịch điện tử.",
        ),
        author="Thiện Nhân",
        figures=(_fig(16, "3+", year=2022), _fig(3, "4", year=2022), _fig(13, "3", year=2022)),
    ),
    Article(
        key="bth-cp1258-undeclared",
        title="Bình Thuận: Thanh long và nước mắm dẫn đầu sản phẩm OCOP",
        published=_t("2023-03-02 14:30"),
        province="Bình Thuận",
        lead="Bình Thuận hiện có 97 sản phẩm OCOP, trong đó thanh long và nước mắm Phan Thiết chiếm gần một nửa.",
        paragraphs=(
            "Năm 2023, tỉnh phấn đấu công nhận thêm khoảng 25 sản phẩm mới, ưu tiên các sản phẩm từ hải sản khô và hạt điều.",
            "Ngành nông nghiệp đề nghị các địa phương rà soát sản phẩm sắp hết hạn chứng nhận để hướng dẫn đánh giá lại.",
        ),
        author="Đặng Thư",
        figures=(_fig(97, None, year=2023, place="Bình Thuận"), _fig(25, None, status="target", year=2023)),
    ),
    Article(
        key="vp-tam-dao",
        title="Vĩnh Phúc: Tam Đảo có thêm 4 sản phẩm OCOP",
        published=_t("2024-09-09 08:50"),
        province="Vĩnh Phúc",
        lead="Huyện Tam Đảo vừa có thêm 4 sản phẩm được công nhận OCOP 3 sao, gồm su su Tam Đảo, chè dây, mật ong bạc hà và măng khô.",
        paragraphs=(
            "Lũy kế đến nay, huyện có 19 sản phẩm OCOP, phần lớn gắn với du lịch nghỉ dưỡng trên núi.",
        ),
        author="Bảo Ngọc",
        figures=(_fig(4, "3", year=2024, place="huyện Tam Đảo"), _fig(19, None, year=2024, place="huyện Tam Đảo")),
    ),
    # Served in legacy encodings (faults site): one stray byte in UTF-8, TCVN3 and VNI font bytes.
    # No capital letter carries a tone mark: TCVN3 has no codes for those (see legacy.py).
    Article(
        key="tn-utf8-stray-byte",
        title="Thái Nguyên có thêm 25 sản phẩm OCOP đạt 3 sao",
        published=_t("2023-11-20 10:10"),
        province="Thái Nguyên",
        lead="Hội đồng đánh giá sản phẩm OCOP tỉnh Thái Nguyên vừa công nhận 25 sản phẩm đạt 3 sao năm 2023.",
        paragraphs=(
            "Nhóm chè và sản phẩm từ chè chiếm 17 sản phẩm; còn lại là gạo nếp vải, miến dong và mật ong rừng.",
            "Theo đại diện hợp tác xã chè La Bằng, việc được công nhận giúp sản phẩm vào được các cửa hàng tiện lợi ở Hà Nội.",
        ),
        author="Minh Hằng",
        figures=(_fig(25, "3", year=2023),),
    ),
    Article(
        key="hd-tcvn3",
        title="Hải Dương công nhận 19 sản phẩm OCOP năm 2023",
        published=_t("2023-12-05 15:20"),
        province="Hải Dương",
        lead="UBND tỉnh Hải Dương vừa công nhận 19 sản phẩm đạt chuẩn OCOP năm 2023, trong đó 4 sản phẩm đạt 4 sao và 15 sản phẩm đạt 3 sao.",
        paragraphs=(
            "Các sản phẩm mới gồm bánh gai, vải thiều sấy, gốm Chu Đậu và rau má sấy lạnh của các hợp tác xã ở Thanh Hà và Ninh Giang.",
            "Sở Nông nghiệp cho biết tỉnh sẽ ưu tiên hỗ trợ thiết kế bao bì cho các chủ thể là hộ kinh doanh.",
        ),
        author="Quang Huy",
        figures=(_fig(19, "3+", year=2023), _fig(4, "4", year=2023), _fig(15, "3", year=2023)),
    ),
    Article(
        key="bd-vni",
        title="Bình Định: 14 sản phẩm được công nhận OCOP 4 sao",
        published=_t("2024-02-26 09:45"),
        province="Bình Định",
        lead="Sở Nông nghiệp tỉnh Bình Định cho biết năm 2023 có 14 sản phẩm được công nhận OCOP 4 sao.",
        paragraphs=(
            "Nổi bật là nước mắm Đề Gi, bánh tráng nước dừa Tam Quan và rượu Bàu Đá của các làng nghề ven biển.",
            "Tỉnh đang hoàn thiện hồ sơ để đề nghị Trung ương đánh giá 2 sản phẩm tiềm năng 5 sao.",
        ),
        author="Ngọc Thuận",
        figures=(_fig(14, "4", year=2023), _fig(2, "5", status="proposed", year=2023)),
    ),
]

_UNRELATED: list[Article] = [
    Article(
        key="u-ret-dam",
        title="Không khí lạnh tăng cường, vùng núi có nơi dưới 5 độ C",
        published=_t("2022-12-18 17:00"),
        province=None,
        category="tin-tuc",
        lead="Theo Đài Khí tượng thủy văn khu vực, từ đêm nay một đợt không khí lạnh tăng cường sẽ gây rét đậm, rét hại trên diện rộng.",
        paragraphs=(
            "Nhiệt độ thấp nhất ở vùng núi cao phổ biến từ 4 đến 7 độ C, có nơi dưới 5 độ C. Người dân cần chủ động giữ ấm cho người già, trẻ nhỏ và che chắn chuồng trại cho gia súc.",
        ),
        author="P.V",
    ),
    Article(
        key="u-duong-tinh",
        title="Phân luồng giao thông để sửa chữa cầu trên đường tỉnh 582",
        published=_t("2023-04-03 08:00"),
        province=None,
        category="tin-tuc",
        lead="Sở Giao thông vận tải thông báo tạm phân luồng phương tiện qua cầu Khe Lau từ ngày 5/4 đến hết ngày 30/5 để sửa chữa mặt cầu.",
        paragraphs=(
            "Xe có tải trọng trên 10 tấn đi theo tuyến tránh qua quốc lộ; xe máy và ô tô con vẫn lưu thông một làn dưới sự hướng dẫn của lực lượng chức năng.",
        ),
    ),
    Article(
        key="u-le-hoi-dua-thuyen",
        title="Sôi nổi lễ hội đua thuyền truyền thống mừng xuân",
        published=_t("2023-01-29 11:00"),
        province=None,
        category="tin-tuc",
        lead="Hàng nghìn người dân và du khách đã cổ vũ 24 đội thuyền tham gia lễ hội đua thuyền truyền thống trên sông dịp đầu xuân.",
        paragraphs=("Lễ hội là dịp để người dân cầu mong mưa thuận gió hòa, đồng thời quảng bá văn hóa địa phương tới du khách.",),
    ),
    Article(
        key="u-tiem-chung",
        title="Triển khai tiêm vắc xin sởi cho trẻ em từ 1 đến 5 tuổi",
        published=_t("2024-09-16 09:30"),
        province=None,
        category="tin-tuc",
        lead="Ngành y tế tổ chức chiến dịch tiêm bổ sung vắc xin sởi cho trẻ em tại tất cả các trạm y tế xã trong hai tuần.",
        paragraphs=("Phụ huynh mang theo sổ tiêm chủng và theo dõi trẻ 30 phút sau tiêm tại điểm tiêm.",),
    ),
    Article(
        key="u-thi-thpt",
        title="Hơn 12 nghìn thí sinh hoàn thành bài thi môn Ngữ văn",
        published=_t("2023-06-28 12:15"),
        province=None,
        category="tin-tuc",
        lead="Sáng nay, các thí sinh dự kỳ thi tốt nghiệp trung học phổ thông đã hoàn thành bài thi đầu tiên trong điều kiện an toàn.",
        paragraphs=("Ban chỉ đạo thi cho biết không có thí sinh vi phạm quy chế trong buổi thi sáng.",),
    ),
    Article(
        key="u-bao-so-3",
        title="Chủ động ứng phó bão số 3 trên biển Đông",
        published=_t("2024-09-06 20:00"),
        province=None,
        category="tin-tuc",
        lead="Ban Chỉ huy phòng chống thiên tai đề nghị các địa phương ven biển kêu gọi tàu thuyền vào nơi tránh trú an toàn.",
        paragraphs=("Các hồ chứa thủy lợi được yêu cầu vận hành đúng quy trình, sẵn sàng phương án sơ tán dân ở vùng trũng thấp.",),
    ),
    Article(
        key="u-thu-vien",
        title="Khánh thành thư viện thân thiện tại trường tiểu học vùng cao",
        published=_t("2022-11-10 15:00"),
        province=None,
        category="tin-tuc",
        lead="Một nhóm thiện nguyện đã trao tặng thư viện với gần 2.000 đầu sách cho học sinh trường tiểu học xã vùng cao.",
        paragraphs=("Thư viện được bố trí bàn ghế, giá sách phù hợp lứa tuổi và mở cửa cả vào buổi chiều.",),
    ),
    Article(
        key="u-giai-chay",
        title="Gần 3.000 vận động viên tham gia giải chạy vì cộng đồng",
        published=_t("2024-04-21 07:00"),
        province=None,
        category="tin-tuc",
        lead="Giải chạy có ba cự ly 5 km, 10 km và 21 km, đi qua các tuyến phố trung tâm và bờ hồ.",
        paragraphs=("Số tiền ủng hộ từ giải được dùng để xây nhà tình nghĩa cho các hộ khó khăn.",),
    ),
    Article(
        key="u-cap-nuoc",
        title="Tạm ngừng cấp nước sạch tại một số phường để đấu nối đường ống",
        published=_t("2023-10-12 16:00"),
        province=None,
        category="tin-tuc",
        lead="Công ty cấp nước thông báo tạm ngừng cấp nước từ 22 giờ ngày 14/10 đến 6 giờ ngày 15/10.",
        paragraphs=("Người dân được khuyến cáo chủ động dự trữ nước trong thời gian thi công.",),
    ),
    Article(
        key="u-trien-lam-anh",
        title="Triển lãm ảnh nghệ thuật về di sản văn hóa",
        published=_t("2024-07-01 10:00"),
        province=None,
        category="tin-tuc",
        lead="Triển lãm giới thiệu 80 tác phẩm ảnh về đình, chùa và các lễ hội dân gian của địa phương.",
        paragraphs=("Triển lãm mở cửa miễn phí đến hết tháng 7.",),
    ),
]

ARTICLES: dict[str, Article] = {a.key: a for a in _ALL + _UNRELATED}

SITE_ARTICLES: dict[str, tuple[str, ...]] = {
    "nukeviet": (
        "qt-ke-hoach-2021-2025", "hb-qd-1234-ngay-15", "qt-cong-nhan-2022", "u-ret-dam",
        "py-tong-ket-2022-120", "u-duong-tinh", "qt-hai-lang-7-san-pham", "qt-de-nghi-5-sao",
    ),
    "wordpress": (
        "yb-van-chan", "py-tong-ket-2022-118", "u-le-hoi-dua-thuyen", "sl-27-san-pham-syndicated",
        "yb-tong-ket-2023", "yb-hoi-cho-ocop", "u-tiem-chung",
    ),
    "liferay": ("hb-qd-1234-ngay-19", "u-thu-vien", "dn-22-san-pham", "dn-ke-hoach-2024", "bt-keo-dua-5-sao", "u-giai-chay"),
    "sharepoint": ("cb-so-ket-155", "u-thi-thpt", "cb-cham-diem-2023", "lc-tong-ket-2023", "u-bao-so-3", "cb-trung-khanh-hat-de"),
    "generic": (
        "tv-vinh-danh-45", "nd-tong-ket-2021", "kt-ke-hoach-2025", "nt-moi-xa-phuong",
        "u-cap-nuoc", "sl-27-san-pham-syndicated", "u-trien-lam-anh",
    ),
    "faults": ("hg-cp1258-declared", "bth-cp1258-undeclared", "vp-tam-dao", "u-ret-dam",
               "tn-utf8-stray-byte", "hd-tcvn3", "bd-vni"),
}

# Document numbers shown in sidebars ("văn bản mới", NukeViet block-law): no article cites them.
SIDEBAR_DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("3417/QĐ-UBND", "Về việc phê duyệt quy hoạch mạng lưới chợ trên địa bàn tỉnh"),
    ("52/KH-UBND", "Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Môi trường thế giới"),
    ("908/TB-VPUB", "Thông báo lịch tiếp công dân định kỳ của lãnh đạo UBND tỉnh"),
)

# The deliberate inconsistencies between sites (for the audit feature and its tests).
PLANTED: dict[str, dict] = {
    "total_conflict": {
        "what": "the same province's 2022 OCOP total stated differently on two sites",
        "province": "Phú Yên",
        "year": 2022,
        "values": {"nukeviet": 120, "wordpress": 118},
        "articles": {"nukeviet": "py-tong-ket-2022-120", "wordpress": "py-tong-ket-2022-118"},
        "quotes": {
            "nukeviet": "toàn tỉnh Phú Yên có 120 sản phẩm OCOP",
            "wordpress": "Phú Yên có 118 sản phẩm OCOP",
        },
    },
    "decision_date_conflict": {
        "what": "one decision number cited with two different issue dates",
        "number": "1234/QĐ-UBND",
        "province": "Hòa Bình",
        "dates": {"nukeviet": "2022-09-15", "liferay": "2022-09-19"},
        "articles": {"nukeviet": "hb-qd-1234-ngay-15", "liferay": "hb-qd-1234-ngay-19"},
    },
    "breakdown_mismatch": {
        "what": "a 'trong đó' breakdown that does not add up to its total",
        "site": "sharepoint",
        "article": "cb-so-ket-155",
        "total": 155,
        "parts": {"5": 1, "4": 11, "3": 140},  # sums to 152
        "quote": "155 sản phẩm đạt 3 sao trở lên, trong đó 1 sản phẩm 5 sao, 11 sản phẩm 4 sao và 140 sản phẩm 3 sao",
    },
    "syndicated": {
        "what": "one article published with identical text on two sites",
        "article": "sl-27-san-pham-syndicated",
        "sites": ["wordpress", "generic"],
    },
    "sidebar_documents": {
        "what": "document numbers in sidebars that no article cites (must not be extracted)",
        "numbers": [n for n, _ in SIDEBAR_DOCUMENTS],
    },
}


# ---------------------------------------------------------------------------------------------
# Generated articles: Farm.publish() and the "bulk" benchmark site.

_GEN_PROVINCES = (
    "Hà Giang", "Tuyên Quang", "Phú Thọ", "Thái Bình", "Hưng Yên", "Hà Nam", "Ninh Bình", "Thanh Hóa",
    "Nghệ An", "Quảng Bình", "Quảng Ngãi", "Bình Định", "Gia Lai", "Lâm Đồng", "Long An", "Tiền Giang",
    "Vĩnh Long", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Kiên Giang", "An Giang", "Tây Ninh", "Bình Phước",
)
_GEN_PRODUCTS = (
    "mật ong hoa nhãn", "chè búp khô", "gạo thơm", "nước mắm truyền thống", "bánh đa nem", "miến dong",
    "cam sành", "bưởi da xanh", "cà phê bột", "tinh dầu sả", "nem chua", "mứt gừng", "măng khô", "rượu nếp",
)
_GEN_DISTRICTS = ("Tân Phú", "Hòa Thành", "Yên Lập", "Đồng Xuân", "Phù Cừ", "Kim Sơn", "Mỹ Tú", "Cái Nước")
_GEN_FILLER = (
    "Các chủ thể được hướng dẫn hoàn thiện bao bì, nhãn mác và hồ sơ công bố chất lượng.",
    "Ngành nông nghiệp tiếp tục đồng hành cùng hợp tác xã trong xúc tiến thương mại.",
    "Sản phẩm được giới thiệu tại các điểm bán hàng OCOP và trên sàn thương mại điện tử.",
    "Địa phương ưu tiên nguồn vốn nông thôn mới cho các sản phẩm có tiềm năng nâng hạng.",
)
# Paragraphs of a real-length article (the benchmark's pages: ~2,200 characters like real
# passages, not the 400 of a template stub). Written for the fixtures; no product counts, so the
# article's figures stay the three of its lead.
_GEN_LONG = (
    "Theo Sở Nông nghiệp và Phát triển nông thôn tỉnh {province}, hội đồng đánh giá cấp tỉnh đã làm việc trong hai "
    "ngày, kiểm tra hồ sơ, nếm thử sản phẩm và đi thực tế tại cơ sở sản xuất của từng chủ thể trước khi chấm điểm.",
    "Phần lớn chủ thể năm nay là hợp tác xã và doanh nghiệp nhỏ ở khu vực nông thôn, nhiều nơi đã đầu tư dây chuyền "
    "sơ chế, kho lạnh và đăng ký mã số vùng trồng để đáp ứng yêu cầu của các chuỗi siêu thị.",
    "Tại huyện {district}, vùng nguyên liệu {product} được mở rộng thêm khoảng 40 héc-ta, thu hút gần 300 hộ dân "
    "tham gia liên kết sản xuất theo hướng hữu cơ, có hợp đồng bao tiêu đầu ra ổn định.",
    "Bà Nguyễn Thị Hạnh, giám đốc một hợp tác xã ở {district}, cho biết từ khi có bao bì mới và tem truy xuất nguồn "
    "gốc, đơn hàng từ các tỉnh phía Bắc tăng gấp đôi so với cùng kỳ năm trước.",
    "Hội đồng cũng chỉ ra một số hạn chế: câu chuyện sản phẩm còn sơ sài, một số cơ sở chưa có phòng kiểm nghiệm "
    "nội bộ, việc quảng bá trên sàn thương mại điện tử chưa được chú trọng đúng mức.",
    "Để khắc phục, tỉnh {province} sẽ tổ chức các lớp tập huấn về thiết kế nhãn, xây dựng câu chuyện sản phẩm và "
    "kỹ năng bán hàng trực tuyến cho cán bộ hợp tác xã trong quý tới.",
    "Ngân sách hỗ trợ năm nay tập trung vào máy móc chế biến, chứng nhận chất lượng và tham gia hội chợ xúc tiến "
    "thương mại tại Hà Nội, Thành phố Hồ Chí Minh và các tỉnh lân cận.",
    "Nhiều địa phương gắn việc phát triển sản phẩm với du lịch cộng đồng: du khách được tham quan vườn, trải nghiệm "
    "thu hoạch và mua sản phẩm tại điểm bán ngay trong làng.",
    "Ông Trần Văn Lâm, Phó Chủ tịch UBND huyện {district}, đánh giá chương trình đã giúp thu nhập bình quân của "
    "người dân tăng rõ rệt, nhất là ở các xã vùng sâu còn nhiều khó khăn.",
    "Trong thời gian tới, các chủ thể có sản phẩm được công nhận phải duy trì chất lượng; sản phẩm nào không đảm bảo "
    "sẽ bị thu hồi giấy chứng nhận theo quy định hiện hành.",
    "Trung tâm khuyến nông tỉnh sẽ tiếp tục theo dõi, hướng dẫn quy trình canh tác an toàn và hỗ trợ cấp mã số vùng "
    "trồng cho các hộ liên kết với hợp tác xã.",
)
_GEN_LONG_UNRELATED = (
    "Theo kế hoạch, công trình được thi công theo từng giai đoạn để không ảnh hưởng đến sinh hoạt của người dân "
    "trong khu vực và bảo đảm an toàn giao thông.",
    "Chính quyền địa phương đã tổ chức họp dân, lấy ý kiến về phương án và thông báo lịch thực hiện trên loa truyền "
    "thanh của các thôn.",
    "Người dân được khuyến cáo theo dõi thông tin trên cổng thông tin của huyện và liên hệ số điện thoại đường dây "
    "nóng khi cần hỗ trợ.",
    "Đơn vị thực hiện cam kết hoàn trả mặt bằng, vệ sinh môi trường và bàn giao đúng tiến độ đã đăng ký với cơ quan "
    "chức năng.",
)

_GEN_UNRELATED = (
    ("Hướng dẫn phòng chống dịch bệnh trên đàn gia súc mùa mưa", "Cơ quan thú y khuyến cáo người chăn nuôi vệ sinh chuồng trại và tiêm phòng đầy đủ."),
    ("Sửa chữa hệ thống chiếu sáng công cộng tại trung tâm huyện", "Đơn vị thi công làm việc vào ban đêm để hạn chế ảnh hưởng giao thông."),
    ("Giải bóng đá thiếu niên hè khép lại với nhiều bàn thắng đẹp", "Mười sáu đội bóng đã tranh tài trong ba tuần tại sân vận động huyện."),
)


def generated_article(seed: int, n: int, *, when: datetime, ocop: bool = True, long: bool = False) -> Article:
    """A deterministic template article; same (seed, n) → same text. ``long``: ~2,200 characters."""
    rng = random.Random(seed * 1_000_003 + n)
    if not ocop:
        title, lead = _GEN_UNRELATED[rng.randrange(len(_GEN_UNRELATED))]
        body = ("Thông tin chi tiết được niêm yết tại trụ sở UBND xã.",)
        if long:
            body += tuple(rng.sample(_GEN_LONG_UNRELATED, len(_GEN_LONG_UNRELATED))) * 4
        return Article(
            key=f"gen-{seed}-{n}", title=f"{title} (số {n})", published=when, province=None,
            category="tin-tuc", lead=lead, paragraphs=body,
        )
    province = _GEN_PROVINCES[rng.randrange(len(_GEN_PROVINCES))]
    district = _GEN_DISTRICTS[rng.randrange(len(_GEN_DISTRICTS))]
    product = _GEN_PRODUCTS[rng.randrange(len(_GEN_PRODUCTS))]
    four = rng.randint(1, 9)
    three = rng.randint(5, 40)
    total = four + three
    year = when.year
    return Article(
        key=f"gen-{seed}-{n}",
        title=f"{province} công nhận thêm {total} sản phẩm OCOP (đợt {n})",
        published=when,
        province=province,
        lead=f"UBND tỉnh {province} vừa công nhận {total} sản phẩm đạt chuẩn OCOP năm {year}, trong đó {four} sản phẩm 4 sao và {three} sản phẩm 3 sao.",
        paragraphs=(
            f"Sản phẩm {product} của huyện {district} là một trong những sản phẩm được công nhận lần này.",
            _GEN_FILLER[rng.randrange(len(_GEN_FILLER))],
            _GEN_FILLER[rng.randrange(len(_GEN_FILLER))],
            *(p.format(province=province, district=district, product=product)
              for p in (rng.sample(_GEN_LONG, 10) if long else ())),
        ),
        author="Phóng viên",
        source=f"Báo {province}",
        figures=(_fig(total, "3+", year=year), _fig(four, "4", year=year), _fig(three, "3", year=year)),
    )


# ---------------------------------------------------------------------------------------------
# Recall articles: the sites that test "every OCOP article, exactly once" (nukeviet-portal,
# wordpress-news, sharepoint-postback). Half the OCOP titles never say OCOP, as in real coverage
# ("Ninh Bình: 980 sản phẩm đạt chuẩn …"); some bodies never say it either and count products
# by star level instead. Decoys share words with them (sản phẩm, 4 sao, đạt chuẩn) but are not
# about the programme.

_RECALL_PLACES = (
    ("Ninh Bình", "Kim Sơn"), ("Tuyên Quang", "Chiêm Hóa"), ("Hà Giang", "Bắc Quang"), ("Thái Bình", "Vũ Thư"),
    ("Sóc Trăng", "Mỹ Xuyên"), ("Quảng Ngãi", "Ba Tơ"), ("Lạng Sơn", "Bắc Sơn"), ("Đồng Tháp", "Lai Vung"),
    ("Hà Nam", "Lý Nhân"), ("Gia Lai", "Chư Sê"), ("Bến Tre", "Mỏ Cày Nam"), ("Phú Thọ", "Thanh Sơn"),
)
_RECALL_PRODUCTS = (
    "cam Vinh", "miến dong", "chè Shan tuyết", "gạo tám thơm", "bánh phồng tôm", "mắm tép", "quýt đường",
    "hồng không hạt", "nem chua", "bưởi đỏ", "tỏi cô đơn", "mật ong bạc hà", "rượu ngô", "hạt điều rang",
)
_OCOP_TITLES_PLAIN = (  # titles that never say OCOP
    "{province}: {n} sản phẩm đạt chuẩn 3 sao trở lên",
    "Vinh danh {n} chủ thể có sản phẩm tiêu biểu năm {year}",
    "Huyện {district} có thêm {n} sản phẩm được công nhận 4 sao",
    "Nâng hạng sao cho đặc sản {product} {district}",
    "Thêm {n} sản phẩm của {province} được công nhận đạt chuẩn",
    "{product} {district} giữ vững hạng 4 sao sau đánh giá lại",
)
_OCOP_TITLES_NAMED = (
    "{province} công nhận {n} sản phẩm OCOP đợt {round} năm {year}",
    "Hội chợ sản phẩm OCOP {province} thu hút hơn {n} gian hàng",
    "{product} {district} đạt chuẩn OCOP 4 sao",
    "{province} đặt mục tiêu {n} sản phẩm OCOP mới",
)
_DECOYS = (
    ("Ra mắt sản phẩm du lịch đêm trên sông {district}",
     "Tour du lịch đêm gồm ba điểm dừng, kết hợp biểu diễn nghệ thuật dân gian và ẩm thực địa phương.",
     "Ban tổ chức dự kiến đón khoảng {n} lượt khách mỗi tháng trong mùa cao điểm."),
    ("Khánh thành khách sạn 4 sao đầu tiên tại huyện {district}",
     "Khách sạn có {n} phòng nghỉ, hội trường và bể bơi, tạo thêm việc làm cho lao động địa phương.",
     "Chủ đầu tư cho biết công trình được xây dựng trong 18 tháng."),
    ("Xã {commune} đạt chuẩn nông thôn mới nâng cao",
     "Sau ba năm phấn đấu, xã đã hoàn thành {n} tiêu chí về giao thông, thủy lợi, trường học và môi trường.",
     "Người dân hiến đất mở rộng đường liên thôn và trồng hàng rào xanh."),
    ("Giá {product} tăng mạnh, nông dân {district} phấn khởi",
     "Thương lái thu mua tận vườn với giá cao hơn năm trước khoảng {n} nghìn đồng mỗi ki-lô-gam.",
     "Nhiều hộ đã mở rộng diện tích và áp dụng quy trình chăm sóc hữu cơ."),
    ("Ngày hội văn hóa các dân tộc huyện {district} lần thứ {round}",
     "Ngày hội có {n} đội văn nghệ tham gia cùng các trò chơi dân gian và trình diễn trang phục truyền thống.",
     "Các gian trưng bày giới thiệu nghề dệt thổ cẩm và đan lát của đồng bào."),
    ("Hướng dẫn phòng bệnh cho đàn trâu bò trong mùa lạnh",
     "Cơ quan thú y huyện {district} khuyến cáo che chắn chuồng trại và dự trữ khoảng {n} tấn rơm khô.",
     "Các xã tổ chức tiêm phòng lở mồm long móng đợt hai trong tháng này."),
)
_COMMUNES = ("Yên Thắng", "Tân Mỹ", "Phúc Sơn", "Đông Hòa", "Thạch Bình", "An Lạc", "Hòa Phú", "Mường Lạn")


def _recall_ocop(rng: random.Random, key: str, when: datetime, named_title: bool, named_body: bool) -> Article:
    province, district = _RECALL_PLACES[rng.randrange(len(_RECALL_PLACES))]
    product = _RECALL_PRODUCTS[rng.randrange(len(_RECALL_PRODUCTS))]
    four, three = rng.randint(2, 9), rng.randint(6, 30)
    n, year = four + three, when.year
    fields = {"province": province, "district": district, "product": product, "n": n, "year": year,
              "round": rng.randint(1, 3)}
    pool = _OCOP_TITLES_NAMED if named_title else _OCOP_TITLES_PLAIN
    title = pool[rng.randrange(len(pool))].format(**fields)
    title = title[0].upper() + title[1:]
    programme = "Chương trình OCOP" if named_body else "chương trình phát triển sản phẩm chủ lực của tỉnh"
    number = f"{rng.randint(100, 2999)}/QĐ-UBND"
    lead = (f"UBND tỉnh {province} vừa ban hành Quyết định số {number} công nhận {n} sản phẩm đạt 3 sao trở lên "
            f"thuộc {programme} năm {year}, trong đó {four} sản phẩm đạt 4 sao và {three} sản phẩm đạt 3 sao.")
    return Article(
        key=key, title=title, published=when, province=province, lead=lead,
        paragraphs=(
            f"Sản phẩm {product} của huyện {district} là một trong những sản phẩm được nâng hạng đợt này.",
            "Các chủ thể được hỗ trợ thiết kế bao bì, tem truy xuất nguồn gốc và tham gia hội chợ xúc tiến thương mại.",
        ),
        author="Phóng viên", category="ocop" if named_title else "tin-tuc",
        figures=(_fig(n, "3+", year=year), _fig(four, "4", year=year), _fig(three, "3", year=year)),
        documents=(_doc(number, None),), ocop=True,
    )


def _recall_decoy(rng: random.Random, key: str, when: datetime) -> Article:
    _, district = _RECALL_PLACES[rng.randrange(len(_RECALL_PLACES))]
    fields = {"district": district, "product": _RECALL_PRODUCTS[rng.randrange(len(_RECALL_PRODUCTS))],
              "commune": _COMMUNES[rng.randrange(len(_COMMUNES))], "n": rng.randint(12, 90), "round": rng.randint(2, 9)}
    title, lead, more = (t.format(**fields) for t in _DECOYS[rng.randrange(len(_DECOYS))])
    return Article(key=key, title=title, published=when, province=None, lead=lead, paragraphs=(more,),
                   category="tin-tuc", ocop=False)


def recall_articles(site_id: str, *, ocop: int, decoys: int, start: datetime) -> list[Article]:
    """``ocop`` OCOP articles (every other title without "OCOP"; one in three bodies without it
    either) and ``decoys`` unrelated ones, interleaved, one every 19 hours from ``start``."""
    rng = random.Random(f"recall-{site_id}")
    kinds = ["ocop"] * ocop + ["decoy"] * decoys
    rng.shuffle(kinds)
    out, seen_titles, made = [], set(), 0
    for i, kind in enumerate(kinds):
        when = start + timedelta(hours=19 * i)
        while True:
            key = f"{site_id}-{i}-{made}"
            made += 1
            if kind == "decoy":
                article = _recall_decoy(rng, key, when)
            else:
                k = sum(1 for a in out if a.ocop)
                article = _recall_ocop(rng, key, when, named_title=k % 2 == 0, named_body=k % 3 != 1)
            if article.title not in seen_titles:  # tests find articles by title
                break
        seen_titles.add(article.title)
        out.append(article)
    return out
