"""UnhcrSpider against saved responses of the Workday mock (tests/files/unhcr/, made by
tests/files/regenerate.py) and against the real Workday CXS captures of other tenants
(../shared/real-captures/workday/, through tests/realcaptures.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time
from scrapy.http import Response

from crawler.mocksites import MockRequest
from crawler.mocksites.unhcr import UnhcrSite, external_path
from spiders.base import PageUnusable
from spiders.offline import saved_response
from spiders.unhcr import (
    DETAIL_KEYS,
    INFO,
    INFO_KEYS,
    LISTED_KEYS,
    LISTING_KEYS,
    PATH,
    POSTINGS,
    TOTAL,
    UnhcrSpider,
)
from tests.realcaptures import capture, capture_response, captures

FILES = Path(__file__).parent / "files" / "unhcr"
BASE = "https://unhcr.wd3.myworkdayjobs.com"
API = f"{BASE}/wday/cxs/unhcr/External"
PUBLIC = f"{BASE}/en-US/External"
REAL_LISTINGS = captures("workday", "*_listing.json")
REAL_DETAIL = "workday/begacheese_detail.json"


# -- helpers ---------------------------------------------------------------------------


def listing_response(
    offset: int, body: bytes | None = None, content_type: str = "application/json"
) -> Response:
    if body is None:
        body = (FILES / f"jobs_offset_{offset}.json").read_bytes()
    return saved_response(body, f"{API}/jobs", content_type, method="POST")


def saved_listing() -> list[dict[str, Any]]:
    """Every entry of the three saved listing pages."""
    entries = []
    for offset in (0, 20, 40):
        entries += json.loads((FILES / f"jobs_offset_{offset}.json").read_text())[POSTINGS]
    return entries


def listed_for(key: str) -> dict[str, Any]:
    """What the spider's listing callback passes on for posting `key`."""
    spider = UnhcrSpider()
    for offset in (0, 20, 40):
        for request in spider.read_listing(listing_response(offset), offset=offset):
            if request.cb_kwargs.get("key") == key:
                return request.cb_kwargs["listed"]
    raise KeyError(key)


def detail_url(body: bytes, api: str = API) -> str:
    """The API URL a detail answer was fetched from (its externalUrl, on the API)."""
    external = json.loads(body)[INFO]["externalUrl"]
    return api + external[external.index("/job/") :]


def detail(key: str, listed: dict[str, Any] | None = None) -> dict[str, Any]:
    body = (FILES / f"job_{key}.json").read_bytes()
    response = saved_response(body, detail_url(body), "application/json")
    return UnhcrSpider().read_detail(response, key, listed_for(key) if listed is None else listed)


def with_description(html: str, key: str = "JR2600481") -> dict[str, Any]:
    """The seed posting's fields, its description replaced by `html`."""
    data = json.loads((FILES / f"job_{key}.json").read_text())
    data[INFO]["jobDescription"] = html
    body = json.dumps(data).encode()
    return UnhcrSpider().read_detail(saved_response(body, detail_url(body)), key, {})


SAVED = sorted(p.name[4:-5] for p in FILES.glob("job_*.json"))
seed = detail("JR2600481")  # labelled blocks, the deadline after the Target Start Date


# -- one test per field (the seed posting) ---------------------------------------------


def test_title():
    assert seed["title"] == "Protection Assistant"


def test_organization_from_hiring_organization():
    assert seed["organization"] == "UNHCR"


def test_location():
    assert seed["location"] == "Mexico City"


def test_country():
    assert seed["country"] == "Mexico"


def test_grade():
    assert seed["grade"] == "G-5"  # one spelling per grade (crawler.grades)
    assert seed["extra"]["grade_raw"] == "GS5"


def test_contract_type_is_the_affiliate_type():
    assert seed["contract_type"] == "UNOPS LICA4"


def test_job_number():
    assert seed["job_number"] == "JR2600481"


def test_posted_date():
    assert seed["posted_date"] == "2026-11-09"


def test_closing_date_is_the_description_deadline_not_end_date():
    assert seed["extra"]["end_date"] == "2026-12-01"
    assert seed["closing_date"] == "2026-11-30"


