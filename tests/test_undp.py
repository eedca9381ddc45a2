"""UNDP spider: saved Oracle Recruiting Cloud answers (tests/files/undp, made by
tests/files/undp/regenerate.py from the mock), the mock in process, and a crawl of it.

No real answer of UNDP's tenant is known; the mock's keys, their order and the value
shapes are those of real answers of another ORC tenant (see crawler/mocksites/undp.py),
and the tests below build the variations those real answers show."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import TextResponse

from archive import Archive
from crawler.demo import crawl_command
from crawler.items import JobPosting
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.undp import API, UndpSite, undp_postings
from spiders.base import PageUnusable
from spiders.undp import DETAIL_KEYS, ROW_ID, SEARCH_KEYS, UndpSpider

FILES = Path(__file__).parent / "files" / "undp"
BASE = "https://estm.fa.em2.oraclecloud.com"


def json_response(url: str, body: bytes) -> TextResponse:
    return TextResponse(
        url=url,
        body=body,
        encoding="utf-8",
        headers={"Content-Type": "application/json"},
        request=scrapy.Request(url),
    )


def listing(spider: UndpSpider, offset: int) -> list[scrapy.Request]:
    request = spider.listing_page_request(offset)
    body = (FILES / f"requisitions_offset_{offset}.json").read_bytes()
    return list(spider.parse(json_response(request.url, body), **request.cb_kwargs))


def detail_answer(key: str) -> TextResponse:
    url = UndpSpider().detail_url(key)
    return json_response(url, (FILES / f"details_{key}.json").read_bytes())


def detail(spider: UndpSpider, key: str, listed: dict | None = None) -> list[JobPosting]:
    return list(spider.detail_response(detail_answer(key), key, listed or {}))


def row(key: str) -> dict:
    """The listing row of `key` in the saved listing pages."""
    for offset in (0, 50, 100):
        data = json.loads((FILES / f"requisitions_offset_{offset}.json").read_bytes())
        for found in data["items"][0]["requisitionList"]:
            if found["Id"] == key:
                return found
    raise KeyError(key)


def edited(key: str, **changes: object) -> TextResponse:
    """The saved detail of `key` with some of its requisition's keys changed."""
    data = json.loads((FILES / f"details_{key}.json").read_bytes())
    data["items"][0].update(changes)
    return json_response(UndpSpider().detail_url(key), json.dumps(data).encode())


with freeze_time("2026-11-20T08:00:00Z"):
    spider = UndpSpider()
    pages = [listing(spider, offset) for offset in (0, 50, 100)]
    keys = ("20000", "20519", "20692", "21038")
    kabul, new_york, un_women, unv = (detail(spider, key, row(key))[0] for key in keys)
parsed_items = [kabul, new_york, un_women, unv]


# -- listing and paging ---------------------------------------------------------------


def test_listing_request_follows_sources_md():
    query = parse_qs(urlsplit(UndpSpider().listing_page_request(50).url).query)
    assert urlsplit(UndpSpider().listing_page_request(0).url).path == (
        "/hcmRestApi/resources/latest/recruitingCEJobRequisitions"
    )
    assert query["onlyData"] == ["true"]
    assert query["expand"] == ["requisitionList.workLocation,requisitionList.secondaryLocations"]
    assert query["finder"] == [
        "findReqs;siteNumber=CX_1,limit=50,offset=50,sortBy=POSTING_DATES_DESC"
    ]


def test_detail_request_follows_sources_md():
    query = parse_qs(urlsplit(UndpSpider().detail_url("20000")).query)
    assert query == {
        "expand": ["all"],
        "onlyData": ["true"],
        "finder": ['ById;Id="20000",siteNumber=CX_1'],
    }


def test_site_number_and_limit_are_arguments():
    custom = UndpSpider(site_number="CX_2", limit="500")
    finder = parse_qs(urlsplit(custom.listing_page_request(0).url).query)["finder"][0]
    assert finder.startswith("findReqs;siteNumber=CX_2,limit=200,")  # capped at the API maximum
    assert "/sites/CX_2/job/1" in custom.public_url("1")


def test_paging_reads_three_pages():
    details = [[r for r in page if r.callback == spider.detail_response] for page in pages]
    assert [len(d) for d in details] == [50, 50, 20]
    next_pages = [
        [r.cb_kwargs["offset"] for r in page if r.callback == spider.read_listing] for page in pages
    ]
    assert next_pages == [[50], [100], []]


