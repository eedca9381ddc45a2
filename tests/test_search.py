"""Search that finds, in-process: the query syntax, the ranked search page (its facets, and
its bounds when more postings match than it ranks), the postings table's search box, its
column order and folded column notes, the home page's search box."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from archive import Archive, Snapshot
from crawler.datasette_plugin import search_queries
from crawler.datasette_plugin.metadata import metadata_for
from crawler.datasette_plugin.search_page import fts_query, marked
from tests.datasette_client import content, get
from tests.datasette_sample import Sample, add_hostile, build
from tests.page_sample import add_pages


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    sample = build(tmp_path_factory.mktemp("search") / "archive.db")
    add_hostile(sample.path)
    add_pages(sample.path)
    return sample


@pytest.fixture(scope="module")
def ds(sample: Sample) -> Datasette:
    return Datasette([str(sample.path)], metadata=metadata_for("archive"))


def search(ds: Datasette, **args: str) -> str:
    response = get(ds, f"/-/jobarchive/search?{httpx.QueryParams(args)}")
    assert response.status_code == 200, response.text
    return content(response.text)


RESULT = re.compile(r'class="ja-result-title" href="/-/jobarchive/posting/(\d+)"')


def found(page: str) -> list[int]:
    """The ids of the postings a search page lists, in its order."""
    return [int(n) for n in RESULT.findall(page)]


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("nutrition officer", '"nutrition" "officer"'),
        ("protec*", '"protec"*'),
        ('"exact phrase"', '"exact phrase"'),
        ('"exact phrase"*', '"exact phrase"*'),
        ('"unbalanced', '"unbalanced"'),
        ('x"y', '"x" "y"'),
        ("refugees OR drive", '"refugees" OR "drive"'),
        ("OR refugees OR OR drive OR", '"refugees" OR "drive"'),
        ("or", '"or"'),  # only capital OR is the operator, as in FTS5
        ("P-3*", '"P-3"*'),
        ("-* ** *", '"-"'),  # no prefix of punctuation, which would match every word
        ('""', ""),
        ("   ", ""),
        ("NEAR(a b)", '"NEAR(a" "b)"'),  # other FTS5 syntax is words
    ],
)
def test_what_is_typed_becomes_a_safe_fts5_query(typed: str, query: str) -> None:
    assert fts_query(typed) == query


@pytest.mark.parametrize(
    "typed",
    ['"', "'", "*", "(", ")", "a:b", "title:x", "^x", "a AND", "NOT a", "a + b", '"a" "', "\\",
     "a*b*", '"*"', "x" * 300, "ü*", "OR OR", "(a OR b", "{title}: x", "-x", "x -y"],
)  # fmt: skip
def test_no_query_is_an_fts5_syntax_error(typed: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, text)")
    conn.execute("INSERT INTO t VALUES ('a b', 'x y')")
    if query := fts_query(typed):
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_highlights_are_marks_and_the_rest_is_escaped() -> None:
    assert marked("a \x02<b>\x03 c") == "a <mark>&lt;b&gt;</mark> c"
    # marks that do not pair up never leave a tag open
    assert marked("\x03x \x02y") == "x <mark>y</mark>"


def test_ranked_by_relevance_title_first(ds: Datasette) -> None:
    page = search(ds, q="protection")
    # in the title of 2 and 9, only in the text of 11
    ids = found(page)
    assert set(ids[:2]) == {2, 9} and ids[2:] == [11]
    assert "3 postings, best match first." in re.sub(r"\s+", " ", page)


def test_prefix_search_in_the_default_mode(ds: Datasette) -> None:
    assert sorted(found(search(ds, q="protec*"))) == [2, 9, 11]
    assert found(search(ds, q="protec")) == []  # a word is a whole word


def test_phrases(ds: Datasette) -> None:
    assert found(search(ds, q='"child protection"')) == [11]
    assert found(search(ds, q='"protection child"')) == []
    assert found(search(ds, q='"child protection')) == [11]  # the quote closed for you


def test_or_finds_either(ds: Datasette) -> None:
    assert sorted(found(search(ds, q="nutrition OR epidemiologist"))) == [1, 4]


def test_accents_are_folded(ds: Datasette) -> None:
    assert found(search(ds, q="geneve associate")) == [2]


def test_snippet_highlights_the_words_found_and_escapes_the_text(ds: Datasette) -> None:
    page = search(ds, q="refugees")
    assert "Protect <mark>refugees</mark> in Geneva." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


def test_title_highlighted_and_hostile_title_escaped(ds: Datasette) -> None:
    page = search(ds, q="officer")
    assert "<mark>Officer</mark> &lt;img src=x onerror=" in page
    assert "<img" not in page and "<b>Bold" not in page
    assert "Senior Protection <mark>Officer</mark>" in page


def test_snippet_drops_markdown_marks(ds: Datasette) -> None:
    page = search(ds, q="determination")
    snippet = page.split('<p class="ja-snippet">', 1)[1].split("</p>", 1)[0]
    assert "refugee status <mark>determination</mark>" in snippet
    assert "**" not in snippet and "## " not in snippet and "](" not in snippet


def test_result_shows_what_people_scan(ds: Datasette, sample: Sample) -> None:
    page = search(ds, q="epidemiologist")
    assert found(page) == [4]
    for fact in ("WHO", "Geneva, Switzerland", "P-4", f"closes {sample.day(20)}", "who:4004"):
        assert fact in page, fact
    assert '<span class="ja-badge ja-badge-removed">removed</span>' in page


def test_filter_by_status(ds: Datasette) -> None:
    page = search(ds, q="officer OR epidemiologist")
    link = "/-/jobarchive/search?q=officer+OR+epidemiologist&amp;status=removed"
    assert f'<a href="{link}">removed 1</a>' in page
    assert found(search(ds, q="officer OR epidemiologist", status="removed")) == [4]
    page = search(ds, q="epidemiologist", status="closed")
    assert found(page) == [] and "No closed posting matches." in page


def test_links_to_the_same_search_in_the_postings_table(ds: Datasette) -> None:
    page = search(ds, q="protec*")
    assert '<a href="/archive/postings?_search=protec%2A">in the postings table</a>' in page


@pytest.mark.parametrize("typed", ['"', "OR", "*", "((", "a AND", ""])
def test_odd_input_is_no_error(ds: Datasette, typed: str) -> None:
    page = search(ds, q=typed)
    assert 'name="q"' in page and "ja-error" not in page


def test_empty_search_shows_the_form(ds: Datasette) -> None:
    page = search(ds)
    assert "autofocus" in page and "ja-result" not in page


def test_pages_of_results(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    with Archive(path) as archive:
        for n in range(25):
            archive.store(Snapshot("s", str(n), f"https://x.org/{n}", title=f"Nurse {n}"))
    ds = Datasette([str(path)], metadata=metadata_for("many"))
    first = search(ds, q="nurse")
    assert len(found(first)) == 20
    assert '<a href="/-/jobarchive/search?q=nurse&amp;page=2" rel="next">' in first
    second = search(ds, q="nurse", page="2")
    assert len(found(second)) == 5 and 'rel="prev"' in second and 'rel="next"' not in second
    assert '<ol class="ja-results" start="21">' in second
    assert set(found(first)).isdisjoint(found(second))
    assert len(found(search(ds, q="nurse", page="x"))) == 20  # a bad page number is page 1


def said(page: str) -> str:
    """The page's sentences of what was found, its statuses and bounds, in one line."""
    found_at = page.index('<p class="ja-found">')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page[found_at : page.index("<ol")]))


