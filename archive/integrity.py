"""Is the archive file whole? Checks run before a crawl writes, and by `jobarchive check`.

SQLite keeps no checksums of its pages, so a file damaged on disk (a bad sector, a copy
cut short, bytes written by another program) is only found by reading it. Writing into a
damaged B-tree spreads the damage and can lose rows that were still readable, so a crawl
reads the whole file first (`PRAGMA quick_check`: every page and B-tree, without the
index-to-table comparison of the full `integrity_check`) and refuses a damaged file
before changing a byte of it. BENCHMARKS.md states what that costs on a large archive.

`check_archive` adds the archive's own rules, which SQLite cannot know: versions
numbered 1..n, the postings row equal to its current version, bodies matching their
hashes, and no posting marked removed although a later listing showed it.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zstandard

from .bodies import decode
from .files import read_start
from .readonly import connect_readonly

_MAGIC = b"SQLite format 3\x00"
#: Problems listed per kind; more are counted, not shown.
SHOWN = 10
#: Fields the postings row copies from its current version (the url may move alone).
_MIRRORED = (
    "title", "organization", "location", "country", "grade", "contract_type",
    "job_number", "posted_date", "closing_date", "categories",
)  # fmt: skip


@dataclass
class Problem:
    kind: str  # "sqlite", "versions", "current", "body", "removed"
    detail: str


@dataclass
class Report:
    """What `check_archive` found, and how much it looked at."""

    problems: list[Problem] = field(default_factory=list)
    counted: dict[str, int] = field(default_factory=dict)  # kind -> problems found
    checked: dict[str, int] = field(default_factory=dict)  # "postings" -> how many
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.counted

    def add(self, kind: str, detail: str) -> None:
        self.counted[kind] = self.counted.get(kind, 0) + 1
        if self.counted[kind] <= SHOWN:
            self.problems.append(Problem(kind, detail))


def header_problem(path: str | Path) -> str | None:
    """What is wrong with the file's SQLite header, or None (also for an empty file,
    which SQLite reads as a new database). Read with plain file I/O: nothing is written.

    Read through the file's kept descriptor (archive/files.py), so that reading it
    never drops the locks of this process's SQLite connections to it."""
    path = Path(path)
    header = read_start(path, 100)
    size = path.stat().st_size
    if not header:
        return None
    if len(header) < 100 or not header.startswith(_MAGIC):
        return "it does not start with an SQLite header (not an archive, or overwritten)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"its header states an impossible page size ({page_size})"
    if size % page_size:
        return (
            f"its size ({size} bytes) is not a whole number of {page_size}-byte pages (cut short?)"
        )
    return None


def quick_problems(path: str | Path, limit: int = SHOWN) -> list[str]:
    """SQLite's `quick_check` of every page and B-tree, read-only: [] when whole."""
    problem = header_problem(path)
    if problem:
        return [problem]
    conn = connect_readonly(path)
    try:
        rows = conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def check_archive(path: str | Path, progress: Callable[[str], None] | None = None) -> Report:
    """The full check: SQLite's `integrity_check`, then the archive's own rules."""
    started = time.perf_counter()
    report = Report()
    say = progress or (lambda _message: None)
    problem = header_problem(path)
    if problem:
        report.add("sqlite", problem)
        report.seconds = time.perf_counter() - started
        return report
    conn = connect_readonly(path)
    try:
        say("SQLite integrity_check (every page, B-tree and index)")
        try:
            rows = conn.execute(f"PRAGMA integrity_check({SHOWN})").fetchall()
        except sqlite3.DatabaseError as exc:
            rows = [(str(exc),)]
        for (message,) in rows:
            if message != "ok":
                report.add("sqlite", str(message))
        if report.ok:  # the archive's rules read rows a damaged file may not give back
            for name, rule in _RULES:
                say(name)
                try:
                    rule(conn, report)
                except sqlite3.DatabaseError as exc:
                    report.add("sqlite", f"{name}: {exc}")
    finally:
        conn.close()
    report.seconds = time.perf_counter() - started
    return report


def _version_numbers(conn: sqlite3.Connection, report: Report) -> None:
    rows = conn.execute(
        "SELECT p.id, p.source, p.source_key, p.current_version, count(v.id), "
        "min(v.version), max(v.version), count(DISTINCT v.version) "
        "FROM postings p LEFT JOIN versions v ON v.posting_id = p.id GROUP BY p.id"
    )
    checked = 0
    for posting_id, source, key, current, count, low, high, distinct in rows:
        checked += 1
        name = f"{source}:{key}"
        if not count:
            report.add("versions", f"{name} has no version")
        elif low != 1 or high != count or distinct != count:
            report.add(
                "versions",
                f"{name} has versions numbered {_numbers(conn, posting_id)}, not 1..{count}",
            )
        elif current != high:
            report.add("versions", f"{name}: current version is {current}, its last is v{high}")
    report.checked["postings"] = checked


