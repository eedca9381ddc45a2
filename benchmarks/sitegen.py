# ruff: noqa: E501  (HTML, CSS and JavaScript templates read best one statement a line)
"""A mock UNICEF site of N postings whose detail pages weigh what real job pages weigh.

A real job page carries most of its bytes outside the posting: scripts, styles, icons,
navigation, hidden dialogs and the markup around them, one chrome for every page of a
site, with a little that differs from page to page (tokens, the related jobs). Measured
on real job pages (`measure_real_pages`, `MEASURED`), a site's page holds 29 KB besides
its posting's text (median over 16 sites; quartiles 17 and 48 KB, up to 268 KB) and
gzips to a quarter; the real UN postings this archive is for hold 7-14 KB of text.

`RealWeightSite` is the real UNICEF mock (its pages are what the spider reads) with a
chrome of that weight and shape generated around each job page, once per site, from a
seeded RNG: inline scripts, a style sheet, SVG icons, a mega menu and a footer sitemap,
hidden dialogs, wrappers, each its measured share, made of a vocabulary so that it
compresses about as the real pages' parts do. Each page gets its own tokens (a CSP
nonce, a CSRF token, a request id: derived from the page's content, so that an unchanged
posting is served byte for byte as before) and its own related jobs. `generate_postings`
lengthens each posting's text to a size drawn from the real UN postings' sizes, with
new sentences made of the words of those postings (../shared/seeds) and of the mock's
own texts (see `sentence`).

The real pages are ../shared's extraction corpus of job pages: 24 whole pages of 16
sites with each posting's text marked by hand, the two whole pages of real-captures
among them (its other files are trimmed or excerpts: no page weight). Nothing of them is
copied: only their sizes are read, at benchmark time when ../shared is there, else the
constants of `MEASURED`.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import math
import random
import re
import statistics
import string
from dataclasses import dataclass, replace
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from crawler.mocksites.content import (
    UNICEF_DIVERSITY,
    UNICEF_INTRO,
    UNICEF_REMARKS,
    unicef_postings,
)
from crawler.mocksites.pageup import MockTenant
from crawler.mocksites.postings import MockPosting, Section
from crawler.mocksites.server import MockResponse
from crawler.mocksites.unicef import UnicefSite

SHARED = Path(__file__).resolve().parents[2] / "shared"
# The real postings beside the repository, when it is there; the mock's own texts are
# used either way.
SEEDS = SHARED / "seeds"
# Real job pages of many sites, each with its posting's text marked by hand.
REAL_PAGES = SHARED / "extraction-corpus" / "jobs"
# Headings of the extra sections, as ToR-style postings have them.
_EXTRA_HEADINGS = [
    "Background and context",
    "Purpose of the assignment",
    "Scope of work",
    "Key deliverables and timeline",
    "Methodology",
    "Supervision and reporting",
    "Coordination and partnerships",
    "Monitoring and evaluation",
    "Risk management and safeguarding",
    "Annex: programme overview",
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


# -- what real pages weigh ----------------------------------------------------------------


@dataclass(frozen=True)
class PageShape:
    """How a real job page's bytes divide: medians over sites (each site the median of
    its pages), so that a site saved three times counts once."""

    chrome_bytes: int  # a page's bytes besides its posting's text
    chrome_quartiles: tuple[int, int, int]  # lower quartile, median, upper quartile
    chrome_max: int
    # Shares of those bytes: inline scripts, style sheets, inline SVG, <nav>/<header>/
    # <footer>; the rest is markup, hidden dialogs, head tags, whitespace.
    script: float
    style: float
    svg: float
    nav: float
    gzip_ratio: float  # a page gzipped, over the page
    text_bytes: int  # the median real posting's text
    text_sigma: float  # spread of log(text bytes)
    sites: int
    pages: int
    measured_on: str


#: Measured on 2026-12-01 with `measure_real_pages()` on ../shared's 24 real job pages of
#: 16 sites and the 5 real UN postings of ../shared/seeds; used when ../shared is absent.
MEASURED = PageShape(
    chrome_bytes=28_614,
    chrome_quartiles=(17_497, 28_614, 48_194),
    chrome_max=267_543,
    script=0.238,
    style=0.029,
    svg=0.033,
    nav=0.062,
    gzip_ratio=0.246,
    text_bytes=11_398,
    text_sigma=0.174,
    sites=16,
    pages=24,
    measured_on="constants measured 2026-12-01 (../shared absent)",
)

_PARTS = {
    "script": re.compile(r"<script\b.*?</script\s*>", re.S | re.I),
    "style": re.compile(r"<style\b.*?</style\s*>", re.S | re.I),
    "svg": re.compile(r"<svg\b.*?</svg\s*>", re.S | re.I),
    "nav": re.compile(r"<(nav|header|footer)\b.*?</\1\s*>", re.S | re.I),
}


def measure_real_pages(pages: Path = REAL_PAGES, seeds: Path = SEEDS) -> PageShape | None:
    """The shape of the real job pages in `pages` (`html/<id>.html.gz` and
    `ground-truth/<id>.json` with the posting's text), or None when they are not there."""
    truths = sorted((pages / "ground-truth").glob("*.json"))
    if not truths:
        return None
    by_site: dict[str, list[tuple[int, dict[str, int], float]]] = {}
    for truth in truths:
        meta = json.loads(truth.read_text(encoding="utf-8"))
        raw = gzip.decompress((pages / "html" / f"{truth.stem}.html.gz").read_bytes())
        html = raw.decode(meta.get("charset") or "utf-8", "replace")
        text = len(meta["ground_truth"]["main_content"].encode("utf-8"))
        kinds = {}
        for name, pattern in _PARTS.items():  # in order: a <nav> inside a script is script
            kinds[name] = sum(len(m.group(0).encode("utf-8")) for m in pattern.finditer(html))
            html = pattern.sub("", html)
        packed = len(gzip.compress(raw, 6)) / len(raw)
        by_site.setdefault(meta.get("site") or truth.stem, []).append(
            (len(raw) - text, kinds, packed)
        )
    chrome, ratios, shares = [], [], {name: [] for name in _PARTS}
    for site_pages in by_site.values():
        chrome.append(statistics.median(c for c, _, _ in site_pages))
        ratios.append(statistics.median(r for _, _, r in site_pages))
        total = sum(c for c, _, _ in site_pages) or 1
        for name in _PARTS:
            shares[name].append(sum(k[name] for _, k, _ in site_pages) / total)
    q1, q2, q3 = statistics.quantiles(chrome, n=4) if len(chrome) > 1 else [chrome[0]] * 3
    texts = _seed_sizes(seeds)
    return PageShape(
        chrome_bytes=int(statistics.median(chrome)),
        chrome_quartiles=(int(q1), int(q2), int(q3)),
        chrome_max=int(max(chrome)),
        # Means, not medians: most sites have no SVG or style sheet inline, a few much.
        script=round(statistics.mean(shares["script"]), 3),
        style=round(statistics.mean(shares["style"]), 3),
        svg=round(statistics.mean(shares["svg"]), 3),
        nav=round(statistics.mean(shares["nav"]), 3),
        gzip_ratio=round(statistics.median(ratios), 3),
        text_bytes=int(statistics.median(texts)) if texts else MEASURED.text_bytes,
        text_sigma=_log_spread(texts) if len(texts) > 2 else MEASURED.text_sigma,
        sites=len(by_site),
        pages=len(truths),
        measured_on=f"measured at run time on {len(truths)} real job pages of {len(by_site)} "
        f"sites and {len(texts)} real UN postings (../shared)",
    )


def _seed_sizes(seeds: Path) -> list[int]:
    return [len(p.read_bytes()) for p in sorted(seeds.glob("*.txt"))]


def _log_spread(sizes: list[int]) -> float:
    """The spread of log(size), robust to an outlier (the median absolute deviation)."""
    logs = [math.log(s) for s in sizes]
    middle = statistics.median(logs)
    return round(1.4826 * statistics.median(abs(x - middle) for x in logs), 3)


@cache
def page_shape() -> PageShape:
    """The real pages' shape, measured now when ../shared is there, else `MEASURED`."""
    return measure_real_pages() or MEASURED


# -- the postings' text ------------------------------------------------------------------


@cache
def sentence_pool() -> tuple[str, ...]:
    """Distinct sentences of real posting text, chrome-free, long enough to be prose."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [UNICEF_INTRO, UNICEF_DIVERSITY, UNICEF_REMARKS]
    seen: dict[str, None] = {}
    for text in texts:
        for paragraph in re.split(r"\n\s*\n|\n", text):
            for sentence in _SENTENCE.split(" ".join(paragraph.split())):
                if len(sentence) >= 60 and "cookie" not in sentence.lower():
                    seen.setdefault(sentence, None)
    if not seen:
        raise RuntimeError(f"no seed texts in {SEEDS}")
    return tuple(seen)


@cache
def _successors() -> dict[str, tuple[str, ...]]:
    """Each word of the real postings' sentences and the words that follow it there
    ("" starts and ends a sentence)."""
    following: dict[str, list[str]] = {}
    for sentence in sentence_pool():
        words = ["", *sentence.split(), ""]
        for word, after in zip(words, words[1:], strict=False):
            following.setdefault(word, []).append(after)
    return {word: tuple(after) for word, after in following.items()}


def sentence(rng: random.Random) -> str:
    """A new sentence, each word one that follows the last in a real posting.

    Not the real postings' sentences themselves: a site's postings share their
    boilerplate, not their prose, and a compression dictionary trained on pages made of
    a few hundred sentences would hold them all and make every text look free.
    """
    following = _successors()
    words: list[str] = []
    word = rng.choice(following[""])
    while word and len(words) < 45:
        words.append(word)
        word = rng.choice(following[word])
    if len(words) < 6:
        return sentence(rng)
    text = " ".join(words)
    return text if text[-1] in ".!?:" else text + "."


def text_target(rng: random.Random, shape: PageShape) -> int:
    """A posting's text size: log-normal around the real postings' median, within 0.5-2.5x."""
    size = shape.text_bytes * math.exp(rng.gauss(0, shape.text_sigma))
    return int(min(2.5 * shape.text_bytes, max(0.5 * shape.text_bytes, size)))


def extra_sections(rng: random.Random, size: int, place: str) -> list[Section]:
    """Sections of about `size` characters of prose; lists of deliverables among them."""
    sections: list[Section] = []
    written = 0
    headings = _EXTRA_HEADINGS[:]
    rng.shuffle(headings)
    while size - written >= 300:  # a section of a sentence or two would be no section
        heading = headings[len(sections) % len(headings)]
        if len(sections) >= len(headings):
            heading = f"{heading} ({len(sections) // len(headings) + 1})"
        blocks = []
        for _ in range(rng.randint(2, 5)):
            picked = [sentence(rng) for _ in range(rng.randint(2, 4))]
            if rng.random() < 0.25:
                blocks.append("\n".join(f"• {s}" for s in picked))
            else:
                blocks.append(" ".join(picked))
        if rng.random() < 0.5:
            blocks.insert(0, f"This section applies to the assignment in {place}.")
        body = "\n\n".join(blocks)
        sections.append((heading, body))
        written += len(body) + len(heading)
    return sections


def generate_postings(n: int, seed: int = 7, shape: PageShape | None = None) -> list[MockPosting]:
    """N postings of the real UNICEF mock, each's text as long as a real UN posting's."""
    shape = shape or page_shape()
    postings = []
    for posting in unicef_postings(n):
        rng = random.Random(f"{seed}:{posting.key}")
        own = len(posting.plain_text.encode("utf-8"))
        extra = extra_sections(rng, text_target(rng, shape) - own, posting.duty_station)
        sections = list(posting.sections)
        # After "How can you make a difference?", where ToR postings put their detail.
        at = next((i + 1 for i, (h, _) in enumerate(sections) if h.startswith("How can")), 3)
        postings.append(replace(posting, sections=(*sections[:at], *extra, *sections[at:])))
    return postings


def change_postings(site: UnicefSite, fraction: float, seed: int = 11) -> list[str]:
    """Edit `fraction` of the site's postings the way sites change; return their keys.

    Alternates a moved deadline, a rewritten paragraph and a new duty station, so that
    changes touch both the fields and the text.
    """
    from datetime import timedelta

    postings = site.snapshot()
    rng = random.Random(seed)
    chosen = rng.sample(postings, max(1, round(len(postings) * fraction)))
    for i, posting in enumerate(chosen):
        if i % 3 == 0:
            site.edit(posting.key, closing_date=posting.closing_date + timedelta(days=14))
        elif i % 3 == 1:
            heading, body = posting.sections[-1]
            site.edit(
                posting.key, section=(heading, body + "\n\nThis vacancy has been re-advertised.")
            )
        else:
            site.edit(posting.key, duty_station="Geneva", country="Switzerland")
    return [p.key for p in chosen]


# -- the chrome ---------------------------------------------------------------------------

# Words of web front-end code and of an agency's site, from which the chrome's
# identifiers, class names, strings and menus are made.
_CODE_WORDS = [
    "header",
    "nav",
    "menu",
    "item",
    "link",
    "button",
    "icon",
    "modal",
    "dialog",
    "container",
    "wrapper",
    "grid",
    "col",
    "row",
    "card",
    "list",
    "search",
    "filter",
    "job",
    "jobs",
    "career",
    "apply",
    "share",
    "footer",
    "social",
    "cookie",
    "consent",
    "banner",
    "lang",
    "title",
    "label",
    "value",
    "input",
    "form",
    "field",
    "select",
    "option",
    "checkbox",
    "submit",
    "cancel",
    "close",
    "open",
    "toggle",
    "dropdown",
    "panel",
    "tab",
    "content",
    "main",
    "section",
    "aside",
    "hero",
    "image",
    "logo",
    "brand",
    "primary",
    "secondary",
    "active",
    "disabled",
    "hidden",
    "visible",
    "mobile",
    "desktop",
    "small",
    "medium",
    "large",
    "user",
    "account",
    "profile",
    "login",
    "session",
    "token",
    "alert",
    "notice",
    "error",
    "success",
    "warning",
    "loader",
    "spinner",
    "overlay",
    "tooltip",
    "badge",
    "chip",
    "tag",
    "avatar",
    "media",
    "video",
    "player",
    "carousel",
    "slide",
    "pager",
    "page",
    "next",
    "prev",
    "breadcrumb",
    "analytics",
    "tracking",
    "event",
    "config",
    "settings",
    "options",
    "state",
    "store",
    "action",
    "dispatch",
    "request",
    "response",
    "fetch",
    "data",
    "payload",
    "query",
    "params",
    "route",
    "router",
    "history",
    "location",
    "path",
    "url",
    "module",
    "exports",
    "require",
    "define",
    "render",
    "mount",
    "update",
    "props",
    "children",
    "node",
    "element",
    "text",
    "style",
    "theme",
    "color",
    "background",
    "border",
    "radius",
    "shadow",
    "margin",
    "padding",
    "width",
    "height",
    "display",
    "flex",
]
_SITE_WORDS = [
    "Child protection",
    "Education",
    "Health",
    "Nutrition",
    "Water, sanitation and hygiene",
    "Emergencies",
    "Climate and environment",
    "Gender equality",
    "Innovation",
    "Research and reports",
    "Press releases",
    "Stories",
    "Partners",
    "Donate",
    "Careers",
    "Internships",
    "Consultancies",
    "Talent pools",
    "Young people",
    "Children with disabilities",
    "Immunization",
    "HIV and AIDS",
    "Social policy",
    "Early childhood development",
    "Data and analytics",
    "Evaluation",
    "Supply and logistics",
    "Procurement",
    "Fundraising",
    "Contact us",
    "Country offices",
    "Regional offices",
    "About us",
    "Leadership",
    "Executive Board",
    "Transparency",
    "Legal",
    "Privacy policy",
    "Accessibility",
    "Fraud alert",
    "Media centre",
    "Publications",
]
_CSS_FIXED = [
    "display:flex",
    "display:block",
    "display:none",
    "display:inline-block",
    "position:relative",
    "position:absolute",
    "margin:0",
    "padding:0",
    "box-sizing:border-box",
    "font-weight:700",
    "font-weight:400",
    "text-align:center",
    "text-decoration:none",
    "cursor:pointer",
    "overflow:hidden",
    "white-space:nowrap",
    "align-items:center",
    "justify-content:space-between",
    "flex-wrap:wrap",
    "list-style:none",
    "border:0",
    "outline:none",
]
_CSS_SIZED = [
    "margin",
    "padding",
    "width",
    "height",
    "top",
    "left",
    "font-size",
    "line-height",
    "gap",
    "max-width",
    "border-radius",
]
_LOCALES = [
    "en",
    "fr",
    "es",
    "ar",
    "zh",
    "ru",
    "pt",
    "de",
    "it",
    "nl",
    "ja",
    "ko",
    "sw",
    "tr",
    "pl",
    "uk",
    "id",
    "vi",
    "th",
    "hi",
]


class _Writer:
    """Pieces of chrome of a given size, made from one site's seeded RNG and word pools:
    a minified bundle reuses its few hundred identifiers, as real ones do."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = [self._name() for _ in range(60)]
        self.strings = [self._string() for _ in range(40)]

    def hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def _name(self) -> str:
        rng = self.rng
        if rng.random() < 0.35:  # minified: one or two characters
            return rng.choice(string.ascii_letters) + rng.choice(["", *string.ascii_letters])
        words = rng.sample(_CODE_WORDS, rng.randint(1, 3))
        return words[0] + "".join(w.capitalize() for w in words[1:])

    def _string(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.3:
            path = "/".join(rng.sample(_CODE_WORDS, rng.randint(1, 3)))
            return f"/{path}.{self.hex(8)}.js" if rng.random() < 0.3 else f"/{path}"
        if kind < 0.38:
            return self.hex(rng.choice((8, 12)))
        return rng.choice(" -").join(rng.sample(_CODE_WORDS, rng.randint(1, 4)))

    def name(self) -> str:
        return self.rng.choice(self.names)

    def text(self) -> str:
        return self.rng.choice(self.strings) if self.rng.random() < 0.8 else self._string()

    def number(self) -> str:
        rng = self.rng
        return str(rng.choice((0, 1, 2, 100, 1000, rng.randint(0, 999))))

    def script(self, size: int) -> str:
        """Minified JavaScript of about `size` bytes."""
        out: list[str] = []
        while sum(map(len, out)) < size:
            out.append(self._statement())
        return "".join(out)

    def _statement(self) -> str:
        a, b, c, p, q, o = (self.name() for _ in range(6))
        s, n = self.text(), self.number()
        kind = self.rng.randrange(7)
        if kind == 0:
            return f"function {a}({b},{c}){{if(!{b})return {c};var {p}={b}.{q}||{{}};return {p}.{o}?{p}.{o}({c}):{n}}}"
        if kind == 1:
            return f'{a}.prototype.{b}=function({c}){{this.{p}={c};this.{q}("{s}",{c})}};'
        if kind == 2:
            pairs = ",".join(
                f"{self.name()}:{self.rng.choice([json.dumps(self.text()), self.number(), '!0', '!1', 'null'])}"
                for _ in range(self.rng.randint(2, 6))
            )
            return f"var {a}={{{pairs}}};"
        if kind == 3:
            event = self.rng.choice(("click", "load", "scroll", "resize", "submit", "keydown"))
            return f'{a}.addEventListener("{event}",function({b}){{{b}.preventDefault();{c}({b}.target,"{s}")}});'
        if kind == 4:
            items = ",".join(json.dumps(self.text()) for _ in range(self.rng.randint(2, 5)))
            return f"[{items}].forEach(function({a}){{{b}[{a}]={c}({a})}});"
        if kind == 5:
            return f'{a}:function({b},{c},{p}){{"use strict";{p}.r({c});var {q}={p}({n});{c}.default={q}.{o}}},'
        return f'if({a}&&{a}.{b}>{n}){{{c}.{p}({a},{{{q}:"{s}",{o}:{self.number()}}})}}else{{{c}.{q}=[]}}'

    def style(self, size: int) -> str:
        """A style sheet of about `size` bytes."""
        rng = self.rng
        out: list[str] = []
        while sum(map(len, out)) < size:
            selector = ",".join(
                "."
                + "-".join(rng.sample(_CODE_WORDS, rng.randint(1, 2)))
                + rng.choice(
                    (
                        "",
                        f"__{rng.choice(_CODE_WORDS)}",
                        f"--{rng.choice(_CODE_WORDS)}",
                        ":hover",
                        " a",
                        " span",
                    )
                )
                for _ in range(rng.randint(1, 2))
            )
            declarations = []
            for _ in range(rng.randint(2, 6)):
                if rng.random() < 0.6:
                    declarations.append(rng.choice(_CSS_FIXED))
                elif rng.random() < 0.8:
                    amount = rng.choice((0, 4, 8, 12, 16, 24, 32, 48))
                    declarations.append(
                        f"{rng.choice(_CSS_SIZED)}:{amount}{rng.choice(('px', 'rem', '%'))}"
                    )
                else:
                    declarations.append(f"color:#{self.hex(rng.choice((3, 6)))}")
            out.append(selector + "{" + ";".join(declarations) + "}")
        return "".join(out)

    def icons(self, size: int) -> str:
        """Inline SVG icons, each drawn several times, as pages repeat theirs."""
        rng = self.rng
        drawn = []
        for _ in range(90):
            path = "".join(
                f"{rng.choice('MLCQ')}{rng.randint(0, 240) / 10} {rng.randint(0, 240) / 10}"
                for _ in range(rng.randint(8, 30))
            )
            drawn.append(
                f'<svg class="icon icon-{rng.choice(_CODE_WORDS)}" viewBox="0 0 24 24" width="24" '
                f'height="24" aria-hidden="true"><path fill="currentColor" d="{path}z"></path></svg>'
            )
        out: list[str] = []
        while sum(map(len, out)) < size:
            out.append(rng.choice(drawn))
        return "\n".join(out)

    def menu(self, size: int, css: str) -> str:
        """Groups of links, as a mega menu or a footer sitemap draws them."""
        rng = self.rng
        out: list[str] = []
        while sum(map(len, out)) < size:
            links = "".join(
                f'<li class="{css}__item"><a class="{css}__link" data-track="{css}-{self.name()}" '
                f'href="/{_slug(rng.choice(_SITE_WORDS))}/{_slug(rng.choice(_SITE_WORDS))}">'
                f"{escape(rng.choice(_SITE_WORDS))}</a></li>"
                for _ in range(rng.randint(4, 10))
            )
            out.append(
                f'<li class="{css}__group"><button class="{css}__toggle" aria-expanded="false">'
                f'{escape(rng.choice(_SITE_WORDS))}</button><ul class="{css}__sub">{links}</ul></li>\n'
            )
        return "".join(out)

    def markup(self, size: int) -> str:
        """Hidden dialogs, forms and wrappers: the markup that is neither script nor text."""
        rng = self.rng
        out: list[str] = []
        depth = 0
        while sum(map(len, out)) < size:
            classes = " ".join(
                rng.choice(
                    (
                        "flex",
                        "grid",
                        "hidden",
                        "md:block",
                        "items-center",
                        "px-4",
                        "py-2",
                        "mt-6",
                        "gap-3",
                        "w-full",
                        "text-sm",
                        "sr-only",
                    )
                )
                for _ in range(rng.randint(2, 6))
            )
            kind = rng.random()
            indent = "  " * depth
            if kind < 0.45:
                out.append(
                    f'{indent}<div class="{classes}" data-{self.name().lower()}="{self.text()}">\n'
                )
                depth += 1
            elif kind < 0.8 and depth:
                depth -= 1
                out.append(f"{indent[2:]}</div>\n")
            elif kind < 0.9:
                field = self.name()
                out.append(
                    f'{indent}<label class="{classes}" for="{field}">{escape(rng.choice(_SITE_WORDS))}</label>'
                    f'<input id="{field}" name="{field}" type="{rng.choice(("text", "email", "checkbox", "hidden"))}" class="{classes}">\n'
                )
            else:
                out.append(
                    f'{indent}<button type="button" class="{classes}" aria-label="{self.text()}"></button>\n'
                )
        out.extend("</div>\n" for _ in range(depth))
        return "".join(out)


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")


@dataclass(frozen=True)
class SiteChrome:
    """One site's chrome around its job pages; `{nonce}`, `{csrf}`, `{request}` and
    `{related}` are each page's own."""

    head: str
    top: str
    bottom: str

    @classmethod
    def build(
        cls, shape: PageShape, seed: int, own_bytes: int, own_nav: int, brand: str
    ) -> SiteChrome:
        """A chrome of `shape.chrome_bytes`, less the `own_bytes` the mock's page already
        has besides the posting's text (`own_nav` of them its header, menus and footer)."""
        rng = random.Random(f"{seed}:chrome")
        w = _Writer(rng)
        total = shape.chrome_bytes
        scripts = [w.script(int(total * shape.script * part)) for part in (0.45, 0.1, 0.45)]
        build = w.hex(20)
        assets = "".join(
            f'<link rel="preload" as="script" href="/assets/{w.name()}.{w.hex(8)}.js">'
            for _ in range(8)
        )
        alternates = "".join(
            f'<link rel="alternate" hreflang="{lang}" href="/{lang}/careers/">' for lang in _LOCALES
        )
        head = (
            f'<meta name="csp-nonce" content="{{nonce}}"><meta name="csrf-token" content="{{csrf}}">'
            f'<meta name="build" content="{build}">\n{assets}\n{alternates}\n'
            f'<style nonce="{{nonce}}">{w.style(int(total * shape.style))}</style>\n'
            f'<script nonce="{{nonce}}">window.__CONFIG__={{"build":"{build}","request":"{{request}}"}};'
            f"{scripts[0]}</script>\n"
        )
        icons = w.icons(int(total * shape.svg))
        half = icons.find("\n", len(icons) // 2)
        menus = max(0, int(total * shape.nav) - own_nav)
        menu = w.menu(int(menus * 0.6), "mega-nav")
        sitemap = w.menu(menus - int(menus * 0.6), "footer-nav")
        written = len(head) + sum(map(len, scripts[1:])) + len(icons) + len(menu) + len(sitemap)
        rest = max(0, total - own_bytes - written - 1500)  # 1,500: the related jobs, tokens
        top = (
            f'<div id="app-shell" data-build="{build}">\n<header class="site-top">'
            f'<nav class="mega-nav" aria-label="{escape(brand)}"><ul class="mega-nav__list">{menu}</ul></nav>'
            f"{icons[:half]}</header>\n{w.markup(rest // 2)}"
        )
        bottom = (
            f'{{related}}\n<footer class="site-sitemap"><ul class="footer-nav__list">{sitemap}</ul>'
            f"{icons[half:]}</footer>\n{w.markup(rest - rest // 2)}"
            f'<form class="hidden" method="post" action="/session"><input type="hidden" '
            f'name="csrf" value="{{csrf}}"></form>\n'
            f'<script nonce="{{nonce}}">{scripts[1]}</script>\n'
            f'<script nonce="{{nonce}}">{scripts[2]}</script>\n</div>\n'
        )
        return cls(head, top, bottom)

    def dress(self, page: str, tokens: dict[str, str]) -> str:
        """`page` (a whole HTML document) inside this chrome."""

        def fill(part: str) -> str:
            for name, value in tokens.items():
                part = part.replace(f"{{{name}}}", value)
            return part

        page = page.replace("</head>", fill(self.head) + "</head>", 1)
        page = page.replace("<body>\n", "<body>\n" + fill(self.top), 1)
        return page.replace("</body>", fill(self.bottom) + "</body>", 1)


class RealWeightSite(UnicefSite):
    """The UNICEF mock whose job pages weigh what real job pages do (see the module)."""

    def __init__(
        self,
        postings: list[MockPosting] | None = None,
        shape: PageShape | None = None,
        seed: int = 7,
        related: int = 6,
    ) -> None:
        super().__init__(postings=postings)
        self.shape = shape or page_shape()
        self.seed = seed
        self.related = related
        sample = self.snapshot()[0] if self.snapshot() else unicef_postings(1)[0]
        page = super().detail(sample).body
        own = len(page) - len(sample.plain_text.encode("utf-8"))
        html = page.decode("utf-8")
        for name, pattern in _PARTS.items():  # as measure_real_pages counts them
            if name == "nav":
                own_nav = sum(len(m.group(0).encode("utf-8")) for m in pattern.finditer(html))
            html = pattern.sub("", html)
        self.chrome = SiteChrome.build(self.shape, seed, own, own_nav, self.tenants[0].organization)

    def detail(self, posting: MockPosting, tenant: MockTenant | None = None) -> MockResponse:
        response = super().detail(posting, tenant)
        page = response.body.decode("utf-8")
        # The page's tokens follow from its content: an unchanged posting is served
        # byte for byte as before, as the archive's unchanged recrawls need.
        token = hashlib.sha256(f"{self.seed}:{page}".encode()).hexdigest()
        rng = random.Random(token)
        postings = self.snapshot()
        others = rng.sample(postings, min(len(postings), self.related + 1))
        others = [p for p in others if p.key != posting.key][: self.related]
        related = "".join(
            f'<li class="related-card"><a href="/en-us/job/{p.key}">{escape(p.title)}</a>'
            f'<span class="related-card__place">{escape(p.duty_station)}, {escape(p.country)}</span>'
            f'<time datetime="{p.closing_date.isoformat()}">{p.closing_date:%d %b %Y}</time></li>'
            for p in others
        )
        tokens = {
            "nonce": token[:32],
            "csrf": token[32:64] + hashlib.sha256(token.encode()).hexdigest()[:24],
            "request": f"{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:28]}",
            "related": f'<aside class="related-jobs"><h2>Jobs you may like</h2><ul>{related}</ul></aside>',
        }
        return dataclasses.replace(response, body=self.chrome.dress(page, tokens).encode("utf-8"))


def page_figures(site: UnicefSite, postings: list[MockPosting]) -> dict[str, Any]:
    """The served job pages' sizes and shape, beside the real pages' they are made to."""
    sample = postings[:: max(1, len(postings) // 500)]
    sizes, shares, packed = [], [], []
    for posting in sample:
        body = site.detail(posting).body
        sizes.append(len(body))
        shares.append(len(posting.plain_text.encode("utf-8")) / len(body))
        packed.append(len(gzip.compress(body, 6)) / len(body))
    texts = [share * size for share, size in zip(shares, sizes, strict=True)]
    sizes.sort()
    shape = getattr(site, "shape", None)
    return {
        "min_kb": round(sizes[0] / 1000),
        "median_kb": round(statistics.median(sizes) / 1000),
        "max_kb": round(sizes[-1] / 1000),
        "sampled": len(sizes),
        "text_kb_median": round(statistics.median(texts) / 1000, 1),
        "text_share_median": round(statistics.median(shares), 3),
        "gzip_ratio_median": round(statistics.median(packed), 3),
        "real": dataclasses.asdict(shape) if shape is not None else None,
    }
