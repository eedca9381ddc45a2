"""Figure 4: archive bytes per posting-version, against raw HTML and a gzip WARC.

The WARC holds the same responses the archive keeps, one response record (with its
HTTP headers) per posting-version, as `warcio` writes them with gzip=True. That is the
fair comparison: what a WARC-based archiver would keep for the same versions. What a
naive archiver keeps (every fetch of every crawl) is reported too.
"""

from __future__ import annotations

import sqlite3
from email.utils import formatdate
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.bodies import get_body

from .measure import ratio


def _warc_record_sizes(conn: sqlite3.Connection, path: Path) -> dict[int, int]:
    """Write every version's response to a WARC.gz; bytes of each record, by version id."""
    sizes: dict[int, int] = {}
    rows = conn.execute(
        "SELECT id, url, body_hash, content_type, http_status, fetched_at FROM versions "
        "WHERE body_hash IS NOT NULL ORDER BY id"
    ).fetchall()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for version_id, url, digest, content_type, status, _fetched in rows:
            body = get_body(conn, digest)
            headers = StatusAndHeaders(
                f"{status or 200} OK",
                [
                    ("Server", "mocksite"),
                    ("Date", formatdate(usegmt=True)),
                    ("Content-Type", content_type or "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            before = out.tell()
            writer.write_record(record)
            sizes[version_id] = out.tell() - before
    return sizes


def _table_bytes(conn: sqlite3.Connection) -> dict[str, int]:
    """Bytes per table and index (dbstat), FTS shadow tables summed under one name."""
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return {}
    out: dict[str, int] = {}
    for name, size in rows:
        key = "postings_fts (all shadow tables)" if name.startswith("postings_fts") else name
        out[key] = out.get(key, 0) + int(size)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def run(db: Path, work: Path) -> dict[str, Any]:
    compact = work / "archive-vacuumed.db"
    compact.unlink(missing_ok=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"VACUUM INTO '{compact}'")
    conn.close()
    conn = sqlite3.connect(compact)
    try:
        versions, postings = conn.execute(
            "SELECT (SELECT count(*) FROM versions), (SELECT count(*) FROM postings)"
        ).fetchone()
        raw_bytes = conn.execute(
            "SELECT coalesce(sum(b.size), 0) FROM versions v JOIN bodies b ON b.hash = v.body_hash"
        ).fetchone()[0]
        bodies_raw, bodies_zstd, text_bytes = conn.execute(
            "SELECT (SELECT sum(size) FROM bodies), (SELECT sum(length(content)) FROM bodies), "
            "(SELECT sum(length(CAST(text AS BLOB))) FROM versions)"
        ).fetchone()
        sizes = _warc_record_sizes(conn, work / "versions.warc.gz")
        # Every detail fetch of the three crawls: the first and the unchanged recrawl
        # fetched every version 1; the last crawl fetched each posting's current version.
        first_ids = [r[0] for r in conn.execute("SELECT id FROM versions WHERE version = 1")]
        current_ids = [
            r[0]
            for r in conn.execute(
                "SELECT v.id FROM versions v JOIN postings p "
                "ON p.id = v.posting_id AND p.current_version = v.version"
            )
        ]
        tables = _table_bytes(conn)
    finally:
        conn.close()
    archive_bytes = compact.stat().st_size
    warc_bytes = sum(sizes.values())
    warc_all = 2 * sum(sizes.get(i, 0) for i in first_ids) + sum(
        sizes.get(i, 0) for i in current_ids
    )
    per = max(1, versions)
    return {
        "postings": postings,
        "versions": versions,
        "archive_bytes": archive_bytes,
        "raw_html_bytes": raw_bytes,
        "warc_gz_bytes": warc_bytes,
        "warc_gz_all_fetches_bytes": warc_all,
        "archive_bytes_per_version": round(archive_bytes / per),
        "raw_html_bytes_per_version": round(raw_bytes / per),
        "warc_gz_bytes_per_version": round(warc_bytes / per),
        "bodies_zstd_ratio": ratio(bodies_zstd, bodies_raw),
        "text_bytes_per_version": round((text_bytes or 0) / per),
        "table_bytes": tables,
        "ratios": {
            "archive_vs_raw": ratio(archive_bytes, raw_bytes),
            "archive_vs_warc_gz": ratio(archive_bytes, warc_bytes),
            "archive_vs_warc_gz_all_fetches": ratio(archive_bytes, warc_all),
            "warc_gz_vs_raw": ratio(warc_bytes, raw_bytes),
        },
    }
