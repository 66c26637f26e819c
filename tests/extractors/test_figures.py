"""Figures: counts of OCOP products, their star level, status and year, read from Vietnamese text.

Every sentence here is written for these tests (no corpus text); each row compares the whole
list of (count, stars, status, year) tuples the sentence yields.
"""

import unicodedata
from dataclasses import asdict

import pytest

from extractors.figures import find_figures, split_sentences
from harvester.comparable import comparable


def tuples(text, **kw):
    return [(f.count, f.stars, f.status, f.year) for f in find_figures(text, **kw)]


ACHIEVED = [
    # plain counts, leading zeros, thousands separators, number words
    ("Đến hết năm 2022, toàn tỉnh có 212 sản phẩm được công nhận đạt chuẩn OCOP.", [(212, None, "achieved", 2022)]),
    ("Năm 2021 huyện Mường Tè có 06 sản phẩm OCOP.", [(6, None, "achieved", 2021)]),
    ("Cả nước hiện có 12.430 sản phẩm OCOP.", [(12430, None, "achieved", None)]),
    ("Đến nay, thị xã đã có mười hai sản phẩm đạt chuẩn OCOP.", [(12, None, "achieved", None)]),
    ("Huyện có hai mươi mốt sản phẩm đạt bốn sao.", [(21, "4", "achieved", None)]),
    # star levels
    ("UBND tỉnh vừa công nhận 18 sản phẩm đạt hạng 3 sao.", [(18, "3", "achieved", None)]),
    ("Tỉnh có 9 sản phẩm OCOP 4 sao.", [(9, "4", "achieved", None)]),
    ("Năm 2023 có 31 sản phẩm đạt từ 3 sao trở lên.", [(31, "3+", "achieved", 2023)]),
    ("Toàn tỉnh có 77 sản phẩm OCOP từ 3 đến 5 sao.", [(77, "3+", "achieved", None)]),
    ("Hội đồng công nhận 26 sản phẩm đạt 3 - 4 sao.", [(26, "3-4", "achieved", None)]),
    ("Thành phố có 40 sản phẩm xếp hạng từ 3 đến 4 sao.", [(40, "3-4", "achieved", None)]),
    ("Có 3 sản phẩm đạt 4* trong đợt này.", [(3, "4", "achieved", None)]),
    ("Huyện đã có 14 sản phẩm từ 4 sao trở lên.", [(14, "4+", "achieved", None)]),
    # breakdowns that drop the verb
    (
        "Tỉnh Hà Giang có 96 sản phẩm OCOP, trong đó có 12 sản phẩm 4 sao, 84 sản phẩm 3 sao.",
        [(96, None, "achieved", None), (12, "4", "achieved", None), (84, "3", "achieved", None)],
    ),
    (
        "Năm 2022, tỉnh công nhận 35 sản phẩm, gồm 05 sản phẩm 4 sao và 30 sản phẩm 3 sao.",
        [(35, None, "achieved", 2022), (5, "4", "achieved", 2022), (30, "3", "achieved", 2022)],
    ),
    (
        "Lũy kế có 150 sản phẩm OCOP (2 sản phẩm 5 sao, 20 sản phẩm 4 sao, 128 sản phẩm 3 sao).",
        [(150, None, "achieved", None), (2, "5", "achieved", None), (20, "4", "achieved", None),
         (128, "3", "achieved", None)],
    ),
    ("Kết quả: 61 sản phẩm 3 sao; 9 sản phẩm 4 sao.", [(61, "3", "achieved", None), (9, "4", "achieved", None)]),
    ("Cụ thể, 3 sao: 45 sản phẩm; 4 sao: 7 sản phẩm.", [(45, "3", "achieved", None), (7, "4", "achieved", None)]),
    (
        "Năm 2024 có 27 sản phẩm đạt 3 sao, 6 sản phẩm đạt 4 sao.",
        [(27, "3", "achieved", 2024), (6, "4", "achieved", 2024)],
    ),
    # a level that heads the list
    (
        "Trong số các sản phẩm đạt 4 sao năm 2024 có 10 sản phẩm cấp lại và 5 sản phẩm cấp mới.",
        [(10, "4", "achieved", 2024), (5, "4", "achieved", 2024)],
    ),
    # "trong số" (among) is not a document number; a year right after the noun is its own
    (
        "Trong số 42 sản phẩm được công nhận đợt này, có 7 sản phẩm đạt 4 sao.",
        [(42, None, "achieved", None), (7, "4", "achieved", None)],
    ),
    (
        "Số sản phẩm OCOP tăng từ 56 sản phẩm năm 2019 lên 210 sản phẩm năm 2023.",
        [(56, None, "achieved", 2019), (210, None, "achieved", 2023)],
    ),
    # a total without the noun repeated
    (
        "Năm 2023 công nhận 23 sản phẩm, nâng tổng số sản phẩm OCOP của tỉnh lên 198.",
        [(23, None, "achieved", 2023), (198, None, "achieved", 2023)],
    ),
    ("UBND huyện xếp hạng 3 sao cho 11 sản phẩm.", [(11, "3", "achieved", None)]),
    # range of counts is recorded by its lower bound
    ("Mỗi năm tỉnh có thêm 20-25 sản phẩm được công nhận.", [(20, None, "achieved", None)]),
    # "ít nhất" after the place or before "với" is the superlative (the fewest), not "at least"
    ("Tỉnh Bạc Liêu có 96 sản phẩm, ít nhất vùng.", [(96, None, "achieved", None)]),
    ("Huyện Bù Gia Mập có ít nhất với 7 sản phẩm.", [(7, None, "achieved", None)]),
    # a range written with "đến/tới" is recorded by its lower bound, like "400-500"
    ("Các xã còn lại mỗi nơi có từ 1 đến 2 sản phẩm.", [(1, None, "achieved", None)]),
    ("Các huyện khác có 3 tới 5 sản phẩm OCOP.", [(3, None, "achieved", None)]),
    # "Trong (tổng số) N sản phẩm" opening a breakdown names the set counted before: one figure
    (
        "Cả nước có 1.200 sản phẩm OCOP đạt từ 3 sao trở lên. Trong tổng số 1.200 sản phẩm OCOP có 900 sản phẩm 3 sao.",
        [(1200, "3+", "achieved", None), (900, "3", "achieved", None)],
    ),
    (
        "Bộ công nhận 12 sản phẩm đạt 5 sao. Trong 12 sản phẩm được công nhận có 3 sản phẩm của Hà Nội.",
        [(12, "5", "achieved", None), (3, None, "achieved", None)],
    ),
    # with nothing counted before, the count is kept
    ("Trong 40 sản phẩm được công nhận năm 2023 có 6 sản phẩm 4 sao.", [(40, None, "achieved", 2023), (6, "4", "achieved", 2023)]),
    # "mỗi tỉnh" / "mỗi thị trấn" spread a count over the places listed before (one figure each)
    (
        "Các tỉnh Hà Giang, Bắc Giang và Sóc Trăng mỗi tỉnh có 1 sản phẩm.",
        [(1, None, "achieved", None), (1, None, "achieved", None), (1, None, "achieved", None)],
    ),
    # a scored count with its result kept; a contrast clause ("…, nhưng số sản phẩm 5 sao") lends no level
    ("Toàn tỉnh có 51 sản phẩm được chấm điểm đạt chuẩn.", [(51, None, "achieved", None)]),
    ("Vùng có gần 2.900 sản phẩm OCOP, nhưng số sản phẩm 5 sao còn ít.", [(2900, None, "achieved", None)]),
    ("Năm 2022 huyện có 12 sản phẩm được công nhận, trong đó 5 sản phẩm từ sữa.", [(12, None, "achieved", 2022)]),
    # ... unless they were certified again
    ("Tỉnh đã công nhận lại 13 sản phẩm đã hết hạn chứng nhận.", [(13, None, "achieved", None)]),
    # two clauses of one sentence with the same count and the same words before it are two facts
    ("Năm 2024 huyện phấn đấu có ít nhất 1 sản phẩm đạt 4 sao; mỗi xã có ít nhất 1 sản phẩm OCOP.",
     [(1, "4", "target", 2024), (1, None, "target", 2024)]),
]

