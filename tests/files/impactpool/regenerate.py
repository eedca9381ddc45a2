"""Rewrite the saved Impactpool pages in this folder from the mock
(crawler/mocksites/impactpool.py).

Run after changing the mock on purpose, then review the diff:

    .venv/bin/python tests/files/impactpool/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from crawler.mocksites import MockRequest
from crawler.mocksites.impactpool import ImpactpoolSite

HERE = Path(__file__).parent
# 803641: seed 000, older template, closed; 871213: the UN Bonn capture, older template,
# closed, groups with commas; 1184046: newer template, open; then grade lines of other
# families: NO-B (1190111), consultancy (1190185), LICA-5 (1190259), internship (1190296).
DETAILS = ("803641", "871213", "1184046", "1190111", "1190185", "1190259", "1190296")


def fetch(site: ImpactpoolSite, path: str, query: dict[str, str] | None = None) -> bytes:
    answer = site.dispatch(MockRequest("GET", path, query or {}, {}))
    assert answer.status == 200, (path, query, answer.status)
    return answer.body


def main() -> None:
    site = ImpactpoolSite()
    for page in (1, 2, 3):
        (HERE / f"jobs_page_{page}.html").write_bytes(fetch(site, "/jobs", {"page": str(page)}))
    for key in DETAILS:
        (HERE / f"job_{key}.html").write_bytes(fetch(site, f"/jobs/{key}"))


if __name__ == "__main__":
    main()
