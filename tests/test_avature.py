"""Avature as a platform: any portal from a few lines of TOML, read as the built-in unops
source reads its own.

Three portals no built-in source knows (crawler/mocksites/avature.py `OTHER_PORTALS`:
other paths on one host, other labels, other page sizes, a month-first US portal whose
deadline is a GMT instant, a portal whose JSON-LD names no employer) are served by one
Avature mock and crawled in one run with the built-in unops source, each from its own
table of a sources file; then every real Avature capture is read by a spider made from
such a table.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import scrapy
from parsel import Selector
from scrapy.http import HtmlResponse

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.grades import normalize_grade
from crawler.mocksites import MockRequest, MockSites
from crawler.mocksites.avature import (
    OTHER_PORTALS,
    SHARED_HOST,
    AvatureSite,
    detail_path,
    several_portals,
    template,
)
from crawler.mocksites.unops import UnopsSite
from crawler.userconfig import load_config
from spiders.avature import (
    BANNER_TITLE,
    DETAIL_LINK,
    DETAILS,
    FIELD_LABEL,
    LEGEND,
    PARAGRAPH_FIELD,
    RESULT,
    SECTION_HEADING,
)
from spiders.base import PageUnusable
from spiders.configured import spider_for
from spiders.unops import UnopsSpider
from tests.realcaptures import capture, capture_response, captures

ROOT = Path(__file__).parent.parent

SOURCES = f"""
[sources.meridian]
kind = "avature"
base_url = "{SHARED_HOST}"
portal = "/careers"
date_order = "month-first"
timezone = "America/New_York"

[sources.meridian.labels]
"Office Location" = "location"
"Career Level" = "grade"
"Job Code" = "job_number"
"Employment Basis" = "contract_type"
"Posting Closes" = "closing_date"

[sources.water_alliance]
kind = "avature"
base_url = "{SHARED_HOST}"
portal = "/en_US/careers"
organization = "Global Water Alliance"
date_order = "day-first"

[sources.water_alliance.labels]
"Workplace" = "location"
"Seniority Level" = "grade"
"Job Reference" = "job_number"
"Engagement" = "contract_type"
"Applications Close" = "closing_date"

[sources.health_action]
kind = "avature"
base_url = "{SHARED_HOST}"
portal = "/jobs"
date_order = "day-first"

