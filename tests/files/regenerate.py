"""Rewrite the saved UNICEF and UNHCR responses in tests/files/ from the mock sites.

The saved files are what the spider unit tests parse; they are produced by the mocks
(which follow the real sites) as of a fixed day, so the relative Workday texts are
stable. Run after changing a mock on purpose, then review the diff:

    .venv/bin/python tests/files/regenerate.py
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from crawler.mocksites import MockRequest
from crawler.mocksites.unhcr import UnhcrSite, external_path
from crawler.mocksites.unicef import UnicefSite, job_path

HERE = Path(__file__).parent
TODAY = date(2026, 11, 20)


def fetch(
    site: UnicefSite | UnhcrSite, method: str, target: str, body: object = None, xhr: bool = False
) -> bytes:
    path, _, query = target.partition("?")
    request = MockRequest(
        method=method,
        path=path,
        query=dict(part.split("=", 1) for part in query.split("&") if part),
        headers={"x-requested-with": "XMLHttpRequest"} if xhr else {},
        body=json.dumps(body).encode() if body is not None else b"",
    )
    answer = site.dispatch(request)
    assert answer.status == 200, (target, answer.status)
    return answer.body


def unicef() -> None:
    out = HERE / "unicef"
    out.mkdir(exist_ok=True)
    site = UnicefSite()
    site.edit("579644", status="closed")  # one closed posting among the saved pages
    for page in (1, 2, 3):
        target = f"/en-us/filter/?search-keyword=&page={page}&page-items=20"
        (out / f"filter_page_{page}.json").write_bytes(fetch(site, "POST", target, xhr=True))
    for key in ("577857", "578959", "579096", "578411", "579644"):
        (out / f"job_{key}.html").write_bytes(fetch(site, "GET", job_path(site.postings[key])))


class _FixedDayUnhcr(UnhcrSite):
    def today(self) -> date:
        return TODAY


def unhcr() -> None:
    out = HERE / "unhcr"
    out.mkdir(exist_ok=True)
    site = _FixedDayUnhcr()
    site.edit("JR2606839", status="closed")
    for offset in (0, 20, 40):
        body = {"appliedFacets": {}, "limit": 20, "offset": offset, "searchText": ""}
        data = fetch(site, "POST", "/wday/cxs/unhcr/External/jobs", body)
        (out / f"jobs_offset_{offset}.json").write_bytes(data)
    for key in ("JR2600481", "JR2603908", "JR2605862", "JR2606839"):
        path = "/wday/cxs/unhcr/External" + external_path(site.postings[key])
        (out / f"job_{key}.json").write_bytes(fetch(site, "GET", path))


if __name__ == "__main__":
    unicef()
    unhcr()
