"""Storing snapshots: new postings, new versions, removals and reopenings, run by run.

Every posting is stored in one transaction, together with its run's counters, so a
crawl killed at any moment leaves the archive consistent: a posting is either fully
stored with its version and event or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from .bodies import body_hash, get_body, put_body
from .db import open_database
from .guard import Guard
from .normalize import differing, hash_normalized, normalized_fields
from .snapshot import CONTENT_FIELDS, FetchState, Snapshot

#: What storing a snapshot came to; "held": not stored, see archive/guard.py;
#: "reextracted": the same body read differently by a newer extraction, no edit.
Outcome = Literal["new", "changed", "unchanged", "reopened", "held", "reextracted"]
RunStatus = Literal["ok", "incomplete", "failed"]

# Postings columns that mirror the current version.
_CURRENT = ("url", *(f for f in CONTENT_FIELDS if f not in ("status", "extra", "text")))


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class RunSummary:
    id: int
    source: str
    status: str
    started_at: str
    finished_at: str | None
    listing_complete: bool | None
    new: int
    changed: int
    unchanged: int
    reopened: int
    removed: int
    errors: int
    reason: str | None
    held: int = 0
    reextracted: int = 0


_FETCH_STATE = (
    "SELECT url, source, source_key, etag, last_modified, body_hash, encoding, extraction "
    "FROM fetches"
)


class Archive:
    """A versioned archive of job postings in one SQLite file."""

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False) -> None:
        """Open the archive at `path` for writing (created when missing, if `create`),
        or `readonly`: then no byte of the file changes and writes fail."""
        self.path = Path(path)
        self.readonly = readonly
        self.db: Database = open_database(self.path, create=create, readonly=readonly)
        self.conn: sqlite3.Connection = self.db.conn
        #: Why the last `store()` held its snapshot back, when it did.
        self.last_held: str | None = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; IMMEDIATE so two writers queue instead of deadlocking.

        Inside another, it is part of that one: the archive writer of a distributed
        crawl applies a message (a store, and the record that it was applied) whole or
        not at all.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, source: str) -> int:
        """Record the start of a crawl of `source` and return its run id.

        A run of this source still marked 'running' whose process is gone was killed
        mid-crawl: it is closed as incomplete, so the runs table tells the truth.
        """
        now = utcnow()
        with self.transaction() as conn:
            stale = conn.execute(
                "SELECT id, pid, pid_started FROM runs WHERE source = ? AND status = 'running'",
                (source,),
            ).fetchall()
            for run_id, pid, started in stale:
                if pid is None or not process_alive(pid, started):
                    conn.execute(
                        "UPDATE runs SET status = 'incomplete', finished_at = ?, "
                        "reason = 'interrupted: the crawl stopped before it finished' WHERE id = ?",
                        (now, run_id),
                    )
            cur = conn.execute(
                "INSERT INTO runs (source, started_at, pid, pid_started) VALUES (?, ?, ?, ?)",
                (source, now, os.getpid(), process_start(os.getpid())),
            )
            assert cur.lastrowid is not None
            return cur.lastrowid

    def finish_run(
        self,
        run_id: int,
        *,
        listed_keys: Iterable[str] | None,
        listing_complete: bool,
        errors: int = 0,
        reason: str | None = None,
        failed: bool = False,
    ) -> RunSummary:
        """Close a run: mark unlisted postings removed when the listing was complete.

        `listed_keys` are the source keys the listing showed, whether or not their
        detail page could be fetched: a posting still listed is still there. Only a
        complete listing removes anything, and an empty one never does, because a
        site that suddenly lists nothing is far more often broken than empty.
        """
        now = utcnow()
        keys = set(listed_keys or ())
        reasons = [reason] if reason else []
        with self.transaction() as conn:
            source = conn.execute("SELECT source FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
            removed = 0
            if keys:
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS listed (key TEXT PRIMARY KEY)")
                conn.execute("DELETE FROM temp.listed")
                conn.executemany(
                    "INSERT OR IGNORE INTO temp.listed VALUES (?)", ((k,) for k in keys)
                )
                conn.execute(
                    "UPDATE postings SET last_seen_at = ? WHERE source = ? "
                    "AND source_key IN (SELECT key FROM temp.listed) AND last_seen_at < ?",
                    (now, source, now),
                )
                # Listed again after being removed, but its detail was not stored this run.
                back = conn.execute(
                    "SELECT id FROM postings WHERE source = ? AND status = 'removed' "
                    "AND source_key IN (SELECT key FROM temp.listed)",
                    (source,),
                ).fetchall()
                for (posting_id,) in back:
                    self._reopen(conn, posting_id, run_id, now)
                if listing_complete and not failed:
                    gone = conn.execute(
                        "SELECT id FROM postings WHERE source = ? AND status != 'removed' "
                        "AND source_key NOT IN (SELECT key FROM temp.listed)",
                        (source,),
                    ).fetchall()
                    for (posting_id,) in gone:
                        conn.execute(
                            "UPDATE postings SET status = 'removed', removed_at = ? WHERE id = ?",
                            (now, posting_id),
                        )
                        conn.execute(
                            "INSERT INTO events (posting_id, run_id, at, event) "
                            "VALUES (?, ?, ?, 'removed')",
                            (posting_id, run_id, now),
                        )
                    removed = len(gone)
                conn.execute("DELETE FROM temp.listed")
            if failed:
                status: RunStatus = "failed"
                reasons.append("the source could not be read, so nothing was marked removed")
            elif listing_complete and not keys:
                status = "incomplete"
                reasons.append("the listing was empty, so nothing was marked removed")
                listing_complete = False
            elif not listing_complete:
                status = "incomplete"
                reasons.append("the listing did not complete, so nothing was marked removed")
            else:
                status = "incomplete" if errors else "ok"
            conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, listing_complete = ?, "
                "removed = removed + ?, errors = errors + ?, reason = ? WHERE id = ?",
                (
                    now,
                    status,
                    int(listing_complete),
                    removed,
                    errors,
                    "; ".join(reasons) or None,
                    run_id,
                ),
            )
        return self.run(run_id)

    def run(self, run_id: int) -> RunSummary:
        row = self.conn.execute(
            "SELECT id, source, status, started_at, finished_at, listing_complete, new, changed, "
            "unchanged, reopened, removed, errors, reason, held, reextracted "
            "FROM runs WHERE id = ?",
            (run_id,),
        ).fetchone()
        if row is None:
            raise KeyError(run_id)
        values = list(row)
        values[5] = None if values[5] is None else bool(values[5])
        return RunSummary(*values)

    # -- postings -----------------------------------------------------------------------

    def store(
        self,
        snapshot: Snapshot,
        run_id: int | None = None,
        guard: Guard | None = None,
        same_reading: Callable[[str], str] | None = None,
    ) -> Outcome:
        """Store one fetched posting; return what it was for the archive.

        An unchanged fetch only moves last_seen_at; a changed one writes the next
        version with the names of the fields that changed. With a `guard`, a changed
        fetch that lost most of what the last version had is held instead (see
        archive/guard.py): no version, and `last_held` says why. The same body as the
        current version's, read by another extraction, is a re-reading: the version's
        fields are replaced (the old reading kept in `readings`), no version is written.
        `same_reading`, when given, puts both texts, the stored one and the new one,
        through the same rules before they are compared (the site's template, learned
        since the stored one was read): what it takes out of either is no change.
        """
        fetched_at = snapshot.fetched_at or utcnow()
        if snapshot.status not in ("open", "closed"):
            raise ValueError(f"status must be 'open' or 'closed', not {snapshot.status!r}")
        # Normalizing is the costly part of storing: done once, for the hash and the diff.
        fields = asdict(snapshot)
        normalized = normalized_fields(fields)
        digest = hash_normalized(normalized)
        body_digest = body_hash(snapshot.body) if snapshot.body else None
        self.last_held = None
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, status, current_version FROM postings "
                "WHERE source = ? AND source_key = ?",
                (snapshot.source, snapshot.source_key),
            ).fetchone()
            note = None
            if row is None:
                posting_id = self._insert_posting(conn, snapshot, fetched_at)
                self._insert_version(
                    conn, posting_id, 1, run_id, snapshot, digest, body_digest, [], fetched_at
                )
                self._event(conn, posting_id, run_id, fetched_at, "new", 1)
                outcome: Outcome = "new"
            else:
                posting_id, posting_status, current = row
                last = self._version_fields(conn, posting_id, current)
                reopened = posting_status == "removed"
                reread = (
                    body_digest is not None
                    and last["body_hash"] == body_digest
                    and last["extraction"] != snapshot.extraction
                )
                # The stored hash may come from an older normalization: compare afresh
                # before calling it a change, so an upgrade makes no wave of versions.
                if last["content_hash"] == digest:
                    changes = []
                else:
                    before, after = last, normalized
                    if same_reading is not None:
                        before = {**last, "text": same_reading(last.get("text") or "")}
                        after = normalized_fields(
                            {**fields, "text": same_reading(fields["text"] or "")}
                        )
                    changes = differing(normalized_fields(before), after)
                loss = guard.loss(last, fields) if guard is not None and changes else None
                if guard is not None and loss is not None:
                    note = self._hold(conn, posting_id, digest, loss, fetched_at, guard)
                    if note is None:
                        self.last_held = loss
                        conn.execute(
                            "UPDATE postings SET last_seen_at = ? WHERE id = ?",
                            (fetched_at, posting_id),
                        )
                        if run_id is not None:
                            conn.execute("UPDATE runs SET held = held + 1 WHERE id = ?", (run_id,))
                        # The fetch is not recorded: the next crawl must fetch and judge
                        # the page again, not skip it as already seen.
                        return "held"
                conn.execute("DELETE FROM holds WHERE posting_id = ?", (posting_id,))
                if not changes:
                    conn.execute(
                        "UPDATE postings SET last_seen_at = ?, url = ? WHERE id = ?",
                        (fetched_at, snapshot.url, posting_id),
                    )
                    if reread:  # read the same: the version is now the new extraction's too
                        conn.execute(
                            "UPDATE versions SET extraction = ? WHERE id = ?",
                            (snapshot.extraction, last["id"]),
                        )
                    retext = (
                        same_reading is not None
                        and last["content_hash"] != digest
                        and (last.get("text") or "") != (snapshot.text or "")
                    )
                    if retext:
                        self._retext(conn, last, snapshot, run_id, fetched_at)
                    if reopened:
                        self._reopen(conn, posting_id, run_id, fetched_at, snapshot.status)
                    outcome = "reopened" if reopened else "reextracted" if retext else "unchanged"
                elif reread:
                    self._replace_reading(conn, last, snapshot, digest, changes, run_id, fetched_at)
                    self._update_posting(conn, posting_id, snapshot, current, None)
                    conn.execute(
                        "UPDATE postings SET last_seen_at = ? WHERE id = ?",
                        (fetched_at, posting_id),
                    )
                    if reopened:
                        self._reopen(conn, posting_id, run_id, fetched_at, snapshot.status)
                    outcome = "reopened" if reopened else "reextracted"
                else:
                    version = current + 1
                    self._insert_version(
                        conn,
                        posting_id,
                        version,
                        run_id,
                        snapshot,
                        digest,
                        body_digest,
                        changes,
                        fetched_at,
                    )
                    self._update_posting(conn, posting_id, snapshot, version, fetched_at)
                    if reopened:
                        self._reopen(conn, posting_id, run_id, fetched_at, snapshot.status)
                    self._event(conn, posting_id, run_id, fetched_at, "changed", version, note)
                    outcome = "reopened" if reopened else "changed"
            self._record_fetch(conn, snapshot, body_digest, fetched_at)
            if run_id is not None:
                conn.execute(f"UPDATE runs SET {outcome} = {outcome} + 1 WHERE id = ?", (run_id,))
        return outcome

    def _hold(
        self,
        conn: sqlite3.Connection,
        posting_id: int,
        digest: str,
        loss: str,
        at: str,
        guard: Guard,
    ) -> str | None:
        """Hold this content back once more; None while held, else (the same content
        came back `guard.accept_after` crawls in a row) the note for the accepted edit."""
        row = conn.execute(
            "SELECT content_hash, crawls, first_held_at FROM holds WHERE posting_id = ?",
            (posting_id,),
        ).fetchone()
        crawls = row[1] + 1 if row is not None and row[0] == digest else 1
        first = row[2] if row is not None and row[0] == digest else at
        if crawls >= guard.accept_after:
            return (
                f"held back {crawls - 1} time{'s' if crawls > 2 else ''} since {first} "
                f"({loss}), then accepted as a real edit: the same page came back "
                f"{crawls} crawls in a row"
            )
        conn.execute(
            "INSERT INTO holds (posting_id, content_hash, crawls, first_held_at, last_held_at, "
            "reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (posting_id) DO UPDATE SET "
            "content_hash = excluded.content_hash, crawls = excluded.crawls, "
            "first_held_at = excluded.first_held_at, last_held_at = excluded.last_held_at, "
            "reason = excluded.reason",
            (posting_id, digest, crawls, first, at, loss),
        )
        return None

    def stored_versions(self, posting_id: int) -> list[dict[str, Any]]:
        """Every version row of a posting, in order (for reading their bodies again)."""
        cur = self.conn.execute(
            "SELECT * FROM versions WHERE posting_id = ? ORDER BY version", (posting_id,)
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def reread(
        self,
        posting_id: int,
        readings: dict[int, Snapshot],
        *,
        recompute: bool,
        run_id: int | None = None,
        at: str | None = None,
    ) -> list[int]:
        """Replace versions' readings by `readings` ({version number: snapshot read from
        its stored body by a newer extraction}), all in one transaction; returns the
        versions that read differently. With `recompute`, each version's changed_fields
        are compared anew with the version before (every version is read alike then).
        A run given counts the posting as re-read."""
        at = at or utcnow()
        changed: list[int] = []
        with self.transaction() as conn:
            rows = {row["version"]: row for row in self.stored_versions(posting_id)}
            current = max(rows) if rows else 0
            previous: dict[str, Any] | None = None
            for number in sorted(rows):
                row = rows[number]
                snapshot = readings.get(number)
                before = normalized_fields(row)
                now = normalized_fields(asdict(snapshot)) if snapshot is not None else before
                wanted = differing(previous, now) if recompute and previous is not None else None
                differences = differing(before, now)
                if snapshot is not None and differences:
                    self._replace_reading(
                        conn,
                        row,
                        snapshot,
                        hash_normalized(now),
                        differences,
                        run_id,
                        at,
                        changed_fields=wanted,
                    )
                    if number == current:
                        self._update_posting(conn, posting_id, snapshot, current, None)
                    changed.append(number)
                else:
                    if snapshot is not None:
                        conn.execute(
                            "UPDATE versions SET extraction = ? WHERE id = ?",
                            (snapshot.extraction, row["id"]),
                        )
                    if wanted is not None and json.loads(row["changed_fields"]) != wanted:
                        conn.execute(
                            "UPDATE versions SET changed_fields = ? WHERE id = ?",
                            (json.dumps(wanted), row["id"]),
                        )
                previous = now
            if changed and run_id is not None:
                conn.execute(
                    "UPDATE runs SET reextracted = reextracted + 1 WHERE id = ?", (run_id,)
                )
        return changed

    def current_extraction(self, source: str, source_key: str) -> tuple[int, str | None] | None:
        """(posting id, the extraction its current version was read by), or None."""
        row = self.conn.execute(
            "SELECT p.id, v.extraction FROM postings p JOIN versions v ON v.posting_id = p.id "
            "AND v.version = p.current_version WHERE p.source = ? AND p.source_key = ?",
            (source, source_key),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def seen(
        self, source: str, source_key: str, run_id: int | None = None, at: str | None = None
    ) -> Outcome | None:
        """Record that a posting was confirmed unchanged without being extracted again
        (a 304, an identical body, or a listing that says it did not change).

        Returns "unchanged" (or "reopened" for a removed posting that is back), or None
        when the archive has no such posting, in which case nothing is written.
        """
        at = at or utcnow()
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, status FROM postings WHERE source = ? AND source_key = ?",
                (source, source_key),
            ).fetchone()
            if row is None:
                return None
            posting_id, status = row
            conn.execute("UPDATE postings SET last_seen_at = ? WHERE id = ?", (at, posting_id))
            outcome: Outcome = "unchanged"
            if status == "removed":
                self._reopen(conn, posting_id, run_id, at)
                outcome = "reopened"
            if run_id is not None:
                conn.execute(f"UPDATE runs SET {outcome} = {outcome} + 1 WHERE id = ?", (run_id,))
        return outcome

    def fetch_state(self, url: str, source: str | None = None) -> FetchState | None:
        """What the last fetch of `url` returned (validators and body hash), if any."""
        sql = _FETCH_STATE + " WHERE url = ?"
        params: tuple[str, ...] = (url,)
        if source is not None:
            sql += " AND source = ?"
            params += (source,)
        row = self.conn.execute(sql, params).fetchone()
        return FetchState(*row) if row else None

    def fetch_states(self, source: str) -> list[FetchState]:
        """What the last fetch of each page of `source` returned."""
        rows = self.conn.execute(_FETCH_STATE + " WHERE source = ?", (source,)).fetchall()
        return [FetchState(*row) for row in rows]

    def stored_body(self, digest: str) -> tuple[bytes, str | None] | None:
        """A stored raw body and the Content-Type it came with, or None."""
        row = self.conn.execute(
            "SELECT content_type FROM versions WHERE body_hash = ? ORDER BY id DESC LIMIT 1",
            (digest,),
        ).fetchone()
        try:
            body = get_body(self.conn, digest)
        except KeyError:
            return None
        return body, row[0] if row else None

    def _record_fetch(
        self, conn: sqlite3.Connection, s: Snapshot, body_digest: str | None, at: str
    ) -> None:
        conn.execute(
            "INSERT INTO fetches (url, source, source_key, etag, last_modified, body_hash, "
            "fetched_at, encoding, extraction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET source = excluded.source, "
            "source_key = excluded.source_key, etag = excluded.etag, "
            "last_modified = excluded.last_modified, body_hash = excluded.body_hash, "
            "fetched_at = excluded.fetched_at, encoding = excluded.encoding, "
            "extraction = excluded.extraction",
            (
                s.fetch_url or s.url,
                s.source,
                s.source_key,
                s.etag,
                s.last_modified,
                body_digest,
                at,
                s.encoding,
                s.extraction,
            ),
        )

    def _insert_posting(self, conn: sqlite3.Connection, s: Snapshot, at: str) -> int:
        cur = conn.execute(
            "INSERT INTO postings (source, source_key, url, title, organization, location, "
            "country, "
            "grade, contract_type, job_number, posted_date, closing_date, categories, status, "
            "current_version, first_seen_at, last_seen_at, last_changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
            (
                s.source,
                s.source_key,
                s.url,
                s.title,
                s.organization,
                s.location,
                s.country,
                s.grade,
                s.contract_type,
                s.job_number,
                s.posted_date,
                s.closing_date,
                _json_list(s.categories),
                s.status,
                at,
                at,
                at,
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _update_posting(
        self, conn: sqlite3.Connection, posting_id: int, s: Snapshot, version: int, at: str | None
    ) -> None:
        """The posting's columns from its current version's snapshot; `at` None for a
        re-reading, which is no change of the posting (last_changed_at stays)."""
        values = {name: getattr(s, name) for name in _CURRENT}
        values["categories"] = _json_list(s.categories)
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        changed = ", last_seen_at = :at, last_changed_at = :at" if at is not None else ""
        conn.execute(
            f"UPDATE postings SET {assignments}, status = CASE WHEN status = 'removed' "
            f"THEN status ELSE :status END, current_version = :version{changed} WHERE id = :id",
            {**values, "status": s.status, "version": version, "at": at, "id": posting_id},
        )

    def _replace_reading(
        self,
        conn: sqlite3.Connection,
        version: dict[str, Any],
        s: Snapshot,
        digest: str,
        changes: list[str],
        run_id: int | None,
        at: str,
        changed_fields: list[str] | None = None,
    ) -> None:
        """Read version `version` (a versions row) as snapshot `s` says, keeping the
        reading it replaces in `readings`, with a `reextracted` event naming `changes`.
        `changed_fields` replaces the version's own list (the differences from the
        version before, all read anew); by default it stays as the crawl found it."""
        self._keep_reading(conn, version, run_id, at)
        values = {name: getattr(s, name) for name in CONTENT_FIELDS}
        values["categories"] = _json_list(s.categories)
        values["extra"] = (
            json.dumps(s.extra, ensure_ascii=False, sort_keys=True) if s.extra else None
        )
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        conn.execute(
            f"UPDATE versions SET {assignments}, content_hash = :digest, extraction = :extraction, "
            "changed_fields = coalesce(:changed_fields, changed_fields) WHERE id = :id",
            {
                **values,
                "digest": digest,
                "extraction": s.extraction,
                "changed_fields": json.dumps(changed_fields)
                if changed_fields is not None
                else None,
                "id": version["id"],
            },
        )
        old = version["extraction"] or "an extraction not recorded"
        note = f"re-read with a newer extraction ({old} → {s.extraction}): {', '.join(changes)}"
        self._event(
            conn, version["posting_id"], run_id, at, "reextracted", version["version"], note
        )

    def _keep_reading(
        self, conn: sqlite3.Connection, version: dict[str, Any], run_id: int | None, at: str
    ) -> None:
        """Keep how version `version` (a versions row) reads now in `readings`, before
        a re-reading replaces it."""
        kept = {name: version[name] for name in CONTENT_FIELDS if name != "text"}
        conn.execute(
            "INSERT INTO readings (version_id, extraction, content_hash, fields, text, "
            "changed_fields, replaced_at, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                version["id"],
                version["extraction"],
                version["content_hash"],
                json.dumps(kept, ensure_ascii=False, sort_keys=True),
                version["text"],
                version["changed_fields"],
                at,
                run_id,
            ),
        )

    def _retext(
        self,
        conn: sqlite3.Connection,
        version: dict[str, Any],
        s: Snapshot,
        run_id: int | None,
        at: str,
    ) -> None:
        """The current version's text read as the new fetch's, which differs from it by
        no more than what the site's template rules take out of either (what was learned
        of the site since the version was stored): a re-reading, kept in `readings`,
        never a version."""
        self._keep_reading(conn, version, run_id, at)
        digest = hash_normalized(normalized_fields({**version, "text": s.text}))
        conn.execute(
            "UPDATE versions SET text = ?, content_hash = ? WHERE id = ?",
            (s.text, digest, version["id"]),
        )
        note = "re-read: what the crawls learned of the site's template taken out of the text"
        self._event(
            conn, version["posting_id"], run_id, at, "reextracted", version["version"], note
        )

    def _insert_version(
        self,
        conn: sqlite3.Connection,
        posting_id: int,
        version: int,
        run_id: int | None,
        s: Snapshot,
        digest: str,
        body_digest: str | None,
        changes: list[str],
        at: str,
    ) -> None:
        if body_digest is not None:
            put_body(conn, s.body, body_digest, s.source)
        conn.execute(
            "INSERT INTO versions (posting_id, version, run_id, fetched_at, content_hash, url, "
            "title, organization, location, country, grade, contract_type, job_number, "
            "posted_date, closing_date, status, categories, extra, text, changed_fields, "
            "body_hash, content_type, http_status, listed, extraction, fetch_url, encoding) "
            f"VALUES ({', '.join('?' * 27)})",
            (
                posting_id,
                version,
                run_id,
                at,
                digest,
                s.url,
                s.title,
                s.organization,
                s.location,
                s.country,
                s.grade,
                s.contract_type,
                s.job_number,
                s.posted_date,
                s.closing_date,
                s.status,
                _json_list(s.categories),
                json.dumps(s.extra, ensure_ascii=False, sort_keys=True) if s.extra else None,
                s.text,
                json.dumps(changes),
                body_digest,
                s.content_type,
                s.http_status,
                json.dumps(s.listed, ensure_ascii=False, sort_keys=True, default=str)
                if s.listed
                else None,
                s.extraction,
                s.fetch_url or s.url,
                s.encoding,
            ),
        )

    def _version_fields(
        self, conn: sqlite3.Connection, posting_id: int, version: int
    ) -> dict[str, Any]:
        cur = conn.execute(
            "SELECT * FROM versions WHERE posting_id = ? AND version = ?", (posting_id, version)
        )
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))

    def _reopen(
        self,
        conn: sqlite3.Connection,
        posting_id: int,
        run_id: int | None,
        at: str,
        status: str | None = None,
    ) -> None:
        if status is None:
            status = conn.execute(
                "SELECT v.status FROM versions v JOIN postings p ON p.id = v.posting_id "
                "AND p.current_version = v.version WHERE p.id = ?",
                (posting_id,),
            ).fetchone()[0]
        conn.execute(
            "UPDATE postings SET status = ?, removed_at = NULL, last_seen_at = ? WHERE id = ?",
            (status, at, posting_id),
        )
        self._event(conn, posting_id, run_id, at, "reopened", None)

    def _event(
        self,
        conn: sqlite3.Connection,
        posting_id: int,
        run_id: int | None,
        at: str,
        event: str,
        version: int | None,
        note: str | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO events (posting_id, run_id, at, event, version, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (posting_id, run_id, at, event, version, note),
        )


def _json_list(values: list[str]) -> str | None:
    return json.dumps(list(values), ensure_ascii=False) if values else None


def process_alive(pid: int, started: str | None = None) -> bool:
    """Whether process `pid` still runs and is the one that started at `started` (from
    `process_start`): pids are reused, and a run whose pid now belongs to another
    process was interrupted all the same."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if started is None:
        return True
    now = process_start(pid)
    return now is None or now == started


def process_start(pid: int) -> str | None:
    """This boot's id and the process's start time in clock ticks since boot (Linux
    /proc), or None where the system does not tell."""
    try:
        with open("/proc/sys/kernel/random/boot_id") as f:
            boot = f.read().strip()
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = stat[stat.rfind(")") + 2 :].split()
    return f"{boot}:{fields[19]}" if len(fields) > 19 else None