def test_status():
    assert seed["status"] == "open"
    assert detail("JR2606839")["status"] == "closed"


def test_categories():
    assert seed["categories"] == []


def test_url_is_the_public_page():
    assert seed["url"] == f"{PUBLIC}/job/Mexico-City/Protection-Assistant_JR2600481"


def test_text():
    text = seed["text"]
    assert text.startswith("Hardship Level")
    assert "Deadline for Applications\n\nNovember 30, 2026" in text
    assert "UNHCR Mexico has progressively strengthened its protection response" in text
    # Workday's <li><p> items stay on their "- " line
    assert "\n- Conduct registration interviews in accordance with local SOPs" in text


def test_extra():
    assert seed["extra"] == {
        "workday_id": "fd57e4bd32afba7d78665e1f52d26884",
        "job_posting_id": "Protection-Assistant_JR2600481",
        "time_type": "Full time",
        "end_date": "2026-12-01",
        "grade_raw": "GS5",
        "hardship_level": "A (least hardship)",
        "family_type": "Family",
        "reason": "Regular > Regular Assignment",
        "remote_work_accepted": "No",
        "target_start_date": "2027-01-01",
    }


# -- the variations the mock serves ---------------------------------------------------


@pytest.mark.parametrize(
    ("key", "closing", "grade"),
    [
        ("JR2600481", "2026-11-30", "G-5"),  # own <p> each, the deadline last
        ("JR2604885", "2026-12-14", "G-6"),  # "Deadline for Applications December 14, 2026"
        ("JR2605862", "2026-12-18", "PR3"),  # own <p> each, the deadline first
        ("JR2603908", "2026-12-10", "NO-B"),  # values bare text between elements
        ("JR2601954", "2026-12-02", "PR4"),  # "Grade: PR4" in one <p>
    ],
)
def test_labelled_layouts(key, closing, grade):
    fields = detail(key)
    assert fields["closing_date"] == closing  # never endDate, the day after
    assert fields["extra"]["end_date"] > closing
    assert fields["grade"] == grade
    assert fields["contract_type"] == "Staff Member" or key == "JR2600481"


def test_other_id_shape():
    fields = detail("Req-19540")
    assert fields["job_number"] == "Req-19540"
    assert fields["url"] == f"{PUBLIC}/job/Dhaka/Senior-Protection-Officer_Req-19540"


def test_second_posting_of_a_requisition():
    fields = detail("JR2608793-2")
    assert fields["job_number"] == "JR2608793"  # the requisition
    assert fields["url"] == f"{PUBLIC}/job/Panama-City-Panama/Protection-Assistant_JR2608793-2"


def test_listed_without_a_place():
    fields = detail("JR2612701")
    assert fields["url"] == f"{PUBLIC}/job/Programme-Officer_JR2612701"
    assert fields["location"] == "Geneva" and fields["country"] == "Switzerland"


def test_two_locations():
    fields = detail("JR2637126")
    assert fields["location"] == "Kampala"
    assert fields["extra"]["additional_locations"] == ["Arua"]


@pytest.mark.parametrize("key", SAVED)
def test_invariants(key):
    fields = detail(key)
    assert fields["title"] and fields["organization"] == "UNHCR"
    assert fields["location"] and fields["country"] and fields["grade"]
    assert fields["contract_type"] and fields["job_number"]
    assert fields["posted_date"] and fields["closing_date"] <= fields["extra"]["end_date"]
    assert fields["url"].startswith(f"{PUBLIC}/job/") and fields["url"].endswith("_" + key)
    assert fields["extra"]["hardship_level"] and fields["extra"]["family_type"]
    assert fields["text"].startswith(("Deadline for Applications", "Hardship Level"))
    assert "\n-\n" not in fields["text"]
    values = json.dumps(fields["extra"])  # the relative texts change daily: never kept
    assert "Posted" not in values and "left to apply" not in values


