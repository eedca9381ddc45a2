"""Search in a real headless Chromium, served by `jobarchive serve`: typing into the home
page's search box, the ranked results with their highlighted snippets, its facets, and the
postings table with its columns people scan first and its column notes folded.

Skipped without Chromium, except in CI (CI set), where .ci/run installs it.
Set JOBARCHIVE_SCREENSHOTS=docs to refresh docs/search-page.png and docs/home-search.png.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Browser, need_chromium, screenshot_target, serve
from tests.datasette_sample import add_hostile, build
from tests.page_sample import add_pages

need_chromium(module=True)

TITLES = "[...document.querySelectorAll('.ja-result-title')].map(a => a.textContent)"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("search-browser") / "archive.db"
    build(path)
    add_hostile(path)
    add_pages(path)
    with serve(path) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser(width=1000, height=760) as browser:
        yield browser


def keep(shot: Path, name: str) -> None:
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if target := screenshot_target(name):
        shutil.copyfile(shot, target)


def test_typing_into_the_home_page_search_box(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    browser.open(f"{server}/")
    browser.click("form.ja-home-search input[name=q]")
    browser.type("protec*")
    browser.screenshot(tmp_path / "home-search.png")
    browser.press_enter()
    browser.wait_for("location.pathname === '/-/jobarchive/search'")
    browser.wait_for("document.readyState === 'complete' && !!document.querySelector('h1')")
    assert browser.evaluate("location.search") == "?q=protec*"
    # the two with the word in their title first, the one with it only in its text last
    titles = browser.evaluate(TITLES)
    assert sorted(titles[:2]) == ["Protection Associate", "Senior Protection Officer"]
    assert titles[2:] == ["Driver"]
    assert browser.evaluate("document.querySelector('input[name=q]').value") == "protec*"
    keep(tmp_path / "home-search.png", "home-search.png")


def test_ranked_results_with_highlighted_snippets(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    browser.open(f"{server}/-/jobarchive/search?q=protection%20OR%20refugees")
    marks = browser.evaluate(
        "[...document.querySelectorAll('.ja-results mark')].map(m => m.textContent.toLowerCase())"
    )
    assert marks and set(marks) <= {"protection", "refugees"}
    snippets = browser.evaluate(
        "[...document.querySelectorAll('.ja-snippet')].map(p => p.textContent)"
    )
    assert "Protect refugees in Geneva. <script>alert(1)</script>" in [
        " ".join(s.split()) for s in snippets
    ]
    # what the postings carried is text: no element of theirs is on the page
    elements = "document.querySelectorAll('.ja-results script, .ja-results img').length"
    assert browser.evaluate(elements) == 0
    assert browser.evaluate("document.body.dataset.pwned") is None
    # the snippet shows text, not markdown
    assert not any("**" in s or "## " in s for s in snippets)
    browser.screenshot(tmp_path / "search-page.png")
    keep(tmp_path / "search-page.png", "search-page.png")


def test_a_result_leads_to_its_posting_page(server: str, browser: Browser) -> None:
    browser.open(f"{server}/-/jobarchive/search?q=%22child%20protection%22")
    assert browser.evaluate(TITLES) == ["Driver"]
    browser.click(".ja-result-title")
    browser.wait_for("location.pathname === '/-/jobarchive/posting/11'")
    browser.wait_for("document.readyState === 'complete' && !!document.querySelector('h1')")
    assert browser.evaluate("document.querySelector('h1').textContent") == "Driver"


def test_a_facet_narrows_the_search_and_comes_off_again(server: str, browser: Browser) -> None:
    browser.open(f"{server}/-/jobarchive/search?q=officer%20OR%20epidemiologist")
    assert len(browser.evaluate(TITLES)) == 7
    loaded = "document.readyState === 'complete' && !!document.querySelector('h1')"
    browser.click(".ja-facets a[href$='organization=WHO']")
    browser.wait_for("location.search.includes('organization=WHO')")
    browser.wait_for(loaded)
    assert sorted(browser.evaluate(TITLES)) == ["Epidemiologist", "Health Officer"]
    assert browser.evaluate("document.querySelector('.ja-facets strong').textContent") == "WHO"
    # a new search keeps the facet chosen
    browser.click("input[name=q]")
    browser.evaluate("document.querySelector('input[name=q]').value = ''")
    browser.type("epidemiologist")
    browser.press_enter()
    browser.wait_for("location.search.startsWith('?organization=WHO&q=epidemiologist')")
    browser.wait_for(loaded)
    assert browser.evaluate(TITLES) == ["Epidemiologist"]
    browser.click(".ja-facets a")  # any organization
    browser.wait_for("!location.search.includes('organization')")
    browser.wait_for(loaded)
    assert browser.evaluate("location.search") == "?q=epidemiologist"


def test_hostile_results_run_nothing(server: str, browser: Browser) -> None:
    browser.open(f"{server}/-/jobarchive/search?q=officer")
    titles = browser.evaluate(TITLES)
    assert "Officer <img src=x onerror=\"document.body.dataset.pwned='title'\">" in titles
    assert browser.evaluate("document.body.dataset.pwned") is None


SEARCH_BOX_TOP = "document.querySelector('#_search').getBoundingClientRect().top"
NOTES = "document.querySelector('dl.column-descriptions')"


def test_postings_table_columns_people_scan_come_first(server: str, browser: Browser) -> None:
    browser.open(f"{server}/archive/postings")
    header = browser.evaluate(
        "[...document.querySelectorAll('table.rows-and-columns th')].map(th => th.dataset.column)"
    )
    assert header[:7] == [
        "id", "title", "organization", "location", "grade", "closing_date", "status"
    ]  # fmt: skip
    cells = browser.evaluate(
        "[...document.querySelectorAll('table.rows-and-columns tbody tr:first-child td')]"
        ".map(td => td.className.split(' ')[0])"
    )
    assert cells == [f"col-{name}" for name in header]


def test_column_notes_are_folded_behind_a_link(server: str, browser: Browser) -> None:
    browser.open(f"{server}/archive/postings")
    assert browser.evaluate(f"{NOTES}.checkVisibility()") is False
    folded_top = browser.evaluate(SEARCH_BOX_TOP)
    assert folded_top < 380  # the search box in the first half of the first screen
    browser.click("details.ja-column-notes summary")
    assert browser.wait_for(f"{NOTES}.checkVisibility()") is True
    assert "Application deadline" in browser.evaluate(f"{NOTES}.innerText")
    # unfolded, the notes take the room they took before
    assert browser.evaluate(SEARCH_BOX_TOP) > folded_top + 100


def test_postings_table_search_box_finds_prefixes(server: str, browser: Browser) -> None:
    browser.open(f"{server}/archive/postings")
    browser.click("#_search")
    browser.type('protec* -"nothing"')
    browser.press_enter()
    browser.wait_for("location.search.includes('_search=')")
    browser.wait_for("document.readyState === 'complete' && !!document.querySelector('h3')")
    # every word must appear: "-" and "nothing" are words, so nothing matches
    assert browser.evaluate("document.querySelector('p.zero-results') !== null")
    browser.open(f"{server}/archive/postings?_search=protec*")
    titles = browser.evaluate(
        "[...document.querySelectorAll('td.col-title a')].map(a => a.textContent)"
    )
    assert sorted(titles) == ["Driver", "Protection Associate", "Senior Protection Officer"]
    assert browser.evaluate("document.querySelector('p.ja-ranked a').getAttribute('href')") == (
        "/-/jobarchive/search?q=protec%2A"
    )
