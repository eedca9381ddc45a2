"""The posting page and its raw pages: in-process for what they contain, in a real
headless Chromium for what a person sees and what the browser runs.

Set JOBARCHIVE_SCREENSHOTS=docs to refresh docs/posting-page.png.
"""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from datasette.app import Datasette

from archive import Archive
from archive.bodies import get_body
from crawler.datasette_plugin.metadata import metadata_for
from crawler.datasette_plugin.posting_page import served_type, text_html
from tests.browser import Browser, dump_dom, need_chromium, screenshot_target, serve
from tests.datasette_client import content, get
from tests.datasette_sample import Sample, add_hostile, build
from tests.page_sample import PROTECTION, add_pages, raw_html


class Tracker(http.server.ThreadingHTTPServer):
    """A local site that serves unhcr:JR3001's page as the site did, and counts every
    request for anything that page names (its stylesheet, image, form)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        super().__init__(("127.0.0.1", 0), _TrackerHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _TrackerHandler(http.server.BaseHTTPRequestHandler):
    server: Tracker

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/page.html":
            body = raw_html("2031-01-01", self.server.url)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            self.server.requests.append(self.path)
            body = b""
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tracker() -> Iterator[Tracker]:
    server = Tracker()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, tracker: Tracker) -> Sample:
    sample = build(tmp_path_factory.mktemp("posting") / "archive.db")
    add_hostile(sample.path)
    add_pages(sample.path, tracker=tracker.url)
    return sample


@pytest.fixture(scope="module")
def ds(sample: Sample) -> Datasette:
    return Datasette([str(sample.path)], metadata=metadata_for("archive"))


def page(ds: Datasette, ref: str) -> str:
    response = get(ds, f"/-/jobarchive/posting/{ref}")
    assert response.status_code == 200, response.text
    return content(response.text)


def flat(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def test_top_of_the_page_says_what_the_posting_is(ds: Datasette, sample: Sample) -> None:
    top = flat(page(ds, PROTECTION).split("<h2>Text</h2>", 1)[0])
    assert "<h1>Senior Protection Officer</h1>" in top
    for term, value in [
        ("Organization", "UNHCR"),
        ("Duty station", "Cox&#39;s Bazar, Bangladesh"),
        ("Grade", "P-4"),
        ("Closing date", f"{sample.day(19)} (in 19 days)"),
        ("Posted", sample.day(-7)),
        ("Contract", "Fixed-term"),
        ("Job number", "JR3001"),
        ("Categories", "Protection"),
    ]:
        assert f"<dt>{term}</dt><dd>{value}</dd>" in top, term
    assert '<span class="ja-badge ja-badge-open">open</span>' in top
    assert (
        '<a href="https://unhcr.wd3.myworkdayjobs.com/External/job/Dhaka/JR3001" '
        'rel="noopener noreferrer nofollow">on the site</a>'
    ) in top
    assert "<dt>hardship</dt><dd>D</dd>" in top  # the source's own fields, folded


def test_text_is_formatted(ds: Datasette) -> None:
    text = page(ds, PROTECTION).split('<div class="ja-posting-text">', 1)[1].split("</div>")[0]
    assert "<h3>Senior Protection Officer</h3>" in text  # under the page's h1 and h2s
    assert "<h4>Duties</h4>" in text
    assert "<strong>international action</strong>" in text
    assert "<li>Lead the protection team in Cox's Bazar.</li>" in text
    assert "<em>refugee status determination</em>" in text
    assert (
        '<a href="https://www.unhcr.org/about" rel="nofollow noopener noreferrer">'
        "Representative</a>"
    ) in text


def test_markup_in_the_text_stays_text(ds: Datasette) -> None:
    text = page(ds, PROTECTION).split('<div class="ja-posting-text">', 1)[1].split("</div>")[0]
    assert "&lt;b&gt;not bold&lt;/b&gt; &lt;script&gt;document.body.dataset.pwned" in text
    assert "<script" not in text and "<b>" not in text
    # a javascript: link is no link; an image is a link to it, never loaded
    assert "[bad link](javascript:" in text and 'href="javascript' not in text
    assert "<img" not in text
    image = '<a href="http://127.0.0.1:9/t.png" rel="nofollow noopener noreferrer">a tracker</a>'
    assert image in text


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("[x](/jobs/1)", "<p>[x](/jobs/1)</p>"),  # relative to the site, not to the archive
        ("[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>"),
        ("<mailto:hr@example.org>", '<a href="mailto:hr@example.org" rel='),
        ("# Title", "<h3>Title</h3>"),
        ("###### Deep", "<h6>Deep</h6>"),
        ("a\nb", "<p>a<br />\nb</p>"),  # lines stay lines, as the site showed them
        ("| a | b |\n| - | - |\n| 1 | 2 |", "<td>1</td>"),
        ('<a href="x" onclick="y">', "<p>&lt;a href=&quot;x&quot; onclick=&quot;y&quot;&gt;</p>"),
    ],
)
def test_markdown_rendering(markdown: str, html: str) -> None:
    assert html in text_html(markdown)


TIMELINE_ENTRY = re.compile(
    r'<li class="ja-event ja-event-(\w+)" id="(event-\d+)">'
    r'(?:<span class="ja-anchor" id="(version-\d+)"></span>)?(.*?)</li>'
)


def test_timeline_has_every_event_with_fields_and_diffs(ds: Datasette, sample: Sample) -> None:
    timeline = flat(page(ds, "unicef:1001").split('<ol class="ja-timeline">', 1)[1])
    entries = TIMELINE_ENTRY.findall(timeline.split("</ol>", 1)[0])
    with Archive(sample.path) as archive:
        sql = "SELECT id FROM events WHERE posting_id = 1 ORDER BY id"
        ids = [f"event-{n}" for (n,) in archive.conn.execute(sql)]
    assert [entry[:3] for entry in entries] == [
        ("new", ids[0], "version-1"),
        ("changed", ids[1], "version-2"),
    ]
    assert "<strong>First seen</strong>: version 1" in entries[0][3]
    assert "<strong>Changed</strong>: grade, closing date, text (version 2)" in entries[1][3]
    assert '<a href="/-/jobarchive/diff/1?to=2">diff</a>' in entries[1][3]


def test_removed_posting(ds: Datasette, sample: Sample) -> None:
    html = flat(page(ds, "who:4004"))
    assert '<span class="ja-badge ja-badge-removed">removed</span>' in html
    assert "Removed: gone from the site's complete listing since " in html
    assert f"<dt>Closing date</dt><dd>{sample.day(20)}</dd>" in html  # no countdown: removed
    assert "<strong>Removed</strong>: gone from the site&#39;s complete listing" in html
    assert "No page of this posting was stored." in html


def test_posting_with_one_version(ds: Datasette) -> None:
    html = flat(page(ds, "unhcr:2002"))
    assert "latest change" not in html and "/-/jobarchive/diff/" not in html
    assert ">1 version</a>" in html
    assert html.count('class="ja-event ') == 1


def test_reopened_posting(tmp_path: Path) -> None:
    from archive import Snapshot

    path = tmp_path / "reopened.db"
    with Archive(path) as archive:
        for listed in (["1", "2"], ["2"], ["1", "2"]):  # 1 gone from the listing, then back
            run = archive.start_run("s")
            for key in listed:
                archive.store(Snapshot("s", key, f"https://x.org/{key}", title="Nurse"), run)
            archive.finish_run(run, listed_keys=listed, listing_complete=True)
    html = flat(page(Datasette([str(path)]), "s:1"))
    kinds = re.findall(r'class="ja-event ja-event-(\w+)"', html)
    assert kinds == ["new", "removed", "reopened"]
    assert "<strong>Reopened</strong>: listed by the site again" in html
    assert '<span class="ja-badge ja-badge-open">open</span>' in html


def test_stored_pages_are_listed_with_links(ds: Datasette) -> None:
    html = flat(page(ds, PROTECTION))
    pages = html.split('<table class="ja-pages">', 1)[1].split("</table>", 1)[0]
    assert pages.count("<tr>") == 3  # a header and two versions
    assert '<a href="/-/jobarchive/raw/9/1" rel="nofollow">view</a>' in pages
    assert '<a href="/-/jobarchive/raw/9/2?as=text" rel="nofollow">source</a>' in pages
    assert '<td title="text/html; charset=utf-8">text/html</td>' in pages


@pytest.mark.parametrize("ref", ["9", PROTECTION, "unhcr:JR3001"])
def test_found_by_id_or_source_key(ds: Datasette, ref: str) -> None:
    assert "<h1>Senior Protection Officer</h1>" in page(ds, ref)


def test_hostile_posting_cannot_inject_markup(ds: Datasette) -> None:
    html = page(ds, "evil:1")
    for tag in ("<img", "<b>", "<h1>Injected", "<script"):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=" in html and "&lt;b&gt;Bold Org&lt;/b&gt;" in html
    assert "javascript:" not in html  # not a link, and not shown as one


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/-/jobarchive/posting/999", 404, "No posting matches &#39;999&#39;"),
        ("/-/jobarchive/posting/1?db=other", 404, "No database named &#39;other&#39;"),
        ("/-/jobarchive/raw/999/1", 404, "No posting matches &#39;999&#39;"),
        ("/-/jobarchive/raw/9/7", 404, "unhcr:JR3001 has no version 7; it has versions 1, 2."),
        ("/-/jobarchive/raw/1/1", 404, "The page of unicef:1001 version 1 was not stored."),
    ],
)
def test_errors_say_what_is_wrong(ds: Datasette, path: str, status: int, message: str) -> None:
    response = get(ds, path)
    assert response.status_code == status
    assert message in response.text


def test_permissions_are_checked(sample: Sample) -> None:
    metadata = metadata_for("archive")
    metadata["allow"] = {"id": "someone"}
    ds = Datasette([str(sample.path)], metadata=metadata)
    assert get(ds, "/-/jobarchive/posting/9").status_code == 403
    assert get(ds, "/-/jobarchive/raw/9/1").status_code == 403


def test_raw_html_page_is_served_sandboxed(ds: Datasette, sample: Sample) -> None:
    response = get(ds, "/-/jobarchive/raw/9/2")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    csp = [d.strip() for d in response.headers["content-security-policy"].split(";")]
    assert "sandbox" in csp and "default-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    # the bytes the site sent, as they were
    with Archive(sample.path) as archive:
        digest = archive.conn.execute(
            "SELECT body_hash FROM versions WHERE posting_id = 9 AND version = 2"
        ).fetchone()[0]
        assert response.content == get_body(archive.conn, digest)


@pytest.mark.parametrize(
    ("path", "content_type", "disposition"),
    [
        (
            "9/1?as=text",
            "text/plain; charset=utf-8",
            'inline; filename="unhcr_JR3001-v1.txt"',
        ),
        (
            "10/1",
            "text/plain; charset=utf-8",
            'inline; filename="uncareers_777-v1.txt"',
        ),
        (
            "11/1",
            "application/octet-stream",
            'attachment; filename="undp_55-v1.bin"',
        ),
    ],
)
def test_other_raw_pages_are_text_or_a_download(
    ds: Datasette, path: str, content_type: str, disposition: str
) -> None:
    response = get(ds, f"/-/jobarchive/raw/{path}")
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.headers["content-disposition"] == disposition
    assert "sandbox" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("stored", "encoding", "as_text", "served"),
    [
        ("text/html; charset=utf-8", None, False, "text/html; charset=utf-8"),
        ("text/html", "windows-1252", False, "text/html; charset=windows-1252"),
        ("text/html", None, False, "text/html"),  # the page's own <meta charset> decides
        ("TEXT/HTML; Charset=ISO-8859-1", None, False, "text/html; charset=ISO-8859-1"),
        ("application/xhtml+xml", None, False, "text/html"),
        ("text/html", None, True, "text/plain; charset=utf-8"),
        ("application/json", None, False, "text/plain; charset=utf-8"),
        ("application/ld+json", "utf-8", False, "text/plain; charset=utf-8"),
        ("image/svg+xml", None, False, "application/octet-stream"),  # SVG can hold script
        ("text/xml", None, False, "text/plain; charset=utf-8"),
        ("application/pdf", None, False, "application/octet-stream"),
        (None, None, False, "application/octet-stream"),
        ("text/html", "no-such-codec\r\nX-Evil: 1", False, "text/html"),
    ],
)
def test_served_type(stored: str | None, encoding: str | None, as_text: bool, served: str) -> None:
    assert served_type(stored, encoding, as_text) == served


@pytest.mark.parametrize(
    ("path", "posting", "text"),
    [
        ("/archive/postings", "9", "Senior Protection Officer"),
        ("/archive/postings/9", "9", "Senior Protection Officer"),
        ("/archive/open_postings", "7", "Health Officer"),
        ("/archive/new_this_week", "2", "Protection Associate"),
        ("/archive/removed_postings", "4", "Epidemiologist"),
        ("/archive/changes", "6", "Supply Chain Officer"),
        ("/archive/deadline_extensions", "1", "Nutrition Officer"),
        ("/archive/closing_soon?days=14", "1", "Nutrition Officer"),
        ("/archive/recent_changes", "9", "Senior Protection Officer"),
        ("/archive/posting_history?posting=9", "9", "Senior Protection Officer"),
        ("/archive/versions", "1#version-2", "Nutrition Officer"),
        ("/-/jobarchive/search?q=protection", "2", "<mark>Protection</mark> Associate"),
        ("/-/jobarchive/diff/1", "1", "posting page"),
    ],
)
def test_every_list_of_postings_links_to_the_posting_page(
    ds: Datasette, path: str, posting: str, text: str
) -> None:
    response = get(ds, path)
    assert response.status_code == 200, response.text
    assert f'href="/-/jobarchive/posting/{posting}">{text}</a>' in response.text


def test_hostile_title_link_is_escaped(ds: Datasette) -> None:
    html = get(ds, "/archive/postings?source=evil").text
    assert '<a href="/-/jobarchive/posting/8">Officer &lt;img src=x onerror=' in html


# In a real browser


@pytest.fixture(scope="module")
def server(sample: Sample) -> Iterator[str]:
    need_chromium()
    with serve(sample.path) as base:
        yield base


def test_posting_page_in_chromium(server: str, tmp_path: Path) -> None:
    with Browser(width=1000, height=900) as browser:
        browser.open(f"{server}/-/jobarchive/posting/{PROTECTION}")
        assert browser.evaluate("document.querySelector('h1').textContent") == (
            "Senior Protection Officer"
        )
        items = browser.evaluate(
            "[...document.querySelectorAll('.ja-posting-text li')].map(li => li.textContent)"
        )
        assert items == [
            "Lead the protection team in Cox's Bazar.",
            "Advise on refugee status determination.",
            "Report to the Representative.",
        ]
        events = browser.evaluate(
            "[...document.querySelectorAll('.ja-timeline li strong')].map(e => e.textContent)"
        )
        assert events == ["First seen", "Changed"]
        # nothing the posting carried ran
        assert browser.evaluate("document.body.dataset.pwned") is None
        assert browser.evaluate("document.querySelectorAll('.ja-posting-text script').length") == 0
        shot = tmp_path / "posting-page.png"
        browser.screenshot(shot, full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if target := screenshot_target("posting-page.png"):
        shutil.copyfile(shot, target)


def test_diff_link_leads_from_the_timeline_to_the_diff(server: str) -> None:
    with Browser() as browser:
        browser.open(f"{server}/-/jobarchive/posting/1")
        browser.click(".ja-event-changed a")
        browser.wait_for("location.pathname === '/-/jobarchive/diff/1'")
        browser.wait_for("document.readyState === 'complete'")
        inserted = browser.evaluate(
            "[...document.querySelectorAll('.ja-text ins')].map(e => e.textContent)"
        )
        assert "and French " in inserted


def test_hostile_posting_page_runs_nothing(server: str) -> None:
    dom = dump_dom(f"{server}/-/jobarchive/posting/evil:1")
    assert "<h1>Officer &lt;img src=x onerror=" in dom
    assert "data-pwned" not in dom


def test_planted_script_of_a_raw_page_does_not_run(server: str, tracker: Tracker) -> None:
    # Served by the site itself, the page runs its script and fetches what it names:
    # the check below would see it.
    tracker.requests.clear()
    direct = dump_dom(f"{tracker.url}/page.html")
    assert 'data-pwned="' in direct
    assert {"/tracker.css", "/pixel.png"} <= set(tracker.requests)
    tracker.requests.clear()
    dom = dump_dom(f"{server}/-/jobarchive/raw/9/2")
    assert "<h1>Senior Protection Officer</h1>" in dom  # shown as the page it was
    assert "data-pwned" not in dom
    assert tracker.requests == []  # and nothing it names was fetched


def test_raw_page_opened_from_the_posting_page(server: str, tracker: Tracker) -> None:
    tracker.requests.clear()
    with Browser() as browser:
        browser.open(f"{server}/-/jobarchive/posting/{PROTECTION}")
        browser.click('a[href="/-/jobarchive/raw/9/1"]')
        browser.wait_for("location.pathname === '/-/jobarchive/raw/9/1'")
    dom = dump_dom(f"{server}/-/jobarchive/raw/9/1")
    assert "Senior Protection Officer" in dom and "data-pwned" not in dom
    assert tracker.requests == []
