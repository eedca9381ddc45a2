"""The archive and the crawl are safe: what is fetched, what is written, who writes, and
what reaches a terminal or a spreadsheet. Each test is one hole, shown through the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from crawler.cli import cli
from crawler.extract import fragment_text
from spiders.offline import read_saved, spider_for_page
from spiders.unicef import UnicefSpider

SENTENCE = "The officer leads protection monitoring in the region and reports to the head. "


def nested_page(depth: int) -> str:
    inner = f"<p>{SENTENCE * 5}</p><p>Closing date: 15 January 2027</p>"
    return (
        "<html><head><title>Protection Officer</title></head><body><h1>Protection Officer</h1>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    )


def extract(tmp_path, html: str, *args: str):
    page = tmp_path / "page.html"
    page.write_text(html)
    argv = ["extract", str(page), "--url", "https://jobs.example.org/job/1", *args]
    return CliRunner().invoke(cli, argv)


# --- deep nesting ------------------------------------------------------------------------


def test_a_page_nested_deeper_than_256_levels_keeps_its_inner_text(tmp_path):
    result = extract(tmp_path, nested_page(300), "--source", "generic", "--json")
    assert result.exit_code == 0, result.output
    reading = json.loads(result.output)
    assert SENTENCE.strip() in reading["text"]
    assert reading["closing_date"] == "2027-01-15"


def test_a_fragment_nested_deeper_than_256_levels_keeps_its_inner_text():
    fragment = "<div>" * 600 + f"<p>{SENTENCE}</p><ul><li>Plan</li><li>Report</li></ul>"
    text = fragment_text(fragment + "</div>" * 600)
    assert SENTENCE.strip() in text
    assert "Plan" in text and "Report" in text


def test_a_page_nested_beyond_what_the_parser_reads_is_refused_with_the_reason(tmp_path):
    result = extract(tmp_path, nested_page(3000), "--source", "generic")
    assert result.exit_code == 1
    assert "nests elements" in result.output
    assert "Traceback" not in result.output


def test_a_crawl_stores_no_version_of_a_page_too_deep_to_read_whole():
    spider = spider_for_page(UnicefSpider, "https://jobs.unicef.org/en-us/job/1")
    reading = read_saved(spider, nested_page(3000).encode(), "https://jobs.unicef.org/en-us/job/1")
    assert reading.fields == {}
    assert "2048 levels deep" in reading.problem
