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
from spiders.base import PageUnusable
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
    return list(spider.detail_response(response(name, url), key, fallback))


def listing(spider: ConfiguredSpider, name: str, url: str) -> list[Request]:
    """Requests from one listing document, as if the spider had requested it."""
    spider.ledger.expect()
    spider._documents.add(url)
    return list(spider.parse_listing(response(name, url)))


def complete(spider: ConfiguredSpider) -> bool:
    return spider.verdict().listing_complete


def problems(spider: ConfiguredSpider) -> list[str]:
    return spider.verdict().problems


def failure_for(url: str, **cb_kwargs: str | None) -> Failure:
    failure = Failure(ConnectionRefusedError("Connection refused"))
    failure.request = Request(url, cb_kwargs=cb_kwargs)  # as Scrapy sets it on errbacks
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
    assert not complete(spider)
    assert spider.failures == [f"detail {BOARD}/jobs/detail/41001: no identifier in its JSON-LD"]
    assert problems(spider) == [
        f"the posting at {BOARD}/jobs/detail/41001 could not be read, so its key is unknown",
    ]


def test_fields_jsonld_requires_a_job_posting(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING + 'fields = "jsonld"\n')
    assert detail(spider, "detail_labels.html", f"{BOARD}/jobs/detail/41001") == []
    assert spider.failures == [
        f"detail {BOARD}/jobs/detail/41001: no schema.org JobPosting JSON-LD"
    ]
    # The key came from the URL: the listing knows it.
    assert not any("key is unknown" in p for p in problems(spider))


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
    requests = listing(spider, "listing_page1.html", f"{BOARD}/jobs")
    assert [(r.url, r.cb_kwargs.get("key")) for r in requests] == [
        (f"{BOARD}/jobs/detail/41001/finance-associate", "41001"),
        (f"{BOARD}/jobs/detail/41002/wash-officer?ref=list", "41002"),
        (f"{BOARD}/jobs/detail/41003", "41003"),
        (f"{BOARD}/jobs?page=2", None),
    ]
    assert spider.listed_keys == {"41001", "41002", "41003"}
    assert spider.ledger.stated_total == 1004
    assert not complete(spider)  # page 2 is still to come


def test_last_listing_page_finishes_the_listing(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING.replace('total = ".result-count"\n', ""))
    listing(spider, "listing_page1.html", f"{BOARD}/jobs")
    # Page 2 as page 1 requested it.
    requests = list(spider.parse_listing(response("listing_last.html", f"{BOARD}/jobs?page=2")))
    detail_request, recheck = requests
    assert detail_request.url == f"{BOARD}/jobs/detail/42004/logistics-assistant"
    # No stated total: the first page is read again, to see the list did not shift.
    assert (recheck.url, recheck.meta["jobarchive_recheck"]) == (f"{BOARD}/jobs", True)
    again = response("listing_page1.html", f"{BOARD}/jobs")
    again.request = recheck
    assert list(spider.parse_listing(again)) == []  # its postings were asked for already
    assert complete(spider) and problems(spider) == []


def test_a_total_that_disagrees_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    listing(spider, "listing_last.html", f"{BOARD}/jobs")
    assert not complete(spider)
    assert problems(spider) == ["found 1 of the 1004 postings the listing states"]


def test_a_next_link_to_a_page_already_read_ends_the_listing(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING.replace('total = ".result-count"\n', ""))
    requests = listing(spider, "listing_page1.html", f"{BOARD}/jobs?page=2")
    assert f"{BOARD}/jobs?page=2" not in [r.url for r in requests]
    assert complete(spider)


def test_max_pages_reached_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING + "max_pages = 1\n")
    listing(spider, "listing_page1.html", f"{BOARD}/jobs")
    assert not complete(spider)
    assert problems(spider)[0] == (
        f"the listing has more than max_pages = 1 pages (at {BOARD}/jobs)"
    )


def test_a_link_without_a_key_makes_the_listing_incomplete(tmp_path_factory):
    toml = LISTING.replace("table.results a.job", "table.results a")
    spider = make_spider(tmp_path_factory, toml)
    requests = listing(spider, "listing_page1.html", f"{BOARD}/jobs")
    assert f"{BOARD}/apply/41003" not in [r.url for r in requests]
    assert not complete(spider)
    assert problems(spider)[0] == (
        f"page 1 of the listing ({BOARD}/jobs) showed 4 postings but gave a key for 3"
    )


def test_a_failed_listing_page_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    spider.ledger.expect()
    spider._listing_failed(failure_for(f"{BOARD}/jobs?page=2"))
    assert not complete(spider)
    assert spider.failures == [f"listing {BOARD}/jobs?page=2: Connection refused"]


def test_a_failed_detail_page_keeps_a_url_key_listed(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING)
    spider.listed("41001")
    spider.detail_failed(failure_for(f"{BOARD}/jobs/detail/41001", key="41001"))
    assert spider.listed_keys == {"41001"}
    assert not any("key is unknown" in p for p in problems(spider))


