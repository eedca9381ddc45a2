"""The whole archive schema, asserted as one string so any schema change shows as a diff.

A change here must come with a new numbered migration in archive/migrations.py.
"""

from __future__ import annotations

from archive import Archive
from archive.migrations import migrations

EXPECTED_SCHEMA = """CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
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
        , held INTEGER NOT NULL DEFAULT 0, reextracted INTEGER NOT NULL DEFAULT 0, pid_started TEXT);
CREATE INDEX runs_source ON runs (source, started_at);
CREATE TABLE bodies (
            hash TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            compression TEXT NOT NULL,
            content BLOB NOT NULL
        , source TEXT, dictionary INTEGER REFERENCES body_dictionaries (id));
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
            http_status INTEGER, listed TEXT, extraction TEXT, fetch_url TEXT, encoding TEXT,
            UNIQUE (posting_id, version)
        );
CREATE INDEX versions_run ON versions (run_id);
CREATE INDEX versions_fetched ON versions (fetched_at);
CREATE TRIGGER versions_fts_delete AFTER DELETE ON versions
        WHEN old.version = (SELECT current_version FROM postings WHERE id = old.posting_id)
        BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text)
            SELECT 'delete', id, title, organization, location, old.text
            FROM postings WHERE id = old.posting_id;
            INSERT INTO postings_fts (rowid, title, organization, location, text)
            SELECT id, title, organization, location, NULL
            FROM postings WHERE id = old.posting_id;
        END;
CREATE VIEW open_postings AS
        SELECT id, source, source_key, title, organization, location, country, grade,
            contract_type, posted_date, closing_date,
            CAST(julianday(closing_date) - julianday(date('now')) AS INTEGER) AS days_left,
            url, first_seen_at, last_changed_at, current_version
        FROM postings
        WHERE status = 'open' AND (closing_date IS NULL OR closing_date >= date('now'))
        ORDER BY closing_date IS NULL, closing_date, id;
CREATE VIEW new_this_week AS
        SELECT id, source, source_key, title, organization, location, country, grade,
            closing_date, status, first_seen_at, url
        FROM postings
        WHERE julianday(first_seen_at) >= julianday('now', '-7 days');
CREATE VIEW deadline_extensions AS
        SELECT v.posting_id, p.source, p.source_key, v.title, p.organization,
            v.version, v.fetched_at AS changed_at,
            prev.closing_date AS old_closing_date, v.closing_date AS new_closing_date,
            CAST(julianday(v.closing_date) - julianday(prev.closing_date) AS INTEGER)
                AS days_extended,
            '/-/jobarchive/diff/' || v.posting_id || '?to=' || v.version AS diff
        FROM versions v
        JOIN versions prev ON prev.posting_id = v.posting_id AND prev.version = v.version - 1
        JOIN postings p ON p.id = v.posting_id
        WHERE v.closing_date > prev.closing_date;
CREATE VIEW removed_postings AS
        SELECT id, source, source_key, title, organization, location, country, grade,
            closing_date, removed_at, last_seen_at,
            CASE WHEN closing_date IS NULL THEN NULL
                ELSE date(removed_at) < closing_date END AS removed_early,
            current_version, url
        FROM postings
        WHERE status = 'removed';
CREATE TABLE fetches (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            fetched_at TEXT NOT NULL
        , encoding TEXT, extraction TEXT);
CREATE INDEX fetches_posting ON fetches (source, source_key);
CREATE VIEW postings_search AS
        SELECT p.id, p.title, p.organization, p.location, v.text
        FROM postings p
        LEFT JOIN versions v ON v.posting_id = p.id AND v.version = p.current_version;
CREATE VIRTUAL TABLE postings_fts USING fts5(title, organization, location, text, content = 'postings_search', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE 'postings_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'postings_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'postings_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'postings_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN
            INSERT INTO postings_fts (rowid, title, organization, location, text) VALUES (new.id, new.title, new.organization, new.location, (SELECT text FROM versions WHERE posting_id = new.id AND version = new.current_version));
        END;
CREATE TRIGGER postings_fts_update
        AFTER UPDATE OF id, title, organization, location, current_version ON postings BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text) VALUES ('delete', old.id, old.title, old.organization, old.location, (SELECT text FROM versions WHERE posting_id = old.id AND version = old.current_version));
            INSERT INTO postings_fts (rowid, title, organization, location, text) VALUES (new.id, new.title, new.organization, new.location, (SELECT text FROM versions WHERE posting_id = new.id AND version = new.current_version));
        END;
CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text) VALUES ('delete', old.id, old.title, old.organization, old.location, (SELECT text FROM versions WHERE posting_id = old.id AND version = old.current_version));
        END;
CREATE TRIGGER versions_fts_insert AFTER INSERT ON versions
        WHEN new.version = (SELECT current_version FROM postings WHERE id = new.posting_id)
        BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text)
            SELECT 'delete', id, title, organization, location, NULL
            FROM postings WHERE id = new.posting_id;
            INSERT INTO postings_fts (rowid, title, organization, location, text)
            SELECT id, title, organization, location, new.text
            FROM postings WHERE id = new.posting_id;
        END;
CREATE TRIGGER versions_fts_update AFTER UPDATE OF text ON versions
        WHEN new.version = (SELECT current_version FROM postings WHERE id = new.posting_id)
        BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text)
            SELECT 'delete', id, title, organization, location, old.text
            FROM postings WHERE id = new.posting_id;
            INSERT INTO postings_fts (rowid, title, organization, location, text)
            SELECT id, title, organization, location, new.text
            FROM postings WHERE id = new.posting_id;
        END;
CREATE TABLE holds (
            posting_id INTEGER PRIMARY KEY REFERENCES postings (id),
            content_hash TEXT NOT NULL,
            crawls INTEGER NOT NULL,
            first_held_at TEXT NOT NULL,
            last_held_at TEXT NOT NULL,
            reason TEXT NOT NULL
        );
CREATE TABLE "events" (
            id INTEGER PRIMARY KEY,
            posting_id INTEGER NOT NULL REFERENCES postings (id),
            run_id INTEGER REFERENCES runs (id),
            at TEXT NOT NULL,
            event TEXT NOT NULL
                CHECK (event IN ('new', 'changed', 'removed', 'reopened', 'reextracted')),
            version INTEGER,
            note TEXT
        );
CREATE INDEX events_posting ON events (posting_id, id);
CREATE INDEX events_at ON events (at);
CREATE TABLE readings (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES versions (id),
            extraction TEXT,
            content_hash TEXT NOT NULL,
            fields TEXT NOT NULL,
            text TEXT NOT NULL,
            changed_fields TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            run_id INTEGER REFERENCES runs (id)
        );
CREATE INDEX readings_version ON readings (version_id);
CREATE VIEW changes AS
        SELECT v.posting_id, p.source, p.source_key, v.title, p.organization,
            v.version, v.fetched_at AS changed_at, v.changed_fields,
            '/-/jobarchive/diff/' || v.posting_id || '?to=' || v.version AS diff
        FROM versions v JOIN postings p ON p.id = v.posting_id
        WHERE v.version > 1 AND v.changed_fields != '[]';
CREATE TABLE site_lines (
            source TEXT NOT NULL,
            shape TEXT NOT NULL,
            postings INTEGER NOT NULL,
            organizations TEXT NOT NULL,
            PRIMARY KEY (source, shape)
        ) WITHOUT ROWID;
CREATE TABLE site_lines_learned (
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            PRIMARY KEY (source, source_key)
        ) WITHOUT ROWID
        ;
CREATE TABLE alert_targets (
            search TEXT NOT NULL,
            target TEXT NOT NULL,
            since_event INTEGER NOT NULL,
            added_at TEXT NOT NULL,
            last_sent_at TEXT,
            last_error TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (search, target)
        ) WITHOUT ROWID;
CREATE TABLE alerts_sent (
            search TEXT NOT NULL,
            target TEXT NOT NULL,
            event_id INTEGER NOT NULL REFERENCES events (id),
            sent_at TEXT NOT NULL,
            PRIMARY KEY (search, target, event_id)
        ) WITHOUT ROWID
        ;
CREATE TABLE revisits (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            listed_digest TEXT NOT NULL,
            checked_at TEXT NOT NULL
        ) WITHOUT ROWID
        ;
CREATE TABLE body_dictionaries (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            hash TEXT NOT NULL,
            samples INTEGER NOT NULL,
            ratio REAL NOT NULL,
            ratio_alone REAL NOT NULL,
            created_at TEXT NOT NULL,
            content BLOB NOT NULL
        );
CREATE INDEX body_dictionaries_source ON body_dictionaries (source, id);
CREATE INDEX bodies_source ON bodies (source, dictionary)
        ;
CREATE TABLE ingest_runs (
            crawl TEXT NOT NULL,
            source TEXT NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs (id),
            parts INTEGER NOT NULL,
            closed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (crawl, source)
        ) WITHOUT ROWID;
CREATE TABLE ingest_parts (
            crawl TEXT NOT NULL,
            source TEXT NOT NULL,
            part INTEGER NOT NULL,
            report TEXT NOT NULL,
            PRIMARY KEY (crawl, source, part)
        ) WITHOUT ROWID;
CREATE TABLE ingested (
            message TEXT PRIMARY KEY,
            crawl TEXT NOT NULL,
            source TEXT NOT NULL
        ) WITHOUT ROWID
        ;"""


