"""The vault's envelope: AES-256-GCM under named keys, bound to its place; key rings written and read back."""

import base64

import pytest

from spcomms.lib import vault


def test_a_sealed_value_opens_only_with_its_key_and_its_context():
    ring = vault.generate()
    blob = ring.seal(b"Amina Rahimova", "submission:1:identity")
    assert b"Amina" not in blob and vault.key_id_of(blob) == "k1"
    assert ring.open(blob, "submission:1:identity") == b"Amina Rahimova"
    with pytest.raises(vault.VaultError, match="altered or misplaced"):
        ring.open(blob, "submission:2:identity")  # copied onto another row
    with pytest.raises(vault.VaultError, match="altered or misplaced"):
        ring.open(blob[:-1] + bytes([blob[-1] ^ 1]), "submission:1:identity")
    with pytest.raises(vault.VaultError, match="not in the key ring"):
        vault.generate().with_new_current("k9").without({"k1"}).open(blob, "submission:1:identity")


def test_the_same_text_seals_differently_each_time():
    ring = vault.generate()
    assert ring.seal(b"same", "c") != ring.seal(b"same", "c")


def test_rotation_keeps_old_values_open_and_reseals_them_under_the_new_key():
    old = vault.generate()
    blob = old.seal(b"narrative", "ctx")
    new = old.with_new_current()
    assert new.current == "k2" and new.open(blob, "ctx") == b"narrative"
    moved = new.reseal(blob, "ctx")
    assert vault.key_id_of(moved) == "k2" and new.without({"k1"}).open(moved, "ctx") == b"narrative"
    assert new.reseal(moved, "ctx") is moved


def test_a_key_ring_is_written_and_read_back_with_mode_600(tmp_path):
    ring = vault.generate().with_new_current()
    path = tmp_path / "vault.key"
    vault.write_key_file(path, ring)
    assert path.stat().st_mode & 0o777 == 0o600
    again = vault.read_key_file(path)
    assert again.current == "k2" and again.keys == ring.keys
    path.chmod(0o644)
    with pytest.raises(vault.VaultError, match="readable by others"):
        vault.read_key_file(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "holds no key"),
        ("nocolon", "is not written ID:KEY"),
        ("k1:!!!", "not URL-safe base64"),
        (f"k1:{base64.urlsafe_b64encode(b'short').decode()}", "is 5 bytes; it must be 32"),
        (
            "k1:"
            + base64.urlsafe_b64encode(bytes(32)).decode()
            + ",k1:"
            + base64.urlsafe_b64encode(bytes(32)).decode(),
            "appears twice",
        ),
    ],
)
def test_bad_key_rings_are_refused_with_what_is_wrong(text, problem):
    with pytest.raises(vault.VaultError, match=problem):
        vault.parse(text, "SPCOMMS_VAULT_KEY")


def test_garbage_is_not_a_sealed_value():
    with pytest.raises(vault.VaultError, match="not a sealed vault value"):
        vault.generate().open(b"plain text", "c")
    with pytest.raises(vault.VaultError, match="truncated"):
        vault.generate().open(b"SV1\x02k1" + b"\x00" * 5, "c")
