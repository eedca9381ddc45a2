"""Main text and fields of a job page: lxml pre-cleaning, trafilatura, residual cleanup.

The text is the posting without the site around it, as plain-text markdown: headings
as ``## Heading``, list items as ``- item`` / ``1. item``, tables as ``| a | b |`` rows.
How it is made, and why each step is there (figures in BENCHMARKS.md):

1. **Pre-cleaning** (:func:`clean_tree`): chrome that trafilatura's heuristics let
   through on job sites is removed by structure before extraction: cookie-consent
   containers (OneTrust, Cookiebot, Didomi, Complianz, TrustArc, home-made banners),
   nav/footer/role landmarks, breadcrumbs, share widgets, similar-job lists, login
   prompts. ``<dl>`` field lists and lists of label/value ``<li>`` pairs become
   "Label: value" items and ``<time>`` its text, all of which trafilatura would
   otherwise drop with the posting's deadline and grade in them. Tables that lay the
   page out are read as blocks (data tables stay tables).
2. **trafilatura** with options chosen on purpose: comments never on a posting, and
   elsewhere only where they outweigh the main text (a forum thread's replies are its
   content, an article's comments are not); tables, headings and lists kept; not
   ``deduplicate=True`` (it caches text across documents and would drop the paragraphs
   one employer repeats in every posting). The defaults and recall-first extraction
   both run; recall-first is taken when it adds to the defaults without doubling them
   (the defaults lose short list items and field blocks on job pages; precision-first
   settings lose more and return nothing on some). When both are nearly empty, the
   whole cleaned page as text: a posting is never lost to a setting. On a posting
   (:func:`_is_posting`), the short lines trafilatura cut around and between the
   paragraphs it kept (the title and deadline above the first paragraph, headings,
   closing lines) are put back.
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
import unicodedata
from collections import Counter
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from crawler.fields import html_labelled_fields, page_fields, parse_fragment, parse_tree
from crawler.sitefacts import facts_for

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
    r"login-prompt|job-alert|topbar|leftnav|topnav|navigation|navbar|"
    # search filters and facets beside a job page (PageUp repeats them on every posting)
    r"filters|facets|"
    # consent managers by name: Didomi, Complianz, TrustArc, Usercentrics, Osano, iubenda,
    # CookieYes, Quantcast
    r"didomi|cmplz|truste|trustarc|usercentrics|osano|iubenda|cky-consent|qc-cmp2|"
    r"cookiebanner|cookienotice)$",
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
    for field_list in list(tree.iter("ul", "ol")):
        if _is_field_list(field_list):
            _label_value_items(field_list)
    _sections_not_articles(tree)
    body_words = len(_text(tree).split())
    for table in list(tree.iter("table")):
        if _is_layout_table(table, body_words):
            # Old sites lay the page out in a table; read as a data table it would mix
            # menus, banner and posting into rows of one "table".
            for element in _own_table_parts(table):
                element.tag = "div"
                for key in ("colspan", "rowspan", "valign", "width"):
                    element.attrib.pop(key, None)
    return tree


def _sections_not_articles(tree: Any) -> None:
    """Sibling ``<article>`` elements become sections of their parent.

    trafilatura takes the first ``<article>`` of a page for its whole content. Career
    sites (Avature, many CMS templates) write one posting as several sibling articles
    ("Basic information", "Position summary", "Responsibilities", ...): read so, the
    posting was its five short fields and lost its description.
    """
    for parent in {a.getparent() for a in tree.iter("article") if a.getparent() is not None}:
        articles = [child for child in parent if child.tag == "article"]
        if len(articles) > 1:
            for article in articles:
                article.tag = "section"
                # Their inner blocks share class names ("article__content"), which
                # trafilatura reads as "the content is the first of these".
                for element in article.iter():
                    if isinstance(element.tag, str):
                        element.attrib.pop("class", None)


_LAYOUT_CONTENT = ("table", "h1", "h2", "h3")


def _own_table_parts(table: Any) -> list[Any]:
    """The table and its rows and cells, not those of tables nested in it (data tables)."""
    parts = [table]
    for element in table.iter("tbody", "thead", "tfoot", "tr", "td", "th"):
        nearest = next(element.iterancestors("table"), None)
        if nearest is table:
            parts.append(element)
    return parts


def _is_layout_table(table: Any, body_words: int) -> bool:
    """A table that lays the page out rather than holding data.

    Its cells hold headings or nested tables, or it holds most of the page. Paragraphs
    and lists in cells are not enough: data tables have them too (a comparison chart
    with a <p> per cell), and read as layout such a table loses its rows.
    """
    if next(table.iterancestors("table"), None) is not None:
        return False
    if len(_text(table).split()) * 2 >= body_words > 0:
        return True
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


_MAX_LABEL_WORDS = 6


def _pair(item: Any) -> tuple[Any, Any] | None:
    """The label and value elements of a list item laid out as a field, or None.

    ``<li><span class="label">Grade</span><span class="value">P-3</span></li>``: two
    child elements and no text of its own, a short label that is not a link.
    """
    children = [c for c in item if isinstance(c.tag, str)]
    if len(children) != 2 or (item.text or "").strip():
        return None
    if any((c.tail or "").strip() for c in children):
        return None
    label, value = children
    words = _text(label).split()
    if not 0 < len(words) <= _MAX_LABEL_WORDS or label.tag == "a" or label.find(".//a") is not None:
        return None
    if re.search(r"[.!?]$", words[-1]):
        return None
    return label, value


def _is_field_list(element: Any) -> bool:
    items = [c for c in element if c.tag == "li"]
    return len(items) >= 2 and len(items) == len(element) and all(_pair(i) for i in items)


def _label_value_items(field_list: Any) -> None:
    """A list of label/value items made "Label: value" lines trafilatura keeps.

    Such lists carry a posting's grade, location and deadline. trafilatura drops them:
    they are named like metadata (``job-meta``, whose "meta" it discards) and, without a
    colon, label and value run together. The names go (the list is the posting's), the
    label gets its colon, and a block value is made inline so the pair stays one line.
    """
    for element in field_list.iter():
        for key in ("class", "id", "style"):
            element.attrib.pop(key, None)
    for item in field_list:
        label, value = _pair(item) or (None, None)
        if label is None or value is None:
            continue
        label.text = _text(label).rstrip(":") + ":"
        for child in list(label):
            label.remove(child)
        label.tail = " "
        if value.tag in {"div", "p"}:
            value.tag = "span"


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
        r"allow all|best experience)"
        # "We and our partners use cookies", "This website uses cookies and ..."
        r"|\b(we|this (web)?site)( and (our|its) partners)? uses? cookies\b",
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
        _unindent(_APPLY_PREFIX.sub(r"\1", line))
        for line in text.splitlines()
        if not _is_chrome_line(line)
    ]
    while lines and (not lines[0].strip() or _EDGE_ONLY.match(_plain(lines[0]))):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _EDGE_ONLY.match(_plain(lines[-1]))):
        lines.pop()
    return _tidy("\n".join(lines))


_LIST_ITEM = re.compile(r"^(?:[-*+] |\d+[.)] |\|)")


def _unindent(line: str) -> str:
    """A line indented by trafilatura (a <br> run it renders as an indented block) reads
    as a code block in markdown; outside lists, indentation means nothing here."""
    stripped = line.lstrip()
    return line if stripped == line or _LIST_ITEM.match(stripped) else stripped


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
    # "python" gives the main text and the comments apart (both as markdown, with
    # include_formatting), so that comments are kept only where they are the content
    # (see _extract_text). On a schema.org forum thread trafilatura keeps the posts in
    # the main text only when comments are asked for.
    "output_format": "python",
    "include_comments": True,
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


def _trafilatura(tree: Any, url: str | None, **options: Any) -> tuple[str, str]:
    """trafilatura's main text of the page and, apart, its comments."""
    # trafilatura prunes the tree it is given: each run gets its own copy.
    document = trafilatura.bare_extraction(copy.deepcopy(tree), url=url, **_OPTIONS, **options)
    if document is None:
        return "", ""
    # extract() normalises to NFC; bare_extraction leaves that to its caller.
    main, comments = (
        unicodedata.normalize("NFC", (text or "").strip())
        for text in (document.text, document.comments)
    )
    return main, comments


def _extract_text(tree: Any, url: str | None) -> str:
    cleaned = clean_tree(tree)
    default, default_comments = _trafilatura(cleaned, url)
    recall, recall_comments = _trafilatura(cleaned, url, favor_recall=True, fast=True)
    if _words(default) < _MIN_WORDS or (
        _words(default) <= _words(recall) <= _RECALL_GROWTH * _words(default)
    ):
        text, comments = (
            (recall, recall_comments)
            if _words(recall) >= _words(default)
            else (default, default_comments)
        )
    else:
        text, comments = default, default_comments
    if _words(text) < _MIN_WORDS:
        # Both can come back empty on short postings: the whole cleaned page as text
        # rather than losing the posting.
        fallback = (trafilatura.html2txt(copy.deepcopy(cleaned)) or "").strip()
        if _words(fallback) > _words(text):
            text, comments = fallback, ""
    if not _is_posting(cleaned, text):
        if _words(comments) > _words(text):
            # A discussion page (forum thread, Q&A): the replies are the content and the
            # opening post is short. Elsewhere comments are not the page's text, and a
            # posting's never are: each new one would make a new version of the posting.
            text = f"{text}\n\n{comments}".strip()
        return text
    text = _restore_cut_lines(cleaned, text)
    title = _title(cleaned)
    if title and title.casefold() not in " ".join(text.split()).casefold():
        # A posting's title is part of the posting (an article's headline is not part of
        # its body in the benchmarks' ground truth, so only postings get it back).
        text = f"# {title}\n\n{text}"
    return text


_POSTING_WORDS = re.compile(
    r"\b(deadline|closing date|vacancy|vacancies|job description|duty station|"
    r"responsibilities|qualifications|requirements|grade|contract (type|level)|apply)\b",
    re.I,
)


_JOB_POSTING_JSONLD = re.compile(r'"@type"\s*:\s*(?:"JobPosting"|\[[^\]]*"JobPosting")')


def _is_posting(tree: Any, text: str) -> bool:
    """Whether the page is a job posting (what is restored below is a posting's only).

    Its text speaks of deadlines, grades, duties..., and the page says so in structure:
    a schema.org JobPosting, or a posting field set as a label ("Closing date: ...",
    <dt>Grade</dt>). The words alone are not enough: news about job cuts, a service
    page listing "qualifications" and "requirements" have them too.
    """
    words = {m[0].lower() for m in _POSTING_WORDS.findall(text[:20000])}
    if len(words) < 2:
        return False
    if any(
        _JOB_POSTING_JSONLD.search(script.text or "")
        for script in tree.iter("script")
        if (script.get("type") or "").lower() == "application/ld+json"
    ):
        return True
    return bool(set(html_labelled_fields(tree)) & _POSTING_FIELDS)


# Fields only a posting labels (an article has a posted date and a location too).
_POSTING_FIELDS = {"closing_date", "grade", "contract_type", "job_number"}


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


# --- 2b. lines of a posting that trafilatura cut ---------------------------------------------
#
# trafilatura cuts short lines at the edges of what it takes and between paragraphs: a
# posting's header (title, dates, "Application Deadline: ..." set as headings above the
# first paragraph), its closing lines ("Other information" / "HomeBased" / "No": headings
# at the end, which it trims as it trims an article's trailing headings), and headings
# between paragraphs when it recovers "wild" paragraphs (no recognised content container).
# On a posting those lines are the posting's. The page's blocks are aligned with the text
# trafilatura kept; the short blocks it left out around and between them are put back
# where they stand on the page. Long blocks are not: trafilatura left those out on
# purpose, and a short line that is chrome or mostly a link is not either.

_LEAF_BLOCKS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th", "div",
    "section", "article", "blockquote", "pre", "caption", "figcaption", "header", "main",
    "aside", "ul", "ol", "dl", "table", "tr", "form", "body",
}  # fmt: skip
_NOT_TEXT = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}
_ANCHOR_WORDS = 5
_MAX_RESTORED_WORDS = 25
_MAX_RESTORED_LINES = 25


