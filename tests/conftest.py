"""Test-run wide hooks."""

from __future__ import annotations

import sys
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how big the fault matrix was, when it ran (tests/test_fault_matrix.py)."""
    matrix = sys.modules.get("tests.test_fault_matrix")
    if matrix is None:
        return
    ran = [
        report
        for kind in ("passed", "failed", "skipped")
        for report in terminalreporter.stats.get(kind, [])
        if "test_fault_matrix.py::test_" in report.nodeid and "fault[" in report.nodeid
    ]
    if ran:
        terminalreporter.write_line(
            f"fault matrix: {len(matrix.DETAIL_FAULTS)} detail faults and "
            f"{len(matrix.LISTING_FAULTS)} listing faults x {len(matrix.SOURCES)} sources "
            f"= {matrix.MATRIX_SIZE} cases ({len(ran)} run)"
        )
