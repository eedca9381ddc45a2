"""`jobarchive ingest`: be the archive writer of crawls whose coordinator was stopped."""

from __future__ import annotations

import json
import logging

import click

from crawler.lock import LockHeld
from crawler.userconfig import ConfigError

from .common import EXIT_OK, EXIT_SOURCE_FAILED, LockedError, UsageError, config_option, echo


@click.command("ingest")
@click.option(
    "--redis",
    "redis_url",
    envvar="JOBARCHIVE_REDIS",
    metavar="URL",
    required=True,
    help="The Redis the crawl's workers push to (default: the environment variable "
    "JOBARCHIVE_REDIS). Example: --redis redis://10.0.0.4:6379/0",
)
@config_option("The sources file the crawl was started with, for its user-defined sources")
@click.option(
    "--prefix",
    default="jobarchive",
    show_default=True,
    help="The crawl's Redis key prefix (-s JOBARCHIVE_REDIS_PREFIX of its crawl). "
    "Example: --prefix jobs-archive-2",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the runs closed as JSON. Example: --json"
)
@click.pass_context
def ingest(
    ctx: click.Context, redis_url: str, config: str | None, prefix: str, as_json: bool
) -> None:
    """Write into the archive what the Scrapyd workers of its open crawls sent, and close
    their runs.

    `jobarchive crawl --scrapyd` is its crawl's writer. When it was stopped (killed,
    its machine restarted), the workers go on pushing to Redis and nothing they pushed is
    lost: this command takes over, applies every message once (those the stopped writer
    had half applied included), watches the jobs still running, and closes each run when
    all its jobs have reported, or as incomplete when one was lost. Exit code 0 when
    every run it closed is ok, 1 otherwise, 3 when a crawl holds the archive.

    \b
    Example:
        jobarchive ingest --redis redis://10.0.0.4:6379/0
        jobarchive --db ~/jobs.db ingest --redis redis://127.0.0.1:6379/0 --config sources.toml
    """
    from crawler.distributed.coordinator import DistributedError
    from crawler.distributed.coordinator import ingest as ingest_crawls
    from crawler.distributed.queue import RedisUnavailable
    from crawler.sources import all_sources

    try:
        spiders = {name: s.spider for name, s in all_sources(config=config).items()}
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    logging.basicConfig(level=logging.WARNING)
    try:
        closed = ingest_crawls(ctx.obj["db"], redis_url=redis_url, prefix=prefix, spiders=spiders)
    except LockHeld as exc:
        raise LockedError(str(exc)) from exc
    except (DistributedError, RedisUnavailable, KeyError) as exc:
        raise click.ClickException(str(exc)) from exc
    from .crawl import _as_dict, _summary_line

    if as_json:
        click.echo(json.dumps([{"crawl": c, **_as_dict(r, [])} for c, r in closed], indent=2))
    elif not closed:
        echo("no open crawl of this archive in Redis: nothing to ingest")
    else:
        for crawl, result in closed:
            echo(f"crawl {crawl}: {_summary_line(result)}")
    ok = all(result.ok for _, result in closed)
    ctx.exit(EXIT_OK if ok else EXIT_SOURCE_FAILED)
