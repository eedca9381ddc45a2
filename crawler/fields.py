"""Posting fields out of a page: labelled HTML, schema.org JobPosting JSON-LD, labelled lines.

The layers, in the order :func:`page_fields` trusts them (issue #2, item 3):

1. the site's own labelled data: ``<b>Deadline:</b> ...``, ``<dt>Grade</dt><dd>...``,
   ``<th>Location</th><td>...`` anywhere in the page (:func:`html_labelled_fields`);
2. schema.org JobPosting JSON-LD (:func:`jsonld_job_posting`, via extruct);
3. "Label: value" lines of the extracted main text (:func:`labelled_lines`).

Each layer gives raw strings keyed by archive field name (see ``archive/snapshot.py``);
:func:`normalize_fields` then reads dates (:mod:`crawler.dates`), grades
(:mod:`crawler.grades`) and the closed status, with the source's date order and time
zone from its :class:`~crawler.sitefacts.SiteFacts` (declared on its spider). Spiders
that have API JSON build the raw dict from it themselves and call
:func:`normalize_fields` the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

import extruct
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import decode_file

from crawler.dates import local_date, parse_closing_date, parse_date
from crawler.grades import normalize_grade
from crawler.sitefacts import GENERIC, SiteFacts

log = logging.getLogger(__name__)

__all__ = [
    "LABELS",
    "html_labelled_fields",
    "jsonld_fields",
    "jsonld_job_posting",
    "labelled_lines",
    "normalize_fields",
    "page_fields",
    "parse_tree",
    "parse_fragment",
    "TooDeep",
]

# Label (lower case, without the colon) -> archive field. Only labels that name one
# field unambiguously on the sources we crawl; "Type" or "Date" alone would not.
LABELS: dict[str, str] = {
    "job title": "title",
    "position title": "title",
    "title": "title",
    "organization": "organization",
    "organisation": "organization",
    "agency": "organization",
    "hiring organization": "organization",
    "employer": "organization",
    "location": "location",
    "duty station": "location",
    "duty station(s)": "location",
    "city": "location",
    "country": "country",
    "grade": "grade",
    "position grade": "grade",
    "level": "grade",
    "post level": "grade",
    "job level": "grade",
    "contract level": "grade",
    "position level": "grade",
    "contract type": "contract_type",
    "type of contract": "contract_type",
    "job type": "contract_type",
    "employment type": "contract_type",
    "staff member / affiliate type": "contract_type",
    "job no": "job_number",
    "job id": "job_number",
    "job opening id": "job_number",
    "vacancy notice": "job_number",
    "vacancy number": "job_number",
    "requisition id": "job_number",
    "reference": "job_number",
    "posted": "posted_date",
    "posted date": "posted_date",
    "date posted": "posted_date",
    "posted on": "posted_date",
    "advertised": "posted_date",
    "publication date": "posted_date",
    "closing date": "closing_date",
    "deadline": "closing_date",
    "application deadline": "closing_date",
    "deadline for applications": "closing_date",
    "apply by": "closing_date",
    "end date": "closing_date",
    "closing": "closing_date",
    "categories": "categories",
    "category": "categories",
    "occupational groups": "categories",
    "job family": "categories",
    "job network": "categories",
}

_LABEL_ALTERNATION = "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
# A label where a field starts: line start, after a bullet, or after a space when
# several "Label: value" pairs share one line (old UNHCR pages).
_LABEL_AT = re.compile(rf"(?:^|(?<=\s))(?:[-•*▪]\s*)?(?P<label>{_LABEL_ALTERNATION})\s*:\s*", re.I)
_LABEL_ALONE = re.compile(rf"^\s*(?:[-•*▪]\s*)?(?P<label>{_LABEL_ALTERNATION})\s*:\s*$", re.I)
# A line that is another field ("Salary: negotiable"), not the value of an empty label
# above it ("Location:" with nothing after it).
_OTHER_LABEL = re.compile(r"^\s*(?:[-•*▪]\s*)?[A-Z][^:\d]{0,40}:\s+\S")
# What may precede a line's first label: nothing, a bullet, or an apply button's text.
_BUTTON_PREFIX = re.compile(r"^\W*(apply( now)?)?\W*$", re.I)
# Labels of several words are labels even without a colon, alone on a line (UNHCR's
# "Deadline for Applications" heading); one word ("Location") could be anything.
_BARE_LABEL = re.compile(
    "^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True) if " " in label)
    + ")$",
    re.I,
)
# Markdown a value may carry from the extracted text.
_MARKUP = re.compile(r"\*\*|__|^\s*[-•*▪]\s+|^#+\s+")


def _clean(value: str) -> str:
    return " ".join(_MARKUP.sub("", value).split()).strip(" |")


def labelled_lines(text: str, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Raw field values from "Label: value" lines (first occurrence of each field wins).

    Reads "- Grade: P-3", "Closing Date: 2019-08-18", several pairs on one line
    ("Location: Ciudad de Mexico Position Grade: LICA 4 Closing Date: 2019-08-18"), and a
    label alone on its line with the value on the next ("Deadline:" / "14/10/2024"; a
    label of several words needs no colon there: "Deadline for Applications").
    ``overrides`` maps a label to another field for one source ({"location": "country"}).
    """
    found: dict[str, str] = {}
    overrides = overrides or {}
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if not line:
            continue
        alone = _LABEL_ALONE.match(line) or _BARE_LABEL.match(_clean(line))
        if alone:
            following = next((x for x in lines[index + 1 : index + 3] if x), "")
            if (
                following
                and not _LABEL_AT.match(following)
                and not following.endswith(":")
                and not _OTHER_LABEL.match(following)
            ):
                _add(found, alone["label"], following, overrides)
            continue
        matches = list(_LABEL_AT.finditer(line))
        # A label must open the line (after at most a short button text such as "Apply
        # now"); a label mid-line only counts after another one, so prose such as "see
        # the Deadline: ..." in a paragraph is not read.
        if not matches or not _BUTTON_PREFIX.match(line[: matches[0].start()]):
            continue
        for m, following_match in zip(matches, [*matches[1:], None], strict=True):
            end = following_match.start() if following_match else len(line)
            _add(found, m["label"], line[m.end() : end], overrides)
    return found


