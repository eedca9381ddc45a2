"""UnicefSpider (PageUp People) on saved mock pages (tests/files/unicef/, made by
tests/files/regenerate.py) and on the real PageUp captures in ../shared/real-captures/."""

from __future__ import annotations

from pathlib import Path

import pytest
import scrapy
from freezegun import freeze_time
from parsel import Selector

from crawler.mocksites import MockRequest
from crawler.mocksites.server import _SUBSTITUTE_PAGES
from crawler.mocksites.unicef import UnicefSite, job_path
from spiders.base import PageUnusable
from spiders.offline import saved_response
from spiders.unicef import (
    DESCRIPTION,
    JOB,
    JOB_LINK,
    LABELS_XPATH,
    MORE_COUNT,
    MORE_LINK,
    RESULTS,
    ROW_CLOSE,
    ROW_LOCATION,
    SUMMARY_ROW,
    TITLE,
    UnicefSpider,
)
from tests.realcaptures import capture, capture_response, captures

FILES = Path(__file__).parent / "files" / "unicef"
BASE = "https://jobs.unicef.org"
ROWAN = "https://jobs.rowan.edu"
ROWAN_JOB = (
    f"{ROWAN}/en-us/job/501826/"
    "temporary-part-time-hourly-public-safety-telecommunicator-police-department"
)


def saved(name: str, url: str):
    return saved_response((FILES / name).read_bytes(), url, "text/html; charset=utf-8")


def read(key: str) -> dict:
    """The fields the spider reads from a saved job page."""
    return UnicefSpider().read_detail(saved(f"job_{key}.html", f"{BASE}/en-us/job/{key}"), key)


def listing(spider: UnicefSpider, page: int) -> list[scrapy.Request]:
    url = f"{BASE}/en-us/listing/?page={page}&page-items=20"
    return list(spider.read_listing(saved(f"listing_page_{page}.html", url), page=page))


item = read("577857")  # empty <time>s, the zone name inside the span
kabul = read("578959")  # the <time> holds the local date, no zone name
suva = read("579096")  # UTC+12: 23:55 local is 11:55Z the same day
bogota = read("578411")  # UTC-5, "24 Nov 2026 11:55 PM" text, zone name after the span
kampala = read("578274")  # "Work type" and "Applications close"
geneva = read("578548")  # labels without colon; no messages, top apply button, share kit
dhaka = read("578685")  # Level in a span; a grade the archive spells otherwise
closed = read("579644")
SAVED = ["577857", "578959", "579096", "578411", "578274", "578548", "578685", "579644"]


# -- one field per test (the seed posting) ------------------------------------------


def test_title():
    assert item["title"] == (
        "Child Protection Officer (Children on the Move), (NO-1), Mexico City, Mexico, "
        "#131411, [Temp Appointment]"
    )


def test_organization():
    assert item["organization"] == "UNICEF"


def test_location_is_the_duty_station():
    assert item["location"] == "Mexico City"


def test_country_is_unicefs_location():
    assert item["country"] == "Mexico"


def test_grade():
    assert item["grade"] == "NO-1"


def test_grade_normalized_keeps_the_raw_level():
    assert dhaka["grade"] == "G-6"
    assert dhaka["extra"]["grade_raw"] == "GS-6"


def test_contract_type():
    assert item["contract_type"] == "Temporary Appointment"


def test_contract_type_as_work_type():
    assert kampala["contract_type"] == "Fixed Term Appointment"


def test_job_number():
    assert item["job_number"] == "577857"


def test_posted_date():
    assert item["posted_date"] == "2026-11-03"


def test_closing_date_from_zone_name():
    # <time datetime="2026-11-25T05:55:00Z"></time> Central Standard Time (Mexico)
    assert item["closing_date"] == "2026-11-24"


def test_closing_date_from_time_text():
    assert kabul["closing_date"] == "2026-12-01"


def test_closing_date_east_of_utc():
    assert suva["closing_date"] == "2026-12-06"


