"""Figures 1-3: first crawl vs a bare fetch, unchanged recrawl, recrawl with 5% changed.

Every crawl is a real `jobarchive crawl` subprocess (crawler.demo.crawl_command: the
CLI cron runs, with politeness delays off for 127.0.0.1) against the real UNICEF mock
serving generated postings in pages of real weight (benchmarks/sitegen.py), so the real
spider, extraction and pipeline are measured.
The mock server runs in this process; its CPU is reported separately, not counted.
"""

from __future__ import annotations

import resource
import sqlite3
import sys
from pathlib import Path
from typing import Any

from crawler.demo import crawl_command
from crawler.mocksites import MockSites
from crawler.mocksites.postings import MockPosting

from .measure import ProcessCost, ratio, run_measured, scrapy_stats
from .sitegen import RealWeightSite, change_postings

ROOT = Path(__file__).resolve().parent.parent
CHANGED_FRACTION = 0.05
# Stats issue #5 (incremental crawling) adds; read when present, so the figures pick
# them up without a change here.
EXTRACTION_STAT = "jobarchive/extractions"
# Fetches not made in full: 304s (no body sent) and details the listing showed unchanged.
NOT_MODIFIED_STATS = ("jobarchive/not_modified", "jobarchive/details_skipped")


def _self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _crawl(db: Path, base_url: str, work: Path, label: str, policy: bool = False) -> dict[str, Any]:
    log = work / f"{label}.log"
    argv = crawl_command(db, {"unicef": base_url})
    argv += ["--log-file", str(log), "--json"]
    if not policy:
        # Every detail fetched and compared: what a crawl costs when it must look at
        # every page; the revisit policy's crawl is measured beside it.
        argv += ["-s", "JOBARCHIVE_REVISIT_AFTER=0"]
    server_cpu = _self_cpu()
    cost = run_measured(argv, work / f"{label}.out", cwd=ROOT)
    server_cpu = _self_cpu() - server_cpu
    if cost.returncode != 0:
        tail = (work / f"{label}.out").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"crawl {label} exited {cost.returncode}:\n{tail}")
    return _figures(label, cost, scrapy_stats(log), server_cpu) | _versions(db)


def _bare(base_url: str, work: Path, label: str) -> dict[str, Any]:
    log = work / f"{label}.log"
    argv = [sys.executable, "-m", "benchmarks.barespider", base_url, str(log)]
    server_cpu = _self_cpu()
    cost = run_measured(argv, work / f"{label}.out", cwd=ROOT)
    server_cpu = _self_cpu() - server_cpu
    if cost.returncode != 0:
        raise RuntimeError(f"bare crawl exited {cost.returncode}: see {work / label}.out")
    stats = scrapy_stats(log)
    if stats.get("downloader/response_count") and not stats.get("bare/detail_bytes"):
        # Its callback was not the one the detail requests name: the baseline would
        # parse every page, and every ratio to it would be too small.
        raise RuntimeError("the bare fetch read no detail page through its own callback")
    return _figures(label, cost, stats, server_cpu)


def _figures(
    label: str, cost: ProcessCost, stats: dict[str, float], server_cpu: float
) -> dict[str, Any]:
    items = int(stats.get("item_scraped_count", 0))
    return {
        "label": label,
        **cost.as_dict(),
        "server_cpu_s": round(server_cpu, 3),
        "requests": int(stats.get("downloader/request_count", 0)),
        "responses": int(stats.get("downloader/response_count", 0)),
        "response_bytes": int(stats.get("downloader/response_bytes", 0)),
        "items": items,
        # The pipeline counts each posting extracted and stored; postings recognised as
        # unchanged before extraction (304, same body, listing says unchanged) are
        # counted as avoided instead.
        "extractions": int(stats.get(EXTRACTION_STAT, 0)),
        "extractions_source": EXTRACTION_STAT,
        "extractions_avoided": int(stats.get("jobarchive/extractions_avoided", 0)),
        "fetches_avoided": int(sum(stats.get(name, 0) for name in NOT_MODIFIED_STATS)),
        "details_fetched": int(
            sum(v for k, v in stats.items() if k.startswith("jobarchive/details_fetched/"))
        ),
        "archive_new": int(stats.get("archive/new", 0)),
        "archive_changed": int(stats.get("archive/changed", 0)),
        "archive_unchanged": int(stats.get("archive/unchanged", 0)),
        "errors": int(sum(v for k, v in stats.items() if k.endswith("_errors"))),
    }


def _versions(db: Path) -> dict[str, Any]:
    """Versions written by the crawl's run (the latest run)."""
    with sqlite3.connect(db) as conn:
        run_id, written = conn.execute(
            "SELECT r.id, (SELECT count(*) FROM versions v WHERE v.run_id = r.id) "
            "FROM runs r ORDER BY r.id DESC LIMIT 1"
        ).fetchone()
    conn.close()
    return {"run_id": run_id, "versions_written": written}


def run(postings: list[MockPosting], work: Path, db: Path) -> dict[str, Any]:
    """The crawls in order; the bare fetch before and after, to bracket drift."""
    site = RealWeightSite(postings=postings)
    with MockSites(sites=[site]) as sites:
        url = sites.base_urls["unicef"]
        bare_before = _bare(url, work, "bare-1")
        first = _crawl(db, url, work, "first")
        recrawl = _crawl(db, url, work, "recrawl")
        # The next cron crawl, six hours later, under the default revisit policy: the
        # archive's checks are made six hours older, the site is unchanged.
        _age_checks(db, hours=6)
        revisit = _crawl(db, url, work, "revisit", policy=True)
        changed_keys = change_postings(site, CHANGED_FRACTION)
        changed = _crawl(db, url, work, "changed")
        bare_after = _bare(url, work, "bare-2")
    bare = _mean_bare(bare_before, bare_after)
    return {
        "bare": bare,
        "bare_runs": [bare_before, bare_after],
        "first": first,
        "recrawl": recrawl,
        "revisit": revisit,
        "changed": changed | {"postings_changed_on_site": len(changed_keys)},
        "ratios": {
            "first_vs_bare_wall": ratio(first["wall_s"], bare["wall_s"]),
            "first_vs_bare_cpu": ratio(first["cpu_s"], bare["cpu_s"]),
            "recrawl_vs_first_wall": ratio(recrawl["wall_s"], first["wall_s"]),
            "recrawl_vs_first_cpu": ratio(recrawl["cpu_s"], first["cpu_s"]),
            "changed_vs_first_wall": ratio(changed["wall_s"], first["wall_s"]),
            "changed_vs_first_cpu": ratio(changed["cpu_s"], first["cpu_s"]),
            "revisit_vs_first_cpu": ratio(revisit["cpu_s"], first["cpu_s"]),
            "revisit_details_fetched_share": ratio(revisit["details_fetched"], len(postings)),
        },
    }


def _age_checks(db: Path, hours: int) -> None:
    """Every revisit check `hours` older, as if the crawl had been that long ago."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE revisits SET checked_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', checked_at, ?)",
            (f"-{hours} hours",),
        )
    conn.close()


def _mean_bare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a, label="bare (mean of 2)")
    for key in ("wall_s", "cpu_s", "user_s", "sys_s", "server_cpu_s"):
        out[key] = round((a[key] + b[key]) / 2, 4)
    return out
