"""Tables printed as text: a header row that names what each column counts, body rows of bare numbers.

A portal's HTML table, a decision's annex or a report pasted into a news page comes out as text in
three shapes: rows of cells between pipes ("| 1 | Văn Chấn | 7 | 2 | 9 |", with or without a Markdown
separator row), rows of tab-separated cells, or one cell per line under a header that starts "STT".
Their cells carry no "sản phẩm" noun, so the sentence grammar finds no count in them (and may misread
a header "Năm<TAB>Sản phẩm mới" as "năm sản phẩm", five products). This reader turns each grid into
count candidates:

* the **header** says what a column counts: a level ("3 sao"), a total ("Tổng", "Số sản phẩm"), new
  products or a running total ("Sản phẩm mới", "Lũy kế"), a plan or its result ("Kế hoạch",
  "Thực hiện"), a year ("Năm 2023"); columns of ranks, scores, prices and percentages count nothing;
* the **label** column says what a row is about: a place ("Huyện", "Xã", "Đơn vị"), a year ("Năm"), an
  item of a plan that must name products ("Chỉ tiêu": "Sản phẩm OCOP mới"), or the whole ("Tổng cộng",
  "Toàn tỉnh"); rows of product groups or single products are no counts of products;
* what the header and label leave unsaid — status, year, basis — comes from the table's **lead**: the
  count of the line that opens it ("… có 38 sản phẩm được công nhận mới, chi tiết như sau:"), else the
  words of the headline and the lines just above it ("còn hiệu lực đến 31/10/2025": a running total
  of 2025; "Kết quả đánh giá, phân hạng … năm 2024": that year's new products).

Each cell of a count column becomes a :class:`Count` whose quote is its row; a zero cell is no
figure, and a row total equal to its only non-zero level is the same fact as that level. Counts the
sentence grammar found inside a grid are replaced by the grid's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.figures.candidates import Count
from extractors.figures.passage import Passage
from extractors.figures.period import round_year
from extractors.figures.place import level_of_written
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.places import find_places

_PLAN = ("Chỉ tiêu\nĐơn vị tính\nKế hoạch năm 2025\nSản phẩm OCOP được công nhận mới\nSản phẩm\n18\nTrong đó: sản phẩm 4 sao\nSản phẩm\n3\nTổng số sản phẩm OCOP còn hiệu lực\nSản phẩm\n132")
_P = "| STT | Huyện | 3 sao | 4 sao | Tổng |\n| 1 | Cao Lộc | 5 | 2 | 7 |\n| 2 | Văn Lãng | 4 | 0 | 4 |"

LEVEL = RuleTable("table: level", "stars", [
    Rule("column-stars", r"^(?:(?:hạng|sản\s+phẩm|sp)\s+)?([1-5])\s*(?:sao|\*|★)$", "the header's level",
         Example(f"Kết quả công nhận sản phẩm OCOP năm 2024 huyện Cao Lộc:\n\n{_P}", 2, "4"),
         "a column headed by a star level counts the products of that level"),
    Rule("cell-stars", r"^(?:hạng\s+)?([1-5])\s*(?:sao|\*|★)$", "the cell's level",
         Example("Kết quả đánh giá, phân hạng theo xã năm 2023:\n\nTT\tXã\tSố sản phẩm\tHạng sao\n"
                 "1\tXã Hòa Bình\t3\t3 sao\n2\tXã Tân An\t2\t4 sao", 2, "4"),
         "a 'Hạng sao' column gives the level of the row's count"),
    Rule("label-stars", r"([1-5])\s*sao", "the label's level",
         Example("Kết quả thực hiện chỉ tiêu năm 2024:\n\nChỉ tiêu | Kế hoạch | Thực hiện\n"
                 "Sản phẩm OCOP 4 sao | 2 | 3", 3, "4"),
         "an item of a plan table that names a level ('Sản phẩm OCOP 4 sao')"),
], doc="Which level a table cell counts. Header cells, the cells of a 'Hạng sao' column and row labels "
       "are matched whole (the patterns are anchored).", values="'1'…'5'")

STATUS = RuleTable("table: status", "status", [
    Rule("column-plan", r"kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu|dự\s+kiến|phấn\s+đấu", "target",
         Example("Kết quả thực hiện chỉ tiêu năm 2024:\n\nChỉ tiêu | Kế hoạch | Thực hiện\n"
                 "Sản phẩm OCOP mới | 12 | 15", 12, "target"),
         "a column of the plan, beside the column of what was done"),
    Rule("column-done", r"thực\s+hiện|kết\s+quả|đạt\s+được|đã\s+công\s+nhận", "achieved",
         Example("Kết quả thực hiện chỉ tiêu năm 2024:\n\nChỉ tiêu | Kế hoạch | Thực hiện\n"
                 "Sản phẩm OCOP mới | 12 | 15", 15, "achieved"),
         "a column of what was done against a plan"),
    Rule("lead-status", r"", "the lead count's",
         Example("Năm 2025, tỉnh phấn đấu có 30 sản phẩm OCOP mới, cụ thể như sau:\n\n"
                 "Huyện | 3 sao | 4 sao\nHuyện Bảo Lâm | 6 | 2\nHuyện Bảo Lạc | 5 | 1", 6, "target"),
         "rows under a line that counts products and ends in ':' are its breakdown: its status"),
    Rule("column-proposal", r"đề\s+nghị|đề\s+xuất", "proposed",
         Example("Tổng hợp sản phẩm OCOP năm 2025:\n\nHuyện | Đã công nhận | Đề nghị công nhận\n"
                 "Huyện Than Uyên | 5 | 3", 3, "proposed"),
         "a column of products proposed for recognition"),
    Rule("context-proposal", r"đề\s+nghị|đề\s+xuất", "proposed",
         Example("Danh sách sản phẩm đề nghị công nhận OCOP năm 2025 theo huyện\n\n"
                 "Huyện | 3 sao | 4 sao\nHuyện Hải Hà | 4 | 1", 4, "proposed"),
         "a table headed by a proposal ('đề nghị công nhận') lists proposed products"),
    Rule("default-achieved-table", r"", "achieved",
         Example(f"Kết quả công nhận sản phẩm OCOP năm 2024 huyện Cao Lộc:\n\n{_P}", 5, "achieved"),
         "otherwise a table of counts reports results"),
], doc="The status of a table cell: its column's, else its lead's, else the proposal its headline names.",
   values="target, achieved, proposed")

BASIS = RuleTable("table: basis", "basis", [
    Rule("column-cumulative", r"lũy\s+kế|lu[ỹy]\s+kế|còn\s+hiệu\s+lực|hiện\s+có|tổng\s+số\s+đến", "cumulative",
         Example("Sản phẩm OCOP tỉnh Phú Yên qua các năm\n\nNăm\tSản phẩm mới\tLũy kế\n2022\t14\t40\n"
                 "2023\t11\t51", 51, "cumulative"),
         "a column of the running total"),
    Rule("column-new", r"mới|công\s+nhận|trong\s+năm|tăng\s+thêm", "new",
         Example("Sản phẩm OCOP tỉnh Phú Yên qua các năm\n\nNăm\tSản phẩm mới\tLũy kế\n2022\t14\t40\n"
                 "2023\t11\t51", 14, "new"),
         "a column of the products recognised in the row's year or round"),
    Rule("label-new", r"mới", "new",
         Example("Kết quả thực hiện chỉ tiêu năm 2024:\n\nChỉ tiêu | Kế hoạch | Thực hiện\n"
                 "Sản phẩm OCOP mới | 12 | 15", 15, "new"),
         "an item of a plan table that counts new products"),
    Rule("label-cumulative", r"lũy\s+kế|lu[ỹy]\s+kế|còn\s+hiệu\s+lực|^tổng\s+số", "cumulative",
         Example(f"II. CHỈ TIÊU\n{_PLAN}", 132, "cumulative"),
         "an item of a plan table that counts the stock ('Tổng số sản phẩm OCOP còn hiệu lực')"),
    Rule("label-part", r"^trong\s+đó", "the row above's",
         Example(f"II. CHỈ TIÊU\n{_PLAN}", 3, "new"),
         "an item 'Trong đó: …' is a part of the item above it: its basis"),
    Rule("year-rows", r"", "new",
         Example("Sản phẩm OCOP tỉnh Lai Châu giai đoạn 2021-2023\n\nNăm | Tổng | 3 sao\nNăm 2021 | 9 | 8\n"
                 "Năm 2022 | 12 | 10", 12, "new"),
         "a row per year counts that year's products, unless its column says running total"),
    Rule("lead-basis", r"", "the lead count's",
         Example(f"Năm 2024 huyện Cao Lộc có 11 sản phẩm được công nhận mới, cụ thể:\n\n{_P}", 7, "new"),
         "the basis of the count the table breaks down"),
    Rule("context-cumulative", r"(?<!\w)(?:(?:tính\s+)?đến\s+(?:nay|hết|cuối|ngày|tháng|\d)|lũy\s+kế|lu[ỹy]\s+kế"
         r"|còn\s+hiệu\s+lực|hiện\s+có)", "cumulative",
         Example("Tổng hợp sản phẩm OCOP tỉnh Điện Biên (tính đến 30/6/2025)\n\n"
                 "Đơn vị | Tổng số | 3 sao\nHuyện Mường Chà | 8 | 8\nHuyện Tủa Chùa | 6 | 5", 6, "cumulative"),
         "a headline or lead that dates the table to a day ('tính đến 30/6/2025', 'còn hiệu lực')"),
    Rule("context-new", r"công\s+nhận|đánh\s+giá|phân\s+hạng|đợt\s+\d|kết\s+quả", "new",
         Example("Kết quả đánh giá sản phẩm OCOP đợt 2 năm 2024 huyện Đà Bắc\n\n"
                 "Đơn vị | 3 sao | 4 sao\nXã Tu Lý | 3 | 1\nXã Hiền Lương | 2 | 0", 3, "new"),
         "a headline or lead of a round's or a year's results"),
], doc="The basis of a table cell: its column's or row's, else its lead's, else its headline's words "
       "(a running total's cues are tried first: 'Kết quả … (tính đến 30/9/2024)' is a running total).",
   values="new, cumulative")

YEAR = RuleTable("table: year", "year", [
    Rule("row-year", r"^(?:năm\s+)?((?:19|20)\d\d)$", "the row's year",
         Example("Sản phẩm OCOP tỉnh Lai Châu giai đoạn 2021-2023\n\nNăm | Tổng | 3 sao\nNăm 2021 | 9 | 8\n"
                 "Năm 2022 | 12 | 10", 9, 2021),
         "a row labelled by a year"),
    Rule("column-year", r"^(?:năm\s+)?((?:19|20)\d\d)$", "the column's year",
         Example("Số sản phẩm OCOP theo huyện\n\nHuyện | Năm 2023 | Năm 2024\nHuyện Mai Sơn | 4 | 6", 6, 2024),
         "a column headed by a year"),
    Rule("column-named-year", r"năm\s+((?:19|20)\d\d)(?!\d)", "the year its header names",
         Example(f"II. CHỈ TIÊU\n{_PLAN}", 18, 2025),
         "a column headed by a plan or result of a year ('Kế hoạch năm 2025')"),
    Rule("lead-year", r"", "the lead count's",
         Example(f"Năm 2024 huyện Cao Lộc có 11 sản phẩm được công nhận mới, cụ thể:\n\n{_P}", 7, 2024),
         "the year of the count the table breaks down"),
    Rule("context-year", r"(?<!\d)((?:19|20)\d\d)(?!\d)", "the last year of the headline and lead",
         Example(f"Kết quả công nhận sản phẩm OCOP năm 2024 huyện Cao Lộc:\n\n{_P}", 7, 2024),
         "the year the headline or the lines above the table name (a round's, or a running total's day)"),
    Rule("passage-round-year", r"", "the passage's round",
         Example("BÁO CÁO\nKết quả đánh giá sản phẩm OCOP đợt 1 năm 2025\nĐợt 1 năm 2025, huyện có 7 sản phẩm được "
                 "công nhận.\n1. Kết quả chung\nCác sản phẩm chủ yếu là chè và miến dong.\n2. Kết quả theo xã\n"
                 "STT\nXã\n3 sao\n4 sao\n1\nXã Phú Đình\n3\n1\n2\nXã Bảo Linh\n3\n0", 1, 2025),
         "else the year of the round the passage reports (its title: '… đợt 1 năm 2025')"),
], doc="The year of a table cell.", values="a year")

ROWS = RuleTable("table: rows", "is a result", [
    Rule("rows-not-products", r"nhóm|ngành|loại|tên\s+sản\s+phẩm|^sản\s+phẩm$", None,
         Example("Kết quả đánh giá lại năm 2025:\n\nNhóm sản phẩm | Số sản phẩm\nThực phẩm | 17\nĐồ uống | 4",
                 17, None),
         "rows of product groups or single products count no OCOP results"),
    Rule("column-not-results", r"đăng\s+ký|tham\s+gia|dự\s+thi|hồ\s+sơ|chưa\s+đạt|không\s+đạt|hết\s+hạn|thu\s+hồi"
         r"|được\s+đánh\s+giá|chấm\s+điểm|rà\s+soát", None,
         Example("Kết quả thực hiện Chương trình OCOP năm 2024:\n\nHuyện | Số sản phẩm đăng ký | Số sản phẩm đạt\n"
                 "Huyện Sìn Hồ | 9 | 6", 9, None),
         "a column of products registered, entered, failed or expired counts no results"),
    Rule("item-not-products", r"", None,
         Example("Kết quả thực hiện chỉ tiêu năm 2024:\n\nChỉ tiêu | Kế hoạch | Thực hiện\n"
                 "Xã đạt chuẩn nông thôn mới | 3 | 4\nSản phẩm OCOP mới | 12 | 15", 4, None),
         "an item of a plan table that does not name products (communes, households, hectares)"),
], doc="Rows a table's count columns hold that are no counts of OCOP products.")

MERGE = RuleTable("table: one figure", "one figure", [
    Rule("total-is-its-level", r"", "dropped",
         Example(f"Kết quả công nhận sản phẩm OCOP năm 2024 huyện Cao Lộc:\n\n{_P}", 4, 1),
         "a row total equal to its only non-zero level is that level's count, one fact"),
], doc="The example's value is how many figures of that count remain.", values="the number of figures left")

TABLES = [LEVEL, STATUS, BASIS, YEAR, ROWS, MERGE]

# what a header cell makes of its column, besides level, status, basis and year
_SKIP_COLUMN = re.compile(r"^(?:stt|tt|số\s+tt|số\s+thứ\s+tự)$|tỷ\s+lệ|tỉ\s+lệ|%|điểm|giá|doanh\s+thu|ghi\s+chú"
                          r"|diện\s+tích|sản\s+lượng|đồng|chủ\s+thể|địa\s+chỉ|hộ|lao\s+động", re.I)
_COUNT_COLUMN = re.compile(r"tổng|cộng|số\s+(?:sản\s+phẩm|sp|lượng)|sản\s+phẩm|(?<!\w)sp(?!\w)|lũy\s+kế|lu[ỹy]\s+kế"
                           r"|kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu|thực\s+hiện|kết\s+quả|(?<!\w)đạt|công\s+nhận|mới"
                           r"|^(?:năm\s+)?(?:19|20)\d\d$", re.I)
_LEVEL_CELL_COLUMN = re.compile(r"^(?:hạng(?:\s+sao)?|xếp\s+hạng|số\s+sao|phân\s+hạng|hạng\s+sản\s+phẩm)$", re.I)
_PLACE_LABEL = re.compile(r"huyện|xã|đơn\s+vị|địa\s+phương|địa\s+bàn|thị\s+xã|thành\s+phố|tỉnh|quận|phường"
                          r"|thị\s+trấn|vùng|khu\s+vực", re.I)
_YEAR_LABEL = re.compile(r"^(?:năm|thời\s+gian|giai\s+đoạn)$", re.I)
_ITEM_LABEL = re.compile(r"chỉ\s+tiêu|nội\s+dung|hạng\s+mục|danh\s+mục|tiêu\s+chí", re.I)
_ORDINAL = re.compile(r"^(?:stt|tt|số\s+tt|số\s+thứ\s+tự)$", re.I)
_TOTAL_ROW = re.compile(r"^(?:tổng(?:\s+(?:cộng|số|chung))?|cộng|toàn\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quốc)"
                        r"|(?:các|những)\s.*\s(?:khác|còn\s+lại)|còn\s+lại)\b", re.I)
_PLACE_PREFIX = re.compile(r"^(?:huyện|xã|thị\s+xã|thị\s+trấn|thành\s+phố|tp\.?|quận|phường|tỉnh)\s", re.I)
_PRODUCTS = re.compile(r"sản\s+phẩm|(?<!\w)sp(?!\w)|ocop", re.I)
_NUMBER_CELL = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{1,5}$")
_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ONE_CELL_HEADER = re.compile(r"^[ \t]*(?:STT|TT|Stt|Số TT)[ \t]*$", re.M)
_DATE_ONLY = re.compile(r"^[\W\d_]*(?:(?:thứ|chủ nhật|ngày|cập nhật|đăng)[\w ]*)?[\W\d_]*$", re.I)
_NOT_PRODUCTS_ITEM = re.compile(r"(?:số\s+)?(?:chủ\s+thể|điểm|xã|hộ|hợp\s+tác\s+xã|doanh\s+nghiệp|làng|cơ\s+sở"
                                r"|cửa\s+hàng|gian\s+hàng)(?!\w)", re.I)
_UNNUMBERED_HEAD = re.compile(r"(?:đơn\s+vị|địa\s+phương|huyện|xã|năm|chỉ\s+tiêu|nội\s+dung)$", re.I)
_UNIT_LINE = re.compile(r"^\((?:sản\s+phẩm|sp|đơn\s+vị:?\s*[^)]*)\)$", re.I)
_GROUP_CELL = re.compile(r"^(?:trong\s+đó|chia\s+ra|bao\s+gồm|gồm)\s*:?$", re.I)
_TOTAL_HEAD = re.compile(r"^(?:tổng(?:\s+số)?|cộng)$", re.I)
_YEAR_CELL = re.compile(r"^(?:năm\s+)?(?:19|20)\d\d$", re.I)
# a line that is only a label's name (the "\n" first: a literal prefix the engine scans for quickly)
_ONE_CELL_LABEL = re.compile(r"\n[ \t]*(?:Đơn vị|Địa phương|Huyện|Xã|Năm|Chỉ tiêu|Nội dung)[ \t]*\n")
_LEAD_END = re.compile(r"[:：]\s*$")
_MAX_CELL_LINE = 60  # a line longer than this is prose, not a cell printed on a line of its own
_CONTEXT_LINES = 2  # lines above a table read for its status, year and basis (and the headline)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Grid:
    header: list[Cell]
    rows: list[list[Cell]]
    spans: list[tuple[int, int]]  # each row as printed (its quote): the line, or its cells' lines
    start: int  # the header's start
    end: int  # the last row's end


def read_tables(p: Passage) -> None:
    """Add the counts of every table of counts in the passage to ``p.counts`` (replacing what the
    sentence grammar read inside them)."""
    text = p.text
    if not may_hold_table(text):
        return
    for grid in find_grids(text):
        counts = _read_grid(p, grid)
        if counts is None:
            continue
        starts = [s.start for s in p.sentences]
        for i, sent in enumerate(p.sentences):
            if sent.end > grid.start and sent.start < grid.end:
                p.counts[i] = [c for c in p.counts[i] if not grid.start <= c.start < grid.end]
        for c in counts:
            c.sent = max(0, bisect.bisect_right(starts, c.start) - 1)
            p.counts[c.sent].append(c)
        for i, sent in enumerate(p.sentences):
            if sent.end > grid.start and sent.start < grid.end:
                p.counts[i].sort(key=lambda c: c.start)


# ------------------------------------------------------------------------------ grids


def may_hold_table(text: str) -> bool:
    """Whether the text may print a table: a pipe, a tab, or a line that is only "STT" or a label's name."""
    # every header _ONE_CELL_HEADER matches holds "TT" or "Stt": a test with `in` first spares its search, tried
    # at every position (its "^" opens no literal), on the texts with neither
    return ("|" in text or "\t" in text
            or (("TT" in text or "Stt" in text) and bool(_ONE_CELL_HEADER.search(text)))
            or bool(_ONE_CELL_LABEL.search(text)))


