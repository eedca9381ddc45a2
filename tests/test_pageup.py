"""PageUp People as a platform: any careers site from a few lines of TOML, read as the
built-in unicef source reads its own.

Three sites no built-in source knows (crawler/mocksites/pageup.py `OTHER_TENANTS`: an
English (UK) site with "Applications close" and numeric dates, a site on the shared
careers.pageuppeople.com without a Duty Station and with dates in no named zone, a site
with its own job numbers and labels, no colons and absolute links) are served by one
PageUp mock and crawled in one run with the built-in unicef source, each from its own
table of a sources file; then every real PageUp capture is read by a spider made from
such a table.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.grades import normalize_grade
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.pageup import (
    OTHER_TENANTS,
    MockTenant,
    job_number,
    job_path,
    several_tenants,
)
from crawler.mocksites.unicef import UnicefSite
from crawler.userconfig import load_config
from spiders.base import PageUnusable
from spiders.configured import spider_for
from spiders.offline import saved_response
from spiders.pageup import (
    DESCRIPTION,
    JOB,
    JOB_LINK,
    LABELS_XPATH,
    MORE_LINK,
    RESULTS,
    ROW_CLOSE,
    ROW_LOCATION,
    SUMMARY_ROW,
    TITLE,
)
from spiders.unicef import UnicefSpider
from tests.realcaptures import capture, capture_response, captures

ROOT = Path(__file__).parent.parent

SOURCES = """
[sources.refugee_relief]
kind = "pageup"
base_url = "https://jobs.refugeerelief.example"
listing = "/en-gb/listing/"
organization = "Refugee Relief Council"
date_order = "day-first"

[sources.clean_water]
kind = "pageup"
base_url = "https://careers.pageuppeople.com"
listing = "/5123/cw/en/listing/"
organization = "Clean Water Trust"
timezone = "Australia/Sydney"

[sources.clean_water.labels]
"Country" = "country"
"Grade" = "grade"

[sources.child_health]
kind = "pageup"
base_url = "https://careers.childhealth.example"
organization = "Child Health Initiative"

