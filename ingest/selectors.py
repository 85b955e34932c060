"""Reads for communiqués: who may see what, the highlighted source text, what still blocks publishing."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ingest.models import BY_DATE, Communique, Directive, DirectiveOwner
from tracker.folding import fold
from tracker import policy
from tracker import selectors as tracker_selectors
from tracker.models import Task, TaskAssignment, Timeliness, Unit, UnitAlias, User

_SPACES = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """The duplicate key: the same words, whatever the encoding, line breaks or file format."""
    canonical = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def imported_before(digest: str) -> Communique | None:
    """The communiqué already imported with this `content_hash`, if any."""
    return Communique.objects.filter(content_hash=digest).first()


# --- visibility -------------------------------------------------------------------------------

def visible_communiques(user: User) -> QuerySet:
    """Office: all. Leadership viewers: the published ones. Units: those that produced a task for them."""
    qs = Communique.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if policy.can_review(user):  # drafts included
        return qs
    if policy.can_view_all(user):
        return qs.filter(state=Communique.State.PUBLISHED)
    if not user.unit_id:
        return qs.none()
    mine = TaskAssignment.objects.filter(task__directive__communique=OuterRef("pk"), unit_id=user.unit_id)
    return qs.filter(Exists(mine))


def communique_list(user: User) -> QuerySet:
    """The list page's base queryset, with the counts each row shows."""
    return visible_communiques(user).select_related("imported_by").defer("search_text").annotate(
        directive_count=Count("directives", filter=~Q(directives__review=Directive.Review.REJECTED), distinct=True),
        task_count=Count("directives__tasks", distinct=True),
        done_count=Count("directives__tasks", filter=Q(directives__tasks__status=Task.Status.DONE), distinct=True),
    ).order_by(BY_DATE[0], "-imported_at", "-id")  # GROUP BY drops Meta.ordering


def directives_of(communique: Communique) -> list[Directive]:
    """The directives in reading order, owners and units loaded."""
    owners = Prefetch("owners", queryset=DirectiveOwner.objects.select_related("unit"))
    return list(
        communique.directives.select_related("report_to").prefetch_related(owners).order_by("order", "id")
    )


def tasks_by_directive(communique: Communique, user: User) -> dict[int, list[Task]]:
    """The tasks each directive produced, limited to those the user may see."""
    tasks = (
        tracker_selectors.with_timeliness(tracker_selectors.visible_tasks(user))
        .filter(directive__communique=communique)
        .select_related("lead_unit")
        .order_by("directive_id", "lead_unit__name", "id")
    )
    grouped: dict[int, list[Task]] = {}
    for task in tasks:
        task.timeliness_label = Timeliness(task.timeliness).label if task.timeliness else ""
        grouped.setdefault(task.directive_id, []).append(task)
    return grouped


# --- the source text with its directives marked -------------------------------------------------

def _escape(text: str) -> str:
    # A raw CR would be folded into LF by the HTML parser and shift every offset the
    # review page's JavaScript computes from the DOM; as a reference it survives.
    return escape(text).replace("\r", "&#13;")