@pytest.mark.parametrize("key", SAVED)
def test_detail_read_without_its_listing(key):
    """A saved page alone (jobarchive extract): key and public URL from the answer."""
    body = (FILES / f"job_{key}.json").read_bytes()
    url = detail_url(body)
    spider = UnhcrSpider()
    assert spider.key_from_url(url) == key
    assert spider.read_detail(saved_response(body, url), None, {})["url"].endswith("_" + key)


# -- labelled values as other pages write them ----------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p><b>Deadline</b></p>October 11, 2026<p><b>Grade</b></p>P3<p>Text.</p>",
        "<p><b>Deadline for Applications:</b></p>October 11, 2026<p>Grade: P3</p>",
        "<p><b>Deadline</b>: October 11, 2026</p><p><b>Grade:</b> P3</p>",
        "<p>Deadline for Applications</p><p>octubre 11, 2026</p><p>Grade</p><p>P3</p>",
        "<p>Deadline: 11 octobre 2026</p><div>Grade</div>P3",
        "<p>Deadline for applications is strict.</p><p>Deadline</p>October 11, 2026<p>Grade</p>P3",
    ],
)
def test_label_values_in_other_markup(html):
    fields = with_description(html)
    assert fields["closing_date"] == "2026-10-11"
    assert fields["grade"] == "P-3"


def test_prose_is_no_label():
    fields = with_description("<p>Grade levels vary by office.</p><p>Deadline for all: soon</p>")
    assert fields["grade"] is None
    assert fields["closing_date"] == "2026-12-01"  # endDate, for want of anything better


def test_grade_falls_back_to_the_listing():
    data = json.loads((FILES / "job_JR2600481.json").read_text())
    html = data[INFO]["jobDescription"]
    data[INFO]["jobDescription"] = html.replace("<span>Grade</span>", "<span>Level</span>")
    body = json.dumps(data).encode()
    listed = listed_for("JR2600481")
    assert listed["grade"] == "GS5"  # bulletFields[1]
    fields = UnhcrSpider().read_detail(saved_response(body, detail_url(body)), "JR2600481", listed)
    assert fields["grade"] == "G-5" and "grade_raw" not in fields["extra"]


@pytest.mark.parametrize(
    ("bullets", "grade"), [(["JR1", "PR2"], "PR2"), (["JR1", "Full time"], None), (["JR1"], None)]
)
def test_listed_grade_only_when_it_looks_like_one(bullets, grade):
    assert UnhcrSpider()._parse_listed_grade({"bulletFields": bullets}) == grade


# -- pages that are no posting ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"errorCode": "S22", "httpStatus": 403, "message": "Forbidden"}', "error page"),
        (b'{"similarJobs": [], "userAuthenticated": false}', INFO),
        (b'{"jobPostingInfo": {"title": "x", "jobDesc', "not whole JSON"),
        (b"<html><body><h1>Down for maintenance</h1></body></html>", "maintenance"),
    ],
)
def test_unusable_detail(body, reason):
    with pytest.raises(PageUnusable, match=reason):
        UnhcrSpider().read_detail(saved_response(body, f"{API}/job/X_JR1"), "JR1", {})


def test_detail_item_keeps_public_url_and_fetch_url():
    spider = UnhcrSpider()
    body = (FILES / "job_JR2600481.json").read_bytes()
    response = saved_response(body, detail_url(body), "application/json")
    with freeze_time("2026-11-20 08:00:00"):
        (item,) = spider.detail_response(response, "JR2600481", listed_for("JR2600481"))
    assert item.source == "unhcr" and item.source_key == "JR2600481"
    assert item.url == f"{PUBLIC}/job/Mexico-City/Protection-Assistant_JR2600481"
    assert item.fetch_url == f"{API}/job/Mexico-City/Protection-Assistant_JR2600481"
    assert item.fetched_at == "2026-11-20T08:00:00+00:00"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (f"{API}/job/Hobart-TAS/Quality-Specialist_JR-7309", "JR-7309"),
        (f"{PUBLIC}/job/Troy-NC/Senior-Manager--Sanitation_JR63751-1", "JR63751-1"),
        (f"{BASE}/External/job/Req-Officer_Req-06070", "Req-06070"),
        (f"{BASE}/External/job/Toronto-ON-CAN/Quantitative-Developer_R260026715-3", "R260026715-3"),
        (f"{BASE}/External/job/Remote-USA/Co-op--Data-Science_REQ24211", "REQ24211"),
        (f"{API}/jobs", None),
    ],
)
def test_key_from_url(url, key):
    assert UnhcrSpider().key_from_url(url) == key


