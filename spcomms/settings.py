"""Settings come from the environment only (see docs/configuration.md); bad values stop the process at start-up."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from spcomms.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SPCOMMS_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("SPCOMMS_DEBUG", False)
SECRET_KEY = env_str("SPCOMMS_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SPCOMMS_SECRET_KEY must be set (or SPCOMMS_DEBUG=1 for local development)")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env_list("SPCOMMS_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SPCOMMS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "spcomms.audit",
    "spcomms.registry",
    "spcomms.cases",
    "spcomms.ingest",
    "spcomms.drafting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
LOGIN_URL = "admin:login"

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

# The procedure's clock (see docs/configuration.md).
PUBLICATION_DELAY_DAYS = env_int("SPCOMMS_PUBLICATION_DELAY_DAYS", 60, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("SPCOMMS_LOG_LEVEL", "INFO")},
}
