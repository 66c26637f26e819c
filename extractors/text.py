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

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_LIKE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
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


def decode_bytes(body: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page body to NFC text; returns ``(text, encoding used)``. Never raises.

    Order: byte-order mark, a declared charset (header) that decodes cleanly, a ``<meta>``
    charset that decodes cleanly, strict UTF-8, Windows-1258 when the bytes look Vietnamese,
    charset_normalizer's guess, and finally Latin-1 (which decodes anything).
    """
    if isinstance(body, str):  # tolerate callers that already decoded
        return normalize_unicode(body), "str"
    if not body:
        return "", "utf-8"
    body = bytes(body)
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text = _try(body, codec)
            if text is not None:
                return normalize_unicode(text.lstrip("\ufeff")), codec
    candidates: list[str] = []
    declared_codec = _codec_name(declared)
    meta = _META_CHARSET.search(body[:4096])
    meta_codec = _codec_name(meta.group(1).decode("ascii", "ignore")) if meta else None
    for codec in (declared_codec, meta_codec):
        if codec and codec not in candidates and codec.replace("_", "-") not in _WEAK_LABELS:
            candidates.append(codec)
    as_utf8 = _try(body, "utf-8")
    for codec in candidates:
        if as_utf8 is not None and codec != "utf-8" and _is_single_byte(codec):
            # A single-byte codec decodes anything; bytes that are valid UTF-8 and not plain
            # ASCII are UTF-8 in practice, so the label is the mistake.
            return normalize_unicode(as_utf8), "utf-8"
        text = _try(body, codec)
        if text is not None:
            return normalize_unicode(text), codec
    if as_utf8 is not None:
        return normalize_unicode(as_utf8), "utf-8"
    if _looks_vietnamese_cp1258(body):
        text = _try(body, "cp1258")
        if text is not None:
            return normalize_unicode(text), "cp1258"
    weak = [c for c in (declared_codec, meta_codec) if c and c.replace("_", "-") in _WEAK_LABELS]
    if weak:  # the page said Latin-1 and it is neither UTF-8 nor Vietnamese: believe it (as cp1252)
        text = _try(body, "cp1252")
        if text is not None:
            return normalize_unicode(text), "cp1252"
    guessed = _charset_normalizer_guess(body)
    if guessed:
        text = _try(body, guessed)
        if text is not None:
            return normalize_unicode(text), guessed
    return normalize_unicode(body.decode("latin-1")), "latin-1"


def _charset_normalizer_guess(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional at runtime
        return None
    try:
        best = from_bytes(body[:200_000]).best()
    except Exception:  # the guesser is a heuristic; never let it break decoding
        return None
    return _codec_name(best.encoding) if best else None


def normalize_unicode(s: str) -> str:
    """NFC only (no whitespace changes)."""
    return unicodedata.normalize("NFC", s)


def normalize(s: str | None) -> str:
    """NFC; NBSP and other odd spaces → space; zero-width characters removed; CRLF/CR → LF;
    runs of spaces collapsed and trimmed around newlines; newlines kept."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    s = _ZERO_WIDTH.sub("", s)
    s = _SPACE_LIKE.sub(" ", s)
    s = "".join(ch for ch in s if ch == "\n" or ch >= " " or ch == "\t")
    s = _SPACE_RUN.sub(" ", s)
    s = _TRAILING.sub("\n", s)
    s = _LEADING.sub("\n", s)
    return s.strip(" ")


def fold(s: str) -> str:
    """Lower-case, accents removed, đ → d: a key for matching unaccented spellings."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def fold_words(s: str | None) -> str:
    """:func:`fold` with runs of white space made one space: 'Mỗi  Xã\n' → 'moi xa'."""
    return " ".join(fold(s or "").split())


def fold_char(ch: str) -> str:
    """One character without case or marks; đ/Đ become d (neither NFD nor SQLite does that)."""
    if ch in "đĐ":
        return "d"
    folded = unicodedata.normalize("NFD", ch)[0].lower()
    return folded if len(folded) == 1 else ch


def fold_same_length(s: str) -> str:
    """Fold character by character, so that offsets into the result are offsets into ``s``."""
    return "".join(fold_char(c) for c in s)
