"""The Council's calendar rules: session numbers, symbols and both windows, leap years included."""

import datetime as dt

import pytest

from spcomms.lib import sessions


def test_the_48th_session_is_september_2021_with_its_windows():
    s = sessions.session(48)
    assert (s.year, s.month, s.symbol) == (2021, 9, "A/HRC/48/3")
    assert (s.sent_from, s.sent_to) == (dt.date(2021, 3, 1), dt.date(2021, 5, 31))
    assert (s.replies_from, s.replies_to) == (dt.date(2021, 5, 1), dt.date(2021, 7, 31))


def test_the_march_2021_letters_belong_to_the_48th_session():
    assert sessions.session_for_letter(dt.date(2021, 3, 12)).number == 48


def test_31_may_and_1_june_fall_in_different_sessions():
    assert sessions.session_for_letter(dt.date(2021, 5, 31)).number == 48
    june = sessions.session_for_letter(dt.date(2021, 6, 1))
    assert (june.number, june.month, june.year) == (49, 3, 2022)
    assert june.sent_from == dt.date(2021, 6, 1) and june.sent_to == dt.date(2021, 11, 30)
    assert (june.replies_from, june.replies_to) == (dt.date(2021, 8, 1), dt.date(2022, 1, 31))


def test_the_june_session_ends_its_letter_window_on_29_february_in_a_leap_year():
    leap = sessions.session_of(2024, 6)
    assert leap.number == 56 and leap.sent_to == dt.date(2024, 2, 29)
    assert sessions.session_for_letter(dt.date(2024, 2, 29)).number == 56
    assert sessions.session_of(2023, 6).sent_to == dt.date(2023, 2, 28)
    assert sessions.session_for_letter(dt.date(2023, 12, 1)).number == 56


def test_every_day_belongs_to_exactly_one_letter_window():
    day = dt.date(2019, 1, 1)
    while day < dt.date(2025, 1, 1):
        s = sessions.session_for_letter(day)
        assert s.sent_in_window(day)
        assert not sessions.session(s.number - 1).sent_in_window(day)
        assert not sessions.session(s.number + 1).sent_in_window(day)
        day += dt.timedelta(days=1)


def test_the_last_day_of_a_reply_window_is_inside_it():
    s = sessions.session(48)
    assert s.received_in_window(dt.date(2021, 7, 31)) and not s.received_in_window(dt.date(2021, 8, 1))


def test_session_numbers_before_the_rules_are_refused():
    with pytest.raises(sessions.SessionError, match="7th"):
        sessions.session(6)
    with pytest.raises(sessions.SessionError):
        sessions.session_of(2021, 4)


def test_the_next_session_is_the_one_opening_next():
    assert sessions.next_session(dt.date(2021, 8, 15)).number == 48
    assert sessions.next_session(dt.date(2021, 9, 30)).number == 48
    assert sessions.next_session(dt.date(2021, 10, 1)).number == 49
    assert sessions.next_session(dt.date(2021, 1, 5)).number == 46


def test_sessions_are_named_in_words_as_un_documents_name_them():
    words = [sessions.ordinal_words(n) for n in (7, 21, 48, 50)]
    assert words == ["Seventh", "Twenty-first", "Forty-eighth", "Fiftieth"]
