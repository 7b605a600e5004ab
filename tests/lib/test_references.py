import pytest
from hypothesis import given
from hypothesis import strategies as st

from spcomms.lib.references import ReferenceError, format_reference, parse_reference


def test_parses_the_printed_reference():
    ref = parse_reference("AL OTH 135/2021")
    assert (ref.type, ref.code, ref.number, ref.year) == ("AL", "OTH", 135, 2021)
    assert str(ref) == "AL OTH 135/2021"


def test_tolerates_spacing_and_case_but_prints_canonically():
    assert str(parse_reference("  ua chn 6 / 2021 ")) == "UA CHN 6/2021"


@pytest.mark.parametrize(
    "text, complaint",
    [
        ("", "empty"),
        ("AL OTH 135", "not of the form"),
        ("XX OTH 1/2021", "type 'XX' is not one of AL, UA, OL"),
        ("AL OT 1/2021", "code 'OT' must be a three-letter"),
        ("AL OTH 0/2021", "number '0' must be a positive"),
        ("AL OTH a/2021", "number 'a'"),
        ("AL OTH 1/21", "year '21' must be a four-digit year"),
        ("AL OTH 1/3021", "year '3021'"),
    ],
)
def test_malformed_references_say_what_is_wrong(text, complaint):
    with pytest.raises(ReferenceError, match=complaint):
        parse_reference(text)


def test_unknown_state_code_is_rejected_when_codes_are_given():
    with pytest.raises(ReferenceError, match="'XYZ' is not a known State code"):
        parse_reference("AL XYZ 1/2021", valid_codes={"CHN"})
    assert parse_reference("AL CHN 18/2020", valid_codes={"CHN"}).year == 2020


@given(
    kind=st.sampled_from(["AL", "UA", "OL"]),
    code=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3),
    number=st.integers(min_value=1, max_value=99999),
    year=st.integers(min_value=1980, max_value=2100),
)
def test_format_and_parse_round_trip(kind, code, number, year):
    text = format_reference(kind, code, number, year)
    ref = parse_reference(text)
    assert (ref.type, ref.code, ref.number, ref.year) == (kind, code, number, year)
    assert str(ref) == text


@given(st.text())
def test_parser_raises_only_its_own_error(text):
    try:
        parse_reference(text)
    except ReferenceError:
        pass
