"""ImpactpoolSpider against saved www.impactpool.org pages (tests/files/impactpool/, made by
tests/files/impactpool/regenerate.py from the mock), against the real capture of the
search page, and real crawls of the mock site."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from parsel import Selector
from twisted.python.failure import Failure

from archive import Archive
from crawler.demo import crawl_command
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.impactpool import ImpactpoolSite
from crawler.sitefacts import facts_for
from spiders import impactpool
from spiders.base import PageUnusable
from spiders.impactpool import ImpactpoolSpider
from spiders.offline import saved_response
from tests.realcaptures import capture, capture_response, captures

FILES = Path(__file__).parent / "files" / "impactpool"
BASE = "https://www.impactpool.org"
HTML = "text/html; charset=utf-8"
REAL_SEARCH = "impactpool/search_page1_excerpt.html"


def html_response(url: str, body: bytes) -> scrapy.http.Response:
    return saved_response(body, url, HTML)


def job_page(key: str) -> bytes:
    return (FILES / f"job_{key}.html").read_bytes()


def read(key: str, body: bytes | None = None, listed: dict | None = None) -> dict:
    """The fields the spider reads from a saved job page (or `body` in its place)."""
    response = html_response(f"{BASE}/jobs/{key}", job_page(key) if body is None else body)
    return ImpactpoolSpider().read_detail(response, key, listed or {})


def parse_job(key: str):
    spider = ImpactpoolSpider()
    response = html_response(f"{BASE}/jobs/{key}", job_page(key))
    with freeze_time("2026-11-20 08:00:00"):
        return next(iter(spider.detail_response(response, key, {})))


item = parse_job("803641")  # seed 000: older template, "Closing Date: Closed"
bonn = parse_job("871213")  # the first capture: older template, groups with commas
kabul = parse_job("1184046")  # newer template: city line, "Job Description", ISO date
national = parse_job("1190111")
no_colon = parse_job("1190148")  # labels without their colon
no_city = parse_job("1190185")  # newer template without its city line
lica = parse_job("1190259")
intern = parse_job("1190296")
bare = parse_job("1190370")  # neither colon nor city line
parsed_items = [item, bonn, kabul, national, no_colon, no_city, lica, intern, bare]


# -- one job page, one field per test -------------------------------------------------


def test_source_key():
    assert item.source == "impactpool"
    assert item.source_key == "803641"


def test_title():
    assert item.title == "Associate Protection Officer"


def test_organization_under_its_one_name_and_as_shown_in_extra():
    assert item.organization == "UNHCR"
    assert item.extra["organization_raw"] == "UNHCR - United Nations High Commissioner for Refugees"


def test_organization_parts_in_extra():
    assert item.extra["organization_acronym"] == "UNHCR"
    assert item.extra["organization_name"] == "United Nations High Commissioner for Refugees"


def test_location():
    assert item.location == "Tapachula"


def test_country_not_guessed():
    assert item.country is None


def test_grade():
    assert item.grade == "P-2"


def test_grade_line_kept_in_extra():
    assert item.extra["grade_raw"] == (
        "Junior level - P-2, International Professional - Internationally recruited position"
    )
    assert item.extra["level"] == "Junior level"


def test_categories():
    assert item.categories == ["Protection Officer (Refugee)"]


def test_categories_with_commas():
    assert bonn.categories == [
        "External Relations, Partnerships and Resource mobilization",
        "Project and Programme Management",
    ]


def test_closed():
    assert (item.status, item.closing_date) == ("closed", None)


def test_closing_date_iso():
    assert (kabul.closing_date, kabul.status) == ("2026-11-30", "open")


def test_fields_not_on_the_page_stay_empty():
    assert (item.posted_date, item.job_number, item.contract_type) == (None, None, None)


def test_newer_template():
    assert kabul.title == "Programme Management Officer"
    assert kabul.extra["organization_raw"] == "UN - United Nations"
    assert (kabul.organization, kabul.location, kabul.grade) == (
        "United Nations",
        "Kabul",
        "P-3",
    )
    assert kabul.categories == ["Project and Programme Management", "Political Affairs"]
    assert "## Job Description" in kabul.text


def test_labels_without_colon():
    assert no_colon.organization == "UNDP"
    assert no_colon.extra["organization_raw"] == "UNDP - United Nations Development Programme"
    assert (no_colon.location, no_colon.grade) == ("Addis Ababa", "G-6")
    assert no_colon.categories == ["Accounting (Audit, Controlling)", "Finance"]
    assert no_colon.closing_date == "2026-12-02"


def test_newer_template_without_city_line():
    assert (no_city.location, no_city.grade, no_city.closing_date) == (
        "Amman",
        "Consultancy",
        "2026-12-06",
    )
    assert (bare.location, bare.grade, bare.closing_date) == ("Bogota", "P-3", "2026-12-14")


@pytest.mark.parametrize(
    ("posting", "grade"),
    [(national, "NO-B"), (no_colon, "G-6"), (no_city, "Consultancy"), (lica, "LICA 5"),
     (intern, "Internship")],
    ids=["NO-B", "G-6", "consultancy", "LICA", "internship"],
)  # fmt: skip
def test_grade_families(posting, grade):
    assert posting.grade == grade
    assert posting.extra["grade_raw"]


def test_grade_that_names_no_grade():
    page = job_page("1184046").replace(
        b"Mid level - P-3, International Professional - Internationally recruited position",
        b"Senior Executive - Senior Executive level",
    )
    fields = read("1184046", page)
    assert fields["grade"] is None
    assert fields["extra"]["grade_raw"] == "Senior Executive - Senior Executive level"
    assert fields["extra"]["level"] == "Senior Executive level"


def test_text_keeps_the_posting():
    assert item.text.startswith("# Associate Protection Officer")
    assert "Organization: UNHCR - United Nations High Commissioner for Refugees" in item.text
    assert "addressed exclusively to candidates WITH THE US NATIONALITY" in item.text
    assert "## Functional Statement" in item.text
    assert "Negotiate locally on behalf of UNHCR." in item.text
    assert "Sunday 22 May 2022 (midnight Geneva time)" in item.text
    assert "This vacancy is now closed." in item.text


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_text_drops_the_chrome(posting):
    for chrome in (
        "By continuing to browse this site",
        "Read our privacy policy",
        "Sign in to see the full job details",
        "Create a free account",
        "Share this job",
        "Similar jobs",
        "Intalma AB",
        "For employers",
        "Create account",
        "Login",
    ):
        assert chrome not in posting.text


def test_fetch_details():
    assert item.url == f"{BASE}/jobs/803641"
    assert item.http_status == 200
    assert item.content_type == HTML
    assert item.fetched_at == "2026-11-20T08:00:00+00:00"
    assert item.body == job_page("803641")


@pytest.mark.parametrize("posting", parsed_items, ids=lambda p: p.source_key)
def test_invariants(posting):
    assert posting.title and posting.organization and posting.location and posting.grade
    assert posting.categories
    assert posting.status in ("open", "closed")
    assert (posting.closing_date is None) == (posting.status == "closed")
    assert posting.title in posting.text and len(posting.text) > 300
    shown = posting.extra.get("organization_raw") or posting.organization
    assert " - " in shown and posting.extra["organization_acronym"]
    assert posting.source_key.isdigit()


# -- variations of the job page ------------------------------------------------------


def test_closed_note_with_a_date_closes():
    # Closed before its deadline: the date stays, the note makes it closed.
    page = job_page("1184046").replace(
        b'<div class="login-prompt">', b"<p>This vacancy is now closed.</p><div>"
    )
    fields = read("1184046", page)
    assert (fields["status"], fields["closing_date"]) == ("closed", "2026-11-30")


def test_location_with_country():
    page = job_page("803641").replace(
        b"<strong>Location:</strong> Tapachula", b"<strong>Location:</strong> Tapachula, Mexico"
    )
    fields = read("803641", page)
    assert (fields["location"], fields["country"]) == ("Tapachula", "Mexico")


def test_city_line_when_there_is_no_location_bullet():
    page = re.sub(rb"<li><span[^>]*>Location:</span>.*?</li>\n", b"", job_page("1184046"))
    assert b"Location:" not in page
    assert read("1184046", page)["location"] == "Kabul"


def test_a_label_in_the_description_is_not_the_posting_s():
    page = job_page("1190185")
    page = re.sub(rb"<li><span[^>]*>Location:</span>.*?</li>\n", b"", page)
    page = page.replace(b"<h2>Background</h2>", b"<h2>Background</h2><p>Location: Elsewhere</p>")
    fields = read("1190185", page)
    assert fields["location"] is None  # no bullet, no city line: the description is not read


def test_card_fills_what_the_page_lacks():
    page = re.sub(rb"<li><strong>Organization:</strong>.*?</li>\n", b"", job_page("803641"))
    fields = read("803641", page, listed={"organization": "UNHCR - From the card"})
    assert fields["organization"] == "UNHCR"
    assert fields["extra"]["organization_raw"] == "UNHCR - From the card"


# The bullets in other markup than the mock's: the spider reads labels, not classes.
LAYOUTS = {
    "dl": "<dl><dt>Organization</dt><dd>{org}</dd><dt>Location</dt><dd>Juba</dd>"
    "<dt>Grade</dt><dd>{grade}</dd><dt>Occupational Groups</dt><dd>Logistics</dd>"
    "<dd>Supply Chain</dd><dt>Closing Date</dt><dd>2026-12-31</dd></dl>",
    "divs": '<div class="facts"><div><div>Organization:</div><div>{org}</div></div>'
    "<div><div>Location:</div><div>Juba</div></div><div><div>Grade:</div><div>{grade}</div>"
    "</div><div><div>Occupational Groups:</div><ul><li>Logistics</li><li>Supply Chain</li>"
    "</ul></div><div><div>Closing Date:</div><div>2026-12-31</div></div></div>",
    "bare text": "<p><b>Organization:</b></p>{org}<p><b>Location:</b> Juba</p>"
    "<p><b>Grade</b></p>{grade}<p><b>Occupational Groups:</b></p><ul><li>Logistics</li>"
    "<li>Supply Chain</li></ul><p><b>Closing Date:</b> 2026-12-31</p>",
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_bullets_in_other_markup(layout):
    facts = LAYOUTS[layout].format(
        org="WFP - World Food Programme",
        grade="P-4, International Professional - Internationally recruited position - Mid level",
    )
    body = (
        "<html><body><header><a href='/search'>Jobs</a></header><main><h1>Logistics Officer</h1>"
        f"{facts}<h2>Job Description</h2><p>{'The officer runs the supply chain. ' * 30}</p>"
        "</main></body></html>"
    ).encode()
    fields = read("1234567", body)
    assert fields["title"] == "Logistics Officer"
    assert (fields["organization"], fields["location"]) == ("WFP", "Juba")
    assert fields["extra"]["organization_raw"] == "WFP - World Food Programme"
    assert (fields["grade"], fields["extra"]["level"]) == ("P-4", "Mid level")
    assert fields["categories"] == ["Logistics", "Supply Chain"]
    assert (fields["closing_date"], fields["status"]) == ("2026-12-31", "open")


def test_the_title_is_the_h1_over_the_bullets():
    page = job_page("871213").replace(b"<main", b"<h1>impactpool</h1><main", 1)
    assert read("871213", page)["title"] == (
        "Programme Officer (Project Preparation and Partnerships)"
    )


def test_date_in_another_language():
    page = job_page("1184046").replace(b">2026-11-30<", b">30 novembre 2026<")
    assert read("1184046", page)["closing_date"] == "2026-11-30"


# -- pages that are no posting -----------------------------------------------------------


def test_page_without_bullets_is_unusable():
    page = (
        b"<html><body><h1>Welcome</h1><p>" + b"Find your next job. " * 200 + b"</p></body></html>"
    )
    with pytest.raises(PageUnusable, match="'Organization:'"):
        read("1", page)


def test_rails_not_found_page_is_unusable():
    answer = ImpactpoolSite().dispatch(MockRequest("GET", "/jobs/999", {}, {}))
    assert answer.status == 404
    with pytest.raises(PageUnusable, match="error page"):
        read("999", answer.body)


def test_unusable_page_makes_no_posting_and_is_named():
    spider = ImpactpoolSpider()
    page = b"<html><body><h1>Sign in</h1><form><input type='password'></form></body></html>"
    assert list(spider.detail_response(html_response(f"{BASE}/jobs/1", page), "1", {})) == []
    assert spider.failures and f"{BASE}/jobs/1" in spider.failures[0]


def test_facts_name_the_mirror_host():
    assert facts_for(url="http://d2joq6sj09wk6y.cloudfront.net/jobs/1164355")[0] == "impactpool"
    assert facts_for(url="https://d111111abcdef8.cloudfront.net/x")[0] == "generic"


def test_key_from_url():
    spider = ImpactpoolSpider()
    assert spider.key_from_url(f"{BASE}/jobs/1184046") == "1184046"
    assert spider.key_from_url("http://d2joq6sj09wk6y.cloudfront.net/jobs/1164355") == "1164355"
    assert spider.key_from_url(f"{BASE}/search?page=2") is None


# -- the listing ----------------------------------------------------------------------


def search_response(page: int, body: bytes | None = None, base: str = BASE):
    url = f"{base}/search" + (f"?page={page}&per_page=40" if page > 1 else "")
    body = body if body is not None else (FILES / f"search_page_{page}.html").read_bytes()
    return html_response(url, body)


def read_listing(spider: ImpactpoolSpider, *pages: tuple[int, bytes | None]) -> list:
    out = []
    for page, body in pages:
        out += list(spider.read_listing(search_response(page, body), page=page))
    return out


def details(requests: list) -> list[scrapy.Request]:
    return [r for r in requests if "key" in r.cb_kwargs]


def test_listing_start():
    (request,) = list(ImpactpoolSpider().listing_start())
    assert request.url == f"{BASE}/search"
    assert request.cb_kwargs == {"page": 1}


def test_listing_page_follows_jobs_and_show_more():
    spider = ImpactpoolSpider()
    requests = read_listing(spider, (1, None))
    jobs = details(requests)
    assert len(jobs) == 40
    assert jobs[0].url == f"{BASE}/jobs/1184046"
    assert jobs[0].cb_kwargs["key"] == "1184046"
    assert jobs[0].cb_kwargs["listed"] == {
        "title": "Programme Management Officer",
        "organization": "UN - United Nations",
        "location": "Kabul",
        "grade": "P-3, International Professional - Internationally recruited position - Mid level",
    }
    assert requests[-1].url == f"{BASE}/search?page=2&per_page=40"
    assert requests[-1].cb_kwargs == {"page": 2}
    assert spider.ledger.stated_total == 55
    assert spider.ledger.pages[0].shown == 40  # the advertisement among them is no card
    assert spider.ledger.verdict()[0] is False  # page 2 is still to come


def test_listing_reads_all_pages():
    spider = ImpactpoolSpider()
    spider.ledger.expect()
    first = read_listing(spider, (1, None))
    last = read_listing(spider, (2, None))
    assert len(details(first + last)) == len(spider.listed_keys) == 55
    assert all("key" in r.cb_kwargs for r in last)  # no "Show more" on the last page
    assert spider.ledger.verdict() == (True, [])


def test_failed_listing_page_leaves_listing_incomplete():
    spider = ImpactpoolSpider()
    spider.ledger.expect()
    read_listing(spider, (1, None))
    spider._listing_failed(Failure(ConnectionError("page 2 timed out")))
    assert spider.ledger.verdict()[0] is False
    assert "page 2 timed out" in spider.failures[0]


def test_fewer_jobs_than_stated_is_incomplete():
    page_1 = (
        (FILES / "search_page_1.html").read_bytes().replace(b"<span>55</span>", b"<span>60</span>")
    )
    spider = ImpactpoolSpider()
    spider.ledger.expect()
    read_listing(spider, (1, page_1), (2, None))
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert "found 55 of the 60 postings the listing states" in problems


def test_page_without_results_is_unusable():
    with pytest.raises(PageUnusable, match=re.escape(impactpool.RESULTS)):
        read_listing(ImpactpoolSpider(), (1, b"<html><body><h1>Jobs</h1></body></html>"))
    with pytest.raises(PageUnusable, match="a maintenance page, not the listing"):
        read_listing(
            ImpactpoolSpider(), (1, b"<html><body><h1>Service unavailable</h1></body></html>")
        )


@pytest.mark.parametrize("action", ["malformed:cut", "maintenance", "login", "challenge"])
def test_a_search_page_that_is_not_whole_is_unusable(action):
    site = ImpactpoolSite()
    site.fault_listing_page(1, action)
    answer = site.dispatch(MockRequest("GET", "/search", {}, {}))
    with pytest.raises(PageUnusable):
        read_listing(ImpactpoolSpider(), (1, answer.body))


def test_first_page_without_count_is_unusable():
    page = re.sub(rb'<section class="results-notice">.*?</section>', b"",
                  (FILES / "search_page_1.html").read_bytes(), flags=re.S)  # fmt: skip
    with pytest.raises(PageUnusable, match=re.escape(impactpool.COUNT)):
        read_listing(ImpactpoolSpider(), (1, page))


def test_no_jobs_count_is_zero():
    page = (
        b'<html><body><section class="results-notice">No jobs match your search.</section>'
        b'<main id="job_list"></main></body></html>'
    )
    spider = ImpactpoolSpider()
    assert read_listing(spider, (1, page)) == []
    assert spider.ledger.stated_total == 0


def test_show_more_backwards_ends_the_listing():
    page = (FILES / "search_page_1.html").read_bytes().replace(b"page=2&amp;", b"page=1&amp;")
    requests = read_listing(ImpactpoolSpider(), (1, page))
    assert requests and all("key" in r.cb_kwargs for r in requests)


def test_links_outside_the_results_are_not_read():
    # The navigation links /search and the job pages' similar jobs link /jobs/<id>:
    # neither is a result nor the next page.
    spider = ImpactpoolSpider()
    requests = read_listing(spider, (2, None))
    assert len(requests) == 15 and len(spider.listed_keys) == 15


def test_base_url_override_applies_to_all_requests():
    page = (
        (FILES / "search_page_1.html")
        .read_bytes()
        .replace(b'href="/', b'href="https://www.impactpool.org/')
    )
    spider = ImpactpoolSpider(base_url="http://127.0.0.1:8123/")
    requests = list(spider.read_listing(search_response(1, page, "http://127.0.0.1:8123"), page=1))
    assert requests[0].url == "http://127.0.0.1:8123/jobs/1184046"
    assert requests[-1].url == "http://127.0.0.1:8123/search?page=2&per_page=40"


def test_layout_change_is_reported():
    site = ImpactpoolSite()
    site.layout_changed = True
    answer = site.dispatch(MockRequest("GET", "/search", {}, {}))
    with pytest.raises(PageUnusable, match=re.escape(impactpool.RESULTS)):
        read_listing(ImpactpoolSpider(), (1, answer.body))


def test_renamed_cards_are_layout_drift():
    page = (
        (FILES / "search_page_1.html")
        .read_bytes()
        .replace(b'<div class="job">', b'<div class="x-job">')
    )
    spider = ImpactpoolSpider()
    read_listing(spider, (1, page))
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert any("layout drift" in p and impactpool.CARD in p for p in problems)


# -- the real capture ---------------------------------------------------------------------


def real_search():
    return capture_response(REAL_SEARCH, f"{BASE}/search", HTML)


def test_real_search_page():
    spider = ImpactpoolSpider()
    requests = list(spider.read_listing(real_search(), page=1))
    jobs = details(requests)
    assert [r.cb_kwargs["key"] for r in jobs] == ["1229365", "1230314", "1230312"]
    assert [r.url for r in jobs] == [f"{BASE}/jobs/{k}" for k in ("1229365", "1230314", "1230312")]
    assert jobs[0].cb_kwargs["listed"] == {
        "title": "Director of Programmes",
        "organization": "Resource justice Network",
        "location": "Remote",
        "grade": "Senior Executive - Senior Executive level",
    }
    assert jobs[1].cb_kwargs["listed"]["organization"] == (
        "IOM - International Organization for Migration"
    )
    assert jobs[2].cb_kwargs["listed"]["location"] == "Washington D.C."
    assert jobs[2].cb_kwargs["listed"]["title"].startswith("VN-US10-2026-071 Senior Project")
    assert requests[-1].url == f"{BASE}/search?page=2&per_page=40"
    assert spider.ledger.stated_total == 3973
    assert spider.ledger.pages[0].shown == 3


@pytest.mark.parametrize("name", captures("impactpool"))
def test_every_real_capture_parses(name):
    """Search pages give postings and a count; job pages give a title and a text."""
    path = capture(name)
    spider = ImpactpoolSpider()
    if b'id="job_list"' in path.read_bytes():
        response = capture_response(name, f"{BASE}/search", HTML)
        requests = list(spider.read_listing(response, page=1))
        assert details(requests) and spider.ledger.stated_total
    else:
        response = capture_response(name, f"{BASE}/jobs/1", HTML)
        fields = spider.read_detail(response, "1", {})
        assert fields["title"] and fields["text"] and fields["organization"]


# Where the spider reads the search page, as it scopes its selectors.
RELIED_ON = [
    impactpool.RESULTS,
    f"{impactpool.RESULTS} {impactpool.CARD}",
    f"{impactpool.RESULTS} {impactpool.CARD} {impactpool.CARD_LINK}",
    f"{impactpool.RESULTS} {impactpool.CARD} {impactpool.CARD_TITLE}",
    f"{impactpool.RESULTS} {impactpool.CARD} {impactpool.CARD_DETAILS}",
    impactpool.COUNT,
    f"{impactpool.RESULTS} {impactpool.MORE}",
]


def search_pages() -> list[Selector]:
    """The real search page and the mock's first one."""
    real = capture(REAL_SEARCH).read_text(encoding="utf-8")
    mock = (FILES / "search_page_1.html").read_text(encoding="utf-8")
    return [Selector(text=real), Selector(text=mock)]


