"""The basis reader: a running total or stock (``cumulative``) or what one round, decision, year or
period added (``new``), per GOLD_FORMAT.md.

Cues are read right to left from the count back to the end of the previous count's own words; the
nearest strong one decides ("thêm", "mới", "lũy kế", "toàn tỉnh có", "đến nay"). A part has its
whole's basis unless it says its own; a count in a list the basis of the count before it.
"""

from __future__ import annotations

import re

from extractors.figures import grammar as g
from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded, may_contain
from extractors.figures.passage import Passage
from extractors.figures.rules import Example, Hit, Rule, RuleTable
from extractors.figures.zones import clause_start, own_end, row_before

_I = re.IGNORECASE

CUES = RuleTable("basis: cues", "basis", [
    Rule("running-total", r"l[ũu]y\s+kế|luỹ\s+kế|tính\s+chung(?!\s+(?:cả\s+)?(?:\d+\s+|hai\s+|ba\s+|các\s+)?đợt)|tính\s+đến|đến\s+nay|tới\s+nay|hiện\s+nay|hiện\s+có"
                          r"|hiện\s+tại|đang\s+có|hiện\s+(?:toàn|cả|tỉnh|huyện|thành\s+phố|thị\s+xã)|(?<![^\W\d_]\s)(?<!\w)hiện(?=\s+(?:[^\W\d_]+\s+){1,4}?(?:(?:đã|đang)\s+)?có\s)|thời\s+điểm\s+này|(?:hiện|đang)\s+sở\s+hữu"
                          r"|(?<!quý\s[ivx]\s)(?<!quý\s[ivx]{2}\s)(?<!quý\s[ivx]{3}\s)(?<!tháng\s\d\s)(?<!tháng\s\d\d\s)(?<!năm\s)trước\s+đó(?![,\s]+(?:vào\s+)?(?:năm|tháng|đợt)\s+\d)(?![,\s]+(?:tại|theo|ở)\s+(?:quyết\s+định|đợt))|(?<![^\W\d_]\s)(?<!\w)nay\s+là(?!\w)|nằm\s+trong\s+(?:tổng\s+)?số"
                          r"|(?<!\w)giữ\s+nguyên(?=(?:\s+(?:ở\s+mức|là))?\s*(?:$|\d))", "cumulative",
         Example("Lũy kế đến nay, huyện đã công nhận 46 sản phẩm OCOP.", 46, "cumulative"),
         "a total up to now, what a place or owner now has ('hiện sở hữu 97 sản phẩm', 'Hiện Mộc Châu có 61'), the "
         "stock a round's products are among ('nằm trong số 248 sản phẩm OCOP của tỉnh'); not 'năm trước đó' (a year), "
         "not 'Trước đó, tại Quyết định số …' (an earlier round's decision), nor 'Quý II trước đó' (a quarter: that "
         "quarter's products), nor 'Trước đó, 5 sản phẩm … đều được công "
         "nhận lại trong đợt …' (an earlier round's re-certification); ', nay là 231' (the stock now); 'số sản phẩm 5 sao "
         "của tỉnh giữ nguyên 3 sản phẩm' (a stock unchanged at 3, not the year's); a count in brackets after a point in "
         "time, 'so với thời điểm 30/6/2023 (230 sản phẩm)', is the stock then, even after a rise"),
    Rule("total-word", r"(?<!trong\s)tổng\s+số|(?<!\w)tổng(?=\s+có)"
                       r"|(?<!\w)số\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+\d\s*sao(?:(?!trong|năm|đợt|mới|được|công)[^.;:\d]){0,30}?\slà(?!\w)",
         "cumulative",
         Example("Tổng số sản phẩm OCOP của huyện là 61 sản phẩm.", 61, "cumulative"),
         "the total, and the number of a level 'số sản phẩm 3 sao là 225' (not of a year or round)"),
    Rule("raised-total", r"nâng\s+(?:tổng\s+)?số|đưa\s+tổng\s+số"
                         r"|(?<!\w)số\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?(?:\s+\d\s*sao)?[^.;:\d]{0,40}?\s(?:tăng\s+)?lên(?!\w)|(?<!\w)tăng\s+lên(?!\w)"
                         r"|(?<=\d,\s)(?<!(?:19|20)\d\d,\s)lên(?!\w)"
                         r"|(?<!\w)số\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?(?:(?!trong|năm|đợt|mới|được|công)[^.;:\d]){0,40}?\sđạt(?!\w)(?!\s+(?:chuẩn|tiêu|hạng|\d+\s*sao))"
                         r"|(?<!\w)tăng\s+từ(?!\w)",
         "cumulative",
         Example("Năm 2023 công nhận 23 sản phẩm, nâng tổng số sản phẩm OCOP của tỉnh lên 198.", 198, "cumulative"),
         "the total a round raised ('nâng tổng số lên', 'số sản phẩm OCOP của huyện đã lên tới 71', 'đưa số sản phẩm "
         "4 sao của huyện lên 5', 'tăng lên 120 sản phẩm', 'tăng thêm 19, lên 312': risen to, not by), the total reached 'Số sản phẩm OCOP toàn tỉnh vì thế đạt 231' (not 'đạt chuẩn', "
         "not of a year or round), and both ends of a rise 'tăng từ 32 sản phẩm năm 2019 lên 214 sản phẩm'"),
    Rule("as-of-end", r"(?<!tháng\s\d\s)(?<!tháng\s\d\d\s)(?:đến|tới)\s+(?:hết|cuối|thời\s+điểm|ngày|tháng)|(?:đến|tới)\s+năm\s+(?:19|20)\d\d"
                      r"|kết\s+thúc\s+năm|(?<![^\W\d_]\s)(?<![^\W\d_])(?:hết|cuối)\s+năm\s+(?:19|20)\d\d\s*,", "cumulative",
         Example("Đến hết năm 2022 có 203 sản phẩm OCOP được công nhận.", 203, "cumulative"),
         "a stock at a date, or a target stock 'đến năm 2025 có 300', also a clause opened by 'Hết năm 2024,' or "
         "(not the end of a span of months 'từ tháng 1 đến tháng 8': part-of-year's) "
         "'Cuối năm 2021,' "
         "(not a date in brackets before the count: 'Năm 2025 (đến ngày 15/11): 40 sản phẩm' is the year's products "
         "so far)"),
    Rule("ranking", r"(?:đứng|xếp|vị\s+trí)\s+(?:ở\s+)?(?:thứ|vị\s+trí|hạng)\s+(?:\d+|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)(?!\w)"
                    r"|(?:đứng|xếp)\s+(?:đầu|cuối|chót)"
                    r"|nhiều\s+s[ảa]n\s+ph[ẩa]m\s[^.;,]{0,40}?nhất(?:\s+(?:tỉnh|huyện|thành\s+phố|cả\s+nước|toàn\s+quốc|vùng|khu\s+vực))?\s+(?:với|là)"
                    r"|(?<!\w)có\s+(?:nhiều|ít)\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?(?:\s+nhất)?\s*(?:là|(?:bao\s+)?gồm|:|,\s*lần\s+lượt)"
                    r"|số\s+(?:lượng\s+)?s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?(?:\s+\d\s*sao)?\s[^.;,\d]{0,30}?(?:nhiều|lớn|cao)\s+nhất[^.;,\d]{0,30}?\svới"
                    r"|dẫn\s+đầu[^.;,\d]{0,40}?\svề\s+số(?:\s+lượng)?\s+s[ảa]n\s+ph[ẩa]m[^.;,\d]{0,20}?\svới"
                    r"|dẫn\s+đầu\s+(?:cả\s+nước|toàn\s+quốc|khu\s+vực|vùng|miền)[^.;,\d]{0,30}?\svới", "cumulative",
         Example("Với 142 sản phẩm OCOP, tỉnh đứng thứ 3 khu vực miền Trung.", 142, "cumulative"),
         "a place ranked by its number of products ('đứng thứ 3', 'huyện có nhiều sản phẩm nhất với 33', "
         "'Các huyện có nhiều sản phẩm là A 45 sản phẩm, B 41 sản phẩm', 'Các xã có nhiều sản phẩm nhất gồm: …', "
         "'A, B có ít sản phẩm nhất, lần lượt 84 và 97 sản phẩm', "
         "'đứng thứ hai', 'đứng cuối vùng với 150', 'có nhiều sản phẩm OCOP nhất tỉnh với 27', 'có số sản phẩm 4 sao nhiều nhất tỉnh với 11', "
         "'có số sản phẩm OCOP lớn nhất cả nước "
         "với 412', 'dẫn đầu tỉnh về số sản phẩm OCOP với 41'): its stock (a year ranked, 'Năm 2024 là năm có "
         "nhiều sản phẩm nhất với 56', has that year's; 'X dẫn đầu với 15' may rank a round — but not after a clause about "
         "the places now: 'đến nay 8/8 huyện đều có sản phẩm; Thuận Thành dẫn đầu với 41' ranks stocks; 'dẫn đầu cả nước "
         "với 12' ranks provinces)",
         needs=("đứng", "xếp", "vị", "nhất", "nhiều", "dẫn")),
    Rule("consequence", r"(?:như\s+vậy|với\s+kết\s+quả\s+(?:này|trên|đó)|sau\s+(?:đợt|lần)\s+(?:này|công\s+nhận\s+này|đánh\s+giá\s+này|(?:đánh\s+giá|xét|rà\s+soát)(?:\s+lại)?(?!\s+(?:năm|đợt)\s)))"
                    r"(?![\s,]+(?:(?:trong\s+)?năm\s+(?:19|20)\d\d|(?:cả|trong)\s+năm(?!\w)|năm\s+nay(?!\w)))(?=[\s,]+[^.;]{0,50}?(?:(?:đã|hiện)\s+)?có)",
         "cumulative",
         Example("Với kết quả này, tỉnh có 11 sản phẩm OCOP 5 sao.", 11, "cumulative"),
         "'Như vậy, … đã có N', 'Với kết quả này tỉnh có N', 'Sau đợt này, Tam Đảo có 29', 'Sau đợt đánh giá lại, X "
         "có 27': the total after the "
         "round (not 'Như vậy, năm 2023 tỉnh có 83 sản phẩm đạt OCOP', 'Như vậy, cả năm huyện có 16 sản phẩm được "
         "công nhận', 'Như vậy, năm nay Hà Tĩnh có 58': the year's sum)"),
    Rule("since-start", r"từ\s+(?:khi|lúc)\s+(?:[^\W\d_]+\s+){0,4}?(?:được\s+)?(?:triển\s+khai|thực\s+hiện|bắt\s+đầu)|(?:sau|qua)\s+(?:hơn\s+)?\d+\s+năm"
                        r"|giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?(?:2018|2019)|(?<!\w)(?:các|những)\s+năm\s+trước(?!\w)", "cumulative",
         Example("Sau 5 năm triển khai, tỉnh có 120 sản phẩm OCOP.", 120, "cumulative"),
         "a sum since the programme started (also 'Kể từ khi Chương trình OCOP được triển khai vào năm 2018, …'), and "
         "of every year before ('Các năm trước đó, huyện được công nhận 13', 'tính cả … từ những năm trước'); not 'sau "
         "4 năm (2021–2024)' when the passage names an earlier phase that ended before it ('giai đoạn 2018–2020'): "
         "that later phase's products"),
    Rule("before-merger", r"(?<!\w)(?:trước\s+(?:khi\s+)?(?:hợp\s+nhất|sáp\s+nhập|sắp\s+xếp)|trước\s+đây|khi\s+còn\s+(?:là\s+)?"
                          r"(?:cấp\s+)?huyện)(?!\w)(?=[^.;]{0,100}?\s(?:(?:đã|chỉ|mới|từng)\s+)?có\s)", "cumulative",
         Example("Trước khi sắp xếp, huyện Gia Lâm có 125 sản phẩm OCOP.", 125, "cumulative"),
         "what a place had before the 2025 merger or the end of the district level ('Trước khi hợp nhất, A, B và C lần "
         "lượt có …', 'Trước đây, khi còn cấp huyện, huyện X có 21'): its stock then, not a round's",
         needs=("trước", "còn")),
    Rule("place-has", r"(?:toàn|cả)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quận|nước|quốc|xã|vùng)"
                      # "toàn tỉnh Bà Rịa-Vũng Tàu hiện đã có": the place's name may follow (read_basis checks
                      # that the words between are a name)
                      r"(?:\s+(?!(?:mới|chỉ)\s)[^\W\d_][\w'’-]*){0,5}?"  # not 'toàn tỉnh mới có': has-only's
                      r"(?=\s+(?:(?:hiện|đã|đang|hiện\s+đã)\s+)?(?:có|đạt)(?!\s+thêm))"
                      r"|trên\s+địa\s+bàn(?:\s+\w+){0,3}\s+(?:hiện\s+|đã\s+)?có(?!\s+thêm)", "cumulative",
         Example("Toàn tỉnh có 155 sản phẩm OCOP.", 155, "cumulative"), "what the whole place has"),
    Rule("per-place-has", r"mỗi\s+(?:huyện|xã|quận|địa\s+phương|thị\s+xã|thành\s+phố|phường|đơn\s+vị|đặc\s+khu)"
                          r"(?:\s*,\s*(?:huyện|quận|thị\s+xã|thành\s+phố|xã|phường|thị\s+trấn|đặc\s+khu))*"
                          r"\s+(?:(?:đều|phải)\s+)?(?:có|đạt)(?!\s+thêm)", "cumulative",
         Example("Năm 2025, mỗi huyện, thành phố có ít nhất 3 sản phẩm OCOP 4 sao.", 3, "cumulative"),
         "a target 'mỗi huyện có (ít nhất) N': what each place is to have, a stock (also of the units since the "
         "2025 merger: 'mỗi xã, phường, đặc khu có ít nhất 1 sản phẩm')"),
    Rule("has-only", r"(?<!\w)(?<!phẩm\s)(?:mới|chỉ)\s+(?:chỉ\s+)?có(?!\s+thêm)", "cumulative",
         Example("Năm 2020, huyện mới chỉ có 3 sản phẩm OCOP; đến nay đã có 28 sản phẩm.", 3, "cumulative"),
         "'X mới (chỉ) có N', 'chỉ có N': all a place had then (only so many), a stock, not what a year added "
         "(a year opening the clause of products said to be recognised makes them a round's: 'năm 2023 chỉ có 19 "
         "sản phẩm được công nhận', and so does a year and a subject before it, the count's own clause saying "
         "they were recognised: 'năm 2023 toàn tỉnh chỉ có 26 sản phẩm được công nhận'); not 'sản phẩm mới có 11' "
         "(the new products include 11)",
         needs=("mới", "chỉ")),
    Rule("has-already", r"(?<!\w)đã\s+có(?!\s+thêm)", "cumulative",
         Example("Tổng cộng, tỉnh Đắk Nông đã có 52 sản phẩm OCOP.", 52, "cumulative"),
         "'X đã có N': what a place has so far (a year or the decision opening the clause of products said "
         "to be recognised makes them a round's, as for 'toàn tỉnh có')"),
    Rule("added", r"(?<!\w)thêm(?!\w)|(?<!\w)tăng(?!\w)(?!\s+từ(?!\w))", "new",
         Example("Năm 2024, thị xã có thêm 8 sản phẩm OCOP.", 8, "new"), "more products, an increase"),
    Rule("new-round", r"(?:công\s+nhận|cấp|phân\s+hạng|chứng\s+nhận|xếp\s+hạng|phát\s+triển|xây\s+dựng)\s+mới"
                      r"|(?<!\w)số\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+mới(?!\s+(?:có|chỉ|được|đạt|là)(?!\w))", "new",
         Example("Mục tiêu năm 2024 công nhận mới 40 sản phẩm.", 40, "new"),
         "newly recognised; 'Số sản phẩm mới ít hơn, chỉ 8 sản phẩm': the number of new products"),
    Rule("to-develop", r"(?:phát\s+triển|xây\s+dựng)(?:\s+(?:được|thêm|mới|ít\s+nhất|khoảng|tối\s+thiểu|từ|trên|hơn))*\s*$",
         "new", Example("Chỉ tiêu của Đề án là đến năm 2025 phát triển 40 sản phẩm OCOP.", 40, "new"),
         "a target of products to be developed or built ('đến năm 2025 phát triển 40 sản phẩm', 'xây dựng ít nhất 7 sản "
         "phẩm'): more products, not a stock, even after a target's date (not what was developed: 'Từ năm 2019 đến nay, "
         "huyện đã phát triển được 21 sản phẩm' is the stock)", needs=("phát", "xây")),
    Rule("recertified", r"(?:công\s+nhận|cấp|chứng\s+nhận)\s+lại|(?<!đợt\s)(?<!lần\s)đánh\s+giá\s+lại|tái\s+(?:công\s+nhận|chứng\s+nhận)"
                        r"|nâng\s+hạng|nâng\s+cấp", "new",
         Example("Hội đồng công nhận lại 14 sản phẩm hết hạn.", 14, "new"),
         "certified again, upgraded (also said after the count: '12 sản phẩm có giấy chứng nhận hết hạn trong năm đã "
         "được đánh giá lại')"),
    Rule("per-year", r"mỗi\s+năm|hằng\s+năm|hàng\s+năm|bình\s+quân", "new",
         Example("Bình quân mỗi năm tỉnh có 15 sản phẩm được công nhận.", 15, "new"),
         "every year (not the rate of a quantity before it: 'sản xuất 60.000 lít mỗi năm, có 3 sản phẩm')"),
    Rule("part-of-year", r"cùng\s+kỳ|(?<!\w)(?<!hết\s)(?<!cuối\s)(?:\d{1,2}|sáu|chín)\s+tháng(?:\s+(?:đầu|cuối))?\s+năm"
                         r"|(?<!\w)(?<!hết\s)(?<!cuối\s)quý\s+(?:[ivx]+|\d)(?!\w)|(?:tính\s+)?từ\s+đầu\s+năm"
                         r"|(?<!\w)từ\s+tháng\s+\d{1,2}\s+(?:đến|tới)\s+(?:hết\s+)?tháng\s+\d{1,2}(?![\d/])"
                         r"|[0-9](?:(?<=chung\s.)|(?<=kế\s.)|(?<=riêng\s.))(?:(?<=1)[0-2]|(?<=0)[1-9]|(?<=[1-9]))\s+tháng(?=\s*,)",
         "new", Example("Cùng kỳ năm 2024, huyện mới có 6 sản phẩm được công nhận.", 6, "new"),
         "a part of a year ('6 tháng đầu năm', 'trong 9 tháng năm 2024', 'cùng kỳ', 'quý III', 'từ đầu năm') bounds "
         "what a place 'mới có', 'đã có', 'toàn tỉnh có' then, and the 'đến nay' that ends 'từ đầu năm … đến nay': that "
         "period's products, not a stock (not a date it ends at: 'đến cuối quý III/2023, toàn tỉnh có 127' is a stock); "
         "a year and then a day of it, 'năm nay, tính đến ngày 15/11, tỉnh đã công nhận 71', and a bulletin's 'Lũy kế 6 "
         "tháng, …', 'Tính chung 11 tháng, …' likewise bound the year so far; so does a span of months 'Từ tháng 1 đến "
         "tháng 8 năm nay, … công nhận 27' (not 'đến tháng 8' alone: a stock at that month)",
         needs=("kỳ", "tháng", "quý", "đầu")),
    Rule("in-round", r"trong\s+(?:năm|đợt|kỳ)|(?<!\w)(?<!sau\s)(?<!trước\s)đợt(?!\w)|(?<!\w)vừa(?!\w)|lần\s+đầu|riêng\s+năm"
                     r"|kết\s+quả", "new",
         Example("UBND huyện vừa công nhận 16 sản phẩm đạt 3 sao.", 16, "new"), "one round, just now, the result (not 'Sau đợt này': the total after it; not 'Trước đợt rà soát': before it)"),
    Rule("decision", r"quyết\s+định", "new (weak)",
         Example("Quyết định số 12/QĐ-UBND cho 8 sản phẩm đạt chuẩn OCOP.", 8, "new"), "a decision's own count"),
    Rule("recognition-verb", r"(?<!được\s)(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng|phân\s+hạng)(?!\s+(?:lại|mới))",
         "new (weak)", Example("UBND tỉnh công nhận 30 sản phẩm OCOP.", 30, "new"), "the act of recognising"),
    Rule("year-plan", r"kế\s+hoạch\s+năm|chỉ\s+tiêu\s+năm", "new (weak)",
         Example("Kế hoạch năm 2023 có ít nhất 15 sản phẩm đạt 3 sao.", 15, "new"), "a year's plan"),
    Rule("in-year", r"(?<!\w)năm\s+(?:19|20)\d\d", "new (weak)",
         Example("Năm 2023 có 45 sản phẩm được công nhận.", 45, "new"), "a year opening the clause"),
], doc="Scanned right to left from the count; the nearest strong cue decides, a weak one decides only "
       "when no strong cue is further left. 'Năm 2022, toàn tỉnh có 109 sản phẩm … được công nhận' and "
       "'Theo đó, toàn tỉnh có 19 sản phẩm được công nhận' are a round's (a year or the decision opens the "
       "clause and the count is said to be recognised), and so is 'Hai đợt trước trong năm, tỉnh đã có 31 sản "
       "phẩm được công nhận' (the rounds of the year, then the subject).",
   values="`cumulative`, `new`, `new (weak)`")

