"""`jobarchive probe`: try a source on its live site before the first crawl."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import click

from .common import (
    EXIT_SOURCE_FAILED,
    UsageError,
    config_option,
    echo,
    employer_option,
    parse_pairs,
    setting_value,
    settings_option,
)


@click.command("probe")
@click.argument("source", required=False)
@config_option("The TOML file that defines SOURCE, for a job board of your own")
@employer_option("Probe this employer instead of SOURCE", multiple=False)
@click.option(
    "--limit",
    type=click.IntRange(1, 50),
    default=3,
    show_default=True,
    help="How many of the listed postings to fetch and read. Example: --limit 5",
)
@click.option(
    "--set-url",
    "set_url",
    metavar="URL",
    help="Probe a mirror or mock of the source instead of its real site. "
    "Example: --set-url http://127.0.0.1:8123",
)
@settings_option()
@click.option(
    "--save",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep every answer fetched in this folder, to replay or attach to a bug report. "
    "Example: --save probe-unicef",
)
@click.option(
    "--replay",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Run the checks on the answers a --save kept, without the network. "
    "Example: --replay probe-unicef",
)
def probe_command(
    source: str | None,
    config: str | None,
    employers: str | None,
    limit: int,
    set_url: str | None,
    set_settings: tuple[str, ...],
    save: Path | None,
    replay: Path | None,
) -> None:
    """Fetch a source's first listing page and a few postings, show what each gave.

    Nothing is written to the archive. Politely, as a crawl does (robots.txt, delays),
    it reads the first listing page and --limit postings, and prints the postings listed
    against the total the site states, whether a next page was found, each field of
    each posting (or "not found" and where it was looked for), the text's length and
    first line, and any reason the page would be refused. Exit code 1 when the listing
    yields no posting or a posting would not be stored; the message says which selector
    or key matched nothing.

    \b
    Example:
        jobarchive probe unicef
        jobarchive probe acme_jobs --config sources.toml --limit 5
        jobarchive probe unhcr --save probe-unhcr
        jobarchive probe unhcr --replay probe-unhcr
        jobarchive probe --employer UNFPA     # confirm a catalogue entry
    """
    from crawler import probe
    from crawler.crawl import crawl_settings
    from crawler.sources import UnknownSource, select_sources
    from crawler.userconfig import ConfigError

    if save and replay:
        raise UsageError("--save and --replay do not go together: replay reads a saved folder.")
    if (source is None) == (employers is None):
        raise UsageError("Name a SOURCE or an --employer to probe (one of them).")
    try:
        [chosen] = (
            select_sources([], config=config, employers=[employers])
            if employers
            else select_sources([source or ""], config=config)
        )
    except (UnknownSource, ConfigError) as exc:
        raise UsageError(str(exc)) from exc
    if set_url and (
        urlparse(set_url).scheme not in ("http", "https") or not urlparse(set_url).netloc
    ):
        raise UsageError(f"--set-url {set_url}: the URL must start with http:// or https://")
    facts = chosen.spider.facts
    if replay is not None:
        try:
            report, _ = probe.replay(chosen, replay, limit)
        except (FileNotFoundError, ValueError, KeyError) as exc:
            raise click.ClickException(f"cannot replay {replay}: {exc}") from exc
        echo(f"probe {chosen.name}: replaying {replay}")
    else:
        overrides = {k: setting_value(v) for k, v in parse_pairs(set_settings, "--set").items()}
        settings = crawl_settings(
            "probe-writes-nothing.db", {chosen.name: set_url} if set_url else {}, overrides
        )
        url = set_url or settings.getdict("JOBARCHIVE_BASE_URLS").get(chosen.name)
        echo(f"probe {chosen.name}: {url or chosen.default_base_url}")
        report, _ = probe.run_probe(chosen, settings, limit, save)
    for line in probe.format_report(report, facts):
        echo(line)
    errors = report.errors(facts)
    if save is not None:
        echo(f"saved the answers in {save}; replay them with --replay {save}")
    if errors:
        for error in errors:
            echo(f"Error: {error}", err=True)
        raise SystemExit(EXIT_SOURCE_FAILED)
    echo(f"ok: {len(report.details)} posting(s) read; the listing is readable")
