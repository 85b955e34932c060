"""Reminders: the office's policy, the daily sweeps, what each sweep found, and the email outbox.

The outbox is the log: one row per email to one recipient, unique per
(kind, recipient, local date, ref), so a sweep or an event that runs twice
cannot queue the same email twice. Sending claims rows, sends, and marks them.
"""
from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def _parse_days(text: str) -> list[int]:
    try:
        days = sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()}, reverse=True)
    except ValueError:
        raise ValidationError("Các mốc nhắc trước hạn phải là số ngày, cách nhau bởi dấu phẩy (vd. 7,3,1,0).") from None
    if any(d < 0 or d > 365 for d in days):
        raise ValidationError("Mốc nhắc trước hạn phải từ 0 đến 365 ngày.")
    return days


class ReminderPolicy(models.Model):
    """The office-wide defaults (one row, pk=1); units may override some values."""

    enabled = models.BooleanField("gửi nhắc hạn tự động", default=True)
    days_before = models.CharField(
        "nhắc trước hạn (ngày)", max_length=64, default="7,3,1,0",
        help_text="Các mốc trước hạn, cách nhau bởi dấu phẩy; 0 là đúng ngày đến hạn.",
    )
    overdue_every_days = models.PositiveSmallIntegerField(
        "nhắc quá hạn mỗi (ngày)", default=3,
        help_text="Nhắc ngay ngày đầu quá hạn, rồi cứ mỗi chừng ấy ngày khi nhiệm vụ chưa xong; 0 là không nhắc.",
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        "đôn đốc khi quá hạn (ngày)", default=7,
        help_text="Gửi email đôn đốc, yêu cầu giải trình, tới thủ trưởng đơn vị chủ trì (đồng gửi Văn phòng); "
                  "0 là không gửi.",
    )
    escalate_every_days = models.PositiveSmallIntegerField(
        "nhắc lại đôn đốc mỗi (ngày)", default=7, help_text="0 là chỉ đôn đốc một lần.",
    )
    stale_after_days = models.PositiveSmallIntegerField(
        "quá hạn lâu sau (ngày)", default=60,
        help_text="Nhiệm vụ quá hạn chừng ấy ngày được đôn đốc một lần cuối, rồi thôi nhắc và đôn đốc hằng ngày: "
                  "Văn phòng nhận danh sách các nhiệm vụ này trong báo cáo đầu mỗi tháng. 0 là không áp dụng.",
    )
    send_time = models.TimeField("giờ gửi (giờ Việt Nam)", default=time(7, 30))
    catch_up_days = models.PositiveSmallIntegerField(
        "bù tối đa (ngày)", default=7,
        help_text="Nếu hệ thống ngừng vài ngày, lần quét sau bù các mốc nhắc của tối đa chừng ấy ngày.",
    )
    report_recipients = models.TextField(
        "nhận báo cáo hằng tháng", blank=True,
        help_text="Các địa chỉ email nhận báo cáo tình hình thực hiện tháng trước (tệp Excel và Word), "
                  "mỗi dòng hoặc cách nhau bởi dấu phẩy; để trống là không gửi.",
    )
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "chính sách nhắc hạn"
        verbose_name_plural = "chính sách nhắc hạn"

    def __str__(self):
        return "Chính sách nhắc hạn chung"

    def clean(self):
        _parse_days(self.days_before)
        from django.core.validators import validate_email

        for address in self.report_recipient_list:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError({"report_recipients": f"Địa chỉ email “{address}” không hợp lệ."}) from None

    @property
    def report_recipient_list(self) -> list[str]:
        return [a.strip() for a in self.report_recipients.replace(";", ",").replace("\n", ",").split(",")
                if a.strip()]

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "ReminderPolicy":
        policy = cls.objects.filter(pk=1).first()
        return policy or cls(pk=1)

    @property
    def days_before_list(self) -> list[int]:
        return _parse_days(self.days_before)


class UnitReminderPolicy(models.Model):
    """A unit's own values; an empty field means the office default."""

    unit = models.OneToOneField(
        "tracker.Unit", verbose_name="đơn vị", on_delete=models.CASCADE, related_name="reminder_policy",
    )
    enabled = models.BooleanField("gửi nhắc hạn", default=True)
    days_before = models.CharField("nhắc trước hạn (ngày)", max_length=64, blank=True,
                                   help_text="Để trống: theo chính sách chung.")
    overdue_every_days = models.PositiveSmallIntegerField("nhắc quá hạn mỗi (ngày)", null=True, blank=True)
    escalate_after_days = models.PositiveSmallIntegerField("đôn đốc khi quá hạn (ngày)", null=True, blank=True)
    escalate_every_days = models.PositiveSmallIntegerField("nhắc lại đôn đốc mỗi (ngày)", null=True, blank=True)

    class Meta:
        verbose_name = "chính sách nhắc hạn riêng của đơn vị"
        verbose_name_plural = "chính sách nhắc hạn riêng của đơn vị"
        ordering = ["unit__name"]

    def __str__(self):
        return f"Nhắc hạn – {self.unit}"

    def clean(self):
        if self.days_before:
            _parse_days(self.days_before)

    @property
    def days_before_list(self) -> list[int]:
        return _parse_days(self.days_before)


