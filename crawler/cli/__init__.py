"""The `jobarchive` command line: a thin layer over the crawler and the archive.

Each command lives in a module of this package named for what it does; this module
builds the group and adds them. Commands parse arguments, call library code, and
format its results; user errors become `click.ClickException`s with a way forward.
"""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import click

# Modules of this package that each define one or more commands (functions decorated
# with @click.command), added to the group in this order.
COMMAND_MODULES = [
    "crawl",
    "probe",
    "sources",
    "extract",
    "reextract",
    "history",
    "serve",
    "export",
    "maintenance",
    "demo",
    "mocksites",
]


class ArchiveGroup(click.Group):
    """The command group; an archive error any command lets through becomes one line
    saying what to do, never a traceback (exit code 4 for a damaged or unwritable file)."""

    def invoke(self, ctx: click.Context) -> object:
        from archive import ArchiveError, DamagedArchive, OutdatedArchive, UnwritableArchive
        from archive.db import explain

        from .common import ArchiveUnusable

        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as exc:
            db = Path((ctx.obj or {}).get("db") or "archive.db")
            raise ArchiveUnusable(str(explain(db, exc))) from None
        except (DamagedArchive, UnwritableArchive, OutdatedArchive) as exc:
            raise ArchiveUnusable(str(exc)) from None
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=ArchiveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobarchive")
@click.option(
    "--db",
    default="archive.db",
    show_default=True,
    envvar="JOBARCHIVE_DB",
    type=click.Path(dir_okay=False),
    help="The archive file (SQLite). Example: --db ~/jobs/archive.db",
)
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """Archive humanitarian and UN job postings and the history of how each one changed.

    \b
    Example:
        jobarchive crawl                 # crawl every source into ./archive.db
        jobarchive history unicef:577857 # how one posting changed
        jobarchive serve                 # browse the archive in datasette
    """
    ctx.obj = {"db": db}


def _add_commands() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and value.name not in cli.commands:
                cli.add_command(value)


_add_commands()


def main() -> None:
    cli()
