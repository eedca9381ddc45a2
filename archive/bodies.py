"""Raw response bodies, compressed and content-addressed: an identical body is stored once.

The pages of one source share most of their bytes: the site's chrome (scripts, styles,
menus, footers) and its postings' boilerplate, which a body compressed on its own
stores again every time. So each source gets a zstd dictionary, trained on its own
bodies once it has `TRAIN_AFTER` of them, and every later body of the source is
compressed with it (`compression` 'zstd-dict', `dictionary` naming the row of
`body_dictionaries`); the bodies it was trained on are compressed again with it. A body
the dictionary no longer fits (the site was redesigned) is stored on its own, and
`TRAIN_AFTER` of those train the source a new dictionary. Dictionaries are never
replaced or deleted: each body keeps the one it was compressed with. Bodies stored
without a dictionary (`compression` 'zstd', as every body before migration 0012) read
as they always did.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from datetime import UTC, datetime

import zstandard

# Level 10 compresses job pages to roughly a third alone, to a twentieth or less with their
# source's dictionary, at under a ms each; higher levels cost several times the CPU for
# a few percent.
_LEVEL = 10
_compressor = zstandard.ZstdCompressor(level=_LEVEL)
_decompressor = zstandard.ZstdDecompressor()

#: Bodies of a source stored without a dictionary before one is trained on them: enough
#: pages to tell the site's chrome from each posting's own text.
TRAIN_AFTER = 64
#: Dictionary sizes: twice a source's median body, within zstd's default size and 512
#: KiB; the chrome of the heaviest real job sites (270 KB a page) fits in that.
DICTIONARY_BYTES = 112_640
MAX_DICTIONARY_BYTES = 524_288
# A body compressing to more than this many times the dictionary's ratio on the bodies
# it was trained on is compared with the body compressed alone: a dictionary that saves
# less than half of that, and less than half of what it saved on those bodies, no
# longer fits the source's pages. (A source whose pages share little, a dictionary
# never saved much: its bodies are no misfits, or every few bodies would train another.)
_SUSPECT = 1.5
_FITS = 0.5
_CACHED = 16  # dictionaries kept ready per thread: one per source being written or read

_local = threading.local()


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def put_body(
    conn: sqlite3.Connection,
    body: bytes,
    digest: str | None = None,
    source: str | None = None,
) -> str | None:
    """Store `body` unless an identical one is already stored; return its hash
    (`digest`, when the caller has already computed it). With `source`, the body is
    compressed with the source's dictionary, once it has one."""
    if not body:
        return None
    digest = digest or body_hash(body)
    exists = conn.execute("SELECT 1 FROM bodies WHERE hash = ?", (digest,)).fetchone()
    if exists:
        return digest
    if source is None:
        conn.execute(
            "INSERT INTO bodies (hash, size, compression, content) VALUES (?, ?, 'zstd', ?)",
            (digest, len(body), _compressor.compress(body)),
        )
        return digest
    compression, content, dictionary = _compress(conn, source, body)
    conn.execute(
        "INSERT INTO bodies (hash, size, compression, content, source, dictionary) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (digest, len(body), compression, content, source, dictionary),
    )
    if dictionary is None and _untrained(conn, source) >= TRAIN_AFTER:
        train_dictionary(conn, source)
    return digest


def get_body(conn: sqlite3.Connection, digest: str) -> bytes:
    row = conn.execute(
        "SELECT compression, content FROM bodies WHERE hash = ?", (digest,)
    ).fetchone()
    if row is None:
        raise KeyError(digest)
    compression, content = row
    dictionary = None
    if compression == "zstd-dict":  # the column exists only in archives that have these
        (dictionary,) = conn.execute(
            "SELECT dictionary FROM bodies WHERE hash = ?", (digest,)
        ).fetchone()
    return decode(conn, compression, content, dictionary)


def decode(
    conn: sqlite3.Connection, compression: str, content: bytes, dictionary: int | None
) -> bytes:
    """The body that a `bodies` row with these columns holds.

    Raises zstandard.ZstdError when the content does not decompress, KeyError when its
    dictionary is missing.
    """
    if compression == "zstd":
        return bytes(_decompressor.decompress(content))
    if compression == "zstd-dict":
        if dictionary is None:
            raise KeyError("a body compressed with a dictionary names none")
        return bytes(_codec(conn, dictionary)[1].decompress(content))
    return bytes(content)