TARGETS = [
    ("Tỉnh phấn đấu đến năm 2025 có 300 sản phẩm OCOP.", [(300, None, "target", 2025)]),
    ("Mục tiêu năm 2024 công nhận mới 40 sản phẩm đạt 3 sao trở lên.", [(40, "3+", "target", 2024)]),
    ("Kế hoạch năm 2023 có ít nhất 15 sản phẩm đạt 3 sao.", [(15, "3", "target", 2023)]),
    ("Dự kiến trong năm tới sẽ có 2 sản phẩm 5 sao.", [(2, "5", "target", None)]),
    ("Giai đoạn 2021-2025, huyện phấn đấu có thêm 18 sản phẩm OCOP.", [(18, None, "target", 2025)]),
    (
        "Năm 2023 tỉnh đã có 120 sản phẩm OCOP, phấn đấu năm 2024 có thêm 30 sản phẩm.",
        [(120, None, "achieved", 2023), (30, None, "target", 2024)],
    ),
    (
        "Năm 2024, tỉnh có thêm 41 sản phẩm, đạt 137% kế hoạch năm (30 sản phẩm), trong đó 35 sản phẩm mới.",
        [(41, None, "achieved", 2024), (30, None, "target", 2024), (35, None, "achieved", 2024)],
    ),
    (
        "Đến nay huyện đã công nhận 22/20 sản phẩm, đạt 110% kế hoạch.",
        [(22, None, "achieved", None), (20, None, "target", None)],
    ),
    (
        "Đã có 51 sản phẩm được công nhận, gồm 20 sản phẩm 4 sao, 31 sản phẩm 3 sao và dự kiến có 1 sản phẩm 5 sao.",
        [(51, None, "achieved", None), (20, "4", "achieved", None), (31, "3", "achieved", None),
         (1, "5", "target", None)],
    ),
    ("Tiêu chuẩn hóa 25 sản phẩm từ hạng 3 sao lên hạng 4 sao.", [(25, "4", "target", None)]),
    (
        "Mục tiêu đến năm 2025: toàn tỉnh có trên 200 sản phẩm. Nâng cấp 30 sản phẩm lên 4 sao, 5 sao.",
        [(200, None, "target", 2025), (30, "4+", "target", 2025)],
    ),
    # the plan, then what was done against it
    (
        "Chỉ tiêu năm 2023 là 25 sản phẩm, thực hiện được 28 sản phẩm.",
        [(25, None, "target", 2023), (28, None, "achieved", 2023)],
    ),
    # a plan in brackets does not make the next sentence a plan
    (
        "Năm 2022 huyện có 14 sản phẩm được công nhận, đạt 140% kế hoạch (10 sản phẩm). Trong đó, 3 sản phẩm đạt 4 sao.",
        [(14, None, "achieved", 2022), (10, None, "target", 2022), (3, "4", "achieved", 2022)],
    ),
    # a proposal that is itself planned is a target: "dự kiến trình", after "phấn đấu …;", before "ít nhất"
    ("Năm 2024 tỉnh dự kiến trình Trung ương đánh giá 3 sản phẩm tiềm năng 5 sao.", [(3, "5", "target", 2024)]),
    (
        "Năm 2024, tỉnh phấn đấu có thêm 30 sản phẩm được công nhận; đề xuất Trung ương công nhận 2 sản phẩm đạt 5 sao.",
        [(30, None, "target", 2024), (2, "5", "target", 2024)],
    ),
    ("Năm 2024, tỉnh phấn đấu có thêm 12 sản phẩm và đề xuất ít nhất 1 sản phẩm đạt 5 sao.",
     [(12, None, "target", 2024), (1, "5", "target", 2024)]),
    # a nearer plan wins over a proposal earlier in the sentence
    ("Năm 2025 có 1 sản phẩm được tỉnh đề nghị công nhận 5 sao; đến năm 2030, toàn huyện có 50 sản phẩm OCOP.",
     [(1, "5", "proposed", 2025), (50, None, "target", 2030)]),
    # the count right after the plan noun is the plan, even after "vượt" (exceeded)
    ("Tỉnh đã có 213 sản phẩm OCOP, vượt chỉ tiêu 200 sản phẩm đề ra cho năm 2023.",
     [(213, None, "achieved", 2023), (200, None, "target", 2023)]),
]

