"""Oracle Recruiting Cloud as a platform: any career site from a few lines of TOML, read
as the built-in undp source reads its own.

One Oracle mock host serves UNDP's site CX_1 and three career sites no built-in source
knows (crawler/mocksites/oracle.py `OTHER_SITES`: another prompt for the agency flex
field; no agency field, the grade under "Level" and Montreal deadlines; no agency field,
the grade in `JobGrade` and a deadline written day first in a flex field), told apart
by `siteNumber` as on the real host. All four are crawled in one run, three from their
own tables of a sources file; then the options those sites need are shown to matter.

No Oracle answer is among the real captures (../shared/real-captures/); the key sets
of real ORC answers found in public repositories are written out below instead, and
the mock must serve exactly them.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import scrapy
from scrapy.http import TextResponse

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.grades import normalize_grade
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.oracle import API, OTHER_SITES, UNDP, OracleSite, several_sites
from crawler.mocksites.undp import undp_postings
from crawler.userconfig import load_config
from spiders.configured import spider_for
from spiders.oracle import DETAIL_KEYS, ROW_ID, SEARCH_KEYS, OracleSpider
from spiders.undp import UndpSpider

ROOT = Path(__file__).parent.parent
HOST = "estm.fa.em2.oraclecloud.com"

SOURCES = f"""
[sources.gender_equality]
kind = "oracle"
host = "{HOST}"
site_number = "CX_1001"
timezone = "America/New_York"

[sources.gender_equality.labels]
"Hiring Agency" = "organization"

[sources.civil_aviation]
kind = "oracle"
host = "{HOST}"
site_number = "CX_3001"
organization = "Civil Aviation Organization"
timezone = "America/Toronto"

[sources.civil_aviation.labels]
"Level" = "grade"

[sources.meteorology]
kind = "oracle"
host = "{HOST}"
site_number = "CX_5001"
organization = "Meteorological Organization"
date_order = "day-first"

