"""Settings come from the environment only (see docs/configuration.md); bad values stop the process at start-up."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from spcomms.lib.env import env_bool, env_int, env_list, env_str
from spcomms.lib.secret_key import stored_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SPCOMMS_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("SPCOMMS_DEBUG", False)
# Production sets SPCOMMS_REQUIRE_SECRET_KEY=1 so that a missing key stops the process instead of being generated.
REQUIRE_SECRET_KEY = env_bool("SPCOMMS_REQUIRE_SECRET_KEY", False)
SECRET_KEY = env_str("SPCOMMS_SECRET_KEY")
if not SECRET_KEY:
    if REQUIRE_SECRET_KEY:
        raise ImproperlyConfigured("SPCOMMS_SECRET_KEY must be set (SPCOMMS_REQUIRE_SECRET_KEY=1 is on)")
    # DEBUG: a fixed key; otherwise one generated once into the data directory (mode 0600) and reused.
    SECRET_KEY = "development-only-not-secret" if DEBUG else stored_secret_key(DATA_DIR)  # noqa: S105
ALLOWED_HOSTS = env_list("SPCOMMS_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SPCOMMS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "spcomms.audit",
    "spcomms.registry",
    "spcomms.cases",
    "spcomms.ingest",
    "spcomms.drafting",
    "spcomms.portal",
    "spcomms.assessment",
    # intake and reports before workflow: their permissions exist when workflow's post_migrate builds the role groups
    "spcomms.intake",
    "spcomms.reports",
    "spcomms.workflow",
    "spcomms.adminsite",
]

MIDDLEWARE = [
    "spcomms.portal.errors.JsonErrorMiddleware",  # outermost: sees every refusal, the framework's too
    "spcomms.lib.middleware.RequestSizeLimitMiddleware",  # before anything reads the body
    "spcomms.lib.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "spcomms.workflow.sessions.StaffSessionMiddleware",
    "spcomms.workflow.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "spcomms.urls"
WSGI_APPLICATION = "spcomms.wsgi.application"

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
            ],
        },
    },
]


def _database(url: str) -> dict:
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} is not a database URL: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE: a write transaction takes the lock at BEGIN, so concurrent writers queue instead of failing
        # half-way ("database is locked"); this is what makes reference allocation safe on SQLite too.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"DATABASE_URL={url!r}: only sqlite:// and postgres:// are supported")
    return config


DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'spcomms.sqlite3'}")
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/staff/login/"
# Counts failed logins per username+IP and locks after too many (spcomms.workflow.auth); admin login included.
AUTHENTICATION_BACKENDS = ["spcomms.workflow.auth.ThrottledModelBackend"]
LOGIN_MAX_FAILURES = env_int("SPCOMMS_LOGIN_MAX_FAILURES", 5, minimum=1)  # per username, from any address
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("SPCOMMS_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1)  # any username
LOGIN_LOCK_MINUTES = env_int("SPCOMMS_LOGIN_LOCK_MINUTES", 15, minimum=1)
# Addresses of the reverse proxies in front: only from them is X-Forwarded-For believed (workflow.auth.client_ip).
TRUSTED_PROXIES = env_list("SPCOMMS_TRUSTED_PROXIES", [])

# Two-factor login (TOTP, django-otp) for the roles that read sources, submissions or confidential letters, or
# approve letters (docs/security.md): the secretariat, reviewers, holders, and staff granted intake.read_source.
TWO_FACTOR_REQUIRED = env_bool("SPCOMMS_TWO_FACTOR_REQUIRED", not DEBUG)
TWO_FACTOR_PERMISSIONS = (
    "intake.read_source",
    "intake.triage_submission",
    "cases.view_communication",
    "workflow.approve_letters",
)
OTP_TOTP_ISSUER = "spcomms"

# Staff sessions: logged out after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after login.
SESSION_IDLE_MINUTES = env_int("SPCOMMS_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env_int("SPCOMMS_SESSION_MAX_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "spcomms" / "locale"]
TIME_ZONE = env_str("SPCOMMS_TIME_ZONE", "Europe/Zurich")  # Geneva: letters are dated there
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"  # never served publicly: replies and annexes go through views that check visibility

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and env_bool("SPCOMMS_SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# HTTPS: the TLS-terminating proxy redirects http:// itself; HSTS tells browsers never to try http:// again.
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SPCOMMS_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SPCOMMS_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SPCOMMS_HSTS_PRELOAD", True)  # the header only allows listing; nothing is submitted
SECURE_SSL_REDIRECT = env_bool("SPCOMMS_SSL_REDIRECT", not DEBUG)
# The proxy must set X-Forwarded-Proto and overwrite one sent by the client (README, production notes).
if env_bool("SPCOMMS_BEHIND_TLS_PROXY", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere (templates link static files), so no 'unsafe-inline' (spcomms.lib.middleware).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
NO_STORE_PREFIXES = ("/staff/", "/admin/", "/reply/")  # staff pages, confidential downloads, reply links

# Request size, refused before the body is read (spcomms.lib.middleware): the largest upload plus its form.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("SPCOMMS_DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440, minimum=1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("SPCOMMS_DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000, minimum=10)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("SPCOMMS_DATA_UPLOAD_MAX_NUMBER_FILES", 10, minimum=1)

# The procedure's clock (see docs/configuration.md).
PUBLICATION_DELAY_DAYS = env_int("SPCOMMS_PUBLICATION_DELAY_DAYS", 60, minimum=1)
REPLY_DAYS = {
    "AL": env_int("SPCOMMS_REPLY_DAYS_AL", 60, minimum=1),
    "OL": env_int("SPCOMMS_REPLY_DAYS_OL", 60, minimum=1),
    "UA": env_int("SPCOMMS_REPLY_DAYS_UA", 30, minimum=1),  # urgent appeals ask for a quicker answer
}


def _day_offsets(name: str, default: str) -> tuple[int, ...]:
    raw = env_str(name, default) or ""
    try:
        return tuple(sorted({int(part) for part in raw.split(",") if part.strip()}))
    except ValueError:
        raise ImproperlyConfigured(f"environment variable {name}={raw!r} is not a list of whole numbers") from None


# Reminder e-mails, in days relative to the reply due date (negative: before it); each is sent once.
REMINDER_OFFSETS_DAYS = _day_offsets("SPCOMMS_REMINDER_OFFSETS_DAYS", "-7,7")
REPLY_LINK_DAYS = env_int("SPCOMMS_REPLY_LINK_DAYS", 365, minimum=1)
REPLY_MAX_BYTES = env_int("SPCOMMS_REPLY_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
REPLY_LINK_RATE = env_int("SPCOMMS_REPLY_LINK_RATE", 30, minimum=1)  # uploads per link, failed look-ups per IP, an hour
REQUEST_MAX_BYTES = env_int("SPCOMMS_REQUEST_MAX_BYTES", REPLY_MAX_BYTES + 1024 * 1024, minimum=1024)

# Outgoing mail (spcomms worker). The worker always talks SMTP; there is no "console" mode in production.
# The web application and the worker build reply links from SITE_URL and send as MAIL_FROM: with debug off they
# refuse to start without them (`require_production_settings`); parse, render, ingest and the like do not need them.
SITE_URL = (env_str("SPCOMMS_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "") or "").rstrip("/")
EMAIL_HOST = env_str("SPCOMMS_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("SPCOMMS_SMTP_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("SPCOMMS_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("SPCOMMS_SMTP_PASSWORD", "")
SMTP_SECURITY = env_str("SPCOMMS_SMTP_SECURITY", "none")
if SMTP_SECURITY not in {"none", "starttls", "tls"}:
    raise ImproperlyConfigured(f"SPCOMMS_SMTP_SECURITY={SMTP_SECURITY!r} must be none, starttls or tls")
EMAIL_USE_TLS, EMAIL_USE_SSL = SMTP_SECURITY == "starttls", SMTP_SECURITY == "tls"
EMAIL_TIMEOUT = env_int("SPCOMMS_SMTP_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("SPCOMMS_MAIL_FROM", "communications@localhost" if DEBUG else "")
if DEFAULT_FROM_EMAIL and "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(f"SPCOMMS_MAIL_FROM={DEFAULT_FROM_EMAIL!r} is not an e-mail address")
MAIL_DOMAIN = DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1] if DEFAULT_FROM_EMAIL else "localhost"
PRODUCTION_SETTINGS = {"SPCOMMS_SITE_URL": "SITE_URL", "SPCOMMS_MAIL_FROM": "DEFAULT_FROM_EMAIL"}
OUTBOX_MAX_ATTEMPTS = env_int("SPCOMMS_OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
OUTBOX_LEASE_SECONDS = env_int("SPCOMMS_OUTBOX_LEASE_SECONDS", 600, minimum=1)
WORKER_INTERVAL_SECONDS = env_int("SPCOMMS_WORKER_INTERVAL", 60, minimum=1)

# The source vault (spcomms.intake, docs/intake.md): the key ring is never in the database. SPCOMMS_VAULT_KEY holds
# `ID:KEY` items (first = current); otherwise the key file. Outside DEBUG the web application and the worker stop at
# start without a key (`require_production_settings`), unless generating one is asked for (demo, tests,
# benchmarks); commands that never open the vault (parse, render, audit…) run without one.
VAULT_KEY = env_str("SPCOMMS_VAULT_KEY")
VAULT_KEY_FILE = Path(env_str("SPCOMMS_VAULT_KEY_FILE", str(DATA_DIR / "vault.key")))
VAULT_KEY_GENERATE = env_bool("SPCOMMS_VAULT_KEY_GENERATE", DEBUG)
# Public submissions: limits per file and per submission, rates per address an hour, retention per state (days).
INTAKE_MAX_FILE_BYTES = env_int("SPCOMMS_INTAKE_MAX_FILE_BYTES", 20 * 1024 * 1024, minimum=1024)
INTAKE_MAX_FILES = env_int("SPCOMMS_INTAKE_MAX_FILES", 10, minimum=1)
INTAKE_MAX_TOTAL_BYTES = env_int("SPCOMMS_INTAKE_MAX_TOTAL_BYTES", 60 * 1024 * 1024, minimum=1024)
INTAKE_SUBMIT_RATE = env_int("SPCOMMS_INTAKE_SUBMIT_RATE", 10, minimum=1)  # finished submissions per address
INTAKE_POST_RATE = env_int("SPCOMMS_INTAKE_POST_RATE", 300, minimum=1)  # form steps and answers per address
INTAKE_LOOKUP_RATE = env_int("SPCOMMS_INTAKE_LOOKUP_RATE", 10, minimum=1)  # wrong receipt codes per address
INTAKE_CODE_RATE = env_int("SPCOMMS_INTAKE_CODE_RATE", 20, minimum=1)  # look-ups of one receipt code
INTAKE_STATUS_MINUTES = env_int("SPCOMMS_INTAKE_STATUS_MINUTES", 30, minimum=1)  # a code opens the page this long
INTAKE_RETENTION_DAYS = {
    "draft": env_int("SPCOMMS_INTAKE_RETENTION_DRAFT", 30, minimum=1),  # unfinished forms
    "new": env_int("SPCOMMS_INTAKE_RETENTION_NEW", 3650, minimum=1),
    "information_requested": env_int("SPCOMMS_INTAKE_RETENTION_INFORMATION_REQUESTED", 730, minimum=1),
    "admissible": env_int("SPCOMMS_INTAKE_RETENTION_ADMISSIBLE", 3650, minimum=1),
    "not_taken_up": env_int("SPCOMMS_INTAKE_RETENTION_NOT_TAKEN_UP", 365, minimum=1),
    "merged": env_int("SPCOMMS_INTAKE_RETENTION_MERGED", 365, minimum=1),
    "converted": env_int("SPCOMMS_INTAKE_RETENTION_CONVERTED", 3650, minimum=1),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SPCOMMS_LOG_LEVEL", "INFO")},
}
