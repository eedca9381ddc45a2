"""The ReliefWeb and UN Careers mock APIs, and real `jobarchive crawl` runs against them.

The mocks must answer as the real APIs do (errors included),
so the first half checks them over HTTP. The crawls run in subprocesses (Twisted's
reactor cannot restart within one process) into a temporary archive, as cron would.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import MockSites
from crawler.mocksites.reliefweb import MOCK_APPNAME

ROOT = Path(__file__).parent.parent
UN_LIST = "/api/public/opening/jo/list/filteredV2/en"


def fetch(url: str, method: str = "GET", body: object = None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read()


@pytest.fixture(scope="module")
def sites():
    with MockSites(["reliefweb", "uncareers"]) as running:
        yield running


def jobs(sites, query: object = None, appname: str | None = MOCK_APPNAME, path="/v2/jobs"):
    url = sites.base_urls["reliefweb"] + path + (f"?appname={appname}" if appname else "")
    return fetch(url, "POST" if query is not None else "GET", query)


def un_list(sites, page=0, per_page=20, sort_by: str | None = "startDate", config=None):
    pagination = {"page": page, "itemPerPage": per_page, "sortDirection": -1}
    if sort_by:
        pagination["sortBy"] = sort_by
    body = {"filterConfig": config or {"keyword": ""}, "pagination": pagination}
    return fetch(sites.base_urls["uncareers"] + UN_LIST, "POST", body)


# -- the ReliefWeb API mock --------------------------------------------------------------


def test_reliefweb_robots_disallows_everything(sites):
    status, _, body = fetch(sites.base_urls["reliefweb"] + "/robots.txt")
    assert status == 200 and body == b"User-agent: *\nDisallow: /\n"


def test_reliefweb_v1_is_gone(sites):
    status, _, body = fetch(sites.base_urls["reliefweb"] + "/v1/jobs?appname=" + MOCK_APPNAME)
    assert status == 410
    assert "decommissioned" in json.loads(body)["error"]["message"]


def test_reliefweb_needs_an_appname(sites):
    status, _, body = jobs(sites, {"limit": 1}, appname=None)
    assert status == 400
    assert json.loads(body)["error"]["message"] == "Missing appname parameter"


def test_reliefweb_refuses_an_unapproved_appname(sites):
    status, _, body = jobs(sites, {"limit": 1}, appname="someone-else")
    assert status == 403
    assert json.loads(body)["error"]["type"] == "AccessDeniedHttpException"
    sites["reliefweb"].approved_appnames.add("someone-else")
    try:
        assert jobs(sites, {"limit": 1}, appname="someone-else")[0] == 200
    finally:
        sites["reliefweb"].approved_appnames.discard("someone-else")


def test_reliefweb_limit_is_at_most_1000(sites):
    status, _, body = jobs(sites, {"limit": 1001})
    assert status == 400
    assert json.loads(body)["error"]["message"] == (
        'Invalid "limit" specified. Valid values are between 0 and 1000'
    )
    assert jobs(sites, {"limit": 1000})[0] == 200


def test_reliefweb_listing_pages(sites):
    query = {"preset": "latest", "fields": {"include": ["id", "date.changed"]},
             "sort": ["date.created:desc"], "limit": 20}  # fmt: skip
    pages = [json.loads(jobs(sites, {**query, "offset": o})[2]) for o in (0, 20, 40)]
    assert [p["totalCount"] for p in pages] == [57, 57, 57]
    assert [p["count"] for p in pages] == [20, 20, 17]
    first = pages[0]["data"][0]
    assert isinstance(first["id"], str) and first["fields"]["id"] == int(first["id"])
    assert set(first["fields"]["date"]) == {"changed"}
    assert "next" in pages[0]["links"] and "next" not in pages[2]["links"]
    ids = [e["id"] for p in pages for e in p["data"]]
    assert len(set(ids)) == 57


def test_reliefweb_get_form(sites):
    status, _, body = jobs(sites, path="/v2/jobs", appname=f"{MOCK_APPNAME}&limit=2&preset=latest"
                           "&fields[include][]=date.closing")  # fmt: skip
    answer = json.loads(body)
    assert status == 200 and answer["count"] == 2
    assert "closing" in answer["data"][0]["fields"]["date"]


def test_reliefweb_filter_on_ids_with_full_profile(sites):
    query = {"filter": {"field": "id", "value": [4221508, 4221434], "operator": "OR"},
             "profile": "full", "preset": "analysis", "limit": 2}  # fmt: skip
    answer = json.loads(jobs(sites, query)[2])
    assert sorted(e["id"] for e in answer["data"]) == ["4221434", "4221508"]
    fields = answer["data"][0]["fields"]
    assert {"body", "body-html", "how_to_apply", "source", "date", "career_categories"} <= set(
        fields
    )


def test_reliefweb_item_and_expired_item(sites):
    site = sites["reliefweb"]
    status, _, body = fetch(f"{site.base_url}/v2/jobs/4221508?appname={MOCK_APPNAME}&profile=full")
    assert status == 200 and json.loads(body)["data"][0]["fields"]["status"] == "published"
    key = site.snapshot()[-1].key
    original = site.get(key)
    site.edit(key, status="closed")
    try:
        status, _, _ = fetch(f"{site.base_url}/v2/jobs/{key}?appname={MOCK_APPNAME}")
        assert status == 404
        latest = json.loads(jobs(sites, {"preset": "latest", "limit": 1000})[2])
        assert key not in {e["id"] for e in latest["data"]}
        analysis = json.loads(jobs(sites, {"preset": "analysis", "limit": 1000})[2])
        assert key in {e["id"] for e in analysis["data"]}
    finally:
        site.postings[key] = original


def test_reliefweb_edit_moves_date_changed(sites):
    site = sites["reliefweb"]
    query = {"filter": {"field": "id", "value": 4221397}, "fields": {"include": ["date.changed"]}}
    before = json.loads(jobs(sites, query)[2])["data"][0]["fields"]["date"]["changed"]
    original = site.get("4221397")
    site.edit("4221397", title="Finance Coordinator")
    try:
        after = json.loads(jobs(sites, query)[2])["data"][0]["fields"]["date"]["changed"]
        assert after > before
    finally:
        site.postings["4221397"] = original
        site.changed.pop("4221397")


# -- the UN Careers mock ----------------------------------------------------------------


def test_uncareers_list_needs_sort_by(sites):
    assert un_list(sites, sort_by=None)[0] == 500


def test_uncareers_list_pages_are_zero_based(sites):
    pages = [json.loads(un_list(sites, page)[2]) for page in (0, 1, 2, 3)]
    assert [p["status"] for p in pages] == [1, 1, 1, 1]
    assert [p["data"]["count"] for p in pages] == [56] * 4
    assert [len(p["data"]["list"]) for p in pages] == [20, 20, 16, 0]
    first = pages[0]["data"]["list"][0]
    assert isinstance(first["jobId"], int)
    assert first["startDate"].endswith(".000Z") and first["dutyStation"][0]["description"].isupper()
    assert {"jf", "jc", "jl", "dept", "jobDescription", "postingTitle", "totalCount"} <= set(first)


def test_uncareers_duty_station_filter(sites):
    answer = json.loads(un_list(sites, config={"keyword": "", "ds": ["NEWYORK"]})[2])
    assert answer["data"]["count"] > 0
    assert {o["dutyStation"][0]["description"] for o in answer["data"]["list"]} == {"NEW YORK"}


def test_uncareers_detail(sites):
    for path in ("jo", "joV2"):
        url = f"{sites.base_urls['uncareers']}/api/public/opening/{path}/285431/en"
        answer = json.loads(fetch(url)[2])
        assert answer["message"] == "Updated the view count successfully."
        data = answer["data"]
        assert data["jobId"] == 285431 and data["dutyStation"][0]["description"] == "BONN"
        assert "jobPostingItemTitle" in data["jobDescription"] and data["departmentDescr"]
    missing = json.loads(fetch(f"{sites.base_urls['uncareers']}/api/public/opening/jo/1/en")[2])
    assert missing["status"] == 0 and missing["data"] is None


def test_uncareers_robots_txt_is_the_app_page(sites):
    status, content_type, body = fetch(sites.base_urls["uncareers"] + "/robots.txt")
    assert status == 200 and content_type.startswith("text/html")
    assert b"<app-root></app-root>" in body and b"Disallow" not in body


def test_uncareers_job_feed(sites):
    status, _, body = fetch(sites.base_urls["uncareers"] + "/jobfeed")
    assert status == 200
    text = body.decode()
    assert text.count("<item>") == 56
    assert "https://careers.un.org/jobSearchDescription/285431?language=en" in text
    assert "Deadline : 11/22/2026 23:59:59 PM (New York time)" in text


def test_uncareers_active_openings(sites):
    answer = json.loads(
        fetch(sites.base_urls["uncareers"] + "/api/public/opening/jo/activeJo?language=en")[2]
    )
    assert len(answer["data"]) == 56


# -- real crawls ----------------------------------------------------------------------


def run_crawl(db: Path, base_urls: dict[str, str], *settings: str, appname: str | None = None):
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", *base_urls]
    for name, url in base_urls.items():
        argv += ["--set-url", f"{name}={url}"]
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    argv += ["-s", "RELIEFWEB_PAGE_SIZE=20", *settings]
    env = {k: v for k, v in os.environ.items() if k != "RELIEFWEB_APPNAME"}
    if appname:
        env["RELIEFWEB_APPNAME"] = appname
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def test_crawl_archives_both_sources_and_refetches_only_changed_reliefweb_jobs(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["reliefweb", "uncareers"]) as sites:
        relief, un = sites["reliefweb"], sites["uncareers"]
        first = run_crawl(db, sites.base_urls, "-s", f"RELIEFWEB_APPNAME={MOCK_APPNAME}")
        assert first.returncode == 0, first.stdout + first.stderr[-3000:]
        assert "reliefweb: ok - new 57" in first.stdout
        assert "uncareers: ok - new 56" in first.stdout
        # ReliefWeb: three listing pages of 20, then the details in batches.
        assert [q.get("offset") for q in relief.queries if "filter" not in q] == [0, 20, 40]
        fetched = [i for q in relief.queries if "filter" in q for i in q["filter"]["value"]]
        assert len(fetched) == len(set(fetched)) == 57
        # UN Careers: robots.txt read (and allowing), three pages, each detail once.
        un_paths = [path for _, path in un.requests]
        assert un_paths[0] == "/robots.txt"
        assert un_paths.count(UN_LIST) == 3
        assert len([p for p in un_paths if p.startswith("/api/public/opening/jo/2")]) == 56

        relief.queries.clear()
        relief.edit("4221434", title="Senior Information Management Officer")
        gone = relief.snapshot()[-1].key
        relief.remove(gone)
        un.edit("285431", closing_date=un.get("285431").closing_date.replace(day=30))
        second = run_crawl(db, sites.base_urls, "-s", f"RELIEFWEB_APPNAME={MOCK_APPNAME}")
        third = run_crawl(
            db, {"reliefweb": sites.base_urls["reliefweb"]}, "--json",
            "-s", f"RELIEFWEB_APPNAME={MOCK_APPNAME}",
        )  # fmt: skip
    [unchanged] = json.loads(third.stdout)
    # Nothing changed: every job seen from the listing alone, none fetched or extracted.
    assert (unchanged["unchanged"], unchanged["details_skipped"]) == (56, 56)
    assert (unchanged["extractions"], unchanged["extractions_avoided"]) == (0, 56)
    assert second.returncode == 0, second.stdout + second.stderr[-3000:]
    assert "reliefweb: ok - new 0, changed 1, unchanged 55, reopened 0, removed 1" in second.stdout
    assert "uncareers: ok - new 0, changed 1, unchanged 55, reopened 0, removed 0" in second.stdout
    assert [i for q in relief.queries if "filter" in q for i in q["filter"]["value"]] == [4221434]
    assert query(db, "SELECT status FROM postings WHERE source_key = ?", gone) == [("removed",)]
    # Each job's record is kept under its own API URL; the appname stays out of the archive.
    assert query(db, "SELECT url FROM fetches WHERE source_key = '4221434'") == [
        (f"{sites.base_urls['reliefweb']}/v2/jobs/4221434",)
    ]
    assert query(db, "SELECT count(*) FROM fetches WHERE url LIKE '%appname%'") == [(0,)]
    # Jobs not fetched again are still seen by the second run.
    last_runs = query(db, "SELECT max(started_at) FROM runs WHERE source = 'reliefweb'")[0][0]
    stale = query(
        db, "SELECT count(*) FROM postings WHERE source = 'reliefweb' AND status = 'open' "
        "AND last_seen_at < ?", last_runs)  # fmt: skip
    assert stale == [(0,)]
    assert query(db, "SELECT closing_date FROM postings WHERE source_key = '285431'") == [
        ("2026-11-30",)
    ]


def test_without_appname_reliefweb_fails_and_the_other_source_goes_on(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["reliefweb", "uncareers"]) as sites:
        result = run_crawl(db, sites.base_urls, "-s", "UNCAREERS_PAGE_SIZE=100")
        reliefweb_requests = list(sites["reliefweb"].requests)
    assert result.returncode == 1
    assert "reliefweb: failed" in result.stdout
    assert "uncareers: ok - new 56" in result.stdout
    assert "https://apidoc.reliefweb.int/parameters#appname" in result.stderr
    assert "RELIEFWEB_APPNAME" in result.stderr
    assert reliefweb_requests == []  # stopped before asking anything
    [(status, reason)] = query(db, "SELECT status, reason FROM runs WHERE source = 'reliefweb'")
    assert status == "failed"
    assert reason.startswith(
        "the crawl stopped early (reliefweb_appname_missing); "
        "1 failure: listing reliefweb: no appname. The ReliefWeb API needs an appname"
    )
    assert reason.endswith("; the source could not be read, so nothing was marked removed")


def test_an_unapproved_appname_fails_the_run(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["reliefweb"]) as sites:
        result = run_crawl(db, sites.base_urls, appname="not-approved-yet")
    assert result.returncode == 1
    assert "reliefweb: failed" in result.stdout
    assert "refused the appname 'not-approved-yet' (HTTP 403" in result.stderr
    assert query(db, "SELECT status FROM runs") == [("failed",)]
    assert query(db, "SELECT count(*) FROM postings") == [(0,)]


def test_a_failed_listing_page_a_damaged_detail_and_a_redesign_remove_nothing(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["reliefweb", "uncareers"]) as sites:
        relief, un = sites["reliefweb"], sites["uncareers"]
        settings = ("-s", f"RELIEFWEB_APPNAME={MOCK_APPNAME}", "--json")
        assert run_crawl(db, sites.base_urls, *settings).returncode == 0
        # A posting of each goes; UN Careers' second listing page fails, and the detail
        # batch of the one ReliefWeb job that changed comes back cut short.
        un.remove(un.snapshot()[-1].key)
        gone = relief.remove(relief.snapshot()[-1].key).key
        un.fault_listing_page(2, 500)
        changed = relief.snapshot()[0].key
        relief.edit(changed, title="Protection Officer (re-advertised)")
        relief.fault_posting(changed, "cut-json")
        faulty = run_crawl(db, sites.base_urls, *settings)
        relief.reset()
        un.reset()
        relief.layout_changed = un.layout_changed = True
        redesigned = run_crawl(db, sites.base_urls, *settings)
    assert faulty.returncode == 1
    runs = {run["source"]: run for run in json.loads(faulty.stdout)}
    assert (runs["uncareers"]["status"], runs["uncareers"]["removed"]) == ("incomplete", 0)
    assert "listing" in runs["uncareers"]["reason"] and "HTTP 500" in runs["uncareers"]["reason"]
    # ReliefWeb's listing was read whole: the job that is gone is removed; the changed
    # one keeps its version (its detail failed), and the run says why it is incomplete.
    relief_run = runs["reliefweb"]
    assert (relief_run["status"], relief_run["changed"], relief_run["removed"]) == (
        "incomplete", 0, 1,
    )  # fmt: skip
    assert "not whole JSON" in relief_run["reason"]
    assert redesigned.returncode == 1
    runs = {run["source"]: run for run in json.loads(redesigned.stdout)}
    assert runs["uncareers"]["status"] == runs["reliefweb"]["status"] == "failed"
    assert "no data.list" in runs["uncareers"]["reason"]
    assert "no data in the answer" in runs["reliefweb"]["reason"]
    assert query(db, "SELECT source_key FROM postings WHERE status = 'removed'") == [(gone,)]
    assert query(db, "SELECT count(*) FROM postings WHERE title LIKE '%re-advertised%'") == [(0,)]