@pytest.mark.parametrize("path", RELIED_ON)
def test_mock_search_page_has_the_real_structure(path):
    real, mock = search_pages()
    assert real.css(path) and mock.css(path)


def test_mock_cards_nest_like_the_real_ones():
    for page in search_pages():
        for card in page.css(f"{impactpool.RESULTS} {impactpool.CARD}"):
            link = card.css(impactpool.CARD_LINK)
            assert len(link) == 1 and re.match(impactpool.POSTING_LINK, link.attrib["href"])
            assert len(link.css(impactpool.CARD_TITLE)) == 1
            assert len(link.css(impactpool.CARD_DETAILS)) == 3


def test_mock_count_and_show_more_read_like_the_real_ones():
    for page in search_pages():
        notice = " ".join(page.css(impactpool.COUNT).xpath("string()").get().split())
        assert re.fullmatch(r"\d+ jobs match your search\.", notice)
        (more,) = page.css(f"{impactpool.RESULTS} {impactpool.MORE}")
        assert more.attrib["href"] == "/search?page=2&per_page=40"
        assert " ".join(more.xpath("string()").get().split()) == "Show more"
        assert not page.css('a[rel~="next"]')


@pytest.mark.parametrize("key", ["871213", "1184046", "1190370"])
def test_mock_job_pages_carry_the_confirmed_layout(key):
    page = Selector(text=job_page(key).decode())
    assert page.css(impactpool.TITLE)
    text = " ".join(page.xpath("//body//text()").getall())
    for label in ("Organization", "Location", "Grade", "Occupational Groups", "Closing Date"):
        assert label in text
    assert "By continuing to browse this site, you agree to our use of cookies." in text


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


