"""Local mock job sites: what the spiders crawl in tests and in `jobarchive demo`.

No machine of this project reaches the real sites, so each source has a mock that
follows the real site's URLs, methods, paging, quirks and page chrome, as real
responses of the site or its platform show them (each mock's docstring says which). Sites run on 127.0.0.1, one port each, in daemon threads:

    from crawler.mocksites import MockSites
    with MockSites(["unicef", "unhcr"]) as sites:
        sites.base_urls                  # {"unicef": "http://127.0.0.1:PORT", ...}
        site = sites["unicef"]
        site.edit("577857", closing_date=date(2026, 12, 1))
        site.remove(key); site.add(posting); site.down = True
        site.fault(r"^/en-us/job/", 500, times=1)
        site.fault(r"^/en-us/job/577857/", "reset")   # every fault mode: see server.py
        site.requests                    # [("GET", "/en-us/listing/?page=1"), ...]

Adding a site: create `crawler/mocksites/<source>.py` holding one subclass of
`MockSite` with `name = "<source>"` (the spider's name), a `default_postings()` that
returns MockPostings (reuse or extend `content.py`), and a `handle(request)` that
answers a `MockRequest` with a `MockResponse`, reading `self.snapshot()` / `self.get(key)`
on every request so edits show at once. Wrap HTML in the helpers of `chrome.py`.
The module is found by name; nothing else needs editing. Modules named in
`server._FRAMEWORK_MODULES` (server, postings, chrome, content) are not sites.
"""

from __future__ import annotations

from .postings import MockPosting
from .server import Fault, MockRequest, MockResponse, MockSite, MockSites, discover_sites

#: Every mock site class, by source name, found in this package's modules.
SITES: dict[str, type[MockSite]] = discover_sites()

__all__ = [
    "SITES",
    "Fault",
    "MockPosting",
    "MockRequest",
    "MockResponse",
    "MockSite",
    "MockSites",
]
