"""Dates as the sources write them (crawler.dates): one test per format, including the
ambiguous and unreadable ones, which must come back empty and logged, never guessed."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from crawler.dates import local_date, parse_closing_date, parse_date


def test_iso_date():
    assert parse_date("2019-08-18", day_first=None) == "2019-08-18"


def test_iso_instant_with_offset_keeps_its_own_date():
    assert parse_date("2026-08-03T00:00:00+00:00", day_first=None) == "2026-08-03"


def test_compact_iso_date():
    assert parse_date("20241101", day_first=None) == "2024-11-01"


def test_day_first_numeric_date():
    assert parse_date("14/10/2024", day_first=True) == "2024-10-14"


def test_numeric_date_with_only_one_reading_needs_no_declared_order():
    assert parse_date("14/10/2024", day_first=None) == "2024-10-14"


def test_ambiguous_numeric_date_is_not_guessed(caplog):
    with caplog.at_level(logging.WARNING, logger="crawler.dates"):
        assert parse_date("03/04/2024", day_first=None) is None
    assert "ambiguous date '03/04/2024'" in caplog.text


def test_ambiguous_numeric_date_read_in_the_source_order():
    assert parse_date("03/04/2024", day_first=True) == "2024-04-03"
    assert parse_date("03/04/2024", day_first=False) == "2024-03-04"


def test_numeric_date_contradicting_the_source_order_is_left_empty(caplog):
    with caplog.at_level(logging.WARNING, logger="crawler.dates"):
        assert parse_date("14/10/2024", day_first=False) is None
    assert "cannot be read month-first" in caplog.text


def test_month_name_date():
    assert parse_date("April 29, 2014", day_first=None) == "2014-04-29"


def test_weekday_and_geneva_midnight_remark():
    assert parse_date("Sunday 22 May 2022 (midnight Geneva time)", day_first=None) == "2022-05-22"


def test_new_york_deadline_with_redundant_pm():
    value = "10/09/2026 23:59:59 PM (New York time)"
    assert parse_date(value, day_first=False, tz="America/New_York") == "2026-10-09"


def test_new_york_posted_date_with_redundant_am():
    assert parse_date("09/25/2026 00:00:00 AM (New York time)", day_first=False) == "2026-09-25"


def test_dd_mon_yyyy():
    assert parse_date("14-May-2026", day_first=True) == "2026-05-14"


def test_mon_dd_yy():
    assert parse_date("May-15-26", day_first=True) == "2026-05-15"


def test_rfc_1123_instant_converted_to_the_source_zone():
    value = "Wed, 01 Apr 2026 18:55:00 GMT"
    assert parse_date(value, day_first=None, tz="Asia/Tokyo") == "2026-04-02"


def test_time_datetime_utc_instant_to_local_date():
    # <time datetime="2026-06-07T03:59:59.000Z">: 23:59:59 the day before in New York.
    assert local_date("2026-06-07T03:59:59.000Z", "America/New_York") == "2026-06-06"


def test_time_datetime_without_zone_keeps_written_date():
    assert local_date("2026-06-09T21:55:00Z", None) == "2026-06-09"


def test_unreadable_instant(caplog):
    with caplog.at_level(logging.WARNING, logger="crawler.dates"):
        assert local_date("soon", "UTC") is None
    assert "unreadable instant" in caplog.text


def test_closed():
    assert parse_closing_date("Closed", day_first=None) == (None, "closed")


def test_vacancy_now_closed_sentence():
    assert parse_closing_date("This vacancy is now closed.", day_first=None) == (None, "closed")


def test_open_closing_date():
    assert parse_closing_date("2025-11-30", day_first=None) == ("2025-11-30", "open")


def test_unreadable_date_is_left_empty_and_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="crawler.dates"):
        assert parse_closing_date("Central Standard Time (Mexico)", day_first=True) == (
            None,
            "open",
        )
    assert "unreadable date" in caplog.text


def test_month_and_year_only_is_not_completed():
    assert parse_date("May 2022", day_first=None) is None


def test_impossible_date():
    assert parse_date("2024-02-30", day_first=None) is None


def test_relative_date_needs_a_reference_time():
    assert parse_date("4 hours ago", day_first=None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posted 6 Days Ago", "2026-05-04"),
        ("Posted Yesterday", "2026-05-09"),
        ("Posted Today", "2026-05-10"),
        ("4 hours ago", "2026-05-10"),
        ("Posted 30+ Days Ago", None),
    ],
)
def test_relative_dates_from_the_fetch_time(text, expected):
    fetched = datetime(2026, 5, 10, 12, 0)
    assert parse_date(text, day_first=None, relative_to=fetched) == expected


def test_empty_values():
    assert parse_date(None, day_first=None) is None
    assert parse_date("  ", day_first=None) is None
