"""`jobarchive extract`: the fields and clean text of one saved page.

For a page of a known source (named with --source, or found by the --url's host), the
page is read by that source's own spider, with the checks a crawl makes, so what this
prints is what a crawl would store. Any other page gets the generic reading.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .common import config_option, echo, open_archive
from .visible import visible

_FIELD_ORDER = (
    "title", "organization", "location", "country", "grade", "contract_type", "job_number",
    "posted_date", "closing_date", "status", "categories",
)  # fmt: skip


@click.command("extract")
@click.argument("page", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--url",
    help="The page's address: relative links follow it, and its host names the source "
    "when --source is not given. Example: --url https://jobs.unicef.org/en-us/job/577857",
)
@click.option(
    "--source",
    metavar="SOURCE",
    help="Read the page as this source's crawl does (`jobarchive sources` lists them), or "
    "`generic` for the generic reading of any job page. Example: --source uncareers",
)
@config_option("A sources TOML file, for reading a page of one of its job boards with --source")
@click.option(
    "--listed",
    metavar="JSON",
    help="What the source's listing showed of the posting (a version's `listed` column), "
    "for reading the page exactly as its crawl did. "
    'Example: --listed \'{"path": "/job/Geneva/Officer_JR1"}\'',
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object instead of text. Example: --json",
)
@click.pass_context
def extract_command(
    ctx: click.Context,
    page: Path,
    url: str | None,
    source: str | None,
    config: str | None,
    listed: str | None,
    as_json: bool,
) -> None:
    """Print the fields and clean main text of one saved job page.

    For a source whose text is the page's main text, what the archive (--db) learned of
    the source's template from its crawls is taken out too, as a crawl would.

    \b
    Example:
        jobarchive extract saved/577857.html --url https://jobs.unicef.org/en-us/job/577857
        jobarchive extract saved/job.json --source unhcr --json | jq .closing_date
        jobarchive extract saved/vacancy.html --source generic
    """
    if not page.exists():
        raise click.ClickException(
            f"{page}: no such file. Give the path of a saved HTML page, "
            "e.g. jobarchive extract tests/extraction/pages/unicef-pageup.html"
        )
    body = page.read_bytes()
    try:
        context = json.loads(listed) if listed else None
    except ValueError as exc:
        raise click.BadParameter(f"not JSON ({exc})", param_hint="--listed") from None
    result = _read(body, url, source, config, context)
    learned = _site_template(ctx, result, config)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        if result.get("problem"):
            raise SystemExit(1)
        return
    for name in ("source", *_FIELD_ORDER):
        value = result.get(name)
        if isinstance(value, list):
            value = ", ".join(value)
        echo(f"{name + ':':<15}{value if value not in (None, '') else '-'}")
    if result.get("extra"):
        echo(f"{'extra:':<15}{json.dumps(result['extra'], ensure_ascii=False)}")
    if learned:
        echo(f"{'template:':<15}{learned}")
    if result.get("problem"):
        raise click.ClickException(
            f"a crawl would store no version of this page: {visible(result['problem'])}"
        )
    echo()
    echo(result["text"])


def _read(
    body: bytes,
    url: str | None,
    source: str | None,
    config: str | None,
    listed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The page's fields as the source's spider reads them, or the generic reading."""
    from crawler.extract import extract_page
    from crawler.sitefacts import facts_for

    if source != "generic":
        spider_class = _spider_class(source or facts_for(None, url)[0], config, named=bool(source))
        if spider_class is not None:
            from spiders.offline import read_saved, spider_for_page

            page_url = url or spider_class.default_base_url + "/"
            spider = spider_for_page(spider_class, url)
            reading = read_saved(spider, body, page_url, listed=listed)
            return {"source": spider_class.name, **reading.fields, "problem": reading.problem}
    from crawler.fields import TooDeep

    try:
        return extract_page(body, url=url, source=source)
    except TooDeep as exc:
        return {"source": source or "generic", "text": "", "problem": str(exc)}


def _site_template(ctx: click.Context, result: dict[str, Any], config: str | None) -> str | None:
    """Take out of the text what the archive learned of the source's template; a line
    saying what was taken out, None for a source or an archive with nothing learned."""
    db = Path(ctx.obj["db"])
    spider_class = _spider_class(result.get("source") or "", config, named=False)
    if (
        not result.get("text")
        or spider_class is None
        or not getattr(spider_class.facts, "page_text", False)
        or not db.exists()
    ):
        return None
    from crawler import sitelines

    with open_archive(ctx) as archive:
        if "site_lines" not in archive.db.table_names():
            return None
        learned = sitelines.load(archive.conn, spider_class.name)
    if not learned.counts.postings:
        return None
    cleaned = learned.clean(
        result["text"], str(result.get("source_key") or ""), result.get("title")
    )
    dropped = sum(cleaned.dropped.values())
    result["text"] = cleaned.text
    result["template_lines_dropped"] = dropped
    kinds = ", ".join(f"{n} {reason}" for reason, n in sorted(cleaned.dropped.items()))
    return (
        f"{dropped} line(s) taken out{f' ({kinds})' if kinds else ''}, as learned from "
        f"{learned.counts.postings} postings of {spider_class.name} in {db}"
    )


def _spider_class(name: str, config: str | None, named: bool) -> Any:
    """The spider of source `name`; None for the generic reading (unless it was named)."""
    from crawler.sources import all_sources
    from crawler.userconfig import ConfigError

    try:
        known = all_sources(config=config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if name in known:
        return known[name].spider
    if named:
        raise click.BadParameter(
            f"unknown source {name!r}; known: {', '.join([*known, 'generic'])}",
            param_hint="--source",
        )
    return None
