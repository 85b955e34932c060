"""Writes to the unit directory: loading a province's bodies and communes, remembering names, succession.

The communes, wards and special zones come from the `vietnam-provinces` package (the
post-July-2025 list, with codes); their pre-2025 names come from `vietnamadminunits`
(which maps each old commune to its successor). The provincial bodies come from
seeds/province_bodies.json, which the office edits.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from tracker.folding import fold

from . import policy
from .models import Task, TaskAssignment, Unit, UnitAlias, User

BODIES = Path(settings.BASE_DIR) / "seeds" / "province_bodies.json"
PARTY, PEOPLES = "DU-", "UB-"  # code prefixes of a commune's Party committee and People's Committee
MEMBER_SETS = {"dang_uy_xa": PARTY, "ubnd_xa": PEOPLES}
# Sent inside the succession's transaction with `old` and `successor`: other apps move what refers to `old`.
unit_succeeded = Signal()


@dataclass
class DirectoryLoad:
    units: int = 0
    aliases: int = 0
    renamed: int = 0
    communes: int = 0
    missing: list[str] = field(default_factory=list)  # codes the data no longer lists: kept as they are


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


def _quiet_alias(unit: Unit, name: str, *, note: str) -> bool:
    """A loader's alias: skipped when it is already another unit's name or alias (what the office has wins)."""
    try:
        return add_alias(unit, name, note=note) is not None
    except ValidationError:
        return False


def _expand(name: str, province: str, old_provinces: list[str]) -> list[str]:
    if "{old_province}" in name:
        return [name.format(province=province, old_province=old) for old in old_provinces]
    return [name.format(province=province)] if province or "{province}" not in name else []


@transaction.atomic
def load_directory(path: Path, *, province: str = "", old_provinces: list[str] = (),
                   member_sets: dict[str, list[Unit]] | None = None) -> DirectoryLoad:
    """Add the units, groups and aliases of a directory file that are missing.

    Existing units (matched by code) are left as the office edited them, so a second load
    changes nothing. `{province}` / `{old_province}` in aliases become the province's name
    and those of the provinces merged into it; a group's `member_sets` are filled from
    `member_sets` (the communes' Party committees or People's Committees).
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    result = DirectoryLoad()
    by_code = {u.code: u for u in Unit.objects.exclude(code=None)}
    for entry in data["units"] + data.get("groups", []):
        unit = by_code.get(entry["code"])
        is_group = "members" in entry or "member_sets" in entry
        if unit is None:
            unit = Unit.objects.create(
                code=entry["code"], name=entry["name"], short_name=entry.get("short_name", ""),
                kind=entry.get("kind", Unit.Kind.OTHER), is_group=is_group,
                email=entry.get("email", f"{entry['code'].lower()}@donvi.local"),
                head_email=entry.get("head_email", f"lanhdao.{entry['code'].lower()}@donvi.local"),
            )
            by_code[unit.code] = unit
            result.units += 1
            unit.members.set([by_code[c] for c in entry.get("members", [])])
        if is_group:
            # New communes join their groups on every load; nothing is taken out.
            wanted = [u for s in entry.get("member_sets", []) for u in (member_sets or {}).get(s, [])]
            present = set(unit.members.values_list("pk", flat=True))
            unit.members.add(*[u for u in wanted if u.pk not in present])
        for template in entry.get("aliases", []):
            for alias in _expand(template, province, list(old_provinces)):
                result.aliases += _quiet_alias(unit, alias, note="Danh mục mặc định")
    return result


# --- a province from the data packages -------------------------------------------------------

@dataclass(frozen=True)
class Commune:
    """One commune, ward or special zone of the post-2025 list."""

    code: int
    name: str            # "Phường Thành Sen"
    division_type: str   # "xã", "phường", "đặc khu"
    old_names: tuple[str, ...] = ()  # pre-2025 communes merged into it: "Xã Thạch Trung", "Thị trấn Cẩm Xuyên"
    old_districts: tuple[str, ...] = ()  # pre-2025 districts wholly merged into it: "Huyện Cô Tô"

    @property
    def place(self) -> str:
        """'phường Thành Sen': the type in lower case, as unit names write it."""
        return _place(self.name, self.division_type)


