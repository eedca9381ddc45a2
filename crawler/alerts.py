"""Alerts of saved searches after a crawl: what each search matched, sent through Apprise.

After a crawl, each saved search (crawler/searches.py) is matched against the events of
the crawl's runs: that is what the crawl reports. A search that names targets
(`notify = [...]`, Apprise URLs: e-mail, Slack, Matrix, ntfy, webhooks, ...) sends each
target at most one message per crawl, listing every matching event the target has not
been sent yet, and never one twice:

- `alert_targets` holds, per search and target, the last event already dealt with
  (`since_event`). A target seen for the first time starts at the crawl that first saw
  it, so adding a search to an old archive does not send its whole history.
- `alerts_sent` records every event sent, to whom and when.
- A send that fails is recorded (`last_error`), nothing moves, and the next crawl sends
  the same events again with its own. A failure never fails the crawl.

Targets are kept in the archive as Apprise prints them with their secrets masked
(`slack://T...2/A...D/T...Q/`): the archive is browsed in datasette, and a password or
token must never be readable there.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive import Archive

from .searches import EventMatch, PostingMatch, SavedSearch, by_posting, matching_events

logger = logging.getLogger(__name__)

#: Postings one message lists at most; the rest are counted ("and 12 more").
MESSAGE_POSTINGS = 50
POSTING_PAGE = "/-/jobarchive/posting/"
# What sites wrote goes into messages: control characters and the marks that reorder
# text are replaced, so that no escape sequence reaches a terminal mail reader.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


@dataclass
class Delivery:
    """What became of one target's message."""

    target: str  # as Apprise prints it, secrets masked, without its options
    postings: int  # postings the message listed
    events: int  # events it covered, this crawl's and those of failed earlier sends
    sent: bool
    error: str | None = None


@dataclass
class SearchReport:
    """One saved search after a crawl: what it matched, and where that was sent."""

    search: SavedSearch
    matches: list[PostingMatch]  # of this crawl's runs
    deliveries: list[Delivery] = field(default_factory=list)


# -- Apprise ---------------------------------------------------------------------------


@cache
def _loaded() -> Any:
    """Apprise with its plugins loaded, imported only when alerts are sent or checked
    (its 190 plugins take a moment to load)."""
    # Its e-mail plugin imports the standard library's imghdr, deprecated since Python
    # 3.11: a warning about Apprise's code, not ours, that nobody here can act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import apprise

        asset = apprise.AppriseAsset(storage_mode="memory")
        apprise.Apprise(asset=asset).add("json://localhost/")  # loads every plugin, once
    return apprise


def _apprise() -> Any:
    apprise = _loaded()
    # In memory: Apprise would otherwise keep state under the home directory, which a
    # cron job may not have.
    return apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory"))


def apprise_target(url: str) -> Any | None:
    """Apprise's service object for `url`, or None when Apprise cannot send to it."""
    notifier = _apprise()
    if not notifier.add(url):
        return None
    return notifier[0]


def masked(url: str) -> str:
    """`url` as Apprise prints it with its passwords and tokens masked: how a target is
    named in the archive and in the crawl's output."""
    target = apprise_target(url)
    return str(target.url(privacy=True)) if target is not None else "(not an Apprise URL)"


def shown(url: str) -> str:
    """The masked URL without Apprise's options: short enough for a line of output."""
    return masked(url).split("?", 1)[0]


def send(url: str, title: str, body: str) -> str | None:
    """Send one plain-text message to the Apprise `url`: None when it went, else why not,
    in one line."""
    apprise = _loaded()
    notifier = _apprise()
    if not notifier.add(url):
        return "Apprise cannot send to this URL"
    # Apprise logs each failure itself; here it is said once, in the crawl's output
    # and in the log file (below), not again on stderr.
    apprise_logger = logging.getLogger(apprise.LOGGER_NAME)
    propagate, apprise_logger.propagate = apprise_logger.propagate, False
    try:
        result = notifier.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT)
    except Exception as exc:  # a plugin's bug must not fail the crawl
        return _scrub(f"{type(exc).__name__}: {exc}", url)
    finally:
        apprise_logger.propagate = propagate
    if result:
        return None
    problems = [
        entry.message.strip()
        for outcome in result.results
        for entry in outcome.logs()
        if entry.level in ("WARNING", "ERROR", "CRITICAL") and entry.message.strip()
    ]
    text = "; ".join(dict.fromkeys(problems)) or f"Apprise reported {result.status.name}"
    return _scrub(" ".join(text.split()), url)


