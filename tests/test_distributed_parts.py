"""The pieces of a distributed crawl that need no Redis: how the jobs' reports make one
verdict, how a posting travels as a message, how politeness is shared among jobs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from archive import Snapshot
from crawler.distributed.coordinator import plan, polite_share
from crawler.distributed.messages import PartReport, decode, message, snapshot_fields, snapshot_from
from crawler.distributed.writer import merge
from crawler.sources import all_sources

ROOT = Path(__file__).resolve().parents[1]


def lead(**kw) -> PartReport:
    values = dict(part=0, lead=True, finished=True, reason="finished", listed_keys=["a", "b"],
                  listing_complete=True)  # fmt: skip
    return PartReport(**{**values, **kw})


def detail(**kw) -> PartReport:
    return PartReport(**{**dict(part=1, lead=False, finished=True, reason="finished"), **kw})


def test_a_whole_listing_and_every_job_finished_make_a_complete_run():
    verdict, errors = merge([lead(errors=1), detail(listed_keys=["c"], errors=2)])
    assert verdict.listing_complete
    assert verdict.listed_keys == {"a", "b", "c"}
    assert verdict.stopped_early is None
    assert errors == 3


def test_an_incomplete_listing_or_an_unfinished_job_removes_nothing():
    assert not merge([lead(listing_complete=False), detail()])[0].listing_complete
    stopped, _ = merge([lead(), detail(finished=False, reason="shutdown")])
    assert not stopped.listing_complete
    assert stopped.stopped_early == "shutdown"


def test_a_lost_job_makes_the_run_incomplete_and_says_so():
    verdict, _ = merge([lead(), detail(finished=False, lost=True, reason="killed")])
    assert not verdict.listing_complete
    assert "lost" in (verdict.stopped_early or "")
    gone, _ = merge([lead(finished=False, lost=True, reason="killed", listed_keys=[]), detail()])
    assert gone.listed_keys is None  # no listing read: not even "still listed" is known
    assert not gone.listing_complete


def test_a_detail_job_that_could_not_learn_a_key_leaves_the_listing_incomplete():
    verdict, _ = merge([lead(), detail(problems=["the posting at X could not be read"])])
    assert not verdict.listing_complete
    assert verdict.problems == ["the posting at X could not be read"]


def test_drift_seen_by_a_detail_job_is_named_but_does_not_stop_removals():
    verdict, _ = merge([lead(), detail(drift=["no closing date on 3 of 4 pages"])])
    assert verdict.listing_complete
    assert "no closing date on 3 of 4 pages" in verdict.problems


def test_a_posting_travels_whole_as_a_message():
    posting = Snapshot(
        source="unicef", source_key="1", url="https://x/1", title="Officer", text="é" * 10,
        body=b"\x00\xff<html>", categories=["a"], extra={"k": [1]}, listed={"t": "x"},
    )  # fmt: skip
    raw = message("item", "crawl", "unicef", 1, snapshot=snapshot_fields(posting))
    value = decode(raw)
    assert value["kind"] == "item" and value["part"] == 1 and len(value["id"]) == 32
    assert snapshot_from(value["snapshot"]) == posting


def test_each_job_of_a_source_takes_its_share_of_the_sites_politeness():
    assert polite_share({}, 1) == {}
    share = polite_share({"DOWNLOAD_DELAY": 1.5, "CONCURRENT_REQUESTS_PER_DOMAIN": 4}, 2)
    assert share["DOWNLOAD_DELAY"] == 3.0
    assert share["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
    assert share["AUTOTHROTTLE_TARGET_CONCURRENCY"] == 0.5  # the project's 1.0, halved


def test_every_source_reads_its_listing_once_and_the_leads_take_turns():
    sources = list(all_sources().values())[:3]
    jobs = plan("c", sources, ["n0", "n1"])
    assert len(jobs) == 6
    leads = [j for j in jobs if j.part == 0]
    assert [j.node for j in leads] == ["n0", "n1", "n0"]
    assert len({j.job for j in jobs}) == 6


def test_a_local_crawl_needs_none_of_the_distributed_extras(tmp_path):
    """Redis, scrapy-redis and Scrapyd made unimportable: a local crawl of a mock site
    runs all the same."""
    script = f"""
import sys
for name in ("redis", "scrapy_redis", "scrapyd", "scrapyd_client"):
    sys.modules[name] = None
from crawler.mocksites import MockSites
from crawler.demo import crawl_command
import subprocess
with MockSites(["state_jpo"]) as sites:
    argv = crawl_command({str(tmp_path / "a.db")!r}, sites.base_urls)
    code = subprocess.run(argv[:1] + ["-c", "import sys\\nfor n in ('redis', 'scrapy_redis', "
        "'scrapyd', 'scrapyd_client'): sys.modules[n] = None\\nsys.argv = sys.argv[1:]\\n"
        "from crawler.cli import main\\nmain()", "jobarchive", *argv[3:]]).returncode
sys.exit(code)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