def _place(name: str, division_type: str) -> str:
    rest = name[len(division_type):].strip() if fold(name).startswith(fold(division_type)) else name
    return f"{division_type.lower()} {rest}"


def _short(province_name: str) -> str:
    return re.sub(r"^(Tỉnh|Thành phố)\s+", "", province_name.strip())


def find_province(name: str):
    """The vietnam-provinces Province whose name matches (diacritics and 'Tỉnh'/'Thành phố' ignored)."""
    from vietnam_provinces import Province

    wanted = fold(_short(name))
    for p in Province.iter_all():
        if fold(_short(p.name)) == wanted:
            return p
    names = ", ".join(sorted(_short(p.name) for p in Province.iter_all()))
    raise ValidationError(f"Không có tỉnh, thành phố nào tên “{name}”. Các tỉnh, thành phố: {names}.")


@cache
def _legacy():
    """vietnamadminunits' 2025 conversion table and the old units' names, read once."""
    from vietnamadminunits.database import query

    converter = json.loads((resources.files("vietnamadminunits") / "data" / "converter_2025.json")
                           .read_text(encoding="utf-8"))
    names = {(r["provinceKey"], r["districtKey"], r["wardKey"]): (r["ward"], r["district"], r["province"])
             for r in query("SELECT provinceKey, districtKey, wardKey, ward, district, province "
                            "FROM admin_units_legacy")}
    keys = {int(r["wardCode"]): (r["provinceKey"], r["wardKey"])
            for r in query("SELECT wardCode, provinceKey, wardKey FROM admin_units")}
    return converter, names, keys


def province_communes(province) -> list[Commune]:
    """The province's communes from vietnam-provinces, each with the old communes merged into it.

    An old commune split between several new ones is no one's alias (it would be ambiguous).
    """
    from vietnam_provinces import Ward

    converter, names, keys = _legacy()
    undivided = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"]
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: int(w.code))
    province_key = next((keys[int(w.code)][0] for w in wards if int(w.code) in keys), None)
    # Which new communes each old district went to: one only, and the district's name is an alias.
    district_targets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for new_key, olds in undivided.get(province_key, {}).items():
        for old in olds:
            district_targets[tuple(old.split("_")[:2])].add(new_key)
    for old, targets in divided.get(province_key, {}).items():
        district_targets[tuple(old.split("_")[:2])].update(t["newWardKey"] for t in targets)
    communes = []
    for ward in wards:
        ward_key = keys.get(int(ward.code), (None, None))[1]
        old_names, old_districts = set(), set()
        for old in undivided.get(province_key, {}).get(ward_key, []):
            parts = tuple(old.split("_"))
            if len(parts) == 3 and parts in names:
                ward_name, district_name, _ = names[parts]
                if ward_name:
                    old_names.add(ward_name)
                if district_targets.get(parts[:2]) == {ward_key} and district_name:
                    old_districts.add(district_name)
        communes.append(Commune(code=int(ward.code), name=ward.name, division_type=ward.division_type.value,
                                old_names=tuple(sorted(old_names)), old_districts=tuple(sorted(old_districts))))
    return communes


def old_province_names(province) -> list[str]:
    """Provinces merged into this one in 2025 (not its own name), from vietnamadminunits."""
    converter, names, keys = _legacy()
    own = next((keys[int(w.code)][0] for w in _wards(province) if int(w.code) in keys), None)
    olds = converter["DICT_PROVINCE"].get(own, [])
    by_key = {k[0]: v[2] for k, v in names.items()}
    return sorted({_short(by_key[k]) for k in olds if k in by_key} - {_short(province.name)})


def _wards(province):
    from vietnam_provinces import Ward

    return Ward.iter_by_province(province.code)