LEVEL_FIRST = [
    # the level heads each count: it belongs to the count after it, not the one before
    (
        "Hạng 3 sao có 31 sản phẩm, hạng 4 sao có 6 sản phẩm.",
        [(31, "3", "achieved", None), (6, "4", "achieved", None)],
    ),
    # but a bracket after a level leaves the level with the count before it (and its part inside)
    ("Tỉnh có 12 sản phẩm 4 sao (3 sản phẩm cấp lại).", [(12, "4", "achieved", None), (3, "4", "achieved", None)]),
    (
        "Tỉnh công nhận 33 sản phẩm OCOP (3 sao: 27 sản phẩm, 4 sao: 6 sản phẩm).",
        [(33, None, "achieved", None), (27, "3", "achieved", None), (6, "4", "achieved", None)],
    ),
    # a level with only potential is a proposal
    (
        "Kết quả: 3 sao: 19 sản phẩm; tiềm năng 5 sao: 1 sản phẩm.",
        [(19, "3", "achieved", None), (1, "5", "proposed", None)],
    ),
]

PROPOSED = [
    (
        "Hội đồng đề nghị Trung ương xem xét công nhận 3 sản phẩm OCOP 5 sao.",
        [(3, "5", "proposed", None)],
    ),
    (
        "Trong đó, 2 sản phẩm có tiềm năng đạt 5 sao, đề nghị Hội đồng cấp Trung ương đánh giá.",
        [(2, "5", "proposed", None)],
    ),
    (
        "Tỉnh đã công nhận 60 sản phẩm 4 sao, trong đó 4 sản phẩm tiềm năng nâng hạng lên 5 sao.",
        [(60, "4", "achieved", None), (4, "5", "proposed", None)],
    ),
    ("Sở đã trình UBND tỉnh công nhận 17 sản phẩm OCOP năm 2023.", [(17, None, "proposed", 2023)]),
    # waiting for someone named to rank them
    ("Tỉnh có 40 sản phẩm OCOP, trong đó 5 sản phẩm đang chờ Trung ương công nhận 5 sao.",
     [(40, None, "achieved", None), (5, "5", "proposed", None)]),
    # proposed by a passive agent: "N sản phẩm do <the provinces> đề nghị"
    ("Hội đồng Trung ương xem xét hồ sơ của 19 sản phẩm do 11 tỉnh, thành phố đề nghị.", [(19, None, "proposed", None)]),
]

