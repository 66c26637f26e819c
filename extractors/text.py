"""Bytes → text, and one normal form for Vietnamese text.

Vietnamese pages arrive as UTF-8 (most), Windows-1258 (old ASP/ASP.NET portals) or mislabelled
as ISO-8859-1. Windows-1258 writes tone marks as *combining* characters, and some editors paste
decomposed (NFD) UTF-8, so every decoded string is put into NFC: otherwise "Hóa" written two
ways would never match the gazetteer.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from charset_normalizer import from_bytes

from extractors import legacy_fonts

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Labels that browsers treat as Windows-1252 (WHATWG): a page saying so is usually really UTF-8
# or Windows-1258, so these are tried only after UTF-8.
_WEAK_LABELS = {"iso8859-1", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}

# Letters that only Vietnamese uses among the Windows-1258 upper half: Ă ă Â â Ê ê Ô ô Ơ ơ Ư ư Đ đ
# and the five combining tone marks (0xCC, 0xD2, 0xDE, 0xEC, 0xF2 in cp1258).
_CP1258_VIET_BYTES = frozenset(b"\xc3\xe3\xc2\xe2\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd\xd0\xf0\xcc\xd2\xde\xec\xf2")

# A byte that is not part of valid UTF-8, as decoded with the surrogateescape handler.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# "Mostly UTF-8": at least this many good non-ASCII characters per bad byte. Text in a single-byte
# code page almost never forms a valid multi-byte sequence by chance (a lead byte 0xC2-0xDF must be
# followed by a continuation byte 0x80-0xBF), so even a short UTF-8 text with one stray byte passes.
_MOSTLY_UTF8_RATIO = 2

# normalize(): odd spaces → space; zero-width characters, soft hyphens and C0 controls removed
# (tab and newline are white space, and a tab is kept: it separates the cells of a table pasted as
# text, which extractors/figures/table.py reads); line separators → LF; the Icelandic eth Ð/ð, which
# Latin-1 decoding and careless typing put in place of the Vietnamese Đ/đ, → Đ/đ.
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad" + "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\f\v")
_NORMALIZE = str.maketrans(
    {**dict.fromkeys(_ODD_SPACES, " "), **dict.fromkeys(_INVISIBLE), "\r": "\n", "\u2028": "\n", "\u2029": "\n",
     "Ð": "Đ", "ð": "đ"}
)
_NEEDS_TRANSLATE = re.compile("[" + re.escape("".join(chr(c) for c in _NORMALIZE)) + "]")
_SPACE_RUN = re.compile(" {2,}")
_TRAILING = re.compile(" +\n")
_LEADING = re.compile("\n +")


def _codec_name(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in {"windows-1258", "cp1258", "x-cp1258"}:
        return "cp1258"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _looks_vietnamese_cp1258(body: bytes) -> bool:
    """True when the high bytes are mostly the ones Windows-1258 uses for Vietnamese letters."""
    high = [b for b in body if b >= 0x80]
    if not high:
        return False
    hits = sum(1 for b in high if b in _CP1258_VIET_BYTES)
    return hits / len(high) >= 0.3


def _is_single_byte(codec: str) -> bool:
    try:
        return len("\u00e9".encode(codec, "ignore")) <= 1 and codecs.lookup(codec).name not in {"utf-8"}
    except LookupError:
        return False


def _try(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


class Decoded(NamedTuple):
    """A page body as text, with what the decoder had to do to get it."""

    text: str  # NFC
    encoding: str  # codec used ("utf-8", "cp1258", …), "tcvn3"/"vni" for legacy-font pages
    bad_bytes: int = 0  # invalid UTF-8 bytes replaced by U+FFFD
    legacy: str | None = None  # "tcvn3" | "vni": legacy-font text converted to Unicode

    @property
    def problem(self) -> str | None:
        """A one-line reason to flag the page, or None when the bytes decoded cleanly."""
        if self.bad_bytes:
            return f"{self.bad_bytes} invalid UTF-8 byte(s) replaced"
        if self.legacy:
            return f"{self.legacy.upper()} legacy-font text converted to Unicode"
        return None


def _utf8_with_replacement(body: bytes) -> tuple[str, int, int]:
    """``(text, bad bytes, good non-ASCII characters)`` of a body that is not valid UTF-8: every
    byte that is not part of a valid sequence becomes one U+FFFD, so the count is exact."""
    escaped = body.decode("utf-8", "surrogateescape")
    text, bad = _ESCAPED_BYTE.subn("\ufffd", escaped)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text, bad, non_ascii - bad


def _mostly_utf8(bad: int, good: int) -> bool:
    # A stray byte in a UTF-8 page must not turn the whole page into cp1256 or Latin-1 soup.
    return good > 0 and bad * _MOSTLY_UTF8_RATIO <= good


def _with_legacy(text: str, encoding: str, bad: int = 0) -> Decoded:
    """NFC text, converted from a legacy font when it was typed in one."""
    kind = legacy_fonts.detect(text)
    if kind:
        return Decoded(normalize_unicode(legacy_fonts.convert(text, kind)), encoding, bad, kind)
    return Decoded(normalize_unicode(text), encoding, bad)


def decode_bytes(body: bytes, declared: str | None = None) -> Decoded:
    r"""Decode a page body to NFC text; returns a :class:`Decoded` (text, encoding, bad bytes,
    legacy font). Never raises.

    Order: byte-order mark; valid UTF-8 (a single-byte label on valid UTF-8 is the mistake); a
    declared multi-byte charset that decodes cleanly; UTF-8 with replacement when the page is
    mostly valid UTF-8 (``bad_bytes`` counts what was replaced); TCVN3/VNI legacy fonts (converted);
    a declared charset that decodes cleanly; Windows-1258 when the bytes look Vietnamese; cp1252
    when the page said Latin-1; charset_normalizer's guess; Latin-1 (which decodes anything).

    >>> decode_bytes("Sơn La có 31 sản phẩm".encode() + b"\xff")
    Decoded(text='Sơn La có 31 sản phẩm\ufffd', encoding='utf-8', bad_bytes=1, legacy=None)
    """
    if isinstance(body, str):  # tolerate callers that already decoded
        return Decoded(normalize_unicode(body), "str")
    if not body:
        return Decoded("", "utf-8")
    body = bytes(body)
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text = _try(body, codec)
            if text is not None:
                return _with_legacy(text.lstrip("\ufeff"), codec)
    declared_codec = _codec_name(declared)
    meta = _META_CHARSET.search(body[:4096])
    meta_codec = _codec_name(meta.group(1).decode("ascii", "ignore")) if meta else None
    strong: list[str] = []
    for codec in (declared_codec, meta_codec):
        if codec and codec not in strong and codec.replace("_", "-") not in _WEAK_LABELS:
            strong.append(codec)
    as_utf8, bad, good = _try(body, "utf-8"), 0, 0
    if as_utf8 is None:
        as_utf8, bad, good = _utf8_with_replacement(body)
    for codec in strong:
        if codec != "utf-8" and not _is_single_byte(codec):
            text = _try(body, codec)
            if text is not None:
                return _with_legacy(text, codec)
    if bad == 0:
        return _with_legacy(as_utf8, "utf-8")
    if _mostly_utf8(bad, good):
        return _with_legacy(as_utf8, "utf-8", bad)
    as_latin1 = body.decode("latin-1")  # one character per byte: what a legacy font's bytes look like
    kind = legacy_fonts.detect(as_latin1)
    if kind:
        return Decoded(normalize_unicode(legacy_fonts.convert(as_latin1, kind)), kind, 0, kind)
    for codec in strong:
        text = _try(body, codec)
        if text is not None:
            return Decoded(normalize_unicode(text), codec)
    if _looks_vietnamese_cp1258(body):
        text = _try(body, "cp1258")
        if text is not None:
            return Decoded(normalize_unicode(text), "cp1258")
    weak = [c for c in (declared_codec, meta_codec) if c and c.replace("_", "-") in _WEAK_LABELS]
    if weak:  # the page said Latin-1 and it is neither UTF-8 nor Vietnamese: believe it (as cp1252)
        text = _try(body, "cp1252")
        if text is not None:
            return Decoded(normalize_unicode(text), "cp1252")
    guessed = _charset_normalizer_guess(body)
    if guessed:
        text = _try(body, guessed)
        if text is not None:
            return Decoded(normalize_unicode(text), guessed)
    return Decoded(normalize_unicode(as_latin1), "latin-1")


def _charset_normalizer_guess(body: bytes) -> str | None:
    try:
        best = from_bytes(body[:200_000]).best()
    except Exception:  # the guesser is a heuristic; never let it break decoding
        return None
    return _codec_name(best.encoding) if best else None


def normalize_unicode(s: str) -> str:
    """NFC only (no whitespace changes)."""
    return unicodedata.normalize("NFC", s)


def normalize(s: str | None) -> str:
    """NFC; NBSP and other odd spaces → space; zero-width characters and controls removed; CRLF/CR
    → LF; Ð/ð → Đ/đ; runs of spaces collapsed and trimmed around newlines; newlines kept."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s)
    if _NEEDS_TRANSLATE.search(s):  # most text has none of those characters: skip the slow pass
        s = s.replace("\r\n", "\n").translate(_NORMALIZE)
    # each pass only where its pattern can match: a search for two characters is cheaper than the
    # pattern tried at every space of the text (the main text of a page has none of them)
    if "  " in s:
        s = _SPACE_RUN.sub(" ", s)
    if " \n" in s:
        s = _TRAILING.sub("\n", s)
    if "\n " in s:
        s = _LEADING.sub("\n", s)
    return s.strip(" ")


