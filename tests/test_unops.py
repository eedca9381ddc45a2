# ruff: noqa: E501  (HTML fragments and real URLs read best on one line)
"""UNOPS spider (Avature): saved mock pages (tests/files/unops, made by its regenerate.py),
the real Avature captures (../shared/real-captures/avature/), and a real crawl of the mock."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import scrapy
from freezegun import freeze_time
from parsel import Selector
from scrapy.http import HtmlResponse

from archive import Archive
from crawler.demo import crawl_command
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.unops import UnopsSite, detail_path, template, unops_postings
from spiders.base import PageUnusable
from spiders.unops import (
    BANNER_TITLE,
    DETAIL_LINK,
    DETAILS,
    FIELD,
    FIELD_LABEL,
    FIELD_VALUE,
    LEGEND,
    PARAGRAPH_FIELD,
    RESULT,
    RESULT_FIELDS,
    SECTION_HEADING,
    UnopsSpider,
)
from tests.realcaptures import capture_response

FILES = Path(__file__).parent / "files" / "unops"
BASE = "https://careers.unops.org"
JOB = f"{BASE}/careersmarketplace/JobDetail"
KEYS_16 = {p.key for p in unops_postings(16)}


def html_response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(
        url=url,
        body=body,
        encoding="utf-8",
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=scrapy.Request(url),
    )


def saved(name: str, url: str) -> HtmlResponse:
    return html_response(url, (FILES / name).read_bytes())


def listing(spider: UnopsSpider, offset: int, name: str | None = None) -> list[scrapy.Request]:
    request = spider.search_request(offset)
    response = saved(name or f"search_offset_{offset}.html", request.url)
    return list(spider.read_listing(response, **request.cb_kwargs))


def details(page: list[scrapy.Request]) -> dict[str, scrapy.Request]:
    return {r.cb_kwargs["key"]: r for r in page if "key" in r.cb_kwargs}


def next_offsets(page: list[scrapy.Request]) -> list[int]:
    return [r.cb_kwargs["offset"] for r in page if "offset" in r.cb_kwargs]


def read(key: str, body: bytes | None = None, listed: dict[str, Any] | None = None) -> dict:
    """The fields the spider reads from a saved job page (as a crawl does: integrity
    check, then parse_detail), with what the listing showed of it."""
    url = f"{JOB}/Slug/{key}"
    response = html_response(
        url, body if body is not None else (FILES / f"job_{key}.html").read_bytes()
    )
    return UnopsSpider().read_detail(response, key, listed if listed is not None else LISTED[key])


with freeze_time("2026-11-20T08:00:00Z"):
    spider = UnopsSpider()
    pages = [listing(spider, offset) for offset in (0, 6, 12)]
    requests = {k: r for page in pages for k, r in details(page).items()}
    LISTED = {k: r.cb_kwargs["listed"] for k, r in requests.items()}
    legacy, bare, civil, closed, portfolio, named = (
        read(k) for k in ("31245", "31264", "31283", "31302", "31321", "31397")
    )
parsed = {"31245": legacy, "31264": bare, "31283": civil, "31302": closed, "31321": portfolio,
          "31397": named}  # fmt: skip


def test_saved_pages_cover_every_template():
    kinds = {key: template(UnopsSite(unops_postings(16)).get(key)) for key in parsed}
    assert kinds == {
        "31245": "legacy",
        "31264": "bare",
        "31283": "current",
        "31302": "current",
        "31321": "current",
        "31397": "bare",
    }


# -- listing and paging ---------------------------------------------------------------


def test_listing_request():
    request = UnopsSpider().search_request(12)
    assert request.url == f"{BASE}/careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=12"
    assert request.cb_kwargs == {"offset": 12}


def test_paging_reads_three_pages_from_the_legend():
    assert [len(details(page)) for page in pages] == [6, 6, 4]
    assert [next_offsets(page) for page in pages] == [[6], [12], []]


def test_listing_complete_after_last_page():
    complete, problems = spider.ledger.verdict()
    assert complete and problems == []
    assert spider.listed_keys == KEYS_16
    assert spider.ledger.stated_total == 16


def test_listing_not_complete_before_last_page():
    partial = UnopsSpider()
    partial.ledger.expect()
    listing(partial, 0)
    listing(partial, 6)
    complete, problems = partial.ledger.verdict()
    assert not complete
    assert "found 12 of the 16 postings the listing states" in problems


def test_listed_values_of_a_result():
    assert LISTED["31245"] == {
        "title": "Project Manager",
        "location": "Nairobi",  # a city only, as on the real site
        "seniority": "Mid Level",
        "posted": "16-Nov-2026",
    }


def test_result_links_are_found_whatever_their_class():
    body = (FILES / "search_offset_0.html").read_text()
    body = body.replace('<a class="link" href=', '<a class="title-link" href=')
    generic = UnopsSpider()
    request = generic.search_request(0)
    page = list(generic.parse(html_response(request.url, body.encode()), offset=0))
    assert len(details(page)) == 6


def test_slug_in_another_language_keeps_the_key():
    # Avature makes the slug from the posting's first title: French here.
    assert requests["31245"].url == f"{JOB}/Chef-fe-de-projet/31245"


def test_detail_urls_use_the_spiders_base_url():
    mirror = UnopsSpider(base_url="http://127.0.0.1:9999")
    page = listing(mirror, 0)
    assert details(page)["31283"].url == (
        "http://127.0.0.1:9999/careersmarketplace/JobDetail/Civil-Engineer/31283"
    )


def test_listing_redirected_to_error_page_is_unusable():
    with pytest.raises(PageUnusable, match="error page"):
        list(UnopsSpider().read_listing(saved("error.html", f"{BASE}/careersmarketplace/Error")))


@pytest.mark.parametrize(
    "url, key",
    [
        (f"{JOB}/Project-Manager/31245", "31245"),
        (f"{JOB}/Charg-e-des-communications/4331", "4331"),
        (f"{JOB}/31245", "31245"),
        (f"{JOB}?jobId=31245", "31245"),
        ("https://astellasjapan.avature.net/en_GB/careers/JobDetail/Clinical-Trial-Manager/3381", "3381"),
        (f"{BASE}/careersmarketplace/Login?jobId=4296", None),
        (f"{BASE}/careersmarketplace/SearchJobs/?jobOffset=6", None),
    ],
)  # fmt: skip
def test_key_from_url(url, key):
    assert UnopsSpider().key_from_url(url) == key


# -- one field each -------------------------------------------------------------------


def test_title_from_banner():
    assert civil["title"] == "Civil Engineer"


def test_title_without_banner_from_json_ld():
    assert bare["title"] == "Procurement Officer"


def test_title_without_banner_nor_json_ld_from_labelled_field():
    body = (
        (FILES / "job_31397.html")
        .read_text()
        .replace(
            'content="Project Manager" property="og:title"', 'content="Careers" property="og:title"'
        )
    )
    assert read("31397", body.encode())["title"] == "Project Manager"


def test_title_from_og_title_then_page_title():
    body = (FILES / "job_31397.html").read_text().replace("Job Name:", "Name of the job:")
    assert read("31397", body.encode())["title"] == "Project Manager"
    body = re.sub(r'<meta content="[^"]*" property="og:title"/>', "", body)
    assert read("31397", body.encode())["title"] == "Project Manager"  # <title>, tail cut


def test_hero_banner_is_no_title():
    body = (
        (FILES / "job_31397.html")
        .read_text()
        .replace(
            "<main ",
            '<div class="banner banner--main"><div class="banner__text"><h2 class="banner__text__title'
            ' title title--hero">Careers to build the future</h2></div></div><main ',
        )
    )
    assert read("31397", body.encode())["title"] == "Project Manager"


def test_organization():
    assert civil["organization"] == "UNOPS"


def test_location_is_the_duty_station():
    assert (legacy["location"], bare["location"], civil["location"]) == (
        "Nairobi",
        "Amman",
        "Panama City",
    )


def test_country_is_its_own_field():
    assert (legacy["country"], bare["country"], civil["country"]) == ("Kenya", "Jordan", "Panama")


def test_grade():
    assert legacy["grade"] == "ICS 11 (IICA 3)"
    assert bare["grade"] == "ICS 10 (IICA 2)"  # "ICS-10 (IICA-2)" on the page
    assert civil["grade"] == "LICA 9"
    assert portfolio["grade"] == "P-5"


def test_contract_type():
    assert civil["contract_type"] == "Local ICA Specialist"


def test_job_number():
    assert legacy["job_number"] == "VA/2026/B5100/31245"


def test_posted_date():
    assert legacy["posted_date"] == "2026-11-16"  # the listing's date: "Deadline" only
    assert civil["posted_date"] == "2026-11-15"  # the application period's start
    assert bare["posted_date"] == "2026-11-16"  # "Posting Start Date:"


def test_closing_date_from_deadline():
    assert legacy["closing_date"] == "2026-11-30"


def test_closing_date_from_application_period():
    assert civil["closing_date"] == "2026-11-29"


def test_closing_date_from_posting_end_date():
    assert bare["closing_date"] == "2026-11-30"


def test_status():
    assert (legacy["status"], civil["status"]) == ("open", "open")


def test_closed():
    assert (closed["status"], closed["closing_date"]) == ("closed", None)
    assert closed["posted_date"] == "2026-11-15"  # from the listing


def test_categories():
    assert legacy["categories"] == ["Project Management"]  # "Position Area:"
    assert civil["categories"] == ["Engineering"]  # "Job categories"


def test_text_is_every_detail_section_with_its_heading():
    text = civil["text"]
    for heading in (
        "## General information",
        "## Background Information - UNOPS",
        "## Functional Responsibilities",
        "## Additional information",
        "## Education/Experience/Language requirements",
        "## Additional Considerations",
    ):
        assert heading in text
    assert "Application period: 15-Nov-2026 to 29-Nov-2026" in text
    assert "Supervise contractors on site and certify works." in text
    assert "It is the policy of UNOPS to conduct background checks" in text


def test_text_of_the_legacy_template():
    assert legacy["text"].startswith("## General Information\n\nPosition Title: Project Manager")
    assert "## Description & Requirements" in legacy["text"]
    assert "Lead the planning and delivery of the project within scope" in legacy["text"]


def test_extra():
    assert civil["extra"] == {
        "department_office": "LCR, PAMCO, Panama",
        "duration": "1 year, renewable",
        "seniority_level": "Associate",
        "grade_raw": "LICA 9",
        "closing_date_raw": "15-Nov-2026 to 29-Nov-2026",
    }


def test_no_url_override():
    assert "url" not in civil  # the page fetched is the public page


@pytest.mark.parametrize("key", sorted(parsed))
def test_no_chrome_in_text(key):
    text = parsed[key]["text"]
    for chrome in (
        "cookies", "Share", "Similar jobs", "days ago", "Back to job list",
        "Join Our Talent Community", "toggle section visibility", "© 2026",
    ):  # fmt: skip
        assert chrome not in text, chrome
    assert "Apply" not in text.splitlines()  # the button; "Apply UNOPS standards" is text


@pytest.mark.parametrize("key", sorted(parsed))
def test_invariants(key):
    fields = parsed[key]
    assert fields["title"] and fields["organization"] == "UNOPS"
    assert fields["location"] and fields["country"] and "," not in fields["location"]
    assert fields["grade"] and fields["contract_type"] and fields["posted_date"]
    assert fields["job_number"].endswith(f"/{key}")
    assert fields["closing_date"] or fields["status"] == "closed"
    assert len(fields["text"]) > 2500 and "Functional Responsibilities" in fields["text"]


# -- label and date variants ------------------------------------------------------------


def page_with(general: str) -> bytes:
    """A job page whose first detail section is `general`, then one text section."""
    body = "Text of the posting. " * 30
    return f"""<!DOCTYPE html><html><head><title>T</title></head><body>
