"""The role ladder: what each role may do, asked the same way by selectors, services, views and pages."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.factories import UserFactory
from tracker import policy
from tracker.models import User

CHECKS = ("can_view_all", "can_view", "can_write", "can_review", "can_publish", "can_confirm")


def rights_of(user) -> dict[str, bool]:
    return {name: getattr(policy, name)(user) for name in CHECKS}


@pytest.mark.django_db
@pytest.mark.parametrize("role,expected", [
    (User.Role.OFFICE, dict.fromkeys(CHECKS, True)),
    (User.Role.VIEWER, {**dict.fromkeys(CHECKS, False), "can_view_all": True, "can_view": True}),
    (User.Role.UNIT_HEAD, {**dict.fromkeys(CHECKS, False), "can_view": True, "can_write": True}),
    (User.Role.UNIT_STAFF, {**dict.fromkeys(CHECKS, False), "can_view": True, "can_write": True}),
])
def test_each_rung_of_the_ladder(role, expected, unit_a):
    assert rights_of(UserFactory(role=role, unit=unit_a)) == expected


@pytest.mark.django_db
def test_superuser_stands_with_the_office_and_strangers_get_nothing(unit_a):
    assert rights_of(UserFactory(role=User.Role.UNIT_STAFF, unit=unit_a, is_superuser=True)) == \
        dict.fromkeys(CHECKS, True)
    assert rights_of(UserFactory(role=User.Role.UNIT_STAFF, unit=None)) == {
        **dict.fromkeys(CHECKS, False), "can_write": True}  # a unit staff member with no unit sees nothing
    assert rights_of(AnonymousUser()) == dict.fromkeys(CHECKS, False)


@pytest.mark.django_db
def test_pages_show_what_the_policy_allows(client, office_user, viewer, staff_a):
    for user, sees_import, sees_dashboard in ((office_user, True, True), (viewer, False, True),
                                              (staff_a, False, False)):
        client.force_login(user)
        response = client.get(reverse("tracker:task_list"))
        assert response.context["can"] == policy.for_templates(user)
        html = response.content.decode()
        assert (reverse("ingest:import") in html) == sees_import, user.role
        assert (reverse("tracker:dashboard") in html) == sees_dashboard, user.role
