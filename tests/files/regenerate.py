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
    """The PageUp listing pages (HTML, 20 rows each) and job pages of some postings:
    each date style, the other label spellings, labels without colons, a plain page,
    a closed posting."""
    out = HERE / "unicef"
    out.mkdir(exist_ok=True)
    for old in out.glob("filter_page_*.json"):  # the AJAX listing, no longer read
        old.unlink()
    site = UnicefSite()
    site.edit("579644", status="closed")  # one closed posting among the saved pages
    for page in (1, 2, 3, 4):  # page 4 is past the end: the template without rows
        target = f"/en-us/listing/?page={page}&page-items=20"
        (out / f"listing_page_{page}.html").write_bytes(fetch(site, "GET", target))
    for key in ("577857", "578959", "579096", "578411", "579644", "578274", "578548", "578685"):
        (out / f"job_{key}.html").write_bytes(fetch(site, "GET", job_path(site.postings[key])))


class _FixedDayUnhcr(UnhcrSite):
    def today(self) -> date:
        return TODAY


def unhcr() -> None:
    """The three listing pages and a detail of each kind the mock varies: every layout of
    the labelled fields, the id shapes, a second posting (`-2`), the place shapes."""
    out = HERE / "unhcr"
    out.mkdir(exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    site = _FixedDayUnhcr()
    site.edit("JR2606839", status="closed")
    for offset in (0, 20, 40):
        body = {"appliedFacets": {}, "limit": 20, "offset": offset, "searchText": ""}
        data = fetch(site, "POST", "/wday/cxs/unhcr/External/jobs", body)
        (out / f"jobs_offset_{offset}.json").write_bytes(data)
    for key in UNHCR_SAVED:
        path = "/wday/cxs/unhcr/External" + external_path(site.postings[key])
        (out / f"job_{key}.json").write_bytes(fetch(site, "GET", path))


# Saved UNHCR details: key -> what it shows (description layouts: crawler/mocksites/unhcr.py).
UNHCR_SAVED = {
    "JR2600481": "labelled blocks, the deadline after Target Start Date (the seed posting)",
    "JR2604885": "the one-line deadline first",
    "JR2605862": "labelled blocks, the deadline first; city and country in the path",
    "JR2603908": "values bare text between elements",
    "JR2601954": "label and value in one paragraph, with a colon",
    "JR2606839": "closed (canApply false)",
    "Req-19540": "an id of another shape",
    "JR2608793-2": "a second posting of requisition JR2608793",
    "JR2637126": "listed as '2 Locations', additionalLocations in the detail",
    "JR2612701": "listed without a place",
}


if __name__ == "__main__":
    unicef()
    unhcr()
