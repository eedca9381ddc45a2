"""Real `scrapy crawl` runs of the spiders against the mock sites on 127.0.0.1.

Each crawl runs in a subprocess: Twisted's reactor cannot restart within one process.
The archive pipeline is switched off; these tests are about what the spiders fetch and
yield, read back from a JSON-lines feed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.mocksites import MockSites

ROOT = Path(__file__).parent.parent
FIELDS = "source,source_key,title,location,country,grade,closing_date,status,text"


def crawl(source: str, base_url: str, out: Path) -> subprocess.CompletedProcess[str]:
    argv = [
        sys.executable, "-m", "scrapy", "crawl", source,
        "-a", f"base_url={base_url}",
        "-s", "ITEM_PIPELINES={}",
        "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "RETRY_TIMES=0",
        "-s", f"FEED_EXPORT_FIELDS={FIELDS}",
        "-O", str(out),
    ]  # fmt: skip
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("source", ["unicef", "unhcr"])
def test_crawl_reads_every_posting(source, tmp_path):
    out = tmp_path / "items.jsonl"
    with MockSites([source]) as sites:
        site = sites[source]
        site.edit(next(iter(site.postings)), title="Edited title")
        result = crawl(source, sites.base_urls[source], out)
        served = [path for _, path in site.requests]
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Failed to fetch" not in result.stderr
    items = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(i["source_key"] for i in items) == sorted(site.postings)
    assert "Edited title" in {i["title"] for i in items}
    assert all(i["text"] and i["closing_date"] for i in items)
    # three listing pages, and each detail exactly once
    listing = [path for path in served if "/listing/" in path or path.endswith("/jobs")]
    details = [path for path in served if "/job/" in path]
    assert len(listing) == 3
    assert site.pages_served == {1, 2, 3}
    assert len(details) == len(set(details)) == len(site.postings)


def test_crawl_of_a_down_site_fails_the_listing(tmp_path):
    out = tmp_path / "items.jsonl"
    with MockSites(["unhcr"]) as sites:
        sites["unhcr"].down = True
        result = crawl("unhcr", sites.base_urls["unhcr"], out)
    assert "Failed to fetch listing" in result.stderr
    assert not out.exists() or out.read_text() == ""
