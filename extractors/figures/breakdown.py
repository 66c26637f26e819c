"""The breakdown reader: which counts are parts of another count (``whole``).

"Toàn tỉnh có 150 sản phẩm, trong đó 2 sản phẩm 5 sao, 20 sản phẩm 4 sao…", "công nhận 26 sản
phẩm (Phú Thiện 4 sản phẩm, Mang Yang 2 sản phẩm…)", "Trong 91 sản phẩm được công nhận, có 8 …;
5 …", and a sentence or paragraph that opens with "Trong đó" after the whole. Breakdowns are read
once, here; the other readers give a part its whole's status, level, year, basis and place when
the part does not state its own.
"""

from __future__ import annotations

import re

from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded
from extractors.figures.passage import Passage
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.figures.zones import own_end

TABLE = RuleTable("breakdown", "whole", [
    Rule("in-brackets", r"[^()]{0,60}\(\s*(?:trong\s+đó\s*[,:]?\s*|gồm\s*:?\s*|có\s+)?[^()]*$", "the count before the bracket",
         Example("Tỉnh có 150 sản phẩm OCOP 4 sao (2 sản phẩm cấp lại, 148 sản phẩm cấp mới).", 2, 150),
         "a bracket opened right after a count's words lists its parts"),
    Rule("trong-do", r"(?<!\w)trong\s+đó(?!\w)", "the count before 'trong đó'",
         Example("Toàn tỉnh có 96 sản phẩm OCOP 3 sao trở lên, trong đó có 12 sản phẩm cấp lại.", 12, 96),
         "'trong đó' (of which) opens the parts of the count before it (of the stock, when that count is its rise: "
         "'có 187 sản phẩm, tăng 15 sản phẩm so với cùng kỳ; trong đó 22 sản phẩm đạt 4 sao', or its earlier value: "
         "'có 396 sản phẩm, tăng từ 86 sản phẩm đầu nhiệm kỳ; trong đó 58 sản phẩm 4 sao')"),
    Rule("listing", r"(?<!\w)(?:bao\s+gồm|gồm(?:\s+có)?|cụ\s+thể|với)(?!\w)\s*:?|:", "the count before the list",
         Example("Năm 2022 tỉnh công nhận 35 sản phẩm OCOP 4 sao, gồm 5 sản phẩm cấp lại và 30 sản phẩm mới.", 5, 35),
         "'gồm', 'bao gồm', 'cụ thể', 'với' or a colon after a count list its parts"),
    Rule("among", r"(?<!\w)trong\s+(?:tổng\s+)?(?:số\s+)?$", "the count after 'trong (số)'",
         Example("Trong 40 sản phẩm OCOP 4 sao được công nhận có 6 sản phẩm cấp mới.", 6, 40),
         "'Trong (tổng số) N sản phẩm …, có …': the parts of N follow"),
    Rule("sibling", r"[,;]|\svà\s", "the whole of the count before",
         Example("Tỉnh có 150 sản phẩm OCOP 4 sao, trong đó 2 sản phẩm cấp lại, 148 sản phẩm cấp mới.", 148, 150),
         "the next item of a list of parts is a part of the same whole (inside one bracket also after a year's "
         "label: '(năm 2021: 4 sản phẩm; năm 2022: 8 sản phẩm)')"),
    Rule("remainder", r"\s*(?:ocop\s+)?còn\s+lại(?!\w)", "the larger count before it in the sentence",
         Example("Hợp tác xã hiện có 5 sản phẩm OCOP; bánh tráng đạt 4 sao, 4 sản phẩm còn lại đạt 3 sao.", 4, 5),
         "'N sản phẩm còn lại' (the rest) is a part of the larger count before it, with no other joining word, "
         "unless the two add up to a count before them (then it is the rest beside that part)"),
    Rule("by-sum", r"", "the count the parts add up to",
         Example("Tỉnh có 196 sản phẩm OCOP, năm 2021 mới có 70 sản phẩm, trong đó có 17 sản phẩm 4 sao và "
                 "179 sản phẩm 3 sao.", 17, 196),
         "parts that add up to another count of the sentence, not to the one before them, are its parts"),
    Rule("next-sentence", r"\s*(?:trong\s+đó|cụ\s+thể|trong\s+số\s+(?:này|trên))(?!\w)", "the last count of the sentence before",
         Example("Tỉnh công nhận 8 sản phẩm đạt chuẩn OCOP 4 sao. Trong đó, 7 sản phẩm lần đầu và 1 sản phẩm "
                 "đánh giá lại.", 7, 8),
         "a sentence or paragraph opening with 'Trong đó', 'Cụ thể' or 'Trong số này' breaks down the count before it ('Trong số đó' may single out another fact: "
         "'… tăng 3.586 sản phẩm. Trong số đó, 79 sản phẩm mới được công nhận 5 sao'); a part said to be recognised "
         "after a round that raised a total breaks down the round ('công nhận 326 sản phẩm, nâng tổng số … lên "
         "3.761. Trong đó, xã A có 8 sản phẩm được công nhận')"),
    Rule("levels-add-up", r"", "the count of the sentences before that they add up to",
         Example("Tính đến hết năm 2023, tỉnh có 175 sản phẩm OCOP. Về hạng sao, tỉnh có 1 sản phẩm 5 sao, 41 sản "
                 "phẩm 4 sao và 133 sản phẩm 3 sao.", 41, 175),
         "a sentence that counts products by level and nothing else, whose counts add up to a running total of one "
         "of the three sentences before ('Về hạng sao, …', 'Về phân hạng, …'), breaks down that total"),
], doc="Tried in this order for each count after the first of a passage. A part takes its whole's "
       "status, year, basis and place unless it states its own; it takes the whole's level only in "
       "the same sentence.",
   values="the whole (another count; the examples give its value), or none")

