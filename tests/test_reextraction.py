"""Upgrades do not rewrite history (issue #17): a page read better is a re-reading.

An archive is made by crawling the mocks with an older extraction (tests/old_extraction.py
stands in for it: every text without its last line, under an older extraction string);
then today's code crawls the same, unchanged sites, or `jobarchive reextract` reads the
stored pages again. Every crawl is a real `jobarchive crawl` in its own process.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import MockSites
from crawler.mocksites.reliefweb import MOCK_APPNAME
from crawler.sitefacts import READING_VERSION
from tests.archive_checks import check_consistency, copy_archive
from tests.old_extraction import PIPELINES

SOURCES = ["unicef", "unhcr", "reliefweb"]
ROOT = Path(__file__).resolve().parent.parent


def crawl(db: Path, sites: MockSites, *extra: str, old: bool = False) -> dict:
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", *SOURCES, "--json"]
    for name in SOURCES:
        argv += ["--set-url", f"{name}={sites.base_urls[name]}"]
    settings = {**LOCAL_SITE_SETTINGS, "RELIEFWEB_APPNAME": MOCK_APPNAME, "RELIEFWEB_PAGE_SIZE": 20}
    if old:
        settings["ITEM_PIPELINES"] = PIPELINES
    for key, value in settings.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    done = subprocess.run([*argv, *extra], capture_output=True, text=True, timeout=180, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return {run["source"]: run for run in json.loads(done.stdout)}


def query(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def sites():
    # The same sites (and ports) for every crawl: an API's answers name their own address.
    with MockSites(SOURCES) as served:
        yield served


@pytest.fixture(scope="module")
def old_archive(tmp_path_factory, sites) -> tuple[Path, dict[str, int]]:
    """An archive of the three mocks as an older extraction read them."""
    db = tmp_path_factory.mktemp("reextraction") / "old.db"
    runs = crawl(db, sites, old=True)
    counts = {source: len(sites[source].snapshot()) for source in SOURCES}
    assert all(run["status"] == "ok" for run in runs.values())
    return db, counts


def test_a_crawl_with_a_newer_extraction_records_rereadings_not_changes(
    old_archive, sites, tmp_path
):
    db = copy_archive(old_archive[0], tmp_path / "archive.db")
    runs = crawl(db, sites)
    for source, count in old_archive[1].items():
        run = runs[source]
        # No posting changed on its site: none is counted as changed.
        assert (run["status"], run["new"], run["changed"]) == ("ok", 0, 0), run
        assert run["reextracted"] == count  # every one read again, and differently
    assert query(db, "SELECT count(*) FROM versions WHERE version > 1") == [(0,)]
    assert query(db, "SELECT count(*) FROM changes") == [(0,)]
    total = sum(old_archive[1].values())
    assert query(db, "SELECT count(*) FROM events WHERE event = 'reextracted'") == [(total,)]
    assert query(db, "SELECT count(*) FROM readings") == [(total,)]
    # The readings kept are the older ones: a line shorter, under the older extraction.
    [(extraction, kept, now)] = query(
        db,
        "SELECT r.extraction, length(r.text), length(v.text) FROM readings r "
        "JOIN versions v ON v.id = r.version_id LIMIT 1",
    )
    assert extraction.endswith(" 0; reading 0") and kept < now
    check_consistency(db)


def test_recent_changes_history_and_diff_say_what_happened(old_archive, sites, tmp_path):
    db = copy_archive(old_archive[0], tmp_path / "archive.db")
    crawl(db, sites)
    first = sites["unicef"].snapshot()[0].key
    runner = CliRunner()
    changes = runner.invoke(cli, ["--db", str(db), "history"])
    assert changes.exit_code == 0
    history = runner.invoke(cli, ["--db", str(db), "history", f"unicef:{first}"])
    assert history.exit_code == 0, history.output
    [line] = [line for line in history.output.splitlines() if "reextracted" in line]
    assert line.startswith("v1 ")
    assert "reextracted (no edit of the posting): re-read with a newer extraction " in line
    assert f"(unicef 0; reading 0 → unicef 1; reading {READING_VERSION}): text" in line


def test_a_real_edit_after_the_upgrade_is_compared_with_a_reading_alike(
    old_archive, sites, tmp_path
):
    """The first crawl after an upgrade meets a posting its site did edit: the version
    before is read again first, so the change names the site's edit and nothing of the
    extractor's (the older reading's text lacked a line; that is no change)."""
    db = copy_archive(old_archive[0], tmp_path / "archive.db")
    site = sites["unicef"]
    posting = site.snapshot()[0]
    try:
        site.edit(posting.key, closing_date=posting.closing_date + timedelta(days=14))
        runs = crawl(db, sites)
    finally:
        site.edit(posting.key, closing_date=posting.closing_date)
    assert (runs["unicef"]["changed"], runs["unicef"]["reextracted"]) == (1, 45)
    rows = query(
        db,
        "SELECT v.version, v.extraction, v.changed_fields FROM versions v JOIN postings p "
        "ON p.id = v.posting_id WHERE p.source = 'unicef' AND p.source_key = ? ORDER BY v.version",
        posting.key,
    )
    now = f"unicef 1; reading {READING_VERSION}"
    assert [(n, e) for n, e, _ in rows] == [(1, now), (2, now)]
    assert json.loads(rows[1][2]) == ["closing_date", "extra"]  # not "text"
    diff = CliRunner().invoke(cli, ["--db", str(db), "diff", f"unicef:{posting.key}", "--no-color"])
    assert diff.exit_code == 0, diff.output
    [note] = [line for line in diff.output.splitlines() if line.startswith("note: version")]
    assert note.startswith("note: version 1 ") and "re-read with a newer extraction" in note
    assert "closing_date:" in diff.output
    assert query(db, "SELECT count(*) FROM changes") == [(1,)]
    check_consistency(db)


# -- jobarchive reextract -------------------------------------------------------------


def reextract(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), "reextract", "--no-progress", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_reextract_dry_run_says_what_would_change_and_changes_nothing(old_archive, tmp_path):
    db = copy_archive(old_archive[0], tmp_path / "archive.db")
    before = query(db, "SELECT id, content_hash, text FROM versions ORDER BY id")
    output = reextract(db, "--dry-run")
    total = sum(old_archive[1].values())
    assert output.startswith(
        f"{total} versions of {total} postings read again: {total} would read differently "
        f"({total} postings); nothing was fetched.\n"
    )
    assert "as stored and as read now:" in output and "\n+" in output
    assert query(db, "SELECT id, content_hash, text FROM versions ORDER BY id") == before
    assert query(db, "SELECT count(*) FROM readings") == [(0,)]


def test_reextract_reads_every_stored_page_again_and_then_has_nothing_left(old_archive, tmp_path):
    db = copy_archive(old_archive[0], tmp_path / "archive.db")
    total = sum(old_archive[1].values())
    output = reextract(db)
    assert output.startswith(f"{total} versions of {total} postings read again: {total} read")
    assert query(db, "SELECT count(*) FROM events WHERE event = 'reextracted'") == [(total,)]
    assert query(db, "SELECT count(*) FROM changes") == [(0,)]
    assert reextract(db).startswith("0 versions of 0 postings read again")
    # One source, only current versions, since a day: the options narrow it.
    assert reextract(db, "unicef", "--current", "--since", "2020-01-01").startswith("0 versions")
    check_consistency(db)


def test_reextract_killed_halfway_and_run_again_gives_the_same_archive(old_archive, tmp_path):
    whole = copy_archive(old_archive[0], tmp_path / "whole.db")
    reextract(whole)
    halves = copy_archive(old_archive[0], tmp_path / "halves.db")
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(halves), "reextract", "--no-progress"]
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        done = query(halves, "SELECT count(*) FROM events WHERE event = 'reextracted'")[0][0]
        if done >= 20:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait(timeout=30)
    assert 0 < done < sum(old_archive[1].values()), "the run was not stopped halfway"
    check_consistency(halves)
    reextract(halves)
    fields = (
        "SELECT posting_id, version, content_hash, extraction, changed_fields, text "
        "FROM versions ORDER BY posting_id, version"
    )
    assert query(halves, fields) == query(whole, fields)
    readings = "SELECT version_id, extraction, content_hash, text FROM readings ORDER BY version_id"
    assert query(halves, readings) == query(whole, readings)


def test_reextract_of_the_demo_archive_reads_every_version_as_the_crawl_did(tmp_path):
    db = tmp_path / "demo.db"
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "--db", str(db), "demo"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    versions = query(db, "SELECT count(*) FROM versions")[0][0]
    # Read again with the same extraction: nothing to do.
    assert reextract(db).startswith("0 versions of 0 postings read again")
    # As if an older extraction had read them: every version is read again, identically.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE versions SET extraction = NULL")
    postings = query(db, "SELECT count(*) FROM postings")[0][0]
    assert reextract(db) == (
        f"{versions} versions of {postings} postings read again: 0 read differently "
        "(0 postings); nothing was fetched.\n"
    )
