"""The commands that read the archive start without the crawling libraries.

Scrapy (with Twisted) and trafilatura take most of a second to import; a command that
only reads the archive, such as `jobarchive history`, must not pay for them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("scrapy", "twisted", "trafilatura")

# Each runs the command in-process, in a fresh interpreter, then lists what it imported.
PROBE = """
import json, sys
from crawler.cli import cli
try:
    cli(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--help"],
        ["history", "unicef:1"],
        ["diff", "--help"],
        ["export", "--help"],
        ["searches", "--help"],
        ["sources", "--catalogue"],
    ],
    ids=" ".join,
)
def test_reading_commands_do_not_import_the_crawler(args: list[str], tmp_path) -> None:
    db = tmp_path / "archive.db"
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    imported = json.loads(done.stderr.strip().splitlines()[-1])
    assert imported == [], f"jobarchive {' '.join(args)} imported {imported}"
