"""Writes to the unit directory: loading the default directory and remembering new names."""
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from tracker.folding import fold

from .models import Unit, UnitAlias


@dataclass
class DirectoryLoad:
    units: int = 0
    aliases: int = 0


def add_alias(unit: Unit, name: str, note: str = "") -> UnitAlias | None:
    """Remember another name for a unit; None when the name is already the unit's or taken."""
    folded = fold(name)
    if not folded or folded == unit.folded_name or UnitAlias.objects.filter(folded=folded).exists():
        return None
    return UnitAlias.objects.create(unit=unit, name=name.strip(), note=note)


@transaction.atomic
def load_directory(path: Path) -> DirectoryLoad:
    """Add the units, groups and aliases of a directory file that are missing.

    Existing units (matched by code) are left as the office edited them, so a
    second load changes nothing.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    result = DirectoryLoad()
    by_code = {u.code: u for u in Unit.objects.exclude(code=None)}
    for entry in data["units"] + data.get("groups", []):
        unit = by_code.get(entry["code"])
        if unit is None:
            unit = Unit.objects.create(
                code=entry["code"], name=entry["name"], short_name=entry.get("short_name", ""),
                kind=entry.get("kind", Unit.Kind.OTHER), is_group="members" in entry,
                email=entry.get("email", f"{entry['code'].lower()}@donvi.local"),
                head_email=entry.get("head_email", f"lanhdao.{entry['code'].lower()}@donvi.local"),
            )
            by_code[unit.code] = unit
            result.units += 1
            if "members" in entry:
                unit.members.set([by_code[c] for c in entry["members"]])
        for alias in entry.get("aliases", []):
            if add_alias(unit, alias, note="Danh mục mặc định"):
                result.aliases += 1
    return result
