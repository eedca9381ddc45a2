"""Mock of Example Jobs, built to the structure of a real capture of its platform.

Copy to crawler/mocksites/<source>.py. Same paths, markup and paging as the real site;
the class names the spider relies on go through `self.css()` so that `layout_changed`
serves a redesign; listing pages come from `listing_slice()` so that the listing faults
(repeat, empty, shift) work; `listing_page_number` and `posting_key` let tests aim faults.
"""

from __future__ import annotations

import re
from html import escape

from . import chrome
from .content import unicef_postings
from .postings import MockPosting, sections_html
from .server import MockRequest, MockResponse, MockSite

PER_PAGE = 10
_DETAIL = re.compile(r"^/jobs/(\d+)$")


class ExampleSite(MockSite):
    name = "example"
    description = "Example Jobs (jobs.example.org)"

    def default_postings(self) -> list[MockPosting]:
        return unicef_postings(25)

    def handle(self, request: MockRequest) -> MockResponse:
        if request.path == "/jobs":
            return MockResponse.html(self.listing(self.listing_page_number(request) or 1))
        if match := _DETAIL.match(request.path):
            posting = self.get(match.group(1))
            return MockResponse.html(self.detail(posting)) if posting else self.not_found()
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        page = request.query.get("page", "1")
        return int(page) if request.path == "/jobs" and page.isdigit() else None

    def posting_key(self, request: MockRequest) -> str | None:
        match = _DETAIL.match(request.path)
        return match.group(1) if match else None

    def listing(self, page: int) -> str:
        shown, total = self.listing_slice((page - 1) * PER_PAGE, PER_PAGE)
        items = "".join(
            f'<li class="{self.css("job")}"><a class="title" href="/jobs/{p.key}">'
            f"{escape(p.title)}</a></li>"
            for p in shown
        )
        more = '<a class="next" href="?">Next</a>' if page * PER_PAGE < total else ""
        body = f'<p id="count">{total} jobs</p><ul id="results">{items}</ul>{more}'
        return chrome.html_page("Jobs", body)

    def detail(self, p: MockPosting) -> str:
        body = (
            f'<h1 class="{self.css("job-title")}">{escape(p.title)}</h1>'
            f'<dl><dt>Deadline</dt><dd class="deadline">{p.closing_date:%d/%m/%Y}</dd></dl>'
            f'<div class="job-body">{sections_html(p.sections)}</div>'
        )
        return chrome.html_page(p.title, body)