def find_grids(text: str) -> list[Grid]:
    """Every table printed as rows of pipe- or tab-separated cells, or one cell per line."""
    lines = _lines(text)
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        grid, after = _delimited(lines, i)
        if grid is None:
            grid, after = _one_cell_per_line(lines, i)
        if grid is not None:
            grids.append(grid)
        i = max(after, i + 1)
    return grids


def _lines(text: str) -> list[tuple[str, int]]:
    out = []
    at = 0
    for line in text.split("\n"):
        out.append((line, at))
        at += len(line) + 1
    return out


def _cells(line: str, at: int) -> list[Cell] | None:
    """The cells of a pipe or tab row, or None when the line is not one."""
    sep = "|" if line.count("|") >= 2 or (line.count("|") == 1 and "\t" not in line) else "\t" if "\t" in line else None
    if sep is None:
        return None
    parts: list[Cell] = []
    pos = 0
    for piece in line.split(sep):
        lo = pos + len(piece) - len(piece.lstrip())
        parts.append(Cell(piece.strip(), at + lo, at + lo + len(piece.strip())))
        pos += len(piece) + 1
    if sep == "|" and parts and not parts[0].text:
        parts = parts[1:]  # "| a | b |": the pipes open and close the row
    if sep == "|" and parts and not parts[-1].text:
        parts = parts[:-1]
    return parts if len(parts) >= 2 else None


