"""Communiqués, directives and owner rows are reached one way: 404 for missing and forbidden alike."""
import pytest
from django.http import Http404

from ingest import access, services
from tests.ingest.conftest import make_communique

pytestmark = pytest.mark.django_db


def _refusal(get, user, pk) -> str:
    with pytest.raises(Http404) as info:
        get(user, pk)
    return str(info.value)


def test_another_units_communique_is_as_missing_as_none(directory, staff_a, staff_b, office_user):
    c = make_communique(directives=[{"text": "a", "owners": [("A", "lead", directory["a"])]}])
    services.publish(c)
    directive = c.directives.get()
    owner = directive.owners.get()
    assert access.access_communique(staff_a, c.pk) == c
    assert access.access_directive(staff_a, directive.pk) == directive
    assert access.access_owner(office_user, owner.pk) == owner
    for get, pk in ((access.access_communique, c.pk), (access.access_directive, directive.pk),
                    (access.access_owner, owner.pk)):
        assert _refusal(get, staff_b, pk) == _refusal(get, staff_b, 999_999)
        assert _refusal(get, staff_b, "x") == _refusal(get, staff_b, 999_999)


def test_drafts_are_the_offices_only(directory, viewer, staff_a, office_user):
    draft = make_communique(directives=[{"text": "a", "owners": [("A", "lead", directory["a"])]}])
    assert access.access_communique(office_user, draft.pk) == draft
    for user in (viewer, staff_a):
        with pytest.raises(Http404):
            access.access_communique(user, draft.pk)
