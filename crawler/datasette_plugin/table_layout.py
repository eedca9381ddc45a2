"""How the plugin's table.html lays out datasette's table pages (HTML only; the JSON and
CSV keep the table's own column order)."""

from __future__ import annotations

from typing import Any

# What people read a list of postings by, after the id that links to its row.
SCAN_FIRST = ("title", "organization", "location", "grade", "closing_date", "status")
# Tables whose search box searches postings_fts, which the ranked search page searches too.
SEARCHED = {"postings", "open_postings"}


def scan_first(
    table: str | None, request: Any, columns: list[dict[str, Any]], rows: list[Any]
) -> tuple[list[dict[str, Any]], list[Any]]:
    """The postings table's columns and cells with SCAN_FIRST first; any other table, or
    columns picked with ?_col=, as they are."""
    if table != "postings" or not columns or (request is not None and "_col" in request.args):
        return columns, rows
    names = [c["name"] for c in columns]
    wanted = [names.index(n) for n in SCAN_FIRST if n in names[1:]]
    order = [0, *wanted, *(i for i in range(1, len(names)) if i not in wanted)]
    return [columns[i] for i in order], [type(row)([row.cells[i] for i in order]) for row in rows]
