"""`jobarchive history` and `jobarchive diff`: how a posting changed."""

from __future__ import annotations

import os
import sys

import click

from archive import PostingNotFound, events, resolve_posting, versions
from archive.compare import VersionNotFound, pick_pair

from . import diff_formats
from .common import echo, open_archive
from .diff_formats import FORMATS


@click.command("history")
@click.argument("posting", required=False)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    help="Without POSTING: how many recently changed postings to list. Example: --limit 50",
)
@click.pass_context
def history(ctx: click.Context, posting: str | None, limit: int) -> None:
    """Show every version and event of one posting, or list recently changed postings.

    POSTING is a numeric id, source:source_key (unicef:577857) or the posting's URL.

    \b
    Example:
        jobarchive history                  # recently changed postings
        jobarchive history unicef:577857
        jobarchive history 42
    """
    with open_archive(ctx) as archive:
        if posting is None:
            rows = archive.conn.execute(
                "SELECT id, source, source_key, status, current_version, last_changed_at, title "
                "FROM postings ORDER BY last_changed_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            if not rows:
                echo("The archive has no postings yet; run `jobarchive crawl`.")
            for pid, source, key, status, current, changed_at, title in rows:
                echo(
                    f"{pid:>6}  {source}:{key}  v{current}  {status:<7}  {changed_at}  "
                    f"{title or ''}"
                )
            return
        try:
            row = resolve_posting(archive.conn, posting)
        except PostingNotFound as exc:
            raise click.ClickException(str(exc)) from exc
        all_versions = {v.version: v for v in versions(archive.conn, row["id"])}
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
        for event in events(archive.conn, row["id"]):
            label = f"v{event.version}" if event.version else ""
            line = f"{label:<5} {event.at}  {event.event}"
            version = all_versions.get(event.version) if event.version else None
            if event.event == "changed" and version is not None:
                line += ": " + ", ".join(version.changed_fields)
            if event.event == "reextracted":
                line += f" (no edit of the posting): {event.note}"
            elif event.note:
                line += f" ({event.note})"
            echo(line)


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
    POSTING is a numeric id, source:source_key or the URL. --from and --to take a
    version number or a date.

    \b
    Example:
        jobarchive diff unicef:577857
        jobarchive diff 42 --from 1 --to 3
        jobarchive diff 42 --from 2024-10-01 --format text
        jobarchive diff 42 --format json | jq .fields
        jobarchive diff 42 --format html > diff.html
    """
    with open_archive(ctx) as archive:
        try:
            row = resolve_posting(archive.conn, posting)
        except PostingNotFound as exc:
            raise click.ClickException(str(exc)) from exc
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
