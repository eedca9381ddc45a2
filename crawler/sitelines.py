"""The site's template, learned from a whole crawl: lines no single page can tell apart.

A page extractor (crawler/extract.py) sees one page; a crawl sees the source's pages
together, and two kinds of chrome show only then:

- **related-job lists**: lines that are the titles of other postings of the same source
  (with or without a place, an employer or a date after them), two or more together,
  each with the short lines of its card (employer, place, date). The heading above such
  a list ("Similar jobs") is not told from the posting's last line by its place; on a
  board it is a template line (below), on a site of one employer it stays;
- **template lines**: a short plain line (a button, a notice, a widget's caption) that
  most of the source's postings carry, postings of several organizations: on a board,
  a line that the postings of different employers share is the board's.

Besides, in a posting's text a short line that stamps it with a relative time or a
counter ("Posted 7 hours ago · 8,436 views") is never part of it: it changes from one
fetch to the next, and stored, it would make versions that are no change of the posting.

What a line of the posting itself looks like is never dropped: prose (a sentence), a
heading, a list item, a table row, a "Label: value" field; and a line seen with postings
of one organization only is that organization's (its mission paragraph or EEO line,
repeated in each of its postings, is part of each). So a source of one employer loses no
template lines here, only related-job lists and stamps.

The counts are kept in the archive (archive/sitelines.py) and grow as crawls go: each
posting is counted once, on the first fetch whose text is read. The rules apply before a
text is stored; a stored text is compared with a new one under the same rules, so that
what was learned later makes no version of a posting whose page did not change.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from archive.sitelines import LineCounts, load_line_counts, source_postings

#: A template line is short: buttons, notices and captions, not paragraphs.
MAX_WORDS = 12
#: Postings to learn from before any template line is dropped.
MIN_POSTINGS = 20
#: Share of the source's postings that must carry a line for it to be the template.
TEMPLATE_SHARE = 0.8
#: Organizations among those postings: fewer, and the line may be an employer's own.
MIN_ORGANIZATIONS = 3
#: A line of a related-job card after its title (an employer, a place): at most this long,
#: and at most this many of them a card.
MAX_CARD_WORDS = 8
MAX_CARD_LINES = 3

_MARKS = re.compile(r"\*\*|__|`|\[|\]\([^)]*\)")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TABLE_ROW = re.compile(r"^\s*\|")
_LABELLED = re.compile(r"^[^:]{1,40}:\s+\S")
_SENTENCE_END = re.compile(r"[.!?。]\s*$")
# A line leading into what follows it ("Under the supervision of the head of unit:").
_LEAD_IN = re.compile(r"[:：]\s*$")
_BOLD_ONLY = re.compile(r"^\s*(\*\*|__)[^*_]+\1\s*$")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# Where a related-job line's title may end and its place or employer begin.
_TITLE_END = re.compile(r"\s+[-–—|·•]\s+|,\s+|\s+\(|\s+@\s+|\s{2,}")
# A relative-time stamp or a counter, in the languages of the sites (English, German,
# Spanish, French, Italian, Portuguese).
_UNITS = (
    r"(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?"
    r"|segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?|anos?"
    r"|secondes?|heures?|jours?|semaines?|mois|ans?"
    r"|ore|giorni|settimane|mesi)"
)
_STAMP = re.compile(
    rf"\b\d+\+?\s*{_UNITS}\s+ago\b"
    rf"|\b(?:vor|hace|há|il y a)\s+\d+\+?\s*{_UNITS}\b"
    rf"|\b\d+\+?\s*{_UNITS}\s+fa\b"
    r"|\bposted\s+(?:today|yesterday|just now)\b"
    r"|\b\d[\d,.' ]*\s+(?:views?|applicants?|candidates?|applications?|clicks?|vues|"
    r"aufrufe|bewerbungen|visitas|candidaturas)\b",
    re.IGNORECASE,
)


def plain(line: str) -> str:
    """A line without its markdown marks."""
    text = _HEADING.sub("", line)
    text = _LIST_ITEM.sub("", text)
    return _SPACE.sub(" ", _MARKS.sub("", text)).strip()


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.casefold()).strip(" .:;,!?-–—|·•")


def shape(line: str) -> str:
    """What a line is across pages: its words in lower case, numbers as 0."""
    return _DIGITS.sub("0", _norm(plain(line)))


def is_stamp(line: str) -> bool:
    """A short line saying how long ago, or how often seen: never the posting's."""
    text = plain(line)
    return bool(text) and len(text.split()) <= MAX_WORDS + 3 and bool(_STAMP.search(text))


def could_be_template(line: str) -> bool:
    """A short plain line: not prose, a heading, a list item, a table row or a field."""
    if (
        _HEADING.match(line)
        or _LIST_ITEM.match(line)
        or _TABLE_ROW.match(line)
        or _BOLD_ONLY.match(line)
    ):
        return False
    text = plain(line)
    if not text or len(text.split()) > MAX_WORDS or _SENTENCE_END.search(text):
        return False
    return not _LABELLED.match(text) and not _LEAD_IN.search(text)


@dataclass
class Cleaned:
    text: str
    dropped: Counter[str] = field(default_factory=Counter)  # reason -> lines


