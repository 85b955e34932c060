"""The office's review edits on a draft communiqué's proposed directives.

Every edit runs in a transaction and locks the communiqué row first, so an edit can
never slip in beside (or after) a publication.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from ingest.extraction import describe, propose_for_span, split_sentences
from ingest.models import Communique, Directive, DirectiveOwner
from tracker.folding import fold
from tracker.directory import add_alias
from tracker.models import Unit, User

from .owners import add_owners

logger = logging.getLogger(__name__)

Review = Directive.Review
Role = DirectiveOwner.Role
KEEP = object()  # "leave this field as it is" in update_directive


def _lock_draft(communique_id: int) -> Communique:
    """The communiqué, locked; refuses once it is published (its directives are then tasks)."""
    communique = Communique.objects.select_for_update().get(pk=communique_id)
    if communique.is_published:
        raise ValidationError("Thông báo đã ban hành nhiệm vụ; không sửa các ý kết luận được nữa.")
    return communique


def _ordered(communique: Communique) -> list[Directive]:
    return list(communique.directives.order_by("order", "id"))


def _renumber(directives: list[Directive]) -> None:
    for i, d in enumerate(directives):
        if d.order != i:
            d.order = i
            d.save(update_fields=["order"])


def _clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass
class OwnerInput:
    """One owner as the review form gives it: the mention as written, its role, its unit."""

    name: str
    role: str = Role.LEAD
    unit: Unit | None = None
    remember: bool = False  # keep `name` as an alias of `unit` for later imports
    as_group: bool = False  # a group: one task for the group rather than one per member


def _alias_note(communique: Communique) -> str:
    return f"Ghi nhớ khi duyệt thông báo {communique.number or '#' + str(communique.pk)}"


@transaction.atomic
def update_directive(directive: Directive, *, user: User | None = None, text=KEEP, owners=KEEP,
                     report_to=KEEP, deadline=KEEP, deadline_phrase=KEEP, recurring=KEEP,
                     review=KEEP) -> Directive:
    """Apply the office's corrections; owners (a list of OwnerInput) replace the old ones."""
    communique = _lock_draft(directive.communique_id)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if text is not KEEP:
        text = _clean_text(text)
        if not text:
            raise ValidationError("Nội dung ý kết luận không được để trống.")
        directive.text = text
    if report_to is not KEEP:
        directive.report_to = report_to
    if deadline is not KEEP and deadline != directive.deadline:
        directive.deadline = deadline
        directive.deadline_source = Directive.DeadlineSource.MANUAL if deadline else ""
    if deadline_phrase is not KEEP:
        directive.deadline_phrase = (deadline_phrase or "").strip()[:255]
    if recurring is not KEEP:
        directive.recurring = bool(recurring)
    if review is not KEEP:
        if review not in Review.values:
            raise ValidationError("Trạng thái duyệt không hợp lệ.")
        directive.review = review
    directive._history_user = user  # who edited the draft (pages, admin and commands alike)
    directive.save()
    if owners is not KEEP:
        directive.owners.all().delete()
        named = [((o.name or (o.unit.name if o.unit else "")).strip(), o) for o in owners]
        named = [(name, o) for name, o in named if name]
        add_owners(directive, [(name, o.role, o.unit.pk if o.unit else None) for name, o in named],
                   known={o.unit.pk for _name, o in named if o.unit},
                   as_group={o.unit.pk for _name, o in named if o.as_group and o.unit and o.unit.is_group})
        for name, owner in named:
            if owner.remember and owner.unit:
                add_alias(owner.unit, name, note=_alias_note(communique))
    return directive


@transaction.atomic
def set_review(directive: Directive, review: str, *, user: User | None = None) -> Directive:
    """Accept, reject, or put a directive back to "proposed"."""
    return update_directive(directive, user=user, review=review)


@transaction.atomic
def map_owner(owner: DirectiveOwner, unit: Unit, *, remember: bool = False,
              user: User | None = None) -> int:
    """Tie an owner mention to a unit, and the same unmapped mention elsewhere in the communiqué.

    With `remember`, the mention becomes an alias of the unit so the next import resolves it.
    Returns how many owner rows were mapped.
    """
    communique = _lock_draft(owner.directive.communique_id)
    folded = fold(owner.name)
    same = [o for o in DirectiveOwner.objects.filter(directive__communique=communique, unit__isnull=True)
            if fold(o.name) == folded and o.pk != owner.pk]
    owner.unit = unit
    owner.save(update_fields=["unit"])
    for other in same:
        other.unit = unit
        other.save(update_fields=["unit"])
    if remember:
        add_alias(unit, owner.name, note=_alias_note(communique))
    return 1 + len(same)


