"""Main text and fields of a job page: lxml pre-cleaning, trafilatura, residual cleanup.

The text is the posting without the site around it, as plain-text markdown: headings
as ``## Heading``, list items as ``- item`` / ``1. item``, tables as ``| a | b |`` rows.
How it is made, and why each step is there (figures in BENCHMARKS.md):

1. **Pre-cleaning** (:func:`clean_tree`): chrome that trafilatura's heuristics let
   through on job sites is removed by structure before extraction: cookie-consent
   containers (OneTrust, Cookiebot, home-made banners), nav/footer/role landmarks,
   breadcrumbs, share widgets, similar-job lists, login prompts. ``<dl>`` field lists
   become "Label: value" items and ``<time>`` its text, both of which trafilatura
   would otherwise drop with the posting's deadline and grade in them.
2. **trafilatura** with options chosen on purpose: no comments; tables, headings and
   lists kept; not ``deduplicate=True`` (it caches text across documents and would drop
   the paragraphs one employer repeats in every posting). The defaults and recall-first
   extraction both run; recall-first is taken when it adds to the defaults without
   doubling them (the defaults lose short list items and field blocks on job pages;
   precision-first settings lose more and return nothing on some). When both are
   nearly empty, the whole cleaned page as text: a posting is never lost to a setting.
3. **Residual boilerplate** (:data:`CHROME_LINES`): whole lines that are chrome
   ("Apply now", "Back to search results", "Report Problem", cookie notices, OpenID
   sign-in blurbs, ...) are dropped; lines that are chrome only at the edges of a
   page (social network names, "Print") are trimmed from the start and end only.
   Prose inside the posting is never cut.

``fragment_text`` is for HTML that is all content (an API's description field): every
paragraph, heading and list item is kept, with no main-content guessing at all.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from crawler.fields import page_fields, parse_tree, profile_for

log = logging.getLogger(__name__)

__all__ = [
    "CHROME_LINES",
    "clean_tree",
    "extract_page",
    "fragment_text",
    "main_text",
    "remove_chrome_lines",
]

# --- 1. pre-cleaning ----------------------------------------------------------------------

# Elements that are chrome wherever they are.
_CHROME_TAGS = ("nav", "footer", "button", "dialog", "noscript", "template", "select")
# ARIA landmarks that hold no posting. "banner" is a page header; it is kept when it
# holds the page's h1 (some sites put the job title there).
_CHROME_ROLES = {"navigation", "contentinfo", "search", "dialog", "alertdialog", "banner"}
# Words in id/class/data-automation-id/aria-label that name chrome. Matched against
# whole tokens or their dash/underscore-separated parts (so "cookie-consent-banner__text"
# matches "cookie", while "field--rich-text" matches nothing).
_CHROME_NAMES = re.compile(
    r"^(?:cookies?|cookiebot|cybotcookiebotdialog|onetrust-consent-sdk|onetrust-banner-sdk|"
    r"consent|gdpr|cookieconsent|cc-window|cookies-eu-banner|breadcrumbs?|share|sharing|"
    r"sharedaddy|social|similar|similarjobssection|related|newsletter|subscribe|login|signin|"
    r"sign-in|skip-link|back-to-top|printable-banner|print-banner|widget-area|"
    r"login-prompt|job-alert|topbar|leftnav|topnav)$",
    re.I,
)
_MAX_FORM_WORDS = 80
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _names(element: Any) -> list[str]:
    """The element's id/class/... tokens, and their first and last dash-separated parts.

    "cookie-consent-banner__text" gives "cookie" and "section--related" gives "related";
    a middle part does not count ("content-sidebar-wrap" is the page's content).
    """
    values = " ".join(
        element.get(attr) or ""
        for attr in ("id", "class", "data-automation-id", "aria-label", "name")
    )
    parts: list[str] = []
    for token in values.split():
        pieces = [p for p in re.split(r"[-_]{1,2}", token) if p]
        parts.append(token)
        if len(pieces) > 1:
            parts += [pieces[0], pieces[-1], f"{pieces[0]}-{pieces[1]}"]
    return parts


def _is_chrome(element: Any) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "form":
        # ASP.NET pages wrap the whole page in one form; search and filter forms are short.
        return len(_text(element).split()) < _MAX_FORM_WORDS
    if tag in _CHROME_TAGS:
        return True
    role = (element.get("role") or "").lower()
    if role in _CHROME_ROLES:
        return not (role == "banner" and element.find(".//h1") is not None)
    if tag == "header" and element.find(".//h1") is None and not _inside_content(element):
        return True
    if tag in {"html", "body", "main", "article"}:
        return False
    if element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    return any(_CHROME_NAMES.match(name) for name in _names(element))


def _inside_content(element: Any) -> bool:
    return any(a.tag in {"article", "main"} for a in element.iterancestors())


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def clean_tree(tree: Any, *, keep_time: bool = False) -> Any:
    """A copy of the page with known chrome removed and field lists made readable.

    ``keep_time`` keeps ``<time>`` elements (for reading their instants as fields).
    """
    tree = copy.deepcopy(tree)
    for element in list(tree.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(element)
    doomed = [el for el in tree.iter() if isinstance(el.tag, str) and _is_chrome(el)]
    for element in doomed:
        if element.getparent() is not None:
            _drop(element)
    for time_element in [] if keep_time else list(tree.iter("time")):
        # trafilatura drops <time>: keep what it says (the visible date) as text.
        time_element.tag = "span"
    for dl in list(tree.iter("dl")):
        _dl_to_list(dl)
    for table in list(tree.iter("table")):
        if _is_layout_table(table):
            # Old sites lay the page out in a table; read as a data table it would mix
            # menus, banner and posting into rows of one "table".
            for element in _own_table_parts(table):
                element.tag = "div"
                for key in ("colspan", "rowspan", "valign", "width"):
                    element.attrib.pop(key, None)
    return tree


_LAYOUT_CONTENT = ("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4")


def _own_table_parts(table: Any) -> list[Any]:
    """The table and its rows and cells, not those of tables nested in it (data tables)."""
    parts = [table]
    for element in table.iter("tbody", "thead", "tfoot", "tr", "td", "th"):
        nearest = next(element.iterancestors("table"), None)
        if nearest is table:
            parts.append(element)
    return parts


def _is_layout_table(table: Any) -> bool:
    for cell in table.iter("td", "th"):
        if next(cell.iterancestors("table"), None) is not table:
            continue
        if any(cell.find(f".//{tag}") is not None for tag in _LAYOUT_CONTENT):
            return True
    return False


def _drop(element: Any) -> None:
    """Remove an element but keep its tail text (which belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _dl_to_list(dl: Any) -> None:
    """<dl><dt>Grade</dt><dd>P-3</dd></dl> -> <ul><li>Grade: P-3</li></ul>."""
    items: list[Any] = []
    label: str | None = None
    for child in dl:
        if child.tag == "dt":
            if label is not None:
                items.append(lxml_html.fromstring(f"<li>{_escape(label)}</li>"))
            label = _text(child)
        elif child.tag == "dd":
            li = lxml_html.Element("li")
            prefix = ""
            if label:
                prefix = label if label.endswith(":") else f"{label}:"
                prefix += " "
            li.text = prefix + (child.text or "")
            for grandchild in child:
                li.append(grandchild)
            items.append(li)
            label = None
    if label is not None:
        items.append(lxml_html.fromstring(f"<li>{_escape(label)}</li>"))
    dl.tag = "ul"
    for key in list(dl.attrib):
        del dl.attrib[key]
    for child in list(dl):
        dl.remove(child)
    dl.text = None
    for li in items:
        dl.append(li)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- 3. residual boilerplate ----------------------------------------------------------------

# Whole lines that are site chrome, never posting text. Each entry is matched against a
# complete line (case-insensitive, markdown marks removed); a line made only of these
# phrases ("Back to search results Apply now") is dropped too.
_CHROME_PHRASES = [
    r"apply( now| here| online)?",  # apply buttons
    r"apply for this (job|position)",
    r"back to (search results|jobs|job search|top|the list|listing)",  # navigation links
    r"report (a )?problem",  # old UNHCR and job-board "report this listing" links
    r"share( this)?( job| page| vacancy)?:?",  # share widgets
    r"share this on (facebook|x|twitter|linkedin|email)",
    r"similar jobs( \(\d+\))?",
    r"related (jobs|content|vacancies)",
    r"other jobs you may be interested in",
    r"printable banner",  # State Dept print header image text
    r"print( this page)?",
    r"email this page",
    r"save( this)? job",
    r"sign in|log in|login|sign up|register|log in / sign up",
    r"skip to (main )?content",
    r"create (a )?job alert|get job alerts",
    r"current vacancies",  # PageUp's generic h1 above every posting
    r"explore our current job opportunities",  # PageUp intro line
    r"search jobs?|search for jobs",
]
_CHROME_PHRASE = re.compile(rf"(?:{'|'.join(_CHROME_PHRASES)})", re.I)
_CHROME_ONLY = re.compile(rf"^\W*(?:(?:{'|'.join(_CHROME_PHRASES)})\W*)+$", re.I)

# Whole lines recognised by their wording: cookie notices and sign-in blurbs.
CHROME_LINES: list[re.Pattern[str]] = [
    # cookie consent in its common wordings (Impactpool, OneTrust, Cookiebot, home-made)
    re.compile(
        r"\bcookies?\b.*\b(continu\w+ to (browse|use)|you (agree|consent|accept)|accept all|"
        r"cookie (policy|settings)|we use cookies|this (web)?site uses cookies|"
        r"allow all|best experience)",
        re.I,
    ),
    re.compile(r"^by continuing to (browse|use) this (site|website)", re.I),
    # the State Dept OpenID sign-in blurb (seed 004)
    re.compile(r"^do you already have an account on one of these sites", re.I),
    re.compile(r"^openid is a service that allows you to sign in", re.I),
    # login prompts over postings (Impactpool)
    re.compile(r"^sign in to (see|view|read) the full", re.I),
    re.compile(r"^(don't|do not) have an account\?", re.I),
]

# Chrome only at the very start or end of a page: these words can be posting text in
# the middle ("Email" in a contact sentence is fine; alone after the posting it is a
# share link).
_EDGE_ONLY = re.compile(
    r"^\W*((facebook|linkedin|twitter|x|whatsapp|email|e-mail|copy link|print|menu|"
    r"full site|home|ok|got it!?|accept|decline|deny|cookie settings|reject all)\W*)+$",
    re.I,
)
_MAX_CHROME_WORDS = 60
# PageUp puts its Apply button in the same paragraph as the first field label.
_APPLY_PREFIX = re.compile(r"^(\W*)apply now\s+(?=(?:\*\*)?[A-Z][\w /]{1,30}:)", re.I)


def _plain(line: str) -> str:
    return re.sub(r"\*\*|__|^\s*(?:[-*+]|\d+\.|#+)\s+", "", line).strip()


def _is_chrome_line(line: str) -> bool:
    plain = _plain(line)
    if not plain:
        return False
    if _CHROME_ONLY.match(plain):
        return True
    if len(plain.split()) > _MAX_CHROME_WORDS:
        return False
    return any(p.search(plain) for p in CHROME_LINES)


def remove_chrome_lines(text: str) -> str:
    """Drop whole chrome lines anywhere and edge-only chrome at the start and end."""
    lines = [
        _APPLY_PREFIX.sub(r"\1", line) for line in text.splitlines() if not _is_chrome_line(line)
    ]
    while lines and (not lines[0].strip() or _EDGE_ONLY.match(_plain(lines[0]))):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _EDGE_ONLY.match(_plain(lines[-1]))):
        lines.pop()
    return _tidy("\n".join(lines))


def _tidy(text: str) -> str:
    text = text.replace("**", "")
    # trafilatura escapes markdown punctuation ("\\[Temp Appointment\\]"); plain text
    # wants it as written. Escaped pipes stay: they are inside table cells.
    text = re.sub(r"\\([\[\]*_#`()>+!-])", r"\1", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --- 2. trafilatura and the fallback chain ---------------------------------------------------

_OPTIONS: dict[str, Any] = {
    "output_format": "markdown",
    "include_comments": False,
    "include_tables": True,
    # Formatting on gives markdown headings ("## ..."); bold marks are removed after.
    "include_formatting": True,
    "include_links": False,
    "include_images": False,
    # deduplicate=True caches text across documents and would drop paragraphs an
    # employer repeats in every posting.
    "deduplicate": False,
}
# trafilatura's defaults drop field blocks and short list items on job pages (its
# fallback extractors, readability and jusText, keep paragraphs only). Recall-first
# extraction without those fallbacks keeps them; it is used when it adds to the
# defaults without more than this factor of words (beyond that it has taken chrome).
_RECALL_GROWTH = 2.0
_MIN_WORDS = 25


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _trafilatura(tree: Any, url: str | None, **options: Any) -> str:
    # trafilatura prunes the tree it is given: each run gets its own copy.
    result = trafilatura.extract(copy.deepcopy(tree), url=url, **_OPTIONS, **options)
    return (result or "").strip()


def _extract_text(tree: Any, url: str | None) -> str:
    cleaned = clean_tree(tree)
    default = _trafilatura(cleaned, url)
    recall = _trafilatura(cleaned, url, favor_recall=True, fast=True)
    if _words(default) < _MIN_WORDS or (
        _words(default) <= _words(recall) <= _RECALL_GROWTH * _words(default)
    ):
        text = recall if _words(recall) >= _words(default) else default
    else:
        text = default
    if _words(text) < _MIN_WORDS:
        # Both can come back empty on short postings: the whole cleaned page as text
        # rather than losing the posting.
        fallback = (trafilatura.html2txt(lxml_html.tostring(cleaned)) or "").strip()
        if _words(fallback) > _words(text):
            text = fallback
    title = _title(cleaned)
    if (
        title
        and title.casefold() not in " ".join(text.split()).casefold()
        and _looks_like_posting(text)
    ):
        # A posting's title is part of the posting (an article's headline is not part of
        # its body in the benchmarks' ground truth, so only postings get it back).
        text = f"# {title}\n\n{text}"
    return text


_POSTING_WORDS = re.compile(
    r"\b(deadline|closing date|vacancy|vacancies|job description|duty station|"
    r"responsibilities|qualifications|requirements|grade|contract (type|level)|apply)\b",
    re.I,
)


def _looks_like_posting(text: str) -> bool:
    return len({m.lower() for m in _POSTING_WORDS.findall(text[:20000]) for m in [m[0]]}) >= 2


_GENERIC_TITLES = re.compile(r"^(current vacancies|vacancies|jobs?|job details|careers?)$", re.I)


def _title(tree: Any) -> str | None:
    """The page's own title heading when trafilatura left it out (it often does).

    The first h1 that is not a generic page name ("Current vacancies"), else an h2
    marked as a title by its class (Avature's ``banner__text__title``).
    """
    titled_h2 = (h for h in tree.iter("h2") if "title" in (h.get("class") or ""))
    candidates = [*tree.iter("h1"), *titled_h2]
    for heading in candidates:
        title = _text(heading)
        if title and not _GENERIC_TITLES.match(title) and len(title.split()) <= 25:
            return title
    return None


def _to_tree(html: str | bytes) -> Any:
    return parse_tree(html)


def main_text(html: str | bytes, url: str | None = None) -> str:
    """The clean main text of a full HTML page, as plain-text markdown."""
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return ""
    try:
        tree = _to_tree(html)
    except (etree.ParserError, ValueError) as exc:
        log.warning("unparseable page %s: %s", url or "", exc)
        return ""
    return remove_chrome_lines(_extract_text(tree, url))


# --- fragments -----------------------------------------------------------------------------

_BLOCKS = {"p", "div", "section", "article", "blockquote", "pre", "br", "tr", "table"}


def fragment_text(html: str) -> str:
    """Text of an HTML fragment that is all content (an API's description field).

    Every paragraph, heading and list item is kept (no main-content guessing, which
    could drop a short paragraph); headings become ``## ...``, list items ``- ...`` or
    ``1. ...``, table rows ``| a | b |``.
    """
    if not html or not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter("script", "style", "noscript", "template")):
        _drop(element)
    out: list[str] = []
    _fragment_walk(root, out, [])
    text = "".join(out)
    lines = [" ".join(line.split()) if not line.startswith(("  ",)) else line.rstrip()
             for line in text.splitlines()]
    return _tidy("\n".join(lines).replace("\n\n\n", "\n\n"))


def _fragment_walk(node: Any, out: list[str], lists: list[list[int | None]]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if re.fullmatch(r"h[1-6]", tag):
        out.append(f"\n\n## {_text(node)}\n\n")
        if node.tail:
            out.append(node.tail)
        return
    if tag == "tr":
        cells = [_text(c) for c in node if c.tag in {"td", "th"}]
        out.append("\n| " + " | ".join(cells) + " |\n")
        if node.tail:
            out.append(node.tail)
        return
    if tag in {"ul", "ol"}:
        lists.append([0 if tag == "ol" else None])
        out.append("\n")
    if tag == "li":
        counter = lists[-1] if lists else [None]
        indent = "  " * max(len(lists) - 1, 0)
        if counter[0] is not None:
            counter[0] += 1
            out.append(f"\n{indent}{counter[0]}. ")
        else:
            out.append(f"\n{indent}- ")
    elif tag in _BLOCKS:
        out.append("\n\n" if tag != "br" else "\n")
    if node.text and tag != "br":
        out.append(node.text)
    for child in node:
        _fragment_walk(child, out, lists)
    if tag in {"ul", "ol"}:
        lists.pop()
        out.append("\n\n")
    elif tag in _BLOCKS and tag != "br":
        out.append("\n\n")
    if node.tail:
        out.append(node.tail)


# --- the whole page ------------------------------------------------------------------------


def extract_page(
    html: str | bytes, url: str | None = None, source: str | None = None
) -> dict[str, Any]:
    """Fields and main text of one saved page, as the ``extract`` command shows them.

    ``source`` names the site (``unicef``, ``uncareers``, ... see
    :data:`crawler.fields.PROFILES`); without it the URL's host decides, and an unknown
    site reads numeric dates only when they are unambiguous. Returns the archive's
    posting fields (``title``, ``organization``, ``location``, ``country``, ``grade``,
    ``contract_type``, ``job_number``, ``posted_date``, ``closing_date``, ``status``,
    ``categories``), ``grade_raw``, ``source`` and ``text``.
    """
    name, profile = profile_for(source, url)
    text = main_text(html, url)
    tree = clean_tree(_to_tree(html), keep_time=True)
    fields = page_fields(tree, html, text, url=url, profile=profile)
    if not fields.get("title"):
        m = re.search(r"(?m)^#{1,3} (.+)$", text)
        fields["title"] = m[1].strip() if m else None
    return {"source": name, **fields, "text": text}
