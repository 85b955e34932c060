"""Communiqués and the directives proposed from them, before and after the office publishes them."""
from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

# Newest first by the date lists show: the meeting's, else the document's own.
BY_DATE = (Coalesce("meeting_date", "issue_date").desc(nulls_last=True), "-id")


class Communique(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Chờ duyệt"
        PUBLISHED = "published", "Đã ban hành"

    title = models.TextField("trích yếu", blank=True)
    number = models.CharField("số/ký hiệu", max_length=64, blank=True, db_index=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    meeting_date = models.DateField("ngày họp", null=True, blank=True,
                                    help_text="Ngày cuộc họp, hội nghị mà văn bản kết luận (nếu văn bản có nêu).")
    issue_date = models.DateField("ngày ban hành", null=True, blank=True,
                                  help_text="Ngày ghi ở dòng “…, ngày … tháng … năm …” của văn bản.")
    province = models.CharField("tỉnh", max_length=128, blank=True)
    source_name = models.CharField("tên tệp nguồn", max_length=255, blank=True)
    source_file = models.FileField("tệp nguồn", upload_to="communiques/%Y/", max_length=255, blank=True)
    source_format = models.CharField("định dạng", max_length=16, blank=True)
    text = models.TextField("nội dung")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    imported_at = models.DateTimeField("ngày nhập", default=timezone.now, editable=False)
    state = models.CharField("trạng thái", max_length=16, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField("ngày ban hành nhiệm vụ", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ban hành", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # What the extractor proposed at import, kept to compare with what the office published.
    extraction = models.JSONField("kết quả trích xuất ban đầu", default=dict, blank=True, editable=False)
    # Number, summary, issuer and text folded (tracker.folding.fold): the list's search, as tasks have.
    search_text = models.TextField(editable=False, default="")

    SEARCHED = ("number", "title", "issuer", "text")

    class Meta:
        verbose_name = "thông báo kết luận"
        verbose_name_plural = "thông báo kết luận"
        ordering = BY_DATE

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def save(self, *args, **kwargs):
        from tracker.folding import fold

        self.search_text = fold(" ".join(getattr(self, name) or "" for name in self.SEARCHED))
        fields = kwargs.get("update_fields")
        if fields is not None and set(self.SEARCHED) & set(fields):
            kwargs["update_fields"] = {*fields, "search_text"}
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.label} – {self.title[:80]}" if self.title else self.label

    @property
    def label(self) -> str:
        """How lists name it: its number, else its date (news pages often carry no number)."""
        if self.number:
            return self.number
        if self.date:
            return f"TB ngày {self.date:%d/%m/%Y}"
        return f"TB #{self.pk}"

    @property
    def date(self):
        """The date lists show and sort by: the meeting's, else the document's own."""
        return self.meeting_date or self.issue_date


class Directive(models.Model):
    class DeadlineSource(models.TextChoices):
        EXPLICIT = "explicit", "Nêu trong câu"
        INHERITED = "inherited", "Kế thừa từ đề mục"
        MANUAL = "manual", "Văn phòng nhập khi duyệt"
        NONE = "", "Không có"

    class Review(models.TextChoices):
        PROPOSED = "proposed", "Đề xuất"
        ACCEPTED = "accepted", "Chấp nhận"
        REJECTED = "rejected", "Loại bỏ"

    communique = models.ForeignKey(Communique, on_delete=models.CASCADE, related_name="directives")
    order = models.PositiveIntegerField("thứ tự", default=0)
    text = models.TextField("nội dung")
    start = models.PositiveIntegerField("vị trí đầu", null=True, blank=True)
    end = models.PositiveIntegerField("vị trí cuối", null=True, blank=True)
    report_to_text = models.CharField("báo cáo về (như trong văn bản)", max_length=255, blank=True)
    report_to = models.ForeignKey(
        "tracker.Unit", verbose_name="báo cáo về", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    deadline_phrase = models.CharField("cụm từ thời hạn", max_length=255, blank=True)
    deadline_source = models.CharField(
        "nguồn thời hạn", max_length=16, choices=DeadlineSource.choices, blank=True, default="",
    )
    recurring = models.BooleanField("thường xuyên/định kỳ", default=False)
    deadline_evidence = models.CharField("thời hạn lấy từ", max_length=255, blank=True,
                                         help_text="Nơi trong văn bản bộ trích xuất đọc được thời hạn.")
    review = models.CharField("duyệt", max_length=16, choices=Review.choices, default=Review.PROPOSED)

    # Who changed a proposal during review, and what it said before.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ý kết luận"
        verbose_name_plural = "ý kết luận"
        ordering = ["communique", "order", "id"]

    def __str__(self):
        return self.text[:100]

    @property
    def is_rejected(self) -> bool:
        return self.review == self.Review.REJECTED


class DirectiveOwner(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        SUPPORT = "support", "Phối hợp"

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="owners")
    name = models.CharField("tên như trong văn bản", max_length=255)
    unit = models.ForeignKey(
        "tracker.Unit", verbose_name="đơn vị", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    role = models.CharField("vai trò", max_length=8, choices=Role.choices, default=Role.LEAD)
    evidence = models.CharField("lấy từ", max_length=255, blank=True,
                                help_text="Nơi trong văn bản bộ trích xuất đọc được đơn vị này.")
    unit_type = models.CharField("loại đơn vị", max_length=64, blank=True,
                                 help_text="Loại đơn vị nhận ra theo tên (Sở, Đảng ủy, UBND cấp xã…).")
    as_group = models.BooleanField(
        "một nhiệm vụ cho cả nhóm", default=False,
        help_text="Với một nhóm (vd. “các xã, phường”): giao một nhiệm vụ cho cả nhóm thay vì một cho mỗi thành viên.")

    class Meta:
        verbose_name = "đơn vị được giao"
        verbose_name_plural = "đơn vị được giao"
        ordering = ["directive", "role", "id"]  # "lead" sorts before "support"

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"
