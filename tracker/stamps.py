"""Per-process caches of directory data, checked against a `Stamp` on every use.

The unit filter lists every unit that leads a task (900 at 1M tasks): 1.4 ms of query and ~4 ms of
option HTML on SQLite, 5 ms of query on PostgreSQL, on every list page, for data that changes a few
times a year. Each process builds it once per stamp; one primary-key read per request tells whether
the directory changed since, in this process or another. Model signals replace the stamp in the
transaction of the change, whichever door it comes in by (services, admin, directory commands).

In a request, the tokens come with the signed-in user's own row (`tracker.auth`), in the same statement: on
PostgreSQL each statement of a request costs ~0.3-0.5 ms more than its replay in a loop.
"""
import uuid

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save

from .models import Stamp, TaskAssignment, Unit

UNIT_OPTIONS = "unit_options"  # unit names, and which units lead a task (`selectors.lead_units`)
NAMES = (UNIT_OPTIONS,)

# This request's tokens, read with its user: a dict from the request's start to its end, else None.
_request = Local()


def token_subqueries() -> dict[str, Subquery]:
    """Each stamp's token as a scalar subquery, keyed `stamp_<name>`: a column of the statement that reads the
    request's user (`tracker.auth`), whose values that backend hands to `prime`."""
    return {f"stamp_{name}": Subquery(Stamp.objects.filter(name=name).values("token")[:1]) for name in NAMES}


def prime(tokens: dict[str, str | None]) -> None:
    """Use these tokens (`token_subqueries`' values) for the rest of the request; outside a request, nothing."""
    kept = getattr(_request, "tokens", None)
    if kept is not None:
        kept.update({key.removeprefix("stamp_"): token for key, token in tokens.items() if token is not None})


def _request_started(**kwargs):
    _request.tokens = {}


def _request_finished(**kwargs):
    _request.tokens = None


def read(name: str) -> str:
    """The current token of `name` (as of the request's start, in a request), stamped now if it never was."""
    kept = getattr(_request, "tokens", None)
    if kept and name in kept:
        return kept[name]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {Stamp._meta.db_table} WHERE name = %s", [name])
        row = cursor.fetchone()
    if row is None:
        bump(name)
        return read(name)
    return row[0]


def bump(name: str) -> None:
    """Give `name` a new token: every process rebuilds what it cached under the old one."""
    token = uuid.uuid4().hex
    if not Stamp.objects.filter(name=name).update(token=token):
        Stamp.objects.bulk_create([Stamp(name=name, token=token)], update_conflicts=True,
                                  unique_fields=["name"], update_fields=["token"])
    kept = getattr(_request, "tokens", None)
    if kept:
        kept.pop(name, None)  # a request that changed the directory reads its own change


class Cached:
    """One value per process, rebuilt by `build()` when the stamp `name` has changed."""

    def __init__(self, name: str, build):
        self.name, self.build = name, build
        self._token, self._value = None, None

    def get(self):
        token = read(self.name)  # read before building: a change committed meanwhile shows next time
        if token != self._token:
            self._value, self._token = self.build(), token
        return self._value


def _unit_changed(sender, **kwargs):
    bump(UNIT_OPTIONS)  # fixtures (raw saves) too: they change what a page shows


def _lead_changed(sender, instance, **kwargs):
    """A lead assignment made, moved or deleted (so a task's lead unit, held equal to it by the services)."""
    if instance.role == TaskAssignment.Role.LEAD:
        bump(UNIT_OPTIONS)


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="stamp_request_started")
    request_finished.connect(_request_finished, dispatch_uid="stamp_request_finished")
    post_save.connect(_unit_changed, sender=Unit, dispatch_uid="stamp_unit_save")
    post_delete.connect(_unit_changed, sender=Unit, dispatch_uid="stamp_unit_delete")
    post_save.connect(_lead_changed, sender=TaskAssignment, dispatch_uid="stamp_lead_save")
    post_delete.connect(_lead_changed, sender=TaskAssignment, dispatch_uid="stamp_lead_delete")
