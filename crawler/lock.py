"""One crawl at a time per archive: an exclusive `flock` on the database file itself.

The lock belongs to the file, not to the name it was reached by: a symlink, a hard
link, a relative path or `scrapy crawl` with its own ARCHIVE_DB all lock the same inode
and queue on one another. It is released when its process dies, however it dies: a
lock left by a killed crawl is simply taken by the next one.

Why no lock file beside it: two names of one archive would have two lock files.
Why `flock` and not `fcntl` locks: SQLite locks byte ranges of the same file with
`fcntl`, and on Linux the two kinds never interfere. But a process that closes *any*
descriptor of a file loses all its `fcntl` locks on it, SQLite's included, so the
descriptors opened here are never closed while the process lives: releasing unlocks,
and the next acquire in the process reuses the descriptor.
(On NFS, `flock` is emulated with `fcntl` locks and would block SQLite's readers; SQLite
in WAL mode needs a local file system anyway.)
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from archive.db import unwritable
from archive.readonly import read_only_media


class LockHeld(RuntimeError):
    """Another crawl holds the archive's lock."""


@dataclass
class _Held:
    fd: int
    count: int = 0  # acquisitions in this process not yet released


#: Descriptors of archive files by (device, inode), kept open for the process's life.
_FILES: dict[tuple[int, int], _Held] = {}


class CrawlLock:
    """The crawl lock of the archive at `db_path` (created empty when missing, so that
    there is a file to lock). Re-entrant within one process: the crawl command and the
    pipelines of its spiders all hold it; `first` says whether this acquisition took it
    from the system (and so should check the archive before writing)."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.first = False
        self._key: tuple[int, int] | None = None

    def acquire(self) -> None:
        held = _descriptor(self.path)
        if held.count == 0:
            try:
                fcntl.flock(held.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = lock_holder(self.path)
                who = f"pid {holder}" if holder else "another process"
                raise LockHeld(
                    f"Another crawl ({who}) is running on this archive ({self.path}). This "
                    "run did nothing; the next scheduled run will go ahead once it finishes."
                ) from None
            self.first = True
        held.count += 1
        self._key = _key_of(held.fd)

    def release(self) -> None:
        if self._key is None:
            return
        held = _FILES[self._key]
        held.count -= 1
        if held.count == 0:
            fcntl.flock(held.fd, fcntl.LOCK_UN)
        self._key = None

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _descriptor(path: Path) -> _Held:
    """The kept descriptor of the archive file at `path`, opened (and the file created
    empty) on first use."""
    try:
        key = _stat_key(path)
    except FileNotFoundError:
        key = None
    if key is not None and key in _FILES:
        return _FILES[key]
    reason = read_only_media(path)
    if reason:
        raise unwritable(path, reason)
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_CREAT without truncation: SQLite reads an empty file as a new database.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    key = _key_of(fd)
    if key in _FILES:  # created or renamed meanwhile under this name: keep one per file
        _FILES.setdefault((-1, fd), _Held(fd))  # never closed (see the module's note)
        return _FILES[key]
    _FILES[key] = _Held(fd)
    return _FILES[key]


def _stat_key(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _key_of(fd: int) -> tuple[int, int]:
    st = os.fstat(fd)
    return st.st_dev, st.st_ino


def lock_holder(path: str | Path) -> int | None:
    """The pid holding the crawl lock of the archive at `path`, from /proc/locks (Linux),
    or None when no process holds it or it cannot be told."""
    try:
        dev, ino = _stat_key(Path(path))
        with open("/proc/locks") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    wanted = (os.major(dev), os.minor(dev), ino)
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 4242 fd:01:131075 0 EOF"; blocked waiters show "->"
        if len(fields) < 6 or fields[1] != "FLOCK" or fields[3] != "WRITE":
            continue
        try:
            major, minor, inode = fields[5].split(":")
            found = (int(major, 16), int(minor, 16), int(inode))
        except ValueError:
            continue
        if found == wanted and fields[4].isdigit():
            return int(fields[4])
    return None


def crawl_running(path: str | Path) -> int | bool:
    """Whether a crawl holds the lock of the archive at `path`: its pid when known."""
    holder = lock_holder(path)
    if holder:
        return holder
    if not os.path.exists("/proc/locks"):  # no way to look: ask the lock itself
        lock = CrawlLock(path)
        try:
            lock.acquire()
        except LockHeld:
            return True
        lock.release()
    return False
