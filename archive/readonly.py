"""Opening the archive for reading only: no byte of the file changes, and it works on
read-only media (a DVD, a read-only mount, a directory the reader may not write).

SQLite's `mode=ro` never writes the database, but in WAL mode it needs the `-shm` file
beside it, which it cannot create in a read-only directory ("unable to open database
file"). Nobody can be writing a file there either, so it is then opened `immutable`:
no locks and no `-shm` at all.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the SQLite file at `path` (which must exist)."""
    path = Path(path).absolute()
    conn = _connect(path, "mode=ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc) or writable_place(path.parent):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        log.warning(
            "%s is on read-only media with a %d-byte write-ahead log beside it that cannot "
            "be applied there: changes of the last crawl before the copy may be missing. "
            "Copy archives with `jobarchive backup`, which leaves no log behind.",
            path,
            wal.stat().st_size,
        )
    conn = _connect(path, "immutable=1")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    uri = f"file:{quote(str(path))}?{mode}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def writable_place(directory: Path) -> bool:
    """Whether files can be created in `directory`. A read-only mount says no even to
    root, which `os.access` alone would not for a directory that is only chmod -w."""
    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return False
    return os.access(directory, os.W_OK | os.X_OK)


def read_only_media(path: str | Path) -> str | None:
    """Why the archive at `path` cannot be written here, or None when it can."""
    path = Path(path).absolute()
    directory = path.parent
    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return f"{directory} is on a read-only file system"
    except OSError as exc:
        return f"{directory} cannot be read ({exc.strerror})"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"{directory} is not writable by this user"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is not writable by this user"
    return None
