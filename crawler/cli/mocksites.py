"""`jobarchive mock-sites`: serve the local mock job sites until interrupted."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

from crawler.mocksites import SITES, MockSites
from crawler.mocksites.reliefweb import MOCK_APPNAME


@click.command("mock-sites")
@click.argument("names", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Serve the first site on this port and the next ones on the following ports; "
    "0 picks free ports. Example: --port 8120",
)
def mock_sites(names: tuple[str, ...], port: int) -> None:
    """Serve mock job sites on 127.0.0.1 until Ctrl-C: all of them, or the SOURCEs named.

    Each mock follows its real site's URLs, paging and page layout, so a crawl pointed
    at it with --set-url runs as it would against the real site.

    \b
    Example:
        jobarchive mock-sites
        jobarchive mock-sites unicef unhcr --port 8120
        jobarchive crawl unicef --set-url unicef=http://127.0.0.1:8120
    """
    unknown = [name for name in names if name not in SITES]
    if unknown:
        raise click.ClickException(
            f"No mock site for {', '.join(unknown)}. Mock sites: {', '.join(SITES)}."
        )
    chosen = list(names) or list(SITES)
    ports = {name: port + i for i, name in enumerate(chosen)} if port else {}
    try:
        sites = MockSites(chosen, ports=ports)
        sites.start()
    except OSError as exc:
        raise click.ClickException(
            f"Cannot listen on 127.0.0.1: {exc.strerror}. Choose other ports with --port, "
            "or leave --port out to use free ones."
        ) from exc
    try:
        for name, url in sites.base_urls.items():
            click.echo(f"{name:<12} {url:<26} {sites[name].description}")
        set_urls = " ".join(f"--set-url {name}={url}" for name, url in sites.base_urls.items())
        if "reliefweb" in chosen:  # the mock, like the API, wants an approved appname
            set_urls += f" -s RELIEFWEB_APPNAME={MOCK_APPNAME}"
        click.echo(f"\nCrawl them with:\n  jobarchive crawl {' '.join(chosen)} {set_urls}")
        click.echo("\nServing; press Ctrl-C to stop.")
        # `kill` stops it as Ctrl-C does (and works where Ctrl-C is ignored, as it is for
        # commands a non-interactive shell starts in the background).
        signal.signal(signal.SIGTERM, _interrupt)
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        sites.stop()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
