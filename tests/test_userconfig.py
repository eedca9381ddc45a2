"""Reading a sources TOML file: what it gives, and each error naming file, source and key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.userconfig import ConfigError, load_config

DOCS = Path(__file__).parent.parent / "docs" / "user-sources.md"

GOOD = """
[sources.acme_jobs]
kind = "listing"
base_url = "https://jobs.example.org/"
start = "https://jobs.example.org/jobs?page=1"
detail_links = "a.job-title"
next_page = "a.next"
total = ".count strong"
key = '/jobs/detail/(\\d+)'
fields = "auto"
date_order = "day-first"
timezone = "Europe/Zurich"
organization = "ACME Relief"
max_pages = 30

[sources.acme_jobs.selectors]
closing_date = "time.deadline::attr(datetime)"
"""

# The smallest valid source of each kind, as a base for the error cases.
BASE = """
[sources.acme_jobs]
kind = "listing"
base_url = "https://jobs.example.org"
start = "/jobs"
detail_links = "a.job"
key = '/jobs/(\\d+)'
fields = "jsonld"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, builtin={"unicef", "unhcr"})
    return str(info.value).replace(str(path), "sources.toml")


def test_a_good_file_gives_each_value_checked(tmp_path):
    source = load_config(write(tmp_path, GOOD))["acme_jobs"]
    assert source.kind == "listing"
    assert source.base_url == "https://jobs.example.org"
    # A URL on the base URL is kept as a path, so that --set-url moves it too.
    assert source.entry_urls == ("/jobs?page=1",)
    assert source.key.source == "url"
    assert source.key.from_url("https://jobs.example.org/jobs/detail/41001/slug") == "41001"
    assert source.key.from_url("https://jobs.example.org/about") is None
    assert (source.detail_links, source.next_page, source.total) == (
        "a.job-title",
        "a.next",
        ".count strong",
    )
    assert source.day_first is True
    assert source.timezone == "Europe/Zurich"
    assert source.organization == "ACME Relief"
    assert source.max_pages == 30
    assert source.selectors == {"closing_date": "time.deadline::attr(datetime)"}


def test_defaults(tmp_path):
    source = load_config(write(tmp_path, BASE))["acme_jobs"]
    assert (source.fields, source.next_page, source.total, source.url_filter) == (
        "jsonld",
        None,
        None,
        None,
    )
    assert (source.date_order, source.day_first, source.timezone) == (None, None, None)
    assert source.max_pages == 200


def test_feed_key_words_and_url_lists(tmp_path):
    text = """
[sources.relief]
kind = "feed"
base_url = "https://careers.example.net"
feed = ["/field.rss", "https://other.example.net/hq.rss"]
key = "entry-id"
date_order = "iso"
"""
    source = load_config(write(tmp_path, text))["relief"]
    assert source.entry_urls == ("/field.rss", "https://other.example.net/hq.rss")
    assert source.key.source == "entry-id"
    assert source.day_first is None


@pytest.mark.parametrize(
    "block", re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
)
def test_every_example_in_the_docs_loads(tmp_path, block):
    assert load_config(write(tmp_path, block))


