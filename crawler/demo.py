"""The offline demo: mock job sites on 127.0.0.1, a crawl, edits, a second crawl, a diff.

It shows in a minute what jobarchive does over weeks: postings appear, deadlines move,
duty stations and texts are edited, postings vanish. Each crawl is a real
`jobarchive crawl` in its own process, exactly as cron would run it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from archive import Archive

from .crawl import LOCAL_SITE_SETTINGS
from .mocksites import MockSites
from .mocksites.reliefweb import MOCK_APPNAME
from .mocksites.server import MockSite

Echo = Callable[[str], None]

ADDED_PARAGRAPH = (
    "This vacancy has been re-advertised. Candidates who applied earlier need not apply again."
)


@dataclass
class DemoChange:
    source: str
    key: str
    what: str


def crawl_command(db: Path, base_urls: dict[str, str]) -> list[str]:
    """`jobarchive crawl` of the given mock sites, with delays off for our own server."""
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", *base_urls]
    for name, url in base_urls.items():
        argv += ["--set-url", f"{name}={url}"]
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    if "reliefweb" in base_urls:
        # The ReliefWeb API mock, like the real API, answers only an approved appname.
        # Its 57 jobs in pages of 20 are read in three pages, as the real ~2000 are in
        # pages of 1000 (the default).
        argv += ["-s", f"RELIEFWEB_APPNAME={MOCK_APPNAME}", "-s", "RELIEFWEB_PAGE_SIZE=20"]
    return argv


def change_site(site: MockSite) -> list[DemoChange]:
    """Edit a site the way real sites change: move a deadline, rewrite text, move a
    duty station, take one posting down and publish a new one."""
    postings = site.snapshot()
    if len(postings) < 4:
        return []
    first, second, third, fourth = postings[:4]
    changes = []
    heading = first.sections[0][0] if first.sections else "About the position"
    body = first.section(heading)
    site.edit(
        first.key,
        closing_date=first.closing_date + timedelta(days=14),
        section=(heading, f"{body}\n\n{ADDED_PARAGRAPH}".strip()),
    )
    changes.append(DemoChange(site.name, first.key, "deadline moved 14 days, a paragraph added"))
    site.edit(second.key, duty_station="Geneva", country="Switzerland")
    changes.append(DemoChange(site.name, second.key, "duty station moved to Geneva"))
    site.remove(third.key)
    changes.append(DemoChange(site.name, third.key, "taken off the site"))
    new_key = _new_key(fourth.key, {p.key for p in postings})
    site.add(replace(fourth, key=new_key, title=f"{fourth.title} (second call)"))
    changes.append(DemoChange(site.name, new_key, "newly published"))
    return changes


def _new_key(template: str, taken: set[str]) -> str:
    """A key shaped like the site's own (trailing digits bumped), not yet used."""
    match = re.search(r"(\d+)$", template)
    n = 0
    while True:
        n += 1
        if match:
            digits = match.group(1)
            key = template[: match.start()] + str(int(digits) + 7000 + n).zfill(len(digits))
        else:
            key = f"{template}-{n}"
        if key not in taken:
            return key


def run_demo(db: Path, echo: Echo, sources: list[str] | None = None) -> int:
    """Run the demo into `db` (replaced if it exists); return the exit code."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with MockSites(sources) as sites:
        echo(f"Mock job sites on this machine: {', '.join(sites.base_urls)}")
        for name, url in sites.base_urls.items():
            echo(f"  {name:<12} {url}")
        echo("\n== First crawl ==")
        code = _crawl(db, sites.base_urls, echo)
        if code != 0:
            return code
        echo("\n== The sites change ==")
        changes = [c for site in sites for c in change_site(site)]
        for change in changes:
            echo(f"  {change.source}:{change.key} - {change.what}")
        echo("\n== Second crawl ==")
        code = _crawl(db, sites.base_urls, echo)
    if not changes:
        return code
    shown = changes[0]
    echo(f"\n== How {shown.source}:{shown.key} changed (jobarchive diff) ==")
    diff = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler.cli",
            "--db",
            str(db),
            "diff",
            f"{shown.source}:{shown.key}",
        ],
        capture_output=True,
        text=True,
    )
    echo(diff.stdout.rstrip() or diff.stderr.rstrip())
    with Archive(db, create=False) as archive:
        postings, versions = archive.conn.execute(
            "SELECT (SELECT count(*) FROM postings), (SELECT count(*) FROM versions)"
        ).fetchone()
    echo(
        f"\nThe archive {db} now holds {postings} postings in {versions} versions.\n"
        "Look around:\n"
        f"  jobarchive --db {db} history                 # recently changed postings\n"
        f"  jobarchive --db {db} history {shown.source}:{shown.key}\n"
        f"  jobarchive --db {db} serve                   # browse and search in datasette"
    )
    return code


def _crawl(db: Path, base_urls: dict[str, str], echo: Echo) -> int:
    # Every detail page fetched: the demo's second crawl comes minutes after the first,
    # and shows the text edit only a detail page holds, which a real crawl under the
    # revisit policy archives within JOBARCHIVE_REVISIT_AFTER.
    argv = crawl_command(db, base_urls) + ["-s", "JOBARCHIVE_REVISIT_AFTER=0"]
    result = subprocess.run(argv, capture_output=True, text=True)
    for line in (result.stdout + result.stderr).rstrip().splitlines():
        echo(f"  {line}")
    return result.returncode
