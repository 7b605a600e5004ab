"""spcomms vault-rotate: a new current key, everything re-sealed under it, then (--retire) old keys dropped."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from spcomms.intake import keys
from spcomms.intake.actions import ResealVault, keys_in_use
from spcomms.lib import vault


class Command(BaseCommand):
    help = "Rotate the source vault's key: add a new current key, re-seal every value and file, retire old keys."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reseal-only",
            action="store_true",
            help="only re-seal under the current key (after putting a new key first in SPCOMMS_VAULT_KEY)",
        )
        parser.add_argument("--retire", action="store_true", help="drop keys nothing is sealed under any more")

    def handle(self, *args, reseal_only=False, retire=False, **options):
        path = Path(settings.VAULT_KEY_FILE)
        if not reseal_only:
            if keys.from_environment():
                raise CommandError(
                    "the key ring comes from SPCOMMS_VAULT_KEY: put a new key first there (spcomms vault-rotate "
                    "cannot change the environment), restart, then run spcomms vault-rotate --reseal-only"
                )
            ring = keys.keyring().with_new_current()
            vault.write_key_file(path, ring)
            keys.reload()
            self.stdout.write(f"new current key {ring.current} written to {path}")
        counts = ResealVault("cli:vault-rotate").execute()
        ring = keys.keyring()
        self.stdout.write(
            f"re-sealed under {ring.current}: {counts['submissions']} submission(s), {counts['drafts']} draft(s), "
            f"{counts['messages']} message(s), {counts['attachments']} file(s)"
        )
        if retire:
            used = keys_in_use()
            unused = set(ring.keys) - used - {ring.current}
            if keys.from_environment():
                self.stdout.write(f"remove these keys from SPCOMMS_VAULT_KEY: {', '.join(sorted(unused)) or 'none'}")
                return
            vault.write_key_file(path, ring.without(unused))
            keys.reload()
            self.stdout.write(f"retired key(s): {', '.join(sorted(unused)) or 'none'}")
