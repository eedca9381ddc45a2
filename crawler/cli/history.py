"""`jobarchive history` and `jobarchive diff`: how a posting changed."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict

import click

from archive.compare import VersionNotFound, pick_pair
from archive.history import Event, RecentChange, Version, events, recent_changes, versions

from . import diff_formats
from .common import (
    archived_sources,
    echo,
    find_posting,
    open_archive,
    since_option,
    source_filter_option,
)
from .diff_formats import FORMATS


@click.command("history")
@click.argument("posting", required=False)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Without POSTING: how many recently changed postings to list. Default: 20, or "
    "all with --since. Example: --limit 50",
)
@since_option("Only the events")
@source_filter_option("Only the postings")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON instead of text: the posting with its events, or the list of "
    "recently changed postings. Example: --json",
)
@click.pass_context
def history(
    ctx: click.Context,
    posting: str | None,
    limit: int | None,
    since: str | None,
    sources: tuple[str, ...],
    as_json: bool,
) -> None:
    """Show every version and event of one posting, or list recently changed postings.

    The list has one posting a line, newest first, under a header: what happened to it
    last (new, changed and which fields, removed, reopened) and when. POSTING is a
    numeric id, source:source_key (unicef:577857), the source key alone when one
    posting has it, or the posting's URL (with or without its slug, query or
    #fragment); letter case does not matter. --since and --source narrow the list, or
    a posting's events.

    \b
    Example:
        jobarchive history                  # recently changed postings
        jobarchive history --since 7d --source unicef
        jobarchive history unicef:577857
        jobarchive history https://jobs.unicef.org/en-us/job/577857
        jobarchive history 42 --json | jq '.events[].event'
    """
    with open_archive(ctx) as archive:
        chosen = archived_sources(archive, sources)
        if posting is None:
            if limit is None and since is None:
                limit = 20
            found = recent_changes(archive.conn, limit=limit, since=since, sources=chosen)
            if as_json:
                click.echo(json.dumps([asdict(c) for c in found], ensure_ascii=False, indent=2))
            elif found:
                _print_recent(found)
            elif since or chosen:
                of = f" of {', '.join(chosen)}" if chosen else ""
                echo(f"No posting{of} changed" + (f" since {since}." if since else "."))
            else:
                echo("The archive has no postings yet; run `jobarchive crawl`.")
            return
        row = find_posting(archive, posting, chosen)
        all_versions = {v.version: v for v in versions(archive.conn, row["id"])}
        found_events = events(archive.conn, row["id"], since=since)
    if as_json:
        document = {
            "posting": {**row, "categories": json.loads(row["categories"] or "null")},
            "versions": len(all_versions),
            "events": [
                {**asdict(e), "changed_fields": _changed(e, all_versions)} for e in found_events
            ],
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    echo(f"{row['source']}:{row['source_key']}  {row['title'] or '(no title)'}")
    facts = [row[k] for k in ("organization", "location", "country", "grade") if row[k]]
    if row["closing_date"]:
        facts.append(f"closes {row['closing_date']}")
    facts.append(f"status {row['status']}")
    echo(" · ".join(facts))
    echo(row["url"] or "")
    echo(
        f"first seen {row['first_seen_at']}, last seen {row['last_seen_at']}, "
        f"{len(all_versions)} version{'s' if len(all_versions) != 1 else ''}"
    )
    echo("")
    if since and not found_events:
        echo(f"(no event since {since})")
    for event in found_events:
        label = f"v{event.version}" if event.version else ""
        line = f"{label:<5} {event.at}  {event.event}"
        if event.event == "changed":
            line += ": " + ", ".join(_changed(event, all_versions))
        if event.event == "reextracted":
            line += f" (no edit of the posting): {event.note}"
        elif event.note:
            line += f" ({event.note})"
        echo(line)


def _changed(event: Event, all_versions: dict[int, Version]) -> list[str]:
    """The fields a "changed" event changed (none for the other kinds)."""
    version = all_versions.get(event.version) if event.version else None
    if event.event != "changed" or version is None:
        return []
    return version.changed_fields


_RECENT_HEADER = ("id", "posting", "version", "status", "at", "event", "title")


def _print_recent(found: list[RecentChange]) -> None:
    """The recently changed postings as a table under a header, the title last."""
    table = [
        (
            str(c.posting_id),
            f"{c.source}:{c.source_key}",
            f"v{c.current_version}",
            c.status,
            c.at,
            ", ".join(c.events) + (": " + ", ".join(c.changed_fields) if c.changed_fields else ""),
            c.title or "",
        )
        for c in found
    ]
    widths = [max(len(r[i]) for r in [_RECENT_HEADER, *table]) for i in range(6)]
    for cells in [_RECENT_HEADER, *table]:
        first = cells[0].rjust(widths[0])
        rest = [cell.ljust(width) for cell, width in zip(cells[1:6], widths[1:], strict=True)]
        echo("  ".join([first, *rest, cells[6]]).rstrip())


@click.command("diff")
@click.argument("posting")
@click.option(
    "--from",
    "from_",
    metavar="VERSION|DATE",
    help="The older version: its number, or a date (YYYY-MM-DD, UTC) for the version "
    "current at the end of that day. Default: the version before --to. "
    "Example: --from 1, --from 2024-10-01",
)
@click.option(
    "--to",
    metavar="VERSION|DATE",
    help="The newer version, by number or date like --from. Default: the latest. "
    "Example: --to 3, --to 2024-10-15",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="unified",
    show_default=True,
    help="unified: field changes, then a unified diff of the text; text: the text with "
    "deleted and inserted words marked; json: for programs; html: a standalone page. "
    "Example: --format text",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output. Default: when writing to a terminal and NO_COLOR is not set. "
    "Example: --no-color",
)
@click.pass_context
def diff(
    ctx: click.Context,
    posting: str,
    from_: str | None,
    to: str | None,
    format_: str,
    color: bool | None,
) -> None:
    """Show how a posting changed between two versions (default: the last two).

    Field changes come first (closing_date: 2024-10-14 → 2024-10-28), then the text:
    as a unified diff, or word by word with --format text (coloured on a terminal).
    POSTING is a numeric id, source:source_key, the source key alone when one posting
    has it, or the URL (with or without its slug, query or #fragment), in any letter
    case. --from and --to take a version number or a date.

    \b
    Example:
        jobarchive diff unicef:577857
        jobarchive diff https://jobs.unicef.org/en-us/job/577857/nurse-p3
        jobarchive diff 42 --from 1 --to 3
        jobarchive diff 42 --from 2024-10-01 --format text
        jobarchive diff 42 --format json | jq .fields
        jobarchive diff 42 --format html > diff.html
    """
    with open_archive(ctx) as archive:
        row = find_posting(archive, posting)
        found = versions(archive.conn, row["id"])
        label = f"{row['source']}:{row['source_key']}"
        try:
            old, new = pick_pair(found, from_, to, label=label)
        except VersionNotFound as exc:
            raise click.ClickException(str(exc)) from exc
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if format_ in ("unified", "text"):
        # A version whose body was read again by a newer extraction: say so on top.
        for version in (old, new):
            for line in version.rereadings:
                echo(f"note: version {version.version} {line}", color=color)
    if format_ == "json":
        output = diff_formats.as_json(row, old, new)
    elif format_ == "html":
        output = diff_formats.as_html(row, found, old, new)
    elif format_ == "text":
        output = diff_formats.words(old, new, color=color)
    else:
        output = diff_formats.unified(old, new, color=color)
    click.echo(output, nl=False, color=color)
