from django.core.management.base import BaseCommand, CommandError

from spcomms.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore the database and stored files from a backup DIR (checks its manifest; empty database unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by `spcomms backup`")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds records")

    def handle(self, directory, force, **options):
        try:
            manifest = restore(directory, force=force)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"restored the backup of {manifest['created_at']}: {rows:,} rows, {len(manifest['files'])} files"
        )