def test_a_failed_detail_page_with_a_jsonld_key_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, LISTING_JSONLD_KEY)
    spider.detail_failed(failure_for(f"{BOARD}/jobs/detail/41001", key=None))
    assert not complete(spider)
    assert problems(spider)[-1] == (
        f"the posting at {BOARD}/jobs/detail/41001 could not be read, so its key is unknown"
    )


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
    requests = listing(spider, "feed.atom", url)
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
    assert requests[0].cb_kwargs["listed"] == {
        "title": "Finance Associate",
        "posted_date": "2026-04-01T23:30:00-05:00",
    }
    assert not complete(spider)  # its next page is pending


def test_rss_feed_with_keys_from_urls(tmp_path_factory):
    toml = FEED.replace('key = "entry-id"', "key = '/jobs/detail/(\\d+)'")
    spider = make_spider(tmp_path_factory, toml)
    listing(spider, "feed.rss", f"{BOARD}/jobs.rss")
    assert spider.listed_keys == {"39120", "39121"}
    assert complete(spider)


def test_a_page_that_is_not_a_feed_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, FEED)
    url = "https://careers.example.net/feeds/vacancies.atom"
    with pytest.raises(PageUnusable, match="^not an RSS or Atom feed$"):
        listing(spider, "listing_last.html", url)


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
    children = listing(spider, "sitemap_index.xml", f"{BOARD}/sitemap.xml")
    assert [r.url for r in children] == [
        f"{BOARD}/sitemaps/jobs-1.xml",
        f"{BOARD}/sitemaps/jobs-2.xml",
    ]
    assert spider.ledger.pending == 2  # the two children, requested
    details = list(spider.parse_listing(response("sitemap_jobs.xml", children[0].url)))
    assert [r.url for r in details] == [f"{BOARD}/jobs/detail/39120", f"{BOARD}/jobs/detail/39121"]
    assert not complete(spider)
    spider._listing_failed(failure_for(children[1].url))
    assert not complete(spider)
    assert spider.listed_keys == {"39120", "39121"}


def test_sitemap_complete_when_every_sitemap_was_read(tmp_path_factory):
    spider = make_spider(tmp_path_factory, SITEMAP)
    listing(spider, "sitemap_jobs.xml", f"{BOARD}/sitemap.xml")
    assert complete(spider) and problems(spider) == []


def test_a_page_that_is_not_a_sitemap_makes_the_listing_incomplete(tmp_path_factory):
    spider = make_spider(tmp_path_factory, SITEMAP)
    with pytest.raises(PageUnusable, match=r"^not a sitemap \(<rss>\)$"):
        listing(spider, "feed.rss", f"{BOARD}/sitemap.xml")


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


# -- JSON-LD as it really is --------------------------------------------------------------

JSONLD_BOARD = f"""
[sources.ldboard]
kind = "sitemap"
base_url = "{BOARD}"
sitemap = "/sitemap.xml"
key = '/job/(\\d+)'
fields = "jsonld"
"""


def jsonld_page(posting: dict, head: str = "") -> HtmlResponse:
    import json

    url = f"{BOARD}/job/1"
    body = (
        f"<html><head>{head}<script type='application/ld+json'>{json.dumps(posting)}</script>"
        "</head><body><main><h1>Shelter Officer</h1><p>The Shelter Officer plans camps and "
        "reports to the Head of Office.</p></main></body></html>"
    )
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=Request(url))


def ld(**fields) -> dict:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": "Shelter Officer",
            "description": "<p>Plans camps.</p>", **fields}  # fmt: skip


def read_ld(tmp_path_factory, posting: dict, toml: str = JSONLD_BOARD, head: str = "") -> dict:
    spider = make_spider(tmp_path_factory, toml)
    return spider.read_detail(jsonld_page(posting, head), "1", {})


@pytest.mark.parametrize(
    "address, country",
    [
        ({"addressCountry": "Kenya"}, "Kenya"),
        ({"addressCountry": "KE"}, "Kenya"),
        ({"addressCountry": "USA"}, "United States"),
        ({"addressCountry": {"@type": "Country", "name": "Kenya"}}, "Kenya"),
        ({"addressCountry": ["USA", "USA", "USA"]}, "United States"),
        ({"addressCountry": {"@type": "Country", "name": ["KE", "KE"]}}, "Kenya"),
        ([{"addressCountry": ""}, {"addressCountry": "Kenya"}], "Kenya"),
    ],
    ids=["text", "alpha-2", "alpha-3", "object", "list", "object of a list", "list of addresses"],
)
def test_jsonld_country_in_every_shape(tmp_path_factory, address, country):
    posting = ld(jobLocation={"@type": "Place", "address": address})
    assert read_ld(tmp_path_factory, posting)["country"] == country


def test_jsonld_several_locations_are_all_kept(tmp_path_factory):
    places = [
        {"@type": "Place", "address": {"addressLocality": "Nairobi", "addressCountry": "KE"}},
        {"@type": "Place", "address": {"addressLocality": "Kampala", "addressCountry": "UG"}},
    ]
    fields = read_ld(tmp_path_factory, ld(jobLocation=places))
    assert (fields["location"], fields["country"]) == ("Nairobi", "Kenya")
    assert fields["extra"]["locations"] == ["Nairobi, Kenya", "Kampala, Uganda"]


