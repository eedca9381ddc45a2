"""A crawl spread over two Scrapyd workers, with Redis between them and one archive writer.

Everything is real and on 127.0.0.1: Debian's redis-server, two Scrapyd instances the
project is deployed to with `scrapyd-deploy`, three mock sources served from this test
process, and `jobarchive crawl --scrapyd` / `jobarchive ingest` run as cron runs them.
The distributed archive is compared with a local crawl's of the same sites: the same
postings, versions, changed fields, events and runs.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from crawler.demo import change_site, crawl_command
from crawler.mocksites import MockSites
from tests.archive_checks import check_consistency
from tests.distributed_world import deploy, need_redis_server, redis_server, scrapyd_node
from tests.platform_tenants import TENANTS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["unicef", "unops", "state_jpo"]
# The subject here is where pages are fetched, not which: every detail is fetched.
EVERY_DETAIL = ["-s", "JOBARCHIVE_REVISIT_AFTER=0"]
# A source no built-in spider knows: a Workday tenant of a sources file.
TENANT = next(t for t in TENANTS if t.kind == "workday")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    need_redis_server()
    work = tmp_path_factory.mktemp("cluster")
    # A user's sources file, read by the nodes' jobs as by `crawl --config`.
    config = work / "sources.toml"
    config.write_text(TENANT.table)
    env = {"JOBARCHIVE_CONFIG": str(config)}
    with (
        redis_server(work / "redis") as redis_url,
        scrapyd_node(work / "node0", env) as node0,
        scrapyd_node(work / "node1", env) as node1,
    ):
        deploy([node0, node1], work)
        yield {"redis": redis_url, "nodes": [node0, node1], "work": work, "config": config}


def distributed(db: Path, base_urls: dict[str, str], cluster, *extra: str) -> list[str]:
    return crawl_command(db, base_urls) + [
        "--scrapyd", ",".join(cluster["nodes"]), "--redis", cluster["redis"], *extra,
    ]  # fmt: skip


def run(argv: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, dict]:
    assert result.returncode in (0, 1), result.stderr
    return {s["source"]: s for s in json.loads(result.stdout)}


@contextmanager
def slow_details(sites: MockSites, seconds: float = 0.3) -> Iterator[None]:
    """Detail pages that take a while, as a real site's do: a lead job then cannot have
    fetched them all before the other node's job has started."""
    added = [
        (site, site.fault_posting(posting.key, f"slow:{seconds}"))
        for site in sites.sites.values()
        for posting in site.snapshot()
    ]
    try:
        yield
    finally:
        for site, fault in added:
            with site.lock:
                site.faults.remove(fault)


def contents(db: Path) -> dict[str, list]:
    """What an archive holds, without ids and times: postings, versions, events, runs."""
    conn = sqlite3.connect(db)
    try:
        return {
            "postings": conn.execute(
                "SELECT source, source_key, status, current_version, title, closing_date, "
                "location FROM postings ORDER BY source, source_key"
            ).fetchall(),
            "versions": conn.execute(
                "SELECT p.source, p.source_key, v.version, v.content_hash, v.changed_fields, "
                "v.body_hash, v.text FROM versions v JOIN postings p ON p.id = v.posting_id "
                "ORDER BY p.source, p.source_key, v.version"
            ).fetchall(),
            "events": conn.execute(
                "SELECT p.source, p.source_key, e.event, e.version FROM events e "
                "JOIN postings p ON p.id = e.posting_id ORDER BY p.source, p.source_key, e.id"
            ).fetchall(),
            "runs": conn.execute(
                "SELECT source, status, listing_complete, new, changed, unchanged, reopened, "
                "removed, errors FROM runs ORDER BY source, id"
            ).fetchall(),
        }
    finally:
        conn.close()


