"""The status reader: was the count achieved, is it a target, or is it proposed (``status``).

The clause decides first: the nearest strong cue before the count, read right to left from the
count back to the end of the previous count's own words ("phấn đấu" → target, "đề nghị" →
proposed, "đã" → achieved). With no cue of its own, a part takes its whole's status, a count in a
list the status of the count before it, and a count under a plan heading or in a plan's
paragraph is a target. Then the count's own descriptors after the noun may make it a proposal
("10 sản phẩm tiềm năng 5 sao", "1 sản phẩm chờ phân hạng 5 sao").
"""

from __future__ import annotations

import re

from extractors.figures import grammar as g
from extractors.figures.candidates import Count
from extractors.figures.level import window_end
from extractors.figures.lowercase import Folded
from extractors.figures.passage import Passage
from extractors.figures.period import plan_year
from extractors.figures.rules import Example, Hit, Rule, RuleTable
from extractors.figures.zones import clause_start, list_opening, own_end, row_before

_PLAN_QUALIFIER = (r"(?:\s+(?:(?:cả\s+)?năm(?:\s+(?:19|20)\d\d)?|đề\s+ra|(?:được\s+)?giao|(?:đến|tới)\s+năm\s+(?:19|20)\d\d"
                   r"|giai\s+đoạn(?:\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)?|đề\s+án"
                   r"|của\s+(?:đề\s+án|kế\s+hoạch|chương\s+trình|tỉnh|huyện|thành\s+phố)))")

