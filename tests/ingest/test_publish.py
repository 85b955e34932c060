"""publish: one task per lead unit, groups fanned out, refusals, never twice."""
import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ingest import services
from ingest.services import publication
from ingest.models import Communique, Directive
from tests.ingest.conftest import make_communique
from tracker.models import OutboxMessage, Task, TaskAssignment

pytestmark = pytest.mark.django_db


def _roles(task):
    return {(a.unit_id, a.role) for a in task.assignments.all()}


def test_one_task_per_lead_unit(directory, office_user):
    a, b, office = directory["a"], directory["b"], directory["office"]
    c = make_communique(directives=[
        {"text": "Ban Tổ chức và Sở Y tế cùng chủ trì, Văn phòng phối hợp.", "deadline": date(2025, 6, 30),
         "deadline_phrase": "trước 30/6/2025", "report_to": office,
         "owners": [("Ban Tổ chức", "lead", a), ("Sở Y tế", "lead", b), ("Văn phòng", "support", office)]},
        {"text": "Sở Y tế làm thường xuyên.", "recurring": True, "owners": [("SYT", "lead", b)]},
        {"text": "Sở Y tế báo cáo hằng năm.", "recurring": True, "deadline": date(2025, 12, 31),
         "owners": [("SYT", "lead", b)]},
        {"text": "Ý bị loại.", "review": Directive.Review.REJECTED, "owners": [("?", "lead", None)]},
    ])
    tasks = services.publish(c, office_user)
    assert len(tasks) == 4
    first = [t for t in tasks if t.directive.order == 0]
    assert sorted(t.lead_unit_id for t in first) == sorted([a.pk, b.pk])
    for t in first:
        assert _roles(t) == {(t.lead_unit_id, "lead"), (office.pk, "support")}
        assert t.due_date == date(2025, 6, 30) and t.original_due_date == date(2025, 6, 30)
        assert t.report_to == office
        assert t.deadline_phrase == "trước 30/6/2025"
        assert t.recurrence == ""
    ongoing = next(t for t in tasks if t.directive.order == 1)
    yearly = next(t for t in tasks if t.directive.order == 2)
    assert (ongoing.recurrence, ongoing.due_date) == (Task.Recurrence.ONGOING, None)
    assert yearly.recurrence == Task.Recurrence.YEARLY
    c.refresh_from_db()
    assert c.state == Communique.State.PUBLISHED and c.published_by == office_user and c.published_at
    assert set(c.directives.values_list("review", flat=True)) == {"accepted", "rejected"}
    assert not Task.objects.filter(directive__review="rejected").exists()


def test_a_lead_named_as_support_too_is_not_its_own_supporter(directory):
    a = directory["a"]
    c = make_communique(directives=[{"text": "x", "owners": [("A", "lead", a), ("A", "support", a)]}])
    (task,) = services.publish(c)
    assert _roles(task) == {(a.pk, "lead")}


def test_group_fans_out_to_active_members(directory, group):
    b = directory["b"]
    c = make_communique(directives=[
        {"text": "Các huyện ủy quán triệt, Sở Y tế phối hợp.", "owners": [("Các huyện ủy", "lead", group),
                                                                          ("Sở Y tế", "support", b)]},
        {"text": "Sở Y tế chủ trì, các huyện ủy phối hợp.", "owners": [("Sở Y tế", "lead", b),
                                                                    ("các huyện ủy", "support", group)]},
    ])
    tasks = services.publish(c)
    active = sorted(m.pk for m in group.members.filter(is_active=True))
    fanned = [t for t in tasks if t.directive.order == 0]
    assert sorted(t.lead_unit_id for t in fanned) == active  # the inactive member gets nothing
    assert all(_roles(t) == {(t.lead_unit_id, "lead"), (b.pk, "support")} for t in fanned)
    (second,) = [t for t in tasks if t.directive.order == 1]
    assert _roles(second) == {(b.pk, "lead")} | {(pk, "support") for pk in active}
    assert not TaskAssignment.objects.filter(unit=group).exists()


def test_refuses_unmapped_owner_no_owner_empty_text(directory):
    c = make_communique(directives=[
        {"text": "Có tên lạ.", "owners": [("Ban Kỳ Lạ", "lead", None)]},
        {"text": "Không ai.", "owners": []},
        {"text": "  ", "start": None, "end": None, "owners": [("A", "lead", directory["a"])]},
        {"text": "Chỉ phối hợp.", "owners": [("A", "support", directory["a"])]},
    ])
    with pytest.raises(ValidationError) as info:
        services.publish(c)
    text = " ".join(info.value.messages)
    assert "Ý 1" in text and "Ban Kỳ Lạ" in text and "chưa được gắn" in text
    assert "Ý 2: chưa có đơn vị chủ trì" in text
    assert "Ý 3: nội dung trống" in text
    assert "Ý 4: chưa có đơn vị chủ trì (chỉ có đơn vị phối hợp)" in text
    c.refresh_from_db()
    assert c.state == Communique.State.DRAFT
    assert Task.objects.count() == 0