# -- the listing ----------------------------------------------------------------------


def read_listing(spider: UnhcrSpider, offsets: tuple[int, ...] = (0, 20, 40)) -> list[Any]:
    requests = list(spider.listing_start())
    spider.ledger.expect()
    for offset in offsets:
        requests += list(spider.read_listing(listing_response(offset), offset=offset))
    return requests


def test_listing_request():
    (request,) = UnhcrSpider().listing_start()
    assert request.method == "POST" and request.url == f"{API}/jobs"
    assert json.loads(request.body) == {
        "appliedFacets": {},
        "limit": 20,
        "offset": 0,
        "searchText": "",
    }
    assert request.headers["Content-Type"] == b"application/json"


def test_listing_page_asks_for_details_then_next_page():
    spider = UnhcrSpider()
    requests = list(spider.read_listing(listing_response(0), offset=0))
    details, following = requests[:-1], requests[-1]
    assert len(details) == 20
    assert details[0].url == f"{API}/job/Mexico-City/Protection-Assistant_JR2600481"
    assert details[0].cb_kwargs == {
        "key": "JR2600481",
        "listed": {"path": "/job/Mexico-City/Protection-Assistant_JR2600481", "grade": "GS5"},
    }
    assert json.loads(following.body)["offset"] == 20


def test_listing_reads_every_key_shape():
    spider = UnhcrSpider()
    read_listing(spider)
    assert {"Req-19540", "JR-2632", "JR2608793", "JR2608793-2"} <= spider.listed_keys
    assert spider.listed_keys == {e[PATH].rsplit("_", 1)[1] for e in saved_listing()}


def test_listing_complete_after_all_pages():
    spider = UnhcrSpider()
    requests = read_listing(spider)
    assert len(spider.listed_keys) == 47
    assert len([r for r in requests if r.callback == spider.detail_response]) == 47
    assert spider.ledger.verdict() == (True, [])


def test_listing_keeps_the_first_pages_total():
    # later pages say "total": 0, like Workday; the spider must not stop there
    assert json.loads((FILES / "jobs_offset_20.json").read_text())[TOTAL] == 0
    spider = UnhcrSpider()
    requests = read_listing(spider, (0, 20))
    assert json.loads(requests[-1].body)["offset"] == 40  # page 3 still asked for
    complete, problems = spider.ledger.verdict()
    assert not complete and "found 40 of the 47 postings the listing states" in problems


def test_failed_listing_page_leaves_listing_incomplete():
    spider = UnhcrSpider()
    read_listing(spider, (0, 20))
    spider.ledger.page_failed()
    assert not spider.ledger.verdict()[0]


def test_posting_without_path_is_a_problem():
    data = json.loads((FILES / "jobs_offset_0.json").read_text())
    del data[POSTINGS][3][PATH]
    spider = UnhcrSpider()
    list(spider.read_listing(listing_response(0, json.dumps(data).encode()), offset=0))
    assert "showed 20 postings but gave a key for 19" in spider.ledger.problems[0]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.update({"x-jobPostings": d.pop(POSTINGS)}), POSTINGS),
        (lambda d: d.pop(TOTAL), TOTAL),
        (lambda d: [e.update({"x-externalPath": e.pop(PATH)}) for e in d[POSTINGS]], PATH),
    ],
)
def test_renamed_listing_key_is_named(change, named):
    data = json.loads((FILES / "jobs_offset_0.json").read_text())
    change(data)
    with pytest.raises(PageUnusable, match=named):
        list(UnhcrSpider().read_listing(listing_response(0, json.dumps(data).encode()), offset=0))


