"""Word-level differences between two texts, for reading how a posting's text changed.

Lines are matched first, and only the lines that changed are compared word by word:
that keeps a moved paragraph from being shredded into scattered words, and keeps the
comparison fast on long postings. Joining the spans of one side gives that side's
text back exactly, white space included, so a renderer never loses a character.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Op = Literal["equal", "insert", "delete"]

# A word is a run of non-space characters; the space after it is its own token, so a
# change of line breaks alone shows up without marking the words around it.
_TOKEN = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Span:
    op: Op
    text: str


def word_diff(old: str, new: str) -> list[Span]:
    """The spans that turn `old` into `new`: equal, deleted and inserted text."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    spans: list[Span] = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            spans.append(Span("equal", before))
        elif tag == "replace":
            spans.extend(_words(before, after))
        else:
            spans.append(Span("delete", before) if before else Span("insert", after))
    return _merge(spans)


def _words(old: str, new: str) -> list[Span]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            spans.append(Span("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            spans.append(Span("delete", "".join(a[i1:i2])))
        if j2 > j1:
            spans.append(Span("insert", "".join(b[j1:j2])))
    if not any(s.op == "equal" and not s.text.isspace() for s in spans):
        # Nothing but spaces in common: the lines were rewritten, so show them whole.
        return [Span("delete", old), Span("insert", new)]
    return _absorb_spaces(spans)


def _absorb_spaces(spans: list[Span]) -> list[Span]:
    """Fold a lone space between two changes into both, so "[-a b-]{+c d+}" reads whole.

    Without this, replacing two words shows as two separate replacements split by an
    unchanged space, which is harder to read than one.
    """
    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        if (
            span.op == "equal"
            and span.text.isspace()
            and "\n" not in span.text
            and out
            and out[-1].op != "equal"
            and i + 1 < len(spans)
            and spans[i + 1].op != "equal"
        ):
            out.append(Span("delete", span.text))
            out.append(Span("insert", span.text))
        else:
            out.append(span)
        i += 1
    return _merge(out)


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of one kind; put each deletion before its insertion."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].op == span.op:
            out[-1] = Span(span.op, out[-1].text + span.text)
        elif (
            span.op == "delete"
            and out
            and out[-1].op == "insert"
            and len(out) >= 2
            and out[-2].op == "delete"
        ):
            # delete, insert, delete -> delete, insert (deletions together)
            out[-2] = Span("delete", out[-2].text + span.text)
        elif span.op == "delete" and out and out[-1].op == "insert":
            out.insert(len(out) - 1, span)
        else:
            out.append(span)
    return out


def side(spans: list[Span], which: Literal["old", "new"]) -> str:
    """One side's text back from the spans: old is equal + deleted, new is equal + inserted."""
    skip: Op = "insert" if which == "old" else "delete"
    return "".join(s.text for s in spans if s.op != skip)


@dataclass(frozen=True)
class Gap:
    """Unchanged lines a reader can skip; renderers fold them away."""

    text: str
    lines: int


def with_context(spans: list[Span], context: int = 3) -> list[Span | Gap]:
    """Fold long unchanged stretches into Gaps, keeping `context` lines around changes.

    When nothing changed, the spans are returned as they are.
    """
    if all(s.op == "equal" for s in spans):
        return list(spans)
    out: list[Span | Gap] = []
    last = len(spans) - 1
    for i, span in enumerate(spans):
        if span.op != "equal":
            out.append(span)
            continue
        lines = span.text.splitlines(keepends=True)
        head = 0 if i == 0 else context  # nothing changed before the first span
        tail = 0 if i == last else context
        # A partial line at either end belongs to a changed line: it is not context.
        if head and not spans[i - 1].text.endswith("\n"):
            head += 1
        if tail and not span.text.endswith("\n"):
            tail += 1
        if len(lines) <= head + tail + 1:
            out.append(span)
            continue
        if head:
            out.append(Span("equal", "".join(lines[:head])))
        hidden = lines[head : len(lines) - tail]
        out.append(Gap("".join(hidden), len(hidden)))
        if tail:
            out.append(Span("equal", "".join(lines[len(lines) - tail :])))
    return out
