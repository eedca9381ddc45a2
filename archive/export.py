"""Reading postings or versions out of the archive row by row, for export.

Rows are streamed from the cursor, so an export of a large archive never holds it
in memory. Columns that hold JSON come out decoded, so a JSON Lines export has real
lists and objects; a CSV writer gets them encoded again by `as_csv_value`, which also
keeps spreadsheets from running a cell as a formula.

Each row stands on its own: a posting carries its current version's `extra` and text,
a version the `source` and `source_key` of its posting, so that an export read without
the archive (a spreadsheet, a script) needs no join.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

Table = Literal["postings", "versions"]

JSON_COLUMNS = {"categories", "extra", "changed_fields"}


@dataclass(frozen=True)
class Selection:
    """Which rows to export; every part left empty keeps all rows.

    `since` (an ISO date or instant) keeps the postings with an event at or after it
    (new, changed, removed or reopened), and the versions fetched at or after it;
    `statuses` and `sources` are those of the posting."""

    sources: Collection[str] = field(default_factory=tuple)
    statuses: Collection[str] = field(default_factory=tuple)
    since: str | None = None


def _query(conn: sqlite3.Connection, table: Table, selection: Selection) -> tuple[str, list[Any]]:
    names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    if table == "postings":
        # What the current version holds and the postings table does not (its extra
        # and text) comes along; a column postings has itself is not taken twice.
        extra = [c for c in ("extra", "text") if c not in names]
        select = ", ".join([f"p.{n}" for n in names] + [f"v.{c}" for c in extra])
        query = (
            f"SELECT {select} FROM postings p LEFT JOIN versions v "
            "ON v.posting_id = p.id AND v.version = p.current_version"
        )
        order = " ORDER BY p.id"
    else:
        at = names.index("posting_id") + 1 if "posting_id" in names else len(names)
        picked = [f"v.{n}" for n in names]
        picked[at:at] = [f"p.{n}" for n in ("source", "source_key") if n not in names]
        query = f"SELECT {', '.join(picked)} FROM versions v JOIN postings p ON p.id = v.posting_id"
        order = " ORDER BY v.posting_id, v.version"
    where: list[str] = []
    params: list[Any] = []
    if selection.sources:
        where.append(f"p.source IN ({', '.join('?' * len(selection.sources))})")
        params.extend(selection.sources)
    if selection.statuses:
        where.append(f"p.status IN ({', '.join('?' * len(selection.statuses))})")
        params.extend(selection.statuses)
    if selection.since and table == "postings":
        where.append(
            "EXISTS (SELECT 1 FROM events e WHERE e.posting_id = p.id "
            "AND e.event != 'reextracted' AND julianday(e.at) >= julianday(?))"
        )
        params.append(selection.since)
    elif selection.since:
        where.append("julianday(v.fetched_at) >= julianday(?)")
        params.append(selection.since)
    if where:
        query += " WHERE " + " AND ".join(where)
    return query + order, params


def columns(conn: sqlite3.Connection, table: Table) -> list[str]:
    """The names of the columns `rows` gives for `table`, in order."""
    query, params = _query(conn, table, Selection())
    return [d[0] for d in conn.execute(query + " LIMIT 0", params).description]


def rows(
    conn: sqlite3.Connection, table: Table, selection: Selection | None = None
) -> Iterator[dict[str, Any]]:
    """The rows of `table` that `selection` keeps, in a stable order, JSON decoded."""
    query, params = _query(conn, table, selection or Selection())
    cur = conn.execute(query, params)
    names = [d[0] for d in cur.description]
    for raw in cur:
        row = dict(zip(names, raw, strict=True))
        for name in JSON_COLUMNS.intersection(row):
            if row[name] is not None:
                row[name] = json.loads(row[name])
        yield row


#: What a spreadsheet reads as the start of a formula (or of a cell it evaluates).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def as_csv_value(value: Any) -> Any:
    """A value for a CSV cell: lists and objects as JSON text, and any text that a
    spreadsheet would read as a formula (``=HYPERLINK(...)`` in a posting's title)
    prefixed with an apostrophe, which spreadsheets show as text. Numbers are numbers,
    so a negative one is no text and stays as it is."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
