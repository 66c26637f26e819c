"""Annex (Phụ lục) product lists of OCOP recognition decisions → product rows.

A recognition decision ends with a table: STT, tên sản phẩm, chủ thể, địa chỉ (xã/huyện), số
điểm, hạng sao, sometimes nhóm sản phẩm. Three sources give it to us:

* DOCX and HTML tables, as grids of cell texts (merged cells repeated so columns stay aligned):
  :func:`products_from_docx_tables`, :func:`products_from_html`;
* the text layer of a PDF extracted in *layout* mode, where columns are runs of characters at
  the same horizontal position: :func:`products_from_pdf_text` finds the header line(s), takes
  the column positions from them, and gathers rows that wrap over several lines.

Section headings inside the annex ("I. SẢN PHẨM ĐẠT 4 SAO", "B. CÔNG NHẬN LẠI") set the star
level and the re-certification flag of the rows below them. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from lxml import html as lxml_html

from extractors.text import fold, fold_words

CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class ProductRow:
    """One product of an annex list. ``quote`` is the row as it reads in the source text."""

    name: str
    owner: str | None = None
    district: str | None = None
    commune: str | None = None
    address: str | None = None
    score: float | None = None
    stars: int | None = None
    product_group: str | None = None
    recertified: bool = False
    row_index: int = 0  # 1-based position among the products of the annex
    quote: str = ""
    start: int | None = None  # offsets of quote in the text, when parsed from text
    end: int | None = None

    def to_json(self) -> dict:
        return asdict(self)


# --- text helpers ------------------------------------------------------------------------

def row_text(cells: list[str]) -> str:
    """A table row as one line: cells joined by `` | ``, merged repeats and blank cells dropped.

    :mod:`harvester.attachments` writes DOCX/HTML tables into the attachment text with this same
    function, so the quote of a product row is found verbatim in the stored text.
    """
    out: list[str] = []
    for cell in cells:
        cell = " ".join(cell.split())
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return CELL_SEPARATOR.join(out)


_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}


def parse_stars(cell: str, *, bare_number: bool = True) -> int | None:
    """Star level from "3 sao", "3*", "4 ★", "★★★", "***", "ba sao" or (in a stars column) "3"."""
    if not cell:
        return None
    folded = fold(cell)
    match = re.search(r"(?<![\d.,])([1-5])\s*(?:sao\b|\*|★)", folded)
    if match:
        return int(match.group(1))
    stars = cell.count("★") or cell.count("☆")
    if 1 <= stars <= 5:
        return stars
    match = re.search(r"\b(mot|hai|ba|bon|nam)\s+sao\b", folded)
    if match:
        return _STAR_WORDS[match.group(1)]
    if re.fullmatch(r"\s*\*{1,5}\s*", folded):
        return folded.count("*")
    if bare_number and re.fullmatch(r"\s*([1-5])\s*", folded):
        return int(folded.strip())
    return None


def parse_score(cell: str) -> float | None:
    """Evaluation score "78,5" / "78.5" / "80" (0-100), else None."""
    match = re.search(r"(?<![\d/])(\d{1,3})(?:[.,](\d{1,2}))?(?![\d/])", cell or "")
    if not match:
        return None
    value = float(match.group(1) + ("." + match.group(2) if match.group(2) else ""))
    return value if 0 <= value <= 100 else None


_DISTRICT = re.compile(r"(?i)\b(?:huyện|thị xã|thành phố|quận|tp\.?|h\.)\s*([^,;()\-–]+)")
_COMMUNE = re.compile(r"(?i)\b(?:xã|phường|thị trấn|tt\.?|x\.)\s*([^,;()\-–]+)")
_LEVEL_PREFIX = re.compile(r"(?i)^(?:huyện|thị xã|thành phố|quận|tp\.|tp|xã|phường|thị trấn|tt\.)\s+")


def split_address(address: str) -> tuple[str | None, str | None]:
    """(commune, district) named in an address like "xã Phúc Xuân, huyện Đại Từ"."""
    commune = _COMMUNE.search(address)
    district = _DISTRICT.search(address)
    # "thị xã X" is a district; do not read its "xã X" as a commune.
    if commune and district and commune.start() > district.start() and commune.end() <= district.end():
        commune = _COMMUNE.search(address, district.end())
    return (commune.group(1).strip() if commune else None, district.group(1).strip() if district else None)


def strip_level(place: str) -> str:
    """"huyện Đại Từ" → "Đại Từ" (columns titled Huyện/Xã sometimes repeat the level word)."""
    return _LEVEL_PREFIX.sub("", place.strip()).strip()


# --- columns -----------------------------------------------------------------------------

# Checked in order; the first pattern found in a (folded) header label names the column.
_COLUMN_KINDS = (
    ("stt", re.compile(r"^\s*(stt|tt|so tt|so thu tu)\s*$")),
    ("group", re.compile(r"nhom|bo san pham|nganh hang|phan nhom")),
    ("owner", re.compile(r"chu the|co so|don vi|to chuc|doanh nghiep")),
    ("name", re.compile(r"san pham|ten sp")),
    ("score", re.compile(r"diem")),
    ("stars", re.compile(r"sao|hang|xep loai")),
    ("address", re.compile(r"dia chi|dia ban|noi san xuat")),
    ("district", re.compile(r"huyen|thi xa|thanh pho|quan\b")),
    ("commune", re.compile(r"^\s*(xa|phuong|thi tran)\b|\bxa\s*/|\bxa,")),
    ("note", re.compile(r"ghi chu")),
)
_KEY_KINDS = {"stt", "owner", "score", "stars", "address", "district", "commune"}


def classify_label(label: str) -> str | None:
    folded = fold_words(label)
    if not folded:
        return None
    for kind, pattern in _COLUMN_KINDS:
        if pattern.search(folded):
            return kind
    return None


def _column_kinds(labels: list[list[str]]) -> list[str | None]:
    """Kind of each column from its label parts (bottom header row first, then the rows above)."""
    kinds = []
    for parts in labels:
        kind = None
        for part in reversed(parts):
            kind = classify_label(part)
            if kind:
                break
        kinds.append(kind)
    return kinds


def is_header(cells: list[str]) -> bool:
    kinds = {classify_label(c) for c in cells}
    return "name" in kinds and len(kinds & _KEY_KINDS) >= 1


# --- section headings --------------------------------------------------------------------

_HEADING_MARK = re.compile(r"^\s*(?:phần\s+)?(?:[IVX]{1,5}|[A-Da-d]|\d{1,2})\s*[.)/]\s*\S", re.IGNORECASE)
_MARK_PREFIX = re.compile(r"^\s*(?:phần\s+)?(?:[IVX]{1,5}|[A-Da-d]|\d{1,2})\s*[.)/]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """What the headings above a row say about it."""

    stars: int | None = None
    recertified: bool = False
    group: str | None = None


def heading_section(text: str, current: Section) -> Section | None:
    """The section a heading opens, or None when ``text`` is not a section heading."""
    folded = fold_words(text)
    if not folded or len(folded) > 140:
        return None
    stars = parse_stars(text, bare_number=False)
    recert = None
    if re.search(r"cong nhan lai|tai cong nhan|danh gia lai|gia han", folded):
        recert = True
    elif re.search(r"cong nhan moi|lan dau|moi cong nhan", folded):
        recert = False
    group = None
    match = re.search(r"\bnhom\b", folded)
    if match and stars is None and recert is None:
        group = _MARK_PREFIX.sub("", text, count=1).strip()
    if stars is None and recert is None and group is None:
        return None
    if recert is not None:
        # A new "công nhận mới / lại" part starts over: its star sub-sections follow.
        return Section(stars=stars, recertified=recert, group=current.group)
    if stars is not None:
        return replace(current, stars=stars)
    return replace(current, group=group, stars=None)


# --- grids (DOCX, HTML) ------------------------------------------------------------------

_INT = re.compile(r"^\s*\d{1,4}\s*[.)]?\s*$")
_TOTAL = re.compile(r"^\s*(tong|cong|tong cong|tong so)\b")


def _is_numbering_row(cells: list[str]) -> bool:
    """The "(1) (2) (3)…" row printed under some headers."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in filled)