def test_listing_complete_after_last_page():
    assert spider.ledger.verdict() == (True, [])
    assert len(spider.listed_keys) == 120
    assert spider.listed_keys == {p.key for p in undp_postings()}


def test_listing_not_complete_before_last_page():
    partial = UndpSpider()
    listing(partial, 0)
    listing(partial, 50)
    complete, problems = partial.ledger.verdict()
    assert not complete and "1 listing page requested but never read" in problems


def test_short_listing_is_incomplete():
    """A page that ends before TotalJobsCount (postings shifted while paging) removes nothing."""
    partial = UndpSpider()
    listing(partial, 0)
    listing(partial, 100)  # page 2 never read: 70 of 120 listed
    complete, problems = partial.ledger.verdict()
    assert not complete
    assert "found 70 of the 120 postings the listing states" in problems


def test_next_page_starts_after_the_rows_the_page_held():
    # A server that holds fewer rows than asked for (its own cap) loses none.
    data = json.loads((FILES / "requisitions_offset_0.json").read_bytes())
    data["items"][0]["requisitionList"] = data["items"][0]["requisitionList"][:25]
    request = UndpSpider().listing_page_request(0)
    out = list(UndpSpider().parse(json_response(request.url, json.dumps(data).encode())))
    assert [r.cb_kwargs["offset"] for r in out if "offset" in r.cb_kwargs] == [25]


def test_unknown_requisition_is_a_failed_detail():
    failing = UndpSpider()
    assert detail(failing, "99999") == []
    assert len(failing.failures) == 1 and "99999" in failing.failures[0]


def test_a_listing_without_its_search_result_names_the_key():
    data = json.loads((FILES / "requisitions_offset_0.json").read_bytes())
    del data["items"][0]["TotalJobsCount"]
    request = UndpSpider().listing_page_request(0)
    with pytest.raises(PageUnusable, match=r"items\[0\]\.TotalJobsCount"):
        list(UndpSpider().parse(json_response(request.url, json.dumps(data).encode())))


def test_an_html_page_is_no_listing():
    request = UndpSpider().listing_page_request(0)
    page = TextResponse(request.url, body=b"<html><h1>Service Unavailable</h1></html>",
                        headers={"Content-Type": "text/html"})  # fmt: skip
    with pytest.raises(PageUnusable, match="where JSON was expected"):
        list(UndpSpider().read_listing(page))  # as a crawl reads a listing page


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


def test_the_detail_alone_gives_the_same_posting():
    # A detail read without its listing row (a saved answer) lacks nothing.
    fields = UndpSpider().read_detail(detail_answer("20000"), "20000")
    assert (fields["title"], fields["categories"], fields["closing_date"]) == (
        kabul.title, kabul.categories, kabul.closing_date,
    )  # fmt: skip


@pytest.mark.parametrize("item", parsed_items)
def test_no_volatile_values(item):
    flat = repr(item.extra)
    assert "Flag" not in flat and "Relevancy" not in flat


@pytest.mark.parametrize("item", parsed_items)
def test_required_fields(item):
    assert item.source == "undp"
    assert item.title and item.organization and item.country and item.closing_date
    assert item.posted_date <= item.closing_date


# -- the variations real ORC answers show ---------------------------------------------


def test_no_flex_fields_means_undp_and_the_job_grade():
    # Other tenants answer `requisitionFlexFields: []`; `JobGrade` may hold the grade.
    fields = UndpSpider().read_detail(edited("20000", requisitionFlexFields=[], JobGrade="P3"), "")
    assert (fields["organization"], fields["grade"]) == ("UNDP", "P-3")
    assert "practice_area" not in fields["extra"]


def test_nulls_where_undp_fills_values():
    answer = edited(
        "20000", Category=None, ContractType=None, WorkerType=None, ShortDescriptionStr=""
    )
    listed = {**row("20000"), "JobFamily": None, "ContractType": None}
    fields = UndpSpider().read_detail(answer, "20000", listed)
    assert fields["categories"] == [] and fields["contract_type"] is None
    assert fields["title"] == "Programme Analyst - Governance" and fields["text"]


def test_the_description_in_several_parts_is_all_text():
    answer = edited(
        "20000",
        ExternalDescriptionStr="<p><strong>SUMMARY:</strong>&nbsp;</p>\n<p>Lead the team.</p>\n",
        ExternalResponsibilitiesStr="<ul>\n <li>Plan the work</li>\n</ul>",
        ExternalQualificationsStr="<p>A degree</p>",
        CorporateDescriptionStr='<p class="MsoNormal"><b>UNDP</b> works in 170 countries.</p>',
    )
    text = UndpSpider().read_detail(answer, "20000")["text"]
    assert text.startswith("SUMMARY:\n\nLead the team.")
    assert "## Responsibilities\n\n- Plan the work" in text
    assert "## Qualifications\n\nA degree" in text
    assert "## About us\n\nUNDP works in 170 countries." in text


