"""Figure 4: archive bytes per posting-version, against raw HTML and a gzip WARC.

The WARC holds the same responses the archive keeps, one response record (with its
HTTP headers) per posting-version, as `warcio` writes them with gzip=True. That is the
fair comparison: what a WARC-based archiver would keep for the same versions. What a
naive archiver keeps (every fetch of every crawl) is reported too.

"Before" is the same archive with every body compressed alone, as the archive stored
bodies before per-source dictionaries (archive/bodies.py): same rows, one run. `by_weight`
repeats the comparison on pages of the real pages' chrome weights (their quartiles and
heaviest site, benchmarks/sitegen.py), stored through `Archive.store` for two sources.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import statistics
import time
from email.utils import formatdate
from io import BytesIO
from pathlib import Path
from typing import Any

import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import archive.store
from archive import Archive, Snapshot
from archive.bodies import _LEVEL, get_body

from .measure import ratio
from .sitegen import RealWeightSite, change_postings, generate_postings, page_shape


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


def _vacuumed(db: Path, into: Path) -> Path:
    into.unlink(missing_ok=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"VACUUM INTO '{into}'")
    conn.close()
    return into


def _before(compact: Path, work: Path) -> dict[str, Any]:
    """The archive's bytes with every body compressed alone, as before dictionaries."""
    copy = work / "archive-before.db"
    shutil.copyfile(compact, copy)
    alone = zstandard.ZstdCompressor(level=_LEVEL)
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("BEGIN")
        digests = [
            r[0] for r in conn.execute("SELECT hash FROM bodies WHERE dictionary IS NOT NULL")
        ]
        for digest in digests:
            conn.execute(
                "UPDATE bodies SET compression = 'zstd', content = ?, dictionary = NULL "
                "WHERE hash = ?",
                (alone.compress(get_body(conn, digest)), digest),
            )
        conn.execute("DELETE FROM body_dictionaries")
        conn.execute("COMMIT")
        tables = _table_bytes(conn)
    finally:
        conn.close()
    vacuumed = _vacuumed(copy, work / "archive-before-vacuumed.db")
    out = {"archive_bytes": vacuumed.stat().st_size, "table_bytes": tables}
    copy.unlink()
    vacuumed.unlink()
    return out


def run(db: Path, work: Path) -> dict[str, Any]:
    compact = _vacuumed(db, work / "archive-vacuumed.db")
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
        dictionaries = conn.execute(
            "SELECT count(*), coalesce(sum(length(content)), 0) FROM body_dictionaries"
        ).fetchone()
    finally:
        conn.close()
    before = _before(compact, work)
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
        "dictionaries": {"count": dictionaries[0], "bytes": dictionaries[1]},
        "before": {
            **before,
            "archive_bytes_per_version": round(before["archive_bytes"] / per),
            "archive_vs_warc_gz": ratio(before["archive_bytes"], warc_bytes),
        },
        "ratios": {
            "archive_vs_raw": ratio(archive_bytes, raw_bytes),
            "archive_vs_warc_gz": ratio(archive_bytes, warc_bytes),
            "archive_vs_warc_gz_all_fetches": ratio(archive_bytes, warc_all),
            "warc_gz_vs_raw": ratio(warc_bytes, raw_bytes),
            "archive_vs_before": ratio(archive_bytes, before["archive_bytes"]),
        },
    }


#: The second source of `by_weight`'s archives: another site, its own chrome.
OTHER_SOURCE = "unicef-other"


