"""`python -m benchmarks.changesim`: a simulated week of 6-hourly crawls of a changing site.

N postings, each with a closing date in the next four weeks; at its closing date a
posting is taken down and a new one, open 2-6 weeks, is published in its place. During
the week a share of the postings is edited once, at a random moment, some only in the
detail page's text and the others in a field the listing shows too; and a share of the
postings reaching their closing date have it extended, at a moment of their last three
days (when extensions are made), half of them where the listing shows the closing date
and half where only the detail page does.

The site is crawled every 6 hours, time simulated rather than waited, once fetching
every detail page and once per policy, whose decision is crawler/revisit.py's
`fetch_reason` itself (with its jitter and its deadline rule, or without them, as the
policy's name says). For each: detail fetches per crawl, and of those the ones only the
policy asked for (revisits and the sample: what a quiet crawl, where nothing is new and
no listing row changed, fetches), changes archived, still waiting at the end (within
their bound: not yet due), missed (waiting longer than their bound, which the policy
must never allow), lost (the posting was taken down before its change was archived),
extensions archived only after the old closing date had passed, and the delay from a
change to the crawl that archived it.

The HTTP side of the policy (listing rows hashed, skipped details seen, never removed)
is tested by real crawls in tests/test_revisit.py; this measures what it costs and
saves over a week, at a size no test could crawl.

    python -m benchmarks.changesim                      # 5,000 postings, 10% edited
    python -m benchmarks.changesim --postings 1500 --changing 0.02
"""

from __future__ import annotations

import argparse
import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from archive.revisits import RevisitState, listed_digest
from crawler.revisit import (
    DEADLINE_REVISIT_AFTER,
    DEADLINE_WINDOW,
    DEFAULT_REVISIT_AFTER_HOURS,
    SAMPLE,
    fetch_reason,
    stamp,
)

WEEK = timedelta(days=7)
EVERY = timedelta(hours=6)
START = datetime(2026, 1, 5, tzinfo=UTC)
#: How long a posting published during the week stays open, in days.
OPEN_DAYS = (14, 42)
#: How far ahead the postings listed at the start close, in days.
FIRST_CLOSING_DAYS = 28
#: How far an extension moves the closing date, in days.
EXTENDED_BY = (7, 14)


@dataclass(frozen=True)
class Policy:
    """A way of crawling: every detail page (`after` None), or the revisit policy."""

    name: str
    after: timedelta | None
    jitter: bool = True
    deadline_rule: bool = True


@dataclass(frozen=True)
class Change:
    posting: int  # the slot: the posting listed there when the change is made
    at: datetime
    in_listing: bool
    extension: bool = False


@dataclass
class Outcome:
    """What one way of crawling did over the week."""

    name: str
    fetches: list[int] = field(default_factory=list)  # detail fetches, crawl by crawl
    quiet: list[int] = field(default_factory=list)  # of those, revisits and the sample
    listed: list[int] = field(default_factory=list)  # postings listed, crawl by crawl
    delays: list[float] = field(default_factory=list)  # hours, change to archive
    listing_delays: list[float] = field(default_factory=list)
    detail_delays: list[float] = field(default_factory=list)
    extension_delays: list[float] = field(default_factory=list)  # detail-only extensions
    after_deadline: int = 0  # extensions archived once the old closing date had passed
    waiting: int = 0  # changes not archived at the end, within their bound
    missed: int = 0  # changes not archived at the end, older than their bound
    lost: int = 0  # changes whose posting was taken down before they were archived


@dataclass
class Posting:
    url: str
    closes: datetime  # on the site
    archived_closes: date | None = None  # as the archive holds it, None until fetched
    revision: int = 0  # of its listing row
    check: RevisitState | None = None
    pending: list[tuple[Change, datetime]] = field(default_factory=list)  # (change, old date)


@dataclass(frozen=True)
class Site:
    """The week's site: closing dates at the start, and the changes made to it."""

    postings: int
    first_closing: list[datetime]
    changes: list[Change]
    seed: int


def site_of(
    postings: int,
    changing: float,
    detail_only: float,
    seed: int,
    extended: float = 0.2,
    extension_in_listing: float = 0.5,
) -> Site:
    """`changing` of the postings edited once at a random moment of the week; `extended`
    of those closing in the week extended in their last three days."""
    rng = random.Random(seed)
    span = timedelta(days=FIRST_CLOSING_DAYS).total_seconds()
    closing = [START + timedelta(seconds=rng.uniform(0, span)) for _ in range(postings)]
    changes = [
        Change(
            posting=p,
            at=START + timedelta(seconds=rng.uniform(0, WEEK.total_seconds())),
            in_listing=rng.random() >= detail_only,
        )
        for p in rng.sample(range(postings), round(postings * changing))
    ]
    for p, closes in enumerate(closing):
        if START + timedelta(days=3) < closes <= START + WEEK and rng.random() < extended:
            at = closes - timedelta(seconds=rng.uniform(0, timedelta(days=3).total_seconds()))
            changes.append(Change(p, at, rng.random() < extension_in_listing, extension=True))
    return Site(postings, closing, sorted(changes, key=lambda c: c.at), seed)