[sources.child_health.labels]
"Vacancy no" = "job_number"
"Salary band" = "grade"
"Closes" = "closing_date"
"""
NAMES = ("refugee_relief", "clean_water", "child_health")
# Where each site is on the one mock: an own-host site under its mount, the shared
# host's at the root (its path, /5123/cw, is the listing's).
MOUNTS = dict(zip(NAMES, (t.mount for t in OTHER_TENANTS), strict=True))
FIELDS = (
    "url", "title", "organization", "location", "country", "grade", "contract_type",
    "job_number", "posted_date", "closing_date", "status",
)  # fmt: skip
ROWAN = "https://jobs.rowan.edu"
ROWAN_JOB = (
    f"{ROWAN}/en-us/job/501826/"
    "temporary-part-time-hourly-public-safety-telecommunicator-police-department"
)


def archived(db: Path, source: str) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM postings WHERE source = ?", (source,)).fetchall()
        return {row["source_key"]: dict(row) for row in rows}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("pageup")
    config = work / "sources.toml"
    config.write_text(SOURCES)
    tenants, unicef = several_tenants(), UnicefSite()
    with MockSites(["pageup", "unicef"], sites=[tenants, unicef]) as sites:
        mock = sites.base_urls["pageup"]
        argv = [sys.executable, "-m", "crawler.cli", "--db", str(work / "archive.db"),
                "crawl", "--config", str(config), "unicef", *NAMES]  # fmt: skip
        for name in NAMES:
            argv += ["--set-url", f"{name}={mock}{MOUNTS[name]}"]
        argv += ["--set-url", f"unicef={sites.base_urls['unicef']}"]
        for key, value in LOCAL_SITE_SETTINGS.items():
            argv += ["-s", f"{key}={json.dumps(value)}"]
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return {"result": result, "db": work / "archive.db", "tenants": tenants, "mock": mock}


def test_three_tenants_and_the_built_in_source_crawl_in_one_run(crawled):
    result = crawled["result"]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert sorted(result.stdout.splitlines()) == sorted(
        [
            f"{name}: ok - new 25, changed 0, unchanged 0, reopened 0, removed 0, errors 0"
            for name in NAMES
        ]
        + ["unicef: ok - new 45, changed 0, unchanged 0, reopened 0, removed 0, errors 0"]
    )


def test_each_tenant_read_its_listing_pages_under_its_own_path(crawled):
    site = crawled["tenants"]
    for tenant in OTHER_TENANTS:
        pages = [t for _, t in site.requests if t.startswith(f"{tenant.base}/") and "listing" in t]
        assert pages == [
            f"{tenant.base}/{tenant.locale}/listing/?page={n}&page-items=20" for n in (1, 2)
        ]


@pytest.mark.parametrize(("name", "tenant"), list(zip(NAMES, OTHER_TENANTS, strict=True)))
def test_each_tenant_archives_its_own_postings_with_every_field(crawled, name, tenant):
    site = crawled["tenants"]
    mine = {k: site.get(k) for k, t in site.tenant_of.items() if t == tenant}
    found = archived(crawled["db"], name)
    assert set(found) == set(mine)
    for key, posting in mine.items():
        row = found[key]
        assert row["url"] == crawled["mock"] + job_path(posting, tenant)
        assert row["title"] == posting.title
        assert row["organization"] == tenant.organization
        assert (row["location"], row["country"]) == (posting.duty_station, posting.country)
        assert row["grade"] == (normalize_grade(posting.grade) or posting.grade)
        assert row["contract_type"] == posting.contract_type
        assert row["job_number"] == job_number(posting)
        assert json.loads(row["categories"]) == list(posting.categories)
        # Each in the site's own way: numbers day first, no zone named, text and zone.
        assert row["posted_date"] == posting.posted_date.isoformat(), key
        assert row["closing_date"] == posting.closing_date.isoformat(), key
        assert row["status"] == "open"


def test_a_tenant_fills_every_field_the_built_in_source_fills(crawled):
    def filled(source: str) -> set[str]:
        rows = archived(crawled["db"], source).values()
        return {f for f in FIELDS if all(row[f] for row in rows)}

    builtin = filled("unicef")
    assert set(FIELDS) == builtin
    for name in NAMES:
        assert filled(name) == builtin, name


# -- the tenant options the pages need, one page each ------------------------------------


def spider(tmp_path: Path, table: str, name: str = "t") -> Any:
    config = tmp_path / "sources.toml"
    config.write_text(f'[sources.{name}]\nkind = "pageup"\n{table}')
    return spider_for(load_config(config)[name])()


def mock_get(site: Any, target: str) -> bytes:
    path, _, query = target.partition("?")
    params = dict(part.split("=", 1) for part in query.split("&") if part)
    answer = site.dispatch(MockRequest("GET", path, params, {}))
    assert answer.status == 200, target
    return answer.body


@pytest.fixture(scope="module")
def site():
    return several_tenants()


def page_of(site: Any, tenant: MockTenant, index: int = 3, among: Any = None) -> tuple[Any, Any]:
    """A posting of `tenant` (the index-th, of those `among` keeps) and its job page as
    fetched from the real site's address."""
    mine = [p for p in site.snapshot() if site.tenant_of[p.key] == tenant]
    posting = [p for p in mine if among is None or among(p)][index]
    body = mock_get(site, job_path(posting, tenant))
    url = f"https://{tenant.host}{tenant.root}{job_path(posting, tenant)[len(tenant.base) :]}"
    return posting, saved_response(body, url, "text/html; charset=utf-8")


def test_the_listing_path_names_the_locale_and_the_account(tmp_path):
    (gb,) = spider(
        tmp_path, 'base_url = "https://jobs.example.org"\nlisting = "/en-gb/listing/"'
    ).listing_start()
    assert gb.url == "https://jobs.example.org/en-gb/listing/?page=1&page-items=20"
    shared = spider(
        tmp_path, 'base_url = "https://careers.pageuppeople.com"\nlisting = "/541/cw/en/listing/"'
    )
    (request,) = shared.listing_start()
    assert request.url == "https://careers.pageuppeople.com/541/cw/en/listing/?page=1&page-items=20"
    (default,) = spider(tmp_path, 'base_url = "https://jobs.example.org"').listing_start()
    assert default.url == "https://jobs.example.org/en-us/listing/?page=1&page-items=20"


@pytest.mark.parametrize(
    "href",
    [
        "/acme/en-gb/job/1/officer",  # root-relative, as the mock serves the site under /acme
        "https://jobs.acme.example/en-gb/job/1/officer",  # absolute on the site's own host
        "../job/1/officer",
    ],
)
def test_links_land_on_a_base_url_with_a_path_once(tmp_path, href):
    reader = spider(tmp_path, 'base_url = "https://jobs.acme.example"\nlisting = "/en-gb/listing/"')
    reader._base_url_arg = "http://127.0.0.1:8123/acme"
    listing = saved_response(b"<html></html>", "http://127.0.0.1:8123/acme/en-gb/listing/")
    assert reader.on_site(href, listing) == "http://127.0.0.1:8123/acme/en-gb/job/1/officer"


