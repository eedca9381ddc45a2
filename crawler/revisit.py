"""The revisit policy: which detail pages a crawl fetches, and which it leaves alone.

Every crawl reads the whole listing (that is what makes removals safe), but on a site
read at two requests at a time, a second apart, fetching every detail page costs most
of the crawl while few postings changed. A posting's detail page is fetched when

- it is **new** to the archive (a posting whose key only its page holds is always
  fetched, outside the policy),
- it was **removed** and is listed again (reopened),
- what the listing shows of it (the `listed` dict its spider passes to
  `posting_request`, hashed) **changed** since the page was last confirmed,
- the site **answers conditional requests** (an ETag or Last-Modified is known), so that
  asking costs a 304,
- it was last read by an **older extraction** (to be read again),
- its **revisit is due**: once per `revisit_after` (120 hours unless the source or the
  setting says otherwise), at a moment of its own, so that postings confirmed by the
  same crawl come due over the following crawls rather than all in one,
- its **deadline is near** (it closes within `DEADLINE_WINDOW`, or closed a day ago and
  is still listed): then the same, once per `DEADLINE_REVISIT_AFTER`, or
- it is one of the first `SAMPLE` postings the policy would skip in this crawl: a
  redesign of the detail pages then fails this crawl (layout drift, pages without a
  title), not the first crawl after `revisit_after`.

Otherwise the posting is recorded as seen (it stays listed, so it is never removed for
being skipped) and counted in `jobarchive/details_skipped`. A change only the detail page
shows is therefore archived at most `revisit_after` after the crawl that last confirmed
the page (by the first crawl from then on), and a change the listing shows by the crawl
that sees it. `crawl --full` switches the policy off with the rest of incremental
crawling; `revisit_after = 0` fetches every detail page on every crawl.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from archive.revisits import RevisitState, listed_digest
from archive.snapshot import FetchState

#: The default of JOBARCHIVE_REVISIT_AFTER, in hours. A 6-hourly crawl fetches 6/120 =
#: 5% of the details by their revisits, plus those near their deadline (below): 7.9% on
#: average, 9.0% at most in the simulated week of BENCHMARKS.md, under the 10% the policy
#: is for, on every crawl. 96 hours (9.2%, 10.2% at most) and 72 (11.1%) are over it once
#: the deadline rule is paid for; 168 saves little more (6.7%) for a text edit waiting a
#: week. What the wait costs is bounded: an edit only the detail page shows is archived
#: within 5 days, within a day in the posting's last days.
DEFAULT_REVISIT_AFTER_HOURS = 120.0

#: Deadline extensions are the change users act on, and they are made in a posting's
#: last days, or the day after its closing date when nobody suitable applied: a posting
#: whose closing date, as its listing row or the archive knows it, is at most this far
#: ahead (or at most `DEADLINE_GRACE` behind, still listed) is revisited every
#: `DEADLINE_REVISIT_AFTER`. On a site whose postings are open 2-6 weeks, about one in
#: eight is in that window at any time, which adds about 3 points to the share a crawl
#: fetches (BENCHMARKS.md, "The revisit policy over a simulated week").
DEADLINE_WINDOW = timedelta(days=3)
DEADLINE_GRACE = timedelta(days=1)

#: A day: an extension only the detail page shows is archived within a day of being made,
#: so before the old closing date when made a day ahead of it, instead of up to
#: `revisit_after` later, by which time the posting would have shown as closed.
DEADLINE_REVISIT_AFTER = timedelta(hours=24)

#: A check younger than this is never due by its moment alone: a crawl run again right
#: after another (a retry after a failed run, a crawl by hand after the cron one) fetches
#: no more than the first did, and what it fetches depends on the archive alone.
MIN_AGE = timedelta(hours=1)

#: Detail pages fetched every crawl though the policy would skip them: two pages
#: missing a field make layout drift (spiders/drift.py), and one more covers a page
#: that lacks it by nature.
SAMPLE = 3

#: Why a detail page was fetched, each counted as `jobarchive/details_fetched/<reason>`.
REASONS = (
    "new",
    "reopened",
    "listing_changed",
    "conditional",
    "reread",
    "revisit_due",
    "deadline_near",
    "sample",
    "full",
)

#: Keys of a spider's `listed` dict that hold the closing date as the listing shows it
#: (an ISO date or date-time); spiders whose listing shows none leave it to the archive.
LISTED_CLOSING_KEYS = ("closing_date", "closing_utc")


@dataclass
class Check:
    """A detail request the policy let through; `confirmed` once its answer was
    archived (or found unchanged), when it is recorded for the next crawl."""

    url: str
    source: str
    source_key: str
    digest: str
    confirmed: bool = False


def fetch_reason(
    state: RevisitState | None,
    fetched: FetchState | None,
    digest: str,
    now: datetime,
    revisit_after: timedelta,
    extraction: str | None = None,
    *,
    url: str | None = None,
    closes: date | None = None,
) -> str | None:
    """Why the detail page must be fetched (one of `REASONS`), or None to skip it.

    `url` gives the page its moment in each `revisit_after` (without it, the page is
    due once its check is `revisit_after` old); `closes` is the posting's closing date,
    for the deadline rule."""
    if state is None or state.status is None:
        return "new"
    if state.status == "removed":
        return "reopened"
    if state.listed_digest != digest:
        return "listing_changed"
    if fetched is not None and (fetched.etag or fetched.last_modified):
        return "conditional"
    if fetched is not None and extraction is not None and fetched.extraction != extraction:
        return "reread"
    checked = _parse(state.checked_at)
    if is_due(checked, now, revisit_after, url):
        return "revisit_due"
    if deadline_near(closes, now, url) and is_due(checked, now, DEADLINE_REVISIT_AFTER, url):
        return "deadline_near"
    return None


def is_due(checked: datetime, now: datetime, after: timedelta, url: str | None) -> bool:
    """Whether a page checked at `checked` is due again at `now`.

    Time is cut into periods of `after`, shifted for each page by its `phase`: a page
    is due once a period of its own began since its check. It is therefore fetched once
    a period, by the first crawl after its period begins, which is never later than the
    first crawl at which its check is `after` old; and pages checked together come due
    spread evenly over the next `after`, each crawl fetching about its interval over
    `after` of them, instead of all together every `after`."""
    age = now - checked
    if after <= timedelta(0) or age >= after:
        return True
    if url is None or age < MIN_AGE:
        return False
    period = after.total_seconds()
    shift = phase(url) * period
    return math.floor((now.timestamp() - shift) / period) > math.floor(
        (checked.timestamp() - shift) / period
    )


def phase(url: str) -> float:
    """Where in each period the page at `url` comes due, in [0, 1): a hash of the URL,
    so that it is the same on every crawl and in every test."""
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], "big") / 2**64


def deadline_near(closes: date | None, now: datetime, url: str | None = None) -> bool:
    """Whether a posting closing on `closes` (by the end of that day, UTC) is in its last
    `DEADLINE_WINDOW`, or closed less than `DEADLINE_GRACE` ago (and is still listed).

    With `url`, the window opens up to a day earlier, at the page's own moment: else all
    the postings closing on one day would enter it at the same midnight, and most would
    be due at once."""
    if closes is None:
        return False
    ends = datetime.combine(closes + timedelta(days=1), time(), UTC)
    opens = ends - DEADLINE_WINDOW - (phase(url) if url else 0.0) * timedelta(days=1)
    return opens <= now < ends + DEADLINE_GRACE


def closing_date(listed: Mapping[str, Any] | None, archived: str | None) -> date | None:
    """The posting's closing date: the earlier of what its listing row shows (when it
    shows one) and what the archive holds, so that either one near makes it near."""
    shown = [(listed or {}).get(key) for key in LISTED_CLOSING_KEYS]
    known = [d for d in map(_date, [*shown, archived]) if d is not None]
    return min(known) if known else None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def revisit_after(spider: Any, settings: Any) -> timedelta:
    """The source's `revisit_after` (a spider attribute, or its sources-file table's, in
    hours), else JOBARCHIVE_REVISIT_AFTER's."""
    hours = getattr(spider, "revisit_after", None)
    if hours is None:
        hours = getattr(getattr(spider, "config", None), "revisit_after", None)
    if hours is None:
        hours = setting_hours(settings)
    return timedelta(hours=float(hours))


def setting_hours(settings: Any) -> float:
    """JOBARCHIVE_REVISIT_AFTER in hours; ValueError naming it if it is not 0 or more."""
    value = settings.get("JOBARCHIVE_REVISIT_AFTER", DEFAULT_REVISIT_AFTER_HOURS)
    try:
        hours = float(value)
    except (TypeError, ValueError):
        hours = math.nan
    if not hours >= 0 or math.isinf(hours):
        raise ValueError(
            f"JOBARCHIVE_REVISIT_AFTER must be a number of hours, 0 or more, not {value!r} "
            "(0 fetches every detail page on every crawl)"
        )
    return hours


def digest_of(listed: dict[str, Any] | None) -> str:
    return listed_digest(listed or {})


def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _parse(text: str) -> datetime:
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)
