"""Checks on an archive file that every crawl, failed or not, must leave true."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.integrity import check_archive


def check_consistency(db: Path) -> None:
    """The archive is intact: no version lost, duplicated or orphaned, and
    `jobarchive check` finds nothing wrong either."""
    report = check_archive(db)
    assert report.ok, report.problems
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every posting's current version exists, and versions are numbered 1..n
        assert conn.execute(
            "SELECT count(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM versions v "
            "WHERE v.posting_id = p.id AND v.version = p.current_version)"
        ).fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM (SELECT posting_id, max(version) AS m, count(*) AS n "
            "FROM versions GROUP BY posting_id) WHERE m != n"
        ).fetchone() == (0,)
        # no posting without its "new" event, no version without a posting
        assert conn.execute(
            "SELECT count(*) FROM postings p WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.posting_id = p.id AND e.event = 'new')"
        ).fetchone() == (0,)
        # no two versions of one posting with the same content one after the other, but
        # where a re-reading found the later one reads as the earlier (it then names no
        # changed field, and `changes` leaves it out)
        assert conn.execute(
            "SELECT count(*) FROM versions a JOIN versions b ON a.posting_id = b.posting_id "
            "AND b.version = a.version + 1 AND a.content_hash = b.content_hash "
            "AND b.changed_fields != '[]'"
        ).fetchone() == (0,)
    finally:
        conn.close()


def copy_archive(source: Path, target: Path) -> Path:
    """A consistent copy of the archive at `source`, by SQLite's backup API."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target