def _scrub(text: str, url: str) -> str:
    """`text` without the secrets of `url`: the error is kept in the archive, which
    datasette shows."""
    parts = urlsplit(url)
    # Tokens are long and have no dots: Slack's in the path, Telegram's as the host.
    words = [parts.hostname or "", *parts.path.split("/")]
    tokens = [w for w in words if len(w) >= 16 and "." not in w]
    secrets = [url, parts.password or "", *tokens]
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "****")
    return text


# -- messages --------------------------------------------------------------------------


def _clean(value: Any) -> str:
    return _CONTROL.sub("\ufffd", str(value))


def counts(matches: Iterable[PostingMatch]) -> str:
    """'2 new, 1 changed': how many postings had each kind of event."""
    tally: dict[str, int] = {}
    for match in matches:
        for kind in match.kinds:
            tally[kind] = tally.get(kind, 0) + 1
    order = ("new", "changed", "reopened", "removed")
    return ", ".join(f"{tally[k]} {k}" for k in order if k in tally)


def describe(match: PostingMatch) -> str:
    """'Protection Officer (P-3) - UNICEF, Geneva - closes 2026-12-01'."""
    p = match.posting
    title = p["title"] or p["source_key"]
    if p["grade"] and p["grade"] not in title:  # many sites put the grade in the title
        title += f" ({p['grade']})"
    where = ", ".join(v for v in (p["organization"], p["location"]) if v)
    parts = [title, where] if where else [title]
    if p["closing_date"]:
        parts.append(f"closes {p['closing_date']}")
    return _clean(" - ".join(parts))


def what_happened(match: PostingMatch) -> str:
    """'new', 'reopened, changed (closing_date, text)'."""
    kinds = []
    for kind in match.kinds:
        if kind == "changed" and match.changed_fields:
            kinds.append(f"changed ({', '.join(match.changed_fields)})")
        else:
            kinds.append(kind)
    return ", ".join(kinds)


def message(search: SavedSearch, matches: list[PostingMatch]) -> tuple[str, str]:
    """The title and plain-text body of one search's alert."""
    title = _clean(f"{search.title}: {counts(matches)}")
    blocks = []
    for match in matches[:MESSAGE_POSTINGS]:
        lines = [f"{what_happened(match).capitalize()}: {describe(match)}"]
        if match.posting["url"]:
            lines.append(_clean(match.posting["url"]))
        if search.archive_url:
            lines.append(f"{search.archive_url}{POSTING_PAGE}{match.posting['id']}")
        blocks.append("\n".join(lines))
    more = len(matches) - MESSAGE_POSTINGS
    if more > 0:
        blocks.append(f"... and {more} more (`jobarchive searches {search.name}` lists them)")
    blocks.append(f"Saved search {search.name!r} of {search.file}, by jobarchive.")
    return title, "\n\n".join(blocks)


# -- after a crawl ---------------------------------------------------------------------


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def after_crawl(
    db_path: str | Path,
    searches: Iterable[SavedSearch],
    run_ids: Iterable[int],
    *,
    today: date | None = None,
) -> list[SearchReport]:
    """Match every search against the events of `run_ids` (one crawl's runs), and send
    each target of each search what it has not been sent yet. Called by the crawl while
    it still holds the archive's lock, so two crawls never send the same event."""
    run_ids = [int(i) for i in run_ids]
    reports = []
    with Archive(db_path) as archive:
        conn = archive.conn
        first = conn.execute(
            f"SELECT min(id) FROM events WHERE run_id IN ({', '.join(map(str, run_ids)) or 'NULL'})"
        ).fetchone()[0]
        last = conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        # Events up to `start` came before this crawl: a target seen for the first time
        # is sent nothing older.
        start = (first - 1) if first is not None else last
        for search in searches:
            report = SearchReport(
                search, by_posting(matching_events(conn, search, run_ids=run_ids, today=today))
            )
            for url in search.notify:
                delivery = _deliver(archive, search, url, start, last, today)
                if delivery is not None:
                    report.deliveries.append(delivery)
            reports.append(report)
    return reports


