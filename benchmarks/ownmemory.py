"""Run `jobarchive ARGS...` and write its own peak memory (KB) to OUT when it exits.

    python -m benchmarks.ownmemory OUT [jobarchive arguments...]

A parent's wait4(), and getrusage() inside the child too, report a peak that includes
what the child held before it exec'd (its copy of the parent at fork), which for a
benchmark holding a mock site of thousands of postings is most of it. The kernel's
high-water mark of the process's own memory since exec (VmHWM) is the command's own.
"""

from __future__ import annotations

import atexit
import resource
import runpy
import sys
from pathlib import Path


def _write(out: Path) -> None:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                out.write_text(line.split()[1])  # in kB
                return
    out.write_text(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def main() -> None:
    out = Path(sys.argv[1])
    sys.argv = ["jobarchive", *sys.argv[2:]]
    atexit.register(_write, out)
    runpy.run_module("crawler.cli", run_name="__main__")


if __name__ == "__main__":
    main()
