"""spcomms vault-import-sources [--dry-run]: move plain-text case sources into the source vault."""

from django.core.management.base import BaseCommand

from spcomms.intake.actions import ImportLegacySources


class Command(BaseCommand):
    help = "Seal every plain-text case source (cases.Source) into the vault and delete the plain row."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count the rows, change nothing")

    def handle(self, *args, dry_run=False, **options):
        moved = ImportLegacySources("cli:vault-import-sources").execute(dry_run=dry_run)
        for case_id, source_id in moved:
            self.stdout.write(f"case {case_id}: {'would be sealed' if dry_run else f'sealed as {source_id}'}")
        self.stdout.write(f"{'would seal' if dry_run else 'sealed'} {len(moved)} source(s)")