def _deliver(
    archive: Archive,
    search: SavedSearch,
    url: str,
    start: int,
    last: int,
    today: date | None,
) -> Delivery | None:
    """Send one target what it is owed; None when it is owed nothing."""
    conn = archive.conn
    target = masked(url)
    with archive.transaction():
        conn.execute(
            "INSERT OR IGNORE INTO alert_targets (search, target, since_event, added_at) "
            "VALUES (?, ?, ?, ?)",
            (search.name, target, start, utcnow()),
        )
    since = conn.execute(
        "SELECT since_event FROM alert_targets WHERE search = ? AND target = ?",
        (search.name, target),
    ).fetchone()[0]
    pending = [e for e in _pending(conn, search, target, since, today) if e.event_id <= last]
    if not pending:
        # Nothing owed: the next crawl need not look at these events again.
        with archive.transaction():
            conn.execute(
                "UPDATE alert_targets SET since_event = max(since_event, ?) "
                "WHERE search = ? AND target = ?",
                (last, search.name, target),
            )
        return None
    matches = by_posting(pending)
    title, body = message(search, matches)
    error = send(url, title, body)
    now = utcnow()
    short = target.split("?", 1)[0]
    delivery = Delivery(short, len(matches), len(pending), error is None, error)
    with archive.transaction():
        if error is None:
            conn.executemany(
                "INSERT OR IGNORE INTO alerts_sent (search, target, event_id, sent_at) "
                "VALUES (?, ?, ?, ?)",
                [(search.name, target, e.event_id, now) for e in pending],
            )
            conn.execute(
                "UPDATE alert_targets SET since_event = ?, last_sent_at = ?, last_error = NULL, "
                "failures = 0 WHERE search = ? AND target = ?",
                (last, now, search.name, target),
            )
            logger.info("Alert of search %s sent to %s: %s", search.name, short, title)
        else:
            conn.execute(
                "UPDATE alert_targets SET last_error = ?, last_error_at = ?, "
                "failures = failures + 1 WHERE search = ? AND target = ?",
                (error, now, search.name, target),
            )
            logger.info("Alert of search %s to %s not sent: %s", search.name, short, error)
    return delivery


def _pending(
    conn: Any, search: SavedSearch, target: str, since: int, today: date | None
) -> list[EventMatch]:
    """The events of `search` after `since` not yet sent to `target`, oldest first."""
    already = {
        row[0]
        for row in conn.execute(
            "SELECT event_id FROM alerts_sent WHERE search = ? AND target = ? AND event_id > ?",
            (search.name, target, since),
        )
    }
    events = matching_events(conn, search, after_event=since, today=today)
    return [e for e in events if e.event_id not in already]


def owed(
    conn: Any, search: SavedSearch, *, today: date | None = None
) -> list[tuple[str, list[PostingMatch] | None, str | None]]:
    """What the next crawl would send each target of `search` besides what that crawl
    finds: (target, matches, last error), matches None for a target no crawl has seen
    yet (the first crawl that does sends only what it finds)."""
    out: list[tuple[str, list[PostingMatch] | None, str | None]] = []
    for url in search.notify:
        target = masked(url)
        row = conn.execute(
            "SELECT since_event, last_error FROM alert_targets WHERE search = ? AND target = ?",
            (search.name, target),
        ).fetchone()
        short = target.split("?", 1)[0]
        if row is None:
            out.append((short, None, None))
        else:
            since, error = row
            out.append((short, by_posting(_pending(conn, search, target, since, today)), error))
    return out
