"""What crawls learned about each source's pages as a whole, kept in the archive.

`site_lines` counts, per source and line shape, the postings that carried the line
and up to `MAX_ORGANIZATIONS` of their organizations; `site_lines_learned` names the
postings already counted, so that each is counted once however often it is fetched.
What the counts mean, and what is dropped because of them, is crawler/sitelines.py's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Organizations kept per line: enough to tell "several employers" from one.
MAX_ORGANIZATIONS = 5


@dataclass
class LineCounts:
    """One source's learned lines: shape -> postings carrying it, and their employers."""

    source: str
    postings: int = 0
    shapes: dict[str, int] = field(default_factory=dict)
    organizations: dict[str, set[str]] = field(default_factory=dict)
    learned: set[str] = field(default_factory=set)
    #: Keys counted since loading, and the shapes whose counts moved: what `save` writes.
    new_keys: set[str] = field(default_factory=set)
    dirty: set[str] = field(default_factory=set)

    def add(self, key: str, organization: str | None, shapes: Iterable[str]) -> bool:
        """Count one posting's shapes, once per posting; False if it was counted before."""
        if key in self.learned:
            return False
        self.learned.add(key)
        self.new_keys.add(key)
        self.postings += 1
        for shape in set(shapes):
            self.shapes[shape] = self.shapes.get(shape, 0) + 1
            orgs = self.organizations.setdefault(shape, set())
            if organization and len(orgs) < MAX_ORGANIZATIONS:
                orgs.add(organization)
            self.dirty.add(shape)
        return True


def load_line_counts(conn: sqlite3.Connection, source: str) -> LineCounts:
    """The source's learned lines (empty for a source never learned from)."""
    counts = LineCounts(source)
    counts.learned = {
        key
        for (key,) in conn.execute(
            "SELECT source_key FROM site_lines_learned WHERE source = ?", (source,)
        )
    }
    counts.postings = len(counts.learned)
    for shape, postings, organizations in conn.execute(
        "SELECT shape, postings, organizations FROM site_lines WHERE source = ?", (source,)
    ):
        counts.shapes[shape] = postings
        counts.organizations[shape] = set(json.loads(organizations))
    return counts


def save_line_counts(conn: sqlite3.Connection, counts: LineCounts) -> None:
    """Write what was counted since loading (inside the caller's transaction)."""
    conn.executemany(
        "INSERT OR IGNORE INTO site_lines_learned (source, source_key) VALUES (?, ?)",
        [(counts.source, key) for key in sorted(counts.new_keys)],
    )
    conn.executemany(
        "INSERT INTO site_lines (source, shape, postings, organizations) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (source, shape) DO UPDATE SET postings = excluded.postings, "
        "organizations = excluded.organizations",
        [
            (
                counts.source,
                shape,
                counts.shapes[shape],
                json.dumps(sorted(counts.organizations.get(shape, ()))),
            )
            for shape in sorted(counts.dirty)
        ],
    )
    counts.new_keys.clear()
    counts.dirty.clear()


def source_postings(
    conn: sqlite3.Connection, source: str
) -> list[tuple[str, str | None, str | None, str | None]]:
    """Every archived posting of the source: key, title, organization, location."""
    return conn.execute(
        "SELECT source_key, title, organization, location FROM postings WHERE source = ?",
        (source,),
    ).fetchall()
