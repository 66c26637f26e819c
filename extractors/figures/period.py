"""The period reader: the year a count refers to (``year``) and the date it is comparable at
(``as_of``).

A count's own clause speaks first ("đến hết năm 2021", "năm 2020 có 51", a target "đến năm 2025",
"210 sản phẩm năm 2023"). A running total said only "đến nay" / "hiện nay" / "toàn tỉnh có" has no
year. A part has its whole's year. A count of a round, decision or event takes that round's year
when the passage names it anywhere (the headline "… đợt 2 năm 2022", a lead "Quyết định số … ngày
23/12/2019 phê duyệt kết quả …", "Từ đầu năm 2025 đến nay"), and an event dated by day and month
("Chiều 29-8, UBND huyện …") is in the article's year, or the year before when that day is after
the article's date.

``as_of`` follows the comparable key of the audit: the day or month the text gives ("tính đến
31/1/2025" → ``2025-01-31``, "đến tháng 7/2025" → ``2025-07``), else the year, else the article's
date.
"""

from __future__ import annotations

import re

from extractors.figures import grammar as g
from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded, may_contain
from extractors.figures.passage import Passage
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.figures.sentences import Sentence
from extractors.figures.zones import LOOK_AHEAD, LOOK_BACK, clause_start, list_opening, own_end, row_before

_I = re.IGNORECASE
_Y = r"(?:19|20)\d\d"

