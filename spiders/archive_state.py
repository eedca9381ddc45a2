"""What the archive already holds for a source, read-only, for spiders that skip refetches.

A spider whose listing carries a change stamp per posting (ReliefWeb's `date.changed`)
stores the stamp as the posting's fetch validator (`Snapshot.last_modified`, kept in the
archive's `fetches` table, outside the content, so a stamp alone never makes a version)
and, on the next crawl, fetches only postings whose stamp moved. The stamps are read here
straight from the archive file with a read-only SQLite connection: the spider never
writes the archive (the pipeline does) and never migrates it. Anything unreadable gives
an empty answer, so the spider simply fetches everything, as on a first crawl.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)


def stored_stamps(
    db_path: str | Path | None, source: str, extraction: str | None = None
) -> dict[str, str]:
    """{source_key: change stamp} of the last stored fetch of each posting of `source`.

    Postings fetched without a stamp are left out, and, given `extraction`, those whose
    stored reading came from another extraction (they are fetched to be read again).
    Removed postings are included: one listed again unchanged needs no refetch (the
    archive reopens it).
    """
    if not db_path:
        return {}
    path = Path(db_path)
    if not path.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        log.warning("Cannot read the archive %s (%s): every posting is fetched.", path, exc)
        return {}
    try:
        rows = conn.execute(
            "SELECT source_key, last_modified FROM fetches WHERE source = ? "
            "AND last_modified IS NOT NULL AND (? IS NULL OR extraction IS ?) "
            "ORDER BY fetched_at",
            (source, extraction, extraction),
        ).fetchall()
    except sqlite3.Error as exc:
        log.warning("Cannot read the archive %s (%s): every posting is fetched.", path, exc)
        return {}
    finally:
        conn.close()
    return {key: stamp for key, stamp in rows if stamp}