def highlighted_text(communique: Communique, directives: list[Directive] | None = None) -> SafeString:
    """The communiqué text, escaped, with `<mark class="directive" id="d-<id>">` at each directive's span.

    The text nodes of the result spell communique.text exactly, so the browser can turn a
    selection back into offsets. Overlapping spans are clipped (marks cannot overlap).
    """
    text = communique.text
    if directives is None:
        directives = directives_of(communique)
    spans = sorted(
        (d for d in directives if d.start is not None and d.end is not None and 0 <= d.start <= d.end <= len(text)),
        key=lambda d: (d.start, -d.end, d.order, d.pk),
    )
    out: list[str] = []
    cursor = 0
    for number, d in _numbered(directives, spans):
        start, end = max(d.start, cursor), max(d.end, cursor)
        out.append(_escape(text[cursor:start]))
        classes = "directive" + (" rejected" if d.is_rejected else "")
        out.append(
            f'<mark class="{classes}" id="d-{d.pk}" data-directive="{d.pk}" title="Ý {number}">'
            f"{_escape(text[start:end])}</mark>"
        )
        cursor = end
    out.append(_escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def _numbered(directives, spans):
    position = {d.pk: i for i, d in enumerate(directives, 1)}
    return [(position.get(d.pk, "?"), d) for d in spans]


# --- units --------------------------------------------------------------------------------------

def existing_unit_ids(ids) -> set[int]:
    """Which of these unit ids exist (the extractor may propose a unit deleted since)."""
    wanted = {i for i in ids if i}
    return set(Unit.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()


def unit_options() -> QuerySet:
    """Active units for the owner pickers (one shared datalist)."""
    return Unit.objects.filter(is_active=True).order_by("name").only("pk", "name", "short_name", "is_group")


def closest_units(names: list[str], n: int = 3) -> dict[str, list[Unit]]:
    """For owner names that match no unit: the units whose names read most like each (for the office to pick
    from), by the engine's directory (names, short names, aliases)."""
    from ingest.extraction import unit_directory
    if not names:
        return {}
    directory = unit_directory()
    ids = {name: directory.closest(name, n) for name in names}
    units = Unit.objects.in_bulk({i for found in ids.values() for i in found})
    return {name: [units[i] for i in found if i in units] for name, found in ids.items()}


class UnitLookupError(ValueError):
    """A typed unit name that matches no unit, or several."""


def resolve_unit(label: str) -> Unit | None:
    """The unit a person typed: its name, short name or an alias, with or without diacritics."""
    label = (label or "").strip()
    if not label:
        return None
    active = Unit.objects.filter(is_active=True)
    exact = active.filter(name=label).first()
    if exact:
        return exact
    folded = fold(label)
    by_name = list(active.filter(folded_name=folded)[:2])
    if len(by_name) == 1:
        return by_name[0]
    alias = UnitAlias.objects.filter(folded=folded, unit__is_active=True).select_related("unit").first()
    if alias:
        return alias.unit
    short = [u for u in active.exclude(short_name="") if fold(u.short_name) == folded]
    if len(short) == 1:
        return short[0]
    if len(short) > 1:
        raise UnitLookupError(f"“{label}” là tên viết tắt của nhiều đơn vị; hãy chọn tên đầy đủ.")
    raise UnitLookupError(f"Không có đơn vị nào tên “{label}” trong danh mục.")


def office_unit() -> Unit | None:
    """The office's own unit, which takes directives nobody else owns."""
    return Unit.objects.filter(code=settings.OFFICE_UNIT_CODE).first()


def expand_units(unit: Unit) -> list[Unit]:
    """A unit, or for a group its active members (nested groups expanded), each once."""
    seen_groups: set[int] = set()
    result: dict[int, Unit] = {}

    def walk(u: Unit) -> None:
        if u.is_group:
            if u.pk in seen_groups:
                return
            seen_groups.add(u.pk)
            for member in u.members.filter(is_active=True).order_by("name"):
                walk(member)
        elif u.is_active:
            result.setdefault(u.pk, u)

    walk(unit)
    return list(result.values())


# --- what blocks publishing ---------------------------------------------------------------------

@dataclass
class Assignment:
    """Who one directive goes to once groups and the fallback are applied."""

    directive: Directive
    leads: list[Unit] = field(default_factory=list)
    supports: list[Unit] = field(default_factory=list)


def plan_publication(communique: Communique, *, fallback_unit: Unit | None = None
                     ) -> tuple[list[Assignment], list[str]]:
    """The tasks publishing would create, and the problems (Vietnamese) that prevent it.

    Without a fallback every kept directive needs text and a lead, and every owner a unit;
    with one, a directive with no usable lead goes to the fallback unit and unmapped
    support mentions are dropped.
    """
    directives = directives_of(communique)
    problems: list[str] = []
    plans: list[Assignment] = []
    kept = [(i, d) for i, d in enumerate(directives, 1) if not d.is_rejected]
    if not kept:
        problems.append("Không có ý kết luận nào để ban hành (tất cả đã bị loại hoặc chưa có ý nào).")
    for number, d in kept:
        label = f"Ý {number}"
        if not d.text.strip():
            problems.append(f"{label}: nội dung trống.")
        owners = list(d.owners.all())
        lead_units: list[Unit] = []
        support_units: list[Unit] = []
        reported = len(problems)
        for owner in owners:
            if owner.unit is None:
                if fallback_unit is None:
                    problems.append(f"{label}: “{owner.name}” chưa được gắn với đơn vị nào trong danh mục.")
                continue
            # A group is one task per active member, or one task for the group where the office chose so.
            members = [owner.unit] if owner.unit.is_group and owner.as_group else expand_units(owner.unit)
            if not members:
                what = "nhóm không có thành viên đang hoạt động" if owner.unit.is_group else "đơn vị đã ngừng hoạt động"
                problems.append(f"{label}: “{owner.unit}” là {what}.")
                continue
            (lead_units if owner.role == DirectiveOwner.Role.LEAD else support_units).extend(members)
        if not lead_units:
            if fallback_unit is not None:
                lead_units = [fallback_unit]
            elif not owners:
                problems.append(f"{label}: chưa có đơn vị chủ trì.")
            elif len(problems) == reported:
                problems.append(f"{label}: chưa có đơn vị chủ trì (chỉ có đơn vị phối hợp).")
        # A lead is never its own supporter: create_task drops it per task.
        leads = list({u.pk: u for u in lead_units}.values())
        supports = list({u.pk: u for u in support_units}.values())
        plans.append(Assignment(directive=d, leads=leads, supports=supports))
    return plans, problems
