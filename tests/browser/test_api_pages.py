"""The API's pages for people (DRF's browsable API, the Swagger docs) run under the site's CSP as it is
(script-src 'self', no 'unsafe-inline'): their scripts load and run, and Chromium reports no violation."""
import pytest

from tracker import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WATCH = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
         "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def test_browsable_api_and_docs_run_their_scripts_without_a_csp_violation(page, login, office_user, unit_a):
    task = services.create_task(title="Rà soát quy hoạch cán bộ", lead=unit_a)
    page.add_init_script(WATCH)
    login(office_user.username)
    for path in ("/api/v1/", "/api/v1/tasks/", f"/api/v1/tasks/{task.pk}/"):
        response = page.goto(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert response.headers["content-type"].startswith("text/html")
        assert page.evaluate("typeof window.jQuery") == "function", path  # DRF's scripts loaded
        assert page.locator(".prettyprint span").count() > 0, path  # and ran (the JSON is highlighted)
        assert page.evaluate("window.__csp") == [], path
    page.goto("/api/v1/schema/docs/")
    page.wait_for_selector(".swagger-ui .info .title")  # Swagger UI built the page from the schema
    assert page.evaluate("window.__csp") == []
