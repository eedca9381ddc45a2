"""UncareersSpider against saved careers.un.org answers (tests/files/uncareers/, made by
tests/files/regenerate_api_sources.py from the UN Careers mock), against the real API
answer in ../shared/real-captures/uncareers/, and against the mock in process."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import scrapy
from protego import Protego
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawler.mocksites import MockRequest
from crawler.mocksites.uncareers import UncareersSite
from spiders.base import PageUnusable
from spiders.uncareers import (
    COUNT_KEY,
    DETAIL_KEYS,
    ID_KEY,
    LIST_KEY,
    SECTION_CLASSES,
    UncareersSpider,
    title_case_place,
)
from tests.realcaptures import capture, capture_response, captures

FILES = Path(__file__).parent / "files" / "uncareers"
BASE = "https://careers.un.org"
LIST_URL = f"{BASE}/api/public/opening/jo/list/filteredV2/en"
REAL = "uncareers/detail_285431_trimmed.json"


def make_spider(**kwargs) -> UncareersSpider:
    kwargs.setdefault("page_size", 20)
    return UncareersSpider(**kwargs)


def json_response(url: str, body: bytes, method: str = "GET") -> TextResponse:
    return TextResponse(
        url,
        body=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=scrapy.Request(url, method=method),
    )


def list_response(page: int) -> TextResponse:
    return json_response(LIST_URL, (FILES / f"list_page_{page}.json").read_bytes(), "POST")


def detail_response(name: str) -> TextResponse:
    url = f"{BASE}/api/public/opening/jo/{name}/en"
    return json_response(url, (FILES / f"detail_{name}.json").read_bytes())


def listed(key: str) -> dict:
    for page in (0, 1, 2):
        for opening in json.loads((FILES / f"list_page_{page}.json").read_bytes())["data"]["list"]:
            if str(opening["jobId"]) == key:
                return opening
    raise KeyError(key)


def parse_job(key: str):
    """The posting a crawl makes of a saved detail (with its listing item)."""
    return next(iter(make_spider().detail_response(detail_response(key), key, listed(key))))


def read_listing(spider: UncareersSpider, page: int) -> list[scrapy.Request]:
    return list(spider.parse(list_response(page), page=page))


item = parse_job("285431")  # the real fixture's opening: Bonn, P-3
ndjamena = parse_job("285170")  # NO-B, "N'DJAMENA"
dar = parse_job("283261")  # P-5, "DAR ES SALAAM"
temporary = parse_job("282763")  # posted 31 Oct (EDT); its detail has the real answer's keys
parsed_items = [item, ndjamena, dar, temporary]


def body(request: scrapy.Request) -> dict:
    return json.loads(request.body)


# -- the listing ---------------------------------------------------------------------


def test_start_posts_the_first_page():
    async def collect(spider):
        return [request async for request in spider.start()]

    [request] = asyncio.run(collect(make_spider()))
    assert request.method == "POST"
    assert request.url == LIST_URL
    assert request.headers["Content-Type"] == b"application/json"
    assert body(request)["pagination"] == {
        "page": 0, "itemPerPage": 20, "sortBy": "startDate", "sortDirection": -1,
    }  # fmt: skip
    assert body(request)["filterConfig"]["keyword"] == ""


def test_first_page_fetches_each_opening_then_the_next_page():
    spider = make_spider()
    requests = read_listing(spider, 0)
    details = [r for r in requests if r.method == "GET"]
    pages = [body(r)["pagination"]["page"] for r in requests if r.method == "POST"]
    assert len(details) == 20 == len(spider.listed_keys)
    assert details[0].url == f"{BASE}/api/public/opening/jo/285917/en"
    assert details[0].cb_kwargs["listed"]["jobId"] == 285917
    assert pages == [1]
    complete, problems = spider.ledger.verdict()
    assert not complete and "1 listing page requested but never read" in problems


def test_paging_reads_three_pages_then_stops_complete():
    spider = make_spider()
    pages = []
    for page in (0, 1, 2):
        pages += [
            body(r)["pagination"]["page"] for r in read_listing(spider, page) if r.method == "POST"
        ]
    assert pages == [1, 2]  # nothing after the last page
    assert len(spider.listed_keys) == 56
    assert spider.ledger.verdict() == (True, [])


def test_sort_by_is_always_sent():
    # The real API answers 500 without it.
    for page in (0, 3):
        request = make_spider().listing_page_request(page)
        assert body(request)["pagination"]["sortBy"] == "startDate"


def test_page_size_argument_and_setting():
    assert make_spider(page_size="50").page_size == 50
    crawler = get_crawler(UncareersSpider, settings_dict={"UNCAREERS_PAGE_SIZE": 100})
    assert UncareersSpider.from_crawler(crawler).page_size == 100
    assert UncareersSpider().page_size == 20


def changed_count(count: int) -> TextResponse:
    last = json.loads((FILES / "list_page_2.json").read_bytes())
    last["data"]["count"] = count
    return json_response(LIST_URL, json.dumps(last).encode(), "POST")


def test_a_count_that_moves_between_pages_leaves_the_listing_incomplete():
    spider = make_spider()
    read_listing(spider, 0)
    read_listing(spider, 1)
    list(spider.parse(changed_count(60), page=2))  # openings published while paging
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert "the stated total moved from 56 to 60 while the listing was read" in problems


def test_a_count_that_moves_by_one_is_tolerated():
    spider = make_spider()
    read_listing(spider, 0)
    read_listing(spider, 1)
    list(spider.parse(changed_count(57), page=2))
    assert spider.ledger.verdict() == (True, [])


def test_an_empty_page_before_the_count_breaks_the_listing():
    spider = make_spider()
    read_listing(spider, 0)
    empty = json_response(LIST_URL, b'{"status": 1, "data": {"list": [], "count": 56}}', "POST")
    assert list(spider.parse(empty, page=1)) == []
    complete, problems = spider.ledger.verdict()
    assert not complete and any("had no postings" in p for p in problems)


def test_an_unreadable_listing_is_refused():
    html = TextResponse(LIST_URL, body=b"<html>Service unavailable</html>",
                        headers={"Content-Type": "text/html"})  # fmt: skip
    with pytest.raises(PageUnusable, match="where JSON was expected"):
        list(make_spider().read_listing(html, page=0))  # as a crawl reads a listing page


def test_a_listing_without_its_list_names_the_key():
    answer = json_response(LIST_URL, b'{"status": 1, "data": {"items": [], "count": 56}}', "POST")
    with pytest.raises(PageUnusable, match=r"no data\.list"):
        list(make_spider().parse(answer, page=0))


def test_robots_txt_is_the_app_page_and_allows_everything():
    robots = Protego.parse((FILES / "robots.txt").read_text())
    assert robots.can_fetch(LIST_URL, "jobarchive")
    assert robots.can_fetch(f"{BASE}/api/public/opening/jo/285431/en", "jobarchive")


# -- the detail, one field per test ----------------------------------------------------


def test_detail_without_an_opening_gives_nothing():
    spider = make_spider()
    assert list(spider.detail_response(detail_response("missing"), "1", {})) == []
    assert spider.failures and "No job opening found" in spider.failures[0]
    assert not spider.ledger.failed


def test_detail_of_another_opening_is_refused():
    with pytest.raises(PageUnusable, match="opening 285431, not 1"):
        make_spider().read_detail(detail_response("285431"), "1")


def test_source_key():
    assert item.source == "uncareers"
    assert item.source_key == "285431"


def test_title():
    assert item.title == "Programme Management Officer (Mental Health)"


def test_organization():
    assert item.organization == "Department of Management Strategy, Policy and Compliance"


def test_organization_without_dept_is_the_department_description():
    # 282763's detail has only the real answer's keys: no `dept`. The listing item has
    # it; read alone (a saved page), the department description is the organization.
    # Both under UNEP's one name; what the site wrote is kept.
    assert temporary.organization == "UNEP"
    alone = make_spider().read_detail(detail_response("282763"), "282763")
    assert alone["organization"] == "UNEP"
    assert alone["extra"]["organization_raw"] == (
        "United Nations Environment Programme Ecosystems Division"
    )


def test_location():
    assert item.location == "Bonn"


def test_location_title_case():
    assert ndjamena.location == "N'Djamena"
    assert dar.location == "Dar es Salaam"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("BONN", "Bonn"),
        ("NEW YORK", "New York"),
        ("DAR ES SALAAM", "Dar es Salaam"),
        ("PORT-AU-PRINCE", "Port-au-Prince"),
        ("N'DJAMENA", "N'Djamena"),
        ("ADDIS ABABA", "Addis Ababa"),
        ("Geneva", "Geneva"),  # already in mixed case
        ("", None),
        (None, None),
    ],
)
def test_title_case_place(raw, expected):
    assert title_case_place(raw) == expected


def test_country():
    assert item.country is None  # the API names no country


def test_grade():
    assert item.grade == "P-3"
    assert ndjamena.grade == "NO-B"


def test_contract_type():
    assert item.contract_type == "Job Opening"
    assert temporary.contract_type == "Temporary Job Opening"


def test_job_number():
    assert item.job_number == "285431"


def test_posted_date():
    assert item.posted_date == "2026-11-16"  # 2026-11-16T05:00:00.000Z: midnight EST


def test_posted_date_in_daylight_saving_time():
    assert temporary.posted_date == "2026-10-31"  # 2026-10-31T04:00:00.000Z: midnight EDT


def test_closing_date():
    assert item.closing_date == "2026-11-22"  # 2026-11-23T04:59:59.000Z: 23:59:59 in New York


def test_status():
    assert item.status == "open"


def test_categories():
    assert item.categories == ["Programme Management"]


def test_categories_include_the_job_network_when_given():
    opening = {
        **listed("285431"),
        "jn": {"code": "ECO", "name": "Economic, Social and Development"},
    }
    assert make_spider()._parse_categories(opening) == [
        "Programme Management", "Economic, Social and Development",
    ]  # fmt: skip


def test_text_has_each_section_under_its_heading():
    assert item.text.startswith(
        "## Org. Setting and Reporting\n\nThis position is located in the Department of "
        "Management Strategy, Policy and Compliance at the Bonn duty station."
    )
    assert "## Responsibilities\n\nWithin delegated authority" in item.text
    assert "- Develop and implement the mental health strategy for staff." in item.text
    assert "## No Fee\n\nTHE UNITED NATIONS DOES NOT CHARGE A FEE" in item.text
    assert "jobPostingItem" not in item.text and "<" not in item.text


def test_text_of_a_temporary_opening_has_its_special_notice():
    assert "## Special Notice\n\nThis position is temporarily available until" in temporary.text


def test_url():
    assert item.url == "https://careers.un.org/jobSearchDescription/285431?language=en"


def test_url_follows_the_base_url():
    spider = make_spider(base_url="http://127.0.0.1:8123")
    assert (
        spider.public_url("285431")
        == "http://127.0.0.1:8123/jobSearchDescription/285431?language=en"
    )


def test_extra():
    assert item.extra["duty_station_raw"] == "BONN"
    assert item.extra["grade_raw"] == "P-3"  # was "job_level": a raw copy of the grade
    assert item.extra["posting_title"] == "Programme Management Officer (Mental Health), P3"
    assert item.extra["department"] == (
        "Department of Management Strategy, Policy and Compliance Office of Human Resources"
    )
    assert item.extra["apply_url"].endswith("JobOpeningId=285431&languageCd=ENG")


def test_key_from_url():
    assert make_spider().key_from_url(f"{BASE}/api/public/opening/jo/285431/en") == "285431"


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and posting.organization and posting.location and posting.text
    assert posting.grade and posting.posted_date and posting.closing_date
    assert posting.posted_date < posting.closing_date
    assert posting.url == f"{BASE}/jobSearchDescription/{posting.source_key}?language=en"
    assert posting.status == "open"


# -- the real API answer (careers.un.org itself, trimmed by its saver) -----------------


@pytest.fixture(scope="module")
def real() -> dict:
    response = capture_response(REAL, f"{BASE}/api/public/opening/jo/285431/en", "application/json")
    return UncareersSpider().read_detail(response, "285431", {})


def test_real_title(real):
    assert real["title"] == "Programme Management Officer (Mental Health)"


def test_real_organization_is_the_department_description(real):
    # The answer has no `dept`: `departmentDescr` names the office.
    assert real["organization"] == "Department of Management Strategy, Policy and Compliance"
    assert real["extra"]["organization_raw"] == (
        "Department of Management Strategy, Policy and Compliance Office of Human Resources"
    )


def test_real_location(real):
    assert real["location"] == "Bonn"
    assert real["extra"]["duty_station_raw"] == "BONN"


def test_real_grade(real):
    assert real["grade"] == "P-3"


def test_real_posted_date_is_the_new_york_date(real):
    assert real["posted_date"] == "2026-09-25"  # 2026-09-25T04:00:00.000Z: midnight EDT


def test_real_closing_date_is_the_new_york_date(real):
    assert real["closing_date"] == "2026-10-09"  # 2026-10-10T03:59:59.000Z


def test_real_text_has_its_three_sections(real):
    text = real["text"]
    assert text.startswith("## Org. Setting and Reporting\n\nThis position is located in the")
    assert "## Responsibilities\n\nWithin delegated authority" in text
    assert "•Provides technical expertise" in text
    assert "## Education\n\nAdvanced university degree" in text
    assert text.count("## ") == 3 and "<" not in text


def test_real_url_and_number(real):
    assert real["url"] == f"{BASE}/jobSearchDescription/285431?language=en"
    assert (real["source_key"], real["job_number"]) == ("285431", "285431")
    assert real["extra"]["apply_url"].endswith("JobOpeningId=285431&languageCd=ENG")


@pytest.mark.parametrize("name", captures("uncareers"))
def test_every_real_capture_reads(name):
    capture(name)  # skipped (failing under CI) where the real captures are not at hand
    job_id = re.search(r"(\d+)", name.rsplit("/", 1)[-1]).group(1)  # detail_<jobId>...
    url = f"{BASE}/api/public/opening/jo/{job_id}/en"
    fields = UncareersSpider().read_detail(capture_response(name, url, "application/json"), None)
    assert fields["source_key"] == job_id
    assert fields["title"] and fields["text"] and fields["closing_date"]


# -- the mock has the structure of the real answer -------------------------------------


def mock_answer(site: UncareersSite, method: str, path: str, payload: object = None) -> dict:
    request = MockRequest(method, path, {}, {}, json.dumps(payload).encode() if payload else b"")
    answer = site.dispatch(request)
    assert answer.status == 200
    return json.loads(answer.body)


def mock_listing(site: UncareersSite) -> dict:
    body = make_spider().listing_page_request(0).body
    return mock_answer(site, "POST", urlsplit(LIST_URL).path, json.loads(body))


def test_mock_and_real_detail_have_the_keys_the_spider_reads():
    real = json.loads(capture(REAL).read_bytes())["data"]
    mock = mock_answer(UncareersSite(), "GET", "/api/public/opening/jo/285431/en")["data"]
    assert set(DETAIL_KEYS) <= set(real)
    assert set(DETAIL_KEYS) <= set(mock)
    for data in (real, mock):
        assert {"code", "description"} <= set(data["dutyStation"][0])
        assert all(f"'{name}'" in data["jobDescription"] for name in SECTION_CLASSES)


def test_mock_detail_of_the_real_shape_has_the_real_keys():
    real = json.loads(capture(REAL).read_bytes())["data"]
    mock = mock_answer(UncareersSite(), "GET", "/api/public/opening/jo/282763/en")["data"]
    assert list(mock) == list(real)


def test_mock_listing_has_the_keys_the_spider_reads():
    data = mock_listing(UncareersSite())["data"]
    assert {LIST_KEY, COUNT_KEY} <= set(data)
    assert all(ID_KEY in opening for opening in data[LIST_KEY])


def test_a_redesign_is_refused_naming_the_key():
    site = UncareersSite()
    site.layout_changed = True
    listing = json_response(LIST_URL, json.dumps(mock_listing(site)).encode(), "POST")
    with pytest.raises(PageUnusable, match=r"no data\.list"):
        list(make_spider().parse(listing, page=0))
    detail = mock_answer(site, "GET", "/api/public/opening/jo/285431/en")
    response = json_response(f"{BASE}/api/public/opening/jo/285431/en", json.dumps(detail).encode())
    with pytest.raises(PageUnusable, match=r"no data\.jobId"):
        make_spider().read_detail(response, "285431")


# -- the listing of the mock, in process (its listing faults) ----------------------------


def serve(site: UncareersSite, request: scrapy.Request) -> TextResponse:
    parts = urlsplit(request.url)
    headers = {k.decode().lower(): v[0].decode() for k, v in request.headers.items()}
    mock = MockRequest(request.method, parts.path, dict(parse_qsl(parts.query)), headers,
                       request.body)  # fmt: skip
    answer = site.dispatch(mock)
    return TextResponse(request.url, status=answer.status, body=answer.body,
                        headers={"Content-Type": answer.content_type}, request=request)  # fmt: skip


def crawl_listing(site: UncareersSite) -> UncareersSpider:
    """Read the mock's listing as a crawl does, page after page."""
    spider = make_spider()
    pending = list(spider.listing_start())
    while pending:
        request = pending.pop(0)
        for out in request.callback(serve(site, request), **request.cb_kwargs):
            if out.callback == spider.read_listing:
                pending.append(out)
    return spider


def test_mock_listing_is_read_whole():
    spider = crawl_listing(UncareersSite())
    assert spider.ledger.verdict() == (True, [])
    assert spider.listed_keys == {p.key for p in UncareersSite().snapshot()}


@pytest.mark.parametrize("fault", ["repeat", "empty", "shift"])
def test_mock_listing_faults_leave_the_listing_incomplete(fault):
    site = UncareersSite()
    site.listing_fault = fault
    complete, problems = crawl_listing(site).ledger.verdict()
    assert not complete and problems


def test_mock_listing_page_and_posting_of_a_request():
    site = UncareersSite()
    body = make_spider().listing_page_request(2).body
    assert site.listing_page_number(MockRequest("POST", urlsplit(LIST_URL).path, {}, {}, body)) == 3
    detail = MockRequest("GET", "/api/public/opening/jo/285431/en", {}, {})
    assert (site.posting_key(detail), site.listing_page_number(detail)) == ("285431", None)


def test_mock_closed_opening_leaves_the_list():
    site = UncareersSite()
    site.edit("285431", status="closed")
    spider = crawl_listing(site)
    assert "285431" not in spider.listed_keys and len(spider.listed_keys) == 55
