"""The report's communiqué is typed (number, label or id), never listed: the archive's communiqués are not all rendered."""
import io
from datetime import date

import openpyxl
import pytest

from ingest.models import Communique, Directive
from tests.reports.conftest import at
from tracker import services

QUERY = {"period": "2026-Q3", "as_of": "05/10/2026"}


@pytest.fixture
def numbered(unit_a, unit_b):
    """15-TB/TU of 2021 and of 2025 (numbers repeat each term), 16-TB/TU, each with one task due in Q3 2026."""
    made = {}
    for key, number, day, unit in (("old", "15-TB/TU", date(2021, 3, 2), unit_a),
                                   ("new", "15-TB/TU", date(2025, 7, 1), unit_a),
                                   ("other", "16-TB/TU", date(2025, 8, 1), unit_b)):
        c = Communique.objects.create(number=number, title=f"Kết luận phiên {key}", meeting_date=day, text="Nội dung",
                                      content_hash=f"r-{key}", state=Communique.State.PUBLISHED)
        directive = Directive.objects.create(communique=c, order=0, text="Giao thực hiện.")
        services.create_task(title=f"Việc của phiên {key}", lead=unit, due_date=date(2026, 8, 31), directive=directive,
                             now=at(date(2026, 6, 15)))
        made[key] = c
    return made


def _titles(client, **params) -> set[str]:
    response = client.get("/bao-cao/tai-ve.xlsx", {**QUERY, **params})
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return {v for row in wb["Chi tiết"].iter_rows(min_row=4, values_only=True) for v in row
            if isinstance(v, str) and v.startswith("Việc của phiên")}


def test_report_scoped_by_typed_label_id_or_unique_number(client, office_user, numbered):
    client.force_login(office_user)
    assert _titles(client) == {"Việc của phiên old", "Việc của phiên new", "Việc của phiên other"}
    assert _titles(client, communique="15-TB/TU (01/07/2025)") == {"Việc của phiên new"}
    assert _titles(client, communique=str(numbered["old"].pk)) == {"Việc của phiên old"}
    assert _titles(client, communique="16-tb/tu") == {"Việc của phiên other"}


def test_report_page_names_the_chosen_communique_and_lists_no_others(client, office_user, numbered):
    client.force_login(office_user)
    html = client.get("/bao-cao/", {**QUERY, "communique": numbered["new"].pk}).content.decode()
    assert "Thông báo 15-TB/TU" in html
    assert 'value="15-TB/TU (01/07/2025)"' in html  # the id from a link shows as its label
    assert "16-TB/TU" not in html, html[html.find("16-TB/TU") - 300:html.find("16-TB/TU") + 30]
    assert 'data-suggest="/nhiem-vu/thong-bao-goi-y/"' in html


@pytest.mark.parametrize(("typed", "message"), [
    ("15-TB/TU", "khớp nhiều thông báo"),
    ("99-TB/TU", "Không tìm thấy thông báo “99-TB/TU”"),
])
def test_ambiguous_or_unknown_communique_gets_a_vietnamese_message(client, office_user, numbered, typed, message):
    client.force_login(office_user)
    response = client.get("/bao-cao/", {**QUERY, "communique": typed})
    assert response.status_code == 400
    assert message in response.content.decode()