NOT_FIGURES = [
    "Xã đang hoàn thiện hồ sơ cho 4 sản phẩm mới.",
    "Toàn tỉnh có 97 xã đạt chuẩn nông thôn mới.",
    "Đã có 45 chủ thể tham gia Chương trình OCOP, trong đó 12 hợp tác xã và 20 doanh nghiệp.",
    "Có 300 hộ sản xuất và 8 làng nghề được công nhận.",
    "Doanh thu đạt 250 tỷ đồng, tăng 15% so với năm trước.",
    "Diện tích vùng chè đạt 1.200 ha.",
    "115/115 xã có sản phẩm OCOP.",
    "Thực hiện Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ.",
    "Sản phẩm lọt Top 10 sản phẩm tiêu biểu khu vực.",
    "Hội chợ lần thứ 3 thu hút đông đảo khách tham quan.",
    "Sản phẩm mật ong bạc hà được công nhận OCOP 5 sao.",
    "Tỉnh có 16 sản phẩm đã có vùng nguyên liệu đạt chuẩn hữu cơ.",
    "Hỗ trợ các chủ thể đưa 35 sản phẩm OCOP lên sàn thương mại điện tử.",
    "Có 80 sản phẩm OCOP được trưng bày tại hội chợ.",
    "Năm 2022 có 36 sản phẩm đăng ký tham gia đánh giá, phân hạng.",
    "Dẫn đầu là nhóm thực phẩm với 210 sản phẩm, tiếp theo là nhóm đồ uống (35 sản phẩm).",
    "Tỉnh có 20 sản phẩm tiêu biểu được giới thiệu.",
    "Chương trình Mỗi xã một sản phẩm được triển khai rộng khắp.",
    "Đây là một sản phẩm OCOP 4 sao đặc trưng của huyện.",
    "100% sản phẩm OCOP đã có tem truy xuất nguồn gốc.",
    "Mỗi năm bán ra thị trường khoảng 20.000 sản phẩm các loại.",
    "",
    # failed products, even when a level is named after them
    "Kết quả, 7 sản phẩm còn lại chưa đạt, được đề nghị giữ hạng 4 sao cấp tỉnh.",
    # products a council scored are candidates until a result is said of them
    "Hội đồng đã chấm điểm 42 sản phẩm của 29 chủ thể.",
    # products counted by the raw material they are made from
    "Trong số đó có 5 sản phẩm từ sữa và 7 sản phẩm từ chè.",
    # expired or revoked products are not a current count
    "Khoảng 60 sản phẩm hết hạn chứng nhận nhưng chủ thể không làm hồ sơ đánh giá lại.",
]