# "Trong đó, …", "Cụ thể: 35 sản phẩm …", "Cụ thể, TP Hải Dương có …" before the first count of a sentence
_OPENER = Folded(r"[\s\-–•*+]*(?:trong\s+đó|cụ\s+thể|trong\s+số\s+(?:này|trên))(?!\w)\s*:?[^.;:]{0,200}(?::\s*)?")
_BREAKS_LIST = re.compile(
    r"(?<!\w)(?:phấn\s+đấu|nâng\s+tổng|đưa\s+tổng|tổng\s+số|lũy\s+kế|luỹ\s+kế|đến\s+nay|hiện\s+nay|năm\s+(?:19|20)\d\d"
    r"|mục\s+tiêu|kế\s+hoạch)(?!\w)",
    re.IGNORECASE)


_STOP = re.compile(r"[.;]")
_PLAN_BEFORE = Folded(r"(?<!\w)(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?:\s+[^\W\d_]+){0,3}\s*$")
_LABEL_DIGIT = re.compile(r"\d")
_BRACKET = re.compile(r"[()]")
_RISE_BEFORE = Folded(r"(?<!\w)tăng\s+(?:thêm\s+|từ\s+)?$")  # "tăng từ 86 sản phẩm đầu nhiệm kỳ; trong đó …": the stock's parts
# "công nhận 326 sản phẩm, nâng tổng số … lên 3.761 sản phẩm. Trong đó, xã A có 8 sản phẩm được công nhận"
_RAISED_TO_BEFORE = Folded(r"(?<!\w)(?:nâng|đưa)\s+(?:tổng\s+)?số[^.;\d]{0,60}?\s(?:lên|đến)\s*$")
# (a short name, up to four words, may stand before the verb: "Cụ thể, 1 sản phẩm bưởi da xanh được công nhận 4 sao")
_RECOGNISED_AFTER = Folded(r"\s*(?:ocop\s+)?(?:(?!được\s)[^\W\d_]+\s+){0,4}?(?:(?:đã|mới|vừa)\s+)?được\s+(?:[^\W\d_]+\s+){0,3}?"
                           r"(?:công|chứng)\s+nhận(?!\s+lại)")


def link_sentence(p: Passage, counts: list[Count], previous: list[Count] | None) -> None:
    """Set ``whole`` for the counts of one sentence; ``previous`` are the counts of the sentence
    right before it (for "Trong đó, …" opening this one)."""
    if not counts:
        return
    for c in counts:
        if c.back_ref:
            c.alias = _stated_before(p, c)
    _link_parts(p, counts, previous)
    _by_sum(counts)
    _levels_add_up(p, counts)