def facet(page: str, name: str) -> str:
    return page.split(f"<dt>{name}</dt>", 1)[1].split("</dd>", 1)[0]


def test_facets_of_the_matches_narrow_the_search(ds: Datasette) -> None:
    page = search(ds, q="officer OR epidemiologist")
    assert len(found(page)) == 7
    link = "/-/jobarchive/search?q=officer+OR+epidemiologist&amp;organization=WHO"
    assert f'<a href="{link}">WHO 2</a>' in facet(page, "organization")
    assert ">Switzerland 2</a>" in facet(page, "country")
    assert "&lt;b&gt;Bold Org&lt;/b&gt; 1</a>" in facet(page, "organization")  # escaped
    narrowed = search(ds, q="officer OR epidemiologist", organization="WHO")
    assert sorted(found(narrowed)) == [4, 7]
    # the counts by status are of the narrowed search, and the facet can be taken off
    assert "all 2 · open 1 · removed 1" in said(narrowed)
    assert "<strong>WHO</strong>" in facet(narrowed, "organization")
    any_org = '<a href="/-/jobarchive/search?q=officer+OR+epidemiologist">any organization</a>'
    assert any_org in facet(narrowed, "organization")
    # the status and the facet together, kept by the table's link and by the search box
    both = search(ds, q="officer OR epidemiologist", organization="WHO", status="removed")
    assert found(both) == [4] and "1 posting removed, best match first." in said(both)
    table = "/archive/postings?_search=officer+OR+epidemiologist"
    table += "&amp;status=removed&amp;organization=WHO"
    assert f'<a href="{table}">in the postings table</a>' in both
    assert '<input type="hidden" name="organization" value="WHO">' in both
    assert "ja-bound" not in both  # nothing left unread


