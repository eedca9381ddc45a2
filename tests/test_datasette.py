"""The archive in datasette, in-process: metadata, search, views and saved queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from crawler.datasette_plugin.metadata import metadata_for
from tests.datasette_client import get
from tests.datasette_sample import Sample, build


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return build(tmp_path_factory.mktemp("ds") / "archive.db")


@pytest.fixture(scope="module")
def ds(sample: Sample) -> Datasette:
    return Datasette([str(sample.path)], metadata=metadata_for("archive"))


def rows(ds: Datasette, path: str) -> list[dict[str, Any]]:
    joiner = "&" if "?" in path else "?"
    response = get(ds, f"{path}{joiner}_shape=array")
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()
    return result


def test_plugin_is_registered_by_its_entry_point(ds: Datasette) -> None:
    plugins = get(ds, "/-/plugins.json").json()
    ours = [p for p in plugins if p["name"] == "jobarchive"]
    assert ours and {"register_routes", "render_cell"} <= set(ours[0]["hooks"])


def test_every_table_view_and_column_has_a_title_and_description(sample: Sample) -> None:
    tables = metadata_for("archive")["databases"]["archive"]["tables"]
    conn = sqlite3.connect(sample.path)
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'postings_fts_%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert set(names) <= set(tables), set(names) - set(tables)
    for name in names:
        assert tables[name]["title"] and tables[name]["description"], name
        documented = tables[name]["columns"]
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
        # Views document the columns they add; the rest are described on postings.
        described = {**tables["postings"]["columns"], **tables["versions"]["columns"], **documented}
        assert [c for c in columns if not described.get(c)] == [], name
        if name in ("postings", "versions", "events", "runs"):
            assert set(columns) == set(documented), name


def test_postings_have_default_facets_and_sort_by_closing_date(ds: Datasette) -> None:
    data = get(ds, "/archive/postings.json?_col=closing_date").json()
    assert set(data["facet_results"]) == {"source", "organization", "country", "status", "grade"}
    dates = [r[1] for r in data["rows"]]  # default sort: latest closing date first
    assert dates == sorted(dates[:-1], reverse=True) + [None]
    status = {f["value"]: f["count"] for f in data["facet_results"]["status"]["results"]}
    assert status == {"open": 5, "closed": 1, "removed": 1}


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        ("refugees", [2]),  # text
        ("geneve", [2]),  # location, accents folded
        ("UNICEF Nairobi", [1, 5]),  # organization and location together
        ("French", [1]),  # only in the current version's text
        ("internal candidates", []),  # only in the old version's text
        ("Epidemiologist", [4]),  # removed postings are still searchable
        ('"unbalanced', []),  # escaped mode: no syntax error
    ],
)
def test_search_box_searches_current_postings(ds: Datasette, words: str, ids: list[int]) -> None:
    params = httpx.QueryParams({"_search": words, "_col": "title", "_sort": "id"})
    assert [r["id"] for r in rows(ds, f"/archive/postings.json?{params}")] == ids


def test_search_index_follows_every_change(sample: Sample, tmp_path: Path) -> None:
    from archive import Archive, Snapshot

    with Archive(tmp_path / "a.db") as archive:
        archive.store(Snapshot("s", "1", "u", title="Nurse", text="first words"))
        archive.store(Snapshot("s", "1", "u", title="Midwife", text="second words"))
        archive.store(Snapshot("s", "2", "u2", title="Driver", text="other"))

        def hits(query: str) -> list[int]:
            sql = "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rowid"
            return [r[0] for r in archive.conn.execute(sql, (query,))]

        assert hits("midwife second") == [1]
        assert hits("nurse") == hits("first") == []
        assert hits("words") == [1]
        archive.conn.execute("DELETE FROM events WHERE posting_id = 2")
        archive.conn.execute("DELETE FROM versions WHERE posting_id = 2")
        archive.conn.execute("DELETE FROM postings WHERE id = 2")
        assert hits("driver OR other") == []


def test_open_postings_soonest_deadline_first(ds: Datasette, sample: Sample) -> None:
    got = [
        (r["id"], r["closing_date"], r["days_left"])
        for r in rows(ds, "/archive/open_postings.json")
    ]
    assert got == [
        (2, sample.day(5), 5),
        (1, sample.day(10), 10),
        (6, sample.day(20), 20),
        (5, sample.day(40), 40),
        (7, None, None),
    ]


def test_open_postings_are_searchable(ds: Datasette) -> None:
    assert [r["id"] for r in rows(ds, "/archive/open_postings.json?_search=Geneva")] == [2, 7]


@pytest.mark.parametrize(
    ("query", "ids"),
    [("", [2]), ("days=7", [2]), ("days=14", [2, 1]), ("days=0", []), ("days=60", [2, 1, 6, 5])],
)
def test_closing_soon(ds: Datasette, sample: Sample, query: str, ids: list[int]) -> None:
    got = rows(ds, f"/archive/closing_soon.json?{query}")
    assert [r["posting_id"] for r in got] == ids
    assert all(r["days_left"] <= int(query.partition("=")[2] or 7) for r in got)


def test_new_this_week(ds: Datasette) -> None:
    assert [r["id"] for r in rows(ds, "/archive/new_this_week.json")] == [2, 7]


def test_changes_lists_every_change_with_its_fields(ds: Datasette) -> None:
    got = rows(ds, "/archive/changes.json")
    assert [(r["posting_id"], r["version"], r["changed_fields"]) for r in got] == [
        (1, 2, '["grade", "closing_date", "text"]'),
        (6, 2, '["closing_date"]'),
    ]
    assert got[0]["diff"] == "/-/jobarchive/diff/1?to=2"


def test_changes_facet_by_changed_field(ds: Datasette) -> None:
    data = get(ds, "/archive/changes.json").json()
    counts = {f["value"]: f["count"] for f in data["facet_results"]["changed_fields"]["results"]}
    assert counts == {"closing_date": 2, "grade": 1, "text": 1}


@pytest.mark.parametrize(("query", "expected"), [("", [(1, 2)]), ("days=30", [(1, 2), (6, 2)])])
def test_recent_changes(ds: Datasette, query: str, expected: list[tuple[int, int]]) -> None:
    got = rows(ds, f"/archive/recent_changes.json?{query}")
    assert [(r["posting_id"], r["version"]) for r in got] == expected
    assert got[0]["changed_fields"] == "grade, closing_date, text"


def test_deadline_extensions_only_later_dates(ds: Datasette, sample: Sample) -> None:
    got = rows(ds, "/archive/deadline_extensions.json")
    assert [
        (r["posting_id"], r["old_closing_date"], r["new_closing_date"], r["days_extended"])
        for r in got
    ] == [(1, sample.day(3), sample.day(10), 7)]


def test_removed_postings(ds: Datasette, sample: Sample) -> None:
    got = rows(ds, "/archive/removed_postings.json")
    assert [(r["id"], r["closing_date"], r["removed_early"]) for r in got] == [
        (4, sample.day(20), 1)
    ]
    assert got[0]["removed_at"][:10] == sample.today.isoformat()


@pytest.mark.parametrize("ref", ["1", "unicef:1001", "https://jobs.example.org/unicef/1001"])
def test_posting_history_by_any_reference(ds: Datasette, sample: Sample, ref: str) -> None:
    got = rows(ds, f"/archive/posting_history.json?{httpx.QueryParams({'posting': ref})}")
    assert [
        (r["event"], r["version"], r["closing_date"], r["changed_fields"], r["diff"]) for r in got
    ] == [
        ("new", 1, sample.day(3), None, None),
        ("changed", 2, sample.day(10), "grade, closing_date, text", "/-/jobarchive/diff/1?to=2"),
    ]


def test_posting_history_shows_removal(ds: Datasette) -> None:
    got = rows(ds, "/archive/posting_history.json?posting=who:4004")
    assert [(r["event"], r["version"]) for r in got] == [("new", 1), ("removed", None)]


def test_posting_history_of_nothing_is_empty(ds: Datasette) -> None:
    assert rows(ds, "/archive/posting_history.json?posting=nope:0") == []


def test_saved_queries_are_listed_with_titles(ds: Datasette) -> None:
    data = get(ds, "/archive.json").json()
    queries = {q["name"]: q["title"] for q in data["queries"]}
    assert queries == {
        "closing_soon": "Closing soon",
        "recent_changes": "Recently changed",
        "posting_history": "History of one posting",
    }
    views = {v["name"] for v in data["views"]}
    assert {
        "open_postings",
        "new_this_week",
        "changes",
        "deadline_extensions",
        "removed_postings",
    } <= views


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/archive/versions", 'href="/-/jobarchive/diff/1?to=2"'),
        ("/archive/postings", '2 <a href="/-/jobarchive/diff/1">diff</a>'),
        ("/archive/postings/1", '<a href="/-/jobarchive/diff/1">diff</a>'),
        ("/archive/changes", '<a href="/-/jobarchive/diff/6?to=2">diff</a>'),
        ("/archive/recent_changes", '<a href="/-/jobarchive/diff/1?to=2">diff</a>'),
        ("/archive/open_postings", '<a href="/archive/postings/7">7</a>'),
        ("/archive/closing_soon?days=14", '<a href="/archive/postings/1">1</a>'),
    ],
)
def test_tables_link_to_the_diff_page(ds: Datasette, path: str, link: str) -> None:
    response = get(ds, path)
    assert response.status_code == 200
    assert link in response.text


def test_front_page_links_the_questions(ds: Datasette) -> None:
    html = get(ds, "/").text
    assert 'href="archive/closing_soon"' in html
    assert 'href="archive/deadline_extensions"' in html


def test_metadata_follows_the_database_name() -> None:
    metadata = metadata_for("jobs-2024")
    assert list(metadata["databases"]) == ["jobs-2024"]
    assert 'href="jobs-2024/open_postings"' in metadata["description_html"]


def test_column_descriptions_are_compact(ds: Datasette) -> None:
    assert "/-/static-plugins/jobarchive/jobarchive.css" in get(ds, "/archive/postings").text
    css = get(ds, "/-/static-plugins/jobarchive/jobarchive.css")
    assert css.status_code == 200 and "dl.column-descriptions" in css.text
