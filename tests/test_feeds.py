"""The Atom feeds of `jobarchive serve`, in-process, read back with feedparser."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from archive import Archive, Snapshot
from crawler.cli import cli
from crawler.datasette_plugin.metadata import metadata_for
from tests.datasette_client import get
from tests.datasette_sample import HOSTILE_TITLE, Sample, build

FEEDS = "/-/jobarchive/feeds"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    sample = build(tmp_path_factory.mktemp("feeds") / "archive.db")
    # A title written to break out of the XML, first seen an hour ago.
    with Archive(sample.path) as archive:
        run = archive.start_run("evil")
        at = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        archive.store(
            Snapshot(
                "evil",
                "9",
                "https://evil.example/9",
                title=HOSTILE_TITLE,
                text="x",
                organization="Evil & Co <b>",
                fetched_at=at,
            ),  # fmt: skip
            run,
        )
    return sample


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("config") / "searches.toml"
    path.write_text(
        '[searches.geneva]\ntitle = "Geneva jobs"\ncountry = "Switzerland"\n\n'
        '[searches.nutrition]\nquery = "nutrition"\n'
    )
    return path


def datasette(sample: Sample, plugins: dict[str, Any] | None = None) -> Datasette:
    metadata = metadata_for("archive")
    if plugins is not None:
        metadata["plugins"] = {"jobarchive": plugins}
    return Datasette([str(sample.path)], metadata=metadata)


def feed(ds: Datasette, path: str) -> Any:
    response = get(ds, path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids))
    for entry in parsed.entries:
        assert entry.updated_parsed is not None
        assert entry.link.startswith("http://localhost/-/jobarchive/posting/")
    return parsed


def posting_ids(sample: Sample, *refs: str) -> list[int]:
    with Archive(sample.path, readonly=True) as archive:
        out = []
        for ref in refs:
            source, key = ref.split(":")
            row = archive.conn.execute(
                "SELECT id FROM postings WHERE source = ? AND source_key = ?", (source, key)
            ).fetchone()
            out.append(row[0])
        return out


def linked(parsed: Any) -> list[int]:
    return [int(e.link.rsplit("/", 1)[1]) for e in parsed.entries]


def test_recent_changes_has_one_entry_per_change_with_its_diff(sample):
    ds = datasette(sample)
    week = feed(ds, f"{FEEDS}/recent_changes.atom")
    [nutrition] = posting_ids(sample, "unicef:1001")
    assert week.feed.title == "Postings changed in the last 7 days"
    assert linked(week) == [nutrition]
    [entry] = week.entries
    assert entry.title == "Changed (grade, closing_date, text): Nutrition Officer - UNICEF"
    assert entry.id == f"http://localhost/-/jobarchive/posting/{nutrition}#version-2"
    diff = next(link.href for link in entry.links if link.rel == "related")
    assert diff == f"http://localhost/-/jobarchive/diff/{nutrition}?to=2"
    assert "Version 2 changed grade, closing_date, text." in entry.content[0].value
    alternate = next(link.href for link in week.feed.links if link.rel == "alternate")
    assert alternate == "http://localhost/archive/recent_changes?days=7"
    # Ten days reach back to the supply chain post's earlier deadline.
    ten = feed(ds, f"{FEEDS}/recent_changes.atom?days=10")
    assert linked(ten) == [nutrition, *posting_ids(sample, "wfp:3006")]


def test_new_this_week_lists_postings_first_seen_in_the_last_seven_days(sample):
    parsed = feed(datasette(sample), f"{FEEDS}/new_this_week.atom")
    assert linked(parsed) == posting_ids(sample, "evil:9", "unhcr:2002", "who:4005")
    assert parsed.entries[1].title == "New: Protection Associate - UNHCR"
    assert parsed.entries[1].id.endswith("#new")
    assert "UNHCR · Genève · G-6 · closes" in parsed.entries[1].content[0].value
    assert parsed.feed.updated == parsed.entries[0].updated


def test_deadline_extensions_say_from_when_to_when(sample):
    parsed = feed(datasette(sample), f"{FEEDS}/deadline_extensions.atom")
    assert linked(parsed) == posting_ids(sample, "unicef:1001")
    [entry] = parsed.entries
    assert entry.title == "Deadline extended by 7 days: Nutrition Officer - UNICEF"
    assert f"Closing date moved from {sample.day(3)} to {sample.day(10)}." in entry.content[0].value


def test_hostile_titles_stay_text(sample):
    response = get(datasette(sample), f"{FEEDS}/new_this_week.atom?limit=1")
    assert b"<img" not in response.content and b"<b>" not in response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert "onerror" in parsed.entries[0].title  # kept as the site wrote it, as text


def test_limit(sample):
    ds = datasette(sample)
    assert len(feed(ds, f"{FEEDS}/new_this_week.atom?limit=2").entries) == 2
    for bad in ("0", "1001", "many"):
        response = get(ds, f"{FEEDS}/new_this_week.atom?limit={bad}")
        assert response.status_code == 400
        assert f"limit must be a whole number from 1 to 1000, not &#39;{bad}&#39;" in response.text
    response = get(ds, f"{FEEDS}/recent_changes.atom?days=week")
    assert response.status_code == 400
    assert "days must be a whole number of days" in response.text


def test_a_saved_search_has_a_feed_of_its_events(sample, config, monkeypatch):
    monkeypatch.setenv("JOBARCHIVE_CONFIG", str(config))
    parsed = feed(datasette(sample), f"{FEEDS}/searches/geneva.atom")
    assert parsed.feed.title == "Saved search: Geneva jobs"
    # Newest first: 4004's removal today, then each posting's first sighting.
    assert [e.title.split(":")[0] for e in parsed.entries] == ["Removed", "New", "New", "New"]
    assert linked(parsed) == posting_ids(sample, "who:4004", "who:4005", "who:4004", "unhcr:2002")
    assert parsed.entries[0].id.split("#")[1].startswith("event-")
    # A feed reader's link opens the postings it is about: the table, for a search
    # without words; the ranked search page with the search's words otherwise.
    alternate = next(link.href for link in parsed.feed.links if link.rel == "alternate")
    assert alternate == "http://localhost/archive/postings?country=Switzerland"
    nutrition = feed(datasette(sample), f"{FEEDS}/searches/nutrition.atom")
    alternate = next(link.href for link in nutrition.feed.links if link.rel == "alternate")
    assert alternate == "http://localhost/-/jobarchive/search?q=nutrition"
    assert [e.title for e in nutrition.entries] == [
        "Changed (grade, closing_date, text): Nutrition Officer - UNICEF",
        "New: Nutrition Officer - UNICEF",
    ]


def test_the_plugin_setting_names_the_config_file(sample, config, monkeypatch):
    monkeypatch.delenv("JOBARCHIVE_CONFIG", raising=False)
    parsed = feed(datasette(sample, {"config": str(config)}), f"{FEEDS}/searches/nutrition.atom")
    assert len(parsed.entries) == 2


@pytest.mark.parametrize(
    ("setting", "path", "status", "message"),
    [
        (None, "geneva", 404, "No saved searches here: serve the archive with "
         "JOBARCHIVE_CONFIG=FILE"),
        ("{config}", "genf", 404, "No saved search &#39;genf&#39; in {config} (it has: geneva, "
         "nutrition)"),
        ("{bad}", "geneva", 500, "[searches.geneva] status: &#39;active&#39; is not accepted"),
    ],
)  # fmt: skip
def test_feed_errors(sample, config, tmp_path, monkeypatch, setting, path, status, message):
    monkeypatch.delenv("JOBARCHIVE_CONFIG", raising=False)
    bad = tmp_path / "bad.toml"
    bad.write_text('[searches.geneva]\nstatus = "active"\n')
    fill = {"config": str(config), "bad": str(bad)}
    plugins = {"config": setting.format(**fill)} if setting else None
    response = get(datasette(sample, plugins), f"{FEEDS}/searches/{path}.atom")
    assert response.status_code == status
    assert message.format(**fill) in response.text


def test_serve_config_names_the_searches_file_and_refuses_a_broken_one(tmp_path):
    good = tmp_path / "searches.toml"
    good.write_text('[searches.protection]\nquery = "protection"\n')
    runner = CliRunner()
    shown = runner.invoke(cli, ["serve", "--print-metadata", "--config", str(good)])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["plugins"]["jobarchive"]["config"] == str(good.absolute())
    bad = tmp_path / "bad.toml"
    bad.write_text('[searches.protection]\nstatus = "active"\n')
    refused = runner.invoke(cli, ["serve", "--print-metadata", "--config", str(bad)])
    assert refused.exit_code == 2
    assert "[searches.protection] status: 'active' is not accepted" in refused.output