def test_closing_date_west_of_utc_text_with_time_of_day():
    assert bogota["extra"]["deadline_utc"] == "2026-12-12T04:55:00Z"
    assert bogota["closing_date"] == "2026-12-11"


def test_closing_date_as_applications_close():
    assert kampala["closing_date"] == "2026-12-06"


def test_labels_without_colon():
    assert geneva["job_number"] == "578548"
    assert (geneva["location"], geneva["country"]) == ("Geneva", "Switzerland")
    assert geneva["closing_date"] == "2026-12-16"


def test_status():
    assert item["status"] == "open"


def test_closed():
    assert closed["status"] == "closed"
    assert closed["closing_date"] is None
    assert "apply_url" not in closed["extra"]


def test_categories():
    assert item["categories"] == ["Child Protection"]


def test_extra():
    assert item["extra"] == {
        "apply_url": "https://secure.dc7.pageuppeople.com/apply/671/gateway/default.aspx"
        "?c=apply&lJobID=577857",
        "deadline_utc": "2026-11-25T05:55:00Z",
        "work_type": "temporary-appointment",
    }


def test_text_keeps_the_posting():
    text = item["text"]
    assert "Child migration has seen a significant increase in recent years." in text
    assert "How can you make a difference?" in text
    assert "THIS IS A NATIONAL POSITION." in text
    assert "Deadline:" in text


@pytest.mark.parametrize(
    "chrome",
    [
        "By continuing to browse this site",
        "Current vacancies",
        "Back to search results",
        "Apply now",
        "Refer a friend",
        "Whatsapp",
        "Similar jobs",
        "All rights reserved",
    ],
)
def test_text_drops_the_chrome(chrome):
    assert chrome not in item["text"]


def test_fetch_details():
    spider = UnicefSpider()
    response = saved("job_577857.html", f"{BASE}/en-us/job/577857/x")
    with freeze_time("2026-11-20 08:00:00"):
        posting = next(iter(spider.detail_response(response, "577857", {})))
    assert posting.source == "unicef" and posting.source_key == "577857"
    assert posting.url == f"{BASE}/en-us/job/577857/x"
    assert posting.fetched_at == "2026-11-20T08:00:00+00:00"
    assert posting.body == (FILES / "job_577857.html").read_bytes()


@pytest.mark.parametrize("key", SAVED)
def test_invariants(key):
    fields = read(key)
    assert fields["title"] and "Current vacancies" not in fields["title"]
    assert fields["job_number"] == key and fields["organization"] == "UNICEF"
    assert fields["location"] and fields["country"] and fields["grade"]
    assert fields["contract_type"] and fields["categories"]
    assert fields["posted_date"] and len(fields["posted_date"]) == 10
    assert (fields["closing_date"] is None) == (fields["status"] == "closed")
    assert fields["text"] and "By continuing to browse" not in fields["text"]
    assert UnicefSpider().missing_fields(fields) is None


# -- dates as PageUp writes them ----------------------------------------------------


def value(html: str) -> Selector:
    return Selector(text=f"<div class='value'>{html}</div>").css("div.value")[0]


@pytest.mark.parametrize(
    ("html", "deadline", "expected"),
    [
        # Windows zone names in their summer ("Daylight") form
        (
            '<span><time datetime="2026-09-30T03:55:00Z"></time></span> Eastern Daylight Time',
            True,
            "2026-09-29",
        ),
        (
            '<span><time datetime="2026-06-09T21:55:00Z"></time> W. Europe Daylight Time</span>',
            True,
            "2026-06-09",
        ),
        # no zone: the day on which the instant is 23:55 somewhere
        ('<span><time datetime="2026-12-06T11:55:00Z"></time></span>', True, "2026-12-06"),
        ('<span><time datetime="2026-11-03T06:00:00Z"></time></span>', False, "2026-11-03"),
        # the site's own rendering, in other languages too
        (
            '<span><time datetime="2026-10-12T03:55:00Z">octubre 11, 2026</time></span>',
            True,
            "2026-10-11",
        ),
        (
            '<span><time datetime="2026-10-11T21:55:00Z">11 octobre 2026</time></span>',
            True,
            "2026-10-11",
        ),
        ("27 May 2026", True, "2026-05-27"),
    ],
)
def test_dates(html, deadline, expected):
    assert UnicefSpider()._parse_date(value(html), deadline=deadline) == expected


