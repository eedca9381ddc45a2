"""A real crawl over HTTP against the mock sites, a change, a second and third crawl.

Each crawl is `jobarchive crawl` in its own process, exactly as cron runs it, against
the UNICEF (PageUp) and UNHCR (Workday) mocks served from this test process, so the
test can change the sites between crawls.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from crawler.demo import crawl_command
from crawler.mocksites import MockSites

ADDED = "This vacancy has been re-advertised; earlier applicants need not apply again."
ROOT = Path(__file__).resolve().parents[1]


def jobarchive(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "archive.db"
    out = {"db": db}
    with MockSites(["unicef", "unhcr"]) as sites:
        unicef, unhcr = sites["unicef"], sites["unhcr"]
        out["counts"] = {"unicef": len(unicef.snapshot()), "unhcr": len(unhcr.snapshot())}
        out["first"] = subprocess.run(
            crawl_command(db, sites.base_urls) + ["--json"], capture_output=True, text=True
        )
        u, h = unicef.snapshot(), unhcr.snapshot()
        heading = u[0].sections[1][0]
        out["extended"] = u[0].closing_date + timedelta(days=14)
        unicef.edit(
            u[0].key,
            closing_date=out["extended"],
            section=(heading, f"{u[0].section(heading)}\n\n{ADDED}"),
        )
        unicef.edit(u[1].key, duty_station="Geneva", country="Switzerland")
        unicef.remove(u[2].key)
        unhcr.edit(h[1].key, grade="P-3")
        unhcr.remove(h[2].key)
        out["keys"] = {"u": [p.key for p in u[:3]], "h": [p.key for p in h[:3]]}
        out["old_closing"] = u[0].closing_date
        out["second"] = subprocess.run(
            crawl_command(db, sites.base_urls) + ["--json"], capture_output=True, text=True
        )
        out["third"] = subprocess.run(
            crawl_command(db, sites.base_urls) + ["--json"], capture_output=True, text=True
        )
    out["conn"] = sqlite3.connect(db)
    yield out
    out["conn"].close()


def summary(result):
    assert result.returncode == 0, result.stderr
    return {s["source"]: s for s in json.loads(result.stdout)}


def counts(s):
    return {
        k: s[k] for k in ("status", "new", "changed", "unchanged", "reopened", "removed", "errors")
    }


def test_first_crawl_archives_every_posting(world):
    runs = summary(world["first"])
    for source, n in world["counts"].items():
        assert counts(runs[source]) == {
            "status": "ok",
            "new": n,
            "changed": 0,
            "unchanged": 0,
            "reopened": 0,
            "removed": 0,
            "errors": 0,
        }
        assert runs[source]["listing_complete"] is True


def test_second_crawl_counts(world):
    runs = summary(world["second"])
    assert counts(runs["unicef"]) == {
        "status": "ok",
        "new": 0,
        "changed": 2,
        "unchanged": world["counts"]["unicef"] - 3,
        "reopened": 0,
        "removed": 1,
        "errors": 0,
    }
    assert counts(runs["unhcr"]) == {
        "status": "ok",
        "new": 0,
        "changed": 1,
        "unchanged": world["counts"]["unhcr"] - 2,
        "reopened": 0,
        "removed": 1,
        "errors": 0,
    }


def test_exact_versions_and_changed_fields(world):
    rows = (
        world["conn"]
        .execute(
            "SELECT p.source || ':' || p.source_key, v.version, v.changed_fields FROM versions v "
            "JOIN postings p ON p.id = v.posting_id WHERE v.version > 1 ORDER BY 1"
        )
        .fetchall()
    )
    u, h = world["keys"]["u"], world["keys"]["h"]
    assert sorted(rows) == sorted(
        [
            (f"unicef:{u[0]}", 2, json.dumps(["closing_date", "extra", "text"])),
            (f"unicef:{u[1]}", 2, json.dumps(["location", "country", "text"])),
            # The grade as UNHCR writes it is in extra (grade_raw): a raw copy, no change.
            (f"unhcr:{h[1]}", 2, json.dumps(["grade", "text"])),
        ]
    )
    total = world["conn"].execute("SELECT count(*) FROM versions").fetchone()[0]
    assert total == sum(world["counts"].values()) + 3


def test_removed_postings(world):
    u, h = world["keys"]["u"], world["keys"]["h"]
    removed = (
        world["conn"]
        .execute(
            "SELECT source || ':' || source_key FROM postings WHERE status = 'removed' ORDER BY 1"
        )
        .fetchall()
    )
    assert removed == [(f"unhcr:{h[2]}",), (f"unicef:{u[2]}",)]


def test_diff_output(world):
    key = world["keys"]["u"][0]
    result = jobarchive(world["db"], "diff", f"unicef:{key}")
    assert result.returncode == 0, result.stderr
    fetched = [
        r[0]
        for r in world["conn"].execute(
            "SELECT v.fetched_at FROM versions v JOIN postings p ON p.id = v.posting_id "
            "WHERE p.source_key = ? ORDER BY v.version",
            (key,),
        )
    ]
    lines = result.stdout.splitlines()
    assert lines[0] == f"closing_date: {world['old_closing']} → {world['extended']}"
    assert lines[1].startswith("extra.deadline_utc: ")
    assert lines[2] == ""
    assert lines[3] == f"--- version 1 ({fetched[0]})"
    assert lines[4] == f"+++ version 2 ({fetched[1]})"
    assert [line for line in lines[5:] if line.startswith(("+", "-"))] == ["+", f"+{ADDED}"]


def test_unchanged_recrawl_writes_nothing(world):
    runs = summary(world["third"])
    for source, n in world["counts"].items():
        assert runs[source]["new"] == 0
        assert runs[source]["changed"] == 0
        assert runs[source]["removed"] == 0
        assert runs[source]["unchanged"] == n - 1
    total = world["conn"].execute("SELECT count(*) FROM versions").fetchone()[0]
    assert total == sum(world["counts"].values()) + 3


def test_scrapy_crawl_from_the_project_root_archives_too(tmp_path):
    db = tmp_path / "scrapy.db"
    with MockSites(["unicef"]) as sites:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "unicef",
                "-a",
                f"base_url={sites.base_urls['unicef']}",
                "-s",
                f"ARCHIVE_DB={db}",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        expected = len(sites["unicef"].snapshot())
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), min(status) FROM postings").fetchone() == (
        expected,
        "open",
    )
    assert conn.execute("SELECT status, new FROM runs").fetchall() == [("ok", expected)]
