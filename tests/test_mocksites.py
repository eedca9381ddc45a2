"""The mock sites serve what the real sites serve, and take edits live."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import date

import pytest

from crawler.mocksites import SITES, MockPosting, MockSites
from crawler.mocksites.unhcr import external_path
from crawler.mocksites.unicef import job_path

WORKDAY = "/wday/cxs/unhcr/External"


@pytest.fixture(scope="module")
def sites():
    with MockSites(["unicef", "unhcr"]) as running:
        yield running


def fetch(url: str, method: str = "GET", body: object = None, headers: dict | None = None):
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("Content-Type"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read()


def workday_jobs(sites, limit=20, offset=0):
    body = {"appliedFacets": {}, "limit": limit, "offset": offset, "searchText": ""}
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    return fetch(sites.base_urls["unhcr"] + f"{WORKDAY}/jobs", "POST", body, headers)


def unicef_filter(sites, page=1, items=20):
    url = (
        sites.base_urls["unicef"] + f"/en-us/filter/?search-keyword=&page={page}&page-items={items}"
    )
    status, _, body = fetch(url, "POST", headers={"X-Requested-With": "XMLHttpRequest"})
    assert status == 200
    return json.loads(body)


def test_sites_are_discovered():
    assert {"unicef", "unhcr"} <= set(SITES)


def test_each_site_on_its_own_port(sites):
    urls = sites.base_urls
    assert urls["unicef"].startswith("http://127.0.0.1:")
    assert urls["unicef"] != urls["unhcr"]


def test_unknown_site():
    with pytest.raises(KeyError, match="no mock site nosuch"):
        MockSites(["nosuch"])


# -- UNHCR / Workday -------------------------------------------------------------------


def test_workday_limit_above_20_is_400(sites):
    status, _, _ = workday_jobs(sites, limit=21)
    assert status == 400


def test_workday_total_only_on_first_page(sites):
    first = json.loads(workday_jobs(sites, offset=0)[2])
    second = json.loads(workday_jobs(sites, offset=20)[2])
    assert first["total"] == len(sites["unhcr"].postings) >= 41
    assert len(first["jobPostings"]) == 20
    assert second["total"] == 0 and len(second["jobPostings"]) == 20


def test_workday_listing_item_shape(sites):
    posting = json.loads(workday_jobs(sites)[2])["jobPostings"][0]
    assert set(posting) == {"title", "externalPath", "locationsText", "postedOn", "bulletFields"}
    assert posting["postedOn"].startswith("Posted ")
    assert posting["externalPath"].endswith("_" + posting["bulletFields"][0])


def test_workday_detail_shape(sites):
    site = sites["unhcr"]
    posting = site.snapshot()[0]
    status, content_type, body = fetch(site.base_url + WORKDAY + external_path(posting))
    assert status == 200 and content_type.startswith("application/json")
    data = json.loads(body)
    assert set(data) == {"jobPostingInfo", "hiringOrganization", "similarJobs", "userAuthenticated"}
    info = data["jobPostingInfo"]
    assert info["jobReqId"] == posting.key
    assert "Deadline for Applications" in info["jobDescription"]
    assert info["endDate"] >= posting.closing_date.isoformat()
    assert data["hiringOrganization"]["name"] == "UNHCR"


def test_workday_no_robots(sites):
    assert fetch(sites.base_urls["unhcr"] + "/robots.txt")[0] == 404


# -- UNICEF / PageUp -------------------------------------------------------------------


def test_pageup_filter_json(sites):
    data = unicef_filter(sites)
    assert set(data) == {"results", "page", "pageitems", "count"}
    assert data["count"] == len(sites["unicef"].postings) >= 41
    assert data["results"].count('class="job-link"') == 20


def test_pageup_listing_html_pages(sites):
    # As real PageUp listings: table rows in #search-results-content, repeated in the
    # recent-jobs table, and a "More Jobs" link counting the postings after this page.
    url = sites.base_urls["unicef"] + "/en-us/listing/?page=1&page-items=20"
    html = fetch(url)[2].decode()
    after = len(sites["unicef"].postings) - 20
    assert f'More Jobs <span class="count">{after}</span>' in html
    url = sites.base_urls["unicef"] + "/en-us/listing/?page=3&page-items=20"
    status, _, body = fetch(url)
    html = body.decode()
    assert status == 200
    rows = html.split('id="search-results-content"', 1)[1].split("</tbody>", 1)[0]
    assert rows.count('class="job-link"') == len(sites["unicef"].postings) - 40
    assert "More Jobs" not in html  # the last page


def test_pageup_detail_slug_optional(sites):
    site = sites["unicef"]
    with_slug = fetch(site.base_url + "/en-us/job/577857/child-protection-officer")[2]
    without = fetch(site.base_url + "/en-us/job/577857")[2]
    assert with_slug == without
    assert b'<div id="job"><div id="job-content">' in without
    assert b"By continuing to browse this site" in without


def test_pageup_detail_with_xhr_is_empty(sites):
    url = sites.base_urls["unicef"] + "/en-us/job/577857"
    body = fetch(url, headers={"X-Requested-With": "XMLHttpRequest"})[2]
    assert json.loads(body) == {"results": ""}


def test_pageup_rss(sites):
    status, content_type, body = fetch(sites.base_urls["unicef"] + "/671/cw/en-us/rss")
    assert status == 200 and "rss" in content_type
    assert b"<job:refNo>577857</job:refNo>" in body


# -- changes are live ------------------------------------------------------------------


def test_edit_shows_on_next_request():
    with MockSites(["unicef"]) as running:
        site = running["unicef"]
        url = site.base_url + "/en-us/job/577857"
        site.edit(
            "577857", closing_date=date(2026, 12, 1), replace=("Child migration", "Migration")
        )
        html = fetch(url)[2].decode()
        assert "2026-12-02T05:55:00Z" in html  # 23:55 in Mexico City on 1 December
        assert "Migration has seen" in html and "Child migration has seen" not in html


def test_remove_and_add():
    with MockSites(["unicef"]) as running:
        site = running["unicef"]
        removed = site.remove("577857")
        assert fetch(site.base_url + "/en-us/job/577857")[0] == 404
        site.add(MockPosting(**{**vars(removed), "key": "600001"}))
        assert unicef_filter(running)["results"].count("/en-us/job/600001/") == 1


def test_down_answers_500():
    with MockSites(["unhcr"]) as running:
        running["unhcr"].down = True
        assert workday_jobs(running)[0] == 500
        running["unhcr"].down = False
        assert workday_jobs(running)[0] == 200


def test_faults_and_request_log():
    with MockSites(["unhcr"]) as running:
        site = running["unhcr"]
        site.fault(r"/jobs$", 503, times=1)
        assert workday_jobs(running)[0] == 503
        assert workday_jobs(running)[0] == 200
        site.faults.append((r"/jobs$", 403))
        assert workday_jobs(running)[0] == 403
        assert site.requests == [("POST", f"{WORKDAY}/jobs")] * 3


def test_fixed_port():
    from crawler.mocksites.server import free_port

    port = free_port()
    with MockSites(["unicef"], ports={"unicef": port}) as running:
        assert running.base_urls == {"unicef": f"http://127.0.0.1:{port}"}


def test_job_path_matches_listing(sites):
    posting = sites["unicef"].snapshot()[1]
    assert job_path(posting) in unicef_filter(sites)["results"]


def test_cli_unknown_site():
    from click.testing import CliRunner

    from crawler.cli import cli

    result = CliRunner().invoke(cli, ["mock-sites", "nosuch"])
    assert result.exit_code == 1
    assert "Error: No mock site for nosuch. Mock sites: " in result.output
