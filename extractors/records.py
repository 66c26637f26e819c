"""The records extractors return: plain frozen dataclasses with their source span.

Every record carries ``quote``, ``start`` and ``end`` such that ``text[start:end] == quote``
for the text it was extracted from. Nothing here imports Scrapy or SQLite.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)  # (slots: a page builds a dozen, each at half the cost)
class Figure:
    """A count of OCOP products stated in the text."""

    count: int
    stars: str | None  # "3", "4", "5", "3+", "4+", "3-4" or None
    status: str  # "achieved" | "target" | "proposed"
    year: int | None
    place: str | None  # as written ("huyện Na Hang", "Việt Nam", "mỗi huyện, thành phố")
    province: str | None  # pre-2025 province the place resolves to
    province_2025: str | None  # the unit it belongs to after the July 2025 merger
    quote: str
    start: int
    end: int
    sentence: str = ""
    # The date the count is comparable at (issue 10's key): the day or month the text gives
    # ("tính đến 31/1/2025" -> "2025-01-31", "đến tháng 7/2025" -> "2025-07"), else the year
    # ("2024"), else the article's date (ISO) for a running total said only "đến nay".
    as_of: str | None = None
    # "cumulative" (a running total or stock: "toàn tỉnh có", "lũy kế", "nâng tổng số lên"), "new"
    # (what one round, decision, year or period added: "công nhận thêm", "đợt 2 năm 2022 công nhận
    # 150") or None when unclear (GOLD_FORMAT.md)
    basis: str | None = None
    # the level of ``place``: "province" | "district" | "commune" | "national" (None when unknown)
    place_level: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentRef:
    """An administrative document cited by number."""

    number: str  # normalised: no spaces around / and -, letters and case as printed
    type: str | None  # "Quyết định", "Kế hoạch"... as written before "số"; None if absent
    issuer: str | None  # decoded from the symbol: "TTg", "UBND", "TU", "BNN"...
    issued: str | None  # ISO date written next to the number
    quote: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PublishedDate:
    """When the article says it was published, and where on the page that came from."""

    value: str  # ISO 8601: "2021-06-14T11:15:00+07:00" or "2021-06-14" when no time is printed
    source: str  # "date-line", "meta", "listing", "url", "htmldate"...
    quote: str | None = None  # the date as printed
    start: int | None = None  # offsets in the text, when the date is in it
    end: int | None = None

    @property
    def date(self) -> str:
        return self.value[:10]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in the text, resolved to a province."""

    name: str  # as written
    level: str  # "province" | "district" | "commune" | "national"
    province: str | None  # pre-2025 province name
    province_2025: str | None
    start: int
    end: int


@dataclass
class MainText:
    """What an HTML page is about, separated from its menus, sidebars and related-news blocks."""

    title: str | None
    text: str
    date_line: str | None = None  # the publish date as printed by the CMS template, when found
    published: PublishedDate | None = None
    author: str | None = None
    source_line: str | None = None
    family: str | None = None  # CMS family detected from the markup
    images: list[str] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    # why only the beginning of the page was read ("page cut after 60,000 elements"), or None
    truncated: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one passage."""

    text: str
    title: str | None = None
    published: PublishedDate | None = None
    provinces: list[str] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # why only the beginning of the page or text was read (see extractors/bounds.py), or None
    truncated: str | None = None

    def to_json(self, *, with_text: bool = False) -> dict[str, Any]:
        """The shape printed by `harvester extract` and `harvester export`."""
        out: dict[str, Any] = {
            "title": self.title,
            "published": self.published.value if self.published else None,
            "provinces": list(self.provinces),
            "documents": [d.to_json() for d in self.documents],
            "figures": [f.to_json() for f in self.figures],
        }
        if with_text:
            out["text"] = self.text
        return out
