"""Figure 5: the cost of storing one posting in a small archive against a large one.

Two archives are filled through `Archive.store` (not by crawling), one to SMALL and
one to LARGE postings, with realistic pages and texts: 200 generated postings are
rendered by the UNICEF mock and reused as templates, each copy under its own key, so
every body is distinct (content addressing stores each) and sizes are realistic.

The fill is set-up, not measurement, and at 100,000 postings it would take most of an
hour at the archive's real speed (normalizing the fields costs milliseconds a posting,
see BENCHMARKS.md). So during the fill only, commits are batched and two functions are
swapped for cheap ones that leave the same rows of the same sizes: the normalization
(the fields are hashed as they are; the hash is 64 hex characters either way) and the
body compressor (zstd level 3 instead of 10; bodies come out ~10% larger). Then the real ones are
restored and the measured stores alternate between the two archives, store by store,
so machine noise hits both.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import zstandard

import archive.bodies
import archive.store
from archive import CONTENT_FIELDS, Archive, Snapshot
from crawler.mocksites.postings import MockPosting
from crawler.mocksites.unicef import UnicefSite, job_path

from .measure import ratio, summary_ms
from .sitegen import generate_postings

TEMPLATES = 200
SOURCE = "unicef"
DIFF_KEY = "diff-20"  # the posting given 20 versions, for figure 7 and the queries
DIFF_VERSIONS = 20
FILL_BATCH = 1000  # postings per commit while filling


class Templates:
    """Rendered pages and texts of generated postings, copied under new keys."""

    def __init__(self, count: int = TEMPLATES) -> None:
        postings = generate_postings(count, seed=23)
        renderer = UnicefSite(postings=postings[:5])
        self.items = [(p, renderer.detail(p).body) for p in postings]

    def snapshot(self, n: int, key: str | None = None, edit: int = 0) -> Snapshot:
        """Posting number `n` as a fetch would see it; `edit` > 0 changes its text."""
        posting, body = self.items[n % len(self.items)]
        key = key or f"9{n:07d}"
        text = posting.plain_text
        if edit:
            text += f"\n\nAmendment {edit}: the deadline of this vacancy has been extended."
            body += f"<p>Amendment {edit}</p>".encode()
        return _snapshot(posting, key, body.replace(posting.key.encode(), key.encode()), text)


def _snapshot(p: MockPosting, key: str, body: bytes, text: str) -> Snapshot:
    return Snapshot(
        source=SOURCE,
        source_key=key,
        url=f"http://127.0.0.1/{job_path(replace(p, key=key))}",
        title=p.title,
        organization=p.organization,
        location=p.duty_station,
        country=p.country,
        grade=p.grade,
        contract_type=p.contract_type,
        job_number=key,
        posted_date=p.posted_date.isoformat(),
        closing_date=p.closing_date.isoformat(),
        categories=list(p.categories),
        text=text,
        body=body,
        content_type="text/html; charset=utf-8",
        http_status=200,
    )


def _raw_fields(fields: Any) -> dict[str, Any]:
    return {name: fields.get(name) for name in CONTENT_FIELDS}


@contextmanager
def _outer_transaction(self: Archive) -> Iterator[Any]:
    yield self.conn  # the fill commits in batches around store() instead


@contextmanager
def fast_fill() -> Iterator[None]:
    """Cheap normalization and compressor, batched commits: for filling only (see above)."""
    saved = archive.store.normalized_fields, archive.bodies._compressor, Archive.transaction
    archive.store.normalized_fields = _raw_fields
    archive.bodies._compressor = zstandard.ZstdCompressor(level=3)
    Archive.transaction = _outer_transaction  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        archive.store.normalized_fields, archive.bodies._compressor, Archive.transaction = saved


def fill(db: Path, count: int, templates: Templates, log: Any = print) -> dict[str, Any]:
    """Fill a new archive with `count` postings, plus one posting with 20 versions."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    with Archive(db) as store:
        run_id = store.start_run(SOURCE)
        with fast_fill():
            for n in range(count):
                if n % FILL_BATCH == 0:
                    store.conn.execute("BEGIN IMMEDIATE")
                store.store(templates.snapshot(n), run_id)
                if n % FILL_BATCH == FILL_BATCH - 1 or n == count - 1:
                    store.conn.execute("COMMIT")
                if n and n % 10_000 == 0:
                    log(f"  filled {n:,} of {count:,} ({time.perf_counter() - start:.0f} s)")
        store.finish_run(run_id, listed_keys=None, listing_complete=False)
    with Archive(db) as store:  # the real functions: this posting's versions are diffed
        run_id = store.start_run(SOURCE)
        for edit in range(DIFF_VERSIONS):
            store.store(templates.snapshot(1, key=DIFF_KEY, edit=edit), run_id)
        store.finish_run(run_id, listed_keys=None, listing_complete=False)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"postings": count + 1, "fill_s": round(time.perf_counter() - start, 1)}


def _timed(store: Archive, snapshot: Snapshot, run_id: int) -> float:
    start = time.perf_counter()
    store.store(snapshot, run_id)
    return time.perf_counter() - start


def measure(small: Path, large: Path, templates: Templates, rounds: int) -> dict[str, Any]:
    token = f"{time.time_ns():x}"  # new keys each run: a reused archive keeps earlier ones
    """Store new, changed and unchanged postings into both archives, alternating."""
    samples: dict[str, dict[str, list[float]]] = {
        kind: {"small": [], "large": []} for kind in ("new", "changed", "unchanged")
    }
    with Archive(small) as a, Archive(large) as b:
        runs = {"small": a.start_run(SOURCE), "large": b.start_run(SOURCE)}
        archives = {"small": a, "large": b}
        for i in range(rounds):
            order = ("small", "large") if i % 2 == 0 else ("large", "small")
            new = templates.snapshot(i, key=f"bench-{token}-{i}")
            # Existing postings (numbers below both fills): one changed, one as it was.
            existing = templates.snapshot(3 + i)
            changed = replace(existing, text=existing.text + f"\n\nCorrection {i}.")
            for kind, snap in (("new", new), ("changed", changed), ("unchanged", existing)):
                for name in order:
                    samples[kind][name].append(_timed(archives[name], snap, runs[name]))
        for name, store in archives.items():
            store.finish_run(runs[name], listed_keys=None, listing_complete=False)
    out: dict[str, Any] = {}
    for kind, by_size in samples.items():
        small_ms, large_ms = summary_ms(by_size["small"]), summary_ms(by_size["large"])
        out[kind] = {
            "small": small_ms,
            "large": large_ms,
            "ratio_median": ratio(large_ms["median_ms"], small_ms["median_ms"]),
        }
    out["ratio_new_median"] = out["new"]["ratio_median"]
    out["total_new_s"] = {k: round(sum(v), 3) for k, v in samples["new"].items()}
    out["rounds"] = rounds
    out["note"] = (
        "median over `rounds` stores of each kind; 'changed' and 'unchanged' re-store "
        "postings already in both archives"
    )
    return out