TABLE = RuleTable("period", "year", [
    Rule("per-year", r"(?<!\w)(?:mỗi\s+năm|hằng\s+năm|hàng\s+năm|bình\s+quân)(?!\w)", "no year",
         Example("Giai đoạn 2023-2025, mỗi năm tỉnh phấn đấu có thêm 20 sản phẩm OCOP.", 20, None),
         "a rate of every year ('mỗi năm', 'hằng năm', 'bình quân') is of no one year, unless a year is named "
         "after it", needs=("năm", "quân")),
    Rule("target-year", rf"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?{_Y}(?!\d)|{_Y}\s*[-–]\s*{_Y}", "the year planned for",
         Example("Tỉnh phấn đấu đến năm 2025 có 300 sản phẩm OCOP.", 300, 2025),
         "a target's year: 'đến năm 2025', 'đến hết năm 2024' (before a later period's end), the end of 'giai đoạn "
         "2021-2025' (before the signing date of the decision that set it: 'Trong giai đoạn 2021–2025, Quyết định số "
         "919/QĐ-TTg ngày 01/8/2022 đặt mục tiêu có ít nhất 10.000 sản phẩm'; not one after a comma that opens the next "
         "count's conjunct: 'Năm nay phấn đấu có thêm 2 sản phẩm, đến năm 2025 có 6 sản phẩm')", needs=("đến", "tới", "-", "–")),
    Rule("year-after-noun", rf"\s*(?:OCOP\s+)?(?:cấp\s+(?:tỉnh|huyện|thành\s+phố|quốc\s+gia)\s+)?(?:đợt\s+\d+\s*,?\s*)?"
                            r"(?:(?:được\s+(?:[^\W\d_]+\s+){0,4}?)?(?:công\s+nhận|chứng\s+nhận|đạt(?:\s+OCOP)?)\s+)?(?:trong\s+)?"
                            rf"(?:năm\s+|(?<=nhận\s)(?:vào\s+)?(?:(?:đầu|cuối|giữa)\s+)?tháng\s+\d{{1,2}}\s*[/-]\s*)({_Y})(?!\d)",
         "the year named",
         Example("Số sản phẩm OCOP tăng từ 56 sản phẩm năm 2019 lên 210 sản phẩm năm 2023.", 210, 2023),
         "a year right after the noun or the count's level ('03 sản phẩm tiềm năng 5 sao năm 2021'), also after "
         "the verb that ranked them ('19 sản phẩm 4 sao được UBND tỉnh công nhận năm 2023', '16 sản phẩm đạt OCOP "
         "năm 2020', '2 sản phẩm được Bộ công nhận đầu tháng 4/2025'): it beats a date before the count",
         needs=("năm", "tháng")),
    Rule("round-in-description", rf"[^.;()]{{0,80}}?(?<!\w)đợt\s+\d+\s*,?\s*năm\s+({_Y})(?!\d)", "the round's year",
         Example("Sản phẩm được công nhận 4 sao năm 2019 và là 1 trong 11 sản phẩm được Bộ Nông nghiệp và Môi trường "
                 "công nhận OCOP 5 sao quốc gia đợt 2 năm 2023.", 11, 2023),
         "the round named in the count's own words ('… được Bộ … công nhận 5 sao quốc gia đợt 2 năm 2023') beats a year "
         "before the count", needs=("đợt",)),
    Rule("this-round", r"(?<!\w)(?:cùng|trong)\s+đợt\s+(?:này|đó)(?!\w)", "the year of the round named before",
         Example("Bộ công nhận 11 sản phẩm OCOP 5 sao quốc gia đợt 2 năm 2023. Cùng đợt này, Quảng Ninh có 2 sản "
                 "phẩm được công nhận 5 sao.", 2, 2023),
         "'Cùng đợt này' refers to the round named in the last three sentences", needs=("đợt",)),
    Rule("respectively-years", r"(?<!\w)lần\s+lượt(?!\w)", "the year listed in the same place",
         Example("Năm 2022 và 2023, huyện lần lượt có 9 và 14 sản phẩm được công nhận.", 9, 2022),
         "counts after 'lần lượt' take, in order, the years listed before it ('năm 2023 và 2024 lần lượt có 12 và "
         "15'), also months of years ('(tháng 12/2023 và tháng 6/2024), công nhận lần lượt 3 và 5'), or in the "
         "sentence before when theirs says 'hai năm đó', 'các năm trên'; they beat a rate 'mỗi năm' before them",
         needs=("lượt",)),
    Rule("counted-year", r"[\W\d_]{0,6}năm\s+(?:đầu(?:\s+tiên)?(?!\s+(?:nhiệm|giai|của|năm|thực|triển))|thứ\s+(hai|ba|tư|năm|sáu|bảy|tám|chín|mười|\d{1,2}))"
                         r"(?!\s+liên\s+tiếp)(?!\w)", "the programme's first year, counted on",
         Example("Huyện bắt đầu triển khai Chương trình OCOP từ năm 2021. Năm thứ ba, huyện có 12 sản phẩm được công "
                 "nhận.", 12, 2023),
         "a sentence opening with 'Năm đầu tiên', 'Năm thứ hai', 'Năm thứ ba' … (not 'năm thứ hai liên tiếp') counts "
         "from the year the passage says the programme started ('bắt đầu triển khai … từ năm 2021', 'Năm 2020, năm "
         "đầu tiên …', 'Cùng xuất phát năm 2019'); also a clause after a colon ('A thận trọng hơn: năm đầu chỉ công "
         "nhận 17 sản phẩm'; not 'năm đầu nhiệm kỳ')", needs=("đầu", "thứ")),
    Rule("year-after-that", r"(?<!\w)(?<!những\s)(?<!các\s)(?<!nhiều\s)(?<!mấy\s)(?:(một|hai|ba|bốn|\d{1,2})\s+)?"
                            r"năm\s+(?:sau(?:\s+đó)?|kế\s+tiếp|tiếp\s+theo)(?!\w)", "the year before, counted on",
         Example("Năm 2020, huyện có 4 sản phẩm được công nhận. Năm sau đó, huyện công nhận thêm 9 sản phẩm.", 9, 2021),
         "'Năm sau đó', 'Năm kế tiếp', 'một năm sau đó', 'Ba năm sau' before a count that is no target: so many years "
         "after the last year written or dated before it (the year of the last dated count, or of the last year "
         "named in the three sentences before, whichever comes later); a target's 'năm sau' is next-year's",
         needs=("sau", "tiếp")),
    Rule("period-end", rf"(?:giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?|\(\s*){_Y}\s*[-–]\s*(?:năm\s+)?({_Y})", "the period's last year",
         Example("Giai đoạn 2018-2023, cả nước có hơn 10.300 sản phẩm OCOP.", 10300, 2023),
         "a sum over a period ('giai đoạn 2019 - 2021', 'qua 5 năm (2018-2023)') is dated by its end",
         needs=("-", "–")),
    Rule("since-start-of-year", rf"(?:từ\s+đầu|(?<!\w)(?:\d{{1,2}}|ba|sáu|chín|mười)\s+tháng\s+đầu)\s+năm(?:\s+({_Y})|(?!\s+(?:nay|qua|trước|ngoái|tới|\d)))"
                                r"|từ\s+(?:sau\s+)?(?:khi\s+)?(?:hợp\s+nhất|sáp\s+nhập)(?=[^.;,\d]{0,20}?\s(?:đến|tới)\s+nay)"
                                r"|(?<!\w)(?:tính\s+chung|l[ũu]y\s+kế|luỹ\s+kế|riêng)\s+(?:1[0-2]|0?[1-9])\s+tháng(?=\s*,)",
         "that year",
         Example("Từ đầu năm 2025 đến nay, toàn tỉnh có thêm 62 sản phẩm được công nhận.", 62, 2025),
         "'Từ đầu năm 2025 đến nay': what was added this year; 'Riêng từ đầu năm đến nay', 'Lũy kế 6 tháng đầu "
         "năm', 'Từ sau hợp nhất đến nay' with no year are the article's year (the 'đến nay', 'lũy kế' with them "
         "make no running total), and so are 'Chín tháng đầu năm' and a bulletin's 'Tính chung 11 tháng, …' (the "
         "months of the year so far)",
         needs=("đầu", "nhất", "nhập", "tháng")),
    Rule("since-lunar-new-year", r"(?<!\w)từ\s+(?:sau\s+)?(?:dịp\s+)?tết(?:\s+nguyên\s+đán)?((?:\s+[^\W\d_]+){2})?"
                                 r"(?=[^.;\d]{0,40}?\s(?:đến|tới)\s+nay)", "the year of that Tết",
         Example("Từ sau Tết Nguyên đán Giáp Thìn đến nay, toàn tỉnh đã có thêm 12 sản phẩm được công nhận.", 12, 2024),
         "'Từ sau Tết (Nguyên đán Giáp Thìn) đến nay': what was added since the lunar new year, in the year that Tết "
         "falls in (its stem and branch name the year: Giáp Thìn 2024, Ất Tỵ 2025; with none, the article's year); the "
         "'đến nay' makes no running total", needs=("tết",)),
    Rule("against-plan-year", rf"[^.;]{{0,40}}?(?:đạt|vượt|hoàn\s+thành|so\s+với)[^.;]{{0,25}}?(?:kế\s+hoạch|chỉ\s+tiêu"
                              rf"|mục\s+tiêu)[^.;]{{0,40}}?(?<!đến\s)(?<!hết\s)(?<!kỳ\s)năm\s+({_Y})(?!\d)", "the plan's year",
         Example("Tỉnh đã có 213 sản phẩm OCOP, vượt chỉ tiêu 200 sản phẩm đề ra cho năm 2023.", 213, 2023),
         "a count measured against a year's plan is of that year (not against a horizon's: 'đạt 87% mục tiêu 225 sản "
         "phẩm đến năm 2025'; nor the year of a comparison after the plan: 'đạt 60% kế hoạch năm (20 sản phẩm) và cao "
         "hơn cùng kỳ năm 2022'); 'Năm nay, tỉnh đặt kế hoạch 80 sản phẩm, đến nay đã đạt 64 sản phẩm': how far this "
         "year's plan has come, the article's year; and the plan itself, right after the count it measures ('… lên 52, "
         "vượt kế hoạch 45 sản phẩm'), has that count's year", needs=("hoạch", "tiêu")),
    Rule("year-before-bracket", rf"(?:năm\s+|(?<!\w)(?:\d{{1,2}}\s*/\s*)?\d{{1,2}}\s*/\s*)({_Y})\s*\(\s*$", "that year",
         Example("Năm nay tỉnh công nhận 58 sản phẩm, gấp hai lần năm 2022 (31 sản phẩm).", 31, 2022),
         "'năm 2022 (31 sản phẩm)', 'so với thời điểm 31/12/2019 (42 sản phẩm)': the count in brackets is of the "
         "year or date before them", needs=("(",)),
    Rule("term-start", r"(?<!\w)(?:đầu|khởi\s+đầu)\s+nhiệm\s+kỳ(?!\s+(?:19|20)\d\d)", "the term's first year",
         Example("Trong nhiệm kỳ 2020-2025, huyện có thêm 20 sản phẩm OCOP. Đầu nhiệm kỳ, huyện mới có 5 sản phẩm OCOP.",
                 5, 2020),
         "'Đầu nhiệm kỳ, … mới có 5': the start of the term named in its sentence or the two before "
         "('nhiệm kỳ 2020-2025') — its first year", needs=("nhiệm",)),
    Rule("term-start-after", r"\s*(?:ocop\s+)?(?:(?:vào|ở|lúc|hồi|của)\s+)?(?:đầu|khởi\s+đầu)\s+nhiệm\s+kỳ(?!\s+(?:19|20)\d\d)",
         "the term's first year",
         Example("Nhiệm kỳ 2020-2025, huyện phát triển mạnh Chương trình OCOP. Đến hết năm 2024, huyện có 31 sản phẩm "
                 "OCOP, tăng từ 12 sản phẩm đầu nhiệm kỳ.", 12, 2020),
         "'tăng từ 86 sản phẩm đầu nhiệm kỳ': the count's own words date it to the start of the last term named "
         "before it in the passage ('nhiệm kỳ 2020 - 2025'), whatever year its sentence names", needs=("nhiệm",)),
    Rule("year-before-compared", r"(?:\(\s*năm\s+(?:trước|ngoái)\s+(?:là|có|đạt)\s+|năm\s+(?:trước|ngoái)\s*\(\s*"
                                 r"|(?<!\w)cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái))?\s*\(\s*"
                                 r"|\(\s*cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái))?\s*(?::|là|có|đạt)?\s*)$",
         "the year before the count compared",
         Example("Năm 2022, tỉnh công nhận 41 sản phẩm (năm trước là 32 sản phẩm).", 32, 2021),
         "'(năm trước là 32 sản phẩm)', 'gấp rưỡi năm trước (14 sản phẩm)', a bulletin's 'bằng một nửa cùng kỳ (24 "
         "sản phẩm)', '(cùng kỳ: 29 sản phẩm)': the count in brackets is of the year before the count of its sentence "
         "it is compared with", needs=("(",)),
    Rule("year-before-after", r"\s*(?:ocop\s+)?(?:của\s+)?(?:(?:một|1)\s+năm\s+trước(?:\s+đó)?"
                              r"|năm\s+(?:trước|ngoái)(?:\s+đó)?|cùng\s+kỳ\s+năm\s+(?:trước|ngoái))(?!\w)",
         "the year before the count compared",
         Example("Tính đến ngày 31/12/2024, tỉnh có 296 sản phẩm OCOP, giảm so với 318 sản phẩm của một năm trước.", 318, 2023),
         "'318 sản phẩm của một năm trước', '15 sản phẩm cùng kỳ năm trước': the count's own words date it a year before "
         "the count of its sentence it is compared with", needs=("trước", "ngoái")),
    Rule("year-of-when", rf"năm\s+({_Y})\s*,?\s*(?:khi|lúc)\s+[^.;,]{{0,40}}$", "that year",
         Example("Năm nay tỉnh có 30 sản phẩm được công nhận, nhiều hơn năm 2023, khi tỉnh có 22 sản phẩm được công nhận.",
                 22, 2023),
         "'năm 2023, khi huyện có 5 sản phẩm': the clause 'khi …' after a year (even a comparison's) is of that year",
         needs=("khi", "lúc")),
    Rule("years-of-period", r"(?<!\w)(?:sau|qua)\s+(\d{1,2})\s+năm(?!\w)", "the period's last year",
         Example("Tổng kết 5 năm thực hiện Chương trình OCOP giai đoạn 2019–2023. Sau 5 năm, toàn tỉnh có 212 sản phẩm "
                 "OCOP.", 212, 2023),
         "'Sau 5 năm' when the passage's lead names a period of that many years ('tổng kết 5 năm … giai đoạn "
         "2019–2023', an anniversary's 'kỷ niệm 6 năm triển khai Chương trình … (2019–2024)'): the sum up to the "
         "period's end, not a running total up to now", needs=("sau", "qua")),
    Rule("past-year-end", r"(?<!\w)(?:(?:đến|tới)\s+)?(?:hết|cuối)\s+năm(?!\s*(?:19|20)\d\d)"
                          r"(?!\s+(?:nay|qua|trước|đó|ấy|ngoái|tới|sau|\d))(?!\w)", "the year before the article's",
         Example("Ngày 10/3, Sở cho biết: tháng cuối năm, Hội đồng đã công nhận 19 sản phẩm.", 19, 2023),
         "an achieved count at 'cuối năm', 'tháng cuối năm', 'lũy kế đến hết năm' with no year, in a piece dated "
         "January to June: the year-end already past, the year before the article's (here 2023)",
         needs=("hết", "cuối")),
    Rule("undated-total", r"(?<!\w)(?:đến\s+nay|tới\s+nay|hiện\s+nay|hiện\s+có|hiện\s+tại|đang\s+có|l[ũu]y\s+kế|luỹ\s+kế"
                          r"|tính\s+chung|thời\s+điểm\s+(?:này|hiện\s+tại)|(?<!quý\s[ivx]\s)(?<!quý\s[ivx]{2}\s)(?<!quý\s[ivx]{3}\s)(?<!tháng\s\d\s)(?<!tháng\s\d\d\s)(?<!năm\s)trước\s+đó|từ\s+(?:khi|lúc)\s+triển\s+khai"
                          r"|hiện\s+là|(?<![^\W\d_]\s)(?<!\w)nay\s+(?:là|(?:đã\s+)?có)"
                          r"|(?<!\w)hôm\s+nay(?=\s*,\s*(?:[^\W\d_]+\s+){1,4}?(?:(?:đã|đang|hiện)\s+)?có\s(?!thêm))"
                          r"|(?:sau|qua)\s+(?:hơn\s+)?\d+\s+năm|hiện(?=\s*,)|(?:hiện|đang)\s+sở\s+hữu"
                          r"|hiện\s+(?:đang\s+)?(?:dẫn\s+đầu|đứng\s+(?:đầu|thứ))|hiện(?=\s+(?:toàn|cả|tỉnh|huyện|thành\s+phố|thị\s+xã|quận|xã|phường)\s)|(?<![^\W\d_]\s)(?<!\w)hiện(?=\s+(?:[^\W\d_]+\s+){1,4}?(?:(?:đã|đang)\s+)?có\s))(?!\w)", "no year",
         Example("Đến nay, tỉnh có 98 sản phẩm OCOP.", 98, None),
         "a running total up to now ('Hiện toàn huyện có', 'Hiện tỉnh có', 'Hiện Mộc Châu có', 'hiện sở hữu', "
         "'hiện dẫn đầu … với 41', ', nay đã có 31', an editorial's 'Hôm nay, huyện đã có 31' after a year's stock — not 'Hôm "
         "nay, UBND tỉnh công nhận 12': a round of that day), with no "
         "year of its own "
         "in its clause (not 'lũy kế' naming a raised total: 'trong năm 2024 có 26 sản phẩm, nâng tổng số sản phẩm "
         "lũy kế lên 118' is of 2024; not 'Trước đó' before a step of the round with no 'có': 'Trước đó, Hội đồng "
         "đã họp xem xét hồ sơ của 52 sản phẩm'; not a quarter or month before 'trước đó': 'Quý II trước đó, huyện có 3 "
         "sản phẩm' is that quarter's); a sentence opening on the whole place's valid stock, 'Toàn tỉnh có 489 sản "
         "phẩm OCOP còn hiệu lực', after a round's in its line, is the stock now; the year of the programme's start ('Từ khi triển khai Chương "
         "trình OCOP năm 2019, … đã có 27') is not the count's"),
    Rule("as-of-date", rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+)?(?:\d{{1,2}}\s*[/.-]\s*)?"
                       rf"(?:tháng\s+)?(?:\d{{1,2}}\s*[/.-]\s*|năm\s+)?{_Y}", "the year of the date",
         Example("Tính đến 31/1/2025, tỉnh có 267 sản phẩm OCOP.", 267, 2025),
         "the date a running total is counted to (and 'Cũng đến thời điểm này' after a stock so dated: its date)",
         needs=("đến", "tới")),
    Rule("as-of-after", r"[^.;,()\d]{0,60}?\s(tính\s+(?:đến|tới)[^().;,]{0,30})", "the year of the date",
         Example("Huyện Văn Yên đã có 27 sản phẩm được công nhận đạt chuẩn OCOP cấp tỉnh tính đến hết tháng 6 năm 2024.",
                 27, 2024),
         "'tính đến …' at the end of the count's own words dates it (before a programme period opening the "
         "sentence: 'Thực hiện Chương trình giai đoạn 2021-2025, huyện đã có 34 sản phẩm … tính đến hết tháng 6 "
         "năm 2024'), and so do ', theo số liệu đến hết tháng 8/2025' and a bracket '(số liệu cuối năm 2023)' closing "
         "a list of stocks", needs=("tính",)),
    Rule("year-in-clause", _Y, "the last year before the count",
         Example("Năm 2021 huyện Mường Tè có 06 sản phẩm OCOP.", 6, 2021),
         "a year in the count's clause, before it (not 'so với năm …', not a cited document's date — a round's own "
         "'Tờ trình' or 'Biên bản' cited with 'Căn cứ' is no regulation: its date dates the round —, "
         "not a year in brackets naming a product's round — but a bracket holding only a date, 'Đợt thứ tư (tháng "
         "10/2022)', dates the round before it), or a part's label ('(năm 2021: 4 sản phẩm; …')"),
    Rule("this-year", r"(?<!\w)(?:năm\s+nay|(?:vào\s+)?cuối\s+năm(?!\s*(?:19|20)\d\d)(?!\s+(?:nay|qua|trước|đó|ấy|ngoái))"
                      r"|đầu\s+năm\s+nay)(?!\w)", "the article's year",
         Example("Tỉnh dự kiến đề xuất thêm 2 sản phẩm vào cuối năm.", 2, 2024),
         "'năm nay', 'vào cuối năm' in the count's clause: the year of the article (here 2024); not 'cuối năm đó' "
         "(the end of the year just named)",
         needs=("năm",)),
    Rule("last-year", r"(?<!\w)(?<!\d\s)(?<!những\s)(?<!các\s)(?<!nhiều\s)(?<!mấy\s)(?<!hai\s)(?<!ba\s)"
                      r"(?:(?:trong\s+)?năm\s+(?:vừa\s+)?qua|năm\s+trước|năm\s+ngoái)(?!\w)", "the year before",
         Example("Năm trước, toàn tỉnh có 19 sản phẩm được công nhận.", 19, 2023),
         "'năm trước', 'năm ngoái', and 'năm qua' in a piece dated January to June, are the year before the date "
         "that opens the sentence or the article's (here 2024); 'năm qua' later in the year is that year (not "
         "'so với năm trước'); 'năm trước đó' is the year before the last dated count's", needs=("năm",)),
    Rule("month-past", r"(?<!\w)(?:hồi|vào)\s+tháng\s+(\d{1,2})(?!\s*[/.-]\s*\d)(?!\s*,?\s*năm)(?!\w)"
                       r"|(?<!\w)tháng\s+(\d{1,2})\s+vừa\s+qua(?!\w)", "the article's year, or the one before",
         Example("Phiên họp trước, hồi tháng 9, đã công nhận 8 sản phẩm.", 8, 2023),
         "'hồi tháng 9', 'tháng 7 vừa qua' before a count that is no target: that month of the article's year when it is "
         "not after the article's month, else of the year before (here, in June 2024: 2023)", needs=("tháng",)),
    Rule("next-year", r"(?<!\w)(?<!\d\s)(?<!những\s)(?<!các\s)(?<!nhiều\s)(?<!mấy\s)(?<!hai\s)(?<!ba\s)"
                      r"(?:trong\s+)?năm\s+(?:tới|sau(?!\s+(?:đó|nữa)))(?!\w)", "the year after the article's",
         Example("Năm tới, huyện phấn đấu có thêm 8 sản phẩm OCOP.", 8, 2025),
         "'năm tới' before the count in its clause: the year after the article's (here 2025); not 'những năm "
         "tới', 'các năm tới', '5 năm tới'; a target's 'năm sau' too ('đến mùa du lịch hè năm sau có thêm 10')",
         needs=("tới", "sau")),
    Rule("year-after-count", rf"\s(?:trong\s+)?(?:năm\s+|quý\s+(?:[ivx]+|\d)\s*(?:/\s*|năm\s+))({_Y})(?!\d)",
         "the year named after",
         Example("Huyện có 12 sản phẩm mới được đưa vào danh sách công nhận trong năm 2021.", 12, 2021),
         "'trong năm 2021', 'trong quý I/2026' later in the count's clause", needs=("năm", "quý")),
    Rule("whole-year", r"trong\s+đó", "the whole's year",
         Example("Năm 2022, tỉnh công nhận 35 sản phẩm, gồm 05 sản phẩm 4 sao và 30 sản phẩm 3 sao.", 30, 2022),
         "the parts of a breakdown take the year of their whole"),
    Rule("ranked-stock", r"\s*(?:ocop\s+)?,\s*(?:là\s+)?(?:nhiều\s+nhất|đứng\s+đầu|dẫn\s+đầu)(?:\s+(?:toàn|cả))?\s+"
                         r"(?:tỉnh|huyện|thành\s+phố|thị\s+xã|nước|vùng)(?!\w)", "no year",
         Example("Năm 2024, tỉnh công nhận mới 48 sản phẩm. Xã Tân Cương có 19 sản phẩm OCOP, nhiều nhất tỉnh.", 19, None),
         "a place's count ranked against the others ('…, nhiều nhất tỉnh', '…, đứng đầu huyện') with no year in its "
         "sentence is its stock: the year of the line's round does not date it",
         needs=("nhất", "đầu")),
    Rule("sentence-year", _Y, "a year earlier in the sentence or line",
         Example("Năm 2019, toàn tỉnh có 189 sản phẩm tiềm năng. Qua đánh giá, có 59 sản phẩm đạt OCOP.", 59, 2019),
         "the year said before in the same sentence, or by the counts before it in the same line (not by a count "
         "compared with in brackets: 'so với cùng kỳ năm 2024 (15 sản phẩm). Riêng quý II, … 13' is not of 2024)"),
    Rule("heading-year", rf"(?:năm|đến\s+năm)\s+({_Y})(?!\d)(?:\s*(?:đến|[-–])\s*(?:(?:hết\s+|cuối\s+)?(?:tháng\s+\d{{1,2}}\s*/\s*"
                         rf"|năm\s+))?({_Y})(?!\d))?", "the year of the section",
         Example("II. MỤC TIÊU ĐẾN NĂM 2025\n- Có ít nhất 120 sản phẩm OCOP còn hiệu lực.", 120, 2025),
         "a count under a heading that names a year ('KẾT QUẢ THỰC HIỆN NĂM 2023', 'Mục tiêu đến năm 2025'); a heading "
         "that names a span ('Kết quả giai đoạn II (từ năm 2021 đến tháng 6/2024)') has the year the span ends",
         needs=("năm",)),
    Rule("list-row", r"[ \t]*[-–•+]\s", "the row above's, or the list's opening line's",
         Example("Mục tiêu đến năm 2025, tỉnh có ít nhất 200 sản phẩm OCOP. Chỉ tiêu phân bổ như sau:\n"
                 "- Các huyện đồng bằng: mỗi huyện tối thiểu 30 sản phẩm;\n- Các huyện miền núi: mỗi huyện 10 sản phẩm.",
                 10, 2025),
         "a '- ' row whose clause names no year has the year of the row above's first count, the first row "
         "that of the last count of the line opening the list; a 'Lũy kế' row under an opening line that names one "
         "year and ends with ':' ('Kết quả thực hiện Chương trình OCOP năm 2023:') is the stock at that year"),
    Rule("round-year", rf"(?:đợt\s+\d+\s*,?\s*)?năm\s+{_Y}|ngày\s+\d|{_Y}", "the round's year",
         Example("UBND tỉnh vừa phê duyệt kết quả phân hạng sản phẩm OCOP đợt 2 năm 2022. Theo đó, công nhận "
                 "14 sản phẩm đạt 3 sao.", 14, 2022),
         "a round's counts (new products, proposals, a total raised by the round) take the year of the "
         "round the passage names: headline, lead sentence, decision date (not a lead line naming several years, "
         "'năm 2021 công nhận 28 …; năm 2022 công nhận 35 …': a per-year list names no one round)"),
    Rule("briefs-page", r"[-*•+][ \t]*(?:(?:sáng|chiều|tối|trưa|ngày)[ \t]+\d{1,2}[ \t]*/[ \t]*\d{1,2}(?![\d/])"
                        r"|[A-ZĐ][^\W\d_]*(?:[ \t]+[A-ZĐ][^\W\d_]*){0,3}[ \t]*:)", "neutral",
         Example("- Ngày 10/6, Hội đồng huyện đề nghị tỉnh công nhận 7 sản phẩm 3 sao.\n- Ngày 12/6, huyện trao chứng "
                 "nhận cho 11 sản phẩm được công nhận năm 2023.", 7, 2024),
         "a page of briefs ('- Ngày 26/6, …', '* Can Lộc: …' opening lines), each of its own place and day: the round "
         "the passage reports is read in the first brief only, so a round another brief names ('được công nhận năm "
         "2023') does not date this one's counts"),
    Rule("year-reviewed", r"(?<!\w)tổng\s+kết\s+(?:công\s+tác\s+)?năm(?!\s*(?:19|20)\d\d)(?!\s+(?:nay|qua|trước|ngoái|tới))(?!\w)",
         "the year before the article's",
         Example("Sáng 18/1, UBND tỉnh tổ chức hội nghị tổng kết năm của Chương trình OCOP. Trong năm, tỉnh công nhận 41 "
                 "sản phẩm.", 41, 2023),
         "a lead reporting a 'tổng kết năm' (a year's review) that names no year, in a piece dated January to June: "
         "the round is the year before the article's", needs=("kết",)),
    Rule("article-year", r"(?:ngày|sáng|trưa|chiều|tối|hôm)\s+\d{1,2}\s*[/-]\s*\d{1,2}(?!\s*[/-]\s*\d)", "the article's year",
         Example("Chiều 29-5, UBND huyện công bố quyết định công nhận 15 sản phẩm đạt OCOP 3 sao.", 15, 2024),
         "with no year anywhere, a round's counts are in the year of the article's date (here 2024)",
         needs=("ngày", "sáng", "trưa", "chiều", "tối", "hôm")),
    Rule("date-before-article", r"(?:ngày|sáng|trưa|chiều|tối|hôm)\s+(\d{1,2})\s*[/-]\s*(\d{1,2})(?!\s*[/-]\s*\d)",
         "the year before the article's",
         Example("Ngày 28/12 vừa qua, Hội đồng OCOP huyện công nhận 6 sản phẩm đạt 3 sao.", 6, 2023),
         "the lead's day and month, when they fall after the article's date, are of the year before (an event "
         "reported done cannot be later than the page): 'Ngày 28/12 vừa qua' in a page of January 2025 is 2024",
         needs=("ngày", "sáng", "trưa", "chiều", "tối", "hôm")),
    Rule("later-in-year", r"(?<!\w)(?:trong|vào)\s+(?:quý\s+(?:[ivx]+|\d)|tháng\s+\d{1,2})(?!\s*[/.-]\s*\d)"
                          r"(?!\s*,?\s*năm\s+(?:\d|nay|tới|sau|qua|trước|ngoái))(?!\w)", "the article's year",
         Example("Trong quý IV, huyện dự kiến công nhận thêm 6 sản phẩm OCOP.", 6, 2024),
         "a target with no year of its own or of the passage's plan, said for a quarter or month with no year "
         "('trong quý IV … dự kiến', 'Đợt 2 dự kiến tổ chức vào tháng 10 với khoảng 20 sản phẩm'): the article's year "
         "(here 2024)", needs=("quý", "tháng")),
    Rule("raised-by-year", r"(?:nâng|đưa)\s+(?:tổng\s+)?số|vì\s+(?:thế|vậy)|qua\s+đó|như\s+vậy", "the year of the products before",
         Example("Năm 2023, tỉnh có thêm 42 sản phẩm đạt chuẩn.\n\nSố sản phẩm OCOP toàn tỉnh vì thế đạt 231 sản phẩm.",
                 231, 2023),
         "with no round named, a total raised by a year's products ('vì thế đạt 231', 'đưa số sản phẩm … lên') "
         "takes the year of the new products counted in the two sentences before it"),
], doc="Tried in this order; 'undated-total' stops the search with no year. The last three apply only "
       "to counts of one round (basis `new`, or a total raised by the round).",
   values="a year, or None")