CUES = RuleTable("status: cues of the clause", "status", [
    Rule("cited-plan", r"kế\s+hoạch\s+(?:số\s+)?\d|(?:chương\s+trình\s+)?mục\s+tiêu\s+quốc\s+gia", "neutral",
         Example("Thực hiện Kế hoạch số 90/KH-UBND, đến nay tỉnh có 45 sản phẩm OCOP.", 45, "achieved"),
         "a plan cited by its number, the national target programme: not a plan of this count"),
    Rule("by-request-of", r"(?:theo|trên\s+cơ\s+sở|căn\s+cứ|thực\s+hiện)\s+(?:đề\s+nghị|đề\s+xuất|tờ\s+trình"
                          r"|chỉ\s+tiêu|kế\s+hoạch)(?<!theo\skế\shoạch)|theo\s+kế\s+hoạch(?!\s*,)|đề\s+nghị\s+của",
         "neutral",
         Example("Trên cơ sở đề nghị của Hội đồng, UBND tỉnh công nhận 40 sản phẩm đạt 4 sao.", 40, "achieved"),
         "acting on a proposal or a plan is not proposing or planning (but 'Theo kế hoạch, …' opening a "
         "clause says what the plan is)"),
    Rule("re-evaluation", r"đề\s+(?:nghị|xuất)\s+(?:[^\s,.;]+\s+){0,4}?(?:đánh\s+giá|công\s+nhận|cấp|xếp\s+hạng|phân\s+hạng)\s+lại", "neutral",
         Example("Hội đồng đề nghị tỉnh đánh giá lại 6 sản phẩm đã được công nhận.", 6, "achieved"),
         "certified products put up for re-evaluation (by whoever is asked to) are not proposed for a rank"),
    Rule("raised-total", r"nâng\s+tổng\s+số|đưa\s+tổng\s+số", "neutral",
         Example("Năm 2026 tỉnh phấn đấu có thêm 25 sản phẩm OCOP, nâng tổng số lên 210 sản phẩm.", 210, "target"),
         "'nâng tổng số lên' takes the tense of its clause"),
    Rule("as-of-end", r"(?:đến|tới)\s+(?:hết|cuối)\s+(?:năm|tháng)(?:\s+\d{1,2}\s*(?:/|năm))?(?:\s*(?:19|20)\d\d)?", "neutral",
         Example("Đến hết năm 2022, toàn tỉnh có 212 sản phẩm được công nhận.", 212, "achieved"),
         "'đến hết năm' dates a count, it does not plan it"),
    Rule("plan-performance",
         r"(?:đạt|vượt|bằng|hoàn\s+thành)\s+(?:(?:gần|hơn|trên|khoảng)\s+)?\d[\d.,]*\s*%"
         r"(?:\s+(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?:\s+(?:đề\s+ra|được\s+giao|năm))?)?"
         r"|(?:vượt|hoàn\s+thành(?:\s+vượt)?|so\s+với)\s+(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)"
         r"(?:\s+(?:đề\s+ra|được\s+giao|năm))?", "achieved",
         Example("Huyện hoàn thành vượt kế hoạch với 38 sản phẩm được công nhận.", 38, "achieved"),
         "performance against a plan is an achievement"),
    Rule("dossier-for-rank", r"(?:hoàn\s+thiện|chuẩn\s+bị|lập)\s+hồ\s+sơ\s+(?:để\s+)?(?:nâng\s+hạng|đề\s+nghị|đề\s+xuất)",
         "proposed", Example("Huyện đang hoàn thiện hồ sơ nâng hạng 3 sản phẩm lên 4 sao.", 3, "proposed"),
         "a dossier being completed for a higher rank is a proposal"),
    Rule("proposal-verb", r"đề\s+nghị|đề\s+xuất", "proposed",
         Example("Hội đồng đề nghị Trung ương công nhận 3 sản phẩm OCOP 5 sao.", 3, "proposed"),
         "putting products forward to a higher council"),
    Rule("decided-on-submission", r"(?<!\w)trình\s+[^,.;]{0,60}?quyết\s+định\s+(?:phê\s+duyệt|công\s+nhận)", "perfect",
         Example("Hội đồng đã trình UBND tỉnh quyết định phê duyệt công nhận 37 sản phẩm OCOP năm 2022.", 37, "achieved"),
         "submitted to an authority that decided: the recognition is reported done"),
    Rule("submitted-to", r"(?<!\w)trình(?=\s+(?:hội\s+đồng|trung\s+ương|bộ|ubnd|ủy\s+ban|uỷ\s+ban|chủ\s+tịch|cấp))"
                         r"|gửi\s+(?:hồ\s+sơ|bộ|trung\s+ương|hội\s+đồng)|(?<!đã\s)(?<!vừa\s)xét\s+công\s+nhận", "proposed",
         Example("Sở đã trình UBND tỉnh công nhận 17 sản phẩm OCOP năm 2023.", 17, "proposed"),
         "submitted to an authority, a dossier sent, considered for recognition (not 'đã xét công nhận': "
         "considered and recognised, a result)"),
    Rule("at-least", r"ít\s+nhất(?!\s*(?:,|với|vùng|tỉnh|huyện|nước|cả|khu\s+vực|trong|so\s+với"
                     r"|là\s+[^,.;\d]{1,30}?\svới(?!\w)))|tối\s+thiểu",
         "modal", Example("Mỗi huyện có ít nhất 2 sản phẩm đạt 3 sao.", 2, "target"),
         "'at least' sets a goal (but 'ít nhất vùng', 'ít nhất với', 'ít nhất là Kiên Giang với 118' are "
         "superlatives: the place with the fewest)"),
    Rule("by-future-year", r"(?:đến|tới)\s+năm\s+(?:19|20)\d\d", "modal",
         Example("Đến năm 2030, toàn huyện có 50 sản phẩm OCOP.", 50, "target"),
         "a year still to come (one not after the article's year is a date)"),
    Rule("coming-period", r"năm\s+tới|giai\s+đoạn\s+tới|thời\s+gian\s+tới", "modal",
         Example("Trong năm tới huyện có thêm 5 sản phẩm OCOP.", 5, "target"), "the coming year or period"),
    Rule("plan-word", r"phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|kế\s+hoạch|dự\s+kiến|định\s+hướng|hướng\s+tới|đặt\s+ra"
                      r"|đề\s+ra|cần\s+(?:có|đạt|phát\s+triển|xây\s+dựng|thêm)|tiến\s+tới|(?<!\w)(?:còn\s+)?phải\s+(?:có|đạt)\s+thêm(?!\w)"
                      r"|(?<!\w)ước\s+(?:tính\s+)?(?:cả\s+năm|(?:thực\s+hiện|đạt)\s+(?:khoảng\s+|trên\s+)?$)",
         "target", Example("Tỉnh phấn đấu có thêm 30 sản phẩm OCOP.", 30, "target"),
         "words of a plan or goal, and an estimate of the products the year will reach ('ước cả năm đạt 48 sản "
         "phẩm', not 'ước đạt 2.150 tỷ đồng'); what is still needed to reach a goal ('cần thêm 59 sản phẩm', 'còn "
         "phải có thêm 31 sản phẩm nữa')"),
    Rule("future-tense", r"(?<!\w)sẽ(?!\w)", "target",
         Example("Năm 2025 huyện sẽ có thêm 6 sản phẩm OCOP.", 6, "target"), "the future marker 'sẽ'"),
    Rule("perfective", r"(?<!\w)(?:đã|vừa)(?!\w)|thực\s+hiện\s+(?:được|đạt)|đạt\s+được", "perfect",
         Example("Sau 3 năm phấn đấu, huyện đã có 12 sản phẩm OCOP.", 12, "achieved"),
         "the perfective 'đã', 'vừa', 'thực hiện được'"),
    Rule("passive-result", r"được\s+(?:công\s+nhận|cấp|chứng\s+nhận|xếp\s+hạng|đánh\s+giá|phân\s+hạng"
                           r"|ubnd(?![^,.;]{0,30}?(?:đề\s+nghị|đề\s+xuất))"
                           r"|chủ\s+tịch|trao|vinh\s+danh)|trao\s+(?:giấy\s+)?chứng\s+nhận", "perfect",
         Example("Theo chỉ tiêu năm, huyện được công nhận 9 sản phẩm OCOP.", 9, "achieved"),
         "recognised, certified, ranked, certificates handed over (not 'được UBND huyện đề nghị tỉnh công nhận': "
         "the agent put it forward)"),
    Rule("running-total", r"l[ũu]y\s+kế|luỹ\s+kế|tính\s+đến|đến\s+nay|hiện\s+nay|hiện\s+có|hiện\s+tại|tổng\s+cộng"
                          r"|tính\s+chung|vinh\s+danh"
                          r"|(?<!\w)hiện\s+(?:toàn\s+|cả\s+)?(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã|phường)\s+(?:đã\s+|đang\s+)?có(?!\w)",
         "temporal",
         Example("Lũy kế có 150 sản phẩm OCOP.", 150, "achieved"),
         "a running total up to now (also after a target's clause: 'đặt mục tiêu đến năm 2030 có 300 sản phẩm; hiện "
         "tỉnh có 196 sản phẩm')"),
    Rule("plain-verb", r"(?<!\w)(?:có|đạt|với|gồm|thêm|(?<!nâng\s)cấp|trao)(?!\w)|công\s+nhận|xếp\s+hạng|chứng\s+nhận"
                       r"|dẫn\s+đầu|đóng\s+góp", "weak",
         Example("Huyện có 21 sản phẩm OCOP.", 21, "achieved"),
         "has, reaches, recognises: achieved unless a stronger cue is nearer"),
], doc="Scanned right to left from the count back to the end of the previous count's own words; "
       "the nearest strong cue decides. A proposal inside a plan ('dự kiến trình', 'phấn đấu …; đề xuất') "
       "is a target; a modal ('ít nhất', 'đến năm 2025') next to a running total makes a target.",
   values="a cue kind: `neutral` (decides nothing, and a stronger cue inside it is not read), `achieved`, "
          "`proposed`, `modal` (target), `target`, `perfect` (achieved), `temporal` (achieved), `weak` (decides "
          "nothing, but keeps a plan from carrying over)")

