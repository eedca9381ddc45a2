"""`jobarchive diff`: its formats, --from/--to by number or date, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive import Archive, Snapshot
from crawler.cli import cli

OLD_TEXT = "# Nurse\n\nApply by 14 October 2024.\nOnly internal candidates.\n"
NEW_TEXT = "# Nurse\n\nApply by 28 October 2024.\n<script>alert(1)</script>\n"


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        for at, closing, text in (
            ("2024-10-01T09:00:00+00:00", "2024-10-14", OLD_TEXT),
            ("2024-10-10T09:00:00+00:00", "2024-10-28", NEW_TEXT),
        ):
            archive.store(
                Snapshot(
                    "unicef",
                    "577857",
                    "https://x.org/577857",
                    title="Nurse",
                    closing_date=closing,
                    text=text,
                    fetched_at=at,
                )
            )
        archive.store(Snapshot("unicef", "1", "https://x.org/1", title="One", text="once"))
    return str(path)


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", db, "diff", *args])
    return result.exit_code, result.output


UNIFIED = (
    "closing_date: 2024-10-14 → 2024-10-28\n"
    "\n"
    "--- version 1 (2024-10-01T09:00:00+00:00)\n"
    "+++ version 2 (2024-10-10T09:00:00+00:00)\n"
    "@@ -1,4 +1,4 @@\n"
    " # Nurse\n"
    " \n"
    "-Apply by 14 October 2024.\n"
    "-Only internal candidates.\n"
    "+Apply by 28 October 2024.\n"
    "+<script>alert(1)</script>\n"
)


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--format", "unified"),
        ("--from", "1", "--to", "2"),
        ("--from", "2024-10-05"),
        ("--to", "2024-10-10"),
        ("--no-color",),
    ],
)
def test_default_is_unified_with_field_changes_on_top(db: str, args: tuple[str, ...]) -> None:
    assert run(db, "unicef:577857", *args) == (0, UNIFIED)


def test_unified_in_colour(db: str) -> None:
    code, out = run(db, "1", "--color")
    assert code == 0
    assert "\x1b[31m-Apply by 14 October 2024.\x1b[0m\n" in out
    assert "\x1b[32m+Apply by 28 October 2024.\x1b[0m\n" in out


def test_text_marks_words(db: str) -> None:
    assert run(db, "1", "--format", "text") == (
        0,
        "closing_date: 2024-10-14 → 2024-10-28\n"
        "\n"
        "version 1 (2024-10-01T09:00:00+00:00) → version 2 (2024-10-10T09:00:00+00:00)\n"
        "\n"
        "# Nurse\n"
        "\n"
        "Apply by [-14-]{+28+} October 2024.\n"
        "[-Only internal candidates.-]{+<script>alert(1)</script>+}\n",
    )


def test_text_in_colour_colours_the_words(db: str) -> None:
    code, out = run(db, "1", "--format", "text", "--color")
    assert code == 0
    assert "Apply by \x1b[1;9;31m14\x1b[0m\x1b[1;32m28\x1b[0m October 2024." in out
    assert "[-" not in out


def test_json(db: str) -> None:
    code, out = run(db, "1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["posting"]["source_key"] == "577857"
    assert (data["from"]["version"], data["to"]["version"]) == (1, 2)
    assert data["fields"] == [{"field": "closing_date", "old": "2024-10-14", "new": "2024-10-28"}]
    spans = data["text"]
    assert "".join(s["text"] for s in spans if s["op"] != "insert") == OLD_TEXT
    assert "".join(s["text"] for s in spans if s["op"] != "delete") == NEW_TEXT
    assert {"op": "insert", "text": "28"} in spans
    assert data["unified"][0] == "--- version 1 (2024-10-01T09:00:00+00:00)"


def test_html_is_a_page_with_the_text_escaped(db: str) -> None:
    code, out = run(db, "1", "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "Apply by <del>14</del><ins>28</ins> October 2024." in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script>" not in out
    assert '<a href="https://x.org/577857" rel="noopener noreferrer nofollow">' in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("unicef:577857", "--to", "5"),
            "Error: unicef:577857 has no version 5; it has versions 1, 2.\n",
        ),
        (
            ("unicef:1",),
            "Error: unicef:1 has only one version, so there is nothing to compare yet.\n",
        ),
        (
            ("1", "--from", "2024-09-01"),
            "Error: unicef:577857 was not archived yet on 2024-09-01; its first version was "
            "fetched at 2024-10-01T09:00:00+00:00.\n",
        ),
        (
            ("1", "--from", "yesterday"),
            "Error: 'yesterday' is neither a version number nor a date (YYYY-MM-DD); "
            "unicef:577857 has versions 1, 2.\n",
        ),
    ],
)
def test_errors(db: str, args: tuple[str, ...], message: str) -> None:
    assert run(db, *args) == (1, message)


def test_unknown_posting(db: str) -> None:
    code, out = run(db, "nope:1")
    assert code == 1
    assert out.startswith("Error: No posting matches 'nope:1'.")


def test_bad_format_is_a_usage_error(db: str) -> None:
    code, out = run(db, "1", "--format", "pdf")
    assert code == 2
    assert "'pdf' is not one of 'unified', 'text', 'json', 'html'" in out
