"""UnhcrSpider against saved Workday CXS responses (tests/files/unhcr/, made by
tests/files/regenerate.py from the Workday mock)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import TextResponse
from twisted.python.failure import Failure

from spiders.unhcr import UnhcrSpider

FILES = Path(__file__).parent / "files" / "unhcr"
BASE = "https://unhcr.wd3.myworkdayjobs.com"
API = f"{BASE}/wday/cxs/unhcr/External"


def json_response(url: str, name: str, method: str = "GET") -> TextResponse:
    return TextResponse(
        url,
        body=(FILES / name).read_bytes(),
        headers={"Content-Type": "application/json"},
        request=scrapy.Request(url, method=method),
    )


def listing_response(offset: int) -> TextResponse:
    return json_response(f"{API}/jobs", f"jobs_offset_{offset}.json", method="POST")


def parse_job(key: str, listed_grade: str | None = None):
    spider = UnhcrSpider()
    detail = json.loads((FILES / f"job_{key}.json").read_text())
    path = detail["jobPostingInfo"]["externalUrl"].split("/External", 1)[1]
    with freeze_time("2026-11-20 08:00:00"):
        response = json_response(API + path, f"job_{key}.json")
        return next(iter(spider.parse_job(response, key, listed_grade)))


item = parse_job("JR2600481")  # description opens with "Deadline for Applications <date>"
bogota = parse_job("JR2603908")  # labelled blocks, the deadline after Target Start Date
beirut = parse_job("JR2605862")  # the deadline block first
closed = parse_job("JR2606839")
parsed_items = [item, bogota, beirut, closed]


def test_source_key():
    assert item.source == "unhcr"
    assert item.source_key == "JR2600481"


def test_title():
    assert item.title == "Protection Assistant"


def test_organization():
    assert item.organization == "UNHCR"


def test_location():
    assert item.location == "Mexico City"


def test_country():
    assert item.country == "Mexico"


def test_grade():
    assert item.grade == "G-5"  # one spelling per grade (crawler.grades)
    assert item.extra["grade_raw"] == "GS5"


def test_contract_type():
    assert item.contract_type == "UNOPS LICA4"


def test_job_number():
    assert item.job_number == "JR2600481"


def test_posted_date():
    assert item.posted_date == "2026-11-09"


def test_closing_date_is_the_description_deadline_not_end_date():
    assert item.extra["end_date"] == "2026-12-01"
    assert item.closing_date == "2026-11-30"


def test_closing_date_labelled_block_layouts():
    assert bogota.closing_date == "2026-12-10"
    assert beirut.closing_date == "2026-12-18"


def test_status():
    assert item.status == "open"
    assert closed.status == "closed"


def test_categories():
    assert item.categories == []


def test_extra():
    assert item.extra == {
        "workday_id": "fd57e4bd32afba7d78665e1f52d26884",
        "job_posting_id": "Protection-Assistant_JR2600481",
        "public_url": f"{BASE}/External/job/Mexico-City/Protection-Assistant_JR2600481",
        "time_type": "Full time",
        "end_date": "2026-12-01",
        "grade_raw": "GS5",
        "hardship_level": "A (least hardship)",
        "family_type": "Family",
        "reason": "Regular > Regular Assignment",
        "remote_work_accepted": "No",
        "target_start_date": "2027-01-01",
    }


def test_no_volatile_values():
    for posting in parsed_items:
        values = json.dumps(posting.extra)
        assert "Posted" not in values and "left to apply" not in values


def test_text():
    assert "Deadline for Applications" in item.text
    assert "UNHCR Mexico has progressively strengthened its protection response" in item.text
    assert "Conduct registration interviews in accordance with local SOPs" in item.text


def test_fetch_details():
    assert item.url == f"{API}/job/Mexico-City/Protection-Assistant_JR2600481"
    assert item.http_status == 200
    assert item.content_type == "application/json"
    assert item.fetched_at == "2026-11-20T08:00:00+00:00"


def test_grade_falls_back_to_listing():
    spider = UnhcrSpider()
    data = json.loads((FILES / "job_JR2600481.json").read_text())
    data["jobPostingInfo"]["jobDescription"] = "<p>No labelled fields here.</p>"
    url = f"{API}/job/Mexico-City/Protection-Assistant_JR2600481"
    response = TextResponse(url, body=json.dumps(data).encode(), request=scrapy.Request(url))
    posting = next(iter(spider.parse_job(response, "JR2600481", "GS5")))
    assert posting.grade == "G-5"
    assert posting.closing_date == "2026-12-01"  # endDate, for want of anything better


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and posting.organization == "UNHCR"
    assert posting.source_key.startswith("JR") and posting.job_number == posting.source_key
    assert posting.location and posting.country and posting.grade and posting.contract_type
    assert posting.posted_date and posting.closing_date
    assert posting.closing_date <= posting.extra["end_date"]
    assert posting.extra["hardship_level"] and posting.extra["family_type"]
    assert posting.text.startswith(("Deadline for Applications", "Hardship Level"))


# -- the listing ----------------------------------------------------------------------


def crawl_listing(spider: UnhcrSpider, pages: int) -> list[scrapy.Request]:
    requests, total = [], None
    for offset in range(0, pages * 20, 20):
        requests += list(spider.parse(listing_response(offset), offset=offset, total=total))
        total = requests[-1].cb_kwargs.get("total", total)
    return requests


def test_listing_request():
    request = UnhcrSpider().listing_request(0, None)
    assert request.method == "POST"
    assert request.url == f"{API}/jobs"
    assert json.loads(request.body) == {
        "appliedFacets": {},
        "limit": 20,
        "offset": 0,
        "searchText": "",
    }
    assert request.headers["Content-Type"] == b"application/json"


def test_listing_page_follows_jobs_and_next_page():
    spider = UnhcrSpider()
    requests = list(spider.parse(listing_response(0), offset=0, total=None))
    details = requests[:-1]
    assert len(details) == 20
    assert details[0].url == f"{API}/job/Mexico-City/Protection-Assistant_JR2600481"
    assert details[0].cb_kwargs == {"key": "JR2600481", "listed_grade": "GS5"}
    assert json.loads(requests[-1].body)["offset"] == 20
    assert requests[-1].cb_kwargs == {"offset": 20, "total": 47}


def test_listing_keeps_first_total():
    # later pages say "total": 0, like Workday; the spider must not stop there
    assert json.loads((FILES / "jobs_offset_20.json").read_text())["total"] == 0
    spider = UnhcrSpider()
    crawl_listing(spider, 2)
    assert not spider.listing_complete


def test_listing_reads_all_pages():
    spider = UnhcrSpider()
    requests = crawl_listing(spider, 3)
    assert len(spider.listed_keys) == 47
    assert len([r for r in requests if r.callback == spider.parse_job]) == 47
    assert spider.listing_complete and not spider.listing_broken


def test_failed_listing_page_leaves_listing_incomplete():
    spider = UnhcrSpider()
    crawl_listing(spider, 2)
    spider.listing_failed(Failure(ConnectionError("offset 40 timed out")))
    assert spider.listing_broken and not spider.listing_complete


def test_base_url_override():
    spider = UnhcrSpider(base_url="http://127.0.0.1:8124")
    requests = list(spider.parse(listing_response(0), offset=0, total=None))
    assert requests[0].url.startswith("http://127.0.0.1:8124/wday/cxs/unhcr/External/job/")
