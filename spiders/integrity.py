"""Is this answer a posting (or a listing) at all? Checked for every page of every source
before any parsing, so that an error page can never become a version or a listing.

Sites answer 200 with many things that are not the page asked for: an empty body, a
page cut short with a Content-Length to match, a bot challenge, a maintenance notice, a
login form, the site's own error page. Each is recognised here by the source's own marks
(`SiteFacts.error_markers`, `error_path`) and by signs common to such pages everywhere.
Generic signs are read only on short pages: a real posting is hundreds of words, and a
posting for a "Maintenance Fitter" or one with a reCAPTCHA on its apply form is no
error page.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector
from scrapy.http import HtmlResponse, Response, TextResponse

from crawler.fields import PARSER_DEPTH, nests_deeper
from crawler.sitefacts import SiteFacts

# Pages with fewer visible words than this may be error pages; longer ones never are.
SHORT_PAGE_WORDS = 300

_HTML_START = re.compile(rb"<html[\s>]", re.IGNORECASE)
_HTML_END = re.compile(rb"</html\s*>", re.IGNORECASE)

# Bot walls and human checks of the usual CDNs and WAFs, as their pages embed them.
_CHALLENGE = (
    "awswafcookiedomainlist",
    "awswafintegration",
    "window.gokuprops",
    "/cdn-cgi/challenge-platform",
    "cf-browser-verification",
    "cf_chl_opt",
    "_incapsula_resource",
    "px-captcha",
    "verify that you're not a robot",
    "verify you are human",
    "are you a robot",
    "checking your browser before accessing",
    "enable javascript and cookies to continue",
)
_MAINTENANCE = re.compile(
    r"\b(?:under maintenance|scheduled maintenance|down for maintenance|maintenance mode"
    r"|site maintenance|temporarily unavailable|service unavailable|we'?ll be back soon"
    r"|currently unavailable)\b",
    re.I,
)
_LOGIN = re.compile(r"^\s*(?:sign[ -]?in|log[ -]?in|login|sign on)\b", re.I)
_PASSWORD = re.compile(rb"<input[^>]+type\s*=\s*[\"']?password", re.I)
_ERROR = re.compile(
    r"\b(?:page not found|not found|404|an error (?:has )?occurred|error|access denied"
    r"|forbidden|no longer available|does not exist)\b",
    re.I,
)


def cut_short(body: bytes) -> bool:
    """True when an HTML page stops before its `</html>`.

    A body cut short that the transport did not notice (the server sent a matching
    Content-Length) parses fine, minus its end: stored, it would be a version with
    fields and text missing, and the next whole page another one.
    """
    return _HTML_START.search(body[:4096]) is not None and _HTML_END.search(body) is None


def page_problem(response: Response, facts: SiteFacts, what: str = "detail") -> str | None:
    """Why `response` cannot be a posting (`what` "detail") or a listing page ("listing")
    of a source with these `facts`, or None."""
    body = response.body
    if not body.strip():
        return f"an empty answer (HTTP {response.status} with no body)"
    # A listing may be where the site sends requests for postings that are gone, so a
    # listing counts as the error page only when a redirect led there.
    path = urlsplit(response.url).path
    request = response.request
    redirected = request is not None and bool(request.meta.get("redirect_urls"))
    if facts.error_path and re.search(facts.error_path, path) and (what == "detail" or redirected):
        return "the site's error page (redirected to it)"
    # Decoded only where something reads it: most pages are neither short nor JSON,
    # and most sources declare no marks of their own.
    lowered = None
    if facts.error_markers:
        lowered = _lowered(body)
        for marker in facts.error_markers:
            if marker in lowered:
                return f"the site's error page (it says {marker!r})"
    page_format = facts.detail_format if what == "detail" else facts.listing_format
    wanted = "the posting" if what == "detail" else "the listing"
    if page_format == "json":
        return _json_problem(response, lowered if lowered is not None else _lowered(body), wanted)
    if page_format == "xml":
        return None  # feeds and sitemaps: their parsers say when one is not whole
    if not isinstance(response, TextResponse):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        return f"not a web page (Content-Type: {content_type or 'none'})"
    if cut_short(body):
        return "the page ends before </html> (cut short)"
    page = response.selector if isinstance(response, HtmlResponse) else _as_html(response)
    if nests_deeper(page.root, PARSER_DEPTH):
        # The parser stopped at its deepest level and dropped the rest: read, the page
        # would be a version without its inner text.
        return f"the page nests elements {PARSER_DEPTH} levels deep or more: not read whole"
    return _html_problem(response, page, lowered, wanted)


def _lowered(body: bytes) -> str:
    """The page's beginning as lower-case text, for the marks of error pages."""
    return body[:200_000].decode("utf-8", "replace").lower()


def _json_problem(response: Response, lowered: str, wanted: str) -> str | None:
    try:
        json.loads(response.body)
    except ValueError as exc:
        if lowered.lstrip().startswith("<"):
            if isinstance(response, TextResponse):
                kind = _html_problem(response, _as_html(response), lowered, wanted)
                if kind:
                    return f"{kind}, where JSON was expected"
            return "an HTML page where JSON was expected"
        return f"not whole JSON ({exc}): cut short or damaged"
    return None


def _html_problem(
    response: TextResponse, page: Selector, lowered: str | None, wanted: str
) -> str | None:
    """A challenge, maintenance, login or error page, by the signs such pages share."""
    if not _short(page):
        return None
    lowered = lowered if lowered is not None else _lowered(response.body)
    if any(marker in lowered for marker in _CHALLENGE):
        return f"a bot challenge page, not {wanted}"
    heads = [
        " ".join(text.split())
        for text in page.xpath("//title//text() | //h1//text()").getall()
        if text.strip()
    ]
    visible = " ".join(heads[:4])
    if _MAINTENANCE.search(visible) or _MAINTENANCE.search(_visible_text(page)[:2000]):
        return f"a maintenance page, not {wanted}"
    if _PASSWORD.search(response.body) or any(_LOGIN.search(h) for h in heads):
        return f"a login page, not {wanted}"
    if _ERROR.search(visible):
        return f"an error page ({visible[:80]!r}), not {wanted}"
    return None


def _as_html(response: TextResponse) -> Selector:
    # An HTML page sent as JSON or text gets a selector of that type: read it as HTML.
    return Selector(text=response.text, type="html")


# The text nodes a reader sees. Evaluated on the lxml tree itself: through the
# selector, each of a long page's thousands of text nodes became a Selector object,
# the most costly step of checking a posting page.
_VISIBLE = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]",
    smart_strings=False,
)


def _visible_text(page: Selector) -> str:
    return " ".join(_VISIBLE(page.root))


def _short(page: Selector) -> bool:
    # Counted node by node (the joining space splits words as the nodes do) and
    # stopped at the limit: a posting page is known long after its first paragraphs.
    words = 0
    for text in _VISIBLE(page.root):
        words += len(text.split())
        if words >= SHORT_PAGE_WORDS:
            return False
    return True