CONTEXT = RuleTable("status: context", "status", [
    Rule("plan-in-brackets", rf"(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu|nghị\s+quyết(?:\s+(?:của\s+)?(?:hđnd|hội\s+đồng\s+nhân"
                             rf"\s+dân)(?:\s+(?:tỉnh|huyện|thành\s+phố))?)?(?=\s+(?:đề\s+ra|giao)))"
                             rf"(?:{_PLAN_QUALIFIER}|\s+(?!(?:là|có|đạt|với|được|và|thì)\s)[^\W\d_]+"
                             rf"|\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?){{0,10}}\s*\(\s*$", "target",
         Example("Năm 2024, tỉnh có thêm 41 sản phẩm, đạt 137% kế hoạch năm (30 sản phẩm).", 30, "target"),
         "a count in brackets right after the plan it states ('vượt mục tiêu đề án (120 sản phẩm)', 'đạt 110% "
         "Nghị quyết HĐND tỉnh giao (20 sản phẩm)'), also with the plan's owner or term between ('vượt chỉ tiêu "
         "tỉnh giao (7 sản phẩm)', 'bằng 106,7% chỉ tiêu Nghị quyết Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025 (30 sản "
         "phẩm)')", needs=("hoạch", "tiêu", "quyết")),
    Rule("compared-in-brackets", r"(?:(?<!\w)cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái|(?:19|20)\d\d))?"
                                 r"|(?<!\w)kết\s+quả\s+(?:của\s+)?(?:cả\s+)?năm\s+(?:19|20)\d\d"
                                 r"|(?<!\w)năm\s+(?:trước|ngoái)(?:\s+đó)?)\s*\(\s*$|\(\s*cùng\s+kỳ\s*:?\s*$", "achieved",
         Example("Chín tháng, tỉnh công nhận 64 sản phẩm, đạt 71% kế hoạch năm (90 sản phẩm) và cao hơn cùng kỳ năm 2023 "
                 "(49 sản phẩm).", 49, "achieved"),
         "a count in brackets after the same period of an earlier year ('cùng kỳ năm 2023 (49 sản phẩm)', '(cùng kỳ: 29 "
         "sản phẩm)') or a past year's result ('thấp hơn kết quả cả năm 2024 (2.318 sản phẩm)') is that result, "
         "achieved, even beside a plan", needs=("kỳ", "quả", "trước", "ngoái")),
    Rule("plan-noun-before", rf"(?<!\w)(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu){_PLAN_QUALIFIER}{{0,2}}\s*(?:là\s+|:\s*)?$",
         "target", Example("Tỉnh đã có 213 sản phẩm OCOP, vượt chỉ tiêu 200 sản phẩm đề ra.", 200, "target"),
         "the count right after the plan noun is the plan", needs=("hoạch", "tiêu")),
    Rule("past-year-bracket", r"\(\s*(?:trong\s+|cả\s+|riêng\s+)?năm\s+((?:19|20)\d\d)(?!\d)[^()\n]{0,60}$", "achieved",
         Example("Năm 2024, huyện phấn đấu có thêm 6 sản phẩm OCOP, góp phần cùng tỉnh (năm 2023 toàn tỉnh công nhận 45 sản phẩm).", 45,
                 "achieved"),
         "a count in brackets that open with a year before the article's ('(năm 2024 toàn tỉnh công nhận 41 sản "
         "phẩm)') recalls what that year gave, whatever plan the sentence states (not with a plan word of its own "
         "inside the brackets); a count whose noun is left out ('6 sản phẩm (năm 2024 đạt 5)', candidate elided-bracket) "
         "in a passage with no date takes the year of the plan the passage states as the article's", needs=("năm",)),
    Rule("whole-status", r"trong\s+đó", "the whole's",
         Example("Phấn đấu giai đoạn 2021-2025 có 168 sản phẩm OCOP.\n\nTrong đó có 18 sản phẩm 5 sao.", 18, "target"),
         "a part of a breakdown with no cue of its own has its whole's status, across sentences too"),
    Rule("list-status", r",|;|và", "the previous count's",
         Example("Năm 2022 phấn đấu có 30 sản phẩm, 5 sản phẩm 4 sao.", 5, "target"),
         "a count in a list with no cue of its own has the status of the count before it (not after 'kết quả': "
         "'đề nghị tỉnh công nhận 15 sản phẩm, kết quả 14 sản phẩm đạt' gives the outcome; nor a plan's after "
         "'nhưng', 'song', 'tuy nhiên', 'trong khi': 'chỉ tiêu có thêm 40 sản phẩm, nhưng năm 2023 chỉ có 26 sản "
         "phẩm được công nhận'); nor after a margin over a plan: 'công nhận 21 sản phẩm, vượt kế hoạch 1 sản phẩm, nâng "
         "tổng số … lên 146'); nor a proposal's after ';' and a year that opens a new clause: 'đề nghị Trung ương đánh "
         "giá 3 sản phẩm tiềm năng 5 sao; năm 2023, tỉnh có 1 sản phẩm được công nhận 5 sao'"),
    Rule("plan-section", g.PLAN_HEADING_RE.pattern, "target",
         Example("II. NHIỆM VỤ NĂM 2025\n1. Chỉ tiêu\n- Đề xuất Trung ương đánh giá 3 sản phẩm tiềm năng 5 sao.",
                 3, "target"),
         "under a 'Mục tiêu' / 'Nhiệm vụ' heading of a plan, until a results heading"),
    Rule("plan-objective", r"[\W\d_]*(?:năm\s+(?:19|20)\d\d\s*:\s*)?(?:tiêu\s+chuẩn\s+h(?:oá|óa|oa)|phát\s+triển(?:\s+mới)?|xây\s+dựng|nâng\s+cấp"
                           r"|nâng\s+hạng|hỗ\s+trợ|củng\s+cố|thu\s+hút|công\s+nhận\s+mới|phấn\s+đấu)(?!\w)", "target",
         Example("Tiêu chuẩn hóa 25 sản phẩm từ hạng 3 sao lên hạng 4 sao.", 25, "target"),
         "plans list objectives as subjectless verb phrases, also after a year's label ('Năm 2023: phát triển "
         "mới 65 sản phẩm'); not the rows of a list opened by 'Kết quả …:' (results-list: what was done)"),
    Rule("plan-paragraph", r"\n", "target",
         Example("Kế hoạch năm 2024 đặt ra 40 sản phẩm OCOP. Mỗi huyện 3 sản phẩm.", 3, "target"),
         "in the line of a plan, a count with no cue at all is part of the plan (not one that names again a "
         "result stated before: 'Trong 12 sản phẩm có …' after the plan the 12 beat, nor one its own words say "
         "is done: '12 sản phẩm … đã được đánh giá lại')"),
    Rule("plan-rate", r"(?<!\w)(?:bình\s+quân|trung\s+bình|mỗi\s+năm|hằng\s+năm|hàng\s+năm)(?!\w)[^.;,\d]{0,30}$", "target",
         Example("Nghị quyết đề ra mục tiêu đến năm 2030 toàn tỉnh có 700 sản phẩm OCOP. Bình quân mỗi năm có thêm 40 "
                 "sản phẩm OCOP mới.", 40, "target"),
         "in the line of a plan, a rate per year said with a plain verb only ('Bình quân mỗi năm có thêm 40 sản "
         "phẩm') is the plan's rate (outside a plan's line it is what the years gave)",
         needs=("quân", "bình", "năm")),
    Rule("cue-after", r"\s", "the cue after the count",
         Example("Khoảng 20 sản phẩm dự kiến được công nhận trong năm.", 20, "target"),
         "with nothing before it, a cue after the count"),
    Rule("list-row", r"[ \t]*[-–•+]\s", "the row above's, or the list's opening line's",
         Example("Mục tiêu đến năm 2025, tỉnh có ít nhất 200 sản phẩm OCOP. Phân bổ như sau:\n"
                 "- Huyện A: tối thiểu 30 sản phẩm;\n- Huyện B: từ 15 đến 20 sản phẩm.", 15, "target"),
         "a '- ' row with no cue at all has the status of the row above's first count, the first row that of "
         "the last count of the line opening the list"),
    Rule("default-achieved", r"$", "achieved", Example("Huyện Tân Phú 6 sản phẩm.", 6, "achieved"),
         "a count stated without any cue is what the place has"),
], doc="Tried in this order when the clause has no strong cue, except the first two which win over "
       "the cues.", values="`achieved`, `target`, `proposed`")

