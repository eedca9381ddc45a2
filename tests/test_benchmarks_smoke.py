"""The benchmarks at their smallest size, so they cannot rot.

This asserts that `python -m benchmarks --quick` runs and produces every figure of
issue #7; it never asserts speed: speed is measured by the benchmarks themselves, as
ratios within one run, not by timed tests on a shared machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_produces_every_figure(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads((tmp_path / "figures.json").read_text())

    # What a crawl learns of a whole site: rotating chrome makes no version (issue #14).
    site = figures["sitelines"]
    assert site["on"]["versions"] == site["on"]["postings"] < site["off"]["versions"]
    assert site["on"]["chrome_lines"] == 0 < site["off"]["chrome_lines"]
    assert site["on"]["own_lines_missing"] == 0

    crawl = figures["crawl"]
    postings = figures["params"]["postings"]
    for name in ("bare", "first", "recrawl", "changed"):
        assert crawl[name]["wall_s"] > 0 and crawl[name]["cpu_s"] > 0, name
        assert crawl[name]["responses"] >= postings, name
    assert crawl["first"]["versions_written"] == postings
    assert crawl["recrawl"]["versions_written"] == 0
    assert crawl["changed"]["versions_written"] == crawl["changed"]["postings_changed_on_site"]
    for name in ("first", "recrawl", "changed"):
        assert {"extractions", "fetches_avoided"} <= crawl[name].keys()
    assert all(value is not None for value in crawl["ratios"].values())
    assert crawl["pages"]["min_kb"] >= 30 and crawl["pages"]["max_kb"] <= 150

    storage = figures["storage"]
    assert storage["versions"] > postings
    for key in ("archive_bytes", "raw_html_bytes", "warc_gz_bytes", "warc_gz_all_fetches_bytes"):
        assert storage[key] > 0, key
    assert all(value is not None for value in storage["ratios"].values())

    store = figures["store"]
    for kind in ("new", "changed", "unchanged"):
        assert store[kind]["small"]["n"] == store[kind]["large"]["n"] == store["rounds"]
        assert store[kind]["ratio_median"] is not None

    query = figures["query"]
    assert query["all_ok"], {k: v["status"] for k, v in query["requests"].items()}
    labels = query["requests"].keys()
    assert any(label.startswith("search") for label in labels)
    assert any(label.startswith("query: ") for label in labels)  # the bundled canned queries
    assert query["search_p95_ms_worst"] > 0

    diff = figures["diff"]
    assert {"diff last two versions", "diff v1 -> v20"} <= diff.keys()

    reread = figures["reextract"]
    assert reread["reextract"]["summary"].startswith(
        f"{reread['postings']} versions of {reread['postings']} postings read again: "
    )
    assert reread["nothing_left"]["returncode"] == 0
    assert reread["ratios"]["reextract_vs_first_crawl_cpu"] is not None

    startup = figures["startup"]
    assert startup["history_s"] > startup["median_s"]["python alone"] > 0

    # One process vs two Scrapyd workers: every posting of both crawls stored.
    if shutil.which("redis-server") is not None or os.environ.get("CI"):
        spread = figures["distributed"]
        stored = spread["postings_per_source"] * len(spread["sources"])
        for label in ("delays_off", "delays_on"):
            for mode in ("one_process", "two_workers"):
                assert spread[label][mode]["postings"] == stored, (label, mode)
            assert spread[label]["ratio"] > 0

    section = (tmp_path / "section.md").read_text()
    assert "### Targets" in section and "not measured" not in section
