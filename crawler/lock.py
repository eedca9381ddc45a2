"""One crawl at a time per archive: an exclusive `flock` on the database file itself.

The lock belongs to the file, not to the name it was reached by: a symlink, a hard
link, a relative path or `scrapy crawl` with its own ARCHIVE_DB all lock the same inode
and queue on one another. It is released when its process dies, however it dies: a
lock left by a killed crawl is simply taken by the next one.

Why no lock file beside it: two names of one archive would have two lock files.
Why `flock` and not `fcntl` locks: SQLite locks byte ranges of the same file with
`fcntl`, and on Linux the two kinds never interfere. The lock is taken on the file's
kept descriptor (archive/files.py), which is never closed: releasing unlocks it.
(On NFS, `flock` is emulated with `fcntl` locks and would block SQLite's readers; SQLite
in WAL mode needs a local file system anyway.)
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from archive.db import unwritable
from archive.files import descriptor
from archive.readonly import read_only_media


class LockHeld(RuntimeError):
    """Another crawl holds the archive's lock."""


#: Acquisitions in this process not yet released, by the file's (device, inode).
_COUNTS: dict[tuple[int, int], int] = {}


class CrawlLock:
    """The crawl lock of the archive at `db_path` (created empty when missing, so that
    there is a file to lock). Re-entrant within one process: the crawl command and the
    pipelines of its spiders all hold it; `first` says whether this acquisition took it
    from the system (and so should check the archive before writing)."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.first = False
        self._key: tuple[int, int] | None = None
        self._fd = -1

    def acquire(self) -> None:
        reason = read_only_media(self.path)
        if reason:
            raise unwritable(self.path, reason)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = descriptor(self.path, create=True)
        key = _key_of(fd)
        if not _COUNTS.get(key):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = lock_holder(self.path)
                who = f"pid {holder}" if holder else "another process"
                raise LockHeld(
                    f"Another crawl ({who}) is running on this archive ({self.path}). This "
                    "run did nothing; the next scheduled run will go ahead once it finishes."
                ) from None
            self.first = True
        _COUNTS[key] = _COUNTS.get(key, 0) + 1
        self._key = key
        self._fd = fd

    def release(self) -> None:
        if self._key is None:
            return
        _COUNTS[self._key] -= 1
        if _COUNTS[self._key] == 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)  # the descriptor stays open: see above
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