def test_value_outside_its_labels_paragraph():
    page = saved_response(
        b"<html><body><div id='job'><div id='job-content'><h2>Officer</h2>"
        b"<p><b>Job no:</b> 1<br><b>Location:</b> <span class='location'>Kenya</span><br>"
        b"<b>Duty Station:</b> Nairobi</p><p><b>Deadline</b></p>October 11, 2026"
        b"<div id='job-details'><p>" + b"Work. " * 50 + b"</p></div></div></div></body></html>",
        f"{BASE}/en-us/job/1",
    )
    fields = UnicefSpider().read_detail(page, "1")
    assert fields["closing_date"] == "2026-10-11"
    assert (fields["location"], fields["country"]) == ("Nairobi", "Kenya")


# -- the listing ------------------------------------------------------------------------


def test_listing_start():
    (request,) = UnicefSpider().listing_start()
    assert request.url == f"{BASE}/en-us/listing/?page=1&page-items=20"
    assert request.method == "GET"


def test_listing_page_follows_jobs_and_more_jobs():
    spider = UnicefSpider()
    requests = listing(spider, 1)
    details = [r for r in requests if r.callback == spider.detail_response]
    assert len(details) == 20  # the rows of #recent-jobs-content are the same jobs
    assert (
        details[0].url
        == f"{BASE}/en-us/job/577857/child-protection-officer-children-on-the-move-577857"
    )
    assert details[1].url == f"{BASE}/en-us/job/578137/education-specialist-578137"
    assert details[0].cb_kwargs["key"] == "577857"
    assert details[0].cb_kwargs["listed"]["location"] == "Mexico"
    (more,) = [r for r in requests if r.callback != spider.detail_response]
    assert more.url == f"{BASE}/en-us/listing/?page=2&page-items=20"
    assert more.cb_kwargs == {"page": 2}


def test_listing_total_is_rows_plus_the_more_links_count():
    spider = UnicefSpider()
    listing(spider, 1)
    assert spider.ledger.stated_total == 45  # 20 rows + "More Jobs 25"


def test_listing_reads_all_pages():
    spider = UnicefSpider()
    requests = [r for page in (1, 2, 3) for r in listing(spider, page)]
    assert len(spider.listed_keys) == 45
    assert len([r for r in requests if r.callback == spider.detail_response]) == 45
    assert spider.ledger.verdict() == (True, [])


def test_listing_not_complete_before_the_last_page():
    spider = UnicefSpider()
    for page in (1, 2):
        listing(spider, page)
    complete, problems = spider.ledger.verdict()
    assert not complete and "found 40 of the 45 postings the listing states" in problems


def test_listing_past_the_end_is_empty_not_broken():
    spider = UnicefSpider()
    assert listing(spider, 4) == []
    assert spider.ledger.pages[0].keys == [] and not spider.ledger.problems


def test_base_url_override():
    spider = UnicefSpider(base_url="http://127.0.0.1:8123/")
    requests = listing(spider, 1)
    assert all(r.url.startswith("http://127.0.0.1:8123/en-us/") for r in requests)


def test_key_from_url():
    spider = UnicefSpider()
    assert spider.key_from_url(f"{BASE}/en-us/job/593348") == "593348"
    assert spider.key_from_url(f"{BASE}/cw/en-us/job/593348/slug-593348") == "593348"
    assert spider.key_from_url(f"{BASE}/en-us/listing/") is None


# -- pages that are no posting --------------------------------------------------------


def test_aws_waf_challenge_is_refused():
    page = saved_response(_SUBSTITUTE_PAGES["challenge"].encode(), f"{BASE}/en-us/job/577857")
    with pytest.raises(PageUnusable, match="a bot challenge page"):
        UnicefSpider().read_detail(page, "577857")
    with pytest.raises(PageUnusable):
        list(UnicefSpider().read_listing(page))