[sources.meteorology.labels]
"Application Deadline" = "closing_date"
"""
NAMES = ("gender_equality", "civil_aviation", "meteorology")
FIELDS = (
    "url", "title", "organization", "location", "country", "grade", "contract_type",
    "job_number", "posted_date", "closing_date", "status",
)  # fmt: skip

# The keys of real answers, in their order: a listing's search result and row (an
# automaker's host, 2026-07, expand=requisitionList.secondaryLocations; KPMG's and a
# manufacturer's listings show the same row keys but the three ...Id ones, which newer
# answers have), and a detail requisition (a schema written from another tenant's).
REAL_SEARCH_KEYS = (
    "SearchId", "Keyword", "CorrectedKeyword", "UseExactKeywordFlag", "SuggestedKeyword",
    "ExecuteSpellCheckFlag", "Location", "LocationId", "Radius", "RadiusUnit",
    "SelectedTitlesFacet", "SelectedCategoriesFacet", "SelectedPostingDatesFacet",
    "SelectedLocationsFacet", "LastSelectedFacet", "Facets", "Offset", "Limit", "SortBy",
    "TotalJobsCount", "Latitude", "Longitude", "SiteNumber", "JobFamilyId",
    "PostingStartDate", "PostingEndDate", "SelectedWorkLocationsFacet", "RequisitionId",
    "CandidateNumber", "WorkLocationZipCode", "WorkLocationCountryCode",
    "SelectedFlexFieldsFacets", "OrganizationId", "SelectedOrganizationsFacet",
    "UserTargetFacetName", "UserTargetFacetInputTerm", "HotJobFlag", "WorkplaceType",
    "SelectedWorkplaceTypesFacet", "BotQRShortCode", "requisitionList", "categoriesFacet",
    "locationsFacet", "postingDatesFacet", "titlesFacet", "workLocationsFacet",
    "flexFieldsFacet", "organizationsFacet", "workplaceTypesFacet",
)  # fmt: skip
REAL_ROW_KEYS = (
    "Id", "Title", "PostedDate", "PostingEndDate", "Language", "PrimaryLocationCountry",
    "GeographyId", "HotJobFlag", "WorkplaceTypeCode", "JobFamily", "JobFunction",
    "WorkerType", "ContractType", "ManagerLevel", "JobSchedule", "JobShift", "JobType",
    "StudyLevel", "DomesticTravelRequired", "InternationalTravelRequired",
    "WorkDurationYears", "WorkDurationMonths", "WorkHours", "WorkDays", "LegalEmployer",
    "BusinessUnit", "Department", "Organization", "BusinessUnitId", "LegalEmployerId",
    "OrganizationId", "MediaThumbURL", "ShortDescriptionStr", "PrimaryLocation", "Distance",
    "TrendingFlag", "BeFirstToApplyFlag", "Relevancy", "WorkplaceType",
    "ExternalQualificationsStr", "ExternalResponsibilitiesStr", "secondaryLocations",
)  # fmt: skip
REAL_DETAIL_KEYS = (
    "Id", "Title", "Category", "RequisitionType", "JobGrade", "RequisitionId",
    "ExternalPostedStartDate", "JobLevel", "JobSchedule", "JobShift", "StudyLevel",
    "InternationalTravelRequired", "ExternalContactName", "ExternalContactEmail",
    "ContractType", "ExternalPostedEndDate", "JobFamilyId", "GeographyId",
    "GeographyNodeId", "ExternalDescriptionStr", "CorporateDescriptionStr",
    "OrganizationDescriptionStr", "ShortDescriptionStr", "ContentLocale", "PrimaryLocation",
    "PrimaryLocationCountry", "ObjectVerNumberProfile", "ApplyWhenNotPostedFlag",
    "ExternalQualificationsStr", "InternalQualificationsStr", "InternalResponsibilitiesStr",
    "ExternalResponsibilitiesStr", "JobFunctionCode", "HotJobFlag", "TrendingFlag",
    "BeFirstToApplyFlag", "WorkplaceTypeCode", "WorkplaceType", "OtherRequisitionTitle",
    "NumberOfOpenings", "HiringManager", "Organization", "BusinessUnitId", "LegalEmployerId",
    "OrganizationId", "WorkerType", "JobType", "WorkMonths", "WorkYears", "WorkHours",
    "WorkDays", "LegalEmployer", "BusinessUnit", "Department", "DomesticTravelRequired",
    "JobFunction", "secondaryLocations", "media", "workLocation", "otherWorkLocations",
    "requisitionFlexFields", "primaryLocationCoordinates", "skills",
)  # fmt: skip


def archived(db: Path, source: str) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM postings WHERE source = ?", (source,)).fetchall()
        return {row["source_key"]: dict(row) for row in rows}
    finally:
        conn.close()


def postings_of(host: OracleSite, number: str) -> dict[str, Any]:
    return {k: host.get(k) for k, s in host.site_of.items() if s.site_number == number}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("oracle")
    config = work / "sources.toml"
    config.write_text(SOURCES)
    host = several_sites(with_undp=True)
    with MockSites(["oracle"], sites=[host]) as sites:
        argv = [sys.executable, "-m", "crawler.cli", "--db", str(work / "archive.db"),
                "crawl", "--config", str(config), "undp", *NAMES]  # fmt: skip
        for name in ("undp", *NAMES):  # one host: UNDP's, serving every site
            argv += ["--set-url", f"{name}={sites.base_urls['oracle']}"]
        for key, value in LOCAL_SITE_SETTINGS.items():
            argv += ["-s", f"{key}={json.dumps(value)}"]
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return {"result": result, "db": work / "archive.db", "host": host}


def test_three_sites_and_the_built_in_source_crawl_in_one_run(crawled):
    result = crawled["result"]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert sorted(result.stdout.splitlines()) == sorted(
        [
            f"{name}: ok - new 9, changed 0, unchanged 0, reopened 0, removed 0, errors 0"
            for name in NAMES
        ]
        + ["undp: ok - new 120, changed 0, unchanged 0, reopened 0, removed 0, errors 0"]
    )


@pytest.mark.parametrize(("name", "site"), list(zip(NAMES, OTHER_SITES, strict=True)))
def test_each_site_archives_its_own_postings_with_every_field(crawled, name, site):
    mine = postings_of(crawled["host"], site.site_number)
    found = archived(crawled["db"], name)
    assert set(found) == set(mine)
    for key, posting in mine.items():
        row = found[key]
        assert row["url"].endswith(
            f"/hcmUI/CandidateExperience/en/sites/{site.site_number}/job/{key}"
        )
        assert row["title"] == posting.title
        # The agency flex field under the site's own prompt, else the table's organization.
        assert row["organization"] == posting.organization
        assert (row["location"], row["country"]) == (posting.duty_station, posting.country)
        # Under "Grade", "Level" or in JobGrade: the same grade in the archive's spelling.
        assert row["grade"] == normalize_grade(posting.grade)
        assert row["contract_type"] == posting.contract_type
        assert row["job_number"] == key
        assert row["posted_date"] == posting.posted_date.isoformat()
        # 23:59 in the site's zone, or the date the site writes day first itself.
        assert row["closing_date"] == posting.closing_date.isoformat(), key
        assert json.loads(row["categories"]) == list(posting.categories)
        assert row["status"] == "open"


def test_the_built_in_source_reads_only_its_own_site_of_the_shared_host(crawled):
    assert set(archived(crawled["db"], "undp")) == {p.key for p in undp_postings()}


def test_a_site_fills_every_field_the_built_in_source_fills(crawled):
    def filled(source: str) -> set[str]:
        rows = archived(crawled["db"], source).values()
        return {f for f in FIELDS if all(row[f] for row in rows)}

    builtin = filled("undp")
    assert {"title", "organization", "location", "country", "closing_date"} <= builtin
    for name in NAMES:
        assert builtin <= filled(name), name


# -- one site, read by a spider made from a sources table ---------------------------------


def site_spider(tmp_path: Path, table: str, name: str = "t") -> OracleSpider:
    config = tmp_path / "sources.toml"
    config.write_text(f'[sources.{name}]\nkind = "oracle"\nhost = "{HOST}"\n{table}')
    spider: OracleSpider = spider_for(load_config(config)[name])()
    return spider


def serve(host: OracleSite, url: str) -> TextResponse:
    parts = urlsplit(url)
    answer = host.dispatch(MockRequest("GET", parts.path, dict(parse_qsl(parts.query)), {}))
    return TextResponse(url, status=answer.status, body=answer.body, encoding="utf-8",
                        headers={"Content-Type": answer.content_type},
                        request=scrapy.Request(url))  # fmt: skip


def read(spider: OracleSpider, host: OracleSite, key: str) -> dict[str, Any]:
    return spider.read_detail(serve(host, spider.detail_url(key)), key, {})


def test_a_table_like_the_catalogues_undp_reads_as_the_built_in_source(tmp_path):
    # One code path: the built-in source is the platform spider with UNDP's options.
    assert issubclass(UndpSpider, OracleSpider)
    table = site_spider(
        tmp_path,
        'site_number = "CX_1"\norganization = "UNDP"\ntimezone = "America/New_York"\n'
        'date_order = "day-first"\n',
    )
    host = several_sites(with_undp=True)
    for posting in undp_postings():
        assert read(table, host, posting.key) == read(UndpSpider(), host, posting.key)


def test_sites_are_told_apart_by_their_site_number():
    host = several_sites()
    # The built-in spider's `site_number` argument reads another site of its host.
    spiders = {site.site_number: UndpSpider(site_number=site.site_number) for site in OTHER_SITES}
    for number, spider in spiders.items():
        search = json.loads(serve(host, spider.listing_page_request(0).url).body)["items"][0]
        assert {r[ROW_ID] for r in search["requisitionList"]} == set(postings_of(host, number))
        assert search["SiteNumber"] == number
    # A requisition asked for under another site's number is not found there.
    key = next(iter(postings_of(host, "CX_1001")))
    elsewhere = json.loads(serve(host, spiders["CX_3001"].detail_url(key)).body)
    assert elsewhere["items"] == []
    # A site the host does not serve has nothing posted.
    search = json.loads(
        serve(host, UndpSpider(site_number="CX_9").listing_page_request(0).url).body
    )
    assert search["items"][0]["TotalJobsCount"] == 0


def test_the_sites_own_agency_prompt_names_the_organization(tmp_path):
    host = several_sites()
    key, posting = next(iter(postings_of(host, "CX_1001").items()))
    plain = site_spider(tmp_path, 'site_number = "CX_1001"\n')
    assert read(plain, host, key)["organization"] is None  # no "Agency" prompt on this site
    labelled = site_spider(
        tmp_path, 'site_number = "CX_1001"\n[sources.t.labels]\n"Hiring Agency" = "organization"\n'
    )
    assert (
        read(labelled, host, key)["organization"]
        == posting.organization
        == "Gender Equality Entity"
    )


def test_a_site_west_of_utc_needs_its_timezone(tmp_path):
    host = several_sites()
    key, posting = next(iter(postings_of(host, "CX_3001").items()))
    # 23:59 in Montreal is the next day in UTC: the date the answer writes is a day late.
    utc = read(site_spider(tmp_path, 'site_number = "CX_3001"\n'), host, key)
    assert utc["closing_date"] > posting.closing_date.isoformat()
    local = site_spider(tmp_path, 'site_number = "CX_3001"\ntimezone = "America/Toronto"\n')
    assert read(local, host, key)["closing_date"] == posting.closing_date.isoformat()


def test_a_deadline_the_site_writes_itself_is_read_in_the_tables_date_order(tmp_path):
    host = several_sites()
    key, posting = next(
        (k, p)
        for k, p in postings_of(host, "CX_5001").items()
        if p.closing_date.day <= 12 and p.closing_date.day != p.closing_date.month
    )
    labels = '[sources.t.labels]\n"Application Deadline" = "closing_date"\n'
    day_first = site_spider(
        tmp_path, f'site_number = "CX_5001"\ndate_order = "day-first"\n{labels}'
    )
    assert read(day_first, host, key)["closing_date"] == posting.closing_date.isoformat()
    month_first = site_spider(
        tmp_path, f'site_number = "CX_5001"\ndate_order = "month-first"\n{labels}'
    )
    swapped = posting.closing_date.replace(
        day=posting.closing_date.month, month=posting.closing_date.day
    )
    assert read(month_first, host, key)["closing_date"] == swapped.isoformat()


def test_a_grade_under_another_prompt_or_in_job_grade(tmp_path):
    host = several_sites()
    key, posting = next(iter(postings_of(host, "CX_3001").items()))
    assert read(site_spider(tmp_path, 'site_number = "CX_3001"\n'), host, key)["grade"] is None
    level = site_spider(
        tmp_path, 'site_number = "CX_3001"\n[sources.t.labels]\n"Level" = "grade"\n'
    )
    assert read(level, host, key)["grade"] == normalize_grade(posting.grade)
    key, posting = next(iter(postings_of(host, "CX_5001").items()))
    job_grade = site_spider(tmp_path, 'site_number = "CX_5001"\n')  # no flex field for it
    assert read(job_grade, host, key)["grade"] == normalize_grade(posting.grade)


def read_listing(spider: OracleSpider, host: OracleSite) -> OracleSpider:
    """Read the mock's listing as a crawl does, page after page."""
    pending = list(spider.listing_start())
    while pending:
        request = pending.pop(0)
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query))
        answer = host.dispatch(MockRequest("GET", parts.path, query, {}))
        response = TextResponse(request.url, status=answer.status, body=answer.body,
                                headers={"Content-Type": answer.content_type},
                                request=request)  # fmt: skip
        for out in request.callback(response, **request.cb_kwargs):
            if out.callback == spider.read_listing:
                pending.append(out)
    return spider


