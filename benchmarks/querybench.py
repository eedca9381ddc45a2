"""Figure 6: datasette latency on a large archive, through datasette's own client.

The full-text search: the ranked search page that the home page's search box opens (the
headline figure: what a person searching gets, with its counts by status and facets,
also narrowed by them), and the postings table's search box
(HTML as a user sees it, with its facets, and JSON as a program reads it); every canned
query in the bundled metadata and every view, found at run time so that new ones are
measured without a change here. Requests go round-robin over the paths so that machine
noise is spread over all of them.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette.app import Datasette

from crawler.cli.serve import DATASETTE_SETTINGS
from crawler.datasette_plugin.metadata import database_name, metadata_for
from crawler.datasette_plugin.search_page import SEARCH_PATH

from .measure import summary_ms
from .storebench import DIFF_KEY, SOURCE

# Words of the generated texts, from common to rare, and a phrase. "protection" is in
# every generated posting, as it is in most of a real humanitarian archive: the broad
# term, whose count, facets and ranking cover the whole archive.
SEARCHES = [
    "protection",
    "child protection",
    "nutrition",
    "procurement",
    "Tapachula",
    "cluster coordination",
]
# The broad term narrowed as a person would from the ranked page's status line and
# facets: the filters make each match a posting to look up before it can be ranked.
FILTERED = {"q": "protection", "status": "open", "country": "Senegal"}
_PARAM = re.compile(r"(?<!:):(\w+)")


def _has_fts(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'postings_fts'").fetchone()
    conn.close()
    return found is not None


def _views(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    conn.close()
    return sorted(names)


def _params(sql: str, samples: dict[str, str]) -> dict[str, str]:
    return {name: samples.get(name, "") for name in dict.fromkeys(_PARAM.findall(sql))}


def paths(path: Path, metadata: dict[str, Any]) -> dict[str, str]:
    """Label -> request path for every request measured."""
    db = database_name(path)
    samples = {"posting": f"{SOURCE}:{DIFF_KEY}", "days": "30", "q": "nutrition"}
    out: dict[str, str] = {}
    for i, term in enumerate(SEARCHES):
        if _has_fts(path):
            out[f"ranked search: {term}"] = f"{SEARCH_PATH}?{urlencode({'q': term})}"
            if i == 0:
                label = ", ".join(f"{k}={v}" for k, v in FILTERED.items() if k != "q")
                out[f"ranked search: {term} ({label})"] = f"{SEARCH_PATH}?{urlencode(FILTERED)}"
            query = urlencode({"_search": term})
            out[f"search html: {term}"] = f"/{db}/postings?{query}"
            out[f"search json: {term}"] = f"/{db}/postings.json?{query}"
        else:  # before the FTS migration: what a user could do, a LIKE filter
            query = urlencode({"title__contains": term}) if i % 2 else urlencode({"_search": term})
            out[f"search like: {term}"] = f"/{db}/postings.json?{query}"
    queries = metadata["databases"][db].get("queries", {})
    for name, query in sorted(queries.items()):
        sql = query["sql"] if isinstance(query, dict) else query
        params = urlencode(_params(sql, samples))
        out[f"query: {name}"] = f"/{db}/{name}.json?{params}"
    for view in _views(path):
        out[f"view: {view}"] = f"/{db}/{view}.json"
    out["diff page (20 versions)"] = f"/-/jobarchive/diff/{SOURCE}:{DIFF_KEY}"
    return out


async def _measure(path: Path, rounds: int) -> dict[str, Any]:
    metadata = metadata_for(database_name(path))
    # The settings `jobarchive serve` gives datasette, so what is measured is what is served.
    ds = Datasette([str(path)], metadata=metadata, settings=dict(DATASETTE_SETTINGS))
    await ds.invoke_startup()
    targets = paths(path, metadata)
    samples: dict[str, list[float]] = {label: [] for label in targets}
    statuses: dict[str, set[int]] = {label: set() for label in targets}
    for url in targets.values():  # warm-up: caches, introspection, the page cache
        await ds.client.get(url)
    for _ in range(rounds):
        for label, url in targets.items():
            start = time.perf_counter()
            response = await ds.client.get(url)
            samples[label].append(time.perf_counter() - start)
            statuses[label].add(response.status_code)
    results = {}
    for label, url in targets.items():
        results[label] = summary_ms(samples[label]) | {
            "path": url,
            "status": sorted(statuses[label]),
        }
    return results


def run(path: Path, rounds: int) -> dict[str, Any]:
    results = asyncio.run(_measure(path, rounds))
    ranked = [v for k, v in results.items() if k.startswith("ranked search")]
    table = [v for k, v in results.items() if k.startswith("search html")] or [
        v for k, v in results.items() if k.startswith("search")
    ]
    searches = ranked or table
    with sqlite3.connect(path) as conn:
        postings = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    conn.close()
    return {
        "postings": postings,
        "fts": _has_fts(path),
        "rounds": rounds,
        "requests": results,
        "search_p95_ms_worst": max(s["p95_ms"] for s in searches),
        "search_median_ms_worst": max(s["median_ms"] for s in searches),
        "table_search_p95_ms_worst": max(s["p95_ms"] for s in table),
        "all_ok": all(r["status"] == [200] for r in results.values()),
    }