def _numbers(conn: sqlite3.Connection, posting_id: int) -> str:
    numbers = [
        n
        for (n,) in conn.execute(
            "SELECT version FROM versions WHERE posting_id = ? ORDER BY version", (posting_id,)
        )
    ]
    shown = ", ".join(f"v{n}" for n in numbers[:8])
    return shown + (", ..." if len(numbers) > 8 else "")


def _current_rows(conn: sqlite3.Connection, report: Report) -> None:
    differs = " OR ".join(f"p.{name} IS NOT v.{name}" for name in _MIRRORED)
    rows = conn.execute(
        f"SELECT p.source, p.source_key, {', '.join(f'p.{n}, v.{n}' for n in _MIRRORED)}, "
        "p.status, v.status FROM postings p JOIN versions v "
        "ON v.posting_id = p.id AND v.version = p.current_version "
        f"WHERE {differs} OR (p.status != 'removed' AND p.status IS NOT v.status)"
    )
    for row in rows:
        source, key, *pairs = row
        names = [*_MIRRORED, "status"]
        wrong = [
            name
            for i, name in enumerate(names)
            if pairs[2 * i] != pairs[2 * i + 1]
            and not (name == "status" and pairs[2 * i] == "removed")
        ]
        report.add(
            "current",
            f"{source}:{key}: the postings row differs from its current version in "
            + ", ".join(wrong),
        )


def _bodies(conn: sqlite3.Connection, report: Report) -> None:
    checked = 0
    columns = {row[1] for row in conn.execute("PRAGMA table_info(bodies)")}
    # An archive from before per-source dictionaries has no such column: none is used.
    dictionary = "dictionary" if "dictionary" in columns else "NULL"
    for digest, size, compression, content, used in _rows(
        conn, f"SELECT hash, size, compression, content, {dictionary} FROM bodies"
    ):
        checked += 1
        try:
            body = decode(conn, compression, content, used)
        except zstandard.ZstdError as exc:
            report.add("body", f"body {digest[:12]} does not decompress ({exc})")
            continue
        except KeyError:
            report.add("body", f"body {digest[:12]}: its dictionary {used} is not stored")
            continue
        if hashlib.sha256(body).hexdigest() != digest:
            report.add("body", f"body {digest[:12]}: its content does not match its hash")
        elif size is not None and size != len(body):
            report.add("body", f"body {digest[:12]}: {len(body)} bytes, recorded as {size}")
    missing = conn.execute(
        "SELECT count(*) FROM versions v WHERE v.body_hash IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM bodies b WHERE b.hash = v.body_hash)"
    ).fetchone()[0]
    if missing:
        report.add("body", f"{missing} versions name a body that is not stored")
    report.checked["bodies"] = checked


def _rows(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[Any, ...]]:
    """Rows one at a time: the bodies table is the bulk of the file."""
    cursor = conn.execute(sql)
    while batch := cursor.fetchmany(200):
        yield from batch


def _removed(conn: sqlite3.Connection, report: Report) -> None:
    # A listing that shows a posting moves its last_seen_at; one marked removed and then
    # listed again is reopened at once. So a removed posting seen after its removal was
    # removed although a listing showed it (or its reopening was lost).
    rows = conn.execute(
        "SELECT source, source_key, removed_at, last_seen_at FROM postings "
        "WHERE status = 'removed' AND (removed_at IS NULL OR last_seen_at > removed_at)"
    )
    for source, key, removed_at, seen in rows:
        if removed_at is None:
            report.add("removed", f"{source}:{key} is removed but has no removal time")
        else:
            report.add(
                "removed",
                f"{source}:{key} is marked removed ({removed_at}) but a listing showed it "
                f"later ({seen})",
            )
    without_event = conn.execute(
        "SELECT count(*) FROM postings p WHERE p.status = 'removed' AND NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.posting_id = p.id AND e.event = 'removed')"
    ).fetchone()[0]
    if without_event:
        report.add("removed", f"{without_event} removed postings have no 'removed' event")


_RULES: list[tuple[str, Callable[[sqlite3.Connection, Report], None]]] = [
    ("versions numbered 1..n", _version_numbers),
    ("postings rows equal to their current versions", _current_rows),
    ("bodies matching their hashes", _bodies),
    ("removed postings not listed since", _removed),
]
