"""Reading a posting's history: its versions and its events, and the postings that
changed lately. Finding a posting from what a person typed is archive/find.py's."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from .find import AmbiguousPosting, resolve_posting
from .snapshot import CONTENT_FIELDS

__all__ = [
    "AmbiguousPosting",
    "Event",
    "RecentChange",
    "Version",
    "events",
    "recent_changes",
    "resolve_posting",
    "versions",
]

# Version columns read as they are; categories and extra are JSON, text stands apart.
_PLAIN_FIELDS = ("url", *(f for f in CONTENT_FIELDS if f not in ("categories", "extra", "text")))


@dataclass
class Version:
    posting_id: int
    version: int
    fetched_at: str
    run_id: int | None
    content_hash: str
    changed_fields: list[str]
    fields: dict[str, Any]  # url, the content fields, and extra as a dict
    text: str
    #: How its fields were read from its body ("unicef 2; reading 1"), when recorded.
    extraction: str | None = None
    #: Each time a newer extraction read its body differently: "when: what", oldest first.
    rereadings: list[str] = field(default_factory=list)


@dataclass
class Event:
    at: str
    event: str
    version: int | None
    run_id: int | None
    note: str | None = None


def versions(conn: sqlite3.Connection, posting_id: int) -> list[Version]:
    cur = conn.execute(
        "SELECT * FROM versions WHERE posting_id = ? ORDER BY version", (posting_id,)
    )
    names = [d[0] for d in cur.description]
    rereadings: dict[int, list[str]] = {}
    for version, at, note in conn.execute(
        "SELECT version, at, note FROM events WHERE posting_id = ? AND event = 'reextracted' "
        "ORDER BY id",
        (posting_id,),
    ):
        rereadings.setdefault(version, []).append(f"{at}: {note}")
    out = []
    for raw in cur.fetchall():
        row = dict(zip(names, raw, strict=True))
        fields = {k: row[k] for k in _PLAIN_FIELDS}
        fields["categories"] = json.loads(row["categories"]) if row["categories"] else []
        fields["extra"] = json.loads(row["extra"]) if row["extra"] else {}
        out.append(
            Version(
                posting_id=posting_id,
                version=row["version"],
                fetched_at=row["fetched_at"],
                run_id=row["run_id"],
                content_hash=row["content_hash"],
                changed_fields=json.loads(row["changed_fields"]),
                fields=fields,
                text=row["text"],
                extraction=row.get("extraction"),
                rereadings=rereadings.get(row["version"], []),
            )
        )
    return out


def events(conn: sqlite3.Connection, posting_id: int, since: str | None = None) -> list[Event]:
    """The posting's events in order; with `since` (an ISO date or instant), only those
    at or after it."""
    after = " AND julianday(at) >= julianday(?)" if since else ""
    rows = conn.execute(
        "SELECT at, event, version, run_id, note FROM events WHERE posting_id = ?"
        f"{after} ORDER BY id",
        (posting_id, since) if since else (posting_id,),
    ).fetchall()
    return [Event(*row) for row in rows]


@dataclass
class RecentChange:
    """A posting and what happened to it last: the events of that moment, in that run (a
    posting back on its site with edits is "reopened" and "changed" at once) and, when
    it changed, which fields."""

    posting_id: int
    source: str
    source_key: str
    title: str | None
    status: str
    current_version: int
    at: str
    events: list[str]
    changed_fields: list[str]


# The postings' last events, newest first; a re-reading by a newer extraction is no edit
# of the posting, so it is passed over ({since} and {within} filled in by the caller).
_RECENT = """
WITH latest AS (
    SELECT posting_id, max(id) AS event_id FROM events
    WHERE event != 'reextracted'{since}
    GROUP BY posting_id
)
SELECT p.id, p.source, p.source_key, p.title, p.status, p.current_version, e.at, e.run_id
FROM latest
JOIN events e ON e.id = latest.event_id
JOIN postings p ON p.id = e.posting_id
WHERE 1{within}
ORDER BY julianday(e.at) DESC, e.id DESC
"""


def recent_changes(
    conn: sqlite3.Connection,
    *,
    limit: int | None = None,
    since: str | None = None,
    sources: Collection[str] = (),
) -> list[RecentChange]:
    """The postings whose last event (new, changed, removed or reopened) is the most
    recent, newest first: at most `limit`, at or after `since` (an ISO date or instant),
    of `sources` (all when empty)."""
    params: list[Any] = []
    since_sql = ""
    if since:
        since_sql = " AND julianday(at) >= julianday(?)"
        params.append(since)
    within = ""
    if sources:
        within = f" AND p.source IN ({', '.join('?' * len(sources))})"
        params.extend(sources)
    query = _RECENT.format(since=since_sql, within=within)
    if limit is not None:
        query += " LIMIT ?"
        params.append(limit)
    out = []
    for pid, source, key, title, status, current, at, run in conn.execute(query, params).fetchall():
        kinds: list[str] = []
        fields: list[str] = []
        for kind, changed in conn.execute(
            "SELECT e.event, v.changed_fields FROM events e LEFT JOIN versions v "
            "ON e.event = 'changed' AND v.posting_id = e.posting_id AND v.version = e.version "
            "WHERE e.posting_id = ? AND e.at = ? AND e.run_id IS ? AND e.event != 'reextracted' "
            "ORDER BY e.id",
            (pid, at, run),
        ):
            kinds.append(kind)
            if changed:
                fields.extend(f for f in json.loads(changed) if f not in fields)
        out.append(RecentChange(pid, source, key, title, status, current, at, kinds, fields))
    return out
