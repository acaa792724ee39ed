"""The warm runs of `validate`, alternated so that each sees the same disturbance on a shared
machine: a bare libyaml load, a pledge's title edited (the rules across files run again), fully
warm, and a comment added to that pledge (the rules across files are taken from the cache).

    python -m benchmarks.warm --pledges 5000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.bench import BARE_LOAD, BIN, WARNED_SHARE, compiled, measure, write_ledger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pledges", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    compiled()
    work = Path(tempfile.mkdtemp(prefix="pkledger-warm-"))
    os.environ["PKLEDGER_CACHE_DIR"] = str(work / "cache")  # never the user's cache
    try:
        ledger = work / "ledger"
        write_ledger(ledger, arguments.pledges, clean=False)
        print_rows(alternated(ledger, arguments.runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"(warning-heavy, {WARNED_SHARE:.0%} of the pledges warned; best of {arguments.runs})")


def alternated(ledger: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    bare = [sys.executable, "-c", BARE_LOAD, str(ledger)]
    validate = [str(BIN / "pkledger"), "validate", "--format", "json", str(ledger)]
    edited = min((ledger / "pledges").glob("*.yaml"))
    original = edited.read_bytes()
    results: dict[str, list[tuple[float, float]]] = {
        "bare": [],
        "title edited": [],
        "fully warm": [],
        "comment": [],
    }
    measure(validate)  # fill the cache
    try:
        for run in range(runs):
            results["bare"].append(measure(bare))
            titled = original.replace(b"\ntitle: ", f"\ntitle: edit {run} ".encode(), 1)
            edited.write_bytes(titled)
            results["title edited"].append(measure(validate))
            results["fully warm"].append(measure(validate))
            edited.write_bytes(titled + b"# a comment\n")
            results["comment"].append(measure(validate))
    finally:
        edited.write_bytes(original)
    return results


def print_rows(results: dict[str, list[tuple[float, float]]]) -> None:
    bare = min(wall for wall, _ in results["bare"])
    for name, measured in results.items():
        wall = min(seconds for seconds, _ in measured)
        peak = max(mib for _, mib in measured)
        print(f"  {name:<14} {wall:>6.2f} s {wall / bare:>6.2f}x {peak:>6.0f} MiB")


if __name__ == "__main__":
    main()