CONTEXT = RuleTable("basis: context", "basis", [
    Rule("new-after-noun", r"\s*(?:OCOP\s+)?(?:trong\s+số\s+(?:này|đó|trên)\s*,?\s*)?(?:của\s+[^,.;\d]{1,40}?\s+(?=(?:đã\s+)?được\s))?"
                           r"(?:(?:(?:được\s+)?(?:công\s+nhận|cấp|chứng\s+nhận)\s+)?(?:mới|lần\s+đầu)"
                           r"|(?:đã\s+)?được\s+(?:đánh\s+giá\s*,\s*)?(?:công\s+nhận|cấp|chứng\s+nhận)\s+lại"
                           r"|(?:đã\s+)?được\s+đánh\s+giá\s+lại|được\s+tái\s+(?:công\s+nhận|chứng\s+nhận)"
                           r"|(?:(?:đã\s+)?được\s+)?nâng(?:\s+hạng)?\s+(?:từ|lên)|đợt\s+\d+)(?!\w)",
         "new", Example("Trong năm, huyện có 14 sản phẩm OCOP mới.", 14, "new"),
         "'N sản phẩm mới', 'lần đầu', 'được công nhận lại', 'được tái công nhận' (certified again in a round; also "
         "'N sản phẩm trong số này đã được đánh giá, công nhận lại' after 'Đến cuối năm,': re-certified that year), "
         "'được nâng hạng từ 3 sao lên 4 sao', 'chỉ có 2 sản phẩm nâng hạng lên 4 sao', 'một sản phẩm của hợp tác xã "
         "được nâng lên bốn sao' (upgraded: a round's, not the stock), "
         "'N sản phẩm đợt 1' (a round's, even after 'Trước đó')", needs=("mới", "lần", "lại", "tái", "đợt", "nâng")),
    Rule("against-year-plan", r"[^.;]{0,60}?,?\s*(?:đạt|bằng|vượt)\s+[\d.,]+\s*%\s*(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu"
                              r"|mục\s+tiêu)(?!\s+(?:[\d.,]+\s+s[ảa]n\s+ph[ẩa]m\s+)?(?:giai\s+đoạn|đến\s+(?:hết\s+)?năm|của\s+(?:đề\s+án|chương\s+trình)))"
                              r"(?![^.;()]{0,60}?(?:nhiệm\s+kỳ|giai\s+đoạn\s+\d|đến\s+năm))",
         "new", Example("Năm nay tỉnh đã cấp chứng nhận cho 43/34 sản phẩm, đạt 126,5% kế hoạch.", 43, "new"),
         "'N sản phẩm …, đạt X% kế hoạch': a year's products against the year's plan (not a phase's: 'đạt 100% "
         "kế hoạch giai đoạn', 'vượt 28,5% so với mục tiêu của Đề án', 'đạt 87% mục tiêu 225 sản phẩm đến năm 2025', "
         "'bằng 106,7% chỉ tiêu Nghị quyết … nhiệm kỳ 2020-2025' measure a stock)", needs=("%",)),
    Rule("stock-after-noun", r"\s*(?:OCOP\s+)?(?:hiện\s+có|còn\s+hiệu\s+lực|đã\s+được\s+(?:công\s+nhận|chứng\s+nhận|cấp)\s+(?:năm\s+)?"
                             r"(?:19|20)\d\d\s*,|đã\s+được\s+gắn\s+sao|(?:vào|cho)\s+tổng\s+số"
                             r"|,\s*theo\s+số\s+liệu\s+(?:tính\s+)?(?:đến|tới))", "cumulative",
         Example("Củng cố chất lượng 44 sản phẩm OCOP đã được chứng nhận năm 2019, 2020, 2021.", 44, "cumulative"),
         "'N sản phẩm hiện có', '… còn hiệu lực' (still valid), '… đã được gắn sao' (already starred), products "
         "certified over several rounds, a share 'đóng góp N sản phẩm vào tổng số của tỉnh', a count ', theo số liệu "
         "đến hết tháng 8/2025' (counted to a date): the stock",
         needs=("hiện", "đã", "còn", "tổng", "liệu")),
    Rule("same-time-after", r"\s*(?:ocop\s+)?\)?\s*(?:(?:và|,)\s+[^.;()\d]{1,40}?\(\s*\d[\d.,]*\s+s[ảa]n\s+ph[ẩa]m\s*\)\s*)*"
                            r"cùng\s+thời\s+điểm(?!\s+(?:năm|của\s+năm|này\s+năm))(?!\w)", "cumulative",
         Example("So với huyện Lục Ngạn (41 sản phẩm) và huyện Lạng Giang (28 sản phẩm) cùng thời điểm, kết quả còn khiêm "
                 "tốn.", 41, "cumulative"),
         "a place's count compared 'cùng thời điểm' (at the same point in time): its stock then (not 'cùng thời "
         "điểm năm trước': the same period of another year)", needs=("điểm",)),
    Rule("share-of-stock", r"\s*(?:ocop\s+)?(?:đạt\s+)?(?:hạng\s+)?0?[1-5]\s*sao\s*,\s*chiếm\s+(?:gần\s+|hơn\s+|khoảng\s+)?[\d.,]+\s*%",
         "cumulative",
         Example("Đến hết tháng 6/2024, toàn vùng có 2.614 sản phẩm OCOP. Nhưng chỉ 388 sản phẩm đạt 4 sao, chiếm 14,8%.", 388,
                 "cumulative"),
         "the first count of a sentence, of one level and given as a share ('N sản phẩm đạt 4 sao, chiếm 14,8%'), "
         "right after a sentence that ends on a stock: that stock's part, not a round's", needs=("chiếm",)),
    Rule("same-measure", r"(?<!\w)con\s+số\s+(?:này|đó|trên)(?!\w)|(?<!\w)con\s+số\s*$", "the previous count's",
         Example("Năm 2019, tỉnh chỉ có 15 sản phẩm OCOP. Năm 2021, con số này là 67 sản phẩm.", 67, "cumulative"),
         "'con số này là N': the same measure as the count before, at another date; 'con số 141 sản phẩm nêu trong báo "
         "cáo' (a figure given before, recalled to be corrected) likewise", needs=("con",)),
    Rule("compared-in-brackets", r"\(\s*(?:so\s+với\s+)?(?:cuối\s+|hết\s+)?năm\s+(?:(?:19|20)\d\d|trước|ngoái)\s+(?:là|có|mới\s+có|chỉ\s+có)"
                                 r"\s*(?:khoảng\s+|gần\s+|hơn\s+)?$", "the basis of the count compared",
         Example("Toàn xã hiện có 12 sản phẩm OCOP (năm 2023 là 9 sản phẩm).", 9, "cumulative"),
         "a count in brackets that gives the same measure at an earlier year ('(năm 2023 là 9 sản phẩm)', '(năm trước "
         "là 32 sản phẩm)') has the basis of the count it is compared with: a stock's is a stock, a year's products "
         "a year's", needs=("năm",)),
    Rule("dated-part", r"\s*(?:ocop\s+)?(?:(?:đã|vừa|mới)\s+)?được\s+(?:[^\W\d_]+\s+){0,4}?(?:công|chứng)\s+nhận\s+"
                       r"(?:vào\s+)?(?:(?:đầu|cuối|giữa)\s+)?(?:năm\s+|tháng\s+\d{1,2}\s*[/-]\s*)(?:19|20)\d\d(?!\d)", "new",
         Example("Lũy kế, tỉnh có 362 sản phẩm OCOP, trong đó 14 sản phẩm 5 sao (tính cả 2 sản phẩm được Bộ công nhận "
                 "đầu tháng 4/2024).", 2, "new"),
         "a part of a stock whose own words date its recognition ('… 2 sản phẩm được Bộ công nhận đầu tháng 4/2025') "
         "is that round's products, not the stock", needs=("nhận",)),
    Rule("whole-basis", r"trong\s+đó", "the whole's",
         Example("Đến cuối năm 2023, tỉnh có 77 sản phẩm OCOP. Trong đó, 9 sản phẩm đạt 4 sao.", 9, "cumulative"),
         "the parts of a breakdown take their whole's basis (also a part said 'chỉ có' of the whole named in its "
         "sentence: 'Trong số 86 sản phẩm ấy, chỉ có 9 sản phẩm 4 sao' — only so many of them, not a stock)"),
    Rule("list-basis", r",|;|và", "the previous count's",
         Example("Toàn tỉnh có 140 sản phẩm OCOP; 12 sản phẩm 4 sao và 128 sản phẩm 3 sao.", 128, "cumulative"),
         "a count in a list with no cue takes the basis of the count before it (also past a ';' whose clause only "
         "names the next place that has: 'Hải Lăng hiện có 31 sản phẩm; huyện Cam Lộ có 22 sản phẩm', 'xã A 17 sản "
         "phẩm; phường B 15 sản phẩm')"),
    Rule("measured-plan", r"\(", "the basis of the count measured",
         Example("Toàn tỉnh có 687 sản phẩm OCOP, tăng 431 sản phẩm so với cuối năm 2020, vượt chỉ tiêu đề ra "
                 "(600 sản phẩm).", 600, "cumulative"),
         "a plan in brackets after the count measured against it ('vượt chỉ tiêu … (600 sản phẩm)', 'đạt 130% kế "
         "hoạch năm (40 sản phẩm)') has that count's basis: the first count of its sentence (not a part, not a rise), "
         "else the last of the sentence before — a stock's plan is a stock, a year's plan of new products (and "
         "'kế hoạch năm (40 sản phẩm)' with no year of its own takes the measured count's year)"),
    Rule("proposal", r"đề\s+nghị|đề\s+xuất|tiềm\s+năng", "new",
         Example("Hội đồng đề nghị Trung ương xem xét công nhận 3 sản phẩm OCOP 5 sao.", 3, "new"),
         "products proposed for a rank are that round's"),
    Rule("target-by-year", r"(?:đến|tới)\s+năm\s+(?:19|20)\d\d", "cumulative",
         Example("Chỉ tiêu chủ yếu đến năm 2025: 60% số xã đạt chuẩn; có ít nhất 150 sản phẩm OCOP.", 150, "cumulative"),
         "a target of a list whose sentence (or section heading: '2. Định hướng đến năm 2030') opens 'đến năm 2025' is "
         "a stock, like 'đến năm 2025 có 300', and so is 'phấn đấu có 350 sản phẩm vào năm 2025' (the year after "
         "the count, 'có' not 'có thêm' before it)",
         needs=("đến", "tới")),
    Rule("list-row", r"[ \t]*[-–•+]\s", "the row before's, or the list's opening line's",
         Example("Toàn huyện có 40 sản phẩm OCOP. Các xã có nhiều sản phẩm:\n- Xã An Bình: 9 sản phẩm;\n"
                 "- Xã Tân Lập: 7 sản phẩm.", 7, "cumulative"),
         "a '- ' row with no cue of its own takes the basis of the row above it, the first row that of the "
         "cues of the line that opens the list ('Các xã có nhiều sản phẩm:' under a stock)"),
    Rule("ranked-after-stock", r"[\W\d_]*(?:dẫn\s+đầu|đứng\s+đầu|nhiều\s+nhất)\s+là(?!\w)", "cumulative",
         Example("Đến hết năm 2025, toàn vùng có 900 sản phẩm OCOP. Dẫn đầu là tỉnh An Giang với 300 sản phẩm, tiếp đến "
                 "tỉnh Cà Mau 250 sản phẩm.", 300, "cumulative"),
         "a sentence that opens by ranking places ('Dẫn đầu là tỉnh A với N, tiếp đến …') right after a stock ranks "
         "that stock's shares (after a round, the round's)", needs=("đầu", "nhất")),
    Rule("ranked-heading", r"(?:(?<!\w)top\s+\d+(?!\w)|(?<!\w)có\s+nhiều\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+nhất(?!\w))"
                           r"(?![^\n]*?(?:đợt|(?:19|20)\d\d|trong\s+năm|năm\s+nay|mới))", "cumulative",
         Example("Toàn tỉnh công nhận 57 sản phẩm trong năm 2023.\n\nTOP 3 ĐỊA PHƯƠNG CÓ NHIỀU SẢN PHẨM NHẤT\n"
                 "1. Thành phố Chí Linh: 31 sản phẩm\n2. Huyện Thanh Hà: 27 sản phẩm", 27, "cumulative"),
         "the rows under a heading that ranks places by their number of products ('TOP 3 ĐỊA PHƯƠNG CÓ NHIỀU SẢN "
         "PHẨM NHẤT', an infographic's or data card's block) are the places' stocks, even after a round's count "
         "(not a heading that names a round or year: 'Top 3 huyện có nhiều sản phẩm nhất đợt 2', 'năm 2024')",
         needs=("top", "nhất")),
    Rule("plan-progress", r"$", "new",
         Example("Năm 2025, thành phố đặt kế hoạch công nhận 45 sản phẩm; đến ngày 30/9/2025 đã có 31 sản phẩm được "
                 "công nhận.", 31, "new"),
         "products said to be recognised, after a plan of new products for the same year in the same sentence: "
         "how far the year's plan has come (even said 'đến ngày … đã có', 'đến hết tháng 6 mới có 19 sản phẩm được UBND "
         "tỉnh công nhận', or 'đến nay đã đạt 64 sản phẩm'), not a stock; also in the next sentence when it opens with a "
         "month of no year of its own ('Đến tháng 10, A đã đạt 46 sản phẩm')"),
    Rule("target-added", r"$", "new",
         Example("Huyện phấn đấu có ít nhất 6 sản phẩm đạt 3 sao.", 6, "new"),
         "a target with no stock word ('đến năm 2025 có', 'nâng tổng số') is so many more products"),
    Rule("round-result", r"$", "new",
         Example("Phê duyệt kết quả đánh giá sản phẩm OCOP đợt 1 năm 2022\n\nCó 12 sản phẩm đạt 3 sao.", 12, "new"),
         "in a passage that reports one round, a result with no cue of its own is that round's"),
    Rule("plain-has", r"$", "cumulative",
         Example("Huyện Cờ Đỏ có 21 sản phẩm OCOP.", 21, "cumulative"),
         "otherwise, what a place has"),
], doc="Tried in this order when the cues say nothing.", values="`cumulative`, `new`")

