"""spcomms vault-rotate: a new current key, every value and file re-sealed, old keys retired."""

import pytest
from django.core.management import CommandError, call_command

from spcomms.intake import files, keys, records
from spcomms.intake.actions import keys_in_use
from spcomms.intake.models import Submission
from spcomms.lib import vault

from .helpers import PDF, submit

pytestmark = pytest.mark.django_db(transaction=True)  # files are re-sealed when the rows commit


@pytest.fixture
def own_key_file(settings, tmp_path):
    settings.VAULT_KEY, settings.VAULT_KEY_FILE, settings.VAULT_KEY_GENERATE = None, tmp_path / "vault.key", True
    keys.reload()
    yield settings.VAULT_KEY_FILE
    keys.forget()


def test_rotation_reseals_rows_and_files_and_retires_the_old_key(client, own_key_file, capsys):
    submit(client)
    submission = Submission.objects.get()
    attachment = submission.files.get()
    assert keys_in_use() == {"k1"}
    call_command("vault-rotate", "--retire")
    out = capsys.readouterr().out
    assert "new current key k2" in out and "retired key(s): k1" in out and "1 file(s)" in out
    ring = vault.read_key_file(own_key_file)
    assert set(ring.keys) == {"k2"} and keys_in_use() == {"k2"}
    submission.refresh_from_db()
    assert records.identity_of(submission)["name"] == "Amina Rahimova"
    assert files.read_sealed(attachment.uid, attachment.context("data")) == PDF
    assert own_key_file.stat().st_mode & 0o777 == 0o600


def test_with_the_key_in_the_environment_it_says_how_to_rotate(settings):
    settings.VAULT_KEY = vault.generate().serialise().strip()
    keys.reload()
    try:
        with pytest.raises(CommandError, match="put a new key first there"):
            call_command("vault-rotate")
    finally:
        keys.forget()