_NOT_A_PERIOD_BEFORE = Folded(
    r"(?:so\s+với|kể\s+từ|từ|gấp\s+(?:gần\s+|hơn\s+)?(?:\w+\s+lần|đôi|rưỡi)|hơn|bằng)\s+(?:(?:cùng\s+kỳ|cuối|hết|đầu)\s+)?"
    r"(?:(?:năm|giai\s+đoạn)\s+)?"
    r"(?:\d{4}\s*[-–]\s*)?$")
_REGULATION = Folded(r"(?:quy\s+định|căn\s+cứ|thực\s+hiện|hướng\s+dẫn)[^.;]{0,20}?\s(?:tại\s+)?(?:quyết\s+định"
                         r"|nghị\s+định|thông\s+tư|kế\s+hoạch|văn\s+bản)?\s*(?:số\s*:?\s*)?\d+[^\s,;]*/[^\s,;]+"
                         r"(?:\s+của\s+[^,;]{0,40}?)?\s*,?\s*(?:ngày\s*)?[\d/.\- ]*(?:tháng\s+\d+\s+năm\s*)?$")
# rule round-paper: a submission or minutes of the round itself, not a regulation cited
_ROUND_PAPER = Folded(r"(?<!\w)(?:tờ\s+trình|biên\s+bản)(?!\w)")
_EXPIRED_BEFORE = re.compile(r"hết\s+(?:thời\s+)?(?:hạn|hiệu\s+lực)", _I)
# "nâng hạng 3 sản phẩm đã được công nhận năm 2020": the year of an earlier certification
_EARLIER_RANK = re.compile(r"(?<!\w)đã\s+(?:được\s+)?(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng|phân\s+hạng)", _I)
_AS_OF_WORD = re.compile(r"hết|cuối", _I)
_YEAR_LIST = re.compile(rf"\s*,\s*{_Y}")  # "năm 2019, 2020, 2021": several rounds, no one year
_STAMP = re.compile(r"-[01]\d(?:-[0-3]\d)?(?!\d)")  # "2025-03", "2025-12-30": an ISO date stamp
_LEAD = 8  # sentences read for a passage's round: from the first that is about OCOP products on
# a sentence set aside from the passage's main round: "Riêng năm 2023, …", "Trước đó, …"
_ASIDE = Folded(r"\W*(?:riêng|ngoài\s+ra|bên\s+cạnh\s+đó|so\s+với)(?!\w)")
_ABOUT_PRODUCTS = Folded(r"(?<!\w)(?:ocop|s[ảa]n\s+ph[ẩa]m)(?!\w)")
_GOVERNMENT_DOCUMENT = re.compile(r"\d+/(?:\d{4}/)?(?:QĐ|NĐ|NQ|CT)-(?:TTg|CP)\b[^.;]{0,25}$")