DESCRIPTORS = RuleTable("status: the count's own descriptors", "status", [
    Rule("already-certified", r"\s*(?:OCOP\s+)?(?:đã\s+được|đã)\s+(?:công\s+nhận|chứng\s+nhận|cấp\s+giấy)", "achieved",
         Example("Củng cố chất lượng 44 sản phẩm OCOP đã được chứng nhận.", 44, "achieved"),
         "products described as already certified, even as the object of a plan", needs=("đã",)),
    Rule("potential-level", r"tiềm\s+năng(?!\s*(?:,|và)\s*thế\s+mạnh)", "proposed",
         Example("Tỉnh đã công nhận 60 sản phẩm 4 sao, trong đó 4 sản phẩm tiềm năng nâng hạng lên 5 sao.", 4,
                 "proposed"),
         "products with potential for a level (between the noun and the level) are put forward for it",
         needs=("tiềm",)),
    Rule("proposed-for", r"\s*(?:OCOP\s+)?(?:đạt\s+(?:từ\s+|trên\s+)?\d+\s+(?:đến\s+(?:dưới\s+)?\d+\s+)?điểm(?:\s+trở\s+lên)?\s*,?\s*)?(?:(?:cơ\s+bản\s+)?đủ\s+(?:điều\s+kiện|số\s+điểm|điểm)\s+(?:để\s+)?(?:được\s+)?|(?:đã\s+)?(?:được|là)\s+)?"
                         r"(?:(?<=được\s)(?:[^\s,.;]+\s+){1,6}?(?:(?:chấm\s+điểm|đánh\s+giá|thẩm\s+định)\s*(?:,|và)\s*)?"
                         r"(?=đề\s+nghị|đề\s+xuất))?"
                         r"(?:đề\s+nghị|đề\s+xuất|công\s+nhận(?=[\s,;.]))(?!\s+(?:đánh\s+giá|công\s+nhận|cấp|xếp\s+hạng|phân\s+hạng)\s+lại)",
         "proposed", Example("Có 5 sản phẩm đề nghị Bộ xem xét, phân hạng OCOP 5 sao.", 5, "proposed"),
         "the products are put forward (not for re-evaluation), also after the score they reached ('đạt từ 50 "
         "điểm trở lên được đề nghị') and by an agent named after 'được' ('được Hội đồng huyện chấm điểm và đề nghị "
         "tỉnh công nhận', 'đã được tỉnh đề nghị')", needs=("đề", "công")),
    Rule("proposed-by", r"\s*(?:OCOP\s+)?do\s+[^.;\n]{0,50}?(?:đề\s+nghị|đề\s+xuất|trình)(?!\w)", "proposed",
         Example("Hội đồng Trung ương xem xét hồ sơ của 19 sản phẩm do 11 tỉnh, thành phố đề nghị.", 19, "proposed"),
         "put forward by someone else, a passive agent", needs=("do",)),
    Rule("awaiting-level", r"\s*(?:OCOP\s+)?(?:đang\s+)?chờ\s+(?:[^\s.,;]+\s+){0,3}?(?:phân\s+hạng|xếp\s+hạng|công\s+nhận|đánh\s+giá|xét)",
         "proposed",
         Example("Tỉnh có 133 sản phẩm OCOP, trong đó 1 sản phẩm chờ phân hạng 5 sao cấp quốc gia.", 1, "proposed"),
         "waiting to be ranked, by whoever is named ('chờ Trung ương công nhận')", needs=("chờ",)),
    Rule("submitted-level", r"\s*(?:OCOP\s+)?(?:đã\s+|đang\s+)?trình\s+(?:(?:trung\s+ương|bộ)\s+)?"
                            r"(?:công\s+nhận\s+|xét\s+)?(?:hạng\s+)?0?5\s*sao", "proposed",
         Example("Thành phố có 33 sản phẩm OCOP, trong đó 1 sản phẩm trình 5 sao.", 1, "proposed"),
         "submitted for five stars", needs=("trình",)),
    Rule("put-forward", r"\s*(?:OCOP\s+)?(?:đã\s+|đang\s+)?(?:(?:gửi|trình|nộp)\s+hồ\s+sơ\s+(?:lên\s+)?(?:trung\s+ương|bộ|hội\s+đồng)"
                        r"|được\s+(?:[^\s,.;]+\s+){0,3}?xem\s+xét\s+(?:công\s+nhận|nâng\s+hạng)"
                        r"|được\s+trình\s+(?:lên\s+)?(?:hội\s+đồng\s+)?(?:trung\s+ương|bộ|hội\s+đồng|quốc\s+gia)"
                        r"|(?:được\s+(?:[^\s,.;]+\s+){0,3}?)?(?:hoàn\s+thiện|hoàn\s+chỉnh|lập)\s+hồ\s+sơ\s+(?:để\s+)?(?:gửi|trình)"
                        r"\s+(?:lên\s+)?(?:trung\s+ương|bộ|hội\s+đồng))(?=[^.;]{0,40}?sao)", "proposed",
         Example("Ngoài ra có 3 sản phẩm đã gửi hồ sơ lên Trung ương để xét công nhận 5 sao.", 3, "proposed"),
         "a dossier sent up for a level, or products being considered for a level ('đang được tỉnh xem xét nâng "
         "hạng lên 4 sao', 'đã được tỉnh hoàn thiện hồ sơ gửi Trung ương xét công nhận 5 sao', 'đang được trình Hội đồng "
         "Trung ương đánh giá, phân hạng 5 sao')", needs=("hồ", "xem", "trình")),
], doc="Read right after the noun. A descriptor never turns a target into a proposal (a planned proposal "
       "is a target), and in a part of an achieved whole a proposal counts only for 5 stars or a "
       "higher council ('5 sản phẩm 3 sao đề nghị đánh giá nâng hạng 4 sao' of a recognised round stay achieved).",
   values="`achieved`, `proposed`")