def test_three_sources_on_two_workers_archive_what_a_local_crawl_archives(cluster, tmp_path):
    local, spread = tmp_path / "local.db", tmp_path / "spread.db"
    with MockSites(SOURCES) as sites:
        first_local = summary(run(crawl_command(local, sites.base_urls) + ["--json"]))
        with slow_details(sites):
            first = run(distributed(spread, sites.base_urls, cluster, "--json"))
        assert first.returncode == 0, first.stderr
        for site in sites.sites.values():
            change_site(site)
        second_local = summary(
            run(crawl_command(local, sites.base_urls) + [*EVERY_DETAIL, "--json"])
        )
        with slow_details(sites):
            second = run(distributed(spread, sites.base_urls, cluster, *EVERY_DETAIL, "--json"))
        assert second.returncode == 0, second.stderr
    for one, other in ((first_local, summary(first)), (second_local, summary(second))):
        assert set(one) == set(other) == set(SOURCES)
        for name in SOURCES:
            for field in ("status", "new", "changed", "unchanged", "removed", "reopened"):
                assert one[name][field] == other[name][field], (name, field)
    assert contents(spread) == contents(local)
    got = contents(spread)
    assert {row[2] for row in got["events"]} >= {"new", "changed", "removed"}
    assert all(row[1] == "ok" for row in got["runs"]), got["runs"]
    check_consistency(spread)
    # Both workers fetched: on the sources of 40 and more postings, each crawl's detail
    # job (the part that reads no listing) took a fair share of the shared queue.
    conn = sqlite3.connect(spread)
    parts = [
        (source, json.loads(report))
        for source, report in conn.execute("SELECT source, report FROM ingest_parts")
    ]
    conn.close()
    assert len(parts) == 2 * 2 * len(SOURCES)  # two crawls, two parts per source
    assert all(r["finished"] for _, r in parts)
    helpers = [r for s, r in parts if s != "state_jpo" and not r["lead"]]
    assert len(helpers) == 4
    for report in helpers:
        assert report["stats"].get("scheduler/dequeued/redis", 0) >= 5, report["stats"]
        assert report["stats"].get("jobarchive/distributed/queued", 0) >= 5, report["stats"]


def test_workers_skip_what_the_archive_holds_unchanged(cluster, tmp_path):
    """The writer publishes the archive's page state: a worker's recrawl of unchanged
    sites fetches no detail it does not need (revisit policy) and stores no version."""
    db = tmp_path / "archive.db"
    with MockSites(SOURCES) as sites:
        assert run(distributed(db, sites.base_urls, cluster, "--json")).returncode == 0
        again = run(distributed(db, sites.base_urls, cluster, "--json"))
        bodies = run(distributed(db, sites.base_urls, cluster, *EVERY_DETAIL, "--json"))
    second, third = summary(again), summary(bodies)
    for name in SOURCES:
        assert second[name]["status"] == "ok"
        assert second[name]["new"] == second[name]["changed"] == 0
        assert second[name]["details_skipped"] > 0, second[name]
        # Every detail fetched, each found the same body as the archive's: no extraction.
        assert third[name]["unchanged_bodies"] > 0, third[name]
        assert third[name]["changed"] == 0
    conn = sqlite3.connect(db)
    checked = conn.execute("SELECT count(*) FROM revisits").fetchone()[0]
    conn.close()
    assert checked > 0  # the workers' confirmations reached the archive through the writer


def _slow_details(site, seconds: float) -> None:
    def slow(request):
        if site.posting_key(request):
            time.sleep(seconds)
        return None

    site.fault("slow details", slow, where=lambda r: site.posting_key(r) is not None)


def _running_pid(cluster, job_prefix: str, timeout: float = 60) -> tuple[str, int]:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for node in cluster["nodes"]:
            jobs = requests.get(f"{node}/listjobs.json", params={"project": "jobarchive"}).json()
            for job in jobs.get("running", []):
                if job["id"].endswith(job_prefix) and job.get("pid"):
                    return job["id"], int(job["pid"])
        time.sleep(0.2)
    raise AssertionError(f"no running job ending {job_prefix}")