@pytest.mark.parametrize(("text", "expected"), ACHIEVED + TARGETS + LEVEL_FIRST + PROPOSED)
def test_figure_tuples(text, expected):
    assert tuples(text) == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert tuples(text) == []


def test_status_is_per_clause_not_per_sentence():
    text = "Năm 2022 có 40 sản phẩm được công nhận, vượt kế hoạch đề ra; năm 2023 phấn đấu có 50 sản phẩm."
    assert tuples(text) == [(40, None, "achieved", 2022), (50, None, "target", 2023)]


def test_plan_status_carries_over_subjectless_objectives():
    text = (
        "Tỉnh xác định mục tiêu phấn đấu đến năm 2025: tổng số sản phẩm OCOP trên 150 sản phẩm. "
        "Tiêu chuẩn hóa 12 sản phẩm tiềm năng 5 sao."
    )
    assert tuples(text) == [(150, None, "target", 2025), (12, "5", "target", 2025)]


def test_plan_sections_make_targets_until_a_results_heading():
    text = (
        "I. MỤC TIÊU\nPhấn đấu đến năm 2025 toàn tỉnh có 160 sản phẩm OCOP.\n"
        "2. Năm 2024: công nhận mới 35 sản phẩm.\nII. KẾT QUẢ THỰC HIỆN\nNăm 2023 công nhận 28 sản phẩm."
    )
    assert tuples(text) == [(160, None, "target", 2025), (35, None, "target", 2024), (28, None, "achieved", 2023)]
    news = "Mục tiêu năm 2024 có 30 sản phẩm. Năm 2023, tỉnh công nhận 25 sản phẩm."
    assert [f.status for f in find_figures(news)] == ["target", "achieved"]


def test_failed_products_are_not_a_figure():
    assert tuples("Có 12 sản phẩm đạt 3 sao; 2 sản phẩm không đạt.") == [(12, "3", "achieved", None)]


def test_same_fact_twice_is_one_figure_and_keeps_a_stated_year():
    text = (
        "Nghệ An có 45 sản phẩm OCOP 4 sao\n"
        "Tính đến tháng 6/2024, tỉnh Nghệ An có 45 sản phẩm OCOP 4 sao, được phân bố ở 20 huyện."
    )
    figs = find_figures(text)
    assert [(f.count, f.stars, f.status) for f in figs] == [(45, "4", "achieved")]
    assert figs[0].year == 2024


def test_title_without_level_merges_with_the_body_sentence_that_has_one():
    text = "Phê duyệt kết quả xếp hạng cho 19 sản phẩm OCOP\n\nUBND tỉnh phê duyệt kết quả xếp hạng cho 19 sản phẩm OCOP năm 2021 đạt từ 3 sao trở lên."
    assert [(f.count, f.stars) for f in find_figures(text)] == [(19, "3+")]


def test_distributive_places_give_one_figure_each():
    text = "Các huyện Yên Lạc và Tam Dương (mỗi địa phương có 5 sản phẩm), huyện Sông Lô có 3 sản phẩm."
    figs = find_figures(text)
    assert [(f.count, f.place) for f in figs] == [(5, "huyện Yên Lạc"), (5, "Tam Dương"), (3, "huyện Sông Lô")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỉnh đặt mục tiêu năm 2025 mỗi huyện, thành phố có ít nhất 5 sản phẩm OCOP đạt 3 sao.",
         [(5, "mỗi huyện, thành phố", "district")]),
        ("Tỉnh Lào Cai phấn đấu mỗi xã có ít nhất 1 sản phẩm OCOP.", [(1, "mỗi xã", "commune")]),
        ("Mỗi quận, huyện phấn đấu có ít nhất 02 sản phẩm đạt 3 sao.", [(2, "Mỗi quận, huyện", "district")]),
        ("Đến năm 2030, mỗi thị trấn đạt tối thiểu 3 sản phẩm OCOP.", [(3, "mỗi thị trấn", "commune")]),
        ("Các xã còn lại mỗi địa phương có từ 1 đến 2 sản phẩm.", [(1, "mỗi địa phương", None)]),
    ],
)
def test_a_distributive_place_is_the_phrase_as_written(text, expected):
    figs = find_figures(text, default_place="Lào Cai")
    assert [(f.count, f.place, f.place_level) for f in figs] == expected
    # spread over the units of the passage's province: listed under it, never compared with it
    assert [(f.province, f.province_2025) for f in figs] == [("Lào Cai", "Lào Cai")]
    assert all(not comparable({**asdict(f), "published": "2024-05-01"}).comparable for f in figs)