def _levels_add_up(p: Passage, counts: list[Count]) -> None:
    """"… có 175 sản phẩm OCOP. Về hạng sao, tỉnh có 1 sản phẩm 5 sao, 41 … và 133 …": counts by level
    that add up to a running total (achieved) of the three sentences before are its parts."""
    if len(counts) < 2 or any(c.whole is not None or c.depth or not c.stars for c in counts):
        return
    total = sum(c.value for c in counts)
    for before in reversed(p.counts[max(0, counts[0].sent - 3):counts[0].sent]):
        for x in reversed(before):
            if (x.value == total and x.whole is None and x.depth == 0 and x.result and x.stars in (None, "3+")
                    and x.status == "achieved" and x.basis == "cumulative"):
                for c in counts:
                    _link(c, x, "levels-add-up")
                return


def _stated_before(p: Passage, c: Count) -> Count | None:
    """The last count of the same value stated before a back reference, when there is one."""
    for counts in reversed(p.counts[:c.sent + 1]):
        for earlier in reversed(counts):
            if earlier.start < c.start and earlier.value == c.value and earlier.result and not earlier.back_ref:
                return earlier
    return None


def _by_sum(counts: list[Count]) -> None:
    """"196 sản phẩm tăng 126 sản phẩm …, trong đó có 17 … và 179 …": parts that add up to another
    count of the sentence, and not to the one they were linked to, are that count's."""
    groups: dict[int, list[Count]] = {}
    for c in counts:
        if c.whole is not None and c.whole.sent == c.sent:
            groups.setdefault(id(c.whole), []).append(c)
    for parts in groups.values():
        whole = parts[0].whole
        total = sum(x.value for x in parts)
        prefixes = {sum(x.value for x in parts[:k]) for k in range(1, len(parts) + 1)}
        if whole is None or len(parts) < 2 or total <= whole.value or whole.value in prefixes:
            continue  # the first parts add up to their whole; what follows ("4 sản phẩm chưa đạt") is aside
        for other in counts:
            if other.start < whole.start and other.value == total and other.whole is None:
                for x in parts:
                    whole.parts -= 1
                    x.whole = None
                    _link(x, other, "by-sum")
                break


def _link_parts(p: Passage, counts: list[Count], previous: list[Count] | None) -> None:
    text = p.text
    sent = p.sentences[counts[0].sent]
    for i, c in enumerate(counts):
        if i == 0:
            if previous and _OPENER.fullmatch(text, sent.start, c.start):
                whole = _last_top(previous, p)
                if whole is not None and _RECOGNISED_AFTER.match(text, c.noun_end, sent.end) and _RAISED_TO_BEFORE.search(
                        text, max(0, whole.start - 80), whole.start):  # the round's part, not the total it raised
                    whole = next((x for x in reversed(previous) if x.start < whole.start and x.depth == 0
                                  and x.whole is None and x.result), whole)
                # a part is no larger than its whole: "…2 sản phẩm. Cụ thể, 9 sản phẩm …" goes back to another count
                if whole is not None and c.value <= (whole.alias or whole).value:
                    _link(c, whole, "next-sentence")
            continue
        prev = counts[i - 1]
        if c.depth > prev.depth:
            opener = _bracket_owner(p, counts[:i], c)
            if opener is not None:
                _link(c, opener, "in-brackets")
                continue
        same = _previous_at_depth(counts[:i], c.depth)
        if same is None:
            continue
        gap = text[own_end(same):c.start]
        if same.back_ref:
            _link(c, same, "among")
            continue
        marker = _marker(gap)
        if marker == "trong-do" and same.whole is None and _is_rise(p, counts[:i], same):
            # "có 187 sản phẩm, tăng 15 sản phẩm so với cùng kỳ; trong đó 22 sản phẩm đạt 4 sao": the stock's parts
            _link(c, _is_rise(p, counts[:i], same), marker)  # type: ignore[arg-type]
        elif marker == "trong-do" and same.whole is not None and same.whole_marker in ("sibling", "trong-do", "listing"):
            # "44 sản phẩm, trong đó 2 … và 42 …, trong đó năm 2019 …": a new breakdown of the whole
            _link(c, same.whole, marker)
        elif marker is not None:
            _link(c, same, marker)
        elif same.whole is None and same.value > c.value and TABLE.match(
                "remainder", text, c.noun_end, min(sent.end, c.noun_end + 20)) and not any(
                x.value == same.value + c.value for x in counts[:i]):
            # "HTX hiện có 4 sản phẩm OCOP; …, 3 sản phẩm còn lại đạt 3 sao" (not "đánh giá 52 sản phẩm nhưng chỉ
            # công nhận 41 sản phẩm; 11 sản phẩm còn lại …": the rest of the 52, beside the 41)
            _link(c, same, "remainder")
        elif same.whole is not None and (not _BREAKS_LIST.search(gap) or (c.depth > 0 and not _BRACKET.search(gap))):
            # in one bracket, "(năm 2021: 4 sản phẩm; năm 2022: 8 sản phẩm)" goes on breaking down its owner
            _link(c, same.whole, "sibling")