def lead(p: Passage) -> list[Sentence]:
    """The headline and first sentences of the passage, after menus, date lines and related links
    (which do not talk about OCOP products)."""
    for i, sent in enumerate(p.sentences):
        if _ABOUT_PRODUCTS.search(p.text, sent.start, sent.end):
            out = p.sentences[i:i + _LEAD]
            # rule briefs-page: on a page of briefs ("- Ngày 26/6, …", "* Can Lộc: …"), each its own place and day,
            # the lead is the first brief: a round another brief names is that brief's
            for k, later in enumerate(out[1:], 1):
                if later.line != sent.line and _BRIEF_OPENER.match(p.text, later.start, later.end):
                    return out[:k]
            return out
    return []


_BRIEF_OPENER = Folded(TABLE["briefs-page"].pattern)


def _decision_title(p: Passage, lead_sentences: list[Sentence]) -> list[Sentence]:
    """The line above the lead that names the decision ("Quyết định số 2876/QĐ-UBND ngày 27/12/2023 của
    UBND tỉnh …" over "Phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP …"): it dates the round."""
    at = p.sentences.index(lead_sentences[0]) if lead_sentences else 0
    if at == 0:
        return []
    above = p.sentences[at - 1]
    return [above] if _DECISION_TITLE.match(p.text, above.start, above.end) else []


_DECISION_TITLE = Folded(r"[\W\d_]{0,6}quyết\s+định\s+(?:số\s*)?\d")

_ROUND_WORDS = Folded(
    r"(?<!\w)(?:đợt|đánh\s+giá|phân\s+hạng|xếp\s+hạng|công\s+nhận|chứng\s+nhận|quyết\s+định|công\s+bố|hội\s+nghị"
    r"|phê\s+duyệt)(?!\w)")
_PLAN_ANYWHERE = Folded(r"(?<!\w)(?:phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu|dự\s+kiến|đặt\s+ra|(?<!số\s)kế\s+hoạch"
                            r"(?!\s+số)|sẽ|đang\s+(?:hoàn\s+thiện|chuẩn\s+bị|xây\s+dựng|đề\s+nghị|đề\s+xuất))(?!\w)")
_FAIR_WORDS = Folded(r"(?<!\w)(?:hội\s+chợ|triển\s+lãm|trưng\s+bày|festival|lễ\s+hội)(?!\w)")
_PLAN_WORDS = re.compile(
    r"(?<!\w)(?:giai\s+đoạn|đến\s+năm|tới\s+năm|phấn\s+đấu|mục\s+tiêu|kế\s+hoạch|chỉ\s+tiêu|định\s+hướng|so\s+với"
    r"|tính\s+đến|đến\s+hết|đến\s+cuối|hết\s+năm|cuối\s+năm)(?!\w)[^.;]{0,25}$", _I)
_UNDATED_ANYWHERE = Folded(TABLE["undated-total"].pattern)
_HAD = Folded(r"(?<!\w)(?:có|còn)(?!\w)")
# "Từ khi triển khai Chương trình OCOP năm 2019, … đã có 27": the programme's start, not the count's year
_STARTED_BEFORE = Folded(r"từ\s+(?:khi|lúc)\s+(?:[^\W\d_]+\s+){0,4}?(?:được\s+)?(?:triển\s+khai|thực\s+hiện|bắt\s+đầu)"
                         r"[^.;,\d]{0,50}?năm\s+$")
_TARGET_BEFORE = Folded(r"(?<!\w)(?:mục\s+tiêu|phấn\s+đấu|kế\s+hoạch|chỉ\s+tiêu|định\s+hướng)(?!\w)")
# "Từ sản phẩm 3 sao đầu tiên năm 2019, nay HTX đã có 4 sản phẩm": the year a span starts, not the count's (since-now)
_FROM_BEFORE = Folded(r"(?<!\w)từ\s[^.;,]{0,60}?năm\s+$")
_SINCE_NOW = Folded(r"\s*,?\s*(?:đến\s+|tới\s+)?(?:nay|bây\s+giờ|giờ\s+đây)(?!\w)")
# "Trước khi sáp nhập, huyện Gia Lâm có 125 sản phẩm": a stock before the 2025 merger (basis rule 'before-merger')
_BEFORE_MERGER = Folded(r"(?<!\w)(?:trước\s+(?:khi\s+)?(?:hợp\s+nhất|sáp\s+nhập|sắp\s+xếp)|trước\s+đây|khi\s+còn\s+(?:là\s+)?"
                        r"(?:cấp\s+)?huyện)(?!\w)")
# "Năm 2025, tỉnh công nhận 75 sản phẩm …; lũy kế …": the year's round, then the total it raised
_ROUND_THEN_TOTAL = Folded(r"(?:^|[.\n]\s*)[\W\d_]{0,6}(?:trong\s+)?năm\s+(?:19|20)\d\d\s*,[^.;\n]{0,200}?"
                           r"(?:công\s+nhận|chứng\s+nhận|thêm)[^.;\n]{0,100};\s*$")
_FROM_MONTH = Folded(r"(?<!\w)từ\s+(?:đầu\s+|cuối\s+)?tháng\s+\d{1,2}\s*,?\s*$")
_RAISED_BEFORE = Folded(r"(?:nâng|đưa)\s+tổng\s+số[^.;,\d]{0,30}$")
_YEAR_LABEL = re.compile(rf"(?<=năm\s){_Y}(?=\s*:\s*$)", _I)  # "năm 2021: 4 sản phẩm"
# "(tính đến ngày 30/6/2024)", "(số liệu cuối năm 2023)" closing a list of stocks
_AS_OF_BRACKET = re.compile(r"\(\s*(?:tính\s+đến|(?:theo\s+)?số\s+liệu\s+(?:tính\s+)?(?:(?:đến|tới)\s+)?(?:hết|cuối)?)"
                            r"[^()]{0,30}\)", _I)
# "… lên 214 sản phẩm tính đến tháng 10/2024", "… có 398 sản phẩm, theo số liệu đến hết tháng 8/2025"
_AS_OF_AFTER = re.compile(r"\s*(?:,\s*theo\s+số\s+liệu\s+(?:tính\s+)?(?:đến|tới)|tính\s+đến)[^().;,]{0,30}", _I)
# a plan of one year (not a horizon 'đến năm 2025'), and a count said to be recognised since
_YEAR_PLAN_BEFORE = Folded(rf"(?<!\w)(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)\s+(?:của\s+[^\W\d_]+\s+)?năm\s+{_Y}(?!\d)"
                           rf"|(?<!đến\s)(?<!hết\s)(?<!\w)năm\s+{_Y}\s*,?\s*(?:[^\W\d_]+\s+){{0,4}}?(?:đặt\s+|giao\s+)?"
                           r"(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)(?!\w)")
_RECOGNISED_OWN = Folded(r"(?<!\w)(?:công\s+nhận|chứng\s+nhận)(?!\w)")
_MEASURED_PLAN_BEFORE = Folded(r"\s*,?\s*(?:(?:đã\s+)?(?:vượt|đạt|bằng)\s+(?:[\d.,]+\s*%\s*)?(?:so\s+với\s+)?)"
                               r"(?:kế\s+hoạch|chỉ\s+tiêu)(?:\s+năm)?\s*(?:là\s+)?$")
# the signing date right after a document's number: "Quyết định số 919/QĐ-TTg ngày 01/8/2022"
_DOCUMENT_DATE = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ]{1,8}-[A-Za-zĐđ]+\S*\s+(?:ngày\s+)?(?:\d{1,2}\s*[/.-]\s*){0,2}$")
# a sentence that opens on the whole place's stock of valid products: the stock now, not the line's round's
_VALID_STOCK_OPENS = Folded(r"[\W\d_]{0,3}(?:toàn|cả)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|vùng|nước)\s+(?:hiện\s+)?có\s+$")
_STILL_VALID = Folded(r"\s*(?:ocop\s+)?(?:đang\s+)?còn\s+hiệu\s+lực")
_TENSE_AFTER = re.compile(r"(?<!\w)(?:năm|đợt|quý)\s", _I)  # the count's own words name their own period
_THIS_YEAR_PLAN_BEFORE = Folded(r"(?<!\w)năm\s+nay\s*,?\s*(?:[^\W\d_]+\s+){0,4}?(?:đặt\s+|giao\s+)?(?:kế\s+hoạch|mục\s+tiêu"
                                r"|chỉ\s+tiêu)(?!\w)")
_PROGRESS_OWN = Folded(r"(?<!\w)(?:công\s+nhận|chứng\s+nhận|đạt(?:\s+được)?)(?!\w)")
_AGAINST_PLAN = Folded(r"[^.;]{0,60}?(?:đạt|vượt|bằng)\s+[\d.,]+\s*%\s*(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu)")
# "(mới)" after a place's name is the unit formed by the 2025 merger ("tỉnh Tuyên Quang (mới) hiện có"), not added products
_ADDED = Folded(r"(?<!\w)(?:thêm|(?<!\()mới(?!\s*\))|lần\s+đầu)(?!\w)")
_YEAR_OPENER = re.compile(rf"[\W\d_]{{0,6}}(?:riêng\s+|trong\s+)?năm\s+({_Y})\s*,", _I)
_RELATIVE_OPENER = re.compile(r"[\W\d_]{0,6}((?:trong\s+)?năm\s+(?:vừa\s+)?qua|năm\s+trước)\s*,", _I)
# (not the year of a comparison: "đạt 71% kế hoạch năm (90 sản phẩm) và cao hơn cùng kỳ năm 2023")
_PLAN_YEAR = re.compile(rf"(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|phấn\s+đấu)[^.;\n]{{0,120}}?(?<!đến\s)(?<!tới\s)"
                        rf"(?<!hết\s)(?<!cuối\s)(?<!kỳ\s)năm\s+({_Y})(?!\d)(?!\s*[-–])"
                        rf"|(?<!đến\s)(?<!tới\s)(?<!hết\s)(?<!cuối\s)(?<!kỳ\s)năm\s+({_Y})(?!\d)(?!\s*[-–])[^.;\n]{{0,60}}?"
                        rf"(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)(?!\s+số)", _I)
_PLAN_NOUNS = ("hoạch", "tiêu", "phấn")  # every match of _PLAN_YEAR holds one of these, and "năm"
_PER_YEAR = Folded(TABLE["per-year"].pattern)
_RAISED_BY_ROUND = Folded(r"(?<!\w)(?:nâng\s+(?:tổng\s+)?số|đưa\s+(?:tổng\s+)?số|qua\s+đó|như\s+vậy|vì\s+(?:thế|vậy)"
                              r"|với\s+kết\s+quả\s+(?:trên|này|đó)|(?<=\d,\s)(?<!(?:19|20)\d\d,\s)lên)(?!\w)")


_SENTENCE_STOP = re.compile(r";|\.\s")
_FOUR_DIGITS = re.compile(r"\d{4}")
_RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*$")  # "2021-" before a year: the end of a period
_RANGE_AFTER = re.compile(r"\s*[-–]\s*\d")
_ROUND_NAMED = Folded(rf"(?<!\w)đợt\s+\d+\s*,?\s*năm\s+({_Y})(?!\d)")
# "Đợt thứ tư (tháng 10/2022) là đợt lớn nhất, với 14 sản phẩm": a bracket holding only a date dates the round
_DATE_BRACKET = re.compile(r"\(\s*(?:tháng\s+)?\d{1,2}\s*[/.-]\s*(?:19|20)\d\d\s*\)", _I)
_CLAUSE_STOP = re.compile(r"[;(,]|(?<!\w)trong\s+đó(?!\w)", _I)


def _cited_or_stamped(p: Passage, y: re.Match[str]) -> bool:
    """A year of a regulation cited, or of a date stamp (read once per year of the passage)."""
    key = ("cited", y.start())
    if key not in p.memo:
        text = p.text
        lo = max(0, y.start() - 110)
        cited = _REGULATION.search(text, lo, y.start()) if may_contain(text, ("/",), lo, y.start()) else None
        if cited and _ROUND_PAPER.search(text, cited.start(), y.start()):
            cited = None  # "Căn cứ Tờ trình số 188/TTr-SNN ngày 28/10/2024 …, UBND tỉnh đã công nhận 12": the round's paper
        p.memo[key] = bool(cited or _STAMP.match(text, y.end()))
    return p.memo[key]


