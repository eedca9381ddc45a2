"""UNDP spider: saved Oracle Recruiting Cloud answers (tests/files/undp), a crawl of the mock."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import TextResponse

from archive import Archive
from crawler.demo import crawl_command
from crawler.items import JobPosting
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.undp import API, UndpSite, undp_postings
from spiders.undp import UndpSpider

FILES = Path(__file__).parent / "files" / "undp"
BASE = "https://estm.fa.em2.oraclecloud.com"


def json_response(name: str, url: str, **cb_kwargs: object) -> TextResponse:
    return TextResponse(
        url=url,
        body=(FILES / name).read_bytes(),
        encoding="utf-8",
        headers={"Content-Type": "application/json"},
        request=scrapy.Request(url, cb_kwargs=cb_kwargs),
    )


def listing(spider: UndpSpider, offset: int) -> list[scrapy.Request]:
    request = spider.listing_request(offset)
    response = json_response(f"requisitions_offset_{offset}.json", request.url)
    return list(spider.parse(response, **request.cb_kwargs))


def detail(spider: UndpSpider, key: str) -> list[JobPosting]:
    request = spider.detail_request(key, {})
    return list(spider.parse_job(json_response(f"details_{key}.json", request.url), key=key))


with freeze_time("2026-11-20T08:00:00Z"):
    spider = UndpSpider()
    pages = [listing(spider, offset) for offset in (0, 50, 100)]
    keys = ("20000", "20519", "20692", "21038")
    kabul, new_york, un_women, unv = (detail(spider, key)[0] for key in keys)
parsed_items = [kabul, new_york, un_women, unv]


# -- listing and paging ---------------------------------------------------------------


def test_listing_request_follows_sources_md():
    query = parse_qs(urlsplit(UndpSpider().listing_request(50).url).query)
    assert urlsplit(UndpSpider().listing_request(0).url).path == (
        "/hcmRestApi/resources/latest/recruitingCEJobRequisitions"
    )
    assert query["onlyData"] == ["true"]
    assert query["expand"] == ["requisitionList.workLocation,requisitionList.secondaryLocations"]
    assert query["finder"] == [
        "findReqs;siteNumber=CX_1,limit=50,offset=50,sortBy=POSTING_DATES_DESC"
    ]


def test_detail_request_follows_sources_md():
    query = parse_qs(urlsplit(UndpSpider().detail_request("20000", {}).url).query)
    assert query == {
        "expand": ["all"],
        "onlyData": ["true"],
        "finder": ['ById;Id="20000",siteNumber=CX_1'],
    }


def test_site_number_and_limit_are_arguments():
    custom = UndpSpider(site_number="CX_2", limit="500")
    finder = parse_qs(urlsplit(custom.listing_request(0).url).query)["finder"][0]
    assert finder.startswith("findReqs;siteNumber=CX_2,limit=200,")  # capped at the API maximum
    assert "/sites/CX_2/job/1" in custom.public_url("1")


def test_paging_reads_three_pages():
    details = [[r for r in page if r.callback == spider.parse_job] for page in pages]
    assert [len(d) for d in details] == [50, 50, 20]
    next_pages = [
        [r.cb_kwargs["offset"] for r in page if r.callback == spider.parse] for page in pages
    ]
    assert next_pages == [[50], [100], []]


def test_listing_complete_after_last_page():
    assert spider.listing_complete and not spider.listing_broken
    assert len(spider.listed_keys) == 120
    assert spider.listed_keys == {p.key for p in undp_postings()}


def test_listing_not_complete_before_last_page():
    partial = UndpSpider()
    listing(partial, 0)
    listing(partial, 50)
    assert not partial.listing_complete


def test_short_listing_is_incomplete():
    """A page that ends before TotalJobsCount (postings shifted while paging) removes nothing."""
    partial = UndpSpider()
    listing(partial, 0)
    listing(partial, 100)  # page 2 never read: 70 of 120 listed
    assert not partial.listing_complete
    assert partial.listing_broken


def test_unknown_requisition_is_a_failed_detail():
    failing = UndpSpider()
    assert detail(failing, "99999") == []
    assert len(failing.failures) == 1 and "99999" in failing.failures[0]


# -- one field each -------------------------------------------------------------------


def test_source_key():
    assert kabul.source_key == "20000"


def test_url():
    assert kabul.url == f"{BASE}/hcmUI/CandidateExperience/en/sites/CX_1/job/20000"


def test_title():
    assert kabul.title == "Programme Analyst - Governance"


def test_organization():
    assert kabul.organization == "UNDP"


def test_organization_from_agency_flex_field():
    assert (un_women.organization, unv.organization) == ("UN Women", "UNV")


def test_location():
    assert kabul.location == "Kabul"


def test_country():
    assert kabul.country == "Afghanistan"


def test_location_with_state():
    assert (new_york.location, new_york.country) == ("New York", "United States")


def test_grade():
    assert (kabul.grade, un_women.grade) == ("NPSA-9", "P-3")


def test_unknown_grade_kept_raw():
    assert unv.grade is None
    assert unv.extra["grade_raw"] == "NUNV Specialist"


def test_contract_type():
    assert kabul.contract_type == "National Personnel Service Agreement"


def test_job_number():
    assert kabul.job_number == "20000"


def test_posted_date():
    assert kabul.posted_date == "2026-11-16"


def test_closing_date_is_new_york_date():
    # ExternalPostedEndDate is 2026-12-01T04:59:00+00:00: 23:59 on 30 November in New York.
    assert kabul.closing_date == "2026-11-30"


def test_status():
    assert kabul.status == "open"


def test_categories():
    assert kabul.categories == ["Democratic Governance and Peacebuilding"]


def test_text():
    assert "Provide substantive inputs to the design of the governance portfolio." in kabul.text
    assert "Duties and Responsibilities" in kabul.text
    assert "<p>" not in kabul.text


def test_extra():
    assert kabul.extra == {
        "site_number": "CX_1",
        "worker_type": "Non-staff",
        "workplace_type": "On-site",
        "primary_location": "Kabul, Afghanistan",
        "practice_area": "Governance",
        "bureau": "Regional Bureau for Asia and the Pacific",
        "contract_duration": "1 Year with possibility for extension",
    }


@pytest.mark.parametrize("item", parsed_items)
def test_no_volatile_values(item):
    flat = repr(item.extra)
    assert "Flag" not in flat and "Relevancy" not in flat


@pytest.mark.parametrize("item", parsed_items)
def test_required_fields(item):
    assert item.source == "undp"
    assert item.title and item.organization and item.country and item.closing_date
    assert item.posted_date <= item.closing_date


# -- a real crawl of the mock ---------------------------------------------------------


def _crawl(db: Path, url: str) -> subprocess.CompletedProcess[str]:
    # 30 postings at 10 a page: three listing pages, and the page-size setting exercised.
    argv = [*crawl_command(db, {"undp": url}), "-s", "UNDP_PAGE_SIZE=10"]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


def test_crawl_mock_site(tmp_path):
    db = tmp_path / "archive.db"
    site = UndpSite(undp_postings(30))
    with MockSites(["undp"], sites=[site]) as sites:
        first = _crawl(db, sites.base_urls["undp"])
        assert first.returncode == 0, first.stdout + first.stderr
        assert "undp: ok - new 30, changed 0, unchanged 0" in first.stdout
        second = _crawl(db, sites.base_urls["undp"])
        listing_requests = [t for _, t in site.requests if "recruitingCEJobRequisitions?" in t]
        # A posting goes, and the second listing page fails: nothing may be marked removed.
        site.remove("20173")
        site.fault(r"recruitingCEJobRequisitions\?.*offset=10,", 500)
        third = _crawl(db, sites.base_urls["undp"])
    assert second.returncode == 0, second.stdout + second.stderr
    assert "undp: ok - new 0, changed 0, unchanged 30, reopened 0, removed 0" in second.stdout
    assert len(listing_requests) == 2 * 3
    assert third.returncode == 1
    assert "undp: incomplete - new 0, changed 0, unchanged 10, reopened 0, removed 0" in (
        third.stdout
    )
    with Archive(db, create=False) as archive:
        row = archive.conn.execute(
            "SELECT title, organization, location, country, closing_date FROM postings "
            "WHERE source = 'undp' AND source_key = '20000'"
        ).fetchone()
    assert tuple(row) == (
        "Programme Analyst - Governance",
        "UNDP",
        "Kabul",
        "Afghanistan",
        "2026-11-30",
    )


# -- the mock's own rules (SOURCES.md) ------------------------------------------------


def _mock_get(site: UndpSite, path: str, **query: str) -> tuple[int, dict]:
    answer = site.dispatch(MockRequest("GET", path, query, {}))
    return answer.status, json.loads(answer.body)


def test_mock_rejects_limit_above_200():
    finder = "findReqs;siteNumber=CX_1,limit=201,offset=0,sortBy=POSTING_DATES_DESC"
    status, _ = _mock_get(UndpSite(), f"{API}/recruitingCEJobRequisitions", finder=finder)
    assert status == 400


def test_mock_outer_has_more_is_not_about_jobs():
    finder = "findReqs;siteNumber=CX_1,limit=10,offset=0,sortBy=POSTING_DATES_DESC"
    status, data = _mock_get(UndpSite(), f"{API}/recruitingCEJobRequisitions", finder=finder)
    assert (status, data["hasMore"], data["items"][0]["TotalJobsCount"]) == (200, False, 120)
