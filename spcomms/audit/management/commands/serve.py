from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site for local use and demos (production: a WSGI server, see README)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, addrport, **options):
        # insecure_serving: static files (admin, portal CSS) are served without SPCOMMS_DEBUG too; local use only.
        call_command("runserver", addrport, use_reloader=False, insecure_serving=True)
