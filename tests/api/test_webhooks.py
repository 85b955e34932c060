"""Webhooks against a real HTTP receiver on loopback: signed, retried with back-off, delivered once."""
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tracker import services
from tracker.models import Task, Webhook, WebhookDelivery
from tracker.webhooks import services as webhook_services
from tracker.webhooks import tasks as webhook_tasks

SECRET = "bi-mat-rat-dai-0123456789"


class Receiver:
    """A loopback HTTP server that answers 500 to the first `failures` requests, then 204."""

    def __init__(self, failures: int = 0):
        self.failures = failures
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server calls it by this name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                code = 500 if len(receiver.requests) <= receiver.failures else 204
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def no_follow_up(monkeypatch):
    """The Celery task schedules its next pass on the broker; here each pass is run by hand instead."""
    scheduled = []
    monkeypatch.setattr(webhook_tasks.deliver_webhooks, "apply_async", lambda **kw: scheduled.append(kw))
    return scheduled


def due_now():
    """Let the back-off elapse: what the scheduled pass would find when its countdown ends."""
    WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING).update(next_attempt_at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_receiver_failing_twice_gets_the_event_on_the_third_try(office_user, staff_a, unit_a, make_task, today,
                                                                no_follow_up):
    with Receiver(failures=2) as receiver:
        Webhook.objects.create(name="eOffice", url=receiver.url, secret=SECRET, events=["extension.decided"])
        task = make_task(unit_a, title="Rà soát quy hoạch cán bộ", due=today + timedelta(days=5))
        extension = services.request_extension(task, staff_a, new_due_date=today + timedelta(days=30), reason="Chờ")
        services.decide_extension(extension, office_user, approve=True)
        delivery = WebhookDelivery.objects.get()
        for attempt in (1, 2, 3):
            result = webhook_tasks.deliver_webhooks.apply().get()
            delivery.refresh_from_db()
            assert delivery.attempts == attempt
            if attempt < 3:
                assert result == {"sent": 0, "retrying": 1, "failed": 0}
                assert delivery.state == WebhookDelivery.State.PENDING
                assert delivery.next_attempt_at > timezone.now()  # back-off: not retried at once
                assert webhook_tasks.deliver_webhooks.apply().get()["retrying"] == 0  # nothing due yet
                assert no_follow_up and no_follow_up[-1]["countdown"] > 0  # the next pass is scheduled
                due_now()
        assert result == {"sent": 1, "retrying": 0, "failed": 0}
        # the fourth pass sends nothing more: delivered once
        webhook_tasks.deliver_webhooks.apply()

    assert len(receiver.requests) == 3
    keys = {r["headers"]["Idempotency-Key"] for r in receiver.requests}
    assert keys == {str(delivery.idempotency_key)}  # one key on every try
    assert len({r["body"] for r in receiver.requests}) == 1  # the same body, so the same signature
    for request in receiver.requests:
        assert webhook_services.verify(SECRET, request["body"], request["headers"]["X-Dondoc-Signature"])
        assert not webhook_services.verify("sai-khoa", request["body"], request["headers"]["X-Dondoc-Signature"])
    payload = json.loads(receiver.requests[-1]["body"])
    assert payload["event"] == "extension.decided" and payload["id"] == str(delivery.idempotency_key)
    assert payload["extension"]["approved"] is True
    assert payload["task"]["id"] == task.pk and payload["task"]["due_date"] == (today + timedelta(days=30)).isoformat()
    assert WebhookDelivery.objects.filter(state=WebhookDelivery.State.SENT).count() == 1
    assert WebhookDelivery.objects.count() == 1
    delivery.refresh_from_db()
    assert delivery.response_status == 204 and delivery.delivered_at and "HTTP 500" in delivery.last_error


@pytest.mark.django_db
def test_events_are_recorded_for_the_webhooks_that_want_them(office_user, staff_a, unit_a, make_task, today):
    every = Webhook.objects.create(name="Mọi sự kiện", url="http://127.0.0.1:9/a", secret=SECRET)
    status_only = Webhook.objects.create(name="Trạng thái", url="http://127.0.0.1:9/b", secret=SECRET,
                                         events=["task.status_changed"])
    Webhook.objects.create(name="Tắt", url="http://127.0.0.1:9/c", secret=SECRET, is_active=False)
    task = make_task(unit_a, due=today + timedelta(days=5))  # task.created
    services.report_progress(task, staff_a, text="Xong", percent=100, mark_done=True)  # status → awaiting
    services.confirm_completion(task, office_user, accept=True)  # completion.confirmed + status → done
    got = sorted(WebhookDelivery.objects.values_list("webhook__name", "event"))
    assert got == sorted([
        ("Mọi sự kiện", "task.created"), ("Mọi sự kiện", "task.status_changed"),
        ("Mọi sự kiện", "completion.confirmed"), ("Mọi sự kiện", "task.status_changed"),
        ("Trạng thái", "task.status_changed"), ("Trạng thái", "task.status_changed"),
    ])
    confirmed = WebhookDelivery.objects.get(event="completion.confirmed")
    assert confirmed.payload["accepted"] is True and confirmed.payload["task"]["status"] == Task.Status.DONE
    assert every.deliveries.count() == 4 and status_only.deliveries.count() == 2


@pytest.mark.django_db
def test_a_refused_write_records_no_event(staff_a, unit_a, make_task, today):
    Webhook.objects.create(name="Mọi sự kiện", url="http://127.0.0.1:9/a", secret=SECRET)
    task = make_task(unit_a, due=today + timedelta(days=5))
    WebhookDelivery.objects.all().delete()
    with pytest.raises(PermissionDenied):
        services.update_task(task, staff_a, status=Task.Status.CANCELLED)  # not the office
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_unreachable_receiver_gives_up_after_the_attempts_and_says_so(settings, unit_a, make_task, no_follow_up):
    settings.REMINDER_MAX_ATTEMPTS = 2
    with Receiver() as receiver:
        url = receiver.url
    Webhook.objects.create(name="Đã tắt máy", url=url, secret=SECRET)  # nothing listens there any more
    make_task(unit_a)
    for _ in range(2):
        due_now()
        webhook_tasks.deliver_webhooks.apply()
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == WebhookDelivery.State.FAILED and delivery.attempts == 2
    assert "Đã thử hết số lần" in delivery.last_error
