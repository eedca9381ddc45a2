"""Start-up of the commands that do not crawl, against the interpreter's own start-up and
against importing the crawl machinery, in one run.

Each is a fresh `python -m crawler.cli ...` (what `jobarchive ...` runs), timed
`ROUNDS` times in turn with the others, the median kept: a machine's noise moves them
all alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "history": ["-m", "crawler.cli", "history", "--help"],
    "diff": ["-m", "crawler.cli", "diff", "--help"],
    "export": ["-m", "crawler.cli", "export", "--help"],
    "searches": ["-m", "crawler.cli", "searches", "--help"],
    # What each of them paid before, when every command imported Scrapy.
    "import scrapy and trafilatura": ["-c", "import scrapy.crawler, trafilatura"],
    "python alone": ["-c", "pass"],
}


def run(rounds: int = 7) -> dict[str, Any]:
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, args in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    medians = {name: round(statistics.median(values), 3) for name, values in times.items()}
    bare = medians["python alone"]
    heavy = medians["import scrapy and trafilatura"]
    return {
        "rounds": rounds,
        "median_s": medians,
        "history_s": medians["history"],
        "vs_python": {n: round(v / bare, 2) for n, v in medians.items()},
        "vs_crawl_imports": {n: round(v / heavy, 2) for n, v in medians.items()},
    }


def markdown(figures: dict[str, Any]) -> list[str]:
    out = [
        f"### Start-up of the commands that do not crawl (median of {figures['rounds']})",
        "",
        "| command | s | vs python alone | vs importing Scrapy + trafilatura |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in figures["median_s"].items():
        out.append(
            f"| {name} | {seconds:.2f} | {figures['vs_python'][name]:.2f}x | "
            f"{figures['vs_crawl_imports'][name]:.2f}x |"
        )
    return [*out, ""]
