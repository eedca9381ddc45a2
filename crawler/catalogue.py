"""The catalogue of employers: UN-system organisations and humanitarian NGOs whose
career sites run on a platform jobarchive reads, with the evidence for each.

Each entry of crawler/catalogue.toml is a source table of a platform kind (the same keys
as in a sources file, docs/user-sources.md) under `[employers.KEY.source]`, with the
employer's name, what kind of organisation it is, how sure the parameters are
(`confidence`: confirmed, likely, unconfirmed) and where they were seen (`evidence`).
`jobarchive crawl --employer KEY` crawls one; a sources file uses one with
`employer = "KEY"`. An entry nobody could confirm says so; `jobarchive probe
--employer KEY` is how a user confirms it against the live site.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from crawler.platforms import PLATFORMS

# Read as package data, so that it is found inside the egg Scrapyd runs too.
CATALOGUE: Any = resources.files("crawler") / "catalogue.toml"
CONFIDENCE = ("confirmed", "likely", "unconfirmed")
GROUPS = ("UN system", "NGO", "International organisation")
_ENTRY_KEYS = {"name", "group", "confidence", "evidence", "source", "builtin", "note"}


class CatalogueError(ValueError):
    """The catalogue file itself is malformed (a defect of the project, not the user's)."""


@dataclass(frozen=True)
class Employer:
    key: str  # "UNHCR": what --employer and `employer =` take
    name: str
    group: str
    confidence: str
    evidence: tuple[str, ...]
    source: dict[str, Any]  # the source table of a platform kind
    builtin: str | None  # the built-in source that is this employer, if any
    note: str | None

    @property
    def kind(self) -> str:
        return str(self.source["kind"])

    @property
    def source_name(self) -> str:
        """The source name a crawl of it gets: the key in lower case ("un_women")."""
        return self.key.lower().replace("-", "_")


@cache
def _raw(path: Path = CATALOGUE) -> dict[str, Any]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    employers = data.get("employers")
    if not isinstance(employers, dict):
        raise CatalogueError(f"{path}: no [employers.KEY] tables")
    return employers


def catalogue_tables(path: Path = CATALOGUE) -> dict[str, dict[str, Any]]:
    """Each employer's source table, by key (for `employer = "KEY"` in sources files)."""
    return {key: dict(entry.get("source") or {}) for key, entry in _raw(path).items()}


def employers(path: Path = CATALOGUE) -> dict[str, Employer]:
    """The catalogue's entries, each checked for its shape (CatalogueError if not)."""
    out = {}
    for key, entry in _raw(path).items():
        where = f"{path.name}: [employers.{key}]"
        if not isinstance(entry, dict):
            raise CatalogueError(f"{where} is not a table")
        unknown = set(entry) - {
            "name",
            "group",
            "confidence",
            "evidence",
            "source",
            "builtin",
            "note",
        }
        if unknown:
            raise CatalogueError(f"{where} has unknown keys {sorted(unknown)}")
        source = entry.get("source")
        if not isinstance(source, dict) or source.get("kind") not in PLATFORMS:
            raise CatalogueError(
                f"{where}.source must be a table with a platform kind {sorted(PLATFORMS)}"
            )
        if entry.get("group") not in GROUPS:
            raise CatalogueError(f"{where} group must be one of {GROUPS}")
        if entry.get("confidence") not in CONFIDENCE:
            raise CatalogueError(f"{where} confidence must be one of {CONFIDENCE}")
        evidence = entry.get("evidence")
        if (
            not isinstance(evidence, list)
            or not evidence
            or not all(isinstance(e, str) and e.strip() for e in evidence)
        ):
            raise CatalogueError(
                f"{where} needs evidence: a list of where its parameters were seen"
            )
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise CatalogueError(f"{where} needs a name")
        out[key] = Employer(
            key=key,
            name=entry["name"],
            group=entry["group"],
            confidence=entry["confidence"],
            evidence=tuple(evidence),
            source=dict(source),
            builtin=entry.get("builtin"),
            note=entry.get("note"),
        )
    return out


def employer_table(key: str, path: Path = CATALOGUE) -> tuple[str, dict[str, Any]]:
    """The source name and the one-line sources-file table (`employer = KEY`) of an
    employer, for `crawl --employer`; KeyError naming the known keys if it is not in the
    catalogue (keys are matched without regard to case)."""
    found = {k.lower(): k for k in _raw(path)}
    if key.lower() not in found:
        raise KeyError(key)
    real = found[key.lower()]
    return real.lower().replace("-", "_"), {"employer": real}
