"""Time limits written as busy offices write them, from heldout33 (fl33 after its first sight): today and tomorrow
("chiều nay", "ngày mai"), a weekday ("trước 16h thứ Tư (9/12)", "sáng thứ Hai tuần sau"), a weekday that recurs
("thứ Sáu hằng tuần"), a year-less cut-off day just before the message, and an e-mail's own Date header."""
import datetime as dt

import pytest

from ingest.nlp import extract
from ingest.nlp.deadlines import DateContext, find_time_expressions, pick_deadline
from ingest.nlp.train import unaccent

MONDAY = dt.date(2026, 12, 7)
CTX = DateContext(ref_date=MONDAY, anchor=MONDAY)


def dates(text: str) -> list[dt.date | None]:
    return [t.date for t in find_time_expressions(text, CTX)]


@pytest.mark.parametrize("shape", [str, unaccent])
@pytest.mark.parametrize("phrase, day", [
    ("báo cáo nhanh kết quả về Văn phòng chiều nay", MONDAY),
    ("gửi danh sách về Văn phòng trước 17h ngày mai", dt.date(2026, 12, 8)),
    ("nộp báo cáo trước thứ Sáu", dt.date(2026, 12, 11)),
    ("tổng hợp báo cáo tại giao ban sáng thứ Hai tuần sau", dt.date(2026, 12, 14)),
    ("họp sơ kết vào sáng thứ 2 tuần tới", dt.date(2026, 12, 14)),
    ("gửi Văn phòng trước 16h thứ Tư (9/12)", dt.date(2026, 12, 9)),
])
def test_a_relative_day_counts_from_the_messages_date(phrase, day, shape):
    assert dates(shape(phrase)) == [day]


@pytest.mark.parametrize("phrase", [
    "báo cáo Chủ tịch UBND thành phố vào thứ Sáu hằng tuần",
    "báo cáo tiến độ định kỳ hằng tuần vào chiều thứ Sáu",
    "duy trì tổng vệ sinh vào sáng thứ Bảy tuần cuối hằng tháng",
    "Hội nghị lần thứ hai của Ban Chấp hành",
    "Ngày nay, nhiều xã đã hoàn thành",
])
def test_a_weekday_that_recurs_an_ordinal_or_nowadays_gives_no_limit(phrase):
    assert dates(phrase) == []


def test_a_cut_off_day_just_before_the_message_yields_to_the_limit_after_it():
    text = "Sở Tài chính tổng hợp số liệu đến hết ngày 4/12, gửi Văn phòng trước 16h thứ Tư (9/12)."
    assert pick_deadline(text, CTX).date == dt.date(2026, 12, 9)


def test_an_emails_date_header_dates_its_this_week():
    text = ("From: Van phong UBND tinh <vp@example.vn>\nDate: Mon, 7 Dec 2026 11:26:40 +0700\n"
            "Subject: Y kien chi dao\n\nVan phong UBND tinh truyen dat y kien chi dao nhu sau:\n\n"
            "1. So Nong nghiep va Moi truong kiem tra va bao cao thiet hai trong tuan nay.\n")
    got = extract(text).directives
    assert [d.deadline for d in got] == [dt.date(2026, 12, 13)], got


@pytest.mark.parametrize("opening", ["Sáng nay (thứ Hai, 7/12/2026), đồng chí Chủ tịch UBND tỉnh chủ trì giao ban.",
                                     "Sáng thứ Hai, ngày 7/12/2026, đồng chí Chủ tịch UBND tỉnh chủ trì giao ban."])
def test_a_meeting_dated_with_its_weekday_is_dated_and_this_afternoon_is_that_day(opening):
    text = f"THÔNG BÁO\nKết luận giao ban\n\n{opening}\n\n1. Sở Xây dựng báo cáo kết quả về Văn phòng chiều nay.\n"
    got = extract(text)
    assert got.meeting_date == MONDAY
    assert [d.deadline for d in got.directives] == [MONDAY]


def read(text: str) -> list[tuple[str, list[str]]]:
    return [(d.text, [o.name for o in d.owners]) for d in extract(text).directives]


def test_a_request_upward_that_is_a_tasks_purpose_keeps_the_task():
    text = ("Yêu cầu các đơn vị thực hiện:\n5. Giao Phòng Quản lý ngân sách tổng hợp danh sách đơn vị chậm báo cáo, "
            "báo cáo Giám đốc Sở trước ngày 10/01 để kiến nghị UBND tỉnh xem xét trách nhiệm người đứng đầu.\n")
    assert [o for _, o in read(text)] == [["Phòng Quản lý ngân sách"]]


@pytest.mark.parametrize("item", ["Không tạm ứng, không chi cho các nhiệm vụ chưa có trong dự toán được giao.",
                                  "Xác định chính xác các khoản kinh phí được chuyển nguồn sang năm 2027."])
def test_a_prohibition_or_a_precise_determination_opens_a_task(item):
    text = f"Đề nghị UBND các xã, phường thực hiện các nội dung sau:\na) {item}\n"
    assert [t for t, _ in read(text)] == [item]


def test_a_dash_item_that_opens_with_its_hour_is_an_item_and_keeps_the_lead_ins_owner():
    text = ("Van phong Dang uy xa de nghi cac dong chi bi thu chi bo trien khai ngay:\n"
            "- Gui danh sach dang vien ve VP Dang uy truoc 20/12\n"
            "- 7h30 sang thu 2 tuan sau hop so ket tai hoi truong UBND xa, de nghi cac dong chi du day du\n"
            "- Don doc dang vien dong dang phi quy IV, nop ve VP Dang uy truoc 20/12\n")
    got = read(text)
    assert len(got) == 3 and got[2][1] == ["cac dong chi bi thu chi bo"], got
