"""The command line: each command's output and its errors (message and exit code).

Crawls that start the Twisted reactor run in subprocesses (tests/test_end_to_end.py);
everything decided before a crawl starts is tested here in-process.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request

import pytest
from click.testing import CliRunner

from archive import Archive, Snapshot
from crawler.cli import cli


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        run = archive.start_run("unicef")
        for day, closing, text in [
            ("2026-01-01", "2024-10-14", "## Duties\n- Plan\n- Monitor results"),
            ("2026-01-05", "2024-10-28", "## Duties\n- Plan\n- Monitor and report results"),
        ]:
            archive.store(
                Snapshot(
                    "unicef",
                    "577857",
                    "https://jobs.unicef.org/en-us/job/577857",
                    title="Child Protection Officer",
                    organization="UNICEF",
                    location="Mexico City",
                    country="Mexico",
                    grade="NO-1",
                    closing_date=closing,
                    text=text,
                    fetched_at=f"{day}T10:00:00+00:00",
                ),
                run,
            )
        archive.store(
            Snapshot(
                "unicef",
                "600001",
                "https://jobs.unicef.org/en-us/job/600001",
                title="Education Specialist",
                text="Only one version",
                fetched_at="2026-01-02T10:00:00+00:00",
            ),
            run,
        )
    return path


def run(*args, db=None):
    argv = (["--db", str(db)] if db else []) + list(args)
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def test_history_lists_versions_and_events(db):
    result = run("history", "unicef:577857", db=db)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "unicef:577857  Child Protection Officer",
        "UNICEF · Mexico City · Mexico · NO-1 · closes 2024-10-28 · status open",
        "https://jobs.unicef.org/en-us/job/577857",
        "first seen 2026-01-01T10:00:00+00:00, last seen 2026-01-05T10:00:00+00:00, 2 versions",
        "",
        "v1    2026-01-01T10:00:00+00:00  new",
        "v2    2026-01-05T10:00:00+00:00  changed: closing_date, text",
    ]


def test_history_without_posting_lists_recent_changes(db):
    result = run("history", db=db)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "posting", "version", "status", "at", "event", "title"]
    assert lines[1].split() == [
        "1",
        "unicef:577857",
        "v2",
        "open",
        "2026-01-05T10:00:00+00:00",
        "changed:",
        "closing_date,",
        "text",
        "Child",
        "Protection",
        "Officer",
    ]
    assert "unicef:600001" in lines[2] and "  new  " in lines[2]


def test_history_by_url_and_by_id(db):
    assert (
        run("history", "https://jobs.unicef.org/en-us/job/577857", db=db).output
        == run("history", "1", db=db).output
    )


def test_diff_defaults_to_the_last_two_versions(db):
    result = run("diff", "unicef:577857", db=db)
    assert result.exit_code == 0
    assert result.output.startswith("closing_date: 2024-10-14 → 2024-10-28\n\n--- version 1")
    assert "-- Monitor results\n+- Monitor and report results\n" in result.output


def test_diff_with_one_version_says_so(db):
    result = run("diff", "unicef:600001", db=db)
    assert result.exit_code == 1
    assert "has only one version" in result.output


def test_diff_unknown_version(db):
    result = run("diff", "unicef:577857", "--from", "1", "--to", "7", db=db)
    assert result.exit_code == 1
    assert "has no version 7; it has versions 1, 2" in result.output


@pytest.mark.parametrize("command", [["history", "unhcr:JR404"], ["diff", "99"]])
def test_unknown_posting_is_a_clear_error(db, command):
    result = run(*command, db=db)
    assert result.exit_code == 1
    assert "Error: No posting matches" in result.output
    assert "source:source_key" in result.output


@pytest.mark.parametrize("command", [["history"], ["history", "1"], ["diff", "1"]])
def test_missing_database_is_a_clear_error_and_creates_nothing(tmp_path, command):
    path = tmp_path / "missing.db"
    result = run(*command, db=path)
    assert result.exit_code == 1
    assert f"No archive at {path}" in result.output
    assert not path.exists()


def test_crawl_unknown_source_is_a_usage_error(tmp_path):
    result = run("crawl", "nosuchsite", db=tmp_path / "a.db")
    assert result.exit_code == 2
    assert "Unknown source: nosuchsite. Known sources:" in result.output
    assert not (tmp_path / "a.db").exists()


@pytest.mark.parametrize(
    "option, message",
    [
        (["--set-url", "unicef"], "--set-url takes NAME=VALUE"),
        (["--set-url", "unicef=ftp://x"], "must start with http:// or https://"),
        (["--set-url", "unhcr=http://127.0.0.1:1"], "'unhcr', which is not a source being crawled"),
        (["-s", "NOVALUE"], "--set takes NAME=VALUE"),
    ],
)
def test_crawl_bad_options_are_usage_errors(tmp_path, option, message):
    result = run("crawl", "unicef", *option, db=tmp_path / "a.db")
    assert result.exit_code == 2
    assert message in result.output


def hold_lock(path):
    """Another process holding the crawl lock of `path` until it is killed (within one
    process the lock is re-entrant: the crawl command and its pipelines share it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from crawler.lock import CrawlLock; "
         f"CrawlLock({str(path)!r}).acquire(); print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_crawl_while_another_holds_the_lock_exits_3(tmp_path):
    path = tmp_path / "a.db"
    holder = hold_lock(path)
    try:
        result = run("crawl", "unicef", db=path)
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 3
    assert f"Another crawl (pid {holder.pid})" in result.output
    assert "is running on this archive" in result.output


def test_crawl_into_a_corrupt_archive_is_refused_before_fetching(tmp_path):
    path = tmp_path / "a.db"
    path.write_bytes(b"garbage" * 1000)
    result = run("crawl", "unicef", db=path)
    assert result.exit_code == 4
    assert "is damaged: it does not start with an SQLite header" in result.output
    assert path.read_bytes() == b"garbage" * 1000


def test_sources_lists_every_source_with_its_base_url():
    result = run("sources")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == [
        "impactpool",
        "reliefweb",
        "state_jpo",
        "uncareers",
        "undp",
        "unhcr",
        "unicef",
        "unops",
    ]
    unicef = next(line for line in result.output.splitlines() if line.startswith("unicef"))
    assert unicef.split()[1] == "https://jobs.unicef.org"
    assert "PageUp" in unicef


def test_demo_runs_offline_and_shows_a_diff(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "demo", "unicef"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== First crawl ==\n  unicef: ok - new 45, changed 0" in out
    assert (
        "== Second crawl ==\n  unicef: ok - new 1, changed 2, unchanged 42, reopened 0, "
        "removed 1, errors 0" in out
    )
    assert "== How unicef:577857 changed (jobarchive diff) ==\nclosing_date: " in out
    assert "+This vacancy has been re-advertised." in out
    assert "jobarchive --db demo.db serve" in out
    assert (tmp_path / "demo.db").exists()


def test_demo_will_not_overwrite_an_archive_named_with_db(tmp_path):
    existing = tmp_path / "mine.db"
    existing.write_bytes(b"precious")
    result = run("demo", db=existing)
    assert result.exit_code == 1
    assert "exists; the demo builds a fresh archive" in result.output
    assert existing.read_bytes() == b"precious"


def test_mock_sites_serves_until_interrupted(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "mock-sites", "unicef", "reliefweb"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stdout.readline().split()
        assert first[0] == "unicef" and first[1].startswith("http://127.0.0.1:")
        with urllib.request.urlopen(first[1] + "/robots.txt", timeout=10) as answer:
            assert answer.status == 200
        lines = [proc.stdout.readline() for _ in range(4)]
        assert lines[3].startswith(
            f"  jobarchive crawl unicef reliefweb --set-url unicef={first[1]}"
        )
        assert "-s RELIEFWEB_APPNAME=" in lines[3]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise
    assert proc.returncode == 0, err
    assert "Stopped." in out
