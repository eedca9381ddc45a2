"""The catalogue of employers (crawler/catalogue.toml) and the ways to use it.

Every entry is checked for its shape and its evidence, and read the way a crawl reads
it (a source table of a platform kind, made into that platform's spider), so an entry
naming a platform, a parameter or a shape jobarchive does not support fails here. Then
the commands: `sources --catalogue`, `crawl --employer`, `employer = "KEY"` in a sources
file and `probe --employer`, each over HTTP against the Workday mock serving the
employer's tenant.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from crawler.catalogue import (
    CONFIDENCE,
    CatalogueError,
    employer_table,
    employers,
)
from crawler.cli import cli
from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import MockSites
from crawler.mocksites.content import unhcr_postings
from crawler.mocksites.workday import MockTenant, WorkdaySite
from crawler.platforms import PLATFORMS
from crawler.sources import all_sources
from crawler.userconfig import load_config, load_tables
from spiders.configured import spider_for

ROOT = Path(__file__).parent.parent
CATALOGUE = employers()
#: The Workday employer the commands are tried with, served by the mock as its tenant.
PAHO = CATALOGUE["PAHO"]


# -- the file ------------------------------------------------------------------------


def test_the_catalogue_holds_at_least_25_employers_on_at_least_4_platforms():
    assert len(CATALOGUE) >= 25
    assert len({e.kind for e in CATALOGUE.values()}) >= 4
    assert {e.kind for e in CATALOGUE.values()} <= set(PLATFORMS)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_entry_is_well_formed_and_reads_as_a_source(key):
    entry = CATALOGUE[key]
    assert entry.name.strip() and entry.confidence in CONFIDENCE
    # Evidence says where the parameters were seen: an address, a repository or a file.
    for line in entry.evidence:
        assert len(line) > 20 and ("/" in line or "." in line), line
    # Read as `crawl --employer` reads it: the table is a valid source of its platform,
    # and that platform has a spider.
    name, table = employer_table(key)
    [config] = load_tables({name: table}, "the catalogue").values()
    assert config.kind == entry.kind
    for param in PLATFORMS[entry.kind].params:
        if param.required:
            assert config.platform[param.name] == entry.source[param.name]
    spider = spider_for(config)
    assert spider.name == name == entry.source_name
    assert urlsplit(spider.default_base_url).scheme == "https"


def test_keys_and_source_names_are_unique_and_apart_from_the_built_in_sources():
    names = Counter(e.source_name for e in CATALOGUE.values())
    assert [n for n, count in names.items() if count > 1] == []
    builtin = set(all_sources())
    for entry in CATALOGUE.values():
        if entry.builtin:
            assert entry.builtin in builtin
        else:
            assert entry.source_name not in builtin, entry.key


def test_each_built_in_instance_of_a_platform_is_in_the_catalogue_with_its_own_site():
    sources = all_sources()
    for platform in PLATFORMS.values():
        [entry] = [e for e in CATALOGUE.values() if e.builtin == platform.builtin]
        assert entry.kind == platform.kind
        spider = sources[platform.builtin].spider
        assert urlsplit(spider.default_base_url).netloc == (
            entry.source.get("host") or urlsplit(entry.source["base_url"]).netloc
        )


def test_employers_sharing_one_oracle_host_are_told_apart_by_their_site_number():
    by_host: dict[str, list[str]] = {}
    for entry in CATALOGUE.values():
        if entry.kind == "oracle":
            by_host.setdefault(entry.source["host"], []).append(entry.source["site_number"])
    assert any(len(sites) > 1 for sites in by_host.values())
    for host, sites in by_host.items():
        assert len(sites) == len(set(sites)), host


def test_an_entry_without_evidence_or_on_an_unknown_platform_is_refused(tmp_path):
    good = (
        '[employers.X]\nname = "X"\ngroup = "NGO"\nconfidence = "likely"\n'
        'evidence = ["https://example.org/careers names tenant x"]\n'
        '[employers.X.source]\nkind = "workday"\nhost = "x.wd1.myworkdayjobs.com"\n'
        'tenant = "x"\nsite = "External"\n'
    )
    for broken, says in [
        (good.replace('evidence = ["https://example.org/careers names tenant x"]', ""),
         "needs evidence"),
        (good.replace('kind = "workday"', 'kind = "taleo"'), "platform kind"),
        (good.replace('"likely"', '"sure"'), "confidence must be one of"),
    ]:  # fmt: skip
        path = tmp_path / f"c{len(says)}.toml"
        path.write_text(broken)
        with pytest.raises(CatalogueError, match=says):
            employers(path)
    path = tmp_path / "good.toml"
    path.write_text(good)
    assert list(employers(path)) == ["X"]


# -- the commands ----------------------------------------------------------------------


def test_sources_catalogue_lists_every_employer_and_its_evidence():
    runner = CliRunner()
    listed = runner.invoke(cli, ["sources", "--catalogue"])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert len(lines) == len(CATALOGUE)
    for entry in CATALOGUE.values():
        [line] = [row for row in lines if row.split()[0] == entry.key]
        assert PLATFORMS[entry.kind].title in line and entry.confidence in line
        assert entry.name in line
    paho = next(row for row in lines if row.startswith("PAHO "))
    assert "host=paho.wd5.myworkdayjobs.com, tenant=paho, site=pahocareers" in paho
    detailed = runner.invoke(cli, ["sources", "--catalogue", "--evidence"])
    assert detailed.exit_code == 0
    for line in PAHO.evidence:
        assert f"evidence: {line}" in detailed.output
    alone = runner.invoke(cli, ["sources", "--evidence"])
    assert alone.exit_code == 2 and "--evidence goes with --catalogue" in alone.output


def _paho_site() -> WorkdaySite:
    """The Workday mock serving PAHO's tenant, as the catalogue names it."""
    tenant = MockTenant(PAHO.source["tenant"], PAHO.source["site"], PAHO.source["host"])
    site = WorkdaySite(tenants={tenant: unhcr_postings(6)})
    site.name = "workday"  # type: ignore[misc]
    return site


