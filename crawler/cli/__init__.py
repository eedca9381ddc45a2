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
from click.core import ParameterSource

# Modules of this package that each define one or more commands (functions decorated
# with @click.command), added to the group in this order.
COMMAND_MODULES = [
    "crawl",
    "ingest",
    "probe",
    "sources",
    "searches",
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

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Add the command, and let it take the group's options that carry a value
        (--db) after its name too: people type `jobarchive crawl --db x.db` as often as
        `jobarchive --db x.db crawl`. Flags stay before the command, so that `export
        --version` is not taken for the group's --version."""
        super().add_command(cmd, name)
        taken = {opt for param in cmd.params for opt in param.opts}
        for option in self.params:
            if (
                isinstance(option, click.Option)
                and not option.is_flag
                and not option.is_eager
                and not taken.intersection(option.opts)
            ):
                cmd.params.append(_after_command(option))


def _after_command(option: click.Option) -> click.Option:
    """A hidden copy of a group option for a command: given after the command, its value
    is the group's, as if given before (the documented place). Without a default, so
    that a value before the command is not overwritten when none comes after."""
    name = option.name or ""

    def pass_up(ctx: click.Context, param: click.Parameter, value: object) -> None:
        if value is None or ctx.resilient_parsing:
            return
        root = ctx.find_root()
        root.params[name] = value
        root.set_parameter_source(name, ParameterSource.COMMANDLINE)
        if isinstance(ctx.obj, dict):  # the group's callback keeps its options there
            ctx.obj[name] = value

    return click.Option(
        option.opts,
        type=option.type,
        metavar=option.metavar,
        help=option.help,
        hidden=True,
        expose_value=False,
        callback=pass_up,
    )


@click.group(cls=ArchiveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobarchive")
@click.option(
    "--db",
    default="archive.db",
    show_default=True,
    envvar="JOBARCHIVE_DB",
    type=click.Path(dir_okay=False),
    help="The archive file (SQLite); also taken after the command. Example: --db ~/jobs/archive.db",
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
