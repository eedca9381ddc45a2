"""An unattended archive survives: kill -9 mid-crawl, two crawls at once, readers during a crawl.

Crawls run as real `jobarchive crawl` processes against a slowed-down UNICEF mock, so
there is time to kill, race or read while they write.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from crawler.demo import crawl_command
from crawler.mocksites import MockSites
from tests.archive_checks import check_consistency

# Each detail page takes this long, so a crawl of the mock lasts a few seconds.
SLOW = "slow:0.15"


class Gate:
    """A mock-site fault that lets the first `passing` requests through, then holds the
    rest until `open()`: a crawl that is reliably still running when the test acts."""

    def __init__(self, passing: int = 0) -> None:
        self.passing = passing
        self.seen = 0
        self.event = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.seen += 1
            if self.seen <= self.passing:
                return None
        self.event.wait(timeout=60)
        return None

    def open(self) -> None:
        self.event.set()


def wait_for(predicate, timeout=60.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    raise AssertionError("timed out waiting")


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return conn.execute("SELECT count(*) FROM versions").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def test_crawl_killed_halfway_leaves_a_consistent_archive_and_the_rerun_completes(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["unicef"]) as sites:
        site = sites["unicef"]
        total = len(site.snapshot())
        site.fault(r"^/en-us/job/", SLOW)
        crawl = subprocess.Popen(
            crawl_command(db, sites.base_urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(lambda: stored(db) >= 5)
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait()
        half = stored(db)
        assert 5 <= half < total
        check_consistency(db)
        site.faults.clear()
        rerun = subprocess.run(
            crawl_command(db, sites.base_urls) + ["--json"], capture_output=True, text=True
        )
    assert rerun.returncode == 0, rerun.stderr
    [run] = json.loads(rerun.stdout)
    assert (run["status"], run["new"], run["unchanged"]) == ("ok", total - half, half)
    check_consistency(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT source_key) FROM postings").fetchone() == (
        total,
        total,
    )
    assert conn.execute("SELECT count(*) FROM versions").fetchone() == (total,)
    killed = conn.execute("SELECT status, reason FROM runs WHERE id = 1").fetchone()
    assert killed == ("incomplete", "interrupted: the crawl stopped before it finished")
    assert conn.execute("SELECT count(*) FROM postings WHERE status = 'removed'").fetchone() == (0,)


def test_two_crawls_at_once_one_runs_the_other_exits_with_the_lock_message(tmp_path):
    db = tmp_path / "archive.db"
    with MockSites(["unicef"]) as sites:
        gate = Gate(passing=2)
        sites["unicef"].fault(r"^/en-us/job/", gate)
        first = subprocess.Popen(
            crawl_command(db, sites.base_urls),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for(lambda: stored(db) >= 1)
        second = subprocess.run(crawl_command(db, sites.base_urls), capture_output=True, text=True)
        gate.open()
        out, err = first.communicate(timeout=120)
    assert second.returncode == 3
    assert f"Error: Another crawl (pid {first.pid}) is running on this archive" in second.stderr
    assert first.returncode == 0, err
    assert "unicef: ok" in out


def test_readers_never_see_database_is_locked_during_a_crawl(tmp_path):
    db = tmp_path / "archive.db"
    errors: list[str] = []
    reads = 0
    with MockSites(["unicef"]) as sites:
        sites["unicef"].fault(r"^/en-us/job/", "slow:0.05")
        crawl = subprocess.Popen(
            crawl_command(db, sites.base_urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(lambda: stored(db) >= 1)

        def read() -> None:
            nonlocal reads
            # datasette's way in: a read-only connection with a short timeout
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0)
            while crawl.poll() is None:
                try:
                    conn.execute(
                        "SELECT count(*), max(v.version) FROM postings p "
                        "JOIN versions v ON v.posting_id = p.id"
                    ).fetchone()
                    reads += 1
                except sqlite3.OperationalError as exc:
                    errors.append(str(exc))
            conn.close()

        readers = [threading.Thread(target=read) for _ in range(2)]
        for thread in readers:
            thread.start()
        crawl.wait(timeout=120)
        for thread in readers:
            thread.join()
    assert crawl.returncode == 0
    assert errors == []
    assert reads > 50


@pytest.mark.parametrize("signal_", [signal.SIGTERM, signal.SIGINT])
def test_stopping_a_crawl_politely_records_an_incomplete_run(tmp_path, signal_):
    db = tmp_path / "archive.db"
    with MockSites(["unicef"]) as sites:
        gate = Gate(passing=3)
        sites["unicef"].fault(r"^/en-us/job/", gate)
        crawl = subprocess.Popen(
            crawl_command(db, sites.base_urls), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(lambda: stored(db) >= 3)
        crawl.send_signal(signal_)
        time.sleep(0.5)
        gate.open()  # Scrapy lets requests in flight finish before it stops
        crawl.wait(timeout=60)
    assert crawl.returncode == 1
    check_consistency(db)
    conn = sqlite3.connect(db)
    status, reason = conn.execute("SELECT status, reason FROM runs").fetchone()
    assert status == "incomplete"
    assert reason == (
        "the crawl stopped early (shutdown); "
        "the listing did not complete, so nothing was marked removed"
    )
    assert conn.execute("SELECT count(*) FROM postings WHERE status = 'removed'").fetchone() == (0,)
