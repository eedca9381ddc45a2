"""The source framework (spiders/base.py and its parts), on a spider of its own.

Each rule is written once for every source, so it is tested once here, on a minimal
spider; the fault matrix (tests/test_fault_matrix.py) then checks every real source
against the same faults through real crawls.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import scrapy
from scrapy.http import HtmlResponse, TextResponse

from crawler.sitefacts import SiteFacts
from spiders.base import JobSpider, PageUnusable
from spiders.drift import FieldWatch
from spiders.integrity import page_problem
from spiders.listing import ListingLedger

WORDS = " ".join(["The officer protects refugees and reports to the Representative."] * 40)


class BoardSpider(JobSpider):
    """A job board with /jobs?page=N listings and /job/<id> pages."""

    name = "board"
    default_base_url = "https://jobs.example.org"
    facts = SiteFacts(
        expected={"title": "h1", "text": "div.body", "closing_date": "dd.deadline"},
        error_markers=("this vacancy has expired",),
        error_path=r"/Error$",
        posting_link=r"^/job/\d+$",
    )

    def listing_start(self) -> Any:
        yield self.listing_request(self.url("/jobs?page=1"), cb_kwargs={"page": 1})

    def parse(self, response: Any, page: int = 1, **kwargs: Any) -> Any:
        keys = []
        for href in response.css("li.job a::attr(href)").getall():
            key = href.split("?")[0].rsplit("/", 1)[1]
            keys.append(key)
            yield from self.posting_request(key, self.on_site(href, response))
        total = response.css("#total::text").get()
        more = response.css("a.next")
        yield from self.listing_page(
            response,
            keys,
            total=int(total) if total else None,
            next_page=self.listing_request(
                self.url(f"/jobs?page={page + 1}"), cb_kwargs={"page": page + 1}
            )
            if more
            else None,
            selector="li.job a",
        )

    def parse_detail(self, response: Any, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        if not response.css("article"):
            raise PageUnusable("no article on the page")
        return {
            "title": response.css("h1::text").get(),
            "closing_date": response.css("dd.deadline::text").get(),
            "text": " ".join(response.css("div.body ::text").getall()).strip(),
        }


def listing(page: int, keys: list[int], total: int | None = 6, more: bool = True) -> HtmlResponse:
    items = "".join(f'<li class="job"><a href="/job/{k}">Job {k}</a></li>' for k in keys)
    count = f'<span id="total">{total}</span>' if total is not None else ""
    nxt = '<a class="next" href="?">Next</a>' if more else ""
    url = f"https://jobs.example.org/jobs?page={page}"
    body = f"<html><body>{count}<ul>{items}</ul>{nxt}</body></html>"
    return HtmlResponse(url, body=body.encode(), request=scrapy.Request(url))


def read(spider: BoardSpider, response: HtmlResponse, page: int) -> list[Any]:
    return list(spider.parse(response, page=page))


def followed(out: list[Any]) -> list[str]:
    return [r.url for r in out if isinstance(r, scrapy.Request) and "/jobs?" in r.url]


def start(spider: BoardSpider) -> None:
    spider.ledger.expect()  # as JobSpider.start does for the first page


# -- listing completeness ---------------------------------------------------------------


def test_a_listing_read_to_its_last_page_is_complete():
    spider = BoardSpider()
    start(spider)
    assert followed(read(spider, listing(1, [1, 2, 3]), 1)) == [
        "https://jobs.example.org/jobs?page=2"
    ]
    assert followed(read(spider, listing(2, [4, 5, 6], more=False), 2)) == []
    verdict = spider.verdict()
    assert verdict.listing_complete and verdict.problems == []
    assert verdict.listed_keys == {"1", "2", "3", "4", "5", "6"}


def test_a_later_page_that_repeats_an_earlier_one_is_incomplete_and_not_followed():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3]), 1)
    assert followed(read(spider, listing(2, [1, 2, 3]), 2)) == []
    verdict = spider.verdict()
    assert not verdict.listing_complete
    assert verdict.problems == [
        "page 2 of the listing (https://jobs.example.org/jobs?page=2) repeated page 1's postings",
        "found 3 of the 6 postings the listing states",
    ]


def test_a_later_page_with_no_postings_is_incomplete():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3]), 1)
    assert followed(read(spider, listing(2, []), 2)) == []
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert problems[0] == (
        "page 2 of the listing (https://jobs.example.org/jobs?page=2) had no postings"
    )


def test_a_shifted_listing_that_misses_a_posting_is_incomplete():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3]), 1)
    # Posting 1 closed while we read page 1: everything moved up, 4 was never shown.
    read(spider, listing(2, [5, 6], total=5, more=False), 2)
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert problems == ["found 5 of the 6 postings the listing states"]


def test_an_overlap_of_one_posting_between_pages_is_fine():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3], total=7), 1)
    read(spider, listing(2, [3, 4, 5, 6, 7], total=7, more=False), 2)  # a new one on top
    assert spider.ledger.verdict() == (True, [])


def test_a_stated_total_that_moves_while_paging_is_incomplete():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3], total=6), 1)
    read(spider, listing(2, [4, 5, 6], total=60, more=False), 2)
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert problems == ["the stated total moved from 6 to 60 while the listing was read"]


def test_a_small_move_of_the_total_is_tolerated():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3], total=6), 1)
    read(spider, listing(2, [4, 5, 6], total=7, more=False), 2)
    assert spider.ledger.verdict() == (True, [])


def test_a_failed_page_or_one_never_read_leaves_the_listing_incomplete():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3]), 1)  # follows page 2, which never comes
    complete, problems = spider.ledger.verdict()
    assert not complete and problems == [
        "1 listing page requested but never read",
        "found 3 of the 6 postings the listing states",
    ]
    spider.ledger.page_failed()
    assert spider.ledger.verdict()[0] is False


def test_postings_shown_without_a_key_leave_the_listing_incomplete():
    ledger = ListingLedger()
    ledger.expect()
    ledger.page("https://x/jobs", ["JR1"], shown=20, total=20)
    complete, problems = ledger.verdict()
    assert not complete
    assert (
        problems[0]
        == "page 1 of the listing (https://x/jobs) showed 20 postings but gave a key for 1"
    )


def test_links_stand_in_for_keys_learned_from_the_postings_pages():
    ledger = ListingLedger()
    ledger.expect()
    ledger.page("https://x/feed", [], links=["https://x/a", "https://x/b"], has_next=True)
    ledger.expect()
    assert not ledger.page("https://x/feed?p=2", [], links=["https://x/a"], has_next=True)
    assert ledger.verdict()[1] == [
        "page 2 of the listing (https://x/feed?p=2) repeated page 1's postings"
    ]


def test_posting_like_links_that_give_no_key_are_layout_drift():
    spider = BoardSpider()
    start(spider)
    url = "https://jobs.example.org/jobs?page=1"
    body = '<html><body><div class="x-job"><a href="/job/7">Job 7</a></div></body></html>'
    read(spider, HtmlResponse(url, body=body.encode(), request=scrapy.Request(url)), 1)
    verdict = spider.verdict()
    assert not verdict.listing_complete
    assert verdict.problems[0] == (
        f"layout drift: {url} links 1 pages that look like postings (e.g. /job/7) but "
        "li.job a matched none"
    )


# -- one request per posting ------------------------------------------------------------


def test_a_posting_linked_many_times_is_fetched_once():
    spider = BoardSpider()
    start(spider)
    url = "https://jobs.example.org/jobs?page=1"
    links = "".join(f'<li class="job"><a href="/job/{k}?ref={n}">x</a></li>' for n, k in
                    enumerate([1, 1, 2, 1, 2]))  # fmt: skip
    body = f'<html><body><span id="total">2</span><ul>{links}</ul></body></html>'
    out = read(spider, HtmlResponse(url, body=body.encode(), request=scrapy.Request(url)), 1)
    details = [r for r in out if isinstance(r, scrapy.Request) and "/job/" in r.url]
    assert len(details) == 2


# -- page integrity ---------------------------------------------------------------------


def page(body: str, url: str = "https://jobs.example.org/job/1", **headers: str) -> HtmlResponse:
    return HtmlResponse(url, body=body.encode(), headers=headers, request=scrapy.Request(url))


POSTING = (
    "<html><head><title>Protection Officer</title></head><body><article>"
    f"<h1>Protection Officer</h1><dd class='deadline'>2026-12-01</dd><div class='body'>{WORDS}"
    "</div></article></body></html>"
)


def detail(spider: BoardSpider, response: Any) -> list[Any]:
    return list(spider.detail_response(response, "1", {}))


def test_a_whole_posting_becomes_an_item():
    spider = BoardSpider()
    [item] = detail(spider, page(POSTING))
    assert (item.source_key, item.title, item.closing_date) == (
        "1",
        "Protection Officer",
        "2026-12-01",
    )
    assert spider.failures == []


@pytest.mark.parametrize(
    "body, problem",
    [
        ("", "an empty answer (HTTP 200 with no body)"),
        (POSTING[: len(POSTING) // 2], "the page ends before </html> (cut short)"),
        (
            "<html><head><title>Down for maintenance</title></head><body><h1>We'll be back soon"
            "</h1><p>Scheduled maintenance.</p></body></html>",
            "a maintenance page, not the posting",
        ),
        (
            "<html><head><title>Sign in</title></head><body><form><input type='password'>"
            "</form></body></html>",
            "a login page, not the posting",
        ),
        (
            "<html><head><script>window.awsWafCookieDomainList = ['x'];</script></head>"
            "<body></body></html>",
            "a bot challenge page, not the posting",
        ),
        (
            "<html><head><title>Page not found</title></head><body><h1>Oops</h1></body></html>",
            "an error page ('Page not found Oops'), not the posting",
        ),
        (
            "<html><body><h1>Sorry</h1><p>This vacancy has expired.</p></body></html>",
            "the site's error page (it says 'this vacancy has expired')",
        ),
        ("<html><body><h1>Protection Officer</h1></body></html>", "no article on the page"),
        (
            "<html><body><article><h1>Protection Officer</h1></article></body></html>",
            "no text (div.body) found on the page",
        ),
        (
            f"<html><body><article><div class='body'>{WORDS}</div></article></body></html>",
            "no title (h1) found on the page",
        ),
    ],
    ids=[
        "empty",
        "cut short",
        "maintenance",
        "login",
        "challenge",
        "error page",
        "own marker",
        "spider refuses",
        "no text",
        "no title",
    ],  # fmt: skip
)
def test_a_page_that_is_no_posting_makes_no_item_and_names_why(body, problem):
    spider = BoardSpider()
    assert detail(spider, page(body)) == []
    assert spider.failures == [f"detail https://jobs.example.org/job/1: {problem}"]


def test_the_sites_error_page_after_a_redirect():
    spider = BoardSpider()
    assert detail(spider, page(POSTING, url="https://jobs.example.org/careers/Error")) == []
    assert spider.failures[0].endswith("the site's error page (redirected to it)")


@pytest.mark.parametrize(
    "words",
    [
        "Maintenance Fitter: keeps the under maintenance plant running. ",
        "Sign in to apply. <form><input type='password'></form> ",
        "<div class='g-recaptcha'></div> Verify you are human before applying. ",
        "Error analyst for the data team, not found elsewhere. ",
    ],
)
def test_a_long_posting_that_mentions_such_words_is_a_posting(words):
    body = POSTING.replace("<div class='body'>", f"<div class='body'>{words}")
    assert len(detail(BoardSpider(), page(body))) == 1


@pytest.mark.parametrize(
    "body, problem",
    [
        ('{"data": {"title": "x"', "not whole JSON"),
        ("<html><head><title>Sign in</title></head><body></body></html>", "a login page"),
        ("<html><body>Bad gateway</body></html>", "an HTML page where JSON was expected"),
    ],
)
def test_json_answers_are_checked_as_json(body, problem):
    facts = SiteFacts(detail_format="json")
    response = TextResponse("https://api.example.org/job/1", body=body.encode())
    found = page_problem(response, facts)
    assert found is not None and found.startswith(problem)
    whole = TextResponse("https://api.example.org/job/1", body=json.dumps({"a": 1}).encode())
    assert page_problem(whole, facts) is None


# -- layout drift in the details --------------------------------------------------------


def test_a_field_missing_on_most_pages_is_layout_drift():
    watch = FieldWatch(BoardSpider.facts)
    for n in range(5):
        watch.saw(f"https://x/job/{n}", {"title": "T", "text": "x", "closing_date": None})
    watch.saw("https://x/job/9", {"title": "T", "text": "x", "closing_date": "2026-12-01"})
    assert watch.report() == [
        "layout drift: closing_date (dd.deadline) matched nothing on 5 of 6 detail pages, "
        "e.g. https://x/job/0"
    ]


def test_a_field_missing_on_a_few_pages_is_no_drift():
    watch = FieldWatch(BoardSpider.facts)
    for n in range(5):
        watch.saw(f"https://x/job/{n}", {"title": "T", "text": "x", "closing_date": "2026-12-01"})
    watch.saw("https://x/job/9", {"title": "T", "text": "x", "closing_date": None})
    watch.saw("https://x/job/8", {"title": "T", "text": "x", "status": "closed"})
    assert watch.report() == []


def test_drift_is_in_the_runs_problems():
    spider = BoardSpider()
    for n in range(3):
        body = POSTING.replace("<dd class='deadline'>2026-12-01</dd>", "")
        list(
            spider.detail_response(page(body, url=f"https://jobs.example.org/job/{n}"), str(n), {})
        )
    verdict = spider.verdict()
    assert verdict.problems == [
        "no listing page was read",
        "layout drift: closing_date (dd.deadline) matched nothing on 3 of 3 detail pages, "
        "e.g. https://jobs.example.org/job/0",
    ]


# -- links stay on the site in use ------------------------------------------------------


def test_absolute_links_to_the_real_host_stay_on_the_mirror():
    spider = BoardSpider(base_url="http://127.0.0.1:8123")
    response = page(POSTING, url="http://127.0.0.1:8123/jobs")
    assert spider.on_site("https://jobs.example.org/job/7?x=1", response) == (
        "http://127.0.0.1:8123/job/7?x=1"
    )
    assert spider.on_site("/job/8", response) == "http://127.0.0.1:8123/job/8"


# -- a listing without a stated total is read twice at its first page -------------------


def recheck_of(out: list[Any]) -> scrapy.Request:
    [request] = [
        r for r in out if isinstance(r, scrapy.Request) and r.meta.get("jobarchive_recheck")
    ]
    return request


def test_a_listing_without_a_total_rereads_its_first_page_and_is_complete_if_it_held():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3], total=None), 1)
    recheck = recheck_of(read(spider, listing(2, [4, 5], total=None, more=False), 2))
    again = listing(1, [1, 2, 3], total=None)
    again.request = recheck
    assert followed(read(spider, again, 1)) == []
    assert spider.ledger.verdict() == (True, [])


def test_a_listing_without_a_total_that_shifted_is_incomplete():
    spider = BoardSpider()
    start(spider)
    read(spider, listing(1, [1, 2, 3], total=None), 1)
    # Posting 1 was taken down meanwhile: 4 moved to page 1 and was never seen.
    recheck = recheck_of(read(spider, listing(2, [5, 6], total=None, more=False), 2))
    again = listing(1, [2, 3, 4], total=None)
    again.request = recheck
    read(spider, again, 1)
    complete, problems = spider.ledger.verdict()
    assert not complete
    assert problems == [
        "the listing changed while it was read: page 1 (https://jobs.example.org/jobs?page=1), "
        "read again at the end, shows 1 posting(s) it did not show before"
    ]
