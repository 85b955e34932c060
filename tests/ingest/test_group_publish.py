"""A directive owned by a group: the review page says how many tasks it makes, publishing makes exactly those."""
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ingest import services
from ingest.models import Communique
from ingest.services import publication
from tests.ingest.conftest import make_communique
from tracker.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(directory, group):
    return make_communique(directives=[
        {"text": "Các huyện ủy quán triệt nghị quyết.", "owners": [("Các huyện ủy", "lead", group)]},
        {"text": "Các huyện ủy báo cáo kết quả.", "owners": [("Các huyện ủy", "lead", group),
                                                           ("Sở Y tế", "support", directory["b"])]},
    ])


def _counts_on_review(client, draft):
    page = client.get(reverse("ingest:review", args=[draft.pk]))
    return [card["task_count"] for card in page.context["cards"]], page.content.decode()


def test_review_shows_the_task_count_and_publishing_creates_exactly_those(client, office_user, draft, group):
    client.force_login(office_user)
    counts, html = _counts_on_review(client, draft)
    assert counts == [2, 2] and "→ 2 nhiệm vụ" in html and "một nhiệm vụ cho cả nhóm" in html  # 2 active members

    second = draft.directives.order_by("order")[1]
    owners = [services.OwnerInput(name=o.name, role=o.role, unit=o.unit, as_group=o.unit == group)
              for o in second.owners.all()]
    services.update_directive(second, user=office_user, owners=owners)
    counts, html = _counts_on_review(client, draft)
    assert counts == [2, 1] and "Ban hành 3 nhiệm vụ" in html

    tasks = services.publish(draft, office_user)
    assert len(tasks) == Task.objects.count() == 3
    (whole,) = [t for t in tasks if t.directive == second]
    assert whole.lead_unit == group and whole.assignments.count() == 2  # the group leads, Sở Y tế supports


def test_the_review_form_sets_one_task_for_the_group(client, office_user, draft, group):
    client.force_login(office_user)
    first = draft.directives.order_by("order")[0]
    owner = first.owners.get()
    prefix = f"d{first.pk}"
    response = client.post(reverse("ingest:directive_update", args=[first.pk]), {
        f"{prefix}-text": first.text, f"{prefix}-o{owner.pk}_unit": group.name,
        f"{prefix}-o{owner.pk}_role": "lead", f"{prefix}-o{owner.pk}_as_group": "on", f"{prefix}-new_role": "lead",
    })
    assert response.status_code == 302, response.content.decode()[:500]
    owner = first.owners.get()
    assert owner.as_group and owner.unit == group
    assert _counts_on_review(client, draft)[0] == [1, 2]


def test_publishing_a_group_is_one_transaction(office_user, draft):
    real = publication.create_task
    calls = []

    def fail_on_third(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValidationError("mất kết nối")
        return real(**kwargs)

    with mock.patch.object(publication, "create_task", side_effect=fail_on_third), pytest.raises(ValidationError):
        services.publish(draft, office_user)
    assert not Task.objects.exists()
    draft.refresh_from_db()
    assert draft.state == Communique.State.DRAFT
