"""The result reader: is the count one of OCOP products by their ranking at all?

A count of products is a figure when it counts products certified, ranked, proposed or planned.
It is not one when it counts candidates (registered, entered, assessed, dossiers), products shown
or sold somewhere, products that failed or expired, groups of products, products by what they
are made of, or the parts of such a count.
"""

from __future__ import annotations

import re

from extractors.figures import grammar as g
from extractors.figures.candidates import Count
from extractors.figures.lowercase import Folded, may_contain
from extractors.figures.passage import Passage
from extractors.figures.rules import Example, Rule, RuleTable
from extractors.figures.status import CUES
from extractors.figures.zones import LOOK_BACK, own_end

_I = re.IGNORECASE

TABLE = RuleTable("result", "is a result", [
    Rule("part-of-non-result", r"[\s,;:(]*(?:trong\s+đó|bao\s+gồm|gồm)(?!\w)", "not a result",
         Example("Phiên chợ trưng bày hơn 800 sản phẩm, trong đó có 250 sản phẩm OCOP.", 250, None),
         "a part of a count that is not of results (candidates, a fair) is not one either, unless it "
         "states a result of its own ('đạt 4 sao', 'được công nhận', 'tiềm năng 5 sao'), or its whole is a threshold "
         "of places and it a named place's count ('dưới 100 sản phẩm, như Bắc Kạn (96 sản phẩm)')",
         needs=("trong", "gồm")),
    Rule("no-antecedent", r"[\s\-–•*+]*(?:trong\s+đó|cụ\s+thể)(?!\w)", "not a result",
         Example("Cụ thể: huyện Lục Nam (12 sản phẩm của 5 chủ thể); huyện Yên Thế (7 sản phẩm).", 12, None),
         "a breakdown ('Cụ thể', 'Trong đó') of a count the passage does not give, with no verb, cue or level "
         "of the count: what its counts count is not said", needs=("trong", "cụ")),
    Rule("failed", r"\s*(?:ocop\s+)?(?:còn\s+lại\s+)?(?:(?:không|chưa)\s+(?:đạt(?!\s+được)|đáp\s+ứng|đủ\s+(?:điểm|điều\s+kiện)"
                   r"|được\s+(?:công\s+nhận|chứng\s+nhận|cấp\s+(?:giấy\s+)?chứng\s+nhận)(?:\s+lại)?)"
                   r"|(?:đạt\s+)?dưới\s+\d+\s+điểm|phải\s+(?:hoàn\s+thiện|bổ\s+sung|làm\s+lại))",
         "not a result",
         Example("Kết quả, 7 sản phẩm còn lại chưa đạt, được đề nghị giữ hạng 4 sao.", 7, None),
         "products that failed or did not meet the criteria ('chưa đáp ứng', 'chưa đủ điểm'), or were not recognised "
         "('6 sản phẩm không được công nhận lại'), whatever level is named after them; 'phải hoàn thiện / bổ sung / "
         "làm lại' (not yet recognised)",
         needs=("không", "chưa", "dưới", "phải")),
    Rule("whole-of-failures", r"(?:không|chưa)\s+(?:đạt|đáp\s+ứng)", "not a result",
         Example("Hội đồng đã đánh giá 20 sản phẩm, trong đó 16 sản phẩm đạt 3 sao, 4 sản phẩm chưa đạt.", 20, None),
         "a whole whose breakdown counts products that failed counts the products assessed, not results; its "
         "parts that passed are that round's ('new'); so does a count assessed with the failures right after it "
         "('đã đánh giá 21 sản phẩm, 5 sản phẩm chưa đạt'); not a whole whose parts that passed add up to it ('công "
         "nhận lại 92 sản phẩm, trong đó 88 …, 4 …; 2 sản phẩm không đạt': the failures are beside it)",
         needs=("không", "chưa")),
    Rule("expired", r"\s*(?:ocop\s+)?(?:có\s+giấy\s+chứng\s+nhận\s+)?(?:đã\s+|sắp\s+|sẽ\s+)?hết\s+(?:thời\s+)?hạn|\s*(?:ocop\s+)?(?:hết\s+hiệu\s+lực|bị\s+thu\s+hồi|(?:đã\s+)?(?:ngừng|dừng)\s+sản\s+xuất)",
         "not a result",
         Example("Khoảng 60 sản phẩm hết hạn chứng nhận nhưng chủ thể không làm hồ sơ đánh giá lại.", 60, None),
         "expired, expiring ('sắp hết hạn') or revoked products (unless they were certified again: 'công nhận lại 13 "
         "sản phẩm đã hết hạn', '12 sản phẩm hết hạn trong năm đã được đánh giá lại')",
         needs=("hết", "thu", "ngừng", "dừng")),
    Rule("expired-in-brackets", r"(?<!\w)hết\s+(?:thời\s+)?hạn[^()\d.;]{0,50}\(\s*(?:(?:dự\s+kiến|ước(?:\s+tính)?|khoảng|gồm|có"
                                r"|gần|hơn|trên)\s+){0,2}$", "not a result",
         Example("Đánh giá lại các sản phẩm hết hạn chứng nhận trong năm (dự kiến 38 sản phẩm).", 38, None),
         "the number of expired or expiring products given in brackets after them ('đánh giá lại 100% sản phẩm hết hạn "
         "trong năm (khoảng 45 sản phẩm)'): products to be re-evaluated, not a result (not after 'công nhận lại': "
         "'công nhận lại các sản phẩm hết hạn (12 sản phẩm)' recertified them)", needs=("hết",)),
    Rule("reassessed-whole", r"[^.;]{0,60}?,?\s*trong\s+đó\s+(?:có\s+)?\d+\s+(?:sản\s+phẩm\s+)?(?:(?:đã\s+)?được\s+)?"
                             r"(?:công\s+nhận|cấp|chứng\s+nhận)\s+lại", "not a result",
         Example("Năm 2023, tỉnh đánh giá lại 23 sản phẩm hết hạn chứng nhận, trong đó 21 sản phẩm được công nhận lại.", 23,
                 None),
         "expired products assessed again ('đánh giá lại'), whose part 'trong đó N … được công nhận lại' is the "
         "recertified: the whole counts the candidates, the part is the result", needs=("trong",)),
    Rule("revoked", r"(?<!\w)(?:thu\s+hồi|h[ủu]y\s+bỏ|hu[ỷy]\s+bỏ|h[ủu]y|hu[ỷy])\s+(?:giấy\s+)?(?:chứng\s+nhận|quyết\s+định"
                    r"\s+công\s+nhận|công\s+nhận|kết\s+quả\s+công\s+nhận)(?:\s+(?:sản\s+phẩm\s+)?ocop)?(?:\s+(?:của|đối\s+với|cho))?\s*$",
         "not a result",
         Example("UBND tỉnh thu hồi giấy chứng nhận của 4 sản phẩm OCOP do chủ thể ngừng sản xuất.", 4, None),
         "products whose certificate or recognition is revoked, said before them ('Thu hồi Giấy chứng nhận sản phẩm "
         "OCOP đối với 3 sản phẩm')", needs=("thu", "hủy", "huỷ", "huy")),
    Rule("expired-since", r"[^.;]{0,80}?(?<!\w)nhưng\s+(?:giấy\s+chứng\s+nhận\s+|chứng\s+nhận\s+)?(?:đã\s+)?(?:hết\s+(?:thời\s+)?hạn"
                          r"|hết\s+hiệu\s+lực|bị\s+thu\s+hồi)", "not a result",
         Example("Có 3 sản phẩm từng được công nhận OCOP 3 sao năm 2021 nhưng giấy chứng nhận đã hết hạn.", 3, None),
         "products once certified whose certificate has since expired or been revoked, said later in their "
         "clause after 'nhưng'", needs=("nhưng",)),
    Rule("proposed-but-failed", r"[^.;]{0,60}?(?<!\w)(?:đề\s+nghị|đề\s+xuất|đánh\s+giá|xem\s+xét|thẩm\s+định|chấm\s+điểm"
                                r"|tham\s+gia|đăng\s+ký)(?!\w)[^.;]{0,50}?(?<!\w)nhưng\s+(?:đều\s+|vẫn\s+)?(?:không|chưa)\s+"
                                r"(?:đạt|được\s+công\s+nhận|đủ\s+điểm)(?!\w)(?!\s+(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|yêu\s+cầu"
                                r"|kỳ\s+vọng|như))", "not a result",
         Example("Năm 2024 có 19 sản phẩm được công nhận 5 sao; 11 sản phẩm khác được đề nghị xem xét nhưng chưa đạt.",
                 11, None),
         "products put forward, assessed or entered whose outcome, said later in their clause after 'nhưng', is a "
         "failure ('… được đề nghị Trung ương xem xét nhưng chưa đạt'; not 'nhưng chưa đạt kế hoạch')",
         needs=("nhưng",)),
    Rule("inspected", r"(?<!\w)(?:phát\s+hiện|(?:hậu\s+)?kiểm\s+tra|hậu\s+kiểm|lấy\s+mẫu|tạm\s+giữ|thu\s+giữ|tịch\s+thu"
                      r"|thanh\s+tra)(?:\s+(?:thêm|được|ra|lại))?(?:\s+(?:hồ\s+sơ\s+)?(?:của|cho|đối\s+với))?"
                      r"(?:\s+(?:khoảng|gần|hơn|trên|tổng\s+cộng))?\s*$", "not a result",
         Example("Lực lượng quản lý thị trường đã kiểm tra 152 sản phẩm OCOP, phát hiện 9 sản phẩm vi phạm.", 152, None),
         "products inspected, found, sampled or seized by an inspection (market surveillance, food safety, "
         "post-certification checks), whatever level is named after them",
         needs=("phát", "kiểm", "mẫu", "giữ", "thu", "thanh")),
    Rule("owned-by-group", r"\s*(?:ocop\s+)?(?:của|do)\s+(?:các\s+)?(?:hội\s+viên|đoàn\s+viên|phụ\s+nữ|chị\s+em|thanh\s+niên"
                           r"|cựu\s+chiến\s+binh|người\s+dân\s+tộc\s+thiểu\s+số)(?:\s+(?:nông\s+dân|trẻ))?"
                           r"\s+(?:làm\s+chủ|sở\s+hữu|làm\s+đại\s+diện|đứng\s+tên)(?!\w)", "not a result",
         Example("Toàn tỉnh có 205 sản phẩm OCOP, trong đó 88 sản phẩm do phụ nữ làm chủ.", 88, None),
         "a stock's products counted by their owners' group ('88 sản phẩm do phụ nữ làm chủ', '12 sản phẩm OCOP do "
         "thanh niên làm chủ'): a share by another attribute, as dev-413 leaves out 'chủ thể do phụ nữ làm đại diện' "
         "(not 'N sản phẩm của hội viên được công nhận': rounds 2 and 17 annotate an association's members' "
         "recognised products as figures)", needs=("làm", "sở", "đứng")),
    Rule("group-owns", r"(?<!\w)(?:hội\s+viên|đoàn\s+viên|phụ\s+nữ|thanh\s+niên"
                       r"|khu\s+vực\s+(?:kinh\s+tế\s+tập\s+thể|hợp\s+tác\s+xã|htx)|(?:các|khối)\s+(?:hợp\s+tác\s+xã|htx|doanh\s+nghiệp))"
                       r"(?:\s+(?:nông\s+dân|cựu\s+chiến\s+binh))?\s+(?:(?:hiện|đang|đã)\s+)?(?:làm\s+chủ|sở\s+hữu)\s*$",
         "not a result",
         Example("Lũy kế đến nay hội viên nông dân làm chủ 142 sản phẩm OCOP của tỉnh.", 142, None),
         "the same said before the count: 'hội viên nông dân làm chủ 142 sản phẩm OCOP', and a kind of owner's share of "
         "a stock: 'Khu vực hợp tác xã hiện sở hữu 118 sản phẩm OCOP, chiếm 41% …' (not one named cooperative's "
         "products: 'HTX Bắc Sơn có 4 sản phẩm OCOP')",
         needs=("hội", "đoàn", "phụ", "thanh", "tác", "htx", "nghiệp", "thể")),
    Rule("inspection-outcome", r"\s*(?:[-–•*+]\s*)?kết\s+quả(?!\w)", "not a result",
         Example("Sở đã hậu kiểm 60 sản phẩm OCOP. Kết quả, 49 sản phẩm duy trì tốt chất lượng.", 49, None),
         "a sentence opening with 'Kết quả' after an inspection counts what the inspection found, unless a "
         "count states a result of its own ('đạt 3 sao', 'được công nhận')", needs=("kết",)),
    Rule("assessed-then-outcome", r"\s*(?:ocop\s+)?[^.;,]{0,40}?[,;:.]\s*(?:và\s+)?kết\s+quả(?!\w)", "not a result",
         Example("Năm 2023 tỉnh đã đánh giá, phân hạng 52 sản phẩm; kết quả có 47 sản phẩm đạt từ 3 sao trở lên.", 52,
                 None),
         "the products a council has assessed, when 'kết quả' follows with the outcome: a finished 'đã đánh giá' "
         "counts the candidates", needs=("kết",)),
    Rule("report-label", r"(?<!\w)số\s+(?:lượng\s+)?s[ảa]n\s+ph[ẩa]m\s+(?:không|chưa|đăng\s+ký|tham\s+gia|dự\s+thi)"
                         r"[^:;\n]{0,40}?\s*:\s*$", "not a result",
         Example("- Số sản phẩm không đạt: 7 sản phẩm.", 7, None),
         "a report line that names what it counts before a colon", needs=(":",)),
    Rule("registered-for-rank", r"(?<!\w)đăng\s+ký\s+(?:nâng\s+hạng|đánh\s+giá(?:\s+lại)?|xếp\s+hạng|phân\s+hạng"
                                r"|công\s+nhận)(?:\s+(?:thêm|cho|lại))?\s*$", "not a result",
         Example("Năm 2025, HTX đăng ký nâng hạng 2 sản phẩm lên 4 sao.", 2, None),
         "products registered for a rank or a re-evaluation, whatever level is named after them", needs=("đăng",)),
    Rule("average", r"(?<!\w)(?:bình\s+quân|trung\s+bình)\s+(?:mỗi|một|1)\s+(?:xã|phường|thị\s+trấn|huyện|địa\s+phương"
                    r"|đơn\s+vị|thôn|làng|chủ\s+thể|hợp\s+tác\s+xã|htx|doanh\s+nghiệp)(?!\w)[^.;,]{0,30}$",
         "not a result", Example("Toàn tỉnh có 420 sản phẩm OCOP, bình quân mỗi xã có gần 2 sản phẩm.", 2, None),
         "an average per commune or unit is no count of products", needs=("bình", "trung")),
    Rule("cap-per-unit", r"(?<!\w)mỗi\s+(?:xã|huyện|địa\s+phương|đơn\s+vị|chủ\s+thể|hợp\s+tác\s+xã|htx|doanh\s+nghiệp"
                         r"|cơ\s+sở)(?!\w)[^.;,]{0,30}?\s(?:tối\s+đa|không\s+quá)\s*$",
         "not a result", Example("Mỗi chủ thể được hỗ trợ tối đa 3 sản phẩm trong giai đoạn.", 3, None),
         "a cap per unit in a rule of support ('mỗi chủ thể được hỗ trợ tối đa 3 sản phẩm') is no count of products",
         needs=("tối", "quá")),
    Rule("threshold-of-places", r"(?:(?<![\d.,])(?!(?:19|20)\d\d(?!\d))\d+|(?<!\w)(?:một\s+số|nhiều|vài))\s+(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|địa\s+phương|đơn\s+vị"
                                r"|chủ\s+thể|hợp\s+tác\s+xã|htx|doanh\s+nghiệp|cơ\s+sở)"
                                r"(?:\s*,\s*thành(?:\s+phố)?)?(?:\s+(?!(?:đã|mới|chỉ|vẫn|hiện|có)\s)[^\W\d_]+){0,3}?"
                                r"\s+(?:(?:đã|mới|chỉ|vẫn|hiện)\s+){0,2}có\s+"
                                r"(?:trên|dưới|hơn|từ|gần|ít\s+nhất|tối\s+thiểu)\s*$", "not a result",
         Example("Cả nước có 9 tỉnh đã có trên 500 sản phẩm OCOP, 4 tỉnh có dưới 50 sản phẩm.", 500, None),
         "the bound of a count of places ('9 tỉnh có trên 500 sản phẩm', 'một số tỉnh miền núi mới có dưới 100 sản "
         "phẩm') or of producers ('một trong 5 chủ thể có từ 3 sản phẩm OCOP trở lên'): it counts the places or "
         "producers, not the products (a year is no count of places: 'Đến năm 2025 huyện có ít nhất 41 sản phẩm')",
         needs=("trên", "dưới", "hơn", "từ", "gần", "ít", "tối")),
    Rule("denied", r"(?<!\w)(?:chứ\s+)?không\s+phải(?:\s+là)?\s*$", "not a result",
         Example("Số sản phẩm đạt 4 sao của huyện là 2 sản phẩm (không phải 3 sản phẩm như bài viết trước nêu).", 3, None),
         "a count denied ('không phải 3 sản phẩm như bài viết nêu', 'chứ không phải 12 sản phẩm'): a correction's "
         "wrong figure, no count the text states", needs=("phải",)),
    Rule("ratio", r"(?<!\w)cứ\s+(?:mỗi\s+)?(?:\d[\d.,]*\s+[^.;\d]{0,60}?\sthì\s+(?:[^\W\d_]+\s+){0,3})?$", "not a result",
         Example("Cứ 10 sản phẩm được công nhận thì chỉ có 2 sản phẩm đạt 4 sao.", 10, None),
         "a ratio said 'cứ N … thì M' ('Cứ 10 sản phẩm được công nhận thì chưa tới 2 sản phẩm đạt 4 sao'): both ends "
         "are a proportion, no count of products", needs=("cứ",)),
    Rule("conditional-threshold", r"(?<!\w)nếu\s+(?:[^\W\d_]+\s+){1,10}?(?:vượt(?:\s+quá)?|trên|dưới|quá|từ)\s+(?:khoảng\s+)?$",
         "not a result",
         Example("Sở đề nghị tổ chức thêm đợt 3 nếu số hồ sơ đạt yêu cầu vượt 20 sản phẩm.", 20, None),
         "the bound of a condition ('nếu số hồ sơ đạt yêu cầu vượt 20 sản phẩm'): a threshold, no count of products",
         needs=("nếu",)),
    Rule("margin-over-plan", r"(?<!\w)vượt\s*$", "not a result",
         Example("Năm 2023 tỉnh công nhận 40 sản phẩm, vượt 10 sản phẩm so với kế hoạch.", 10, None),
         "by how much a count beat its plan ('vượt 10 sản phẩm so với kế hoạch'): a difference, not products "
         "(the plan's own count, 'kế hoạch năm là 30 sản phẩm', is a figure)", needs=("vượt",)),
    Rule("margin-after-plan-noun", r"(?<!\w)vượt\s+(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?:\s+(?:năm|đề\s+ra|được\s+giao|giao))?"
                                   r"\s*$", "not a result",
         Example("Năm 2023, huyện có 12 sản phẩm được công nhận, vượt kế hoạch 2 sản phẩm.", 2, None),
         "'vượt kế hoạch N sản phẩm' right after a result at least twice N in the sentence: by how much it beat "
         "the plan (a plan near the result, 'có 213 sản phẩm, vượt chỉ tiêu 200 sản phẩm', is the plan's count)",
         needs=("vượt",)),
    Rule("prize-named", r"(?<!\w)giải\s+(?:nhất|nhì|ba|tư|khuyến\s+khích|đặc\s+biệt|vàng|bạc|đồng)\s+(?:là|thuộc\s+về"
                        r"|gồm|dành\s+cho|trao\s+cho|cho)\s+(?:các\s+)?$", "not a result",
         Example("Giải nhất thuộc về gạo Séng Cù; giải nhì là hai sản phẩm chè và mật ong.", 2, None),
         "the products a contest's prize went to: another ranking than OCOP's stars", needs=("giải",)),
    Rule("rural-industry", r"\s*(?:ocop\s+)?(?:công\s+nghiệp\s+nông\s+thôn|cnnt)(?!\w)", "not a result",
         Example("Bộ Công Thương công nhận 120 sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia năm 2024.", 120,
                 None),
         "products named rural-industry ones right after the noun, whatever level the sentence names ('cấp "
         "quốc gia' is that programme's tier, not 5 stars)"),
    Rule("assessed-but-fewer", r"\s*(?:ocop\s+)?[^.;,]{0,40}?\s(?:nhưng|song)\s+(?:chỉ\s+)?(?:có\s+)?(?:công\s+nhận|đạt)(?!\w)",
         "not a result",
         Example("Năm nay Hội đồng đã đánh giá 30 sản phẩm nhưng chỉ công nhận 24 sản phẩm.", 30, None),
         "the products a council has assessed when 'nhưng (chỉ) công nhận' follows with a smaller result",
         needs=("nhưng", "song")),
    Rule("share-restated", r"tương\s+đương(?:\s+với)?(?:\s+(?:khoảng|hơn|gần|trên))?\s*$", "not a result",
         Example("Khoảng 30% sản phẩm OCOP của tỉnh đã được bán trên sàn thương mại điện tử, tương đương 60 sản phẩm.",
                 60, None),
         "a count restating a share ('tương đương N sản phẩm') of products with another attribute (sold online, "
         "exported) said before it in the sentence", needs=("tương",)),
    Rule("taking-part", r"\s*tham\s+gia\s+(?:chương\s+trình|ocop)(?!\s+(?:được|đạt))", "not a result",
         Example("Hội hướng dẫn hội viên xây dựng 25 sản phẩm tham gia Chương trình OCOP.", 25, None),
         "products taking part in the programme, with no recognition said before or after them ('UBND tỉnh "
         "công nhận 12 sản phẩm tham gia Chương trình OCOP' is a result)", needs=("tham",)),
    Rule("made-from", r"\s*(?:ocop\s+)?(?:(?:được\s+)?(?:làm|chế\s+biến|sản\s+xuất)\s+)?từ\s+(?:(?:quả|trái|hạt|lá|củ|cây|con)\s+)?(?:sữa|chè|trà|dừa|gạo|lúa"
                      r"|ngô|sắn|cá|tôm|thịt|quế|hồi|mật\s+ong|dược\s+liệu|nấm|sâm|cà\s+phê|hạt\s+điều|điều|tre|mây|cói"
                      r"|gỗ|thủy\s+sản|thuỷ\s+sản|trái\s+cây|rau|nông\s+sản|bưởi|cam|vải|nhãn|xoài|chuối|mô\s+hình"
                      r"|nước\s+mắm|mắm|gà(?:\s+đồi)?|vịt|lợn|heo|bò|dê|trâu|dứa|mía|lạc|đậu|tỏi|gừng|nghệ|sen|măng"
                      r"|khoai|cacao|ca\s+cao|mắc\s+ca|sầu\s+riêng|dâu(?:\s+tằm)?|tằm)(?!\w)",
         "not a result", Example("Trong số đó có 5 sản phẩm từ sữa và 7 sản phẩm từ chè.", 5, None),
         "products counted by what they are made from", needs=("từ",)),
    Rule("product-kind", r"\s*(?:là\s+)?(?-i:chả(?:\s+lụa)?|thức\s+uống|tổ\s+yến|trứng|mật\s+ong|nước\s+mắm|rượu|bánh|kẹo"
                         r"|trà|chè|gạo|cà\s+phê|nem|giò|mứt|nấm|dầu|tinh\s+dầu|miến|bún|phở|cây\s+có\s+múi"
                         r"|cây\s+ăn\s+trái|trái\s+cây|rau|thịt|cá|tôm|xoài|vải|nhãn|bưởi|chuối|cùng\s+loại)(?!\w)", "not a result",
         Example("Trong 15 sản phẩm được công nhận có 1 sản phẩm chả lụa, 3 sản phẩm là thức uống mật ong.", 3, None),
         "items of one kind or product line ('1 sản phẩm chả lụa', '4 sản phẩm mật ong', '5 sản phẩm xoài sấy', "
         "'4 sản phẩm là cùng loại hàng'): what they are, not "
         "how they rank (unless ranked right after the kind: '4 sản phẩm trà đạt OCOP')"),
    Rule("other-kind", r"\s*(?:của\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã)\s+(?=có\s+nguồn\s+gốc))?(?:tiêu\s+biểu|chủ\s+lực|đặc\s+trưng|đặc\s+sản|địa\s+phương|nông\s+sản|nông\s+nghiệp"
                       r"|công\s+nghiệp|không\s+đạt|chưa\s+đạt|bị\s+thu\s+hồi|bị\s+loại|làng\s+nghề|khác\s+nhau"
                       r"|các\s+loại|hàng\s+hóa|hàng\s+hoá|du\s+lịch(?!\s+(?:cộng\s+đồng|nông))|thuộc\s+(?:các\s+|\d+\s+)?(?:nhóm|ngành|làng\s+nghề|lĩnh\s+vực)"
                       r"|có\s+nguồn\s+gốc|có\s+lợi\s+thế|thương\s+mại|được\s+(?:vinh\s+danh|tôn\s+vinh)|/)(?!\w)", "not a result",
         Example("Tỉnh có 20 sản phẩm tiêu biểu được giới thiệu.", 20, None),
         "a qualifier after the noun that names another kind of product ('sản phẩm thương mại' of a "
         "production model, '20 sản phẩm thuộc 4 nhóm', '70 sản phẩm OCOP của tỉnh có nguồn gốc từ …'), or products honoured ('được vinh danh' as typical ones), with no level named"),
    Rule("other-award", r"\s*(?:ocop\s+)?(?:(?:đã\s+)?được\s+)?(?:(?:đạt|nhận|giành|được\s+trao)\s+(?:danh\s+hiệu\s+|giải"
                        r"(?:\s+thưởng)?\s+)?(?:sao\s+vàng\s+đất\s+việt|hàng\s+việt\s+nam\s+chất\s+lượng\s+cao"
                        r"|thương\s+hiệu\s+vàng)|đạt\s+giải(?!\s+(?:thưởng\s+)?ocop)(?!\w))", "not a result",
         Example("Năm 2023, tỉnh có 6 sản phẩm đạt giải tại cuộc thi quà tặng du lịch khu vực.", 6, None),
         "products that won another award — a contest's prize ('đạt giải'), 'Sao Vàng đất Việt', 'Hàng Việt Nam "
         "chất lượng cao', 'Thương hiệu vàng' — said right after the count, with no level of their own",
         needs=("giải", "vàng", "cao")),
    Rule("other-rank", r"\s*(?:ocop\s+)?(?:(?:được\s+)?(?:trao\s+|xếp\s+|công\s+nhận\s+)?|đạt\s+)"
                       r"(?:(?:xếp\s+)?hạng\s+(?-i:[ABCD])(?!\w)|cấp\s+khu\s+vực|giải\s+(?:vàng|bạc|đồng|nhất|nhì|ba"
                       r"|khuyến\s+khích|đặc\s+biệt)(?!\w))", "not a result",
         Example("Năm 2024, tỉnh có 15 sản phẩm đạt hạng B trong cuộc bình chọn của ngành công thương.", 15, None),
         "a rank that is not an OCOP star level (hạng A/B/C, cấp khu vực, a gold prize): another programme's ranking"),
    Rule("other-programme", r"\s*(?:ocop\s+)?(?:đã\s+)?(?:được\s+)?(?:công\s+nhận|chứng\s+nhận|bình\s+chọn|cấp\s+giấy"
                            r"\s+chứng\s+nhận|cấp\s+văn\s+bằng)\s+(?:là\s+)?[\"“']?(?:sản\s+phẩm\s+)?(?:công\s+nghiệp\s+nông"
                            r"\s+thôn|cnnt|vietgap|globalgap|chỉ\s+dẫn\s+địa\s+lý|nhãn\s+hiệu|làng\s+nghề|nghề\s+truyền"
                            r"\s+thống|hàng\s+việt|chủ\s+lực|đặc\s+sản|tiêu\s+biểu|đặc\s+trưng)(?!\w)", "not a result",
         Example("Năm 2023, huyện có 14 sản phẩm được công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp thành phố.",
                 14, None),
         "products recognised under another programme named after the verb, in quotes or not (typical rural industrial "
         "products, a province's 'Sản phẩm tiêu biểu' or 'đặc trưng' titles, VietGAP, geographical indications, marks, craft villages)"),
    Rule("unranked-potential", r"\s*(?:ocop\s+)?(?:có\s+)?tiềm\s+năng", "not a result",
         Example("Huyện đã chọn 15 sản phẩm tiềm năng để hỗ trợ.", 15, None),
         "potential products with no level named are candidates", needs=("tiềm",)),
    Rule("list-of-non-result", r"[^.;]{0,60}?(?:,|;|\svà)\s*(?:(?:tỉnh|huyện|xã|thị\s+xã|quận|thành\s+phố|tp\.?)\s+"
                               r"[^\d,.;]{1,25}?\s*)?$", "not a result",
         Example("Tỉnh có 9 sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh, 2 sản phẩm cấp khu vực.", 2, None),
         "the next item of a list whose first count names another kind of product, with no cue or result of "
         "its own, counts the same kind"),
    Rule("rise-of-non-result", r"[^.;]{0,120}?,\s*(?:tăng|giảm)(?:\s+(?:thêm|hơn|gần|khoảng|trên))?\s*$", "not a result",
         Example("Có 64 sản phẩm OCOP được bày bán tại siêu thị, tăng 15 sản phẩm so với năm 2023.", 15, None),
         "a rise or fall ('tăng 15 sản phẩm so với …') right after a count that is not of results (on shelves, "
         "exported, supported) is that count's change, not products ranked", needs=("tăng", "giảm")),
    Rule("other-attribute", r"(?<!\w)(?:sàn|thương\s+mại\s+điện\s+tử|livestream|trực\s+tuyến|website|lên\s+trang"
                            r"|vùng\s+nguyên\s+liệu|hữu\s+cơ|vietgap|globalgap|halal|truy\s+xuất|mã\s+qr|mã\s+vạch|xuất\s+khẩu"
                            r"|siêu\s+thị|kệ\s+hàng|lên\s+kệ|trưng\s+bày|hội\s+chợ|gian\s+hàng|điểm\s+bán|cửa\s+hàng|phiên\s+chợ"
                            r"|mang\s+(?:đến|tới|theo)"
                            r"|(?:đăng\s+)?bán(?:\s+(?:được|ra|tại|trên))?|tiêu\s+thụ|sản\s+lượng|bảo\s+hộ|nhãn\s+hiệu"
                            r"|chỉ\s+dẫn\s+địa\s+lý|kết\s+nối|giới\s+thiệu|quảng\s+bá|đổi\s+tên|điều\s+chỉnh\s+tên|(?:điều\s+chỉnh|thay\s+đổi|đổi|cập\s+nhật)\s+địa\s+chỉ|đặt\s+hàng|bao\s+tiêu"
                            r"|hợp\s+đồng|đơn\s+hàng|có\s+mặt|(?:hệ\s+thống|kênh)\s+phân\s+phối|bình\s+ổn"
                            r"|ghi\s+nhãn|nhãn\s+(?:mác|phụ))(?!\w)",
         "not a result",
         Example("Hỗ trợ các chủ thể đưa 35 sản phẩm OCOP lên sàn thương mại điện tử.", 35, None),
         "products counted by another attribute: certified Halal ('5 sản phẩm được chứng nhận Halal'), sold online, on display or brought to a fair ('mang đến 95 sản "
         "phẩm'), on supermarket shelves ('đưa vào kệ hàng'), with regular orders ('có đơn hàng thường xuyên'), with organic areas, exported, renamed, whose address on the label changes after the merger, in a "
         "price-stabilisation programme ('bình ổn thị trường')"),
    Rule("assessment-held", r"(?<!\w)tổ\s+chức\s+(?:\d+\s+đợt\s+)?(?:thẩm\s+định\s*,\s*)?đánh\s+giá(?:\s+lại)?"
                            r"(?:\s*,\s*phân\s+hạng)?(?:\s+(?:sản\s+phẩm\s+)?cấp\s+(?:huyện|tỉnh|xã|thành\s+phố|thị\s+xã))?"
                            r"(?:\s+(?:cho|đối\s+với|với))?\s*$", "not a result",
         Example("Năm 2021, huyện tổ chức đánh giá, phân hạng cho 33 sản phẩm, kết quả có 29 sản phẩm đạt 3 sao.",
                 33, None),
         "the products an assessment was held for are candidates (also 'tổ chức đánh giá cấp huyện cho 08')",
         needs=("tổ",)),
    Rule("assessing", r"(?<!\w)xem\s+xét\s+(?:hồ\s+sơ\s+)?(?:(?:của|cho|đối\s+với)\s+)?(?:(?:khoảng|gần|hơn|trên)\s+)?$"
                      r"|(?<!\w)(?<!đã\s)(?<!vừa\s)(?:xem\s+xét\s+(?:hồ\s+sơ\s+)?(?:và\s+)?|họp\s+)?(?:thẩm\s+định\s*,\s*)?"
                      r"(?:đánh\s+giá|chấm\s+điểm|thẩm\s+định)(?:\s*,\s*(?:phân|xếp)\s+hạng)?(?:\s+(?:cho|đối\s+với|là))?"
                      r"(?:\s+(?:ít\s+nhất|tối\s+thiểu|khoảng|trên|hơn|gần))?\s*:?\s*$",
         "not a result",
         Example("Hội đồng OCOP tỉnh họp đánh giá, phân hạng 33 sản phẩm.", 33, None),
         "a council assessing or considering products ('đã xem xét 26 sản phẩm', 'dự kiến xem xét khoảng hai mươi sản "
         "phẩm nữa'), or the number assessed ('số "
         "sản phẩm được thẩm định là N'), with no level or result said of them (not a finished 'đã đánh giá')",
         needs=("đánh", "chấm", "thẩm", "xem")),
    Rule("product-group", r"(?<!\w)(?:nhóm|ngành\s+hàng|phân\s+nhóm|bộ\s+sản\s+phẩm|thuộc\s+(?:\d+\s+)?ngành"
                          r"|(?:bộ|hộp|giỏ|set|combo)\s+quà)(?!\w)",
         "not a result",
         Example("Dẫn đầu là nhóm thực phẩm với 210 sản phẩm, tiếp theo là nhóm đồ uống (35 sản phẩm).", 210, None),
         "products counted by their group or trade, or the items of a gift set ('Bộ quà tặng … gồm 6 sản phẩm')",
         needs=("nhóm", "ngành", "bộ", "hộp", "giỏ", "set", "combo")),
    Rule("share-of-kind", r"(?<!\w)s[ảa]n\s+ph[ẩa]m\s+(?:được\s+)?(?:làm\s+|chế\s+biến\s+)?từ\s+[^.;,\d]{1,25}?chiếm"
                          r"(?:\s+(?:ưu\s+thế|tỷ\s+trọng\s+lớn(?:\s+nhất)?|đa\s+số|phần\s+lớn))?(?:\s+với)?\s*$",
         "not a result", Example("Sản phẩm từ dừa chiếm ưu thế với 104 sản phẩm.", 104, None),
         "products of a kind named before the count as the subject of 'chiếm' ('sản phẩm từ dừa chiếm ưu thế với "
         "104 sản phẩm'): counted by what they are made from", needs=("từ",)),
    Rule("kind-has", r"(?<!\w)trong\s+đó\s*,?\s+(?:riêng\s+)?(?-i:chả(?:\s+lụa)?|mật\s+ong|nước\s+mắm|rượu|bánh|kẹo|trà|chè|gạo"
                     r"|cà\s+phê|nem|giò|mứt|nấm|tinh\s+dầu|miến|bún|phở|xoài|vải|nhãn|bưởi|chuối|sen|dược\s+liệu)(?!\w)"
                     r"[^.;,\d]{0,30}?\s(?:có|chiếm|với)\s*$",
         "not a result", Example("Huyện có 28 sản phẩm OCOP, trong đó nem Lai Vung có 9 sản phẩm của 7 cơ sở.", 9, None),
         "a part of a stock whose subject is a kind of product ('trong đó nem Lai Vung có 9 sản phẩm', 'trong đó chè "
         "chiếm 12 sản phẩm'): counted by what the products are (a place as the subject is a figure: 'trong đó xã Tân "
         "Thành có 9 sản phẩm')", needs=("trong",)),
    Rule("supported", r"(?<!\w)hỗ\s+trợ\s+(?!(?:[^\W\d_]+\s+){0,3}?(?:nâng|phát\s+triển|tham\s+gia|đạt|xây\s+dựng\s+mới))"
                      r"[^.;]{0,80}?(?:cho|với)\s*$", "not a result",
         Example("Tỉnh hỗ trợ xây dựng logo, bộ nhận diện thương hiệu cho 18 sản phẩm.", 18, None),
         "products counted by the support they get (packaging, logos, barcodes, money per product: 'hỗ trợ 12 "
         "sản phẩm đạt 4 sao, mỗi sản phẩm 50 triệu đồng'), not support to reach a rank ('hỗ trợ 3 sản phẩm "
         "tham gia đánh giá 5 sao' in a plan is a target)", needs=("hỗ",)),
    Rule("supported-after", r"\s*(?:ocop\s+)?(?:(?:đã|đang)\s+)?được\s+hỗ\s+trợ(?!\s+(?:để\s+)?(?:nâng|tham\s+gia|đạt"
                            r"|phát\s+triển|xây\s+dựng\s+mới|đánh\s+giá))(?![^.;,]{0,60}(?:công\s+nhận|chứng\s+nhận|đạt))",
         "not a result",
         Example("Năm 2024 có 42 chủ thể với 71 sản phẩm được hỗ trợ tổng kinh phí 3,5 tỷ đồng.", 71, None),
         "products described as supported ('71 sản phẩm được hỗ trợ', 'Trong 71 sản phẩm được hỗ trợ, có …'): counted "
         "by the support, as 'supported' when the support is said before them; their parts too, whatever level "
         "they name", needs=("hỗ",)),
    Rule("paid-per-product", r"\s*(?:ocop\s+)?[^.;,]{0,40}?,\s*mỗi\s+sản\s+phẩm\s+(?:được\s+hỗ\s+trợ\s+)?[\d.,]+\s+"
                             r"(?:triệu|tỷ|nghìn|ngàn)", "not a result",
         Example("Tỉnh hỗ trợ 12 sản phẩm đạt 4 sao, mỗi sản phẩm 50 triệu đồng.", 12, None),
         "products counted by a sum paid for each of them ('…, mỗi sản phẩm 50 triệu đồng')", needs=("mỗi",)),
    Rule("being-assessed", r"\s*(?:còn\s+lại\s+)?(?:đang\s+)?chờ\s+kết\s+quả(?=\s*[.;,)])|\s*(?:OCOP\s+)?(?:khác\s+)?(?:từ\s+[^;.]{0,40}?)?"
                           r"(?!được\s+(?:đánh\s+giá|thẩm\s+định)(?:\s*,\s*(?:phân|xếp)\s+hạng)?\s+(?:lần\s+đầu|lại)(?!\w))"
                           r"(?:được\s+|đang\s+được\s+(?:[^\s,.;]+\s+){0,4}?|(?:đang\s+)?chờ\s+(?:kết\s+quả\s+)?(?:hội\s+đồng[^;.,]{0,25}?\s)?)"
                           r"(?:đưa\s+(?:ra|vào)\s+)?"
                           r"(?:đánh\s+giá|chấm\s+điểm|thẩm\s+định)(?![^;.]{0,25}(?:đạt|công\s+nhận|chứng\s+nhận|sao))", "not a result",
         Example("Có 544 sản phẩm từ 26 quận, huyện được đánh giá, trong đó 54 sản phẩm được đưa ra đánh giá lần đầu.",
                 544, None),
         "products being assessed or awaiting the result ('đang chờ kết quả thẩm định', '3 sản phẩm còn lại đang chờ "
         "kết quả', 'đang chờ Hội đồng tỉnh "
         "đánh giá', 'đang được Hội đồng tỉnh thẩm định'), with no result said of them ('được đánh giá lần đầu', 'được đánh giá lại' are results)",
         needs=("được", "chờ")),
    Rule("in-progress", r"(?<!\w)đang\s+(?:tiếp\s+tục\s+)?(?:được\s+(?:[^\W\d_]+\s+){0,4}?)?(?:đánh\s+giá|xem\s+xét|hoàn\s+thiện|xây\s+dựng|thẩm\s+định)"
                        r"[^.;]{0,30}$", "not a result",
         Example("Thành phố đang tiếp tục đánh giá, công nhận 4 sản phẩm mới.", 4, None),
         "products still being assessed or prepared (also 'đang được Hội đồng tỉnh đánh giá với 28 sản phẩm')", needs=("đang",)),
    Rule("entered-programme", r"(?:tham\s+gia\s+(?:chương\s+trình|ocop)[^.;]{0,20}?(?:với|gồm|có)\s*$)"
                              r"|(?:lựa\s+chọn|chọn|đưa)\s+$", "not a result",
         Example("Đến nay có 219 chủ thể tham gia chương trình với 569 sản phẩm.", 569, None),
         "products taking part in, or chosen for, the programme", needs=("tham", "chọn", "đưa")),
    Rule("candidate", r"(?<!\w)(?:tham\s+dự|đăng\s+ký|dự\s+thi|chấm\s+điểm|tham\s+gia\s+(?:đánh\s+giá|phân\s+hạng|xét"
                      r"|dự\s+thi|mới|bình\s+chọn)|(?:(?<=ph[ẩa]m\s)|(?<=SP\s)|(?<=OCOP\s))tham\s+gia(?=\s*(?:[;,.)]|$|nhiều|nhất))"
                      r"|(?:hoàn\s+thiện|chuẩn\s+bị|xây\s+dựng)\s+hồ\s+sơ(?!\s+(?:để\s+)?(?:đề\s+nghị|đề\s+xuất|trình"
                      r"|nâng\s+hạng))|(?:có\s+)?hồ\s+sơ\s+đủ\s+điều\s+kiện|gửi\s+hồ\s+sơ\s+(?:đề\s+nghị\s+)?(?:đánh\s+giá"
                      r"|phân\s+hạng|tham\s+gia)|tiếp\s+nhận|hồ\s+sơ\s+(?:với|của|gồm|cho)|vào\s+chương\s+trình)(?!\w)",
         "not a result",
         Example("Năm 2022 có 36 sản phẩm đăng ký tham gia đánh giá, phân hạng.", 36, None),
         "registered, entered, taking part in the assessment, dossiers received ('tiếp nhận 25 hồ sơ với 40 "
         "sản phẩm'), with no level or result said of the count (not negated in a reason: '… còn hiệu lực, do một số "
         "sản phẩm hết hạn không đăng ký đánh giá lại' says why a stock fell; nor in the clause before an aim of its "
         "own: 'hướng dẫn các chủ thể hoàn thiện hồ sơ, phấn đấu … công nhận thêm khoảng 30 sản phẩm')",
         needs=("tham", "đăng", "dự", "chấm", "hồ", "tiếp", "vào")),
    Rule("set-of-other-programme", r"(?:\s+[^\W\d_]+){0,3}?\s+(?:(?:đã\s+)?được\s+)?(?:tôn\s+vinh|vinh\s+danh|đạt\s+giải"
                                   r"|trao\s+giải|bình\s+chọn|tiêu\s+biểu|đặc\s+trưng|hữu\s+cơ|chủ\s+lực"
                                   r"|công\s+nghiệp\s+nông\s+thôn|cnnt)(?!\w)", "not a result",
         Example("Trong 30 sản phẩm được tôn vinh có 12 sản phẩm đã được công nhận OCOP 3 sao.", 30, None),
         "the whole after 'Trong' of another programme's set ('Trong 22 sản phẩm đạt giải có 15 sản phẩm OCOP'): "
         "its parts are counted by that attribute, whatever result or level they name (rule part-of-non-result)"),
    Rule("member-of-other-set", r"(?<!\w)trong\s+(?:số\s+)?(?:[\d.]+\s+|các\s+|những\s+)?(?:s[ảa]n\s+ph[ẩa]m|đặc\s+sản)"
                                r"(?:\s+[^\W\d_]+){0,3}?\s+(?:(?:được|đã\s+được)\s+)?(?:tôn\s+vinh|vinh\s+danh|đạt\s+giải"
                                r"|trao\s+giải|bình\s+chọn|tiêu\s+biểu|đặc\s+trưng|hữu\s+cơ|chủ\s+lực|công\s+nghiệp\s+nông\s+thôn"
                                r"|cnnt)(?!\w)(?:\s+nói\s+trên)?\s*,?\s*(?:có|thì)?\s*$", "not a result",
         Example("Trong các sản phẩm được tôn vinh có 12 sản phẩm đã được công nhận OCOP 3 sao.", 12, None),
         "OCOP products counted inside another programme's set ('trong 34 sản phẩm được tôn vinh có 19 sản phẩm "
         "OCOP', 'trong 22 sản phẩm đạt giải có 15 …', 'trong 14 sản phẩm hữu cơ … có 8'): a share by another "
         "attribute, whatever level they name (not 'trong 40 sản phẩm được công nhận có 8 sản phẩm 4 sao')",
         needs=("trong",)),
    Rule("other-programme-named-before", r"(?<!\w)(?:công\s+nghiệp\s+nông\s+thôn|cnnt|tiêu\s+biểu|đặc\s+trưng|chủ\s+lực"
                                         r"|đặc\s+sản|bình\s+chọn|ban\s+giám\s+khảo|cuộc\s+thi|trao\s+giải|đạt\s+giải"
                                         r"|top\s+\d+|sao\s+vàng\s+đất\s+việt|chất\s+lượng\s+cao|thương\s+hiệu\s+vàng"
                                         r"|kỷ\s+lục|vinh\s+danh|tôn\s+vinh)(?!\w)",
         "not a result",
         Example("Ban giám khảo đã chọn 18 sản phẩm trao giải, gồm 1 giải nhất và 2 giải nhì.", 18, None),
         "a count with no level, no whole and no 'OCOP' in its clause, when the last programme its sentence names "
         "before it is another one — a rural-industry or 'typical' vote, a contest, a key or speciality list, a "
         "consumers' award ('Ban giám khảo đã chọn 22 sản phẩm trao giải', 'danh mục sản phẩm chủ lực … với 12 "
         "sản phẩm'); not after 'OCOP' or a star level named later than it ('sản phẩm đặc trưng … được gắn 3 sao')",
         needs=("công", "cnnt", "tiêu", "đặc", "chủ", "bình", "giám", "thi", "giải", "top", "vàng", "cao", "kỷ", "vinh")),
    Rule("result-after", r"\s*(?:ocop\s+)?(?:đã\s+)?(?:được|đạt)(?!\w)(?!\s+(?:đăng\s+ký|tham\s+gia|(?:lựa\s+)?chọn))", "a result",
         Example("Năm 2021 có 40 sản phẩm đã được công nhận sau khi đăng ký tham gia.", 40, "result"),
         "a count then said to be recognised is a result, whatever the clause says of candidates",
         needs=("được", "đạt")),
], doc="Tried in this order; the first rule that applies makes the count not a figure. A count with "
       "a level keeps being a result for the rules that read only unranked products.",
   values="`not a result` (the count is dropped), `a result`")

