"""One organization, one name: the canonical name of a posting's organization.

Sites write the same employer many ways ("UNICEF", "UNICEF - United Nations Children's
Fund", "United Nations Children's Fund (UNICEF)"), so facets and saved searches would
split it. crawler/organizations.toml names each UN-system entity and large humanitarian
organisation once, with its acronym and the spellings seen; `canonical()` maps a spelling
to that name. An organization the file does not know is kept exactly as the site wrote
it: a guess would merge employers that are not the same.

Two spellings are the same when their keys are (`spelling_key`): case, accents,
punctuation, "&" and "and", a leading "The", British and American spelling
(organisation, programme, centre, labour) and "UN" against "United Nations" make no
difference. Beyond that, a leading "UN"/"United Nations" that the file's spelling lacks
is dropped ("UN Office for the Coordination of Humanitarian Affairs"), and a name written
with its acronym ("UNDP - United Nations Development Programme", "Médecins Sans
Frontières (MSF)") is known when its parts name one organization and no other.

This module only reads its data file; spiders/base.py applies it to every posting item
(`with_canonical_organization`), keeping the site's spelling in `extra`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

# Read as package data, so that it is found inside the egg Scrapyd runs too.
ORGANIZATIONS: Any = resources.files("crawler") / "organizations.toml"
GROUPS = (
    "UN Secretariat",
    "UN regional commission",
    "UN peace operation",
    "UN fund or programme",
    "UN research and training",
    "UN other entity",
    "UN specialized agency",
    "UN related organization",
    "International organisation",
    "Red Cross and Red Crescent",
    "NGO",
)
#: The `extra` key that keeps the organization as the site wrote it, when that is not
#: the canonical name.
AS_WRITTEN = "organization_raw"
_ENTRY_KEYS = {"name", "acronym", "full_name", "group", "spellings", "acronym_alone"}

# British and American spellings of the words organizations' names share.
_SAME_WORD = {
    "organisation": "organization",
    "organisations": "organizations",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "labour": "labor",
}
# Dropped without a space, so that "U.N." is "un" and "Children's" one word.
_JOINING = re.compile(r"[.'\u2019\u02bc`\u00b4]")
_WORDS = re.compile(r"[^\W_]+")
_UN = "united nations"
# "ACRONYM - Name", "Name | ACRONYM", "ACRONYM: Name": a name written with another.
_BESIDE = re.compile(r"\s+[-\u2013\u2014|]\s+|:\s+")
_IN_BRACKETS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


class OrganizationsError(ValueError):
    """The organizations file itself is malformed (a defect of the project, not the user's)."""


@dataclass(frozen=True)
class Organization:
    key: str  # the table's key in organizations.toml ("UNICEF")
    name: str  # what is stored and shown ("UNICEF", "Norwegian Refugee Council")
    acronym: str | None
    full_name: str | None
    group: str
    spellings: tuple[str, ...]
    acronym_alone: bool  # False: the acronym alone also names other bodies

    def names(self) -> tuple[str, ...]:
        """Every spelling that identifies this organization by itself."""
        acronym = (self.acronym,) if self.acronym and self.acronym_alone else ()
        full = (self.full_name,) if self.full_name else ()
        return (self.name, *acronym, *full, *self.spellings)


def spelling_key(text: str) -> str:
    """`text` reduced to what tells one organization's name from another's."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _JOINING.sub("", plain.casefold().replace("&", " and "))
    words = [_SAME_WORD.get(w, w) for w in _WORDS.findall(plain)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if words[:1] == ["un"]:
        words = ["united", "nations", *words[1:]]
    return " ".join(words)


def organizations(path: Path = ORGANIZATIONS) -> dict[str, Organization]:
    """The file's organizations by key, each checked for its shape (OrganizationsError)."""
    return _organizations(path)


@cache  # on a positional path, so that each file is read once however it is asked for
def _organizations(path: Path) -> dict[str, Organization]:
    with path.open("rb") as f:
        tables = tomllib.load(f).get("organizations")
    if not isinstance(tables, dict) or not tables:
        raise OrganizationsError(f"{path.name}: no [organizations.KEY] tables")
    return {key: _organization(key, entry, path) for key, entry in tables.items()}


def _organization(key: str, entry: Any, path: Path) -> Organization:
    where = f"{path.name}: [organizations.{key}]"
    if not isinstance(entry, dict):
        raise OrganizationsError(f"{where} is not a table")
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise OrganizationsError(f"{where} has unknown keys {sorted(unknown)}")
    texts = {k: entry.get(k) for k in ("name", "acronym", "full_name")}
    if not isinstance(texts["name"], str) or not texts["name"].strip():
        raise OrganizationsError(f"{where} needs a name")
    for k, value in texts.items():
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise OrganizationsError(f"{where} {k} must be a non-empty string")
    if entry.get("group") not in GROUPS:
        raise OrganizationsError(f"{where} group must be one of {GROUPS}")
    spellings = entry.get("spellings", [])
    if not isinstance(spellings, list) or not all(
        isinstance(s, str) and s.strip() for s in spellings
    ):
        raise OrganizationsError(f"{where} spellings must be a list of names")
    alone = entry.get("acronym_alone", True)
    if not isinstance(alone, bool):
        raise OrganizationsError(f"{where} acronym_alone must be true or false")
    if (
        not alone
        and texts["acronym"]
        and spelling_key(texts["acronym"])
        in {spelling_key(s) for s in (texts["name"], texts["full_name"] or "", *spellings)}
    ):
        raise OrganizationsError(
            f"{where}: its acronym is not to name it alone, so no name or spelling may be it"
        )
    return Organization(
        key=key,
        name=texts["name"],
        acronym=texts["acronym"],
        full_name=texts["full_name"],
        group=entry["group"],
        spellings=tuple(spellings),
        acronym_alone=alone,
    )


@cache
def _index(path: Path) -> dict[str, Organization]:
    """Each spelling's key, with the one organization it names."""
    index: dict[str, Organization] = {}
    for org in _organizations(path).values():
        for spelling in org.names():
            key = spelling_key(spelling)
            other = index.setdefault(key, org)
            if other is not org:
                raise OrganizationsError(
                    f"{path.name}: {spelling!r} of [organizations.{org.key}] is also a "
                    f"spelling of [organizations.{other.key}]"
                )
    return index


def lookup(as_written: str | None, path: Path = ORGANIZATIONS) -> Organization | None:
    """The organization a site's spelling names, or None when the file does not know it."""
    if not as_written or not as_written.strip():
        return None
    return _lookup(as_written, path)


@lru_cache(maxsize=4096)  # a crawl meets the same few spellings on thousands of postings
def _lookup(as_written: str, path: Path) -> Organization | None:
    found = _named(as_written, path)
    if found is not None:
        return found
    named = {org.key: org for org in (_named(p, path) for p in _parts(as_written)) if org}
    # Parts naming two organizations ("UNICEF - UNHCR") are no known one.
    return next(iter(named.values())) if len(named) == 1 else None


def _named(text: str, path: Path) -> Organization | None:
    index = _index(path)
    key = spelling_key(text)
    if key in index:
        return index[key]
    if key.startswith(_UN + " "):
        return index.get(key[len(_UN) + 1 :])
    return None


def _parts(text: str) -> list[str]:
    """The names a spelling joins: "ACRONYM - Name", "Name (ACRONYM)", "ACRONYM: Name"."""
    pieces = [text]
    bracketed = _IN_BRACKETS.match(text)
    if bracketed:
        pieces = list(bracketed.groups())
    parts = [p for piece in pieces for p in _BESIDE.split(piece)]
    return [p.strip() for p in parts if p.strip()] if len(parts) > 1 else []


def canonical(as_written: str | None, path: Path = ORGANIZATIONS) -> str | None:
    """The canonical name of a spelling; an unknown organization exactly as written."""
    org = lookup(as_written, path)
    return org.name if org is not None else as_written


def with_canonical_organization(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A posting's `fields` with its organization's canonical name and, when the site
    wrote it otherwise, the site's spelling in `extra["organization_raw"]`.

    Applying it twice changes nothing: a spelling already kept stays as it was.
    """
    out = dict(fields)
    as_written = out.get("organization")
    if not isinstance(as_written, str):
        return out
    org = lookup(as_written)
    if org is None:
        return out
    out["organization"] = org.name
    if org.name != " ".join(as_written.split()):
        extra = dict(out.get("extra") or {})
        extra.setdefault(AS_WRITTEN, as_written)
        out["extra"] = extra
    return out
