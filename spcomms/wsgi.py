import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spcomms.settings")
application = get_wsgi_application()

from spcomms.lib.env import require_production_settings  # noqa: E402 - needs the settings loaded above

require_production_settings()
