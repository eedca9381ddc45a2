"""Time-zone helpers for spiders whose sites publish deadlines as UTC instants.

Reading dates as sites write them is `crawler.dates` (parse_date, local_date); this
module adds what is needed to find the zone to read an instant in: Windows zone names
as PageUp prints them, and a deadline's local date when no zone is given at all.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tzlocal.windows_tz import win_tz  # tzlocal comes with dateparser


def zone_for(name: str | None) -> ZoneInfo | None:
    """A time zone from an IANA name or a Windows name ("Central Standard Time (Mexico)")."""
    if not name or not name.strip():
        return None
    name = name.strip()
    try:
        return ZoneInfo(win_tz.get(name, name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def date_at_local_time(instant: datetime, local: time) -> str:
    """The local date of `instant`, assuming it was `local` o'clock where it was set.

    For deadlines in an unknown zone: sites put them at a fixed local time (23:55,
    23:59), so the UTC offset is whatever turns the instant into that time. Offsets run
    from -12 h to +14 h; the shift is taken in that range.
    """
    seconds = (local.hour * 3600 + local.minute * 60) - (instant.hour * 3600 + instant.minute * 60)
    offset = timedelta(seconds=seconds % 86400)
    if offset > timedelta(hours=14):
        offset -= timedelta(days=1)
    return (instant + offset).date().isoformat()
