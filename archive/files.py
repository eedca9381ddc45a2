"""Descriptors of archive files, opened once per file and never closed.

A process that closes *any* descriptor of a file loses every POSIX (`fcntl`) lock it
holds on that file, the locks of its SQLite connections included: SQLite cannot know.
In WAL mode those locks are how a closing connection in another process learns it is
not the last one; without them it checkpoints and deletes the WAL and its index under
connections that still use them, and they then read a damaged database ("database disk
image is malformed", "disk I/O error"). So whatever reads an archive file outside SQLite
(its header, the crawl lock) uses the one descriptor kept here per file, by device and
inode, for the life of the process. That is one descriptor per archive file a process
touches.
"""

from __future__ import annotations

import os
from pathlib import Path

_KEPT: dict[tuple[int, int], int] = {}


def descriptor(path: str | Path, *, create: bool = False) -> int:
    """The kept read-only descriptor of the file at `path` (following symlinks); with
    `create`, the file is created empty first when missing (SQLite reads an empty file
    as a new database). FileNotFoundError when it is missing otherwise."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if not create:
            raise
        # Created and closed at once: nothing can have a lock on a file just created.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))
        st = os.stat(path)
    key = (st.st_dev, st.st_ino)
    if key not in _KEPT:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        found = os.fstat(fd)
        key = (found.st_dev, found.st_ino)  # what was opened, if the name moved meanwhile
        if key in _KEPT:
            _KEPT[(-1, fd)] = fd  # kept all the same: closing it would drop locks
        else:
            _KEPT[key] = fd
    return _KEPT[key]


def read_start(path: str | Path, size: int) -> bytes:
    """The first `size` bytes of the file at `path`, read through its kept descriptor."""
    return os.pread(descriptor(path), size, 0)