@transaction.atomic
def merge_with_next(directive: Directive, *, user: User | None = None) -> Directive:
    """Join a directive with the one after it (a sentence the extractor cut in two)."""
    communique = _lock_draft(directive.communique_id)
    ordered = _ordered(communique)
    index = next((i for i, d in enumerate(ordered) if d.pk == directive.pk), None)
    if index is None or index + 1 >= len(ordered):
        raise ValidationError("Đây là ý cuối cùng, không có ý tiếp theo để gộp.")
    first, second = ordered[index], ordered[index + 1]
    first.text = f"{first.text.rstrip()} {second.text.lstrip()}".strip()
    starts = [s for s in (first.start, second.start) if s is not None]
    ends = [e for e in (first.end, second.end) if e is not None]
    first.start = min(starts) if starts else None
    first.end = max(ends) if ends else None
    if first.start is None or first.end is None:
        first.start = first.end = None
    if first.deadline is None and second.deadline is not None:
        first.deadline, first.deadline_phrase = second.deadline, second.deadline_phrase
        first.deadline_source = second.deadline_source
    first.deadline_phrase = first.deadline_phrase or second.deadline_phrase
    first.recurring = first.recurring or second.recurring
    if first.report_to_id is None:
        first.report_to_id = second.report_to_id
    first.report_to_text = first.report_to_text or second.report_to_text
    if first.review != second.review:
        first.review = Review.PROPOSED
    first.save()
    # Owners united: one row per unit (or unmapped name); a lead anywhere stays a lead.
    rows = {}
    for owner in list(first.owners.all()) + list(second.owners.all()):
        key = owner.unit_id or ("?", fold(owner.name))
        if key not in rows or (owner.role == Role.LEAD and rows[key].role != Role.LEAD):
            rows[key] = owner
    first.owners.all().delete()
    _copy_owners(first, rows.values())
    second.delete()
    _renumber([d for d in ordered if d.pk != second.pk])
    return first


@transaction.atomic
def split_directive(directive: Directive, at: int | None, *, by_sentence: bool = False,
                    user: User | None = None) -> tuple[Directive, Directive]:
    """Cut a directive in two at a character offset of its text (with ``by_sentence``, at the sentence boundary
    nearest it, or after the first sentence); both keep owners and deadline."""
    communique = _lock_draft(directive.communique_id)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    text = directive.text
    if by_sentence:
        cuts = [s for s, _ in split_sentences(text, 0, len(text))[1:]]
        if not cuts:
            raise ValidationError("Ý này chỉ có một câu: đặt con trỏ vào chỗ cần tách rồi bấm “Tách”.")
        at = cuts[0] if at is None else min(cuts, key=lambda c: abs(c - at))
    head, tail = text[:at].rstrip(), text[at:].lstrip()
    if not (0 < at < len(text)) or not head.strip() or not tail.strip():
        raise ValidationError(f"Vị trí tách phải nằm trong nội dung (từ 1 đến {max(len(text) - 1, 1)}) "
                              "và để lại chữ ở cả hai phần.")
    tail_start = at + (len(text[at:]) - len(tail))
    start, end = directive.start, directive.end
    unedited = start is not None and end is not None and communique.text[start:end] == text
    new_end_first = new_start_second = None
    if unedited:
        new_end_first, new_start_second = start + len(head), start + tail_start
    elif start is not None and end is not None:  # text was edited: cut the span in proportion
        cut = start + round((end - start) * at / len(text))
        new_end_first = new_start_second = cut
    ordered = _ordered(communique)
    index = next(i for i, d in enumerate(ordered) if d.pk == directive.pk)
    directive.text = head
    if new_end_first is not None:
        directive.end = new_end_first
    directive.save()
    second = Directive.objects.create(
        communique=communique, order=directive.order + 1, text=tail,
        start=new_start_second if new_start_second is not None else None,
        end=end if new_start_second is not None else None,
        report_to_text=directive.report_to_text, report_to_id=directive.report_to_id,
        deadline=directive.deadline, deadline_phrase=directive.deadline_phrase,
        deadline_source=directive.deadline_source, recurring=directive.recurring, review=directive.review,
    )
    _copy_owners(second, directive.owners.all())
    _renumber(ordered[: index + 1] + [second] + ordered[index + 1:])
    return directive, second