def _visible_text(element: Any) -> str:
    """The element's text as shown: no script or style, a line break at each <br>."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "br":
            parts.append("\n")
        elif isinstance(node.tag, str) and node.tag not in _NOT_TEXT:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _norm(text: str) -> str:
    """Text compared across page and output: no markdown marks, case or spacing."""
    text = re.sub(r"\*\*|__|`|\\(?=[\[\]*_#`()>+!-])", "", text)
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.|#+)\s+", "", text)
    return " ".join(text.replace("|", " ").split()).casefold()


def _leaf_blocks(tree: Any) -> list[Any]:
    """Blocks with text and no block inside them, in page order."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    leaves = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _LEAF_BLOCKS:
            continue
        if any(isinstance(d.tag, str) and d.tag in _LEAF_BLOCKS for d in element.iterdescendants()):
            continue
        if any(isinstance(a.tag, str) and a.tag in _NOT_TEXT for a in element.iterancestors()):
            continue
        if _visible_text(element):
            leaves.append(element)
    return leaves


def _link_share(element: Any) -> float:
    total = len(_visible_text(element))
    links = sum(len(_visible_text(a)) for a in element.iter("a"))
    return links / total if total else 0.0


def _restorable(element: Any) -> bool:
    text = _visible_text(element)
    return (
        len(text.split()) <= _MAX_RESTORED_WORDS
        and _link_share(element) <= 0.5
        and not _is_chrome_line(text)
        and not _EDGE_ONLY.match(text)
    )


