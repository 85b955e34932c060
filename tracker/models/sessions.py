"""Database sessions with the signed-in user's id in a column of their own (SESSION_ENGINE `tracker.sessions`)."""
from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class Session(AbstractBaseSession):
    """Django's session row plus its user (NULL before sign-in): a request reads its session joined to the user,
    their unit and the stamps in one statement (`tracker.sessions`). Deleting a user ends their sessions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")

    class Meta(AbstractBaseSession.Meta):
        db_table = "tracker_session"

    @classmethod
    def get_session_store_class(cls):
        from tracker.sessions import SessionStore

        return SessionStore
