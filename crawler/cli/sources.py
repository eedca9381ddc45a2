"""`jobarchive sources`: what can be crawled, and from where."""

from __future__ import annotations

import click

from crawler.sources import all_sources, project_settings


@click.command("sources")
def sources() -> None:
    """List every source with its kind and the base URL it crawls.

    \b
    Example:
        jobarchive sources
    """
    settings = project_settings()
    overrides = settings.getdict("JOBARCHIVE_BASE_URLS")
    found = all_sources(settings)
    width = max((len(n) for n in found), default=6)
    for name, source in found.items():
        url = overrides.get(name, source.default_base_url)
        click.echo(f"{name:<{width}}  {url}  ({source.kind})")
