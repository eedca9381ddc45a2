"""`jobarchive export`: postings or versions as JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from archive.export import Selection, Table, as_csv_value, columns, rows

from .common import archived_sources, open_archive, since_option, source_filter_option

STATUSES = ("open", "closed", "removed")


@click.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["jsonl", "json", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per line, lists as lists; json: one JSON array of them; "
    "csv: a header row, lists as JSON text. Example: --format csv",
)
@click.option(
    "--versions",
    "versions",
    is_flag=True,
    help="Export every version of every posting instead of the postings as they are now. "
    "Example: --versions",
)
@source_filter_option("Only the postings (or versions of postings)")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES, case_sensitive=False),
    help="Only the postings (or versions of postings) with this status now; give it "
    "again for more. Example: --status open --status closed",
)
@since_option(
    "Only the postings with an event (new, changed, removed, reopened), or the versions fetched,"
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The file to write; - is standard output. Example: -o postings.csv",
)
@click.pass_context
def export(
    ctx: click.Context,
    format_: str,
    versions: bool,
    sources: tuple[str, ...],
    statuses: tuple[str, ...],
    since: str | None,
    output: str,
) -> None:
    """Export the postings (current state) or all their versions, streaming.

    Postings come in id order with the extra and text of their current version,
    versions by posting and version number with the source and source_key of their
    posting. Every column is included; categories, extra and changed_fields are JSON.
    In CSV, a text cell that starts with =, +, -, @ or a tab gets a leading
    apostrophe, so that a spreadsheet shows it instead of running it as a formula (a
    posting titled =HYPERLINK(...)); JSON keeps every value as it is. A file named
    with -o is replaced only once the export is whole.

    \b
    Example:
        jobarchive export > postings.jsonl
        jobarchive export --format csv -o postings.csv
        jobarchive export --source unicef --status open --format json
        jobarchive export --versions --since 7d | gzip > versions.jsonl.gz
    """
    which: Table = "versions" if versions else "postings"
    with open_archive(ctx) as archive:
        selection = Selection(
            sources=archived_sources(archive, sources),
            statuses=tuple(dict.fromkeys(s.lower() for s in statuses)),
            since=since,
        )
        with _replacing(output) as out:
            found = rows(archive.conn, which, selection)
            if format_ == "csv":
                writer = csv.DictWriter(
                    out, fieldnames=columns(archive.conn, which), lineterminator="\n"
                )
                writer.writeheader()
                for row in found:
                    writer.writerow({k: as_csv_value(v) for k, v in row.items()})
            elif format_ == "json":
                _json_array(out, found)
            else:
                for row in found:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _json_array(out: IO[str], found: Iterator[dict[str, Any]]) -> None:
    """One JSON array, an object a line, written as the rows come (no list in memory)."""
    out.write("[")
    for n, row in enumerate(found):
        out.write(("\n" if n == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
    out.write("\n]\n")


@contextmanager
def _replacing(output: str) -> Iterator[IO[str]]:
    """Standard output, or a file that takes the place of `output` only when the export
    got to the end: an export that fails half-way leaves the last good one in place."""
    if output == "-":
        with click.open_file("-", "w", encoding="utf-8") as out:
            yield out
        return
    target = Path(output)
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise click.ClickException(f"Cannot write {output}: {exc.strerror}.") from None
    # The file gets the mode a plain open() would give it, not mkstemp's private 0600.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