def test_crawls_page_through_the_listing_and_remove_only_after_a_complete_one(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["impactpool"]) as sites:
        site = sites["impactpool"]
        first = run_crawl(db, sites.base_urls)
        served = [path for _, path in site.requests]
        again = run_crawl(db, sites.base_urls)
        site.remove("871213")
        site.edit("1184046", closing_date=site.postings["1184046"].closing_date.replace(day=15))
        site.fault_listing_page(2, 404)
        broken = run_crawl(db, sites.base_urls)
        site.reset()
        second = run_crawl(db, sites.base_urls)
    assert first["status"] == "ok", first
    assert (first["new"], first["errors"]) == (55, 0)
    assert [p for p in served if p.startswith("/search")] == [
        "/search",
        "/search?page=2&per_page=40",
    ]
    jobs = [p for p in served if p.startswith("/jobs/")]
    assert len(jobs) == len(set(jobs)) == 55
    assert again["status"] == "ok" and again["unchanged"] == 55, again
    # page 2 failed: what page 1 showed is archived, nothing is marked removed
    assert broken["status"] == "incomplete", broken
    assert (broken["changed"], broken["removed"]) == (1, 0)
    assert second["status"] == "ok", second
    assert (second["changed"], second["removed"]) == (0, 1)
    with Archive(db) as archive:
        row = archive.conn.execute(
            "SELECT status FROM postings WHERE source = 'impactpool' AND source_key = '871213'"
        ).fetchone()
    assert row[0] == "removed"


