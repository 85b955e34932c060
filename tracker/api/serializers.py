"""What the API returns. Input is validated by the pages' forms (forms_schema.validated), not here."""
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tracker import selectors
from tracker.models import Task, Timeliness, Unit, UnitAlias


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class CommuniqueRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    label = serializers.CharField()


def _web(context, name: str, *args) -> str:
    request = context.get("request")
    path = reverse(name, args=args)
    return request.build_absolute_uri(path) if request is not None else path


class TaskRowSerializer(serializers.Serializer):
    """One row of the task list: what the list page shows, in a fixed number of queries per page."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Task.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    timeliness = serializers.ChoiceField(choices=Timeliness.choices, allow_null=True)
    lead_unit = UnitRefSerializer()
    due_date = serializers.DateField(allow_null=True)
    original_due_date = serializers.DateField(allow_null=True)
    deadline_phrase = serializers.CharField()
    completed_on = serializers.DateField(allow_null=True)
    progress = serializers.IntegerField()
    recurrence = serializers.CharField()
    communique = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(CommuniqueRefSerializer(allow_null=True))
    def get_communique(self, task):
        if not task.directive_id:
            return None
        c = task.directive.communique
        return {"id": c.pk, "number": c.number, "label": c.label}

    def get_web_url(self, task) -> str:
        base = self.context.setdefault("_task_base", _web(self.context, "tracker:task_list"))
        return f"{base}{task.pk}/"


# What `task_rows` reads of each task: `selectors.page_rows(..., values=TASK_ROW_VALUES)`.
TASK_ROW_VALUES = ("id", "title", "status", "timeliness", "lead_unit_id", "lead_unit__name", "lead_unit__short_name",
                   "due_date", "original_due_date", "deadline_phrase", "completed_on", "progress", "recurrence",
                   *selectors.COMMUNIQUE_VALUES, "updated_at")
_DATE, _DATETIME = serializers.DateField(), serializers.DateTimeField()
_STATUS_LABELS = dict(Task.Status.choices)


def task_rows(rows: list[dict], context) -> list[dict]:
    """`TaskRowSerializer`'s output (the schema's, field for field) from `page_rows` dicts: a list page
    of model instances through the serializer's fields cost ~10 ms of its ~20 (tests/api hold them equal)."""
    base = _web(context, "tracker:task_list")
    day, moment = _DATE.to_representation, _DATETIME.to_representation
    out = []
    for row in rows:
        pk, status, label = row["id"], row["status"], selectors.communique_label_of(row)
        out.append({
            "id": pk, "title": row["title"], "status": status, "status_label": _STATUS_LABELS.get(status, status),
            "timeliness": row["timeliness"],
            "lead_unit": {"id": row["lead_unit_id"], "name": row["lead_unit__name"],
                          "short_name": row["lead_unit__short_name"]},
            "due_date": row["due_date"] and day(row["due_date"]),
            "original_due_date": row["original_due_date"] and day(row["original_due_date"]),
            "deadline_phrase": row["deadline_phrase"],
            "completed_on": row["completed_on"] and day(row["completed_on"]),
            "progress": row["progress"], "recurrence": row["recurrence"],
            "communique": None if label is None else {
                "id": row["directive__communique_id"], "number": row["directive__communique__number"], "label": label},
            "web_url": f"{base}{pk}/",
            "updated_at": row["updated_at"] and moment(row["updated_at"]),
        })
    return out


class AssignmentSerializer(serializers.Serializer):
    unit = UnitRefSerializer()
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    text = serializers.CharField()
    percent = serializers.IntegerField()
    new_status = serializers.CharField()
    created_at = serializers.DateTimeField()
    attachment_url = serializers.SerializerMethodField()

    def get_author(self, report) -> str:
        return report.author.get_full_name() or report.author.username

    def get_unit(self, report) -> str | None:
        return report.author.unit.name if report.author.unit_id else None

    def get_attachment_url(self, report) -> str | None:
        return _web(self.context, "api:report-attachment", report.pk) if report.attachment else None


class ExtensionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    requested_by = serializers.CharField()
    requested_at = serializers.DateTimeField()
    previous_due_date = serializers.DateField(allow_null=True)
    new_due_date = serializers.DateField()
    reason = serializers.CharField()
    state = serializers.CharField()
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class HistorySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    user = serializers.SerializerMethodField()
    reason = serializers.CharField()
    changes = ChangeSerializer(many=True)

    def get_user(self, entry) -> str | None:
        user = entry["user"]
        return (user.get_full_name() or user.username) if user else None


class TaskDetailSerializer(TaskRowSerializer):
    """The task page as data: owners, deadline, timeliness, the source sentence, reports, extensions, history."""

    version = serializers.IntegerField(help_text="Gửi kèm khi quyết định (version) để không ghi đè thay đổi của người khác.")
    report_to = UnitRefSerializer(allow_null=True)
    assignments = AssignmentSerializer(many=True, source="page_assignments")
    directive_text = serializers.CharField(allow_null=True)
    reports = ReportSerializer(many=True, source="page_reports")
    extensions = ExtensionSerializer(many=True, source="page_extensions")
    history = HistorySerializer(many=True, source="page_history")


class UnitSerializer(serializers.ModelSerializer):
    """The directory entry with its other names and group members; writes go through the model's own checks."""

    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    members = serializers.PrimaryKeyRelatedField(many=True, queryset=Unit.objects.all(), required=False)
    groups = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "name", "short_name", "code", "kind", "parent", "is_group", "members", "groups",
                  "email", "head_email", "is_active", "aliases"]


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitAlias
        fields = ["id", "name", "note"]
