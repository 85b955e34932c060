"""The tallies (closed tasks, open tasks by due date) equal the live counts whatever sequence of changes the
services make."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UnitFactory, UserFactory
from tracker import selectors, services, tallies
from tracker.models import ClosedTally, Task, User

S = Task.Status
offsets = st.one_of(st.none(), st.integers(-20, 20))
step = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 2), st.integers(0, 2), offsets),
    st.tuples(st.just("status"), st.integers(0, 50), st.sampled_from(S.values)),
    st.tuples(st.just("mark_done"), st.integers(0, 50)),
    st.tuples(st.just("confirm"), st.integers(0, 50), st.booleans()),
    st.tuples(st.just("due"), st.integers(0, 50), offsets),
    st.tuples(st.just("extend"), st.integers(0, 50), st.integers(1, 30), st.booleans()),
    st.tuples(st.just("reassign"), st.integers(0, 50), st.integers(0, 2)),
    st.tuples(st.just("supports"), st.integers(0, 50), st.sets(st.integers(0, 2), max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("close"), st.integers(0, 50), st.sampled_from([S.DONE, S.CANCELLED])),
)


def _live_equals_tally(office, staff):
    assert tallies.stored() == tallies.counted()
    assert selectors.user_list_counts(office) == selectors.list_counts(Task.objects.all())
    for user in staff:
        assert selectors.user_list_counts(user) == selectors.list_counts(selectors.visible_tasks(user))
    dash = {u.pk: u.total for u in selectors.dashboard()["per_unit"]}
    live = {}
    for lead in Task.objects.values_list("lead_unit_id", flat=True):
        live[lead] = live.get(lead, 0) + 1
    assert dash == live
    # The unit filter's units (read from the tally and the open tasks) are those leading any task.
    assert set(selectors.lead_units().values_list("pk", flat=True)) == set(live)


@pytest.mark.django_db(transaction=False)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=10, max_size=30))
def test_tally_equals_live_counts_after_any_sequence(steps):
    with transaction.atomic():
        today = selectors.local_today()
        units = [UnitFactory() for _ in range(3)]
        office = UserFactory(role=User.Role.OFFICE, unit=units[0])
        staff = [UserFactory(role=User.Role.UNIT_STAFF, unit=u) for u in units]
        tasks = []
        for kind, *args in steps:
            pick = (lambda i: tasks[i % len(tasks)]) if tasks else None
            if kind != "create" and not tasks:
                continue
            try:
                if kind == "create":
                    lead, support, due = args
                    tasks.append(services.create_task(
                        title="Rà soát", lead=units[lead], supports=[units[support]],
                        due_date=None if due is None else today + timedelta(days=due)))
                elif kind in ("status", "close"):
                    services.update_task(pick(args[0]), office, status=args[1])
                elif kind == "mark_done":
                    task = pick(args[0])
                    lead_staff = next(u for u in staff if u.unit_id == task.lead_unit_id)
                    services.report_progress(task, lead_staff, text="Xong", percent=100, mark_done=True)
                elif kind == "confirm":
                    services.confirm_completion(pick(args[0]), office, accept=args[1])
                elif kind == "due":
                    due = args[1]
                    services.update_task(pick(args[0]), office, due_date=None if due is None else today + timedelta(days=due))
                elif kind == "extend":
                    task = pick(args[0])
                    task.refresh_from_db()
                    new_due = max(task.due_date or today, today) + timedelta(days=args[1])
                    ext = services.request_extension(task, office, new_due_date=new_due, reason="Vướng mặt bằng")
                    services.decide_extension(ext, office, approve=args[2])
                elif kind == "reassign":
                    services.update_task(pick(args[0]), office, lead=units[args[1]])
                elif kind == "supports":
                    services.update_task(pick(args[0]), office, supports=[units[i] for i in args[1]])
                elif kind == "delete":
                    task = tasks.pop(args[0] % len(tasks))
                    services.delete_task(task, office)
            except ValidationError:
                pass  # a refused step (closed task, nothing awaiting…) changes nothing
            _live_equals_tally(office, staff)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_recount_command_repairs_a_tally_bypassed_by_bulk_update(make_task, today, capsys):
    unit = UnitFactory()
    task = make_task(unit, due=today, status=S.DONE, completed_on=today)
    assert tallies.stored() == tallies.counted() == {(unit.pk, "lead", "xong_dung_han"): 1,
                                                     (None, "", "xong_dung_han"): 1}  # the unit's, and every task's
    Task.objects.filter(pk=task.pk).update(completed_on=today + timedelta(days=3))  # no signal
    assert tallies.stored() != tallies.counted()
    with pytest.raises(SystemExit):
        call_command("recount_tallies", "--check")
    call_command("recount_tallies")
    assert tallies.stored() == tallies.counted() == {(unit.pk, "lead", "xong_qua_han"): 1, (None, "", "xong_qua_han"): 1}
    call_command("recount_tallies", "--check")
    assert "0 dòng lệch" in capsys.readouterr().out
    assert ClosedTally.objects.get(unit=unit, bucket="xong_qua_han").n == 1