@pytest.mark.parametrize(
    ("body", "content_type", "named"),
    [
        (b"<html><body><h1>Down for maintenance</h1></body></html>", "text/html", "maintenance"),
        (b"<html><body><h1>Down for maintenance</h1></body></html>", "application/json", "JSON"),
        (b'{"total": 47, "jobPostings": [{"title": "x", "externalPa', "application/json", "JSON"),
        (b'{"errorCode": "S22", "httpStatus": 403}', "application/json", "error page"),
    ],
)
def test_unusable_listing_page(body, content_type, named):
    with pytest.raises(PageUnusable, match=named):
        list(UnhcrSpider().read_listing(listing_response(0, body, content_type), offset=0))


def test_empty_later_page_leaves_listing_incomplete():
    spider = UnhcrSpider()
    spider.ledger.expect()
    list(spider.read_listing(listing_response(0), offset=0))
    requests = list(
        spider.read_listing(listing_response(20, b'{"total": 0, "jobPostings": []}'), offset=20)
    )
    assert requests == []  # the next page is not asked for
    complete, problems = spider.ledger.verdict()
    assert not complete and "had no postings" in problems[0]


def test_base_url_override():
    spider = UnhcrSpider(base_url="http://127.0.0.1:8124")
    requests = list(spider.read_listing(listing_response(0), offset=0))
    assert requests[0].url.startswith("http://127.0.0.1:8124/wday/cxs/unhcr/External/job/")
    assert requests[-1].url == "http://127.0.0.1:8124/wday/cxs/unhcr/External/jobs"


# -- the real Workday captures ----------------------------------------------------------


@pytest.mark.parametrize("name", REAL_LISTINGS)
def test_real_listing(name):
    data = json.loads(capture(name).read_bytes())
    spider = UnhcrSpider()
    spider.ledger.expect()
    response = capture_response(name, f"{API}/jobs", "application/json", method="POST")
    requests = list(spider.read_listing(response, offset=0))
    entries = data[POSTINGS]
    assert len(entries) == 20 and not spider.ledger.problems
    # every key read, with its -N suffix, whatever its shape
    assert spider.listed_keys == {e[PATH].rsplit("_", 1)[1] for e in entries}
    assert spider.ledger.stated_total == data[TOTAL] > 20  # the first page's total
    assert json.loads(requests[-1].body)["offset"] == 20  # so the next page is asked for
    assert [r.url for r in requests[:-1]] == [API + e[PATH] for e in entries]


def test_real_listing_key_shapes():
    spider = UnhcrSpider()
    for name in ("workday/begacheese_listing.json", "workday/saputo_listing.json"):
        response = capture_response(name, f"{API}/jobs", "application/json", method="POST")
        list(spider.read_listing(response, offset=0))
    assert {"JR-7309", "JR-3685", "JR61760", "JR63751-1"} <= spider.listed_keys


@pytest.fixture(scope="module")
def real_detail() -> dict[str, Any]:
    body = capture(REAL_DETAIL).read_bytes()
    url = detail_url(body)
    spider = UnhcrSpider()
    response = capture_response(REAL_DETAIL, url, "application/json")
    return spider.read_detail(response, spider.key_from_url(url), {})


def test_real_detail_title(real_detail):
    assert real_detail["title"] == "Quality Specialist - Environmental & Sanitation"


def test_real_detail_place(real_detail):
    assert real_detail["location"] == "Hobart (TAS)"
    assert real_detail["country"] == "Australia"


def test_real_detail_dates(real_detail):
    assert real_detail["posted_date"] == "2026-06-15"
    assert real_detail["closing_date"] == "2026-07-13"  # no deadline written: endDate


def test_real_detail_organization(real_detail):
    assert real_detail["organization"] == "Bega Dairy and Drinks Services Pty Ltd"


def test_real_detail_numbers(real_detail):
    assert real_detail["job_number"] == "JR-7309"
    assert real_detail["status"] == "open"
    assert real_detail["extra"]["job_posting_id"].endswith("_JR-7309")


def test_real_detail_public_url(real_detail):
    assert real_detail["url"] == (
        f"{PUBLIC}/job/Hobart-TAS/Quality-Specialist---Environmental---Sanitation_JR-7309"
    )