def _link(c: Count, whole: Count, rule: str) -> None:
    whole = whole.alias or whole  # "Trong 43 sản phẩm mới …, có 17 …": the parts of the 43 stated before
    if whole is c:
        return
    c.whole = whole
    c.whole_marker = rule
    whole.parts += 1
    c.decide("whole", rule)


def _marker(gap: str) -> str | None:
    """What joins a count to the count before it at the same depth: "trong đó" anywhere between
    them, or a listing word right after the first count's words ("…năm 2022 với 1 sản phẩm")."""
    if TABLE["trong-do"].regex.search(gap):
        return "trong-do"
    listing = TABLE["listing"].regex.search(gap)
    if listing is None or len(gap) > 100 or _STOP.search(gap):
        return None
    if listing.group(0) == ":" and _LABEL_DIGIT.search(gap, 0, listing.start()):
        return None  # "năm 2022: 72 sản phẩm và năm 2023: 80 sản phẩm": the next item's own label
    if listing.group(0).strip().lower() == "với" and (listing.start() > 30 or "," in gap[:listing.start()]):
        return None  # "… đứng thứ 3 với 131 sản phẩm. Đứng đầu là tỉnh A, với 265": a new clause
    return "listing"


def _previous_at_depth(counts: list[Count], depth: int) -> Count | None:
    for c in reversed(counts):
        if c.depth <= depth:
            return c if c.depth == depth else None
    return None


def _bracket_owner(p: Passage, before: list[Count], c: Count) -> Count | None:
    """The count whose words a bracket opens after: "26 sản phẩm … 4 sao (Phú Thiện 4 sản phẩm, …"."""
    text = p.text
    bracket = text.rfind("(", before[-1].start, c.start)
    if bracket == -1:
        return None
    for owner in reversed(before):
        if owner.depth == c.depth - 1 and owner.start < bracket:
            between = text[own_end(owner):bracket]
            if len(between) <= 60 and "(" not in between and ")" not in between and ";" not in between \
                    and not _PLAN_BEFORE.search(between):  # "…, đạt 130% kế hoạch năm (40 sản phẩm)": the plan
                return owner
            return None
    return None


def _is_rise(p: Passage, before: list[Count], c: Count) -> Count | None:
    """The count a rise "tăng N sản phẩm" follows in its sentence, when ``c`` is such a rise."""
    if not _RISE_BEFORE.search(p.text, max(0, c.start - 12), c.start):
        return None
    tops = [x for x in before if x is not c and x.depth == c.depth and x.whole is None and x.start < c.start]
    return tops[-1] if tops else None


def _last_top(counts: list[Count], p: Passage | None = None) -> Count | None:
    """The last count of a sentence that is not itself a part (the whole a next sentence breaks down):
    not one that is no result ("vượt 17 sản phẩm so với kế hoạch"), nor the rise of the count before it
    ("có 605 sản phẩm, tăng 31 sản phẩm so với cuối năm 2024. Trong đó …" breaks down the 605)."""
    tops = [c for c in counts if c.depth == 0 and c.whole is None]
    for c in reversed(tops):
        if c.result and not (p is not None and c is not tops[0] and _RISE_BEFORE.search(p.text, max(0, c.start - 12), c.start)):
            return c
    for c in reversed(counts):
        if c.depth == 0 and c.whole is None:
            return c
    return counts[-1] if counts else None
