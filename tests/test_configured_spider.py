"""The spider of user-defined sources, on saved responses (tests/files/configured/).

Detail pages: one modelled on seed 002 (a board that renders JobPosting JSON-LD values
raw, "Job type: FULL_TIME"), one with labelled <dt>/<dd> fields. Listings: HTML pages
with a "Next »" link and a total, an Atom feed with a next page, an RSS feed, a
sitemap index and a sitemap.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from freezegun import freeze_time
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.items import JobPosting
from crawler.userconfig import load_config
from spiders.configured import ConfiguredSpider, spider_for

FILES = Path(__file__).parent / "files" / "configured"
BOARD = "https://board.example.org"

LISTING = f"""
[sources.unboard]
kind = "listing"
base_url = "{BOARD}"
start = "/jobs"
detail_links = "table.results a.job"
next_page = ".pagination a.next"
total = ".result-count"
key = '/jobs/detail/(\\d+)'
date_order = "day-first"
timezone = "America/Mexico_City"
"""

LISTING_JSONLD_KEY = LISTING.replace("key = '/jobs/detail/(\\d+)'", 'key = "jsonld"')


def make_spider(tmp_path_factory: pytest.TempPathFactory, toml: str) -> ConfiguredSpider:
    path = tmp_path_factory.mktemp("config") / "sources.toml"
    path.write_text(toml, encoding="utf-8")
    (config,) = load_config(path).values()
    cls = spider_for(config)
    return cls.from_crawler(get_crawler(cls))


def response(name: str, url: str) -> TextResponse:
    body = (FILES / name).read_bytes()
    cls = XmlResponse if name.endswith((".xml", ".atom", ".rss")) else HtmlResponse
    return cls(url, body=body, encoding="utf-8", request=Request(url))


def detail(spider: ConfiguredSpider, name: str, url: str, key: str | None = "k1", **fallback):
    return list(spider.parse_detail(response(name, url), key=key, fallback=fallback))


def listing(spider: ConfiguredSpider, parse, name: str, url: str) -> list[Request]:
    """Requests from one listing document, as if the spider had requested it."""
    spider._pending_documents += 1
    spider._seen_listing.add(url)
    return list(parse(response(name, url)))


def failure_for(url: str) -> Failure:
    failure = Failure(ConnectionRefusedError("Connection refused"))
    failure.request = Request(url)  # as Scrapy sets it on errbacks
    return failure


# -- a JSON-LD detail page (seed 002) -------------------------------------------------------


@pytest.fixture(scope="module")
def jsonld_item(tmp_path_factory) -> JobPosting:
    spider = make_spider(tmp_path_factory, LISTING)
    with freeze_time("2024-10-01T12:00:00Z"):
        (item,) = detail(spider, "detail_jsonld.html", f"{BOARD}/jobs/detail/39120")
    return item


def test_jsonld_title(jsonld_item):
    assert jsonld_item.title == "Protection Assistant – Mexico City"


def test_jsonld_organization_location_country(jsonld_item):
    assert (jsonld_item.organization, jsonld_item.location, jsonld_item.country) == (
        "UNHCR",
        "Mexico City",
        "Mexico",
    )


def test_jsonld_employment_type_is_shown_as_words(jsonld_item):
    assert jsonld_item.contract_type == "Full-time"


def test_jsonld_identifier_value_is_the_job_number(jsonld_item):
    # Its PropertyValue's name is the organization; the value is the ID.
    assert jsonld_item.job_number == "JR2407311"


def test_jsonld_dates_are_local_to_the_configured_zone(jsonld_item):
    # validThrough 2024-10-15T05:59Z is 23:59 on the 14th in Mexico City.
    assert (jsonld_item.posted_date, jsonld_item.closing_date) == ("2024-09-30", "2024-10-14")
    assert jsonld_item.status == "open"


def test_jsonld_category_and_salary(jsonld_item):
    assert jsonld_item.categories == ["Peace and Security"]
    assert jsonld_item.extra == {"salary": "negotiable / YEAR"}


def test_jsonld_text_is_the_description(jsonld_item):
    assert "supervised by the Assistant Protection Officer" in jsonld_item.text
    assert "- Conduct registration interviews" in jsonld_item.text
    for chrome in ("Report Problem", "Back to Top", "Sign in", "&lt;"):
        assert chrome not in jsonld_item.text


def test_jsonld_item_fetch_details(jsonld_item):
    assert (jsonld_item.source, jsonld_item.source_key) == ("unboard", "k1")
    assert jsonld_item.url == f"{BOARD}/jobs/detail/39120"
    assert jsonld_item.fetched_at == "2024-10-01T12:00:00+00:00"
    assert jsonld_item.body.startswith(b"<!DOCTYPE html>")


def test_key_from_jsonld_is_listed_when_the_page_is_read(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING_JSONLD_KEY)
    (item,) = detail(spider, "detail_jsonld.html", f"{BOARD}/jobs/detail/39120", key=None)
    assert item.source_key == "JR2407311"
    assert spider.listed_keys == {"JR2407311"}


def test_key_from_jsonld_missing_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING_JSONLD_KEY)
    assert detail(spider, "detail_labels.html", f"{BOARD}/jobs/detail/41001", key=None) == []
    assert spider.listing_broken
    assert spider.failures == [f"detail {BOARD}/jobs/detail/41001: no identifier in its JSON-LD"]


def test_fields_jsonld_requires_a_job_posting(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING + 'fields = "jsonld"\n')
    assert detail(spider, "detail_labels.html", f"{BOARD}/jobs/detail/41001") == []
    assert spider.failures == [
        f"detail {BOARD}/jobs/detail/41001: no schema.org JobPosting JSON-LD"
    ]
    assert not spider.listing_broken  # the key came from the URL: the listing knows it


def test_fields_labels_ignores_jsonld(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING + 'fields = "labels"\n')
    (item,) = detail(spider, "detail_jsonld.html", f"{BOARD}/jobs/detail/39120")
    # Only what the page shows: no organization or job number (JSON-LD only), the
    # visible "Deadline: 14/10/2024" read day-first, and "Posted: 4 hours ago" no date.
    assert (item.organization, item.job_number, item.country) == (None, None, None)
    assert (item.closing_date, item.posted_date) == ("2024-10-14", None)
    assert "JOB DESCRIPTION" in item.text  # the page's main text, not the JSON-LD's


# -- a labelled detail page -------------------------------------------------------------


@pytest.fixture(scope="module")
def labels_item(tmp_path_factory) -> JobPosting:
    spider = make_spider(tmp_path_factory, LISTING + 'organization = "Relief Careers"\n')
    (item,) = detail(spider, "detail_labels.html", f"{BOARD}/jobs/detail/41001")
    return item


def test_labels_title_is_the_heading(labels_item):
    assert labels_item.title == "Finance Associate"


def test_labels_fields(labels_item):
    assert (labels_item.organization, labels_item.location, labels_item.country) == (
        "Norwegian Refugee Council",
        "Juba, South Sudan",
        "South Sudan",
    )
    assert (labels_item.contract_type, labels_item.job_number) == ("Fixed term", "NRC-SS-0412")


def test_labels_grade_is_normalized_and_the_label_kept(labels_item):
    assert labels_item.grade == "NPSA-8"
    assert labels_item.extra == {"grade_raw": "NPSA 8"}


def test_labels_closed_is_a_status(labels_item):
    assert (labels_item.closing_date, labels_item.status) == (None, "closed")


def test_labels_dates_follow_date_order(labels_item, tmp_path_factory):
    assert labels_item.posted_date == "2026-04-03"
    spider = make_spider(tmp_path_factory, LISTING.replace("day-first", "month-first"))
    (item,) = detail(spider, "detail_labels.html", f"{BOARD}/jobs/detail/41001")
    assert item.posted_date == "2026-03-04"
    spider = make_spider(tmp_path_factory, LISTING.replace("day-first", "iso"))
    (item,) = detail(spider, "detail_labels.html", f"{BOARD}/jobs/detail/41001")
    assert item.posted_date is None  # 03/04/2026 is ambiguous: never guessed


def test_labels_text_is_the_main_text(labels_item):
    assert "keeps the books of the Juba country office" in labels_item.text
    assert "Cookie settings" not in labels_item.text


def test_selectors_win_over_everything(tmp_path_factory):
    toml = LISTING + (
        "[sources.unboard.selectors]\n"
        'title = ".job-meta li:nth-child(3)"\n'
        'organization = "header.site-header a"\n'
        'text = "section.job-description"\n'
    )
    spider = make_spider(tmp_path_factory, toml)
    (item,) = detail(spider, "detail_jsonld.html", f"{BOARD}/jobs/detail/39120")
    assert item.title == "Job type: FULL_TIME"
    assert item.organization == "UN Jobs Board Sign in"
    assert item.text.startswith("## JOB DESCRIPTION")


def test_feed_values_fill_what_the_page_lacks(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    (item,) = detail(
        spider,
        "detail_labels.html",
        f"{BOARD}/jobs/detail/41001",
        title="From the feed",
        posted_date="Wed, 01 Apr 2026 09:00:00 GMT",
    )
    # The page has a posted date but no labelled title: the feed's comes before the <h1>.
    assert (item.title, item.posted_date) == ("From the feed", "2026-04-03")
    spider = make_spider(tmp_path_factory, LISTING)
    (item,) = detail(
        spider,
        "detail_jsonld.html",
        f"{BOARD}/jobs/detail/39120",
        categories="From the feed",
    )
    assert item.categories == ["Peace and Security"]


# -- listing pages ----------------------------------------------------------------------


def test_listing_page_lists_keys_and_follows_next(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    requests = listing(spider, spider._parse_listing, "listing_page1.html", f"{BOARD}/jobs")
    assert [(r.url, r.cb_kwargs.get("key")) for r in requests] == [
        (f"{BOARD}/jobs/detail/41001/finance-associate", "41001"),
        (f"{BOARD}/jobs/detail/41002/wash-officer?ref=list", "41002"),
        (f"{BOARD}/jobs/detail/41003", "41003"),
        (f"{BOARD}/jobs?page=2", None),
    ]
    assert spider.listed_keys == {"41001", "41002", "41003"}
    assert spider._total == 1004
    assert not spider.listing_complete  # page 2 is still to come


def test_last_listing_page_finishes_the_listing(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING.replace('total = ".result-count"\n', ""))
    listing(spider, spider._parse_listing, "listing_page1.html", f"{BOARD}/jobs")
    # Page 2 as page 1 requested it.
    requests = list(spider._parse_listing(response("listing_last.html", f"{BOARD}/jobs?page=2")))
    assert [r.url for r in requests] == [f"{BOARD}/jobs/detail/42004/logistics-assistant"]
    assert spider.listing_complete and not spider.listing_broken


def test_a_total_that_disagrees_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    listing(spider, spider._parse_listing, "listing_last.html", f"{BOARD}/jobs")
    assert spider.listing_broken
    assert spider.failures == [f"listing {BOARD}: the site says 1004 postings, the pages linked 1"]


def test_a_next_link_to_a_page_already_read_ends_the_listing(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING.replace('total = ".result-count"\n', ""))
    requests = listing(spider, spider._parse_listing, "listing_page1.html", f"{BOARD}/jobs?page=2")
    assert f"{BOARD}/jobs?page=2" not in [r.url for r in requests]
    assert spider.listing_complete


def test_max_pages_reached_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING + "max_pages = 1\n")
    listing(spider, spider._parse_listing, "listing_page1.html", f"{BOARD}/jobs")
    assert spider.listing_broken
    assert spider.failures == [f"listing {BOARD}/jobs: more than max_pages = 1 pages"]


def test_a_link_without_a_key_makes_the_listing_incomplete(tmp_path_factory):
    toml = LISTING.replace("table.results a.job", "table.results a")
    spider = make_spider(tmp_path_factory, toml)
    requests = listing(spider, spider._parse_listing, "listing_page1.html", f"{BOARD}/jobs")
    assert f"{BOARD}/apply/41003" not in [r.url for r in requests]
    assert spider.failures == [f"listing {BOARD}/jobs: no key in {BOARD}/apply/41003 (see `key`)"]
    assert spider.listing_broken


def test_a_failed_listing_page_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    spider._pending_documents = 1
    spider._listing_request_failed(failure_for(f"{BOARD}/jobs?page=2"))
    assert spider.listing_broken and not spider.listing_complete
    assert spider.failures == [f"listing {BOARD}/jobs?page=2: Connection refused"]


def test_a_failed_detail_page_keeps_a_url_key_listed(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    spider.listed("41001")
    spider._detail_request_failed(failure_for(f"{BOARD}/jobs/detail/41001"))
    assert spider.listed_keys == {"41001"} and not spider.listing_broken


def test_a_failed_detail_page_with_a_jsonld_key_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING_JSONLD_KEY)
    spider._detail_request_failed(failure_for(f"{BOARD}/jobs/detail/41001"))
    assert spider.listing_broken


# -- feeds ------------------------------------------------------------------------------

FEED = """
[sources.relief]
kind = "feed"
base_url = "https://careers.example.net"
feed = "/feeds/vacancies.atom"
key = "entry-id"
date_order = "day-first"
"""


def test_atom_feed_entries_and_next_page(tmp_path_factory):
    spider = make_spider(tmp_path_factory, FEED)
    url = "https://careers.example.net/feeds/vacancies.atom"
    requests = listing(spider, spider._parse_feed, "feed.atom", url)
    assert [(r.url, r.cb_kwargs.get("key")) for r in requests] == [
        (
            "https://careers.example.net/vacancies/7731-finance-associate",
            "tag:careers.example.net,2026:vacancy-7731",
        ),
        (
            "https://careers.example.net/vacancies/7735-shelter-coordinator",
            "tag:careers.example.net,2026:vacancy-7735",
        ),
        (url + "?page=2", None),
    ]
    assert requests[0].cb_kwargs["fallback"] == {
        "title": "Finance Associate",
        "posted_date": "2026-04-01T23:30:00-05:00",
    }
    assert not spider.listing_complete  # its next page is pending


def test_rss_feed_with_keys_from_urls(tmp_path_factory):
    toml = FEED.replace('key = "entry-id"', "key = '/jobs/detail/(\\d+)'")
    spider = make_spider(tmp_path_factory, toml)
    listing(spider, spider._parse_feed, "feed.rss", f"{BOARD}/jobs.rss")
    assert spider.listed_keys == {"39120", "39121"}
    assert spider.listing_complete


def test_a_page_that_is_not_a_feed_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, FEED)
    url = "https://careers.example.net/feeds/vacancies.atom"
    assert listing(spider, spider._parse_feed, "listing_last.html", url) == []
    assert spider.listing_broken
    assert spider.failures == [f"listing {url}: not an RSS or Atom feed"]


# -- sitemaps ---------------------------------------------------------------------------

SITEMAP = f"""
[sources.unboard_map]
kind = "sitemap"
base_url = "{BOARD}"
sitemap = "/sitemap.xml"
url_filter = '/jobs/detail/\\d+'
key = '/jobs/detail/(\\d+)'
fields = "jsonld"
"""


def test_sitemap_index_then_sitemaps(tmp_path_factory):
    spider = make_spider(tmp_path_factory, SITEMAP)
    children = listing(spider, spider._parse_sitemap, "sitemap_index.xml", f"{BOARD}/sitemap.xml")
    assert [r.url for r in children] == [
        f"{BOARD}/sitemaps/jobs-1.xml",
        f"{BOARD}/sitemaps/jobs-2.xml",
    ]
    assert spider._pending_documents == 2  # the two children, requested
    details = list(spider._parse_sitemap(response("sitemap_jobs.xml", children[0].url)))
    assert [r.url for r in details] == [f"{BOARD}/jobs/detail/39120", f"{BOARD}/jobs/detail/39121"]
    assert not spider.listing_complete
    spider._listing_request_failed(failure_for(children[1].url))
    assert spider.listing_broken and not spider.listing_complete
    assert spider.listed_keys == {"39120", "39121"}


def test_sitemap_complete_when_every_sitemap_was_read(tmp_path_factory):
    spider = make_spider(tmp_path_factory, SITEMAP)
    listing(spider, spider._parse_sitemap, "sitemap_jobs.xml", f"{BOARD}/sitemap.xml")
    assert spider.listing_complete and not spider.listing_broken


def test_a_page_that_is_not_a_sitemap_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, SITEMAP)
    assert listing(spider, spider._parse_sitemap, "feed.rss", f"{BOARD}/sitemap.xml") == []
    assert spider.failures == [f"listing {BOARD}/sitemap.xml: not a sitemap (<rss>)"]
    assert spider.listing_broken


# -- the spider class -------------------------------------------------------------------


def test_spider_class_per_source(tmp_path_factory):
    spider = make_spider(tmp_path_factory, SITEMAP)
    cls = type(spider)
    assert cls.__name__ == "UnboardMapSpider"
    assert (cls.name, cls.kind, cls.default_base_url) == (
        "unboard_map",
        "user-defined (sitemap)",
        BOARD,
    )


async def _start_urls(spider: ConfiguredSpider) -> list[str]:
    return [request.url async for request in spider.start()]


def test_start_urls_follow_set_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("config") / "sources.toml"
    path.write_text(SITEMAP, encoding="utf-8")
    cls = spider_for(load_config(path)["unboard_map"])
    crawler = get_crawler(cls, {"JOBARCHIVE_BASE_URLS": {"unboard_map": "http://127.0.0.1:9"}})
    spider = cls.from_crawler(crawler)
    assert asyncio.run(_start_urls(spider)) == ["http://127.0.0.1:9/sitemap.xml"]
