"""Figure 7: `jobarchive diff` on a posting with 20 versions, as a user runs it.

The CLI in a subprocess (as typed at a shell, interpreter start included), against
`jobarchive --help` (the start-up alone), for the last two versions and for v1 -> v20.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from typing import Any

from .measure import ratio, run_measured
from .storebench import DIFF_KEY, SOURCE

ROOT = Path(__file__).resolve().parent.parent


def run(db: Path, work: Path, repeats: int) -> dict[str, Any]:
    cli = [sys.executable, "-m", "crawler.cli", "--db", str(db)]
    commands = {
        "startup (jobarchive --help)": [*cli, "--help"],
        "diff last two versions": [*cli, "diff", f"{SOURCE}:{DIFF_KEY}", "--no-color"],
        "diff v1 -> v20": [
            *cli,
            "diff",
            f"{SOURCE}:{DIFF_KEY}",
            "--from",
            "1",
            "--to",
            "20",
            "--no-color",
        ],
        "diff v1 -> v20 --format text": [
            *cli,
            "diff",
            f"{SOURCE}:{DIFF_KEY}",
            "--from",
            "1",
            "--to",
            "20",
            "--format",
            "text",
            "--no-color",
        ],
    }
    out: dict[str, Any] = {}
    for label, argv in commands.items():
        walls, cpus = [], []
        for i in range(repeats):
            cost = run_measured(argv, work / f"diff-{i}.out", cwd=ROOT)
            if cost.returncode != 0:
                text = (work / f"diff-{i}.out").read_text(errors="replace")[-1000:]
                raise RuntimeError(f"{label} exited {cost.returncode}: {text}")
            walls.append(cost.wall_s)
            cpus.append(cost.cpu_s)
        out[label] = {
            "wall_median_ms": round(statistics.median(walls) * 1000, 1),
            "cpu_median_ms": round(statistics.median(cpus) * 1000, 1),
            "n": repeats,
        }
    base = out["startup (jobarchive --help)"]["wall_median_ms"]
    for figures in out.values():
        figures["vs_startup"] = ratio(figures["wall_median_ms"], base)
    return out
