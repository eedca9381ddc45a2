"""The figures as a table (terminal) and a Markdown section (BENCHMARKS.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

START, END = "<!-- bench:figures:start -->", "<!-- bench:figures:end -->"

TARGETS = {
    "first crawl wall <= 2x bare fetch": ("crawl", "first_vs_bare_wall", 2.0),
    "unchanged recrawl CPU <= 0.2x first crawl": ("crawl", "recrawl_vs_first_cpu", 0.2),
    "unchanged recrawl: zero extractions": ("crawl", "recrawl_extractions", 0),
    "archive bytes <= WARC.gz": ("storage", "archive_vs_warc_gz", 1.0),
    "store at large <= 1.5x store at small (median)": ("store", "ratio_new_median", 1.5),
    "full-text search p95 < 100 ms": ("query", "search_p95_ms_worst", 100.0),
    "revisit policy: quiet crawl fetches <= 10% of details": (
        "changesim",
        "quiet_share_max",
        0.10,
    ),
    "revisit policy: changes missed": ("changesim", "missed", 0),
    "first crawl CPU <= 3x bare fetch CPU": ("crawl", "first_vs_bare_cpu", 3.0),
    "unchanged recrawl 6 h later, revisit policy: details fetched <= 10%": (
        "crawl",
        "revisit_details_fetched_share",
        0.10,
    ),
    "`jobarchive history` start-up < 0.25 s": ("startup", "history_s", 0.25),
}


def _get(figures: dict[str, Any], part: str, key: str) -> float | None:
    data = figures.get(part)
    if not data:
        return None
    if part == "crawl" and key == "recrawl_extractions":
        return float(data["recrawl"]["extractions"])
    if part == "crawl" or part == "storage":
        return data["ratios"].get(key)
    if part == "changesim":  # the default policy's week
        default = next(v for k, v in data["policies"].items() if k.endswith("(default)"))
        return float(default[key])
    return data.get(key)


def targets(figures: dict[str, Any]) -> list[tuple[str, float | None, float, bool | None]]:
    rows = []
    for label, (part, key, limit) in TARGETS.items():
        value = _get(figures, part, key)
        if value is None:
            rows.append((label, None, limit, None))
        elif "search" in key or key == "history_s":
            rows.append((label, value, limit, value < limit))
        else:
            rows.append((label, value, limit, value <= limit))
    return rows


def _pair(a: dict[str, Any], b: dict[str, Any]) -> str:
    """Wall and CPU of crawl `a` as multiples of crawl `b`'s."""
    return f"{a['wall_s'] / b['wall_s']:.2f}x / {a['cpu_s'] / b['cpu_s']:.2f}x"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def markdown(figures: dict[str, Any]) -> str:
    m = figures["machine"]
    out = [
        f"Run {m['date']} on {m['cores']} cores, {m['memory_gb']} GB RAM ({m['cpu']}), "
        f"Python {m['python']}, SQLite {m['sqlite']}; {m['note']}",
        f"Command: `{figures['command']}`",
        "",
    ]
    crawl = figures.get("crawl")
    if crawl:
        n = figures["params"]["postings"]
        pages = crawl["pages"]
        out += [
            f"### Crawls of the mock UNICEF site, {n:,} postings "
            f"(detail pages {pages['min_kb']}-{pages['max_kb']} KB, "
            f"median {pages['median_kb']} KB)",
            "",
            "| crawl | wall s | CPU s | vs bare (wall / CPU) | vs first (wall / CPU) | responses "
            "| extractions | extractions avoided | versions written | fetches avoided |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        first = crawl["first"]
        for key, label in (
            ("bare", "bare fetch (mean of 2)"),
            ("first", "first crawl"),
            ("recrawl", "recrawl, unchanged"),
            ("revisit", "recrawl 6 h later, unchanged, revisit policy"),
            ("changed", "recrawl, 5% changed"),
        ):
            if key not in crawl:
                continue
            c = crawl[key]
            vs_bare = _pair(c, crawl["bare"])
            vs_first = _pair(c, first)
            extractions = "-" if key == "bare" else c["extractions"]
            avoided = "-" if key == "bare" else c.get("extractions_avoided", 0)
            written = "-" if key == "bare" else c["versions_written"]
            out.append(
                f"| {label} | {c['wall_s']:.1f} | {c['cpu_s']:.1f} | {vs_bare} | {vs_first} | "
                f"{c['responses']:,} | {extractions} | {avoided} | {written} | "
                f"{c['fetches_avoided']} |"
            )
        out += [
            "",
            "Extractions are counted by the pipeline (`jobarchive/extractions`); a posting "
            "recognised as unchanged before extraction (HTTP 304, the same body as last time, "
            "or a listing that says it did not change) counts as avoided. The mock sends no "
            "ETag: the crawls other than the revisit policy's fetch and compare every detail "
            "(JOBARCHIVE_REVISIT_AFTER=0); the policy's crawl comes after the archive's "
            "checks were made six hours older, as the next 6-hourly cron crawl finds them.",
            "",
        ]
    storage = figures.get("storage")
    if storage:
        s = storage
        out += [
            f"### Storage after the three crawls ({s['postings']:,} postings, "
            f"{s['versions']:,} posting-versions)",
            "",
            "| | total | per posting-version | vs archive |",
            "|---|---:|---:|---:|",
            f"| archive (after VACUUM) | {_mb(s['archive_bytes'])} | "
            f"{s['archive_bytes_per_version']:,} B | 1 |",
            f"| raw HTML | {_mb(s['raw_html_bytes'])} | {s['raw_html_bytes_per_version']:,} B | "
            f"{s['raw_html_bytes'] / s['archive_bytes']:.2f} |",
            f"| WARC.gz of the same responses | {_mb(s['warc_gz_bytes'])} | "
            f"{s['warc_gz_bytes_per_version']:,} B | "
            f"{s['warc_gz_bytes'] / s['archive_bytes']:.2f} |",
            f"| WARC.gz of every fetch of the 3 crawls | {_mb(s['warc_gz_all_fetches_bytes'])} | | "
            f"{s['warc_gz_all_fetches_bytes'] / s['archive_bytes']:.2f} |",
            "",
            "Where the archive's bytes go: "
            + ", ".join(f"{k} {_mb(v)}" for k, v in list(s["table_bytes"].items())[:4])
            + f"; stored text {s['text_bytes_per_version']:,} B per version; "
            f"bodies compress to {s['bodies_zstd_ratio']:.0%} with zstd.",
            "",
        ]
    store = figures.get("store")
    if store:
        p = figures["params"]
        out += [
            f"### Storing one posting: {p['small']:,} vs {p['scale']:,} postings in the archive",
            "",
            f"| store of | median at {p['small']:,} | median at {p['scale']:,} | ratio | "
            f"p95 at {p['small']:,} | p95 at {p['scale']:,} |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for kind in ("new", "changed", "unchanged"):
            k = store[kind]
            out.append(
                f"| {kind} posting | {k['small']['median_ms']:.1f} ms | "
                f"{k['large']['median_ms']:.1f} ms | {k['ratio_median']:.2f}x | "
                f"{k['small']['p95_ms']:.1f} ms | {k['large']['p95_ms']:.1f} ms |"
            )
        out += ["", f"{store['rounds']} stores of each kind, alternating between the archives.", ""]
    query = figures.get("query")
    if query:
        out += [
            f"### datasette at {query['postings']:,} postings "
            f"({'FTS5' if query['fts'] else 'no FTS yet: LIKE'} search, "
            f"{query['rounds']} requests each)",
            "",
            "| request | median ms | p95 ms | status |",
            "|---|---:|---:|---|",
        ]
        for label, r in query["requests"].items():
            status = ",".join(map(str, r["status"]))
            out.append(f"| {label} | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | {status} |")
        out.append("")
    diff = figures.get("diff")
    if diff:
        out += [
            "### `jobarchive diff` on a posting with 20 versions "
            f"(archive of {figures['params']['scale']:,} postings)",
            "",
            "| command | wall median ms | CPU median ms | vs start-up alone |",
            "|---|---:|---:|---:|",
        ]
        for label, d in diff.items():
            out.append(
                f"| {label} | {d['wall_median_ms']:.0f} | {d['cpu_median_ms']:.0f} | "
                f"{d['vs_startup']:.2f}x |"
            )
        out.append("")
    reread = figures.get("reextract")
    if reread:
        first, again = reread["first_crawl"], reread["reextract"]
        out += [
            f"### `jobarchive reextract` on an archive of {reread['postings']:,} postings",
            "",
            "Every version marked as read by an older extraction, then read again from the "
            f"stored pages: {again['summary'].rstrip('.')}.",
            "",
            "| command | wall s | CPU s | peak memory MB | vs first crawl (wall / CPU) |",
            "|---|---:|---:|---:|---:|",
            f"| first crawl (makes the archive) | {first['wall_s']:.1f} | {first['cpu_s']:.1f} | "
            "- | 1.00x / 1.00x |",
            f"| reextract, every version | {again['wall_s']:.1f} | {again['cpu_s']:.1f} | "
            f"{again['max_rss_mb']:.0f} | {reread['ratios']['reextract_vs_first_crawl_wall']:.2f}x"
            f" / {reread['ratios']['reextract_vs_first_crawl_cpu']:.2f}x |",
            f"| reextract again (nothing left) | {reread['nothing_left']['wall_s']:.1f} | "
            f"{reread['nothing_left']['cpu_s']:.1f} | "
            f"{reread['nothing_left']['max_rss_mb']:.0f} | - |",
            "",
        ]
    checked = figures.get("check")
    if checked:
        secs, vs = checked["seconds"], checked["vs_read"]
        out += [
            f"### Checking the archive file: {checked['postings']:,} postings, "
            f"{_mb(checked['file_bytes'])}",
            "",
            "Each reads the whole file; set against reading it start to end (warm page "
            "cache, best of "
            f"{checked['rounds']}). Problems found: {checked['problems_found']}.",
            "",
            "| | seconds | vs reading the file |",
            "|---|---:|---:|",
            f"| reading the file (1 MiB blocks) | {secs['read']:.1f} | 1.00x |",
            f"| quick_check (every crawl, before writing) | {secs['quick_check']:.1f} | "
            f"{vs['quick_check']:.2f}x |",
            f"| `jobarchive check` (integrity_check + the archive's rules) | "
            f"{secs['check']:.1f} | {vs['check']:.2f}x |",
            f"| `jobarchive backup` | {secs['backup']:.1f} | {vs['backup']:.2f}x |",
            "",
        ]
    sim = figures.get("changesim")
    if sim:
        out += [
            f"### The revisit policy over a simulated week: {sim['postings']:,} postings, "
            f"{sim['changes']} changes ({sim['extensions']} extensions), {sim['crawls']} "
            "crawls 6 hours apart",
            "",
            sim["table"],
            "",
        ]
    startup = figures.get("startup")
    if startup:
        from .startupbench import markdown as startup_table

        out += startup_table(startup)
    spread = figures.get("distributed")
    if spread:
        from .distbench import table

        out += [
            f"### One process vs two Scrapyd workers and the writer: "
            f"{len(spread['sources'])} sources of {spread['postings_per_source']} postings",
            "",
            table(spread),
            "",
        ]
    out += ["### Targets", "", "| target | measured | met |", "|---|---:|---|"]
    for label, value, _limit, met in targets(figures):
        shown = "not measured" if value is None else f"{value:g}"
        verdict = "-" if met is None else ("yes" if met else "**no**")
        out.append(f"| {label} | {shown} | {verdict} |")
    return "\n".join(out) + "\n"


def update_doc(doc: Path, section: str) -> bool:
    """Replace the figures between the markers in `doc`; False if the markers are absent."""
    if not doc.exists():
        return False
    text = doc.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        return False
    doc.write_text(pattern.sub(lambda _: f"{START}\n{section}{END}", text), encoding="utf-8")
    return True
