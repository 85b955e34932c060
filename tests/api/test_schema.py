"""The OpenAPI schema builds without a single warning and validates (CI runs this with the suite)."""
import pytest
import yaml
from django.core.management import call_command


@pytest.mark.django_db
def test_schema_generates_without_warnings_and_validates(tmp_path, capsys):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))  # raises on any warning
    assert "Warning" not in capsys.readouterr().err
    schema = yaml.safe_load(out.read_text(encoding="utf-8"))
    paths = schema["paths"]
    for path in ("/api/v1/tasks/", "/api/v1/tasks/{id}/", "/api/v1/tasks/{id}/report/", "/api/v1/communiques/",
                 "/api/v1/communiques/{id}/publish/", "/api/v1/units/", "/api/v1/reports/{id}/attachment/"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/tasks/"]["get"]["parameters"]}
    assert {"q", "status", "timeliness", "unit", "role", "communique", "due_after", "sort", "page"} <= params
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    # A stale version is documented as a 409 wherever a version is sent.
    assert "409" in paths["/api/v1/tasks/{id}/"]["patch"]["responses"]
    assert "409" in paths["/api/v1/tasks/{id}/confirm/"]["post"]["responses"]
    assert "version" in schema["components"]["schemas"]["PatchedTaskEditInputRequest"]["properties"]


@pytest.mark.django_db
def test_schema_is_served(client, staff_a):
    assert client.get("/api/v1/schema/").status_code == 401
    client.force_login(staff_a)
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"openapi: 3" in response.content


@pytest.mark.django_db
def test_docs_page_loads_its_scripts_from_our_static_files(client, staff_a):
    client.force_login(staff_a)
    page = client.get("/api/v1/schema/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn." not in page and "unpkg" not in page
