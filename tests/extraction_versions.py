"""What each source's pages read as, pinned with the extraction that reads them.

`tests/files/extraction_versions.json` holds, per source, its extraction string (the
spider's `parser_version` and the shared `READING_VERSION`) and a digest of what a crawl
of its mock stores (every posting's fields and text, normalized as the archive compares
them). tests/test_extraction_versions.py fails when the digest changes under the same
extraction: a change of the parsing that would make every archive's next crawl find
"changed" postings, unless the version is bumped (then it is a re-reading).

After bumping a version, or after a change of the mock sites alone, write the file anew:

    .venv/bin/python -m tests.extraction_versions
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from archive.normalize import hash_normalized, normalized_fields

GOLDEN = Path(__file__).parent / "files" / "extraction_versions.json"


def readings(db: Path) -> dict[str, dict[str, str]]:
    """{source: {"extraction", "digest"}} of every posting's current version in `db`."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            "SELECT p.source, p.source_key, v.* FROM postings p JOIN versions v "
            "ON v.posting_id = p.id AND v.version = p.current_version "
            "ORDER BY p.source, p.source_key"
        ).fetchall()
    finally:
        conn.close()
    out: dict[str, dict[str, str]] = {}
    hashes: dict[str, list[str]] = {}
    for row in rows:
        fields = dict(row)
        hashes.setdefault(row["source"], []).append(
            f"{row['source_key']} {hash_normalized(normalized_fields(fields))}"
        )
        out[row["source"]] = {"extraction": row["extraction"], "digest": ""}
    for source, lines in hashes.items():
        out[source]["digest"] = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return out


def main() -> int:
    from tests.mock_archive import crawl_every_mock

    with tempfile.TemporaryDirectory() as folder:
        db, _ = crawl_every_mock(Path(folder))
        found = readings(db)
    GOLDEN.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLDEN} ({len(found)} sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