def _commune_units(commune: Commune) -> list[tuple[str, str, list[str], list[str]]]:
    """(code, name, aliases, old-name aliases) of a commune's Party committee and People's Committee."""
    place = commune.place
    olds = [_place(n, n.split(" ")[0] if not fold(n).startswith("thi tran") else "Thị trấn")
            for n in commune.old_names]
    olds = [o for o in olds if fold(o) != fold(place)]
    # "Huyện Cô Tô" → Huyện ủy Cô Tô, UBND huyện Cô Tô; "Thành phố X" → Thành ủy X.
    districts = [(n.split(" ")[0] if not fold(n).startswith("thanh pho") else "Thành phố",
                  n.split(" ", 2)[-1] if fold(n).startswith(("thanh pho", "thi xa")) else n.split(" ", 1)[-1])
                 for n in commune.old_districts]
    committees = {"huyen": "Huyện ủy", "thanh pho": "Thành ủy", "thi xa": "Thị ủy", "quan": "Quận ủy"}
    party_olds = [f"Đảng ủy {o}" for o in olds]
    peoples_olds = [f"UBND {o}" for o in olds] + [f"Ủy ban nhân dân {o}" for o in olds]
    for kind, rest in districts:
        committee = committees.get(fold(kind))
        if committee:
            party_olds += [f"{committee} {rest}", f"Ban Thường vụ {committee} {rest}"]
        peoples_olds += [f"UBND {kind.lower()} {rest}", f"Ủy ban nhân dân {kind.lower()} {rest}"]
    return [
        (f"{PARTY}{commune.code}", f"Đảng ủy {place}",
         [f"Ban Thường vụ Đảng ủy {place}", f"Đảng bộ {place}"], party_olds),
        (f"{PEOPLES}{commune.code}", f"UBND {place}",
         [f"Ủy ban nhân dân {place}", f"Chủ tịch UBND {place}"], peoples_olds),
    ]


@transaction.atomic
def load_province(name: str, *, communes: list[Commune] | None = None, bodies: Path = BODIES) -> DirectoryLoad:
    """Build (or bring up to date) the directory of one province; idempotent.

    Communes are matched by their package code: a new code adds units, a changed name
    renames the unit and keeps the old name as an alias, a code the data no longer lists
    is reported and left alone (never deleted: it may have tasks).
    """
    province = find_province(name)
    communes = province_communes(province) if communes is None else communes
    result = DirectoryLoad(communes=len(communes))
    by_code = {u.code: u for u in Unit.objects.exclude(code=None)}
    rows = [row for c in communes for row in _commune_units(c)]
    for code, unit_name, _, _ in rows:
        unit = by_code.get(code)
        if unit is None:
            by_code[code] = Unit.objects.create(code=code, name=unit_name, kind=Unit.Kind.LOCAL,
                                                email=f"{code.lower()}@donvi.local",
                                                head_email=f"lanhdao.{code.lower()}@donvi.local")
            result.units += 1
        elif fold(unit.name) != fold(unit_name) and unit.successor_id is None:
            old_name = unit.name
            unit.name = unit_name
            unit.save(update_fields=["name", "folded_name"])
            _quiet_alias(unit, old_name, note="Tên trước khi dữ liệu đơn vị hành chính thay đổi")
            result.renamed += 1
    # Aliases once every current name exists: a current commune's name is never another's old name,
    # and an old name two successors share (two "xã Hòa An" in different districts) resolves to neither.
    claims: dict[str, set[str]] = defaultdict(set)
    for code, _, _, olds in rows:
        for old in olds:
            claims[fold(old)].add(code)
    for code, _, aliases, olds in rows:
        unit = by_code[code]
        for alias in aliases:
            result.aliases += _quiet_alias(unit, alias, note="Danh mục mặc định")
        for old in olds:
            if len(claims[fold(old)]) == 1:
                result.aliases += _quiet_alias(unit, old, note="Đơn vị trước sắp xếp năm 2025")
    codes = {code for code, *_ in rows}
    result.missing = sorted(c for c in by_code if c[:3] in (PARTY, PEOPLES) and c not in codes)
    member_sets = {key: [by_code[c] for c in sorted(codes) if c.startswith(prefix)]
                   for key, prefix in MEMBER_SETS.items()}
    bodies_load = load_directory(bodies, province=_short(province.name),
                                 old_provinces=old_province_names(province), member_sets=member_sets)
    result.units += bodies_load.units
    result.aliases += bodies_load.aliases
    return result