def _add(found: dict[str, str], label: str, value: str, overrides: dict[str, str]) -> None:
    name = overrides.get(label.lower(), LABELS[label.lower()])
    value = _clean(value)
    if value and name not in found:
        found[name] = value


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "dl", "tr", "table", "section", "article", "main",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "header", "footer", "aside", "nav", "form",
}  # fmt: skip


def _label_lines(element: Any) -> Iterator[str]:
    """The page's text broken into lines at blocks and <br>, with dt/th turned into labels."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in {"script", "style", "noscript", "template"}:
            if node.tail:
                parts.append(node.tail)
            return
        if tag in _BLOCK_TAGS or tag in {"dt", "dd", "td"}:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in {"dt", "th"} or _is_label_element(node):
            label = "".join(node.itertext()).strip()
            if label and not label.endswith(":"):
                parts.append(":")
            parts.append("\n" if tag in {"dt", "div", "p", "li"} else " ")
        elif tag in _BLOCK_TAGS or tag == "dd":
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(element)
    for line in "".join(parts).splitlines():
        line = " ".join(line.split())
        if line:
            yield line


def _is_label_element(node: Any) -> bool:
    """An element styled as a field label (``job-meta__label``, ``field__label``)."""
    classes = (node.get("class") or "").split() if isinstance(node.tag, str) else []
    return any(c.lower().endswith("label") for c in classes)


def html_labelled_fields(tree: Any, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Raw field values from labelled HTML of a page: <b>Label:</b> value, dt/dd, th/td,
    and elements whose class names them a label (``<span class="x__label">``)."""
    return labelled_lines("\n".join(_label_lines(tree)), overrides)


def _first(value: Any) -> Any:
    """The first non-empty element of a list (JSON-LD writes one value or a list)."""
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "", [], {})), None)
    return value


