"""Opening an archive file: pragmas, migrations, and clear errors for bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .errors import ArchiveError
from .migrations import migrations

# Writers wait this long for one another; readers never wait in WAL mode.
BUSY_TIMEOUT_MS = 30_000


def open_database(path: str | Path, *, create: bool = True) -> Database:
    """Open (and, when `create`, create or upgrade) the archive at `path`.

    WAL mode lets datasette or sqlite3 read while a crawl writes. The connection is in
    autocommit mode; `archive.store` opens its own transactions.
    """
    path = Path(path)
    if not create and not path.exists():
        raise ArchiveError(
            f"No archive at {path}. Run `jobarchive crawl` to create one, "
            "or point --db at an existing archive."
        )
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise _explain(path, exc) from exc
    return db


def _explain(path: Path, exc: sqlite3.DatabaseError) -> ArchiveError:
    message = str(exc)
    if "not a database" in message or "malformed" in message:
        return ArchiveError(
            f"{path} is not a readable SQLite archive ({message}). Nothing was changed. "
            f"If it is a damaged archive, try `sqlite3 {path} .recover | sqlite3 recovered.db` "
            "and point --db at the result; otherwise choose another --db path."
        )
    if "locked" in message or "busy" in message:
        return ArchiveError(
            f"{path} is locked by another program ({message}). Wait for it to finish and try again."
        )
    return ArchiveError(f"Cannot open the archive {path}: {message}")
