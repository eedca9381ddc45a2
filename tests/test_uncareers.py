"""UncareersSpider against saved careers.un.org answers (tests/files/uncareers/, made by
tests/files/regenerate_api_sources.py from the UN Careers mock)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import scrapy
from protego import Protego
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from spiders.uncareers import UncareersSpider, title_case_place

FILES = Path(__file__).parent / "files" / "uncareers"
BASE = "https://careers.un.org"
LIST_URL = f"{BASE}/api/public/opening/jo/list/filteredV2/en"


def make_spider(**kwargs) -> UncareersSpider:
    kwargs.setdefault("page_size", 20)
    return UncareersSpider.from_crawler(get_crawler(UncareersSpider), **kwargs)


def list_response(page: int) -> TextResponse:
    return TextResponse(
        LIST_URL,
        body=(FILES / f"list_page_{page}.json").read_bytes(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=scrapy.Request(LIST_URL, method="POST"),
    )


def detail_response(name: str) -> TextResponse:
    url = f"{BASE}/api/public/opening/jo/{name}/en"
    return TextResponse(
        url,
        body=(FILES / f"detail_{name}.json").read_bytes(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=scrapy.Request(url),
    )


def listed(key: str) -> dict:
    for page in (0, 1, 2):
        for opening in json.loads((FILES / f"list_page_{page}.json").read_bytes())["data"]["list"]:
            if str(opening["jobId"]) == key:
                return opening
    raise KeyError(key)


def parse_job(key: str):
    return next(iter(make_spider().parse_job(detail_response(key), key, listed(key))))


item = parse_job("285431")  # the real fixture's opening: Bonn, P-3
ndjamena = parse_job("285170")  # NO-B, "N'DJAMENA"
dar = parse_job("283261")  # P-5, "DAR ES SALAAM"
temporary = parse_job("282763")  # posted 31 Oct (New York still on daylight saving time)
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
    requests = list(spider.parse(list_response(0), page=0))
    details = [r for r in requests if r.method == "GET"]
    pages = [body(r)["pagination"]["page"] for r in requests if r.method == "POST"]
    assert len(details) == 20 == len(spider.listed_keys)
    assert details[0].url == f"{BASE}/api/public/opening/jo/285917/en"
    assert details[0].cb_kwargs["listed"]["jobId"] == 285917
    assert pages == [1]
    assert not spider.listing_complete


def test_paging_reads_three_pages_then_stops_complete():
    spider = make_spider()
    pages = []
    for page in (0, 1, 2):
        requests = spider.parse(list_response(page), page=page)
        pages += [body(r)["pagination"]["page"] for r in requests if r.method == "POST"]
    assert pages == [1, 2]  # nothing after the last page
    assert len(spider.listed_keys) == 56
    assert spider.listing_complete


def test_sort_by_is_always_sent():
    # The real API answers 500 without it.
    for page in (0, 3):
        assert body(make_spider().listing_request(page))["pagination"]["sortBy"] == "startDate"


def test_page_size_argument_and_setting():
    assert make_spider(page_size="50").page_size == 50
    crawler = get_crawler(UncareersSpider, settings_dict={"UNCAREERS_PAGE_SIZE": 100})
    assert UncareersSpider.from_crawler(crawler).page_size == 100
    assert UncareersSpider.from_crawler(get_crawler(UncareersSpider)).page_size == 20


def test_a_count_that_changes_between_pages_leaves_the_listing_incomplete(tmp_path):
    spider = make_spider()
    last = json.loads((FILES / "list_page_2.json").read_bytes())
    last["data"]["count"] = 57  # an opening was published while the pages were read
    list(spider.parse(list_response(0), page=0))
    list(spider.parse(list_response(1), page=1))
    response = TextResponse(LIST_URL, body=json.dumps(last).encode(),
                            headers={"Content-Type": "application/json"})  # fmt: skip
    list(spider.parse(response, page=2))
    assert not spider.listing_complete


def test_an_empty_page_before_the_count_breaks_the_listing():
    spider = make_spider()
    empty = TextResponse(LIST_URL, body=b'{"status": 1, "data": {"list": [], "count": 56}}',
                         headers={"Content-Type": "application/json"})  # fmt: skip
    assert list(spider.parse(empty, page=1)) == []
    assert spider.listing_broken


def test_an_unreadable_listing_breaks_it():
    spider = make_spider()
    html = TextResponse(LIST_URL, body=b"<html>Service unavailable</html>",
                        headers={"Content-Type": "text/html"})  # fmt: skip
    assert list(spider.parse(html, page=0)) == []
    assert spider.listing_broken


def test_robots_txt_is_the_app_page_and_allows_everything():
    robots = Protego.parse((FILES / "robots.txt").read_text())
    assert robots.can_fetch(LIST_URL, "jobarchive")
    assert robots.can_fetch(f"{BASE}/api/public/opening/jo/285431/en", "jobarchive")


# -- the detail, one field per test ----------------------------------------------------


def test_detail_without_an_opening_gives_nothing():
    spider = make_spider()
    assert list(spider.parse_job(detail_response("missing"), "1")) == []
    assert spider.failures and not spider.listing_broken


def test_source_key():
    assert item.source == "uncareers"
    assert item.source_key == "285431"


def test_title():
    assert item.title == "Programme Management Officer (Mental Health)"


def test_organization():
    assert item.organization == "Department of Management Strategy, Policy and Compliance"


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
    assert item.extra["job_level"] == "P-3"
    assert item.extra["posting_title"] == "Programme Management Officer (Mental Health), P3"
    assert item.extra["department"] == (
        "Department of Management Strategy, Policy and Compliance Office of Human Resources"
    )
    assert item.extra["apply_url"].endswith("JobOpeningId=285431&languageCd=ENG")


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and posting.organization and posting.location and posting.text
    assert posting.grade and posting.posted_date and posting.closing_date
    assert posting.posted_date < posting.closing_date
    assert posting.url == f"{BASE}/jobSearchDescription/{posting.source_key}?language=en"
    assert posting.status == "open"
