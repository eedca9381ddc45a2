"""`jobarchive reextract`: read the stored raw pages again with today's extraction.

The archive keeps every page as fetched (`bodies`) apart from how it was read (the
versions' fields, and the `extraction` that read them), as web archives keep WARC
records apart from their indexes. When a source's parsing or the shared extractor
improves, this re-reads the stored bodies, with what the crawl read beside each (the URL
it was fetched from, its Content-Type and charset, what the listing showed of it), and
records each different reading as a re-reading: the version's fields are replaced, the
reading they replace is kept in `readings`, and a `reextracted` event says so. Nothing
is fetched, and no re-reading counts as an edit of a posting.

Each posting is done in one transaction, and versions already read by today's extraction
are passed over, so a run that is killed leaves the archive consistent and the next run
goes on where it stopped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archive import Archive, Snapshot
from archive.bodies import get_body
from archive.db import check_before_writing
from archive.diff import diff_versions, format_unified
from archive.history import versions as posting_versions
from archive.normalize import differing, normalized_fields
from crawler import sitelines
from crawler.lock import CrawlLock
from crawler.sitelines import SiteLines
from crawler.sources import Source
from spiders.base import JobSpider
from spiders.offline import read_saved, spider_for_page

# Unreadable pages named in the report before "and N more".
SHOWN_PROBLEMS = 5

Progress = Callable[[int, int], None]


@dataclass
class ReextractReport:
    """What a re-extraction did (or, in a dry run, would do)."""

    postings: int = 0  # postings with a version read again
    versions: int = 0  # versions read again
    changed_postings: int = 0
    changed_versions: int = 0
    unreadable: list[str] = field(default_factory=list)  # "source:key v2: why"
    without_body: int = 0
    sample: str | None = None  # how the first changed posting reads now (dry run)


def reextract(
    db_path: str | Path,
    sources: list[Source],
    *,
    since: str | None = None,
    current_only: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ReextractReport:
    """Re-read the stored versions of `sources`' postings; see the module docstring.

    `since` (YYYY-MM-DD) keeps to versions fetched on or after that day; `current_only`
    to each posting's current version. Holds the archive's crawl lock unless `dry_run`.
    """
    by_name = {source.name: source for source in sources}
    report = ReextractReport()
    lock = None if dry_run else CrawlLock(db_path)
    if lock is not None:
        lock.acquire()
    try:
        if lock is not None and lock.first:  # as a crawl: checked before any write
            check_before_writing(db_path)
        with Archive(db_path, create=False, readonly=dry_run) as archive:
            postings = archive.conn.execute(
                "SELECT id, source, source_key FROM postings "
                f"WHERE source IN ({', '.join('?' * len(by_name))}) ORDER BY id",
                list(by_name),
            ).fetchall()
            spiders: dict[tuple[str, str], JobSpider] = {}
            learned: dict[str, SiteLines | None] = {}
            for done, (posting_id, source, key) in enumerate(postings, 1):
                reread_posting(
                    archive, by_name[source].spider, posting_id, key, spiders, report,
                    since=since, current_only=current_only, dry_run=dry_run,
                    site_lines=learned,
                )  # fmt: skip
                if progress is not None:
                    progress(done, len(postings))
    finally:
        if lock is not None:
            lock.release()
    return report


def reread_posting(
    archive: Archive,
    spider_class: type[JobSpider],
    posting_id: int,
    key: str,
    spiders: dict[tuple[str, str], JobSpider],
    report: ReextractReport,
    *,
    since: str | None = None,
    current_only: bool = False,
    dry_run: bool = False,
    run_id: int | None = None,
    site_lines: dict[str, SiteLines | None] | None = None,
) -> None:
    """Re-read one posting's versions not yet read by today's extraction, in one
    transaction (`spiders` caches a spider per source and site, `site_lines` what the
    archive learned of each source's template); `run_id`, the crawl run it happens in."""
    site_lines = {} if site_lines is None else site_lines
    extraction = spider_class.extraction()
    rows = archive.stored_versions(posting_id)
    chosen = rows[-1:] if current_only else rows
    chosen = [
        row
        for row in chosen
        if row["extraction"] != extraction and (since is None or row["fetched_at"][:10] >= since)
    ]
    if not chosen:
        return  # read by today's extraction already (a run killed halfway goes on here)
    report.postings += 1
    readings: dict[int, Snapshot] = {}
    for row in chosen:
        report.versions += 1
        snapshot, problem = _read(archive, spider_class, key, row, spiders, extraction, site_lines)
        if snapshot is None:
            if problem is None:
                report.without_body += 1
            else:
                report.unreadable.append(f"{spider_class.name}:{key} v{row['version']}: {problem}")
            continue
        readings[row["version"]] = snapshot
    if dry_run:
        differing_versions = [
            number
            for number, snapshot in readings.items()
            if differing(normalized_fields(_row(rows, number)), normalized_fields(vars(snapshot)))
        ]
    else:
        differing_versions = archive.reread(
            posting_id, readings, recompute=not current_only, run_id=run_id
        )
    if differing_versions:
        report.changed_postings += 1
        report.changed_versions += len(differing_versions)
        if dry_run and report.sample is None:
            report.sample = _sample(archive, spider_class.name, key, posting_id, readings,
                                    differing_versions)  # fmt: skip


def _row(rows: list[dict[str, Any]], number: int) -> dict[str, Any]:
    return next(row for row in rows if row["version"] == number)


def _read(
    archive: Archive,
    spider_class: type[JobSpider],
    key: str,
    row: dict[str, Any],
    spiders: dict[tuple[str, str], JobSpider],
    extraction: str,
    site_lines: dict[str, SiteLines | None],
) -> tuple[Snapshot | None, str | None]:
    """The version's stored body read by today's extraction, or (None, why not): as a
    crawl reads it, the site's template as learned so far taken out."""
    if not row["body_hash"]:
        return None, None
    try:
        body = get_body(archive.conn, row["body_hash"])
    except KeyError:
        return None, None
    url = row["fetch_url"] or row["url"]
    site = (spider_class.name, "/".join(url.split("/", 3)[:3]))
    spider = spiders.get(site)
    if spider is None:
        spider = spiders[site] = spider_for_page(spider_class, url)
    listed = json.loads(row["listed"]) if row.get("listed") else None
    reading = read_saved(
        spider,
        body,
        url,
        content_type=row["content_type"],
        key=key,
        listed=listed,
        encoding=row.get("encoding"),
    )
    if reading.problem:
        return None, reading.problem
    fields = dict(reading.fields)
    fields.pop("source_key", None)
    public = fields.pop("url", None) or row["url"]
    snapshot = Snapshot(
        source=spider_class.name,
        source_key=key,
        url=public,
        extraction=extraction,
        **{k: v for k, v in fields.items() if k in Snapshot.__dataclass_fields__},
    )
    name = spider_class.name
    if name not in site_lines:
        page_text = getattr(spider_class.facts, "page_text", False)
        site_lines[name] = sitelines.load(archive.conn, name) if page_text else None
    learned = site_lines[name]
    if learned is not None and snapshot.text:
        snapshot.text = learned.clean(snapshot.text, key, snapshot.title).text
    return snapshot, None


def _sample(
    archive: Archive,
    source: str,
    key: str,
    posting_id: int,
    readings: dict[int, Snapshot],
    numbers: list[int],
) -> str:
    """How the first version that reads differently reads now, as a unified diff."""
    found = {v.version: v for v in posting_versions(archive.conn, posting_id)}
    old = found[numbers[0]]
    snapshot = readings[numbers[0]]
    fields = {**old.fields, **{k: getattr(snapshot, k) for k in old.fields if k != "url"}}
    new = replace(old, fields=fields, text=snapshot.text)
    header = f"{source}:{key} version {old.version}, as stored and as read now:\n"
    return header + format_unified(diff_versions(old, new))
