"""A directive's owner rows, written one way whichever service writes them (import, review, merge, split)."""
from __future__ import annotations

from collections.abc import Iterable

from ingest import selectors
from ingest.models import Directive, DirectiveOwner
from tracker.folding import fold

Role = DirectiveOwner.Role


def add_owners(directive: Directive, owners: Iterable[tuple], *, known: set[int] | None = None,
               as_group: set[int] = frozenset()) -> None:
    """Write (name as written, role, unit id[, evidence, unit type]) tuples as the directive's owner rows.

    A role the model does not know becomes lead; a unit id that does not exist (not in
    `known`, read when not given) leaves the mention unmapped; each (unit, or folded name
    while unmapped; role) pair is written once. A group whose id is in `as_group` makes one
    task for the whole group on publishing, not one per member.
    """
    owners = list(owners)
    if known is None:
        known = selectors.existing_unit_ids(unit_id for _name, _role, unit_id, *_ in owners)
    seen = set()
    for name, role, unit_id, *extra in owners:
        evidence, unit_type = (list(extra) + ["", ""])[:2]
        role = role if role in Role.values else Role.LEAD
        unit_id = unit_id if unit_id in known else None
        key = (unit_id or fold(name), role)
        if key in seen:
            continue
        seen.add(key)
        DirectiveOwner.objects.create(directive=directive, name=name[:255], role=role, unit_id=unit_id,
                                      evidence=(evidence or "")[:255], unit_type=(unit_type or "")[:64],
                                      as_group=unit_id is not None and unit_id in as_group)