# "toàn tỉnh", "toàn tỉnh Bà Rịa-Vũng Tàu": the whole place, or the whole place and its name
_NAMED_WHOLE = re.compile(r"(?i:\w+\s+\w+(?:\s+phố|\s+xã)?)(?:\s+(?-i:[A-ZĐÀ-Ỹ])[\w'’-]*)*|(?i:trên\s+địa\s+bàn.*)"
                          r"|(?i:(?:toàn|cả)\s+vùng(?:\s+[^\W\d_][\w'’-]*)*)", re.S)  # "toàn vùng Đồng bằng sông Cửu Long"
_RECOGNISED_AFTER = Folded(r"\s*(?:ocop\s+)?(?:(?:đã|mới|vừa)\s+)?được\s+(?:(?:ubnd|[ủu][ỷy]\s+ban|chủ\s+tịch|hội\s+đồng|bộ)"
                           r"(?:\s+[^\W\d_]+){0,4}?\s+)?(?:công|chứng)\s+nhận(?!\s+lại)")
# (the agent may stand between: "được UBND tỉnh công nhận", "được Hội đồng cấp tỉnh xếp hạng")
_CONTINUES_ROUND = Folded(r"(?:được|đã\s+được|đạt)\s+(?:(?:ubnd|[ủu][ỷy]\s+ban|chủ\s+tịch|hội\s+đồng)(?:\s+[^\W\d_]+){0,4}?\s+)?"
                          r"(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng|phân\s+hạng|đạt|nâng\s+hạng)|(?<!\w)đạt\s+chuẩn(?!\w)")
