"""Communiqué endpoints: list and read (as far as the user may see), import and publish (office only).

Import runs the page's ImportForm and ingest.services.import_document, so the file limits,
the duplicate check and the Vietnamese refusals are the page's own.
"""
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ingest import selectors, services
from ingest.filtersets import CommuniqueFilterSet
from ingest.forms import ImportForm, PublishForm
from ingest.models import Communique
from tracker import policy
from tracker.api.exceptions import Refused
from tracker.api.forms_schema import form_serializer, validated
from tracker.api.permissions import TokenScope
from tracker.api.serializers import UnitRefSerializer

ImportInput = form_serializer(ImportForm, "ImportInput")
PublishInput = form_serializer(PublishForm, "PublishInput")


class OwnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="Như viết trong văn bản.")
    role = serializers.CharField()
    unit = UnitRefSerializer(allow_null=True)


class DirectiveTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    lead_unit = UnitRefSerializer()
    status = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    timeliness = serializers.CharField(allow_null=True)


class DirectiveSerializer(serializers.Serializer):
    """A proposal (draft) or a published directive, with its owners and the tasks the user may see."""

    id = serializers.IntegerField()
    order = serializers.IntegerField()
    text = serializers.CharField()
    start = serializers.IntegerField(allow_null=True)
    end = serializers.IntegerField(allow_null=True)
    review = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    deadline_phrase = serializers.CharField()
    deadline_source = serializers.CharField()
    recurring = serializers.BooleanField()
    report_to_text = serializers.CharField()
    report_to = UnitRefSerializer(allow_null=True)
    owners = OwnerSerializer(many=True, source="owners.all")
    tasks = serializers.SerializerMethodField()

    @extend_schema_field(DirectiveTaskSerializer(many=True))
    def get_tasks(self, directive):
        tasks = self.context.get("tasks", {}).get(directive.pk, [])
        return DirectiveTaskSerializer(tasks, many=True).data


class CommuniqueSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Communique
        fields = ["id", "label", "number", "title", "issuer", "meeting_date", "province", "state",
                  "source_name", "source_format", "imported_at", "published_at", "web_url"]

    def get_web_url(self, communique) -> str:
        path = reverse("ingest:communique_detail", args=[communique.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CommuniqueDetailSerializer(CommuniqueSerializer):
    text = serializers.CharField()
    directives = DirectiveSerializer(many=True, source="api_directives")
    warnings = serializers.ListField(child=serializers.CharField(), source="import_warnings", default=list)

    class Meta(CommuniqueSerializer.Meta):
        fields = [*CommuniqueSerializer.Meta.fields, "text", "directives", "warnings"]


class Pages(PageNumberPagination):
    page_size = 30
    page_size_query_param = "page_size"
    max_page_size = 200


class MayReview(permissions.BasePermission):
    message = "Chỉ Văn phòng được nhập, duyệt và ban hành thông báo."

    def has_permission(self, request, view):
        return policy.can_review(request.user)


class MayPublish(MayReview):
    def has_permission(self, request, view):
        return policy.can_publish(request.user)


class CommuniqueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Communique.objects.none()
    serializer_class = CommuniqueSerializer
    filterset_class = CommuniqueFilterSet
    pagination_class = Pages

    def get_permissions(self):
        office = {"create": [MayReview()], "publish": [MayPublish()]}.get(self.action, [])
        return [TokenScope(), *office]

    def get_queryset(self):
        return selectors.communique_list(self.request.user)

    def _detail(self, communique: Communique, code=status.HTTP_200_OK) -> Response:
        communique.api_directives = selectors.directives_of(communique)
        context = {**self.get_serializer_context(),
                   "tasks": selectors.tasks_by_directive(communique, self.request.user)}
        return Response(CommuniqueDetailSerializer(communique, context=context).data, status=code)

    @extend_schema(summary="Chi tiết thông báo và các ý kết luận (đề xuất)", responses=CommuniqueDetailSerializer)
    def retrieve(self, request, pk=None):
        return self._detail(get_object_or_404(selectors.visible_communiques(request.user), pk=pk))

    @extend_schema(summary="Nhập thông báo (Văn phòng): tải tệp lên hoặc gửi văn bản",
                   request={"multipart/form-data": ImportInput, "application/json": ImportInput},
                   responses={201: CommuniqueDetailSerializer})
    def create(self, request):
        form = ImportForm(request.data, request.FILES)
        validated(form)
        try:
            communique = services.import_document(**form.import_kwargs(), user=request.user)
        except services.DuplicateImport as exc:
            raise Refused(exc.message, code="duplicate", status_code=status.HTTP_409_CONFLICT,
                          existing_id=exc.existing.pk) from exc
        except services.ImportRefused as exc:
            raise Refused(exc.message, code=exc.code or "import_refused") from exc
        return self._detail(communique, status.HTTP_201_CREATED)

    @extend_schema(summary="Ban hành nhiệm vụ (Văn phòng)", request=PublishInput,
                   responses=inline_serializer("PublishResult", {
                       "communique": serializers.IntegerField(),
                       "tasks": serializers.ListField(child=serializers.IntegerField()),
                       "count": serializers.IntegerField()}))
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        communique = get_object_or_404(Communique, pk=pk)
        data = validated(PublishForm(request.data))
        tasks = services.publish(communique, request.user, fallback_unit=True if data["fallback"] else None)
        return Response({"communique": communique.pk, "tasks": [t.pk for t in tasks], "count": len(tasks)})

