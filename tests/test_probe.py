"""`jobarchive probe`: the first look at a live site, against the mocks (issue #10, item 5).

Each probe is a real `jobarchive probe` over HTTP in its own process (the Twisted
reactor cannot restart within one), writing nothing to any archive.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import SITES, MockSites
from crawler.mocksites.board import BoardSite, board_sources
from crawler.mocksites.reliefweb import MOCK_APPNAME
from tests import platform_tenants

ROOT = Path(__file__).resolve().parent.parent


def probe(
    source: str, *args: str, url: str | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "crawler.cli", "probe", source, *args]
    if url:
        argv += ["--set-url", url]
    for key, value in {**LOCAL_SITE_SETTINGS, "RELIEFWEB_APPNAME": MOCK_APPNAME}.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def sites():
    with MockSites(sites=[cls() for cls in SITES.values()]) as served:
        yield served


@pytest.mark.parametrize("source", sorted(SITES))
def test_probe_of_each_builtin_source_reads_its_listing_and_three_postings(sites, source, tmp_path):
    done = probe(source, url=sites.base_urls[source], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert out.startswith(f"probe {source}: {sites.base_urls[source]}\n")
    assert "  postings listed: " in out and "  next page: " in out
    assert out.count("\ndetail ") == 3
    assert out.count("  stored:        yes") == 3
    assert "  title:          " not in out  # every field on its own aligned line
    assert "  text:          " in out and " characters; first line: " in out
    assert out.rstrip().endswith("ok: 3 posting(s) read; the listing is readable")
    # Nothing was written: no archive anywhere.
    assert not list(tmp_path.glob("*.db"))


def test_probe_of_a_redesigned_site_fails_naming_what_matched_nothing(sites, tmp_path):
    site = sites["unicef"]
    site.layout_changed = True
    try:
        done = probe("unicef", url=site.base_url, cwd=tmp_path)
    finally:
        site.reset()
    assert done.returncode == 1, done.stdout
    # The error names what the spider looked for and did not find.
    assert done.stderr.startswith("Error: ")
    assert "#search-results-content" in done.stderr


def test_probe_names_a_posting_page_that_would_not_be_stored(sites, tmp_path):
    site = sites["unhcr"]
    first = site.snapshot()[0].key
    site.fault_posting(first, "maintenance")
    try:
        done = probe("unhcr", url=site.base_url, cwd=tmp_path)
    finally:
        site.reset()
    assert done.returncode == 1
    assert "  stored:        no: a maintenance page, not the posting" in done.stdout
    assert "would not be stored: a maintenance page" in done.stderr


def test_probe_saves_the_answers_and_replays_them_offline(sites, tmp_path):
    saved = tmp_path / "probe-unhcr"
    live = probe("unhcr", "--save", str(saved), url=sites.base_urls["unhcr"], cwd=tmp_path)
    assert live.returncode == 0, live.stdout + live.stderr
    index = json.loads((saved / "index.json").read_text())
    assert [entry["callback"] for entry in index].count("detail_response") == 3
    # Offline: the same report from the saved answers, with no site at all.
    replayed = probe("unhcr", "--replay", str(saved), cwd=tmp_path)
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert replayed.stdout.startswith(f"probe unhcr: replaying {saved}\n")
    live_report = live.stdout.split("\n", 1)[1].rsplit("saved the answers", 1)[0]
    assert replayed.stdout.split("\n", 1)[1].startswith(live_report)


def test_replay_of_a_folder_without_answers_is_a_clear_error(tmp_path):
    done = probe("unhcr", "--replay", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Error: cannot replay {tmp_path}: {tmp_path} holds no index.json: save one with "
        "`probe --save`"
    )


@pytest.mark.parametrize("source", ["board_listing", "board_feed", "board_sitemap"])
def test_probe_of_a_user_defined_source(tmp_path, source):
    with MockSites(sites=[BoardSite()]) as served:
        config = tmp_path / "sources.toml"
        config.write_text(board_sources(served.base_urls["board"]))
        done = probe(source, "--config", str(config), "--limit", "2", cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.count("  stored:        yes") == 2
        served["board"].layout_changed = True
        if source == "board_listing":
            broken = probe(source, "--config", str(config), cwd=tmp_path)
            assert broken.returncode == 1
            assert "article.card h2 a matched nothing" in broken.stderr


@pytest.mark.parametrize("tenant", platform_tenants.TENANTS, ids=lambda t: t.kind)
def test_probe_of_a_platform_source_reads_it_and_names_a_redesign(tmp_path, tenant):
    site = tenant.site()
    with MockSites(sites=[site]) as served:
        config = tmp_path / "sources.toml"
        config.write_text(tenant.table)
        url = served.base_urls[tenant.name] + tenant.prefix
        done = probe(tenant.name, "--config", str(config), url=url, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.count("  stored:        yes") == 3
        assert done.stdout.rstrip().endswith("ok: 3 posting(s) read; the listing is readable")
        site.layout_changed = True
        broken = probe(tenant.name, "--config", str(config), url=url, cwd=tmp_path)
        assert broken.returncode == 1, broken.stdout
        # Loud, naming the listing and what it no longer has.
        assert "Error: no listing page could be read (listing " in broken.stderr
        assert ": no " in broken.stderr
    assert not list(tmp_path.glob("*.db"))


def test_probe_of_an_unknown_source_is_a_usage_error(tmp_path):
    done = probe("nosuch", cwd=tmp_path)
    assert done.returncode == 2
    assert "Unknown source: nosuch" in done.stderr
