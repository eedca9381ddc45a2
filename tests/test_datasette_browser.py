"""The diff page in a real headless Chromium, served by `jobarchive serve`.

Checks what a person sees once the browser has parsed the page and run whatever it
would run: the change is highlighted, and markup planted in a posting stays text.
Skipped without Chromium, except in CI (CI set), where .ci/run installs it.
Set JOBARCHIVE_SCREENSHOT=docs/diff-page.png to refresh the README's screenshot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, FLAGS, need_chromium, serve
from tests.datasette_sample import add_hostile, build

need_chromium(module=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert CHROMIUM, "CI is set but Chromium is missing: .ci/run should have installed it"
    path = tmp_path_factory.mktemp("browser") / "archive.db"
    build(path)
    add_hostile(path)
    with serve(path) as base:
        yield base


def chromium(profile: Path, *args: str) -> str:
    assert CHROMIUM
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def diff_page(server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The DOM of posting unicef:1001's diff page, and a screenshot of it (one browser run)."""
    tmp = tmp_path_factory.mktemp("chromium")
    shot = tmp / "diff-page.png"
    dom = chromium(
        tmp / "profile",
        "--window-size=1000,860",
        f"--screenshot={shot}",
        "--dump-dom",
        f"{server}/-/jobarchive/diff/unicef:1001",
    )
    return dom, shot


def test_the_change_is_highlighted(diff_page: tuple[str, Path]) -> None:
    dom, _ = diff_page
    assert "<h1>Nutrition Officer</h1>" in dom
    assert "Fluency in English <ins>and French </ins>is" in dom
    assert "<del>Only internal candidates will be considered.\n</del>" in dom
    # the planted script is in the page as text inside the insertion, not as an element
    assert "<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins>" in dom
    assert "<script>alert(1)" not in dom


def test_screenshot(diff_page: tuple[str, Path]) -> None:
    _, shot = diff_page
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if target := os.environ.get("JOBARCHIVE_SCREENSHOT"):
        shutil.copyfile(shot, target)


def test_planted_markup_does_not_run(server: str, tmp_path: Path) -> None:
    dom = chromium(
        tmp_path / "profile",
        "--virtual-time-budget=2000",
        "--dump-dom",
        f"{server}/-/jobarchive/diff/evil:1",
    )
    assert "Officer &lt;img src=x onerror=" in dom
    assert "&lt;script&gt;document.body.dataset.pwned" in dom
    # every payload would have marked <body>; none ran
    assert "data-pwned" not in dom
    assert '<img src="x"' not in dom and "<h1>Injected" not in dom
