"""Users belong to a unit and hold one role; tracker.policy decides what each role may see and change."""
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    class Role(models.TextChoices):
        OFFICE = "office", "Văn phòng (quản lý chung)"
        UNIT_HEAD = "unit_head", "Lãnh đạo đơn vị"
        UNIT_STAFF = "unit_staff", "Cán bộ đơn vị"
        VIEWER = "viewer", "Lãnh đạo (chỉ xem)"

    unit = models.ForeignKey(
        "tracker.Unit", verbose_name="đơn vị", null=True, blank=True,
        on_delete=models.PROTECT, related_name="users",
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.UNIT_STAFF)
    email_reminders = models.BooleanField(
        "nhận email nhắc hạn", default=True,
        help_text="Tắt để không nhận email nhắc hạn thường ngày (email đôn đốc vẫn gửi).",
    )
    must_change_password = models.BooleanField(
        "phải đổi mật khẩu", default=False,
        help_text="Mật khẩu do hệ thống tạo hoặc được đặt lại: người dùng phải đổi ở lần đăng nhập tới.",
    )
    inbox_seen_at = models.DateTimeField("xem việc chờ xử lý lần cuối", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
