"""The whole pipeline on small hand-made communiqués."""
import datetime as dt
import unicodedata
from pathlib import Path

from ingest.nlp import Extraction, UnitDirectory, extract

FORMAL = (Path(__file__).parent / "sample_formal.txt").read_text(encoding="utf-8")


def by_text(ex: Extraction, start: str):
    found = [p for p in ex.directives if p.text.startswith(start)]
    assert found, f"no directive starting with {start!r}: {[p.text[:40] for p in ex.directives]}"
    return found[0]


def test_formal_notice_metadata():
    ex = extract(FORMAL)
    assert ex.number == "104-TB/TU"
    assert ex.meeting_date == dt.date(2021, 6, 29)
    assert ex.province == "Quảng Ngãi"
    assert ex.issuer == "Ban Thường vụ Tỉnh ủy"
    assert ex.title.startswith("THÔNG BÁO KẾT LUẬN")


def test_formal_notice_directives_owners_and_deadlines():
    ex = extract(FORMAL)
    texts = [p.text for p in ex.directives]
    assert len(texts) == 5
    assert not any("thống nhất với báo cáo" in t or "Nơi nhận" in t or "thông báo để" in t for t in texts)
    assert not any(t.startswith("Các huyện ủy") for t in texts)  # "chịu trách nhiệm trước" alone
    first = by_text(ex, "Tập trung đẩy nhanh")
    assert [o.name for o in first.owners] == ["Ban cán sự đảng UBND tỉnh"]  # inherited from the lead-in
    assert first.deadline == dt.date(2021, 12, 31) and first.deadline_source == "explicit"
    chain = by_text(ex, "Chỉ đạo Sở Kế hoạch")
    assert [o.name for o in chain.owners] == ["Ban cán sự đảng UBND tỉnh"]  # delegation chain
    assert chain.report_to == "Thường trực Tỉnh ủy" and chain.deadline == dt.date(2021, 8, 31)
    wrapped = by_text(ex, "Khẩn trương hoàn thiện")
    assert wrapped.deadline == dt.date(2021, 9, 30) and wrapped.report_to == "Ban Thường vụ Tỉnh ủy"
    cont = by_text(ex, "Đồng thời")
    assert cont.recurring and [o.name for o in cont.owners] == ["Ban cán sự đảng UBND tỉnh"]
    giao = by_text(ex, "Giao Ban Tổ chức")
    assert [(o.name, o.role) for o in giao.owners] == [("Ban Tổ chức Tỉnh ủy", "lead"), ("Văn phòng Tỉnh ủy", "support")]
    assert giao.deadline == dt.date(2021, 8, 4)  # 30 days from the notice's date (5/7/2021)


def test_spans_are_exact_and_json_has_the_scorer_format():
    ex = extract(FORMAL)
    for p in ex.directives:
        assert FORMAL[p.start:p.end] == p.text == p.text.strip()
    js = ex.to_json()
    assert js["meeting_date"] == "2021-06-29" and js["number"] == "104-TB/TU"
    d = js["directives"][0]
    assert set(d) >= {"text", "start", "end", "owners", "report_to", "deadline", "deadline_phrase",
                      "deadline_source", "deadline_evidence", "recurring"}
    assert set(d["owners"][0]) == {"name", "unit", "role", "source", "kind", "unit_type"}


def test_heading_period_and_lead_in_owners_are_inherited():
    text = ("2. Phương hướng, nhiệm vụ 6 tháng cuối năm 2021\n\n"
            "Ngày 29/6/2021 hội nghị họp. Yêu cầu các cấp uỷ, địa phương quan tâm một số nhiệm vụ trọng tâm sau:\n\n"
            "- Nắm sát tình hình dịch bệnh. Đồng thời, tiếp tục rà soát các chỉ tiêu.\n\n"
            "- Từng đồng chí Tỉnh uỷ viên thực hiện tốt việc nêu gương; báo cáo về Ban Thường vụ Tỉnh uỷ "
            "trong tháng 7/2021.\n")
    ex = extract(text)
    assert [p.text[:12] for p in ex.directives] == ["Nắm sát tình", "Đồng thời, t", "Từng đồng ch"]
    a, b, c = ex.directives
    assert [o.name for o in a.owners] == ["các cấp uỷ", "địa phương"]  # one owner per item (GUIDE)
    assert a.deadline == dt.date(2021, 12, 31) and a.deadline_source == "inherited"
    assert a.deadline_phrase == "6 tháng cuối năm 2021"
    assert [o.name for o in b.owners] == [o.name for o in a.owners]
    assert [o.name for o in c.owners] == ["Từng đồng chí Tỉnh uỷ viên"]
    assert c.report_to == "Ban Thường vụ Tỉnh uỷ" and c.deadline == dt.date(2021, 7, 31)


def test_results_section_is_not_proposed_but_tasks_are():
    text = ("1. Kết quả đạt được\n\nTập trung triển khai các nhiệm vụ học tập, quán triệt nghị quyết.\n\n"
            "2. Nhiệm vụ thời gian tới\n\nTập trung triển khai các nhiệm vụ học tập, quán triệt nghị quyết.\n")
    ex = extract(text)
    assert len(ex.directives) == 1 and ex.directives[0].start > text.index("2. Nhiệm vụ")


def test_recipient_list_and_signature_are_ignored():
    text = ("Giao Sở Y tế chủ trì triển khai tiêm chủng.\n"
            "Nơi nhận:\n- Sở Y tế thực hiện,\n- Lưu VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
    ex = extract(text)
    assert [p.text for p in ex.directives] == ["Giao Sở Y tế chủ trì triển khai tiêm chủng."]


def test_missing_year_comes_from_the_meeting_date():
    text = "Hôm nay (12/4), Ban Chấp hành Đảng bộ tỉnh họp năm 2021.\n\nĐề nghị các sở hoàn thành trong quý II.\n"
    ex = extract(text)
    assert ex.meeting_date == dt.date(2021, 4, 12)
    assert ex.directives[0].deadline == dt.date(2021, 6, 30)


def test_decomposed_input_is_normalised_and_offsets_refer_to_nfc():
    nfd = unicodedata.normalize("NFD", "Giao Sở Y tế chủ trì triển khai tiêm chủng.")
    ex = extract(nfd)
    nfc = unicodedata.normalize("NFC", nfd)
    p, = ex.directives
    assert nfc[p.start:p.end] == p.text and p.owners[0].name == "Sở Y tế"


def test_directory_resolves_owners_and_report_to():
    directory = UnitDirectory([(1, ["Ban Tổ chức Tỉnh ủy", "BTCTU"]), (2, ["Văn phòng Tỉnh ủy", "VPTU"]),
                               (3, ["Ban Thường vụ Tỉnh ủy"])])
    ex = extract(FORMAL, directory)
    giao = by_text(ex, "Giao Ban Tổ chức")
    assert [o.unit_id for o in giao.owners] == [1, 2]
    assert giao.report_to_unit_id == 3
    assert by_text(ex, "Tập trung đẩy nhanh").owners[0].unit_id is None  # unknown → left for review
