"""What the ranked search page asks SQLite, and what it makes of the answers: a bounded set
of matches, ranked by bm25, counted by status and faceted.

A broad word ("protection") is in nearly every posting of a humanitarian archive, and bm25
over every match was what the page waited for (at 100,000 postings, 130 ms and more for
one word, 200 and more for two). FTS5 reads its matches newest first when asked for rowid order, and
scores only the rows it hands out, so here at most RANKED of the newest matches are read:
they are ranked, counted by status and faceted, and the page says so when more matched.
How many postings match in all stays exact without a facet filter, as FTS5 counts its
matches without looking up a posting; otherwise a count that reaches the bound is "2,000+".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# The most matches a search reads: bm25 over 2,000 matches of a word in every posting
# takes 10-15 ms at 100,000 postings, where all of them took 130-400.
RANKED = 2000
STATUSES = ("open", "closed", "removed")
# Facets of the ranked page: the postings table's, but status, which has its own line.
FACETS = ("source", "organization", "country", "grade")
FACET_SIZE = 10
# bm25 weights of postings_fts's columns: title, organization, duty station, text. A word
# in the title says more about a posting than the same word deep in its text.
WEIGHTS = (10.0, 4.0, 4.0, 1.0)


@dataclass(frozen=True)
class Count:
    """A number of postings, or a lower bound of it (`more`) when counting stopped."""

    n: int
    more: bool = False

    def __str__(self) -> str:
        return f"{self.n:,}" + ("+" if self.more else "")

    def __bool__(self) -> bool:
        return self.n > 0


@dataclass
class Found:
    """A search's answer, as the page shows it."""

    ranked: list[int]  # ids, best match first
    bounded: bool  # more matched than were ranked
    total: Count  # matches with every filter
    all_count: Count  # matches with every filter but status
    by_status: dict[str, Count]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _where(filters: Mapping[str, str]) -> str:
    return "".join(f" and p.{name} = :{name}" for name in filters)


def newest_sql(columns: str, filters: Mapping[str, str]) -> str:
    """The newest RANKED + 1 matches (one more, to know whether there were more) with
    `columns` of postings_fts and of its posting `p`.

    CROSS JOIN keeps postings_fts outside, read in its own rowid order and stopped at the
    limit: the other way round SQLite could walk an index of postings and look up each
    posting in the FTS index, which is slower by a hundred times.
    """
    return (
        f"select {columns} from postings_fts cross join postings p on p.id = postings_fts.rowid"
        f" where postings_fts match :match{_where(filters)}"
        f" order by postings_fts.rowid desc limit {RANKED + 1}"
    )


RANKING_COLUMNS = (
    f"postings_fts.rowid as id, bm25(postings_fts, {', '.join(map(str, WEIGHTS))}) as score, "
    + ", ".join(f"p.{name}" for name in ("status", *FACETS))
)
COUNT_ALL = "select count(*) from postings_fts where postings_fts match :match"
# The page's rows, looked up by rowid for their highlight and snippet once ranked: SQLite
# computes a row's result columns before it sorts, so a snippet in the ranking query
# would be built for every match and thrown away for all but a page of them. CROSS JOIN
# keeps the page's order and looks each rowid up instead of scanning the matches again.
PAGE_ROWS = """
select p.id, p.source, p.source_key, p.title, p.organization, p.location, p.country,
    p.grade, p.closing_date, p.status, p.removed_at,
    highlight(postings_fts, 0, :open, :close) as title_marked,
    snippet(postings_fts, 3, :open, :close, '…', 30) as snippet
from json_each(:ids) as page
cross join postings_fts on postings_fts.rowid = page.value and postings_fts match :match
join postings p on p.id = page.value
order by page.key
"""


def found(
    ranking: Sequence[Mapping[str, Any]],
    statuses: Sequence[Mapping[str, Any]] | None,
    count_all: int | None,
    *,
    status: str,
    facet_filters: Mapping[str, str],
) -> Found:
    """What the rows of the queries above say.

    `ranking`: the newest matches with every filter (RANKING_COLUMNS); `statuses`: the
    newest matches' statuses without the status filter (None when there is none, as
    `ranking` then has them); `count_all`: COUNT_ALL (None with a facet filter, which it
    does not know of).
    """
    bounded = len(ranking) > RANKED
    rows = ranking[:RANKED]
    ranked = [r["id"] for r in sorted(rows, key=lambda r: (r["score"], r["id"]))]
    if statuses is None:
        counted, counts_bounded = [r["status"] for r in rows], bounded
    else:
        counted, counts_bounded = [r["status"] for r in statuses[:RANKED]], len(statuses) > RANKED
    by_status = {name: Count(n, counts_bounded) for name, n in Counter(counted).items()}
    # FTS5's own count of every match is exact; without it, what was read is counted
    all_count = Count(len(counted), counts_bounded) if count_all is None else Count(count_all)
    total = Count(len(rows), bounded) if status else all_count
    facets = {}
    for name in FACETS:
        values = Counter(r[name] for r in rows if r[name])
        # the most common first, then by name, as datasette orders its facets
        top = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
        if top or name in facet_filters:
            facets[name] = top
    return Found(ranked, bounded, total, all_count, by_status, facets)