def test_a_facet_of_one_value_offers_no_choice(ds: Datasette) -> None:
    page = search(ds, q="epidemiologist")
    assert "<dt>organization</dt>" not in page and "ja-facets" not in page


@pytest.fixture
def crowded(tmp_path: Path) -> Datasette:
    """25 nurses: 1-20 open, 21-25 closed; grade P-3 but every fourth P-2; 3 the best match."""
    path = tmp_path / "crowded.db"
    with Archive(path) as archive:
        for n in range(1, 26):
            archive.store(
                Snapshot(
                    "s", str(n), f"https://x.org/{n}",
                    title="Nurse nurse nurse" if n in (3, 24) else f"Nurse {n}",
                    grade="P-2" if n % 4 == 0 else "P-3",
                    status="closed" if n > 20 else "open",
                )
            )  # fmt: skip
    return Datasette([str(path)], metadata=metadata_for("crowded"))


def test_more_matches_than_it_ranks_ranks_the_newest(
    crowded: Datasette, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_queries, "RANKED", 10)
    page = search(crowded, q="nurse")
    ids = found(page)
    # 3 would be first of all 25, but only the 10 newest are read; of them 24 is first
    assert ids[0] == 24 and sorted(ids) == list(range(16, 26))
    text = said(page)
    # the number of matches stays exact; the statuses are counted among the 10 newest
    assert "25 postings; the 10 newest ranked, best match first." in text
    assert "all 25 · open 5+ · closed 5+" in text
    assert "the 10 newest are ranked, and the facets are of them." in text
    assert "The counts by status are of the 10 newest matches (n+: at least n)." in text
    # 16, 20 and 24 are P-2 among 16-25
    assert ">P-3 7</a>" in facet(page, "grade") and ">P-2 3</a>" in facet(page, "grade")
    assert 'rel="next"' not in page


def test_a_filter_on_a_bounded_search_says_at_least(
    crowded: Datasette, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_queries, "RANKED", 10)
    page = search(crowded, q="nurse", status="open")
    assert sorted(found(page)) == list(range(11, 21))  # the 10 newest open ones
    assert "10+ postings open; the 10 newest ranked" in said(page)
    assert "all 25 · open 5+ · closed 5+" in said(page)  # the newest 10 of any status
    page = search(crowded, q="nurse", grade="P-3")
    assert len(found(page)) == 10 and "all 10+" in said(page)
    page = search(crowded, q="nurse", grade="P-2")  # 6 of them: all read, counted exactly
    assert sorted(found(page)) == [4, 8, 12, 16, 20, 24]
    assert "6 postings, best match first." in said(page) and "ja-bound" not in page
    assert "all 6 · open 5 · closed 1" in said(page)


def test_pages_stop_at_the_matches_ranked(
    crowded: Datasette, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_queries, "RANKED", 22)
    first = search(crowded, q="nurse")
    assert len(found(first)) == 20 and 'rel="next"' in first
    assert "25 postings; the 22 newest ranked, best match first: 1–20." in said(first)
    second = search(crowded, q="nurse", page="2")
    assert len(found(second)) == 2 and "21–22" in said(second)
    assert 'rel="next"' not in second
    assert set(found(first)) | set(found(second)) == set(range(4, 26))


def test_as_many_matches_as_it_ranks_is_no_bound(
    crowded: Datasette, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_queries, "RANKED", 25)
    page = search(crowded, q="nurse")
    assert "25 postings, best match first: 1–20." in said(page)
    assert "all 25 · open 20 · closed 5" in said(page) and "ja-bound" not in page


