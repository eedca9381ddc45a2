"""The bundled datasette metadata, fitted to the name datasette gives the archive."""

from __future__ import annotations

import copy
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

METADATA_FILE = files(__package__) / "metadata.yml"
# The section name used for the archive's database in metadata.yml.
BUNDLED_NAME = "archive"


@cache
def _bundled() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    return loaded


def database_name(path: str | Path) -> str:
    """The name datasette gives a database file: its name without the extension."""
    return Path(path).stem


def metadata_for(db_name: str = BUNDLED_NAME) -> dict[str, Any]:
    """The metadata with the archive's section filed under `db_name`."""
    metadata = copy.deepcopy(_bundled())
    metadata["databases"] = {db_name: metadata["databases"][BUNDLED_NAME]}
    if "description_html" in metadata:
        metadata["description_html"] = metadata["description_html"].replace(
            "{{db}}", quote(db_name)
        )
    return metadata