def _years_before(p: Passage, lo: int, hi: int, *, asides: bool = False) -> list[re.Match[str]]:
    """Years in ``text[lo:hi]`` that can be a count's period: not a comparison ("so với năm 2019"),
    not the date of a regulation cited ("theo quy định tại Quyết định số … ngày 21/8/2019"), not a
    date stamp ("2025-03"), and — unless ``asides`` — not inside a bracket closed before ``hi``
    ("Hạt sen sấy (2019)", "(tại Quyết định số 612/QĐ-UBND ngày 30/3/2021) và 01 sản phẩm")."""
    text = p.text
    out = []
    for y in g.YEAR_RE.finditer(text, lo, hi):
        if _NOT_A_PERIOD_BEFORE.search(text, max(lo, y.start() - 25), y.start()):
            continue
        if _SINCE_NOW.match(text, y.end()) and _FROM_BEFORE.search(text, max(0, y.start() - 70), y.start()):
            continue
        if _cited_or_stamped(p, y):
            continue
        if may_contain(text, ("triển", "thực", "bắt"), max(lo, y.start() - 90), y.start()) and _STARTED_BEFORE.search(
                text, max(lo, y.start() - 90), y.start()):
            continue
        if not asides:
            opened = text.rfind("(", lo, y.start())
            if opened != -1 and text.find(")", opened, y.start()) == -1 and text.find(")", y.end(), hi) != -1 \
                    and not _DATE_BRACKET.match(text, opened):
                continue
        out.append(y)
    return out


_TERM_NAMED = re.compile(rf"nhiệm\s+kỳ\s+({_Y})\s*[-–]\s*{_Y}", _I)


def _term_named(p: Passage, c: Count, before: int) -> int | None:
    """The first year of the last term "nhiệm kỳ 2020-2025" named in the count's sentence (before ``before``)
    or the two sentences before it."""
    lo = p.sentences[max(0, c.sent - 2)].start
    found = None
    for found in _TERM_NAMED.finditer(p.text, lo, before):  # noqa: B007
        pass
    return int(found.group(1)) if found else None


def _term_start_after(p: Passage, c: Count) -> bool:
    """Rule term-start-after: "… tăng từ 86 sản phẩm đầu nhiệm kỳ" after "nhiệm kỳ 2020 - 2025" named before."""
    sent_end = p.sentences[c.sent].end
    if not may_contain(p.text, ("nhiệm",), c.noun_end, min(sent_end, c.noun_end + 30)):
        return False
    if not TABLE.match("term-start-after", p.text, c.noun_end, min(sent_end, c.noun_end + 30)):
        return False
    found = None
    for found in _TERM_NAMED.finditer(p.text, 0, c.start):  # noqa: B007
        pass
    if found is None:
        return False
    _set(c, int(found.group(1)), "term-start-after")
    return True


def read_own_year(p: Passage, c: Count, prev: Count | None, nxt: Count | None, line_year: int | None,
                  heading_year: int | None = None) -> None:
    """The year by the count's own clause, its whole, its sentence, its section or line."""
    sent = p.sentences[c.sent]
    lo = clause_start(p, c, prev)
    dated = p.has_year(c.sent)  # most rules need a year written in the sentence
    if _respective_year(p, c):
        return
    if _per_year(p, c, lo, dated):
        return
    if _this_round(p, c, lo):
        return
    if not dated and _counted_on(p, c, lo):
        return
    if _term_start_after(p, c):
        return
    if _compared_year(p, c):
        return
    if dated and _written_year(p, c, lo):
        return
    text = p.text
    if not dated and _past_year_end(p, c, sent.start):
        return
    if p.article_year is not None and TABLE.search("this-year", text, lo, c.start):
        _set(c, p.article_year, "this-year")  # "năm nay đến thời điểm này đã có 41 sản phẩm"
        return
    same = _SAME_POINT.search(text, sent.start, c.start) if may_contain(text, ("điểm",), sent.start, c.start) else None
    stock = _last_dated_stock(p, c) if same else None
    if stock is not None:
        _set(c, stock, "as-of-date")  # "Tính đến tháng 10/2024, toàn tỉnh có 285 … Cũng đến thời điểm này, huyện A có 42"
        return
    that = _year_before_that(p, c, sent.start)
    if that is not None:
        _set(c, that, "last-year")  # "Năm qua, tỉnh có thêm 89 sản phẩm … Năm trước đó, tỉnh công nhận 74"
        return
    before = relative_year(p, sent.start, lo, c.start)
    if before is not None:
        _set(c, before, "last-year")  # "Ngày 9/1/2025, Sở cho biết, năm qua toàn tỉnh có thêm 47"
        return
    term = TABLE.search("term-start", text, max(sent.start, lo - 30), c.start) if may_contain(
        text, ("nhiệm",), max(sent.start, lo - 30), c.start) else None
    first = _term_named(p, c, term.start()) if term is not None else None
    if first is not None:
        _set(c, first, "term-start")  # "Trong nhiệm kỳ 2020-2025, … Đầu nhiệm kỳ, toàn huyện mới có 4 sản phẩm"
        return
    if not dated and _since_lunar_new_year(p, c, max(sent.start, lo - 60)):
        return
    since = TABLE.search("since-start-of-year", text, max(sent.start, lo - 60), c.start) if p.article_year else None
    if since and not since.group(1) and not (dated and _years_before(p, since.end(), c.start)):
        _set(c, p.article_year, "since-start-of-year")  # "Riêng từ đầu năm đến nay, tỉnh đã công nhận 38"
        return
    if _next_year(p, c, lo):
        return
    if dated:
        measured = TABLE.match("against-plan-year", text, own_end(c), min(sent.end, own_end(c) + 120))
        if measured:
            _set(c, int(measured.group(1)), "against-plan-year")
            return
    years = _years_before(p, lo, c.start) if dated else []
    if dated and not years and c.whole is not None:  # "(năm 2021: 4 sản phẩm; năm 2022: 8 sản phẩm)": the part's label
        years = list(_YEAR_LABEL.finditer(text, max(sent.start, c.start - 16), c.start))
    undated = g.last(m for m in _UNDATED_ANYWHERE.finditer(text, lo, c.start)
                     if not _raised_sum(text, m) and not _event_before(text, m, c.start) and not _since_month(text, m))
    if undated and dated and (_AGAINST_PLAN.match(text, own_end(c), min(sent.end, own_end(c) + 80)) or (
            _YEAR_PLAN_BEFORE.search(text, sent.start, undated.start()) and _RECOGNISED_OWN.search(
                text, undated.end(), own_end(c)))):
        # "Kế hoạch năm 2024 … đặt mục tiêu công nhận mới 40 sản phẩm; đến nay … đã công nhận 22 sản phẩm đợt 1":
        # how far the year's plan has come (rule plan-progress, as basis reads it)
        # "Năm 2022, tỉnh đặt mục tiêu có thêm 40 …; đến nay đã có 22 sản phẩm, đạt 55% kế hoạch"
        earlier = _years_before(p, sent.start, c.start)
        if earlier:
            _set(c, int(earlier[-1].group(0)), "against-plan-year")
            return
    if (undated and not dated and p.article_year is not None and _THIS_YEAR_PLAN_BEFORE.search(text, sent.start, undated.start())
            and _PROGRESS_OWN.search(text, undated.end(), c.start)):
        # "Năm nay, tỉnh đặt kế hoạch 80 sản phẩm, đến nay đã đạt 64 sản phẩm": this year's plan, how far it has come
        _set(c, p.article_year, "against-plan-year")
        return
    opening = _list_opening_year(p, sent.start) if undated and _CUMULATED.fullmatch(undated.group(0)) else None
    if opening is not None and not years:
        _set(c, opening, "list-row")  # "Kết quả … năm 2023:\n- …\n- Lũy kế toàn tỉnh: 318 sản phẩm": the stock at that year
        return
    if undated and not years and _years_of_period(p, c, undated):
        return
    # "Năm 2023, đến nay, … công nhận thêm 156": the year opens a clause of added products
    if (undated and not [y for y in years if y.start() > undated.start()]
            and not (years and _ADDED.search(text, lo, c.start))):
        c.undated = True
        c.decide("year", "undated-total")
        return
    if years:
        _set(c, int(years[-1].group(0)), "year-in-clause")
        return
    if p.article_year is not None and TABLE.search("this-year", text, lo, min(sent.end, own_end(c) + 40)):
        _set(c, p.article_year, "this-year")  # "năm nay", "vào cuối năm": the article's year
        return
    if dated and _year_after_count(p, c, nxt):
        return
    if c.whole is not None:
        if c.whole.undated:
            c.undated = True
            c.decide("year", "whole-year")
            return
        if c.whole.year is not None:
            _set(c, c.whole.year, "whole-year")
            if c.whole.as_of and c.as_of is None:
                c.as_of = c.whole.as_of
            return
    earlier = _years_before(p, sent.start, lo) if dated else []
    if earlier and not any(not _raised_sum(text, m) for m in _UNDATED_ANYWHERE.finditer(text, earlier[-1].end(), c.start)):
        _set(c, int(earlier[-1].group(0)), "sentence-year")
        return
    if not dated and lo > sent.start and _relative_before_clause(p, c, sent.start, lo):
        return
    before_merger = _BEFORE_MERGER.search(text, sent.start, c.start)  # what a place had then: not the line's year
    if heading_year is not None and not before_merger and not _UNDATED_ANYWHERE.search(text, sent.start, sent.end):
        _set(c, heading_year, "heading-year")
        return
    if line_year is not None and not before_merger and not _UNDATED_ANYWHERE.search(text, sent.start, sent.end):
        if TABLE.may_hold("ranked-stock", text, c.noun_end, sent.end) and TABLE.match(
                "ranked-stock", text, c.noun_end, sent.end):
            c.undated = True  # "Xã Tân Cương có 19 sản phẩm OCOP, nhiều nhất tỉnh": its stock
            c.decide("year", "ranked-stock")
            return
        if _VALID_STOCK_OPENS.match(text, sent.start, c.start) and _STILL_VALID.match(text, c.noun_end, sent.end):
            c.undated = True  # "… nâng số sản phẩm được công nhận trong năm lên 52. Toàn tỉnh có 489 sản phẩm OCOP còn hiệu lực"
            c.decide("year", "undated-total")
            return
        _set(c, line_year, "sentence-year")
        return
    row = row_before(p, c)
    if row is not None and row[0] is not None and row[0].year is not None:
        _set(c, row[0].year, "list-row")  # "- Huyện A: tối thiểu 30 sản phẩm;" under "mục tiêu đến năm 2025 …:"
        return
    if (c.status == "target" and prev is not None and prev.sent == c.sent and prev.year is not None
            and prev.status == "achieved" and _MEASURED_PLAN_BEFORE.fullmatch(text, own_end(prev), c.start)):
        # "nâng số sản phẩm được công nhận trong năm lên 52, vượt kế hoạch 45 sản phẩm": the plan of the count it measures
        _set(c, prev.year, "against-plan-year")


# rule respectively-years: "năm 2023 và 2024 lần lượt có 12 và 15 sản phẩm" — the years in order of the counts
_RESPECTIVELY = Folded(TABLE["respectively-years"].pattern)
_YEARS_LISTED = Folded(rf"(?<!\w)năm\s+({_Y})((?:\s*(?:,|và)\s*(?:năm\s+)?{_Y}(?!\d))+)"
                       rf"|(?<!\w)tháng\s+\d{{1,2}}\s*/\s*{_Y}(?:\s*(?:,|và)\s*tháng\s+\d{{1,2}}\s*/\s*{_Y}(?!\d))+")
_THOSE_YEARS = Folded(r"(?<!\w)(?:hai|ba|các|những)\s+năm\s+(?:đó|trên|này|ấy)(?!\w)")


