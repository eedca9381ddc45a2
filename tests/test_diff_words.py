"""Word-level diff (archive.worddiff) and choosing versions (archive.compare)."""

from __future__ import annotations

import pytest

from archive.compare import VersionNotFound, pick_pair, pick_version
from archive.history import Version
from archive.worddiff import Gap, Span, side, with_context, word_diff


def test_changed_words_only() -> None:
    assert word_diff("Apply by 14 October.\n", "Apply by 28 October.\n") == [
        Span("equal", "Apply by "),
        Span("delete", "14"),
        Span("insert", "28"),
        Span("equal", " October.\n"),
    ]


def test_neighbouring_changed_words_read_as_one_change() -> None:
    assert word_diff("a b c d", "a x y d") == [
        Span("equal", "a "),
        Span("delete", "b c"),
        Span("insert", "x y"),
        Span("equal", " d"),
    ]


def test_whole_lines_added_and_removed() -> None:
    assert word_diff("one\ntwo\n", "one\nthree\nfour\n") == [
        Span("equal", "one\n"),
        Span("delete", "two\n"),
        Span("insert", "three\nfour\n"),
    ]
    assert word_diff("", "new\n") == [Span("insert", "new\n")]
    assert word_diff("same", "same") == [Span("equal", "same")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a  b\tc\n\n d", "a b c\nd\n"),
        ("x\r\ny\n", "x\ny"),
        ("para one\n\npara two\n", "para two\n\npara one\n"),
        ("", ""),
        ("Genève – 3 postes", "Genève — 4 postes"),
    ],
)
def test_each_side_comes_back_exactly(old: str, new: str) -> None:
    spans = word_diff(old, new)
    assert side(spans, "old") == old
    assert side(spans, "new") == new


def test_long_unchanged_stretches_fold_with_context() -> None:
    old = "".join(f"line {n}\n" for n in range(20))
    new = old.replace("line 10\n", "line ten\n")
    parts = with_context(word_diff(old, new), context=2)
    assert parts == [
        Gap("".join(f"line {n}\n" for n in range(8)), 8),
        Span("equal", "line 8\nline 9\nline "),
        Span("delete", "10"),
        Span("insert", "ten"),
        Span("equal", "\nline 11\nline 12\n"),
        Gap("".join(f"line {n}\n" for n in range(13, 20)), 7),
    ]


def test_nothing_folds_when_nothing_changed() -> None:
    text = "".join(f"line {n}\n" for n in range(20))
    assert with_context(word_diff(text, text)) == [Span("equal", text)]


def _version(n: int, at: str) -> Version:
    return Version(1, n, at, None, "h", [], {}, "")


VERSIONS = [
    _version(1, "2024-10-01T09:00:00+00:00"),
    _version(2, "2024-10-14T09:00:00+00:00"),
    _version(3, "2024-10-20T23:00:00+00:00"),
]


@pytest.mark.parametrize(
    ("ref", "number"),
    [("1", 1), (3, 3), ("2024-10-01", 1), ("2024-10-13", 1), ("2024-10-14", 2), ("2030-01-01", 3)],
)
def test_pick_version_by_number_or_date(ref: str | int, number: int) -> None:
    assert pick_version(VERSIONS, ref, label="x:1").version == number


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("4", "x:1 has no version 4; it has versions 1, 2, 3."),
        (
            "2024-09-30",
            "x:1 was not archived yet on 2024-09-30; its first version was fetched "
            "at 2024-10-01T09:00:00+00:00.",
        ),
        (
            "last week",
            "'last week' is neither a version number nor a date (YYYY-MM-DD); "
            "x:1 has versions 1, 2, 3.",
        ),
    ],
)
def test_pick_version_errors(ref: str, message: str) -> None:
    with pytest.raises(VersionNotFound) as err:
        pick_version(VERSIONS, ref, label="x:1")
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("old", "new", "pair"),
    [
        (None, None, (2, 3)),
        ("1", None, (1, 3)),
        (None, "2", (1, 2)),
        ("", "", (2, 3)),
        ("3", "1", (3, 1)),
    ],
)
def test_pick_pair(old: str | None, new: str | None, pair: tuple[int, int]) -> None:
    a, b = pick_pair(VERSIONS, old, new, label="x:1")
    assert (a.version, b.version) == pair


def test_pick_pair_needs_two_versions() -> None:
    with pytest.raises(VersionNotFound, match="x:1 has only one version, so there is nothing"):
        pick_pair(VERSIONS[:1], label="x:1")
    with pytest.raises(VersionNotFound, match="Version 1 is the first version of x:1"):
        pick_pair(VERSIONS, None, "1", label="x:1")