def _name(value: Any) -> str | None:
    """The text of a JSON-LD value: a string, a number, a thing's name, or the first of a
    list of any of these; never the repr of a list or an object."""
    for _ in range(4):  # lists of objects of lists nest a few levels at most
        value = _first(value)
        if isinstance(value, dict):
            value = value.get("name") or value.get("value") or value.get("@id")
        else:
            break
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _addresses(places: Any) -> Iterator[dict[str, Any]]:
    """Every address of a JobPosting's jobLocation: one Place or a list, each with one
    address or a list, an address an object or a free-text string."""
    for place in places if isinstance(places, list) else [places]:
        address = place.get("address") if isinstance(place, dict) else None
        for one in address if isinstance(address, list) else [address]:
            if isinstance(one, str) and one.strip():
                yield {"addressLocality": one}
            elif isinstance(one, dict):
                yield one


def _place(places: Any) -> tuple[str | None, str | None]:
    """(locality, country) of the first address that names each."""
    addresses = list(_addresses(places))
    locality = next((n for a in addresses if (n := _name(a.get("addressLocality")))), None)
    country = next((n for a in addresses if (n := _name(a.get("addressCountry")))), None)
    return locality, country_name(country)


def country_name(value: str | None) -> str | None:
    """A country as people read it: ISO codes ("DE", "USA") become names."""
    if not value:
        return None
    code = value.strip()
    if code.isalpha() and code.isupper() and len(code) in (2, 3):
        import pycountry  # only a JSON-LD country code needs it

        found = pycountry.countries.get(**{f"alpha_{len(code)}": code})
        if found is not None:
            return str(getattr(found, "common_name", None) or found.name)
    return code


def _identifier(value: Any) -> str | None:
    # schema.org PropertyValue: "name" is the issuer's name, "value" the identifier.
    value = _first(value)
    if isinstance(value, dict) and value.get("value"):
        return str(value["value"]).strip()
    return _name(value)


def _job_postings(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        if not isinstance(item, dict):
            continue
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            yield item
        yield from _job_postings(item.get("@graph", []))


def jsonld_job_posting(html: str | bytes, url: str | None = None) -> dict[str, Any]:
    """The first schema.org JobPosting in the page's JSON-LD, or {} (bad JSON is skipped)."""
    try:
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], errors="ignore")
    except Exception as exc:  # extruct raises whatever its parsers raise on broken pages
        log.warning("JSON-LD unreadable: %s", exc)
        return {}
    return next(_job_postings(data.get("json-ld", [])), {})


# schema.org employmentType values, as a reader would write them.
_EMPLOYMENT_TYPES = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contractor",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "Other",
}


def jsonld_fields(posting: dict[str, Any]) -> dict[str, str]:
    """Raw field values from a JobPosting dict (as :func:`jsonld_job_posting` returns)."""
    raw: dict[str, str] = {}
    locality, country = _place(posting.get("jobLocation"))
    employment = posting.get("employmentType")
    if isinstance(employment, list):
        employment = ", ".join(_EMPLOYMENT_TYPES.get(e, e) for e in employment)
    elif isinstance(employment, str):
        employment = _EMPLOYMENT_TYPES.get(employment, employment)
    candidates: dict[str, Any] = {
        "title": _name(posting.get("title")),
        "organization": _name(posting.get("hiringOrganization")),
        "location": locality,
        "country": country,
        "contract_type": employment,
        "job_number": _identifier(posting.get("identifier")),
        "posted_date": posting.get("datePosted"),
        "closing_date": posting.get("validThrough"),
        "categories": _name(posting.get("occupationalCategory")),
    }
    for name, value in candidates.items():
        if isinstance(value, str) and value.strip():
            raw[name] = " ".join(value.split())
    return raw


_COUNTRIES: set[str] | None = None