[sources.health_action.labels]
"Duty Location" = "location"
"Country of Assignment" = "country"
"Vacancy Closing Date" = "closing_date"
"""
NAMES = ("meridian", "water_alliance", "health_action")
FIELDS = (
    "url", "title", "organization", "location", "country", "grade", "contract_type",
    "job_number", "posted_date", "closing_date", "status", "categories",
)  # fmt: skip


def archived(db: Path, source: str) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM postings WHERE source = ?", (source,)).fetchall()
        return {row["source_key"]: dict(row) for row in rows}
    finally:
        conn.close()


def table_spider(tmp_path: Path, table: str) -> Any:
    """A spider made from one `[sources.t]` table of a sources file."""
    config = tmp_path / "sources.toml"
    config.write_text(f'[sources.t]\nkind = "avature"\n{table}')
    return spider_for(load_config(config)["t"])()


def dispatch(site: AvatureSite, path: str, **query: str) -> Any:
    return site.dispatch(MockRequest("GET", path, query, {}))


def html_response(body: bytes, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=body, encoding="utf-8", request=scrapy.Request(url))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("avature")
    config = work / "sources.toml"
    config.write_text(SOURCES)
    portals, unops = several_portals(), UnopsSite()
    with MockSites(["avature", "unops"], sites=[portals, unops]) as sites:
        argv = [sys.executable, "-m", "crawler.cli", "--db", str(work / "archive.db"),
                "crawl", "--config", str(config), "unops", *NAMES]  # fmt: skip
        for name in NAMES:
            argv += ["--set-url", f"{name}={sites.base_urls['avature']}"]
        argv += ["--set-url", f"unops={sites.base_urls['unops']}"]
        for key, value in LOCAL_SITE_SETTINGS.items():
            argv += ["-s", f"{key}={json.dumps(value)}"]
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return {"result": result, "db": work / "archive.db", "portals": portals}


def test_three_portals_and_the_built_in_source_crawl_in_one_run(crawled):
    result = crawled["result"]
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert sorted(result.stdout.splitlines()) == sorted(
        [
            f"{name}: ok - new 14, changed 0, unchanged 0, reopened 0, removed 0, errors 0"
            for name in NAMES
        ]
        + ["unops: ok - new 40, changed 0, unchanged 0, reopened 0, removed 0, errors 0"]
    )


@pytest.mark.parametrize(("name", "portal"), list(zip(NAMES, OTHER_PORTALS, strict=True)))
def test_each_portal_archives_its_own_postings_with_every_field(crawled, name, portal):
    site = crawled["portals"]
    mine = {p.key: p for p in site.of(portal)}
    found = archived(crawled["db"], name)
    assert set(found) == set(mine)
    for key, posting in mine.items():
        row = found[key]
        assert row["url"].endswith(detail_path(posting, portal))
        assert row["title"] == posting.title
        # The JSON-LD's employer, else the table's organization, else og:site_name.
        assert row["organization"] == posting.organization
        assert (row["location"], row["country"]) == (posting.duty_station, posting.country)
        # UN grades in their one spelling; a portal's own ("Senior Associate") as written.
        assert row["grade"] == (normalize_grade(posting.grade) or posting.grade)
        assert row["contract_type"] == posting.contract_type
        assert row["job_number"] == posting.fields["Vacancy code"]
        # Numeric dates in the portal's order; a GMT deadline on the portal's own day.
        assert row["posted_date"] == posting.posted_date.isoformat(), key
        assert row["closing_date"] == posting.closing_date.isoformat(), key
        assert row["status"] == "open"
        assert json.loads(row["categories"]) == list(posting.categories)


def test_a_portal_fills_every_field_the_built_in_source_fills(crawled):
    def filled(source: str) -> set[str]:
        rows = archived(crawled["db"], source).values()
        return {f for f in FIELDS if all(row[f] and row[f] != "[]" for row in rows)}

    builtin = filled("unops")
    assert {"title", "location", "country", "grade", "closing_date", "job_number"} <= builtin
    for name in NAMES:
        assert filled(name) == builtin, name


def test_each_portal_is_paged_by_what_its_legend_says(crawled):
    # 14 postings each: 6 a page as asked; 5 a page, fixed; 12 a page, fixed.
    asked = [target for _, target in crawled["portals"].requests if "/SearchJobs" in target]
    offsets = {
        portal.path: [
            int(re.search(r"jobOffset=(\d+)", t)[1])
            for t in asked
            if t.startswith(f"{portal.path}/SearchJobs")
        ]
        for portal in OTHER_PORTALS
    }
    assert {path: sorted(found) for path, found in offsets.items()} == {
        "/careers": [0, 6, 12],
        "/en_US/careers": [0, 5, 10],
        "/jobs": [0, 12],
    }


# -- what a table says is what reads the portal ------------------------------------------


def read_meridian(tmp_path: Path, options: str, key: str = "5202") -> dict[str, Any]:
    """Job `key` of the mock's /careers portal, read by a spider of a table with `options`."""
    site, portal = several_portals(), OTHER_PORTALS[0]
    spider = table_spider(tmp_path, f'base_url = "{SHARED_HOST}"\nportal = "/careers"\n{options}')
    path = detail_path(site.get(key), portal)
    response = html_response(dispatch(site, path).body, SHARED_HOST + path)
    return spider.read_detail(response, key, {})


def test_without_the_portals_labels_its_fields_are_not_read(tmp_path):
    fields = read_meridian(tmp_path, 'date_order = "month-first"\n')
    assert fields["job_number"] == "5202"  # the id: "Job Code" means nothing to it
    assert fields["closing_date"] is None and fields["grade"] is None
    assert fields["extra"]["job_code"] == "MRC-5202"


