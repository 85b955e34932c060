"""Writes for personal API tokens and calendar feeds: create (shown once), revoke, regenerate."""
import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tracker import policy
from tracker.models import ApiToken, CalendarFeed, Unit, User

TOKEN_PREFIX = "ddc_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user: User, *, name: str, scope: str = ApiToken.Scope.READ,
                 expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token and its plain text, which is never stored and never shown again."""
    if not name.strip():
        raise ValidationError("Vui lòng đặt tên gợi nhớ cho mã truy cập.")
    if scope not in ApiToken.Scope.values:
        raise ValidationError("Phạm vi không hợp lệ.")
    if scope == ApiToken.Scope.READ_WRITE and not policy.can_write(user):
        raise ValidationError("Tài khoản chỉ xem không được tạo mã có quyền ghi.")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError("Ngày hết hạn phải ở tương lai.")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=key[:12], key_hash=hash_key(key),
                                    scope=scope, expires_at=expires_at)
    return token, key


def revoke_token(token: ApiToken, user: User) -> ApiToken:
    """Only the token's owner revokes it (the office may revoke anyone's in the admin)."""
    if token.user_id != user.pk and not policy.can_confirm(user):
        raise ValidationError("Không tìm thấy mã truy cập.")
    ApiToken.objects.filter(pk=token.pk, revoked=False).update(revoked=True, revoked_at=timezone.now())
    token.refresh_from_db()
    return token


def token_for_key(key: str) -> ApiToken | None:
    if not key.startswith(TOKEN_PREFIX):
        return None
    return ApiToken.objects.select_related("user", "user__unit").filter(key_hash=hash_key(key)).first()


def touch(token: ApiToken) -> None:
    """Record use at most once a minute, so reads do not turn into a write per request."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


# --- calendar feed ------------------------------------------------------------------

def feed_for(user: User) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed or CalendarFeed.objects.create(user=user, key=secrets.token_urlsafe(32))


@transaction.atomic
def regenerate_feed(user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = feed_for(user)
    feed.key = secrets.token_urlsafe(32)
    feed.save(update_fields=["key"])
    return feed


def set_feed_unit(user: User, unit: Unit | None) -> CalendarFeed:
    """The office and leadership may narrow their feed to one unit; a unit's users always get their unit."""
    if unit is not None and not policy.can_view_all(user):
        raise ValidationError("Chỉ Văn phòng và lãnh đạo được chọn đơn vị cho lịch.")
    feed = feed_for(user)
    feed.unit = unit
    feed.save(update_fields=["unit"])
    return feed
