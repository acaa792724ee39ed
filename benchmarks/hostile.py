"""Time and peak memory of `pkledger validate` on each hostile input (tests/fixtures/hostile/).

Run: .venv/bin/python -m benchmarks.hostile. Each case runs in a fresh process, so the numbers
include interpreter start-up; the targets are under 1 s and under 200 MB each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures" / "hostile"
PKLEDGER = [sys.executable, "-m", "pkledger"]


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one run of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    print(f"{'case':<20} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
    for case in sorted(path for path in FIXTURES.iterdir() if path.is_dir()):
        wall, peak, code = measure([*PKLEDGER, "validate", str(case)])
        print(f"{case.name:<20} {code:>4} {wall:>8.3f} {peak:>9.1f}")


if __name__ == "__main__":
    main()
