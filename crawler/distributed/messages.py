"""What workers tell the archive writer, as JSON: postings, postings seen, pages
confirmed, and each job's part of the verdict."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from archive import Snapshot

_SNAPSHOT_FIELDS = {f.name for f in fields(Snapshot)}


def message(kind: str, crawl: str, source: str, part: int, **payload: Any) -> bytes:
    """One message for the writer, with an id of its own (applied once, whatever
    happens to the writer)."""
    return json.dumps(
        {
            "id": uuid.uuid4().hex,
            "kind": kind,
            "crawl": crawl,
            "source": source,
            "part": part,
            **payload,
        },
        ensure_ascii=False,
        default=str,
    ).encode()


def decode(raw: bytes | str) -> dict[str, Any]:
    value = json.loads(raw)
    if not isinstance(value, dict) or "kind" not in value or "id" not in value:
        raise ValueError(f"not a message of a jobarchive worker: {str(raw)[:200]!r}")
    return value


def snapshot_fields(snapshot: Snapshot) -> dict[str, Any]:
    """A posting as JSON-safe fields (its raw body in base64)."""
    out = {name: value for name, value in asdict(snapshot).items() if name in _SNAPSHOT_FIELDS}
    out["body"] = base64.b64encode(snapshot.body or b"").decode("ascii")
    return out


def snapshot_from(values: dict[str, Any]) -> Snapshot:
    known = {k: v for k, v in values.items() if k in _SNAPSHOT_FIELDS}
    known["body"] = base64.b64decode(known.get("body") or "")
    return Snapshot(**known)


@dataclass
class PartReport:
    """One job's part of a source's crawl, as it closed (or as the writer found it lost).

    The lead read the listing: its `listing_complete` and `problems` are the ledger's
    verdict. A detail job read no listing: its `problems` are only the postings whose key
    it could not learn, which leave the listing incomplete as they would in one process.
    """

    part: int
    lead: bool
    finished: bool
    reason: str  # the spider's close reason ("finished", "shutdown", ...) or why lost
    listed_keys: list[str] = field(default_factory=list)
    listing_complete: bool = False
    failed: bool = False
    failures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    drift: list[str] = field(default_factory=list)
    errors: int = 0
    stats: dict[str, Any] = field(default_factory=dict)
    lost: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> PartReport:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in value.items() if k in names})
