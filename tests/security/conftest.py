"""The run command's real server: `scripts/run.sh` (gunicorn + whitenoise, Celery beside it) on a
free loopback port, with its own data folder, seeded as a new office would be."""
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.reminders.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "Khoi-Dau-2026-x"  # set by the environment, as an office may; changed at first login
NEW_PASSWORD = "Mat-Khau-Moi-7391"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client that shows redirects instead of following them."""

    def __init__(self, base: str):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + "/", **(headers or {})})
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def post_form(self, path: str, data: dict):
        """GET the form for its CSRF token, then POST it."""
        status, _, page = self.request(path)
        assert status == 200, (path, status)
        token = CSRF.search(page.decode()).group(1)
        return self.request(path, {"csrfmiddlewaretoken": token, **data})

    def login(self, username: str, password: str):
        return self.post_form("/dang-nhap/", {"username": username, "password": password})


class Served:
    def __init__(self, var: Path, port: int, env: dict, log: Path):
        self.var, self.port, self.env, self.log = var, port, env, log
        self.base = f"http://127.0.0.1:{port}"
        self.proc = None

    def manage(self, *args: str) -> str:
        result = subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode in (0, 1), result.stderr
        return result.stdout

    def browser(self) -> Browser:
        return Browser(self.base)


@pytest.fixture(scope="package")
def served(tmp_path_factory):
    var = tmp_path_factory.mktemp("served-var")
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_", "DONDOC_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.local", "DONDOC_VAR_DIR": str(var), "PORT": str(port),
                "DEMO_PASSWORD": DEMO_PASSWORD, "WEB_CONCURRENCY": "1", "PYTHONUNBUFFERED": "1"})
    log = var / "run.log"
    server = Served(var, port, env, log)
    with open(log, "wb") as out:
        server.proc = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.proc.poll() is not None:
                raise RuntimeError("scripts/run.sh exited:\n" + log.read_text(errors="replace")[-3000:])
            try:
                status, _, _ = server.browser().request("/dang-nhap/")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not come up:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.5)
        yield server
    finally:
        if server.proc.poll() is None:
            os.killpg(server.proc.pid, signal.SIGTERM)
            try:
                server.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.proc.pid, signal.SIGKILL)
                server.proc.wait(10)


@pytest.fixture(scope="package")
def office(served):
    """The demo office login, its first-login password change done."""
    browser = served.browser()
    status, headers, _ = browser.login("vanphong", DEMO_PASSWORD)
    assert status == 302
    status, headers, _ = browser.request("/nhiem-vu/")
    assert status == 302 and headers["Location"].startswith("/doi-mat-khau/"), "a generated password must be changed"
    status, headers, body = browser.post_form("/doi-mat-khau/", {
        "old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert status == 302, body.decode(errors="replace")[:2000]
    return browser
