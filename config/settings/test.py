"""Settings for the test suite: fast hashing, in-memory email unless a test swaps it."""
from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# Tests run on a SQLite *file*, as production does: an in-memory shared-cache database
# answers concurrent writers with "database table is locked" at once, where a file in
# WAL mode makes them wait (busy timeout), so the concurrency tests test the real thing.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
