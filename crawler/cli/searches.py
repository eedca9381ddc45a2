"""`jobarchive searches`: list the saved searches of a config file, or test one."""

from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from crawler.searches import (
    FEED_PREFIX,
    PostingMatch,
    SavedSearch,
    by_posting,
    load_searches,
    matching_events,
    matching_postings,
)
from crawler.userconfig import ConfigError

from .common import UsageError, echo, open_archive


@click.command("searches")
@click.argument("name", required=False)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="JOBARCHIVE_CONFIG",
    help="The TOML file whose [searches.NAME] tables are the saved searches "
    "(docs/saved-searches.md); JOBARCHIVE_CONFIG stands for it. Example: --config searches.toml",
)
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="With NAME: how many matching postings and events to show. Example: --limit 30",
)
@click.option(
    "--ping",
    is_flag=True,
    help="With NAME: send a test message to each of its targets, to check that their URLs "
    "work; nothing is recorded and no posting is sent. Example: --ping",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text. Example: --json")
@click.pass_context
def searches(
    ctx: click.Context,
    name: str | None,
    config: str | None,
    limit: int,
    ping: bool,
    as_json: bool,
) -> None:
    """List the saved searches of --config, or test one (NAME) against the archive.

    A saved search is a [searches.NAME] table of the config file: a full-text query and
    filters on source, organization, grade, country, status and closing date, and the
    Apprise URLs its alerts go to (docs/saved-searches.md). After each crawl, `crawl
    --config FILE` reports the new, changed, reopened and removed postings it matches
    and sends them; `jobarchive serve` has its Atom feed. With NAME: the postings it
    matches now, the latest events it reports, and what the next crawl would send each
    target besides what that crawl finds (alerts that failed before). Nothing is changed.

    \b
    Example:
        jobarchive searches --config searches.toml
        jobarchive searches protection --config searches.toml
        jobarchive searches protection --ping     # with JOBARCHIVE_CONFIG set
        jobarchive searches --json | jq '.[].name'
    """
    if not config:
        raise UsageError(
            "No saved searches: give --config FILE (or set JOBARCHIVE_CONFIG), a TOML file "
            'with tables such as [searches.protection] and query = "protection" '
            "(docs/saved-searches.md)."
        )
    try:
        found = load_searches(config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    if not found:
        raise UsageError(
            f"{config} has no saved search; add a table such as [searches.protection] with "
            'query = "protection" (docs/saved-searches.md).'
        )
    if name is None:
        if ping:
            raise UsageError("--ping needs the NAME of the search whose targets to try.")
        _list(ctx, found, as_json)
        return
    if name not in found:
        close = difflib.get_close_matches(name, found, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise click.ClickException(
            f"No saved search {name!r} in {config}.{hint} Its searches: {', '.join(found)}."
        )
    search = found[name]
    if ping:
        _ping(ctx, search, as_json)
    else:
        _test(ctx, search, limit, as_json)


def _described(search: SavedSearch) -> dict[str, Any]:
    from crawler.alerts import shown

    return {
        "name": search.name,
        "title": search.title,
        "file": search.file,
        "criteria": search.filters(),
        "events": list(search.events),
        "notify": [shown(url) for url in search.notify],
        "feed": f"{FEED_PREFIX}{search.name}.atom",
    }


def _list(ctx: click.Context, found: dict[str, SavedSearch], as_json: bool) -> None:
    counts: dict[str, int] = {}
    # Counting needs an archive; listing what the file says does not.
    if Path(ctx.obj["db"]).exists():
        with open_archive(ctx) as archive:
            for search in found.values():
                counts[search.name] = matching_postings(archive.conn, search, limit=0)[0]
    if as_json:
        out = [{**_described(s), "matching_now": counts.get(s.name)} for s in found.values()]
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for search in found.values():
        d = _described(search)
        now = f" - {counts[search.name]} matching now" if search.name in counts else ""
        title = f" ({search.title})" if search.title != search.name else ""
        echo(f"{search.name}{title}: {'; '.join(d['criteria'])}{now}")
        echo(f"  alerts: {', '.join(d['notify']) or 'none (the crawl output only)'}")
        echo(f"  feed: {d['feed']}")


def _test(ctx: click.Context, search: SavedSearch, limit: int, as_json: bool) -> None:
    from crawler.alerts import describe, owed, what_happened

    today = date.today()
    with open_archive(ctx) as archive:
        total, postings = matching_postings(archive.conn, search, limit=limit, today=today)
        events = matching_events(archive.conn, search, limit=limit, today=today)
        targets = owed(archive.conn, search, today=today)
    if as_json:
        out = {
            **_described(search),
            "matching_now": total,
            "postings": postings,
            "events": [
                {
                    "event_id": e.event_id,
                    "event": e.event,
                    "at": e.at,
                    "version": e.version,
                    "changed_fields": e.changed_fields,
                    "posting_id": e.posting["id"],
                    "source": e.posting["source"],
                    "source_key": e.posting["source_key"],
                    "title": e.posting["title"],
                }
                for e in events
            ],
            "alerts": [
                {
                    "target": target,
                    "seen_by_a_crawl": matches is not None,
                    "owed_postings": len(matches or []),
                    "last_error": error,
                }
                for target, matches, error in targets
            ],
        }
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    echo(f"{search.name} ({search.file}): {'; '.join(search.filters())}")
    shown_count = f", the {len(postings)} last changed:" if total > len(postings) else ":"
    echo(f"matches {total} posting{'s' if total != 1 else ''} now{shown_count if total else ''}")
    for p in postings:
        match = PostingMatch(p, [])
        echo(f"  {match.ref} {describe(match)} [{p['status']}]")
    if events:
        echo("latest events it reports:")
        for match in by_posting(events):
            e = match.events[0]
            echo(f"  {e.at}  {what_happened(match)}: {match.ref} {describe(match)}")
    else:
        echo("no event of the archive matches it yet")
    if not targets:
        echo("alerts: none (its matches are in the crawl's output only)")
    for target, matches, error in targets:
        if matches is None:
            echo(f"alert to {target}: no crawl has sent it yet; the next one sends what it finds")
        elif matches:
            failed = f" (the last send failed: {error})" if error else ""
            echo(
                f"alert to {target}: the next crawl sends {len(matches)} posting"
                f"{'s' if len(matches) != 1 else ''} besides what it finds{failed}"
            )
        else:
            echo(f"alert to {target}: up to date; the next crawl sends only what it finds")
    echo(f"feed: {FEED_PREFIX}{search.name}.atom (jobarchive serve)")


def _ping(ctx: click.Context, search: SavedSearch, as_json: bool) -> None:
    from crawler.alerts import send, shown

    if not search.notify:
        raise UsageError(f"Search {search.name!r} has no target to try: add notify = [...] to it.")
    results = []
    for url in search.notify:
        error = send(
            url,
            f"{search.title}: test message",
            f"A test of the alerts of saved search {search.name!r} ({search.file}), sent by "
            "`jobarchive searches --ping`. Alerts of new, changed, reopened and removed "
            "postings will come like this.",
        )
        results.append({"target": shown(url), "sent": error is None, "error": error})
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        for r in results:
            echo(f"{r['target']}: {'sent' if r['sent'] else 'not sent (' + str(r['error']) + ')'}")
    if not all(r["sent"] for r in results):
        ctx.exit(1)
