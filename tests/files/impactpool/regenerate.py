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
# The two search pages: `/search` (page 1, 40 cards, "Show more") and page 2 (15, none).
SEARCH = {1: {}, 2: {"page": "2", "per_page": "40"}}
# 803641: seed 000, older template, closed; 871213: the UN Bonn capture, older template,
# closed, groups with commas; 1184046: the newer-template capture, open; then grade lines
# of other families, and the newer template's variations: NO-B (1190111), labels without
# a colon (1190148, G-6), no city line (1190185, consultancy), no colon (1190259, LICA-5),
# internship (1190296), neither colon nor city line (1190370).
DETAILS = (
    "803641", "871213", "1184046", "1190111", "1190148", "1190185", "1190259", "1190296",
    "1190370",
)  # fmt: skip


def fetch(site: ImpactpoolSite, path: str, query: dict[str, str] | None = None) -> bytes:
    answer = site.dispatch(MockRequest("GET", path, query or {}, {}))
    assert answer.status == 200, (path, query, answer.status)
    return answer.body


def main() -> None:
    site = ImpactpoolSite()
    for page, query in SEARCH.items():
        (HERE / f"search_page_{page}.html").write_bytes(fetch(site, "/search", query))
    for key in DETAILS:
        (HERE / f"job_{key}.html").write_bytes(fetch(site, f"/jobs/{key}"))


if __name__ == "__main__":
    main()
