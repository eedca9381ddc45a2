"""Rewrite the saved UNOPS (Avature) pages in this folder from the mock, as of a fixed day.

The saved listing is a 16-posting site: three pages of 6, 6 and 4. The job pages are one
of each template the mock serves (crawler/mocksites/unops.py): legacy (31245: labelled
paragraphs, "Deadline"), bare (31264: no banner, JSON-LD; 31397: no banner, no JSON-LD,
a "Job Name:" field), current (31283: LICA; 31321: a staff P-5), a closed one (31302),
and the same listing page and job page after a redesign (`layout_changed`). Run after
changing the mock on purpose, then review the diff:

    .venv/bin/python tests/files/unops/regenerate.py
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crawler.mocksites import MockRequest
from crawler.mocksites.unops import ROOT, UnopsSite, detail_path, unops_postings

HERE = Path(__file__).parent
TODAY = date(2026, 11, 20)
DETAILS = ("31245", "31264", "31283", "31302", "31321", "31397")
CLOSED = "31302"


class _FixedDayUnops(UnopsSite):
    def today(self) -> date:
        return TODAY


def fetch(site: UnopsSite, path: str, query: dict[str, str] | None = None) -> bytes:
    answer = site.dispatch(MockRequest("GET", path, query or {}, {}))
    assert answer.status == 200, (path, answer.status)
    return answer.body


def search(site: UnopsSite, offset: int) -> bytes:
    query = {"jobRecordsPerPage": "6", "jobOffset": str(offset)}
    return fetch(site, f"{ROOT}/SearchJobs/", query)


def main() -> None:
    site = _FixedDayUnops(unops_postings(16))
    site.edit(CLOSED, status="closed")
    for offset in (0, 6, 12):
        (HERE / f"search_offset_{offset}.html").write_bytes(search(site, offset))
    for key in DETAILS:
        (HERE / f"job_{key}.html").write_bytes(fetch(site, detail_path(site.postings[key])))
    (HERE / "error.html").write_bytes(fetch(site, f"{ROOT}/Error"))
    site.layout_changed = True
    (HERE / "redesign_search_offset_0.html").write_bytes(search(site, 0))
    (HERE / "redesign_job_31283.html").write_bytes(fetch(site, detail_path(site.postings["31283"])))


if __name__ == "__main__":
    main()
