"""An archive made by one real crawl of every mock source, for tests that read it.

Every built-in source's mock site and the three user-defined sources of the board mock
are served at once and crawled by one `jobarchive crawl` process, as in
tests/test_fault_matrix.py. `crawl_every_mock(folder)` returns the archive and the
sources TOML file the crawl used.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import SITES, MockSites
from crawler.mocksites.board import BOARD_SOURCE_NAMES, BoardSite, board_sources
from crawler.mocksites.reliefweb import MOCK_APPNAME

SOURCES = [*SITES, *BOARD_SOURCE_NAMES]
ROOT = Path(__file__).resolve().parent.parent


def crawl_every_mock(folder: Path) -> tuple[Path, Path]:
    """(archive, sources TOML) of one crawl of every mock source into `folder`."""
    boards = [BoardSite(name=name) for name in BOARD_SOURCE_NAMES]
    with MockSites(sites=[*(cls() for cls in SITES.values()), *boards]) as sites:
        config = folder / "sources.toml"
        config.write_text(board_sources({n: sites.base_urls[n] for n in BOARD_SOURCE_NAMES}))
        db = folder / "archive.db"
        argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", "--config",
                str(config), *SOURCES, "--json"]  # fmt: skip
        for name, url in sites.base_urls.items():
            argv += ["--set-url", f"{name}={url}"]
        settings = {**LOCAL_SITE_SETTINGS, "RELIEFWEB_APPNAME": MOCK_APPNAME,
                    "RELIEFWEB_PAGE_SIZE": 20}  # fmt: skip
        for key, value in settings.items():
            argv += ["-s", f"{key}={json.dumps(value)}"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=ROOT)
        if done.returncode != 0:
            log = done.stdout + done.stderr[-3000:]
            raise RuntimeError(f"the crawl of the mocks failed:\n{log}")
    return db, config
