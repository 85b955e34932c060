"""Tokens and word lists shared by the classifier and the owner finder.

Words are compared folded (lower case, no diacritics), so "uỷ"/"ủy",
"hoà"/"hòa", upper/lower case and NFC/NFD all match alike.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from functools import lru_cache

from .text import normalize


class Tok(NamedTuple):
    start: int
    end: int
    text: str   # as written
    f: str      # lower case, NFC, one tone style ("ủy", "hòa"), "đ" unified
    cap: bool   # starts with a capital letter
    word: bool  # a word (not punctuation)


_TOKEN = re.compile(r"[^\W_]+(?:[&.\-/'][^\W_]+)*|[^\w\s]")


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """The form words are compared in: lower case, one tone style, "Ð" read as "đ"."""
    return normalize(word.replace("Ð", "Đ").replace("ð", "đ")).lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        w = text[s:e]
        isword = w[0].isalnum()
        out.append(Tok(s, e, w, key(w), isword and w[0].isupper(), isword))
    return out


class Phrases(frozenset):
    """A set of word tuples that also knows the first words and the longest length (for quick rejects)."""

    def __new__(cls, items):
        obj = super().__new__(cls, items)
        obj.firsts = frozenset(t[0] for t in obj if t)
        obj.maxlen = max((len(t) for t in obj), default=0)
        return obj


def _phrases(src: str) -> Phrases:
    out = set()
    for p in re.split(r"[,\n]", src):
        p = p.strip()
        if p:
            out.add(tuple(key(w) for w in p.split()))
    return Phrases(out)


def match_at(toks: list[Tok], i: int, phrases: frozenset[tuple[str, ...]], maxlen: int = 5) -> int:
    """Length (in tokens) of the longest phrase from ``phrases`` starting at ``i``; 0 if none."""
    n = len(toks)
    if i >= n:
        return 0
    firsts = getattr(phrases, "firsts", None)
    if firsts is not None:
        if toks[i].f not in firsts:
            return 0
        maxlen = phrases.maxlen
    best = 0
    words = []
    for k in range(i, min(n, i + maxlen)):
        if not toks[k].word:
            break
        words.append(toks[k].f)
        if tuple(words) in phrases:
            best = len(words)
    return best


# Verbs and pre-verbal adverbs that start a task predicate.
TASK_VERBS = _phrases("""
sao gửi, tập trung, tiếp tục, khẩn trương, kiên quyết, công bố, đối chiếu, chủ động, tăng cường, đẩy mạnh, đẩy nhanh, nâng cao, thực hiện, triển khai,
rà soát, chỉ đạo, lãnh đạo, quan tâm, chú trọng, làm tốt, làm rõ, sớm, kịp thời, quyết liệt, tuyệt đối, nghiêm túc,
xây dựng, hoàn thiện, hoàn thành, hoàn chỉnh, ban hành, tổ chức, củng cố, kiện toàn, đổi mới, phát huy, tạo,
tạo điều kiện, đảm bảo, bảo đảm, nắm, nắm chắc, nắm bắt, nắm sát, theo dõi, kiểm tra, giám sát, đôn đốc, hướng dẫn,
tuyên truyền, quán triệt, vận động, phối hợp, tham mưu, nghiên cứu, đề xuất, xử lý, giải quyết, tháo gỡ, hỗ trợ,
ưu tiên, huy động, tranh thủ, khai thác, bố trí, sắp xếp, rút kinh nghiệm, thành lập, chuẩn bị, cập nhật,
bổ sung, điều chỉnh, sửa đổi, lập, phê duyệt, tích cực, thường xuyên, định kỳ, chấp hành, ngăn chặn, phòng ngừa,
bảo vệ, giữ vững, cải thiện, ứng dụng, tập huấn, bồi dưỡng, tổng kết, sơ kết, tổng hợp,
báo cáo, trình, gửi, cung cấp, chuyển, tiếp thu, lưu ý, nêu cao, rèn luyện, giữ gìn, khơi dậy, thắt chặt, tham gia,
kết hợp, luôn, quản lý, sử dụng, thu hút, đẩy lùi, kiểm soát, phân công, phân cấp, hạn chế, khắc phục,
công khai, lắng nghe, lựa chọn, mở rộng, thúc đẩy, xác định rõ, rút ngắn, tiết kiệm, kiểm kê, hoàn tất, đảm nhận,
tiếp nhận, vào cuộc, bám, bám sát, bám vào, chịu trách nhiệm, có trách nhiệm, có nhiệm vụ, được giao, phải, cần, nghiêm,
không để, không chủ quan, chuyển giao, áp dụng, duy trì, xem xét, đăng ký, kiểm điểm, thanh tra, phấn đấu,
nỗ lực, thẩm định, chỉ rõ, đề ra, chăm lo, đầu tư, phát triển, đào tạo, cải cách, chuyển đổi, sàng lọc,
truyền đạt, phổ biến, cụ thể hóa, số hóa, chỉnh sửa, thay thế, bổ nhiệm, điều động, luân chuyển,
nhân rộng, ngăn ngừa, phòng chống, tuần tra, truy xuất, xúc tiến, quảng bá, làm việc,
tập hợp, đấu tranh, giữ, đưa, rút, tăng, giảm, đơn giản hóa, hiện đại hóa, đẩy,
có biện pháp, có giải pháp, có kế hoạch, có phương án, có thái độ, có văn bản, có chính sách, có cơ chế,
có chỉ đạo, động viên, khuyến khích, khen thưởng, thi đua, tiếp công dân, đối thoại, tiếp xúc,
thực thi, vận hành, khởi công, thi công, nghiệm thu, giải ngân, quyết toán, thanh toán, thu hồi,
cưỡng chế, bồi thường, giải phóng, di dời, nhắc nhở, chấn chỉnh, xử phạt, cảnh báo, dự báo,
ứng phó, cứu trợ, cứu hộ, tìm kiếm, sửa chữa, nâng cấp, mua sắm, điều tra, truy tố,
xét xử, thông tin, lấy ý kiến, góp ý, hiệu chỉnh, kết nối, tạo lập, nộp, trả lời, phản hồi, giải trình, thống kê,
định hướng, trực tiếp, nhanh chóng, quyết tâm, hình thành, dành, tránh, làm, vận dụng, phê bình, tự phê bình,
đánh giá, phân tích, lãnh, hướng, tuyển, tuyển chọn, rà, chủ trì, cử, mời, giao, yêu cầu, đề nghị, kêu gọi,
tiến hành, thẩm tra, giúp, quy định, tính toán, dự kiến, tận dụng, khuyến cáo, sơ tuyển, xét duyệt, xác minh,
nhân dịp, tổ chức thực hiện, tuyên dương, biểu dương, ghi nhận, bám nắm, theo sát, sắp tới, sát sao,
cụ thế hóa, hoàn thiện, ký, ký kết, tái cấu trúc, số hoá, lan tỏa, vượt qua, khai trương, nắm vững, tập trung cao độ,
sẵn sàng, chuẩn bị sẵn sàng, bảo đảm sẵn sàng,
khảo sát, sơ tán, di dời, di chuyển, gia cố, nạo vét, canh gác, túc trực, trực ban, dự trữ, cấp phát, phân bổ,
bàn giao, tạm dừng, đình chỉ, thu hoạch, gieo trồng, tiêm phòng, đôn đốc, cam kết,
cân đối, chi trả, phát dọn, dọn dẹp, khơi thông, chữa cháy, dập tắt, ra quân, lập biên bản,
mở sổ, mở lớp, mở đợt, mở chuyên mục, mở tài khoản
""")

ASSIGN_VERBS = _phrases("giao, yêu cầu, đề nghị, giao cho, giao nhiệm vụ cho, giao trách nhiệm cho, đồng chí đề nghị")

# Verbs after which the subject describes the meeting, a decision or a past fact: never a task.
NONTASK_VERBS = _phrases("""
dự, tham dự, phát biểu, thảo luận, cho biết, nhấn mạnh, ghi nhận, biểu quyết, trò chuyện, họp, nghe,
khẳng định, cho rằng, thống nhất, nhất trí, đồng ý, đánh giá cao, biểu dương, hoan nghênh, thông qua, kết luận,
cho ý kiến, quyết định, trao, tặng, thăm, giao ban, ký ban hành, phản ánh, kiến nghị, nêu, phân tích,
nói, chia sẻ, bày tỏ, mong muốn, chúc mừng, cảm ơn, giới thiệu, trình bày,
khai mạc, bế mạc, đồng chủ trì, đạt, có, gặp, gặp gỡ, được, bị, là, trở thành,
tăng trưởng, diễn ra, ra mắt, nhận định, kêu gọi, cho phép, giải đáp, thiếu, gồm, tiến hành, xác định,
vừa, đã, đang, cũng, đều, vẫn, còn, chưa, mới
""")

PRE_ADVERBS = _phrases("""
đã, đang, sẽ, vừa, cũng, đều, vẫn, còn, chưa, không, mới, hãy, nên, cần, phải, tiếp tục, trực tiếp,
khẩn trương, chủ động, kịp thời, sớm, quyết liệt, tích cực, thường xuyên, nghiêm túc, luôn, cũng cần,
cần phải, nhanh chóng, sau đó, đồng thời, cần tiếp tục
""")

STRONG_MODALS = _phrases("""
phải, cần, có trách nhiệm, có nhiệm vụ, chịu trách nhiệm, chủ trì, được giao, khẩn trương, cần phải, sẽ
""")

# Words that head the name of a unit, body or group that can be given a task.
UNIT_HEADS = _phrases("""
ban, ban thường vụ, ban chấp hành, ban cán sự, đảng đoàn, đảng ủy, đảng bộ, cấp ủy, cấp, ngành, địa phương, sở,
ủy ban, ubnd, hđnd, ubmttq, mttq, ubkt, bch, btv, bcs, vptu, hội đồng, văn phòng, mặt trận, công an, bộ chỉ huy,
bộ, thanh tra, chánh, chủ tịch, phó chủ tịch, giám đốc, phó giám đốc, trưởng, phó trưởng, thủ trưởng,
người đứng đầu, bí thư, phó bí thư, cán bộ, đảng viên, cơ quan, đơn vị, huyện ủy, thành ủy, thị ủy, tỉnh ủy,
quận ủy, tỉnh đoàn, thành đoàn, hội, đoàn, liên đoàn, liên hiệp, tổ chức, xã, phường, thị trấn, huyện, quận,
thị xã, thành phố, ấp, thôn, tiểu ban, trung tâm, đài, báo, bệnh viện, cục, chi cục, phòng, kho bạc,
ngân hàng, công ty, tổng công ty, doanh nghiệp, đồng chí, hệ thống chính trị, lãnh đạo, thường trực,
chính quyền, đoàn thể, chủ đầu tư, viện, học viện, vụ, tổng cục, chi bộ, tổ, tổ dân phố, cộng tác viên,
nhà đầu tư, hợp tác xã, cụm, khu, ban quản lý, ủy viên, tỉnh ủy viên, huyện ủy viên, bộ phận, lực lượng,
bộ đội biên phòng, viện kiểm sát, tòa án, kiểm toán, hiệp hội, chánh án, hiệu trưởng, trưởng phòng, trưởng ban,
trưởng đoàn, đoàn kiểm tra, đoàn công tác, ngành chức năng, cơ sở, cá nhân, tập thể, đại hội,
hộ gia đình, công chức, viên chức, thành viên, trường học, trường chính trị, trường đại học, trường cao đẳng, ubnd&hđnd, hđnd&ubnd, chi hội, ngành giáo dục,
nhà thầu, vườn quốc gia, khu bảo tồn, chủ rừng, kho bạc nhà nước
""")

DETERMINERS = _phrases("các, những, mỗi, từng, toàn, cả, toàn thể, toàn bộ, tất cả các, tất cả, riêng")

PERSON_STARTS = _phrases("đồng chí, ông, bà, đ/c")
PERSON_TITLES = _phrases("""
bí thư, phó bí thư, chủ tịch, phó chủ tịch, thủ tướng, phó thủ tướng, giám đốc, phó giám đốc, bộ trưởng,
thứ trưởng, đại tá, thượng tá, trung tá, thiếu tướng, trung tướng, trưởng ban, phó trưởng ban, tổng bí thư,
chủ nhiệm, phó chủ nhiệm, chánh văn phòng, ủy viên
""")
PLACE_TRIGGERS = {"tỉnh", "huyện", "xã", "tp", "tx", "quận", "phường", "thị", "ấp", "thôn", "phố", "thành", "vùng",
                  "khu", "sông", "hồ", "cầu", "đường", "cảng", "đảo", "nước", "bản", "tp.", "tx.", "trấn"}
PROPER_NOT_PERSON = {("việt", "nam"), ("hồ", "chí", "minh"), ("trung", "ương"), ("chính", "phủ"), ("quốc", "hội"),
                     ("nhà", "nước"), ("nhân", "dân"), ("tổ", "quốc"), ("mặt", "trận")}

# Name-forming verbs: right after a unit head they are part of the name ("Ban Chỉ đạo", "cơ quan tham mưu").
NAME_VERBS = _phrases("""
chỉ đạo, chỉ huy, tổ chức, quản lý, kiểm tra, tuyên giáo, dân vận, nội chính, tham mưu, giúp việc, tư vấn,
thẩm định, điều hành, phục vụ, tiếp công dân, thi đua, xây dựng đảng, chuyên trách, phát triển,
đào tạo, bảo vệ, phòng chống, điều phối, giám sát, điều tra, quy hoạch, ứng phó, đầu tư,
kiểm soát, chấp hành, thường vụ, cán sự, biên tập, thực hiện
""")
NAME_HEADS = _phrases("""
ban, cơ quan, đơn vị, ủy ban, sở, tiểu ban, hội đồng, trung tâm, tổ, đoàn, phòng, cục, bộ, viện, đài, chuyên trách,
tham mưu, cơ quan chuyên trách, bộ phận, ban chỉ đạo, dự án
""")

NP_INTERNAL = _phrases("""có liên quan, có thẩm quyền, liên quan, trực thuộc, thuộc, từ tỉnh đến cơ sở, từ tỉnh đến xã,
nhất là, trong đó có, kể cả, đặc biệt là, là đối tượng, là tổ chức, là cá nhân, là hộ gia đình, là doanh nghiệp""")
NP_STOPS = _phrases("""
theo, căn cứ, để, nhằm, trên cơ sở, sau khi, khi, nếu, thì, về việc, trước, trong đó, đồng thời, ngoài ra,
nhưng, tuy nhiên, vì, do đó, với ý chí, tại, qua, trước mắt, kết quả, tình hình, hồ sơ, danh sách, nội dung,
chậm nhất, muộn nhất, kể từ, trong thời hạn
""")

CONT_MARKERS = _phrases("""
đồng thời, ngoài ra, bên cạnh đó, trong đó, sau đó, theo đó, thêm vào đó, mặt khác, cùng với đó, tiếp đó, qua đó
""")