def test_a_worker_killed_mid_crawl_removes_nothing_and_the_next_crawl_converges(cluster, tmp_path):
    local, spread = tmp_path / "local.db", tmp_path / "spread.db"
    with MockSites(SOURCES) as sites:
        assert run(crawl_command(local, sites.base_urls) + EVERY_DETAIL).returncode == 0
        assert run(distributed(spread, sites.base_urls, cluster, *EVERY_DETAIL)).returncode == 0
        unicef = sites.sites["unicef"]
        gone = unicef.snapshot()[5].key
        unicef.remove(gone)
        _slow_details(unicef, 0.4)
        crawl = subprocess.Popen(
            distributed(spread, sites.base_urls, cluster, *EVERY_DETAIL, "--json"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        job, pid = _running_pid(cluster, "-unicef-1")
        time.sleep(2)  # mid-crawl: some of its details taken, not all
        os.kill(pid, signal.SIGKILL)
        out, err = crawl.communicate(timeout=300)
        assert crawl.returncode == 1, err
        result = {s["source"]: s for s in json.loads(out)}
        assert result["unicef"]["status"] == "incomplete"
        assert "lost" in result["unicef"]["reason"], result["unicef"]["reason"]
        assert result["unicef"]["removed"] == 0
        assert result["unops"]["status"] == result["state_jpo"]["status"] == "ok"
        conn = sqlite3.connect(spread)
        status = conn.execute(
            "SELECT status FROM postings WHERE source = 'unicef' AND source_key = ?", (gone,)
        ).fetchone()[0]
        conn.close()
        assert status == "open"  # not removed by an incomplete run
        check_consistency(spread)
        unicef.faults.clear()
        assert run(crawl_command(local, sites.base_urls) + EVERY_DETAIL).returncode == 0
        again = run(distributed(spread, sites.base_urls, cluster, *EVERY_DETAIL, "--json"))
        assert again.returncode == 0, again.stderr
    want, got = contents(local), contents(spread)
    for table in ("postings", "versions", "events"):
        assert got[table] == want[table], table
    check_consistency(spread)


def test_the_writer_killed_mid_ingest_loses_nothing_and_ingest_finishes_the_crawl(
    cluster, tmp_path
):
    local, spread = tmp_path / "local.db", tmp_path / "spread.db"
    with MockSites(SOURCES) as sites:
        for site in sites.sites.values():
            _slow_details(site, 0.05)
        assert run(crawl_command(local, sites.base_urls) + EVERY_DETAIL).returncode == 0
        crawl = subprocess.Popen(
            distributed(spread, sites.base_urls, cluster, *EVERY_DETAIL),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and stored < 5:
            time.sleep(0.2)
            if spread.exists():
                try:
                    conn = sqlite3.connect(f"file:{spread}?mode=ro", uri=True)
                    stored = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
                    conn.close()
                except sqlite3.Error:
                    stored = 0
        assert stored >= 5, "the writer stored nothing"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(30)
        ingest = run(
            [sys.executable, "-m", "crawler.cli", "--db", str(spread), "ingest",
             "--redis", cluster["redis"], "--json"],
            timeout=300,
        )  # fmt: skip
        assert ingest.returncode == 0, ingest.stdout + ingest.stderr
        closed = {r["source"]: r for r in json.loads(ingest.stdout)}
        assert set(closed) == set(SOURCES)
        assert all(r["status"] == "ok" for r in closed.values()), closed
    want, got = contents(local), contents(spread)
    for table in ("postings", "versions", "events", "runs"):
        assert got[table] == want[table], table
    check_consistency(spread)


def test_crawl_on_scrapyd_without_redis_or_with_a_node_down_says_what_to_do(cluster, tmp_path):
    db = tmp_path / "archive.db"
    base = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", "unicef"]
    no_redis = run([*base, "--scrapyd", cluster["nodes"][0]])
    assert no_redis.returncode == 2
    assert "--redis" in no_redis.stderr
    down = run([*base, "--scrapyd", "http://127.0.0.1:9", "--redis", cluster["redis"]])
    assert down.returncode == 1
    assert "http://127.0.0.1:9" in down.stderr and "scrapyd-deploy" in down.stderr
    assert not db.exists() or contents(db)["runs"] == []  # refused before anything opened
    bad_redis = run([*base, "--scrapyd", cluster["nodes"][0], "--redis", "redis://127.0.0.1:9/0"])
    assert bad_redis.returncode == 1
    assert "redis-server" in bad_redis.stderr


def test_a_source_of_a_sources_file_runs_on_the_workers(cluster, tmp_path):
    """The nodes read the sources file JOBARCHIVE_CONFIG names: a user-defined source
    is scheduled, crawled and archived as `crawl --config` archives it locally."""
    local, spread = tmp_path / "local.db", tmp_path / "spread.db"
    config = str(cluster["config"])
    with MockSites(sites=[TENANT.site()]) as sites:
        urls = {TENANT.name: sites.base_urls[TENANT.name] + TENANT.prefix}
        mine = run(crawl_command(local, urls) + ["--config", config, "--json"])
        theirs = run(distributed(spread, urls, cluster, "--config", config, "--json"))
    assert summary(mine)[TENANT.name]["status"] == "ok"
    assert theirs.returncode == 0, theirs.stderr
    assert summary(theirs)[TENANT.name]["new"] == summary(mine)[TENANT.name]["new"] > 0
    assert contents(spread) == contents(local)


def test_a_crawl_past_its_time_limit_stops_its_jobs_removes_nothing_and_frees_the_archive(
    cluster, tmp_path
):
    """A job left pending on a node too busy to start it, and one whose site stopped
    answering, would keep the crawl and the archive's lock for ever, and every cron run
    after it would find the archive locked. At the time limit the first is cancelled
    (its part lost) and the second asked to stop (its part unfinished): the run is
    incomplete, saying why, removes nothing, and the next crawl runs."""
    db = tmp_path / "archive.db"
    work = cluster["work"] / "busy"
    with scrapyd_node(
        work / "node", {"JOBARCHIVE_CONFIG": str(cluster["config"])}, poll=3600
    ) as busy:
        deploy([busy], work)
        with MockSites(["unicef"]) as sites:
            base = {"unicef": sites.base_urls["unicef"]}
            one_node = crawl_command(db, base) + ["--scrapyd", cluster["nodes"][0]]
            one_node += ["--redis", cluster["redis"], "--json"]
            assert summary(run(one_node))["unicef"]["status"] == "ok"
            site = sites.sites["unicef"]
            gone = site.snapshot()[0].key
            site.remove(gone)
            for posting in site.snapshot():
                site.fault_posting(posting.key, "slow:40")
            # The lead (part 0) on the first node, its detail job on the busy one.
            stuck = crawl_command(db, base) + [
                "--scrapyd", f"{cluster['nodes'][0]},{busy}", "--redis", cluster["redis"],
                "-s", "JOBARCHIVE_TIME_LIMIT=12", "--json",
            ]  # fmt: skip
            started = time.monotonic()
            result = run(stuck, timeout=240)
            took = time.monotonic() - started
            site.reset()
            assert result.returncode == 1, result.stderr
            line = summary(result)["unicef"]
            assert line["status"] == "incomplete", line
            assert "time limit" in line["reason"], line
            assert took < 120, took
            assert "time limit" in result.stderr
            # Neither job is left on its node.
            import requests

            for node in (cluster["nodes"][0], busy):
                listed = requests.get(f"{node}/listjobs.json", timeout=10).json()
                assert not listed["pending"] and not listed["running"], (node, listed)
            conn = sqlite3.connect(db)
            status = conn.execute(
                "SELECT status FROM postings WHERE source = 'unicef' AND source_key = ?", (gone,)
            ).fetchone()
            parts = {
                part: json.loads(report)
                for part, report in conn.execute(
                    "SELECT part, report FROM ingest_parts WHERE source = 'unicef' "
                    "AND crawl = (SELECT max(crawl) FROM ingest_parts)"
                )
            }
            conn.close()
            assert status == ("open",)  # taken off the site, but the listing was not judged
            assert not parts[0]["finished"] and "time limit" in parts[0]["reason"], parts[0]
            assert parts[1]["lost"] and "not started" in parts[1]["reason"], parts[1]
            check_consistency(db)
            # The lock is free: the next crawl runs, and now removes what is gone.
            again = summary(run(one_node))["unicef"]
            assert again["status"] == "ok" and again["removed"] == 1, again


def test_a_redis_prefix_in_use_by_another_archive_is_refused_before_anything_is_written(
    cluster, tmp_path
):
    """Two archives under one Redis key prefix would take each other's messages: the
    other's postings dropped, its pages' revisit checks written here. The crawl and
    `ingest` refuse, naming the other archive and the way out."""
    import redis

    from crawler.distributed.queue import Keys, save_manifest

    client = redis.Redis.from_url(cluster["redis"])
    keys = Keys("jobarchive")
    other = str(tmp_path / "other.db")
    save_manifest(client, keys, "20261201T000000-abcdef", {"archive": other, "jobs": []})
    db = tmp_path / "archive.db"
    try:
        with MockSites(["unicef"]) as sites:
            crawl = run(distributed(db, {"unicef": sites.base_urls["unicef"]}, cluster))
        ingest = run(
            [sys.executable, "-m", "crawler.cli", "--db", str(db), "ingest", "--redis",
             cluster["redis"]]
        )  # fmt: skip
    finally:
        client.hdel(keys.crawls, "20261201T000000-abcdef")
    for result in (crawl, ingest):
        assert result.returncode == 1, result.stderr
        assert other in result.stderr and "JOBARCHIVE_REDIS_PREFIX" in result.stderr
    assert not db.exists() or contents(db)["runs"] == []
    # Under a prefix of its own, the same crawl runs.
    save_manifest(client, keys, "20261201T000000-abcdef", {"archive": other, "jobs": []})
    try:
        with MockSites(["unicef"]) as sites:
            own = distributed(db, {"unicef": sites.base_urls["unicef"]}, cluster, "--json")
            mine = run(own + ["-s", "JOBARCHIVE_REDIS_PREFIX=mine"])
    finally:
        client.hdel(keys.crawls, "20261201T000000-abcdef")
    assert mine.returncode == 0, mine.stderr
    assert summary(mine)["unicef"]["status"] == "ok"


def test_an_employer_of_the_catalogue_runs_on_the_workers(cluster, tmp_path):
    """`crawl --employer KEY --scrapyd`: the nodes make the employer's spider from the
    catalogue, as `crawl --employer KEY` does locally."""
    from tests.test_catalogue import _paho_site

    local, spread = tmp_path / "local.db", tmp_path / "spread.db"
    site = _paho_site()
    with MockSites(["workday"], sites=[site]) as sites:
        employer = ["--employer", "paho", "--set-url", f"paho={sites.base_urls['workday']}"]
        mine = run(crawl_command(local, {}) + [*employer, "--json"])
        theirs = run(
            crawl_command(spread, {}) + [*employer, "--json", "--scrapyd",
             ",".join(cluster["nodes"]), "--redis", cluster["redis"]]
        )  # fmt: skip
    assert summary(mine)["paho"]["status"] == "ok"
    assert theirs.returncode == 0, theirs.stderr
    assert summary(theirs)["paho"]["new"] == summary(mine)["paho"]["new"] == len(site.snapshot())
    assert contents(spread) == contents(local)
