"""`jobarchive serve`: browse and query the archive in datasette."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from archive.readonly import writable_place

from .common import UsageError, config_option, open_archive

DATASETTE_SETTINGS = {
    # Long posting texts would make every versions row a page tall.
    "truncate_cells_html": 300,
    # Suggesting facets runs a query per column on every table page: at 100,000
    # postings that, not the search, is what a search page waits for. The useful facets
    # are configured in the metadata.
    "suggest_facets": False,
}


def datasette_argv(
    db: str, *, host: str, port: int, immutable: bool, metadata: str, extra: tuple[str, ...] = ()
) -> list[str]:
    """The `datasette serve` arguments for the archive at `db`."""
    argv = ["serve", *(["--immutable", db] if immutable else [db])]
    argv += ["--host", host, "--port", str(port), "--metadata", metadata]
    for name, value in DATASETTE_SETTINGS.items():
        argv += [
            "--setting",
            name,
            ("on" if value else "off") if isinstance(value, bool) else str(value),
        ]
    return argv + list(extra)


@click.command(
    "serve",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": False},
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 127.0.0.1 lets only this machine in, 0.0.0.0 everyone. "
    "Example: --host 0.0.0.0",
)
@click.option(
    "-p",
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on; 0 picks a free one. Example: --port 8080",
)
@click.option(
    "-o",
    "--open",
    "open_browser",
    is_flag=True,
    help="Open the archive in your web browser once it is up. Example: --open",
)
@click.option(
    "--immutable",
    is_flag=True,
    help="Serve the file as a snapshot that will not change: faster counts, and the way to "
    "publish read-only. Do not crawl into it meanwhile. Example: --immutable",
)
@click.option(
    "--print-metadata",
    is_flag=True,
    help="Print the datasette metadata (JSON) for this archive and exit, for "
    "`datasette publish -m`. Example: --print-metadata > metadata.json",
)
@config_option("The TOML file of your [searches.NAME] tables, for their Atom feeds")
@click.argument("datasette_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    open_browser: bool,
    immutable: bool,
    print_metadata: bool,
    config: str | None,
    datasette_args: tuple[str, ...],
) -> None:
    """Browse, search and query the archive in datasette: open http://127.0.0.1:8001/.

    Search postings by words (title, organization, duty station, text), facet them by
    source, organization, country, status and grade, and start from a saved question
    (a view or saved query of the archive database):

    \b
      open_postings        what can be applied for now, soonest deadline first
      closing_soon         open postings closing in the next N days (days=7)
      new_this_week        postings first seen in the last 7 days
      recent_changes       postings that changed in the last N days, and which
                           fields (days=7)
      changes              every change ever, with the fields that changed
      deadline_extensions  closing dates moved later: old date, new date, days
      removed_postings     postings gone from their site, and whether early
      posting_history      every version and event of one posting
                           (posting=ID, source:key or URL)

    Every change links to its diff page, /-/jobarchive/diff/POSTING, which shows
    the field changes and the text word by word (the jobarchive datasette plugin).
    The metadata (titles, descriptions, facets, saved queries) is the bundled
    crawler/datasette_plugin/metadata.yml, filed under the database's name.

    Datasette only reads, and the archive keeps WAL, so crawls go on while it is
    served. To publish read-only: serve a copy no crawl writes to with --immutable
    (it folds the WAL into the file first), or give that copy and the output of
    --print-metadata to `datasette publish` (docs/datasette.md). Anything after `--`
    goes to `datasette serve` (datasette 0.65.x) as it is.

    \b
    Example:
        jobarchive serve                      # then open http://127.0.0.1:8001/
        jobarchive serve --open --port 8080
        jobarchive --db snapshot.db serve --immutable --host 0.0.0.0
        jobarchive serve --print-metadata > metadata.json
        jobarchive serve --config searches.toml   # with each saved search's feed
        jobarchive serve -- --setting sql_time_limit_ms 5000
    """
    # Imported here: the plugin package brings in datasette, which other commands do not need.
    from crawler.datasette_plugin.metadata import database_name, metadata_for

    db = ctx.obj["db"]
    name = database_name(db)
    metadata = metadata_for(name)
    if config:
        # Checked now, so that a broken file is one line here, not an error in each feed.
        from crawler.searches import load_searches
        from crawler.userconfig import ConfigError

        try:
            load_searches(config)
        except ConfigError as exc:
            raise UsageError(str(exc)) from exc
        plugins = metadata.setdefault("plugins", {})
        plugins.setdefault("jobarchive", {})["config"] = str(Path(config).absolute())
    if print_metadata:
        click.echo(json.dumps(metadata, indent=2, ensure_ascii=False))
        return
    open_archive(ctx).close()  # a clear error for a missing, damaged or outdated archive
    if not writable_place(Path(db).absolute().parent):
        # Datasette's read-only mode still needs to create the -shm file beside the
        # archive; on read-only media nothing can change the file, so it is immutable.
        if not immutable:
            click.echo(f"{db} is on read-only media: serving it as immutable.", err=True)
        immutable = True
    elif immutable:
        _fold_wal(db)
    from datasette.cli import cli as datasette_cli  # slow to import; only when serving

    extra = (*(("--open",) if open_browser else ()), *datasette_args)
    with tempfile.TemporaryDirectory(prefix="jobarchive-serve-") as tmp:
        metadata_path = Path(tmp) / "metadata.json"
        metadata_path.write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
        argv = datasette_argv(
            db,
            host=host,
            port=port,
            immutable=immutable,
            metadata=str(metadata_path),
            extra=extra,
        )
        datasette_cli.main(args=argv, prog_name="datasette", standalone_mode=False)


def _fold_wal(db: str) -> None:
    """Move the write-ahead log into the file, which an immutable database is read
    without; refused while a crawl holds the archive's lock (it would go on writing)."""
    from crawler.lock import crawl_running

    running = crawl_running(db)
    if running:
        who = f" (pid {running})" if running is not True else ""
        raise click.ClickException(
            f"A crawl{who} is writing to {db}, so it cannot be served as an immutable "
            "snapshot: the crawl's changes would be missed or read half-written. Serve "
            "without --immutable (datasette reads it while it is written), or serve a copy: "
            f"`jobarchive --db {db} backup snapshot.db` then "
            "`jobarchive --db snapshot.db serve --immutable`."
        )
    wal = Path(f"{db}-wal")
    if not wal.exists() or not wal.stat().st_size:
        return
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise click.ClickException(
            f"{db} is being written to, so it cannot be served as an immutable snapshot. "
            "Wait for the writer to finish, or serve without --immutable."
        )
