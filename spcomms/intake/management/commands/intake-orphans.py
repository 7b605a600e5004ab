"""spcomms intake-orphans [--dry-run]: remove sealed files no row refers to (left by interrupted writes)."""

import datetime as dt

from django.core.management.base import BaseCommand

from spcomms.intake import files
from spcomms.intake.models import Attachment
from spcomms.lib import clock


class Command(BaseCommand):
    help = "Remove intake files that no submission refers to (unfinished writes, rolled-back transactions)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the files, remove nothing")
        parser.add_argument(
            "--grace-minutes", type=int, default=60, help="leave files younger than this (writes in progress)"
        )

    def handle(self, *args, dry_run=False, grace_minutes=60, **options):
        if grace_minutes < 0:
            self.stderr.write("--grace-minutes must be 0 or more")
            raise SystemExit(2)
        known = {str(uid) for uid in Attachment.objects.values_list("uid", flat=True)}
        found = files.find_orphans(known, clock.now(), dt.timedelta(minutes=grace_minutes))
        verb = "would remove" if dry_run else "removed"
        for path in found.unfinished + found.unreferenced:
            if not dry_run:
                path.unlink(missing_ok=True)
            self.stdout.write(f"{verb} {path.name}")
        for uid in found.missing:
            self.stdout.write(self.style.WARNING(f"file missing for attachment {uid}"))
        self.stdout.write(
            f"{verb} {len(found.unfinished)} unfinished and {len(found.unreferenced)} unreferenced file(s); "
            f"{len(found.missing)} attachment(s) without a file"
        )