def _fold_table() -> dict[int, str]:
    """Latin letters → the lower-case letter without marks (đ, and Ð typed for it, → d)."""
    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base != chr(code):
            table[code] = base.lower()
    for d in "đĐðÐ":
        table[ord(d)] = "d"
    return table


def _fold_list() -> list[str]:
    """The fold table as a list indexed by code point, up to the last letter it changes: str.translate
    reads a list 2.5 times faster than a dict. A character beyond it raises IndexError, a LookupError,
    which str.translate reads as "unchanged"; the few such characters in Vietnamese text (curly quotes,
    dashes) cost little."""
    table = _fold_table()
    out = [chr(code) for code in range(max(table) + 1)]
    for code, letter in table.items():
        out[code] = letter
    return out


_FOLD = _fold_list()
_COMBINING_MARK = re.compile("[\u0300-\u036f]")


def fold(s: str) -> str:
    """The project's one matching key for Vietnamese: lower case, tone and vowel marks removed,
    đ → d, **one character out per character in** (``fold(s)[i]`` is ``s[i]`` folded, so offsets
    found in the folded text are offsets into ``s``). White space is kept as it is. Meant for NFC
    text (what :func:`normalize` returns); use :func:`fold_words` for comparing whole strings.

    >>> fold("Đắk Lắk, THỪA THIÊN HUẾ")
    'dak lak, thua thien hue'
    """
    lowered = s.lower()
    if len(lowered) != len(s):  # "İ" lower-cases to two characters: keep the length promise
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
    return lowered.translate(_FOLD)


