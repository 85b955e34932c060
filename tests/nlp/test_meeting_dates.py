"""Meeting and document dates: the year of a date written without one comes from the document's own dates."""
import datetime as dt

import pytest

from ingest.nlp import extract

BODY = ("Chiều 17.3, đồng chí Bí thư Tỉnh ủy có buổi làm việc với Ban Thường vụ Đảng ủy xã về công tác chuẩn bị "
        "Hội nghị năm 2027.\nBí thư Tỉnh ủy giao Sở Xây dựng chủ trì rà soát quy hoạch, báo cáo trước ngày 15/4.\n")


@pytest.mark.parametrize("stamp", ["17/03/2026 21:02", "Cập nhật lúc 18/03/2026 07:45", "Đăng ngày: 18/3/2026"])
def test_a_publication_stamp_under_the_headline_gives_the_year_of_the_meeting(stamp):
    ex = extract(f"Bí thư Tỉnh ủy làm việc với xã về chuẩn bị hội nghị\n{stamp}\n{BODY}")
    assert ex.meeting_date == dt.date(2026, 3, 17)  # not 2027, a year the body names
    assert ex.meeting_reported and ex.issue_date is None
    assert ex.directives[0].deadline == dt.date(2026, 4, 15)


def test_a_plan_has_an_issue_date_and_reports_no_meeting():
    text = ("ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 12/KH-UBND\nAn Bình, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
            "Chuyển đổi số năm 2026\n\n1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu dùng chung.\n")
    ex = extract(text)
    assert ex.issue_date == dt.date(2026, 3, 10) and not ex.meeting_reported
    js = ex.to_json()
    assert js["issue_date"] == "2026-03-10" and js["meeting_reported"] is False


def test_the_command_line_can_leave_the_meeting_date_empty_when_no_meeting_is_reported(tmp_path, capsys):
    import json

    from ingest.nlp.__main__ import main
    path = tmp_path / "ke-hoach.txt"
    path.write_text("ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 12/KH-UBND\nAn Bình, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n"
                    "Chuyển đổi số\n\n1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu.\n", encoding="utf-8")
    main([str(path)])
    assert json.loads(capsys.readouterr().out)["meeting_date"] == "2026-03-10"  # the scorer's reading so far
    main([str(path), "--meeting-only"])
    assert json.loads(capsys.readouterr().out)["meeting_date"] is None
