"""Review edits through the services: edit, reject, merge, split, add by span, map owners."""
from datetime import date
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from ingest import selectors, services
from ingest.models import Communique, Directive, DirectiveOwner
from ingest.services import OwnerInput
from tests.ingest.conftest import make_communique, variant
from tracker.models import UnitAlias

pytestmark = pytest.mark.django_db

TEXT = ("Ban Thường vụ kết luận:\n"
        "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát quy hoạch cán bộ.\n"
        "2. Sở Y tế chủ trì phòng, chống dịch.\n"
        "3. Các cơ quan liên quan thực hiện nghiêm chế độ báo cáo.\n")
D1 = "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát quy hoạch cán bộ."
D2 = "2. Sở Y tế chủ trì phòng, chống dịch."
MISSED = "3. Các cơ quan liên quan thực hiện nghiêm chế độ báo cáo."


@pytest.fixture
def communique(directory):
    a, b = directory["a"], directory["b"]
    return make_communique(TEXT, directives=[
        {"text": D1, "owners": [("Ban Tổ chức Tỉnh ủy", "lead", a)], "deadline": date(2025, 6, 30),
         "deadline_phrase": "trước ngày 30/6/2025", "deadline_source": "explicit"},
        {"text": D2, "owners": [("Sở Y tế", "lead", b), ("Ban Dân vận", "support", None)]},
    ])


def _directives(c):
    return list(c.directives.order_by("order"))


def test_update_directive(communique, directory):
    d1 = _directives(communique)[0]
    services.update_directive(
        d1, text="  Rà soát quy hoạch cán bộ\r\nnhiệm kỳ tới. ", report_to=directory["office"],
        deadline=date(2025, 9, 30), deadline_phrase="quý III/2025", recurring=True,
        owners=[OwnerInput("Sở Y tế", "lead", directory["b"]), OwnerInput("Ban Tổ chức", "support", directory["a"])],
    )
    d1.refresh_from_db()
    assert d1.text == "Rà soát quy hoạch cán bộ\nnhiệm kỳ tới."
    assert d1.report_to == directory["office"]
    assert d1.deadline == date(2025, 9, 30)
    assert d1.deadline_source == Directive.DeadlineSource.MANUAL
    assert d1.deadline_phrase == "quý III/2025"
    assert d1.recurring is True
    assert [(o.unit, o.role) for o in d1.owners.all()] == [(directory["b"], "lead"), (directory["a"], "support")]


def test_update_refuses_empty_text(communique):
    d1 = _directives(communique)[0]
    with pytest.raises(ValidationError):
        services.update_directive(d1, text="  \n ")
    d1.refresh_from_db()
    assert d1.text == D1


def test_reject_and_restore(communique):
    d2 = _directives(communique)[1]
    services.set_review(d2, Directive.Review.REJECTED)
    d2.refresh_from_db()
    assert d2.review == Directive.Review.REJECTED
    services.set_review(d2, Directive.Review.PROPOSED)
    d2.refresh_from_db()
    assert d2.review == Directive.Review.PROPOSED
    with pytest.raises(ValidationError):
        services.set_review(d2, "maybe")


def test_merge_with_next(communique, directory):
    d1, d2 = _directives(communique)
    merged = services.merge_with_next(d1)
    assert list(communique.directives.all()) == [merged]
    assert merged.text == f"{D1} {D2}"
    assert merged.start == TEXT.index(D1)
    assert merged.end == TEXT.index(D2) + len(D2)
    assert merged.deadline == date(2025, 6, 30)
    owners = {(o.name, o.unit_id, o.role) for o in merged.owners.all()}
    assert owners == {("Ban Tổ chức Tỉnh ủy", directory["a"].pk, "lead"), ("Sở Y tế", directory["b"].pk, "lead"),
                      ("Ban Dân vận", None, "support")}
    with pytest.raises(ValidationError):
        services.merge_with_next(merged)  # nothing after it


def test_split(communique, directory):
    d1 = _directives(communique)[0]
    at = D1.index("rà soát")
    first, second = services.split_directive(d1, at)
    assert first.text == "1. Ban Tổ chức Tỉnh ủy chủ trì"
    assert second.text == "rà soát quy hoạch cán bộ."
    assert TEXT[first.start:first.end] == first.text
    assert TEXT[second.start:second.end] == second.text
    assert [d.pk for d in _directives(communique)] == [first.pk, second.pk, _directives(communique)[2].pk]
    assert [o.unit for o in second.owners.all()] == [directory["a"]]
    assert second.deadline == date(2025, 6, 30)


@pytest.mark.parametrize("at", [0, -3, len(D1), 10_000, 2])
def test_split_refuses_bad_offsets(communique, at):
    d1 = _directives(communique)[0]
    if at == 2:  # leaves only "1." on the left: allowed (text on both sides)
        first, second = services.split_directive(d1, at)
        assert first.text == "1." and second.text.startswith("Ban Tổ chức")
        return
    with pytest.raises(ValidationError):
        services.split_directive(d1, at)
    assert communique.directives.count() == 2