def _delimited(lines: list[tuple[str, int]], i: int) -> tuple[Grid | None, int]:
    line, at = lines[i]
    header = _cells(line, at)
    if header is None:
        return None, i
    rows: list[list[Cell]] = []
    spans: list[tuple[int, int]] = []
    j = i + 1
    end = at + len(line)
    while j < len(lines):
        row_line, row_at = lines[j]
        if _SEPARATOR_ROW.match(row_line.strip()) and row_line.strip():
            j += 1
            continue
        if not row_line.strip() and j + 1 < len(lines) and (nxt := _cells(*lines[j + 1])) is not None \
                and len(nxt) == len(header):
            j += 1  # rows a page printed as blocks, a blank line apart
            continue
        cells = _cells(row_line, row_at)
        if cells is None:
            break
        if len(cells) == len(header) - 1 and _ORDINAL.match(header[0].text) and _TOTAL_ROW.match(cells[0].text):
            # "Tổng cộng | 19 | 3 | 16": the total's label spans the row-number column and the label's
            cells = [Cell("", cells[0].start, cells[0].start), *cells]
        if len(cells) == len(header):
            rows.append(cells)
            end = row_at + len(row_line.rstrip())
            spans.append((row_at + len(row_line) - len(row_line.lstrip()), end))
        j += 1
    if not rows:
        return None, i
    return Grid(header, rows, spans, at, end), j


