"""`jobarchive crawl`: fetch sources and archive what changed."""

from __future__ import annotations

import json
import logging
import os
import sys
from urllib.parse import urlparse

import click
from rich.console import Console
from rich.live import Live

from archive import ArchiveError, DamagedArchive, UnwritableArchive
from crawler.crawl import CrawlResult, run_crawl
from crawler.lock import LockHeld
from crawler.progress import progress_table
from crawler.sources import UnknownSource, select_sources
from crawler.userconfig import ConfigError

from .common import (
    EXIT_OK,
    EXIT_SOURCE_FAILED,
    ArchiveUnusable,
    LockedError,
    UsageError,
    config_option,
    echo,
    employer_option,
    parse_pairs,
    setting_value,
    settings_option,
)


@click.command("crawl")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@config_option(
    "Also crawl the job boards defined in this TOML file; they join the built-in sources"
)
@employer_option("Also crawl this employer (repeat the option for several)")
@click.option(
    "--set-url",
    "set_urls",
    multiple=True,
    metavar="SOURCE=URL",
    help="Crawl a mirror or mock of a source instead of the real site. "
    "Example: --set-url unicef=http://127.0.0.1:8123",
)
@settings_option()
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False),
    help="Write the full crawl log (INFO and up) to this file. Example: --log-file crawl.log",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Show the full crawl log on the terminal. Example: -v"
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the summary as JSON, one object per source. Example: --json",
)
@click.option(
    "--full",
    is_flag=True,
    help="Fetch and extract every posting again, even those the archive holds unchanged "
    "(after an extraction improvement, say). Example: --full",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a live table of pages and counts per source. Default: on a terminal only, "
    "so cron gets just the summary and errors. Example: --no-progress",
)
@click.pass_context
def crawl(
    ctx: click.Context,
    sources: tuple[str, ...],
    config: str | None,
    employers: tuple[str, ...],
    set_urls: tuple[str, ...],
    set_settings: tuple[str, ...],
    log_file: str | None,
    verbose: bool,
    as_json: bool,
    full: bool,
    progress: bool | None,
) -> None:
    """Crawl job sources into the archive (all when no source or --employer is named).

    New postings get version 1, changed ones a new version, and postings missing from
    a complete listing are marked removed. Exit code 0 when every source was crawled
    completely, 1 when one failed or was incomplete, 2 for a usage or configuration
    error, 3 when another crawl is running on the same archive, 4 when the archive is
    damaged or cannot be written (it is left untouched).

    \b
    Example:
        jobarchive crawl
        jobarchive --db ~/jobs.db crawl unicef unhcr
        jobarchive crawl unicef --set-url unicef=http://127.0.0.1:8123
        jobarchive crawl --config sources.toml acme_jobs
        jobarchive crawl --employer UNFPA --employer UNWomen
    """
    try:
        chosen = select_sources(sources, config=config, employers=employers)
    except (UnknownSource, ConfigError) as exc:
        raise UsageError(str(exc)) from exc
    base_urls = parse_pairs(set_urls, "--set-url")
    for name, url in base_urls.items():
        if name not in {s.name for s in chosen}:
            raise UsageError(f"--set-url names {name!r}, which is not a source being crawled.")
        if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
            raise UsageError(f"--set-url {name}={url}: the URL must start with http:// or https://")
    overrides = {k: setting_value(v) for k, v in parse_pairs(set_settings, "--set").items()}
    if full:
        overrides["JOBARCHIVE_INCREMENTAL"] = False
    if log_file:
        overrides.setdefault("LOG_FILE", log_file)
        overrides.setdefault("LOG_LEVEL", "INFO")
        # The log file gets everything; errors still reach stderr, so cron mails them.
        errors_to_stderr = logging.StreamHandler(sys.stderr)
        errors_to_stderr.setLevel(logging.ERROR)
        errors_to_stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(errors_to_stderr)
    elif not verbose:
        overrides.setdefault("LOG_LEVEL", "WARNING")
    show_progress = sys.stderr.isatty() and not verbose if progress is None else progress
    _warn_of_hard_links(ctx.obj["db"])
    try:
        if show_progress:
            with Live(console=Console(stderr=True), auto_refresh=False) as live:
                results = run_crawl(
                    chosen,
                    ctx.obj["db"],
                    base_urls=base_urls,
                    overrides=overrides,
                    progress=lambda rows: live.update(progress_table(rows), refresh=True),
                )
        else:
            results = run_crawl(chosen, ctx.obj["db"], base_urls=base_urls, overrides=overrides)
    except LockHeld as exc:
        raise LockedError(str(exc)) from exc
    except (DamagedArchive, UnwritableArchive) as exc:
        raise ArchiveUnusable(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps([_as_dict(r) for r in results], indent=2))
    else:
        for result in results:
            echo(_summary_line(result))
    ctx.exit(EXIT_OK if all(r.ok for r in results) else EXIT_SOURCE_FAILED)


def _warn_of_hard_links(db: str) -> None:
    """SQLite finds the write-ahead log by the name it was opened with: a reader through
    another hard link of the archive does not see what a crawl has not yet folded into
    the file. Crawls queue on one lock whatever the name; readers cannot."""
    try:
        links = os.stat(db).st_nlink
    except OSError:
        return
    if links > 1:
        click.echo(
            f"warning: {db} has {links} hard links. Readers through another name do not "
            "see this crawl's latest writes until it ends; give the archive one name "
            "(a symlink to it is fine).",
            err=True,
        )


def _summary_line(result: CrawlResult) -> str:
    run = result.run
    if run is None:
        return f"{result.source}: failed before it started (see the log)"
    line = (
        f"{run.source}: {run.status} - new {run.new}, changed {run.changed}, "
        f"unchanged {run.unchanged}, reopened {run.reopened}, removed {run.removed}, "
        f"errors {run.errors}"
    )
    # Only when there are any: pages read again by a newer extraction (no edit of the
    # posting), and pages held back for having lost most of their posting.
    if run.reextracted:
        line += f", re-read {run.reextracted}"
    if run.held:
        line += f", held {run.held}"
    return line + (f" ({run.reason})" if run.reason else "")


def _as_dict(result: CrawlResult) -> dict[str, object]:
    run = result.run
    if run is None:
        return {"source": result.source, "status": "failed", "reason": "did not start"}
    return {
        "source": run.source,
        "run_id": run.id,
        "status": run.status,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "listing_complete": run.listing_complete,
        "new": run.new,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "reopened": run.reopened,
        "removed": run.removed,
        "errors": run.errors,
        "reextracted": run.reextracted,
        "held": run.held,
        "reason": run.reason,
        **{name: int(result.stats.get(stat, 0) or 0) for name, stat in _COUNTED_STATS.items()},
    }


# Crawler stats shown in the --json summary: what the crawl fetched and what it saved.
_COUNTED_STATS = {
    "pages_fetched": "downloader/response_count",
    "extractions": "jobarchive/extractions",
    "extractions_avoided": "jobarchive/extractions_avoided",
    "not_modified": "jobarchive/not_modified",
    "unchanged_bodies": "jobarchive/unchanged_bodies",
    "details_skipped": "jobarchive/details_skipped",
    "template_lines_dropped": "jobarchive/template_lines_dropped",
}
