"""A task's lead unit and its one lead assignment are the same unit after any sequence of writes.

`selectors.unit_branches` reads the tasks a unit leads from `Task.lead_unit` alone (no probe of the
unit's assignment), so every write path — services' create/reassign/supports/status/delete, the
succession of a unit (`succeed_unit`, `directory.succeed`), a task added after publishing — must keep
the two one; `recount_tallies --check` reports a task where they differ.
"""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UnitFactory, UserFactory
from tracker import directory, selectors, services
from tracker.models import Task, TaskAssignment, User

S = Task.Status
units_of = st.lists(st.integers(0, 3), max_size=3)
step = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 3), units_of),
    st.tuples(st.just("reassign"), st.integers(0, 50), st.integers(0, 3)),
    st.tuples(st.just("supports"), st.integers(0, 50), units_of),
    st.tuples(st.just("both"), st.integers(0, 50), st.integers(0, 3), units_of),
    st.tuples(st.just("status"), st.integers(0, 50), st.sampled_from(S.values)),
    st.tuples(st.just("done"), st.integers(0, 50)),
    st.tuples(st.just("succeed"), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
)


def _invariant_holds(staff):
    assert selectors.lead_mismatches() == []
    for task in Task.objects.all():
        leads = list(task.assignments.filter(role=TaskAssignment.Role.LEAD).values_list("unit_id", flat=True))
        assert leads == [task.lead_unit_id]
    for user in staff:
        user.refresh_from_db()
        parts = selectors.unit_branches(user)
        ids = [pk for part in parts for pk in part.values_list("pk", flat=True)]
        assert len(ids) == len(set(ids))  # the parts are disjoint
        assert sorted(ids) == sorted(selectors.visible_tasks(user).values_list("pk", flat=True))


@pytest.mark.django_db(transaction=False)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=5, max_size=25))
def test_lead_unit_is_the_lead_assignment_after_any_sequence(steps):
    with transaction.atomic():
        today = selectors.local_today()
        units = [UnitFactory() for _ in range(4)]
        office = UserFactory(role=User.Role.OFFICE, unit=units[0])
        staff = [UserFactory(role=User.Role.UNIT_STAFF, unit=u) for u in units]
        tasks = []
        for kind, *args in steps:
            if kind not in ("create", "succeed") and not tasks:
                continue
            pick = (lambda i: Task.objects.get(pk=tasks[i % len(tasks)].pk)) if tasks else None
            try:
                if kind == "create":
                    tasks.append(services.create_task(title="Rà soát", lead=units[args[0]],
                                                      supports=[units[i] for i in args[1]],
                                                      due_date=today + timedelta(days=5)))
                elif kind == "reassign":
                    services.update_task(pick(args[0]), office, lead=units[args[1]])
                elif kind == "supports":
                    services.update_task(pick(args[0]), office, supports=[units[i] for i in args[1]])
                elif kind == "both":
                    services.update_task(pick(args[0]), office, lead=units[args[1]],
                                         supports=[units[i] for i in args[2]])
                elif kind == "status":
                    services.update_task(pick(args[0]), office, status=args[1])
                elif kind == "done":
                    task = pick(args[0])
                    lead_staff = next(u for u in staff if u.unit_id == task.lead_unit_id)
                    services.report_progress(task, lead_staff, text="Xong", percent=100, mark_done=True)
                elif kind == "succeed":
                    old, new = units[args[0]], units[args[1]]
                    if old.pk == new.pk:
                        continue
                    directory.succeed(old, new, user=office)
                    units[args[0]] = UnitFactory()  # later steps use a fresh active unit in its place
                elif kind == "delete":
                    services.delete_task(tasks.pop(args[0] % len(tasks)), office)
            except (ValidationError, StopIteration):
                pass  # a refused step (closed task, inactive unit, no staff left…) changes nothing
            _invariant_holds(staff)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_lead_mismatches_finds_a_write_that_bypassed_the_services(make_task, capsys):
    lead, other = UnitFactory(), UnitFactory()
    task = make_task(lead, supports=[other])
    assert selectors.lead_mismatches() == []
    call_command("recount_tallies", "--check")
    Task.objects.filter(pk=task.pk).update(lead_unit=other)  # a bulk update, outside the services
    assert selectors.lead_mismatches() == [task.pk]
    with pytest.raises(SystemExit):
        call_command("recount_tallies", "--check")
    assert f"1 nhiệm vụ có đơn vị chủ trì khác phân công chủ trì: {task.pk}" in capsys.readouterr().out
    Task.objects.filter(pk=task.pk).update(lead_unit=lead)
    TaskAssignment.objects.filter(task=task, role=TaskAssignment.Role.LEAD).delete()  # no lead assignment
    assert selectors.lead_mismatches() == [task.pk]
