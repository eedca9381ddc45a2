"""`crawl --quiet` as cron runs it: nothing when all went well, one line per problem.

Every crawl is a real `jobarchive crawl` in its own process against the mock sites,
with no terminal; the cron ones run under `env -i`, as cron's bare environment has no
PATH, HOME or RELIEFWEB_APPNAME.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.demo import crawl_command
from crawler.mocksites import MockSites
from crawler.mocksites.server import free_port

ROOT = Path(__file__).resolve().parents[1]
JOBARCHIVE = str(Path(sys.executable).parent / "jobarchive")


def every_source(db: Path, base_urls: dict[str, str], *extra: str) -> list[str]:
    """`jobarchive crawl` naming no source (so: every one), each pointed at its mock."""
    argv = [JOBARCHIVE, "--db", str(db), "crawl", *extra]
    for name, url in base_urls.items():
        argv += ["--set-url", f"{name}={url}"]
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    return argv


def from_cron(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run as cron does: an empty environment, no terminal, in another directory."""
    return subprocess.run(
        ["env", "-i", *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd="/",
        timeout=300,
    )


@pytest.fixture(scope="module")
def all_sources(tmp_path_factory):
    """Two crawls of every source with no ReliefWeb appname: one as a person runs it,
    then one from cron with --quiet on the unchanged archive."""
    db = tmp_path_factory.mktemp("quiet") / "archive.db"
    with MockSites() as sites:
        first = from_cron(every_source(db, sites.base_urls))
        second = from_cron(every_source(db, sites.base_urls, "--quiet"))
        third = from_cron(every_source(db, sites.base_urls, "--quiet", "--json"))
        reliefweb_requests = list(sites["reliefweb"].requests)
        names = list(sites.base_urls)
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT source, status FROM runs ORDER BY id").fetchall()
    yield {"first": first, "second": second, "third": third, "runs": runs, "names": names,
           "reliefweb_requests": reliefweb_requests}  # fmt: skip


def test_without_an_appname_reliefweb_is_skipped_with_a_notice(all_sources):
    first = all_sources["first"]
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stderr.splitlines() == [
        "reliefweb: skipped: it needs RELIEFWEB_APPNAME (-s RELIEFWEB_APPNAME=... or the "
        "environment variable; ask for one at https://apidoc.reliefweb.int/parameters#appname); "
        "name it to crawl it anyway"
    ]
    assert "reliefweb" not in {source for source, _ in all_sources["runs"]}
    assert all_sources["reliefweb_requests"] == []
    crawled = {line.split(":")[0] for line in first.stdout.splitlines()}
    assert crawled == set(all_sources["names"]) - {"reliefweb"}


def test_json_names_the_skipped_source(all_sources):
    third = all_sources["third"]
    assert (third.returncode, third.stderr) == (0, "")
    summary = {s["source"]: s for s in json.loads(third.stdout)}
    assert summary["reliefweb"] == {
        "source": "reliefweb",
        "status": "skipped",
        "reason": all_sources["first"].stderr.split(": ", 1)[1].strip(),
    }
    assert {s["status"] for name, s in summary.items() if name != "reliefweb"} == {"ok"}


def test_quiet_from_cron_on_an_unchanged_archive_prints_nothing(all_sources):
    second = all_sources["second"]
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
    assert {status for _, status in all_sources["runs"]} == {"ok"}
    assert len(all_sources["runs"]) == 3 * (len(all_sources["names"]) - 1)


@pytest.fixture(scope="module")
def two_sites():
    with MockSites(["unicef", "unhcr"]) as sites:
        yield sites


def test_quiet_with_one_source_down_prints_one_line_and_exits_1(two_sites, tmp_path):
    db = tmp_path / "archive.db"
    two_sites["unhcr"].down = True
    try:
        result = from_cron([JOBARCHIVE, *crawl_command(db, two_sites.base_urls)[3:], "--quiet"])
    finally:
        two_sites["unhcr"].down = False
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("unhcr: failed - new 0")
    assert "the source could not be read, so nothing was marked removed" in lines[0]


def test_a_named_source_without_its_key_is_crawled_and_fails(tmp_path):
    with MockSites(["reliefweb"]) as sites:
        result = from_cron(
            [
                JOBARCHIVE,
                "--db",
                str(tmp_path / "a.db"),
                "crawl",
                "reliefweb",
                "--quiet",
                "--set-url",
                f"reliefweb={sites.base_urls['reliefweb']}",
            ]  # fmt: skip
        )
    assert result.returncode == 1
    [line] = (result.stdout + result.stderr).splitlines()
    assert line.startswith("reliefweb: failed")
    assert "no appname" in line


def test_tracebacks_go_to_the_log_file_and_stderr_gets_one_line_each(two_sites, tmp_path):
    log = tmp_path / "crawl.log"
    # Nothing listens there: robots.txt fails with a connection error deep in Twisted,
    # whose traceback Scrapy logs.
    urls = {**two_sites.base_urls, "unhcr": f"http://127.0.0.1:{free_port()}"}
    with_log = subprocess.run(
        crawl_command(tmp_path / "a.db", urls) + ["--log-file", str(log)],
        capture_output=True,
        text=True,
    )
    without = subprocess.run(crawl_command(tmp_path / "b.db", urls), capture_output=True, text=True)
    assert with_log.returncode == without.returncode == 1
    assert "Traceback (most recent call last)" in log.read_text()
    for result in (with_log, without):
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert lines, result.stdout
        assert all(line.startswith(("ERROR ", "WARNING ")) for line in lines), lines
        assert any("Failed to fetch listing" in line and "unhcr" in line for line in lines)
        assert "unhcr: failed" in result.stdout


def test_quiet_and_verbose_together_are_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "a.db"), "crawl", "-q", "-v"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: --quiet and --verbose ask for opposite things; give one of them.\n"
    )
    assert not (tmp_path / "a.db").exists()


def test_quiet_prints_the_matches_of_a_search_that_has_no_target(two_sites, tmp_path):
    config = tmp_path / "searches.toml"
    config.write_text('[searches.geneva]\nquery = "geneva"\norganization = "UNHCR"\n')
    argv = [JOBARCHIVE, *crawl_command(tmp_path / "a.db", two_sites.base_urls)[3:]]
    result = from_cron([*argv, "--quiet", "--config", str(config)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    header, *postings = result.stdout.splitlines()
    assert header.startswith("search geneva: ") and header.endswith(" new")
    assert postings and all(line.startswith("  new: unhcr:") for line in postings)
    again = from_cron([*argv, "--quiet", "--config", str(config)])
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
