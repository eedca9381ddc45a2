"""Opening an archive file: pragmas, migrations, and clear errors for bad files.

Reading opens the file read-only (archive/readonly.py) and never changes a byte of it,
not even the header fields SQLite rewrites when a writer sets the journal mode. Writing
reads the file before it writes, so that a file that is no SQLite database is refused
untouched.

The file is only ever opened through SQLite here, or read through its kept descriptor
(archive/files.py): closing any other descriptor of it would drop the POSIX locks of
this process's SQLite connections to it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .errors import ArchiveError, DamagedArchive, OutdatedArchive, UnwritableArchive
from .integrity import header_problem, quick_problems
from .migrations import migrations
from .readonly import connect_readonly, read_only_media

# Writers wait this long for one another; readers never wait in WAL mode.
BUSY_TIMEOUT_MS = 30_000


def open_database(path: str | Path, *, create: bool = True, readonly: bool = False) -> Database:
    """Open the archive at `path`: read-only, or for writing (creating or upgrading it
    when `create`).

    WAL mode lets datasette or sqlite3 read while a crawl writes. The connection is in
    autocommit mode; `archive.store` opens its own transactions.
    """
    path = Path(path)
    if (readonly or not create) and not path.exists():
        raise ArchiveError(
            f"No archive at {path}. Run `jobarchive crawl` to create one, "
            "or point --db at an existing archive."
        )
    if readonly:
        return _open_readonly(path)
    reason = read_only_media(path)
    if reason:
        raise unwritable(path, reason)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Read before any write: a file that is no SQLite database fails here, before
        # setting the journal mode rewrites bytes of its header.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise explain(path, exc) from exc
    return db


def check_before_writing(path: str | Path) -> None:
    """Raise `DamagedArchive` unless SQLite's quick_check reads the whole file (when it
    exists and is not empty): run by a crawl once it holds the lock, before any write."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return
    problem = header_problem(path)
    if problem:
        raise damaged(path, problem)
    try:
        problems = quick_problems(path)
    except sqlite3.DatabaseError as exc:
        raise explain(path, exc) from exc
    if problems:
        shown = "; ".join(problems[:3])
        if len(problems) > 3:
            shown += f" (and {len(problems) - 3} more)"
        raise damaged(path, f"SQLite's quick_check found {shown}")


def _open_readonly(path: Path) -> Database:
    try:
        conn = connect_readonly(path)
        db = Database(conn)
        pending = migrations.pending(db)
    except sqlite3.DatabaseError as exc:
        raise explain(path, exc) from exc
    if pending and not migrations.applied(db):
        conn.close()
        raise ArchiveError(
            f"{path} is an SQLite file but not a jobarchive archive (no record of its "
            "schema). Point --db at an archive made by `jobarchive crawl`."
        )
    if pending:
        conn.close()
        raise OutdatedArchive(
            f"{path} was written by an older jobarchive: its schema lacks "
            f"{', '.join(m.name for m in pending)}. Run `jobarchive --db {path} upgrade` "
            "once (or let the next crawl upgrade it), then run this command again."
        )
    return db


def unwritable(path: Path, reason: str) -> UnwritableArchive:
    return UnwritableArchive(
        f"Cannot write the archive {path}: {reason}. Nothing was changed. Reading "
        "commands (history, diff, export, serve) work on it where it is; to crawl, "
        "copy it to writable storage (`jobarchive --db ARCHIVE backup COPY`) and "
        "point --db at the copy."
    )


def damaged(path: Path, problem: str) -> DamagedArchive:
    return DamagedArchive(
        f"{path} is damaged: {problem}. Nothing was changed. `jobarchive --db {path} check` "
        f"says what is wrong; to recover what is readable: `sqlite3 {path} .recover | "
        "sqlite3 recovered.db`, then `jobarchive --db recovered.db check` and point --db "
        "at it. Restore from a backup (`jobarchive backup`) if you have one."
    )


def explain(path: Path, exc: sqlite3.DatabaseError) -> ArchiveError:
    """A database error as a message saying what to do."""
    message = str(exc)
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return damaged(path, f"SQLite says {message!r}")
    if "locked" in message or "busy" in message:
        return ArchiveError(
            f"{path} is locked by another program ({message}). Wait for it to finish and try again."
        )
    if "readonly" in message or "read-only" in message:
        return UnwritableArchive(
            f"Cannot write the archive {path} ({message}). Check the file's permissions "
            "and the file system; nothing was changed."
        )
    if "disk is full" in message or "disk I/O error" in message:
        return ArchiveError(
            f"Cannot write the archive {path}: {message}. Free space on its disk (or move "
            "it); the last completed writes are kept."
        )
    if "unable to open" in message:
        return ArchiveError(
            f"Cannot open the archive {path} ({message}): check that its directory exists "
            "and can be read."
        )
    return ArchiveError(f"Cannot use the archive {path}: {message}")