@dataclass
class SiteLines:
    """One source's learned lines and postings, and the rules that use them."""

    counts: LineCounts
    #: Each archived or crawled posting's title, by key.
    titles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_title: dict[str, set[str]] = {}
        for key, title in self.titles.items():
            self._index(key, title)

    def _index(self, key: str, title: str) -> None:
        name = _norm(plain(title))
        if name:
            self._by_title.setdefault(name, set()).add(key)

    def saw(
        self,
        key: str,
        title: str | None,
        organization: str | None,
        location: str | None,
        text: str | None,
    ) -> None:
        """Learn from one posting read in this crawl: its title (for other postings'
        related lists) and, once per posting, its short lines with its employer."""
        if title:
            self.titles[key] = title
            self._index(key, title)
        if text:
            shapes = [shape(line) for line in text.splitlines() if could_be_template(line)]
            self.counts.add(key, organization, [s for s in shapes if s])

    def is_template(self, line: str) -> bool:
        if self.counts.postings < MIN_POSTINGS or not could_be_template(line):
            return False
        found = shape(line)
        carried = self.counts.shapes.get(found, 0)
        return (
            carried >= TEMPLATE_SHARE * self.counts.postings
            and len(self.counts.organizations.get(found, ())) >= MIN_ORGANIZATIONS
        )

    def _names_other_posting(self, line: str, key: str, own: str) -> int:
        """2: the line names another posting of the source (its title, perhaps with a
        place after it); 1: it names one whose title is this posting's own (which only
        counts beside others); 0: neither."""
        text = _norm(plain(line))
        if not text or _SENTENCE_END.search(plain(line)) or len(text.split()) > 25:
            return 0
        ends = [m.start() for m in _TITLE_END.finditer(text)] + [len(text)]
        found = 0
        for end in ends:
            name = text[:end].strip(" .:;,!?-–—|·•")
            keys = self._by_title.get(name)
            if keys and keys - {key}:
                # A title of one word ("Epidemiologist") may be a word of the posting's
                # own: like the posting's own title, it only counts beside others.
                if name != own and " " in name:
                    return 2
                found = 1
        return found

    @staticmethod
    def _is_card_line(line: str) -> bool:
        """What may follow a title on a related-job card: a short line that is no
        sentence (an employer, a place, a date), not a heading or a list item."""
        text = plain(line)
        return (
            bool(text)
            and len(text.split()) <= MAX_CARD_WORDS
            and not _SENTENCE_END.search(text)
            and not _HEADING.match(line)
            and not _LIST_ITEM.match(line)
            and not _LABELLED.match(text)
        )

    @staticmethod
    def _card_width(lines: list[str], first: int, second: int) -> int:
        return sum(1 for line in lines[first + 1 : second] if line.strip())

    def comparable(self, text: str, key: str, title: str | None = None) -> str:
        """The text as two readings of a posting are compared: without what `clean`
        takes out, and without a lone card of another posting either. A text stored
        before the crawl had read the postings its related list named may keep one
        such card that `clean` alone (two cards or more) would not take out now."""
        return self.clean(text, key, title, single=True).text

    def clean(
        self, text: str, key: str, title: str | None = None, *, single: bool = False
    ) -> Cleaned:
        """The text without related-job lists, template lines and stamps."""
        lines = text.split("\n")
        own = _norm(plain(title or ""))
        related = [self._names_other_posting(line, key, own) for line in lines]
        drop: dict[int, str] = {}
        # Related-job lists: runs of two or more such lines, card lines between them.
        index = 0
        while index < len(lines):
            if not related[index]:
                index += 1
                continue
            # A card is a title and up to MAX_CARD_LINES short lines (employer, place,
            # date); blank lines between do not count.
            run, last, cursor, card = [index], index, index + 1, 0
            while cursor < len(lines):
                line = lines[cursor]
                if related[cursor]:
                    run.append(cursor)
                    last, card = cursor, 0
                elif line.strip():
                    card += 1
                    if card > MAX_CARD_LINES or not self._is_card_line(line):
                        break
                cursor += 1
            # Two cards, one naming another posting for sure; or three, whatever they name;
            # or, to compare, one (see `comparable`).
            sure = [related[at] == 2 for at in run]
            if len(run) >= 3 or (len(run) == 2 and any(sure)) or single:
                # ... and the last card's lines after its title, as many as the others had.
                widest = max(
                    (self._card_width(lines, a, b) for a, b in itertools.pairwise(run)),
                    default=MAX_CARD_LINES,
                )
                end, seen = last, 0
                for at in range(last + 1, len(lines)):
                    if not lines[at].strip():
                        continue
                    if seen >= widest or not self._is_card_line(lines[at]):
                        break
                    end, seen = at, seen + 1
                start = run[0]
                for at in range(start, end + 1):
                    if lines[at].strip():
                        drop[at] = "related"
            index = last + 1
        for at, line in enumerate(lines):
            if at in drop or not line.strip():
                continue
            if is_stamp(line):
                drop[at] = "stamp"
            elif self.is_template(line):
                drop[at] = "template"
        if not drop:
            return Cleaned(text)
        kept = [line for at, line in enumerate(lines) if at not in drop]
        return Cleaned(_squeeze("\n".join(kept)), Counter(drop.values()))


def _squeeze(text: str) -> str:
    """No run of blank lines where lines were dropped, none at the ends."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def load(conn: sqlite3.Connection, source: str) -> SiteLines:
    """What the archive learned of `source`, with its postings' titles and places."""
    learned = SiteLines(load_line_counts(conn, source))
    for key, title, organization, location in source_postings(conn, source):
        learned.saw(key, title, organization, location, None)
    return learned
