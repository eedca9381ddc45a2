"""`jobarchive crawl`: fetch sources and archive what changed."""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import click

from archive import ArchiveError, DamagedArchive, UnwritableArchive
from crawler.lock import LockHeld
from crawler.revisit import REASONS
from crawler.searches import SavedSearch, load_searches
from crawler.userconfig import ConfigError

if TYPE_CHECKING:
    from collections.abc import Callable

    from crawler.alerts import SearchReport
    from crawler.crawl import CrawlResult
    from crawler.sources import Source

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
    "Also crawl the job boards defined in this TOML file; they join the built-in sources. "
    "Its [searches.NAME] tables are saved searches: what they match is reported after "
    "the crawl and sent to their targets"
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
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="For cron: print nothing when every source was crawled completely and no saved "
    "search matched, else one line per problem (and the matches of saved searches that "
    "no alert told of). Example: --quiet",
)
@click.option(
    "--scrapyd",
    "scrapyd",
    metavar="URL[,URL...]",
    help="Run the sources as jobs on these Scrapyd nodes instead of in this process "
    '(needs --redis; README "Running on several machines"). '
    "Example: --scrapyd http://10.0.0.5:6800,http://10.0.0.6:6800",
)
@click.option(
    "--redis",
    "redis_url",
    envvar="JOBARCHIVE_REDIS",
    metavar="URL",
    help="The Redis of a crawl on Scrapyd: its shared queue of requests and the workers' "
    "items (default: the environment variable JOBARCHIVE_REDIS). "
    "Example: --redis redis://10.0.0.4:6379/0",
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
    quiet: bool,
    scrapyd: str | None,
    redis_url: str | None,
) -> None:
    """Crawl job sources into the archive (all when no source or --employer is named).

    New postings get version 1, changed ones a new version, and postings missing from
    a complete listing are marked removed. Exit code 0 when every source was crawled
    completely, 1 when one failed or was incomplete, 2 for a usage or configuration
    error, 3 when another crawl is running on the same archive, 4 when the archive is
    damaged or cannot be written (it is left untouched).

    A source that needs a key not given (ReliefWeb's appname) is skipped with a notice
    when no source is named, and crawled (and fails, saying why) when it is named.
    After the crawl, the postings that are new, changed, reopened or removed and match a
    saved search of --config are listed, and sent to the search's targets
    (docs/saved-searches.md); a failed send is said and tried again next crawl, and never
    fails the crawl.

    \b
    Example:
        jobarchive crawl
        jobarchive --db ~/jobs.db crawl unicef unhcr
        jobarchive crawl unicef --set-url unicef=http://127.0.0.1:8123
        jobarchive crawl --config sources.toml acme_jobs
        jobarchive crawl --employer UNFPA --employer UNWomen
        jobarchive crawl --quiet --config searches.toml --log-file crawl.log   # from cron
        jobarchive crawl --scrapyd http://10.0.0.5:6800,http://10.0.0.6:6800 \\
            --redis redis://10.0.0.4:6379/0
    """
    # The crawl machinery (Scrapy, Twisted, the spiders) and the live display take most
    # of a second to import: imported here, so that the commands that do not crawl
    # start without them.
    from rich.console import Console
    from rich.live import Live

    from crawler.crawl import crawl_settings, missing_key, run_crawl
    from crawler.progress import progress_table
    from crawler.sources import UnknownSource, select_sources

    if quiet and verbose:
        raise UsageError("--quiet and --verbose ask for opposite things; give one of them.")
    try:
        # The searches first: a broken [searches] table is named as such, not as a
        # file without sources.
        searches = load_searches(config) if config else {}
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
    skipped: dict[str, str] = {}
    if not sources:
        # Crawling "everything" means everything the user can crawl: a source that needs
        # a key they have not asked for would fail every crawl and mail cron every time.
        settings = crawl_settings(ctx.obj["db"], base_urls, overrides)
        skipped = {s.name: why for s in chosen if (why := missing_key(s, settings))}
        chosen = [s for s in chosen if s.name not in skipped]
    nodes = [n.strip().rstrip("/") for n in (scrapyd or "").split(",") if n.strip()]
    if scrapyd is not None and not nodes:
        raise UsageError("--scrapyd needs the address of at least one Scrapyd node.")
    if nodes and not redis_url:
        raise UsageError(
            "--scrapyd needs --redis URL (or JOBARCHIVE_REDIS): the workers' shared queue."
        )
    # The workers' settings: what the user set, not how this process logs.
    job_settings: dict[str, object] = dict(overrides)
    if base_urls:
        job_settings["JOBARCHIVE_BASE_URLS"] = base_urls
    if config:
        job_settings["JOBARCHIVE_CONFIG"] = os.path.abspath(config)
    _route_logs(overrides, log_file=log_file, verbose=verbose, quiet=quiet)
    if not quiet and not as_json:
        for name, why in skipped.items():
            echo(f"{name}: {why}", err=True)
    show_progress = (
        sys.stderr.isatty() and not verbose and not quiet if progress is None else progress
    )
    _warn_of_hard_links(ctx.obj["db"])
    reports: list[SearchReport] = []

    def alert(results: list[CrawlResult]) -> None:
        reports.extend(_alert(ctx.obj["db"], list(searches.values()), results))

    after = alert if searches else None
    results: list[CrawlResult] = []
    try:
        if not chosen:
            pass  # every source was skipped: nothing to crawl, nothing to lock
        elif nodes:
            assert redis_url is not None
            results = _crawl_on_scrapyd(
                ctx.obj["db"], chosen, nodes, redis_url, job_settings, overrides, after
            )
        elif show_progress:
            with Live(console=Console(stderr=True), auto_refresh=False) as live:
                results = run_crawl(
                    chosen,
                    ctx.obj["db"],
                    base_urls=base_urls,
                    overrides=overrides,
                    progress=lambda rows: live.update(progress_table(rows), refresh=True),
                    after=after,
                )
        else:
            results = run_crawl(
                chosen, ctx.obj["db"], base_urls=base_urls, overrides=overrides, after=after
            )
    except LockHeld as exc:
        raise LockedError(str(exc)) from exc
    except (DamagedArchive, UnwritableArchive) as exc:
        raise ArchiveUnusable(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        out = [_as_dict(r, reports) for r in results]
        out += [{"source": n, "status": "skipped", "reason": why} for n, why in skipped.items()]
        click.echo(json.dumps(out, indent=2))
    else:
        for result in results:
            if not quiet or not result.ok:
                echo(_summary_line(result))
        for report in reports:
            for line in _report_lines(report, quiet=quiet):
                echo(line)
    ctx.exit(EXIT_OK if all(r.ok for r in results) else EXIT_SOURCE_FAILED)


def _crawl_on_scrapyd(
    db: str,
    chosen: list[Source],
    nodes: list[str],
    redis_url: str,
    job_settings: dict[str, object],
    overrides: dict[str, object],
    after: Callable[[list[CrawlResult]], None] | None,
) -> list[CrawlResult]:
    """The sources as jobs on Scrapyd (crawler/distributed), this process their writer."""
    from crawler.distributed.coordinator import (
        TIME_LIMIT,
        DistributedError,
        run_distributed_crawl,
    )
    from crawler.distributed.queue import RedisUnavailable

    try:
        time_limit = float(str(overrides.get("JOBARCHIVE_TIME_LIMIT", TIME_LIMIT)))
    except ValueError:
        raise UsageError(
            "-s JOBARCHIVE_TIME_LIMIT=SECONDS: the most a crawl on Scrapyd may take, in "
            "seconds (0 for no limit), e.g. -s JOBARCHIVE_TIME_LIMIT=21600"
        ) from None
    try:
        return run_distributed_crawl(
            chosen,
            db,
            nodes=nodes,
            redis_url=redis_url,
            prefix=str(overrides.get("JOBARCHIVE_REDIS_PREFIX") or "jobarchive"),
            settings=job_settings,
            accept_after=int(str(overrides.get("JOBARCHIVE_ACCEPT_AFTER", 3))),
            site_lines=overrides.get("JOBARCHIVE_SITE_LINES", True) not in (False, "False", "0"),
            after=after,
            time_limit=time_limit,
        )
    except (DistributedError, RedisUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc


def _route_logs(
    overrides: dict[str, object], *, log_file: str | None, verbose: bool, quiet: bool
) -> None:
    """Where the crawl's log goes: the whole of it to --log-file; on stderr (which cron
    mails) one line per warning or error, without the libraries' tracebacks, or the
    whole log with -v, or nothing with --quiet (the summary names each problem)."""
    from crawler.crawl import one_line_handler

    if log_file:
        overrides.setdefault("LOG_FILE", log_file)
        overrides.setdefault("LOG_LEVEL", "INFO")
        if not quiet:
            logging.getLogger().addHandler(one_line_handler(logging.ERROR))
    elif not verbose:
        # Scrapy's own handler would print whole tracebacks; ours prints one line.
        overrides.setdefault("LOG_ENABLED", False)
        overrides.setdefault("LOG_LEVEL", "WARNING")
        if not quiet:
            logging.getLogger().addHandler(one_line_handler(logging.WARNING))


def _alert(db: str, searches: list[SavedSearch], results: list[CrawlResult]) -> list[SearchReport]:
    """The saved searches' reports of this crawl; an error in them is logged and said,
    never a failed crawl (its postings are stored; the next crawl sends what is owed)."""
    from crawler.alerts import after_crawl

    run_ids = [r.run.id for r in results if r.run is not None]
    try:
        return after_crawl(db, searches, run_ids)
    except Exception as exc:
        # The traceback for the log file; the line below is what stderr gets.
        logging.getLogger(__name__).info("Saved searches could not be matched", exc_info=True)
        echo(f"saved searches: not matched or sent ({type(exc).__name__}: {exc})", err=True)
        return []


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


# Postings of one saved search listed in the summary; the rest are counted, so that a
# first crawl of a broad search does not fill a page of cron mail.
SHOWN_MATCHES = 20


def _report_lines(report: SearchReport, *, quiet: bool) -> list[str]:
    """A saved search's part of the summary: what it matched in this crawl, one line per
    posting, and where the alert went. Quiet: the matches only when no alert told of
    them, and one line per alert that failed."""
    from crawler.alerts import counts, describe, what_happened

    name = report.search.name
    lines = []
    if report.matches and not (quiet and report.search.notify):
        lines.append(f"search {name}: {counts(report.matches)}")
        for match in report.matches[:SHOWN_MATCHES]:
            lines.append(f"  {what_happened(match)}: {match.ref} {describe(match)}")
        if len(report.matches) > SHOWN_MATCHES:
            more = len(report.matches) - SHOWN_MATCHES
            lines.append(f"  ... and {more} more (`jobarchive searches {name}` lists them)")
    elif not report.matches and not report.deliveries and not quiet:
        lines.append(f"search {name}: no match")
    for d in report.deliveries:
        if d.sent and not quiet:
            lines.append(f"search {name}: alert sent to {d.target} ({_postings(d.postings)})")
        elif not d.sent:
            lines.append(
                f"search {name}: alert to {d.target} not sent ({d.error}); the next crawl "
                "sends it again"
            )
    return lines


def _postings(n: int) -> str:
    return f"{n} posting{'s' if n != 1 else ''}"


def _matches(result: CrawlResult, reports: list[SearchReport]) -> list[dict[str, object]]:
    """The --json matches of the saved searches among this source's postings."""
    out: list[dict[str, object]] = []
    for report in reports:
        alerts = [{"target": d.target, "sent": d.sent, "error": d.error} for d in report.deliveries]
        for match in report.matches:
            if match.posting["source"] != result.source:
                continue
            p = match.posting
            out.append(
                {
                    "search": report.search.name,
                    "posting_id": p["id"],
                    "source_key": p["source_key"],
                    "title": p["title"],
                    "organization": p["organization"],
                    "url": p["url"],
                    "status": p["status"],
                    "events": match.kinds,
                    "changed_fields": match.changed_fields,
                    "alerts": alerts,
                }
            )
    return out


def _as_dict(result: CrawlResult, reports: list[SearchReport] | None = None) -> dict[str, object]:
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
        "matches": _matches(result, reports or []),
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
    # Why each detail page was fetched (crawler/revisit.py); the rest were skipped.
    **{f"details_fetched_{why}": f"jobarchive/details_fetched/{why}" for why in REASONS},
}
