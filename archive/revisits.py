"""When each detail page was last confirmed current, kept in the archive's `revisits`.

A row says: at `checked_at` the detail page at `url` was fetched (or answered 304, or
came back byte-identical) and its posting is archived as it read then, while its listing
row read as `listed_digest`. The revisit policy (crawler/revisit.py) decides from it
whether the next crawl must fetch the page again; what the digest covers is its concern.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RevisitState:
    """The last confirmation of one detail page, and its posting's state now."""

    listed_digest: str
    checked_at: str
    #: The posting's status in the archive ("open", "removed", ...), or None if the
    #: archive holds no such posting (its detail was checked but never stored).
    status: str | None
    #: The posting's closing date as the archive holds it (an ISO date), if any: the
    #: revisit policy looks at postings near their deadline more often.
    closing_date: str | None = None


def listed_digest(listed: dict[str, Any]) -> str:
    """A digest of what a listing showed of a posting, the same for equal dicts."""
    text = json.dumps(listed, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# A revisit record with its posting's state now, keyed by the page's URL and posting.
_STATES = (
    "SELECT r.url, r.source_key, r.listed_digest, r.checked_at, p.status, p.closing_date "
    "FROM revisits r "
    "LEFT JOIN postings p ON p.source = r.source AND p.source_key = r.source_key "
)


def revisit_state(
    conn: sqlite3.Connection, url: str, source: str, source_key: str
) -> RevisitState | None:
    """The last confirmation of `url` for posting `source_key`, or None if there is none
    (or the archive predates the `revisits` table)."""
    try:
        row = conn.execute(
            _STATES + "WHERE r.url = ? AND r.source = ? AND r.source_key = ?",
            (url, source, source_key),
        ).fetchone()
    except sqlite3.OperationalError:  # an archive not migrated yet knows nothing
        return None
    return RevisitState(*row[2:]) if row else None


def revisit_states(conn: sqlite3.Connection, source: str) -> list[tuple[str, str, RevisitState]]:
    """(url, source_key, state) of every page of `source` confirmed so far, as
    `revisit_state` reads each."""
    try:
        rows = conn.execute(_STATES + "WHERE r.source = ?", (source,)).fetchall()
    except sqlite3.OperationalError:  # an archive not migrated yet knows nothing
        return []
    return [(url, key, RevisitState(*rest)) for url, key, *rest in rows]


def record_checks(
    conn: sqlite3.Connection, checks: Iterable[tuple[str, str, str, str, str]]
) -> int:
    """Record confirmations as (url, source, source_key, listed_digest, checked_at);
    returns how many were written."""
    rows = list(checks)
    conn.executemany(
        "INSERT INTO revisits (url, source, source_key, listed_digest, checked_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET source = excluded.source, "
        "source_key = excluded.source_key, listed_digest = excluded.listed_digest, "
        "checked_at = excluded.checked_at",
        rows,
    )
    return len(rows)