@pytest.mark.parametrize("fault", [None, "repeat", "empty", "shift"])
def test_the_listing_ledger_holds_a_sites_listing_to_its_stated_total(tmp_path, fault):
    host = several_sites()
    host.listing_fault = fault
    spider = site_spider(tmp_path, 'site_number = "CX_3001"\n')
    reader = read_listing(type(spider)(limit=2), host)  # 9 postings, 5 pages
    complete, problems = reader.ledger.verdict()
    if fault is None:
        assert (complete, problems) == (True, [])
        assert reader.listed_keys == set(postings_of(host, "CX_3001"))
    else:  # nothing may be marked removed after a listing that moved or broke off
        assert not complete and problems


# -- the mock: the key sets of real answers ---------------------------------------------


def test_the_mock_serves_the_key_sets_of_real_answers():
    host = several_sites(with_undp=True)
    finder = "findReqs;siteNumber=CX_3001,limit=5,offset=0,sortBy=POSTING_DATES_DESC"
    query = {"onlyData": "true", "expand": "requisitionList.secondaryLocations", "finder": finder}
    answer = host.dispatch(MockRequest("GET", f"{API}/recruitingCEJobRequisitions", query, {}))
    search = json.loads(answer.body)["items"][0]
    assert tuple(search) == REAL_SEARCH_KEYS
    assert tuple(search["requisitionList"][0]) == REAL_ROW_KEYS
    for site in (UNDP, *OTHER_SITES):
        key = next(iter(postings_of(host, site.site_number)))
        job = json.loads(serve(host, UndpSpider(site_number=site.site_number).detail_url(key)).body)
        assert tuple(job["items"][0]) == REAL_DETAIL_KEYS


def test_the_spider_reads_only_keys_real_answers_have():
    assert set(SEARCH_KEYS) <= set(REAL_SEARCH_KEYS)
    assert ROW_ID in REAL_ROW_KEYS
    assert set(DETAIL_KEYS) <= set(REAL_DETAIL_KEYS)


# -- probe: the first look at a site of a sources file ------------------------------------


def probe(config: Path, url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "crawler.cli", "probe", "civil_aviation", "--config",
            str(config), "--set-url", url]  # fmt: skip
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_probe_of_a_site_reads_it_and_names_a_redesign(tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text(SOURCES)
    host = several_sites()
    with MockSites(["oracle"], sites=[host]) as sites:
        done = probe(config, sites.base_urls["oracle"], tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.count("  stored:        yes") == 3
        host.layout_changed = True
        broken = probe(config, sites.base_urls["oracle"], tmp_path)
    assert broken.returncode == 1
    assert "items[0].requisitionList" in broken.stdout + broken.stderr