def products_from_grid(grid: list[list[str]], *, first_index: int = 1,
                       section: Section | None = None) -> list[ProductRow]:
    """Product rows of one table given as rows of cell texts (merged cells repeated)."""
    rows = [[" ".join((c or "").split()) for c in row] for row in grid]
    header_at = next((i for i, row in enumerate(rows) if is_header(row)), None)
    if header_at is None:
        return []
    width = max(len(r) for r in rows)
    labels = [[c] for c in _pad(rows[header_at], width)]
    body_at = header_at + 1
    while body_at < len(rows) and _is_subheader(rows[body_at], rows[header_at]):
        for col, cell in enumerate(_pad(rows[body_at], width)):
            if cell and cell != labels[col][-1]:
                labels[col].append(cell)
        body_at += 1
    kinds = _column_kinds(labels)
    section = section or Section()
    products: list[ProductRow] = []
    for raw in rows[body_at:]:
        cells = _pad(raw, width)
        filled = [c for c in cells if c]
        if not filled or _is_numbering_row(cells) or is_header(cells):
            continue
        stt = _cell(cells, kinds, "stt")
        if len(set(filled)) == 1 or (stt and not _INT.match(stt) and _HEADING_MARK.match(stt + ". x")):
            opened = heading_section(" ".join(dict.fromkeys(filled)), section)
            if opened is not None:
                section = opened
            continue
        name = _cell(cells, kinds, "name")
        if not name or _TOTAL.match(fold(stt or name)):
            continue
        products.append(_product(cells, kinds, section, first_index + len(products), row_text(cells)))
    return products


