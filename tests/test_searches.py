"""Saved searches: reading [searches.NAME] tables, what they match, `jobarchive searches`."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive, Snapshot
from crawler.cli import cli
from crawler.searches import (
    EVENTS,
    SearchConfigError,
    by_posting,
    load_searches,
    matching_events,
    matching_postings,
)
from crawler.userconfig import load_config

TODAY = date(2026, 12, 1)


def write(tmp_path: Path, text: str, name: str = "searches.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


# -- reading the file ------------------------------------------------------------------

GOOD = """
[searches.protection]
title = "Protection jobs in Geneva"
query = '"protection officer" OR protec*'
source = ["unhcr", "unicef"]
organization = "UNHCR"
grade = ["P-3", "P-4"]
country = "Switzerland"
status = "open"
closing_after = 2026-12-01
closing_before = "2027-01-31"
min_days_left = 7
events = ["new", "reopened"]
notify = ["json://127.0.0.1:8080/hook", "mailto://me:secret@example.org"]
archive_url = "http://127.0.0.1:8001/"

[searches.everything]
"""


def test_a_good_file_reads_every_key(tmp_path):
    searches = load_searches(write(tmp_path, GOOD))
    assert list(searches) == ["protection", "everything"]
    s = searches["protection"]
    assert s.title == "Protection jobs in Geneva"
    assert s.query == '"protection officer" OR protec*'
    assert (s.sources, s.organizations, s.grades) == (
        ("unhcr", "unicef"),
        ("UNHCR",),
        ("P-3", "P-4"),
    )
    assert (s.countries, s.statuses) == (("Switzerland",), ("open",))
    assert (s.closing_after, s.closing_before, s.min_days_left) == ("2026-12-01", "2027-01-31", 7)
    assert s.events == ("new", "reopened")
    assert s.notify == ("json://127.0.0.1:8080/hook", "mailto://me:secret@example.org")
    assert s.archive_url == "http://127.0.0.1:8001"
    everything = searches["everything"]
    assert (everything.title, everything.query, everything.events) == ("everything", None, EVENTS)
    assert everything.filters() == ["every posting"]


def test_a_file_of_searches_alone_is_a_sources_file_without_sources(tmp_path):
    path = write(tmp_path, GOOD)
    assert load_config(path) == {}
    assert load_searches(write(tmp_path, '[sources.a]\nkind = "feed"\n', "s.toml")) == {}


BAD = [
    pytest.param(
        "[searches.x]\nquery = 'child-protection'\n",
        "searches.toml: [searches.x] query: 'child-protection' is not a full-text search "
        "SQLite reads (no such column: protection). Words are all required; put a phrase or "
        'a word with - or : in double quotes ("child-protection"), end a word with * for a '
        "prefix (protec*), join alternatives with OR",
        id="fts-syntax",
    ),
    pytest.param(
        "[searches.x]\nqueri = 'protection'\n",
        'searches.toml: [searches.x] queri: unknown key; did you mean "query"? Accepted keys: '
        "title, query, source, organization, grade, country, status, closing_after, "
        "closing_before, min_days_left, events, notify, archive_url",
        id="typo",
    ),
    pytest.param(
        "[searches.x]\nstatus = 'active'\n",
        "searches.toml: [searches.x] status: 'active' is not accepted; use one of \"open\", "
        '"closed", "removed"',
        id="status",
    ),
    pytest.param(
        "[searches.x]\nevents = ['new', 'edited']\n",
        "searches.toml: [searches.x] events: 'edited' is not accepted; use one of \"new\", "
        '"changed", "reopened", "removed"',
        id="events",
    ),
    pytest.param(
        "[searches.x]\ngrade = 3\n",
        "searches.toml: [searches.x] grade: must be a string in quotes or a list of them, e.g. "
        'grade = "P-3" or a list in [ ]',
        id="grade-number",
    ),
    pytest.param(
        "[searches.x]\ncountry = []\n",
        "searches.toml: [searches.x] country: is an empty list; leave the key out to match "
        'any, or e.g. country = "P-3" or a list in [ ]',
        id="empty-list",
    ),
    pytest.param(
        "[searches.x]\nclosing_after = '1 Dec'\n",
        "searches.toml: [searches.x] closing_after: must be a date, e.g. closing_after = "
        "2026-12-31 (YYYY-MM-DD)",
        id="date",
    ),
    pytest.param(
        "[searches.x]\nclosing_after = 2026-12-31\nclosing_before = 2026-12-01\n",
        "searches.toml: [searches.x] closing_before: 2026-12-01 is before closing_after "
        "(2026-12-31), so nothing matches",
        id="dates-crossed",
    ),
    pytest.param(
        "[searches.x]\nmin_days_left = -1\n",
        "searches.toml: [searches.x] min_days_left: must be a whole number of 0 or more, e.g. "
        "min_days_left = 7",
        id="days",
    ),
    pytest.param(
        "[searches.x]\nnotify = 'smtp:/example.org'\n",
        "searches.toml: [searches.x] notify: Apprise cannot send to smtp:/example.org://... "
        "(an unknown service or a malformed URL); see https://github.com/caronc/apprise/wiki "
        'for each service\'s URL, e.g. notify = "mailto://user:password@example.org" or '
        '"json://127.0.0.1:8080/hook"',
        id="target",
    ),
    pytest.param(
        "[searches.x]\narchive_url = 'localhost:8001'\n",
        "searches.toml: [searches.x] archive_url: must be the address `jobarchive serve` is "
        "reached at, starting with http:// or https://, e.g. archive_url = "
        '"http://127.0.0.1:8001"',
        id="archive-url",
    ),
    pytest.param(
        "[searches.Protection]\n",
        "searches.toml: [searches.Protection]: 'Protection' is not a usable search name; use "
        "lower-case letters, digits, '-' and '_', starting with a letter (e.g. "
        "[searches.protection_p3])",
        id="name",
    ),
    pytest.param(
        "searches = 'protection'\n",
        "searches.toml: searches must be tables, e.g. [searches.protection] with query = "
        '"protection"',
        id="not-tables",
    ),
    pytest.param(
        "[searches.x\n",
        "searches.toml: not valid TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 12)",
        id="toml",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_searches_are_named_with_file_search_and_key(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "searches.toml").write_text(text)
    with pytest.raises(SearchConfigError) as caught:
        load_searches("searches.toml")
    assert str(caught.value) == message


def test_a_bad_search_is_a_usage_error_of_crawl_before_anything_is_fetched(tmp_path):
    config = write(tmp_path, "[searches.x]\nstatus = 'active'\n")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "a.db"), "crawl", "unicef", "--config", str(config)]
    )
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {config}: [searches.x] status: 'active'")
    assert not (tmp_path / "a.db").exists()


# -- matching --------------------------------------------------------------------------


def snap(key: str, **fields: object) -> Snapshot:
    source = fields.pop("source", "unhcr")
    return Snapshot(source, key, f"https://jobs.example.org/{source}/{key}", **fields)  # type: ignore[arg-type]


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """1 unhcr:A Protection Officer, P-3, Geneva, closes 2026-12-20; changed (closing date)
    2 unhcr:B Senior Protection Officer, P-4, Nairobi, closes 2026-12-05
    3 unicef:C Child Protection Specialist, P-3, Geneva, no closing date
    4 unicef:D Nutrition Officer, P-3, Geneva, closes 2026-12-30; removed, then reopened
    5 wfp:E Logistics Officer (text mentions protection equipment), closed by the site
    """
    path = tmp_path / "archive.db"
    geneva = {
        "location": "Geneva",
        "country": "Switzerland",
        "fetched_at": "2026-11-20T10:00:00+00:00",
    }
    with Archive(path) as archive:
        run = archive.start_run("unhcr")
        for s in [
            snap("A", title="Protection Officer", organization="UNHCR", grade="P-3",
                 closing_date="2026-12-15", text="Protect refugees.", **geneva),
            snap("B", title="Senior Protection Officer", organization="UNHCR", grade="P-4",
                 closing_date="2026-12-05", location="Nairobi", country="Kenya", text="Lead.",
                 fetched_at="2026-11-20T10:00:00+00:00"),
            snap("C", source="unicef", title="Child Protection Specialist", organization="UNICEF",
                 grade="P-3", text="Children first.", **geneva),
            snap("D", source="unicef", title="Nutrition Officer", organization="UNICEF",
                 grade="P-3", closing_date="2026-12-30", text="Feed.", **geneva),
            snap("E", source="wfp", title="Logistics Officer", organization="WFP",
                 status="closed", text="Buy protection equipment and tents.",
                 fetched_at="2026-11-20T10:00:00+00:00"),
        ]:  # fmt: skip
            archive.store(s, run)
        archive.finish_run(run, listed_keys=["A", "B"], listing_complete=True)
        run2 = archive.start_run("unhcr")
        archive.store(
            snap(
                "A",
                title="Protection Officer",
                organization="UNHCR",
                grade="P-3",
                closing_date="2026-12-20",
                text="Protect refugees.",
                **{**geneva, "fetched_at": "2026-11-25T10:00:00+00:00"},
            ),  # fmt: skip
            run2,
        )
        unicef = archive.start_run("unicef")
        archive.finish_run(unicef, listed_keys=["C"], listing_complete=True)  # D removed
        unicef2 = archive.start_run("unicef")
        archive.finish_run(unicef2, listed_keys=["C", "D"], listing_complete=True)  # D back
    return path


def search(tmp_path: Path, body: str, name: str = "s"):
    path = tmp_path / "q.toml"
    path.write_text(f"[searches.{name}]\n{textwrap.dedent(body)}")
    return load_searches(path)[name]


def keys_now(archive_path: Path, s, today: date = TODAY) -> list[str]:
    with Archive(archive_path, readonly=True) as archive:
        total, rows = matching_postings(archive.conn, s, today=today)
    assert total == len(rows)
    return sorted(r["source_key"] for r in rows)


@pytest.mark.parametrize(
    ("body", "keys"),
    [
        ("", ["A", "B", "C", "D", "E"]),
        ('query = "protection"', ["A", "B", "C", "E"]),  # the text counts too
        ('query = "protec*"', ["A", "B", "C", "E"]),
        ("query = '\"protection officer\"'", ["A", "B"]),
        ('query = "title: protection"', ["A", "B", "C"]),
        ('query = "protection NOT senior"', ["A", "C", "E"]),
        ('query = "officer OR specialist"', ["A", "B", "C", "D", "E"]),
        ('source = "UNICEF"', ["C", "D"]),  # case does not matter
        ('organization = ["unhcr", "WFP"]', ["A", "B", "E"]),
        ('grade = "p-4"', ["B"]),
        ('country = "switzerland"', ["A", "C", "D"]),
        ('status = "closed"', ["E"]),
        ('status = ["open", "removed"]', ["A", "B", "C", "D"]),
        ("closing_after = 2026-12-20", ["A", "D"]),  # inclusive; no date: no match
        ("closing_before = 2026-12-20", ["A", "B"]),
        ("min_days_left = 10", ["A", "C", "D", "E"]),  # no closing date: time left
        ('query = "protection"\ngrade = "P-3"\ncountry = "Switzerland"', ["A", "C"]),
    ],
)
def test_what_a_search_matches_now(tmp_path, archive_path, body, keys):
    assert keys_now(archive_path, search(tmp_path, body)) == keys


def test_events_of_a_search_and_what_changed(tmp_path, archive_path):
    s = search(tmp_path, 'query = "protection OR nutrition"\ncountry = "Switzerland"')
    with Archive(archive_path, readonly=True) as archive:
        events = matching_events(archive.conn, s, today=TODAY)
        latest = matching_events(archive.conn, s, limit=2, today=TODAY)
        of_run_2 = matching_events(archive.conn, s, run_ids=[2], today=TODAY)
        none = matching_events(archive.conn, s, run_ids=[], today=TODAY)
    assert [(e.ref, e.event) for e in events] == [
        ("unhcr:A", "new"),
        ("unicef:C", "new"),
        ("unicef:D", "new"),
        ("unhcr:A", "changed"),
        ("unicef:D", "removed"),
        ("unicef:D", "reopened"),
    ]
    assert events[3].changed_fields == ["closing_date"]
    assert events[3].version == 2
    assert [(e.ref, e.event) for e in latest] == [("unicef:D", "reopened"), ("unicef:D", "removed")]
    assert [(e.ref, e.event) for e in of_run_2] == [("unhcr:A", "changed")]
    assert none == []
    grouped = by_posting(events)
    assert [(m.ref, m.kinds) for m in grouped] == [
        ("unhcr:A", ["new", "changed"]),
        ("unicef:C", ["new"]),
        ("unicef:D", ["new", "reopened", "removed"]),
    ]


def test_a_search_reports_only_the_events_it_names(tmp_path, archive_path):
    s = search(tmp_path, 'events = ["removed", "reopened"]')
    with Archive(archive_path, readonly=True) as archive:
        events = matching_events(archive.conn, s, today=TODAY)
    assert [(e.ref, e.event) for e in events] == [("unicef:D", "removed"), ("unicef:D", "reopened")]


# -- jobarchive searches ---------------------------------------------------------------


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), terminal_width=100)


def test_searches_lists_each_with_its_criteria_targets_feed_and_count(tmp_path, archive_path):
    config = write(
        tmp_path,
        """
        [searches.geneva]
        title = "Geneva"
        country = "Switzerland"
        grade = ["P-3", "P-4"]
        notify = "json://user:secret@127.0.0.1:8080/hook"

        [searches.closed]
        status = "closed"
        """,
    )
    result = run("--db", str(archive_path), "searches", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "geneva (Geneva): grade P-3 or P-4; country Switzerland - 3 matching now\n"
        "  alerts: json://user:****@127.0.0.1:8080/hook\n"
        "  feed: /-/jobarchive/feeds/searches/geneva.atom\n"
        "closed: status closed - 1 matching now\n"
        "  alerts: none (the crawl output only)\n"
        "  feed: /-/jobarchive/feeds/searches/closed.atom\n"
    )
    assert "secret" not in result.output
    listed = json.loads(run("--db", str(archive_path), "searches", "--config", str(config),
                            "--json").output)  # fmt: skip
    assert [(s["name"], s["matching_now"]) for s in listed] == [("geneva", 3), ("closed", 1)]


def test_searches_lists_without_an_archive_and_reads_the_config_from_the_environment(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("JOBARCHIVE_CONFIG", str(write(tmp_path, '[searches.x]\nquery = "a"\n')))
    result = run("--db", str(tmp_path / "none.db"), "searches")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "x: query a"
    assert not (tmp_path / "none.db").exists()


def test_searches_name_tests_one_against_the_archive(tmp_path, archive_path):
    config = write(
        tmp_path,
        """
        [searches.protection]
        query = "protection"
        status = "open"
        notify = "json://127.0.0.1:9/hook"
        """,
    )
    result = run("--db", str(archive_path), "searches", "protection", "--config", str(config),
                 "--limit", "2")  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"protection ({config}): query protection; status open"
    assert lines[1] == "matches 3 postings now, the 2 last changed:"
    assert lines[2].startswith("  unhcr:A Protection Officer (P-3) - UNHCR, Geneva - closes ")
    assert lines[4] == "latest events it reports:"
    assert "changed (closing_date): unhcr:A" in lines[5]
    assert lines[-2] == (
        "alert to json://127.0.0.1:9/hook: no crawl has sent it yet; the next one sends what "
        "it finds"
    )
    assert lines[-1] == "feed: /-/jobarchive/feeds/searches/protection.atom (jobarchive serve)"
    data = json.loads(
        run(
            "--db", str(archive_path), "searches", "protection", "--config", str(config), "--json"
        ).output  # fmt: skip
    )
    assert data["matching_now"] == 3
    assert [e["event"] for e in data["events"]][:1] == ["changed"]
    assert data["alerts"] == [
        {
            "target": "json://127.0.0.1:9/hook",
            "seen_by_a_crawl": False,
            "owed_postings": 0,
            "last_error": None,
        }  # fmt: skip
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["searches"], 2, "Error: No saved searches: give --config FILE (or set "
         "JOBARCHIVE_CONFIG), a TOML file with tables such as [searches.protection] and "
         'query = "protection" (docs/saved-searches.md).\n'),
        (["searches", "protecton", "--config", "{config}"], 1,
         "Error: No saved search 'protecton' in {config}. Did you mean 'protection'? Its "
         "searches: protection.\n"),
        (["searches", "--ping", "--config", "{config}"], 2,
         "Error: --ping needs the NAME of the search whose targets to try.\n"),
        (["searches", "protection", "--ping", "--config", "{config}"], 2,
         "Error: Search 'protection' has no target to try: add notify = [...] to it.\n"),
        (["searches", "--config", "{empty}"], 2,
         "Error: {empty} has no saved search; add a table such as [searches.protection] with "
         'query = "protection" (docs/saved-searches.md).\n'),
    ],
)  # fmt: skip
def test_searches_errors(tmp_path, monkeypatch, archive_path, args, code, message):
    monkeypatch.delenv("JOBARCHIVE_CONFIG", raising=False)
    config = write(tmp_path, '[searches.protection]\nquery = "protection"\n')
    empty = write(tmp_path, '[sources.a]\nkind = "feed"\nbase_url = "https://x.org"\n', "e.toml")
    fill = {"config": str(config), "empty": str(empty)}
    result = run("--db", str(archive_path), *[a.format(**fill) for a in args])
    assert (result.exit_code, result.output) == (code, message.format(**fill))