def _as_line(element: Any) -> str:
    text = _visible_text(element)
    if re.fullmatch(r"h[1-6]", element.tag):
        return f"{'#' * int(element.tag[1])} {' '.join(text.split())}"
    return f"- {' '.join(text.split())}" if element.tag == "li" else text


def _restore_cut_lines(cleaned: Any, text: str) -> str:
    lines = text.split("\n")
    normed = [_norm(line) for line in lines]
    # where each output line starts in the joined, normalised text
    starts, offset = [], 0
    for line in normed:
        starts.append(offset)
        offset += len(line) + 1
    joined = " ".join(normed)
    blocks = _leaf_blocks(cleaned)
    keys = [_norm(_visible_text(b)) for b in blocks]
    # anchors: blocks of some length found in the text, in page order
    anchors: list[tuple[int, int]] = []  # (block index, output line)
    cursor = 0
    for index, key in enumerate(keys):
        if len(key.split()) < _ANCHOR_WORDS or _is_chrome_line(key):
            continue
        found = joined.find(key, cursor)
        if found < 0:
            continue
        cursor = found + len(key)
        line = max(i for i, start in enumerate(starts) if start <= found)
        anchors.append((index, line))
    if not anchors:
        return text

    def present(key: str, first_line: int, last_line: int) -> bool:
        region = " ".join(normed[first_line : last_line + 1])
        if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", region):
            return True
        # A block trafilatura kept in part (its "Apply now" link dropped, its lines
        # split) is there: most of its words are.
        words = Counter(re.findall(r"\w+", key))
        if sum(words.values()) < _ANCHOR_WORDS:
            return False
        found = words & Counter(re.findall(r"\w+", region))
        return sum(found.values()) >= 0.8 * sum(words.values())

    inserts: dict[int, list[str]] = {}  # before output line -> lines
    # the header: from the posting's title heading (or the first anchor's siblings) down
    first_block, first_line = anchors[0]
    title_index = next(
        (i for i in range(first_block) if blocks[i].tag == "h1"
         or (blocks[i].tag == "h2" and "title" in (blocks[i].get("class") or ""))),
        None,
    )  # fmt: skip
    if title_index is None:
        parent = blocks[first_block].getparent()
        title_index = first_block
        while title_index > 0 and blocks[title_index - 1].getparent() is parent:
            title_index -= 1
    header = [
        _as_line(blocks[i]) for i in range(title_index, first_block)
        if _restorable(blocks[i]) and not present(keys[i], 0, first_line)
    ]  # fmt: skip
    inserts.setdefault(0, []).extend(header[:_MAX_RESTORED_LINES])
    # between anchors
    for (a, a_line), (b, b_line) in zip(anchors, anchors[1:], strict=False):
        if b_line == a_line:
            continue
        missing = [
            _as_line(blocks[i]) for i in range(a + 1, b)
            if _restorable(blocks[i]) and not present(keys[i], a_line, b_line)
        ]  # fmt: skip
        if missing:
            inserts.setdefault(b_line, []).extend(missing[:_MAX_RESTORED_LINES])
    # the end: short blocks after the last anchor in the posting's container, up to the
    # first that is not restorable (chrome begins there)
    last_block, last_line = anchors[-1]
    container = _common_ancestor(blocks[first_block], blocks[last_block])
    trailer: list[str] = []
    for i in range(last_block + 1, len(blocks)):
        if container is not None and container not in blocks[i].iterancestors():
            break
        if not _restorable(blocks[i]) or len(trailer) >= _MAX_RESTORED_LINES:
            break
        if not present(keys[i], last_line, len(lines) - 1):
            trailer.append(_as_line(blocks[i]))
    out: list[str] = []
    for index, line in enumerate(lines):
        for restored in inserts.get(index, []):
            out += [restored, ""]
        out.append(line)
    if trailer:
        out += ["", *[x for line in trailer for x in (line, "")]]
    return "\n".join(out).strip()


