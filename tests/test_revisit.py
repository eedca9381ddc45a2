"""The revisit policy: a recrawl reads every listing page but fetches a detail page only
when the posting is new or reopened, its listing row changed, or its revisit is due (once
per `revisit_after`, at a moment of its own; once a day near its deadline); a posting
whose detail was skipped is seen, never removed.

Real crawls of the UNICEF mock (PageUp: no validators) over HTTP, with the default
`revisit_after`. The passing of time is the archive's record of the last check moved
back, not waited for.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta

import pytest

from archive import Archive
from archive.revisits import RevisitState
from archive.snapshot import FetchState
from crawler.demo import crawl_command
from crawler.mocksites import MockSites
from crawler.revisit import (
    DEADLINE_REVISIT_AFTER,
    DEFAULT_REVISIT_AFTER_HOURS,
    SAMPLE,
    closing_date,
    deadline_near,
    fetch_reason,
    is_due,
    phase,
)
from crawler.userconfig import ConfigError, load_config

REVISIT_AFTER = DEFAULT_REVISIT_AFTER_HOURS  # hours


def crawl(db, sites, *extra, code=0):
    result = subprocess.run(
        crawl_command(db, sites.base_urls) + ["--json", *extra],
        capture_output=True,
        text=True,
    )
    assert result.returncode == code, result.stderr
    [summary] = json.loads(result.stdout)
    return summary


def age_checks(db, hours):
    """Move every recorded check `hours` into the past: that much time went by."""
    with Archive(db, create=False) as archive, archive.transaction() as conn:
        rows = conn.execute("SELECT url, checked_at FROM revisits").fetchall()
        for url, checked_at in rows:
            earlier = datetime.fromisoformat(checked_at) - timedelta(hours=hours)
            conn.execute(
                "UPDATE revisits SET checked_at = ? WHERE url = ?",
                (earlier.isoformat(timespec="seconds"), url),
            )


def versions_of(db, key):
    with Archive(db, create=False) as archive:
        return archive.conn.execute(
            "SELECT count(*) FROM versions v JOIN postings p ON p.id = v.posting_id "
            "WHERE p.source_key = ?",
            (key,),
        ).fetchone()[0]


def statuses(db):
    with Archive(db, create=False) as archive:
        return dict(archive.conn.execute("SELECT source_key, status FROM postings").fetchall())


@pytest.fixture
def site_and_db(tmp_path):
    with MockSites(["unicef"]) as sites:
        yield sites, tmp_path / "archive.db", len(sites["unicef"].snapshot())


def test_an_unchanged_recrawl_fetches_no_detail_page(site_and_db):
    sites, db, n = site_and_db
    first = crawl(db, sites)
    assert (first["new"], first["details_fetched_new"], first["details_skipped"]) == (n, n, 0)
    second = crawl(db, sites)
    assert (second["details_skipped"], second["details_fetched_sample"]) == (n - SAMPLE, SAMPLE)
    assert sum(v for k, v in second.items() if k.startswith("details_fetched_")) == SAMPLE
    assert (second["unchanged"], second["extractions"]) == (n, 0)
    # The listing pages (and robots.txt) were fetched again, and the sample's pages.
    assert second["pages_fetched"] == first["pages_fetched"] - n + SAMPLE


def checks(db):
    """When each detail page was last confirmed, by URL."""
    with Archive(db, create=False) as archive:
        rows = archive.conn.execute("SELECT url, checked_at FROM revisits").fetchall()
    return {url: datetime.fromisoformat(at) for url, at in rows}


def closing_dates(db):
    with Archive(db, create=False) as archive:
        rows = archive.conn.execute(
            "SELECT r.url, p.closing_date FROM revisits r JOIN postings p "
            "ON p.source = r.source AND p.source_key = r.source_key"
        ).fetchall()
    return dict(rows)


def url_of(db, key):
    with Archive(db, create=False) as archive:
        return archive.conn.execute(
            "SELECT url FROM revisits WHERE source_key = ?", (key,)
        ).fetchone()[0]


def far_from_deadline(db, now):
    """The pages whose posting closes more than a week from `now` either way: the
    deadline rule cannot apply to them, whatever the listing's time zone."""
    dates = closing_dates(db)
    return {
        url
        for url, closes in dates.items()
        if closes and abs(datetime.fromisoformat(closes).date() - now.date()) > timedelta(days=7)
    }


