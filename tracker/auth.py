"""The signed-in user of a request, read in one statement with their unit and this request's stamps.

Django's `ModelBackend.get_user` reads the user alone; every page then reads the user's unit (the navbar, the
lists' visibility) and a list page its unit filter's stamp (`tracker.stamps`): three statements, and on
PostgreSQL each statement of a request costs ~0.3-0.5 ms more than its replay in a loop (docs/scale.md, fifth
and sixth rounds). Here they are one: the user's row joined to their unit, with the stamps' tokens as columns,
and on a page's request (a GET outside the admin, which shows no navbar) the navbar's inbox counts of an office
user (`tracker.reports.inbox`), as of the request's start. The statement is compiled once per process and
database (building it through the ORM costs ~0.3 ms a request). A request signed in by its session reads the
same columns joined to its session row (`tracker.sessions`, `prime_user`): session and user, one statement.
Everything else — passwords, permissions, `is_active`, the session's hash (`django.contrib.auth.get_user`) — is
Django's.
"""
from asgiref.local import Local
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import router
from django.db.models import Case, Q, When
from django.urls import get_script_prefix, reverse

from . import stamps
from .models import Unit, User
from .statements import Statements, compile_marked, run_marked

_MARK = -7_301_946_287  # stands for the user's pk in the SQL compiled once per process
_USER_SQL = Statements(size=8)  # one a database alias, with and without the inbox counts
_BADGE = "badge_"  # the inbox counts' columns: badge_extensions, … (a prefix no field of User has)
_request = Local()  # `.page`: this request may show the navbar; `.users`: those its session read (start to end)


def _request_started(environ=None, **kwargs):
    environ = environ or {}
    admin = reverse("admin:index").removeprefix(get_script_prefix().rstrip("/"))  # PATH_INFO has no SCRIPT_NAME
    _request.page = environ.get("REQUEST_METHOD") == "GET" and not environ.get("PATH_INFO", "").startswith(admin)
    _request.users = {}


def _request_finished(**kwargs):
    _request.page = False
    _request.users = None


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="auth_request_started")
    request_finished.connect(_request_finished, dispatch_uid="auth_request_finished")


_USER_FIELDS = tuple(f.attname for f in User._meta.concrete_fields)
_UNIT_FIELDS = tuple(f.attname for f in Unit._meta.concrete_fields)


def page_request() -> bool:
    """This request may show the navbar (a GET outside the admin): its user's statement reads the inbox counts."""
    return getattr(_request, "page", False)


def user_columns(path: str = "", page: bool = False) -> tuple[list[str], dict]:
    """What a values() query reads of the user `path` leads to ("" from User, "user__" from a session): the user's
    fields, their unit's, the stamps' tokens and, on a page's request, the inbox counts (NULL for users who do not
    confirm: not counted)."""
    from .reports import inbox

    names = [f"{path}{name}" for name in _USER_FIELDS] + [f"{path}unit__{name}" for name in _UNIT_FIELDS]
    annotations = dict(stamps.token_subqueries())
    if page:
        # `policy.can_confirm`; the others read them lazily
        confirms = Q(**{f"{path}role": User.Role.OFFICE}) | Q(**{f"{path}is_superuser": True})
        annotations.update({f"{_BADGE}{key}": Case(When(confirms, then=count))
                            for key, count in inbox.badge_annotations(path).items()})
    return names, annotations


def user_of_row(row: dict, names, alias: str, path: str = "") -> User | None:
    """The user (with their unit) of a row read with `user_columns(path)`, None if it has none; in a request, this
    request's stamp tokens (and an office user's inbox counts) are primed from the same row."""
    if row[f"{path}id"] is None:
        return None
    user = User.from_db(alias, _USER_FIELDS, [row[f"{path}{name}"] for name in _USER_FIELDS])
    unit = None
    if row[f"{path}unit__id"] is not None:
        unit = Unit.from_db(alias, _UNIT_FIELDS, [row[f"{path}unit__{name}"] for name in _UNIT_FIELDS])
    User._meta.get_field("unit").set_cached_value(user, unit)
    stamps.prime({name: row[name] for name in names if name.startswith("stamp_")})
    badge = {name.removeprefix(_BADGE): row[name] for name in names if name.startswith(_BADGE)}
    if badge and None not in badge.values():
        from .reports import inbox

        inbox.prime(user, badge)
    return user


def prime_user(user: User) -> None:
    """`user`, read with this request's session (`tracker.sessions`), answers this request's `get_user`."""
    users = getattr(_request, "users", None)
    if users is not None:
        users[user.pk] = user


def _compile(alias: str, page: bool):
    """The user's row compiled with a mark for the pk, or None if it cannot be kept."""
    names, annotations = user_columns("", page)
    qs = User._default_manager.using(alias).filter(pk=_MARK).values(*names, **annotations)
    return compile_marked(qs, alias, [_MARK])


def read_user(user_id) -> User | None:
    """The user `user_id` with their unit (as `select_related("unit")` gives it), None if there is none; in a
    request, this request's stamp tokens (and on a page's request, an office user's inbox counts) are primed from
    the same row."""
    alias, page = router.db_for_read(User), page_request()
    compiled = _USER_SQL.get((alias, page), lambda: _compile(alias, page))
    if compiled is None:  # (a field with converters of its own: the ORM reads it)
        return User._default_manager.db_manager(alias).select_related("unit").filter(pk=user_id).first()
    rows = run_marked(compiled, alias, [user_id])
    return user_of_row(rows[0], compiled.names, alias) if rows else None


class Backend(ModelBackend):
    """`ModelBackend`, its `get_user` reading the user with their unit and this request's stamps (or taking them
    from the request's session, which read them in its own statement)."""

    def get_user(self, user_id):
        users = getattr(_request, "users", None) or {}
        user = users.pop(_pk(user_id), None)
        if user is None:
            user = read_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def _pk(user_id):
    try:
        return User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
