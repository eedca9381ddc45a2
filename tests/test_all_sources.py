"""One `jobarchive crawl` over every mock source at once, as cron runs it.

Every posting on every site is archived with its main fields; then one site goes
down entirely and the others are crawled as usual while it is recorded as failed.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess

import pytest

from crawler.demo import crawl_command
from crawler.mocksites import SITES, MockSites

# Fields every source fills for every open posting (closing_date: unless the site
# shows the posting as closed).
REQUIRED = ("title", "organization", "location", "closing_date")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("all") / "archive.db"
    with MockSites() as sites:
        expected = {site.name: {p.key for p in site.snapshot()} for site in sites}
        first = subprocess.run(
            crawl_command(db, sites.base_urls) + ["--json"], capture_output=True, text=True
        )
        sites["unhcr"].down = True
        second = subprocess.run(
            crawl_command(db, sites.base_urls) + ["--json"], capture_output=True, text=True
        )
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    yield {"db": db, "expected": expected, "first": first, "second": second, "conn": conn}
    conn.close()


def test_every_mock_source_is_crawled():
    assert set(SITES) >= {
        "impactpool",
        "reliefweb",
        "state_jpo",
        "uncareers",
        "undp",
        "unhcr",
        "unicef",
        "unops",
    }


def test_one_crawl_archives_every_posting_of_every_source(crawled):
    assert crawled["first"].returncode == 0, crawled["first"].stderr
    runs = {r["source"]: r for r in json.loads(crawled["first"].stdout)}
    for source, keys in crawled["expected"].items():
        assert runs[source]["status"] == "ok", runs[source]
        archived = {
            row[0]
            for row in crawled["conn"].execute(
                "SELECT source_key FROM postings WHERE source = ?", (source,)
            )
        }
        assert archived == keys, source


# Postings whose site gives no value for a field. ReliefWeb: a job with no country is
# remote, roster or to be decided (as ReliefWeb's are) and has no location at all.
NOT_ON_THE_SITE = {"location": "NOT (source = 'reliefweb' AND country IS NULL)"}


@pytest.mark.parametrize("field", REQUIRED)
def test_main_fields_are_filled_wherever_the_site_has_them(crawled, field):
    condition = "status != 'closed'" if field == "closing_date" else "1"
    condition += f" AND {NOT_ON_THE_SITE.get(field, '1')}"
    missing = (
        crawled["conn"]
        .execute(f"SELECT source, source_key FROM postings WHERE {field} IS NULL AND {condition}")
        .fetchall()
    )
    assert [tuple(r) for r in missing] == []


def test_text_is_there_and_free_of_chrome(crawled):
    for row in crawled["conn"].execute(
        "SELECT p.source, p.source_key, v.text FROM postings p JOIN versions v "
        "ON v.posting_id = p.id AND v.version = p.current_version"
    ):
        text = row["text"]
        assert len(text) > 300, (row["source"], row["source_key"])
        for chrome in ("use of cookies", "Back to search results", "Back to Top", "Share this job"):
            assert chrome not in text, (row["source"], row["source_key"], chrome)


def test_a_source_that_is_down_fails_alone(crawled):
    second = crawled["second"]
    assert second.returncode == 1
    runs = {r["source"]: r for r in json.loads(second.stdout)}
    assert runs["unhcr"]["status"] == "failed"
    assert runs["unhcr"]["removed"] == 0
    assert "HTTP 500" in runs["unhcr"]["reason"]
    for source, run in runs.items():
        if source != "unhcr":
            assert run["status"] == "ok", run
            assert run["unchanged"] == len(crawled["expected"][source])
    assert (
        crawled["conn"]
        .execute("SELECT count(*) FROM postings WHERE source = 'unhcr' AND status = 'removed'")
        .fetchone()[0]
        == 0
    )
