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
1b. **The job board around a posting** (:func:`clean_posting`), on a posting's page
   only (:func:`_is_posting`: posting words in English, Spanish, Catalan, German or
   French, and a JobPosting, a labelled posting field or a posting's URL): what boards
   put beside a posting, recognised by kind and never by a site's names. Lists of other
   postings (entries linking to URLs shaped like the page's own, or under a title such
   as "Similar jobs" / "Ähnliche Jobs" / "Ofertas similares"); widgets by their caption
   (salary estimates, AI summaries and their "Is this helpful?", "How you match",
   recruiters and alumni, job alerts, returning-applicant logins), climbing to the small
   box around it; company and review boxes without prose (the employer's own "About the
   company" paragraph stays); forms, fieldsets, inputs and their labels; apply, referral
   and "required field" lines; menus, link bars and in-page contents; an h1 that is the
   site's logo; view and applicant counts on a meta line ("Posted 7 hours ago · 8,436
   views"; the place beside them stays).
2. **trafilatura** with options chosen on purpose: comments never on a posting, and
   elsewhere only where they outweigh the main text (a forum thread's replies are its
   content, an article's comments are not); tables, headings and lists kept; not
   ``deduplicate=True`` (it caches text across documents and would drop the paragraphs
   one employer repeats in every posting). The defaults and recall-first extraction
   both run; recall-first is taken when it adds to the defaults without doubling them,
   and on a posting, whose board chrome is gone by then, whenever it keeps what the
   defaults kept (the defaults lose short list items, field blocks, lists in tables and
   later sections on job pages; precision-first settings lose more and return nothing
   on some). When both are nearly empty, the whole cleaned page as text: a posting is
   never lost to a setting. On a posting, the short lines trafilatura cut around and
   between the paragraphs it kept (the title and deadline above the first paragraph,
   the title and field rows of an old ATS's layout table, headings, closing lines) are
   put back.
3. **Residual boilerplate** (:data:`CHROME_LINES`): whole lines that are chrome
   ("Apply now", "Back to search results", "Zurück zur Übersicht", "Job 1 of 1",
   "Send job to a friend", "Similar jobs", "Report Problem", cookie notices, OpenID
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
from urllib.parse import parse_qsl, urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from crawler.fields import html_labelled_fields, page_fields, parse_fragment, parse_tree
from crawler.sitefacts import facts_for

log = logging.getLogger(__name__)

__all__ = [
    "CHROME_LINES",
    "clean_posting",
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
            table.set(_LAYOUT_MARK, "")
    return tree


# Marks a layout table read as blocks: a posting's header rows are in it (see
# _restore_cut_lines).
_LAYOUT_MARK = "data-layout-table"


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


# --- 1b. the job board around a posting ----------------------------------------------------
#
# Job sites put the same kinds of things around a posting, whatever their markup: lists of
# other postings, boxes (salary estimates, the company, AI summaries, "how you match",
# recruiters and alumni, job alerts), apply machinery (application forms, "send job to a
# friend", returning-applicant logins), navigation inside the content column and meta
# lines that count views. They are recognised here by kind, from what any site shows of
# them: links to pages shaped like the posting's own URL, a box's title or caption in
# English, German, Spanish, Catalan or French, inputs, link density. None names a site.
# Only a posting's page gets this (see _is_posting): a listing's content is a list of
# links to pages like itself, and an article's boxes are the benchmarks' business.

_INPUTS = ("input", "textarea", "select")
# Titles of boxes that are never the posting: other postings, job alerts, sharing, an
# in-page table of contents. Also dropped as whole lines of the text (_CHROME_PHRASES).
_ELSEWHERE_TITLES = (
    r"(similar|related|recommended|suggested|matching) (jobs|positions|vacancies|offers|roles|"
    r"opportunities|postings)( for you)?",
    r"(other|more) (jobs|positions|vacancies|openings|opportunities|roles|offers)"
    r"( (at|from|by|with|in|like this)\b.{0,40})?",
    r"(other )?jobs you (may|might) (also )?(like|be interested in)",
    r"(other jobs|jobs) (you|that) (might|may) (interest you|be of interest)",
    r"you (may|might) also (like|be interested in)",
    r"people (also|who viewed this job also) viewed",
    r"(your )?recently viewed( jobs)?",
    r"(ähnliche|weitere|passende) (jobs|stellen|stellenangebote|angebote|inserate)",
    r"das könnte (dich|sie) auch interessieren",
    r"(ofertas|empleos|trabajos) (similares|relacionad[oa]s|recomendad[oa]s)",
    r"otras ofertas( de empleo)?( que te pueden interesar)?",
    r"(ofertes|feines) (similars|relacionades)|altres ofertes",
    r"(offres|emplois|postes) (similaires|recommandés|recommandées)|autres offres( d'emploi)?",
    r"vous (pourriez|aimerez) aussi",
    r"(vagas|offerte|annunci) (semelhantes|simili)|vergelijkbare vacatures",
    r"(popular|related|top|trending|recent) searches|beliebte suchen|"
    r"búsquedas (populares|relacionadas)|recherches (populaires|associées)",
    r"(table of )?contents|on this page|inhalt(sverzeichnis)?|índice|sommaire",
)
_ELSEWHERE_TITLE = re.compile(rf"^\W*(?:{'|'.join(_ELSEWHERE_TITLES)})\W*$", re.I)
# Titles of boxes that are the board's when nothing in them is prose: the company box
# (name, size, a profile link, ratings) is; the employer's own "About the company"
# paragraph, which is part of the posting, is prose.
_BOARD_BOX_TITLE = re.compile(
    r"^\W*(?:about the (company|employer|organi[sz]ation)|company (info|information|profile|"
    r"overview|details)|(company )?reviews|ratings|über (das unternehmen|den arbeitgeber|"
    r"die firma)|(unternehmens)?bewertungen|(sobre|acerca de) la (empresa|compañía)|"
    r"opiniones|sobre l'empresa|à propos de l'entreprise|l'entreprise|avis)\W*$",
    re.I,
)
# Captions that mark a board widget, in the box they caption (the box climbs from there:
# see _widget_box). Each is the widget's own wording, never a posting's.
_WIDGET_CAPTIONS = (
    # AI summaries of the posting, and the feedback prompt under them
    r"ai[- ]generated (summary|content|description)|summary (generated|written) by ai|"
    r"ki-generierte zusammenfassung|resumen generado (por|con) (la )?ia|"
    r"résumé généré par (l'|l’)?ia",
    r"(is|was) this (helpful|useful)|war (das|dies) hilfreich|te ha (resultado|sido) útil|"
    r"cela vous a-t-il été utile",
    # salary teasers and estimates
    r"what can i earn as|see (more )?detailed salary|(salary estimate|estimated salary) "
    r"(from|by)|(log|sign) ?in,? to see (the )?(salary|estimate)|salary (check|insights)|"
    r"how much (do|could|can|would) (you|i) earn|find out how much you (could )?earn|"
    r"gehaltsschätzung|lohn(check|schätzung|rechner)|"
    r"was verdient (man|ein)|estimaci[óo]n (salarial|de salario)|cu[áa]nto (se )?gana|"
    r"estimation (de|du) salaire|combien gagne",
    # recruiters, alumni and the viewer's network
    r"see who .{1,60} (has )?hired|meet the hiring team|people you can reach out to|"
    r"\d+ (connections?|alumni|employees) (work|works|worked) here|get introduced|"
    r"people (also|who viewed this job also) viewed",
    # how the viewer's profile matches
    r"how you match|show match details|your (skills|profile) match|am i a good fit",
    # job alerts and sign-up boxes
    r"receive new .{0,60}jobs|jobs matching your profile|get (new )?(job )?alerts|"
    r"(create|set up) (a )?(new )?job alert|job alerts? (by|via) e-?mail|"
    r"get notified (about|of|when)|e-?mail me (new |similar )?jobs|jobs? per e-?mail|"
    r"job-?abo|alertas? de empleo|recibe (nuevas )?ofertas|alertes? (e|é)mploi|"
    r"recevez (les )?(nouvelles )?offres",
    # returning-applicant logins
    r"returning (applicant|candidate|user)s?\s*(\?|:|log|sign)|"
    r"already (have an account|applied|registered)|ya tienes (perfil|cuenta)|"
    r"ja tens (perfil|compte)|sóc usuari|bereits registriert|vous avez déjà un compte|"
    r"to update your profile",
)
_WIDGET_CAPTION = re.compile(rf"(?:{'|'.join(_WIDGET_CAPTIONS)})", re.I)
# AI summaries are boxes of generated text: their box may hold prose.
_GENERATED = re.compile(_WIDGET_CAPTIONS[0], re.I)
# Lines that are an apply or referral button, or a form's note: the element alone goes.
_APPLY_LINE = re.compile(
    r"^\W*(?:apply (now|online|on-?line|here)|apply (for|to) this (job|position|role|vacancy)"
    r"( online| now)?|send (this )?job to a friend|e-?mail (this )?job( to a friend)?|"
    r"refer a friend( to this job)?|tell a friend|add to (my )?(job )?cart|save (this )?job|"
    r"(upload|add|attach) (your |a )?(resume|cv)|apply with \w+|autocompletar con \w+|"
    r".{0,20}indicates a required field|required fields are marked.{0,30}|"
    r"inscribirme( manualmente)?|inscríbete|postuler|jetzt bewerben|online bewerben)\W*$",
    re.I,
)
# A pager's counter over a posting reached from a list of results ("Job 1 of 1").
_PAGER = re.compile(
    r"^\W*(job|vacancy|posting|stelle|oferta|offre) \d+ (of|von|de|sur) \d+\W*$", re.I
)
# A meta line that stamps the posting with a count of views or applicants, and with the
# time since it was posted ("Posted 7 hours ago · 8,436 views"): it changes with every
# fetch and is the board's. Its other parts ("Geneva · 2 weeks ago · Over 200
# applicants": the place) are the posting's and stay.
_STAMP_SEPARATOR = re.compile(r"\s+[·•|]\s+|\s*[·•]\s*")
_COUNT = re.compile(
    r"^\W*(over |more than |be among the first |mehr als |más de |plus de )?\d[\d,.' ]*\+?\s*"
    r"(views|viewers|clicks|applicants|applications|aufrufe|bewerbungen|bewerber|visitas|"
    r"visualizaciones|inscritos|candidatos|vues|candidatures|candidats)\W*$",
    re.I,
)
_RELATIVE_TIME = re.compile(
    r"^\W*((posted|published|reposted|updated|veröffentlicht|publicado|publicada|publié|"
    r"publiée)\s+)?(about |over |more than |vor |hace |il y a )?(\d+\+?|an?|one)\s*"
    r"(seconds?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|w|months?|years?|minuten|"
    r"stunden|tagen?|wochen|monaten|minutos|horas|días|semanas|meses|heures|jours|semaines|"
    r"mois)(\s+ago|\s+(veröffentlicht|publiziert|aktualisiert))?\W*$|"
    r"^\W*(posted |published )?(today|yesterday|just now|heute|gestern|hoy|ayer|"
    r"aujourd'hui|hier)\W*$",
    re.I,
)
_MAX_STAMP_WORDS = 15


def _without_stamp(line: str) -> str | None:
    """A short line without its count stamp and relative time, or None when it has none.

    "" when nothing else is on the line.
    """
    if len(line.split()) > _MAX_STAMP_WORDS:
        return None
    parts = [p for p in _STAMP_SEPARATOR.split(_plain(line)) if p.strip()]
    if len(parts) == 1:
        # "Posted 7 hours ago 8,436 views": a time and a count without a separator
        m = re.match(r"^(.*?\bago)\s+(.+)$", parts[0], re.I)
        if m and _RELATIVE_TIME.match(m[1]):
            parts = [m[1], m[2]]
    if not any(_COUNT.match(p) for p in parts):
        return None
    kept = [p.strip() for p in parts if not (_COUNT.match(p) or _RELATIVE_TIME.match(p))]
    return " · ".join(kept)


_MAX_CAPTION_WORDS = 20
# A widget's box: at most this many words, and at most this share of the page's words.
_MAX_WIDGET_WORDS = 150
_MAX_WIDGET_SHARE = 0.25
# In a widget (no AI summary) the words outside links: its caption and a short line.
_MAX_WIDGET_PLAIN_WORDS = 25
# A list of other postings: per entry, the words beside its link (place, employer, date).
_MAX_ENTRY_WORDS = 12
_PROSE_WORDS = 25
_CONTAINERS = {"body", "html", "main", "article"}
_ITEMS = {"li", "dt", "dd", "tr", "td", "th"}


def clean_posting(tree: Any, url: str | None = None) -> Any:
    """Drop the job board's chrome around a posting (a tree from clean_tree), in place."""
    _drop_controls(tree)
    _drop_forms(tree)
    _drop_other_postings(tree, url)
    _drop_titled_boxes(tree)
    _drop_widgets(tree)
    _drop_link_lists(tree, url)
    _drop_logo_headings(tree, url)
    return tree


def _words_in(element: Any) -> int:
    return len(_visible_text(element).split())


def _plain_words(element: Any) -> int:
    """Words of the element outside its links."""
    links = sum(_words_in(a) for a in element.iter("a") if not _has_link_ancestor(a, element))
    return _words_in(element) - links


def _has_link_ancestor(link: Any, stop: Any) -> bool:
    for ancestor in link.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag == "a":
            return True
    return False


def _attached(element: Any, root: Any) -> bool:
    return element is root or any(a is root for a in element.iterancestors())


def _has_prose(element: Any) -> bool:
    """Whether a block holds a sentence of some length (a description, not a widget)."""
    return _prose_words(element) > 0


def _prose_words(element: Any) -> int:
    """Words in the element's blocks of prose (not mostly links, of some length)."""
    return sum(
        words
        for block in _leaf_blocks_of(element)
        if (words := _words_in(block)) >= _PROSE_WORDS and _link_share(block) < 0.5
    )


def _leaf_blocks_of(element: Any) -> list[Any]:
    blocks = [
        e for e in element.iter()
        if isinstance(e.tag, str) and e.tag in _LEAF_BLOCKS
        and not any(isinstance(d.tag, str) and d.tag in _LEAF_BLOCKS for d in e.iterdescendants())
    ]  # fmt: skip
    return blocks or [element]


def _body_words(tree: Any) -> int:
    body = tree.find(".//body")
    return _words_in(body if body is not None else tree)


# ARIA roles of menus and toolbars. (Not "button": a link made a button is an "Apply"
# or "Save" line, which the line rules drop; taken out of a box of the site's own
# chrome, it leaves the box less of links, and trafilatura keeps the box.)
_CONTROL_ROLES = {"menu", "menubar", "toolbar"}
_FIELD_LINE = re.compile(r"^[^\n:]{1,40}:\s*\S", re.M)


def _drop_controls(tree: Any) -> None:
    """Controls by their ARIA role, and sidebars (``aside``, role complementary) that
    are mostly links and hold no "Label: value" field of the posting."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or not _attached(element, tree):
            continue
        role = (element.get("role") or "").lower()
        sidebar = element.tag == "aside" or role == "complementary"
        if role in _CONTROL_ROLES or (
            sidebar
            and _link_share(element) >= 0.5
            and not _FIELD_LINE.search(_visible_text(element))
        ):
            _drop(element)


def _drop_forms(tree: Any) -> None:
    """Application forms, sign-up and search boxes: forms, fieldsets and their inputs.

    An application form (three labelled fields or more) goes unless it holds the page's
    title; so does its EEO survey, a few paragraphs of prose. Another form stays when it
    wraps the posting, without its inputs and their labels: ASP.NET writes one around
    the whole page, an old ATS one around the posting for its apply button. It holds
    the page's title, half its words or much of its prose, or has no field to fill in.
    """
    body = tree.find(".//body")
    body_words, body_prose = _body_words(tree), _prose_words(tree if body is None else body)
    for form in list(tree.iter("form")):
        if not _attached(form, tree):
            continue
        fields = sum(_fills_in(e) for e in form.iter(*_INPUTS))
        labels = sum(1 for _ in form.iter("label"))
        titled = form.find(".//h1") is not None
        if min(fields, labels) >= _MIN_APPLICATION_FIELDS:
            wraps = titled
        else:
            wraps = (
                titled
                or fields == 0
                or _words_in(form) * 2 >= body_words
                or _prose_words(form) >= 0.4 * body_prose > 0
            )
        if not wraps:
            _drop(form)
    for fieldset in list(tree.iter("fieldset")):
        if _attached(fieldset, tree) and next(fieldset.iter(*_INPUTS), None) is not None:
            _drop(fieldset)
    ids = {e.get("id") for e in tree.iter(*_INPUTS) if e.get("id")}
    for label in list(tree.iter("label")):
        if label.get("for") in ids or next(label.iter(*_INPUTS), None) is not None:
            _drop(label)
    for element in list(tree.iter(*_INPUTS)):
        _drop(element)


_MIN_APPLICATION_FIELDS = 3


def _fills_in(control: Any) -> bool:
    """Whether a form control is one to fill in (not a hidden value or a button)."""
    kind = (control.get("type") or "text").lower()
    return control.tag != "input" or kind not in {"hidden", "submit", "button", "image", "reset"}


def _url_shape(url: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """Host, path segments with their variable parts as "#", and query keys, of a URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    segments = tuple(
        "#" if re.search(r"\d", s) or len(re.findall(r"[-_]", s)) >= 2 or len(s) > 30
        else s.lower()
        for s in parts.path.split("/") if s
    )  # fmt: skip
    keys = tuple(sorted({k.lower() for k, _ in parse_qsl(parts.query) if not k.startswith("utm_")}))
    return parts.netloc.lower(), segments, keys


def _other_posting_links(tree: Any, url: str | None) -> list[Any]:
    """Links to other postings of the site: URLs shaped like the page's own."""
    if not url:
        return []
    own = _url_shape(url)
    if own is None or ("#" not in own[1] and not own[2]):
        return []
    found = []
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(url, href).split("#")[0]
        shape = _url_shape(target)
        if shape is None or shape != own or target.rstrip("/") == url.split("#")[0].rstrip("/"):
            continue
        found.append(link)
    return found


def _drop_other_postings(tree: Any, url: str | None) -> None:
    """Lists of other postings ("Similar jobs", "People also viewed", ...), by their links.

    Each entry links to another posting of the same site, a URL shaped like the page's
    own; beside its link an entry has a few words (place, employer, date). The largest
    block made of two or more such entries and little else goes, with its title.
    """
    links = _other_posting_links(tree, url)
    if len(links) < 2:
        return
    counts: Counter[Any] = Counter()
    for link in links:
        for ancestor in link.iterancestors():
            counts[ancestor] += 1
    link_set = set(links)

    def is_list(element: Any) -> bool:
        n = counts[element]
        if n < 2 or element.tag in _CONTAINERS or element.find(".//h1") is not None:
            return False
        # entries are elements: a sentence that names two other postings is prose
        own = [element.text or "", *(c.tail or "" for c in element)]
        if len(" ".join(own).split()) > 2 * n:
            return False
        linked = sum(_words_in(a) for a in element.iter("a") if a in link_set)
        return _words_in(element) - linked <= _MAX_ENTRY_WORDS * n

    for element in list(counts):
        if not _attached(element, tree) or not is_list(element):
            continue
        if any(is_list(a) for a in element.iterancestors()):
            continue
        _drop(element)


_TITLE_LIKE = {"p", "div", "span", "strong", "b", "legend", "caption", "dt"}
_MAX_TITLE_WORDS = 8


def _title_elements(tree: Any) -> list[Any]:
    """Headings, and short elements that stand for one (a bold line, a caption)."""

    def title_like(element: Any) -> bool:
        return (
            element.tag in _TITLE_LIKE
            and 0 < _words_in(element) <= _MAX_TITLE_WORDS
            and not any(isinstance(c.tag, str) and c.tag in _LEAF_BLOCKS for c in element)
        )

    return [
        element for element in tree.iter()
        if isinstance(element.tag, str) and element.tag not in _NOT_TEXT
        and (re.fullmatch(r"h[1-6]", element.tag) or element.get("role") == "heading"
             or title_like(element))
    ]  # fmt: skip


def _rank(element: Any) -> int:
    return int(element.tag[1]) if re.fullmatch(r"h[1-6]", element.tag) else 7


def _titled_box(title: Any, fits: Any, *, runs: bool = False) -> list[Any]:
    """The box a title heads, as the elements to drop, when ``fits(elements)``.

    The largest ancestor whose text the title begins. With ``runs``, when the title
    begins none, the title and the siblings after it while each is mostly links (a
    list of links under a heading, in a column that goes on with other things).
    """
    text = _norm(_visible_text(title))
    box = title
    for ancestor in title.iterancestors():
        if ancestor.tag in _CONTAINERS or ancestor.tag in {"ul", "ol", "table", "tbody"}:
            break
        begins = _norm(_visible_text(ancestor)).startswith(text)
        if not begins or ancestor.find(".//h1") is not None or not fits([ancestor]):
            break
        box = ancestor
    if box is not title or not runs:
        return [box]
    run = [title]
    for sibling in title.itersiblings():
        if not isinstance(sibling.tag, str) or not _visible_text(sibling):
            continue
        if _link_share(sibling) < 0.5 or not fits([*run, sibling]):
            break
        run.append(sibling)
    return run


def _box_words(run: list[Any]) -> tuple[int, float]:
    words = sum(_words_in(e) for e in run)
    links = sum(_words_in(a) for e in run for a in e.iter("a"))
    return words, (links / words if words else 0.0)


def _drop_titled_boxes(tree: Any) -> None:
    """Boxes titled as other postings, alerts or contents, and board boxes without prose.

    A box of other postings is mostly links; alone, its title goes too. A company or
    reviews box goes only when it has no prose and links somewhere (the board's company
    profile): the employer's own paragraph under the same title is the posting's.
    """
    body_words = _body_words(tree)

    def elsewhere(run: list[Any]) -> bool:
        words, links = _box_words(run)
        return links >= 0.3 and words <= max(400, body_words // 3)

    def board(run: list[Any]) -> bool:
        words, links = _box_words(run)
        return (
            links > 0 and words <= 80 and words <= body_words * _MAX_WIDGET_SHARE
            and not any(_has_prose(e) for e in run)
        )  # fmt: skip

    for title in _title_elements(tree):
        if not _attached(title, tree):
            continue
        text = _visible_text(title)
        if _ELSEWHERE_TITLE.match(text):
            for element in _titled_box(title, elsewhere, runs=True):
                _drop(element)
        elif _BOARD_BOX_TITLE.match(text):
            run = _titled_box(title, board)
            if run != [title]:
                for element in run:
                    _drop(element)


def _widget_box(caption: Any, body_words: int) -> Any:
    """The box a widget's caption is in: climbs while the box stays small and plain.

    Never out of a list item or table cell (its siblings are a list's other items), nor
    into a block with the page's title, prose (but for AI summaries, which are prose), or
    more than a few words beside its links.
    """
    generated = bool(_GENERATED.search(_visible_text(caption)))
    box = caption
    while True:
        if box.tag in _ITEMS:
            return box
        parent = box.getparent()
        if parent is None or parent.tag in _CONTAINERS or parent.find(".//h1") is not None:
            return box
        words = _words_in(parent)
        if words > _MAX_WIDGET_WORDS or words > body_words * _MAX_WIDGET_SHARE:
            return box
        plain = _plain_words(parent) <= _MAX_WIDGET_PLAIN_WORDS and not _has_prose(parent)
        if not generated and not plain:
            return box
        box = parent


def _drop_widgets(tree: Any) -> None:
    """Board widgets by their caption, apply buttons and count stamps by their wording."""
    body_words = _body_words(tree)
    doomed: list[Any] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
            continue
        text = _visible_text(element)
        words = len(text.split())
        if not 0 < words <= _MAX_CAPTION_WORDS:
            continue
        # the smallest element that says it: its box or wrapper is found from there
        inner = [_visible_text(c) for c in element if isinstance(c.tag, str)]
        if _WIDGET_CAPTION.search(text):
            if not any(_WIDGET_CAPTION.search(t) for t in inner):
                doomed.append(_widget_box(element, body_words))
        elif _is_chrome_element(text) and not any(_is_chrome_element(t) for t in inner):
            doomed.append(_wrapper(element))
    for element in doomed:
        if _attached(element, tree):
            parent = element.getparent()
            _drop(element)
            _drop_if_emptied(parent)


def _is_chrome_element(text: str) -> bool:
    """Whether an element's whole text is an apply line, a count stamp or a pager's
    counter ("Job 1 of 1"), split over lines or not.

    (Not every whole-line chrome phrase: an "Apply" link taken out of a box of the
    site's own chrome leaves the box less of links, and trafilatura keeps the box. The
    line rules drop those after extraction.)
    """
    line = " ".join(text.split())
    return bool(_APPLY_LINE.match(line) or _PAGER.match(line)) or _without_stamp(text) == ""


def _wrapper(element: Any) -> Any:
    """The outermost ancestor with the same text as the element (a button's cell, item)."""
    text = _visible_text(element)
    while True:
        parent = element.getparent()
        if parent is None or parent.tag in _CONTAINERS or _visible_text(parent) != text:
            return element
        element = parent


def _drop_if_emptied(element: Any) -> None:
    """A list left without items goes, with a lead-in line of its own ("Your choices:")."""
    if element is None or element.tag not in {"ul", "ol"} or _visible_text(element):
        return
    parent = element.getparent()
    lead = (parent.text or "").strip() if parent is not None else ""
    _drop(element)
    if parent is not None and lead.endswith(":") and len(lead.split()) <= 8:
        parent.text = None


_HOME = re.compile(r"^\W*(home|home page|start|startseite|inicio|inici|accueil)\W*$", re.I)
_DOCUMENT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|rtf)(\?|$)", re.I)


def _drop_link_lists(tree: Any, url: str | None) -> None:
    """Link bars, breadcrumb trails and in-page contents inside the content column.

    A block of four or more links of at most three words each and nothing else ("Home |
    My Workbench | My Profile | Login") is a menu; a short trail of links that starts
    at the site's home ("Home > Search openings > Search results > Job details", the
    last one the page itself, unlinked) is a breadcrumb; a list of three or more links
    to places on the page is a table of contents. Links to documents are not a menu.
    """
    for element in list(tree.iter("ul", "ol", "tr", "table", "p", "div", "td")):
        if not _attached(element, tree):
            continue
        links = [a for a in element.iter("a") if _visible_text(a)]
        words = _words_in(element)
        if len(links) < 2 or words > 60:
            continue
        hrefs = [(a.get("href") or "").strip() for a in links]
        if any(_DOCUMENT.search(h) for h in hrefs):
            continue
        short = all(len(_visible_text(a).split()) <= 3 for a in links)
        share = _link_share(element)
        contents = (
            len(links) >= 3
            and share >= 0.9
            and all(h.startswith("#") and len(h) > 1 for h in hrefs)
        )
        menu = len(links) >= 4 and share >= 0.9 and short
        trail = (
            words <= 20
            and share >= 0.6
            and short
            and (_HOME.match(_visible_text(links[0])) or _links_home(links[0], url))
        )
        if contents or menu or trail:
            _drop(element)


def _links_home(link: Any, url: str | None) -> bool:
    """Whether a link goes to the site's root."""
    target = urlsplit(urljoin(url or "", (link.get("href") or "").strip()))
    return target.path.rstrip("/") == "" and not target.query


def _drop_logo_headings(tree: Any, url: str | None) -> None:
    """An h1 inside a link home (the site's root, or a folder above the page) is the
    site's logo, not the posting's title; a title linked to its own page stays."""
    own = urlsplit(url or "").path.rstrip("/")
    for heading in list(tree.iter("h1")):
        link = next(heading.iterancestors("a"), None)
        if link is None or not _attached(link, tree):
            continue
        target = urlsplit(urljoin(url or "", (link.get("href") or "").strip()))
        path = target.path.rstrip("/")
        if path == "" or (path != own and own.startswith(f"{path}/")):
            _drop(link)


# --- 3. residual boilerplate ----------------------------------------------------------------

# Whole lines that are site chrome, never posting text. Each entry is matched against a
# complete line (case-insensitive, markdown marks removed); a line made only of these
# phrases ("Back to search results Apply now") is dropped too.
_CHROME_PHRASES = [
    r"apply( now| here| online| on-?line)?",  # apply buttons
    r"apply (for|to) this (job|position|role|vacancy)( online| now)?",
    r"send (this )?job to a friend|e-?mail (this )?job( to a friend)?|tell a friend",
    r"refer a friend( to this job)?|add to (my )?(job )?cart",
    r"(\* )?indicates a required field|required fields are marked( with)?( an asterisk)?",
    r"more (information|info|details) about this (job|position|vacancy)",  # iCIMS's header
    # navigation links, in the languages of the posting rules
    r"back to (search results|jobs|job search|top|the list|listing|careers|all jobs|"
    r"job listings?|overview|results)",
    r"return to (search results|job search|jobs|the list|results)",
    r"zurück( zur (übersicht|suche|jobsuche|stellenübersicht)|"
    r" zu den (suchergebnissen|ergebnissen|jobs|stellen|stellenangeboten))?",
    r"volver( a (la búsqueda|las ofertas|los resultados|ofertas|resultados)| al listado)?",
    r"tornar( a les ofertes| al llistat)?|retour( aux offres| à la liste| aux résultats)?",
    r"job \d+ of \d+|(previous|next) (job|posting|vacancy|position)|previous|prev|next",
    r"report (a )?problem",  # old UNHCR and job-board "report this listing" links
    r"share( this)?( job| page| vacancy)?:?",  # share widgets
    r"share this on (facebook|x|twitter|linkedin|email)",
    r"similar jobs( \(\d+\))?",
    r"related (jobs|content|vacancies)",
    *_ELSEWHERE_TITLES[:-1],  # titles of other postings' lists (not "Contents")
    # a job page's name over the posting ("Job details"), in the posting's languages
    r"job (posting )?details|(vacancy|position|posting) details|stellendetails|"
    r"detalles de la oferta|détails (de l'offre|du poste)",
    # the site's legal links, where a footer was laid out as a table row
    r"privacy (policy|statement)|terms (of use|and conditions|of service)|"
    r"site ?map|cookie policy|legal notice|impressum|datenschutz(erklärung)?|aviso legal|"
    r"política de privacidad|mentions légales",
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
    r"powered by( [\w.-]+){0,3}",
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
    # the site's copyright line ("© 2010 by X. All rights reserved. ... Privacy Policy");
    # a credit ("© Reuters") has no year
    re.compile(r"^\W*(©|copyright\b|\(c\))\s*\d{4}|\ball rights reserved\b", re.I),
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


# Written out as "\n\n\n+" rather than "\n{3,}": the same runs, found several times
# faster on a long posting's text.
_BLANK_LINES = re.compile(r"\n\n\n+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def _tidy(text: str) -> str:
    text = text.replace("**", "")
    # trafilatura escapes markdown punctuation ("\\[Temp Appointment\\]"); plain text
    # wants it as written. Escaped pipes stay: they are inside table cells.
    if "\\" in text:
        text = re.sub(r"\\([\[\]*_#`()>+!-])", r"\1", text)
    # Each rule runs only on a text that holds what it replaces: scanning every
    # space of a long text for a line end after it costs more than the rest.
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


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
_POSTING_RECALL_GROWTH = 4.0
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
    posting = _is_posting(cleaned, url)
    if posting:
        clean_posting(cleaned, url)
    default, default_comments = _trafilatura(cleaned, url)
    recall, recall_comments = _trafilatura(cleaned, url, favor_recall=True, fast=True)
    if (
        _words(default) < _MIN_WORDS
        or _words(default) <= _words(recall) <= _RECALL_GROWTH * _words(default)
        or (posting and _adds_to(recall, default))
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
    if not posting:
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
    return _drop_stamp_lines(text)


def _adds_to(recall: str, default: str) -> bool:
    """Whether recall-first extraction kept what the defaults kept, and more.

    On a posting, with the board's chrome gone, what recall-first adds is the posting's:
    the defaults drop its lists in tables and its later sections (their readability
    fallback keeps the first block of paragraphs), so two or three times their words is
    no sign of chrome there.
    """
    kept, more = (
        Counter(re.findall(r"\w+", default.lower())),
        Counter(re.findall(r"\w+", recall.lower())),
    )
    total = sum(kept.values())
    if not total or sum(more.values()) > _POSTING_RECALL_GROWTH * total:
        return False
    return sum((kept & more).values()) >= 0.9 * total


def _drop_stamp_lines(text: str) -> str:
    """A posting's text without the count stamps on its lines (see _without_stamp)."""
    lines = []
    for line in text.split("\n"):
        rest = _without_stamp(line)
        if rest is None:
            lines.append(line)
        elif rest:
            lines.append(rest)
    return "\n".join(lines)


_POSTING_WORDS = re.compile(
    r"\b(deadline|closing date|vacancy|vacancies|job description|duty station|"
    r"responsibilities|qualifications|requirements|grade|contract (type|level)|apply|"
    r"job (type|id)|employment type|workload|place of work|"
    # Spanish, Catalan, German, French
    r"requisitos|funciones|responsabilidades|vacantes|tipo de contrato|jornada|"
    r"descripción (de la oferta|del puesto)|oferta de empleo|requisits|funcions|vacants|"
    r"tipus de contracte|descripció de l'oferta|aufgaben|anforderungen|stellenbeschreibung|"
    r"bewerbung|ihr profil|dein profil|wir bieten|pensum|arbeitsort|missions|"
    r"profil recherché|candidature|postuler|type de contrat|description du poste|"
    r"lieu de travail|"
    # and a few of Portuguese, Italian, Dutch
    r"vaga|atividades|requisiti|mansioni|offerta di lavoro|vacature|functieomschrijving|"
    r"solliciteren|wat (vragen|bieden) wij)\b",
    re.I,
)
# Labels of a posting's fields in the languages of _POSTING_WORDS ("Vacantes: 1").
_POSTING_LABEL = re.compile(
    r"\b(vacantes|vacants|tipo de contrato|tipus de contracte|modalidad de trabajo|jornada|"
    r"fecha (límite|de cierre)|data límit|salario|salari|vertragsart|anstellungsart|"
    r"arbeitspensum|pensum|bewerbungsfrist|type de contrat|type d'emploi|date limite|"
    r"date de clôture|workload|job (id|type|category)|req(uisition)? ?(id|number)|"
    r"employment type|position type)\s*:",
    re.I,
)
# A path segment of a job posting's URL (/jobs/123, /careers/..., JobDetails.aspx, ...).
_POSTING_SEGMENT = re.compile(
    r"^(jobs?|careers?|vacanc(y|ies)|positions?|openings?|stellen(angebote?)?|empleos?|"
    r"ofertas?|offres?|emplois?|vagas?|karriere|epostings|requisitions?)$|"
    r"job[-_]?(details?|profile|posting|view|description|board)",
    re.I,
)


_JOB_POSTING_JSONLD = re.compile(r'"@type"\s*:\s*(?:"JobPosting"|\[[^\]]*"JobPosting")')


def _spaced_text(element: Any) -> str:
    """The element's visible text with a space between any two elements' texts."""
    parts = [
        node for node in element.xpath(".//text()")
        if not any(a.tag in _NOT_TEXT for a in node.getparent().iterancestors())
        and (node.getparent().tag not in _NOT_TEXT or node.is_tail)
    ]  # fmt: skip
    return " ".join(" ".join(parts).split())


def _is_posting(tree: Any, url: str | None = None) -> bool:
    """Whether the page is a job posting (the board's chrome rules and what is restored
    below are a posting's only).

    Its text speaks of deadlines, grades, duties... (in English, Spanish, Catalan,
    German or French, a little Portuguese, Italian and Dutch), and the page says so in
    structure: a schema.org JobPosting, a posting field set as a label ("Closing date:
    ...", <dt>Grade</dt>, "Vacantes: 1"), or a posting's URL (/jobs/...,
    JobDetails.aspx). The words alone are not enough:
    news about job cuts, a service page listing "qualifications" and "requirements"
    have them too.
    """
    body = tree.find(".//body")
    text = _spaced_text(body if body is not None else tree)[:30000]
    words = {m[0].lower() for m in _POSTING_WORDS.findall(text)}
    if len(words) < 2:
        return False
    if any(
        _JOB_POSTING_JSONLD.search(script.text or "")
        for script in tree.iter("script")
        if (script.get("type") or "").lower() == "application/ld+json"
    ):
        return True
    if set(html_labelled_fields(tree)) & _POSTING_FIELDS or _POSTING_LABEL.search(text):
        return True
    if not url:
        return False
    parts = urlsplit(url)
    segments = [re.sub(r"\.\w+$", "", s) for s in parts.path.split("/") if s]
    return any(_POSTING_SEGMENT.search(s) for s in segments)


# Fields only a posting labels (an article has a posted date and a location too).
_POSTING_FIELDS = {"closing_date", "grade", "contract_type", "job_number"}


_GENERIC_TITLES = re.compile(
    r"^(current vacancies|vacancies|jobs?|job details|careers?|(career|job|employment) "
    r"opportunities|open positions|job (offers?|search|openings)|stellenangebote?|"
    r"ofertas de (empleo|trabajo)|offres d'emploi)$",
    re.I,
)


def _title(tree: Any) -> str | None:
    """The page's own title heading when trafilatura left it out (it often does).

    The first h1 that is not a generic page name ("Current vacancies") nor a link (a
    menu entry), else an h2 marked as a title by its class (Avature's
    ``banner__text__title``).
    """
    titled_h2 = (h for h in tree.iter("h2") if "title" in (h.get("class") or ""))
    candidates = [*tree.iter("h1"), *titled_h2]
    for heading in candidates:
        title = _text(heading)
        if not title or _GENERIC_TITLES.match(title) or len(title.split()) > 25:
            continue
        if _link_share(heading) <= 0.5:
            return title
    return None


def _is_title_heading(block: Any) -> bool:
    """An h1, or an h2 classed as a title, that is not a link (menus set entries so)."""
    titled = block.tag == "h1" or (block.tag == "h2" and "title" in (block.get("class") or ""))
    return titled and _link_share(block) <= 0.5


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
        if _link_share(blocks[index]) > 0.5:
            # a menu or contents entry: its words recur far down, as the heading it
            # links to, and anchored there it would put the page between back in
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
    title_index = next((i for i in range(first_block) if _is_title_heading(blocks[i])), None)
    if title_index is None:
        parent = blocks[first_block].getparent()
        title_index = first_block
        while title_index > 0 and blocks[title_index - 1].getparent() is parent:
            title_index -= 1
        # An old ATS lays the posting out in a table: its title and field rows above
        # the description cell are the posting's header, up to the first row that
        # is not a short line.
        layout = next(
            (a for a in blocks[first_block].iterancestors() if _LAYOUT_MARK in a.attrib), None
        )
        while (
            layout is not None
            and title_index > 0
            and layout in blocks[title_index - 1].iterancestors()
            and _restorable(blocks[title_index - 1])
        ):
            title_index -= 1

    def in_header(key: str) -> bool:
        # Above the first anchor, or opening its line (trafilatura ran them together);
        # a title's words further on in the description are no sign it is there.
        return present(key, 0, first_line - 1) or normed[first_line].startswith(key)

    header = [
        _as_line(blocks[i]) for i in range(title_index, first_block)
        if _restorable(blocks[i]) and not in_header(keys[i])
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
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


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
    if tag in _HEADINGS:
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
