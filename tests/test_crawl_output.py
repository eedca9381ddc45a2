"""What `jobarchive crawl` prints: a live table for people, a quiet summary for cron."""

from __future__ import annotations

import subprocess

import pytest

from crawler.demo import crawl_command
from crawler.mocksites import MockSites


@pytest.fixture(scope="module")
def sites():
    with MockSites(["unicef"]) as served:
        yield served


def test_progress_table_on_request(sites, tmp_path):
    result = subprocess.run(
        crawl_command(tmp_path / "a.db", sites.base_urls) + ["--progress"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "jobarchive crawl" in result.stderr
    row = next(line for line in result.stderr.splitlines() if "unicef" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells[0] == "unicef"
    assert cells[2] == "45"  # new
    assert cells[-1] == "ok"
    assert result.stdout.startswith("unicef: ok - new 45")


def test_quiet_without_a_terminal(sites, tmp_path):
    result = subprocess.run(
        crawl_command(tmp_path / "a.db", sites.base_urls), capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == (
        "unicef: ok - new 45, changed 0, unchanged 0, reopened 0, removed 0, errors 0\n"
    )
    assert result.stderr == ""


def test_log_file_gets_the_full_log_and_errors_still_reach_stderr(sites, tmp_path):
    log = tmp_path / "crawl.log"
    sites["unicef"].fault(r"^/en-us/job/577857", 500)
    try:
        result = subprocess.run(
            crawl_command(tmp_path / "a.db", sites.base_urls) + ["--log-file", str(log)],
            capture_output=True,
            text=True,
        )
    finally:
        sites["unicef"].faults.clear()
    assert result.returncode == 1
    assert result.stdout.startswith("unicef: incomplete - new 44")
    assert "Failed to fetch detail" in result.stderr
    text = log.read_text()
    assert "Spider opened" in text
    assert "Archive run 1 for unicef: incomplete" in text
