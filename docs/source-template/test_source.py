"""ExampleSpider on saved responses of its mock and on real captures of its platform.

Copy to tests/test_<source>.py. One tiny test per field; real captures read from
../shared/real-captures/ through tests/realcaptures.py (skipped without them, failing
under CI).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request

from spiders.example import DETAIL_TITLE, LISTING_LINK, ExampleSpider
from tests.realcaptures import capture_response

FILES = Path(__file__).parent / "files" / "example"
BASE = "https://jobs.example.org"


def page(name: str, url: str) -> HtmlResponse:
    return HtmlResponse(url, body=(FILES / name).read_bytes(), request=Request(url))


fields = ExampleSpider().read_detail(page("job_101.html", f"{BASE}/jobs/101"), "101", {})


def test_title():
    assert fields["title"] == "Protection Officer"


def test_closing_date():
    assert fields["closing_date"] == "2026-12-01"


def test_listing_reads_every_key_and_follows_the_next_page():
    spider = ExampleSpider()
    spider.ledger.expect()
    out = list(spider.parse(page("listing_1.html", f"{BASE}/jobs?page=1"), page=1))
    assert spider.listed_keys == {"101", "102"}
    assert out[-1].url == f"{BASE}/jobs?page=2"


@pytest.mark.parametrize("name", ["platform/real_job_page.html"])
def test_a_real_page_of_the_platform(name):
    fields = ExampleSpider().read_detail(capture_response(name, f"{BASE}/jobs/1"), "1", {})
    assert fields["title"] and fields["text"]


def test_the_mock_and_the_real_capture_share_what_the_spider_reads():
    real = capture_response("platform/real_listing.html", f"{BASE}/jobs")
    assert real.css(LISTING_LINK) and page("listing_1.html", f"{BASE}/jobs").css(LISTING_LINK)
    real = capture_response("platform/real_job_page.html", f"{BASE}/jobs/1")
    assert real.css(DETAIL_TITLE)
