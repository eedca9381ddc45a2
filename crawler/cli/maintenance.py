"""`jobarchive check`, `backup` and `upgrade`: keeping the archive file sound."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import click

from archive import ArchiveError, DamagedArchive, OutdatedArchive, UnwritableArchive
from archive.db import explain, open_database
from archive.integrity import check_archive, quick_problems
from archive.readonly import connect_readonly

from .common import EXIT_ARCHIVE, ArchiveUnusable, LockedError, visible

_KINDS = {
    "sqlite": "SQLite",
    "versions": "version numbers",
    "current": "postings rows",
    "body": "stored pages",
    "removed": "removals",
}


@click.command("check")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when all is well. Example: -q")
@click.pass_context
def check(ctx: click.Context, quiet: bool) -> None:
    """Check the archive file and the archive's own rules; exit 4 when anything is wrong.

    Runs SQLite's integrity_check (every page, B-tree and index), then checks that
    every posting has versions 1..n and its postings row equals its current version,
    that every stored page matches its hash, and that no posting is marked removed
    although a later listing showed it. Read-only: the file is not changed, and it may
    run while a crawl writes. On a large archive it reads the whole file (about as
    long as copying it).

    \b
    Example:
        jobarchive check
        jobarchive --db /backups/archive-2026-12-01.db check
        jobarchive check -q || mail -s "archive damaged" me@example.org
    """
    db = Path(ctx.obj["db"])
    if not db.exists():
        raise click.ClickException(f"No archive at {db}. Point --db at an existing archive.")
    say = (lambda _m: None) if quiet else (lambda m: click.echo(f"checking {m}...", err=True))
    try:
        report = check_archive(db, progress=say)
    except sqlite3.DatabaseError as exc:
        raise ArchiveUnusable(str(explain(db, exc))) from exc
    if report.ok:
        if not quiet:
            counts = ", ".join(f"{n:,} {what}" for what, n in report.checked.items())
            click.echo(f"{db}: ok ({counts}; {report.seconds:.1f} s)")
        return
    click.echo(f"{db}: damaged or inconsistent", err=True)
    for problem in report.problems:
        click.echo(
            f"  {_KINDS.get(problem.kind, problem.kind)}: {visible(problem.detail)}", err=True
        )
    for kind, count in report.counted.items():
        shown = sum(1 for p in report.problems if p.kind == kind)
        if count > shown:
            click.echo(f"  {_KINDS.get(kind, kind)}: ... and {count - shown} more", err=True)
    click.echo(
        "Crawls refuse a file SQLite finds damaged. Restore a backup (`jobarchive backup`), "
        f"or recover what is readable: sqlite3 {db} .recover | sqlite3 recovered.db",
        err=True,
    )
    ctx.exit(EXIT_ARCHIVE)


@click.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace DESTINATION if it exists. Example: --force")
@click.pass_context
def backup(ctx: click.Context, destination: Path, force: bool) -> None:
    """Write a consistent copy of the archive to DESTINATION, even while a crawl runs.

    The copy is the archive as of one moment (SQLite's backup API, inside one read
    transaction): a crawl writing meanwhile goes on and its later changes are not in
    it. The copy is written beside DESTINATION first and renamed into place when whole
    and checked, so a backup cut short never replaces a good one. Do not copy the file
    with cp while a crawl runs: its write-ahead log would be left behind.

    \b
    Example:
        jobarchive backup /backups/archive-$(date +%F).db
        jobarchive --db ~/jobs/archive.db backup ~/jobs/snapshot.db --force
    """
    db = Path(ctx.obj["db"])
    if not db.exists():
        raise click.ClickException(f"No archive at {db}. Point --db at an existing archive.")
    if destination.exists() and not force:
        raise click.ClickException(f"{destination} exists; add --force to replace it.")
    if destination.exists() and os.path.samefile(destination, db):
        raise click.ClickException(f"{destination} is the archive itself; choose another file.")
    partial = destination.with_name(f".{destination.name}.partial")
    started = time.perf_counter()
    try:
        source = connect_readonly(db)
    except sqlite3.DatabaseError as exc:
        raise ArchiveUnusable(str(explain(db, exc))) from exc
    try:
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)  # all pages in one step: one consistent read
            target.execute("PRAGMA journal_mode = WAL")  # as the archive: readable while written
        finally:
            target.close()
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise ArchiveUnusable(
            f"The backup could not be written: {exc}. {destination} is unchanged."
        ) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise click.ClickException(
            f"The backup could not be written: {exc.strerror}. {destination} is unchanged."
        ) from exc
    finally:
        source.close()
    problems = quick_problems(partial)
    if problems:
        partial.unlink(missing_ok=True)
        raise ArchiveUnusable(
            f"The copy fails SQLite's quick_check ({problems[0]}): the archive itself is "
            f"probably damaged; run `jobarchive --db {db} check`. {destination} is unchanged."
        )
    os.replace(partial, destination)
    size = destination.stat().st_size
    click.echo(
        f"{db} backed up to {destination} ({size / 1e6:,.1f} MB, "
        f"{time.perf_counter() - started:.1f} s)"
    )


@click.command("upgrade")
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Bring an archive written by an older jobarchive up to this version's schema.

    Reading commands never change the archive, so they ask for this once after an
    upgrade of jobarchive; a crawl does it by itself. Takes the crawl lock, and checks
    the file first like a crawl.

    \b
    Example:
        jobarchive upgrade
        jobarchive --db ~/jobs/archive.db upgrade
    """
    from archive.db import check_before_writing
    from crawler.lock import CrawlLock, LockHeld

    db = Path(ctx.obj["db"])
    if not db.exists():
        raise click.ClickException(f"No archive at {db}. Point --db at an existing archive.")
    try:
        with CrawlLock(db) as lock:
            if lock.first:
                check_before_writing(db)
            database = open_database(db, create=False)
            database.conn.close()
    except LockHeld as exc:
        raise LockedError(str(exc)) from exc
    except (DamagedArchive, UnwritableArchive, OutdatedArchive) as exc:
        raise ArchiveUnusable(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{db}: up to date")