def _one_cell_per_line(lines: list[tuple[str, int]], i: int) -> tuple[Grid | None, int]:
    """An HTML table or a PDF's table whose cells came out one per line: a header "STT" then its other
    cells, then rows of as many lines each opening with the row's number (1, 2, 3 …); or (rule
    cells-unnumbered) a header that opens with a label's name ("Đơn vị", "Xã", "Năm", "Chỉ tiêu") and rows
    each opening with a label, the width read from where the rows' numbers recur."""
    line = lines[i][0]
    head = line.strip()
    if _ORDINAL.match(head):
        return _numbered_cells(lines, i)
    if len(head) <= 30 and _UNNUMBERED_HEAD.match(head):
        return _unnumbered_cells(lines, i)
    return None, i


def _header_cells(lines: list[tuple[str, int]], i: int, j: int) -> list[Cell]:
    """The header's cells from lines i to j, a unit printed on a line of its own ("(sản phẩm)") joined
    to the cell above it (rule cells-unit-line)."""
    header: list[Cell] = []
    for t, a in lines[i:j]:
        c = _cell(t, a)
        if header and _UNIT_LINE.match(c.text):
            prev = header[-1]
            header[-1] = Cell(f"{prev.text} {c.text}", prev.start, c.end)
        else:
            header.append(c)
    return header


