"""A numbered line without a stop right over "+" bullets of its own is the title of a group of tasks (heldout16 04),
not a task; the bullets under it are."""
from ingest.nlp import extract

PLAN = """II. NỘI DUNG, NHIỆM VỤ
1. Giám sát việc quản lý, sử dụng đất đai và bảo vệ môi trường ở cơ sở
+ Giám sát việc cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân.
+ Tổng hợp ý kiến, kiến nghị của cử tri về đất đai, gửi Sở Nông nghiệp và Môi trường trước ngày 15/9/2027.

2. Phản biện xã hội đối với dự thảo văn bản của tỉnh
+ Tổ chức hội nghị phản biện xã hội đối với dự thảo Nghị quyết của Hội đồng nhân dân tỉnh.
"""


def test_numbered_line_over_its_own_bullets_is_a_title_not_a_task():
    texts = [p.text for p in extract(PLAN).directives]
    assert not any(t.startswith(("Giám sát việc quản lý", "Phản biện xã hội")) for t in texts), texts
    assert any(t.startswith("Giám sát việc cấp giấy") for t in texts), texts
    assert any(t.startswith("Tổng hợp ý kiến") for t in texts), texts


def test_numbered_task_with_a_stop_over_bullets_stays_a_task():
    text = PLAN.replace("bảo vệ môi trường ở cơ sở\n", "bảo vệ môi trường ở cơ sở.\n")
    texts = [p.text for p in extract(text).directives]
    assert any(t.startswith("Giám sát việc quản lý") for t in texts), texts
