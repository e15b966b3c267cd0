"""KIMTrack settings.

Every deployment-specific value comes from an environment variable (documented in
README.md, section "Configuration"). Defaults are safe for a local trial on
SQLite; production values are checked by `python manage.py check --deploy`.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from xstatic.pkg import bootstrap as xstatic_bootstrap

from kimtrack.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", _LOCAL_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "kimtrack.errors.csrf_failure"

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    # A local trial may run without a secret; anything reachable under a real
    # host name may not, because sessions and password-reset links depend on it.
    if set(ALLOWED_HOSTS) - set(_LOCAL_HOSTS):
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when ALLOWED_HOSTS names a real host.")
    SECRET_KEY = "django-insecure-local-trial-only-do-not-deploy"

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "districts",
    "dashboard",
    "decrees",
    "outreach",
    "reminders",
    "audit",
    "ops",
    "reports",
    "imports",
    "reading",
    "activities",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The account's language (user menu), else the switch's cookie, else KIMTRACK_LANGUAGE.
    "accounts.language.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the login check: a signed-in user who must use two-factor sign-in but has no device yet
    # reaches only the enrolment page; a session that skipped the code step is ended.
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "kimtrack.middleware.RequestLogMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out username+address pairs before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kimtrack.urls"
WSGI_APPLICATION = "kimtrack.wsgi.application"

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
                "districts.context_processors.regency_rules",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behind a web server (make run, small offices): several requests write at once.
    # WAL lets readers go on while one writes; the busy timeout makes a writer wait for the lock
    # instead of failing; IMMEDIATE takes the write lock when a transaction starts, so two
    # transactions never both read and then both try to upgrade to writing ("database is locked").
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
    }
# An optional PostgreSQL streaming replica for dashboards and exports (kimtrack/replica.py).
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            env_str("DATABASE_REPLICA_URL"), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
        ),
        # In tests the replica is the test database itself.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["kimtrack.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Self-service password reset by e-mail (Django's views): the link works once and expires after
# PASSWORD_RESET_MINUTES; requests are limited per e-mail address and per client address within
# PASSWORD_RESET_RATE_WINDOW seconds (counted in the cache below).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60, minimum=5) * 60
PASSWORD_RESET_MAX_PER_ADDRESS = env_int("PASSWORD_RESET_MAX_PER_ADDRESS", 3, minimum=1)
PASSWORD_RESET_MAX_PER_CLIENT = env_int("PASSWORD_RESET_MAX_PER_CLIENT", 10, minimum=1)
PASSWORD_RESET_RATE_WINDOW = 3600

# The cache holds rate-limit counters, so it must be shared by every worker process and host:
# a table in the database by default (`manage.py createcachetable`, run by `make run`/`make serve`).
# CACHE_BACKEND=locmem keeps it in each process (counts are then per process).
CACHE_BACKEND = env_str("CACHE_BACKEND", "database")
if CACHE_BACKEND == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kimtrack_cache"}}
elif CACHE_BACKEND == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"CACHE_BACKEND must be database or locmem, got {CACHE_BACKEND!r}")

# Two-factor sign-in (django-otp, TOTP apps such as Google Authenticator or Aegis): required for
# regency staff and superusers, and for everyone of a regency whose rules ask for it. Wrong codes
# count as failed logins for the lockout below.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "KIMTrack")
TWO_FACTOR_RECOVERY_CODES = 10
TWO_FACTOR_PENDING_SECONDS = 300  # the code step must follow the password within five minutes

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The office works in Bahasa Indonesia; KIMTRACK_LANGUAGE=en switches a deployment to English.
LANGUAGE_CODE = env_str("KIMTRACK_LANGUAGE", "id")
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"KIMTRACK_LANGUAGE must be one of {', '.join(dict(LANGUAGES))}, got {LANGUAGE_CODE!r}")
# The English catalogue (locale/en/LC_MESSAGES/django.po); `make messages` updates it, and
# `make run`/`make test`/`make serve` compile it (the .mo files are not committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch in the user menu remembers a visitor's choice in this cookie (accounts/language.py).
LANGUAGE_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Jakarta"
# Dates read "1 Desember 2026" (tables: "1 Des 2026") in both languages: kimtrack/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["kimtrack.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
]
# Scans are private: MEDIA_ROOT is never served as static files, only through
# permission-checked views, so there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media-private")))
MEDIA_URL = "/media-not-served/"

# Uploaded files live on local disk (MEDIA_ROOT) or, with STORAGE_BACKEND=s3, in a bucket of any
# S3-compatible object store, so several application hosts can share them. Either way they are
# private: no public URL is ever handed out; permission-checked views stream them.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "local":
    _MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs S3_BUCKET")
    _MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,  # e.g. MinIO, Ceph, a provider's S3 API
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,  # None: the host's IAM role / AWS config
            "secret_key": env_secret("S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("S3_PREFIX"),
            "default_acl": None,  # objects inherit the bucket's (private) policy
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be local or s3, got {STORAGE_BACKEND!r}")

STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}  # Bootstrap names the error colour "danger".

# Email: the console backend prints messages locally; set EMAIL_HOST for SMTP.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "KIMTrack <kimtrack@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Transport security: on by default whenever DEBUG is off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload flag only matters once the domain is submitted to the browsers' list; it
# is set so `check --deploy` is clean, and can be turned off.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    # Only trust X-Forwarded-Proto when a reverse proxy (nginx) sets it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Idle timeout: every request renews the session, so it ends after this many seconds without use.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 2 * 3600, minimum=300)
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp): scripts only from our own static files, never inline.
# Inline style attributes stay allowed (progress bars set their width that way); no inline script is.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],  # blob: thumbnails of files chosen for upload
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Login abuse (django-axes): after AXES_FAILURE_LIMIT failures the pair username + client address is
# locked for AXES_COOLOFF_TIME hours. Behind a reverse proxy, TRUSTED_PROXY_COUNT tells how many
# proxies add themselves to X-Forwarded-For, so the real client address is used, not 127.0.0.1.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_HOURS", 1, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["code"]  # a second-factor code is masked in the attempt records like a password
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# /healthz: anonymous probes get a cheap read-only answer; the deeper checks (migrations, a storage
# write, free disk) need this token (header X-Healthz-Token or ?token=) or a staff login.
HEALTHZ_TOKEN = env_secret("HEALTHZ_TOKEN")
HEALTHZ_MIN_FREE_MB = env_int("HEALTHZ_MIN_FREE_MB", 500, minimum=0)

# Where the national region list and map data live beside a checkout (tests, benchmarks).
KIMTRACK_SHARED_DIR = Path(env_str("KIMTRACK_SHARED_DIR", str(BASE_DIR.parent / "shared")))

# Logs go to stdout, one JSON object per line (LOG_FORMAT=plain for reading by eye).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "kimtrack.logformat.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": env_str("LOG_FORMAT", "json")}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own request log repeats our request line (and its 4xx warnings carry the query string).
    "loggers": {"django.request": {"level": "ERROR"}, "django.server": {"level": "WARNING"}},
}

# SK scan uploads: checked in kimtrack/uploads.py, the one place.
KIMTRACK_SCAN_MAX_BYTES = env_int("KIMTRACK_SCAN_MAX_MB", 10, minimum=1) * 1024 * 1024
KIMTRACK_SCAN_MAX_FILES = env_int("KIMTRACK_SCAN_MAX_FILES", 5, minimum=1)
# Staff-uploaded Word templates for draft SKs (decrees.draft_sk checks them).
KIMTRACK_SK_TEMPLATE_MAX_BYTES = env_int("KIMTRACK_SK_TEMPLATE_MAX_KB", 2048, minimum=16) * 1024
KIMTRACK_SCAN_MAX_PIXELS = env_int("KIMTRACK_SCAN_MAX_MEGAPIXELS", 60, minimum=1) * 1_000_000
# Per account: files and bytes stored in any rolling hour; per KIM: bytes of its SK scans and drafts.
KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR = env_int("KIMTRACK_UPLOAD_MAX_FILES_PER_HOUR", 100, minimum=1)
KIMTRACK_UPLOAD_MAX_BYTES_PER_HOUR = env_int("KIMTRACK_UPLOAD_MAX_MB_PER_HOUR", 200, minimum=1) * 1024 * 1024
KIMTRACK_KIM_STORAGE_MAX_BYTES = env_int("KIMTRACK_KIM_STORAGE_MAX_MB", 250, minimum=1) * 1024 * 1024
# `manage.py prune` removes reading drafts never sent and import files older than this.
KIMTRACK_PRUNE_DAYS = env_int("KIMTRACK_PRUNE_DAYS", 30, minimum=1)
KIMTRACK_SCAN_MAX_PDF_PAGES = env_int("KIMTRACK_SCAN_MAX_PDF_PAGES", 50, minimum=1)
# Hard request limits, a step above the friendly per-file checks, so a hostile
# request is cut off by Django before it is read into memory.
DATA_UPLOAD_MAX_NUMBER_FILES = KIMTRACK_SCAN_MAX_FILES * 2
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file form fields only
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files stream to a temporary file
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Absolute links in notification emails.
# SK reading assistant (OCR). Reading runs in the background task worker (`manage.py db_worker`);
# without Tesseract and its Indonesian data, uploads work as before and pages say reading is off.
OCR_ENABLED = env_bool("OCR_ENABLED", True)
OCR_TESSERACT_CMD = env_str("OCR_TESSERACT_CMD", "tesseract")
OCR_LANGUAGES = env_str("OCR_LANGUAGES", "ind")
OCR_MAX_PAGES = env_int("OCR_MAX_PAGES", 10, minimum=1)
OCR_PAGE_TIMEOUT_SECONDS = env_int("OCR_PAGE_TIMEOUT_SECONDS", 60, minimum=5)
# Whatever a PDF page says its size is, it is rendered into at most this many pixels (an A4 page at
# 300 dpi is 8.7 MP; A0 is 140 MP and is scaled down). One greyscale byte per pixel.
OCR_MAX_PAGE_PIXELS = env_int("OCR_MAX_PAGE_MEGAPIXELS", 40, minimum=1) * 1_000_000

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

KIMTRACK_BASE_URL = env_str("KIMTRACK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The home regency of this installation: what /publik/ shows when no ?kabupaten= is given, and the
# dashboard and import of users without a regency of their own (superusers, province viewers).
KIMTRACK_PUBLIC_REGENCY = env_str("KIMTRACK_PUBLIC_REGENCY", "35.23")

# Backups serialise with microsecond timestamps (ops/serializer.py).
SERIALIZATION_MODULES = {"pjson": "ops.serializer"}