BAD_CASES = [
    pytest.param(
        BASE.replace('kind = "listing"', 'kind = "fed"'),
        "sources.toml: [sources.acme_jobs] kind: 'fed' is not accepted; "
        'use one of "feed", "sitemap", "listing", "workday", "oracle", "pageup", "avature"',
        id="bad-choice",
    ),
    pytest.param(
        BASE.replace('kind = "listing"\n', ""),
        "sources.toml: [sources.acme_jobs] kind: missing; every source needs it, "
        'e.g. kind = "feed"',
        id="missing-kind",
    ),
    pytest.param(
        BASE.replace('base_url = "https://jobs.example.org"\n', ""),
        "sources.toml: [sources.acme_jobs] base_url: missing; every source needs it, "
        'e.g. base_url = "https://jobs.example.org"',
        id="missing-base-url",
    ),
    pytest.param(
        BASE.replace("https://jobs.example.org", "jobs.example.org"),
        "sources.toml: [sources.acme_jobs] base_url: 'jobs.example.org' is not a web "
        "address; it must start with http:// or https://",
        id="base-url-not-a-url",
    ),
    pytest.param(
        BASE.replace("detail_links", "detail_link"),
        "sources.toml: [sources.acme_jobs] detail_link: unknown key; did you mean "
        '"detail_links"? Accepted keys: kind, base_url, feed, sitemap, start, '
        "detail_links, next_page, total, url_filter, key, fields, selectors, "
        "organization, date_order, timezone, max_pages, allowed_hosts, key_in_query, labels, "
        "employer, revisit_after, host, tenant, site, site_number, listing, portal",
        id="typo",
    ),
    pytest.param(
        BASE.replace('start = "/jobs"\n', ""),
        "sources.toml: [sources.acme_jobs] start: missing; this kind of source needs it, "
        'e.g. start = "/jobs"',
        id="missing-entry-url",
    ),
    pytest.param(
        BASE.replace('start = "/jobs"', "start = 3"),
        "sources.toml: [sources.acme_jobs] start: must be a path or URL in quotes, "
        'or a list of them, e.g. start = "/jobs"',
        id="entry-url-type",
    ),
    pytest.param(
        BASE + 'feed = "/jobs.rss"\n',
        'sources.toml: [sources.acme_jobs] feed: only for kind = "feed"; this source '
        'has kind = "listing"',
        id="key-of-another-kind",
    ),
    pytest.param(
        BASE.replace('detail_links = "a.job"\n', ""),
        "sources.toml: [sources.acme_jobs] detail_links: missing; every source needs it, "
        'e.g. detail_links = "a.job-title"',
        id="listing-without-detail-links",
    ),
    pytest.param(
        BASE + 'next_page = "a["\n',
        "sources.toml: [sources.acme_jobs] next_page: bad CSS selector 'a[': "
        "Expected ident or '*', got <EOF at 2>",
        id="bad-css",
    ),
    pytest.param(
        BASE + 'total = "p::count"\n',
        "sources.toml: [sources.acme_jobs] total: bad CSS selector 'p::count': "
        "The pseudo-element ::count is unknown",
        id="bad-css-pseudo-element",
    ),
    pytest.param(
        BASE + "next_page = true\n",
        "sources.toml: [sources.acme_jobs] next_page: must be a string (in quotes), not true/false",
        id="wrong-type",
    ),
    pytest.param(
        BASE.replace("key = '/jobs/(\\d+)'", "key = '/jobs/\\d+'"),
        "sources.toml: [sources.acme_jobs] key: '/jobs/\\\\d+' has no (group) to take the "
        "ID from; use a regular expression over the posting URL whose first (group) is "
        "the ID, e.g. key = '/jobs/(\\d+)', or \"jsonld\"",
        id="key-without-group",
    ),
    pytest.param(
        BASE.replace("key = '/jobs/(\\d+)'", "key = '/jobs/(\\d+'"),
        "sources.toml: [sources.acme_jobs] key: bad regular expression '/jobs/(\\\\d+': "
        "missing ), unterminated subpattern at position 6",
        id="key-bad-regex",
    ),
    pytest.param(
        BASE.replace("key = '/jobs/(\\d+)'", 'key = "entry-id"'),
        'sources.toml: [sources.acme_jobs] key: "entry-id" is only for feeds; use a '
        "regular expression over the posting URL whose first (group) is the ID, "
        "e.g. key = '/jobs/(\\d+)', or \"jsonld\"",
        id="entry-id-not-a-feed",
    ),
    pytest.param(
        BASE.replace("key = '/jobs/(\\d+)'\n", ""),
        "sources.toml: [sources.acme_jobs] key: missing; say where a posting's stable ID "
        "is: a regular expression over the posting URL whose first (group) is the ID, "
        "e.g. key = '/jobs/(\\d+)', or \"jsonld\"",
        id="missing-key",
    ),
    pytest.param(
        BASE + "url_filter = '('\n",
        "sources.toml: [sources.acme_jobs] url_filter: bad regular expression '(': "
        "missing ), unterminated subpattern at position 0",
        id="bad-regex",
    ),
    pytest.param(
        BASE + 'timezone = "Europe/Zurch"\n',
        "sources.toml: [sources.acme_jobs] timezone: unknown time zone 'Europe/Zurch'; "
        'use an IANA name such as "Europe/Zurich", "America/New_York" or "UTC"',
        id="bad-timezone",
    ),
    pytest.param(
        BASE.replace('fields = "jsonld"', 'fields = "labels"'),
        "sources.toml: [sources.acme_jobs] date_order: missing; this source reads dates "
        "as the page writes them, so say how its numeric dates are written: "
        '"day-first" (14/10/2024), "month-first" (10/14/2024) or "iso" (2024-10-14; '
        "ambiguous dates are then left empty)",
        id="date-order-needed-for-labels",
    ),
    pytest.param(
        BASE + '[sources.acme_jobs.selectors]\nclosing_date = ".deadline"\n',
        "sources.toml: [sources.acme_jobs] date_order: missing; this source reads dates "
        "as the page writes them, so say how its numeric dates are written: "
        '"day-first" (14/10/2024), "month-first" (10/14/2024) or "iso" (2024-10-14; '
        "ambiguous dates are then left empty)",
        id="date-order-needed-for-date-selector",
    ),
    pytest.param(
        BASE + 'date_order = "dd/mm/yyyy"\n',
        "sources.toml: [sources.acme_jobs] date_order: 'dd/mm/yyyy' is not accepted; "
        'use one of "day-first", "month-first", "iso"',
        id="bad-date-order",
    ),
    pytest.param(
        BASE + "max_pages = 0\n",
        "sources.toml: [sources.acme_jobs] max_pages: must be a whole number of 1 or more, "
        "e.g. max_pages = 50",
        id="bad-max-pages",
    ),
    pytest.param(
        BASE + '[sources.acme_jobs.selectors]\ntitel = "h1"\n',
        "sources.toml: [sources.acme_jobs] selectors.titel: unknown field; did you mean "
        '"title"? Accepted: title, organization, location, country, grade, '
        "contract_type, job_number, posted_date, closing_date, categories, text",
        id="selector-typo",
    ),
    pytest.param(
        BASE + '[sources.acme_jobs.selectors]\ntitle = "h1["\n',
        "sources.toml: [sources.acme_jobs] selectors.title: bad CSS selector 'h1[': "
        "Expected ident or '*', got <EOF at 3>",
        id="selector-bad-css",
    ),
    pytest.param(
        BASE + 'selectors = "h1"\n',
        "sources.toml: [sources.acme_jobs] selectors: must be a table, e.g. "
        '[sources.<name>.selectors] with title = "h1"',
        id="selectors-not-a-table",
    ),
    pytest.param(
        BASE.replace("acme_jobs", "unicef"),
        "sources.toml: [sources.unicef]: 'unicef' is the name of a built-in source; "
        "give this one another name",
        id="built-in-name",
    ),
    pytest.param(
        BASE.replace("acme_jobs", '"ACME:jobs"'),
        "sources.toml: [sources.ACME:jobs]: 'ACME:jobs' is not a usable source name; use "
        "lower-case letters, digits, '-' and '_', starting with a letter "
        "(e.g. [sources.acme_jobs])",
        id="bad-name",
    ),
    pytest.param(
        "[sources]\nacme = 3\n",
        "sources.toml: [sources.acme]: must be a table of keys, not a number",
        id="source-not-a-table",
    ),
    pytest.param(
        '[source.acme]\nkind = "feed"\n',
        "sources.toml: unknown top-level key 'source'; a sources file holds "
        "[sources.<name>] and [searches.<name>] tables",
        id="top-level-typo",
    ),
    pytest.param(
        "# nothing yet\n",
        'sources.toml: no sources in it; add a table such as [sources.myboard] with kind = "feed"',
        id="empty",
    ),
    pytest.param(
        '[sources.acme]\nkind = "feed"\nbase_url = https://x\n',
        "sources.toml: not valid TOML: Invalid value (at line 3, column 12)",
        id="toml-syntax",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_CASES)
def test_each_error_names_file_source_and_key(tmp_path, text, message):
    assert error_of(tmp_path, text) == message


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file$"):
        load_config(tmp_path / "nope.toml")


# -- the commands -------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_sources_lists_user_defined_sources(tmp_path):
    path = write(tmp_path, GOOD)
    result = run("sources", "--config", str(path))
    assert result.exit_code == 0, result.output
    # User sources come after the built-in ones; the column width depends on those.
    last = result.output.splitlines()[-1]
    assert last.split(None, 2) == [
        "acme_jobs",
        "https://jobs.example.org",
        "(user-defined (listing))",
    ]


def test_sources_reads_the_config_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBARCHIVE_CONFIG", str(write(tmp_path, GOOD)))
    assert "acme_jobs" in run("sources").output


def test_bad_config_is_a_usage_error_for_both_commands(tmp_path):
    path = write(tmp_path, BASE.replace('"listing"', '"fed"'))
    for command in (["sources"], ["--db", str(tmp_path / "a.db"), "crawl"]):
        result = run(*command, "--config", str(path))
        assert result.exit_code == 2
        assert result.output == (
            f"Error: {path}: [sources.acme_jobs] kind: 'fed' is not accepted; "
            'use one of "feed", "sitemap", "listing", "workday", "oracle", "pageup", "avature"\n'
        )
    assert not (tmp_path / "a.db").exists()


def test_crawl_names_user_sources_among_the_known_ones(tmp_path):
    path = write(tmp_path, GOOD)
    result = run("--db", str(tmp_path / "a.db"), "crawl", "--config", str(path), "nosuch")
    assert result.exit_code == 2
    assert "Unknown source: nosuch. Known sources:" in result.output
    assert "acme_jobs" in result.output


def test_set_url_accepts_a_user_source_name(tmp_path):
    path = write(tmp_path, GOOD)
    result = run(
        "--db",
        str(tmp_path / "a.db"),
        "crawl",
        "--config",
        str(path),
        "acme_jobs",
        "--set-url",
        "acme_jobs=ftp://mirror",
    )
    # Past the check that the name is a source being crawled, to the URL check.
    assert result.exit_code == 2
    assert "--set-url acme_jobs=ftp://mirror: the URL must start with http" in result.output
