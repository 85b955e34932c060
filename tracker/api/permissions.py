"""Who may call at all: a signed-in user, and a read-only token only reads. What they reach is access.py's."""
from rest_framework import exceptions, permissions

from tracker.models import ApiToken


class TokenScope(permissions.BasePermission):
    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token is not None and request.method not in permissions.SAFE_METHODS and not token.can_write:
            raise exceptions.PermissionDenied("Mã truy cập chỉ có quyền đọc.", code="token_read_only")
        return True
