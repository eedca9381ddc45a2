"""Rewrite the saved UNOPS (Avature) pages in this folder from the mock, as of a fixed day.

The saved listing is a 16-posting site: three pages of 6, 6 and 4. Run after changing
the mock on purpose, then review the diff:

    .venv/bin/python tests/files/unops/regenerate.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crawler.mocksites import MockRequest
from crawler.mocksites.unops import ROOT, UnopsSite, detail_path, unops_postings

HERE = Path(__file__).parent
TODAY = date(2026, 11, 20)
# "Deadline" template (ICS 11 (IICA 3)), application period (ICS-10 (IICA-2)),
# a staff post (P-5), and a closed one.
DETAILS = ("31245", "31264", "31321", "31302")
CLOSED = "31302"


class _FixedDayUnops(UnopsSite):
    def today(self) -> date:
        return TODAY


def fetch(site: UnopsSite, path: str, query: dict[str, str] | None = None) -> bytes:
    answer = site.dispatch(MockRequest("GET", path, query or {}, {}))
    assert answer.status == 200, (path, answer.status)
    return answer.body


def main() -> None:
    site = _FixedDayUnops(unops_postings(16))
    site.edit(CLOSED, status="closed")
    for offset in (0, 6, 12):
        query = {"jobRecordsPerPage": "6", "jobOffset": str(offset)}
        body = fetch(site, f"{ROOT}/SearchJobs/", query)
        (HERE / f"search_offset_{offset}.html").write_bytes(body)
    for key in DETAILS:
        (HERE / f"job_{key}.html").write_bytes(fetch(site, detail_path(site.postings[key])))
    (HERE / "error.html").write_bytes(fetch(site, f"{ROOT}/Error"))


if __name__ == "__main__":
    main()
