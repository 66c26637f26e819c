"""Vietnamese text typed in the legacy font encodings TCVN3 (ABC) and VNI, back to Unicode.

Before Unicode, Vietnamese was typed with special fonts (.VnTime, VNI-Times) that draw
Vietnamese letters in place of Western ones: the bytes are Windows-1252 text, so a browser
without the font shows mojibake, and so does our decoder. Old portals still serve such pages,
and editors paste such text into UTF-8 pages.

* **TCVN3** (TCVN 5712:1993, "ABC") gives each lower-case Vietnamese letter one byte in the
  upper half: "Việt Nam" is ``ViÖt Nam``, "Hà Nội" is ``Hµ Néi``, "sản phẩm" is ``s¶n phÈm``.
* **VNI** writes a base letter followed by a mark byte: "Việt Nam" is ``Vieät Nam``, "Hà Nội" is
  ``Haø Noäi``, "sản phẩm" is ``saûn phaåm``; đ, ơ, ư and i with a tone are single bytes.

The tables below are the published code charts, written as data: each byte is shown as the
Windows-1252 character it becomes when the page is decoded without the font.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3: byte (as its Latin-1 character) → Unicode letter. Upper-case toned letters are drawn by
# a second font (.VnTimeH) from the lower-case bytes, so only the seven base capitals exist here.
TCVN3 = dict(zip(
    "¡¢£¤¥¦§¨©ª«¬\xad®"
    "µ¶·¸¹»¼½¾ÆÇÈÉÊË"
    "ÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞ"
    "ßáâãäåæçèéêëìíî"
    "ïñòóôõö÷øùúûüýþ",
    "ĂÂÊÔƠƯĐăâêôơưđ"
    "àảãáạằẳẵắặầẩẫấậ"
    "èẻẽéẹềểễếệìỉĩíị"
    "òỏõóọồổỗốộờởỡớợ"
    "ùủũúụừửữứựỳỷỹýỵ",
    strict=True,
))

# VNI: a mark byte after a vowel → the combining marks it adds (circumflex, breve, tone).
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# VNI letters written as one byte: đ, ơ, ư and the five toned i's.
VNI_LETTERS = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _with_upper(table: dict[str, str]) -> dict[str, str]:
    out = dict(table)
    out.update({k.upper(): v.upper() for k, v in table.items()})
    return out


_VNI_TONES = _with_upper(VNI_TONES)
_VNI_CIRCUMFLEX = {**VNI_CIRCUMFLEX, **{k.upper(): v for k, v in VNI_CIRCUMFLEX.items()}}
_VNI_BREVE = {**VNI_BREVE, **{k.upper(): v for k, v in VNI_BREVE.items()}}
_VNI_LETTERS = _with_upper(VNI_LETTERS)


def _chars(keys) -> str:  # type: ignore[no-untyped-def]
    return "".join(re.escape(k) for k in keys)


# One VNI letter: a vowel with its circumflex/breve mark and/or tone mark, or a one-byte letter.
_VNI_LETTER = re.compile(
    rf"([aeoAEO])([{_chars(_VNI_CIRCUMFLEX)}])([{_chars(_VNI_TONES)}])?"
    rf"|([aA])([{_chars(_VNI_BREVE)}])"
    rf"|([aeouyAEOUYôöÔÖ])([{_chars(_VNI_TONES)}])"
    rf"|([{_chars(_VNI_LETTERS)}])"
)

# Characters no Unicode Vietnamese text uses, which each legacy font prints all the time:
# TCVN3 symbols glued to a letter ("n¨m", "Hµ"), VNI mark bytes after a letter ("Vieät", "Haø").
_TCVN3_SIGN = re.compile(r"[A-Za-z][¡-®µ-¾]|[¡-®µ-¾][A-Za-z]")
_VNI_SIGN = re.compile(r"[A-Za-z][øûïåäëüæöØÛÏÅÄËÜÆÖ]|ñ[a-z]")
# Any of those characters: pages without one (nearly all) are passed over with one fast scan.
_ANY_SIGN = re.compile("[¡-®µ-¾øûïåäëüæöØÛÏÅÄËÜÆÖñ]")
# Detection reads this much text from the first sign on (a page's legacy text is one article).
_SAMPLE = 100_000
# A line holding a letter beyond Latin-1 (ư, ơ, đ, ạ …) is already Unicode Vietnamese.
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u024f\u1e00-\u1eff]")
_LEGACY_RANGE = re.compile("[\u00a0-\u00ff]")
# Frequent Vietnamese words: converting real legacy text makes many of them appear.
_COMMON_WORDS = frozenset(
    ["của", "và", "các", "được", "những", "người", "năm", "tỉnh", "với", "đã", "để", "trong", "một", "có", "là", "này", "cho", "sản", "phẩm", "đến", "theo", "công", "nhận", "xã", "huyện", "đạt", "triển", "khai", "chương", "trình", "thực", "hiện", "hội", "nghị", "phát"]
)
_WORD = re.compile(r"\w+")
_MIN_SIGNS = 3
_MIN_NEW_WORDS = 3


_TCVN3_TABLE = str.maketrans(TCVN3)


def _tcvn3_line(line: str) -> str:
    return line.translate(_TCVN3_TABLE)


def _vni_letter(m: re.Match[str]) -> str:
    if m.group(1):
        base, marks = m.group(1), _CIRCUMFLEX + _VNI_CIRCUMFLEX[m.group(2)] + _VNI_TONES.get(m.group(3) or "", "")
    elif m.group(4):
        base, marks = m.group(4), _BREVE + _VNI_BREVE[m.group(5)]
    elif m.group(6):
        base, marks = _VNI_LETTERS.get(m.group(6), m.group(6)), _VNI_TONES[m.group(7)]
    else:
        return _VNI_LETTERS[m.group(8)]
    return unicodedata.normalize("NFC", base + marks)


def _vni_line(line: str) -> str:
    return _VNI_LETTER.sub(_vni_letter, line)


_CONVERTERS = {"tcvn3": _tcvn3_line, "vni": _vni_line}


def convert(text: str, kind: str) -> str:
    """Text typed in the legacy font ``kind`` ("tcvn3" or "vni") as Unicode. Lines that already
    hold Unicode Vietnamese (a page mixing a Unicode menu with a pasted legacy article) are kept.

    >>> convert("Hµ Néi, ViÖt Nam", "tcvn3"), convert("Haø Noäi, Vieät Nam", "vni")
    ('Hà Nội, Việt Nam', 'Hà Nội, Việt Nam')
    """
    line_to_unicode = _CONVERTERS[kind]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _LEGACY_RANGE.search(line) and not _UNICODE_VIETNAMESE.search(line):
            lines[i] = line_to_unicode(line)
    return "\n".join(lines)


def _common_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text.lower()) if w in _COMMON_WORDS)


def detect(text: str) -> str | None:
    """"tcvn3" or "vni" when ``text`` (each legacy byte as its Latin-1 character) was typed in that
    legacy font, else None. A guess must make frequent Vietnamese words appear when converted, so
    French or German text with the same letters is not taken for VNI.

    >>> detect("Tæng kÕt n¨m: tØnh cã 25 s¶n phÈm ®¹t chuÈn"), detect("Tổng kết năm: tỉnh có 25 sản phẩm")
    ('tcvn3', None)
    """
    first = _ANY_SIGN.search(text)
    if first is None:
        return None
    sample = text[max(0, first.start() - 1000):first.start() + _SAMPLE]
    signs = {"tcvn3": _TCVN3_SIGN, "vni": _VNI_SIGN}
    candidates = [kind for kind, sign in signs.items() if len(sign.findall(sample)) >= _MIN_SIGNS]
    if not candidates:
        return None
    before = _common_words(sample)
    gains = {kind: _common_words(convert(sample, kind)) - before for kind in candidates}
    best = max(gains, key=lambda k: gains[k])
    return best if gains[best] >= _MIN_NEW_WORDS else None
