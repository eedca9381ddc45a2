"""`jobarchive sources`: what can be crawled, and from where."""

from __future__ import annotations

import click

from crawler.sources import all_sources, project_settings
from crawler.userconfig import ConfigError

from .common import UsageError, config_option


@click.command("sources")
@config_option("Also list the job boards defined in this TOML file")
def sources(config: str | None) -> None:
    """List every source with its kind and the base URL it crawls.

    \b
    Example:
        jobarchive sources
        jobarchive sources --config sources.toml
    """
    settings = project_settings()
    overrides = settings.getdict("JOBARCHIVE_BASE_URLS")
    try:
        found = all_sources(settings, config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    width = max((len(n) for n in found), default=6)
    for name, source in found.items():
        url = overrides.get(name, source.default_base_url)
        click.echo(f"{name:<{width}}  {url}  ({source.kind})")