def test_places_and_default_place():
    figs = find_figures("Huyện Na Hang có 8 sản phẩm. Toàn tỉnh có 70 sản phẩm.", default_place="Tuyên Quang")
    assert [(f.count, f.place) for f in figs] == [(8, "Huyện Na Hang"), (70, "Tuyên Quang")]
    assert figs[1].province == "Tuyên Quang"
    national = find_figures("Cả nước có hơn 11.000 sản phẩm OCOP.")
    assert national[0].place == "Việt Nam"


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # "huyện" alone refers back to the district named before it (or in the title)
        ("Huyện Yên Thế có 21 sản phẩm OCOP. Năm 2024 huyện có thêm 5 sản phẩm. Toàn tỉnh có 90 sản phẩm.", None,
         [(21, "Huyện Yên Thế"), (5, "huyện Yên Thế"), (90, "Bắc Giang")]),
        ("Đến nay, toàn huyện có 18 sản phẩm OCOP.", "Thị xã Quảng Yên nâng hạng sản phẩm",
         [(18, "thị xã Quảng Yên")]),
        # "mỗi huyện" is every district, not the one named before: the place is the phrase as written
        ("Huyện Yên Thế có 21 sản phẩm OCOP. Phấn đấu mỗi huyện có ít nhất 2 sản phẩm 4 sao.", None,
         [(21, "Huyện Yên Thế"), (2, "mỗi huyện")]),
        # no district named anywhere: the article's province stays
        ("Năm 2024 huyện có thêm 5 sản phẩm OCOP.", None, [(5, "Bắc Giang")]),
    ],
)
def test_bare_district_refers_to_the_district_named_before(text, title, expected):
    figs = find_figures(text, default_place="Bắc Giang", title=title)
    assert [(f.count, f.place) for f in figs] == expected


def test_counts_by_place_with_cua():
    figs = find_figures("Trong đợt này có 6 sản phẩm của huyện Lục Ngạn; 4 sản phẩm của thành phố Bắc Giang.")
    assert [(f.count, f.place) for f in figs] == [(6, "huyện Lục Ngạn"), (4, "thành phố Bắc Giang")]


def test_truncated_passage_keeps_a_count_cut_off_before_its_noun():
    assert tuples("Trong năm 2021, UBND tỉnh cũng đã công nhận 27 ") == [(27, None, "achieved", 2021)]


def test_as_of_is_passed_through_and_past_target_years_are_dates():
    figs = find_figures("Đến nay tỉnh có 33 sản phẩm OCOP.", as_of="2023-05-02")
    assert figs[0].as_of == "2023-05-02" and figs[0].year is None
    assert tuples("Đến năm 2020, tỉnh có 12 sản phẩm OCOP.", as_of="2021-03-01")[0][2] == "achieved"


def test_quote_is_exact_span_containing_the_count():
    text = "Theo đó, toàn tỉnh có 1.024 sản phẩm OCOP đạt từ 3 sao trở lên."
    (fig,) = find_figures(text)
    assert text[fig.start:fig.end] == fig.quote
    assert "1.024" in fig.quote and fig.quote.endswith("trở lên")
    assert fig.sentence.startswith("Theo đó")


def test_nfd_text_gives_the_same_figures_with_offsets_into_the_nfd_text():
    nfc = "Năm 2022, tỉnh Hòa Bình có 28 sản phẩm đạt hạng bốn sao và 3 sản phẩm tiềm năng 5 sao."
    nfd = unicodedata.normalize("NFD", nfc)
    want = tuples(nfc)
    assert want and tuples(nfd) == want
    for f in find_figures(nfd):
        assert nfd[f.start:f.end] == f.quote


@pytest.mark.parametrize("junk", [None, 42, b"\x00\xff bytes", "\x00\x01\x02", "sản phẩm " * 50, "9" * 5000])
def test_never_raises(junk):
    assert isinstance(find_figures(junk), list)  # type: ignore[arg-type]


