"""The task page: directive in context, owners, deadline trail, history diff, reports, forms by role."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker import selectors, services
from tracker.models import Task

from .conftest import SENTENCE


@pytest.mark.django_db
def test_page_shows_sentence_marked_in_its_context(client, staff_a, task_a):
    client.force_login(staff_a)
    html = client.get(reverse("tracker:task_detail", args=[task_a.pk])).content.decode()
    assert f'<mark class="directive current">{SENTENCE}</mark>' in html
    assert "II. Nhiệm vụ trong thời gian tới" in html          # text before the sentence
    assert "Giao Đảng đoàn Hội đồng nhân dân tỉnh" in html     # text after it
    assert "15-TB/TU" in html and "01/07/2025" in html


def test_source_excerpt_is_cut_around_the_sentence(directive):
    excerpt = selectors.source_excerpt(directive, radius=50)
    assert excerpt["sentence"] == SENTENCE
    assert excerpt["cut_before"] and excerpt["cut_after"]
    assert len(excerpt["before"]) <= 50 and len(excerpt["after"]) <= 50
    assert not excerpt["before"].startswith(" ")


def test_source_excerpt_without_offsets_is_none(directive):
    directive.start = None
    assert selectors.source_excerpt(directive) is None
    assert selectors.source_excerpt(None) is None


@pytest.mark.django_db
def test_owners_report_to_and_deadline(client, staff_a, task_a, unit_b, office_user, today):
    Task.objects.filter(pk=task_a.pk).update(report_to=office_user.unit)
    ext = services.request_extension(task_a, staff_a, new_due_date=today + timedelta(days=50), reason="Lý do")
    services.decide_extension(ext, office_user, approve=True)
    client.force_login(staff_a)
    html = client.get(reverse("tracker:task_detail", args=[task_a.pk])).content.decode()
    owners = html[html.index('id="task-owners"'):html.index("Báo cáo về")]
    assert "Ban Tổ chức Tỉnh ủy" in owners and "chủ trì" in owners
    assert "Sở Y tế" in owners and "phối hợp" in owners
    assert "Văn phòng Tỉnh ủy" in html
    deadline = html[html.index('id="task-deadline"'):]
    assert (today + timedelta(days=50)).strftime("%d/%m/%Y") in deadline[:600]
    assert "hạn ban đầu: " + (today + timedelta(days=20)).strftime("%d/%m/%Y") in deadline
    assert "trước ngày 30/9/2025" in deadline


@pytest.mark.django_db
def test_history_shows_who_when_why_and_what(client, staff_a, office_user, task_a, today):
    services.report_progress(task_a, staff_a, text="Bắt đầu", percent=10)
    services.update_task(task_a, office_user, due_date=today + timedelta(days=30), reason="Theo chỉ đạo")
    entries = selectors.task_history(task_a)
    assert entries[0]["reason"].startswith("Đổi hạn thành") and entries[0]["user"] == office_user
    change = entries[0]["changes"][0]
    assert change == {"field": "hạn hiện tại", "old": (today + timedelta(days=20)).strftime("%d/%m/%Y"),
                      "new": (today + timedelta(days=30)).strftime("%d/%m/%Y")}
    progress = {c["field"]: (c["old"], c["new"]) for c in entries[1]["changes"]}
    assert progress["trạng thái"] == ("Giao mới", "Đang thực hiện")
    assert progress["tiến độ (%)"] == ("0%", "10%")
    client.force_login(staff_a)
    html = client.get(reverse("tracker:task_detail", args=[task_a.pk])).content.decode()
    assert "Giao mới → <strong>Đang thực hiện</strong>" in html
    assert "Giao nhiệm vụ" in html


@pytest.mark.django_db
def test_report_is_post_redirect_get_and_shows_on_page(client, staff_a, task_a):
    client.force_login(staff_a)
    upload = SimpleUploadedFile("tien-do.pdf", b"%PDF-1.4 tien do")
    r = client.post(reverse("tracker:report", args=[task_a.pk]),
                    {"text": "Đã họp triển khai", "percent": "35", "attachment": upload})
    assert r.status_code == 302 and r["Location"] == reverse("tracker:task_detail", args=[task_a.pk])
    html = client.get(r["Location"]).content.decode()
    assert "Đã gửi báo cáo tiến độ." in html
    assert "Đã họp triển khai" in html and "35%" in html
    report = task_a.reports.get()
    assert reverse("tracker:attachment", args=[report.pk]) in html
    task_a.refresh_from_db()
    assert (task_a.status, task_a.progress) == (Task.Status.IN_PROGRESS, 35)


@pytest.mark.django_db
def test_forms_offered_by_role(client, staff_a, staff_b, office_user, viewer, task_a):
    url = reverse("tracker:task_detail", args=[task_a.pk])

    def forms_for(user):
        client.force_login(user)
        html = client.get(url).content.decode()
        return {f for f in ("report", "done", "extension", "confirm", "decision", "status") if f'id="form-{f}"' in html}

    assert forms_for(staff_a) == {"report", "done", "extension"}
    assert forms_for(staff_b) == {"report"}  # support unit
    assert forms_for(office_user) == {"report", "done", "extension", "status"}
    assert forms_for(viewer) == set()
    services.report_progress(task_a, staff_a, text="Xong", percent=100, mark_done=True)
    assert forms_for(office_user) == {"report", "confirm", "status"}


@pytest.mark.django_db
def test_task_page_query_count_is_bounded(client, staff_a, office_user, task_a, django_assert_max_num_queries):
    for i in range(15):
        services.report_progress(task_a, staff_a, text=f"Báo cáo {i}", percent=i)
    client.force_login(office_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("tracker:task_detail", args=[task_a.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["office_user", "staff_b"])
def test_task_page_reads_its_task_directive_and_assignments_once(request, client, task_a, who):
    """The directive and communiqué with the task; its assignments (B supports) once for the page, its role (the
    staff's forms) and the office's correction form."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(request.getfixturevalue(who))
    url = reverse("tracker:task_detail", args=[task_a.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(url).content.decode()
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sum(s.startswith('SELECT "tracker_taskassignment"') for s in sql) == 1  # (a unit's visibility: a subquery)
    assert not any(s.startswith('SELECT "ingest_directive"') for s in sql)
    assert task_a.directive.communique.number in html
