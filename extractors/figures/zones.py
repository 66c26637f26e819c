"""Where a count's own words are: the stretch before it that its cues are read from, and where the
words describing it end. Every reader reads the same zones."""

from __future__ import annotations

import re

from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded
from extractors.figures.passage import Passage

LOOK_BACK = 300  # characters of a sentence read before a count
LOOK_AHEAD = 160  # characters read after it

# "(cũ)", "(mới)" after a place's name ("do UBND tỉnh Yên Bái (cũ) công nhận") are part of the name, no bracket
_OWN_WORDS_END = re.compile(r"[,;:]|\((?!\s*(?:cũ|mới)\s*\))|\s(?:và|trong\s+đó)\s")
_BREAKDOWN_WORD = Folded(r"(?<!\w)trong\s+đó(?!\w)|\((?!\s*(?:cũ|mới)\s*\))|(?<!\w)(?:bao\s+)?gồm(?!\w)|:")


def own_end(c: Count) -> int:
    """Where a count's own words end: its level if it has one after the noun, else the short phrase
    after its noun up to a comma ("41 sản phẩm hiện có, phát triển thêm 20 …")."""
    if c.star_end is not None:
        return max(c.noun_end, c.star_end)
    return c.desc_end or c.noun_end


def set_desc_end(p: Passage, c: Count, nxt: Count | None) -> None:
    sent = p.sentences[c.sent]
    limit = min(sent.end, c.noun_end + 40, nxt.start if nxt else sent.end)
    stop = _OWN_WORDS_END.search(p.text, c.noun_end, limit)
    c.desc_end = stop.start() if stop else None


def clause_start(p: Passage, c: Count, prev: Count | None, *, semicolon: bool = False) -> int:
    """Where the words of ``c``'s clause start: after the previous count's own words (or the
    sentence start, at most LOOK_BACK back); for a part, after the breakdown word that opens it
    ("…năm 2021, trong đó có 14 …"); with ``semicolon``, after the last ';' (a list of objectives).
    Read once per count (the ';' test aside): the readers run after the counts' words and breakdowns
    are settled."""
    key = ("clause", id(c), id(prev))
    start = p.memo.get(key)
    if start is None:
        start = p.memo[key] = _clause_start(p, c, prev)
    if semicolon:
        k = p.text.rfind(";", start, c.start)
        if k != -1:
            start = k + 1
    return start


def _clause_start(p: Passage, c: Count, prev: Count | None) -> int:
    sent = p.sentences[c.sent]
    start = max(own_end(prev) if prev else sent.start, c.start - LOOK_BACK, sent.start)
    start = min(start, c.start)
    if c.whole is not None and c.whole.sent == c.sent:
        last = None
        for last in _BREAKDOWN_WORD.finditer(p.text, start, c.start):  # noqa: B007
            pass
        if last is not None:
            start = last.end()
    return start


_ROW = re.compile(r"[ \t]*[-–•+]\s")  # a "- " row of a list printed as text


def list_opening(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the line that opens the "- " list whose row holds ``start``: the first line above
    the rows that is no row itself; None when ``start`` is on no row or the rows open the text."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _ROW.match(text, line_start):
        return None
    while line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        if not _ROW.match(text, prev_start):
            return prev_start, line_start - 1
        line_start = prev_start
    return None


# a list's opening line that ends by naming the rows as results
_RESULTS_LABEL = re.compile(r"(?<!\w)kết\s+quả(?:\s+(?:đạt\s+được|thực\s+hiện|như\s+sau|cụ\s+thể))?\s*:\s*$", re.I)


def row_before(p: Passage, c: Count) -> tuple[Count | None, bool] | None:
    """For a count on a "- " row with no whole of its own: the count the row's reading follows and
    whether it heads the row above (else it is the last count of the line opening the list, a line
    ending in ':'); None when the count is on no row, or nothing above states a count, or the rows are
    other articles' headlines (:func:`related_sentences`), each read on its own."""
    text = p.text
    start = text.rfind("\n", 0, c.start) + 1
    if c.whole is not None or start < 2 or not _ROW.match(text, start, c.start) or c.sent in related_sentences(p):
        return None
    above = text.rfind("\n", 0, start - 1) + 1
    counts = [x for x in p.all_counts() if above <= x.start < start - 1 and x.result]
    if _ROW.match(text, above, start):
        heads = [x for x in counts if x.whole is None]
        return (heads[0], True) if heads else None
    if not text[above:start].rstrip().endswith(":"):
        return None
    if _RESULTS_LABEL.search(text, above, start):
        return None  # "… mục tiêu đến năm 2025 có 150 sản phẩm. Kết quả:": the rows are the outcome, not the plan
    return (counts[-1] if counts else None), False


# a page's list of other articles: "Tin liên quan", "Tin cùng chuyên mục", "Những tin cũ hơn", "Đọc thêm:" …
_RELATED_LABEL = re.compile(
    r"^[ \t]*(?:(?:tin|bài(?:\s+viết)?)\s+(?:liên\s+quan|cùng\s+(?:chuyên\s+mục|chủ\s+đề)|khác|đọc\s+nhiều"
    r"|xem\s+nhiều|mới\s+hơn|cũ\s+hơn|mới\s+nhất|nổi\s+bật)|những\s+tin\s+(?:cũ|mới)\s+hơn|cùng\s+chuyên\s+mục"
    r"|(?:đọc|xem)\s+thêm|theo\s+dòng\s+sự\s+kiện)[ \t]*(?::[ \t]*(?=\S)|:?[ \t]*$)", re.I | re.M)
_HEADLINE_MAX = 250  # a longer line, or one that ends a sentence, is the article again


def related_sentences(p: Passage) -> frozenset[int]:
    """The sentences that are headlines of other articles listed on the page (rule ``related-list``):
    the lines after a label "Tin liên quan", "Tin cùng chuyên mục", "Những tin cũ hơn", "Đọc thêm:" …
    (and the headline on the label's own line) up to the first line that ends a sentence. Each is an
    article of its own: no year, plan or round of the page's article is read into its counts."""
    found = p.memo.get("related")
    if found is None:
        found = p.memo["related"] = _related_sentences(p)
    return found


def _related_sentences(p: Passage) -> frozenset[int]:
    text = p.text
    spans = []
    for m in _RELATED_LABEL.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        nxt = end
        while nxt < len(text):
            stop = text.find("\n", nxt + 1)
            stop = len(text) if stop == -1 else stop
            line = text[nxt + 1:stop].strip()
            if line and (line[-1] in ".!?…" or len(line) > _HEADLINE_MAX):
                break
            end = nxt = stop
        spans.append((m.start(), end))
    if not spans:
        return frozenset()
    return frozenset(i for i, s in enumerate(p.sentences) if any(a <= s.start < b for a, b in spans))
