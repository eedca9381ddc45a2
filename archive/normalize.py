"""What counts as a change: normalization of volatile text and the content hash.

Job sites rewrite parts of a page on every request without the posting changing:
"Posted 4 hours ago", view counters, "21 days left to apply", session tokens in links.
Those parts are blanked before hashing and comparing, so that a fetch which differs
only in them is recognised as unchanged. The stored text keeps them as fetched.
"""

from __future__ import annotations

import hashlib
import json
import re
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
_SPACE = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORD = re.compile(r"\w")


def normalize_text(value: str) -> str:
    """Drop the volatile parts of a string and fold white space.

    A line that held nothing but volatile text ("Posted 4 hours ago", "1,204 views")
    is dropped whole, so a counter appearing or vanishing is not a change either.
    """
    lines = []
    for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cleaned = line
        lowered = line.lower()
        for needed, pattern in _VOLATILE:
            if needed in lowered:
                cleaned = pattern.sub("", cleaned)
        cleaned = _SPACE.sub(" ", cleaned).strip()
        if cleaned != line.strip() and not _WORD.search(cleaned):
            continue  # only volatile text (and punctuation) was on this line
        lines.append(cleaned)
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalize_value(value: Any) -> Any:
    """Normalize a field value of any JSON shape, recursively."""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, Mapping):
        # A source-specific field holding only volatile text is as good as absent.
        items = ((str(k), normalize_value(v)) for k, v in sorted(value.items()))
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