def by_weight(work: Path, per_source: int) -> dict[str, Any]:
    """Archive against WARC.gz, before and after, on pages of the real pages' weights.

    For each weight (the real sites' chrome: lower quartile, median, upper quartile,
    heaviest), an archive of two sources, `per_source` postings each, every posting
    stored once, then 5% of them changed and stored again, as the crawls do.
    """
    shape = page_shape()
    q1, q2, q3 = shape.chrome_quartiles
    weights = {
        "lower quartile": q1,
        "median": q2,
        "upper quartile": q3,
        "heaviest": shape.chrome_max,
    }
    out: dict[str, Any] = {}
    for label, chrome in weights.items():
        db = work / f"weight-{chrome}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        weighted = dataclasses.replace(shape, chrome_bytes=chrome)
        pages = []
        with Archive(db) as archive:
            for n, source in enumerate(("unicef", OTHER_SOURCE)):
                postings = generate_postings(per_source, seed=31 + n, shape=weighted)
                site = RealWeightSite(postings=postings, shape=weighted, seed=31 + n)
                run_id = archive.start_run(source)
                for posting in site.snapshot():
                    pages.append(_store(archive, site, posting, source, run_id))
                for key in change_postings(site, 0.05, seed=41 + n):
                    posting = site.get(key)
                    assert posting is not None
                    _store(archive, site, posting, source, run_id)
                archive.finish_run(run_id, listed_keys=None, listing_complete=False)
        figures = run(db, work)
        out[label] = {
            "chrome_bytes": chrome,
            "page_kb_median": round(sorted(pages)[len(pages) // 2] / 1000, 1),
            "versions": figures["versions"],
            "warc_gz_bytes_per_version": figures["warc_gz_bytes_per_version"],
            "archive_bytes_per_version": figures["archive_bytes_per_version"],
            "before_bytes_per_version": figures["before"]["archive_bytes_per_version"],
            "archive_vs_warc_gz": figures["ratios"]["archive_vs_warc_gz"],
            "before_vs_warc_gz": figures["before"]["archive_vs_warc_gz"],
            "text_bytes_per_version": figures["text_bytes_per_version"],
            "table_bytes": figures["table_bytes"],
        }
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return {
        "per_source": per_source,
        "sources": 2,
        "weights": out,
        "store": store_cost(work, 2 * per_source),
    }


def store_cost(work: Path, count: int) -> dict[str, Any]:
    """What storing costs before and after, in one run: the same pages (of the median
    weight) stored alternately into an archive as it is and into one whose bodies are
    compressed alone, as before dictionaries. The totals include training."""
    postings = generate_postings(count, seed=51)
    site = RealWeightSite(postings=postings, seed=51)
    with_source = archive.store.put_body

    def alone(
        conn: sqlite3.Connection, body: bytes, digest: str | None = None, source: Any = None
    ) -> str | None:
        return with_source(conn, body, digest)

    samples: dict[str, list[float]] = {"before": [], "after": []}
    paths = {name: work / f"store-{name}.db" for name in samples}
    for path in paths.values():
        path.unlink(missing_ok=True)
    archives = {name: Archive(path) for name, path in paths.items()}
    try:
        runs = {name: a.start_run("unicef") for name, a in archives.items()}
        for i, posting in enumerate(site.snapshot()):
            for name in ("after", "before") if i % 2 == 0 else ("before", "after"):
                archive.store.put_body = with_source if name == "after" else alone
                start = time.perf_counter()
                _store(archives[name], site, posting, "unicef", runs[name])
                samples[name].append(time.perf_counter() - start)
    finally:
        archive.store.put_body = with_source
        for a in archives.values():
            a.close()
    for path in paths.values():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    out: dict[str, Any] = {"stores": count}
    for name, times in samples.items():
        out[name] = {
            "median_ms": round(statistics.median(times) * 1000, 2),
            "max_ms": round(max(times) * 1000, 1),
            "total_s": round(sum(times), 2),
        }
    out["median_after_vs_before"] = ratio(out["after"]["median_ms"], out["before"]["median_ms"])
    out["total_after_vs_before"] = ratio(out["after"]["total_s"], out["before"]["total_s"])
    return out


def _store(archive: Archive, site: RealWeightSite, posting: Any, source: str, run_id: int) -> int:
    """Store `posting` as a crawl would (its text as the page shows it); the page's size."""
    body = site.detail(posting).body
    archive.store(
        Snapshot(
            source=source,
            source_key=posting.key,
            url=f"https://jobs.example.org/en-us/job/{posting.key}",
            title=posting.title,
            organization=posting.organization,
            location=posting.duty_station,
            country=posting.country,
            grade=posting.grade,
            contract_type=posting.contract_type,
            posted_date=posting.posted_date.isoformat(),
            closing_date=posting.closing_date.isoformat(),
            text=posting.plain_text,
            body=body,
            content_type="text/html; charset=utf-8",
            http_status=200,
        ),
        run_id,
    )
    return len(body)


def markdown(figures: dict[str, Any]) -> str:
    """The before/after storage figures as a Markdown section ("" when not measured)."""
    storage = figures.get("storage")
    if not storage or "before" not in storage:
        return ""
    pages = figures.get("crawl", {}).get("pages", {})
    before, per = storage["before"], storage["warc_gz_bytes_per_version"]
    out = [
        "### Storage on pages of real weight: bodies alone (before) and with a dictionary "
        "per source (after)",
        "",
        f"The crawled site's pages: {pages.get('min_kb')}-{pages.get('max_kb')} KB, median "
        f"{pages.get('median_kb')} KB, posting text {pages.get('text_share_median', 0):.0%} of "
        f"a page, gzip to {pages.get('gzip_ratio_median', 0):.0%} (the real pages: "
        f"{(pages.get('real') or {}).get('gzip_ratio', 0):.0%}).",
        "",
        "| archive | bytes per posting-version | vs WARC.gz |",
        "|---|---:|---:|",
        f"| before (every body compressed alone) | {before['archive_bytes_per_version']:,} B | "
        f"{before['archive_vs_warc_gz']:.2f}x |",
        f"| after (a dictionary per source) | {storage['archive_bytes_per_version']:,} B | "
        f"{storage['ratios']['archive_vs_warc_gz']:.2f}x |",
        f"| WARC.gz of the same responses | {per:,} B | 1 |",
        "",
    ]
    weights = storage.get("by_weight")
    if weights:
        out += [
            f"Stored through `Archive.store`, two sources of {weights['per_source']:,} postings "
            "each, 5% changed once, at the real sites' chrome weights:",
            "",
            "| chrome (real sites) | page median | text per version | WARC.gz per version "
            "| before | after | before vs WARC.gz | after vs WARC.gz |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for label, w in weights["weights"].items():
            out.append(
                f"| {label}: {w['chrome_bytes'] / 1000:.0f} KB | {w['page_kb_median']:.0f} KB | "
                f"{w['text_bytes_per_version']:,} B | {w['warc_gz_bytes_per_version']:,} B | "
                f"{w['before_bytes_per_version']:,} B | {w['archive_bytes_per_version']:,} B | "
                f"{w['before_vs_warc_gz']:.2f}x | {w['archive_vs_warc_gz']:.2f}x |"
            )
        out.append("")
        cost = weights["store"]
        before_ms, after_ms = cost["before"], cost["after"]
        out += [
            f"Storing, the same {cost['stores']:,} pages alternately into both layouts: median "
            f"{before_ms['median_ms']:.1f} ms before, {after_ms['median_ms']:.1f} ms after "
            f"({cost['median_after_vs_before']:.2f}x); in all {before_ms['total_s']:.1f} s before, "
            f"{after_ms['total_s']:.1f} s after ({cost['total_after_vs_before']:.2f}x), training "
            f"included (the slowest store, which trained: {after_ms['max_ms']:.0f} ms).",
            "",
        ]
    return "\n".join(out) + "\n"
