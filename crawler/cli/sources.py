"""`jobarchive sources`: what can be crawled, and from where."""

from __future__ import annotations

import click

from crawler.userconfig import ConfigError

from .common import UsageError, config_option


@click.command("sources")
@config_option("Also list the job boards defined in this TOML file")
@click.option(
    "--catalogue",
    is_flag=True,
    help="List the catalogue of employers instead: UN-system organisations and NGOs on "
    "a platform jobarchive reads, with their parameters and how sure they are. "
    "Example: --catalogue",
)
@click.option(
    "--evidence",
    is_flag=True,
    help="With --catalogue, also print where each employer's parameters were seen. "
    "Example: --catalogue --evidence",
)
def sources(config: str | None, catalogue: bool, evidence: bool) -> None:
    """List every source with its kind and the base URL it crawls.

    With --catalogue, the employers any of which `jobarchive crawl --employer KEY`
    crawls, or a sources file with `employer = "KEY"`; an entry marked likely or
    unconfirmed is confirmed with `jobarchive probe --employer KEY`.

    \b
    Example:
        jobarchive sources
        jobarchive sources --config sources.toml
        jobarchive sources --catalogue
        jobarchive sources --catalogue --evidence | grep -A3 UNFPA
    """
    if evidence and not catalogue:
        raise UsageError("--evidence goes with --catalogue.")
    if catalogue:
        _catalogue(evidence)
        return
    # Loading the sources loads their spiders, and Scrapy: not needed for --catalogue.
    from crawler.sources import all_sources, project_settings

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


def _catalogue(evidence: bool) -> None:
    from crawler.catalogue import employers
    from crawler.platforms import PLATFORMS

    found = employers()
    width = max(len(key) for key in found)
    for key, employer in sorted(found.items(), key=lambda kv: (kv[1].kind, kv[0])):
        params = ", ".join(
            f"{p.name}={employer.source[p.name]}"
            for p in PLATFORMS[employer.kind].params
            if p.name in employer.source
        )
        where = employer.source.get("base_url")
        place = f"{where}, {params}" if where else params
        builtin = f"; built-in source {employer.builtin}" if employer.builtin else ""
        click.echo(
            f"{key:<{width}}  {PLATFORMS[employer.kind].title}: {place} "
            f"({employer.confidence}{builtin})  {employer.name}"
        )
        if evidence:
            for line in employer.evidence:
                click.echo(f"{'':<{width}}    evidence: {line}")
            if employer.note:
                click.echo(f"{'':<{width}}    note: {employer.note}")