_DESCRIPTOR_STOP = re.compile(r"[;.]|,(?!\s*(?:tức\s+là|có\s+tiềm\s+năng))|\s(?:và|hoặc)\s")
# statuses a count has from its surroundings, not from a cue of its own clause
_PLAN_CONTEXT = ("plan-objective", "plan-section", "plan-paragraph", "list-status", "whole-status")
# (", và là sản phẩm đầu tiên … được đề xuất": a second predicate of the subject, not the count's words)
_RIGHT_STOP = re.compile(r"[;(]|,\s*(?:đạt|vượt|bằng)\s+[\d.,]+\s*%|\svà\s+(?:cũng\s+)?là\s", re.IGNORECASE)
_CONJUNCT = re.compile(r"[,;]")
_PART_OF = Folded(r"(?<!\w)trong\s+đó(?!\w)")
_OUTCOME = Folded(r"(?<!\w)kết\s+quả(?!\w)")
# "đặt chỉ tiêu mỗi năm có thêm 40 sản phẩm, nhưng năm 2023 chỉ có 26": what set the plan against
_CONTRAST = Folded(r"(?<!\w)(?:nhưng|song|tuy\s+nhiên|trong\s+khi)(?!\w)")
_HIGHER = Folded(r"0?5\s*sao|trung\s+ương|quốc\s+gia|(?<!\w)bộ(?!\w)")
_MODAL_YEAR = re.compile(r"((?:19|20)\d\d)")
# "đề nghị Trung ương đánh giá 3 sản phẩm tiềm năng 5 sao; năm 2023, tỉnh có 1 sản phẩm được công nhận 5 sao": a clause
# after ";" that opens with a year of its own is a new statement, not the proposal's list
_YEAR_CLAUSE = Folded(r";\s*(?:(?:riêng|còn|trong)\s+)?năm\s+(?:19|20)\d\d(?!\d)")
_STATUS_OF_KIND = {"achieved": "achieved", "perfect": "achieved", "temporal": "achieved", "weak": "achieved",
                   "proposed": "proposed", "modal": "target", "target": "target"}


