"""Rewrite the saved UNDP (Oracle Recruiting Cloud) answers in this folder from the mock.

Run after changing the mock on purpose, then review the diff:

    .venv/bin/python tests/files/undp/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from crawler.mocksites import MockRequest
from crawler.mocksites.undp import API, UndpSite

HERE = Path(__file__).parent
EXPAND = "requisitionList.workLocation,requisitionList.secondaryLocations"
# Seed-like postings: UNDP Kabul (NPSA), New York (three-part location), UN Women (P3),
# UNV (a grade the normalizer does not know).
DETAILS = ("20000", "20519", "20692", "21038")


def fetch(site: UndpSite, path: str, query: dict[str, str]) -> bytes:
    answer = site.dispatch(MockRequest("GET", path, query, {}))
    assert answer.status == 200, (path, query, answer.status)
    return answer.body


def main() -> None:
    site = UndpSite()
    for offset in (0, 50, 100):
        finder = f"findReqs;siteNumber=CX_1,limit=50,offset={offset},sortBy=POSTING_DATES_DESC"
        query = {"onlyData": "true", "expand": EXPAND, "finder": finder}
        body = fetch(site, f"{API}/recruitingCEJobRequisitions", query)
        (HERE / f"requisitions_offset_{offset}.json").write_bytes(body)
    for key in (*DETAILS, "99999"):
        query = {"expand": "all", "onlyData": "true", "finder": f'ById;Id="{key}",siteNumber=CX_1'}
        body = fetch(site, f"{API}/recruitingCEJobRequisitionDetails", query)
        (HERE / f"details_{key}.json").write_bytes(body)


if __name__ == "__main__":
    main()
