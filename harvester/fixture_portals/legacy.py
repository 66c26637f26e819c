"""Vietnamese text as pre-Unicode pages stored it: TCVN3 (ABC) and VNI-Windows font bytes.

Such pages declare a Latin charset (or none) and rely on a font (``.VnTime``, ``VNI-Times``) to
draw the bytes as Vietnamese letters, so decoded as Latin-1 they read "Céng hoµ" (TCVN3) or
"Coäng hoøa" (VNI). The tables below follow the published TCVN 5712:1993 (VN3) and VNI-Windows
layouts; they are the imitation portals' encoders, written independently of any decoder.
"""

from __future__ import annotations

import unicodedata

_TONES = {"\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
_SHAPES = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}

# TCVN3: one byte per lower-case letter (tone and shape included). Upper-case letters with a tone
# have no code of their own: pages set them in the capitals font (.VnTimeH) with these same bytes.
_TCVN3_LETTERS = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}


def to_tcvn3(text: str) -> bytes:
    """``text`` as TCVN3 bytes (letters outside the table, e.g. a toned capital, via the
    lower-case code as the capitals font would draw it)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3_LETTERS.get(ch) or _TCVN3_LETTERS.get(ch.lower())
        if code is not None:
            out.append(code)
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code")
    return bytes(out)


# VNI-Windows: base letter, then one byte for the shape and tone together (lower / upper case).
_VNI_TONE = {"acute": ("ù", "Ù"), "grave": ("ø", "Ø"), "hook": ("û", "Û"), "tilde": ("õ", "Õ"), "dot": ("ï", "Ï")}
_VNI_CIRCUMFLEX = {None: ("â", "Â"), "acute": ("á", "Á"), "grave": ("à", "À"), "hook": ("å", "Å"),
                   "tilde": ("ã", "Ã"), "dot": ("ä", "Ä")}
_VNI_BREVE = {None: ("ê", "Ê"), "acute": ("é", "É"), "grave": ("è", "È"), "hook": ("ú", "Ú"),
              "tilde": ("ü", "Ü"), "dot": ("ë", "Ë")}
_VNI_I = {"acute": ("í", "Í"), "grave": ("ì", "Ì"), "hook": ("æ", "Æ"), "tilde": ("ó", "Ó"), "dot": ("ò", "Ò")}
_VNI_HORN = {"o": ("ô", "Ô"), "u": ("ö", "Ö")}


def _parts(ch: str) -> tuple[str, str | None, str | None]:
    """(base letter, shape, tone) of one NFC character."""
    decomposed = unicodedata.normalize("NFD", ch)
    shape = next((_SHAPES[m] for m in decomposed[1:] if m in _SHAPES), None)
    tone = next((_TONES[m] for m in decomposed[1:] if m in _TONES), None)
    return decomposed[0], shape, tone


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, shape, tone = _parts(ch)
    upper = base.isupper()
    pick = 1 if upper else 0
    low = base.lower()
    if shape == "circumflex":
        return base + _VNI_CIRCUMFLEX[tone][pick]
    if shape == "breve":
        return base + _VNI_BREVE[tone][pick]
    if shape == "horn":
        letter = _VNI_HORN[low][pick]
        return letter + (_VNI_TONE[tone][pick] if tone else "")
    if tone is None:
        return ch
    if low == "i":
        return _VNI_I[tone][pick]
    if low == "y" and tone == "dot":
        return "Î" if upper else "î"
    return base + _VNI_TONE[tone][pick]


def to_vni(text: str) -> bytes:
    """``text`` as VNI-Windows bytes (each byte is the Windows-1252 character the font redraws)."""
    letters = (ch if ord(ch) < 0x80 else _vni_letter(ch) for ch in unicodedata.normalize("NFC", text))
    return "".join(letters).encode("cp1252")  # a letter VNI cannot write fails here
