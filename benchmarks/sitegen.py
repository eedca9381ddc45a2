"""A mock UNICEF site of N postings whose detail pages are 30-150 KB, like real ones.

The real UNICEF mock's own postings make ~13 KB pages: real PageUp pages weigh far
more. Rather than pad the HTML, each posting gets the long multi-section text that
consultancy terms of reference and emergency postings really carry: background, scope,
deliverables, reporting lines. Paragraphs are composed from sentences of the real
postings in /work/shared/seeds (and of the mock's own texts), chosen per posting by a
seeded RNG, so pages are distinct, deterministic, and compress like real prose rather
than like one paragraph repeated.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from crawler.mocksites.content import (
    UNICEF_DIVERSITY,
    UNICEF_INTRO,
    UNICEF_REMARKS,
    unicef_postings,
)
from crawler.mocksites.postings import MockPosting, Section
from crawler.mocksites.unicef import UnicefSite

# The real postings beside the repository (../shared/seeds), when it is there; the
# mock's own texts are used either way.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
MIN_PAGE, MAX_PAGE = 30_000, 150_000
# Median page ~45 KB, long tail to 150 KB: the spread of real UN job pages.
_MEDIAN_PAGE = 45_000
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


def page_target(rng: random.Random) -> int:
    """A page size in [MIN_PAGE, MAX_PAGE], log-normal around the median."""
    # Aim below the ceiling: the last section and HTML escaping overshoot a little.
    ceiling = MAX_PAGE - 10_000
    return int(min(ceiling, max(MIN_PAGE, rng.lognormvariate(0, 0.45) * _MEDIAN_PAGE)))


def extra_sections(rng: random.Random, size: int, place: str) -> list[Section]:
    """Sections of about `size` characters of prose; lists of deliverables among them."""
    pool = sentence_pool()
    sections: list[Section] = []
    written = 0
    headings = _EXTRA_HEADINGS[:]
    rng.shuffle(headings)
    while written < size:
        heading = headings[len(sections) % len(headings)]
        if len(sections) >= len(headings):
            heading = f"{heading} ({len(sections) // len(headings) + 1})"
        blocks = []
        for _ in range(rng.randint(3, 6)):
            picked = rng.sample(pool, rng.randint(2, 5))
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


def generate_postings(n: int, seed: int = 7) -> list[MockPosting]:
    """N postings of the real UNICEF mock, each lengthened to a realistic page size."""
    base = unicef_postings(n)
    renderer = UnicefSite(postings=base[:5])  # detail() lists "similar jobs" from its site
    postings = []
    for posting in base:
        rng = random.Random(f"{seed}:{posting.key}")
        shell = len(renderer.detail(posting).body)
        extra = extra_sections(rng, max(0, page_target(rng) - shell), posting.duty_station)
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
