"""An NFC copy of the caller's text with a map of offsets back to it.

The grammar reads NFC text; a caller may hand over NFD text (pasted from old editors), and every
figure's ``quote`` must still be ``text[start:end]`` of what the caller gave.
"""

from __future__ import annotations

import bisect
import re
import unicodedata


class OffsetMap:
    """Maps offsets in an NFC copy back to the text the caller gave (which may be NFD)."""

    def __init__(self, segments: list[tuple[int, int, int, int, bool]]):
        # (out_start, out_end, orig_start, orig_end, one_to_one)
        self.segments = segments
        self.out_starts = [s[0] for s in segments]

    def _segment(self, pos: int, *, end: bool) -> tuple[int, int, int, int, bool]:
        i = bisect.bisect_right(self.out_starts, pos - 1 if end and pos > 0 else pos) - 1
        return self.segments[max(i, 0)]

    def start(self, pos: int) -> int:
        o0, _o1, g0, _g1, exact = self._segment(pos, end=False)
        return g0 + (pos - o0) if exact else g0

    def end(self, pos: int) -> int:
        o0, _o1, g0, g1, exact = self._segment(pos, end=True)
        return g0 + (pos - o0) if exact else g1


class Identity:
    """The map of a text that was NFC already."""

    @staticmethod
    def start(pos: int) -> int:
        return pos

    @staticmethod
    def end(pos: int) -> int:
        return pos


class Chained:
    """Two offset maps one after the other: offsets in a text made from the NFC copy (``figures.layout``
    cuts a PDF's page furniture out of it) back through that copy to the caller's text."""

    def __init__(self, inner: OffsetMap | Identity, outer: OffsetMap | Identity):
        self.inner, self.outer = inner, outer

    def start(self, pos: int) -> int:
        return self.outer.start(self.inner.start(pos))

    def end(self, pos: int) -> int:
        return self.outer.end(self.inner.end(pos))


_COMBINING_RUN = re.compile(r"(?s).[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def nfc_with_map(text: str) -> tuple[str, OffsetMap | Identity]:
    """An NFC copy of ``text`` and the map back to it."""
    if unicodedata.is_normalized("NFC", text):
        return text, Identity()
    out: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    o = 0
    last = 0
    for m in _COMBINING_RUN.finditer(text):
        if m.start() > last:
            n = m.start() - last
            out.append(text[last:m.start()])
            segments.append((o, o + n, last, m.start(), True))
            o += n
        composed = unicodedata.normalize("NFC", m.group(0))
        segments.append((o, o + len(composed), m.start(), m.end(), len(composed) == m.end() - m.start()))
        out.append(composed)
        o += len(composed)
        last = m.end()
    if last < len(text):
        out.append(text[last:])
        segments.append((o, o + len(text) - last, last, len(text), True))
    if not segments:
        segments.append((0, 0, 0, 0, True))
    return "".join(out), OffsetMap(segments)