def test_real_detail_text(real_detail):
    text = real_detail["text"]
    assert text.startswith("If you are curious & creative")
    assert "\n- Permanent Full time role base in Lenah Valley\n" in text
    assert "We will accept applications from all people with the right to live" in text
    assert "\n-\n" not in text


# -- the mock has the structure the spider relies on, as the real captures do ------------


@pytest.fixture(scope="module")
def mock() -> UnhcrSite:
    return UnhcrSite()


def mock_get(site: UnhcrSite, method: str, path: str, body: Any = None) -> Any:
    request = MockRequest(method, path, {}, {}, json.dumps(body).encode() if body else b"")
    answer = site.dispatch(request)
    assert answer.status == 200, (path, answer.status)
    return json.loads(answer.body)


def mock_listing(site: UnhcrSite, offset: int = 0) -> Any:
    body = {"appliedFacets": {}, "limit": 20, "offset": offset, "searchText": ""}
    return mock_get(site, "POST", "/wday/cxs/unhcr/External/jobs", body)


@pytest.mark.parametrize("name", REAL_LISTINGS)
def test_listing_structure_shared(name, mock):
    real = json.loads(capture(name).read_bytes())
    ours = mock_listing(mock)
    assert set(ours) == set(real)  # total, jobPostings, facets, userAuthenticated
    for answer in (real, ours):
        assert all(key in answer for key in LISTING_KEYS)
        assert len(answer[POSTINGS]) == 20  # Workday's page size
        for entry in answer[POSTINGS]:
            assert all(key in entry for key in LISTED_KEYS)
    real_keys = {key for entry in real[POSTINGS] for key in entry}
    assert {key for entry in ours[POSTINGS] for key in entry} <= real_keys


def test_detail_structure_shared(mock):
    real = json.loads(capture(REAL_DETAIL).read_bytes())
    for posting in mock.snapshot():
        ours = mock_get(mock, "GET", "/wday/cxs/unhcr/External" + external_path(posting))
        assert set(ours) == set(real)
        assert all(key in ours for key in DETAIL_KEYS)
        assert all(key in ours[INFO] for key in INFO_KEYS)
        assert set(ours[INFO]) - {"additionalLocations"} == set(real[INFO])
    assert all(key in real for key in DETAIL_KEYS)
    assert all(key in real[INFO] for key in INFO_KEYS)


def test_mock_varies_as_the_real_listings(mock):
    entries = mock_listing(mock, 0)[POSTINGS] + mock_listing(mock, 20)[POSTINGS]
    entries += mock_listing(mock, 40)[POSTINGS]
    texts = [e.get("locationsText") for e in entries]
    assert None in texts and "2 Locations" in texts
    keys = [e[PATH].rsplit("_", 1)[1] for e in entries]
    assert any(not k.startswith("JR2") for k in keys)
    assert any(k.endswith("-2") and k[:-2] in keys for k in keys)


def test_mock_request_hooks(mock):
    page3 = MockRequest(
        "POST", "/wday/cxs/unhcr/External/jobs", {}, {}, b'{"limit": 20, "offset": 40}'
    )
    assert mock.listing_page_number(page3) == 3
    posting = mock.get("JR2608793-2")
    assert posting is not None
    path = "/wday/cxs/unhcr/External" + external_path(posting)
    assert mock.posting_key(MockRequest("GET", path, {}, {})) == "JR2608793-2"


# -- a redesign of the site ------------------------------------------------------------


def test_layout_changed_listing_is_named():
    site = UnhcrSite()
    site.layout_changed = True
    body = json.dumps(mock_listing(site)).encode()
    with pytest.raises(PageUnusable, match=POSTINGS):
        list(UnhcrSpider().read_listing(listing_response(0, body), offset=0))


def test_layout_changed_detail_is_named():
    site = UnhcrSite()
    site.layout_changed = True
    path = "/wday/cxs/unhcr/External" + external_path(site.snapshot()[0])
    body = json.dumps(mock_get(site, "GET", path)).encode()
    with pytest.raises(PageUnusable, match=INFO):
        UnhcrSpider().read_detail(saved_response(body, BASE + path), None, {})
