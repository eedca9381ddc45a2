"""UnicefSpider against saved jobs.unicef.org responses (tests/files/unicef/, made by
tests/files/regenerate.py from the PageUp mock)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from scrapy.http import HtmlResponse, TextResponse
from twisted.python.failure import Failure

from spiders.unicef import UnicefSpider

FILES = Path(__file__).parent / "files" / "unicef"
BASE = "https://jobs.unicef.org"


def listing_response(page: int) -> TextResponse:
    url = f"{BASE}/en-us/filter/?search-keyword=&page={page}&page-items=20"
    return TextResponse(
        url,
        body=(FILES / f"filter_page_{page}.json").read_bytes(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        request=scrapy.Request(url, method="POST"),
    )


def job_response(key: str) -> HtmlResponse:
    url = f"{BASE}/en-us/job/{key}"
    return HtmlResponse(
        url,
        body=(FILES / f"job_{key}.html").read_bytes(),
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=scrapy.Request(url),
    )


def parse_job(key: str):
    spider = UnicefSpider()
    with freeze_time("2026-11-20 08:00:00"):
        return next(iter(spider.parse_job(job_response(key), key)))


item = parse_job("577857")  # the seed posting: empty <time>, zone name after it
kabul = parse_job("578959")  # <time> with the local date as text, no zone name
suva = parse_job("579096")  # UTC+12: 23:55 local is 11:55Z the same day
bogota = parse_job("578411")  # UTC-5: the deadline instant falls on the next UTC day
closed = parse_job("579644")
parsed_items = [item, kabul, suva, bogota, closed]


# -- one detail page, one field per test --------------------------------------------


def test_source_key():
    assert item.source == "unicef"
    assert item.source_key == "577857"


def test_title():
    assert item.title == (
        "Child Protection Officer (Children on the Move), (NO-1), Mexico City, Mexico, "
        "#131411, [Temp Appointment]"
    )


def test_organization():
    assert item.organization == "UNICEF"


def test_location():
    assert item.location == "Mexico City"


def test_country():
    assert item.country == "Mexico"


def test_grade():
    assert item.grade == "NO-1"


def test_contract_type():
    assert item.contract_type == "Temporary Appointment"


def test_job_number():
    assert item.job_number == "577857"


def test_posted_date():
    assert item.posted_date == "2026-11-03"


def test_closing_date_from_zone_name():
    # <time datetime="2026-11-25T05:55:00Z"> Central Standard Time (Mexico): 23:55 on the 24th
    assert item.closing_date == "2026-11-24"


def test_closing_date_from_time_text():
    assert kabul.closing_date == "2026-12-01"


def test_closing_date_east_of_utc():
    assert suva.closing_date == "2026-12-06"


def test_closing_date_west_of_utc():
    assert bogota.extra["deadline_utc"] == "2026-12-12T04:55:00Z"
    assert bogota.closing_date == "2026-12-11"


def test_status():
    assert item.status == "open"


def test_closed():
    assert closed.status == "closed"
    assert closed.closing_date is None
    assert "apply_url" not in closed.extra


def test_categories():
    assert item.categories == ["Child Protection"]


def test_extra():
    assert item.extra == {
        "apply_url": "https://secure.dc7.pageuppeople.com/apply/671/gateway/default.aspx"
        "?c=apply&lJobID=577857",
        "deadline_utc": "2026-11-25T05:55:00Z",
        "work_type": "temporary-appointment",
    }


def test_text_keeps_the_posting():
    assert "Child migration has seen a significant increase in recent years." in item.text
    assert "How can you make a difference?" in item.text
    assert "Networking and partnership building." in item.text
    assert "THIS IS A NATIONAL POSITION." in item.text


def test_text_drops_the_chrome():
    for chrome in (
        "By continuing to browse this site",
        "Current vacancies",
        "Explore our current job opportunities",
        "Share this job",
        "Back to search results",
        "Apply now",
        "Similar jobs",
        "All rights reserved",
    ):
        assert chrome not in item.text


def test_fetch_details():
    assert item.url == f"{BASE}/en-us/job/577857"
    assert item.http_status == 200
    assert item.content_type == "text/html; charset=utf-8"
    assert item.fetched_at == "2026-11-20T08:00:00+00:00"
    assert item.body == (FILES / "job_577857.html").read_bytes()


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and "Current vacancies" not in posting.title
    assert posting.job_number == posting.source_key
    assert posting.location and posting.country and posting.grade and posting.contract_type
    assert posting.posted_date and len(posting.posted_date) == 10
    assert posting.status in ("open", "closed")
    assert (posting.closing_date is None) == (posting.status == "closed")
    assert posting.text and "By continuing to browse" not in posting.text


# -- the listing ----------------------------------------------------------------------


def crawl_listing(spider: UnicefSpider, pages: int) -> list[scrapy.Request]:
    requests = []
    for page in range(1, pages + 1):
        requests += list(spider.parse(listing_response(page), page=page))
    return requests


def test_listing_request():
    request = UnicefSpider().listing_request(1)
    assert request.method == "POST"
    assert request.url == f"{BASE}/en-us/filter/?search-keyword=&page=1&page-items=20"
    assert request.headers["X-Requested-With"] == b"XMLHttpRequest"
    assert request.errback.__func__ is UnicefSpider.listing_failed


def test_listing_page_follows_jobs_and_next_page():
    spider = UnicefSpider()
    requests = list(spider.parse(listing_response(1), page=1))
    details = [r for r in requests if r.callback == spider.parse_job]
    assert len(details) == 20
    assert (
        details[0].url
        == f"{BASE}/en-us/job/577857/child-protection-officer-children-on-the-move-577857"
    )
    assert details[0].cb_kwargs == {"key": "577857"}
    assert b"XMLHttpRequest" not in details[0].headers.get("X-Requested-With", b"")
    next_page = requests[-1]
    assert next_page.cb_kwargs == {"page": 2}
    assert "page=2&page-items=20" in next_page.url
    assert not spider.listing_complete


def test_listing_reads_all_pages():
    spider = UnicefSpider()
    requests = crawl_listing(spider, 3)
    assert (
        len(spider.listed_keys) == json.loads((FILES / "filter_page_1.json").read_text())["count"]
    )
    assert len([r for r in requests if r.callback == spider.parse_job]) == 45
    assert spider.listing_complete
    assert not spider.listing_broken


def test_listing_not_finished_before_last_page():
    spider = UnicefSpider()
    crawl_listing(spider, 2)
    assert not spider.listing_complete


def test_failed_listing_page_leaves_listing_incomplete():
    spider = UnicefSpider()
    crawl_listing(spider, 2)
    spider.listing_failed(Failure(ConnectionError("page 3 timed out")))
    assert spider.listing_broken
    assert not spider.listing_complete
    assert spider.failures


def test_base_url_override_applies_to_details():
    spider = UnicefSpider(base_url="http://127.0.0.1:8123/")
    requests = list(spider.parse(listing_response(1), page=1))
    assert requests[0].url.startswith("http://127.0.0.1:8123/en-us/job/")
    assert requests[-1].url.startswith("http://127.0.0.1:8123/en-us/filter/")


def test_detail_without_job_is_a_failure():
    spider = UnicefSpider()
    url = f"{BASE}/en-us/job/577857"
    challenge = HtmlResponse(
        url,
        body=b"<html><script>window.awsWafCookieDomainList = ['clinchtalent.com']</script>"
        b"<p>Please verify that you're not a robot</p></html>",
        request=scrapy.Request(url),
    )
    assert list(spider.parse_job(challenge, "577857")) == []
    assert spider.failures and not spider.listing_broken