# a comma ends the clause, except in a list of counts or of bare unit nouns ("các tỉnh, thành phố được"); so
# does "nhưng" ("có 9 sản phẩm OCOP nhưng chỉ 2 sản phẩm tiêu thụ ổn định": the attribute is the second's)
_ATTRIBUTE_STOP = Folded(
    r";|,(?!\s*(?:\d|(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s"
    r"|(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)\s*(?:[,;.)]|(?:và|được|đã|trong|trên)\s)))"
    r"|(?<!\w)(?:trong\s+đó|nhưng|song|tuy\s+nhiên|hoặc)(?!\w)|\d+\s*%"
    r"|(?<!\w)và\s+(?=[\d.,]+\s+(?!s[ảa]n\s+ph[ẩa]m|sp(?!\w))[^\W\d_])")
# recognised again ('công nhận lại', 'cấp lại', 'chứng nhận lại'), not only assessed again ('đánh giá lại')
_RECOGNISED_AGAIN = Folded(r"(?:công\s+nhận|cấp|chứng\s+nhận)\s+lại(?!\w)")
_RECERTIFIED_BEFORE = Folded(r"(?:công\s+nhận|cấp|chứng\s+nhận|đánh\s+giá|xếp\s+hạng)\s+lại[^.;]{0,20}$")
_OWN_RESULT = Folded(r"(?<!\w)(?<!chưa\s)(?<!không\s)(?:đạt|được\s+(?:(?:ubnd|ủy\s+ban|uỷ\s+ban|bộ|hội\s+đồng|chủ\s+tịch)"
                    r"(?:\s+[^\W\d_]+){0,3}?\s+)?(?:công\s+nhận|chứng\s+nhận|xếp\s+hạng|phân\s+hạng))(?!\w)"
                         r"|tiềm\s+năng")
