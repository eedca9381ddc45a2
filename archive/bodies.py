"""Raw response bodies, compressed and content-addressed: an identical body is stored once."""

from __future__ import annotations

import hashlib
import sqlite3

import zstandard

# Level 10 compresses job pages to roughly a tenth at a few ms each; higher levels cost
# several times the CPU for a few percent.
_LEVEL = 10
_compressor = zstandard.ZstdCompressor(level=_LEVEL)
_decompressor = zstandard.ZstdDecompressor()


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def put_body(conn: sqlite3.Connection, body: bytes, digest: str | None = None) -> str | None:
    """Store `body` unless an identical one is already stored; return its hash
    (`digest`, when the caller has already computed it)."""
    if not body:
        return None
    digest = digest or body_hash(body)
    exists = conn.execute("SELECT 1 FROM bodies WHERE hash = ?", (digest,)).fetchone()
    if not exists:
        conn.execute(
            "INSERT INTO bodies (hash, size, compression, content) VALUES (?, ?, 'zstd', ?)",
            (digest, len(body), _compressor.compress(body)),
        )
    return digest


def get_body(conn: sqlite3.Connection, digest: str) -> bytes:
    row = conn.execute(
        "SELECT compression, content FROM bodies WHERE hash = ?", (digest,)
    ).fetchone()
    if row is None:
        raise KeyError(digest)
    compression, content = row
    if compression == "zstd":
        return bytes(_decompressor.decompress(content))
    return bytes(content)
