"""Idle sessions expire after SESSION_COOKIE_AGE, renewed at most once per SESSION_RENEW_SECONDS.

SESSION_SAVE_EVERY_REQUEST would write the session row (and resend the cookie) on every page
view, reads included: a database write per request. Renewing every few minutes keeps the
idle timeout to within those minutes at a fraction of the writes.
"""
import time

from django.conf import settings

KEY = "_renewed"


class SessionRenewalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not session.get("_auth_user_id"):
            return response
        now = int(time.time())
        if now - session.get(KEY, 0) >= settings.SESSION_RENEW_SECONDS:
            session[KEY] = now  # modified: SessionMiddleware saves it with a fresh expiry
        return response