def test_waf_202_without_body_is_refused():
    page = saved_response(b"", f"{BASE}/en-us/listing/")
    with pytest.raises(PageUnusable, match="empty answer"):
        list(UnicefSpider().read_listing(page))


def test_listing_page_is_no_job_page():
    # PageUp's listing holds an empty #job-content; a gone job may land there
    page = saved("listing_page_1.html", f"{BASE}/en-us/job/577857")
    with pytest.raises(PageUnusable, match="empty"):
        UnicefSpider().read_detail(page, "577857")
    redirected = saved("listing_page_1.html", f"{BASE}/en-us/listing/")
    with pytest.raises(PageUnusable, match="error page"):
        UnicefSpider().read_detail(redirected, "577857")


def test_another_jobs_page_is_refused():
    page = saved("job_578959.html", f"{BASE}/en-us/job/578959")
    with pytest.raises(PageUnusable, match="not job 577857"):
        UnicefSpider().read_detail(page, "577857")


# -- real captures of PageUp (another tenant, same product) ---------------------------


def test_real_listing_excerpt():
    spider = UnicefSpider(base_url=ROWAN)
    response = capture_response("pageup/rowan_listing_excerpt.html", f"{ROWAN}/en-us/listing/")
    requests = list(spider.read_listing(response))
    assert [r.cb_kwargs["key"] for r in requests] == ["501826", "501829", "501798"]
    assert requests[0].url == ROWAN_JOB
    assert requests[0].cb_kwargs["listed"] == {
        "title": "Temporary Part Time Hourly Public Safety Telecommunicator (Police Department)",
        "location": "Glassboro, New Jersey",
        "closing_utc": "2026-09-30T03:55:00Z",
        "summary": "Summary: The Rowan University Department of Public Safety is looking for a "
        "reliable Part-Time Dispatcher (Public Safety Telecommunicator) to act as a "
        "communication point for emergency and nonemergency calls.",
    }
    assert "closing_utc" not in requests[2].cb_kwargs["listed"]  # no deadline: empty cell
    # the excerpt has no "More Jobs" link: its last page, all of it read
    assert spider.ledger.verdict() == (True, [])


def test_real_detail():
    response = capture_response("pageup/rowan_detail_501826.html", ROWAN_JOB)
    fields = UnicefSpider(base_url=ROWAN).read_detail(response, "501826")
    text = fields.pop("text")
    assert fields == {
        "title": "Temporary Part Time Hourly Public Safety Telecommunicator (Police Department)",
        "organization": "UNICEF",  # the spider's facts; the page is Rowan's
        "location": "Glassboro, New Jersey",  # no Duty Station: Location is the place
        "country": None,
        "grade": None,
        "contract_type": "Temporary Part-Time",  # "Work type"
        "job_number": "501826",
        "posted_date": "2026-09-15",
        "closing_date": "2026-09-29",  # "Applications close", 23:55 Eastern
        "status": "open",
        "categories": ["Public Safety/Security"],
        "extra": {
            "apply_url": "https://secure.dc4.pageuppeople.com/apply/860/gateway/default.aspx"
            "?c=apply&lJobID=501826&lJobSourceTypeID=796&sLanguage=en-us",
            "deadline_utc": "2026-09-30T03:55:00Z",
            "work_type": "temporary-part-time",
        },
    }
    assert "Major Duties:" in text and "NCIC/CJIS/AOC." in text
    assert "Applications close: Sep 29 2026 11:55 PM" in text
    for chrome in ("Apply now", "Refer a friend", "Back to search results", "Whatsapp"):
        assert chrome not in text


@pytest.mark.parametrize("name", captures("pageup"))
def test_every_real_capture_reads(name):
    if "listing" in name:
        spider = UnicefSpider(base_url=ROWAN)
        requests = list(spider.read_listing(capture_response(name, f"{ROWAN}/en-us/listing/")))
        assert requests and spider.ledger.pages[0].keys
    else:
        fields = UnicefSpider(base_url=ROWAN).read_detail(capture_response(name, ROWAN_JOB), "")
        assert fields["title"] and len(fields["text"]) > 500 and fields["closing_date"]


