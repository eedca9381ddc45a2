"""Dates as job sites write them, read into ISO dates (YYYY-MM-DD) without guessing.

Every function here returns an ISO date string or None. A value that cannot be read
with certainty is logged (logger ``crawler.dates``) and comes back as None: an empty
closing date is a gap a reader can see, an invented one is a wrong fact in the archive.

What each site writes and how it is read:

======================================================  ====================================
"2019-08-18", "2026-08-03T00:00:00+00:00"               ISO: always unambiguous
"20241101" (UNHCR "Target Start Date")                  compact ISO
"14/10/2024", "10/09/2026"                              numeric: order from the source
                                                        (``day_first``); None when unknown
                                                        and both readings are possible
"April 29, 2014", "14-May-2026", "May-15-26"            month names: dateparser
"Sunday 22 May 2022 (midnight Geneva time)"             weekday and time-zone remark dropped
"10/09/2026 23:59:59 PM (New York time)"                24-hour clock with a redundant AM/PM
"Wed, 01 Apr 2026 18:55:00 GMT"                         an instant: converted when ``tz`` given
``<time datetime="2026-06-09T21:55:00Z">``              an instant: :func:`local_date`
"Closed", "This vacancy is now closed."                 :func:`parse_closing_date` -> status
"4 hours ago", "Posted 6 Days Ago"                      only with ``relative_to``
======================================================  ====================================

Dates are the site's own local dates: an instant (a value with a UTC offset) is
converted to the time zone passed as ``tz`` (the zone the site states its deadlines
in): a deadline of 23:59:59 New York time is 03:59:59Z the next day, and the
archive must say the day the site shows.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import dateparser

log = logging.getLogger(__name__)

__all__ = [
    "local_date",
    "parse_closing_date",
    "parse_date",
]

# Languages the sources publish in; naming them keeps dateparser fast and stops it
# from reading an English word as a month name of some other language.
_LANGUAGES = ["en", "fr", "es"]
_DATEPARSER_SETTINGS = {
    # Never fill in a missing day or year from today's date: "May 2022" is not a date.
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_INSTANT = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
# 14/10/2024, 10.09.2026, 3-4-24 followed by anything (a time, a zone remark).
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b(.*)$")
# Remarks in brackets ("(midnight Geneva time)", "(New York time)") say which zone the
# date is in; the date itself is already local to it.
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# "23:59:59 PM": a 24-hour time followed by AM/PM that dateparser would reject.
_REDUNDANT_MERIDIEM = re.compile(r"\b(1[3-9]|2[0-3])(:\d{2}(?::\d{2})?)\s*[AP]\.?M\.?", re.I)
_ZERO_HOUR_MERIDIEM = re.compile(r"\b(00)(:\d{2}(?::\d{2})?)\s*[AP]\.?M\.?", re.I)
_WEEKDAY = re.compile(
    r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday)?\.?,?\s+", re.I
)
_RELATIVE = re.compile(
    r"\b(ago|today|yesterday|just now|hace|il y a)\b|\b\d+\+?\s*(minute|hour|day|week|month)s?\b",
    re.I,
)
_CLOSED = re.compile(
    r"^\s*(closed|expired|this (vacancy|position|job|posting) (is|has) (now )?(been )?closed"
    r"|no longer accepting applications|applications? closed)\W*$",
    re.I,
)


def _zone(tz: str | ZoneInfo | None) -> ZoneInfo | None:
    if tz is None or isinstance(tz, ZoneInfo):
        return tz
    return ZoneInfo(tz)


def local_date(instant: str | datetime, tz: str | ZoneInfo | None) -> str | None:
    """The local date in ``tz`` of an instant such as ``<time datetime="...Z">`` holds.

    ``local_date("2026-06-07T03:59:59.000Z", "America/New_York") == "2026-06-06"``.
    A naive value (no offset) is taken as already local. With ``tz=None`` the date is
    the one written in the value itself (its own offset), never converted to UTC.
    """
    if isinstance(instant, datetime):
        moment = instant
    else:
        value = instant.strip()
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            log.warning("unreadable instant %r: left empty", instant)
            return None
    zone = _zone(tz)
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.date().isoformat()


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(
    text: str | None,
    *,
    day_first: bool | None,
    tz: str | ZoneInfo | None = None,
    relative_to: datetime | None = None,
) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date as a site writes it, or None.

    ``day_first`` is the source's numeric order: True for 14/10/2024 (day/month),
    False for 10/09/2026 (month/day, UN Careers), None when the source is not known.
    With None a numeric date is read only when one reading is impossible
    ("14/10/2024"); "03/04/2024" is ambiguous and gives None (logged). A numeric date
    that contradicts the declared order ("14/10/2024" with day_first=False) also gives
    None: either the source description or the page is wrong, and a person should look.

    ``tz`` is the zone the source states dates in; it is used only to convert values
    that carry an offset (ISO instants, "... GMT"). ``relative_to`` (the fetch time)
    allows relative dates ("4 hours ago", "Posted 6 Days Ago"); without it they give None.
    """
    if text is None:
        return None
    raw = text
    value = " ".join(str(text).split()).strip(" .,;")
    if not value:
        return None

    if m := _ISO_DATE.match(value):
        result = _valid(int(m[1]), int(m[2]), int(m[3]))
        if result is None:
            log.warning("impossible date %r: left empty", raw)
        return result
    if _ISO_INSTANT.match(value):
        return local_date(value, tz)
    if m := _COMPACT.match(value):
        result = _valid(int(m[1]), int(m[2]), int(m[3]))
        if result is None:
            log.warning("impossible date %r: left empty", raw)
        return result

    value = _BRACKETS.sub(" ", value)
    value = _REDUNDANT_MERIDIEM.sub(r"\1\2", value)
    value = _ZERO_HOUR_MERIDIEM.sub(r"\1\2", value)
    value = _WEEKDAY.sub("", " ".join(value.split())).strip(" .,;")

    if m := _NUMERIC.match(value):
        return _numeric(m, day_first, raw)

    if _RELATIVE.search(value):
        if relative_to is None:
            log.info("relative date %r without a reference time: left empty", raw)
            return None
        return _relative(value, relative_to, raw)

    if not re.search(r"[A-Za-zÀ-ÿ]{3,}", value):
        log.warning("unreadable date %r: left empty", raw)
        return None
    parsed = _dateparser(value, aware=False)
    if parsed is None:
        log.warning("unreadable date %r: left empty", raw)
        return None
    if re.search(r"\b(GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\b", value) and _zone(tz) is not None:
        aware = _dateparser(value, aware=True)
        if aware is not None and aware.tzinfo is not None:
            return local_date(aware, tz)
    return parsed.date().isoformat()