def _future(phrase: str, article_date: str | None) -> bool:
    """"đến cuối năm 2025" is still to come in an article of mid-2025 or before."""
    year = _MODAL_YEAR.search(phrase)
    if not year or not article_date or not article_date[:4].isdigit():
        return False
    y, ay = int(year.group(1)), int(article_date[:4])
    am = int(article_date[5:7]) if article_date[5:7].isdigit() else 12
    month = re.search(r"tháng\s+(\d{1,2})", phrase, re.IGNORECASE)
    if month:  # "đến cuối tháng 5/2023" in a June 2023 article is past
        return (y, int(month.group(1))) > (ay, am)
    return y > ay or (y == ay and am <= 10)


def _from_cues(cues: list[Hit], article_year: int | None, article_date: str | None = None) -> tuple[str, str] | None:
    """(status, rule) told by the nearest strong cue, scanning right to left, or None."""
    modal: Hit | None = None
    proposed: Hit | None = None
    for c in reversed(cues):
        kind = c.value
        if c.name == "as-of-end" and _future(c.text, article_date):
            kind = "modal"  # "Đến cuối năm 2025, toàn tỉnh có trên 250 sản phẩm" written in June 2025
        if kind in ("neutral", "weak"):
            continue
        if kind == "modal":
            year = _MODAL_YEAR.search(c.text) if c.name == "by-future-year" else None
            if year and article_year and int(year.group(1)) <= article_year:
                continue  # "đến năm 2020" in a 2021 article is a past date
            if proposed:
                return "target", c.name  # "(ít nhất) … đề xuất ít nhất 1 sản phẩm": a planned proposal
            modal = modal or c
            continue
        if proposed:
            # a proposal that is itself planned ("dự kiến trình", "phấn đấu …, đề xuất") is a target
            return ("target", c.name) if kind == "target" else ("proposed", proposed.name)
        if kind == "perfect":
            return "achieved", c.name
        if modal and kind == "temporal":
            return "target", modal.name
        if kind == "proposed":
            if modal:
                return "target", modal.name  # "đề nghị …; đến năm 2030, toàn huyện có 50": the nearer plan decides
            proposed = c
            continue
        return _STATUS_OF_KIND[kind], c.name  # type: ignore[index]
    if proposed:
        return "proposed", proposed.name
    return ("target", modal.name) if modal else None


