"""What counts as a change, defined in this one place: normalization and the content hash.

Two fetches of a posting are the same version when their content fields are equal after
normalization, which takes out what changes without the posting changing:

- volatile text that sites rewrite on every request: "Posted 4 hours ago", view
  counters, "21 days left to apply", session tokens in links;
- case, white space and Unicode form: "GENEVA" and "Geneva", a no-break space and a
  space, a composed "é" and "e" + combining accent are one value;
- in `extra`, keys ending in `_raw`: the site's own spelling of a field the spider
  normalized ("grade_raw": "P3" beside grade "P-3"), kept for reference, never a change
  by itself.

The stored fields keep what was fetched; only the comparison and the hash are normalized.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .snapshot import CONTENT_FIELDS

# Each pattern with a word it cannot match without: a line lacking that word skips the
# pattern, which keeps normalization cheap on long postings (most lines hold none).
_VOLATILE: list[tuple[str, re.Pattern[str]]] = [
    # "Posted 4 hours ago", "Posted: Today", "Posted 30+ Days Ago", "posted just now"
    (
        "posted",
        re.compile(
            r"\bposted\s*:?\s*(?:on\s+)?(?:today|yesterday|just\s+now"
            r"|an?\s+(?:minute|hour|day|week|month)\s+ago"
            r"|\d+\+?\s*(?:second|minute|min|hour|hr|day|week|month)s?\s+ago)",
            re.IGNORECASE,
        ),
    ),
    # bare relative ages: "4 hours ago", "30+ days ago"
    (
        "ago",
        re.compile(
            r"\b\d+\+?\s*(?:second|minute|min|hour|hr|day|week|month)s?\s+ago\b", re.IGNORECASE
        ),
    ),
    # countdowns: "21 days left to apply", "Closes in 3 days"
    ("left", re.compile(r"\b\d+\s+(?:day|hour)s?\s+left(?:\s+to\s+apply)?\b", re.IGNORECASE)),
    ("closes", re.compile(r"\bcloses\s+in\s+\d+\s+(?:day|hour)s?\b", re.IGNORECASE)),
    # counters: "1,234 views", "Viewed 52 times", "17 applicants"
    ("view", re.compile(r"\b\d[\d,.]*\s+views?\b", re.IGNORECASE)),
    ("applicant", re.compile(r"\b\d[\d,.]*\s+applicants?\b", re.IGNORECASE)),
    ("click", re.compile(r"\b\d[\d,.]*\s+clicks?\b", re.IGNORECASE)),
    ("time", re.compile(r"\b(?:viewed|seen)\s+\d[\d,.]*\s+times?\b", re.IGNORECASE)),
    # session and anti-forgery tokens in links or hidden text
    (
        "=",
        re.compile(
            r"\b(?:jsessionid|phpsessid|sessionid|session_id|sid|csrf[_-]?token|_token"
            r"|authenticity_token)=[\w.%-]+",
            re.IGNORECASE,
        ),
    ),
]
# Every horizontal space, the no-break and narrow ones included; NFKC folds some of
# them into a plain space only after this runs, so all are listed.
_SPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters (zero-width spaces and joiners, soft hyphens, BOMs): no change.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
#: Keys of `extra` with this ending hold a raw copy of a normalized field.
RAW_SUFFIX = "_raw"
_WORD = re.compile(r"\w")


def normalize_text(value: str) -> str:
    """Drop the volatile parts of a string; fold white space, case and Unicode form.

    A line that held nothing but volatile text ("Posted 4 hours ago", "1,204 views")
    is dropped whole, so a counter appearing or vanishing is not a change either; so
    are empty lines, so that a paragraph break more or less is none.
    """
    lines = []
    # Most text is plain ASCII: then neither invisible characters nor the other spaces
    # can be in it, and the patterns that take them out need not run (the cost of
    # storing a posting is mostly this function).
    if not value.isascii():
        value = _INVISIBLE.sub("", value)
    for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cleaned = line
        lowered = line.lower()
        for needed, pattern in _VOLATILE:
            if needed in lowered:
                cleaned = pattern.sub("", cleaned)
        if not cleaned.isascii() or "  " in cleaned or "\t" in cleaned:
            cleaned = _SPACE.sub(" ", cleaned)
        cleaned = cleaned.strip()
        if cleaned != line.strip() and not _WORD.search(cleaned):
            continue  # only volatile text (and punctuation) was on this line
        if cleaned:
            lines.append(cleaned)
    return unicodedata.normalize("NFKC", "\n".join(lines)).casefold()


def normalize_value(value: Any) -> Any:
    """Normalize a field value of any JSON shape, recursively."""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, Mapping):
        # A source-specific field holding only volatile text is as good as absent, and
        # a `_raw` key only repeats a normalized field in the site's spelling.
        items = (
            (str(k), normalize_value(v))
            for k, v in sorted(value.items())
            if not str(k).endswith(RAW_SUFFIX)
        )
        return {k: v for k, v in items if v not in ("", None, [], {})}
    if isinstance(value, list | tuple):
        return [normalize_value(v) for v in value]
    return value


def normalized_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The content fields of a snapshot or version row, normalized for comparison."""
    out: dict[str, Any] = {}
    for name in CONTENT_FIELDS:
        value = fields.get(name)
        if name in ("categories", "extra") and isinstance(value, str):
            value = json.loads(value)
        value = normalize_value(value)
        out[name] = None if value in ("", [], {}) else value
    return out


def hash_normalized(normalized: Mapping[str, Any]) -> str:
    """SHA-256 over already normalized content fields, as canonical JSON."""
    canonical = json.dumps(normalized, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 over the normalized content fields, as canonical JSON."""
    return hash_normalized(normalized_fields(fields))


def differing(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Names of the content fields whose already normalized values differ, in schema order."""
    return [name for name in CONTENT_FIELDS if old[name] != new[name]]


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Names of the content fields whose normalized values differ, in schema order."""
    return differing(normalized_fields(old), normalized_fields(new))
