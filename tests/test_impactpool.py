"""ImpactpoolSpider against saved www.impactpool.org pages (tests/files/impactpool/, made by
tests/files/impactpool/regenerate.py from the mock), and real crawls of the mock site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import HtmlResponse
from twisted.python.failure import Failure

from archive import Archive
from crawler.demo import crawl_command
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.impactpool import ImpactpoolSite
from spiders.impactpool import ImpactpoolSpider

FILES = Path(__file__).parent / "files" / "impactpool"
BASE = "https://www.impactpool.org"


def html_response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(
        url,
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=scrapy.Request(url),
    )


def listing_response(page: int, body: bytes | None = None) -> HtmlResponse:
    body = body if body is not None else (FILES / f"jobs_page_{page}.html").read_bytes()
    return html_response(f"{BASE}/jobs?page={page}", body)


def parse_job(key: str):
    spider = ImpactpoolSpider()
    response = html_response(f"{BASE}/jobs/{key}", (FILES / f"job_{key}.html").read_bytes())
    with freeze_time("2026-11-20 08:00:00"):
        return next(iter(spider.parse_job(response, key)))


item = parse_job("803641")  # seed 000: older template, "Closing Date: Closed"
bonn = parse_job("871213")  # the first capture: older template, groups with commas
kabul = parse_job("1184046")  # newer template: city line, "Job Description", ISO date
national = parse_job("1190111")
consultancy = parse_job("1190185")
lica = parse_job("1190259")
intern = parse_job("1190296")
parsed_items = [item, bonn, kabul, national, consultancy, lica, intern]


# -- one detail page, one field per test --------------------------------------------


def test_source_key():
    assert item.source == "impactpool"
    assert item.source_key == "803641"


def test_title():
    assert item.title == "Associate Protection Officer"


def test_organization_as_shown():
    assert item.organization == "UNHCR - United Nations High Commissioner for Refugees"


def test_organization_acronym_kept_usable():
    assert item.extra["organization_acronym"] == "UNHCR"
    assert item.extra["organization_name"] == "United Nations High Commissioner for Refugees"


def test_location():
    assert item.location == "Tapachula"


def test_country_not_guessed():
    assert item.country is None


def test_grade():
    assert item.grade == "P-2"


def test_grade_text_kept_in_extra():
    assert item.extra["grade_text"] == (
        "Junior level - P-2, International Professional - Internationally recruited position"
    )
    assert item.extra["level"] == "Junior level - P-2"
    assert item.extra["staff_category"] == (
        "International Professional - Internationally recruited position"
    )


def test_categories():
    assert item.categories == ["Protection Officer (Refugee)"]


def test_categories_with_commas():
    assert bonn.categories == [
        "External Relations, Partnerships and Resource mobilization",
        "Project and Programme Management",
    ]


def test_closed():
    assert item.status == "closed"
    assert item.closing_date is None


def test_closed_note_with_a_date_closes():
    # Closed before its deadline: the date stays, the note makes it closed.
    prompt = b'<div class="login-prompt">'
    page = (
        (FILES / "job_1184046.html")
        .read_bytes()
        .replace(prompt, b"<p>This vacancy is now closed.</p>" + prompt)
    )
    spider = ImpactpoolSpider()
    posting = next(iter(spider.parse_job(html_response(f"{BASE}/jobs/1184046", page), "1184046")))
    assert (posting.status, posting.closing_date) == ("closed", "2026-11-30")


def test_closing_date_iso():
    assert kabul.closing_date == "2026-11-30"
    assert kabul.status == "open"


def test_newer_template():
    assert kabul.title == "Programme Management Officer"
    assert kabul.location == "Kabul"
    assert kabul.organization == "UN - United Nations"
    assert kabul.grade == "P-3"
    assert "Job Description" in kabul.text


@pytest.mark.parametrize(
    ("posting", "grade"),
    [(national, "NO-B"), (consultancy, "Consultancy"), (lica, "LICA 5"), (intern, "Internship")],
    ids=["NO-B", "consultancy", "LICA", "internship"],
)
def test_grade_families(posting, grade):
    assert posting.grade == grade
    assert posting.extra["grade_text"]


def test_fields_not_on_the_page_stay_empty():
    assert item.posted_date is None
    assert item.job_number is None
    assert item.contract_type is None


def test_text_keeps_the_posting():
    assert item.text.startswith("## Associate Protection Officer")
    assert "Organization: UNHCR - United Nations High Commissioner for Refugees" in item.text
    assert "addressed exclusively to candidates WITH THE US NATIONALITY" in item.text
    assert "Negotiate locally on behalf of UNHCR." in item.text
    assert "Sunday 22 May 2022 (midnight Geneva time)" in item.text
    assert "This vacancy is now closed." in item.text


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_text_drops_the_chrome(posting):
    for chrome in (
        "By continuing to browse this site",
        "Read our privacy policy",
        "Sign in to see the full job details",
        "Create a free account",
        "Share this job",
        "Similar jobs",
        "Create job alert",
        "Impactpool AB",
        "Career coaching",
        "Log in",
    ):
        assert chrome not in posting.text


def test_fetch_details():
    assert item.url == f"{BASE}/jobs/803641"
    assert item.http_status == 200
    assert item.content_type == "text/html; charset=utf-8"
    assert item.fetched_at == "2026-11-20T08:00:00+00:00"
    assert item.body == (FILES / "job_803641.html").read_bytes()


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and posting.organization and posting.location and posting.grade
    assert posting.categories
    assert posting.status in ("open", "closed")
    assert (posting.closing_date is None) == (posting.status == "closed")
    assert posting.title in posting.text
    assert " - " in posting.organization and posting.extra["organization_acronym"]


def test_location_with_country():
    page = (
        (FILES / "job_1184046.html")
        .read_bytes()
        .replace(
            b"<strong>Location:</strong> Kabul", b"<strong>Location:</strong> Kabul, Afghanistan"
        )
    )
    spider = ImpactpoolSpider()
    posting = next(iter(spider.parse_job(html_response(f"{BASE}/jobs/1184046", page), "1184046")))
    assert (posting.location, posting.country) == ("Kabul", "Afghanistan")


def test_page_without_fields_is_a_failure():
    spider = ImpactpoolSpider()
    page = b"<html><body><h1>Sign in</h1><form><input name='email'></form></body></html>"
    assert list(spider.parse_job(html_response(f"{BASE}/jobs/1", page), "1")) == []
    assert spider.failures and not spider.listing_broken


# -- the listing ----------------------------------------------------------------------


def crawl_listing(spider: ImpactpoolSpider, pages: int) -> list[scrapy.Request]:
    requests = []
    for page in range(1, pages + 1):
        requests += list(spider.parse(listing_response(page), page=page))
    return requests


def test_listing_request():
    request = ImpactpoolSpider().listing_request(1)
    assert request.url == f"{BASE}/jobs?page=1"
    assert request.errback.__func__ is ImpactpoolSpider.listing_failed


def test_listing_page_follows_jobs_and_next_page():
    spider = ImpactpoolSpider()
    requests = list(spider.parse(listing_response(1), page=1))
    details = [r for r in requests if r.callback == spider.parse_job]
    assert len(details) == 20
    assert details[0].url == f"{BASE}/jobs/1184046"
    assert details[0].cb_kwargs == {"key": "1184046"}
    assert requests[-1].url == f"{BASE}/jobs?page=2"
    assert requests[-1].cb_kwargs == {"page": 2}
    assert spider.stated_total == 55
    assert not spider.listing_complete


def test_featured_jobs_are_not_listed():
    # The "Featured jobs" box on page 1 links the last jobs of page 3.
    spider = ImpactpoolSpider()
    page_1 = list(spider.parse(listing_response(1), page=1))
    page_3 = ImpactpoolSpider()._parse_listing_keys(listing_response(3).css(".job-list"))
    assert not set(page_3) & {r.cb_kwargs.get("key") for r in page_1}


def test_listing_reads_all_pages():
    spider = ImpactpoolSpider()
    requests = crawl_listing(spider, 3)
    assert len([r for r in requests if r.callback == spider.parse_job]) == 55
    assert len(spider.listed_keys) == 55
    assert spider.listing_complete
    assert not spider.listing_broken


def test_listing_not_finished_before_last_page():
    spider = ImpactpoolSpider()
    crawl_listing(spider, 2)
    assert not spider.listing_complete


def test_failed_listing_page_leaves_listing_incomplete():
    spider = ImpactpoolSpider()
    crawl_listing(spider, 2)
    spider.listing_failed(Failure(ConnectionError("page 3 timed out")))
    assert spider.listing_broken
    assert not spider.listing_complete


def test_fewer_jobs_than_stated_is_incomplete():
    # Jobs moved between pages while we read: page 1 said 60, the pages showed 55.
    spider = ImpactpoolSpider()
    page_1 = (
        (FILES / "jobs_page_1.html")
        .read_bytes()
        .replace(b'<span class="search-count">55</span>', b'<span class="search-count">60</span>')
    )
    list(spider.parse(listing_response(1, page_1), page=1))
    list(spider.parse(listing_response(2), page=2))
    list(spider.parse(listing_response(3), page=3))
    assert not spider.listing_complete
    assert spider.listing_broken
    assert "states 60 jobs but its 3 pages showed 55" in spider.failures[0]


def test_page_without_job_list_is_a_failure():
    spider = ImpactpoolSpider()
    page = b"<html><body><h1>Service unavailable</h1></body></html>"
    assert list(spider.parse(listing_response(1, page), page=1)) == []
    assert spider.listing_broken and not spider.listing_complete


def test_empty_page_that_links_further_is_a_failure():
    spider = ImpactpoolSpider()
    page = (
        b'<html><body><div class="job-list"></div>'
        b'<a rel="next" href="/jobs?page=3">Next</a></body></html>'
    )
    assert list(spider.parse(listing_response(2, page), page=2)) == []
    assert spider.listing_broken


def test_next_link_backwards_ends_the_listing():
    spider = ImpactpoolSpider()
    page = (
        (FILES / "jobs_page_3.html")
        .read_bytes()
        .replace(b'href="/jobs?page=2">', b'rel="next" href="/jobs?page=1">')
    )
    requests = list(spider.parse(listing_response(3, page), page=3))
    assert all(r.callback == spider.parse_job for r in requests)


def test_base_url_override_applies_to_all_requests():
    spider = ImpactpoolSpider(base_url="http://127.0.0.1:8123/")
    page = (
        (FILES / "jobs_page_1.html")
        .read_bytes()
        .replace(b'href="/jobs?page=2"', b'href="https://www.impactpool.org/jobs?page=2"')
    )
    requests = list(spider.parse(listing_response(1, page), page=1))
    assert requests[0].url == "http://127.0.0.1:8123/jobs/1184046"
    assert requests[-1].url == "http://127.0.0.1:8123/jobs?page=2"


# -- real crawls of the mock site --------------------------------------------------------


def run_crawl(db: Path, base_urls: dict[str, str]) -> dict:
    result = subprocess.run(
        [*crawl_command(db, base_urls), "--json"], capture_output=True, text=True, timeout=180
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stdout)[0]


def test_crawls_page_through_the_listing_and_remove_only_after_a_complete_one(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["impactpool"]) as sites:
        site = sites["impactpool"]
        first = run_crawl(db, sites.base_urls)
        served = [path for _, path in site.requests]
        site.remove("871213")
        site.edit("1184046", closing_date=site.postings["1184046"].closing_date.replace(day=15))
        site.fault(r"^/jobs\?page=2$", 404)
        broken = run_crawl(db, sites.base_urls)
        site.faults.clear()
        second = run_crawl(db, sites.base_urls)
    assert first["status"] == "ok", first
    assert (first["new"], first["errors"]) == (55, 0)
    assert [p for p in served if p.startswith("/jobs?")] == [f"/jobs?page={n}" for n in (1, 2, 3)]
    details = [p for p in served if p.startswith("/jobs/")]
    assert len(details) == len(set(details)) == 55
    # page 2 failed: what page 1 showed is archived, nothing is marked removed
    assert broken["status"] == "incomplete", broken
    assert (broken["changed"], broken["removed"]) == (1, 0)
    assert second["status"] == "ok", second
    assert (second["changed"], second["removed"]) == (0, 1)
    with Archive(db) as archive:
        row = archive.conn.execute(
            "SELECT status FROM postings WHERE source = 'impactpool' AND source_key = '871213'"
        ).fetchone()
    assert row[0] == "removed"


# -- the mock site itself ----------------------------------------------------------------


def mock_get(site, path: str, query: dict[str, str] | None = None):
    return site.dispatch(MockRequest("GET", path, query or {}, {}))


def test_mock_pages_past_the_end_list_nothing():
    answer = mock_get(ImpactpoolSite(), "/jobs", {"page": "4"})
    assert answer.status == 200
    assert b"No jobs found." in answer.body and b'rel="next"' not in answer.body


def test_mock_unknown_job_is_404():
    assert mock_get(ImpactpoolSite(), "/jobs/999").status == 404


def test_mock_templates_follow_the_captures():
    site = ImpactpoolSite()
    older, newer = mock_get(site, "/jobs/871213").body, mock_get(site, "/jobs/1184046").body
    for page in (older, newer):
        assert b"By continuing to browse this site, you agree to our use of cookies." in page
        assert b"<strong>Occupational Groups:</strong><ul>" in page
    assert b"Job Description" not in older and b'class="job-city"' not in older
    assert b"<h2>Job Description</h2>" in newer and b'<p class="job-city">Kabul</p>' in newer