def _run(*args: str, cwd: Path = ROOT, local: bool = True) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "crawler.cli", *args]
    for key, value in LOCAL_SITE_SETTINGS.items() if local else ():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300)


def _rows(db: Path) -> dict[str, dict[str, str]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {
            row["source_key"]: dict(row)
            for row in conn.execute("SELECT * FROM postings WHERE source = 'paho'")
        }
    finally:
        conn.close()


def test_crawl_employer_crawls_the_catalogue_entry_into_the_archive(tmp_path):
    site = _paho_site()
    with MockSites(["workday"], sites=[site]) as sites:
        url = sites.base_urls["workday"]
        done = _run("--db", str(tmp_path / "a.db"), "crawl", "--employer", "paho",
                    "--set-url", f"paho={url}")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert done.stdout == (
        "paho: ok - new 6, changed 0, unchanged 0, reopened 0, removed 0, errors 0\n"
    )
    rows = _rows(tmp_path / "a.db")
    assert set(rows) == {p.key for p in site.snapshot()}
    for posting in site.snapshot():
        row = rows[posting.key]
        assert (row["title"], row["location"]) == (posting.title, posting.duty_station)
        assert row["closing_date"] == posting.closing_date.isoformat()
        assert row["url"].startswith(f"{url}/en-US/pahocareers/job/")
    # Only the public pages and the tenant's own API were asked for.
    assert {path.split("/")[3] for _, path in site.requests if path.startswith("/wday/")} == {
        "paho"
    }


def test_a_sources_file_names_an_employer_in_one_line_and_may_override_its_keys(tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text('[sources.paho]\nemployer = "PAHO"\norganization = "PAHO/WHO"\n')
    [source] = load_config(config).values()
    assert (source.kind, source.platform["tenant"], source.organization) == (
        "workday", "paho", "PAHO/WHO",
    )  # fmt: skip
    site = _paho_site()
    with MockSites(["workday"], sites=[site]) as sites:
        done = _run("--db", str(tmp_path / "a.db"), "crawl", "--config", str(config), "paho",
                    "--set-url", f"paho={sites.base_urls['workday']}")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    # The mock's detail names its hiring organization; the configured one is the
    # fallback, so the rows carry the mock's name.
    assert len(_rows(tmp_path / "a.db")) == 6


def test_an_unknown_employer_is_a_usage_error_naming_the_catalogue(tmp_path):
    done = _run("--db", str(tmp_path / "a.db"), "crawl", "--employer", "WHOO")
    assert done.returncode == 2
    assert "'WHOO' is not in the catalogue of employers" in done.stderr
    assert "jobarchive sources --catalogue" in done.stderr
    assert not (tmp_path / "a.db").exists()
    config = tmp_path / "sources.toml"
    config.write_text('[sources.x]\nemployer = "UNWomn"\n')
    done = _run("sources", "--config", str(config), local=False)
    assert done.returncode == 2 and "did you mean UNWomen" in done.stderr, done.stderr


def test_probe_employer_confirms_an_entry_against_its_site(tmp_path):
    with MockSites(["workday"], sites=[_paho_site()]) as sites:
        done = _run("probe", "--employer", "PAHO", "--set-url", sites.base_urls["workday"],
                    cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert done.stdout.startswith(f"probe paho: {sites.base_urls['workday']}\n")
    assert done.stdout.rstrip().endswith("ok: 3 posting(s) read; the listing is readable")
    neither = _run("probe", cwd=tmp_path, local=False)
    assert neither.returncode == 2 and "Name a SOURCE or an --employer" in neither.stderr
