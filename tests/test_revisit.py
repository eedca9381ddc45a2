"""The revisit policy: a recrawl reads every listing page but fetches a detail page only
when the posting is new or reopened, its listing row changed, or its last check is older
than `revisit_after`; a posting whose detail was skipped is seen, never removed.

Real crawls of the UNICEF mock (PageUp: no validators) over HTTP. The passing of time is
the archive's record of the last check moved back, not waited for.
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
from crawler.revisit import SAMPLE, fetch_reason

REVISIT_AFTER = 24  # hours


def crawl(db, sites, *extra, code=0):
    result = subprocess.run(
        crawl_command(db, sites.base_urls)
        + ["-s", f"JOBARCHIVE_REVISIT_AFTER={REVISIT_AFTER}", "--json", *extra],
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


def test_a_change_only_the_detail_shows_is_archived_at_most_revisit_after_later(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    key = sites["unicef"].snapshot()[-1].key  # listed last: not in the sample
    sites["unicef"].edit(key, section=("Remarks:", "This post is now open to internal staff."))
    # Within revisit_after the listing row says nothing changed, so the page waits.
    age_checks(db, REVISIT_AFTER - 1)
    early = crawl(db, sites)
    assert (early["changed"], early["details_skipped"]) == (0, n - SAMPLE)
    assert versions_of(db, key) == 1
    # Once its last check is revisit_after old, the page is fetched and the edit archived.
    age_checks(db, 1)
    due = crawl(db, sites)
    # (The sample of the crawl before was confirmed then, and is not due yet.)
    assert (due["changed"], due["details_fetched_revisit_due"]) == (1, n - SAMPLE)
    assert versions_of(db, key) == 2
    # Checked again just now: the next crawl skips it again.
    assert crawl(db, sites)["details_skipped"] == n - SAMPLE


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


def test_a_simulated_week_misses_no_change_and_waits_at_most_revisit_after():
    from benchmarks.changesim import changes_of, simulate

    changes = changes_of(400, 0.2, 0.5, seed=1)
    everything = simulate(400, changes, None)
    policy = simulate(400, changes, timedelta(hours=REVISIT_AFTER))
    assert policy.missed == everything.missed == 0
    assert max(policy.detail_delays) <= REVISIT_AFTER
    assert max(policy.listing_delays) <= 6  # the next crawl
    assert sum(policy.fetches) < sum(everything.fetches) / 3
