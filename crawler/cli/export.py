"""`jobarchive export`: postings or versions as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json

import click

from archive.export import Table, as_csv_value, columns, rows

from .common import open_archive


@click.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per line, lists as lists; csv: a header row, lists as "
    "JSON text. Example: --format csv",
)
@click.option(
    "--versions",
    "versions",
    is_flag=True,
    help="Export every version of every posting instead of the postings as they are now. "
    "Example: --versions",
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
def export(ctx: click.Context, format_: str, versions: bool, output: str) -> None:
    """Export the postings (current state) or all their versions, streaming.

    Postings come in id order with the text of their current version, versions by
    posting and version number. Every column is included; categories, extra and
    changed_fields are JSON. In CSV, a text cell that starts with =, +, -, @ or a tab
    gets a leading apostrophe, so that a spreadsheet shows it instead of running it
    as a formula (a posting titled =HYPERLINK(...)); JSON Lines keep every value as
    it is.

    \b
    Example:
        jobarchive export > postings.jsonl
        jobarchive export --format csv -o postings.csv
        jobarchive export --versions --format jsonl | gzip > versions.jsonl.gz
    """
    which: Table = "versions" if versions else "postings"
    with open_archive(ctx) as archive, click.open_file(output, "w", encoding="utf-8") as out:
        if format_ == "csv":
            names = columns(archive.conn, which)
            writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
            writer.writeheader()
            for row in rows(archive.conn, which):
                writer.writerow({k: as_csv_value(v) for k, v in row.items()})
        else:
            for row in rows(archive.conn, which):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
