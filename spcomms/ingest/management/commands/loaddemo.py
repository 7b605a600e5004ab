from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data: ingest the real sample letters of March 2021 shipped in samples/."

    def add_arguments(self, parser):
        parser.add_argument("--samples", default=str(Path(settings.BASE_DIR) / "samples"))

    def handle(self, samples, **options):
        call_command("ingest", samples, stdout=self.stdout, stderr=self.stderr)