# -- the mock site itself ----------------------------------------------------------------


def mock_get(site, path: str, query: dict[str, str] | None = None):
    return site.dispatch(MockRequest("GET", path, query or {}, {}))


def test_mock_pages_past_the_end_list_nothing():
    answer = mock_get(ImpactpoolSite(), "/search", {"page": "3", "per_page": "40"})
    page = Selector(text=answer.body.decode())
    assert answer.status == 200
    assert not page.css(impactpool.CARD) and not page.css(impactpool.MORE)
    assert page.css(f"{impactpool.COUNT} span::text").get() == "55"


def test_mock_says_which_page_and_posting_a_request_is_for():
    site = ImpactpoolSite()
    assert site.listing_page_number(MockRequest("GET", "/search", {}, {})) == 1
    assert site.listing_page_number(MockRequest("GET", "/search", {"page": "2"}, {})) == 2
    assert site.listing_page_number(MockRequest("GET", "/jobs/871213", {}, {})) is None
    assert site.posting_key(MockRequest("GET", "/jobs/871213", {}, {})) == "871213"
    assert site.posting_key(MockRequest("GET", "/search", {}, {})) is None


def test_mock_templates_follow_the_captures():
    site = ImpactpoolSite()
    older, newer = mock_get(site, "/jobs/871213").body, mock_get(site, "/jobs/1184046").body
    assert b"<strong>Occupational Groups:</strong><ul>" in older
    assert b"Job Description" not in older
    assert b"<h2>Job Description</h2>" in newer and b'type="subtitle">Kabul</div>' in newer
