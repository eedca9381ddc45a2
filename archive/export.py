"""Reading postings or versions out of the archive row by row, for export.

Rows are streamed from the cursor, so an export of a large archive never holds it
in memory. Columns that hold JSON come out decoded, so a JSON Lines export has real
lists and objects; a CSV writer gets them encoded again by `as_csv_value`, which also
keeps spreadsheets from running a cell as a formula.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any, Literal

Table = Literal["postings", "versions"]

JSON_COLUMNS = {"categories", "extra", "changed_fields"}
# A posting's text lives in its current version; an export of postings carries it along.
_QUERIES = {
    "postings": "SELECT p.*, v.text FROM postings p LEFT JOIN versions v "
    "ON v.posting_id = p.id AND v.version = p.current_version ORDER BY p.id",
    "versions": "SELECT * FROM versions ORDER BY posting_id, version",
}


def columns(conn: sqlite3.Connection, table: Table) -> list[str]:
    """The names of the columns `rows` gives for `table`, in order."""
    return [d[0] for d in conn.execute(_QUERIES[table] + " LIMIT 0").description]


def rows(conn: sqlite3.Connection, table: Table) -> Iterator[dict[str, Any]]:
    """Every row of `table` in a stable order, JSON columns decoded."""
    cur = conn.execute(_QUERIES[table])
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
