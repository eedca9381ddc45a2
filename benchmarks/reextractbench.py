"""Figure 8: `jobarchive reextract` on an archive of N postings (issue #17).

A first crawl of the generated UNICEF site makes the archive; its versions are then
marked as read by an older extraction (as after an upgrade), and `jobarchive reextract`
reads every stored page again, as a user runs it. Its wall time and CPU are set against
the first crawl's (re-reading costs extraction, not fetching); its peak memory is its
own, measured inside the process (benchmarks/ownmemory.py).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

from crawler.mocksites import MockSites
from crawler.mocksites.postings import MockPosting
from crawler.mocksites.unicef import UnicefSite

from .crawlbench import _crawl
from .measure import ratio, run_measured

ROOT = Path(__file__).resolve().parent.parent


def run(postings: list[MockPosting], work: Path) -> dict[str, Any]:
    db = work / "reextract.db"
    with MockSites(sites=[UnicefSite(postings=postings)]) as sites:
        first = _crawl(db, sites.base_urls["unicef"], work, "reextract-first")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE versions SET extraction = NULL")  # as after an upgrade
    conn.close()
    runs = {}
    for label in ("reextract", "reextract-again"):
        memory = work / f"{label}.kb"
        argv = [sys.executable, "-m", "benchmarks.ownmemory", str(memory), "--db", str(db),
                "reextract", "--no-progress"]  # fmt: skip
        cost = run_measured(argv, work / f"{label}.out", cwd=ROOT)
        output = (work / f"{label}.out").read_text(errors="replace")
        if cost.returncode != 0:
            raise RuntimeError(f"{label} exited {cost.returncode}:\n{output[-2000:]}")
        peak = round(int(memory.read_text()) / 1024, 1)
        runs[label] = cost.as_dict() | {"max_rss_mb": peak, "summary": output.splitlines()[0]}
    cost = runs["reextract"]
    return {
        "postings": len(postings),
        "first_crawl": {k: first[k] for k in ("wall_s", "cpu_s")},
        "reextract": cost,
        "nothing_left": runs["reextract-again"],
        "ratios": {
            "reextract_vs_first_crawl_wall": ratio(cost["wall_s"], first["wall_s"]),
            "reextract_vs_first_crawl_cpu": ratio(cost["cpu_s"], first["cpu_s"]),
        },
    }
