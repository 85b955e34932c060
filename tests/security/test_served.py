"""What a stranger and a user get from the server `scripts/run.sh` starts: production, not a debug server."""
import http.client
import re
import socket
import stat

import pytest

pytestmark = pytest.mark.services

SCRIPTED = b"<html><body><script>document.title='pwned'</script><p>THONG BAO SO 99-TB/TU</p>" \
           b"<p>Giao S\xe1\xbb\x9f Y t\xe1\xba\xbf ch\xe1\xbb\xa7 tr\xc3\xac ki\xe1\xbb\x83m tra.</p></body></html>"


@pytest.fixture(scope="module")
def html_source(served, tmp_path_factory):
    """An imported .html communiqué carrying a script: its id and stored file name."""
    path = tmp_path_factory.mktemp("html") / "thong-bao-co-script.html"
    path.write_bytes(SCRIPTED)
    served.manage("import_communiques", str(path), "--user", "vanphong")
    out = served.manage("shell", "-c", "from ingest.models import Communique as C; "
                        "c = C.objects.get(source_format='html'); print('FOUND', c.pk, c.source_file.name)")
    _, pk, name = next(line for line in out.splitlines() if line.startswith("FOUND")).split()
    return int(pk), name


def test_debug_is_off_and_errors_speak_vietnamese(served):
    status, _, body = served.browser().request("/khong-co-trang-nay/")
    text = body.decode()
    assert status == 404
    assert "Không tìm thấy" in text
    assert "URLconf" not in text and "Traceback" not in text and "DEBUG = True" not in text


def test_every_page_carries_a_content_security_policy(served, office):
    for browser, path in ((served.browser(), "/dang-nhap/"), (office, "/nhiem-vu/"), (office, "/thong-bao/"),
                          (office, "/quan-tri/")):
        status, headers, _ = browser.request(path)
        assert status == 200, path
        policy = headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, path
        assert "frame-ancestors 'none'" in policy
        assert headers.get("X-Content-Type-Options") == "nosniff"


def test_pages_style_sheets_are_served_by_whitenoise(served):
    _, _, page = served.browser().request("/dang-nhap/")
    sheets = re.findall(r'href="(/static/[^"]+\.css)"', page.decode())
    assert sheets
    for sheet in sheets:
        status, headers, _ = served.browser().request(sheet)
        assert status == 200 and headers["Content-Type"].startswith("text/css"), sheet


def test_anonymous_media_gets_nothing(served, html_source):
    _, name = html_source
    assert (served.var / "media" / name).exists()
    for path in (f"/media/{name}", "/media/", f"/thong-bao/{html_source[0]}/tep-goc/"):
        status, headers, body = served.browser().request(path)
        assert status in (302, 404), path
        assert b"pwned" not in body
        if status == 302:
            assert headers["Location"].startswith("/dang-nhap/")


def test_media_is_not_served_even_to_users(office, html_source):
    status, _, body = office.request(f"/media/{html_source[1]}")
    assert status == 404 and b"pwned" not in body


def test_html_source_is_a_download_never_rendered(office, html_source):
    pk, _ = html_source
    status, headers, body = office.request(f"/thong-bao/{pk}/tep-goc/")
    assert status == 200
    assert body == SCRIPTED  # the file as uploaded …
    assert headers["Content-Disposition"].startswith("attachment")  # … as a download,
    assert not headers["Content-Type"].startswith("text/html")  # never as a page,
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("sandbox")  # and sandboxed if opened anyway


def test_a_huge_anonymous_post_is_refused_before_it_is_read(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.putrequest("POST", "/dang-nhap/")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str(300 * 1024 * 1024))
    conn.endheaders()
    conn.send(b"username=a&password=" + b"x" * 1000)
    response = conn.getresponse()
    assert response.status == 413
    assert "quá lớn" in response.read().decode()
    conn.close()


def test_listens_on_loopback_only_with_its_own_secret_key(served):
    key = served.var / "secret_key"
    assert key.exists() and len(key.read_text()) >= 50
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except socket.gaierror:  # a machine whose name does not resolve: the bind check below still holds
        addresses = set()
    for address in addresses - {"127.0.0.1"}:
        if address.startswith("127."):
            continue
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((address, served.port)) != 0, f"reachable on {address}"
    assert "--bind 127.0.0.1" in " ".join(open(f"/proc/{pid}/cmdline").read().replace("\0", " ")
                                          for pid in _children(served.proc.pid))


def test_a_term_to_the_script_alone_stops_web_and_worker(served):
    """What a service manager or `kill PID` sends: the script stops gunicorn and Celery, nothing is left.

    Runs last in this module: it stops the package's server (no other module uses it).
    """
    import os
    import signal
    import time

    before = _children(served.proc.pid)
    assert len(before) >= 3, "gunicorn (master, worker) and Celery run under the script"
    os.kill(served.proc.pid, signal.SIGTERM)
    assert served.proc.wait(60) == 143
    deadline = time.monotonic() + 30
    while any(os.path.exists(f"/proc/{pid}") for pid in before) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert [pid for pid in before if os.path.exists(f"/proc/{pid}")] == []
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", served.port)) != 0
    assert "Đã dừng dondoc." in served.log.read_text()


def _children(pid: int) -> list[int]:
    """The processes under the run command, children's children included (gunicorn and Celery among them)."""
    import os

    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        kids = [child for child, parent in parents.items() if parent in frontier]
        found += kids
        frontier = kids
    return found