def due_between(before, start, end, after_hours=REVISIT_AFTER):
    """The pages due by their revisit alone at any moment from `start` to `end`: a crawl
    started in between fetches at least those due at `start` and at most these."""
    after = timedelta(hours=after_hours)
    at_start = {u for u, c in before.items() if is_due(c, start, after, u)}
    by_end = {u for u, c in before.items() if is_due(c, end, after, u)}
    return at_start, by_end


def fetched_since(before, db):
    return {u for u, c in checks(db).items() if c > before.get(u, c)}


def test_a_change_only_the_detail_shows_is_archived_at_most_revisit_after_later(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    key = sites["unicef"].snapshot()[-1].key  # listed last: not in the sample
    sites["unicef"].edit(key, section=("Remarks:", "This post is now open to internal staff."))
    # Half an hour on, the listing row says nothing changed and no revisit is due yet.
    age_checks(db, 0.5)
    early = crawl(db, sites)
    assert (early["changed"], early["details_skipped"]) == (0, n - SAMPLE)
    assert versions_of(db, key) == 1
    # Whatever moment of its own the page has, once its last check is revisit_after old
    # it is fetched and the edit archived; so is every other page.
    age_checks(db, REVISIT_AFTER)
    due = crawl(db, sites)
    assert (due["changed"], due["details_fetched_revisit_due"]) == (1, n)
    assert versions_of(db, key) == 2
    # Checked again just now: the next crawl skips it again.
    assert crawl(db, sites)["details_skipped"] == n - SAMPLE


def test_jitter_spreads_revisits_over_crawls_and_keeps_the_bound(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    # Half of revisit_after later: the pages whose moment fell in that half are due,
    # the others wait; confirmed together, they do not all come due together.
    age_checks(db, REVISIT_AFTER / 2)
    before = checks(db)
    start = datetime.now(UTC)
    half = crawl(db, sites)
    end = datetime.now(UTC)
    least, most = due_between(before, start, end)
    far = far_from_deadline(db, start)
    fetched = fetched_since(before, db)
    assert least & far <= fetched
    assert len((fetched & far) - most) <= SAMPLE  # beyond those due: the sample only
    assert 0 < half["details_fetched_revisit_due"] < n
    assert half["details_skipped"] == n - len(fetched)
    # The other half later, every page not revisited yet is due: none waits longer.
    waited = set(before) - fetched
    age_checks(db, REVISIT_AFTER / 2)
    before = checks(db)
    crawl(db, sites)
    assert waited <= fetched_since(before, db)


def test_a_posting_near_its_deadline_is_revisited_within_a_day(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    posting = sites["unicef"].snapshot()[-1]
    soon = datetime.now(UTC).date() + timedelta(days=2)
    sites["unicef"].edit(posting.key, closing_date=soon)
    moved = crawl(db, sites)  # the listing shows the new date: fetched at once
    assert (moved["changed"], moved["details_fetched_listing_changed"]) == (1, 1)
    # A day later its revisit is due though revisit_after is far from over; a posting
    # far from its deadline waits unless its own moment came.
    age_checks(db, DEADLINE_REVISIT_AFTER.total_seconds() / 3600)
    before = checks(db)
    start = datetime.now(UTC)
    later = crawl(db, sites)
    _, most = due_between(before, start, datetime.now(UTC))
    fetched = fetched_since(before, db)
    assert url_of(db, posting.key) in fetched
    assert len((fetched & far_from_deadline(db, start)) - most) <= SAMPLE
    if url_of(db, posting.key) not in most:  # not due by its own moment: by its deadline
        assert later["details_fetched_deadline_near"] >= 1


def test_a_change_the_listing_shows_is_archived_in_the_same_crawl(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    first = sites["unicef"].snapshot()[0]
    sites["unicef"].edit(first.key, closing_date=first.closing_date + timedelta(days=7))
    second = crawl(db, sites)
    assert (second["changed"], second["details_fetched_listing_changed"]) == (1, 1)
    assert (second["details_skipped"], second["unchanged"]) == (n - 1 - SAMPLE, n - 1)
    assert versions_of(db, first.key) == 2


def test_no_posting_is_removed_because_its_detail_was_skipped(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    gone = sites["unicef"].snapshot()[-1].key
    sites["unicef"].remove(gone)
    second = crawl(db, sites)
    assert (second["removed"], second["details_skipped"]) == (1, n - 1 - SAMPLE)
    assert [k for k, s in statuses(db).items() if s == "removed"] == [gone]


def test_a_reopened_posting_is_fetched(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    posting = sites["unicef"].remove(sites["unicef"].snapshot()[-1].key)
    crawl(db, sites)
    sites["unicef"].add(posting)
    third = crawl(db, sites)
    assert (third["reopened"], third["details_fetched_reopened"]) == (1, 1)
    assert third["details_skipped"] == n - 1 - SAMPLE


def test_detail_pages_broken_for_all_fail_the_next_crawl_though_none_is_due(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    for posting in sites["unicef"].snapshot():
        sites["unicef"].fault_posting(posting.key, "maintenance")
    # Every listing row is unchanged, but the sample's pages are fetched and read as no
    # posting: the run says so instead of waiting revisit_after to notice.
    broken = crawl(db, sites, code=1)
    assert broken["status"] != "ok" and "maintenance" in broken["reason"]
    assert (broken["removed"], broken["details_skipped"]) == (0, n - SAMPLE)
    assert versions_of_all(db) == n


def versions_of_all(db):
    with Archive(db, create=False) as archive:
        return archive.conn.execute("SELECT count(*) FROM versions").fetchone()[0]


def test_full_fetches_every_detail_page(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    full = crawl(db, sites, "--full")
    assert (full["details_fetched_full"], full["details_skipped"]) == (n, 0)
    assert (full["extractions"], full["unchanged"]) == (n, n)


def test_revisit_after_zero_fetches_every_detail_page(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    again = crawl(db, sites, "-s", "JOBARCHIVE_REVISIT_AFTER=0")
    assert (again["details_fetched_revisit_due"], again["details_skipped"]) == (n, 0)


NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def state(status="open", digest="d", hours_ago=1.0):
    return RevisitState(digest, (NOW - timedelta(hours=hours_ago)).isoformat(), status)


@pytest.mark.parametrize(
    ("known", "reason"),
    [
        (None, "new"),
        (state(status=None), "new"),  # checked, but never stored (a failed page)
        (state(status="removed"), "reopened"),
        (state(digest="other"), "listing_changed"),
        (state(hours_ago=24), "revisit_due"),
        (state(hours_ago=23.9), None),
    ],
)
def test_fetch_reasons(known, reason):
    assert fetch_reason(known, None, "d", NOW, timedelta(hours=24)) == reason


def fetched(etag=None, extraction="pageup 1"):
    return FetchState("u", "unicef", "1", etag, None, "h", extraction=extraction)


def test_a_page_that_answers_conditional_requests_is_asked():
    assert fetch_reason(state(), fetched(etag='"v1"'), "d", NOW, timedelta(hours=24)) == (
        "conditional"
    )


def test_a_page_read_by_an_older_extraction_is_read_again():
    reason = fetch_reason(state(), fetched(), "d", NOW, timedelta(hours=24), "pageup 2")
    assert reason == "reread"
    assert fetch_reason(state(), fetched(), "d", NOW, timedelta(hours=24), "pageup 1") is None


def test_a_page_comes_due_once_a_period_at_a_moment_of_its_own():
    after = timedelta(hours=120)
    urls = [f"https://jobs.example.org/job/{i}" for i in range(400)]
    start = NOW - timedelta(minutes=5)
    crawls = [start + timedelta(hours=6 * k) for k in range(1, 21)]  # 120 hours on
    checked = dict.fromkeys(urls, start)
    per_crawl = []
    for now in crawls:
        due = [u for u in urls if is_due(checked[u], now, after, u)]
        per_crawl.append(len(due))
        checked.update(dict.fromkeys(due, now))
    # Checked together, they come due spread over the crawls: about 6/120 each time,
    # never all at once, and every one within the 120 hours.
    assert sum(per_crawl) == len(urls)
    assert max(per_crawl) < len(urls) * 0.1
    assert len({round(phase(u), 2) for u in urls}) > 50


def test_a_check_younger_than_an_hour_is_not_due_by_its_moment():
    url = "https://jobs.example.org/job/1"
    after = timedelta(hours=120)
    boundary = phase(url) * after.total_seconds()
    # A check made just before the page's moment, a crawl just after it.
    moment = datetime.fromtimestamp(
        (NOW.timestamp() // after.total_seconds()) * after.total_seconds() + boundary, UTC
    )
    assert not is_due(moment - timedelta(minutes=10), moment + timedelta(minutes=10), after, url)
    assert is_due(moment - timedelta(hours=2), moment + timedelta(minutes=10), after, url)
    assert not is_due(moment + timedelta(minutes=10), moment + timedelta(hours=2), after, url)


@pytest.mark.parametrize(
    ("closes", "near"),
    [
        (None, False),
        (NOW.date() + timedelta(days=10), False),
        (NOW.date() + timedelta(days=2), True),
        (NOW.date(), True),
        (NOW.date() - timedelta(days=1), True),  # closed yesterday, still listed
        (NOW.date() - timedelta(days=2), False),
    ],
)
def test_deadline_near(closes, near):
    assert deadline_near(closes, NOW) is near


def test_near_its_deadline_a_page_is_revisited_every_day():
    closes = NOW.date() + timedelta(days=1)
    after = timedelta(hours=120)
    assert fetch_reason(state(hours_ago=25), None, "d", NOW, after, closes=closes) == (
        "deadline_near"
    )
    assert fetch_reason(state(hours_ago=25), None, "d", NOW, after) is None
    assert fetch_reason(state(hours_ago=23), None, "d", NOW, after, closes=closes) is None


def test_the_closing_date_is_the_earlier_of_listing_and_archive():
    assert closing_date({"closing_utc": "2026-06-03T21:59:00Z"}, "2026-06-04") == (
        datetime(2026, 6, 3).date()
    )
    assert closing_date({"title": "Officer"}, "2026-06-04") == datetime(2026, 6, 4).date()
    assert closing_date({"closing_date": "soon"}, None) is None


def test_a_simulated_week_misses_no_change_and_fetches_under_a_tenth():
    from benchmarks.changesim import figures_of, simulate, site_of

    site = site_of(2000, 0.2, 0.5, seed=1, extended=0.5)
    everything = figures_of(simulate(site, None))
    policy = figures_of(simulate(site, timedelta(hours=REVISIT_AFTER)))
    assert policy["missed"] == everything["missed"] == 0
    assert policy["max_delay_detail_h"] <= REVISIT_AFTER
    assert policy["max_delay_listing_h"] <= 6  # the next crawl
    assert policy["max_delay_extension_h"] <= DEADLINE_REVISIT_AFTER.total_seconds() / 3600
    assert policy["quiet_share_max"] <= 0.10
    assert policy["fetches_week"] < everything["fetches_week"] / 5


@pytest.mark.parametrize("value", ["-1", '"72"', "true", "1e9"])
def test_revisit_after_must_be_hours_of_zero_or_more(tmp_path, value):
    path = tmp_path / "sources.toml"
    path.write_text(
        '[sources.acme]\nkind = "feed"\nbase_url = "https://jobs.acme.example"\n'
        f'feed = "/jobs.rss"\nkey = "entry-id"\nfields = "jsonld"\nrevisit_after = {value}\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(
        f"{path}: [sources.acme] revisit_after: must be a number of hours, 0 or more"
    )


@pytest.mark.parametrize(("value", "hours"), [("0", 0.0), ("24", 24.0), ("1.5", 1.5), (None, None)])
def test_revisit_after_is_read_in_hours(tmp_path, value, hours):
    path = tmp_path / "sources.toml"
    line = f"revisit_after = {value}\n" if value is not None else ""
    path.write_text(
        '[sources.acme]\nkind = "feed"\nbase_url = "https://jobs.acme.example"\n'
        f'feed = "/jobs.rss"\nkey = "entry-id"\nfields = "jsonld"\n{line}'
    )
    assert load_config(path)["acme"].revisit_after == hours
