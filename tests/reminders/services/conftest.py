"""Real parts, started here: redis-server, a Celery worker subprocess, an aiosmtpd server, a SQLite file.

The test process and the worker share one SQLite file (pytest-django's test DB is
in memory, which a worker cannot see): for these tests the `default` connection is
swapped for one on that file, migrated here, and flushed before each test.
"""
import copy
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.reminders.smtp import free_port, start_smtp

REDIS = shutil.which("redis-server") or ("/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)
ROOT = Path(__file__).resolve().parents[3]
WORKER_SETTINGS = os.environ.get("DONDOC_WORKER_SETTINGS", "config.settings.local")
SITE_URL = "https://dondoc.tinh.vn"
OFFICE_EMAIL = "vanphong@tinh.vn"
LEASE_SECONDS = 4


def _require(condition: bool, why: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI: required)")
    pytest.skip(why)


class RedisServer:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def flush(self):
        import redis

        redis.Redis(host="127.0.0.1", port=self.port).flushall()


class Worker:
    """`celery -A config worker` in its own process group, against the shared SQLite file."""

    def __init__(self, env: dict, logdir: Path, *, pool: str = "prefork", concurrency: int = 2):
        self.env, self.logdir, self.pool, self.concurrency = env, logdir, pool, concurrency
        self.proc = None
        self.log_path = None

    def start(self):
        name = f"w{uuid.uuid4().hex[:6]}"
        self.log_path = self.logdir / f"{name}.log"
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={self.pool}",
             "-c", str(self.concurrency), "-n", f"{name}@%h", "-l", "info",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log()}")
            if b" ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.1)
        raise RuntimeError(f"worker not ready:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path else ""

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.running:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.proc = None

    def kill(self):
        """SIGKILL the worker and its pool processes: no cleanup, no acks."""
        if self.running:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None


@pytest.fixture(scope="package")
def redis_server(tmp_path_factory):
    _require(REDIS is not None, "redis-server is not installed")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def smtp_server():
    controller, collector = start_smtp()
    yield controller, collector
    controller.stop()


@pytest.fixture(scope="package")
def services_db(tmp_path_factory, django_db_blocker):
    from django.db import connections
    from django.db.utils import load_backend

    base = connections["default"].settings_dict
    if base["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the worker tests share a SQLite file with the worker")
    path = tmp_path_factory.mktemp("services-db") / "dondoc.sqlite3"
    settings_dict = copy.deepcopy(base)
    settings_dict["NAME"] = str(path)
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    previous = connections["default"]
    with django_db_blocker.unblock():
        connections["default"] = wrapper
        try:
            call_command("migrate", interactive=False, verbosity=0)
            yield path
        finally:
            wrapper.close()
            connections["default"] = previous


@pytest.fixture(scope="package")
def celery_app(redis_server):
    from config.celery_app import app

    saved = (app.conf.broker_url, app.conf.broker_transport_options)

    def reset_pool():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.__dict__.get("amqp") and setattr(app.amqp, "_producer_pool", None)

    app.conf.broker_url = redis_server.url
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    reset_pool()
    yield app
    app.conf.broker_url, app.conf.broker_transport_options = saved
    reset_pool()


@pytest.fixture(scope="package")
def worker_env(services_db, redis_server, smtp_server):
    controller, _ = smtp_server
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS, "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{services_db}", "REDIS_URL": redis_server.url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port), "EMAIL_TIMEOUT": "5", "EMAIL_USE_TLS": "0",
        "SITE_URL": SITE_URL, "OFFICE_EMAIL": OFFICE_EMAIL, "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",
        "REMINDER_CLAIM_LEASE_SECONDS": str(LEASE_SECONDS), "REMINDER_RETRY_BASE_SECONDS": "1",
        "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH", "")] if p),
    })
    return env


@pytest.fixture(scope="package")
def worker_factory(worker_env, tmp_path_factory):
    logdir = tmp_path_factory.mktemp("worker-logs")
    started = []

    def make(**kw) -> Worker:
        w = Worker(worker_env, logdir, **kw)
        started.append(w)
        return w

    yield make
    for w in started:
        w.stop()


@pytest.fixture(scope="package")
def shared_worker(worker_factory):
    return worker_factory(pool="prefork", concurrency=2)


@pytest.fixture
def worker(shared_worker):
    """The package's worker (prefork, 2 processes), started if a test stopped it."""
    if not shared_worker.running:
        shared_worker.start()
    return shared_worker


@pytest.fixture
def smtp(smtp_server, services_db, redis_server, celery_app, settings):
    """A clean slate: empty database, empty queue, empty mailbox; this process sends to the same SMTP."""
    controller, collector = smtp_server
    call_command("flush", interactive=False, verbosity=0)
    redis_server.flush()
    collector.reset()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", controller.port, 5
    settings.EMAIL_USE_TLS = False
    settings.SITE_URL, settings.OFFICE_EMAIL = SITE_URL, OFFICE_EMAIL
    settings.REMINDER_CLAIM_LEASE_SECONDS, settings.REMINDER_RETRY_BASE_SECONDS = LEASE_SECONDS, 1
    yield collector
    collector.reset()


def wait_for(predicate, timeout=30.0, interval=0.1, tick=None):
    """Poll until predicate() is true; `tick` runs every second (e.g. the beat's flush)."""
    deadline = time.monotonic() + timeout
    last_tick = 0.0
    while time.monotonic() < deadline:
        if predicate():
            return True
        if tick and time.monotonic() - last_tick > 1.0:
            tick()
            last_tick = time.monotonic()
        time.sleep(interval)
    return predicate()