def _numbered_cells(lines: list[tuple[str, int]], i: int) -> tuple[Grid | None, int]:
    j = i + 1
    while j < len(lines) and lines[j][0].strip() and lines[j][0].strip() != "1" \
            and len(lines[j][0]) <= _MAX_CELL_LINE:
        j += 1
    header = _header_cells(lines, i, j)
    width = len(header)
    two = next((k for k in range(j + 2, min(j + 2 + 12, len(lines))) if lines[k][0].strip() == "2"), None)
    if two is not None and 2 <= two - j < width:
        header = _unmerged(header, two - j)  # rule cells-merged-header: "Số sản phẩm …" over "Tổng số", "Trong đó"
        width = len(header)
    rows: list[list[Cell]] = []
    expected = 1
    while width >= 2 and j + width <= len(lines) and lines[j][0].strip() == str(expected):
        chunk = lines[j:j + width]
        if any(not t.strip() or len(t) > _MAX_CELL_LINE for t, _ in chunk):
            break
        rows.append([_cell(t, a) for t, a in chunk])
        j += width
        expected += 1
    if not rows:
        return None, i
    spans = [(r[0].start, r[-1].end) for r in rows]
    return Grid(header, rows, spans, header[0].start, rows[-1][-1].end), j


def _unmerged(header: list[Cell], width: int) -> list[Cell]:
    """A header printed with its merged cells as cells of their own, down to ``width`` cells: a group
    "Trong đó" over its levels, and a group that names the count over "Tổng số", are left out."""
    out = list(header)
    for k in range(len(out) - 1, 0, -1):
        if len(out) == width:
            break
        if _GROUP_CELL.match(out[k].text) or (k + 1 < len(out) and _TOTAL_HEAD.match(out[k + 1].text)
                                              and _COUNT_COLUMN.search(out[k].text)):
            del out[k]
    return out


