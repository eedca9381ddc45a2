"""`jobarchive reextract`: read the stored pages again with today's extraction."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .common import LockedError, UsageError, config_option, echo


@click.command("reextract")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@config_option("Also re-read the job boards defined in this TOML file")
@click.option(
    "--since",
    metavar="DATE",
    help="Only versions fetched on or after this day (YYYY-MM-DD, UTC). "
    "Example: --since 2026-11-01",
)
@click.option(
    "--current",
    is_flag=True,
    help="Only each posting's current version, not its whole history. Example: --current",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Change nothing: say how many postings would read differently, and show one. "
    "Example: --dry-run",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar. Default: on a terminal only. Example: --no-progress",
)
@click.pass_context
def reextract_command(
    ctx: click.Context,
    sources: tuple[str, ...],
    config: str | None,
    since: str | None,
    current: bool,
    dry_run: bool,
    progress: bool | None,
) -> None:
    """Read the stored pages of postings again with today's extraction; fetch nothing.

    After an upgrade that reads pages better, each version's stored raw page is read
    again; a version that reads differently gets the new reading (the old one is kept),
    with a "reextracted" event: no edit of the posting, not in recent changes or alerts.
    Versions already read by today's extraction are passed over, so a run that was
    stopped goes on where it stopped. All sources when none is named.

    \b
    Example:
        jobarchive reextract --dry-run
        jobarchive reextract unicef unhcr
        jobarchive reextract unops --current --since 2026-11-01
    """
    from rich.progress import Progress

    from crawler.lock import LockHeld
    from crawler.reextract import SHOWN_PROBLEMS, reextract
    from crawler.sources import UnknownSource, select_sources
    from crawler.userconfig import ConfigError

    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        raise UsageError(f"--since {since}: give a date as YYYY-MM-DD, e.g. --since 2026-11-01")
    try:
        chosen = select_sources(sources, config=config)
    except (UnknownSource, ConfigError) as exc:
        raise UsageError(str(exc)) from exc
    if not Path(ctx.obj["db"]).exists():
        raise click.ClickException(
            f"No archive at {ctx.obj['db']}. Point --db at an existing archive."
        )
    show = sys.stderr.isatty() if progress is None else progress
    try:
        if show:
            with Progress(transient=True) as bar:
                task = bar.add_task("reading stored pages", total=None)
                report = reextract(
                    ctx.obj["db"],
                    chosen,
                    since=since,
                    current_only=current,
                    dry_run=dry_run,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
        else:
            report = reextract(
                ctx.obj["db"], chosen, since=since, current_only=current, dry_run=dry_run
            )
    except LockHeld as exc:
        raise LockedError(str(exc)) from exc
    would = "would read" if dry_run else "read"
    echo(
        f"{report.versions} version{'s' if report.versions != 1 else ''} of "
        f"{report.postings} posting{'s' if report.postings != 1 else ''} read again: "
        f"{report.changed_versions} {would} differently "
        f"({report.changed_postings} posting{'s' if report.changed_postings != 1 else ''}); "
        "nothing was fetched."
    )
    if report.without_body:
        echo(f"{report.without_body} version(s) have no stored page and were left as they are.")
    if report.unreadable:
        echo(f"{len(report.unreadable)} page(s) could not be read and were left as they are:")
        for line in report.unreadable[:SHOWN_PROBLEMS]:
            echo(f"  {line}")
        if len(report.unreadable) > SHOWN_PROBLEMS:
            echo(f"  (and {len(report.unreadable) - SHOWN_PROBLEMS} more)")
    if dry_run and report.sample:
        echo("")
        echo(report.sample.rstrip())
