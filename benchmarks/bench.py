"""`make bench`: pkledger's commands against a bare libyaml load and against peers, on the same files.

For synthetic ledgers of 1k, 5k and 10k pledges (benchmarks/synthetic.py) it prints each
command's wall time (median of several runs, each in a fresh process, start-up included) as a
ratio to a bare libyaml load of the same files (`yaml.load(..., Loader=yaml.CSafeLoader)` in a
fresh Python process), and the peak memory of each run. Peers: check-jsonschema with our pledge
schema, and yamllint. Nothing here is a pass/fail test.

    python -m benchmarks.bench [--sizes 1000 5000 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).parent.parent
BIN = Path(sys.executable).parent
BARE_LOAD = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def measure(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one run in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def median_of(runs: int, command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    results = [measure(command, env) for _ in range(runs)]
    return statistics.median(wall for wall, _ in results), max(peak for _, peak in results)


def commands(ledger: Path, out: Path) -> dict[str, tuple[list[str], dict[str, str] | None]]:
    pkledger = [str(BIN / "pkledger")]
    cold = {"PKLEDGER_NO_CACHE": "1"}
    pledges = sorted(str(path) for path in (ledger / "pledges").glob("*.yaml"))
    schema = str(REPO / "schemas" / "pledge.schema.json")
    return {
        "bare libyaml load": ([sys.executable, "-c", BARE_LOAD, str(ledger)], None),
        "pkledger --version": ([*pkledger, "--version"], None),
        "pkledger validate (cold)": ([*pkledger, "validate", str(ledger)], cold),
        "pkledger validate (warm cache)": ([*pkledger, "validate", str(ledger)], None),
        "pkledger match": ([*pkledger, "match", "--ledger", str(ledger)], None),
        "pkledger brief": (
            [*pkledger, "brief", "2021-seoul", "--ledger", str(ledger), "--out", str(out)],
            None,
        ),
        "check-jsonschema (pledges)": (
            [str(BIN / "check-jsonschema"), "--schemafile", schema, *pledges],
            None,
        ),
        "yamllint": ([str(BIN / "yamllint"), "-d", "relaxed", str(ledger)], None),
    }


def bench_size(pledges: int, runs: int, work: Path) -> None:
    ledger = work / f"ledger-{pledges}"
    if not ledger.exists():
        # Written by a separate process, so that this one stays small: a child's peak memory
        # counts the memory it had when forked from here.
        generate = [sys.executable, "-m", "benchmarks.synthetic", str(ledger), "--pledges", str(pledges)]
        subprocess.run(
            [*generate, "--gaps", str(max(pledges // 10, 10))], check=True, capture_output=True, cwd=REPO
        )
    files = sum(1 for _ in ledger.rglob("*.yaml"))
    print(f"\n{pledges} pledges ({files} files)")
    print(f"  {'command':<32} {'seconds':>8} {'x bare load':>12} {'peak MiB':>9}")
    bare = None
    for name, (command, env) in commands(ledger, work / "out").items():
        if not Path(command[0]).exists():
            print(f"  {name:<32} {'(not installed)':>31}")
            continue
        if name.endswith("(warm cache)"):
            measure(command, env)  # fill the cache
        wall, peak = median_of(runs if "yamllint" not in name else 1, command, env)
        bare = bare or wall
        print(f"  {name:<32} {wall:>8.2f} {wall / bare:>11.2f}x {peak:>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    work = Path(tempfile.mkdtemp(prefix="pkledger-bench-"))
    os.chdir(work)  # the cache goes to the working folder
    try:
        for size in arguments.sizes:
            bench_size(size, arguments.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