def _common_ancestor(first: Any, second: Any) -> Any:
    ancestors = set(first.iterancestors())
    return next((a for a in second.iterancestors() if a in ancestors), None)


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


_NESTED_ITEM = re.compile(r"^(?:  )+(?:- |\d+\. )")


def fragment_text(html: str) -> str:
    """Text of an HTML fragment that is all content (an API's description field).

    Every paragraph, heading and list item is kept (no main-content guessing, which
    could drop a short paragraph); headings become ``## ...``, list items ``- ...`` or
    ``1. ...``, table rows ``| a | b |``.
    """
    if not html or not html.strip():
        return ""
    root = parse_fragment(html)
    for element in list(root.iter("script", "style", "noscript", "template")):
        _drop(element)
    out: list[str] = []
    _fragment_walk(root, out, [])
    text = "".join(out)
    # Leading spaces are kept only where they nest a list item ("  - item"); elsewhere
    # they are the source's indentation of its HTML, not the text's.
    lines = [
        line.rstrip() if _NESTED_ITEM.match(line) else " ".join(line.split())
        for line in text.splitlines()
    ]
    return _tidy("\n".join(lines).replace("\n\n\n", "\n\n"))


def _fragment_walk(
    node: Any, out: list[str], lists: list[list[int | None]], item_start: bool = False
) -> None:
    """`item_start`: the node opens a list item (`<li><p>...`, as rich-text editors
    write lists): its text goes on the item's line, not a paragraph below a bare "-"."""
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
    elif tag in _BLOCKS and not item_start:
        out.append("\n\n" if tag != "br" else "\n")
    if node.text and tag != "br":
        out.append(node.text)
    opens_item = tag == "li" and not (node.text or "").strip()
    for index, child in enumerate(node):
        _fragment_walk(child, out, lists, item_start=opens_item and index == 0)
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

    ``source`` names the site whose facts (date order, zone) apply (``unicef``,
    ``uncareers``, ...; see crawler/sitefacts.py); without it the URL's host decides, and
    an unknown site reads numeric dates only when they are unambiguous. This is the
    generic reading of any page; a built-in source's own parsing is
    ``spiders.offline.parse_saved``. Returns the archive's
    posting fields (``title``, ``organization``, ``location``, ``country``, ``grade``,
    ``contract_type``, ``job_number``, ``posted_date``, ``closing_date``, ``status``,
    ``categories``), ``grade_raw``, ``source`` and ``text``.
    """
    name, profile = facts_for(source, url)
    text = main_text(html, url)
    tree = clean_tree(_to_tree(html), keep_time=True)
    fields = page_fields(tree, html, text, url=url, profile=profile)
    if not fields.get("title"):
        m = re.search(r"(?m)^#{1,3} (.+)$", text)
        fields["title"] = m[1].strip() if m else None
    return {"source": name, **fields, "text": text}
