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


def test_new_codes_use_an_owasp_argon2id_configuration():
    # OWASP's Password Storage Cheat Sheet: m=19 MiB t=2, m=12 MiB t=3, m=9 MiB t=4 or m=7 MiB t=5 (p=1)
    owasp = {(2, 19 * 1024), (3, 12 * 1024), (4, 9 * 1024), (5, 7 * 1024), (1, 46 * 1024)}
    assert (receipts.TIME_COST, receipts.MEMORY_KIB) in owasp and receipts.PARALLELISM == 1


def test_a_code_hashed_with_the_older_parameters_is_still_found():
    from argon2.low_level import Type, hash_secret_raw

    old = hash_secret_raw(b"1234567890123456", b"spcomms-intake-receipt-v1", 3, 4096, 1, 32, Type.ID).hex()
    hashes = receipts.code_hashes("1234567890123456")
    assert hashes[0] == receipts.code_hash("1234567890123456") != old and old in hashes


def test_an_issued_code_comes_with_its_hash():
    code, digest = receipts.issue()
    assert receipts.normalise(code) == code and digest == receipts.code_hash(code)