# A recognition said right after the count ("5 sản phẩm (OCOP) đã được UBND tỉnh công nhận"): the words
# after it are its reason or its sequel, not another attribute of what is counted.
_RECOGNISED_RIGHT_AFTER = Folded(r"\s*(?:ocop\s+)?(?:(?:đã|mới|vừa)\s+)?được\s+(?:[^\W\d_]+\s+){0,4}?"
                                 r"(?:công\s+nhận|(?:cấp\s+(?:giấy\s+)?)?chứng\s+nhận|gắn\s+sao)(?!\w)"
                                 r"(?!\s+(?:là\s+)?(?:đạt\s+)?(?:tiêu\s+chuẩn\s+)?(?:vietgap|globalgap|halal|hữu\s+cơ|haccp|iso"
                                 r"|chỉ\s+dẫn|nhãn\s+hiệu|làng\s+nghề|sản\s+phẩm\s+công\s+nghiệp))")
_ADDED_RIGHT_BEFORE = Folded(r"(?<!\w)(?:có\s+thêm|công\s+nhận(?:\s+(?:mới|thêm))?)\s+(?:(?:ít\s+nhất|tối\s+thiểu|khoảng"
                             r"|hơn|trên)\s+)?$")
_PLAN_AFTER = Folded(r"\s*(?:ocop\s+)?so\s+với\s+(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)")
_RECOGNISED_BEFORE = Folded(r"(?<!\w)(?:công\s+nhận|chứng\s+nhận|cấp|phân\s+hạng|xếp\s+hạng|đạt)(?!\w)")
# a comma clause that states an aim of its own: the dossiers of the clause before it are not its count's
_AIM_CLAUSE = Folded(r",\s*(?:(?:tỉnh|huyện|thành\s+phố|sở)\s+)?(?:phấn\s+đấu|đặt\s+mục\s+tiêu|dự\s+kiến)(?!\w)")
# a non-result whose bracket names places with their own counts: "vượt 10 sản phẩm", "một số tỉnh có dưới 100 sản
# phẩm, như Bắc Kạn (96 sản phẩm)"
_PLACES_OWN = ("margin-over-plan", "threshold-of-places")
_OWN_CLAUSE_WORD = Folded(r"(?<!\w)(?:công\s+nhận|chứng\s+nhận|đạt|mục\s+tiêu|phấn\s+đấu|chỉ\s+tiêu)(?!\w)")
_HIGHER = Folded(r"0?5\s*sao|trung\s+ương|quốc\s+gia|(?<!\w)bộ(?!\w)")
_OWNER = Folded(r"(?<!\w)của\s+(?:ctcp|công\s+ty|htx|hợp\s+tác\s+xã|hộ\s+kinh\s+doanh|hộ|cơ\s+sở|doanh\s+nghiệp"
                    r"|chi\s+nhánh|tổ\s+hợp\s+tác)(?!\w)")