_QUANTITY_BEFORE = re.compile(r"\d[\d.,]*\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*$")
_ROUND_OPENS = Folded(r"(?<!\w)(?:theo\s+đó|kết\s+quả|đợt\s+này|trong\s+đợt|trong\s+năm(?!\s+\d))(?!\w)[\s,:]*$")
# "Hai đợt trước trong năm, tỉnh đã có 31 …": the round opens the clause, then its subject (a short name)
_SUBJECT = re.compile(r"(?:[^\W\d_]+\s+){1,3}$")
_PLACE_HAS_ONLY = re.compile(r"\s*(?:huyện|thị\s+xã|thành\s+phố|xã|phường|thị\s+trấn|quận|tỉnh)"
                             r"(?:\s+(?-i:[A-ZĐÀ-Ỹ])[\w'’-]*){1,3}\s+(?:(?:(?:cũng\s+)?có|dẫn\s+đầu\s+với)\s+)?", re.I)
_RISE_TO = Folded(r"(?<!\w)tăng\s+từ\s+\d[^.;]{0,70}?\slên\s*$")
_YEAR_RANKED = Folded(r"năm\s+(?:19|20)\d\d\s+là\s+năm(?!\w)")
# a place ranked inside the count said just before ("Huyện A có nhiều sản phẩm nhất với 9", "Huyện A dẫn đầu
# với 49", "Huyện A có 31 sản phẩm, dẫn đầu tỉnh"), not a province ranked among others ("đứng thứ 3")
_RANKED_IN_WHOLE_BEFORE = Folded(r"nhiều\s+s[ảa]n\s+ph[ẩa]m\s[^.;,]{0,40}?nhất\s+(?:với|là)\s+(?:h[ơo]n\s+|g[ầa]n\s+)?$"
                                 r"|dẫn\s+đầu(?:\s+(?:toàn\s+)?(?:tỉnh|huyện))?\s+với\s+(?:h[ơo]n\s+|g[ầa]n\s+)?$"
                                 r"|có\s+(?:nhiều|ít)\s+s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+nhất\s*,\s*mỗi\s+(?:huyện|xã|địa\s+phương|đơn\s+vị)\s+$")
