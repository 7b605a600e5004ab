"""spcomms purge-intake [--dry-run]: delete submissions and unfinished forms past their retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand

from spcomms.intake.actions import PurgeIntake


class Command(BaseCommand):
    help = "Delete submissions (messages, files) and unfinished forms past their retention period (--dry-run: list)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")

    def handle(self, *args, dry_run=False, **options):
        report = PurgeIntake("cli:purge-intake").execute(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        days = settings.INTAKE_RETENTION_DAYS
        for source_id, state, age in report.submissions:
            self.stdout.write(f"{verb} {source_id} ({state}, {age} days in that state; kept {days[state]})")
        self.stdout.write(
            f"{verb} {len(report.submissions)} submission(s), {report.drafts} unfinished form(s), "
            f"{report.files} file(s)"
        )
