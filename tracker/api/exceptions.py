"""Every API error is JSON: {"code": stable English code, "detail": Vietnamese message, "errors": {field: [...]}}."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

# Messages for DRF's own errors, in Vietnamese whatever DRF's catalogue says.
MESSAGES = {
    "not_authenticated": "Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …).",
    "authentication_failed": "Xác thực không thành công.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy.",
    "method_not_allowed": "Phương thức không được hỗ trợ ở địa chỉ này.",
    "unsupported_media_type": "Kiểu dữ liệu gửi lên không được hỗ trợ.",
    "parse_error": "Dữ liệu gửi lên không đọc được (JSON hoặc multipart không hợp lệ).",
    "not_acceptable": "Không trả được dữ liệu theo định dạng yêu cầu.",
}


_ALWAYS_OURS = {"method_not_allowed", "unsupported_media_type", "parse_error", "not_acceptable"}


class FormInvalid(exceptions.APIException):
    """Input refused by the page's own form: the form's Vietnamese errors, field by field."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, form):
        self.errors = {("non_field_errors" if k == "__all__" else k): list(v) for k, v in form.errors.items()}
        super().__init__("Dữ liệu chưa hợp lệ: " + " ".join(m for msgs in self.errors.values() for m in msgs))


class Refused(exceptions.APIException):
    """A service's refusal with its own code and Vietnamese message (e.g. the importer's), and extra fields."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "refused"

    def __init__(self, message: str, *, code: str = "", status_code: int | None = None, **extra):
        super().__init__(message, code=code or self.default_code)
        self.code = code or self.default_code
        self.extra = extra
        if status_code:
            self.status_code = status_code


class Conflict(exceptions.APIException):
    """The object changed after the version the client sent: re-read it, then decide again."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "stale"
    default_detail = ("Nhiệm vụ đã được người khác cập nhật sau phiên bản (version) bạn gửi; "
                      "hãy đọc lại nhiệm vụ rồi gửi lại.")


def _is_stale(exc: DjangoValidationError) -> bool:
    return any(getattr(e, "code", None) == "stale" for e in getattr(exc, "error_list", []))


def _body(code: str, detail: str, errors: dict | None = None) -> dict:
    body = {"code": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        return {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    return {"non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}


def handler(exc, context):
    if isinstance(exc, Refused):
        return Response({**_body(exc.code, str(exc.detail)), **exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError) and _is_stale(exc):
        exc = Conflict()
    elif isinstance(exc, DjangoValidationError):
        errors = {k: [str(m) for m in v] for k, v in exc.message_dict.items()} if hasattr(exc, "error_dict") \
            else {"non_field_errors": [str(m) for m in exc.messages]}
        return Response(_body("invalid", " ".join(m for v in errors.values() for m in v), errors),
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or MESSAGES["not_found"])
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or MESSAGES["permission_denied"])
    if not isinstance(exc, exceptions.APIException):
        return None  # a server error: Django's 500 handling and logging
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        headers["Retry-After"] = str(wait)
        return Response(_body("throttled", f"Quá nhiều yêu cầu; hãy thử lại sau {wait} giây."),
                        status=exc.status_code, headers=headers)
    if isinstance(exc, FormInvalid):
        return Response(_body("invalid", str(exc.detail), exc.errors), status=exc.status_code)
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        return Response(_body("invalid", "Dữ liệu chưa hợp lệ: " + " ".join(m for v in errors.values() for m in v),
                              errors), status=exc.status_code)
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    detail = str(exc.detail)
    if code in MESSAGES and (detail == str(exc.default_detail) or code in _ALWAYS_OURS):
        detail = MESSAGES[code]
    return Response(_body(code, detail), status=exc.status_code, headers=headers)
