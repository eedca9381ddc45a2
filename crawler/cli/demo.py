"""`jobarchive demo`: the whole cycle offline, against mock sites on this machine."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource


@click.command("demo")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.pass_context
def demo(ctx: click.Context, sources: tuple[str, ...]) -> None:
    """Run the offline demo: crawl mock job sites, change them, crawl again, show a diff.

    Nothing leaves this machine: the sites are mocks served on 127.0.0.1. The archive
    goes to demo.db (rebuilt on every run) unless --db names another file that does
    not exist yet.

    \b
    Example:
        jobarchive demo
        jobarchive demo unicef
        jobarchive --db /tmp/try.db demo
    """
    parent = ctx.parent
    explicit = parent is not None and parent.get_parameter_source("db") not in (
        ParameterSource.DEFAULT,
        None,
    )
    db = Path(ctx.obj["db"]) if explicit else Path("demo.db")
    if explicit and db.exists():
        raise click.ClickException(
            f"{db} exists; the demo builds a fresh archive. Name a new file with --db, "
            "or leave --db out to use demo.db."
        )
    from crawler.demo import run_demo  # crawls, so brings Scrapy: only when run
    from crawler.mocksites import SITES

    unknown = [s for s in sources if s not in SITES]
    if unknown:
        raise click.UsageError(
            f"No mock site for {', '.join(unknown)}; there are: {', '.join(SITES)}"
        )
    ctx.exit(run_demo(db, click.echo, list(sources) or None))
