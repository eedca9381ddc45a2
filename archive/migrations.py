"""The archive's schema, built by numbered migrations.

Never edit a migration that has shipped: add the next one. Each runs in a transaction
with the record of it having run (sqlite-utils' `Migrations`).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("jobarchive")


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'ok', 'incomplete', 'failed')),
            listing_complete INTEGER,
            new INTEGER NOT NULL DEFAULT 0,
            changed INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            reopened INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            pid INTEGER
        );
        CREATE INDEX runs_source ON runs (source, started_at);

        CREATE TABLE bodies (
            hash TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            compression TEXT NOT NULL,
            content BLOB NOT NULL
        );

        CREATE TABLE postings (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            url TEXT,
            title TEXT,
            organization TEXT,
            location TEXT,
            country TEXT,
            grade TEXT,
            contract_type TEXT,
            job_number TEXT,
            posted_date TEXT,
            closing_date TEXT,
            categories TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'removed')),
            current_version INTEGER NOT NULL,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            last_changed_at TEXT NOT NULL,
            removed_at TEXT,
            UNIQUE (source, source_key)
        );
        CREATE INDEX postings_status ON postings (status, closing_date);
        CREATE INDEX postings_url ON postings (url);

        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            posting_id INTEGER NOT NULL REFERENCES postings (id),
            version INTEGER NOT NULL,
            run_id INTEGER REFERENCES runs (id),
            fetched_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            url TEXT,
            title TEXT,
            organization TEXT,
            location TEXT,
            country TEXT,
            grade TEXT,
            contract_type TEXT,
            job_number TEXT,
            posted_date TEXT,
            closing_date TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
            categories TEXT,
            extra TEXT,
            text TEXT NOT NULL,
            changed_fields TEXT NOT NULL,
            body_hash TEXT REFERENCES bodies (hash),
            content_type TEXT,
            http_status INTEGER,
            UNIQUE (posting_id, version)
        );
        CREATE INDEX versions_run ON versions (run_id);
        CREATE INDEX versions_fetched ON versions (fetched_at);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            posting_id INTEGER NOT NULL REFERENCES postings (id),
            run_id INTEGER REFERENCES runs (id),
            at TEXT NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('new', 'changed', 'removed', 'reopened')),
            version INTEGER
        );
        CREATE INDEX events_posting ON events (posting_id, id);
        CREATE INDEX events_at ON events (at);
        """
    )
