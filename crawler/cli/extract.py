"""`jobarchive extract`: the fields and clean text of one saved page."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.extract import extract_page
from crawler.fields import PROFILES

_FIELD_ORDER = (
    "title", "organization", "location", "country", "grade", "contract_type", "job_number",
    "posted_date", "closing_date", "status", "categories",
)  # fmt: skip


@click.command("extract")
@click.argument("page", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--url",
    help="The page's address: relative links and the source's date rules follow it. "
    "Example: --url https://jobs.unicef.org/en-us/job/577857",
)
@click.option(
    "--source",
    type=click.Choice(sorted(PROFILES)),
    help="The site the page is from, when --url does not say (decides day/month order "
    "and time zone). Example: --source uncareers",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON object instead of text. Example: --json",
)
def extract_command(page: Path, url: str | None, source: str | None, as_json: bool) -> None:
    """Print the fields and clean main text of one saved job page.

    \b
    Example:
        jobarchive extract saved/577857.html --url https://jobs.unicef.org/en-us/job/577857
        jobarchive extract saved/577857.html --json | jq .closing_date
    """
    if not page.exists():
        raise click.ClickException(
            f"{page}: no such file. Give the path of a saved HTML page, "
            "e.g. jobarchive extract tests/extraction/pages/unicef-pageup.html"
        )
    result = extract_page(page.read_bytes(), url=url, source=source)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for name in ("source", *_FIELD_ORDER):
        value = result.get(name)
        if isinstance(value, list):
            value = ", ".join(value)
        click.echo(f"{name + ':':<15}{value if value not in (None, '') else '-'}")
    click.echo()
    click.echo(result["text"])