def test_day_first_dates_need_the_date_order(tmp_path, site):
    tenant = OTHER_TENANTS[0]
    table = f'base_url = "https://{tenant.host}"\nlisting = "/en-gb/listing/"\n'
    # A day that could be a month, "05/11/2026": read either way, but only one is right.
    posting, page = page_of(site, tenant, index=0, among=lambda p: p.posted_date.day <= 12)
    assert f"{posting.posted_date:%d/%m/%Y}" in page.text
    told = spider(tmp_path, table + 'date_order = "day-first"').read_detail(page, posting.key)
    assert told["posted_date"] == posting.posted_date.isoformat()
    wrong = spider(tmp_path, table + 'date_order = "month-first"').read_detail(page, posting.key)
    assert wrong["posted_date"] != posting.posted_date.isoformat()


def test_dates_in_no_named_zone_need_the_timezone(tmp_path, site):
    tenant = OTHER_TENANTS[1]
    table = f'base_url = "https://{tenant.host}"\nlisting = "/5123/cw/en/listing/"\n'
    posting, page = page_of(site, tenant)
    told = spider(tmp_path, table + 'timezone = "Australia/Sydney"').read_detail(page, posting.key)
    assert told["posted_date"] == posting.posted_date.isoformat()
    assert told["closing_date"] == posting.closing_date.isoformat()
    # An instant alone is no date where the zone is not known (midnight in Sydney is
    # the day before in UTC).
    untold = spider(tmp_path, table).read_detail(page, posting.key)
    assert (untold["posted_date"], untold["closing_date"]) == (None, None)


def test_a_sites_own_labels_fill_their_fields(tmp_path, site):
    tenant = OTHER_TENANTS[2]
    table = f'base_url = "https://{tenant.host}"\n'
    posting, page = page_of(site, tenant)
    labels = (
        '[sources.t.labels]\n"Vacancy no" = "job_number"\n"Salary band" = "grade"\n'
        '"Closes" = "closing_date"\n'
    )
    told = spider(tmp_path, table + labels).read_detail(page, posting.key)
    assert told["job_number"] == job_number(posting) != posting.key
    assert told["grade"] == (normalize_grade(posting.grade) or posting.grade)
    assert told["closing_date"] == posting.closing_date.isoformat()
    untold = spider(tmp_path, table).read_detail(page, posting.key)
    assert untold["job_number"] == posting.key  # PageUp's job id, from the address
    assert (untold["grade"], untold["closing_date"]) == (None, None)


def test_a_site_without_duty_station_has_its_place_under_location(tmp_path, site):
    tenant = OTHER_TENANTS[1]
    posting, page = page_of(site, tenant)
    reader = spider(
        tmp_path, f'base_url = "https://{tenant.host}"\nlisting = "/5123/cw/en/listing/"\n'
    )
    fields = reader.read_detail(page, posting.key)
    assert (fields["location"], fields["country"]) == (posting.duty_station, None)


def test_the_organization_is_the_tables(tmp_path, site):
    tenant = OTHER_TENANTS[0]
    posting, page = page_of(site, tenant)
    table = f'base_url = "https://{tenant.host}"\n'
    named = spider(tmp_path, table + 'organization = "RRC"\n').read_detail(page, posting.key)
    assert named["organization"] == "RRC"
    # The pages name no employer: only the table can.
    assert spider(tmp_path, table).read_detail(page, posting.key)["organization"] is None


def test_the_tables_reading_keys_are_part_of_its_extraction(tmp_path):
    plain = spider(tmp_path, 'base_url = "https://jobs.example.org"\n', name="a")
    labelled = spider(
        tmp_path,
        'base_url = "https://jobs.example.org"\n[sources.b.labels]\n"Closes" = "closing_date"\n',
        name="b",
    )
    assert plain.extraction().startswith("a 1; reading ")
    assert "config" in plain.extraction()
    assert plain.extraction().split("config ")[1] != labelled.extraction().split("config ")[1]


# -- the mock serves several sites, told apart as the platform tells them apart -----------


def test_a_job_is_only_on_its_own_sites_pages(site):
    first, second = OTHER_TENANTS[0], OTHER_TENANTS[2]
    posting = next(p for p in site.snapshot() if site.tenant_of[p.key] == first)
    elsewhere = job_path(posting, first).replace(first.base, second.base).replace("en-gb", "en-us")
    assert site.dispatch(MockRequest("GET", elsewhere, {}, {})).status == 404
    assert site.dispatch(MockRequest("GET", job_path(posting, first), {}, {})).status == 200


