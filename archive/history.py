"""Reading a posting's history: finding it, its versions and its events."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .errors import PostingNotFound
from .snapshot import CONTENT_FIELDS

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


def resolve_posting(conn: sqlite3.Connection, ref: str | int) -> dict[str, Any]:
    """Find a posting by numeric id, `source:source_key`, or URL; return its row."""
    text = str(ref).strip()
    row = None
    if text.isdigit():
        row = _posting_where(conn, "id = ?", (int(text),))
    elif "://" in text:
        row = _posting_where(conn, "url = ?", (text,))
        if row is None:
            hit = conn.execute(
                "SELECT posting_id FROM versions WHERE url = ? ORDER BY id DESC LIMIT 1", (text,)
            ).fetchone()
            if hit:
                row = _posting_where(conn, "id = ?", (hit[0],))
    elif ":" in text:
        source, key = text.split(":", 1)
        row = _posting_where(conn, "source = ? AND source_key = ?", (source, key))
    if row is None:
        raise PostingNotFound(
            f"No posting matches {text!r}. Give its numeric id, source:source_key "
            "(for example unicef:577857) or its URL; `jobarchive history` lists what is archived."
        )
    return row


def _posting_where(
    conn: sqlite3.Connection, where: str, params: tuple[Any, ...]
) -> dict[str, Any] | None:
    cur = conn.execute(f"SELECT * FROM postings WHERE {where} LIMIT 1", params)
    found = cur.fetchone()
    if found is None:
        return None
    return dict(zip([d[0] for d in cur.description], found, strict=True))


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


def events(conn: sqlite3.Connection, posting_id: int) -> list[Event]:
    rows = conn.execute(
        "SELECT at, event, version, run_id, note FROM events WHERE posting_id = ? ORDER BY id",
        (posting_id,),
    ).fetchall()
    return [Event(*row) for row in rows]
