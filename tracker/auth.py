"""The signed-in user of a request, read in one statement with their unit and this request's stamps.

Django's `ModelBackend.get_user` reads the user alone; every page then reads the user's unit (the navbar, the
lists' visibility) and a list page its unit filter's stamp (`tracker.stamps`): three statements, and on
PostgreSQL each statement of a request costs ~0.3-0.5 ms more than its replay in a loop (docs/scale.md, fifth
and sixth rounds). Here they are one: the user's row joined to their unit, with the stamps' tokens as columns.
The statement is compiled once per process and database (building it through the ORM costs ~0.3 ms a request).
Everything else — passwords, permissions, `is_active` — is `ModelBackend`'s.
"""
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from . import stamps
from .models import Unit, User
from .statements import Statements, compiled_columns, converted_dicts

_MARK = -7_301_946_287  # stands for the user's pk in the SQL compiled once per process
_USER_SQL = Statements(size=4)  # one a database alias
_USER_FIELDS = tuple(f.attname for f in User._meta.concrete_fields)
_UNIT_FIELDS = tuple(f.attname for f in Unit._meta.concrete_fields)


def _compile(alias: str):
    """(sql, params, index of the pk, names, converters) of the user's row, or None if it cannot be kept."""
    qs = User._default_manager.using(alias).filter(pk=_MARK).values(
        *_USER_FIELDS, *(f"unit__{name}" for name in _UNIT_FIELDS), **stamps.token_subqueries())
    compiler = qs.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    names, converters = compiled_columns(qs.query, compiler)
    params = list(params)
    if converters is None or params.count(_MARK) != 1:
        return None
    return sql, params, params.index(_MARK), names, converters


def read_user(user_id) -> User | None:
    """The user `user_id` with their unit (as `select_related("unit")` gives it), None if there is none; in a
    request, this request's stamp tokens are primed from the same row."""
    alias = router.db_for_read(User)
    compiled = _USER_SQL.get(alias, lambda: _compile(alias))
    if compiled is None:  # (a field with converters of its own: the ORM reads it)
        return User._default_manager.db_manager(alias).select_related("unit").filter(pk=user_id).first()
    sql, params, at, names, converters = compiled
    params = list(params)
    params[at] = user_id
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        rows = converted_dicts(cursor.fetchall(), names, converters)
    if not rows:
        return None
    row = rows[0]
    user = User.from_db(alias, _USER_FIELDS, [row[name] for name in _USER_FIELDS])
    unit = None
    if row["unit__id"] is not None:
        unit = Unit.from_db(alias, _UNIT_FIELDS, [row[f"unit__{name}"] for name in _UNIT_FIELDS])
    User._meta.get_field("unit").set_cached_value(user, unit)
    stamps.prime({name: row[name] for name in names if name.startswith("stamp_")})
    return user


class Backend(ModelBackend):
    """`ModelBackend`, its `get_user` reading the user with their unit and this request's stamps."""

    def get_user(self, user_id):
        user = read_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