def test_whole_schema(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        assert archive.db.schema == EXPECTED_SCHEMA


def test_migrations_are_numbered_and_all_applied(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        applied = [m.name for m in migrations.applied(archive.db)]
    assert applied == [m.name for m in migrations._migrations]
    assert [name[:4] for name in applied] == [f"{n:04d}" for n in range(1, len(applied) + 1)]


def test_full_text_index_stays_in_step_with_postings(tmp_path):
    from archive import Snapshot

    with Archive(tmp_path / "a.db") as archive:
        run = archive.start_run("x")
        archive.store(
            Snapshot(
                "x",
                "1",
                "u1",
                title="Protection Officer",
                location="Genève",
                text="refugee protection work",
            ),
            run,
        )
        archive.store(Snapshot("x", "2", "u2", title="Nutrition Officer", text="nutrition"), run)
        archive.store(
            Snapshot(
                "x",
                "1",
                "u1",
                title="Senior Protection Officer",
                location="Genève",
                text="status determination",
            ),
            run,
        )
        archive.finish_run(run, listed_keys={"1"}, listing_complete=True)
        # FTS5 compares its index with the content it reads from postings_search
        archive.conn.execute(
            "INSERT INTO postings_fts (postings_fts, rank) VALUES ('integrity-check', 1)"
        )

        def match(words):
            return [
                r[0]
                for r in archive.conn.execute(
                    "SELECT rowid FROM postings_fts WHERE postings_fts MATCH ? ORDER BY rowid",
                    (words,),
                )
            ]

        assert match("geneve") == [1]  # accents folded
        assert match("senior determination") == [1]
        assert match("work") == []  # the text of an older version is not searched
        assert match("nutrition") == [2]
        # the index holds no copy of the text: its content is the view
        tables = {r[0] for r in archive.conn.execute("SELECT name FROM sqlite_master")}
        assert "postings_fts_content" not in tables


def test_reopening_applies_nothing_twice(tmp_path):
    Archive(tmp_path / "a.db").close()
    with Archive(tmp_path / "a.db") as archive:
        assert migrations.pending(archive.db) == []
        assert archive.db.schema == EXPECTED_SCHEMA
