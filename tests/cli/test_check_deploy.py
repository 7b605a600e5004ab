"""`spcomms check --deploy` with production settings (no debug, a real secret key) prints no warning."""

import secrets
import subprocess
import sys


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": "",
        "HOME": str(tmp_path),
        "SPCOMMS_DATA_DIR": str(tmp_path),
        "SPCOMMS_SECRET_KEY": secrets.token_urlsafe(50),
        "SPCOMMS_ALLOWED_HOSTS": "communications.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "spcomms", "check", "--deploy"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
