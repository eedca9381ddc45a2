"""The live progress table `jobarchive crawl` shows on a terminal, one row per source."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from crawler.runwriter import error_count

COLUMNS = [
    ("pages", "downloader/response_count"),
    ("new", "archive/new"),
    ("changed", "archive/changed"),
    ("unchanged", "archive/unchanged"),
    ("reopened", "archive/reopened"),
    ("removed", "archive/removed"),
    ("errors", None),  # the sum of the error stats below
]


def progress_table(rows: list[tuple[str, dict[str, Any]]]) -> Table:
    table = Table(title="jobarchive crawl", title_justify="left", expand=False)
    table.add_column("source")
    for name, _ in COLUMNS:
        table.add_column(name, justify="right")
    table.add_column("state")
    for source, stats in rows:
        values = [
            str(error_count(stats) if stat is None else int(stats.get(stat, 0) or 0))
            for _, stat in COLUMNS
        ]
        if "finish_reason" in stats:
            state = stats.get("archive/status") or stats["finish_reason"]
        elif "start_time" in stats:
            state = "crawling"
        else:
            state = "waiting"
        colour = {"ok": "green", "incomplete": "yellow", "failed": "red"}.get(state, "")
        table.add_row(source, *values, f"[{colour}]{state}[/]" if colour else state)
    return table
