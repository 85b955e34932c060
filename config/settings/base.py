"""Settings shared by every environment; values come from the environment (django-environ)."""
from pathlib import Path

import environ
from csp.constants import NONE, SELF

from config.security import install_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env", overwrite=False)

# The install's data: SQLite, uploaded files, the secret key, the embedded broker.
VAR_DIR = Path(env("DONDOC_VAR_DIR", default=str(BASE_DIR / "var"))).resolve()
SECRET_KEY = env("DJANGO_SECRET_KEY", default=None) or install_secret_key(VAR_DIR)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tracker",
    "ingest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tracker.middleware.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.security.RequestBodyLimitMiddleware",
    "config.security.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.context_processors.navigation",
            ],
        },
    },
]
# Forms' inputs, textareas and selects written in Python as Django's templates write them (tracker.widgets).
FORM_RENDERER = "tracker.widgets.FastRenderer"

# SQLite is the embedded default: WAL and IMMEDIATE transactions so concurrent
# writers wait for the lock instead of failing with "database is locked".
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dondoc.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # Reads through a memory map and a 64 MB page cache per connection rather than SQLite's
            # 2 MB: at 1M tasks (740 MB) a page's row lookups cost half (bench_tracker, docs/scale.md).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                            f"PRAGMA mmap_size={env.int('SQLITE_MMAP_MB', default=1024) * 2**20}; "
                            "PRAGMA cache_size=-65536;",
        }
    )
# Each web process keeps its connection between requests: a new SQLite connection per request re-reads
# the schema and starts with a cold page cache (gunicorn, 30k tasks: the list 50-130 ms instead of 25).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A form's unit choices (ModelChoiceField iterates with .iterator()) would each open a server-side
    # cursor WITH HOLD: DECLARE, FETCH and CLOSE, three round trips for a few hundred units (task page).
    DATABASES["default"].setdefault("DISABLE_SERVER_SIDE_CURSORS", True)
    # Django's defaults stay: client-side binding, no prepared statements. Prepared, PostgreSQL turns to
    # generic plans after five runs, and those cannot use the open-task partial indexes (the dashboard
    # 60 ms → 1.2 s at 1M); with custom plans only the parse is saved, within noise (docs/scale.md).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "tracker.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, its get_user reading the user's unit and the request's stamps in the same statement.
    "tracker.auth.Backend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracker:task_list"
LOGOUT_REDIRECT_URL = "login"

# Django's database sessions, their row (with its user's id, tracker.models.Session) read joined to the user.
SESSION_ENGINE = "tracker.sessions"
# A working day of inactivity ends the session.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=9 * 3600)
# Renewed by tracker.middleware at most every few minutes rather than written on every request.
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=300)

# Failed logins: lock a username *from one address* after 5 failures for 15 minutes, so a
# stranger cannot lock the clerk out. Behind a reverse proxy the client address is the one
# the proxy appended to X-Forwarded-For: set DONDOC_TRUSTED_PROXY_COUNT (proxies in front of
# gunicorn) and optionally DONDOC_TRUSTED_PROXIES (their addresses). Without them the header
# is ignored (config.security.client_ip).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
TRUSTED_PROXY_COUNT = env.int("DONDOC_TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("DONDOC_TRUSTED_PROXIES", default=[])
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# Vietnamese for everyone, whatever the browser asks for (no LocaleMiddleware).
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
FORMAT_MODULE_PATH = ["config.formats"]  # vi: dd/mm/yyyy in the admin too

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Bootstrap comes from npm at set-up (package.json) and is served locally.
if (BASE_DIR / "node_modules" / "bootstrap" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "config.security.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# Uploads: Django has no file-size cap of its own; the importer checks this one.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_CHARS = env.int("IMPORT_MAX_CHARS", default=1_000_000)
# A stored source file no communiqué refers to, this many hours old, is removed (an import killed mid-way).
ORPHAN_SOURCE_HOURS = env.int("ORPHAN_SOURCE_HOURS", default=24)
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# No request body beyond the largest upload plus its form (config.security.RequestBodyLimitMiddleware).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=max(IMPORT_MAX_BYTES, ATTACHMENT_MAX_BYTES) + 1024 * 1024)

# Every page: scripts and styles from this server only (style attributes allowed), no
# plugins, no framing, forms post here. Downloads get a stricter sandbox (config.security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# One process's memory (scripts/run.sh, tests); production shares a Redis (config.settings.production).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Timeliness: a task due within this many days is "sắp đến hạn".
DUE_SOON_DAYS = env.int("DUE_SOON_DAYS", default=7)
# The office's own unit receives directives with no owner.
OFFICE_UNIT_CODE = env("OFFICE_UNIT_CODE", default="VPTU")
# The province whose directory load_province / load_seeds build (a name from vietnam-provinces).
DONDOC_PROVINCE = env("DONDOC_PROVINCE", default="Hà Tĩnh")

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Connect and each read: a hung server costs one timeout, not a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="dondoc <dondoc@localhost>")
OFFICE_EMAIL = env("OFFICE_EMAIL", default="vanphong@localhost")
# Reminder sending: a claimed outbox row is reserved this long (renewed before each email,
# so it only has to outlast one email's SMTP exchange at EMAIL_TIMEOUT per step); temporary SMTP
# errors retry after base × 2^attempt seconds, up to a number of attempts.
REMINDER_CLAIM_LEASE_SECONDS = env.int("REMINDER_CLAIM_LEASE_SECONDS", default=90)
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=60)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=12)