def read_result(p: Passage, c: Count, prev: Count | None) -> None:
    """Marks the count not a result (``c.result = False``) by the first rule that applies."""
    rule = _not_a_result(p, c, prev)
    if rule is not None:
        c.result = False
        c.decide("result", rule)
    w = c.whole
    if rule == "failed" and w is None and _assessed_before(p, c, prev):
        w = prev  # "Hội đồng đã đánh giá 21 sản phẩm, 5 sản phẩm chưa đạt": the 21 were assessed
    if rule == "failed" and w is not None and w.result and not w.stars and not _OWN_RESULT.search(
            p.text, w.noun_end, _clause_end(p, w)) and not _passed_add_up(p, w):  # "39 sản phẩm đạt từ 50 điểm …;
        _assessed(p, w)  # 3 sản phẩm không đạt"


_ASSESSED = Folded(r"(?<!\w)(?:đánh\s+giá|chấm\s+điểm|thẩm\s+định|xem\s+xét)(?:\s*,\s*(?:phân|xếp)\s+hạng)?"
                   r"(?:\s+(?:cho|đối\s+với))?\s*$")


def _assessed_before(p: Passage, c: Count, prev: Count | None) -> bool:
    """"đã đánh giá 21 sản phẩm, 5 sản phẩm chưa đạt": a count of failures right after a count of
    products assessed, in one list."""
    return (prev is not None and prev.sent == c.sent and prev.result and not prev.stars and prev.whole is None
            and bool(_ASSESSED.search(p.text, max(p.sentences[c.sent].start, prev.start - 30), prev.start))
            and p.text[own_end(prev):c.start].strip() in (",", ";", "và"))


