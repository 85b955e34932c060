"""Production keeps the API throttle's counters in one Redis shared by every web process; without
a Redis URL, a file cache shared by the machine's processes; the tests keep a memory cache."""
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.reminders.services.conftest import REDIS, RedisServer, _require

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = """
import json, sys, django
django.setup()
from django.conf import settings
from django.core.cache import cache
if sys.argv[1] == "set":
    cache.set("throttle_probe", "từ tiến trình khác", 60)
chosen = settings.CACHES["default"]
value = cache.get("throttle_probe") if sys.argv[1] != "show" else None
print(json.dumps({"backend": chosen["BACKEND"], "location": chosen["LOCATION"], "value": value}))
"""


def _production(step: str, tmp_path: Path, **env) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CACHE_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_SECRET_KEY="x" * 60,
                       DONDOC_VAR_DIR=str(tmp_path), **env)
    out = subprocess.run([sys.executable, "-c", SNIPPET, step], cwd=ROOT, env=environment, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_production_shares_one_redis_between_processes(tmp_path):
    _require(REDIS is not None, "redis-server is not installed")
    redis = RedisServer(tmp_path)
    redis.start()
    try:
        writer = _production("set", tmp_path, REDIS_URL=redis.url)
        reader = _production("get", tmp_path, REDIS_URL=redis.url)
    finally:
        redis.stop()
    assert writer["backend"] == "django.core.cache.backends.redis.RedisCache" and writer["location"] == redis.url
    assert reader["value"] == "từ tiến trình khác"  # another process saw it: counters are not per process


def test_cache_url_wins_over_the_broker_url(tmp_path):
    chosen = _production("show", tmp_path, REDIS_URL="redis://127.0.0.1:1/0", CACHE_URL="redis://127.0.0.1:2/3")
    assert chosen["location"] == "redis://127.0.0.1:2/3"


def test_without_redis_production_uses_a_file_cache_the_processes_share(tmp_path):
    writer = _production("set", tmp_path)
    assert writer["backend"].endswith("FileBasedCache") and writer["location"] == str(tmp_path / "cache")
    assert _production("get", tmp_path)["value"] == "từ tiến trình khác"


def test_tests_keep_a_memory_cache():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
