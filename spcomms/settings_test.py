"""Settings for the test suite: the real settings, fed a test environment before they are read."""

import os

os.environ.setdefault("SPCOMMS_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("SPCOMMS_SECURE_COOKIES", "0")
os.environ.setdefault("SPCOMMS_SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("SPCOMMS_MAIL_FROM", "communications@localhost")

from spcomms.settings import *  # noqa: E402,F403
from spcomms.settings import DATA_DIR, DATABASES  # noqa: E402

# One test database per test process, so that two runs at once (a developer and CI, parallel workers) never meet.
_RUN = os.getpid()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that tests with several threads share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-spcomms-{_RUN}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_spcomms_{_RUN}"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # live-server threads must not keep the test database open

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