_NEGATED_REASON = Folded(r"[,:]\s*(?:do|vì|bởi)\s[^.;,]{0,60}?(?:không|chưa)\s+$")  # a clause of its own


def _passed_add_up(p: Passage, whole: Count) -> bool:
    """"công nhận lại 92 sản phẩm, trong đó 88 …, 4 …; 2 sản phẩm không đạt": the parts that passed add up to
    the whole, so it counts them, not the products assessed (the failures are beside it)."""
    parts = [x for counts in p.counts[whole.sent:whole.sent + 2] for x in counts
             if x.whole is whole and x.result and x.trace.get("result") is None]
    return len(parts) > 1 and sum(x.value for x in parts) == whole.value


def _assessed(p: Passage, whole: Count) -> None:
    """The whole of a breakdown that counts failures counted the products assessed in one round."""
    whole.result = False
    whole.decide("result", "whole-of-failures")
    for x in p.counts[whole.sent:whole.sent + 2]:
        for part in x:
            if part.whole is whole and part.trace.get("basis") == "whole-basis":
                part.basis = "new"
                part.decide("basis", "whole-of-failures")


def _not_a_result(p: Passage, c: Count, prev: Count | None) -> str | None:
    if c.truncated:
        return None
    text = p.text
    sent = p.sentences[c.sent]
    search, match = TABLE.search, TABLE.match
    start, noun_end = c.start, c.noun_end
    after_end = min(sent.end, noun_end + 40)
    # the windows before the count, by their length (each read by several rules)
    back = sent.start
    back30, back60 = max(back, start - 30), max(back, start - 60)
    whole = c.whole
    if whole is None and prev is not None and not prev.result and match(
            "part-of-non-result", text, prev.noun_end, start):
        whole = prev  # "trưng bày hơn 1.000 sản phẩm, trong đó có 400 sản phẩm OCOP"
    if whole is not None and not whole.result and whole.trace.get("result") not in _PLACES_OWN and (
            whole.trace.get("result") in _COUNTED_BY_ATTRIBUTE
            or not _OWN_RESULT.search(text, noun_end, _clause_end(p, c))):
        return "part-of-non-result"
    if (whole is None and c.stars is None and c.trace.get("status") in ("default-achieved", "list-status")
            and _no_antecedent(p, c)):
        return "no-antecedent"
    if not c.stars and _AMONG_BEFORE.search(text, max(sent.start, start - 20), start) and match(
            "set-of-other-programme", text, noun_end, after_end):
        return "set-of-other-programme"
    if match("failed", text, noun_end, after_end):
        return "failed"
    if match("expired", text, noun_end, after_end):
        if not _RECERTIFIED_BEFORE.search(text, max(sent.start, start - 40), start) and not g.RECERTIFIED_AFTER.match(
                text, noun_end, min(sent.end, noun_end + 100)):
            return "expired"
        if not _RECOGNISED_AGAIN.search(text, max(sent.start, start - 40), start) and match(
                "reassessed-whole", text, noun_end, min(sent.end, noun_end + 120)):
            return "reassessed-whole"
    expired = search("expired-in-brackets", text, max(sent.start, start - 80), start)
    if expired and not _RECOGNISED_AGAIN.search(text, max(sent.start, expired.start() - 60), expired.start()):
        return "expired-in-brackets"
    if search("revoked", text, back60, start):
        return "revoked"
    if search("report-label", text, back60, start):
        return "report-label"
    if TABLE.may_hold("expired-since", text, noun_end, sent.end):  # (both rules below need 'nhưng')
        clause_end = _next_count_start(p, c, _semicolon(text, noun_end, sent.end))
        if match("expired-since", text, noun_end, clause_end):
            return "expired-since"
        if match("proposed-but-failed", text, noun_end, clause_end):
            return "proposed-but-failed"
    if search("inspected", text, back60, start):
        return "inspected"
    if match("owned-by-group", text, noun_end, after_end):
        return "owned-by-group"
    if search("group-owns", text, back60, start):
        return "group-owns"
    if c.whole is None and _inspection_outcome(p, c):
        return "inspection-outcome"
    if search("registered-for-rank", text, max(sent.start, start - 40), start):
        return "registered-for-rank"
    if search("average", text, back60, start):
        return "average"
    if search("cap-per-unit", text, back60, start):
        return "cap-per-unit"
    if search("threshold-of-places", text, back60, start):
        return "threshold-of-places"
    if search("denied", text, max(sent.start, start - 20), start):
        return "denied"
    if search("ratio", text, max(sent.start, start - 100), start):
        return "ratio"
    if search("conditional-threshold", text, max(sent.start, start - 80), start):
        return "conditional-threshold"
    if search("margin-over-plan", text, max(sent.start, start - 10), start) and _PLAN_AFTER.match(
            text, noun_end, after_end):
        return "margin-over-plan"
    margin = search("margin-after-plan-noun", text, back30, start)
    if margin and prev is not None and prev.sent == c.sent and prev.value >= 2 * c.value:
        return "margin-after-plan-noun"
    if search("prize-named", text, back30, start):
        return "prize-named"
    if match("rural-industry", text, noun_end, after_end):
        return "rural-industry"
    assessed = _ASSESSED.search(text, back60, start)
    if assessed and match(
            "assessed-but-fewer", text, noun_end, min(sent.end, noun_end + 60)):
        return "assessed-but-fewer"
    restated = search("share-restated", text, back30, start)
    if restated and "%" in text[sent.start:restated.start()] and _attribute_in(text, sent.start, restated.start()):
        return "share-restated"
    unranked = not c.stars or c.trace.get("stars") == "level-of-whole"
    if unranked and match("taking-part", text, noun_end, after_end) and not _RECOGNISED_BEFORE.search(
            text, back60, start):
        return "taking-part"
    if unranked and match("made-from", text, noun_end, after_end):
        return "made-from"
    kind = match("product-kind", text, noun_end, after_end)
    if kind and not _ranked_here(c) and not _names_listed(text, kind, sent.end) and not _OWN_RESULT.match(
            text, _word_end(text, kind.end()), _clause_end(p, c)):  # "4 sản phẩm trà đạt OCOP": ranked, of a kind
        return "product-kind"
    if unranked and match("other-kind", text, noun_end, after_end):
        return "other-kind"
    if unranked and match("unranked-potential", text, noun_end, after_end):
        return "unranked-potential"
    if _item_of_other_kind(p, c, prev):
        return "list-of-non-result"
    if unranked and _rise_of_non_result(p, c, prev):
        return "rise-of-non-result"
    if unranked and match("other-award", text, noun_end, after_end):
        return "other-award"
    if unranked and match("other-rank", text, noun_end, after_end):
        return "other-rank"
    if unranked and match("other-programme", text, noun_end, min(sent.end, noun_end + 80)):
        return "other-programme"
    if c.whole is None and search("member-of-other-set", text, max(sent.start, start - 90), start):
        return "member-of-other-set"
    if unranked and c.whole is None and _other_programme_before(p, c):
        return "other-programme-named-before"
    result_after = match("result-after", text, noun_end, after_end)
    if _other_attribute(p, c):
        return "other-attribute"
    if search("assessment-held", text, back60, start):
        return "assessment-held"
    if unranked and assessed and match(
            "assessed-then-outcome", text, noun_end, min(len(text), noun_end + 80)):
        return "assessed-then-outcome"
    if unranked and search("share-of-kind", text, max(sent.start, start - 80), start):
        return "share-of-kind"
    if unranked and search("kind-has", text, max(sent.start, start - 60), start):
        return "kind-has"
    if search("supported", text, _semicolon_back(text, max(sent.start, start - 120), start), start):
        return "supported"
    if match("supported-after", text, noun_end, min(sent.end, noun_end + 120)):
        return "supported-after"
    if TABLE.may_hold("paid-per-product", text, noun_end, sent.end) and match(
            "paid-per-product", text, noun_end, min(sent.end, noun_end + 80)):
        return "paid-per-product"
    if unranked and not result_after and search("assessing", text, back60, start) \
            and not _national_proposal(p, c):
        return "assessing"
    if unranked and search("product-group", text, max(sent.start, start - LOOK_BACK), start):
        return "product-group"
    planned = c.status == "target"
    if unranked and not planned and match("being-assessed", text, noun_end,
                                                 _clause_end(p, c, stop_at_comma=False)):
        return "being-assessed"
    if unranked and not planned and search("in-progress", text, max(sent.start, start - 50), start):
        return "in-progress"
    if unranked and search("entered-programme", text, back60, start):
        return "entered-programme"
    candidate = None
    before = max(sent.start, start - LOOK_BACK)
    if unranked and TABLE.may_hold("candidate", text, before, min(sent.end, noun_end + 120)):  # (the span of
        # every window below: the clause's bounds are read only where the rule may be found)
        clause = _semicolon_back(text, before, start)
        aim = g.last(_AIM_CLAUSE.finditer(text, clause, start))
        if aim is not None and not TABLE.search("candidate", text, aim.start(), start):
            clause = aim.start()  # "… hướng dẫn các chủ thể hoàn thiện hồ sơ, phấn đấu … công nhận thêm khoảng 30 sản phẩm"
        if _OWN_CLAUSE_WORD.search(text, clause, start):  # "… đăng ký tham gia; dự kiến công nhận khoảng 12 sản phẩm",
            # "… đăng ký tham gia; mục tiêu năm 2024 có thêm ít nhất 30 sản phẩm": a clause of its own
            before = clause
        after = _next_count_start(p, c, _semicolon(text, noun_end, min(sent.end, noun_end + 120)))
        candidate = search("candidate", text, before, after)
    candidate = candidate or match("candidate", text, _skip_potential(text, noun_end, after_end), after_end)
    if candidate and _NEGATED_REASON.search(text, max(0, candidate.start() - 80), candidate.start()):
        candidate = None  # "… còn hiệu lực, do một số sản phẩm hết hạn không đăng ký đánh giá lại": why, not who
    if candidate and c.whole is not None and c.whole.result and c.trace.get("stars") == "level-of-whole":
        # rule part-of-ranked: "trong 12 sản phẩm 4 sao có … 5 sản phẩm lần đầu tham gia đánh giá" — a part
        # of ranked products says how they came to the round, not that they wait for a rank
        return None
    if candidate and not _put_forward(p, c):  # a proposal for a rank is a dossier too, and a figure
        # "01 sản phẩm tiềm năng tham gia đánh giá … 5 sao": a candidate whatever its level
        if result_after:
            c.decide("result", "result-after")
            return None
        return "candidate"
    return None