_LEVEL_LABEL = Folded(r"\s*(?:[-–•+]\s*)?(?:số\s+)?s[ảa]n\s+ph[ẩa]m(?:\s+ocop)?\s+(?:đạt\s+)?(?:hạng\s+)?0?[1-5]\s*sao\s*:\s*$")
_SUB_PLACE = Folded(r"(?<!\w)(?:huyện|thị\s+xã|thành\s+phố|tp\.?|xã|phường|quận|thị\s+trấn)\s")
_RANKED_IN_WHOLE_AFTER = Folded(r"\s*,\s*dẫn\s+đầu\s+(?:toàn\s+)?(?:tỉnh|huyện)(?!\w)")
# "Như vậy, năm nay Chí Linh đã có 10 sản phẩm được công nhận": the year, then the subject (a short name)
_YEAR_THEN_SUBJECT = Folded(r"(?<!\w)(?<!đến\s)(?<!hết\s)(?<!cuối\s)năm\s+(?:nay|ngoái|(?:vừa\s+)?qua|trước|(?:19|20)\d\d)"
                            r"\s*,?\s*(?:[^\W\d_]+\s+){1,3}$")
# (and a year described in apposition: "Riêng năm 2024, năm có nhiều sản phẩm được công nhận nhất, toàn tỉnh có 51 …")
_YEAR_OPENS = Folded(r"(?<!\w)(?<!đến\s)(?<!hết\s)(?<!cuối\s)(?<!tới\s)năm\s+(?:(?:19|20)\d\d|(?:vừa\s+)?qua|trước|nay|ngoái)"
                     r"\s*[,:]?\s*(?:năm\s+[^\d,.;:()]{3,60},\s*)?$")