def test_a_requisition_without_its_description_key_is_refused():
    data = json.loads((FILES / "details_20000.json").read_bytes())
    del data["items"][0]["ExternalDescriptionStr"]
    answer = json_response(UndpSpider().detail_url("20000"), json.dumps(data).encode())
    with pytest.raises(PageUnusable, match=r"items\[0\]\.ExternalDescriptionStr"):
        UndpSpider().read_detail(answer, "20000")


def test_the_answer_for_another_requisition_is_refused():
    with pytest.raises(PageUnusable, match="requisition 20000, not 20519"):
        UndpSpider().read_detail(detail_answer("20000"), "20519")


# -- the mock: structure, redesign, listing faults -------------------------------------


def serve(site: UndpSite, request: scrapy.Request) -> TextResponse:
    parts = urlsplit(request.url)
    answer = site.dispatch(MockRequest("GET", parts.path, dict(parse_qsl(parts.query)), {}))
    return TextResponse(request.url, status=answer.status, body=answer.body,
                        headers={"Content-Type": answer.content_type}, request=request)  # fmt: skip


def crawl_listing(site: UndpSite, limit: int = 50) -> UndpSpider:
    """Read the mock's listing as a crawl does, page after page."""
    reader = UndpSpider(limit=limit)
    pending = list(reader.listing_start())
    while pending:
        request = pending.pop(0)
        for out in request.callback(serve(site, request), **request.cb_kwargs):
            if out.callback == reader.read_listing:
                pending.append(out)
    return reader


def test_mock_answers_have_the_keys_the_spider_reads():
    site = UndpSite()
    search = json.loads(serve(site, UndpSpider().listing_page_request(0)).body)["items"][0]
    assert set(SEARCH_KEYS) <= set(search)
    assert all(ROW_ID in r for r in search["requisitionList"])
    job = json.loads(serve(site, scrapy.Request(UndpSpider().detail_url("20000"))).body)
    assert set(DETAIL_KEYS) <= set(job["items"][0])


def test_mock_echoes_offset_and_limit_and_has_no_posting_end_date():
    search = json.loads(serve(UndpSite(), UndpSpider(limit=10).listing_page_request(20)).body)
    first = search["items"][0]
    assert (first["Offset"], first["Limit"]) == (20, 10)
    assert first["requisitionList"][0]["PostingEndDate"] is None


def test_a_redesign_is_refused_naming_the_key():
    site = UndpSite()
    site.layout_changed = True
    listing_answer = serve(site, UndpSpider().listing_page_request(0))
    with pytest.raises(PageUnusable, match=r"items\[0\]\.requisitionList"):
        list(UndpSpider().parse(listing_answer))
    detail_request = scrapy.Request(UndpSpider().detail_url("20000"))
    with pytest.raises(PageUnusable, match=r"items\[0\]\.Id"):
        UndpSpider().read_detail(serve(site, detail_request), "20000")


def test_mock_listing_is_read_whole():
    assert crawl_listing(UndpSite(), limit=50).ledger.verdict() == (True, [])


@pytest.mark.parametrize("fault", ["repeat", "empty", "shift"])
def test_mock_listing_faults_leave_the_listing_incomplete(fault):
    site = UndpSite()
    site.listing_fault = fault
    complete, problems = crawl_listing(site).ledger.verdict()
    assert not complete and problems


def test_mock_listing_page_and_posting_of_a_request():
    site = UndpSite()
    listing_url = urlsplit(UndpSpider().listing_page_request(100).url)
    request = MockRequest("GET", listing_url.path, dict(parse_qsl(listing_url.query)), {})
    assert site.listing_page_number(request) == 3
    detail_url = urlsplit(UndpSpider().detail_url("20519"))
    request = MockRequest("GET", detail_url.path, dict(parse_qsl(detail_url.query)), {})
    assert (site.posting_key(request), site.listing_page_number(request)) == ("20519", None)


def test_mock_closed_posting_leaves_the_listing():
    site = UndpSite()
    site.edit("20000", status="closed")
    assert "20000" not in crawl_listing(site).listed_keys


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
        site.fault_listing_page(2, 500)
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


# -- the mock's own rules -------------------------------------------------------------


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
