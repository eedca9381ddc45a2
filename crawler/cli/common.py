"""What the commands share: opening the archive, finding the posting a POSTING argument
names, parsing NAME=VALUE, --since and --source options, exit codes, printing what sites
wrote."""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from archive import Archive, ArchiveError, DamagedArchive, OutdatedArchive, PostingNotFound
from archive.find import label, postings_with_key, resolve_posting

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


def find_posting(archive: Archive, ref: str, sources: Collection[str] = ()) -> dict[str, Any]:
    """The posting's row, or one line saying what matched instead (exit code 1)."""
    try:
        row = resolve_posting(archive.conn, ref, sources=sources)
    except PostingNotFound as exc:
        raise click.ClickException(visible(exc)) from exc
    if ref.strip().isdigit() and row["id"] == int(ref.strip()) and sys.stderr.isatty():
        # A number is an id first; a posting whose source key it is would go unseen. Said
        # to a person at a terminal only: scripts and cron name postings by id on purpose.
        others = [
            r for r in postings_with_key(archive.conn, ref.strip(), sources) if r["id"] != row["id"]
        ]
        if others:
            click.echo(
                visible(
                    f"note: {ref.strip()} is posting id {row['id']}; "
                    f"{', '.join(label(r) for r in others)} has it as source key."
                ),
                err=True,
            )
    return row


def since_option(what: str) -> Any:
    """The --since option: `what` says what it keeps; the value reaches the command as
    an ISO instant in UTC."""
    return click.option(
        "--since",
        metavar="WHEN",
        callback=_parse_since,
        help=f"{what} on or after WHEN: a day (2026-01-05, from midnight UTC), an "
        "instant (2026-01-05T10:00+02:00) or an age (12h, 7d, 2w). Example: --since 7d",
    )


_AGE = re.compile(r"(\d+)\s*([hdw])", re.IGNORECASE)
_AGE_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def _parse_since(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    age = _AGE.fullmatch(text)
    if age:
        delta = timedelta(**{_AGE_UNITS[age[2].lower()]: int(age[1])})
        return (datetime.now(UTC) - delta).isoformat(timespec="seconds")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--since {value!r}: give a day (2026-01-05), an instant "
            "(2026-01-05T10:00+02:00) or an age (12h, 7d, 2w)"
        ) from None
    if when.tzinfo is None:  # the archive keeps instants in UTC; so is a bare date
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def source_filter_option(what: str) -> Any:
    """The --source option of reading commands: keep to the postings of these sources."""
    return click.option(
        "--source",
        "sources",
        multiple=True,
        metavar="SOURCE",
        help=f"{what} of this source; give it again for more, or separate them with "
        "commas. Example: --source unicef --source unhcr",
    )


def archived_sources(archive: Archive, names: Collection[str]) -> list[str]:
    """The --source values as the archive spells them (any letter case), or a usage
    error naming the close ones. A built-in source with nothing archived yet is
    accepted, so that a cron job set up before its first crawl does not fail."""
    wanted = [n.strip() for name in names for n in name.split(",") if n.strip()]
    if not wanted:
        return []
    have = [s for (s,) in archive.conn.execute("SELECT DISTINCT source FROM postings")]
    by_case = {s.casefold(): s for s in have}
    out: list[str] = []
    unknown: list[str] = []
    for name in wanted:
        found = by_case.get(name.casefold())
        if found is None:
            unknown.append(name)
        elif found not in out:
            out.append(found)
    if unknown:
        from crawler.sources import all_sources

        builtin = list(all_sources())
        for name in unknown:
            found = next((b for b in builtin if b.casefold() == name.casefold()), None)
            if found is None:
                known = sorted({*have, *builtin})
                near = difflib.get_close_matches(name.casefold(), known, n=1, cutoff=0.6)
                hint = f" Did you mean {near[0]}?" if near else ""
                raise UsageError(
                    f"--source {name}: no such source.{hint} "
                    f"Sources: {', '.join(known)} (see `jobarchive sources`)."
                )
            out.append(found)
    return out
