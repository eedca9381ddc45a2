"""Figure: what learning the site's template from a whole crawl takes out (issue #14).

The Impactpool mock in its rotating mode serves job pages as boards that rotate what is
around a posting do: each fetch, a meta line ("Posted 5 hours ago · 1,204 views") and a
block of four other postings' cards chosen anew, a sign-up line on every page, and at
the end of each posting a line of its employer's, the same in each of that employer's
postings. The posting itself never changes. It is crawled `crawls` times into one
archive with the site's template rules (crawler/sitelines.py) on, and into another with
them off; for each: the versions written, the rotating chrome left in the stored texts,
and the posting's own lines (every line of its sections, the employer's line) kept.

    .venv/bin/python -m benchmarks.sitelinesbench
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import MockSites
from crawler.mocksites.impactpool import ImpactpoolSite

ROOT = Path(__file__).resolve().parent.parent
_CHROME = re.compile(r"hours ago|\bviews\b|Get job alerts|More openings")


def _crawl(db: Path, url: str, rules: bool) -> tuple[dict[str, Any], float]:
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", "impactpool",
            "--json", "--set-url", f"impactpool={url}",
            "-s", f"JOBARCHIVE_SITE_LINES={json.dumps(rules)}",
            # every page read again each crawl: what the template rules take out is the
            # subject, not which pages the revisit policy would fetch
            "-s", "JOBARCHIVE_REVISIT_AFTER=0"]  # fmt: skip
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)[0], time.perf_counter() - start


def _measure(db: Path, site: ImpactpoolSite) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT p.source_key, v.text FROM postings p JOIN versions v "
            "ON v.posting_id = p.id AND v.version = p.current_version"
        ).fetchall()
        versions = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    finally:
        conn.close()
    chrome = own_missing = own_lines = employer_kept = 0
    for key, text in rows:
        posting = site.get(key)
        others = {p.title for p in site.snapshot() if p.title != posting.title}
        lines = text.splitlines()
        chrome += sum(1 for line in lines if line.strip() in others or _CHROME.search(line))
        for _, body in posting.sections:
            for line in body.splitlines():
                own = line.strip("• ").strip()
                if own:
                    own_lines += 1
                    own_missing += own not in text
        employer = posting.organization.split(" - ")[0]
        employer_kept += f"{employer} is committed to diversity and inclusion" in text
    return {
        "postings": len(rows),
        "versions": versions,
        "chrome_lines": chrome,
        "own_lines": own_lines,
        "own_lines_missing": own_missing,
        "employer_lines_kept": employer_kept,
    }


def run(work: Path, crawls: int = 5) -> dict[str, Any]:
    site = ImpactpoolSite()
    site.rotating = True
    out: dict[str, Any] = {"crawls": crawls}
    with MockSites(sites=[site]) as sites:
        url = sites.base_urls["impactpool"]
        for rules in (False, True):
            db = work / f"rules-{'on' if rules else 'off'}.db"
            seconds = 0.0
            runs = []
            for _ in range(crawls):
                summary, elapsed = _crawl(db, url, rules)
                runs.append(summary)
                seconds += elapsed
            out["on" if rules else "off"] = {
                **_measure(db, site),
                "changed_per_crawl": [r["changed"] for r in runs],
                "reextracted_per_crawl": [r["reextracted"] for r in runs],
                "lines_dropped_per_crawl": [r["template_lines_dropped"] for r in runs],
                "seconds": round(seconds, 1),
            }
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        figures = run(Path(tmp))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
