"""`jobarchive history` and `jobarchive diff`: how a posting changed."""

from __future__ import annotations

import click

from archive import PostingNotFound, diff_versions, events, format_unified, resolve_posting, versions

from .common import open_archive

POSTING_HELP = "POSTING is a numeric id, source:source_key (unicef:577857) or the posting's URL."


@click.command("history")
@click.argument("posting", required=False)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    help="Without POSTING: how many recently changed postings to list. Example: --limit 50",
)
@click.pass_context
def history(ctx: click.Context, posting: str | None, limit: int) -> None:
    """Show every version and event of one posting, or list recently changed postings.

    POSTING is a numeric id, source:source_key (unicef:577857) or the posting's URL.

    \b
    Example:
        jobarchive history                  # recently changed postings
        jobarchive history unicef:577857
        jobarchive history 42
    """
    with open_archive(ctx) as archive:
        if posting is None:
            rows = archive.conn.execute(
                "SELECT id, source, source_key, status, current_version, last_changed_at, title "
                "FROM postings ORDER BY last_changed_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            if not rows:
                click.echo("The archive has no postings yet; run `jobarchive crawl`.")
            for pid, source, key, status, current, changed_at, title in rows:
                click.echo(
                    f"{pid:>6}  {source}:{key}  v{current}  {status:<7}  {changed_at}  {title or ''}"
                )
            return
        try:
            row = resolve_posting(archive.conn, posting)
        except PostingNotFound as exc:
            raise click.ClickException(str(exc)) from exc
        all_versions = {v.version: v for v in versions(archive.conn, row["id"])}
        click.echo(f"{row['source']}:{row['source_key']}  {row['title'] or '(no title)'}")
        facts = [row[k] for k in ("organization", "location", "country", "grade") if row[k]]
        if row["closing_date"]:
            facts.append(f"closes {row['closing_date']}")
        facts.append(f"status {row['status']}")
        click.echo(" · ".join(facts))
        click.echo(row["url"] or "")
        click.echo(
            f"first seen {row['first_seen_at']}, last seen {row['last_seen_at']}, "
            f"{len(all_versions)} version{'s' if len(all_versions) != 1 else ''}"
        )
        click.echo("")
        for event in events(archive.conn, row["id"]):
            label = f"v{event.version}" if event.version else ""
            line = f"{label:<5} {event.at}  {event.event}"
            version = all_versions.get(event.version) if event.version else None
            if event.event == "changed" and version is not None:
                line += ": " + ", ".join(version.changed_fields)
            click.echo(line)


@click.command("diff")
@click.argument("posting")
@click.option("--from", "from_", type=int, help="The older version number. Example: --from 1")
@click.option("--to", type=int, help="The newer version number. Example: --to 3")
@click.pass_context
def diff(ctx: click.Context, posting: str, from_: int | None, to: int | None) -> None:
    """Show how a posting changed between two versions (default: the last two).

    Field changes come first (closing_date: 2024-10-14 → 2024-10-28), then a unified
    diff of the text. POSTING is a numeric id, source:source_key or the URL.

    \b
    Example:
        jobarchive diff unicef:577857
        jobarchive diff 42 --from 1 --to 3
    """
    with open_archive(ctx) as archive:
        try:
            row = resolve_posting(archive.conn, posting)
        except PostingNotFound as exc:
            raise click.ClickException(str(exc)) from exc
        by_number = {v.version: v for v in versions(archive.conn, row["id"])}
        numbers = sorted(by_number)
        new_n = to if to is not None else numbers[-1]
        old_n = from_ if from_ is not None else (new_n - 1 if new_n - 1 in by_number else None)
        for n in (new_n, old_n):
            if n is not None and n not in by_number:
                raise click.ClickException(
                    f"{row['source']}:{row['source_key']} has no version {n}; "
                    f"it has versions {', '.join(map(str, numbers))}."
                )
        if old_n is None:
            raise click.ClickException(
                f"{row['source']}:{row['source_key']} has only one version, so there is "
                "nothing to compare yet."
            )
        click.echo(format_unified(diff_versions(by_number[old_n], by_number[new_n])), nl=False)