def changes_of(postings: int, changing: float, detail_only: float, seed: int) -> Site:
    """A site with edits only, no extensions (the simplest week)."""
    return site_of(postings, changing, detail_only, seed, extended=0.0)


def simulate(site: Site, policy: Policy | timedelta | None) -> Outcome:
    """Crawl every 6 hours for a week under `policy` (a bare `revisit_after`: the
    default policy at that value; None: every detail page)."""
    if not isinstance(policy, Policy):
        policy = Policy(_name(policy), policy)
    rng = random.Random(site.seed + 1)
    outcome = Outcome(policy.name)
    slots = [
        Posting(f"https://jobs.example.org/job/{p}-0", c) for p, c in enumerate(site.first_closing)
    ]
    generation = [0] * site.postings
    upcoming = list(site.changes)
    now = START
    while now <= START + WEEK:
        while upcoming and upcoming[0].at <= now:
            change = upcoming.pop(0)
            posting = slots[change.posting]
            old = posting.closes
            if change.extension:
                posting.closes += timedelta(days=rng.uniform(*EXTENDED_BY))
            if change.in_listing:
                posting.revision += 1
            posting.pending.append((change, old))
        for p, posting in enumerate(slots):
            if posting.closes <= now:  # taken down; a new posting in its place
                outcome.lost += len(posting.pending)
                generation[p] += 1
                opens = timedelta(days=rng.uniform(*OPEN_DAYS))
                slots[p] = Posting(f"https://jobs.example.org/job/{p}-{generation[p]}", now + opens)
        fetched = quiet = sampled = 0
        for posting in slots:
            reason = _reason(policy, posting, now)
            if reason is None and sampled < SAMPLE:
                sampled += 1  # as the middleware does: a few pages every crawl
                reason = "sample"
            if reason is None:
                continue
            fetched += 1
            quiet += reason in ("revisit_due", "deadline_near", "sample")
            _archive(posting, now, outcome)
        outcome.fetches.append(fetched)
        outcome.quiet.append(quiet)
        outcome.listed.append(len(slots))
        now += EVERY
    end = now - EVERY
    for posting in slots:
        near = posting.archived_closes is not None and policy.deadline_rule
        for change, _old in posting.pending:
            bound = policy.after or EVERY
            if change.in_listing:
                bound = EVERY
            elif near and change.extension:
                bound = min(bound, DEADLINE_REVISIT_AFTER)
            if end - change.at > bound:
                outcome.missed += 1
            else:
                outcome.waiting += 1
    return outcome


def _reason(policy: Policy, posting: Posting, now: datetime) -> str | None:
    if policy.after is None:
        return "full"
    digest = listed_digest({"url": posting.url, "row": posting.revision})
    return fetch_reason(
        posting.check,
        None,
        digest,
        now,
        policy.after,
        url=posting.url if policy.jitter else None,
        closes=posting.archived_closes if policy.deadline_rule else None,
    )


def _archive(posting: Posting, now: datetime, outcome: Outcome) -> None:
    """The posting's page fetched at `now`: archived as the site shows it."""
    digest = listed_digest({"url": posting.url, "row": posting.revision})
    posting.check = RevisitState(digest, stamp(now), "open")
    posting.archived_closes = posting.closes.date()
    for change, old in posting.pending:
        hours = (now - change.at).total_seconds() / 3600
        outcome.delays.append(hours)
        if change.in_listing:
            outcome.listing_delays.append(hours)
        elif change.extension:
            outcome.extension_delays.append(hours)
        else:
            outcome.detail_delays.append(hours)
        if change.extension and now > old:
            outcome.after_deadline += 1
    posting.pending = []


def default_policies() -> list[Policy]:
    """Every detail page; the default `revisit_after` without jitter or deadline rule (as
    the policy was); the policy at 72, 96, the default and 168 hours."""
    default = timedelta(hours=DEFAULT_REVISIT_AFTER_HOURS)
    return [
        Policy("fetch everything", None),
        Policy(f"{_hours(default)} h, no jitter, no deadline rule", default, False, False),
        Policy("72 h", timedelta(hours=72)),
        Policy("96 h", timedelta(hours=96)),
        Policy(f"{_hours(default)} h (default)", default),
        Policy("168 h", timedelta(hours=168)),
    ]