@transaction.atomic
def add_directive(communique: Communique, *, start: int, end: int, user: User | None = None,
                  expected_text: str | None = None) -> Directive:
    """A directive the extractor missed, from a span of the communiqué text the office selected.

    `expected_text` (what the browser showed as selected) guards against offsets that
    drifted: if the span does not hold it, the nearest occurrence is used, else it refuses.
    """
    communique = _lock_draft(communique.pk)
    source = communique.text
    start, end = int(start), int(end)
    if expected_text:
        expected = _clean_text(expected_text)
        if _squash(source[start:end]) != _squash(expected):
            found = _nearest(source, expected, start)
            if found is None:
                raise ValidationError("Đoạn văn bản đã chọn không khớp với nội dung thông báo; hãy chọn lại.")
            start, end = found
    if not (0 <= start < end <= len(source)):
        raise ValidationError("Vị trí đoạn văn bản đã chọn không hợp lệ.")
    raw = source[start:end]
    start += len(raw) - len(raw.lstrip())
    end -= len(raw) - len(raw.rstrip())
    if start >= end:
        raise ValidationError("Đoạn văn bản đã chọn chỉ có khoảng trắng.")
    text = source[start:end]
    directive = Directive.objects.create(communique=communique, text=text, start=start, end=end,
                                         review=Review.ACCEPTED)
    _fill_from_extractor(directive)
    ordered = sorted(_ordered(communique), key=lambda d: (
        d.start if d.start is not None else _order_anchor(d, communique), d.pk != directive.pk, d.order, d.pk))
    _renumber(ordered)
    directive.refresh_from_db()
    return directive


def _copy_owners(directive: Directive, owners) -> None:
    owners = list(owners)
    add_owners(directive, [(o.name, o.role, o.unit_id) for o in owners], known={o.unit_id for o in owners if o.unit_id})


def _squash(text: str) -> str:
    return " ".join(text.split())


def _nearest(source: str, expected: str, near: int) -> tuple[int, int] | None:
    hits, i = [], source.find(expected)
    while i != -1:
        hits.append(i)
        i = source.find(expected, i + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - near))
    return best, best + len(expected)


def _order_anchor(directive: Directive, communique: Communique) -> int:
    """Directives without a span keep roughly their place: before those that come later in order."""
    later = communique.directives.filter(order__gt=directive.order, start__isnull=False).order_by("order").first()
    return later.start if later else len(communique.text)


def _fill_from_extractor(directive: Directive) -> None:
    """Owners and deadline the resolver gives the selected span where it stands in the communiqué; a best
    effort."""
    try:
        p = propose_for_span(directive.communique.text, directive.start, directive.end)
    except Exception:  # noqa: BLE001 - the office fills these by hand then
        logger.warning("Extractor failed on a selected span", exc_info=True)
        return
    if p is None:
        return
    add_owners(directive, [(o.name, o.role, o.unit_id, describe(o.source), o.unit_type) for o in p.owners])
    if p.deadline:
        directive.deadline, directive.deadline_phrase = p.deadline, (p.deadline_phrase or "")[:255]
        directive.deadline_source = Directive.DeadlineSource.EXPLICIT if p.deadline_source == "explicit" else \
            Directive.DeadlineSource.INHERITED
        directive.deadline_evidence = describe(p.deadline_evidence)[:255]
    directive.recurring = bool(p.recurring)
    directive.report_to_text = (p.report_to or "")[:255]
    if p.report_to_unit_id and Unit.objects.filter(pk=p.report_to_unit_id).exists():
        directive.report_to_id = p.report_to_unit_id
    directive.save()


@transaction.atomic
def delete_directive(directive: Directive, *, user: User | None = None) -> None:
    """Drop a directive the office added by mistake (rejecting keeps a trace; this does not)."""
    communique = _lock_draft(directive.communique_id)
    directive.delete()
    _renumber(_ordered(communique))
