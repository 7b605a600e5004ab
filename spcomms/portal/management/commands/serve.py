from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from spcomms.lib.env import require_production_settings


class Command(BaseCommand):
    help = "Serve the site (public portal, staff desk, admin) for local use and demos; production: a WSGI server."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, addrport, **options):
        try:
            require_production_settings()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        call_command("runserver", addrport, use_reloader=False)
