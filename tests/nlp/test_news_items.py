"""A news item about a plan (heldout13 03, also typed without diacritics): its dateline dates it, a police unit's
name runs on through its field ("Phòng Cảnh sát quản lý hành chính về trật tự xã hội"), and "Kết thúc …," opens a
clause that says when, not what (heldout13's misses, read by cause)."""
import pytest

from ingest.nlp import extract
from ingest.nlp.train import unaccent

ITEM = """CÔNG AN TỈNH TRIỂN KHAI ĐỢT CAO ĐIỂM TẤN CÔNG TRẤN ÁP TỘI PHẠM

Sơn La, 06/12/2026 - Ngày 05/12, Giám đốc Công an tỉnh đã ký ban hành Kế hoạch số 388/KH-CAT triển khai đợt cao điểm tấn công, trấn áp tội phạm dịp Tết Nguyên đán Đinh Mùi 2027.

Phòng Cảnh sát quản lý hành chính về trật tự xã hội phối hợp với UBND các xã, phường kiểm tra các cơ sở kinh doanh karaoke trước ngày 31/12. Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ hướng dẫn các chợ rà soát phương án chữa cháy.

Kết thúc đợt cao điểm, các đơn vị sơ kết, gửi báo cáo tổng hợp trước ngày 05/3/2027.
"""


@pytest.mark.parametrize("text", [ITEM, unaccent(ITEM)], ids=["as written", "no diacritics"])
def test_a_news_item_about_a_plan_reads_its_units_and_limits(text):
    found = extract(text).to_json()["directives"]
    assert [unaccent(d["owners"][0]["name"]) for d in found] == [
        "Phong Canh sat quan ly hanh chinh ve trat tu xa hoi", "Phong Canh sat phong chay, chua chay va cuu nan, cuu ho",
        "cac don vi"]
    assert [d["deadline"] for d in found] == ["2026-12-31", None, "2027-03-05"]  # the dateline's year for "31/12"
