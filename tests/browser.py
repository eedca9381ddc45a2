"""A real headless Chromium for the tests of what a person sees in `jobarchive serve`.

`serve(path)` runs `jobarchive serve` on a free port; `dump_dom(url)` is the page's DOM
once Chromium has parsed it and run what it would run; `Browser` drives one tab over the
DevTools protocol on a pipe (--remote-debugging-pipe: no port, no extra package), to
type into a page, press keys and click as a person would.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def need_chromium(module: bool = False) -> None:
    """Skip the calling test (or with `module`, its module) without Chromium, except in
    CI, which installs it."""
    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed (CI installs it)", allow_module_level=module)


def screenshot_target(name: str) -> Path | None:
    """Where to keep a screenshot for the docs: JOBARCHIVE_SCREENSHOTS=docs refreshes them."""
    folder = os.environ.get("JOBARCHIVE_SCREENSHOTS")
    return Path(folder) / name if folder else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(path: Path) -> Iterator[str]:
    """`jobarchive --db PATH serve` on a free port; yields its base URL."""
    port = free_port()
    jobarchive = [sys.executable, "-c", "from crawler.cli import main; main()"]
    process = subprocess.Popen(
        [*jobarchive, "--db", str(path), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    assert process.stderr is not None
                    pytest.fail(f"jobarchive serve did not start: {process.stderr.read()!r}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stderr is not None
        process.stderr.close()


def dump_dom(url: str, *args: str) -> str:
    """The DOM of `url` after Chromium ran its scripts for two seconds of virtual time."""
    assert CHROMIUM, "CI is set but Chromium is missing: .ci/run should have installed it"
    with tempfile.TemporaryDirectory(prefix="jobarchive-chromium-") as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--virtual-time-budget=2000",
                *args,
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _high(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Browser:
    """One Chromium tab, driven over the DevTools protocol (JSON messages on a pipe)."""

    def __init__(self, width: int = 1000, height: int = 860) -> None:
        assert CHROMIUM, "CI is set but Chromium is missing: .ci/run should have installed it"
        # Chromium may still be writing its profile as it exits.
        self._profile = tempfile.TemporaryDirectory(
            prefix="jobarchive-chromium-", ignore_cleanup_errors=True
        )
        # Chromium reads commands from its fd 3 and writes answers to its fd 4. Each end
        # is moved to 10 or above first, so that putting them at 3 and 4 overwrites neither.
        to_chromium, self._commands = map(_high, os.pipe())
        self._answers, from_chromium = map(_high, os.pipe())
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                "os.execv(sys.argv[3], sys.argv[3:])",
                str(to_chromium),
                str(from_chromium),
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(to_chromium, from_chromium),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip

    def close(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        os.close(self._commands)
        os.close(self._answers)
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _message(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._answers, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message(timeout=30)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the tab."""
        return self.send(method, self._session, **params)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (the test's, not the page's)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None  # the page is between documents
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"never true: {expression}")
            time.sleep(0.05)

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")

    def type(self, text: str) -> None:
        """Type `text` where the focus is, as a keyboard would."""
        self.call("Input.insertText", text=text)

    def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                      windowsVirtualKeyCode=13, text="\r")  # fmt: skip

    def click(self, selector: str) -> None:
        """Click the middle of the first element `selector` matches, with the mouse."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
            "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
            "return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)  # fmt: skip

    def html(self) -> str:
        return str(self.evaluate("document.documentElement.outerHTML"))

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            width, height = self.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        data = self.call("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))
