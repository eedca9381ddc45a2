"""Regular expressions from users' sources files, made safe to run on what sites send.

A pattern such as ``(a+)+$`` takes exponential time on a URL that almost matches, and a
crawl would hang on one link. Two defences: patterns with a quantifier inside a repeated
group (the shape of nearly every catastrophic pattern) are refused when the file is
read, and every match runs in the `regex` module with a time limit, so that what the
check cannot see (``(a|aa)+$``) ends as a clear error instead of a hung crawl.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own reading of a pattern
from dataclasses import dataclass
from typing import Any

import regex

#: Longest one match of a user pattern may take; a URL is matched in microseconds.
TIME_LIMIT = 0.25

_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT)


class PatternTooSlow(ValueError):
    """A user pattern ran past `TIME_LIMIT` on one string."""


@dataclass(frozen=True)
class UserPattern:
    """A checked user regular expression, matched with a time limit."""

    text: str
    compiled: Any  # regex.Pattern

    @property
    def groups(self) -> int:
        return int(self.compiled.groups)

    def search(self, string: str) -> Any:
        try:
            return self.compiled.search(string, timeout=TIME_LIMIT)
        except TimeoutError:
            raise PatternTooSlow(
                f"the pattern {self.text!r} took more than {TIME_LIMIT} s on {string[:120]!r}"
            ) from None


def user_pattern(text: str) -> UserPattern:
    """`text` compiled, or ValueError saying why it is refused (bad syntax, or a shape
    that backtracks catastrophically)."""
    try:
        parsed = sre_parse.parse(text)
    except re.error as exc:
        raise ValueError(f"bad regular expression {text!r}: {exc}") from None
    nested = _nested_repeat(parsed, inside=False)
    if nested:
        raise ValueError(
            f"{text!r} repeats a group that itself repeats ({nested}): on a URL that "
            "almost matches it takes exponential time. Write it without the outer "
            r"repeat, e.g. '/jobs/(\d+)' rather than '/jobs/((\d+)+)'"
        )
    return UserPattern(text, regex.compile(text))


def _nested_repeat(items: Any, inside: bool) -> str | None:
    """The first unbounded repeat inside another repeat, shown, or None."""
    for op, arg in items:
        if op in _REPEATS:
            low, high, sub = arg
            unbounded = high == sre_parse.MAXREPEAT
            if inside and unbounded:
                return "a '+' or '*' inside a repeated group"
            found = _nested_repeat(sub, inside or high > 1)
            if found:
                return found
        elif op is sre_parse.SUBPATTERN:
            found = _nested_repeat(arg[-1], inside)
            if found:
                return found
        elif op is sre_parse.BRANCH:
            for branch in arg[1]:
                found = _nested_repeat(branch, inside)
                if found:
                    return found
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            found = _nested_repeat(arg[1], inside)
            if found:
                return found
    return None
