import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from spcomms.audit.models import AuditEvent
from spcomms.cli import COMMANDS, main


def test_help_lists_each_command_with_one_line(capsys):
    assert main(["spcomms", "--help"]) == 0
    out = capsys.readouterr().out
    for name in ["migrate", "createstaff", "serve", "ingest", "parse", "loaddemo", "audit"]:
        line = next(line for line in out.splitlines() if line.strip().startswith(name + " "))
        assert len(line.split(maxsplit=1)[1]) > 10  # a real one-line description
    assert set(COMMANDS) >= {"migrate", "createstaff", "serve"}


def test_bad_configuration_is_a_message_not_a_traceback(tmp_path):
    env = {"PATH": "", "SPCOMMS_DEBUG": "maybe", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "spcomms", "check"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "SPCOMMS_DEBUG='maybe' is not a boolean" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_createstaff_prints_a_login_that_works(capsys, client):
    call_command("createstaff", "clerk", "--email", "clerk@example.org")
    out = capsys.readouterr().out
    password = out.split("password ")[1].strip()
    assert client.login(username="clerk", password=password)
    assert AuditEvent.objects.filter(action="user.created").exists()


@pytest.mark.django_db
def test_createstaff_rejects_a_bad_email():
    with pytest.raises(CommandError, match="is not an e-mail address"):
        call_command("createstaff", "clerk", "--email", "not-an-email")


@pytest.mark.django_db
def test_audit_command_rejects_malformed_object(capsys):
    with pytest.raises(CommandError, match="must be TYPE:ID"):
        call_command("audit", "--object", "nonsense")
