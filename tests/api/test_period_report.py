"""The period report's figures as JSON: the report page's selector and scope, by role."""
import pytest

from .conftest import token_client


def unit_ids(body) -> set[int]:
    return {row["unit_id"] for group in body["groups"] for row in group["units"]}


@pytest.mark.django_db
def test_office_gets_every_units_figures_and_a_unit_only_its_own(office_user, staff_a, viewer, task_a, task_c):
    start, end = task_c.due_date.strftime("%d/%m/%Y"), task_a.due_date.strftime("%d/%m/%Y")
    period = f"range&start={start}&end={end}"
    office = token_client(office_user).get(f"/api/v1/reports/period/?period={period}")
    assert office.status_code == 200
    body = office.json()
    assert {task_a.lead_unit_id, task_c.lead_unit_id} <= unit_ids(body)
    assert body["period"]["start"] == task_c.due_date.isoformat() and "totals" in body and "columns" in body
    mine = token_client(staff_a).get(f"/api/v1/reports/period/?period={period}")
    assert mine.status_code == 200
    assert unit_ids(mine.json()) == {staff_a.unit_id}
    assert task_c.lead_unit_id not in unit_ids(mine.json())
    session = token_client(None)
    session.force_login(viewer)
    assert session.get(f"/api/v1/reports/period/?period={period}").status_code == 200


@pytest.mark.django_db
def test_another_units_report_is_404_and_bad_input_is_400(staff_a, task_c):
    client = token_client(staff_a)
    response = client.get(f"/api/v1/reports/period/?unit={task_c.lead_unit_id}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = client.get("/api/v1/reports/period/?period=range&start=01/01/2025")
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert token_client(None).get("/api/v1/reports/period/").status_code == 401
