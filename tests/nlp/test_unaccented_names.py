"""A unit's name typed without diacritics reads back whole where one of its words folds like a verb, a preposition
or an adverb ("Ha tang": "tăng", "Cong nghe": "nghe", "quy dat": "đặt", "Ton giao": "giao"), and a sentence typed so
reads as the one written with them."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent

from .letterheads import HEAD
from .scoring import read_folded


@pytest.mark.parametrize("item", [
    "Giao Phòng Kinh tế, Hạ tầng và Đô thị chủ trì, phối hợp với Công an phường xử lý lấn chiếm vỉa hè.",
    "Sở Khoa học và Công nghệ chủ trì nâng cấp Trung tâm dữ liệu tỉnh.",
    "Trung tâm Phát triển quỹ đất tỉnh hoàn thành bồi thường, giải phóng mặt bằng.",
    "Sở Dân tộc và Tôn giáo phối hợp với Ủy ban nhân dân các xã vùng đồng bào dân tộc thiểu số tổ chức tuyên truyền.",
    "Bảo hiểm xã hội tỉnh phối hợp chặt chẽ với Sở Y tế trong giám định chi phí khám, chữa bệnh.",
    "Thuế tỉnh phối hợp với Sở Tài chính xây dựng dữ liệu hộ kinh doanh.",
    "Nhà thầu thi công phải tăng ca, bổ sung máy móc và nhân lực.",
    "Phòng Bưu chính, Viễn thông và Hạ tầng số chủ trì kiểm tra an toàn thông tin.",
    "Văn phòng Sở chủ trì, phối hợp với các phòng chuyên môn hoàn thiện Quy chế làm việc.",
    "Phòng Quản lý xây dựng và Hạ tầng kỹ thuật rà soát các hồ sơ cấp phép quá hạn.",
    "Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với lực lượng kiểm lâm tổ chức luyện tập.",
], ids=["ha-tang", "cong-nghe", "quy-dat", "ton-giao", "bao-hiem", "thue", "nha-thau", "vien-thong", "chuyen-mon",
        "ky-thuat", "kiem-lam"])
def test_a_unit_typed_without_diacritics_is_named_whole_as_written(item):
    text = HEAD + "II. NHIỆM VỤ\n1. " + item + "\n"
    written = read_folded(text)
    assert written and written[0][1]  # the item and its units, as written
    assert read_folded(unaccent(text)) == written


def test_a_sentence_opening_with_the_year_typed_without_diacritics_is_no_imperative():
    text = HEAD + "II. NHIỆM VỤ\nNăm 2026 là năm đầu thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI.\n"
    assert extract(text).directives == [] and extract(unaccent(text)).directives == []


def test_closing_a_site_is_a_task():
    text = HEAD + "II. NHIỆM VỤ\n1. Đóng cửa, cải tạo môi trường bãi chôn lấp cũ sau khi nhà máy đi vào vận hành.\n"
    assert [p.text[:8] for p in extract(text).directives] == ["Đóng cửa"]