def _country_names() -> set[str]:
    global _COUNTRIES
    if _COUNTRIES is None:
        try:  # babel comes with trafilatura (through courlan)
            from babel import Locale

            _COUNTRIES = {n.lower() for k, n in Locale("en").territories.items() if k.isalpha()}
        except ImportError:  # pragma: no cover - then country comes from labels only
            _COUNTRIES = set()
    return _COUNTRIES


def normalize_fields(raw: dict[str, str], profile: SiteFacts | None = None) -> dict[str, Any]:
    """Archive field values from raw label values: ISO dates, one grade spelling, status.

    ``raw`` maps archive field names to the strings a page shows. The result has every
    field of the archive's posting (None where unknown), ``status`` ("open"/"closed"),
    ``categories`` as a list, and ``grade_raw`` with the text the grade was read from.
    """
    profile = profile or GENERIC
    contract = raw.get("contract_type")
    out: dict[str, Any] = {
        "title": raw.get("title"),
        "organization": raw.get("organization") or profile.organization,
        "location": raw.get("location"),
        "country": raw.get("country"),
        "grade": normalize_grade(raw.get("grade")),
        "grade_raw": raw.get("grade"),
        "contract_type": _EMPLOYMENT_TYPES.get(contract, contract) if contract else None,
        "job_number": raw["job_number"].split()[0].strip(",;") if raw.get("job_number") else None,
        "posted_date": None,
        "closing_date": None,
        "status": "open",
        "categories": [],
    }
    if raw.get("posted_date"):
        out["posted_date"] = parse_date(
            raw["posted_date"], day_first=profile.day_first, tz=profile.tz
        )
    if raw.get("closing_date"):
        out["closing_date"], out["status"] = parse_closing_date(
            raw["closing_date"], day_first=profile.day_first, tz=profile.tz
        )
    if raw.get("categories"):
        out["categories"] = [c.strip() for c in re.split(r"[|;]", raw["categories"]) if c.strip()]
    if out["location"] and not out["country"] and "," in out["location"]:
        # "Baku, Azerbaijan": the last part is the country when it names one.
        last = out["location"].rsplit(",", 1)[1].strip()
        if last.lower() in _country_names():
            out["country"] = last
    return out


def page_fields(
    tree: Any,
    html: str | bytes,
    text: str,
    *,
    url: str | None = None,
    profile: SiteFacts | None = None,
) -> dict[str, Any]:
    """Normalized fields of a whole page, merging the three layers in order of trust.

    ``tree`` is the page parsed by lxml (scoped to the posting when the caller knows
    where it is), ``text`` the extracted main text. ``<time datetime>`` elements next
    to a deadline/advertised label give exact instants, read in the profile's zone.
    """
    profile = profile or GENERIC
    overrides = profile.label_overrides
    posting = jsonld_job_posting(html, url)
    layers = [
        html_labelled_fields(tree, overrides),
        jsonld_fields(posting) if posting else {},
        labelled_lines(text, overrides),
    ]
    raw: dict[str, str] = {}
    for layer in layers:
        for name, value in layer.items():
            raw.setdefault(name, value)
    raw.update(_time_elements(tree, profile))
    result = normalize_fields(raw, profile)
    if posting.get("validThrough") and not result["closing_date"]:
        result["closing_date"] = local_date(posting["validThrough"], profile.tz)
    return result


def _time_elements(tree: Any, profile: SiteFacts) -> dict[str, str]:
    """Dates of <time datetime> elements inside a closing/posted date's container.

    The instant is read in the profile's zone when the source states one; otherwise
    the visible text (the site's own rendering in the posting's zone) is used, because
    the UTC date of "23:55 Mexico City" is already the next day.
    """
    found: dict[str, str] = {}
    for element in tree.iter("time"):
        value = element.get("datetime")
        if not value:
            continue
        visible = " ".join("".join(element.itertext()).split())
        if profile.tz is None and visible and parse_date(visible, day_first=profile.day_first):
            value = visible
        parent = element.getparent()
        classes = " ".join(
            (node.get("class") or "") for node in (element, parent) if node is not None
        ).lower()
        label = ""
        previous = parent.getprevious() if parent is not None else None
        if previous is not None:
            label = "".join(previous.itertext()).strip().rstrip(":").lower()
        if "close" in classes or "deadline" in classes or LABELS.get(label) == "closing_date":
            found.setdefault("closing_date", value)
        elif "open" in classes or "posted" in classes or LABELS.get(label) == "posted_date":
            found.setdefault("posted_date", value)
    return found