# A value with a four-digit year: a date of its own, which dateparser reads the same
# whatever the day. Only such values are remembered.
_YEAR = re.compile(r"\d{4}")


def _dateparser(value: str, *, aware: bool) -> datetime | None:
    """dateparser's reading of `value` (a naive datetime, or an aware one if `aware`).

    A crawl reads the same few dates on page after page (postings opened and closing on
    the same days), and dateparser takes milliseconds a value: each dated value is read
    once. A value without a year is read afresh, lest a phrase dateparser reads from
    today's date ("tomorrow") outlive the day.
    """
    if _YEAR.search(value):
        return _remembered_dateparser(value, aware)
    return _run_dateparser(value, aware)


def _run_dateparser(value: str, aware: bool) -> datetime | None:
    settings = {**_DATEPARSER_SETTINGS, "RETURN_AS_TIMEZONE_AWARE": aware}
    parsed: datetime | None = dateparser.parse(value, languages=_LANGUAGES, settings=settings)
    return parsed


_remembered_dateparser = lru_cache(maxsize=4096)(_run_dateparser)


def _numeric(m: re.Match[str], day_first: bool | None, raw: str) -> str | None:
    first, second, year_text = int(m[1]), int(m[2]), m[3]
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    as_day_first = _valid(year, second, first)
    as_month_first = _valid(year, first, second)
    if day_first is True:
        result = as_day_first
    elif day_first is False:
        result = as_month_first
    elif as_day_first and as_month_first and as_day_first != as_month_first:
        log.warning(
            "ambiguous date %r (day-first %s, month-first %s) and the source's order is "
            "not known: left empty",
            raw,
            as_day_first,
            as_month_first,
        )
        return None
    else:
        result = as_day_first or as_month_first
    if result is None:
        order = {True: "day-first", False: "month-first", None: "either order"}[day_first]
        log.warning("date %r cannot be read %s: left empty", raw, order)
    return result


def _relative(value: str, relative_to: datetime, raw: str) -> str | None:
    lowered = value.lower()
    if "today" in lowered or "just now" in lowered:
        return relative_to.date().isoformat()
    if "yesterday" in lowered:
        return (relative_to - timedelta(days=1)).date().isoformat()
    if re.search(r"\d+\+", lowered):
        # "Posted 30+ Days Ago" is a lower bound, not a date.
        log.info("open-ended relative date %r: left empty", raw)
        return None
    m = re.search(r"(\d+)\s*(minute|hour|day|week)s?", lowered)
    if m is None:
        log.warning("unreadable relative date %r: left empty", raw)
        return None
    unit = {"minute": "minutes", "hour": "hours", "day": "days", "week": "weeks"}[m[2]]
    return (relative_to - timedelta(**{unit: int(m[1])})).date().isoformat()


def parse_closing_date(
    text: str | None,
    *,
    day_first: bool | None,
    tz: str | ZoneInfo | None = None,
) -> tuple[str | None, str]:
    """(closing date, status) from a closing-date value: status is "open" or "closed".

    "Closed" (and "This vacancy is now closed.") gives ``(None, "closed")``, as the
    archive stores a posting the site shows as closed. Anything else is read with
    :func:`parse_date`; an unreadable value gives ``(None, "open")`` (and a log line).
    """
    if text is not None and _CLOSED.match(text):
        return None, "closed"
    return parse_date(text, day_first=day_first, tz=tz), "open"
