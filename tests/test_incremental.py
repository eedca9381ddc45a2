"""Incremental crawls: a recrawl of an unchanged site extracts nothing and writes nothing.

Known detail pages are asked for conditionally (If-None-Match / If-Modified-Since); a 304,
or a body identical to the last one, is recognised before extraction runs.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import timedelta

import pytest

from archive import Archive, Snapshot
from crawler.demo import crawl_command
from crawler.mocksites import MockSites
from crawler.mocksites.server import MockRequest, MockResponse


def crawl(db, sites, *extra):
    result = subprocess.run(
        crawl_command(db, sites.base_urls) + ["--json", *extra], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    [summary] = json.loads(result.stdout)
    return summary


def versions(db):
    with Archive(db, create=False) as archive:
        return archive.conn.execute("SELECT count(*) FROM versions").fetchone()[0]


@pytest.fixture
def site_and_db(tmp_path):
    with MockSites(["unicef"]) as sites:
        yield sites, tmp_path / "archive.db", len(sites["unicef"].snapshot())


def test_unchanged_recrawl_extracts_nothing(site_and_db):
    sites, db, n = site_and_db
    first = crawl(db, sites)
    assert (first["new"], first["extractions"], first["extractions_avoided"]) == (n, n, 0)
    second = crawl(db, sites, "-s", "JOBARCHIVE_REVISIT_AFTER=0")  # every detail page
    assert second["unchanged"] == n
    assert second["extractions"] == 0
    assert second["extractions_avoided"] == n
    assert second["unchanged_bodies"] == n
    assert versions(db) == n


def test_a_changed_posting_is_the_only_one_extracted(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    site = sites["unicef"]
    first = site.snapshot()[0]
    site.edit(first.key, closing_date=first.closing_date + timedelta(days=7))
    second = crawl(db, sites)
    assert (second["changed"], second["unchanged"]) == (1, n - 1)
    assert (second["extractions"], second["extractions_avoided"]) == (1, n - 1)
    assert versions(db) == n + 1


def test_full_recrawl_extracts_everything_but_writes_no_version(site_and_db):
    sites, db, n = site_and_db
    crawl(db, sites)
    full = crawl(db, sites, "--full")
    assert (full["extractions"], full["extractions_avoided"], full["unchanged"]) == (n, 0, n)
    assert versions(db) == n


def test_conditional_requests_get_304s(site_and_db):
    sites, db, n = site_and_db
    site = sites["unicef"]
    conditional: list[str] = []

    def with_etag(request: MockRequest) -> MockResponse | None:
        """Answer detail pages with an ETag, and 304 when the client already has it."""
        answer = site.handle(request)
        etag = '"' + hashlib.sha1(answer.body).hexdigest() + '"'
        if request.headers.get("if-none-match") == etag:
            conditional.append(request.path)
            return MockResponse(304, b"", answer.content_type, {"ETag": etag})
        answer.headers["ETag"] = etag
        return answer

    site.fault(r"^/en-us/job/", with_etag)
    crawl(db, sites)
    second = crawl(db, sites)
    assert second["not_modified"] == n
    assert (second["unchanged"], second["extractions"], second["extractions_avoided"]) == (n, 0, n)
    assert len(conditional) == n
    with Archive(db, create=False) as archive:
        assert (
            archive.conn.execute(
                "SELECT count(*) FROM fetches WHERE etag IS NOT NULL AND source = 'unicef'"
            ).fetchone()[0]
            == n
        )


def test_a_304_for_a_page_an_older_extraction_read_is_read_again_from_the_archive(site_and_db):
    """After an upgrade the site still answers 304: the stored page is read again, with
    no second download, and the different reading is a re-reading, not a change."""
    from tests.old_extraction import PIPELINES

    sites, db, n = site_and_db
    site = sites["unicef"]
    downloads: list[str] = []

    def with_etag(request: MockRequest) -> MockResponse | None:
        answer = site.handle(request)
        etag = '"' + hashlib.sha1(answer.body).hexdigest() + '"'
        if request.headers.get("if-none-match") == etag:
            return MockResponse(304, b"", answer.content_type, {"ETag": etag})
        downloads.append(request.path)
        answer.headers["ETag"] = etag
        return answer

    site.fault(r"^/en-us/job/", with_etag)
    crawl(db, sites, "-s", f"ITEM_PIPELINES={json.dumps(PIPELINES)}")
    assert len(downloads) == n
    second = crawl(db, sites)
    assert len(downloads) == n  # nothing downloaded again
    assert (second["not_modified"], second["changed"], second["reextracted"]) == (n, 0, n)
    assert versions(db) == n
    with Archive(db, create=False) as archive:
        assert archive.conn.execute(
            "SELECT count(*) FROM events WHERE event = 'reextracted'"
        ).fetchone() == (n,)
    third = crawl(db, sites)  # read by today's extraction now: 304s are simply seen
    assert (third["unchanged"], third["reextracted"], third["extractions"]) == (n, 0, 0)


def test_a_removed_posting_that_returns_unchanged_is_reopened_with_no_new_version(site_and_db):
    sites, db, n = site_and_db
    site = sites["unicef"]
    crawl(db, sites)
    gone = site.remove(site.snapshot()[5].key)
    assert crawl(db, sites)["removed"] == 1
    site.add(gone)
    # Every page's "similar jobs" box changed with the listing, so bodies differ and are
    # extracted again; the content is the same, so no version is written.
    back = crawl(db, sites)
    assert (back["reopened"], back["unchanged"], back["removed"], back["changed"]) == (
        1,
        n - 1,
        0,
        0,
    )
    assert versions(db) == n


# -- the archive side -------------------------------------------------------------------


def test_store_remembers_the_fetch(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        archive.store(
            Snapshot(
                "unhcr",
                "JR1",
                "https://unhcr.example/job/JR1",
                text="x",
                body=b"{}",
                fetch_url="https://api.example/job/JR1",
                etag='"abc"',
                last_modified="Sun, 22 Nov 2026 10:00:00 GMT",
            )
        )
        state = archive.fetch_state("https://api.example/job/JR1", "unhcr")
        assert state is not None
        assert (state.source_key, state.etag, state.last_modified) == (
            "JR1",
            '"abc"',
            "Sun, 22 Nov 2026 10:00:00 GMT",
        )
        assert state.body_hash == hashlib.sha256(b"{}").hexdigest()
        assert archive.fetch_state("https://api.example/job/JR1", "unicef") is None
        assert archive.fetch_state("https://unhcr.example/job/JR1") is None


def test_seen_moves_last_seen_and_counts_unchanged(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        run = archive.start_run("unhcr")
        archive.store(
            Snapshot("unhcr", "JR1", "u", text="x", fetched_at="2026-01-01T00:00:00+00:00"), run
        )
        assert archive.seen("unhcr", "JR1", run, at="2026-02-01T00:00:00+00:00") == "unchanged"
        assert archive.seen("unhcr", "JR404", run) is None
        assert archive.run(run).unchanged == 1
        assert archive.conn.execute("SELECT last_seen_at FROM postings").fetchone()[0] == (
            "2026-02-01T00:00:00+00:00"
        )
        archive.finish_run(archive.start_run("unhcr"), listed_keys={"JR9"}, listing_complete=True)
        assert archive.seen("unhcr", "JR1") == "reopened"
