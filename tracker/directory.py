"""Writes to the unit directory: loading the default directory and remembering new names."""
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from tracker.folding import fold

from .models import Unit, UnitAlias


@dataclass
class DirectoryLoad:
    units: int = 0
    aliases: int = 0


def add_alias(unit: Unit, name: str, *, note: str = "") -> UnitAlias | None:
    """Remember another name of a unit, so the extractor and the searches resolve it.

    None when the name already leads to the unit (its name, short name or an alias);
    refuses (ValidationError) a name that is another unit's name or alias.
    """
    folded = fold(name)
    if not folded or folded in {unit.folded_name or fold(unit.name), fold(unit.short_name or "")}:
        return None
    existing = UnitAlias.objects.filter(folded=folded).select_related("unit").first()
    if existing:
        if existing.unit_id == unit.pk:
            return None
        raise ValidationError(f"“{name}” đã là tên gọi khác của {existing.unit}; "
                              "sửa trong danh mục đơn vị nếu cần đổi.")
    other = Unit.objects.filter(folded_name=folded).exclude(pk=unit.pk).first()
    if other:
        raise ValidationError(f"“{name}” là tên của đơn vị {other}, không thể làm tên gọi khác của {unit}.")
    return UnitAlias.objects.create(unit=unit, name=name.strip()[:255], note=note[:255])


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
            try:
                added = add_alias(unit, alias, note="Danh mục mặc định")
            except ValidationError:  # another unit's name or alias: the office's directory wins
                continue
            result.aliases += added is not None
    return result
