"""Listing completeness, judged in one place for every source.

A posting missing from a source's listing is marked removed, so the one question that
protects the archive from a bad crawl is "was this listing read whole?". Spiders do not
answer it: each listing page they read is reported here as what it showed (its posting
keys, how many postings it showed, the total it states, whether it links a next page),
and the ledger decides. A listing is complete only when

- every page requested was read, and none failed;
- no page after the first came back empty, and none repeated an earlier page's keys
  (a shifted or stuck list);
- every posting a page showed gave a key;
- the total the first page states was reached by distinct keys, and the stated total
  did not move by more than a small tolerance while the pages were read;
- for a listing of several pages that states no total, its first page, read again at
  the end, still shows the same postings (else the list shifted under the reader).

Anything else is incomplete, with the reason in words for the run's record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Pages beyond this are not followed: a listing that long is a loop, not a site.
MAX_PAGES = 1000


def total_tolerance(total: int) -> int:
    """How far a stated total may move while the listing is read: postings are
    published and closed all the time, so a busy site's count moves by one or two."""
    return max(2, total // 100)


@dataclass
class PageReport:
    """One listing page as a spider read it."""

    url: str
    number: int  # 1 for the first page read, 2 for the next, ...
    keys: list[str]
    shown: int  # postings the page showed, whether or not a key was read from each
    total: int | None
    has_next: bool
    links: list[str] = field(default_factory=list)  # for keys learned from the postings


@dataclass
class ListingLedger:
    """Every listing page of one crawl of one source, and the verdict on them."""

    pages: list[PageReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pending: int = 0  # pages requested and neither reported nor failed yet
    failed: int = 0
    rechecked: bool = False
    seen: dict[str, int] = field(default_factory=dict)  # key -> the page it first came on
    ids: dict[str, int] = field(default_factory=dict)  # keys, or links for unknown keys

    @property
    def keys(self) -> set[str]:
        return set(self.seen)

    @property
    def stated_total(self) -> int | None:
        return self.pages[0].total if self.pages else None

    def expect(self) -> None:
        """A listing page was requested."""
        self.pending += 1

    def page_failed(self) -> None:
        """A listing page could not be fetched or read (the spider names it in its failures)."""
        self.pending = max(0, self.pending - 1)
        self.failed += 1

    def add_key(self, key: str) -> None:
        """A key learned outside a listing page (from a detail page's JSON-LD, say)."""
        self.seen.setdefault(key, len(self.pages))

    def page(
        self,
        url: str,
        keys: list[str],
        *,
        shown: int | None = None,
        total: int | None = None,
        has_next: bool = False,
        links: list[str] | None = None,
    ) -> bool:
        """Record one page; True when its next page should be followed.

        `links` are the page's posting URLs, for sources whose keys are only learned from
        the postings' own pages: they stand in for keys when judging the page.
        """
        self.pending = max(0, self.pending - 1)
        number = len(self.pages) + 1
        keys = list(dict.fromkeys(k for k in keys if k))
        ids = keys or [f"<{link}>" for link in dict.fromkeys(links or ())]
        shown = len(ids) if shown is None else shown
        report = PageReport(url, number, keys, shown, total, has_next, list(links or ()))
        self.pages.append(report)
        earlier = set(self.ids)
        for key in keys:
            self.seen.setdefault(key, number)
        for id_ in ids:
            self.ids.setdefault(id_, number)
        where = f"page {number} of the listing ({url})"
        follow = has_next
        if shown > len(ids):
            self.problems.append(f"{where} showed {shown} postings but gave a key for {len(ids)}")
        if number > 1 and not ids and not shown:
            self.problems.append(f"{where} had no postings")
            follow = False
        elif number > 1 and ids and set(ids) <= earlier:
            repeated = min(self.ids[i] for i in ids)
            self.problems.append(f"{where} repeated page {repeated}'s postings")
            follow = False
        first = self.stated_total
        if (
            number > 1
            and total is not None
            and first is not None
            and abs(total - first) > total_tolerance(first)
        ):
            self.problems.append(
                f"the stated total moved from {first} to {total} while the listing was read"
            )
        if follow and number >= MAX_PAGES:
            self.problems.append(f"the listing has more than {MAX_PAGES} pages (a loop?)")
            follow = False
        return follow

    def needs_recheck(self) -> bool:
        """True when every page is read, none failed, there were several and no stated
        total: only reading the first page again can show a shift."""
        return (
            not self.pending
            and not self.failed
            and not self.rechecked
            and self.stated_total is None
            and len(self.pages) > 1
        )

    def recheck(self, url: str, keys: list[str], links: list[str] | None = None) -> None:
        """The first page with postings, read again after the last page."""
        self.pending = max(0, self.pending - 1)
        self.rechecked = True
        first = next((p for p in self.pages if p.keys or p.links), None)
        if first is None:
            return
        now = set(keys) if keys else {f"<{link}>" for link in links or ()}
        before = set(first.keys) if first.keys else {f"<{link}>" for link in first.links}
        if now != before:
            self.problems.append(
                f"the listing changed while it was read: page {first.number} ({url}), read "
                f"again at the end, shows {len(now - before)} posting(s) it did not show before"
                if now - before
                else f"the listing changed while it was read: page {first.number} ({url}), "
                f"read again at the end, no longer shows {len(before - now)} of its postings"
            )

    def verdict(self, finished: bool = True) -> tuple[bool, list[str]]:
        """(complete?, why not): see the module docstring for the rules. A crawl that did
        not finish is incomplete anyway: its pages left unread are then not named."""
        problems = list(self.problems)
        if not finished:
            return False, problems
        if self.pending:
            problems.append(
                f"{self.pending} listing page{'s' if self.pending > 1 else ''} requested "
                "but never read"
            )
        if not self.pages and not self.failed and not problems:
            problems.append("no listing page was read")
        stated = self.stated_total
        if stated is not None and len(self.seen) < stated and not self.failed:
            problems.append(f"found {len(self.seen)} of the {stated} postings the listing states")
        return not problems and not self.failed, problems