@pytest.mark.parametrize(
    "options, posted, closing",
    [
        ('date_order = "month-first"\ntimezone = "America/New_York"\n', "2026-11-03", "2026-12-03"),
        # Posted "11/03/2026" read day first; the deadline "Dec 4, 2026 04:59 AM GMT" in GMT.
        ('date_order = "day-first"\n', "2026-03-11", "2026-12-04"),
    ],
)
def test_the_portals_date_order_and_time_zone_decide_its_dates(tmp_path, options, posted, closing):
    labels = '[sources.t.labels]\n"Posting Closes" = "closing_date"\n'
    fields = read_meridian(tmp_path, options + labels)
    assert (fields["posted_date"], fields["closing_date"]) == (posted, closing)


# -- the mock: portals told apart by path, built to the real pages' structure ------------


def test_mock_tells_portals_apart_by_path():
    site = several_portals()
    careers, water, _ = OTHER_PORTALS
    job = site.of(water)[0]
    assert dispatch(site, detail_path(job, water)).status == 200
    # The same job under another portal's path is no job of that portal.
    answer = dispatch(site, f"{careers.path}/JobDetail/Slug/{job.key}")
    assert answer.status == 302
    assert answer.headers["Location"].endswith("/careers/Error")
    assert dispatch(site, "/elsewhere/SearchJobs").status == 404
    listing = Selector(dispatch(site, "/en_US/careers/SearchJobs/").body.decode())
    links = listing.css(RESULT).css("a.link::attr(href)").getall()
    assert {DETAIL_LINK.search(h)[1] for h in links} <= {p.key for p in site.of(water)}


def test_a_redirect_to_the_portals_error_page_is_no_posting(tmp_path):
    spider = table_spider(tmp_path, f'base_url = "{SHARED_HOST}"\nportal = "/en_US/careers"\n')
    site = several_portals()
    error = dispatch(site, "/en_US/careers/Error")
    response = html_response(error.body, f"{SHARED_HOST}/en_US/careers/Error")
    with pytest.raises(PageUnusable, match="error page"):
        spider.read_detail(response, "99999", {})


def structure(response: Any) -> dict[str, Any]:
    sections = response.css(DETAILS)
    return {
        "sections": len(sections) >= 2,
        "headings": sum(bool(s.css(SECTION_HEADING)) for s in sections) >= 2,
        "fields": bool(
            response.css(f"{DETAILS} {FIELD_LABEL}")
            or response.css(f"{DETAILS} {PARAGRAPH_FIELD} strong")
        ),
        "banner": bool(response.css(BANNER_TITLE)),
    }


@pytest.mark.parametrize(
    "kind, page",
    [("current", "carlyle_job_detail.html"), ("legacy", "amerilife_job_detail.html")],
)
def test_each_portals_pages_have_the_real_pages_structure(kind, page):
    site = several_portals()
    theirs = structure(capture_response(f"avature/{page}", f"{SHARED_HOST}/x/JobDetail/S/1"))
    for portal in OTHER_PORTALS:
        posting = site.of(portal)[0]
        if template(posting, portal) != kind:
            continue
        body = dispatch(site, detail_path(posting, portal)).body
        ours = structure(html_response(body, SHARED_HOST + detail_path(posting, portal)))
        assert ours == theirs, portal.path
    real_listing = capture_response(
        "avature/unops_searchjobs_offset6_excerpt.html", f"{SHARED_HOST}/x/SearchJobs/"
    )
    for portal in OTHER_PORTALS:
        ours = Selector(dispatch(site, f"{portal.path}/SearchJobs/", jobOffset="0").body.decode())
        for response in (ours, real_listing):
            assert response.css(RESULT)
            legend = " ".join(response.css(f"{LEGEND} ::text").getall())
            assert re.search(r"\d+-\d+\s+of\s+\d+\s+results", legend)


# -- every real Avature capture, read by a spider made from a sources file ---------------

#: The sources-file table that reads each real capture's portal, and the URL it had.
REAL = {
    "avature/unops_searchjobs_offset6_excerpt.html": (
        'base_url = "https://careers.unops.org"\nportal = "/careersmarketplace"\n'
        'organization = "UNOPS"\ndate_order = "day-first"\ntimezone = "Europe/Copenhagen"\n',
        "https://careers.unops.org/careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=6",
    ),
    "avature/carlyle_job_detail.html": (
        # No employer in its JSON-LD and none in the table: og:site_name names it.
        'base_url = "https://carlyle.avature.net"\nportal = "/externalcareers"\n'
        'date_order = "month-first"\n[sources.t.labels]\n"Date" = "posted_date"\n',
        "https://carlyle.avature.net/externalcareers/JobDetail/Security-Architect-Lead-Security-Assurance/5262",
    ),
    "avature/amerilife_job_detail.html": (
        'base_url = "https://amerilife.avature.net"\nportal = "/careers"\n'
        'organization = "AmeriLife"\ndate_order = "month-first"\n',
        "https://amerilife.avature.net/careers/JobDetail/Leesburg-Florida-United-States-Entry-Level-Licensed-Insurance-Agents/4525",
    ),
}