def _unnumbered_cells(lines: list[tuple[str, int]], i: int) -> tuple[Grid | None, int]:
    j = i
    while j < len(lines) and lines[j][0].strip() and len(lines[j][0]) <= _MAX_CELL_LINE and j - i < 80:
        j += 1
    block = [t.strip() for t, _ in lines[i:j]]
    years = _YEAR_LABEL.match(block[0]) is not None
    # the header may print a unit on a line of its own: the header ends before the first row's label
    if years:
        starts = [k for k, t in enumerate(block) if _YEAR_CELL.match(t) or _TOTAL_ROW.match(t)]
    else:
        starts = [k for k in range(1, len(block)) if _NUMBER_CELL.match(block[k])
                  and not _NUMBER_CELL.match(block[k - 1])]
    if len(starts) < 3:
        return None, i
    step = starts[1] - starts[0]
    if step < 2 or starts[2] - starts[1] != step:
        return None, i
    first_row = starts[0] if years else _header_end(block, starts[0], step)
    header = _header_cells(lines, i, i + first_row)
    if len(header) != step:
        return None, i
    rows: list[list[Cell]] = []
    k = first_row
    if first_row + step > len(block):
        return None, i
    numeric = [c for c in range(1, step) if _NUMBER_CELL.match(block[first_row + c])]
    while numeric and k + step <= len(block):
        chunk = block[k:k + step]
        if _NUMBER_CELL.match(chunk[0]) and not (years and _YEAR_CELL.match(chunk[0])):
            break
        if not all(_NUMBER_CELL.match(chunk[c]) for c in numeric):
            break
        rows.append([_cell(*lines[i + k + c]) for c in range(step)])
        k += step
    if len(rows) < 2:
        return None, i
    spans = [(r[0].start, r[-1].end) for r in rows]
    return Grid(header, rows, spans, header[0].start, rows[-1][-1].end), i + k


def _header_end(block: list[str], first_number: int, step: int) -> int:
    """Where the first row starts, when the cells before its first number hold the header and the row's
    words: the header is as wide as a row, so the row starts ``step`` cells after the header's start
    once the header's unit lines are joined."""
    joined = 0
    for k in range(1, first_number):
        if _UNIT_LINE.match(block[k]):
            joined += 1
        if k - joined == step:
            return k
    return first_number


def _cell(line: str, at: int) -> Cell:
    lo = len(line) - len(line.lstrip())
    return Cell(line.strip(), at + lo, at + lo + len(line.strip()))


# ------------------------------------------------------------------------------ reading a grid


@dataclass
class _Column:
    index: int
    stars: str | None = None
    status: tuple[str, str] | None = None  # (value, rule)
    basis: tuple[str, str] | None = None
    year: int | None = None
    year_rule: str = "column-year"
    not_results: bool = False


@dataclass
class _Context:
    """What the lines above a table say of its counts."""

    lead: Count | None
    status: tuple[str, str]
    basis: tuple[str, str] | None
    year: tuple[int, str] | None
    words: str  # the headline and the lines just above the table
    item_basis: str | None = None  # the basis of the plan table's last item (for "Trong đó: …")


def _read_grid(p: Passage, grid: Grid) -> list[Count] | None:
    """The grid's count candidates, or None when it is no table of counts of products."""
    header = [c.text for c in grid.header]
    if any(re.search(r"\d+\s*(?:sản\s+phẩm|sp)\b", h, re.I) for h in header):
        return None  # "Hạng 3 sao | 14 sản phẩm": a list the sentence grammar reads
    label = _label_column(header, grid.rows)
    level_cells = next((k for k, h in enumerate(header) if _LEVEL_CELL_COLUMN.match(h)), None)
    columns = [col for k, h in enumerate(header) if k not in (label, level_cells)
               if (col := _column(k, h, grid.rows)) is not None]
    if not columns:
        return None
    context = _context(p, grid)
    labels = " ".join(r[label].text for r in grid.rows) if label is not None else ""
    if not any(_PRODUCTS.search(t) for t in (" ".join(header), labels, context.words)):
        return None  # a table of counts of something else
    label_head = header[label] if label is not None else ""
    kind = _row_kind(label_head, grid.rows, label)
    out: list[Count] = []
    for row, span in zip(grid.rows, grid.spans, strict=True):
        out.extend(_row_counts(p, grid, row, span, columns, label, level_cells, kind, context))
    return out


