"""Database sessions whose row is read joined to its user, their unit and the stamps: one statement (SESSION_ENGINE).

Every request reads its session, then its user (`tracker.auth`): on PostgreSQL each statement of a request costs
~0.3-0.5 ms more than its replay in a loop, and these two were a request's whole floor (2.0 ms against SQLite's
0.7). The session row (`tracker.models.Session`) keeps its user's id in a column of its own, written on every save,
so the one statement compiled once per process reads the session with what `auth.user_columns` reads of the user;
the user answers this request's `get_user` (`auth.prime_user`). Django still checks the session's hash against
the user's password and `is_active`; saving, renewal, expiry, `flush` (logout), rotation on login and
`clearsessions` are Django's own. An unknown or expired key gives no row, as Django's store does.
"""
import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from . import auth
from .statements import Statements, compile_marked, run_marked

# Stand for the parameters in the SQL compiled once (no session has this key, nor expires at that moment).
_KEY, _NOW = "\x00session-key", datetime.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=datetime.timezone.utc)
_SESSION_SQL = Statements(size=8)  # one a database alias, with and without the inbox counts
_SESSION_FIELDS = ("session_key", "session_data", "expire_date")


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def create_model_instance(self, data):
        """The row to save, its user's id from the session's data (None before sign-in)."""
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session

    def _compile(self, alias: str, page: bool):
        names, annotations = auth.user_columns("user__", page)
        qs = self.model.objects.using(alias).filter(session_key=_KEY, expire_date__gt=_NOW).values(
            *_SESSION_FIELDS, *names, **annotations)
        return compile_marked(qs, alias, [_KEY, self._expiry_param(_NOW, alias)])

    def _expiry_param(self, moment, alias: str):
        """`moment` as the ORM sends it for `expire_date` (SQLite: naive UTC text)."""
        return self.model._meta.get_field("expire_date").get_db_prep_value(moment, connections[alias])

    def _get_session_from_db(self):
        alias, page = router.db_for_read(self.model), auth.page_request()
        compiled = _SESSION_SQL.get((alias, page), lambda: self._compile(alias, page))
        if compiled is None:
            return super()._get_session_from_db()
        rows = run_marked(compiled, alias, (self.session_key, self._expiry_param(timezone.now(), alias)))
        if not rows:
            self._session_key = None  # as Django's: an unknown or expired key is dropped
            return None
        row = rows[0]
        user = auth.user_of_row(row, compiled.names, alias, "user__")
        if user is not None:
            auth.prime_user(user)
        return self.model(**{name: row[name] for name in _SESSION_FIELDS}, user_id=user and user.pk)