def test_refuses_when_everything_rejected(directory):
    c = make_communique(directives=[{"text": "x", "review": "rejected", "owners": [("A", "lead", directory["a"])]}])
    with pytest.raises(ValidationError, match="Không có ý kết luận nào"):
        services.publish(c)


def test_fallback_sends_ownerless_and_unmapped_to_the_office(directory):
    office, a = directory["office"], directory["a"]
    c = make_communique(directives=[
        {"text": "Không ai.", "owners": []},
        {"text": "Tên lạ.", "owners": [("Ban Kỳ Lạ", "lead", None), ("Ban Khác", "support", None)]},
        {"text": "Có chủ.", "owners": [("A", "lead", a), ("Tên lạ phối hợp", "support", None)]},
    ])
    tasks = services.publish(c, fallback_unit=True)
    assert [t.lead_unit for t in sorted(tasks, key=lambda t: t.directive.order)] == [office, office, a]
    assert all(_roles(t) == {(t.lead_unit_id, "lead")} for t in tasks)


def test_fallback_without_office_unit_is_refused(directory, settings):
    settings.OFFICE_UNIT_CODE = "KHONG-CO"
    c = make_communique(directives=[{"text": "Không ai.", "owners": []}])
    with pytest.raises(ValidationError, match="KHONG-CO"):
        services.publish(c, fallback_unit=True)


def test_cannot_publish_twice(directory):
    c = make_communique(directives=[{"text": "x", "owners": [("A", "lead", directory["a"])]}])
    assert len(services.publish(c)) == 1
    with pytest.raises(ValidationError, match="đã được ban hành"):
        services.publish(c)
    stale = Communique.objects.get(pk=c.pk)
    stale.state = Communique.State.DRAFT  # a stale copy in memory still cannot publish again
    with pytest.raises(ValidationError):
        services.publish(stale)
    assert Task.objects.count() == 1


def test_claim_guards_a_publication_that_lands_in_between(directory, monkeypatch):
    """Where row locks are no-ops, the conditional UPDATE still lets only one publisher through."""
    c = make_communique(directives=[{"text": "x", "owners": [("A", "lead", directory["a"])]}])
    real_plan = publication.selectors.plan_publication

    def plan_then_someone_else_publishes(communique, **kwargs):
        result = real_plan(communique, **kwargs)
        Communique.objects.filter(pk=c.pk).update(state=Communique.State.PUBLISHED)
        return result

    monkeypatch.setattr(publication.selectors, "plan_publication", plan_then_someone_else_publishes)
    with pytest.raises(ValidationError, match="đã được ban hành"):
        services.publish(c)
    assert Task.objects.count() == 0


def test_assignment_emails_are_queued_with_the_tasks(directory, django_capture_on_commit_callbacks):
    c = make_communique(directives=[{"text": "x", "owners": [("A", "lead", directory["a"]), ("B", "lead", directory["b"])]}])
    with django_capture_on_commit_callbacks() as callbacks:
        tasks = services.publish(c)
    queued = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.ASSIGNED)
    assert len(tasks) == 2
    assert set(queued.values_list("unit_id", flat=True)) == {directory["a"].pk, directory["b"].pk}
    assert callbacks, "sending is enqueued only once the transaction commits"


def test_publish_without_notice_queues_nothing(directory):
    c = make_communique(directives=[{"text": "x", "owners": [("A", "lead", directory["a"])]}])
    services.publish(c, notify=False)
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_publish_makes_one_set_of_tasks(office_unit, unit_a, unit_b):
    c = make_communique(directives=[
        {"text": "x", "owners": [("A", "lead", unit_a), ("B", "lead", unit_b)]},
        {"text": "y", "owners": [("B", "lead", unit_b)]},
    ])
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(("ok", len(services.publish(Communique.objects.get(pk=c.pk)))))
        except Exception as exc:  # noqa: BLE001 - the loser's error is the point
            outcomes.append(("refused", type(exc).__name__))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    # The loser waits for the winner's lock, then is told it is already published.
    assert sorted(outcomes) == [("ok", 3), ("refused", "ValidationError")], outcomes
    assert Task.objects.count() == 3