def read_basis(p: Passage, c: Count, prev: Count | None, *, in_round: bool, before: Count | None = None) -> None:
    """``before``: the last count of the sentence before, when ``c`` is the first of its own."""
    text = p.text
    sent = p.sentences[c.sent]
    if CONTEXT.match("new-after-noun", text, c.noun_end, min(sent.end, c.noun_end + 60)):
        return _set(c, "new", "new-after-noun")
    if may_contain(text, ("hết",), c.noun_end, min(sent.end, c.noun_end + 60)) and g.RECERTIFIED_AFTER.match(
            text, c.noun_end, min(sent.end, c.noun_end + 100)):
        return _set(c, "new", "recertified")  # "12 sản phẩm có giấy chứng nhận hết hạn … đã được đánh giá lại"
    if "%" in text[c.noun_end:min(sent.end, own_end(c) + 80)] and CONTEXT.match(
            "against-year-plan", text, c.noun_end if c.den is not None else own_end(c), min(sent.end, own_end(c) + 130)):
        return _set(c, "new", "against-year-plan")
    if CONTEXT.match("stock-after-noun", text, c.noun_end, min(sent.end, c.noun_end + 60)):
        return _set(c, "cumulative", "stock-after-noun")
    if CONTEXT.match("same-time-after", text, c.noun_end, min(sent.end, c.noun_end + 120)):
        return _set(c, "cumulative", "same-time-after")
    if c.status == "proposed" and c.whole is None:
        return _set(c, "new", "proposal")  # "đang hoàn thiện hồ sơ 3 sản phẩm … đề nghị … 5 sao": this round's
    whole = _ranked_in_whole(p, c)
    if whole is not None:
        if c.year != whole.year:
            c.year = whole.year
            c.decide("year", "ranking-in-whole")
        return _set(c, whole.basis, "ranking-in-whole")  # type: ignore[arg-type]
    above = _label_above(p, c)
    if above is not None:
        return _set(c, above.basis, "level-label")  # type: ignore[arg-type]
    rise_from = max(sent.start, c.start - 90)
    if may_contain(text, ("tăng",), rise_from, c.start) and _RISE_TO.search(text, rise_from, c.start):
        return _set(c, "cumulative", "raised-total")  # "tăng từ 32 sản phẩm năm 2019 lên 214 sản phẩm"
    if (prev is None and before is not None and before.basis == "cumulative" and c.whole is None and c.stars is not None
            and CONTEXT.match("share-of-stock", text, c.noun_end, min(sent.end, c.noun_end + 40))):
        return _set(c, "cumulative", "share-of-stock")  # "… có 2.614 sản phẩm. Nhưng chỉ 388 sản phẩm đạt 4 sao, chiếm 14,8%"
    plan = prev
    if prev is None and before is not None and _MONTH_SO_FAR.match(text, sent.start, c.start):
        plan = before  # "… đặt mục tiêu 45 sản phẩm mới. Đến tháng 10, A đã đạt 46 sản phẩm" (rule plan-progress)
    if (prev is not None and prev.sent == c.sent and prev.trace.get("basis") == "plan-progress" and c.status == "achieved"
            and c.whole is None and c.year == prev.year and _REACHED_NEXT.search(text, max(sent.start, c.start - 40), c.start)):
        return _set(c, "new", "plan-progress")  # "…; Nam Định đạt 31 sản phẩm, Hưng Yên mới đạt 17 sản phẩm"
    if (plan is not None and plan.status == "target" and plan.basis == "new" and plan.result
            and c.status == "achieved" and c.whole is None and (
                (c.year is not None and c.year == plan.year and (_RECOGNISED_AFTER.match(text, c.noun_end, sent.end)
                                                                  or _REACHED_BEFORE.search(text, max(sent.start, c.start - 20), c.start)))
                or _SHARE_DONE.match(text, own_end(c), sent.end))):
        return _set(c, "new", "plan-progress")  # "đặt kế hoạch công nhận 45 sản phẩm; đến ngày 30/9 đã có 31 … được công nhận"
    if c.depth > 0 and prev is not None and prev.sent == c.sent and prev.basis is not None and CONTEXT.search(
            "compared-in-brackets", text, max(sent.start, c.start - 40), c.start):
        return _set(c, prev.basis, "compared-in-brackets")  # "hiện có 12 sản phẩm (năm 2023 là 9 sản phẩm)"
    if c.depth > 0 and _ranked_beside(p, c):
        return _set(c, "cumulative", "ranking")  # "đứng thứ hai cả nước sau Quảng Ninh (12 sản phẩm)"
    zone = clause_start(p, c, prev, semicolon=True)
    hits = [h for h in CUES.scan(text, zone, c.start)
            if not _bracketed_date(text, h, zone, c.start) and not _agent_of_previous(text, h, zone)]
    after = text[own_end(c):min(sent.end, own_end(c) + 60)]
    ranked = ("thứ" in after or "đầu" in after or "vị trí" in after) and CUES.search(
        "ranking", text, own_end(c), min(sent.end, own_end(c) + 60))
    decided = _from_cues(p, c, hits)
    if decided is not None and decided[1] == "has-only" and c.whole is not None and c.whole.basis is not None \
            and c.trace.get("whole") == "among":
        return _set(c, c.whole.basis, "whole-basis")  # "Trong số 86 sản phẩm ấy, chỉ có 9 sản phẩm 4 sao": only so many of them
    if decided is not None:
        return _set(c, *decided)
    if zone > sent.start and _LEADS_WITH.search(text, max(zone, c.start - 30), c.start) and _NOW_BEFORE.search(
            text, sent.start, zone):
        return _set(c, "cumulative", "ranking")  # "đến nay 8/8 huyện đều có sản phẩm; Thuận Thành dẫn đầu với 41"
    if CONTEXT.search("same-measure", text, zone, c.start):
        earlier = prev or _last_result_before(p, c)
        if earlier is not None and earlier.basis is not None:
            return _set(c, earlier.basis, "same-measure")
    if c.status == "target" and c.depth > 0 and not text[text.rfind("(", sent.start, c.start) + 1:c.start].strip():
        measured = _measured(p, c)
        if measured is not None and measured.basis is not None:
            if c.year is None and measured.year is not None and _YEAR_PLAN.search(text, sent.start, c.start):
                c.year = measured.year  # "công nhận 38 sản phẩm, đạt 95% kế hoạch năm (40 sản phẩm)": the year's plan
                c.decide("year", "measured-plan")
            return _set(c, measured.basis, "measured-plan")
    weak = [h for h in hits if h.value == "new (weak)"]
    if c.depth > 0 and c.whole is not None and _POINT_BRACKET.search(text, max(sent.start, c.start - 40), c.start):
        return _set(c, "cumulative", "running-total")  # "tăng 20 sản phẩm so với thời điểm 30/6/2023 (230 sản phẩm)"
    if c.whole is not None and c.whole.basis == "cumulative" and CONTEXT.match(
            "dated-part", text, c.noun_end, min(sent.end, c.noun_end + 80)):
        return _set(c, "new", "dated-part")  # "(tính cả 2 sản phẩm được Bộ công nhận đầu tháng 4/2025)": that round's
    if c.whole is not None and c.whole.basis is not None and not weak:
        return _set(c, c.whole.basis, "whole-basis")
    same_list = prev is not None and (";" not in text[prev.start:c.start] or _next_place_has(text, prev, c))
    if same_list and prev.basis is not None and not weak:  # type: ignore[union-attr]
        return _set(c, prev.basis, "list-basis")  # type: ignore[union-attr]
    if ranked and not hits:  # "Với 142 sản phẩm OCOP, Quảng Ngãi đứng thứ 3 …" (of a round's list: the round's)
        return _set(c, "cumulative", "ranking")
    if weak:
        return _set(c, "new", weak[-1].name)
    row = _row_basis(p, c)
    if row is not None:
        return _set(c, row, "list-row")
    if c.status == "target":
        if CONTEXT.search("target-by-year", text, sent.start, c.start) or _heading_by_year(p, c) or (
                _HAS_BEFORE.search(text, max(sent.start, c.start - 30), c.start)
                and _BY_YEAR_AFTER.match(text, c.noun_end, min(sent.end, c.noun_end + 60))):
            return _set(c, "cumulative", "target-by-year")
        return _set(c, "new", "target-added")
    if CONTEXT.match("ranked-after-stock", text, sent.start, c.start) and _stock_before(p, c):
        return _set(c, "cumulative", "ranked-after-stock")
    if in_round and c.status == "achieved" and c.whole is None and _ranked_heading(p, c):
        return _set(c, "cumulative", "ranked-heading")
    if in_round:
        return _set(c, "new", "round-result")
    return _set(c, "cumulative", "plain-has")


# "đặt kế hoạch 80 sản phẩm, đến nay đã đạt 64 sản phẩm": how far the plan has come
# "Năm 2024, … đặt mục tiêu 45 sản phẩm mới. Đến tháng 10, Thái Bình đã đạt 46 sản phẩm": the next sentence opened by
# a month with no year of its own says how far the same year's plan has come
_MONTH_SO_FAR = Folded(r"\W*(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s+\d{1,2}(?!\s*/)(?!\d)\s*,[^.;]*$")
_REACHED_BEFORE = Folded(r"(?<!\w)đã\s+đạt(?:\s+được)?\s*$")
# the next places of the same progress: "…; Nam Định đạt 31 sản phẩm, Hưng Yên mới đạt 17 sản phẩm"
_REACHED_NEXT = Folded(r"[,;]\s*(?:(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã)\s+)?(?:[^\W\d_]+\s+){1,3}(?:(?:đã|mới|chỉ)\s+)?đạt\s*$")
_SHARE_DONE = Folded(r"\s*,\s*(?:đạt|bằng)\s+[\d.,]+\s*%(?!\s*(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)\s+năm)")


def _ranked_beside(p: Passage, c: Count) -> bool:
    """A count alone in brackets after the place a ranking names beside the ranked one ("đứng thứ hai cả nước
    sau Quảng Ninh (12 sản phẩm)", "đứng thứ hai huyện …, sau xã Sông Ray (14 sản phẩm)"): that place's stock."""
    opened = p.text.rfind("(", p.sentences[c.sent].start, c.start)
    if opened == -1 or p.text[opened + 1:c.start].strip():
        return False
    h = CUES.last(p.text, p.sentences[c.sent].start, opened)
    return h is not None and h.name == "ranking" and not _year_ranked(p, c, h)


def _row_basis(p: Passage, c: Count) -> str | None:
    """"- Xã A: 14 sản phẩm;" a row of a '- ' list: the basis of the row above's first count, or, for
    the first row, the nearest strong cue of the line that opens the list (ending in ':')."""
    row = row_before(p, c)
    if row is None:
        return None
    head, is_row = row
    if is_row:
        return head.basis if head is not None else None
    text = p.text
    start = text.rfind("\n", 0, c.start) + 1
    decided = _from_cues(p, c, CUES.scan(text, text.rfind("\n", 0, start - 1) + 1, start))
    return decided[0] if decided else None


