"""SQL compiled once per process and kept for the next request.

Building and compiling a query through the ORM costs 0.5–8 ms of Python on a list page, the dashboard or the
navbar, often more than the database takes to answer it. The pages that pay it keep the compiled statement in
a `Statements` store, keyed by everything its SQL depends on (the database alias, the day, a setting, ids), and
execute it afresh on every request: what is kept is the text, never the rows.
"""

from collections.abc import Callable, Hashable
from typing import Any

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
