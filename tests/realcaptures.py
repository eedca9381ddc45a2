"""Real responses of the sites' platforms, for tests: `../shared/real-captures/`.

They are the ground truth for what the real sites send, kept beside the repository (they
are the sites' content, not ours) in `../shared/real-captures/<platform>/`, or where
$JOBARCHIVE_SHARED points. Without them a test is skipped, saying so; under CI (where
they are always there) it fails instead, so a missing ground truth is never silent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from scrapy.http import Response

from spiders.offline import saved_response

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    return Path(os.environ.get("JOBARCHIVE_SHARED") or REPO.parent / "shared")


def captures_dir() -> Path:
    return shared_dir() / "real-captures"


def _missing(what: str) -> None:
    message = f"{what} not found (the real captures live in {captures_dir()})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must have them")
    pytest.skip(message)


def capture(name: str) -> Path:
    """The path of one real capture, e.g. capture("pageup/rowan_listing_excerpt.html")."""
    path = captures_dir() / name
    if not path.is_file():
        _missing(f"real capture {name}")
    return path


def captures(platform: str, pattern: str = "*") -> list[str]:
    """Names of a platform's captures, for `pytest.mark.parametrize` (at collection time,
    so a missing folder gives one placeholder that skips or fails when the test runs)."""
    folder = captures_dir() / platform
    found = sorted(f"{platform}/{p.name}" for p in folder.glob(pattern) if p.is_file())
    return found or [f"{platform}/(none found)"]


def capture_response(
    name: str, url: str, content_type: str | None = None, method: str = "GET"
) -> Response:
    """The response a crawl would have had for capture `name` fetched from `url`."""
    return saved_response(capture(name).read_bytes(), url, content_type, method)