def test_each_site_lists_only_its_own_postings(site):
    for tenant in OTHER_TENANTS:
        page = Selector(text=mock_get(site, f"{tenant.base}/{tenant.locale}/listing/").decode())
        keys = {
            h.split("/job/")[1].split("/")[0]
            for h in page.css(f"{RESULTS} {JOB_LINK}::attr(href)").getall()
        }
        assert keys and {site.tenant_of[k] for k in keys} == {tenant}
        assert page.css(MORE_LINK).attrib["href"] == (
            f"{tenant.links}/{tenant.locale}/listing/?page=2&page-items=20"
        )


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
        "labels": {"Location", "Categories", "Advertised"} <= labels,
        "dates": len(job.css("span time[datetime]")) == 2,
    }


@pytest.mark.parametrize("tenant", OTHER_TENANTS, ids=NAMES)
def test_every_sites_mock_pages_have_the_real_structure(site, tenant):
    real_listing = Selector(text=capture("pageup/rowan_listing_excerpt.html").read_text())
    mocked = Selector(text=mock_get(site, f"{tenant.base}/{tenant.locale}/listing/").decode())
    assert listing_structure(mocked) == listing_structure(real_listing)
    real_detail = Selector(text=capture("pageup/rowan_detail_501826.html").read_text())
    _, page = page_of(site, tenant)
    assert detail_structure(Selector(text=page.text)) == detail_structure(real_detail)
    assert all(detail_structure(real_detail).values())


def test_layout_change_is_reported_on_a_tenant(tmp_path):
    site = several_tenants(per_tenant=3)
    site.layout_changed = True
    tenant = OTHER_TENANTS[0]
    reader = spider(tmp_path, f'base_url = "https://{tenant.host}"\nlisting = "/en-gb/listing/"\n')
    listing = mock_get(site, f"{tenant.base}/en-gb/listing/")
    with pytest.raises(PageUnusable, match=RESULTS):
        list(reader.read_listing(saved_response(listing, f"https://{tenant.host}/en-gb/listing/")))


# -- every real PageUp capture, read by a spider made from a sources file ------------------


def rowan(tmp_path: Path) -> Any:
    return spider(tmp_path, f'base_url = "{ROWAN}"\norganization = "Rowan University"\n', "rowan")


@pytest.mark.parametrize("name", captures("pageup", "*listing*"))
def test_every_real_listing_reads_as_the_built_in_spider_reads_it(tmp_path, name):
    reader, builtin = rowan(tmp_path), UnicefSpider(base_url=ROWAN)
    requests = list(reader.read_listing(capture_response(name, f"{ROWAN}/en-us/listing/")))
    expected = list(builtin.read_listing(capture_response(name, f"{ROWAN}/en-us/listing/")))
    assert requests and [(r.url, r.cb_kwargs) for r in requests] == [
        (r.url, r.cb_kwargs) for r in expected
    ]
    assert all(r.url.startswith(f"{ROWAN}/en-us/job/") for r in requests)
    assert reader.ledger.verdict() == builtin.ledger.verdict() == (True, [])


def test_the_real_listing_excerpt(tmp_path):
    reader = rowan(tmp_path)
    response = capture_response("pageup/rowan_listing_excerpt.html", f"{ROWAN}/en-us/listing/")
    requests = list(reader.read_listing(response))
    assert [r.cb_kwargs["key"] for r in requests] == ["501826", "501829", "501798"]
    assert requests[0].url == ROWAN_JOB
    assert requests[0].cb_kwargs["listed"]["location"] == "Glassboro, New Jersey"
    assert "closing_utc" not in requests[2].cb_kwargs["listed"]  # no deadline: empty cell


@pytest.mark.parametrize("name", captures("pageup", "*detail*"))
def test_every_real_detail_reads_as_the_built_in_spider_reads_it(tmp_path, name):
    fields = rowan(tmp_path).read_detail(capture_response(name, ROWAN_JOB), "")
    builtin = UnicefSpider(base_url=ROWAN).read_detail(capture_response(name, ROWAN_JOB), "")
    assert fields["title"] and len(fields["text"]) > 500 and fields["closing_date"]
    assert fields["organization"] == "Rowan University"  # the table's; the page names none
    assert {k: v for k, v in fields.items() if k != "organization"} == {
        k: v for k, v in builtin.items() if k != "organization"
    }


def test_the_real_detail(tmp_path):
    fields = rowan(tmp_path).read_detail(
        capture_response("pageup/rowan_detail_501826.html", ROWAN_JOB), ""
    )
    assert (fields["location"], fields["country"]) == ("Glassboro, New Jersey", None)
    assert fields["contract_type"] == "Temporary Part-Time"  # "Work type"
    assert fields["job_number"] == "501826"
    # "Sep 15 2026" and "Sep 29 2026 11:55 PM", Eastern Daylight Time
    assert (fields["posted_date"], fields["closing_date"]) == ("2026-09-15", "2026-09-29")
    assert fields["categories"] == ["Public Safety/Security"]
