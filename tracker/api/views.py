"""Task and unit endpoints. Each one reaches objects through tracker.access, filters with the page's
filterset, validates with the page's form and writes through tracker.services: the rules live there."""
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import access, directory, policy, selectors, services
from tracker.filtersets import TaskFilterSet
from tracker.forms import (
    ChangeDueDateForm,
    ConfirmForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    MarkDoneForm,
    ReassignForm,
    ReportForm,
    StatusForm,
    VersionedForm,
)
from tracker.models import ExtensionRequest, Task, Timeliness, Unit
from tracker.views import attachment_response

from . import serializers as s
from .forms_schema import form_serializer, validated
from .permissions import TokenScope

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

ReportInput = form_serializer(ReportForm, "ReportInput")
MarkDoneInput = form_serializer(MarkDoneForm, "MarkDoneInput")
ConfirmInput = form_serializer(ConfirmForm, "ConfirmInput")
ExtensionRequestInput = form_serializer(ExtensionRequestForm, "ExtensionRequestInput")
ExtensionDecisionInput = form_serializer(ExtensionDecisionForm, "ExtensionDecisionInput")
TaskEditInput = inline_serializer("TaskEditInput", {
    "status": serializers.ChoiceField(choices=Task.Status.choices, required=False,
                                      help_text="Tạm dừng/hủy nhiệm vụ đang mở, hoặc mở lại nhiệm vụ đã đóng."),
    "due_date": serializers.DateField(required=False, allow_null=True, help_text="Hạn mới; null: không thời hạn."),
    "lead_unit": serializers.IntegerField(required=False, help_text="Giao lại cho đơn vị chủ trì khác."),
    "note": serializers.CharField(required=False, allow_blank=True, help_text="Lý do, ghi vào lịch sử."),
    "version": serializers.IntegerField(required=False, help_text="Phiên bản đã đọc; cũ hơn hiện tại: 409."),
})
STALE = OpenApiResponse(inline_serializer("Error", {
    "code": serializers.CharField(), "detail": serializers.CharField(),
    "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False),
}), description="code `stale`: nhiệm vụ đã đổi sau phiên bản (version) gửi kèm; đọc lại rồi gửi lại.")
TaskPage = inline_serializer("TaskPage", {
    "count": serializers.IntegerField(),
    "counts": inline_serializer("TaskCounts", {b.value: serializers.IntegerField() for b in Timeliness}),
    "page": serializers.IntegerField(),
    "pages": serializers.IntegerField(),
    "next": serializers.URLField(allow_null=True),
    "previous": serializers.URLField(allow_null=True),
    "results": s.TaskRowSerializer(many=True),
})
PAGE_PARAMS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Số trang (từ 1)."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description=f"Số dòng mỗi trang (mặc định {PAGE_SIZE}, "
                                                               f"tối đa {MAX_PAGE_SIZE})."),
]


class IsOfficeForWrites(permissions.BasePermission):
    message = "Chỉ Văn phòng được sửa danh mục đơn vị."

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or policy.can_confirm(request.user)


def _page_size(request) -> int:
    try:
        return max(1, min(int(request.query_params.get("page_size", PAGE_SIZE)), MAX_PAGE_SIZE))
    except ValueError:
        return PAGE_SIZE