def _label_column(header: list[str], rows: list[list[Cell]]) -> int | None:
    """The first column (not a row number) whose cells are mostly words, or a column of years."""
    for k, h in enumerate(header):
        if _ORDINAL.match(h):
            continue
        cells = [r[k].text for r in rows]
        words = sum(1 for c in cells if c and not _NUMBER_CELL.match(c))
        years = sum(1 for c in cells if YEAR["row-year"].regex.match(c))
        if words * 2 > len(cells) or (years == len(cells) and _YEAR_LABEL.match(h)):
            return k
    return None


def _column(k: int, head: str, rows: list[list[Cell]]) -> _Column | None:
    """What a column of numbers counts, or None when it counts no products (a rank, a score, a price)."""
    if _SKIP_COLUMN.search(head) and not LEVEL["column-stars"].regex.match(head):
        return None
    if not any(_NUMBER_CELL.match(r[k].text) for r in rows):
        return None
    m = LEVEL["column-stars"].regex.match(head)
    col = _Column(k, stars=m.group(1) if m else None)
    if m is None and not _COUNT_COLUMN.search(head):
        return None
    year = YEAR["column-year"].regex.match(head)
    if year is None and (year := YEAR["column-named-year"].regex.search(head)):
        col.year_rule = "column-named-year"
    if year:
        col.year = int(year.group(1))
    col.not_results = bool(ROWS["column-not-results"].regex.search(head))
    for rule in ("column-proposal", "column-plan", "column-done"):
        if STATUS[rule].regex.search(head):
            col.status = (STATUS[rule].value or "", rule)
            break
    for rule in ("column-cumulative", "column-new"):
        if BASIS[rule].regex.search(head):
            col.basis = (BASIS[rule].value or "", rule)
            break
    return col


def _row_kind(label_head: str, rows: list[list[Cell]], label: int | None) -> str:
    if label is None:
        return "place"
    if ROWS["rows-not-products"].regex.search(label_head):
        return "products"
    if _YEAR_LABEL.match(label_head) or all(YEAR["row-year"].regex.match(r[label].text)
                                            or _TOTAL_ROW.match(r[label].text) for r in rows):
        return "year"
    if _ITEM_LABEL.search(label_head):
        return "item"
    if _PLACE_LABEL.search(label_head):
        return "place"
    return "unknown"


def _context_lines(p: Passage, grid: Grid) -> tuple[str, str]:
    """The headline, and the lines just above the table (lines that only date the page left out)."""
    before = p.text[:grid.start].rstrip("\n").split("\n")
    lines = [ln for ln in before if ln.strip() and not _DATE_ONLY.match(ln)]
    return ("\n".join(lines[:1]), "\n".join(lines[1:][-_CONTEXT_LINES:]))


def _context(p: Passage, grid: Grid) -> _Context:
    lead = _lead(p, grid)
    head, near = _context_lines(p, grid)
    words = f"{head}\n{near}"
    if lead is not None:
        status = (lead.status, "lead-status")
    elif STATUS["context-proposal"].regex.search(words):
        status = ("proposed", "context-proposal")
    else:
        status = ("achieved", "default-achieved-table")
    basis = None
    if lead is not None and lead.basis is not None:
        basis = (lead.basis, "lead-basis")
    else:
        for rule in ("context-cumulative", "context-new"):
            if BASIS[rule].regex.search(words):
                basis = (BASIS[rule].value or "", rule)
                break
    year = None
    if lead is not None and lead.year is not None:
        year = (lead.year, "lead-year")
    else:
        # the lines just above the table name its year before the headline does
        found = YEAR["context-year"].regex.findall(near) or YEAR["context-year"].regex.findall(head)
        if found:
            year = (int(found[-1]), "context-year")
        elif (named := round_year(p)) is not None:
            year = (named, "passage-round-year")
    return _Context(lead, status, basis, year, words)


def _lead(p: Passage, grid: Grid) -> Count | None:
    """The count a table breaks down: the last result on the line just above it, when that line
    ends in ':' ("… 38 sản phẩm được công nhận mới, chi tiết như sau:")."""
    above = p.text[:grid.start].rstrip()
    if not _LEAD_END.search(above):
        return None
    line_start = above.rfind("\n") + 1
    best = None
    for counts in p.counts:
        for c in counts:
            if line_start <= c.start < len(above) and c.result and c.depth == 0:
                best = c
    return best


