"""One way to compare a province the user typed with the provinces stored on a row.

``--province "thai nguyen"``, ``"Tỉnh Thái Nguyên"`` and ``"Thái Nguyên"`` all mean the same
province; a 2025 unit ("Tuyên Quang" after the merger) matches rows whose ``province_2025`` is
that unit. Used by the ``products`` and ``documents`` commands; the audit's province filters
should call it too.
"""

from __future__ import annotations

from extractors.text import fold_words

_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")


def province_key(name: str | None) -> str:
    """Case, accents and a leading "tỉnh"/"thành phố" removed: "Tỉnh Thái Nguyên" → "thai nguyen"."""
    key = fold_words(name)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key.removeprefix(prefix)
    return key


def province_matches(wanted: str | None, *names: str | None) -> bool:
    """True when no province is wanted, or ``wanted`` names one of ``names`` (province, province_2025…)."""
    if not wanted:
        return True
    key = province_key(wanted)
    return any(key == province_key(name) for name in names if name)
