"""UNOPS spider: saved Avature pages (tests/files/unops) and a real crawl of the mock."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import HtmlResponse

from archive import Archive
from crawler.demo import crawl_command
from crawler.items import JobPosting
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.unops import UnopsSite, unops_postings
from spiders.unops import UnopsSpider

FILES = Path(__file__).parent / "files" / "unops"
BASE = "https://careers.unops.org"


def html_response(name: str, url: str, **cb_kwargs: object) -> HtmlResponse:
    return HtmlResponse(
        url=url,
        body=(FILES / name).read_bytes(),
        encoding="utf-8",
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=scrapy.Request(url, cb_kwargs=cb_kwargs),
    )


def listing(spider: UnopsSpider, offset: int) -> list[scrapy.Request]:
    request = spider.listing_request(offset)
    response = html_response(f"search_offset_{offset}.html", request.url)
    return list(spider.parse(response, **request.cb_kwargs))


def details(page: list[scrapy.Request]) -> dict[str, scrapy.Request]:
    return {r.cb_kwargs["key"]: r for r in page if r.callback.__name__ == "parse_job"}


def detail(
    spider: UnopsSpider, request: scrapy.Request, name: str | None = None
) -> list[JobPosting]:
    key = request.cb_kwargs["key"]
    response = html_response(name or f"job_{key}.html", request.url)
    return list(spider.parse_job(response, **request.cb_kwargs))


with freeze_time("2026-11-20T08:00:00Z"):
    spider = UnopsSpider()
    pages = [listing(spider, offset) for offset in (0, 6, 12)]
    requests = {k: r for page in pages for k, r in details(page).items()}
    project, procurement, portfolio, closed = (
        detail(spider, requests[k])[0] for k in ("31245", "31264", "31321", "31302")
    )
parsed_items = [project, procurement, portfolio, closed]


# -- listing and paging ---------------------------------------------------------------


def test_listing_request_follows_sources_md():
    assert UnopsSpider().listing_request(12).url == (
        f"{BASE}/careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=12"
    )


def test_paging_reads_three_pages():
    assert [len(details(page)) for page in pages] == [6, 6, 4]
    next_offsets = [
        [r.cb_kwargs["offset"] for r in page if r.callback.__name__ == "parse"] for page in pages
    ]
    assert next_offsets == [[6], [12], []]


def test_featured_jobs_are_not_listed_twice():
    assert len(spider.listed_keys) == 16


def test_listing_complete_after_last_page():
    assert spider.listing_complete and not spider.listing_broken
    assert spider.listed_keys == {p.key for p in unops_postings(16)}


def test_listing_not_complete_before_last_page():
    partial = UnopsSpider()
    listing(partial, 0)
    listing(partial, 6)
    assert not partial.listing_complete


def test_skipped_page_makes_listing_incomplete():
    partial = UnopsSpider()
    listing(partial, 0)
    listing(partial, 12)  # the legend says 16 results, 10 were seen
    assert not partial.listing_complete and partial.listing_broken


def test_detail_urls_use_the_spiders_base_url():
    mirror = UnopsSpider(base_url="http://127.0.0.1:9999")
    page = listing(mirror, 0)
    assert details(page)["31245"].url == (
        "http://127.0.0.1:9999/careersmarketplace/JobDetail/Project-Manager/31245"
    )


def test_error_page_is_a_failed_detail():
    failing = UnopsSpider()
    request = scrapy.Request(f"{BASE}/careersmarketplace/Error", cb_kwargs={"key": "99999"})
    assert detail(failing, request, "error.html") == []
    assert len(failing.failures) == 1 and "99999" in failing.failures[0]


def test_error_page_for_listing_is_incomplete():
    failing = UnopsSpider()
    response = html_response("error.html", f"{BASE}/careersmarketplace/Error")
    assert list(failing.parse(response, offset=0)) == []
    assert failing.listing_broken and not failing.listing_complete


# -- one field each -------------------------------------------------------------------


def test_source_key():
    assert project.source_key == "31245"


def test_url():
    assert project.url == f"{BASE}/careersmarketplace/JobDetail/Project-Manager/31245"


def test_title():
    assert project.title == "Project Manager"


def test_organization():
    assert project.organization == "UNOPS"


def test_location():
    assert project.location == "Nairobi"


def test_country():
    assert project.country == "Kenya"


def test_grade():
    assert project.grade == "ICS 11 (IICA 3)"


def test_grade_hyphenated_spelling():
    assert procurement.grade == "ICS 10 (IICA 2)"


def test_grade_staff():
    assert portfolio.grade == "P-5"


def test_contract_type():
    assert project.contract_type == "International ICA"


def test_job_number():
    assert project.job_number == "VA/2026/B5100/31245"


def test_posted_date():
    assert project.posted_date == "2026-11-16"


def test_closing_date_from_deadline():
    assert project.closing_date == "2026-11-30"


def test_closing_date_from_application_period():
    assert procurement.closing_date == "2026-11-30"


def test_status():
    assert (project.status, procurement.status) == ("open", "open")


def test_closed():
    assert (closed.status, closed.closing_date) == ("closed", None)
    assert closed.posted_date == "2026-11-15"  # from the listing


def test_categories():
    assert project.categories == ["Project Management"]


def test_text():
    assert "Lead the planning and delivery of the project within scope, time and budget." in (
        project.text
    )
    assert "Functional Responsibilities" in project.text


def test_extra():
    assert project.extra == {
        "department_office": "AFR, KEMCO, Kenya",
        "duration": "Open-ended, subject to satisfactory performance and funding availability",
        "contract_level": "ICS 11 (IICA 3)",
    }


@pytest.mark.parametrize("item", parsed_items)
def test_no_chrome_in_text(item):
    for chrome in ("cookies", "Share this job", "Similar jobs", "Apply", "days ago", "Fraud alert"):
        assert chrome not in item.text


@pytest.mark.parametrize("item", parsed_items)
def test_required_fields(item):
    assert item.source == "unops"
    assert item.title and item.organization and item.location and item.country
    assert item.closing_date or item.status == "closed"


# -- a real crawl of the mock ---------------------------------------------------------


def _crawl(db: Path, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        crawl_command(db, {"unops": url}), capture_output=True, text=True, timeout=120
    )


def test_crawl_mock_site(tmp_path):
    db = tmp_path / "archive.db"
    site = UnopsSite(unops_postings(20))  # four listing pages of 6, 6, 6 and 2
    with MockSites(["unops"], sites=[site]) as sites:
        first = _crawl(db, sites.base_urls["unops"])
        assert first.returncode == 0, first.stdout + first.stderr
        assert "unops: ok - new 20, changed 0, unchanged 0" in first.stdout
        second = _crawl(db, sites.base_urls["unops"])
        listing_requests = [t for _, t in site.requests if "SearchJobs" in t]
        # Two listed jobs whose pages now redirect to /Error: two failed details, no posting.
        site.fault(
            r"/JobDetail/[^/]+/(31245|31264)$",
            lambda request: site.redirect("/careersmarketplace/Error"),
        )
        third = _crawl(db, sites.base_urls["unops"])
    assert second.returncode == 0, second.stdout + second.stderr
    assert "unops: ok - new 0, changed 0, unchanged 20, reopened 0, removed 0" in second.stdout
    assert len(listing_requests) == 2 * 4
    assert third.returncode == 1
    summary = "unops: incomplete - new 0, changed 0, unchanged 18, reopened 0, removed 0, errors 2"
    assert summary in third.stdout
    with Archive(db, create=False) as archive:
        row = archive.conn.execute(
            "SELECT title, organization, location, country, grade, closing_date FROM postings "
            "WHERE source = 'unops' AND source_key = '31245'"
        ).fetchone()
    assert tuple(row) == (
        "Project Manager",
        "UNOPS",
        "Nairobi",
        "Kenya",
        "ICS 11 (IICA 3)",
        "2026-11-30",
    )


# -- the mock's own rules (SOURCES.md) ------------------------------------------------


def test_mock_redirects_unknown_job_to_error():
    answer = UnopsSite().dispatch(
        MockRequest("GET", "/careersmarketplace/JobDetail/Anything/1", {}, {})
    )
    assert answer.status == 302
    assert answer.headers["Location"].endswith("/careersmarketplace/Error")


def test_mock_shows_six_per_page():
    answer = UnopsSite().dispatch(
        MockRequest(
            "GET",
            "/careersmarketplace/SearchJobs/",
            {"jobRecordsPerPage": "50", "jobOffset": "0"},
            {},
        )
    )
    page = answer.body.decode()
    assert page.count('class="article article--result"') == 6
    assert "1-6 of 40 results" in page