def _listed_years(p: Passage, lo: int, hi: int) -> list[int]:
    m = g.last(_YEARS_LISTED.finditer(p.text, lo, hi))
    return [int(y) for y in g.YEAR_RE.findall(m.group(0))] if m else []


def _respective_year(p: Passage, c: Count) -> bool:
    """Counts after "lần lượt" take, in order, the years listed before it in their sentence ("năm 2023 và 2024
    lần lượt có 12 và 15"), or in the sentence before when theirs says "hai năm đó" / "các năm trên"."""
    text = p.text
    sent = p.sentences[c.sent]
    if not may_contain(text, ("lượt",), sent.start, c.start):
        return False
    r = g.last(_RESPECTIVELY.finditer(text, sent.start, c.start))
    if r is None:
        return False
    years = _listed_years(p, sent.start, r.start())
    if not years and c.sent > 0 and _THOSE_YEARS.search(text, sent.start, r.start()):
        prior = p.sentences[c.sent - 1]
        years = _listed_years(p, prior.start, prior.end)
    after = [x for x in p.counts[c.sent] if x.start > r.end() and x.depth == c.depth]
    if len(years) < 2 or len(after) != len(years) or c not in after:
        return False
    _set(c, years[after.index(c)], "respectively-years")
    return True


# rule list-row (dated-list-total): a "Lũy kế" row of a list whose opening line names one year and ends with ":"
# ("Kết quả thực hiện Chương trình OCOP năm 2023:") is the stock at that year, not an undated running total
_CUMULATED = Folded(r"l[ũu]y\s+kế|luỹ\s+kế")
_OPENING_YEAR = Folded(rf"[^\n]*?(?<!đến\s)(?<!tới\s)năm\s+({_Y})\s*:\s*$")


def _list_opening_year(p: Passage, start: int) -> int | None:
    opening = list_opening(p.text, start)
    if opening is None:
        return None
    m = _OPENING_YEAR.match(p.text, *opening)
    return int(m.group(1)) if m and len(g.YEAR_RE.findall(p.text, *opening)) == 1 else None


# "Cũng đến thời điểm này" after a stock dated in the sentences before: that date
_SAME_POINT = Folded(r"(?<!\w)(?:cũng\s+(?:đến|tính\s+đến|tới)|cùng)\s+thời\s+điểm\s+(?:này|đó|trên)(?!\w)")


def _last_dated_stock(p: Passage, c: Count) -> int | None:
    for i in range(c.sent - 1, max(-1, c.sent - 4), -1):
        for x in reversed(p.counts[i]):
            if x.result and x.year is not None and x.basis == "cumulative":
                return x.year
    return None


_BEFORE_THAT = Folded(r"(?<!\w)năm\s+trước\s+đó(?!\w)")
_COMPARED = Folded(r"so\s+với\s+$")


def _year_before_that(p: Passage, c: Count, start: int) -> int | None:
    """'năm trước đó' is the year before the year of the last dated count before it (in its sentence or
    the two before), not the year before the article's."""
    m = g.last(_BEFORE_THAT.finditer(p.text, start, c.start)) if may_contain(p.text, ("đó",), start, c.start) else None
    if m is None or (_COMPARED.search(p.text, max(start, m.start() - 12), m.start())
                     and p.text[m.end():c.start].strip() != "("):
        return None  # "So với năm trước đó (27 sản phẩm), số sản phẩm tăng 11": only the bracket is that year's
    for i in range(c.sent, max(-1, c.sent - 3), -1):
        for x in reversed(p.counts[i]):
            if x.start < c.start and x.result and x.year is not None:
                return x.year - 1
    return None


def _next_year(p: Passage, c: Count, lo: int) -> bool:
    """"Năm tới, huyện phấn đấu có thêm 8 sản phẩm": the year after the article's (next-year)."""
    m = TABLE.search("next-year", p.text, lo, c.start) if p.article_year is not None else None
    if m is None or (c.status != "target" and "sau" in m.group(0).lower()):
        return False  # an achieved count's "năm sau" is the year after the one before it (year-after-that)
    _set(c, p.article_year + 1, "next-year")
    return True


def _relative_before_clause(p: Passage, c: Count, start: int, lo: int) -> bool:
    """A sentence with no year written: the last of 'năm ngoái / năm qua', 'năm nay', 'năm tới' in its
    earlier clauses dates the count ("Năm ngoái, tỉnh đặt mục tiêu 40 sản phẩm nhưng chỉ công nhận được 31
    sản phẩm"; "năm nay con số này là 9 sản phẩm, nâng tổng số … lên 33")."""
    if p.article_year is None:
        return False
    text = p.text
    found: list[tuple[int, int, str]] = []
    last = g.last(m for m in TABLE.finditer("last-year", text, start, lo)
                  if not _NOT_A_PERIOD_BEFORE.search(text, max(start, m.start() - 25), m.start() + 4))
    if last is not None:
        year = relative_year(p, start, last.start(), lo)
        if year is not None:
            found.append((last.start(), year, "last-year"))
    for name, year in (("this-year", p.article_year), ("next-year", p.article_year + 1)):
        m = g.last(TABLE.finditer(name, text, start, lo))
        if m is not None and not (name == "next-year" and c.status != "target" and "sau" in m.group(0).lower()):
            found.append((m.start(), year, name))
    if not found:
        return False
    _, year, rule = max(found)
    _set(c, year, rule)
    return True


def relative_year(p: Passage, start: int, lo: int, hi: int) -> int | None:
    """The year "năm qua" / "năm trước" in ``text[lo:hi]`` names: the year before the date that opens
    the sentence (from ``start``) or the article's — "năm qua" in a piece of July to December is that
    year's own review."""
    text = p.text
    if not may_contain(text, ("qua", "trước", "ngoái"), lo, hi):
        return None
    m = g.last(m for m in TABLE.finditer("last-year", text, lo, hi)
               if not _NOT_A_PERIOD_BEFORE.search(text, max(lo, m.start() - 25), m.start() + 4))
    if m is None:
        return None
    year, month = p.article_year, int(p.article_date[5:7]) if p.article_date and p.article_date[5:7].isdigit() else 0
    dated = g.last(d for d in g.DATE_RE.finditer(text, start, m.start()) if d.group("y") or d.group("y2"))
    if dated is not None:
        year, month = int(dated.group("y") or dated.group("y2")), int(dated.group("m") or dated.group("m2"))
    if year is None:
        return None
    if "qua" not in m.group(0).lower() or month <= 6:  # 'năm trước', 'năm ngoái'
        return year - 1
    return year


def _event_before(text: str, undated: re.Match[str], end: int) -> bool:
    """"Trước đó, Hội đồng … đã họp xem xét hồ sơ của 52 sản phẩm": 'trước đó' dates an earlier step of
    the round; it marks a running total only with what a place had then ("Trước đó, tỉnh đã có 200")."""
    return undated.group(0).lower().startswith("trước") and not _HAD.search(text, undated.end(), end)


def _since_month(text: str, undated: re.Match[str]) -> bool:
    """"Năm 2025, …; từ tháng 7 đến nay, tỉnh công nhận thêm 44": 'đến nay' ends a span from a month of the year
    the sentence names, not a running total."""
    return undated.group(0)[:1].lower() in "đt" and bool(
        _FROM_MONTH.search(text, max(0, undated.start() - 30), undated.start()))


def _raised_sum(text: str, undated: re.Match[str]) -> bool:
    """"nâng tổng số sản phẩm OCOP lũy kế … lên 118", "Năm 2025, tỉnh công nhận 75 sản phẩm …; lũy kế toàn tỉnh có
    1.046": 'lũy kế' names the total a round raised, which is dated like any raised total (by the year of its
    sentence), not a running total said only 'lũy kế'."""
    return undated.group(0)[:1].lower() == "l" and bool(
        _RAISED_BEFORE.search(text, max(0, undated.start() - 40), undated.start())
        or _ROUND_THEN_TOTAL.search(text, max(0, undated.start() - 250), undated.start()))


def _per_year(p: Passage, c: Count, lo: int, dated: bool) -> bool:
    """"mỗi năm tỉnh phấn đấu có thêm 20 sản phẩm", "bình quân mỗi năm có 15": a rate of every year
    is of no one year, unless a year is named after the rate ("mỗi năm …; năm 2023 là 20")."""
    rate = g.last(_PER_YEAR.finditer(p.text, lo, c.start))
    if rate is None or ";" in p.text[rate.end():c.start] or (dated and _years_before(p, rate.end(), c.start)):
        return False
    c.undated = True
    c.decide("year", "per-year")
    return True


def _this_round(p: Passage, c: Count, lo: int) -> bool:
    """"Cùng đợt này, Quảng Ninh có 2 sản phẩm …": the round one of the three sentences before names."""
    text = p.text
    sent = p.sentences[c.sent]
    if c.sent == 0 or not may_contain(text, ("đợt",), max(sent.start, lo - 30), c.start) or not TABLE.search(
            "this-round", text, max(sent.start, lo - 30), c.start):
        return False
    named = None
    for before in reversed(p.sentences[max(0, c.sent - 3):c.sent]):  # a caption or an aside may come between
        named = g.last(_ROUND_NAMED.finditer(text, before.start, before.end))
        if named is not None:
            break
    if named is None:
        return False
    _set(c, int(named.group(1)), "this-round")
    return True


def _written_year(p: Passage, c: Count, lo: int) -> bool:
    """The rules that read a year written in the count's own clause, in table order."""
    text = p.text
    sent = p.sentences[c.sent]
    if c.status == "target":
        planned = _planned_year(p, c, lo)
        if planned is not None:
            _set(c, planned, "target-year")
            return True
    for at in {c.noun_end, own_end(c)}:
        after = TABLE.match("year-after-noun", text, at, min(sent.end, at + 40))
        if after:
            _set(c, int(after.group(1)), "year-after-noun")
            return True
    end = _clause_end(p, c, None)
    if may_contain(text, ("đợt",), c.noun_end, end):
        named = TABLE.match("round-in-description", text, c.noun_end, end)
        if named and not _NOT_A_PERIOD_BEFORE.search(text, max(0, named.start(1) - 30), named.start(1)):
            _set(c, int(named.group(1)), "round-in-description")
            return True
    since = TABLE.search("since-start-of-year", text, max(sent.start, lo - 60), c.start)
    if since and since.group(1):
        _set(c, int(since.group(1)), "since-start-of-year")
        return True
    as_of = _as_of_date(p, lo, c.start)
    if as_of is None:  # "… 248 sản phẩm 3 sao (tính đến ngày 30/6/2024)"
        bracket = _AS_OF_BRACKET.search(text, own_end(c), sent.end) or _AS_OF_AFTER.match(text, c.noun_end, sent.end)
        as_of = _as_of_date(p, bracket.start(), bracket.end()) if bracket else None
        if bracket and as_of is None and not _TENSE_AFTER.search(text, c.noun_end, bracket.start()):
            named = g.last(g.YEAR_RE.findall(bracket.group(0)))  # "(số liệu cuối năm 2023)": a year, no date we parse
            if named:
                _set(c, int(named), "as-of-after")
                return True
        later = TABLE.match("as-of-after", text, own_end(c), sent.end) if as_of is None else None
        if later:  # "tính đến hết tháng 6 năm 2024": the date's year when the date itself is not one we parse
            as_of = _as_of_date(p, later.start(1), later.end(1)) or g.last(g.YEAR_RE.findall(later.group(1)))
        if as_of is not None and later:
            c.as_of = as_of
            _set(c, int(as_of[:4]), "as-of-after")
            return True
    if as_of is not None:
        c.as_of = as_of
        _set(c, int(as_of[:4]), "as-of-date")
        return True
    period = g.last(m for m in TABLE.finditer("period-end", text, lo, c.start)
                   if not _NOT_A_PERIOD_BEFORE.search(text, max(lo, m.start() - 25), m.start()))
    if period is not None and not _years_before(p, period.end(), c.start, asides=True):
        # "giai đoạn 2021–2023, huyện có 21 sản phẩm (năm 2021: 4 sản phẩm; …)": the nearer year is the part's
        _set(c, int(period.group(1)), "period-end")
        return True
    bracketed = TABLE.search("year-before-bracket", text, max(sent.start, c.start - 20), c.start)
    if bracketed:  # "gấp hai lần năm 2022 (31 sản phẩm)"
        _set(c, int(bracketed.group(1)), "year-before-bracket")
        return True
    if may_contain(text, ("khi", "lúc"), max(sent.start, c.start - 60), c.start):
        when = TABLE.search("year-of-when", text, max(sent.start, c.start - 60), c.start)
        if when:  # "cao hơn năm 2023, khi huyện có 5 sản phẩm được công nhận"
            _set(c, int(when.group(1)), "year-of-when")
            return True
    return False