def test_search_obeys_permissions(sample: Sample) -> None:
    metadata = metadata_for("archive")
    metadata["allow"] = {"id": "someone"}
    ds = Datasette([str(sample.path)], metadata=metadata)
    assert get(ds, "/-/jobarchive/search?q=nurse").status_code == 403


def test_no_archive_says_so(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    response = get(Datasette([str(other)]), "/-/jobarchive/search?q=x")
    assert response.status_code == 404
    assert "No database here has a postings table" in response.text


def rows(ds: Datasette, path: str) -> list[dict[str, Any]]:
    response = get(ds, path + "&_shape=array")
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()
    return result


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        ("protec*", [2, 9, 11]),
        ('"child protection"', [11]),
        ("refugees OR drive", [2, 5, 9, 11]),
        ('"unbalanced', []),
        ("OR", []),
    ],
)
def test_postings_table_search_box_knows_prefixes_phrases_and_or(
    ds: Datasette, words: str, ids: list[int]
) -> None:
    params = httpx.QueryParams({"_search": words, "_col": "title", "_sort": "id"})
    assert [r["id"] for r in rows(ds, f"/archive/postings.json?{params}")] == ids


def test_open_postings_search_box_too(ds: Datasette) -> None:
    assert [r["id"] for r in rows(ds, "/archive/open_postings.json?_search=protec*")] == [2, 9, 11]


def test_table_search_links_to_the_ranked_search(ds: Datasette) -> None:
    page = content(get(ds, "/archive/postings?_search=protec*").text)
    link = '<a href="/-/jobarchive/search?q=protec%2A">The same search ranked by relevance</a>'
    assert link in page
    assert "ranked by relevance" not in content(get(ds, "/archive/postings").text)


def test_postings_table_shows_the_columns_people_scan_first(ds: Datasette) -> None:
    html = get(ds, "/archive/postings").text
    header = re.findall(r'<th [^>]*data-column="(\w+)"', html)
    assert header[:7] == [
        "id", "title", "organization", "location", "grade", "closing_date", "status"
    ]  # fmt: skip
    assert len(header) == 20
    first_row = html.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="col-(\w+)', first_row) == header
    # the labels of the narrow-screen layout follow the same order
    assert '.rows-and-columns td:nth-of-type(2):before { content: "title"; }' in html


def test_columns_picked_by_hand_keep_their_order(ds: Datasette) -> None:
    html = get(ds, "/archive/postings?_col=source&_col=title").text
    assert re.findall(r'<th [^>]*data-column="(\w+)"', html) == ["id", "source", "title"]


def test_json_keeps_the_table_order(ds: Datasette) -> None:
    data = get(ds, "/archive/postings.json?_size=1").json()
    assert data["columns"][:4] == ["id", "source", "source_key", "url"]


@pytest.mark.parametrize("table", ["postings", "versions", "open_postings"])
def test_column_notes_fold_behind_a_link(ds: Datasette, table: str) -> None:
    page = content(get(ds, f"/archive/{table}").text)
    assert page.count('<dl class="column-descriptions">') == 1
    notes = page.split('<details class="ja-column-notes">', 1)[1].split("</details>", 1)[0]
    assert "<summary>What the " in notes and '<dl class="column-descriptions">' in notes
    # folded above the search box, the rows come right after
    assert page.index("ja-column-notes") < page.index('<form class="filters"')


def test_column_notes_say_what_each_column_holds(ds: Datasette) -> None:
    page = content(get(ds, "/archive/postings").text)
    assert "<summary>What the 20 columns hold</summary>" in page
    assert "<dt>closing_date</dt><dd>Application deadline (YYYY-MM-DD)" in page


def test_home_page_has_a_search_box(ds: Datasette) -> None:
    html = get(ds, "/").text
    form = html.split('<form class="ja-home-search"', 1)[1].split("</form>", 1)[0]
    assert 'action="-/jobarchive/search"' in form and 'name="q"' in form


def test_datasettes_escape_fts_is_ours(ds: Datasette) -> None:
    sql = "select escape_fts('protec* OR \"a b')"
    data = get(ds, f"/archive.json?{httpx.QueryParams({'sql': sql, '_shape': 'array'})}").json()
    assert list(data[0].values()) == ['"protec"* OR "a b"']
