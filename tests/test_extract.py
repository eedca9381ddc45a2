"""Main text, fragments and `jobarchive extract` (crawler.extract, crawler.cli.extract)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.extract import extract_page, fragment_text, main_text, remove_chrome_lines

PAGES = Path(__file__).parent / "extraction" / "pages"


@pytest.fixture(scope="module")
def state_page() -> bytes:
    return (PAGES / "state-jpo.html").read_bytes()


def test_main_text_keeps_posting_and_drops_chrome(state_page):
    text = main_text(state_page, "http://www.state.gov/j/prm/jpo_ae/224525.htm")
    assert "Political and organizational awareness (MC06)" in text
    assert "- Team Working (CC03)" in text
    chrome_snippets = ("printable banner", "Back to Top", "OpenID", "Great Seal", "Diplomacy in")
    for chrome in chrome_snippets:
        assert chrome not in text


def test_main_text_of_empty_page():
    assert main_text("") == ""
    assert main_text(b"   ") == ""


def test_list_only_posting_is_not_lost():
    text = main_text((PAGES / "impactpool-mirror-lists.html").read_bytes())
    items = ("Register asylum-seekers in proGres.", "Refer urgent cases.", "English desirable.")
    for item in items:
        assert f"- {item}" in text


def test_headings_as_markdown():
    text = main_text((PAGES / "reliefweb-job.html").read_bytes())
    assert "## Key Responsibilities" in text


def test_chrome_lines_removed_only_whole():
    text = "Back to search results Apply now\nPlease apply now through the portal.\nReport Problem"
    assert remove_chrome_lines(text) == "Please apply now through the portal."


def test_cookie_notice_line_removed():
    text = (
        "By continuing to browse this site, you agree to our use of cookies. "
        "Read our privacy policy\nTitle"
    )
    assert remove_chrome_lines(text) == "Title"


def test_fragment_text_keeps_every_block():
    html = (
        "<p>Deadline for Applications October 15, 2026</p><h3>Duties</h3>"
        "<ul><li>One</li><li>Two</li></ul><ol><li>First</li></ol><p>Short.</p>"
        "<table><tr><td>Grade</td><td>GS6</td></tr></table>"
    )
    assert fragment_text(html) == (
        "Deadline for Applications October 15, 2026\n\n## Duties\n\n- One\n- Two\n\n"
        "1. First\n\nShort.\n\n| Grade | GS6 |"
    )


def test_fragment_text_empty():
    assert fragment_text("") == ""


def test_extract_page_fields():
    html = (PAGES / "uncareers.html").read_bytes()
    page = extract_page(html, url="https://careers.un.org/jobSearchDescription/285431?language=en")
    assert page["source"] == "uncareers"
    assert page["grade"] == "P-3"
    assert page["closing_date"] == "2026-10-09"
    assert page["status"] == "open"
    assert "Performs other related duties as required." in page["text"]


def test_cli_extract_text():
    result = CliRunner().invoke(
        cli, ["extract", str(PAGES / "unicef-pageup.html"), "--source", "unicef"]
    )
    assert result.exit_code == 0, result.output
    assert "closing_date:  2024-12-10" in result.output
    assert "grade:         NO-1" in result.output
    assert "Innovates and embraces change" in result.output
    assert "Accept All Cookies" not in result.output


def test_cli_extract_json():
    result = CliRunner().invoke(
        cli,
        [
            "extract",
            str(PAGES / "impactpool-closed.html"),
            "--json",
            "--url",
            "https://www.impactpool.org/jobs/803641",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "closed"
    assert data["grade"] == "P-2"
    assert data["closing_date"] is None
    assert "By continuing to browse this site" not in data["text"]


def test_cli_extract_missing_file(tmp_path):
    missing = tmp_path / "nope.html"
    result = CliRunner().invoke(cli, ["extract", str(missing)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {missing}: no such file. Give the path of a saved HTML page, "
        "e.g. jobarchive extract tests/extraction/pages/unicef-pageup.html\n"
    )


def _posting(body: str) -> str:
    return (
        "<html><body><nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav>"
        f"<div id='centerblock'>{body}</div><footer>© Example</footer></body></html>"
    )


_PARAGRAPHS = "".join(
    f"<p>The incumbent supports the {x} team with analysis, reporting and coordination "
    "with partners, and prepares the quarterly updates the programme needs.</p>"
    for x in ("protection", "programme", "registration")
)


def test_label_value_items_without_colons_are_kept():
    # Named "meta" (which trafilatura discards) and without colons (which would run
    # label and value together): made "Label: value" lines.
    html = _posting(
        "<h1>Climate Finance Analyst</h1><ul class='job-meta'>"
        "<li><span class='job-meta__label'>Grade</span>"
        "<span class='job-meta__value'>IPSA-9</span></li>"
        "<li><span class='job-meta__label'>Closing date</span><div>10 Oct 2026</div></li></ul>"
        f"<h2>Duties and responsibilities</h2>{_PARAGRAPHS}"
    )
    text = main_text(html)
    assert "- Grade: IPSA-9" in text
    assert "- Closing date: 10 Oct 2026" in text


def test_posting_header_and_closing_lines_are_kept():
    # trafilatura starts at the first paragraph and trims trailing headings; on a
    # posting, the short lines above and below are the posting's.
    html = _posting(
        "<h2>Associate Protection Officer: Baku</h2><h2>Application Deadline: April 29, 2014</h2>"
        f"{_PARAGRAPHS}<h2>Qualifications and requirements</h2>{_PARAGRAPHS}"
        "<h2>Other information</h2><h2>HomeBased</h2><h2>No</h2>"
    )
    text = main_text(html)
    assert text.startswith("## Associate Protection Officer: Baku\n\n## Application Deadline")
    assert "## Qualifications and requirements" in text
    assert text.endswith("## Other information\n\n## HomeBased\n\n## No")
    assert "Home" not in text.replace("HomeBased", "") and "©" not in text


def test_article_gets_no_lines_back():
    # Only a posting (words and labelled fields) gets cut lines back.
    html = _posting(f"<h2>A short heading</h2>{_PARAGRAPHS}<h2>Trailing heading</h2>")
    text = main_text(html)
    assert "Trailing heading" not in text


def test_data_table_with_paragraph_cells_stays_a_table():
    cells = "".join(
        f"<tr><td><p>Plan {n}</p></td><td><p>{n * 10} users and reporting</p></td></tr>"
        for n in range(1, 6)
    )
    prose = "<p>" + "Choosing a plan depends on the size of the team and its needs. " * 8 + "</p>"
    html = f"<html><body><article>{prose}<table>{cells}</table>{prose}</article></body></html>"
    assert "| Plan 1 | 10 users and reporting |" in main_text(html)