def _row_counts(p: Passage, grid: Grid, row: list[Cell], span: tuple[int, int], columns: list[_Column],
                label: int | None, level_cells: int | None, kind: str, ctx: _Context) -> list[Count]:
    label_text = row[label].text if label is not None else ""
    row_start, row_end = span
    total_row = bool(_TOTAL_ROW.match(label_text))
    place: str | None = None
    place_level: str | None = None
    row_year: int | None = None
    not_products: str | None = None
    if kind == "products":
        not_products = "rows-not-products"
    elif kind == "year" and not total_row:
        m = YEAR["row-year"].regex.match(label_text)
        row_year = int(m.group(1)) if m else None
    elif kind == "item":
        if not _PRODUCTS.search(label_text) or _NOT_PRODUCTS_ITEM.match(label_text):
            not_products = "item-not-products"  # also "Chủ thể OCOP mới", "Điểm bán sản phẩm OCOP"
    elif not total_row:
        place, place_level = _row_place(label_text, grid.header[label].text if label is not None else "", kind)
        if place is None:
            not_products = "rows-not-products"
    row_stars = None
    row_stars_rule = None
    if level_cells is not None:
        m = LEVEL["cell-stars"].regex.match(row[level_cells].text)
        if m:
            row_stars, row_stars_rule = m.group(1), "cell-stars"
    elif kind == "item":
        m = LEVEL["label-stars"].regex.search(label_text)
        if m:
            row_stars, row_stars_rule = m.group(1), "label-stars"
    counts: list[Count] = []
    for col in columns:
        cell = row[col.index]
        if not _NUMBER_CELL.match(cell.text):
            continue
        value = int(cell.text.replace(".", ""))
        if value == 0:
            continue  # a zero cell counts nothing
        c = Count(cell.start, cell.end, row_end, value, 0, quote_start=row_start, desc_end=cell.end)
        c.explicit = True
        if not_products or col.not_results:
            c.result = False
            c.decide("result", not_products or "column-not-results")
            counts.append(c)
            continue
        if col.stars is not None:
            c.stars = col.stars
            c.decide("stars", "column-stars")
        elif row_stars is not None and row_stars_rule is not None:
            c.stars = row_stars
            c.decide("stars", row_stars_rule)
        c.status, rule = col.status if col.status is not None else ctx.status
        c.clause_status = c.status
        c.decide("status", rule)
        _set_basis(c, col, kind, label_text, ctx)
        _set_year(c, col, row_year, ctx, p)
        if place is not None:
            c.places, c.place_level = [place], place_level
            c.decide("place", "table-row")
        elif ctx.lead is not None and ctx.lead.places:
            c.places, c.place_level = list(ctx.lead.places), ctx.lead.place_level
            c.decide("place", "lead-place")
        else:
            c.places, c.place_level = [p.default_place], "province" if p.default_place else None
            c.decide("place", "main-province")
        counts.append(c)
    _drop_total_equal_to_its_level(counts, columns)
    return counts


def _set_basis(c: Count, col: _Column, kind: str, label_text: str, ctx: _Context) -> None:
    if col.basis is not None:
        c.basis, rule = col.basis
    elif kind == "item" and BASIS["label-part"].regex.search(label_text) and ctx.item_basis is not None:
        c.basis, rule = ctx.item_basis, "label-part"
    elif kind == "item" and BASIS["label-cumulative"].regex.search(label_text):
        c.basis, rule = "cumulative", "label-cumulative"
    elif kind == "item" and BASIS["label-new"].regex.search(label_text):
        c.basis, rule = "new", "label-new"
    elif kind == "year":
        c.basis, rule = "new", "year-rows"
    elif ctx.basis is not None:
        c.basis, rule = ctx.basis
    else:
        return
    if kind == "item" and rule != "label-part":
        ctx.item_basis = c.basis
    c.decide("basis", rule)


def _set_year(c: Count, col: _Column, row_year: int | None, ctx: _Context, p: Passage) -> None:
    if row_year is not None:
        c.year, rule = row_year, "row-year"
    elif col.year is not None:
        c.year, rule = col.year, col.year_rule
    elif ctx.year is not None:
        c.year, rule = ctx.year
    else:
        if c.basis == "cumulative":
            c.undated = True
            c.as_of = p.article_date
        return
    c.decide("year", rule)


def _row_place(label_text: str, label_head: str, kind: str) -> tuple[str | None, str | None]:
    """The place a row is about (as written), and its level; None when the label names no place."""
    if not label_text or re.search(r"\d", label_text) or len(label_text) > 60:
        return None, None
    written = level_of_written(label_text) if _PLACE_PREFIX.match(label_text) else None
    if written:
        return label_text, written
    found = find_places(label_text)
    if found and found[0].end - found[0].start >= len(label_text) - 2:
        return label_text, found[0].level
    if kind == "place":
        head = label_head.lower()
        return label_text, "commune" if head.startswith(("xã", "phường")) else "district"
    return None, None


def _drop_total_equal_to_its_level(counts: list[Count], columns: list[_Column]) -> None:
    """"| 3 | Lục Yên | 4 | 0 | 4 |": the total is the one level's count, one fact."""
    levels = [c for c in counts if c.result and c.trace.get("stars") == "column-stars"]
    if len(levels) != 1:
        return
    for c in counts:
        if c.result and c.stars is None and c.value == levels[0].value and c.status == levels[0].status \
                and c.basis == levels[0].basis:
            c.result = False
            c.decide("merge", "total-is-its-level")
