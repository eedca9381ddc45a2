"""Figure 9: what the checks of the archive file cost on a large archive.

A crawl runs SQLite's `quick_check` before it writes (archive/integrity.py), and
`jobarchive check` the full `integrity_check` plus the archive's own rules; `jobarchive
backup` copies the file with SQLite's backup API. All three read the whole file, so
each is set against the floor of reading it: the file read start to end in 1 MiB
blocks, in the same run. The page cache is warm for all of them (the file was just
read); on a cold cache each costs about one read of the file from disk more.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from archive import Archive
from archive.integrity import check_archive, quick_problems
from crawler.cli import cli

from .measure import ratio


def _read_floor(path: Path) -> float:
    # Only while no SQLite connection to it is open in this process (archive/db.py).
    start = time.perf_counter()
    with open(path, "rb") as f:
        while f.read(1 << 20):
            pass
    return time.perf_counter() - start


def _timed(function: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def run(large: Path, work: Path, rounds: int = 2) -> dict[str, Any]:
    with Archive(large, readonly=True) as archive:
        postings, versions, bodies = archive.conn.execute(
            "SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM versions), "
            "(SELECT count(*) FROM bodies)"
        ).fetchone()
    _read_floor(large)  # warm the page cache for every measure alike
    samples: dict[str, list[float]] = {"read": [], "quick_check": [], "check": [], "backup": []}
    problems: list[Any] = []
    for _ in range(rounds):
        samples["read"].append(_read_floor(large))
        seconds, found = _timed(quick_problems, large)
        samples["quick_check"].append(seconds)
        problems += found
        seconds, report = _timed(check_archive, large)
        samples["check"].append(seconds)
        problems += report.problems
        copy = work / "backup.db"
        seconds, result = _timed(
            CliRunner().invoke, cli, ["--db", str(large), "backup", str(copy), "--force"]
        )
        assert result.exit_code == 0, result.output
        samples["backup"].append(seconds)
        copy.unlink()
    best = {name: min(values) for name, values in samples.items()}
    return {
        "postings": postings,
        "versions": versions,
        "bodies": bodies,
        "file_bytes": large.stat().st_size,
        "seconds": {name: round(value, 2) for name, value in best.items()},
        "vs_read": {name: ratio(value, best["read"]) for name, value in best.items()},
        "problems_found": len(problems),
        "rounds": rounds,
        "note": "best of `rounds`, warm page cache; vs_read is each over reading the file",
    }