# the name of an indicator before its value, in a plan's list of targets
_INDICATOR_LABEL = re.compile(r"(?<!\w)số\s+(?:lượng\s+)?sản\s+phẩm[^.;:\d]{0,60}:\s*$", re.I)


def read_status(p: Passage, c: Count, prev: Count | None, nxt: Count | None, *, plan_line: bool) -> None:
    text = p.text
    # "60 sản phẩm được đánh giá, trong đó ít nhất 15 sản phẩm đạt 4 sao": the words before "trong
    # đó" describe the whole; the part has the whole's status unless it says its own
    zone_start = clause_start(p, c, prev)
    part = None
    for part in _PART_OF.finditer(text, zone_start, c.start):  # noqa: B007
        pass
    if part is not None and prev is not None:
        zone_start = part.end()
    elif prev is not None and prev.sent == c.sent:
        # "…200 sản phẩm đạt 3 sao trở lên được công nhận, ít nhất có 2 sản phẩm đạt 5 sao": the words
        # after a count up to the comma describe that count; the next conjunct's clause starts after it
        comma = _CONJUNCT.search(text, own_end(prev), c.start)
        if comma is not None:
            zone_start = max(zone_start, comma.end())
    if p.plan_section[c.sent]:
        label = _INDICATOR_LABEL.search(text, zone_start, c.start)
        if label is not None:  # "3. Số sản phẩm OCOP được công nhận mới: 9 sản phẩm" under "Các chỉ tiêu …"
            zone_start = label.end()  # the label names the indicator; its verb is no cue
    left = CUES.scan(text, zone_start, c.start)
    status, rule = _clause_status(p, c, prev, nxt, left, plan_line)
    # a cue after the count describes that count only; the next count in a list does not inherit it
    c.clause_status = None if rule == "cue-after" else status
    c.status = status
    c.decide("status", rule)
    _descriptors(p, c)


_MARGINS = ("margin-after-plan-noun", "margin-over-plan")  # result rules: by how much a count beat its plan


def _clause_status(p: Passage, c: Count, prev: Count | None, nxt: Count | None, left: list[Hit],
                   plan_line: bool) -> tuple[str, str]:
    text = p.text
    sent = p.sentences[c.sent]
    if c.depth > 0:  # "đạt 190% kế hoạch năm (30 sản phẩm)": the bracket states the plan
        bracket = text.rfind("(", max(sent.start, c.start - 20), c.start)
        if bracket != -1 and CONTEXT.search("compared-in-brackets", text, max(sent.start, bracket - 40), c.start):
            c.explicit = True  # "cao hơn cùng kỳ năm 2023 (49 sản phẩm)": a past result beside the plan
            return "achieved", "compared-in-brackets"
        if bracket != -1 and not text[bracket + 1:c.start].strip() and CONTEXT.search(
                "plan-in-brackets", text, max(sent.start, bracket - 80), bracket + 1):
            c.explicit = True
            return "target", "plan-in-brackets"
    if c.depth > 0 and (p.article_year or c.repeats is not None) and (past := _past_year_bracket(p, c)) is not None:
        c.explicit = True
        return past, "past-year-bracket"
    if CONTEXT.search("plan-noun-before", text, max(sent.start, c.start - 40), c.start):
        c.explicit = True
        return "target", "plan-noun-before"
    decided = _from_cues(left, p.article_year, p.article_date)
    if decided is not None:
        status, rule = decided
        if (status == "proposed" and prev is not None and prev.explicit and prev.clause_status == "target"
                and not any(h.name == "perfective" and h.text.lower() in ("đã", "vừa") for h in left)):
            status, rule = "target", "list-status"  # "phấn đấu có thêm 30 sản phẩm; đề xuất … 2 sản phẩm 5 sao"
        if status == "proposed" and p.plan_section[c.sent]:
            status, rule = "target", "plan-section"  # "II. NHIỆM VỤ … Đề xuất Trung ương đánh giá 2 sản phẩm"
        c.explicit = True
        return status, rule
    if c.whole is not None and c.whole.clause_status is not None:
        c.explicit = c.whole.explicit
        return c.whole.status, "whole-status"
    if prev is not None and prev.clause_status is not None and not (
            prev.clause_status == "proposed" and _OUTCOME.search(text, own_end(prev), c.start)) and not (
            prev.clause_status == "target" and _CONTRAST.search(text, own_end(prev), c.start)) and not (
            prev.clause_status == "proposed" and _YEAR_CLAUSE.search(text, own_end(prev), c.start)) and (
            prev.trace.get("result") not in _MARGINS):  # "vượt kế hoạch 1 sản phẩm, nâng tổng số … lên 146": no plan
        c.explicit = prev.explicit
        return prev.clause_status, "list-status"
    if p.plan_section[c.sent]:
        c.explicit = True
        return "target", "plan-section"
    weak = [h for h in left if h.value == "weak"]
    objective = CONTEXT.match("plan-objective", text, sent.start, c.start)
    if objective and not [h for h in weak if h.start >= objective.end()] and not _in_results_list(p, sent.start):
        c.explicit = True
        return "target", "plan-objective"
    # the count's own words after it, nearest first: "20 sản phẩm dự kiến được công nhận"
    end = window_end(p, c, nxt)
    stop = _RIGHT_STOP.search(text, c.noun_end, end)
    after = CUES.scan(text, c.noun_end, stop.start() if stop else end)
    if plan_line and not weak and not c.truncated and (c.alias is None or c.alias.status == "target") and not any(
            h.name == "perfective" and h.text.lower() in ("đã", "vừa") for h in after):
        # (not "12 sản phẩm … đã được đánh giá lại": done, whatever plan the line stated)
        return "target", "plan-paragraph"
    if plan_line and weak and not c.truncated and all(h.name == "plain-verb" for h in weak) and CONTEXT.search(
            "plan-rate", text, max(sent.start, c.start - 50), c.start):
        return "target", "plan-rate"  # "… mục tiêu đến năm 2030 … Bình quân mỗi năm có thêm 40 sản phẩm"
    right = _from_cues(after[::-1], p.article_year, p.article_date)
    if right is not None:
        return right[0], "cue-after"
    row = row_before(p, c)
    if row is not None and row[0] is not None and row[0].status is not None:
        c.explicit = row[0].explicit
        return row[0].status, "list-row"
    return "achieved", "default-achieved"


