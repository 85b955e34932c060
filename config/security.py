"""Safe defaults shared by every settings module: the install's secret key, static files that
never 500, a request body limit, a forced password change, and downloads that never render."""
from __future__ import annotations

import mimetypes
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from whitenoise.storage import CompressedManifestStaticFilesStorage

# A served file never runs script or loads anything from the app's origin.
DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'"
# Types a browser would render (and run) if it ignored the attachment disposition.
ACTIVE_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml",
                "text/javascript", "application/javascript"}


def install_secret_key(var_dir: Path) -> str:
    """The install's own key: generated on first start, kept in var/secret_key (mode 600)."""
    path = Path(var_dir) / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of this install wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


class _Forgiving:
    """A file missing from the manifest (no node_modules, no collectstatic) gets its plain URL, not a 500."""

    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name


class StaticFilesStorage(_Forgiving, CompressedManifestStaticFilesStorage):
    """Each name's URL worked out once per process: the manifest is read once at start, and every page asks for
    the same few (an admin page for ~15) at ~15 µs each through it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple, str] = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)  # DEBUG serves the unhashed name
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = super().url(name, force)
        return url


class RequestBodyLimitMiddleware:
    """Refuse a body larger than the largest upload before anyone reads it (413, in Vietnamese).

    Anonymous visitors may only send a login form's worth.
    """

    ANONYMOUS_MAX = 64 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length and not request.user.is_authenticated:
            limit = min(limit, self.ANONYMOUS_MAX)
        if length > limit:
            body = render_to_string("413.html", {"limit_mb": max(limit // (1024 * 1024), 1)})
            response = HttpResponse(body, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A user with a generated or reset password changes it before using the app."""

    ALLOWED = ("password_change", "password_change_done", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                return redirect("password_change")
        return self.get_response(request)


def client_ip(request) -> str:
    """The client's address: the socket's, unless that is a trusted proxy; then the entry the
    proxies appended to X-Forwarded-For (the right-most hops are theirs, earlier ones the client's
    own and forgeable)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT or (1 if settings.TRUSTED_PROXIES else 0)
    if not count or (settings.TRUSTED_PROXIES and remote not in settings.TRUSTED_PROXIES):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    return hops[-count] if len(hops) >= count else remote


def download(fieldfile, filename: str | None) -> FileResponse:
    """A stored file as a download that no browser renders: attachment, nosniff, sandboxing CSP."""
    handle = fieldfile.open("rb")
    name = filename or Path(fieldfile.name).name
    guessed, _ = mimetypes.guess_type(name)
    content_type = "application/octet-stream" if not guessed or guessed in ACTIVE_TYPES else guessed
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response