def real(name: str) -> tuple[str, str]:
    capture(name)  # skipped without the real captures (failed under CI), as every reader
    if name not in REAL:
        pytest.fail(f"real capture {name} has no sources-file table in REAL: add one")
    return REAL[name]


def test_every_real_capture_is_read_by_one_of_the_tests_below():
    listings = captures("avature", "*searchjobs*.html")
    pages = captures("avature", "*_job_detail.html")
    assert set(captures("avature")) == {*listings, *pages}


@pytest.mark.parametrize("name", captures("avature", "*searchjobs*.html"))
def test_every_real_listing_reads_as_the_built_in_spider_reads_it(tmp_path, name):
    table, url = real(name)
    spider = table_spider(tmp_path, table)
    builtin = UnopsSpider()
    for reader in (spider, builtin):
        reader.ledger.expect()
    offset = int(re.search(r"jobOffset=(\d+)", url)[1])
    requests = list(spider.read_listing(capture_response(name, url), offset=offset))
    expected = list(builtin.read_listing(capture_response(name, url), offset=offset))
    assert [(r.url, r.cb_kwargs) for r in requests] == [(r.url, r.cb_kwargs) for r in expected]
    assert spider.listed_keys == {"4296", "4331", "4341", "4378", "4335"}
    assert spider.ledger.stated_total == 74  # "7-12 of 74 results"
    assert requests[-1].cb_kwargs == {"offset": 12}


@pytest.mark.parametrize("name", captures("avature", "*_job_detail.html"))
def test_every_real_job_page_reads_with_its_tables_options(tmp_path, name):
    table, url = real(name)
    spider = table_spider(tmp_path, table)
    fields = spider.read_detail(capture_response(name, url), None, {})
    builtin = UnopsSpider().read_detail(capture_response(name, url), None, {})
    same = {"title", "location", "country", "job_number", "text", "categories"}
    assert {k: fields[k] for k in same} == {k: builtin[k] for k in same}
    assert fields["title"] and fields["location"] and fields["job_number"] == url.rsplit("/")[-1]
    text = fields["text"]
    page = Selector(capture_response(name, url).text)
    for heading in page.css(f"{DETAILS} {SECTION_HEADING}"):  # every section, headed
        assert f"## {' '.join(' '.join(heading.css('::text').getall()).split())}" in text
    assert "Apply" not in text.splitlines() and "Share" not in text


def test_real_carlyle_page_with_its_own_date_label(tmp_path):
    name = "avature/carlyle_job_detail.html"
    table, url = real(name)
    fields = table_spider(tmp_path, table).read_detail(capture_response(name, url), None, {})
    assert fields["organization"] == "Carlyle"  # og:site_name
    assert fields["posted_date"] == "2026-03-09"  # "Date: Monday, March 9, 2026"
    assert fields["location"] == "Washington, DC"
    assert fields["categories"] == ["Investor Services"]
    assert fields["extra"]["line_of_business"] == "Global Technology & Solutions"
    assert "date" not in fields["extra"]  # the table named it: it is the posted date


def test_real_amerilife_page_takes_its_employer_from_the_table(tmp_path):
    name = "avature/amerilife_job_detail.html"
    table, url = real(name)
    fields = table_spider(tmp_path, table).read_detail(capture_response(name, url), None, {})
    assert fields["organization"] == "AmeriLife"  # no hiringOrganization in its JSON-LD
    assert (fields["location"], fields["country"]) == ("Florida, Leesburg", "United States")
    assert fields["posted_date"] == "2026-02-19"
    assert fields["text"].startswith("## General Information\n\nLocation: Florida, Leesburg")