def test_sentence_splitter_respects_numbers_and_abbreviations():
    text = "Tỉnh có 1.316 hội. TP. Kon Tum có 12 sản phẩm… Tăng 2,5%.\nDòng mới"
    parts = [text[s.start:s.end] for s in split_sentences(text)]
    assert parts == ["Tỉnh có 1.316 hội.", "TP. Kon Tum có 12 sản phẩm…", "Tăng 2,5%.", "Dòng mới"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the level heads a count whose noun is dropped inside a breakdown
        ("Toàn tỉnh có 86 sản phẩm đạt OCOP (3 sao: 71; 4 sao: 15).",
         [(86, None), (71, "3"), (15, "4")]),
        # coordinated counts share the noun phrase, and its level, of the last one
        ("Hai huyện Mỏ Cày Nam và Giồng Trôm có lần lượt 17 và 14 sản phẩm OCOP.", [(17, None), (14, None)]),
        ("Ba huyện có lần lượt 17, 14 và 9 sản phẩm OCOP.", [(17, None), (14, None), (9, None)]),
        ("Huyện Ba Tri và huyện Bình Đại có 12 và 9 sản phẩm OCOP 3 sao.", [(12, "3"), (9, "3")]),
        # not coordination: a year, a month, a percentage
        ("Năm 2023, tỉnh công nhận 12 và năm 2024 thêm 15 sản phẩm.", [(15, None)]),
        ("Tỷ lệ sản phẩm 3 sao: 71%, toàn tỉnh có 20 sản phẩm OCOP.", [(20, None)]),
    ],
)
def test_counts_whose_noun_is_dropped(text, expected):
    figs = find_figures(text, default_place="Bến Tre")
    assert [(f.count, f.stars) for f in figs] == expected
    for f in figs:
        assert text[f.start:f.end] == f.quote and str(f.count) in f.quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the part after "trong đó" of a target is a target, though "được đánh giá"/"đạt" describe it
        ("Đến năm 2026, tỉnh có 80 sản phẩm được đánh giá, xếp hạng, trong đó ít nhất 12 sản phẩm đạt 4 sao.",
         [(80, None, "target", 2026), (12, "4", "target", 2026)]),
        ("Năm 2022 phấn đấu có thêm 18 sản phẩm được công nhận, trong đó 4 sản phẩm đạt 4 sao, 1 sản phẩm đạt 5 sao.",
         [(18, None, "target", 2022), (4, "4", "target", 2022), (1, "5", "target", 2022)]),
        # …unless the part states its own status
        ("Năm 2022 phấn đấu có 30 sản phẩm, trong đó đã có 11 sản phẩm được công nhận.",
         [(30, None, "target", 2022), (11, None, "achieved", 2022)]),
        # "nâng tổng số lên" takes the tense of its clause
        ("Năm 2026 tỉnh phấn đấu có thêm 25 sản phẩm OCOP, nâng tổng số lên 210 sản phẩm.",
         [(25, None, "target", 2026), (210, None, "target", 2026)]),
        ("Năm 2023 tỉnh đã công nhận thêm 14 sản phẩm, nâng tổng số lên 96 sản phẩm.",
         [(14, None, "achieved", 2023), (96, None, "achieved", 2023)]),
    ],
)
def test_part_of_a_whole_and_running_totals_keep_the_clause_status(text, expected):
    assert tuples(text) == expected


def test_products_an_assessment_was_held_for_are_candidates():
    text = "Năm 2021, huyện tổ chức đánh giá, phân hạng cho 33 sản phẩm, kết quả có 29 sản phẩm đạt 3 sao."
    assert tuples(text) == [(29, "3", "achieved", 2021)]


def test_a_new_roman_numeral_part_ends_the_plan_section():
    text = ("II. MỤC TIÊU\n- Đến năm 2027, toàn tỉnh có 140 sản phẩm OCOP, trong đó 20 sản phẩm đạt 4 sao.\n"
            "III. CĂN CỨ VÀ BỐI CẢNH\nNăm 2022, toàn tỉnh có 17 sản phẩm được công nhận OCOP.")
    assert tuples(text) == [(140, None, "target", 2027), (20, "4", "target", 2027), (17, None, "achieved", 2022)]