<div class="banner banner--main"><h2 class="banner__text__title">Water Engineer</h2></div>
<article class="article article--details"><div class="article__content">{general}</div></article>
<article class="article article--details"><div class="article__header"><div class="article__header__text">
<h3 class="article__header__text__title">Description</h3></div></div>
<div class="article__content article__content--rich-text"><p>{body}</p></div></article>
</body></html>""".encode()


def test_value_outside_its_labels_element():
    general = (
        '<p class="paragraph"><strong>Duty Station:</strong></span><span>Kampala</span></p>'
        '<p class="paragraph"><span><strong>Country</strong></span> <span>Uganda</span></p>'
    )
    fields = read("1", page_with(general), {})
    assert (fields["location"], fields["country"]) == ("Kampala", "Uganda")
    assert "Duty Station: Kampala" in fields["text"]


def test_labels_with_and_without_colon():
    general = "".join(
        f'<div class="article__content__view__field"><div class="article__content__view__field__label">'
        f'{label}</div><div class="article__content__view__field__value">{value}</div></div>'
        for label, value in (("Job Name:", "Water Engineer"), ("ICS Level", "ICS-9"),
                             ("Contract Type:", "Local ICA"), ("Location", "Kampala"))
    )  # fmt: skip
    fields = read("1", page_with(general), {})
    assert (fields["grade"], fields["contract_type"], fields["location"]) == (
        "ICS 9",
        "Local ICA",
        "Kampala",
    )


@pytest.mark.parametrize(
    "period, posted, closing",
    [
        ("14-May-2026 to 28-May-2026", "2026-05-14", "2026-05-28"),
        ("11 octobre 2026 au 25 octobre 2026", "2026-10-11", "2026-10-25"),
        ("octubre 11, 2026 a octubre 25, 2026", "2026-10-11", "2026-10-25"),
        ("Closed", None, None),
    ],
)
def test_application_period_in_other_languages(period, posted, closing):
    general = (
        '<div class="article__content__view__field"><div class="article__content__view__field__label">'
        f'Application period</div><div class="article__content__view__field__value">{period}</div></div>'
    )
    fields = read("1", page_with(general), {})
    assert (fields["posted_date"], fields["closing_date"]) == (posted, closing)
    assert fields["status"] == ("closed" if period == "Closed" else "open")


def test_duty_station_list_of_cities_is_no_country():
    general = '<p class="paragraph"><strong>Duty Station:</strong> <span>Antananarivo, Toliara (Tulear)</span></p>'
    fields = read("1", page_with(general), {})
    assert (fields["location"], fields["country"]) == ("Antananarivo, Toliara (Tulear)", None)


# -- pages that are no posting ------------------------------------------------------------


def test_error_page_is_unusable():
    response = saved("error.html", f"{BASE}/careersmarketplace/Error")
    with pytest.raises(PageUnusable, match="error page"):
        UnopsSpider().read_detail(response, "99999", {})


def test_page_without_detail_sections_is_unusable():
    body = (FILES / "job_31283.html").read_text().replace("article--details", "article--other")
    with pytest.raises(PageUnusable, match=re.escape(DETAILS)):
        read("31283", body.encode())


# -- the real captures -------------------------------------------------------------------


def real_listing() -> tuple[UnopsSpider, list[scrapy.Request]]:
    url = f"{BASE}/careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=6"
    response = capture_response("avature/unops_searchjobs_offset6_excerpt.html", url)
    real = UnopsSpider()
    real.ledger.expect()
    return real, list(real.parse(response, offset=6))


def real_detail(name: str, url: str) -> dict[str, Any]:
    response = capture_response(f"avature/{name}", url)
    return UnopsSpider().read_detail(response, None, {})


def test_real_unops_listing():
    real, out = real_listing()
    found = details(out)
    assert list(found) == ["4296", "4331", "4341", "4378", "4335"]
    assert found["4331"].url == f"{JOB}/Charg-e-des-communications/4331"
    assert next_offsets(out) == [12]  # "7-12 of 74 results"
    assert real.ledger.stated_total == 74
    assert found["4341"].cb_kwargs["listed"] == {
        "title": "Construction Engineering Technician - Analyst",
        "location": "Antananarivo, Mahajanga, Morondava, Tamatave, Toliara (Tulear)",
        "seniority": "Associate",
        "posted": "10-Sep-2026",
    }
    assert found["4296"].cb_kwargs["listed"]["location"] == "Home based"


def test_real_carlyle_job_page():
    fields = real_detail(
        "carlyle_job_detail.html",
        "https://carlyle.avature.net/externalcareers/JobDetail/Security-Architect-Lead-Security-Assurance/5262",
    )
    assert fields["title"] == "Security Architect Lead, Security Assurance"
    assert fields["location"] == "Washington, DC"
    assert fields["country"] is None
    assert fields["posted_date"] == "2026-03-09"
    assert fields["job_number"] == "5262"
    assert fields["categories"] == ["Investor Services"]  # "Job Function:"
    assert fields["extra"]["line_of_business"] == "Global Technology & Solutions"
    text = fields["text"]
    for heading in ("Basic information", "Position Summary", "Responsibilities",
                    "Qualifications", "Company Information"):  # fmt: skip
        assert f"## {heading}" in text
    assert "Job Name: Security Architect Lead, Security Assurance" in text
    assert "The anticipated base salary range for this role is $175,000 to $185,000." in text
    assert "Carlyle invests across three segments" in text
    assert len(text) > 8000
    for chrome in ("Share", "Back to job list", "Login"):
        assert chrome not in text
    assert "Apply" not in text.splitlines()


def test_real_amerilife_job_page():
    fields = real_detail(
        "amerilife_job_detail.html",
        "https://amerilife.avature.net/careers/JobDetail/Leesburg-Florida-United-States-Entry-Level-Licensed-Insurance-Agents/4525",
    )
    assert fields["title"] == "Entry Level & Licensed Insurance Agents"
    assert fields["location"] == "Florida, Leesburg"  # "Location:" in a labelled paragraph
    assert fields["country"] == "United States"  # JSON-LD addressCountry
    assert fields["organization"] == "UNOPS"  # no hiringOrganization in the JSON-LD
    assert fields["posted_date"] == "2026-02-19"
    assert fields["job_number"] == "4525"
    text = fields["text"]
    assert text.startswith("## General Information\n\nLocation: Florida, Leesburg")
    assert "## Description & Requirements" in text
    assert "Assistance with pre-licensing, fingerprinting" in text
    assert "Share this job" not in text and "Apply" not in text.splitlines()


# -- the mock and the real pages share what the spider relies on -------------------------


def test_listing_structure_of_mock_and_real_page():
    url = f"{BASE}/careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=6"
    real = capture_response("avature/unops_searchjobs_offset6_excerpt.html", url)
    mock = saved("search_offset_6.html", url)
    for response in (real, mock):
        results = response.css(RESULT)
        assert results
        legend = " ".join(response.css(f"{LEGEND} ::text").getall())
        assert re.search(r"7-12\s+of\s+\d+\s+results", legend)
        for result in results:
            hrefs = result.css("a::attr(href)").getall()
            assert any(DETAIL_LINK.search(h) for h in hrefs)
            labels = [s.attrib["class"] for s in result.css(RESULT_FIELDS)]
            assert labels == [
                "list-item-Duty Station",
                "list-item-Seniority Level",
                "list-item-posted",
            ]


def structure(response: Any) -> dict[str, Any]:
    sections = response.css(DETAILS)
    return {
        "sections": len(sections),
        "headings": sum(bool(s.css(SECTION_HEADING)) for s in sections),
        "fields": len(response.css(f"{DETAILS} {FIELD} {FIELD_LABEL}"))
        + len(response.css(f"{DETAILS} {PARAGRAPH_FIELD} strong")),
        "values": len(response.css(f"{DETAILS} {FIELD_VALUE}")),
        "banner": bool(response.css(BANNER_TITLE)),
    }


@pytest.mark.parametrize(
    "mock, real",
    [
        ("job_31283.html", "carlyle_job_detail.html"),  # label/value fields, headed sections
        ("job_31245.html", "amerilife_job_detail.html"),  # labelled paragraphs, rich text
    ],
)
def test_detail_structure_of_mock_and_real_page(mock, real):
    ours = structure(saved(mock, f"{JOB}/Slug/1"))
    theirs = structure(capture_response(f"avature/{real}", f"{JOB}/Slug/1"))
    assert ours["sections"] >= 2 and theirs["sections"] >= 2
    assert ours["headings"] >= 2 and theirs["headings"] >= 2
    assert ours["fields"] >= 1 and theirs["fields"] >= 1
    assert (ours["values"] > 0) == (theirs["values"] > 0)
    assert ours["banner"] and theirs["banner"]


def test_mock_has_pages_without_banner():
    assert not structure(saved("job_31264.html", f"{JOB}/Slug/1"))["banner"]


# -- a redesign is reported, never read as an empty site ----------------------------------


def test_redesigned_listing_is_unusable_naming_the_selectors():
    redesigned = UnopsSpider()
    request = redesigned.search_request(0)
    with pytest.raises(PageUnusable, match=re.escape(RESULT)):
        list(redesigned.parse(saved("redesign_search_offset_0.html", request.url), offset=0))


def test_redesigned_results_under_a_legend_are_layout_drift():
    body = (
        (FILES / "redesign_search_offset_0.html")
        .read_text()
        .replace("x-list-controls__text__legend", "list-controls__text__legend")
    )
    redesigned = UnopsSpider()
    redesigned.ledger.expect()
    request = redesigned.search_request(0)
    assert (
        details(list(redesigned.parse(html_response(request.url, body.encode()), offset=0))) == {}
    )
    complete, problems = redesigned.ledger.verdict()
    assert not complete
    assert any("layout drift" in p and "JobDetail" in p for p in problems)


def test_redesigned_job_page_is_unusable_naming_the_selector():
    body = (FILES / "redesign_job_31283.html").read_bytes()
    with pytest.raises(PageUnusable, match=re.escape(DETAILS)):
        read("31283", body)


# -- a real crawl of the mock ---------------------------------------------------------


def _crawl(db: Path, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        # Every detail page on every crawl: the tests' edits are on the detail pages.
        [*crawl_command(db, {"unops": url}), "-s", "JOBARCHIVE_REVISIT_AFTER=0"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_crawl_mock_site(tmp_path):
    db = tmp_path / "archive.db"
    site = UnopsSite(unops_postings(20))  # four listing pages of 6, 6, 6 and 2
    with MockSites(["unops"], sites=[site]) as sites:
        first = _crawl(db, sites.base_urls["unops"])
        assert first.returncode == 0, first.stdout + first.stderr
        assert "unops: ok - new 20, changed 0, unchanged 0" in first.stdout
        second = _crawl(db, sites.base_urls["unops"])
        listing_requests = [t for _, t in site.requests if "SearchJobs" in t]
        # Two listed jobs whose pages now redirect to /Error: two failed details, no posting.
        for key in ("31245", "31264"):
            site.fault_posting(key, lambda request: site.redirect("/careersmarketplace/Error"))
        third = _crawl(db, sites.base_urls["unops"])
    assert second.returncode == 0, second.stdout + second.stderr
    assert "unops: ok - new 0, changed 0, unchanged 20, reopened 0, removed 0" in second.stdout
    assert len(listing_requests) == 2 * 4
    assert third.returncode == 1
    summary = "unops: incomplete - new 0, changed 0, unchanged 18, reopened 0, removed 0, errors 2"
    assert summary in third.stdout
    with Archive(db, create=False) as archive:
        rows = archive.conn.execute(
            "SELECT source_key, title, organization, location, country, grade, closing_date "
            "FROM postings WHERE source = 'unops' AND source_key IN ('31245', '31264', '31283')"
        ).fetchall()
    assert sorted(tuple(r) for r in rows) == [
        ("31245", "Project Manager", "UNOPS", "Nairobi", "Kenya", "ICS 11 (IICA 3)", "2026-11-30"),
        ("31264", "Procurement Officer", "UNOPS", "Amman", "Jordan", "ICS 10 (IICA 2)", "2026-11-30"),
        ("31283", "Civil Engineer", "UNOPS", "Panama City", "Panama", "LICA 9", "2026-11-29"),
    ]  # fmt: skip


# -- the mock's own rules (the real captures) ---------------------------------------------


def dispatch(site: UnopsSite, path: str, **query: str):
    return site.dispatch(MockRequest("GET", path, query, {}))


def test_mock_redirects_unknown_job_to_error():
    answer = dispatch(UnopsSite(), "/careersmarketplace/JobDetail/Anything/1")
    assert answer.status == 302
    assert answer.headers["Location"].endswith("/careersmarketplace/Error")


def test_mock_serves_a_job_under_any_slug_or_none():
    site = UnopsSite()
    for path, query in (
        ("/careersmarketplace/JobDetail/Other-Slug/31245", {}),
        ("/careersmarketplace/JobDetail/31245", {}),
        ("/careersmarketplace/JobDetail", {"jobId": "31245"}),
    ):
        request = MockRequest("GET", path, query, {})
        assert site.posting_key(request) == "31245"
        assert site.dispatch(request).status == 200


def test_mock_shows_six_per_page():
    page = dispatch(
        UnopsSite(), "/careersmarketplace/SearchJobs/", jobRecordsPerPage="50", jobOffset="0"
    )
    selector = Selector(page.body.decode())
    assert len(selector.css(RESULT)) == 6
    assert "1-6" in " ".join(selector.css(f"{LEGEND} ::text").getall())
    assert 'aria-label="40 results"' in page.body.decode()


def test_mock_listing_page_number():
    site = UnopsSite()
    request = MockRequest("GET", "/careersmarketplace/SearchJobs/", {"jobOffset": "12"}, {})
    assert site.listing_page_number(request) == 3
    assert (
        site.listing_page_number(MockRequest("GET", detail_path(site.get("31245")), {}, {})) is None
    )


def test_mock_detail_pages_have_several_sections():
    site = UnopsSite()
    for posting in site.snapshot():
        page = Selector(dispatch(site, detail_path(posting)).body.decode())
        assert 2 <= len(page.css(DETAILS)) <= 5, posting.key
