"""StateJpoSpider against saved state.gov PRM JPO pages (tests/files/state_jpo/, made by
tests/files/state_jpo/regenerate.py from the mock), and real crawls of the mock site.

The vacancy list is one page (see spiders/state_jpo.py), so there is no paging to test:
what is tested instead is that the one page counts as complete only when read whole.
No real capture of these pages is known: the mock's pages vary the way the markup of
hand-edited pages does, and the spider reads every variant (tests below).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from parsel import Selector
from scrapy.http import HtmlResponse
from twisted.python.failure import Failure

from crawler.demo import crawl_command
from crawler.mocksites import MockRequest, MockResponse, MockSites
from crawler.mocksites.state_jpo import StateJpoSite
from spiders.base import PageUnusable
from spiders.state_jpo import CONTENT, DATE, END_MARK, HEADING, LISTING_LINKS, StateJpoSpider

FILES = Path(__file__).parent / "files" / "state_jpo"
BASE = "http://www.state.gov"
LISTING = f"{BASE}/j/prm/jpo_ae/index.htm"
REFERENCE = Path(__file__).parent / "extraction" / "pages" / "state-jpo.html"


def html_response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(
        url,
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=scrapy.Request(url),
    )


def page(key: str) -> HtmlResponse:
    return html_response(f"{BASE}/j/prm/jpo_ae/{key}.htm", (FILES / f"{key}.htm").read_bytes())


def parse_job(key: str):
    with freeze_time("2026-11-20 08:00:00"):
        return next(iter(StateJpoSpider().detail_response(page(key), key, {})))


item = parse_job("224525")  # seed 004: Baku, UNHCR JPO, no grade stated
graded = parse_job("221622")  # "Grade: P2" stated; bold labels without colon, an h2 heading
expert = parse_job("222244")  # an IOM Associate Expert
closed = parse_job("221933")  # closed; each label alone, its value in the next paragraph
outside = parse_job("221311")  # the colon after the bold label; the date without its class
parsed_items = [item, graded, expert, closed, outside]


# -- one detail page, one field per test --------------------------------------------


def test_source_key():
    assert item.source == "state_jpo"
    assert item.source_key == "224525"


def test_title_location_country_from_the_heading():
    assert item.title == "Associate Protection Officer"
    assert item.location == "Baku"
    assert item.country == "Azerbaijan"
    assert item.extra["heading"] == "Associate Protection Officer: Baku, Azerbaijan"


def test_posted_date_month_first():
    assert item.posted_date == "2014-04-08"


def test_closing_date():
    assert item.closing_date == "2014-04-29"
    assert item.extra["deadline_time"] == "11:59 p.m. Eastern Daylight Time"


def test_organization_is_the_agency():
    assert item.organization == "UNHCR"


def test_sponsor_in_extra():
    assert item.extra["sponsor"] == "US Department of State (PRM)"


def test_programme_and_grade():
    assert item.contract_type == "JPO"
    assert item.grade is None  # the page states none; "JPO" is not a grade


def test_grade_when_stated():
    assert graded.grade == "P-2"
    assert graded.contract_type == "JPO"


def test_associate_expert_at_iom():
    assert expert.organization == "IOM"
    assert expert.contract_type == "AE"
    assert expert.title == "Programme Officer (Counter-Trafficking)"


def test_categories_from_sector():
    assert item.categories == ["Protection"]


def test_extra_labelled_values():
    assert item.extra["duration"] == "1 year renewable (total of 2 years)"
    assert item.extra["supervisor"] == "Protection Officer, Mr. Alexander Novikau"


def test_status():
    assert item.status == "open"
    assert closed.status == "closed"
    assert closed.closing_date  # the deadline stays as the page states it


def test_text_keeps_the_posting():
    assert item.text.startswith("## Associate Protection Officer: Baku, Azerbaijan")
    for passage in (
        "Application Deadline: April 29, 2014",
        "Applications must be emailed to by 11:59 p.m. Eastern Daylight Time",
        "How to Apply:",
        "PRM Notes:",
        "The JPO job description and related information attached are provided by UNHCR.",
        "Job Description (JPO)",
        "Political and organizational awareness (MC06)",
        "Formulate parts of COP and participate in strategy sessions.",
        "Baku is generally a safe city",
    ):
        assert passage in item.text


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_text_drops_the_chrome(posting):
    for chrome in (
        "printable banner",
        "Great Seal",
        "Diplomacy in Action",
        "Back to Top",
        "OpenID",
        "Do you already have an account",
        "Privacy Notice",
        "Funding Opportunities",
        "Secretary of State",
        "document.write",
        "U.S. Department of State",
    ):
        assert chrome not in posting.text


def test_fetch_details():
    assert item.url == f"{BASE}/j/prm/jpo_ae/224525.htm"
    assert item.http_status == 200
    assert item.fetched_at == "2026-11-20T08:00:00+00:00"
    assert item.body == (FILES / "224525.htm").read_bytes()


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and ":" not in posting.title
    assert posting.location and posting.country
    assert posting.organization in ("UNHCR", "IOM")
    assert posting.contract_type in ("JPO", "AE")
    assert posting.posted_date < posting.closing_date
    assert posting.posted_date.startswith("2014-")
    assert posting.categories
    assert posting.extra["sponsor"] == "US Department of State (PRM)"
    assert posting.extra["duration"] == "1 year renewable (total of 2 years)"


# -- the variants of the markup --------------------------------------------------------


def test_bold_labels_without_colon():
    assert graded.categories == ["Field"]
    assert graded.extra["supervisor"] == "Head of Field Office"


def test_a_heading_that_is_an_h2():
    assert (graded.title, graded.location, graded.country) == (
        "Associate Field Officer", "Islamabad", "Pakistan",
    )  # fmt: skip
    assert graded.posted_date == "2014-03-13"  # the h2 under the heading


def test_labels_with_their_value_in_the_next_paragraph():
    assert closed.categories == ["Programme"]
    assert closed.extra["supervisor"] == "Senior Programme Officer"
    assert (closed.posted_date, closed.closing_date) == ("2014-03-18", "2014-04-08")


def test_colon_after_the_bold_label_and_a_date_without_its_class():
    assert outside.categories == ["Community Services"]
    assert outside.extra["supervisor"] == "Senior Community Services Officer"
    assert (outside.posted_date, outside.closing_date) == ("2014-03-08", "2014-03-29")


def test_a_sentence_starting_like_a_label_is_no_label():
    body = (FILES / "224525.htm").read_bytes()
    body = body.replace(b"<h3>How to Apply:</h3>", b"<p>Location of the office: see below</p>")
    fields = StateJpoSpider().read_detail(html_response(LISTING, body), "224525")
    assert fields["location"] == "Baku" and fields["extra"]["supervisor"].startswith("Protection")


def test_the_reference_page_reads():
    # tests/extraction/pages/state-jpo.html, the page the mock's markup follows: every
    # line of its top is an h2.
    response = html_response(f"{BASE}/j/prm/jpo_ae/224525.htm", REFERENCE.read_bytes())
    fields = StateJpoSpider().read_detail(response, None)
    assert (fields["title"], fields["location"], fields["country"]) == (
        "Associate Protection Officer", "Baku", "Azerbaijan",
    )  # fmt: skip
    assert (fields["posted_date"], fields["closing_date"]) == ("2014-04-08", "2014-04-29")
    assert (fields["organization"], fields["contract_type"]) == ("UNHCR", "JPO")
    assert fields["categories"] == ["Protection"]


def test_heading_without_place_falls_back_to_the_description():
    body = (
        (FILES / "224525.htm")
        .read_bytes()
        .replace(
            b"Associate Protection Officer: Baku, Azerbaijan</h1>",
            b"Associate Protection Officer</h1>",
        )
    )
    url = f"{BASE}/j/prm/jpo_ae/224525.htm"
    fields = StateJpoSpider().read_detail(html_response(url, body), None)
    assert (fields["title"], fields["location"], fields["country"]) == (
        "Associate Protection Officer",
        "Baku",
        "Azerbaijan",
    )


def test_page_without_content_column_is_a_failure():
    spider = StateJpoSpider()
    url = f"{BASE}/j/prm/jpo_ae/224525.htm"
    body = b"<html><body><h1>Page Not Found</h1></body></html>"
    assert list(spider.detail_response(html_response(url, body), "224525", {})) == []
    assert spider.failures and not spider.ledger.failed


def test_page_without_content_column_names_the_selector():
    long_page = b"<html><body><div id='main'><h1>Vacancy</h1>" + b"<p>word </p>" * 400 + b"</div>"
    with pytest.raises(PageUnusable, match="#centerblock"):
        StateJpoSpider().read_detail(html_response(LISTING, long_page + b"</body></html>"), "1")


def test_key_from_url():
    assert StateJpoSpider().key_from_url(f"{BASE}/j/prm/jpo_ae/224525.htm") == "224525"
    assert StateJpoSpider().key_from_url(LISTING) is None


# -- the listing: one page, complete only when whole ---------------------------------------


def listing_response(body: bytes | None = None) -> HtmlResponse:
    return html_response(LISTING, body if body is not None else (FILES / "index.htm").read_bytes())


def test_listing_follows_every_posting_and_is_complete():
    spider = StateJpoSpider()
    requests = list(spider.parse(listing_response()))
    assert len(requests) == 12
    assert requests[0].url == f"{BASE}/j/prm/jpo_ae/224525.htm"
    assert requests[0].cb_kwargs == {"key": "224525", "listed": {}}
    assert spider.listed_keys == {r.cb_kwargs["key"] for r in requests}
    assert spider.ledger.verdict() == (True, [])


def test_listing_skips_the_faq():
    # The FAQ is a numeric page under /j/prm/jpo_ae/ too, linked from the intro and menu.
    spider = StateJpoSpider()
    list(spider.parse(listing_response()))
    assert "219712" not in spider.listed_keys


def test_absolute_links_use_the_base_url():
    spider = StateJpoSpider(base_url="http://127.0.0.1:8123")
    body = (FILES / "index.htm").read_bytes()
    assert b'href="http://www.state.gov/j/prm/jpo_ae/' in body  # the page has some
    requests = list(spider.parse(listing_response(body)))
    assert all(r.url.startswith("http://127.0.0.1:8123/j/prm/jpo_ae/") for r in requests)


def without_end(body: bytes) -> bytes:
    """The list page, whole HTML, but its content column lost its end ("Back to Top")."""
    return body[: body.index(b'<p class="back-to-top">')] + b"</div></body></html>"


def test_listing_without_its_end_is_incomplete():
    spider = StateJpoSpider()
    requests = list(spider.read_listing(listing_response(without_end(listing_response().body))))
    assert requests  # what it shows is still fetched and counts as listed
    assert not spider.ledger.verdict()[0] and spider.ledger.failed
    assert "truncated" in spider.failures[0]


def test_listing_cut_short_is_refused():
    body = (FILES / "index.htm").read_bytes()
    with pytest.raises(PageUnusable, match="cut short"):
        StateJpoSpider().read_listing(
            listing_response(body[: body.index(b'<p class="back-to-top">')])
        )


def test_listing_without_content_column_is_a_failure():
    with pytest.raises(PageUnusable, match="#centerblock"):
        list(StateJpoSpider().parse(listing_response(b"<html><body>Vacancies</body></html>")))


def test_failed_listing_is_incomplete():
    spider = StateJpoSpider()
    [request] = spider.listing_start()
    request.errback(Failure(ConnectionError("timed out")))
    assert spider.ledger.failed and not spider.ledger.verdict()[0]


# -- the mock: the structure the spider relies on, a redesign ----------------------------


def mock_get(site, path: str):
    return site.dispatch(MockRequest("GET", path, {}, {}))


def test_mock_pages_have_the_structure_the_spider_relies_on():
    site = StateJpoSite()
    listing = Selector(text=mock_get(site, "/j/prm/jpo_ae/index.htm").body.decode())
    assert listing.css(f"{CONTENT} {LISTING_LINKS}") and listing.css(f"{CONTENT} {END_MARK}")
    seed = Selector(text=mock_get(site, "/j/prm/jpo_ae/224525.htm").body.decode())
    for selector in (HEADING, END_MARK, DATE):
        assert seed.css(f"{CONTENT} {selector}"), selector
    # The page the markup follows has them too (it has no `date` class: optional).
    reference = Selector(text=REFERENCE.read_text())
    assert reference.css(f"{CONTENT} {HEADING}") and reference.css(f"{CONTENT} {END_MARK}")


def test_a_redesign_is_refused_naming_the_selector():
    site = StateJpoSite()
    site.layout_changed = True
    listing = listing_response(mock_get(site, "/j/prm/jpo_ae/index.htm").body)
    with pytest.raises(PageUnusable, match="#centerblock"):
        list(StateJpoSpider().read_listing(listing))
    detail = html_response(LISTING, mock_get(site, "/j/prm/jpo_ae/224525.htm").body)
    with pytest.raises(PageUnusable, match="#centerblock"):
        StateJpoSpider().read_detail(detail, "224525")


def test_mock_listing_page_and_posting_of_a_request():
    site = StateJpoSite()
    index = MockRequest("GET", "/j/prm/jpo_ae/index.htm", {}, {})
    posting = MockRequest("GET", "/j/prm/jpo_ae/224525.htm", {}, {})
    faq = MockRequest("GET", "/j/prm/jpo_ae/219712.htm", {}, {})
    assert (site.listing_page_number(index), site.posting_key(index)) == (1, None)
    assert (site.listing_page_number(posting), site.posting_key(posting)) == (None, "224525")
    assert site.posting_key(faq) is None


# -- real crawls of the mock site --------------------------------------------------------


def run_crawl(db: Path, base_urls: dict[str, str]) -> dict:
    result = subprocess.run(
        # Every detail page on every crawl: the tests' edits are on the detail pages.
        [*crawl_command(db, base_urls), "--json", "-s", "JOBARCHIVE_REVISIT_AFTER=0"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stdout)[0]


def test_crawls_read_the_list_and_remove_only_after_a_whole_one(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["state_jpo"]) as sites:
        site = sites["state_jpo"]
        first = run_crawl(db, sites.base_urls)
        served = [path for _, path in site.requests]
        site.remove("222244")
        site.edit("224525", duty_station="Ganja")
        endless = without_end(site.listing().encode()).decode()
        site.fault(r"index\.htm$", lambda request: MockResponse.html(endless))
        broken = run_crawl(db, sites.base_urls)
        site.faults.clear()
        second = run_crawl(db, sites.base_urls)
    assert first["status"] == "ok", first
    assert (first["new"], first["errors"]) == (12, 0)
    assert served.count("/j/prm/jpo_ae/index.htm") == 1
    assert "/j/prm/jpo_ae/219712.htm" not in served
    # the list lost its end: what it showed is archived, nothing is marked removed
    assert broken["status"] == "incomplete", broken
    assert (broken["changed"], broken["removed"]) == (1, 0)
    assert second["status"] == "ok", second
    assert (second["changed"], second["removed"]) == (0, 1)


# -- the mock site itself ----------------------------------------------------------------


def test_mock_serves_the_faq_as_a_page_that_is_not_a_posting():
    answer = mock_get(StateJpoSite(), "/j/prm/jpo_ae/219712.htm")
    assert answer.status == 200
    assert b"Frequently Asked Questions" in answer.body
    assert b"Application Deadline" not in answer.body


def test_mock_unknown_posting_is_404():
    assert mock_get(StateJpoSite(), "/j/prm/jpo_ae/100.htm").status == 404


def test_mock_lists_agencies_without_postings():
    site = StateJpoSite()
    for posting in site.snapshot():
        if posting.organization == "IOM":
            site.remove(posting.key)
    listing = mock_get(site, "/j/prm/jpo_ae/index.htm").body
    assert b"There are no AE positions open at this time." in listing
