"""Tasks: one per lead unit of a published directive, with the follow-up trail behind it."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Timeliness(models.TextChoices):
    """The buckets of government task follow-up reports; computed by tracker.selectors only."""

    ON_TRACK = "trong_han", "Trong hạn"
    DUE_SOON = "sap_den_han", "Sắp đến hạn"
    OVERDUE = "qua_han", "Quá hạn"
    DONE_ON_TIME = "xong_dung_han", "Hoàn thành đúng hạn"
    DONE_LATE = "xong_qua_han", "Hoàn thành quá hạn"
    NO_DEADLINE = "khong_thoi_han", "Không thời hạn"


class Task(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "Giao mới"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        AWAITING = "awaiting", "Chờ xác nhận hoàn thành"
        DONE = "done", "Đã hoàn thành"
        CANCELLED = "cancelled", "Tạm dừng/hủy"

    class Recurrence(models.TextChoices):
        NONE = "", "Không"
        ONGOING = "ongoing", "Thường xuyên"
        MONTHLY = "monthly", "Hằng tháng"
        QUARTERLY = "quarterly", "Hằng quý"
        YEARLY = "yearly", "Hằng năm"

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.AWAITING)

    directive = models.ForeignKey(
        "ingest.Directive", verbose_name="ý kết luận", null=True, blank=True,
        on_delete=models.PROTECT, related_name="tasks",
    )
    title = models.TextField("nội dung nhiệm vụ")
    lead_unit = models.ForeignKey(
        "tracker.Unit", verbose_name="đơn vị chủ trì", on_delete=models.PROTECT, related_name="led_tasks",
    )
    units = models.ManyToManyField(
        "tracker.Unit", verbose_name="đơn vị", through="TaskAssignment", related_name="tasks",
    )
    report_to = models.ForeignKey(
        "tracker.Unit", verbose_name="báo cáo về", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="assigned_tasks",
    )
    original_due_date = models.DateField("hạn ban đầu", null=True, blank=True)
    due_date = models.DateField("hạn hiện tại", null=True, blank=True, db_index=True)
    deadline_phrase = models.CharField("căn cứ thời hạn", max_length=255, blank=True)
    recurrence = models.CharField("định kỳ", max_length=16, choices=Recurrence.choices, blank=True, default="")
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.NEW, db_index=True,
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField("ngày tạo", default=timezone.now, editable=False)  # services may pass `now`
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    # Optimistic concurrency: every write through tracker.services adds one; a form posted
    # with an older version is refused instead of overwriting the other user's change.
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        # Nearest deadline first and tasks without one last, on SQLite as on PostgreSQL.
        ordering = [models.F("due_date").asc(nulls_last=True), "id"]
        # Covering indexes: timeliness counts read only the index, not the rows.
        indexes = [
            models.Index(fields=["lead_unit", "status", "due_date", "completed_on"]),
            models.Index(fields=["status", "due_date", "completed_on"]),
            models.Index(fields=["directive", "status"]),
            # Open tasks only: the overdue and due-soon lists and the open counts walk this small
            # index instead of stepping over the closed archive in the due-date index.
            models.Index(fields=["due_date", "status"], condition=Q(status__in=("new", "in_progress", "awaiting")),
                         name="task_open_due"),
            # A unit's list in the list's order: its led tasks by deadline, read 50 at a time
            # (selectors.page_rows); and the dashboard trend's counts by due date, from the index alone.
            models.Index(fields=["lead_unit", "due_date", "id"], name="task_lead_due"),
            models.Index(fields=["due_date", "status", "completed_on", "recurrence"], name="task_due_cover"),
            # The office's list sorted by unit on PostgreSQL: each unit's first tasks by id (selectors.page_rows).
            models.Index(fields=["lead_unit", "id"], name="task_lead_id"),
            # The dashboard's open tasks per unit and bucket from the index alone (PostgreSQL: 12 → 2 ms at 1M).
            models.Index(fields=["due_date", "lead_unit", "status"],
                         condition=Q(status__in=("new", "in_progress", "awaiting")), name="task_open_due_unit"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.title[:80]}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def recurring(self) -> bool:
        return bool(self.recurrence)


class TaskAssignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        SUPPORT = "support", "Phối hợp"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("tracker.Unit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("vai trò", max_length=8, choices=Role.choices)

    class Meta:
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="assignment_unit_once_per_task"),
            models.UniqueConstraint(fields=["task"], condition=Q(role="lead"), name="assignment_one_lead"),
        ]
        # A unit's support assignments alone (selectors.unit_branches), not all it leads as well.
        indexes = [models.Index(fields=["unit", "role", "task"], name="assignment_unit_role")]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người báo cáo", on_delete=models.PROTECT)
    text = models.TextField("nội dung báo cáo")
    percent = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    attachment = models.FileField("tệp đính kèm", upload_to="reports/%Y/%m/", blank=True)
    new_status = models.CharField("chuyển trạng thái", max_length=16, choices=Task.Status.choices, blank=True)
    created_at = models.DateTimeField("thời gian", default=timezone.now, editable=False)
    withdrawn_reason = models.TextField("lý do hủy báo cáo", blank=True,
                                        help_text="Báo cáo không bị xoá: hủy thì ghi lý do, báo cáo vẫn còn trong hồ sơ.")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Báo cáo #{self.pk} – nhiệm vụ #{self.task_id}"


class ExtensionRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã chấp thuận"
        REFUSED = "refused", "Không chấp thuận"

    task = models.ForeignKey(Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người đề nghị", on_delete=models.PROTECT, related_name="+",
    )
    requested_at = models.DateTimeField("ngày đề nghị", default=timezone.now, editable=False)
    previous_due_date = models.DateField("hạn trước đó", null=True, blank=True)
    new_due_date = models.DateField("hạn đề nghị")
    reason = models.TextField("lý do")
    state = models.CharField("kết quả", max_length=16, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người duyệt", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_at = models.DateTimeField("ngày duyệt", null=True, blank=True)
    decision_note = models.TextField("ý kiến", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "đề nghị gia hạn"
        verbose_name_plural = "đề nghị gia hạn"
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"Gia hạn nhiệm vụ #{self.task_id} đến {self.new_due_date:%d/%m/%Y}"