def _pad(row: list[str], width: int) -> list[str]:
    return list(row) + [""] * (width - len(row))


def _is_subheader(row: list[str], header: list[str]) -> bool:
    filled = [c for c in row if c]
    if not filled or any(_INT.match(c) for c in filled):
        return False
    if all(c in header for c in filled):
        return True  # a vertically merged header cell repeated
    return any(classify_label(c) for c in filled if c not in header) and not any(
        parse_stars(c, bare_number=False) for c in filled)


def _cell(cells: list[str], kinds: list[str | None], kind: str) -> str | None:
    values = [cells[i] for i, k in enumerate(kinds) if k == kind and i < len(cells) and cells[i]]
    values = list(dict.fromkeys(values))
    return ", ".join(values) if values else None


def _product(cells: list[str], kinds: list[str | None], section: Section, index: int,
             quote: str, start: int | None = None, end: int | None = None) -> ProductRow:
    address = _cell(cells, kinds, "address")
    district = _cell(cells, kinds, "district")
    commune = _cell(cells, kinds, "commune")
    if address:
        split_commune, split_district = split_address(address)
        commune = commune or split_commune
        district = district or split_district
    stars_cell = _cell(cells, kinds, "stars")
    stars = parse_stars(stars_cell) if stars_cell else None
    score_cell = _cell(cells, kinds, "score")
    recertified = section.recertified
    note = _cell(cells, kinds, "note")
    if note and re.search(r"cong nhan lai|tai cong nhan", fold(note)):
        recertified = True
    return ProductRow(
        name=_cell(cells, kinds, "name") or "",
        owner=_cell(cells, kinds, "owner"),
        district=strip_level(district) if district else None,
        commune=strip_level(commune) if commune else None,
        address=address,
        score=parse_score(score_cell) if score_cell else None,
        stars=stars if stars is not None else section.stars,
        product_group=_cell(cells, kinds, "group") or section.group,
        recertified=recertified,
        row_index=index,
        quote=quote,
        start=start,
        end=end,
    )


def products_from_docx_tables(tables: list[list[list[str]]]) -> list[ProductRow]:
    """Product rows of every annex table of a DOCX (tables as grids, see harvester.attachments)."""
    products: list[ProductRow] = []
    for grid in tables:
        products.extend(products_from_grid(grid, first_index=len(products) + 1))
    return products