def _past_year_bracket(p: Passage, c: Count) -> str | None:
    """Rule past-year-bracket: "(năm 2024 toàn tỉnh công nhận 41 sản phẩm)" in a plan's sentence of 2025."""
    text = p.text
    sent = p.sentences[c.sent]
    m = CONTEXT.search("past-year-bracket", text, max(sent.start, c.start - 70), c.start)
    # a count whose noun is left out, in brackets after its host's (candidate elided-bracket), in a passage with no
    # date of its own: the year of the plan the passage states is the reference ("Kế hoạch … năm 2025")
    ref = p.article_year or (plan_year(p) if m is not None else None)
    if m is None or ref is None or int(m.group(1)) >= ref:
        return None
    if any(h.value in ("modal", "target", "proposed") for h in CUES.scan(text, m.start(), c.start)):
        return None  # "(năm 2024 phấn đấu 30 sản phẩm)": a plan of its own
    return "achieved"


def _descriptors(p: Passage, c: Count) -> None:
    text = p.text
    after_end = min(p.sentences[c.sent].end, c.noun_end + 60)
    certified = DESCRIPTORS.match("already-certified", text, c.noun_end, after_end)
    if certified and c.status == "target" and c.trace.get("status") in _PLAN_CONTEXT and c.stars is None:
        c.status = "achieved"
        c.decide("status", "already-certified")
        return
    if c.status == "target":
        return
    whole_achieved = c.whole is not None and c.whole.status == "achieved"
    rule = _proposal(p, c, whole_achieved)
    if rule:
        c.status = "proposed"
        c.decide("status", rule)


def _proposal(p: Passage, c: Count, in_achieved_whole: bool) -> str | None:
    text = p.text
    sent_end = p.sentences[c.sent].end
    if c.trace.get("potential"):
        return "potential-level"
    if c.stars is not None:
        end = c.star_end if c.star_end is not None else c.noun_end + 12
        stop = _DESCRIPTOR_STOP.search(text, c.noun_end, end)
        if DESCRIPTORS.search("potential-level", text, c.noun_end, stop.start() if stop else end):
            return "potential-level"
    head = text[c.noun_end:c.noun_end + 20]
    proposed = DESCRIPTORS.match("proposed-for", text, c.noun_end, min(sent_end, c.noun_end + 60))
    if proposed and "công nhận" in proposed.group(0).lower() and "đủ" not in proposed.group(0).lower():
        proposed = None  # "N sản phẩm công nhận …" is a result; "đủ điều kiện công nhận" awaits the decision
    if proposed and (c.stars or "đề" in head or "đủ" in head or "đề" in proposed.group(0).lower()):
        window = text[proposed.start():(c.star_end or proposed.end()) + 40]
        if not in_achieved_whole or _HIGHER.search(window):
            return "proposed-for"
    if DESCRIPTORS.match("proposed-by", text, c.noun_end, sent_end):
        return "proposed-by"
    if DESCRIPTORS.match("awaiting-level", text, c.noun_end, min(sent_end, c.noun_end + 40)):
        return "awaiting-level"
    if DESCRIPTORS.match("submitted-level", text, c.noun_end, min(sent_end, c.noun_end + 40)):
        return "submitted-level"
    if DESCRIPTORS.match("put-forward", text, c.noun_end, min(sent_end, c.noun_end + 90)):
        return "put-forward"
    return None


TABLES = [CUES, CONTEXT, DESCRIPTORS]


# rule results-list: the rows of a list opened by "Kết quả …:" ("Kết quả thực hiện Chương trình OCOP năm 2023:\n- Công
# nhận mới 52 sản phẩm") report what was done: a subjectless verb there is no plan objective
_RESULTS_OPENING = re.compile(r"[\W\d_]{0,6}kết\s+quả\b[^\n]{0,100}:\s*$", re.IGNORECASE)


def _in_results_list(p: Passage, start: int) -> bool:
    opening = list_opening(p.text, start)
    return opening is not None and bool(_RESULTS_OPENING.match(p.text, *opening))