def test_add_directive_from_span(communique):
    start = TEXT.index(MISSED)
    end = start + len(MISSED)
    added = services.add_directive(communique, start=start - 1, end=end + 1)  # selection with the line breaks
    assert added.text == MISSED == communique.text[added.start:added.end]
    assert (added.start, added.end) == (start, end)
    assert added.review == Directive.Review.ACCEPTED
    assert _directives(communique)[-1] == added  # placed where it stands in the text


def test_add_directive_in_the_middle_keeps_reading_order(communique):
    start = TEXT.index("Ban Thường vụ")
    added = services.add_directive(communique, start=start, end=start + len("Ban Thường vụ kết luận:"))
    assert _directives(communique)[0] == added


def test_add_directive_uses_selected_text_when_offsets_drift(communique):
    start = TEXT.index(MISSED)
    added = services.add_directive(communique, start=start - 5, end=start + len(MISSED) - 5, expected_text=MISSED)
    assert added.text == MISSED
    with pytest.raises(ValidationError):
        services.add_directive(communique, start=0, end=5, expected_text="không có trong văn bản")


@pytest.mark.parametrize("start, end", [(5, 5), (10, 3), (0, len(TEXT) + 1), (-1, 4)])
def test_add_directive_refuses_bad_spans(communique, start, end):
    with pytest.raises(ValidationError):
        services.add_directive(communique, start=start, end=end)
    assert communique.directives.count() == 2


def test_map_owner_maps_every_same_mention_and_remembers(communique, directory):
    d1, d2 = _directives(communique)
    other = DirectiveOwner.objects.create(directive=d1, name="ban dân vận", role="support")
    mention = d2.owners.get(unit__isnull=True)
    count = services.map_owner(mention, directory["office"], remember=True)
    assert count == 2
    other.refresh_from_db()
    assert other.unit == directory["office"]
    alias = UnitAlias.objects.get(unit=directory["office"])
    assert alias.name == "Ban Dân vận"


def test_remembered_alias_resolves_on_next_import(sample_text, directory, media):
    first = services.import_document(data=None, filename="", pasted=sample_text, user=None)
    mention = DirectiveOwner.objects.filter(directive__communique=first, unit__isnull=True,
                                            name__icontains="Dân vận").first()
    assert mention is not None, "the sample's unknown unit should be proposed unmapped"
    services.map_owner(mention, directory["office"], remember=True)
    second = services.import_document(data=None, filename="", pasted=variant(sample_text, "200"), user=None)
    again = DirectiveOwner.objects.filter(directive__communique=second, name__icontains="Dân vận").get()
    assert again.unit == directory["office"]


def test_edits_refused_once_published(communique, directory):
    Communique.objects.filter(pk=communique.pk).update(state=Communique.State.PUBLISHED)
    d1, d2 = _directives(communique)
    for call in (lambda: services.update_directive(d1, text="x"),
                 lambda: services.set_review(d1, "rejected"),
                 lambda: services.merge_with_next(d1),
                 lambda: services.split_directive(d1, 3),
                 lambda: services.add_directive(communique, start=0, end=4),
                 lambda: services.map_owner(d2.owners.get(unit__isnull=True), directory["a"])):
        with pytest.raises(ValidationError):
            call()
    d1.refresh_from_db()
    assert d1.text == D1 and d1.review == Directive.Review.PROPOSED


# --- the highlighted source text -----------------------------------------------------------------

class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.marks = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.marks.append((dict(attrs)["id"], sum(len(p) for p in self.parts)))

    def handle_data(self, data):
        self.parts.append(data)


def test_highlight_escapes_and_marks_at_offsets():
    text = 'Mở đầu <script>alert("x")</script>\r\n1. Ý một & hai.\n2. Ý <b>hai</b>.\n'
    one, two = "1. Ý một & hai.", "2. Ý <b>hai</b>."
    c = make_communique(text, directives=[{"text": one}, {"text": two}])
    html = selectors.highlighted_text(c)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    parser = _Text()
    parser.feed(html)
    assert "".join(parser.parts) == text  # the text nodes spell the stored text, CR included
    d1, d2 = _directives(c)
    assert parser.marks == [(f"d-{d1.pk}", text.index(one)), (f"d-{d2.pk}", text.index(two))]


def test_highlight_clips_overlaps_and_skips_bad_spans():
    text = "abcdefghij"
    c = make_communique(text, directives=[{"text": "bcdef", "start": 1, "end": 6},
                                          {"text": "efgh", "start": 4, "end": 8},
                                          {"text": "zz", "start": 8, "end": 99}])
    html = selectors.highlighted_text(c)
    parser = _Text()
    parser.feed(html)
    assert "".join(parser.parts) == text
    assert len(parser.marks) == 2
    assert html.count("<mark") == 2