def html_tables(tree_or_html) -> list[list[list[str]]]:
    """The tables of an HTML page as grids, colspan/rowspan expanded (merged cells repeated)."""
    tree = tree_or_html
    if isinstance(tree_or_html, str | bytes):
        if not tree_or_html.strip():
            return []
        tree = lxml_html.fromstring(tree_or_html)
    grids = []
    for table in tree.xpath("//table"):
        grid: list[list[str]] = []
        carried: dict[tuple[int, int], str] = {}  # (row, col) -> text of a rowspan cell above
        for r, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
            row: list[str] = []
            col = 0
            for cell in tr.xpath("./td|./th"):
                while (r, col) in carried:
                    row.append(carried.pop((r, col)))
                    col += 1
                text = " ".join(cell.text_content().split())
                span, down = _span(cell, "colspan"), _span(cell, "rowspan")
                for offset in range(span):
                    row.append(text)
                    for extra in range(1, down):
                        carried[(r + extra, col + offset)] = text
                col += span
            while (r, col) in carried:
                row.append(carried.pop((r, col)))
                col += 1
            grid.append(row)
        grids.append(grid)
    return grids


def _span(cell, name: str) -> int:
    try:
        return max(1, min(50, int(cell.get(name, "1"))))
    except ValueError:
        return 1


def products_from_html(html: str | bytes) -> list[ProductRow]:
    """Product rows of the annex tables of an HTML page (a document detail page, a .docx that is HTML)."""
    return products_from_docx_tables(html_tables(html))


# --- PDF layout text ---------------------------------------------------------------------

_CHUNK = re.compile(r"\S+(?: \S+)*")  # runs of text separated by two or more spaces
_ROW_START = re.compile(r"^\d{1,4}[.)]?$")
_TOLERANCE = 2


@dataclass
class _Column:
    start: int
    labels: list[str]


def _chunks(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(line)]


def _header_columns(lines: list[str]) -> list[_Column]:
    """Columns from a header block: the first line gives the columns, lower lines split or extend them."""
    columns = [_Column(start, [text]) for start, _, text in _chunks(lines[0])]
    for line in lines[1:]:
        placed: dict[int, list[tuple[int, str]]] = {}
        for start, _, text in _chunks(line):
            placed.setdefault(_column_at(columns, start), []).append((start, text))
        split: list[_Column] = []
        for index, column in enumerate(columns):
            parts = placed.get(index, [])
            if len(parts) >= 2:  # a merged top cell over sub-columns ("Địa chỉ" over "Xã", "Huyện")
                split.extend(_Column(min(start, column.start) if n == 0 else start, [*column.labels, text])
                             for n, (start, text) in enumerate(parts))
            else:
                if parts:  # a label that wraps ("Tên sản" / "phẩm")
                    column.labels[-1] = f"{column.labels[-1]} {parts[0][1]}"
                split.append(column)
        columns = split
    return columns


def _column_at(columns: list[_Column], position: int) -> int:
    index = 0
    for i, column in enumerate(columns):
        if position >= column.start - _TOLERANCE:
            index = i
    return index


def _line_offsets(text: str) -> list[tuple[int, str]]:
    out, position = [], 0
    for line in text.split("\n"):
        out.append((position, line))
        position += len(line) + 1
    return out


def _is_pdf_header(line: str) -> bool:
    folded = fold(line)
    return bool(re.search(r"\b(stt|tt)\b", folded)) and bool(
        re.search(r"san pham|ten sp|chu the|dia chi|diem|hang sao", folded))


