"""Settings for the test suite: fast hashing, in-memory email unless a test swaps it."""
from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
