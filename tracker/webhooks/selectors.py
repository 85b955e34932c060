"""Reads for webhook delivery."""
from django.utils import timezone

from tracker.models import WebhookDelivery


def next_retry_in() -> float | None:
    """Seconds until the earliest pending retry, if any."""
    first = WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING).order_by(
        "next_attempt_at").values_list("next_attempt_at", flat=True).first()
    return None if first is None else max((first - timezone.now()).total_seconds(), 0.0)