def _year_after_count(p: Passage, c: Count, nxt: Count | None) -> bool:
    """'trong năm 2021' later in the count's clause — not a comparison, a regulation's date, an
    expired certification, a list of rounds, or a target's earlier certification."""
    text = p.text
    end = _clause_end(p, c, nxt)
    later = TABLE.match("year-after-count", text, c.noun_end, end) or TABLE.search(
        "year-after-count", text, c.noun_end, end)
    if later and not _NOT_A_PERIOD_BEFORE.search(text, max(0, later.start() - 20), later.start() + 1) \
            and not _REGULATION.search(text, max(0, later.start() - 110), later.start() + 1) \
            and not _EXPIRED_BEFORE.search(text, c.noun_end, later.start()) and not _YEAR_LIST.match(text, later.end()) \
            and not (c.status == "target" and _EARLIER_RANK.search(text, c.noun_end, later.start())):
        _set(c, int(later.group(1)), "year-after-count")
        return True
    return False


_NEXT_CONJUNCT = 30  # a target year after a comma this close before another count opens that count's conjunct


def _planned_year(p: Passage, c: Count, lo: int) -> int | None:
    """A target's year: "đến năm 2025" or the end of "giai đoạn 2021-2025" in its clause — the last one
    before it, else the first after it up to the clause's end (not the next clause's "đến năm 2030", nor the year
    that opens the next conjunct after a comma: "…, đến năm 2025 có 6 sản phẩm")."""
    text = p.text
    sent = p.sentences[c.sent]
    before = [m for m in TABLE.finditer("target-year", text, max(sent.start, c.start - LOOK_BACK), c.start)
              if not _NOT_A_PERIOD_BEFORE.search(text, max(sent.start, m.start() - 20), m.start())
              and (m.start() >= lo or not _AS_OF_WORD.search(m.group(0)))]  # "đến hết năm 2024" dates its own clause
    stop = _SENTENCE_STOP.search(text, c.noun_end, sent.end)
    after = list(TABLE.finditer("target-year", text, c.noun_end,
                                min(stop.start() if stop else sent.end, c.noun_end + LOOK_AHEAD)))
    m = before[-1] if before else (after[0] if after else None)
    if m is None:
        return None
    if not before and "," in text[c.noun_end:m.start()] and any(
            m.end() <= x.start <= m.end() + _NEXT_CONJUNCT for x in p.counts[c.sent]):
        return None  # "năm nay phấn đấu có thêm 2 sản phẩm, đến năm 2025 có 6 sản phẩm": the next conjunct's year
    if before and m is before[-1] and [y for y in _years_before(p, max(m.end(), lo), c.start)
                                       if not _DOCUMENT_DATE.search(text, max(0, y.start() - 60), y.start())]:
        # (not a cited decision's date: "Trong giai đoạn 2021–2025, Quyết định số 919/QĐ-TTg ngày 01/8/2022 đặt mục tiêu")
        return None  # "Kế hoạch giai đoạn 2023-2025 …; cụ thể năm 2023 là 20 sản phẩm": the nearer year
    year = int(_FOUR_DIGITS.findall(m.group(0))[-1])
    if p.article_year and year < p.article_year and "đến" in m.group(0).lower():
        return None  # "đến năm 2020" in a 2021 article is a date
    return year


def stated_year(p: Passage, index: int) -> int | None:
    """A year a sentence states for what follows it in its line: "Năm 2021, …" opening it, or the end
    of a period "(2018-2023)" / "giai đoạn 2018-2023"."""
    sent = p.sentences[index]
    opener = _YEAR_OPENER.match(p.text, sent.start, sent.end)
    if opener:
        return int(opener.group(1))
    relative = _RELATIVE_OPENER.match(p.text, sent.start, sent.end)
    if relative:
        return relative_year(p, sent.start, relative.start(1), relative.end(1))
    period = TABLE.search("period-end", p.text, sent.start, sent.end)
    if period and not _NOT_A_PERIOD_BEFORE.search(p.text, max(sent.start, period.start() - 25), period.start()):
        return int(period.group(1))
    return None


def heading_year(p: Passage, index: int) -> int | None:
    """The year a section heading names ("I. KẾT QUẢ THỰC HIỆN NĂM 2023", "1. Mục tiêu đến năm 2025")."""
    sent = p.sentences[index]
    m = TABLE.search("heading-year", p.text, sent.start, sent.end)
    return int(m.group(2) or m.group(1)) if m else None


def plan_year(p: Passage) -> int | None:
    """The year of the plan the passage states ("Kế hoạch … năm 2024", "đặt mục tiêu năm 2022", the
    headline "Phấn đấu đạt 235 sản phẩm OCOP năm 2024"): the year of its targets that name none."""
    for sent in p.sentences:
        if not (may_contain(p.text, _PLAN_NOUNS, sent.start, sent.end)
                and may_contain(p.text, ("năm",), sent.start, sent.end)):
            continue
        m = _PLAN_YEAR.search(p.text, sent.start, sent.end)
        if m:
            return int(m.group(1) or m.group(2))
    return None


# rule later-in-year: a target for a quarter or month named with no year ("trong quý IV tỉnh dự kiến công nhận
# thêm khoảng 10", "Đợt 2 dự kiến tổ chức vào tháng 10 với khoảng 20") is of the article's year
_LATER_IN_YEAR = Folded(TABLE["later-in-year"].pattern)


def read_plan_year(p: Passage, c: Count, year: int | None) -> None:
    """A target with no year of its own is in the year of the passage's plan (not a per-year one), or,
    said for a quarter or month with no year, in the article's."""
    if c.status != "target" or c.year is not None:
        return
    sent = p.sentences[c.sent]
    if _PER_YEAR.search(p.text, max(sent.start, c.start - 80), c.noun_end + 20):
        return
    if year is not None:
        _set(c, year, "plan-year")
    elif p.article_year is not None and may_contain(p.text, ("quý", "tháng"), sent.start, c.noun_end) \
            and _LATER_IN_YEAR.search(p.text, sent.start, c.noun_end):
        _set(c, p.article_year, "later-in-year")


def read_round_year(p: Passage, c: Count, round_year: int | None, plan: int | None = None,
                    report: int | None = None) -> None:
    """Rules 10-11: a round's count with no year of its own takes the round's or the article's year."""
    if c.year is not None or c.undated or c.status == "target":
        return
    text = p.text
    sent = p.sentences[c.sent]
    of_round = c.basis == "new" or c.status == "proposed" or bool(
        _RAISED_BY_ROUND.search(text, sent.start, c.start))
    if not of_round:
        if report is not None and not _UNDATED_ANYWHERE.search(text, sent.start, sent.end):
            _set(c, report, "report-year")  # a report "tính đến cuối năm 2024" lists its totals as of then
        return
    if round_year is not None:
        _set(c, round_year, "round-year")
    elif _reviewed(p) is not None:
        _set(c, _reviewed(p), "year-reviewed")  # "Sáng 18/1, … hội nghị tổng kết năm …" in January: the year before
    elif p.article_year is not None and _dated_by_day(p):
        day = TABLE.search("date-before-article", text, 0, min(len(text), 600))
        if day is not None and _after_article(p, int(day.group(2)), int(day.group(1))):
            _set(c, p.article_year - 1, "date-before-article")  # "Ngày 28/12 vừa qua, …" in a page of 8 January
        else:
            _set(c, p.article_year, "article-year")
    elif plan is not None:
        _set(c, plan, "round-year")  # "Ngay từ đầu năm 2021, tỉnh xây dựng kế hoạch …": the plan's year is the round's
    elif c.basis == "cumulative":
        raised_by = _new_year_before(p, c)
        if raised_by is not None:
            _set(c, raised_by, "raised-by-year")  # "Cả năm, … công nhận 42 sản phẩm. Số sản phẩm … vì thế đạt 231"


def _new_year_before(p: Passage, c: Count) -> int | None:
    """The year of the last dated new products counted before ``c`` in its sentence and the two before."""
    for i in range(c.sent, max(-1, c.sent - 3), -1):
        for x in reversed(p.counts[i]):
            if x.start < c.start and x.result and x.basis == "new" and x.year is not None and x.status == "achieved":
                return x.year
    return None


def _dated_by_day(p: Passage) -> bool:
    """Every year the passage writes is the article's (its date line), or its lead dates the event
    by day and month only ("Chiều 29-8, …")."""
    years = {int(y) for y in g.YEAR_RE.findall(p.text)}
    return years <= {p.article_year} or bool(TABLE.search("article-year", p.text, 0, min(len(p.text), 600)))


def round_year(p: Passage) -> int | None:
    """The year of the round, decision or event the passage reports, named by its headline or lead
    (its first sentences): "… đợt 2 năm 2022", "… sản phẩm OCOP năm 2023", "Quyết định số … ngày
    23/12/2019 …", "Năm 2019, UBND … ban hành Quyết định …". In one sentence a year named with
    "năm" wins over a date. A plan's or a fair's year is no round's."""
    text = p.text
    first = lead(p)
    for sent in _decision_title(p, first) + first:
        if not _ROUND_WORDS.search(text, sent.start, sent.end) or _FAIR_WORDS.search(text, sent.start, sent.end) \
                or _PLAN_ANYWHERE.search(text, sent.start, sent.end) or _ASIDE.match(text, sent.start, sent.end):
            continue
        named, dated = None, None
        for y in _years_before(p, sent.start, sent.end, asides=True):
            before = text[max(sent.start, y.start() - 40):y.start()]
            if _PLAN_WORDS.search(before) or _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(text, y.end()):
                continue
            if _GOVERNMENT_DOCUMENT.search(text, max(sent.start, y.start() - 60), y.start()):
                continue  # "Quyết định số 1048/QĐ-TTg ngày 21/8/2019": the programme's regulation, no round
            if named is None and re.search(r"(?<!\w)năm\s*$", before, _I) and not re.search(
                    r"tháng\s+\d{1,2}\s+năm\s*$", before, _I):
                named = int(y.group(0))
            elif dated is None and re.search(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*$|\d{1,2}\s*[/.-]\s*$"
                                             r"|tháng\s+\d{1,2}\s+năm\s*$", before, _I):
                dated = int(y.group(0))
        if named is not None and len(_named_years(p, sent)) > 1:
            continue  # "năm 2021 công nhận 28 sản phẩm; năm 2022 công nhận 35 …": a per-year list, no one round
        if named or dated:
            return named or dated
    return None


def _named_years(p: Passage, sent: Sentence) -> set[int]:
    """The years a sentence's line names with "năm" that can be a count's period: in the sentence, and in the
    line's later sentences that count products (rule round-year: "Các sản phẩm này được công nhận lần đầu năm
    2020" after the round's sentence tells the products' history, no second year of a per-year list)."""
    end = p.text.find("\n", sent.start)
    end = len(p.text) if end == -1 else end
    spans = [(s.start, s.end) for s, counts in zip(p.sentences, p.counts, strict=True)
             if sent.start <= s.start < end and (s is sent or counts)]
    return {int(y.group(0)) for lo, hi in spans for y in _years_before(p, lo, min(hi, end), asides=True)
            if re.search(r"(?<!\w)năm\s*$", p.text[max(0, y.start() - 6):y.start()], _I)}


