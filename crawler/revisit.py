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
- it was last read by an **older extraction** (to be read again), or
- its last confirmation is older than the source's **revisit_after**, or
- it is one of the first `SAMPLE` postings the policy would skip in this crawl: a
  redesign of the detail pages then fails this crawl (layout drift, pages without a
  title), not the first crawl after `revisit_after`.

Otherwise the posting is recorded as seen (it stays listed, so it is never removed for
being skipped) and counted in `jobarchive/details_skipped`. A change only the detail page
shows is therefore archived at most `revisit_after` after the crawl that last confirmed
the page. `crawl --full` switches the policy off with the rest of incremental crawling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from archive.revisits import RevisitState, listed_digest
from archive.snapshot import FetchState

#: Hours after which a detail page is fetched again even though its listing row did not
#: change, recommended for JOBARCHIVE_REVISIT_AFTER (whose default, 0, fetches every
#: detail page as crawls always did). A day: a text edit only the detail page shows
#: reaches the archive within a day, while a 6-hourly crawl fetches a quarter of the
#: details it fetched before (the simulated week in
#: BENCHMARKS.md: 40,000 fetches instead of 145,000, no change missed). Fewer fetches
#: per crawl need a longer wait: the share is the crawl interval over this.
RECOMMENDED_REVISIT_AFTER_HOURS = 24.0

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
    "sample",
    "full",
)


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
) -> str | None:
    """Why the detail page must be fetched (one of `REASONS`), or None to skip it."""
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
    if now - _parse(state.checked_at) >= revisit_after:
        return "revisit_due"
    return None


def revisit_after(spider: Any, settings: Any) -> timedelta:
    """The source's `revisit_after` (a spider attribute, in hours), else the setting's."""
    hours = getattr(spider, "revisit_after", None)
    if hours is None:
        hours = settings.getfloat("JOBARCHIVE_REVISIT_AFTER", 0.0)
    return timedelta(hours=float(hours))


def digest_of(listed: dict[str, Any] | None) -> str:
    return listed_digest(listed or {})


def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _parse(text: str) -> datetime:
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)
