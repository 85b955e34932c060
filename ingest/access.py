"""The one way views reach a communiqué, a directive or an owner row: 404 for missing and forbidden alike.

Visibility is `selectors.visible_communiques` (tracker.policy's ladder); what the
user may then do is tracker.policy's question.
"""
from django.http import Http404

from ingest import selectors
from ingest.models import Communique, Directive, DirectiveOwner
from tracker.models import User


def access_communique(user: User, pk) -> Communique:
    try:
        return selectors.visible_communiques(user).get(pk=pk)
    except (Communique.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy thông báo.") from None


def access_directive(user: User, pk) -> Directive:
    try:
        return Directive.objects.select_related("communique").get(
            pk=pk, communique__in=selectors.visible_communiques(user))
    except (Directive.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy ý kết luận.") from None


def access_owner(user: User, pk) -> DirectiveOwner:
    try:
        return DirectiveOwner.objects.select_related("directive").get(
            pk=pk, directive__communique__in=selectors.visible_communiques(user))
    except (DirectiveOwner.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị được nêu.") from None