# --- succession: merging and renaming units ---------------------------------------------------

@dataclass
class Succession:
    old: Unit
    successor: Unit
    moved_tasks: int = 0
    moved_users: int = 0
    moved_aliases: int = 0


@transaction.atomic
def succeed(old: Unit, successor: Unit, *, user: User | None, note: str = "") -> Succession:
    """`old` merges into (or is renamed as) `successor`, whichever door the office uses.

    Open tasks move to the successor, each with a history entry; users, aliases, group
    memberships and unpublished owner mappings move too; the old name becomes an alias of
    the successor. The old unit stays, inactive, with its finished tasks and a link to its
    successor, and the dashboard counts those under the successor.
    """
    from tracker.services import move_task_to_successor

    if user is not None:  # None: a management command, run by whoever administers the server
        policy.require(policy.can_confirm(user))  # the office: it moves leads, as reassigning does
    old = Unit.objects.select_for_update().get(pk=old.pk)
    successor = Unit.objects.select_for_update().get(pk=successor.pk)
    if old.pk == successor.pk:
        raise ValidationError("Đơn vị kế thừa phải khác đơn vị cũ.")
    if old.successor_id:
        raise ValidationError(f"“{old}” đã sáp nhập vào “{old.successor}”.")
    if not successor.is_active or successor.successor_id:
        raise ValidationError(f"“{successor}” không còn hoạt động; hãy chọn đơn vị đang hoạt động.")
    if old.is_group != successor.is_group:
        raise ValidationError("Chỉ sáp nhập đơn vị vào đơn vị, nhóm vào nhóm.")
    result = Succession(old=old, successor=successor)
    reason = f"Sáp nhập/đổi tên: {old} → {successor}" + (f" ({note})" if note else "")
    open_ids = TaskAssignment.objects.filter(unit=old, task__status__in=Task.OPEN_STATUSES).values("task_id")
    for task in Task.objects.filter(pk__in=open_ids).order_by("pk"):
        move_task_to_successor(task, old, successor, user=user, reason=reason)
        result.moved_tasks += 1
    Task.objects.filter(report_to=old, status__in=Task.OPEN_STATUSES).update(report_to=successor)
    result.moved_users = User.objects.filter(unit=old).update(unit=successor)
    result.moved_aliases = UnitAlias.objects.filter(unit=old).update(unit=successor)
    for name in {old.name, old.short_name} - {""}:
        folded = fold(name)
        if folded != successor.folded_name and not UnitAlias.objects.filter(folded=folded).exists():
            UnitAlias.objects.create(unit=successor, name=name, note=f"Tên cũ, sáp nhập ngày {timezone.localdate():%d/%m/%Y}")
    for group in old.groups.all():
        group.members.add(successor)
        group.members.remove(old)
    if old.is_group:
        successor.members.add(*old.members.all())
    unit_succeeded.send(sender=Unit, old=old, successor=successor)  # drafts in review follow (ingest)
    old.is_active, old.successor, old.succeeded_on = False, successor, timezone.localdate()
    old.save(update_fields=["is_active", "successor", "succeeded_on"])
    return result


@transaction.atomic
def rename(old: Unit, new_name: str, *, user: User | None, note: str = "") -> Succession:
    """A renamed unit is a successor with the new name: the old one keeps its history under its name."""
    new_name = " ".join(new_name.split())
    if not new_name:
        raise ValidationError("Cần nhập tên mới.")
    if Unit.objects.filter(folded_name=fold(new_name)).exists():
        raise ValidationError(f"Đã có đơn vị tên “{new_name}”; hãy sáp nhập vào đơn vị đó.")
    UnitAlias.objects.filter(folded=fold(new_name)).delete()  # the new name is now the unit's own
    code = old.code
    if code:
        Unit.objects.filter(pk=old.pk).update(code=None)
    successor = Unit.objects.create(
        name=new_name, code=code, kind=old.kind, parent=old.parent, is_group=old.is_group,
        email=old.email, head_email=old.head_email)
    return succeed(old, successor, user=user, note=note or f"Đổi tên thành “{new_name}”")
