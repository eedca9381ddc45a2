"""Rewrite the saved ReliefWeb and UN Careers responses in tests/files/ from the mock sites.

The saved files are what tests/test_reliefweb.py and tests/test_uncareers.py parse;
the mocks follow the real APIs. The requests are the spiders' own
(same bodies, page size 20). Run after changing a mock on purpose, then review the diff:

    .venv/bin/python tests/files/regenerate_api_sources.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawler.mocksites import MockRequest, MockSite
from crawler.mocksites.reliefweb import MOCK_APPNAME, ReliefwebSite
from crawler.mocksites.uncareers import UncareersSite
from spiders.reliefweb import ReliefwebSpider
from spiders.uncareers import UncareersSpider

HERE = Path(__file__).parent
PAGE_SIZE = 20


def fetch(site: MockSite, method: str, target: str, body: Any = None, status: int = 200) -> bytes:
    path, _, query = target.partition("?")
    request = MockRequest(
        method=method,
        path=path,
        query=dict(part.split("=", 1) for part in query.split("&") if part),
        headers={"content-type": "application/json"} if body is not None else {},
        body=body
        if isinstance(body, bytes)
        else (b"" if body is None else json.dumps(body).encode()),
    )
    answer = site.dispatch(request)
    assert answer.status == status, (target, answer.status, answer.body[:300])
    return answer.body


def reliefweb() -> None:
    out = HERE / "reliefweb"
    out.mkdir(exist_ok=True)
    site = ReliefwebSite()
    site.base_url = "https://api.reliefweb.int"
    spider = ReliefwebSpider(page_size=PAGE_SIZE)
    jobs = f"/v2/jobs?appname={MOCK_APPNAME}"
    first_page: list[str] = []
    for offset in (0, 20, 40):
        body = spider.listing_page_request(offset).body
        data = fetch(site, "POST", jobs, body)
        (out / f"jobs_offset_{offset}.json").write_bytes(data)
        if offset == 0:
            first_page = [entry["id"] for entry in json.loads(data)["data"]]
    body = spider.details_request(first_page).body
    (out / "details_offset_0.json").write_bytes(fetch(site, "POST", jobs, body))
    listing = spider.listing_page_request(0).body
    (out / "error_missing_appname.json").write_bytes(
        fetch(site, "POST", "/v2/jobs", listing, status=400)
    )
    (out / "error_unapproved_appname.json").write_bytes(
        fetch(site, "POST", "/v2/jobs?appname=my-app", listing, status=403)
    )
    (out / "error_limit.json").write_bytes(fetch(site, "POST", jobs, {"limit": 1001}, status=400))
    (out / "error_v1.json").write_bytes(fetch(site, "GET", "/v1/jobs?appname=x", status=410))


def uncareers() -> None:
    out = HERE / "uncareers"
    out.mkdir(exist_ok=True)
    site = UncareersSite()
    spider = UncareersSpider(page_size=PAGE_SIZE)
    path = "/api/public/opening/jo/list/filteredV2/en"
    for page in (0, 1, 2):
        body = spider.listing_page_request(page).body
        (out / f"list_page_{page}.json").write_bytes(fetch(site, "POST", path, body))
    # The real fixture's Bonn opening; N'Djamena (NO-B); Dar es Salaam (P-5); a temporary
    # opening posted before the end of daylight saving time in New York (04:00Z), whose
    # detail has only the keys of the real answer (no `dept`, `jf`...).
    for key in ("285431", "285170", "283261", "282763"):
        (out / f"detail_{key}.json").write_bytes(
            fetch(site, "GET", f"/api/public/opening/jo/{key}/en")
        )
    (out / "detail_missing.json").write_bytes(fetch(site, "GET", "/api/public/opening/jo/1/en"))
    (out / "robots.txt").write_bytes(fetch(site, "GET", "/robots.txt"))


if __name__ == "__main__":
    reliefweb()
    uncareers()
