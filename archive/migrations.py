"""The archive's schema, built by numbered migrations.

Never edit a migration that has shipped: add the next one. Each runs in a transaction
with the record of it having run (sqlite-utils' `Migrations`).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("jobarchive")


def _run_script(db: Database, script: str) -> None:
    """Run `;`-separated statements one at a time: executescript() would COMMIT first,
    leaving the migration outside the transaction that records it as applied."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    _run_script(
        db,
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
        """,
    )


# The text of a posting lives in its current version, so the index is fed from both
# tables: store() inserts a posting before its first version, and a new version before
# moving the posting's current_version to it. Each trigger reads the text through
# current_version, so whichever statement comes second fills in the right text.
_FTS_ROW = (
    "INSERT INTO postings_fts (rowid, title, organization, location, text) "
    "SELECT p.id, p.title, p.organization, p.location, v.text FROM postings p "
    "LEFT JOIN versions v ON v.posting_id = p.id AND v.version = p.current_version"
)


@migrations(name="0002_fts")
def m0002_fts(db: Database) -> None:
    """Full-text search over the current state of every posting (SQLite FTS5)."""
    statements = [
        # remove_diacritics so "geneve" finds "Genève"; a plain (not external-content)
        # table, because the text is not a column of postings.
        "CREATE VIRTUAL TABLE postings_fts USING fts5("
        "title, organization, location, text, tokenize = 'unicode61 remove_diacritics 2')",
        f"{_FTS_ROW}",
        f"""CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN
            {_FTS_ROW} WHERE p.id = new.id;
        END""",
        f"""CREATE TRIGGER postings_fts_update
        AFTER UPDATE OF id, title, organization, location, current_version ON postings BEGIN
            DELETE FROM postings_fts WHERE rowid = old.id;
            {_FTS_ROW} WHERE p.id = new.id;
        END""",
        """CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN
            DELETE FROM postings_fts WHERE rowid = old.id;
        END""",
        """CREATE TRIGGER versions_fts_insert AFTER INSERT ON versions
        WHEN new.version = (SELECT current_version FROM postings WHERE id = new.posting_id)
        BEGIN
            UPDATE postings_fts SET text = new.text WHERE rowid = new.posting_id;
        END""",
        # Versions are never deleted by jobarchive; by hand, the current one goes first
        # (foreign keys), so its text is forgotten here and the posting's delete finds none.
        """CREATE TRIGGER versions_fts_delete AFTER DELETE ON versions
        WHEN old.version = (SELECT current_version FROM postings WHERE id = old.posting_id)
        BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text)
            SELECT 'delete', id, title, organization, location, old.text
            FROM postings WHERE id = old.posting_id;
            INSERT INTO postings_fts (rowid, title, organization, location, text)
            SELECT id, title, organization, location, NULL
            FROM postings WHERE id = old.posting_id;
        END""",
        """CREATE TRIGGER versions_fts_update AFTER UPDATE OF text ON versions
        WHEN new.version = (SELECT current_version FROM postings WHERE id = new.posting_id)
        BEGIN
            UPDATE postings_fts SET text = new.text WHERE rowid = new.posting_id;
        END""",
    ]
    # One statement at a time: executescript() would commit the migration's transaction.
    for statement in statements:
        db.execute(statement)


@migrations(name="0003_views")
def m0003_views(db: Database) -> None:
    """Views that answer the everyday questions; datasette facets and sorts them.

    "Now" is SQLite's date('now') (UTC), so the views are always relative to today.
    Timestamps are ISO 8601 with an offset; julianday() compares them as instants.
    """
    statements = [
        # Open: the site says open and the closing date (if any) is today or later.
        # Ordered here because a sort in datasette would put undated postings first.
        """CREATE VIEW open_postings AS
        SELECT id, source, source_key, title, organization, location, country, grade,
            contract_type, posted_date, closing_date,
            CAST(julianday(closing_date) - julianday(date('now')) AS INTEGER) AS days_left,
            url, first_seen_at, last_changed_at, current_version
        FROM postings
        WHERE status = 'open' AND (closing_date IS NULL OR closing_date >= date('now'))
        ORDER BY closing_date IS NULL, closing_date, id""",
        """CREATE VIEW new_this_week AS
        SELECT id, source, source_key, title, organization, location, country, grade,
            closing_date, status, first_seen_at, url
        FROM postings
        WHERE julianday(first_seen_at) >= julianday('now', '-7 days')""",
        # Every change after a posting's first version, with the names of the fields.
        """CREATE VIEW changes AS
        SELECT v.posting_id, p.source, p.source_key, v.title, p.organization,
            v.version, v.fetched_at AS changed_at, v.changed_fields,
            '/-/jobarchive/diff/' || v.posting_id || '?to=' || v.version AS diff
        FROM versions v JOIN postings p ON p.id = v.posting_id
        WHERE v.version > 1""",
        # A closing date moved later between one version and the next.
        """CREATE VIEW deadline_extensions AS
        SELECT v.posting_id, p.source, p.source_key, v.title, p.organization,
            v.version, v.fetched_at AS changed_at,
            prev.closing_date AS old_closing_date, v.closing_date AS new_closing_date,
            CAST(julianday(v.closing_date) - julianday(prev.closing_date) AS INTEGER)
                AS days_extended,
            '/-/jobarchive/diff/' || v.posting_id || '?to=' || v.version AS diff
        FROM versions v
        JOIN versions prev ON prev.posting_id = v.posting_id AND prev.version = v.version - 1
        JOIN postings p ON p.id = v.posting_id
        WHERE v.closing_date > prev.closing_date""",
        # Gone from a complete listing; removed_early when it went before its deadline.
        """CREATE VIEW removed_postings AS
        SELECT id, source, source_key, title, organization, location, country, grade,
            closing_date, removed_at, last_seen_at,
            CASE WHEN closing_date IS NULL THEN NULL
                ELSE date(removed_at) < closing_date END AS removed_early,
            current_version, url
        FROM postings
        WHERE status = 'removed'""",
    ]
    for statement in statements:
        db.execute(statement)


@migrations(name="0004_fetches")
def m0004_fetches(db: Database) -> None:
    """The last fetch of every detail URL, for conditional requests on the next crawl."""
    db.execute(
        """CREATE TABLE fetches (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            fetched_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX fetches_posting ON fetches (source, source_key)")


_INDEX_POSTING = (
    "INSERT INTO postings_fts (rowid, title, organization, location, text) "
    "VALUES ({p}.id, {p}.title, {p}.organization, {p}.location, "
    "(SELECT text FROM versions WHERE posting_id = {p}.id AND version = {p}.current_version))"
)
# FTS5 forgets a row of an external-content index only when told the values it indexed.
_FORGET_POSTING = (
    "INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text) "
    "VALUES ('delete', {p}.id, {p}.title, {p}.organization, {p}.location, "
    "(SELECT text FROM versions WHERE posting_id = {p}.id AND version = {p}.current_version))"
)


@migrations(name="0005_fts_external_content")
def m0005_fts_external_content(db: Database) -> None:
    """Full-text search without a second copy of every text.

    0002's index kept its own copy of each posting's current text, half the archive's
    bytes. This one reads titles and texts from the `postings_search` view when it needs
    them, so the text is stored once, in `versions`. The triggers keep it in step: a
    posting is indexed when inserted (its first version does not exist yet, so without
    text), again when its first version arrives, and again whenever its fields or its
    current version change.
    """
    for trigger in (
        "postings_fts_insert",
        "postings_fts_update",
        "postings_fts_delete",
        "versions_fts_insert",
        "versions_fts_update",
    ):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE postings_fts")
    statements = [
        """CREATE VIEW postings_search AS
        SELECT p.id, p.title, p.organization, p.location, v.text
        FROM postings p
        LEFT JOIN versions v ON v.posting_id = p.id AND v.version = p.current_version""",
        "CREATE VIRTUAL TABLE postings_fts USING fts5("
        "title, organization, location, text, content = 'postings_search', "
        "content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')",
        "INSERT INTO postings_fts (postings_fts) VALUES ('rebuild')",
        f"""CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN
            {_INDEX_POSTING.format(p="new")};
        END""",
        f"""CREATE TRIGGER postings_fts_update
        AFTER UPDATE OF id, title, organization, location, current_version ON postings BEGIN
            {_FORGET_POSTING.format(p="old")};
            {_INDEX_POSTING.format(p="new")};
        END""",
        f"""CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN
            {_FORGET_POSTING.format(p="old")};
        END""",
        # A posting's first version: it was indexed without text a moment ago.
        """CREATE TRIGGER versions_fts_insert AFTER INSERT ON versions
        WHEN new.version = (SELECT current_version FROM postings WHERE id = new.posting_id)
        BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text)
            SELECT 'delete', id, title, organization, location, NULL
            FROM postings WHERE id = new.posting_id;
            INSERT INTO postings_fts (rowid, title, organization, location, text)
            SELECT id, title, organization, location, new.text
            FROM postings WHERE id = new.posting_id;
        END""",
        """CREATE TRIGGER versions_fts_update AFTER UPDATE OF text ON versions
        WHEN new.version = (SELECT current_version FROM postings WHERE id = new.posting_id)
        BEGIN
            INSERT INTO postings_fts (postings_fts, rowid, title, organization, location, text)
            SELECT 'delete', id, title, organization, location, old.text
            FROM postings WHERE id = new.posting_id;
            INSERT INTO postings_fts (rowid, title, organization, location, text)
            SELECT id, title, organization, location, new.text
            FROM postings WHERE id = new.posting_id;
        END""",
    ]
    for statement in statements:
        db.execute(statement)


@migrations(name="0006_holds")
def m0006_holds(db: Database) -> None:
    """Pages held back instead of stored, and how each fetch's body was decoded.

    A fetched page that lost most of what its posting's last version had (the title, most
    of the text, a field the source always has) is held, not stored: a layout change must
    never rewrite the archive. `holds` remembers, per posting, what was held and for how
    many crawls; the same content coming back `accept_after` times is a real edit, stored
    with an event whose `note` says it was held and why. `runs.held` counts the pages a
    run held; `fetches.encoding` keeps the charset a body was read in, so that a body
    without a declared charset is read the same way next time; `versions.listed` what the
    listing showed of the posting (JSON), which the spider read beside the body.
    """
    _run_script(
        db,
        """
        CREATE TABLE holds (
            posting_id INTEGER PRIMARY KEY REFERENCES postings (id),
            content_hash TEXT NOT NULL,
            crawls INTEGER NOT NULL,
            first_held_at TEXT NOT NULL,
            last_held_at TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        ALTER TABLE events ADD COLUMN note TEXT;
        ALTER TABLE runs ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE fetches ADD COLUMN encoding TEXT;
        ALTER TABLE versions ADD COLUMN listed TEXT
        """,
    )


@migrations(name="0007_readings")
def m0007_readings(db: Database) -> None:
    """How each version was read, and the readings a newer extraction replaced.

    A version is a state of the posting as the site served it (its raw body); its fields
    are what the extraction named in `versions.extraction` read from that body. When a
    newer extraction reads the same body differently, that is no edit of the posting: the
    version's fields are replaced, the reading they replace is kept in `readings`, and a
    `reextracted` event says so. `fetches.extraction` tells the next crawl whether an
    unchanged page must still be read again; `versions.fetch_url` and `encoding` are what
    reading the stored body again needs besides it. `changes` no longer lists a version
    whose fields, read anew, are those of the version before.
    """
    _run_script(
        db,
        """
        CREATE TABLE events_new (
            id INTEGER PRIMARY KEY,
            posting_id INTEGER NOT NULL REFERENCES postings (id),
            run_id INTEGER REFERENCES runs (id),
            at TEXT NOT NULL,
            event TEXT NOT NULL
                CHECK (event IN ('new', 'changed', 'removed', 'reopened', 'reextracted')),
            version INTEGER,
            note TEXT
        );
        INSERT INTO events_new (id, posting_id, run_id, at, event, version, note)
            SELECT id, posting_id, run_id, at, event, version, note FROM events;
        DROP TABLE events;
        ALTER TABLE events_new RENAME TO events;
        CREATE INDEX events_posting ON events (posting_id, id);
        CREATE INDEX events_at ON events (at);
        ALTER TABLE versions ADD COLUMN extraction TEXT;
        ALTER TABLE versions ADD COLUMN fetch_url TEXT;
        ALTER TABLE versions ADD COLUMN encoding TEXT;
        ALTER TABLE fetches ADD COLUMN extraction TEXT;
        ALTER TABLE runs ADD COLUMN reextracted INTEGER NOT NULL DEFAULT 0;
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
        DROP VIEW changes;
        CREATE VIEW changes AS
        SELECT v.posting_id, p.source, p.source_key, v.title, p.organization,
            v.version, v.fetched_at AS changed_at, v.changed_fields,
            '/-/jobarchive/diff/' || v.posting_id || '?to=' || v.version AS diff
        FROM versions v JOIN postings p ON p.id = v.posting_id
        WHERE v.version > 1 AND v.changed_fields != '[]'
        """,
    )


@migrations(name="0008_run_process_start")
def m0008_run_process_start(db: Database) -> None:
    """When the process of a run started (boot id and start time), so that a pid the
    system later gave another process is not taken for a crawl still running."""
    _run_script(db, "ALTER TABLE runs ADD COLUMN pid_started TEXT")


@migrations(name="0009_site_lines")
def m0009_site_lines(db: Database) -> None:
    """What crawls learned about each source's pages as a whole (crawler/sitelines.py):
    how many postings carried each short line, and of how many organizations, so that
    the site's template is told from the postings' own text."""
    _run_script(
        db,
        """
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
        """,
    )


@migrations(name="0010_alerts")
def m0010_alerts(db: Database) -> None:
    """What the alerts of saved searches sent (crawler/alerts.py).

    `alert_targets`: per search and target, the last event already dealt with, so each
    crawl sends a target only what came after it, and the last failure, so a failed send
    is tried again by the next crawl. `alerts_sent`: every event sent, to whom and when.
    A target is its Apprise URL with passwords and tokens masked: the archive is browsed
    in datasette, where no secret may show.
    """
    _run_script(
        db,
        """
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
        """,
    )


@migrations(name="0011_revisits")
def m0011_revisits(db: Database) -> None:
    """When each detail page was last confirmed current, and what the listing showed of
    its posting then (archive/revisits.py), so that a crawl can leave a detail page
    unfetched while its listing row is unchanged and its last check is recent."""
    _run_script(
        db,
        """
        CREATE TABLE revisits (
            url TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            source_key TEXT NOT NULL,
            listed_digest TEXT NOT NULL,
            checked_at TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    )


@migrations(name="0012_body_dictionaries")
def m0012_body_dictionaries(db: Database) -> None:
    """A zstd dictionary per source for its bodies (archive/bodies.py), which share the
    site's chrome: on real job pages, most of their bytes.

    `body_dictionaries` keeps every dictionary ever trained (`hash` names it across
    archives; `ratio` is the compressed size over the raw size of the bodies it was
    trained on, with it, `ratio_alone` without it: how well it fits them); a body
    compressed with one names it in `bodies.dictionary`, with `compression`
    'zstd-dict'. `bodies.source` is the source that stored the body, whose dictionary
    it is trained into and compressed with; bodies stored before stay as they are
    ('zstd', no source), and read as before.
    """
    _run_script(
        db,
        """
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
        ALTER TABLE bodies ADD COLUMN source TEXT;
        ALTER TABLE bodies ADD COLUMN dictionary INTEGER REFERENCES body_dictionaries (id);
        CREATE INDEX bodies_source ON bodies (source, dictionary)
        """,
    )


@migrations(name="0013_ingest")
def m0013_ingest(db: Database) -> None:
    """What the writer of a distributed crawl (`jobarchive ingest`) has applied: which
    run each source's part of a crawl writes into, each worker job's report once it
    closed, and the messages already applied, so that a message taken again after the
    writer was stopped is applied once."""
    _run_script(
        db,
        """
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
        """,
    )