_ROUND_REPORTED = re.compile(
    r"(?<!\w)(?:công\s+bố|phê\s+duyệt|ban\s+hành\s+quyết\s+định|quyết\s+định\s+công\s+nhận|công\s+nhận"
    r"|trao\s+(?:giấy\s+)?chứng\s+nhận|đánh\s+giá,?\s+(?:phân|xếp)\s+hạng|xếp\s+hạng|đợt\s+này|lần\s+này"
    r"|vinh\s+danh)(?!\w)", _I)


def reports_a_round(p: Passage, year: int | None) -> bool:
    """The passage reports one round, decision or event: it names the round's year, or its
    headline or lead says a council ranked, a decision recognised, certificates were handed."""
    if year is not None:
        return True
    return any(_ROUND_REPORTED.search(p.text, s.start, s.end) and not _FAIR_WORDS.search(p.text, s.start, s.end)
               for s in lead(p)[:4])


def report_year(p: Passage) -> int | None:
    """With no round named, the year a report is counted to ("tính đến hết tháng 10 năm 2023"): its
    new products are that year's."""
    for sent in p.sentences[:12]:
        for m in TABLE.finditer("as-of-date", p.text, sent.start, sent.end):
            if _TARGET_BEFORE.search(p.text, sent.start, m.start()):
                continue  # "Mục tiêu đến hết năm 2025, xã có 12 sản phẩm": a target's date, not the report's
            year = int(re.findall(r"\d{4}", m.group(0))[-1])
            if p.article_year is not None and year < p.article_year - 1:
                continue  # "Đến hết năm 2020, huyện có 5 sản phẩm" in a 2024 review: an earlier stock, not the report's date
            if re.search(r"hết|cuối|tháng|ngày", m.group(0), _I):
                return year
    return None


def _as_of_date(p: Passage, lo: int, hi: int) -> str | None:
    """ "tính đến 31/1/2025" → 2025-01-31, "đến tháng 7/2025" → 2025-07, "đến hết năm 2022" → 2022."""
    m = None
    for m in TABLE.finditer("as-of-date", p.text, lo, hi):  # noqa: B007
        pass
    if m is None:
        return None
    phrase = m.group(0)
    date = g.DATE_RE.search(phrase)
    year = g.YEAR_RE.findall(phrase)
    if not year:
        return None
    if date and (date.group("y") or date.group("y2")):
        d, mo = int(date.group("d") or date.group("d2")), int(date.group("m") or date.group("m2"))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return f"{year[-1]}-{mo:02d}-{d:02d}"
    month = g.MONTH_YEAR_RE.search(phrase)
    if month and 1 <= int(month.group("m")) <= 12:
        return f"{month.group('y')}-{int(month.group('m')):02d}"
    return str(year[-1])


def _clause_end(p: Passage, c: Count, nxt: Count | None) -> int:
    sent = p.sentences[c.sent]
    end = min(sent.end, c.noun_end + 80)
    if nxt is not None:
        end = min(end, nxt.start)
    stop = _CLAUSE_STOP.search(p.text[c.noun_end:end])
    return c.noun_end + stop.start() if stop else end


def _set(c: Count, year: int, rule: str) -> None:
    c.year = year
    c.decide("year", rule)


def read_as_of(p: Passage, c: Count) -> None:
    """The comparable date: the day or month given, else the year, else the article's date."""
    if c.as_of is not None:
        return
    if c.year is not None:
        c.as_of = str(c.year)
    else:
        c.as_of = p.article_date


TABLES = [TABLE]


# rule counted-year: "Năm thứ ba, huyện có 12 sản phẩm" counts from the programme's first year
_COUNTED = Folded(TABLE["counted-year"].pattern)
_PROGRAMME_START = Folded(rf"(?:bắt\s+đầu|triển\s+khai|xuất\s+phát)[^.;\n]{{0,80}}?(?:từ\s+)?năm\s+({_Y})(?!\d)"
                          rf"|năm\s+({_Y})\s*,\s*năm\s+đầu\s+tiên")
_ORDINALS = {"hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
# rule year-after-that: "Năm sau đó", "Năm kế tiếp", "một năm sau đó", "Ba năm sau"
_AFTER_THAT = Folded(TABLE["year-after-that"].pattern)
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4}
_MONTH_PAST = Folded(TABLE["month-past"].pattern)
_PAST_YEAR_END = Folded(TABLE["past-year-end"].pattern)
_COMPARED_BEFORE = Folded(TABLE["year-before-compared"].pattern)
# a period the lead names: "giai đoạn 2019–2023", or a range in brackets after "6 năm …" ("kỷ niệm 6 năm triển khai
# Chương trình … (2019–2024)")
_PERIOD_SPAN = Folded(rf"(?:giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?|\(\s*)({_Y})\s*[-–]\s*(?:năm\s+)?({_Y})(?!\d)")
_STEMS = ("canh", "tân", "nhâm", "quý", "giáp", "ất", "bính", "đinh", "mậu", "kỷ")  # year % 10
_BRANCHES = (("thân",), ("dậu",), ("tuất",), ("hợi",), ("tý",), ("sửu",), ("dần",), ("mão", "mẹo"), ("thìn",),
             ("tỵ", "tị"), ("ngọ",), ("mùi",))  # year % 12


def _counted_on(p: Passage, c: Count, lo: int) -> bool:
    """Rules counted-year and year-after-that: a year said by counting from one written before."""
    text = p.text
    sent = p.sentences[c.sent]
    if may_contain(text, ("đầu", "thứ"), sent.start, c.start):
        m = _COUNTED.match(text, sent.start, c.start)
        colon = text.rfind(":", sent.start, c.start)
        if m is None and colon != -1:
            m = _COUNTED.match(text, colon + 1, c.start)  # "Huế thận trọng hơn: năm đầu chỉ công nhận 17 sản phẩm"
        start = _PROGRAMME_START.search(text, 0, sent.start) if m else None
        if start is not None:
            word = (m.group(1) or "").lower()
            nth = 1 if not word else (int(word) if word.isdigit() else _ORDINALS[word])
            _set(c, int(start.group(1) or start.group(2)) + nth - 1, "counted-year")
            return True
    if c.status == "target" or not may_contain(text, ("sau", "tiếp"), sent.start, c.start):
        return False
    m = g.last(_AFTER_THAT.finditer(text, sent.start, c.start))
    if m is None:
        return False
    base = _year_before(p, c, m.start())
    if base is None:
        return False
    word = (m.group(1) or "một").lower()
    _set(c, base + (int(word) if word.isdigit() else _NUMBER_WORDS[word]), "year-after-that")
    return True


def _year_before(p: Passage, c: Count, at: int) -> int | None:
    """The last year written or dated before ``at``: the year of the last dated count that is no target, or the
    last year named in the three sentences before, whichever comes later in the text."""
    best_at, best = -1, None
    for i in range(c.sent, max(-1, c.sent - 4), -1):
        for x in reversed(p.counts[i]):
            if x.start < at and x.result and x.year is not None and x.status != "target":
                best_at, best = x.start, x.year
                break
        if best is not None:
            break
    years = _years_before(p, p.sentences[max(0, c.sent - 3)].start, at, asides=True)
    if years and years[-1].start() > best_at:
        best = int(years[-1].group(0))
    return best


def _after_article(p: Passage, month: int, day: int = 0) -> bool:
    """Whether a day and month (or a month) of the article's year fall after the article's date."""
    date = p.article_date or ""
    if len(date) < 7 or not date[5:7].isdigit() or not 1 <= month <= 12:
        return False
    article_day = int(date[8:10]) if date[8:10].isdigit() else 31
    return (month, day) > (int(date[5:7]), article_day if day else 99)


def _compared_year(p: Passage, c: Count) -> bool:
    """Rules year-before-compared and year-before-after: "(năm trước là 32 sản phẩm)", "318 sản phẩm của một năm
    trước" after a count of its sentence: that count's year, less one."""
    text = p.text
    sent = p.sentences[c.sent]
    lo = max(sent.start, c.start - 30)
    rule = "year-before-compared"
    if not may_contain(text, ("(",), lo, c.start) or not _COMPARED_BEFORE.search(text, lo, c.start):
        rule = "year-before-after"
        if not may_contain(text, ("trước", "ngoái"), c.noun_end, min(sent.end, c.noun_end + 30)) or not TABLE.match(
                rule, text, c.noun_end, min(sent.end, c.noun_end + 30)):
            return False
    before = [x for x in p.counts[c.sent] if x.start < c.start and x.result and x.year is not None]
    if not before:
        return False
    _set(c, before[-1].year - 1, rule)
    return True


def _month_past(p: Passage, c: Count, start: int) -> bool:
    """Rule month-past: "hồi tháng 9", "tháng 7 vừa qua" before a count that is no target."""
    if p.article_year is None or c.status == "target" or not may_contain(p.text, ("tháng",), start, c.start):
        return False
    m = g.last(_MONTH_PAST.finditer(p.text, start, c.start))
    if m is None:
        return False
    month = int(m.group(1) or m.group(2))
    _set(c, p.article_year - 1 if _after_article(p, month) else p.article_year, "month-past")
    return True


def _past_year_end(p: Passage, c: Count, start: int) -> bool:
    """Rule past-year-end: an achieved count at "cuối năm" / "đến hết năm" with no year, in a piece of January to
    June: the year before the article's. Also month-past."""
    if _month_past(p, c, start):
        return True
    date = p.article_date or ""
    if p.article_year is None or c.status != "achieved" or not date[5:7].isdigit() or int(date[5:7]) > 6:
        return False
    if not may_contain(p.text, ("hết", "cuối"), start, c.start) or not _PAST_YEAR_END.search(p.text, start, c.start):
        return False
    _set(c, p.article_year - 1, "past-year-end")
    return True


def _years_of_period(p: Passage, c: Count, undated: re.Match[str]) -> bool:
    """Rule years-of-period: "Sau 5 năm" when the lead names a period of five years ("giai đoạn 2019–2023")."""
    m = TABLE.match("years-of-period", p.text, undated.start(), undated.end())
    if m is None:
        return False
    n = int(m.group(1))
    for sent in lead(p)[:3]:
        for span in _PERIOD_SPAN.finditer(p.text, sent.start, sent.end):
            first, last = int(span.group(1)), int(span.group(2))
            if last - first + 1 == n:
                _set(c, last, "years-of-period")
                return True
    return False


def _since_lunar_new_year(p: Passage, c: Count, start: int) -> bool:
    """Rule since-lunar-new-year: "Từ sau Tết Nguyên đán Giáp Thìn đến nay": that Tết's year."""
    if p.article_year is None or not may_contain(p.text, ("tết",), start, c.start):
        return False
    m = TABLE.search("since-lunar-new-year", p.text, start, c.start)
    if m is None:
        return False
    year = lunar_year(m.group(1) or "", p.article_year) or p.article_year
    _set(c, year, "since-lunar-new-year")
    return True


def lunar_year(name: str, around: int) -> int | None:
    """The year a stem and branch name ("Giáp Thìn" → 2024), the one nearest ``around``."""
    words = name.lower().split()
    if len(words) != 2 or words[0] not in _STEMS:
        return None
    branch = next((i for i, names in enumerate(_BRANCHES) if words[1] in names), None)
    if branch is None:
        return None
    for delta in range(0, 31):
        for year in (around + delta, around - delta):
            if year % 10 == _STEMS.index(words[0]) and year % 12 == branch:
                return year
    return None


def _reviewed(p: Passage) -> int | None:
    if "reviewed" not in p.memo:
        p.memo["reviewed"] = year_reviewed(p)
    return p.memo["reviewed"]


def year_reviewed(p: Passage) -> int | None:
    """Rule year-reviewed: a lead reporting a year's review ("hội nghị tổng kết năm") that names no year, in a
    piece of January to June: the year before the article's."""
    date = p.article_date or ""
    if p.article_year is None or not date[5:7].isdigit() or int(date[5:7]) > 6:
        return None
    for sent in lead(p)[:3]:
        if may_contain(p.text, ("kết",), sent.start, sent.end) and TABLE.search("year-reviewed", p.text, sent.start,
                                                                                  sent.end):
            return p.article_year - 1
    return None
