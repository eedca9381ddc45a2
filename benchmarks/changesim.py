"""`python -m benchmarks.changesim`: a simulated week of 6-hourly crawls of a changing site.

N postings; a share of them changes once at a random time of the week, some only in the
detail page's text, the others in a field the listing shows too (the deadline). The
site is crawled every 6 hours, time simulated rather than waited, once fetching every
detail page and once per `revisit_after` under the revisit policy, whose decision is
crawler/revisit.py's `fetch_reason` itself. For each: detail fetches per crawl, changes
archived, changes still waiting at the end (within `revisit_after`: not yet due) and
missed (waiting longer than `revisit_after`, which the policy must never allow), and
the delay from a change to the crawl that archived it.

The HTTP side of the policy (listing rows hashed, skipped details seen, never removed)
is tested by real crawls in tests/test_revisit.py; this measures what it costs and
saves over a week, at a size no test could crawl.

    python -m benchmarks.changesim                      # 5,000 postings, 10% changing
    python -m benchmarks.changesim --postings 1500 --changing 0.02
"""

from __future__ import annotations

import argparse
import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from archive.revisits import RevisitState, listed_digest
from crawler.revisit import SAMPLE, fetch_reason, stamp

WEEK = timedelta(days=7)
EVERY = timedelta(hours=6)
START = datetime(2026, 1, 5, tzinfo=UTC)


@dataclass(frozen=True)
class Change:
    posting: int
    at: datetime
    in_listing: bool


@dataclass
class Outcome:
    """What one way of crawling did over the week."""

    name: str
    fetches: list[int] = field(default_factory=list)  # detail fetches, crawl by crawl
    delays: list[float] = field(default_factory=list)  # hours, change to archive
    listing_delays: list[float] = field(default_factory=list)
    detail_delays: list[float] = field(default_factory=list)
    waiting: int = 0  # changes not archived at the end, within revisit_after
    missed: int = 0  # changes not archived at the end, older than revisit_after


def changes_of(postings: int, changing: float, detail_only: float, seed: int) -> list[Change]:
    """One change for `changing` of the postings, at a random moment of the week."""
    rng = random.Random(seed)
    chosen = rng.sample(range(postings), round(postings * changing))
    return sorted(
        (
            Change(
                posting=p,
                at=START + timedelta(seconds=rng.uniform(0, WEEK.total_seconds())),
                in_listing=rng.random() >= detail_only,
            )
            for p in chosen
        ),
        key=lambda c: c.at,
    )


def simulate(postings: int, changes: list[Change], after: timedelta | None) -> Outcome:
    """Crawl every 6 hours for a week; `after` None fetches every detail page."""
    name = "fetch everything" if after is None else f"revisit_after {_hours(after)} h"
    outcome = Outcome(name)
    listing = [0] * postings  # the listing row's revision, as the site shows it now
    checks: dict[int, RevisitState] = {}
    pending: list[Change] = []  # made on the site, not archived yet
    upcoming = list(changes)
    now = START
    while now <= START + WEEK:
        while upcoming and upcoming[0].at <= now:
            change = upcoming.pop(0)
            if change.in_listing:
                listing[change.posting] += 1
            pending.append(change)
        fetched: set[int] = set()
        sampled = 0
        for p in range(postings):
            digest = listed_digest({"key": p, "deadline": listing[p]})
            due = after is None or fetch_reason(checks.get(p), None, digest, now, after)
            if not due and sampled < SAMPLE:
                sampled += 1  # as the middleware does: a few pages every crawl
                due = True
            if not due:
                continue
            fetched.add(p)
            checks[p] = RevisitState(digest, stamp(now), "open")
        outcome.fetches.append(len(fetched))
        for change in [c for c in pending if c.posting in fetched]:
            hours = (now - change.at).total_seconds() / 3600
            outcome.delays.append(hours)
            (outcome.listing_delays if change.in_listing else outcome.detail_delays).append(hours)
            pending.remove(change)
        now += EVERY
    end = now - EVERY
    bound = after or EVERY
    for change in pending:
        if end - change.at > bound:
            outcome.missed += 1
        else:
            outcome.waiting += 1
    return outcome


def table(postings: int, changes: list[Change], outcomes: list[Outcome]) -> str:
    """The week's figures as a Markdown table, one column per way of crawling."""
    head = "| over the week | " + " | ".join(o.name for o in outcomes) + " |"
    rows = [head, "|---|" + "---:|" * len(outcomes)]

    def row(label: str, values: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(values) + " |")

    later = [o.fetches[1:] for o in outcomes]
    row("detail fetches, first crawl", [f"{o.fetches[0]:,}" for o in outcomes])
    row(
        "detail fetches per later crawl, mean (share of postings)",
        [f"{statistics.mean(f):,.0f} ({statistics.mean(f) / postings:.1%})" for f in later],
    )
    row(
        "later crawls fetching ≤ 10% of details",
        [f"{sum(x <= postings / 10 for x in f)} of {len(f)}" for f in later],
    )
    row("detail fetches in the week", [f"{sum(o.fetches):,}" for o in outcomes])
    row("changes archived", [f"{len(o.delays)} of {len(changes)}" for o in outcomes])
    row("changes waiting at the end (within bound)", [str(o.waiting) for o in outcomes])
    row("changes missed (older than bound)", [str(o.missed) for o in outcomes])
    for label, attr in (("listing", "listing_delays"), ("detail only", "detail_delays")):
        row(
            f"delay, change {label} → archived: mean / max",
            [_delays(getattr(o, attr)) for o in outcomes],
        )
    return "\n".join(rows)


def _delays(hours: list[float]) -> str:
    return f"{statistics.mean(hours):.1f} h / {max(hours):.1f} h" if hours else "-"


def _hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:g}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postings", type=int, default=5000, help="postings on the site")
    parser.add_argument(
        "--changing", type=float, default=0.10, help="share of postings changing in the week"
    )
    parser.add_argument(
        "--detail-only",
        type=float,
        default=0.5,
        help="share of the changes only the detail page shows",
    )
    parser.add_argument(
        "--revisit-after",
        default="24,72,168",
        help="revisit_after values to simulate, in hours, comma-separated",
    )
    parser.add_argument("--seed", type=int, default=15, help="random seed of the changes")
    args = parser.parse_args(argv)
    changes = changes_of(args.postings, args.changing, args.detail_only, args.seed)
    afters = [timedelta(hours=float(h)) for h in args.revisit_after.split(",")]
    outcomes = [simulate(args.postings, changes, None)]
    outcomes += [simulate(args.postings, changes, after) for after in afters]
    print(
        f"{args.postings:,} postings, {len(changes)} changes in a week "
        f"({args.detail_only:.0%} only in the detail page), crawled every 6 h "
        f"({len(outcomes[0].fetches)} crawls)\n"
    )
    print(table(args.postings, changes, outcomes))


if __name__ == "__main__":
    main()
