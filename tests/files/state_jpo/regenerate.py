"""Rewrite the saved state.gov PRM JPO pages in this folder from the mock
(crawler/mocksites/state_jpo.py).

Run after changing the mock on purpose, then review the diff:

    .venv/bin/python tests/files/state_jpo/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from crawler.mocksites import MockRequest
from crawler.mocksites.state_jpo import LISTING_PATH, StateJpoSite

HERE = Path(__file__).parent
# 224525: seed 004 (Baku, UNHCR JPO, no grade stated); 221622: "Grade: P2" stated,
# labels in bold without colon; 222244: an IOM Associate Expert; 221933: set closed
# here, each label alone with its value in the next paragraph; 221311: the colon after
# the bold label, the date under the heading without its class.
DETAILS = ("224525", "221622", "222244", "221933", "221311")
CLOSED = "221933"


def fetch(site: StateJpoSite, path: str) -> bytes:
    answer = site.dispatch(MockRequest("GET", path, {}, {}))
    assert answer.status == 200, (path, answer.status)
    return answer.body


def main() -> None:
    site = StateJpoSite()
    site.edit(CLOSED, status="closed")
    (HERE / "index.htm").write_bytes(fetch(site, LISTING_PATH))
    for key in DETAILS:
        (HERE / f"{key}.htm").write_bytes(fetch(site, f"/j/prm/jpo_ae/{key}.htm"))


if __name__ == "__main__":
    main()