def train_dictionary(conn: sqlite3.Connection, source: str) -> int | None:
    """Train `source` a dictionary on its bodies stored without one, and compress them
    again with it; returns its id (None when the source has no such body).

    Two dictionaries are tried, zstd's trained one and the latest bodies themselves as
    raw content, each on the bodies the raw one does not hold; the better one is kept.
    A trained dictionary also holds what many postings share (boilerplate), the raw
    one all of a site's chrome, however much of it there is.
    """
    rows = conn.execute(
        "SELECT hash, compression, content FROM bodies "
        "WHERE source = ? AND dictionary IS NULL ORDER BY rowid DESC LIMIT ?",
        (source, 4 * TRAIN_AFTER),
    ).fetchall()
    if not rows:
        return None
    bodies = {digest: decode(conn, c, content, None) for digest, c, content in rows}
    samples: list[bytes | bytearray | memoryview] = list(bodies.values())
    size = min(
        MAX_DICTIONARY_BYTES,
        max(DICTIONARY_BYTES, 2 * sorted(map(len, samples))[len(samples) // 2]),
    )
    held = 1
    while held < len(samples) and sum(map(len, samples[: held + 1])) <= size:
        held += 1
    candidates = [b"".join(samples[:held])[:size]]
    try:
        trained = zstandard.train_dictionary(min(size, sum(map(len, samples)) // 8), samples)
        candidates.append(trained.as_bytes())
    except zstandard.ZstdError:
        pass  # too few or too small samples to train on: the raw one it is
    # Judged on the bodies the raw dictionary does not hold (on all, if it holds all).
    judged = [(len(content), body) for (_, _, content), body in zip(rows, samples, strict=True)]
    judged = judged[held:] or judged
    raw = sum(len(body) for _, body in judged)
    packed_size = {}
    for candidate in candidates:
        trial = _compressor_with(candidate)
        packed_size[candidate] = sum(len(trial.compress(body)) for _, body in judged)
    content = min(candidates, key=packed_size.__getitem__)
    compressor = _compressor_with(content)
    cur = conn.execute(
        "INSERT INTO body_dictionaries (source, hash, samples, ratio, ratio_alone, "
        "created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            source,
            body_hash(content),
            len(samples),
            round(packed_size[content] / raw, 4),
            round(sum(alone for alone, _ in judged) / raw, 4),
            datetime.now(UTC).isoformat(timespec="seconds"),
            content,
        ),
    )
    dictionary = cur.lastrowid
    assert dictionary is not None
    conn.executemany(
        "UPDATE bodies SET compression = 'zstd-dict', content = ?, dictionary = ? WHERE hash = ?",
        ((compressor.compress(body), dictionary, digest) for digest, body in bodies.items()),
    )
    return dictionary


def _compressor_with(content: bytes) -> zstandard.ZstdCompressor:
    return zstandard.ZstdCompressor(level=_LEVEL, dict_data=_as_dictionary(content))


def _compress(conn: sqlite3.Connection, source: str, body: bytes) -> tuple[str, bytes, int | None]:
    """(compression, content, dictionary) for a new body of `source`."""
    row = conn.execute(
        "SELECT id, ratio, ratio_alone FROM body_dictionaries WHERE source = ? "
        "ORDER BY id DESC LIMIT 1",
        (source,),
    ).fetchone()
    if row is None:
        return "zstd", _compressor.compress(body), None
    dictionary, ratio, ratio_alone = row
    content = _codec(conn, dictionary)[0].compress(body)
    if len(content) > _SUSPECT * ratio * len(body):
        alone = _compressor.compress(body)
        if len(content) > max(_FITS, 2 * ratio / ratio_alone) * len(alone):
            return "zstd", alone, None
    return "zstd-dict", content, dictionary


def _untrained(conn: sqlite3.Connection, source: str) -> int:
    """How many of the source's bodies are stored without a dictionary, up to TRAIN_AFTER."""
    return int(
        conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM bodies "
            "WHERE source = ? AND dictionary IS NULL LIMIT ?)",
            (source, TRAIN_AFTER),
        ).fetchone()[0]
    )


def _codec(
    conn: sqlite3.Connection, dictionary: int
) -> tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]:
    """A compressor and decompressor with dictionary `dictionary`, kept per thread
    (neither may be shared by threads) under the dictionary's hash, which names the
    same dictionary in whichever archive."""
    row = conn.execute("SELECT hash FROM body_dictionaries WHERE id = ?", (dictionary,)).fetchone()
    if row is None:
        raise KeyError(f"dictionary {dictionary} is not stored")
    (digest,) = row
    cache: OrderedDict[str, tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]] = (
        getattr(_local, "codecs", None) or OrderedDict()
    )
    _local.codecs = cache
    if digest in cache:
        cache.move_to_end(digest)
        return cache[digest]
    (content,) = conn.execute(
        "SELECT content FROM body_dictionaries WHERE id = ?", (dictionary,)
    ).fetchone()
    codec = (
        _compressor_with(bytes(content)),
        zstandard.ZstdDecompressor(dict_data=_as_dictionary(bytes(content))),
    )
    cache[digest] = codec
    while len(cache) > _CACHED:
        cache.popitem(last=False)
    return codec


def _as_dictionary(content: bytes) -> zstandard.ZstdCompressionDict:
    """A trained dictionary as zstd reads it; any other bytes as raw content."""
    return zstandard.ZstdCompressionDict(content, dict_type=zstandard.DICT_TYPE_AUTO)
