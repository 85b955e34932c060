"""Integration with other programs: personal API tokens, calendar feeds, and webhooks with their delivery log.

Webhook deliveries are an outbox like the email one (tracker.models.reminders):
one row per (webhook, event), claimed with a token and a lease, retried with
back-off, so an event is delivered at least once and never lost.
"""
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A personal token for programs; only its SHA-256 is stored, the token itself is shown once."""

    class Scope(models.TextChoices):
        READ = "read", "Chỉ đọc"
        READ_WRITE = "read_write", "Đọc và ghi"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("tiền tố", max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField("phạm vi", max_length=16, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField("hết hạn", null=True, blank=True)
    revoked = models.BooleanField("đã thu hồi", default=False)
    revoked_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.prefix}… ({self.name})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.revoked and not self.is_expired

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE


class CalendarFeed(models.Model):
    """A user's calendar (ICS) address: the key in the URL is the only credential, so it can be regenerated."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE,
                                related_name="calendar_feed")
    key = models.CharField(max_length=64, unique=True, editable=False)
    unit = models.ForeignKey("tracker.Unit", verbose_name="chỉ đơn vị", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             help_text="Văn phòng, lãnh đạo: để trống là mọi đơn vị.")
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "lịch hạn nhiệm vụ (ICS)"
        verbose_name_plural = "lịch hạn nhiệm vụ (ICS)"

    def __str__(self):
        return f"Lịch của {self.user}"


class Webhook(models.Model):
    """An address the office asks dondoc to notify of task events, with the secret that signs each payload."""

    class Event(models.TextChoices):
        TASK_CREATED = "task.created", "Giao nhiệm vụ mới"
        STATUS_CHANGED = "task.status_changed", "Đổi trạng thái nhiệm vụ"
        EXTENSION_DECIDED = "extension.decided", "Quyết định gia hạn"
        COMPLETION_CONFIRMED = "completion.confirmed", "Xác nhận hoàn thành"

    name = models.CharField("tên", max_length=100)
    url = models.URLField("địa chỉ nhận (URL)", max_length=500)
    secret = models.CharField("khoá ký (HMAC-SHA256)", max_length=128,
                              help_text="Bên nhận dùng khoá này để kiểm tra chữ ký X-Dondoc-Signature.")
    events = models.JSONField("sự kiện", default=list, blank=True,
                              help_text="Để trống: mọi sự kiện.")
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "webhook"
        verbose_name_plural = "webhook"
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} → {self.url}"

    def wants(self, event: str) -> bool:
        return not self.events or event in self.events


class WebhookDelivery(models.Model):
    """One event for one webhook: the delivery log the office reads in the admin."""

    class State(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Lỗi, không gửi lại"

    webhook = models.ForeignKey(Webhook, verbose_name="webhook", on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField("sự kiện", max_length=32, choices=Webhook.Event.choices)
    idempotency_key = models.UUIDField("khoá chống trùng", default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey("tracker.Task", verbose_name="nhiệm vụ", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    payload = models.JSONField("dữ liệu", default=dict)

    state = models.CharField("trạng thái", max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    next_attempt_at = models.DateTimeField("gửi từ", default=timezone.now)
    claim_token = models.CharField(max_length=32, blank=True, default="", editable=False)
    claimed_until = models.DateTimeField("giữ đến", null=True, blank=True, editable=False)
    response_status = models.PositiveSmallIntegerField("mã phản hồi", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    delivered_at = models.DateTimeField("thời điểm gửi được", null=True, blank=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "lần gửi webhook"
        verbose_name_plural = "nhật ký gửi webhook"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhook_claimable")]

    def __str__(self):
        return f"{self.get_event_display()} → {self.webhook.name} ({self.get_state_display()})"