class TaskViewSet(viewsets.GenericViewSet):
    """Tasks the user may see (selectors.visible_tasks), with the list page's filters, search and ordering."""

    queryset = Task.objects.none()
    serializer_class = s.TaskRowSerializer
    filterset_class = TaskFilterSet

    def get_queryset(self):
        self.today = selectors.local_today()
        return selectors.task_list(self.request.user, self.today)

    @extend_schema(summary="Danh sách nhiệm vụ", parameters=PAGE_PARAMS, responses=TaskPage)
    def list(self, request):
        self.today = selectors.local_today()  # the visible tasks as they are: ids and counts, `page_rows` the rows
        filterset = TaskFilterSet(request.query_params, queryset=selectors.visible_tasks(request.user), request=request)
        if not filterset.is_valid():  # as DjangoFilterBackend would, without a second filterset
            raise translate_validation(filterset.errors)
        qs = filterset.qs
        counts = filterset.counts(self.today)  # the unfiltered list's closed tasks from the tally
        size = _page_size(request)
        paginator = Paginator(qs, size)
        paginator.count = counts["total"]  # counted with the buckets: no second COUNT(*)
        try:
            page = paginator.page(request.query_params.get("page") or 1)
        except InvalidPage:
            raise Http404("Trang không tồn tại.") from None
        start = (page.number - 1) * size
        rows = selectors.page_rows(qs, start, start + size, self.today, filterset.branches(),
                                   values=s.TASK_ROW_VALUES)

        def link(number):
            return request.build_absolute_uri(request.path + "?" + _with_page(request, number))

        return Response({
            "count": counts["total"],
            "counts": {b.value: counts[b.value] for b in Timeliness},
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": s.task_rows(rows, self.get_serializer_context()),
        })

    def _detail(self, task: Task) -> Response:
        page = selectors.task_page(task)
        task.timeliness = page["timeliness"]
        if page["directive"] is not None:
            task.directive = page["directive"]
        task.page_assignments = page["assignments"]
        task.page_reports = page["reports"]
        task.page_extensions = page["extensions"]
        task.page_history = page["history"]
        task.directive_text = page["directive"].text if page["directive"] else None
        return Response(s.TaskDetailSerializer(task, context=self.get_serializer_context()).data)

    @extend_schema(summary="Chi tiết nhiệm vụ", responses=s.TaskDetailSerializer)
    def retrieve(self, request, pk=None):
        return self._detail(access.get_task(request.user, pk))

    @extend_schema(summary="Sửa nhiệm vụ (Văn phòng): trạng thái, hạn, đơn vị chủ trì", request=TaskEditInput,
                   responses={200: s.TaskDetailSerializer, 409: STALE})
    def partial_update(self, request, pk=None):
        task = access.get_writable_task(request.user, pk, lambda user, _task: policy.can_confirm(user))
        data = request.data
        note = str(data.get("note") or "")
        unknown = set(data) - {"status", "due_date", "lead_unit", "note", "version"}
        if unknown or not set(data) & {"status", "due_date", "lead_unit"}:
            raise serializers.ValidationError(
                {"non_field_errors": ["Chỉ sửa được status, due_date, lead_unit (kèm note)."]})
        version = validated(VersionedForm({"version": data.get("version")})).get("version")
        # Validate every part, then write them together: one history entry, or nothing if one is bad.
        status_data = validated(StatusForm({"status": data["status"], "note": note}, task=task)) \
            if "status" in data else None
        due_data = validated(ChangeDueDateForm({"due_date": data["due_date"] or "", "note": note})) \
            if "due_date" in data else None
        lead_data = validated(ReassignForm({"lead": data["lead_unit"]})) if "lead_unit" in data else None
        task = services.update_task(
            task, request.user, expected_version=version, reason=note,
            status=status_data["status"] if status_data else None,
            due_date=due_data["due_date"] if due_data else services.KEEP_DUE,
            lead=lead_data["lead"] if lead_data else None)
        return self._detail(access.get_task(request.user, task.pk))

    @extend_schema(summary="Báo cáo tiến độ (kèm tệp)", request={"multipart/form-data": ReportInput,
                                                                  "application/json": ReportInput},
                   responses={201: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        task = access.get_writable_task(request.user, pk, policy.can_report)
        data = validated(ReportForm(request.data, request.FILES))
        report = services.report_progress(task, request.user, text=data["text"], percent=data["percent"],
                                          attachment=data["attachment"])
        return Response(s.ReportSerializer(report, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Báo cáo hoàn thành", request={"multipart/form-data": MarkDoneInput,
                                                           "application/json": MarkDoneInput},
                   responses={201: s.ReportSerializer, 409: STALE})
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        task = access.get_writable_task(request.user, pk, policy.can_act_as_lead)
        data = validated(MarkDoneForm(request.data, request.FILES))
        report = services.report_progress(task, request.user, text=data["text"], percent=100,
                                          attachment=data["attachment"], mark_done=True,
                                          expected_version=data.get("version"))
        return Response(s.ReportSerializer(report, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(summary="Đề nghị gia hạn", request=ExtensionRequestInput, responses={201: s.ExtensionSerializer})
    @action(detail=True, methods=["post"])
    def extension(self, request, pk=None):
        task = access.get_writable_task(request.user, pk, policy.can_act_as_lead)
        data = validated(ExtensionRequestForm(request.data))
        extension = services.request_extension(task, request.user, new_due_date=data["new_due_date"],
                                               reason=data["reason"])
        return Response(s.ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Xác nhận hoặc trả lại hoàn thành (Văn phòng)", request=ConfirmInput,
                   responses={200: s.TaskDetailSerializer, 409: STALE})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._confirm(request, pk, request.data)

    @extend_schema(summary="Trả lại, chưa xác nhận hoàn thành (Văn phòng)",
                   request=inline_serializer("SendBackInput", {"note": serializers.CharField(),
                                                               "version": serializers.IntegerField(required=False)}),
                   responses={200: s.TaskDetailSerializer, 409: STALE})
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        return self._confirm(request, pk, {"decision": "return", "note": request.data.get("note", ""),
                                           "version": request.data.get("version")})

    def _confirm(self, request, pk, data):
        task = access.get_writable_task(request.user, pk, lambda user, _task: policy.can_confirm(user))
        data = validated(ConfirmForm(data))
        services.confirm_completion(task, request.user, accept=data["decision"] == "accept", note=data["note"],
                                    expected_version=data.get("version"))
        return self._detail(access.get_task(request.user, task.pk))

    @extend_schema(summary="Quyết định đề nghị gia hạn (Văn phòng)", request=ExtensionDecisionInput,
                   responses={200: s.ExtensionSerializer, 409: STALE},
                   parameters=[OpenApiParameter("extension_id", OpenApiTypes.INT, OpenApiParameter.PATH)])
    @action(detail=True, methods=["post"], url_path=r"extensions/(?P<extension_id>\d+)/decision")
    def decide_extension(self, request, pk=None, extension_id=None):
        task = access.get_writable_task(request.user, pk, lambda user, _task: policy.can_confirm(user))
        try:
            extension = task.extensions.get(pk=extension_id)
        except ExtensionRequest.DoesNotExist:
            raise Http404("Không tìm thấy đề nghị gia hạn.") from None
        data = validated(ExtensionDecisionForm(request.data))
        extension = services.decide_extension(extension, request.user, approve=data["decision"] == "approve",
                                              note=data["note"], expected_version=data.get("version"))
        return Response(s.ExtensionSerializer(extension).data)


def _with_page(request, number: int) -> str:
    params = request.query_params.copy()
    params["page"] = str(number)
    return params.urlencode()


class ReportAttachmentView(APIView):
    """A report's file, for whoever may see its task (404 for everyone else, as on the page)."""

    @extend_schema(summary="Tệp đính kèm của báo cáo", responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        return attachment_response(access.get_report(request.user, pk))


class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """The unit directory with other names and groups: everyone reads, the office edits."""

    serializer_class = s.UnitSerializer
    permission_classes = [TokenScope, IsOfficeForWrites]
    queryset = Unit.objects.prefetch_related("aliases", "members", "groups").order_by("name")
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(summary="Thêm tên gọi khác cho đơn vị (Văn phòng)", request=s.AliasSerializer,
                   responses={201: s.AliasSerializer})
    @action(detail=True, methods=["post"])
    def aliases(self, request, pk=None):
        unit = self.get_object()
        data = s.AliasSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alias = directory.add_alias(unit, data.validated_data["name"], note=data.validated_data.get("note", ""))
        if alias is None:
            raise serializers.ValidationError({"name": ["Tên này đã dẫn tới đơn vị này."]})
        return Response(s.AliasSerializer(alias).data, status=status.HTTP_201_CREATED)