def products_from_pdf_text(text: str, *, section: Section | None = None) -> list[ProductRow]:
    """Product rows of annex tables in PDF text extracted in layout mode (columns aligned)."""
    lines = _line_offsets(text)
    section = section or Section()
    products: list[ProductRow] = []
    columns: list[_Column] | None = None
    kinds: list[str | None] = []
    current: dict | None = None
    i = 0
    while i < len(lines):
        offset, line = lines[i]
        stripped = line.strip()
        if _is_pdf_header(line):
            products.extend(_finish(current, kinds, products))
            current = None
            block = [line]
            while i + 1 < len(lines) and _is_header_continuation(lines[i + 1][1]):
                i += 1
                block.append(lines[i][1])
            columns = _header_columns(block)
            kinds = _column_kinds([c.labels for c in columns])
            if "name" not in kinds:
                columns = None
            i += 1
            continue
        if not stripped or stripped == "\f":
            i += 1
            continue
        chunks = _chunks(line)
        first_start, _, first_text = chunks[0]
        is_row = (columns is not None and _ROW_START.match(first_text)
                  and kinds[_column_at(columns, first_start)] == "stt" and len(chunks) > 1)
        if not is_row:
            opened = heading_section(stripped, section) if _looks_like_heading(stripped, chunks) else None
            if opened is not None:
                products.extend(_finish(current, kinds, products))
                current, section = None, opened
                i += 1
                continue
        if columns is None:
            i += 1
            continue
        if is_row:
            products.extend(_finish(current, kinds, products))
            current = {"cells": [""] * len(columns), "start": offset + first_start,
                       "end": offset + len(line.rstrip()), "section": section}
            _add_chunks(current, columns, chunks)
        elif current is not None and _is_continuation(chunks, columns):
            _add_chunks(current, columns, chunks)
            current["end"] = offset + len(line.rstrip())
        elif current is not None and not re.fullmatch(r"[\d\s\-–/]*|trang.*", fold(stripped)):
            # Prose after the table (signature, "Nơi nhận"): the table is over.
            products.extend(_finish(current, kinds, products))
            current, columns = None, None
        i += 1
    products.extend(_finish(current, kinds, products))
    return [replace(p, quote=text[p.start:p.end]) for p in products]


def _is_header_continuation(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    chunks = _chunks(line)
    if _ROW_START.match(chunks[0][2]) or _looks_like_heading(stripped, chunks):
        return False
    return all(classify_label(text) or len(text) <= 12 for _, _, text in chunks)


def _looks_like_heading(stripped: str, chunks) -> bool:
    if len(chunks) > 2 or len(stripped) > 140:
        return False
    letters = [c for c in stripped if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    return bool(_HEADING_MARK.match(stripped)) or upper


def _is_continuation(chunks, columns: list[_Column]) -> bool:
    """A wrapped line stays inside the columns; prose runs across them."""
    for start, end, _ in chunks:
        index = _column_at(columns, start)
        limit = columns[index + 1].start if index + 1 < len(columns) else None
        if limit is not None and end > limit + 1:
            return False
    return True


def _add_chunks(row: dict, columns: list[_Column], chunks) -> None:
    for start, _, text in chunks:
        index = _column_at(columns, start)
        row["cells"][index] = f"{row['cells'][index]} {text}".strip()


def _finish(row: dict | None, kinds: list[str | None], done: list[ProductRow]) -> list[ProductRow]:
    if row is None:
        return []
    cells = row["cells"]
    if not _cell(cells, kinds, "name"):
        return []
    return [_product(cells, kinds, row["section"], len(done) + 1, "", row["start"], row["end"])]


# --- the decision's own count ------------------------------------------------------------

_STATED = re.compile(
    r"(cong nhan|phe duyet|xep hang|phan hang|danh gia)[^.;:\n]{0,80}?(?<![\d.,])(\d{1,4})\s+san pham")
_ANNEX_START = re.compile(r"(?m)^\s*phu luc\b")


@dataclass(frozen=True)
class StatedCount:
    count: int
    quote: str
    start: int
    end: int


def stated_count(text: str) -> StatedCount | None:
    """The number of products a decision says it recognises ("công nhận 12 sản phẩm đạt OCOP").

    Read from the decision's own text, before its annex; the first such phrase wins (the
    per-star breakdown that follows it is not added up).
    """
    folded = fold(text)
    annex = _ANNEX_START.search(folded)
    body_end = annex.start() if annex else len(folded)
    match = _STATED.search(folded, 0, body_end)
    if not match:
        return None
    return StatedCount(int(match.group(2)), text[match.start():match.end()], match.start(), match.end())