def fold_words(s: str | None) -> str:
    r"""A comparison key for a whole string: NFC, :func:`fold`, stray combining marks dropped, runs
    of white space made one space, ends trimmed. Not offset-preserving.

    >>> fold_words(" Mỗi  Xã\nMột Sản phẩm ")
    'moi xa mot san pham'
    """
    folded = _COMBINING_MARK.sub("", fold(unicodedata.normalize("NFC", s or "")))
    return " ".join(folded.split())


# ------------------------------------------------------------------------ relevance vocabulary

# The programme's names, compared on fold_words text: "OCOP", "Mỗi xã một sản phẩm",
# "Mỗi xã, phường một sản phẩm", "mỗi xã, phường, thị trấn một sản phẩm".
OCOP_MARKERS = re.compile(r"\bocop\b|\bmoi xa\b[\w ,]{0,30}?\bmot san pham\b")
# A count of products: "25 sản phẩm", "1.018 sản phẩm", "12 SP".
_PRODUCT_COUNT = re.compile(r"\b\d[\d.]*\s+(?:san pham|sp)\b")
# A count of products with the ranking the programme gives them: "12 sản phẩm đạt 4 sao",
# "18 sản phẩm đạt chuẩn", "sản phẩm OCOP 3 sao", "phân hạng 40 sản phẩm".
_RANKED_PRODUCTS = re.compile(
    r"\bsan pham\b[^.;\n]{0,60}?\b(?:[1-5]\s*(?:sao|\*)|dat chuan)\b|\bphan hang\b[^.;\n]{0,40}?\bsan pham\b"
)
# A document number as administrative texts print it: "1048/QĐ-TTg", "14/2020/QĐ-UBND", "21-CT/TU".
_DOCUMENT_NUMBER = re.compile(r"\b\d{1,5}(?:/(?:19|20)\d\d)?/[A-ZĐ][A-ZĐa-z&]{0,11}-[A-ZĐ]|\b\d{1,5}-[A-Z]{2,4}/[A-Z]")


@dataclass(frozen=True)
class Relevance:
    """What in a title and text says an article is about the OCOP programme."""

    programme: bool  # names OCOP / "Mỗi xã một sản phẩm"
    ranked_products: int  # counts of products with a star level or "đạt chuẩn"
    product_counts: int  # "N sản phẩm" of any kind
    documents: int  # document numbers cited

    @property
    def relevant(self) -> bool:
        """Named programme, or ranked products, or product counts in a text citing documents (a
        decision recognising products whose article never writes "OCOP")."""
        return self.programme or self.ranked_products > 0 or (self.product_counts > 0 and self.documents > 0)


def ocop_relevance(title: str | None, text: str | None) -> Relevance:
    """Read the relevance cues of an article: the body decides, not only the title.

    >>> ocop_relevance("Ninh Bình: 980 sản phẩm đạt chuẩn", "").relevant
    True
    >>> ocop_relevance("Hội nghị giao ban quý III", "Ủy ban tỉnh họp bàn kế hoạch quý IV.").relevant
    False
    """
    raw = f"{title or ''}\n{text or ''}"
    folded = fold_words(raw)
    return Relevance(
        programme=bool(OCOP_MARKERS.search(folded)),
        ranked_products=len(_RANKED_PRODUCTS.findall(folded)),
        product_counts=len(_PRODUCT_COUNT.findall(folded)),
        documents=len(_DOCUMENT_NUMBER.findall(raw)),
    )


def is_ocop_relevant(title: str | None, text: str | None) -> bool:
    """``ocop_relevance(title, text).relevant``, reading only as far as the answer needs (every
    crawled page asks; most OCOP articles name the programme)."""
    raw = f"{title or ''}\n{text or ''}"
    folded = fold_words(raw)
    if OCOP_MARKERS.search(folded) or _RANKED_PRODUCTS.search(folded):
        return True
    return bool(_PRODUCT_COUNT.search(folded)) and bool(_DOCUMENT_NUMBER.search(raw))
