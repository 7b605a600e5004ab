from django.core.management.base import BaseCommand, CommandError

from spcomms.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the stored files to DIR, with a manifest of sha256 sums (docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty directory")

    def handle(self, directory, **options):
        try:
            manifest = backup(directory)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"backed up {manifest['engine']} database ({rows:,} rows) and {len(manifest['files'])} files to {directory}"
        )