#: The parser of every page and fragment: trafilatura's settings, and libxml2's deepest
#: nesting (2048 levels, not 256). Its default limit drops what is deeper without a
#: word: a posting inside a deeply nested template would lose its text.
HTML_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)

#: The deepest level libxml2 reads with `huge_tree` (parsel's selectors included).
PARSER_DEPTH = 2048

#: Elements nested deeper than this are unwrapped (their text and leaf elements kept in
#: order), so that no reading of the tree, ours or trafilatura's, runs out of stack.
FLAT_DEPTH = 200


class TooDeep(Exception):
    """The page nests elements deeper than any HTML parser here reads: what is deeper
    would be lost, so the page is not read at all. Not a ValueError, which readers take
    for an unparseable page and read as empty."""


def parse_tree(html: str | bytes) -> Any:
    """The page parsed (bytes decoded as trafilatura would), or an empty page.

    Raises `TooDeep` when the page nests deeper than the parser can read.
    """
    if not html or not html.strip():
        return lxml_html.document_fromstring("<html><body></body></html>")
    text = decode_file(html) if isinstance(html, bytes) else html
    try:
        tree = lxml_html.document_fromstring(text, parser=HTML_PARSER)
    except ValueError:  # a string with an XML encoding declaration: lxml wants bytes
        tree = lxml_html.document_fromstring(text.encode("utf-8"), parser=HTML_PARSER)
    except etree.ParserError:  # nothing lxml can build a document from
        return lxml_html.document_fromstring("<html><body></body></html>")
    return _read_whole(tree)


def parse_fragment(html: str) -> Any:
    """An HTML fragment (an API's description) parsed into one <div>, at any depth up
    to the parser's (`TooDeep` beyond)."""
    return _read_whole(lxml_html.fragment_fromstring(html, create_parent="div", parser=HTML_PARSER))


def _read_whole(tree: Any) -> Any:
    for error in HTML_PARSER.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise TooDeep(
                f"the page nests elements more than {nesting_depth(tree)} levels deep, "
                "deeper than the HTML parser reads: it is not read, rather than read "
                "without what is deeper"
            )
    flatten_deep(tree)
    return tree


def nesting_depth(tree: Any) -> int:
    """How many levels deep the tree's elements go (the root is level 1)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


# Elements `$level` or more elements below the document's top.
_AT_LEVEL = etree.XPath("boolean(descendant-or-self::*[count(ancestor::*) >= $level])")


def nests_deeper(tree: Any, levels: int) -> bool:
    """Whether the tree's elements go `levels` levels deep or more (the root is level
    1): `nesting_depth(tree) >= levels`, asked of libxml2 rather than walked in Python,
    which checking every page of a crawl would pay for element by element."""
    above = int(tree.xpath("count(ancestor::*)"))
    return bool(_AT_LEVEL(tree, level=above + levels - 1))


def flatten_deep(tree: Any, limit: int = FLAT_DEPTH) -> None:
    """Unwrap the elements deeper than `limit` that hold other elements, in place.

    Their text and their innermost elements (paragraphs, list items, links holding only
    text) stay where they were in reading order, at level `limit` + 1.
    """
    depth = 0
    floors = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if event == "start" and depth == limit and len(element):
            floors.append(element)
    for floor in floors:
        wrappers = [e for e in floor.iterdescendants() if len(e)]
        if not wrappers:
            continue
        for element in reversed(wrappers):  # the innermost first: each move is small
            if element.tag in _BLOCK_TAGS:  # its words must not run into the next ones
                element.text = "\n" + (element.text or "")
                element.tail = "\n" + (element.tail or "")
            element.drop_tag()
