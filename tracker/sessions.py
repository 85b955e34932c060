"""Django's database sessions, the session's row read by SQL compiled once per process (SESSION_ENGINE).

Every request reads its session; building and compiling `Session.objects.get(session_key=…, expire_date__gt=now)`
cost ~0.2 ms of Python each time, for a statement that never changes. The same statement, the same parameters
(the key, now as the expiry column stores it), the same answer; saving, expiry, `flush` and `clearsessions` are
Django's own.
"""
import datetime

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from .statements import Statements, compile_marked, run_marked

# Stand for the parameters in the SQL compiled once (no session has this key, nor expires at that moment).
_KEY, _NOW = "\x00session-key", datetime.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=datetime.timezone.utc)
_SESSION_SQL = Statements(size=4)  # one a database alias


class SessionStore(db.SessionStore):
    def _compile(self, alias: str):
        qs = self.model.objects.using(alias).filter(session_key=_KEY, expire_date__gt=_NOW).values(
            "session_key", "session_data", "expire_date")
        return compile_marked(qs, alias, [_KEY, self._expiry_param(_NOW, alias)])

    def _expiry_param(self, moment, alias: str):
        """`moment` as the ORM sends it for `expire_date` (SQLite: naive UTC text)."""
        return self.model._meta.get_field("expire_date").get_db_prep_value(moment, connections[alias])

    def _get_session_from_db(self):
        alias = router.db_for_read(self.model)
        compiled = _SESSION_SQL.get(alias, lambda: self._compile(alias))
        if compiled is None:
            return super()._get_session_from_db()
        rows = run_marked(compiled, alias, (self.session_key, self._expiry_param(timezone.now(), alias)))
        if not rows:
            self._session_key = None  # as Django's: an unknown or expired key is dropped
            return None
        return self.model(**rows[0])