def run(postings: int = 5000, changing: float = 0.10, seed: int = 15) -> dict[str, Any]:
    """The week under each of `default_policies`, as figures."""
    site = site_of(postings, changing, 0.5, seed)
    outcomes = [simulate(site, policy) for policy in default_policies()]
    return {
        "postings": postings,
        "changes": len(site.changes),
        "extensions": sum(c.extension for c in site.changes),
        "crawls": len(outcomes[0].fetches),
        "revisit_after_h": DEFAULT_REVISIT_AFTER_HOURS,
        "deadline_window_days": DEADLINE_WINDOW.days,
        "deadline_revisit_after_h": DEADLINE_REVISIT_AFTER.total_seconds() / 3600,
        "policies": {o.name: figures_of(o) for o in outcomes},
        "table": table(site, outcomes),
    }


def figures_of(o: Outcome) -> dict[str, Any]:
    later = list(zip(o.fetches[1:], o.quiet[1:], o.listed[1:], strict=True))
    shares = [f / n for f, _, n in later]
    quiet = [q / n for _, q, n in later]
    return {
        "fetches_week": sum(o.fetches),
        "share_mean": statistics.mean(shares),
        "share_max": max(shares),
        "quiet_share_mean": statistics.mean(quiet),
        "quiet_share_max": max(quiet),
        "crawls_quiet_share_le_10pct": sum(q <= 0.10 for q in quiet),
        "archived": len(o.delays),
        "waiting": o.waiting,
        "missed": o.missed,
        "lost": o.lost,
        "extensions_after_old_deadline": o.after_deadline,
        "max_delay_listing_h": max(o.listing_delays, default=0.0),
        "max_delay_detail_h": max(o.detail_delays, default=0.0),
        "max_delay_extension_h": max(o.extension_delays, default=0.0),
    }


def table(site: Site, outcomes: list[Outcome]) -> str:
    """The week's figures as a Markdown table, one column per way of crawling."""
    head = "| over the week | " + " | ".join(o.name for o in outcomes) + " |"
    rows = [head, "|---|" + "---:|" * len(outcomes)]

    def row(label: str, values: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(values) + " |")

    figures = [figures_of(o) for o in outcomes]
    row("detail fetches, first crawl", [f"{o.fetches[0]:,}" for o in outcomes])
    row(
        "share of details a later crawl fetches, mean / max",
        [f"{f['share_mean']:.1%} / {f['share_max']:.1%}" for f in figures],
    )
    row(
        "of which a quiet crawl's (revisits, sample), mean / max",
        [f"{f['quiet_share_mean']:.1%} / {f['quiet_share_max']:.1%}" for f in figures],
    )
    n = len(outcomes[0].fetches) - 1
    row(
        "later crawls whose quiet share is ≤ 10%",
        [f"{f['crawls_quiet_share_le_10pct']} of {n}" for f in figures],
    )
    row("detail fetches in the week", [f"{f['fetches_week']:,}" for f in figures])
    changes = len(site.changes)
    row("changes archived", [f"{f['archived']} of {changes}" for f in figures])
    row("changes waiting at the end (within bound)", [str(f["waiting"]) for f in figures])
    row("changes missed (older than bound)", [str(f["missed"]) for f in figures])
    row("changes lost (posting taken down first)", [str(f["lost"]) for f in figures])
    row(
        "extensions archived after the old closing date",
        [str(f["extensions_after_old_deadline"]) for f in figures],
    )
    for label, attr in (
        ("listing", "listing_delays"),
        ("detail only", "detail_delays"),
        ("extension, detail only", "extension_delays"),
    ):
        row(
            f"delay, change {label} → archived: mean / max",
            [_delays(getattr(o, attr)) for o in outcomes],
        )
    return "\n".join(rows)


def _delays(hours: list[float]) -> str:
    return f"{statistics.mean(hours):.1f} h / {max(hours):.1f} h" if hours else "-"


def _name(after: timedelta | None) -> str:
    return "fetch everything" if after is None else f"{_hours(after)} h"


def _hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:g}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--postings", type=int, default=5000, help="postings on the site")
    parser.add_argument(
        "--changing", type=float, default=0.10, help="share of postings edited in the week"
    )
    parser.add_argument(
        "--detail-only",
        type=float,
        default=0.5,
        help="share of the edits only the detail page shows",
    )
    parser.add_argument(
        "--extended",
        type=float,
        default=0.2,
        help="share of the postings closing in the week whose closing date is extended",
    )
    parser.add_argument("--seed", type=int, default=15, help="random seed of the changes")
    args = parser.parse_args(argv)
    site = site_of(args.postings, args.changing, args.detail_only, args.seed, args.extended)
    outcomes = [simulate(site, policy) for policy in default_policies()]
    extensions = sum(c.extension for c in site.changes)
    print(
        f"{args.postings:,} postings, {len(site.changes) - extensions} edits "
        f"({args.detail_only:.0%} only in the detail page) and {extensions} extensions "
        f"(half only in the detail page) in a week, crawled every 6 h "
        f"({len(outcomes[0].fetches)} crawls)\n"
    )
    print(table(site, outcomes))


if __name__ == "__main__":
    main()
