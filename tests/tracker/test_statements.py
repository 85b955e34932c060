"""The per-process store of compiled statements: built once per key, None kept, bounded."""
from tracker.statements import Statements


def test_an_entry_is_built_once_per_key_and_a_none_is_kept_too():
    store, built = Statements(size=8), []

    def build(value):
        built.append(value)
        return value

    assert store.get(("a",), lambda: build("sql")) == "sql"
    assert store.get(("a",), lambda: build("other")) == "sql"
    assert store.get(("b",), lambda: build(None)) is None
    assert store.get(("b",), lambda: build("late")) is None  # "not compilable" is remembered, not rebuilt
    assert built == ["sql", None]


def test_a_full_store_starts_afresh_rather_than_growing():
    store = Statements(size=2)
    for key in range(5):
        store.keep(key, key)
    assert len(dict(store.items())) <= 2 and store.peek(4) == 4 and store.peek(0) is None
