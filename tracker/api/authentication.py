"""`Authorization: Bearer ddc_…` (or `Token ddc_…`): a personal token stands for its user."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import tokens


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Tiêu đề Authorization không hợp lệ.", code="token_invalid")
        token = tokens.token_for_key(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.", code="token_invalid")
        if token.revoked:
            raise exceptions.AuthenticationFailed("Mã truy cập đã bị thu hồi.", code="token_revoked")
        if token.is_expired:
            raise exceptions.AuthenticationFailed("Mã truy cập đã hết hạn.", code="token_expired")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Tài khoản đã bị khoá.", code="user_inactive")
        tokens.touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how programs authenticate."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Mã truy cập cá nhân (ddc_…), tạo ở trang Tài khoản."}
