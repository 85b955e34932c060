"""SQL compiled once per process and kept for the next request.

Building and compiling a query through the ORM costs 0.5–8 ms of Python on a list page, the dashboard or the
navbar, often more than the database takes to answer it. The pages that pay it keep the compiled statement in
a `Statements` store, keyed by everything its SQL depends on (the database alias, the day, a setting, ids), and
execute it afresh on every request: what is kept is the text, never the rows.
"""

from collections.abc import Callable, Hashable
from typing import Any, NamedTuple

from django.db import connection, connections

_MISSING = object()


class Statements:
    """A bounded store: when it holds `size` entries it starts afresh (keys are few and cheap to rebuild)."""

    def __init__(self, size: int):
        self.size = size
        self._kept: dict[Hashable, Any] = {}

    def peek(self, key: Hashable, default: Any = None) -> Any:
        return self._kept.get(key, default)

    def keep(self, key: Hashable, value: Any) -> Any:
        if len(self._kept) >= self.size:
            self._kept.clear()
        self._kept[key] = value
        return value

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The entry for `key`, built the first time (None is kept too: it says "not compilable, use the ORM")."""
        value = self._kept.get(key, _MISSING)
        return self.keep(key, build()) if value is _MISSING else value

    def items(self):
        return self._kept.items()

    def clear(self) -> None:
        self._kept.clear()


_SAFE_CONVERTERS = {"convert_datefield_value"}  # SQLite's dates: the driver parses them already


def compiled_columns(query, compiler):
    """A values() query's column names and the ORM's converters its rows need, as (column, method names of the
    backend's operations, expression): a datetime's time zone on SQLite, say. None when a converter is the field's
    own (not the backend's): those rows go through the ORM."""
    names = (*query.extra_select, *query.values_select, *query.annotation_select)
    ops, converters = compiler.connection.ops, []
    for i, (fns, expression) in compiler.get_converters([col for col, _alias, _sql in compiler.select]).items():
        needed = []
        for fn in fns:
            if getattr(fn, "__self__", None) is ops:
                if fn.__name__ not in _SAFE_CONVERTERS:
                    needed.append(fn.__name__)
            elif _casts_to_int(fn, expression):
                needed.append(_INT)
            else:
                return names, None
        if needed:
            converters.append((i, needed, expression))
    return names, converters


_INT = "int"  # an integer expression's own converter (`BaseExpression.convert_value`): int() of a non-NULL


def _casts_to_int(fn, expression) -> bool:
    field = getattr(expression, "output_field", None)
    return (fn.__qualname__.startswith("BaseExpression.convert_value.") and field is not None
            and field.get_internal_type().endswith("IntegerField"))


def _int(value, expression, connection):
    return None if value is None else int(value)


def converted_dicts(rows, names, converters) -> list[dict]:
    """The cursor's rows as values() gives them, through the backend's converters `compiled_columns` found."""
    if not converters:
        return [dict(zip(names, row)) for row in rows]
    bound = [(i, [_int if name == _INT else getattr(connection.ops, name) for name in fns], expression)
             for i, fns, expression in converters]
    out = []
    for row in rows:
        row = list(row)
        for i, fns, expression in bound:
            value = row[i]
            for fn in fns:
                value = fn(value, expression, connection)
            row[i] = value
        out.append(dict(zip(names, row)))
    return out


class MarkedRead(NamedTuple):
    """A values() query compiled once with stand-ins ("marks") for the parameters that change per request."""
    sql: str
    params: tuple
    slots: tuple  # for each parameter, the index of the mark it stands for, or None for a fixed one
    names: tuple
    converters: list


def compile_marked(qs, alias: str, marks: list) -> MarkedRead | None:
    """`qs` compiled for `alias`, each of `marks` found once among its parameters; None when a mark is not found
    exactly once or a column needs a converter of its field's own (then the caller reads through the ORM)."""
    compiler = qs.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    names, converters = compiled_columns(qs.query, compiler)
    slots = tuple(next((i for i, mark in enumerate(marks) if type(p) is type(mark) and p == mark), None)
                  for p in params)
    if converters is None or sorted(s for s in slots if s is not None) != list(range(len(marks))):
        return None
    return MarkedRead(sql, tuple(params), slots, names, converters)


def run_marked(read: MarkedRead, alias: str, values) -> list[dict]:
    """The rows of `read` with `values` in place of its marks, as values() gives them."""
    params = [p if slot is None else values[slot] for p, slot in zip(read.params, read.slots)]
    with connections[alias].cursor() as cursor:
        cursor.execute(read.sql, params)
        return converted_dicts(cursor.fetchall(), read.names, read.converters)