# a whole counted by an attribute its parts share, whatever level they name ("trong 21 sản phẩm xuất khẩu có
# 8 sản phẩm đạt 4 sao", "Trong 71 sản phẩm được hỗ trợ, có 29 sản phẩm đã đạt OCOP 3 sao")
_COUNTED_BY_ATTRIBUTE = ("other-attribute", "supported-after", "set-of-other-programme")
_AMONG_BEFORE = Folded(r"(?<!\w)trong\s+(?:số\s+)?(?:các\s+|những\s+)?$")
_OTHER_KINDS = ("other-award", "made-from", "product-kind", "other-kind", "product-group", "other-rank", "other-programme", "rural-industry",
                "expired", "expired-since", "failed", "other-attribute", "inspected", "supported", "paid-per-product",
                "list-of-non-result", "supported-after", "proposed-but-failed")


_OCOP_NAMED = Folded(r"(?<!\w)(?:ocop|mỗi\s+xã\s+một\s+sản\s+phẩm|sao(?!\s+vàng))(?!\w)")


def _other_programme_before(p: Passage, c: Count) -> bool:
    """The last programme the count's sentence names before it is not OCOP (rule other-programme-named-before),
    and the count's own words do not name OCOP or a level right after it."""
    text = p.text
    sent = p.sentences[c.sent]
    if not TABLE.may_hold("other-programme-named-before", text, sent.start, c.start):
        return False
    last = g.last(TABLE.finditer("other-programme-named-before", text, sent.start, c.start))
    if last is None or _OCOP_NAMED.search(text, max(sent.start, last.start() - 15), c.start):
        return False  # "sản phẩm OCOP tiêu biểu", "… chủ lực, có 12 sản phẩm đạt 3 sao": OCOP's own
    return not _OCOP_NAMED.search(text, c.start, _clause_end(p, c))