class ReminderSweep(models.Model):
    """One daily sweep; its date is unique, so a date is swept once. `covers_from` < date when it caught up."""

    local_date = models.DateField("ngày quét", unique=True)
    covers_from = models.DateField("bù từ ngày")
    started_at = models.DateTimeField("thời điểm chạy", default=timezone.now)
    items = models.PositiveIntegerField("số mục nhắc", default=0)
    messages = models.PositiveIntegerField("số email", default=0)
    rolled = models.PositiveIntegerField("nhiệm vụ định kỳ chuyển kỳ", default=0)

    class Meta:
        verbose_name = "lần quét nhắc hạn"
        verbose_name_plural = "các lần quét nhắc hạn"
        ordering = ["-local_date"]

    def __str__(self):
        return f"Quét ngày {self.local_date:%d/%m/%Y}"


class ReminderItem(models.Model):
    """A task a unit is reminded of (or escalated for) on a local date; digests are built from these."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Nhắc hạn"
        ESCALATION = "escalation", "Đôn đốc"

    local_date = models.DateField("ngày")
    unit = models.ForeignKey("tracker.Unit", verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey("tracker.Task", verbose_name="nhiệm vụ", on_delete=models.CASCADE,
                             related_name="reminder_items")
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    role = models.CharField("vai trò", max_length=8)
    due_date = models.DateField("hạn khi quét")

    class Meta:
        verbose_name = "mục nhắc hạn"
        verbose_name_plural = "mục nhắc hạn"
        constraints = [
            models.UniqueConstraint(fields=["local_date", "unit", "task", "kind"], name="reminder_item_once"),
        ]
        indexes = [models.Index(fields=["local_date", "kind", "unit"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.task_id} – {self.unit_id} ({self.local_date:%d/%m/%Y})"


class OutboxMessage(models.Model):
    """One email to one recipient: the reminder log the office reads in the admin."""

    class Kind(models.TextChoices):
        DIGEST = "digest", "Nhắc hạn hằng ngày"
        ESCALATION = "escalation", "Đôn đốc, yêu cầu giải trình"
        ASSIGNED = "assigned", "Giao nhiệm vụ"
        EXTENSION = "extension", "Kết quả đề nghị gia hạn"
        COMPLETION = "completion", "Xác nhận/trả lại hoàn thành"
        LONG_OVERDUE = "long_overdue", "Báo cáo tháng: nhiệm vụ quá hạn lâu"
        EXTENSION_REQUESTED = "ext_request", "Đơn vị đề nghị gia hạn (gửi Văn phòng)"
        COMPLETION_REPORTED = "done_report", "Đơn vị báo cáo hoàn thành (gửi Văn phòng)"
        MONTHLY_REPORT = "month_report", "Báo cáo tình hình thực hiện hằng tháng"

    class State(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENDING = "sending", "Đang gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Lỗi, không gửi lại"
        SKIPPED = "skipped", "Bỏ qua (không còn nội dung)"

    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    recipient = models.EmailField("người nhận", max_length=254)
    cc = models.CharField("đồng gửi", max_length=254, blank=True)
    local_date = models.DateField("ngày", db_index=True)
    ref = models.CharField("khoá", max_length=64, blank=True, default="",
                           help_text="Phân biệt các email cùng loại, cùng người nhận, cùng ngày.")
    task = models.ForeignKey("tracker.Task", verbose_name="nhiệm vụ", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("tracker.Unit", verbose_name="đơn vị", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người dùng nhận", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    unit_ids = models.JSONField("các đơn vị", default=list, blank=True)
    payload = models.JSONField("dữ liệu", default=dict, blank=True)

    state = models.CharField("trạng thái", max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    next_attempt_at = models.DateTimeField("gửi từ", default=timezone.now)
    claim_token = models.CharField(max_length=32, blank=True, default="", editable=False)
    claimed_until = models.DateTimeField("giữ đến", null=True, blank=True, editable=False)
    sent_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    message_id = models.CharField("Message-ID", max_length=255, blank=True)
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "email nhắc hạn"
        verbose_name_plural = "nhật ký email nhắc hạn"
        ordering = ["-local_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "local_date", "ref"], name="outbox_once"),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_claimable")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.local_date:%d/%m/%Y})"