def _heading_by_year(p: Passage, c: Count) -> bool:
    """A target dated by its section's heading "2. Định hướng đến năm 2030" / "Mục tiêu đến năm 2025": the
    heading opens it as 'đến năm 2025' would."""
    if c.trace.get("year") != "heading-year":
        return False
    for i in range(c.sent - 1, -1, -1):
        if p.headings[i]:
            sent = p.sentences[i]
            return bool(CONTEXT.search("target-by-year", p.text, sent.start, sent.end))
    return False


def _ranked_heading(p: Passage, c: Count) -> bool:
    """Rule ``ranked-heading``: the nearest section heading within five sentences above ranks places by their
    number of products (and names no round or year)."""
    for i in range(c.sent - 1, max(-1, c.sent - 6), -1):
        if p.headings[i]:
            sent = p.sentences[i]
            return bool(CONTEXT.search("ranked-heading", p.text, sent.start, sent.end))
    return False


def _next_place_has(text: str, prev: Count, c: Count) -> bool:
    """"Riêng huyện A hiện có 31 sản phẩm; huyện B có 22 sản phẩm", "xã A 17 sản phẩm; phường B 15 sản phẩm":
    past one ';', a clause that only names the next place that has is the same list."""
    cut = text.rfind(";", prev.start, c.start)
    return ";" not in text[prev.start:cut] and bool(_PLACE_HAS_ONLY.fullmatch(text, cut + 1, c.start))


_BY_AGENT = Folded(r"\s*(?:ocop\s+)?(?:đã\s+)?(?:được\s+)?do\s+[^.;,\d]{1,60}?$")


def _agent_of_previous(text: str, h: Hit, lo: int) -> bool:
    """"400 sản phẩm do UBND tỉnh Bình Định (cũ) công nhận và 300 sản phẩm …": the verb after 'do <authority>'
    right after the count before says who recognised that count's products; it is no round of the next."""
    return h.name == "recognition-verb" and bool(_BY_AGENT.fullmatch(text, lo, h.start))


def _bracketed_date(text: str, h: Hit, lo: int, hi: int) -> bool:
    """"Năm 2025 (đến ngày 15/11): 40 sản phẩm": a date in brackets says how far the year's label is
    counted, it does not make the count a stock."""
    if h.name != "as-of-end":
        return False
    opened = text.rfind("(", lo, h.start)
    return opened != -1 and ")" not in text[opened:h.start] and ")" in text[h.end:hi]


_SINCE_MERGER = Folded(r"(?<!\w)từ\s+(?:sau\s+)?(?:khi\s+)?(?:hợp\s+nhất|sáp\s+nhập|sắp\s+xếp)[^.;,\d]{0,20}?$")
_YEAR_PLAN = Folded(r"(?:kế\s+hoạch|chỉ\s+tiêu)\s+(?:của\s+)?năm\s*(?:nay\s*)?(?:đề\s+ra\s*)?\(\s*$")


def _measured(p: Passage, c: Count) -> Count | None:
    """The count a bracketed plan is measured against: the sentence's first count that is no part, else the last
    such count of the sentence before."""
    clause = p.text.rfind(";", p.sentences[c.sent].start, c.start)  # "…có 4.900 …; riêng giai đoạn sau, … 11.500 …, vượt
    first = next((x for x in p.counts[c.sent] if x is not c and clause < x.start < c.start and x.depth == 0  # mục tiêu (9.000)"
                  and x.whole is None and x.result), None)
    if first is not None or c.sent == 0:
        return first
    return next((x for x in reversed(p.counts[c.sent - 1]) if x.depth == 0 and x.whole is None and x.result), None)


def _stock_before(p: Passage, c: Count) -> bool:
    """The last count of the sentence before is a stock."""
    last = _last_result_before(p, c)
    return last is not None and last.sent == c.sent - 1 and last.basis == "cumulative"


# "phấn đấu có 350 sản phẩm OCOP vào năm 2025", "có khoảng 8 sản phẩm … đến năm 2025": the year after the count
_HAS_BEFORE = Folded(r"(?<!\w)có\s+(?:(?:khoảng|ít\s+nhất|tối\s+thiểu|trên|hơn|từ)\s+)?$")
_BY_YEAR_AFTER = Folded(r"[^.;,]{0,40}?\s(?:vào|đến|tới)\s+(?:cuối\s+|hết\s+)?năm\s+(?:19|20)\d\d(?!\d)")


def _label_above(p: Passage, c: Count) -> Count | None:
    """Rule ``level-label``: "Tổng số sản phẩm OCOP: 11.056 sản phẩm / Sản phẩm 5 sao: 76 / Sản phẩm 4 sao:
    2.168": a level's label line under a label line that counts products lists the parts of the same
    measure; it takes the basis of the count on the line above."""
    if c.whole is not None or c.sent == 0 or c.trace.get("stars") != "level-before":
        return None
    sent, above = p.sentences[c.sent], p.sentences[c.sent - 1]
    text = p.text
    if sent.line != above.line + 1 or ":" not in text[above.start:above.end] or not _LEVEL_LABEL.match(
            text, sent.start, c.start):
        return None
    counts = [x for x in p.counts[c.sent - 1] if x.result and x.basis is not None]
    return counts[-1] if counts else None


def _ranked_in_whole(p: Passage, c: Count) -> Count | None:
    """Rule ``ranking-in-whole``: a place ranked by its share of the count said just before ("Toàn tỉnh có
    287 sản phẩm … Huyện Chợ Gạo dẫn đầu với 49 sản phẩm"; "công nhận 41 sản phẩm … Huyện A có nhiều sản
    phẩm nhất với 11") is a part of that count: its basis and year. The count is the last achieved result
    in the sentence or the two before; None when the count is a part already, or nothing is ranked, or
    what is ranked is no district, town or commune."""
    if c.whole is not None or c.status != "achieved":
        return None
    sent = p.sentences[c.sent]
    lo = max(sent.start, c.start - 80)
    if not (_RANKED_IN_WHOLE_BEFORE.search(p.text, lo, c.start)
            or _RANKED_IN_WHOLE_AFTER.match(p.text, own_end(c), sent.end)):
        return None
    if not _SUB_PLACE.search(p.text, lo, c.start) or _YEAR_RANKED.search(p.text, lo, c.start):
        return None  # a province ranked among others ("Hà Nội … nhiều sản phẩm nhất"), a year ranked ("Năm 2024 là năm …")
    if CUES.search("running-total", p.text, sent.start, c.start):
        return None  # "Cũng đến thời điểm này, huyện A có nhiều sản phẩm nhất với 42": ranked in the stock now
    for i in range(c.sent, max(-1, c.sent - 3), -1):
        for x in reversed(p.counts[i]):
            if x.start < c.start and x.result and x.status == "achieved" and x.basis is not None and x.value >= c.value:
                return x  # (a count smaller than the share is none of its wholes: a part, another measure)
    return None


def _last_result_before(p: Passage, c: Count) -> Count | None:
    for counts in reversed(p.counts[:c.sent]):
        for x in reversed(counts):
            if x.result:
                return x
    return None


def _from_cues(p: Passage, c: Count, hits: list[Hit]) -> tuple[str, str] | None:
    """The nearest strong cue, right to left."""
    for k in range(len(hits) - 1, -1, -1):
        h = hits[k]
        if h.value == "cumulative":
            if (h.name == "running-total" and k and hits[k - 1].name == "part-of-year" and h.start - hits[k - 1].end < 16
                    and hits[k - 1].text[-3:].lower() == "năm"):
                continue  # "Từ đầu năm 2024 đến nay, tỉnh đã công nhận 57": the year so far, not a running total
            if h.name == "running-total" and _YEAR_SO_FAR.search(p.text, max(0, h.start - 20), h.start) and \
                    _DAY_MONTH_ONLY.match(p.text, h.start, c.start) and _RECOGNISED.search(p.text, h.end, c.start):
                return "new", "part-of-year"  # "năm nay, tính đến ngày 15/11, tỉnh đã công nhận 71": the year so far
            if h.name == "running-total" and _SINCE_MERGER.search(p.text, max(0, h.start - 40), h.start):
                continue  # "Từ sau hợp nhất đến nay, tỉnh công nhận 45": the months since the merger, not a running total
            if h.name == "ranking" and c.whole is not None and c.whole.basis is not None:
                continue  # "Trong đó, phường A có nhiều sản phẩm nhất với 7": a part of the round's count
            if h.name == "ranking" and _year_ranked(p, c, h):
                continue  # "Năm 2024 là năm tỉnh có nhiều sản phẩm nhất với 56": that year's products
            if h.name == "running-total" and h.text[:5].lower() == "trước" and _RECERT_OWN.match(
                    p.text, c.noun_end, p.sentences[c.sent].end):
                return "new", "recertified"  # "Trước đó, 5 sản phẩm … đều được công nhận lại trong đợt …": that round's
            if h.name == "running-total" and _EVER.search(p.text, max(0, h.start - 20), h.start):
                continue  # rule superlative-ever: "nhiều … nhất từ trước đến nay với 4": ever, not a running total
            if h.name in ("running-total", "has-already", "place-has") and _later_start(p, c):
                return "new", "later-start"
            if h.name == "since-start" and _later_span(p, h):
                return "new", "later-start"  # "chỉ sau 4 năm (2021–2024)" of a programme begun in 2018: that phase's
            if h.name == "per-place-has" and c.status != "target":
                continue  # "A và B, mỗi địa phương có 12 sản phẩm" of a round: the round's, per place
            if h.name == "place-has" and not _NAMED_WHOLE.fullmatch(h.text):
                continue  # "toàn tỉnh năm 2023 có": the words between are no name
            if h.name in ("place-has", "has-already", "has-only") and any(x.name == "part-of-year" for x in hits[:k]):
                return "new", "part-of-year"  # "6 tháng đầu năm 2024 mới có 9 sản phẩm"
            if h.name in ("place-has", "has-already", "has-only") and _round_clause(p, c, h, hits[:k]):
                return "new", "round-clause"
            return "cumulative", h.name
        if h.value == "new":
            if h.name == "to-develop" and c.status != "target":
                continue  # "Từ năm 2019 đến nay, huyện đã phát triển được 21 sản phẩm": what was developed, the stock
            if h.name == "per-year" and _QUANTITY_BEFORE.search(p.text, max(0, h.start - 30), h.start):
                continue  # "sản xuất khoảng 60.000 lít mỗi năm, có 3 sản phẩm": the rate of the litres
            return "new", h.name
    return None


