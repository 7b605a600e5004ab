"""Receipt codes: 16 digits, typed with or without spaces, hashed slowly and deterministically."""

from spcomms.lib import receipts


def test_codes_are_16_random_digits():
    codes = {receipts.new_code() for _ in range(50)}
    assert len(codes) == 50 and all(len(c) == 16 and c.isdigit() for c in codes)


def test_a_code_is_recognised_however_it_is_typed():
    assert receipts.normalise("1234 5678-9012 3456") == "1234567890123456"
    assert receipts.display("1234567890123456") == "1234 5678 9012 3456"
    for wrong in ("", "123", "1234 5678 9012 345x", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "12345678901234567"):
        assert receipts.normalise(wrong) is None


def test_the_hash_is_argon2id_stable_and_says_nothing_of_the_code():
    digest = receipts.code_hash("1234567890123456")
    assert digest == receipts.code_hash("1234567890123456") and len(digest) == 64
    assert digest != receipts.code_hash("1234567890123457") and "1234" not in digest
