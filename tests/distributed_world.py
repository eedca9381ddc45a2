"""Redis and Scrapyd for real, on 127.0.0.1: what the distributed crawl's tests run on.

Redis is Debian's `redis-server`; each Scrapyd node is the `scrapyd` of this
environment in a directory of its own, with its own port; the project is deployed to
the nodes with `scrapyd-deploy`, from a copy of the project's files with a scrapy.cfg
naming the nodes, as a user deploys it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import free_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def need_redis_server() -> str:
    path = shutil.which("redis-server")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: .ci/run installs Debian's redis-server")
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    return path


def _wait(check, what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


@contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    binary = need_redis_server()
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    import redis

    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait(lambda: redis.Redis.from_url(url).ping(), "redis-server")
        yield url
    finally:
        process.terminate()
        process.wait(10)


SCRAPYD_CONF = """[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {dir}/eggs
logs_dir = {dir}/logs
items_dir =
dbs_dir = {dir}/dbs
jobs_to_keep = 50
finished_to_keep = 200
max_proc = 6
poll_interval = {poll}
"""


@contextmanager
def scrapyd_node(
    directory: Path, env: dict[str, str] | None = None, poll: float = 0.2
) -> Iterator[str]:
    """One Scrapyd on a free port, its files in `directory`; yields its URL. It starts
    the jobs it is given every `poll` seconds (a node too busy to start them: 3600)."""
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    conf = SCRAPYD_CONF.format(port=port, dir=directory, poll=poll)
    (directory / "scrapyd.conf").write_text(conf)
    environment = {**os.environ, **(env or {})}
    # The jobs run `python -m scrapyd.runner` with this environment's Python.
    environment["PATH"] = f"{BIN}{os.pathsep}{environment.get('PATH', '')}"
    log = open(directory / "scrapyd.out", "wb")  # noqa: SIM115 - kept open for the process
    process = subprocess.Popen(
        [str(BIN / "scrapyd")], cwd=directory, env=environment, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    import requests

    try:
        _wait(lambda: requests.get(f"{url}/daemonstatus.json", timeout=2).ok, f"scrapyd {url}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def deploy(nodes: list[str], work: Path) -> None:
    """`scrapyd-deploy -a` from a copy of the project whose scrapy.cfg names `nodes`."""
    copy = work / "project"
    # What the egg is built from: the packages and the files that describe them.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in ("crawler", "spiders", "archive"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, copy / name)
    config = "[settings]\ndefault = crawler.settings\n"
    for index, node in enumerate(nodes):
        config += f"\n[deploy:node{index}]\nurl = {node}/\nproject = jobarchive\n"
    (copy / "scrapy.cfg").write_text(config)
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "-a", "-v", "1"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and '"status": "ok"' in result.stdout, (
        result.stdout + result.stderr
    )