# Every Redis connection gives up on a hung server after these seconds. Web requests
# never wait for it at all: they publish from a background thread (tracker.reminders).
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=5)
REDIS_SOCKET_OPTIONS = {"socket_connect_timeout": min(REDIS_SOCKET_TIMEOUT, 2), "socket_timeout": REDIS_SOCKET_TIMEOUT}

REPORT_PROVINCE = env("REPORT_PROVINCE", default="")  # the report's issuing body: "TỈNH ỦY <province>"
REPORT_PLACE = env("REPORT_PLACE", default="")  # the place on the report's date line

# Celery: Redis in production; the embedded default is kombu's filesystem
# transport so a fresh machine needs no broker server.
CELERY_BROKER_URL = env("REDIS_URL", default="filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "out"),
        "data_folder_out": str(VAR_DIR / "broker" / "out"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600, **REDIS_SOCKET_OPTIONS}
)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The beat only polls: ReminderPolicy.send_time (edited in the admin) decides when a day is
# swept. flush_outbox, every minute, also sends what a broker or SMTP outage or a killed
# worker (once its short lease has run out) left behind.
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "tracker.reminders.tasks.daily_sweep",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
    "flush-outbox": {
        "task": "tracker.reminders.tasks.flush_outbox",
        "schedule": 60,
        "options": {"expires": 50},
    },
    # Last month's report to the policy's addresses: queued once per month (the first poll of
    # the month does it, a missed one is caught up by the next), sent by the outbox.
    "monthly-report": {
        "task": "tracker.reports.tasks.monthly_report",
        "schedule": 10 * 60,
        "options": {"expires": 9 * 60},
    },
    # Source files an interrupted import left behind (ingest.services.cleanup): a poll like the others
    # (a restarted beat would keep postponing a daily interval); each pass is one listing and one query.
    "remove-orphan-sources": {
        "task": "ingest.tasks.remove_orphan_sources",
        "schedule": 10 * 60,
        "options": {"expires": 9 * 60},
    },
    # Webhook retries wait in their outbox; this pass also picks up what a broker outage left.
    "flush-webhooks": {
        "task": "tracker.webhooks.tasks.deliver_webhooks",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
}
# Seconds of sending per task run (well inside the soft limit), and the longest countdown
# a follow-up send is scheduled with (well inside the Redis visibility timeout).
REMINDER_SEND_BUDGET_SECONDS = 200
REMINDER_MAX_COUNTDOWN_SECONDS = 300

# The API (/api/v1/): personal tokens or the session, JSON errors in Vietnamese, per-token throttling.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tracker.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tracker.api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["tracker.api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": env("API_THROTTLE_RATE", default="600/min")},
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tracker.api.exceptions.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATE_INPUT_FORMATS": ["iso-8601", *DATE_INPUT_FORMATS],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dondoc API",
    "DESCRIPTION": "Theo dõi thực hiện thông báo kết luận: nhiệm vụ, thông báo, đơn vị, báo cáo. Xem docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI served from our static files (no CDN: offices are often on an intranet).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# Webhooks: delivered from their outbox with the email outbox's lease, back-off and attempts (REMINDER_*).
WEBHOOK_TIMEOUT = env.int("WEBHOOK_TIMEOUT", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
