"""`MockPosting`: one job posting as a mock site holds it, independent of any page format.

Each site renders the same record its own way (PageUp HTML, Workday JSON, ...), so tests
can compare what a spider extracted with what the site was told to serve.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: A section of a posting's text: (heading, body). The body's paragraphs are separated
#: by blank lines; lines starting with "• " are list items.
Section = tuple[str, str]


@dataclass(frozen=True)
class MockPosting:
    """A posting on a mock site. Frozen: sites replace postings, never mutate them."""

    key: str  # the source's stable ID: PageUp job no, Workday JR id
    title: str
    organization: str
    duty_station: str
    country: str
    grade: str
    contract_type: str
    posted_date: date
    closing_date: date
    categories: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    timezone: str = "UTC"  # IANA zone of the duty station; deadlines are local
    status: str = "open"  # "closed": the site shows the posting as closed
    #: Source-specific labelled values, e.g. {"Hardship Level": "A (least hardship)"}.
    fields: dict[str, str] = field(default_factory=dict)

    def changed(self, **changes: Any) -> MockPosting:
        """A copy with `changes` applied. Besides field names it takes:

        `section=(heading, text)` replaces the text of that section (appends it if new);
        `replace=(old, new)` replaces a passage in every section's text.
        """
        sections = list(self.sections)
        if "section" in changes:
            heading, text = changes.pop("section")
            index = next((i for i, (h, _) in enumerate(sections) if h == heading), None)
            if index is None:
                sections.append((heading, text))
            else:
                sections[index] = (heading, text)
        if "replace" in changes:
            old, new = changes.pop("replace")
            if not any(old in body or old == h for h, body in sections):
                raise ValueError(f"{old!r} is in no section of posting {self.key}")
            sections = [(h, body.replace(old, new)) for h, body in sections]
        if "categories" in changes:
            changes["categories"] = tuple(changes["categories"])
        return dataclasses.replace(self, sections=tuple(sections), **changes)

    def section(self, heading: str) -> str:
        """The text of the section with this heading ("" if none)."""
        return next((body for h, body in self.sections if h == heading), "")

    @property
    def plain_text(self) -> str:
        """Every heading and paragraph, for tests that look for a passage."""
        return "\n\n".join(f"{h}\n\n{body}" if h else body for h, body in self.sections)


def body_html(body: str) -> str:
    """HTML for a section body: paragraphs as <p>, runs of "• " lines as a <ul>."""
    out: list[str] = []
    for block in body.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        items = [line[2:] for line in lines if line.startswith("• ")]
        if items and len(items) == len(lines):
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
        else:
            out.append("<p>" + "<br>\n".join(html.escape(line) for line in lines) + "</p>")
    return "\n".join(out)


def sections_html(sections: tuple[Section, ...], heading_tag: str = "h3") -> str:
    """HTML for all sections; an empty heading means body text without a heading.

    `heading_tag="strong"` writes headings as `<p><strong>` the way CMS editors do.
    """
    parts = []
    for heading, body in sections:
        if heading and heading_tag == "strong":
            parts.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        elif heading:
            parts.append(f"<{heading_tag}>{html.escape(heading)}</{heading_tag}>")
        parts.append(body_html(body))
    return "\n".join(parts)


def slugify(text: str) -> str:
    """A URL slug like the sites make: lower case, words joined by hyphens."""
    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)