def _semicolon(text: str, start: int, end: int) -> int:
    """Where a ';' ends the clause the window starts in: what follows is about its own subject."""
    k = text.find(";", start, end)
    return end if k == -1 else k


def _semicolon_back(text: str, start: int, end: int) -> int:
    """The start of the clause ``end`` is in, after the last ';' of the window."""
    k = text.rfind(";", start, end)
    return start if k == -1 else k + 1


def _inspection_outcome(p: Passage, c: Count) -> bool:
    """"Sở đã hậu kiểm 60 sản phẩm. Kết quả, 49 sản phẩm duy trì tốt chất lượng": the outcome of an
    inspection, with no result of its own."""
    if c.stars or c.sent == 0 or not p.counts[c.sent - 1]:
        return False
    sent = p.sentences[c.sent]
    if not TABLE.match("inspection-outcome", p.text, sent.start, p.counts[c.sent][0].start):
        return False
    if p.counts[c.sent - 1][-1].trace.get("result") != "inspected":
        return False
    return not _OWN_RESULT.search(p.text, c.noun_end, _clause_end(p, c))


def _item_of_other_kind(p: Passage, c: Count, prev: Count | None) -> bool:
    """"9 sản phẩm công nghiệp nông thôn tiêu biểu, 2 sản phẩm cấp khu vực": a list item with no cue,
    level or result of its own after a count of another kind of product counts that kind too."""
    if (prev is None or prev.result or prev.sent != c.sent or c.stars
            or prev.trace.get("result") not in _OTHER_KINDS or c.trace.get("status") != "list-status"):
        return False
    text = p.text
    if _OWN_RESULT.search(text, c.noun_end, _clause_end(p, c)) or text[c.noun_end:c.noun_end + 6].lower().strip(
            ).startswith("ocop"):
        return False
    return bool(TABLE.match("list-of-non-result", text, prev.noun_end, c.start))


