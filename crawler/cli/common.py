"""What the commands share: opening the archive, parsing NAME=VALUE options, exit codes,
printing what sites wrote."""

from __future__ import annotations

import json
from typing import Any

import click

from archive import Archive, ArchiveError, DamagedArchive, OutdatedArchive

from .visible import visible

# Exit codes of `jobarchive crawl`, documented in the README ("Running from cron").
EXIT_OK = 0
EXIT_SOURCE_FAILED = 1  # some source failed or was incomplete
EXIT_USAGE = 2  # usage or configuration error (click's own code for usage errors)
EXIT_LOCKED = 3  # another crawl holds the archive's lock
EXIT_ARCHIVE = 4  # the archive is damaged or cannot be written: nothing was changed


def echo(message: Any = "", **kwargs: Any) -> None:
    """`click.echo` of text that may hold what sites wrote: control characters shown,
    not obeyed (crawler/cli/visible.py). For JSON output, use click.echo."""
    click.echo(visible(message), **kwargs)


class UsageError(click.ClickException):
    """A bad option or configuration: exit code 2, like click's own usage errors."""

    exit_code = EXIT_USAGE


class LockedError(click.ClickException):
    exit_code = EXIT_LOCKED


class ArchiveUnusable(click.ClickException):
    """The archive is damaged, unreadable or cannot be written: exit code 4."""

    exit_code = EXIT_ARCHIVE


def config_option(what: str) -> Any:
    """The --config option of the commands that take user-defined sources; `what` says
    what the file is for in this command."""
    return click.option(
        "--config",
        type=click.Path(dir_okay=False),
        envvar="JOBARCHIVE_CONFIG",
        help=f"{what} (docs/user-sources.md). Example: --config sources.toml",
    )


def employer_option(what: str, multiple: bool = True) -> Any:
    """The --employer option: an employer of the catalogue (crawler/catalogue.toml)."""
    return click.option(
        "--employer",
        "employers",
        multiple=multiple,
        metavar="KEY",
        help=f"{what}, from the catalogue of employers (`jobarchive sources --catalogue` "
        "lists them). Example: --employer UNFPA",
    )


def settings_option() -> Any:
    """The -s/--set option: a Scrapy setting for this run."""
    return click.option(
        "-s",
        "--set",
        "set_settings",
        multiple=True,
        metavar="NAME=VALUE",
        help="Override a Scrapy setting for this run. Example: -s DOWNLOAD_DELAY=5",
    )


def open_archive(ctx: click.Context) -> Archive:
    """The archive named by --db, which must exist (reading commands never create one)."""
    try:
        return Archive(ctx.obj["db"], readonly=True)
    except (DamagedArchive, OutdatedArchive) as exc:
        raise ArchiveUnusable(str(exc)) from exc
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc


def parse_pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    """NAME=VALUE option values as a dict, or a usage error naming the bad one."""
    out = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name.strip() or not rest.strip():
            raise UsageError(f"{option} takes NAME=VALUE, not {value!r}")
        out[name.strip()] = rest.strip()
    return out


def setting_value(raw: str) -> Any:
    """A Scrapy setting from the command line: JSON when it parses, else the string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw
