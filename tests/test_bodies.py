"""Stored bodies read back byte for byte, whatever they were compressed with.

Pages here are made the way a site makes them: one chrome (scripts, menus) per source,
shared by all its pages, and each posting's own text, which changes between versions.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import zstandard
from sqlite_utils import Database

from archive import Archive, Snapshot
from archive.bodies import TRAIN_AFTER, decode, get_body, put_body
from archive.migrations import migrations

WORDS = (
    "child",
    "protection",
    "officer",
    "nutrition",
    "emergency",
    "response",
    "cluster",
    "coordination",
    "monitoring",
    "evaluation",
    "education",
    "health",
    "water",
    "sanitation",
    "hygiene",
    "programme",
    "government",
    "refugee",
    "migration",
    "supply",
    "procurement",
    "report",
    "budget",
    "humanitarian",
)


def chrome(source: str, size: int = 20_000) -> str:
    """A source's chrome: the same on every page of the source, unlike any other's."""
    rng = random.Random(source)
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        name = f"{rng.choice(WORDS)}{rng.randrange(10_000)}"
        parts.append(f'function {name}(a,b){{return a.{rng.choice(WORDS)}("{rng.random()}",b)}}')
    return f"<script>{''.join(parts)}</script>"


def page(source: str, key: int, version: int, site_chrome: str | None = None) -> bytes:
    rng = random.Random(f"{source}:{key}")
    text = " ".join(rng.choice(WORDS) for _ in range(300))
    edit = f"<p>Amendment {version}: the deadline has moved.</p>" * version
    shown = chrome(source) if site_chrome is None else site_chrome
    body = f"<h1>Post {key}</h1><p>{text}</p>{edit}"
    return f"<html><head>{shown}</head><body>{body}</body></html>".encode()


def store(archive: Archive, source: str, key: int, version: int, body: bytes) -> None:
    archive.store(
        Snapshot(
            source,
            str(key),
            f"https://{source}.example.org/job/{key}",
            title=f"Post {key}",
            text=f"Post {key}, version {version}",
            body=body,
        )
    )


def all_read_back(conn: sqlite3.Connection) -> int:
    """Decompress every stored body; check its hash and size; how many there are."""
    rows = conn.execute("SELECT hash, size FROM bodies").fetchall()
    for digest, size in rows:
        body = get_body(conn, digest)
        assert hashlib.sha256(body).hexdigest() == digest
        assert len(body) == size
    return len(rows)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """Two sources with enough pages for a dictionary, one without; several versions."""
    path = tmp_path_factory.mktemp("bodies") / "a.db"
    archive = Archive(path)
    sizes = {"alpha": TRAIN_AFTER + 30, "beta": TRAIN_AFTER + 6, "gamma": 12}
    for source, count in sizes.items():
        for key in range(count):
            store(archive, source, key, 0, page(source, key, 0))
    for source in sizes:  # later versions, after the dictionaries were trained
        for key in range(0, 12, 3):
            for version in (1, 2, 3):
                store(archive, source, key, version, page(source, key, version))
    yield archive
    archive.close()


def test_every_stored_body_reads_back_exactly(archive: Archive) -> None:
    conn = archive.conn
    assert all_read_back(conn) == TRAIN_AFTER + 30 + TRAIN_AFTER + 6 + 12 + 3 * 4 * 3
    versions = conn.execute(
        "SELECT v.body_hash FROM versions v JOIN postings p ON p.id = v.posting_id "
        "WHERE p.source = 'alpha' AND p.source_key = '3' ORDER BY v.version"
    ).fetchall()
    assert [archive.stored_body(digest)[0] for (digest,) in versions] == [
        page("alpha", 3, version) for version in range(4)
    ]


def test_each_source_with_enough_bodies_has_one_dictionary_of_its_own(archive: Archive) -> None:
    conn = archive.conn
    trained = conn.execute(
        "SELECT source, samples FROM body_dictionaries ORDER BY source"
    ).fetchall()
    assert trained == [("alpha", TRAIN_AFTER), ("beta", TRAIN_AFTER)]
    kinds = dict(
        conn.execute(
            "SELECT source, group_concat(DISTINCT compression) FROM bodies GROUP BY source"
        ).fetchall()
    )
    assert kinds == {"alpha": "zstd-dict", "beta": "zstd-dict", "gamma": "zstd"}
    foreign = conn.execute(
        "SELECT count(*) FROM bodies b JOIN body_dictionaries d ON d.id = b.dictionary "
        "WHERE d.source != b.source"
    ).fetchone()[0]
    assert foreign == 0


def test_a_dictionary_stores_a_sources_chrome_once(archive: Archive) -> None:
    alone = zstandard.ZstdCompressor(level=10)
    stored, separately = 0, 0
    for digest, content in archive.conn.execute(
        "SELECT hash, content FROM bodies WHERE source = 'alpha'"
    ):
        stored += len(content)
        separately += len(alone.compress(get_body(archive.conn, digest)))
    assert stored < 0.5 * separately


def test_bodies_stored_before_dictionaries_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(Database(conn), stop_before="0012_body_dictionaries")
    old = page("alpha", 1, 0)
    digest = hashlib.sha256(old).hexdigest()
    # As put_body wrote every body before migration 0012.
    conn.execute(
        "INSERT INTO bodies (hash, size, compression, content) VALUES (?, ?, 'zstd', ?)",
        (digest, len(old), zstandard.ZstdCompressor(level=10).compress(old)),
    )
    conn.close()
    with Archive(path) as archive:
        assert get_body(archive.conn, digest) == old
        for key in range(2, TRAIN_AFTER + 10):
            store(archive, "alpha", key, 0, page("alpha", key, 0))
        assert archive.conn.execute("SELECT count(*) FROM body_dictionaries").fetchone() == (1,)
        assert archive.conn.execute(
            "SELECT compression, source, dictionary FROM bodies WHERE hash = ?", (digest,)
        ).fetchone() == ("zstd", None, None)
        assert get_body(archive.conn, digest) == old
        assert all_read_back(archive.conn) == TRAIN_AFTER + 9


def test_a_redesigned_site_gets_a_new_dictionary(tmp_path: Path) -> None:
    redesign = chrome("alpha, redesigned")
    with Archive(tmp_path / "a.db") as archive:
        for key in range(TRAIN_AFTER):
            store(archive, "alpha", key, 0, page("alpha", key, 0))
        conn = archive.conn
        assert conn.execute("SELECT count(*) FROM body_dictionaries").fetchone() == (1,)
        for key in range(TRAIN_AFTER, 3 * TRAIN_AFTER):
            store(archive, "alpha", key, 0, page("alpha", key, 0, redesign))
        assert conn.execute("SELECT count(*) FROM body_dictionaries").fetchone() == (2,)
        latest = conn.execute("SELECT max(id) FROM body_dictionaries").fetchone()[0]
        # The redesigned pages are compressed with the dictionary trained on them.
        with_latest = conn.execute(
            "SELECT count(*) FROM bodies WHERE dictionary = ?", (latest,)
        ).fetchone()[0]
        assert with_latest == 2 * TRAIN_AFTER
        assert all_read_back(conn) == 3 * TRAIN_AFTER


def test_a_body_without_a_source_is_compressed_alone(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        body = page("alpha", 1, 0)
        digest = put_body(archive.conn, body)
        assert digest is not None
        assert archive.conn.execute(
            "SELECT compression, source FROM bodies WHERE hash = ?", (digest,)
        ).fetchone() == ("zstd", None)
        assert get_body(archive.conn, digest) == body
        assert put_body(archive.conn, b"") is None


def test_a_damaged_or_orphaned_body_says_so(archive: Archive) -> None:
    conn = archive.conn
    compression, content, dictionary = conn.execute(
        "SELECT compression, content, dictionary FROM bodies WHERE source = 'alpha' LIMIT 1"
    ).fetchone()
    with pytest.raises(zstandard.ZstdError):
        decode(conn, compression, b"\0" * 8 + content[8:], dictionary)
    with pytest.raises(KeyError):
        decode(conn, compression, content, 999_999)
    with pytest.raises(KeyError):
        get_body(conn, "0" * 64)