# -- the mock has the structure of the real pages ---------------------------------------


def mock_page(site: UnicefSite, target: str) -> Selector:
    path, _, query = target.partition("?")
    params = dict(part.split("=", 1) for part in query.split("&") if part)
    return Selector(text=site.dispatch(MockRequest("GET", path, params, {})).body.decode())


def listing_structure(page: Selector) -> dict[str, bool]:
    rows = page.css(RESULTS)
    return {
        "rows": bool(rows.css(f"tr {JOB_LINK}")),
        "location": bool(rows.css(f"tr {ROW_LOCATION}")),
        "close": bool(rows.css(f"tr {ROW_CLOSE}[datetime]")),
        "summary": bool(rows.css(f"{SUMMARY_ROW} td[colspan]")),
        "links": all("/job/" in h for h in rows.css(f"{JOB_LINK}::attr(href)").getall()),
    }


def detail_structure(page: Selector) -> dict[str, bool]:
    job = page.css(f"#job > {JOB}")
    labels = {
        " ".join(label.xpath("string()").get().split()).rstrip(":")
        for label in job.xpath(LABELS_XPATH)
    }
    return {
        "title": bool(job.css(TITLE)),
        "description": bool(job.css(DESCRIPTION)),
        "labels": {"Job no", "Location", "Categories", "Advertised"} <= labels,
        "dates": len(job.css("span time[datetime]")) == 2,
    }


def test_mock_listing_has_the_real_structure():
    real = Selector(text=capture("pageup/rowan_listing_excerpt.html").read_text())
    mocked = mock_page(UnicefSite(), "/en-us/listing/?page=1&page-items=20")
    assert (
        listing_structure(mocked)
        == listing_structure(real)
        == dict.fromkeys(listing_structure(real), True)
    )


def test_mock_paging_as_pageup_pages_it():
    # jobs.rowan.edu page 1 of 133: <a href="/en-us/listing/?page=2&page-items=20"
    # class="more-link button" data-page="2" data-page-items="20">More Jobs
    # <span class="count">113</span></a>, the count being the postings after the page
    site = UnicefSite()
    first = mock_page(site, "/en-us/listing/")
    more = first.css(MORE_LINK)
    assert more.attrib["href"] == "/en-us/listing/?page=2&page-items=20"
    assert (more.attrib["data-page"], more.attrib["data-page-items"]) == ("2", "20")
    assert more.css(MORE_COUNT).xpath("string()").get() == str(len(site.postings) - 20)
    assert not mock_page(site, "/en-us/listing/?page=3&page-items=20").css(MORE_LINK)


def test_mock_detail_has_the_real_structure():
    real = Selector(text=capture("pageup/rowan_detail_501826.html").read_text())
    site = UnicefSite()
    mocked = mock_page(site, job_path(site.postings["577857"]))
    assert (
        detail_structure(mocked)
        == detail_structure(real)
        == dict.fromkeys(detail_structure(real), True)
    )


def test_layout_change_is_reported():
    site = UnicefSite()
    site.layout_changed = True
    listing_page = mock_page(site, "/en-us/listing/").get().encode()
    with pytest.raises(PageUnusable, match=RESULTS):
        list(UnicefSpider().read_listing(saved_response(listing_page, f"{BASE}/en-us/listing/")))
    detail = mock_page(site, job_path(site.postings["577857"])).get().encode()
    with pytest.raises(PageUnusable, match=JOB):
        UnicefSpider().read_detail(saved_response(detail, f"{BASE}/en-us/job/577857"), "577857")


def test_renamed_job_links_are_layout_drift():
    page = (FILES / "listing_page_1.html").read_text().replace('class="job-link"', 'class="x"')
    spider = UnicefSpider()
    requests = list(spider.read_listing(saved_response(page.encode(), f"{BASE}/en-us/listing/")))
    assert not [r for r in requests if r.callback == spider.detail_response]
    assert not spider.ledger.verdict()[0]
    assert any("layout drift" in p and JOB_LINK in p for p in spider.ledger.problems)