_NEXT_WORD = re.compile(r"\s*")


def _rise_of_non_result(p: Passage, c: Count, prev: Count | None) -> bool:
    """"64 sản phẩm … được đưa vào kệ hàng, tăng 15 sản phẩm so với cuối năm 2023": the rise of the count
    before, in its sentence, which is not of results."""
    if (prev is None or prev.result or prev.sent != c.sent or prev.trace.get("result") not in _OTHER_KINDS
            or not TABLE.may_hold("rise-of-non-result", p.text, prev.noun_end, c.start)):
        return False
    return bool(TABLE.match("rise-of-non-result", p.text, prev.noun_end, c.start))


def _word_end(text: str, at: int) -> int:
    """Where the next word starts after ``at`` (the spaces skipped)."""
    return _NEXT_WORD.match(text, at).end()


def _ranked_here(c: Count) -> bool:
    """The count names its own level after it ("3 sản phẩm cà phê được nâng hạng lên 4 sao"): counted
    by its rank, whatever kind of product it is."""
    return c.trace.get("stars") in ("level-after", "level-raised")


_LISTED = re.compile(r"[^.;,]*?(?:,|\svà)\s+(?!\d)[^\W\d_]")


def _names_listed(text: str, kind: re.Match[str], end: int) -> bool:
    """"2 sản phẩm là chè Shan tuyết và rượu táo mèo": 'là' opens the names of the products counted,
    not the kind they are counted by."""
    return kind.group(0).lstrip().lower().startswith("là") and bool(_LISTED.match(text, kind.end(), end))


def _next_count_start(p: Passage, c: Count, end: int) -> int:
    """Where the next count of the sentence starts, if before ``end``: a candidate word after it
    ("…, trong đó 2 sản phẩm 4 sao; năm 2025 huyện đăng ký 5 sản phẩm") is about that count."""
    for x in p.counts[c.sent]:
        if x.start > c.noun_end:
            return min(end, x.start)
    return end


def _no_antecedent(p: Passage, c: Count) -> bool:
    """The count's sentence opens a breakdown, and no count before it in the passage is what it breaks down."""
    sent = p.sentences[c.sent]
    if not TABLE.match("no-antecedent", p.text, sent.start, c.start) or CUES.scan(p.text, sent.start, c.start):
        return False  # "Cụ thể, công nhận … cho 14 sản phẩm", "Cụ thể, Công ty A có 7 sản phẩm" say what they count
    return not any(x.result for counts in p.counts[:c.sent] for x in counts)


_POTENTIAL = re.compile(r"\s*(?:ocop\s+)?(?:có\s+)?tiềm\s+năng\s+|\s*", _I)


def _skip_potential(text: str, start: int, end: int) -> int:
    m = _POTENTIAL.match(text, start, end)
    return m.end() if m else start


def _put_forward(p: Passage, c: Count) -> bool:
    """Proposed for a rank — by someone ('do 11 tỉnh đề nghị'), for five stars, to a higher council or
    for recognition itself ('đề nghị tỉnh công nhận 15 sản phẩm') — not merely submitted to the council
    that assesses candidates."""
    if c.status != "proposed":
        return False
    if c.trace.get("status") in ("proposed-by", "awaiting-level", "submitted-level"):
        return True
    sent = p.sentences[c.sent]
    if _PROPOSED_FOR_RECOGNITION.search(p.text, max(sent.start, c.start - 50), c.start):
        return True
    return bool(_HIGHER.search(p.text, max(sent.start, c.start - 80), min(sent.end, c.noun_end + 80)))


def _national_proposal(p: Passage, c: Count) -> bool:
    """The central council considering the products provinces put forward ("Hội đồng … cấp Trung ương
    … xem xét hồ sơ của 19 sản phẩm do 11 tỉnh đề nghị"): proposals for five stars, not candidates
    of a provincial round."""
    sent = p.sentences[c.sent]
    return c.trace.get("status") == "proposed-by" and bool(
        _HIGHER.search(p.text, max(sent.start, c.start - 120), min(sent.end, c.noun_end + 80)))


_PROPOSED_FOR_RECOGNITION = Folded(r"(?<!\w)(?:đề\s+nghị|đề\s+xuất)\s+(?:[^\W\d_]+\s+){0,4}?công\s+nhận"
                                    r"(?:\s+(?:cho|đối\s+với))?\s*$")
_CLAUSE_STOP = re.compile(r"[;(]|,|\.\s")
_SENTENCE_STOP = re.compile(r"[;(]|\.\s")


def _clause_end(p: Passage, c: Count, *, stop_at_comma: bool = True) -> int:
    sent_end = p.sentences[c.sent].end
    end = min(sent_end, c.noun_end + 120)
    stop = (_CLAUSE_STOP if stop_at_comma else _SENTENCE_STOP).search(p.text, c.noun_end, end)
    return stop.start() if stop else end


def _other_attribute(p: Passage, c: Count) -> bool:
    """The clause the count is in — back to the last comma, on to the end of its list — names another
    attribute of the products."""
    text = p.text
    sent = p.sentences[c.sent]
    clause_start = max(sent.start, c.start - 80)
    for sep in ",;:(":
        k = text.rfind(sep, clause_start, c.start)
        if k != -1:
            clause_start = max(clause_start, k + 1)
    end = min(sent.end, c.noun_end + 150)
    following = _next_count_start(p, c, end)
    if following < end and _OWN_RESULT.search(text, c.noun_end, following):  # "25 sản phẩm được công nhận và
        end = following  # 100 sản phẩm có mặt …": a count with a predicate of its own does not share the next one's
    elif following < end and may_contain(text, ("thêm", "nhận"), max(clause_start, c.start - 30), c.start) \
            and _ADDED_RIGHT_BEFORE.search(text, max(clause_start, c.start - 30), c.start):  # rule own-verb-conjunct:
        end = following  # "phấn đấu có thêm 35 sản phẩm OCOP và 25 sản phẩm OCOP được xuất khẩu": nor one with its own verb
    recognised = _RECOGNISED_RIGHT_AFTER.match(text, c.noun_end, end) if may_contain(
        text, ("được",), c.noun_end, end) else None  # (the pattern reads 'được')
    if recognised:  # "có thêm 5 sản phẩm được công nhận nhờ … hỗ trợ thiết kế nhãn mác": the rest says why
        end = recognised.end()
    m = _ATTRIBUTE_STOP.search(text, c.noun_end, end)
    owner = _OWNER.search(text, c.noun_end, m.start() if m else end)
    if owner is not None:  # "… của CTCP nông nghiệp hữu cơ HD": the rest is a name
        end = owner.start()
        m = None
    right_end = m.start() if m else end
    return _attribute_in(text, clause_start, c.start) or _attribute_in(text, c.noun_end, right_end)


def _attribute_in(text: str, start: int, end: int) -> bool:
    """An attribute word in ``text[start:end]`` that is no part of a name: "HTX Hữu cơ Song Vũ với 3
    sản phẩm" names a cooperative — a capitalised word after the clause's first word, and the name
    goes on in capitals ("chứng nhận VietGAP." is the attribute)."""
    for m in TABLE.finditer("other-attribute", text, start, end):
        after = text[m.end():m.end() + 30].split(None, 1)
        in_name = (text[m.start()].isupper() and bool(text[start:m.start()].strip())
                   and bool(after) and after[0][:1].isupper())
        if not in_name:
            return True
    return False


TABLES = [TABLE]
