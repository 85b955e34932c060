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


@pytest.mark.django_db
def test_browsable_api_has_no_inline_script_the_csp_would_block(client, office_user, task_a):
    """Every <script> on DRF's pages is a file from our static files or an inert JSON data block, so the
    site's CSP (script-src 'self') needs neither a nonce nor 'unsafe-inline' (the browser test runs them)."""
    import re

    client.force_login(office_user)
    for path in ("/api/v1/", "/api/v1/tasks/", f"/api/v1/tasks/{task_a.pk}/"):
        response = client.get(path, HTTP_ACCEPT="text/html")
        assert response["Content-Type"].startswith("text/html")
        assert "script-src 'self'" in response["Content-Security-Policy"]
        tags = re.findall(r"<script\b([^>]*)>", response.content.decode())
        assert tags, path
        inline = [t for t in tags if "src=" not in t and 'type="application/json"' not in t]
        assert inline == [], path
        assert not re.search(r"\son[a-z]+=\"", response.content.decode()), path  # no inline event handlers
