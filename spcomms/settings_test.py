"""Settings for the test suite: the real settings, fed a test environment before they are read."""

import os

os.environ.setdefault("SPCOMMS_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("SPCOMMS_SECURE_COOKIES", "0")

from spcomms.settings import *  # noqa: E402,F403
from spcomms.settings import DATA_DIR, DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that tests with several threads or processes share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-spcomms.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