_RECERT_OWN = Folded(r"[^.;,]{0,40}?được\s+(?:công\s+nhận|chứng\s+nhận|cấp|đánh\s+giá)\s+lại")
_EVER = Folded(r"nhất\s+(?:từ\s+)?(?:trước|xưa)\s*(?:(?:đến|tới)\s*)?$")
_SENT_OPENS_YEAR = Folded(r"[\W\d_]{0,3}(?:trong\s+|riêng\s+)?năm\s+(?:(?:19|20)\d\d(?!\d)|nay|qua|vừa\s+qua)\s*,")
_LEAD_DATE = re.compile(r"[^.\n]{0,40}?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d\s*[-–—]\s*")
_RECOGNISED = Folded(r"(?<!\w)(?:được\s+)?(?:công|chứng)\s+nhận(?!\s+lại)")
# a point in time before a bracket: the count in it is the stock then
_POINT_BRACKET = Folded(r"(?<!\w)thời\s+điểm\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?:19|20)\d\d\s*\(\s*$")
_YEAR_SO_FAR = Folded(r"(?<!\w)năm\s+(?:nay|(?:19|20)\d\d)\s*,\s*$")
_DAY_MONTH_ONLY = Folded(r"tính\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?!\s*/)(?!\d)")


def _year_ranked(p: Passage, c: Count, h: Hit) -> bool:
    """A year ranked ("Năm 2024 là năm tỉnh có nhiều sản phẩm nhất với 56"), or a place ranked by the products
    a year recognised ("Năm 2024, huyện A đứng đầu tỉnh về số sản phẩm OCOP được công nhận với 14"): that year's."""
    sent = p.sentences[c.sent]
    if _YEAR_RANKED.search(p.text, sent.start, h.start):
        return True
    dated = _LEAD_DATE.match(p.text, sent.start, h.start)  # "Sơn La, 28/12/2024 - Năm 2024, …": after the dateline
    return bool(_SENT_OPENS_YEAR.match(p.text, dated.end() if dated else sent.start, h.start)
                and _RECOGNISED.search(p.text, h.start, c.start))


# rule later-start: "Tính từ năm 2022, khi tỉnh thực hiện Kế hoạch giai đoạn 2022-2025, đã có 71 sản phẩm được công
# nhận" in a passage whose programme began earlier ("Qua 6 năm (2019-2024)", "Giai đoạn 2019-2021"): that period's
_FROM_YEAR = Folded(r"[\W\d_]{0,3}(?:tính\s+|kể\s+)?từ\s+năm\s+((?:19|20)\d\d)(?!\d)")
_SPAN_START = re.compile(r"(?:\(|giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?)((?:19|20)\d\d)\s*[-–]\s*(?:19|20)?\d\d", re.I)


def _later_start(p: Passage, c: Count) -> bool:
    """A sum "từ năm 2022 …" opening the sentence, of products said to be recognised, when the passage dates the
    programme's start earlier (a span "(2019-2024)", "giai đoạn 2019-2021"): the products of that later period."""
    sent = p.sentences[c.sent]
    m = _FROM_YEAR.match(p.text, sent.start, c.start)
    if m is None or not _own_words_recognised(p, c):
        return False
    key = ("programme-start",)
    start = p.memo.get(key, 0)
    if start == 0:
        years = [int(y.group(1)) for y in _SPAN_START.finditer(p.text)]
        start = p.memo[key] = min(years) if years else None
    return start is not None and int(m.group(1)) > start


# a bare "dẫn đầu với N" after a clause about the places now: their stocks ranked
_LEADS_WITH = Folded(r"(?<!\w)dẫn\s+đầu\s+với\s*$")
_NOW_BEFORE = Folded(r"(?<!\w)(?:đến\s+nay|hiện\s+nay|hiện\s+tại)(?!\w)")
_PHASE = re.compile(r"giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?((?:19|20)\d\d)\s*[-–]\s*(?:năm\s+)?((?:19|20)\d\d)(?!\d)", re.I)
_YEARS_SPAN_AFTER = re.compile(r"\s*\(\s*((?:19|20)\d\d)\s*[-–]\s*(?:19|20)\d\d\s*\)")


def _later_span(p: Passage, h: Hit) -> bool:
    """"sau 4 năm (2021–2024)" when the passage names an earlier phase that ended before it ("giai đoạn 2018–2020"):
    the years of a later phase, not a sum since the start ("Qua 5 năm (2019–2023)" beside "giai đoạn 2018–2020" is)."""
    if h.text[:3].lower() not in ("sau", "qua"):
        return False
    span = _YEARS_SPAN_AFTER.match(p.text, h.end)
    if span is None:
        return False
    first = int(span.group(1))
    return any(int(m.group(2)) < first for m in _PHASE.finditer(p.text))


def _round_clause(p: Passage, c: Count, has: Hit, before: list[Hit]) -> bool:
    """"Năm 2022, toàn tỉnh có 109 sản phẩm … được công nhận", "Theo đó, toàn tỉnh có 19 sản phẩm được
    công nhận": a year or the decision opens the clause of a place that has products said to be
    recognised — the round's products, not the stock (unless a running total is said before)."""
    text = p.text
    sent = p.sentences[c.sent]
    if any(h.value == "cumulative" for h in before):
        return False
    opener = max(sent.start, has.start - 100)
    if has.name == "has-already" and (_ROUND_OPENS.search(text, opener, has.start) or _subject_after_round(text, opener, has)):
        return True  # "Theo đó, đã có 29 sản phẩm …": what the round gave
    if has.name == "has-only" and _YEAR_THEN_SUBJECT.search(text, opener, has.start) and _own_words_recognised(p, c):
        return True  # "năm 2023 toàn tỉnh chỉ có 26 sản phẩm được công nhận": a year, the subject, then has (only)
    if not (_YEAR_OPENS.search(text, opener, has.start) or _ROUND_OPENS.search(text, opener, has.start)):
        return False
    return bool(_CONTINUES_ROUND.search(text, c.noun_end, min(sent.end, c.noun_end + 120)))


_CLAUSE_END = re.compile(r"[,;.\n]")


def _own_words_recognised(p: Passage, c: Count) -> bool:
    """"… 26 sản phẩm được công nhận": the count's own clause (to the next comma) says they were recognised."""
    stop = _CLAUSE_END.search(p.text, c.noun_end)
    return bool(_CONTINUES_ROUND.search(p.text, c.noun_end, stop.start() if stop else len(p.text)))


def _subject_after_round(text: str, opener: int, has: Hit) -> bool:
    """"Hai đợt trước trong năm, tỉnh đã có 31 sản phẩm được công nhận": the round, then the subject."""
    subject = _SUBJECT.search(text, opener, has.start)
    year_then_subject = has.name == "has-already" and _YEAR_THEN_SUBJECT.search(text, opener, has.start)
    return subject is not None and bool(_ROUND_OPENS.search(text, opener, subject.start()) or year_then_subject) and bool(
        _CONTINUES_ROUND.search(text, has.end, min(len(text), has.end + 120)))


def _set(c: Count, basis: str, rule: str) -> None:
    c.basis = basis
    c.decide("basis", rule)


TABLES = [CUES, CONTEXT]