@pytest.mark.parametrize(
    "description",
    [
        "<p>Plans camps.</p><ul><li>Sites</li><li>Shelter kits</li></ul>",
        "&lt;p&gt;Plans camps.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Sites&lt;/li&gt;&lt;li&gt;Shelter kits"
        "&lt;/li&gt;&lt;/ul&gt;",
        "Plans camps.\\n\\nSites\\nShelter kits",
        "\u00a0\\n\\n<strong>Plans camps.</strong>\n<ul>\n <li>Sites</li>\n"
        " <li>Shelter kits</li>\n</ul>",
    ],
    ids=["html", "escaped html", "text with literal newlines", "html with literal newlines"],
)
def test_jsonld_description_in_every_shape(tmp_path_factory, description):
    text = read_ld(tmp_path_factory, ld(description=description))["text"]
    assert "Plans camps." in text and "Shelter kits" in text
    assert "\\n" not in text and "&lt;" not in text and "<" not in text


def test_jsonld_without_a_description_takes_the_pages_text(tmp_path_factory):
    posting = ld()
    del posting["description"]
    toml = JSONLD_BOARD.replace('fields = "jsonld"', 'fields = "auto"\ndate_order = "iso"')
    text = read_ld(tmp_path_factory, posting, toml)["text"]
    assert "The Shelter Officer plans camps" in text


def test_jsonld_without_an_employer_takes_the_sources_then_the_sites_name(tmp_path_factory):
    head = '<meta property="og:site_name" content="Harbour Aid Careers">'
    assert read_ld(tmp_path_factory, ld(), head=head)["organization"] == "Harbour Aid Careers"
    toml = JSONLD_BOARD + 'organization = "Harbour Aid"\n'
    assert read_ld(tmp_path_factory, ld(), toml, head=head)["organization"] == "Harbour Aid"
    assert read_ld(tmp_path_factory, ld())["organization"] is None


@pytest.mark.parametrize(
    "valid_through, closing",
    [
        ("2026-07-13", "2026-07-13"),
        ("2026-07-13T23:59:00", "2026-07-13"),
        ("2026-07-13T23:59:00+03:00", "2026-07-13"),
        ("2026-07-13T21:00:00Z", "2026-07-14"),  # midnight in Nairobi (the board's zone)
    ],
)
def test_jsonld_valid_through_with_and_without_time_and_zone(
    tmp_path_factory, valid_through, closing
):
    toml = JSONLD_BOARD + 'timezone = "Africa/Nairobi"\n'
    assert (
        read_ld(tmp_path_factory, ld(validThrough=valid_through), toml)["closing_date"] == closing
    )


# -- real JobPosting pages -----------------------------------------------------------------

REAL_JSONLD = f"""
[sources.realboard]
kind = "sitemap"
base_url = "{BOARD}"
sitemap = "/sitemap.xml"
key = "jsonld"
fields = "auto"
date_order = "iso"
"""


def test_real_jobposting_page_neura(tmp_path_factory):
    from tests.realcaptures import capture_response

    spider = make_spider(tmp_path_factory, REAL_JSONLD)
    url = "https://jobs.neura-robotics.com/offer/manager-ecosystem-integration-certi/x"
    fields = spider.read_detail(capture_response("jsonld/neura_robotics_manager.html", url), "", {})
    assert fields["source_key"] == "00df0928-b013-448c-b3dd-6c6fb80eadc2"
    assert fields["title"] == "Manager Ecosystem Integration & Certification (Human)"
    assert fields["organization"] == "Neura Robotics GmbH"
    assert (fields["location"], fields["country"]) == ("Metzingen", "Germany")
    assert (fields["posted_date"], fields["closing_date"]) == ("2025-11-06", "2035-11-06")
    text = fields["text"]
    assert text.startswith("**Your mission & challenges**") or "Your mission & challenges" in text
    assert "Willingness to travel for regular client meetings" in text
    assert "\\n" not in text and "<" not in text


@pytest.mark.parametrize(
    "name, title, must_have, organization",
    [
        (
            "avature/carlyle_job_detail.html",
            "Security Architect Lead, Security Assurance",
            "Embed Zero Trust and least-privilege principles",
            "Carlyle",  # no hiringOrganization: og:site_name
        ),
        (
            "avature/amerilife_job_detail.html",
            "Entry Level & Licensed Insurance Agents",
            "Assistance with pre-licensing, fingerprinting",
            None,  # neither: none, unless the source's table names one
        ),
    ],
)
def test_a_user_source_keeps_the_whole_posting_of_a_real_page(
    tmp_path_factory, name, title, must_have, organization
):
    from tests.realcaptures import capture_response

    spider = make_spider(
        tmp_path_factory, REAL_JSONLD.replace('key = "jsonld"', "key = '/(\\d+)$'")
    )
    fields = spider.read_detail(capture_response(name, f"{BOARD}/careers/JobDetail/x/1"), "1", {})
    assert fields["title"] == title
    assert must_have in fields["text"]
    assert len(fields["text"]) > 2000  # the whole description, not its first short section
    assert fields["organization"] == organization
