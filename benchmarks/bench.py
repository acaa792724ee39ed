"""`make bench`: pkledger's commands against a bare libyaml load and against peers, on the same files.

For synthetic ledgers of 1k, 5k and 10k pledges (benchmarks/synthetic.py), each in two kinds, a
clean one and a warning-heavy one (about 60% of the files warned, as real ledgers are), it prints
each command's wall time (best of several runs, each in a fresh process, start-up included), its
ratio to a bare libyaml load of the same files (`yaml.load(..., Loader=yaml.CSafeLoader)` in a fresh
Python process), how many times slower the peers are (check-jsonschema with our pledge schema, and
yamllint), and the peak memory of each run. The runs: cold (`--no-cache`, JSON and text output),
warm after editing one file, and fully warm. A peer that is not installed or fails is said so in
the table. Nothing here is a pass/fail test.

    python -m benchmarks.bench [--sizes 1000 5000 10000] [--runs 3] [--kinds clean warned]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
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
    """Wall seconds and peak resident memory (MiB) of one run in a fresh process; NaN when it failed
    (exit codes 0 and 1 are success: 1 means the ledger has problems)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        return math.nan, usage.ru_maxrss / 1024
    return wall, usage.ru_maxrss / 1024


def best_of(
    runs: int,
    command: Sequence[str],
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """The best wall time of some runs (the machine is shared: the least disturbed run), and the
    largest peak memory; ``before`` runs before each (e.g. to edit a file)."""
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(measure(command, env))
    return min(wall for wall, _ in results), max(peak for _, peak in results)


class Edits:
    """Edits one pledge file before each run, so that a warm run finds one file changed: a comment
    that changes (what the rules across files read stays the same), or, with ``data``, its title
    (they must run again)."""

    def __init__(self, ledger: Path, *, data: bool = False) -> None:
        self.path = min((ledger / "pledges").glob("*.yaml"))
        self.original = self.path.read_bytes()
        self.data = data
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        if self.data:
            self.path.write_bytes(
                self.original.replace(b"\ntitle: ", f"\ntitle: edit {self.count} ".encode(), 1)
            )
        else:
            self.path.write_bytes(self.original + f"# edit {self.count}\n".encode())

    def undo(self) -> None:
        self.path.write_bytes(self.original)


Run = tuple[list[str], dict[str, str] | None, str]
"""A command, its environment, and when it runs: "cold", "edited" (after a warm run, one file
changed before each run: a comment), "edited data" (its title) or "warm" (after a warm run)."""


def commands(ledger: Path, out: Path, *, clean: bool) -> dict[str, Run]:
    pkledger = [str(BIN / "pkledger")]
    cold = [*pkledger, "--no-cache", "validate"]
    pledges = sorted(str(path) for path in (ledger / "pledges").glob("*.yaml"))
    schema = str(REPO / "schemas" / "pledge.schema.json")
    runs: dict[str, Run] = {
        "bare libyaml load": ([sys.executable, "-c", BARE_LOAD, str(ledger)], None, "cold"),
        "pkledger --version": ([*pkledger, "--version"], None, "cold"),
        "validate --no-cache, JSON": ([*cold, "--format", "json", str(ledger)], None, "cold"),
        "validate --no-cache, text": ([*cold, str(ledger)], None, "cold"),
        "validate, one file edited": (
            [*pkledger, "validate", "--format", "json", str(ledger)],
            None,
            "edited",
        ),
        "validate, one title edited": (
            [*pkledger, "validate", "--format", "json", str(ledger)],
            None,
            "edited data",
        ),
        "validate, fully warm": ([*pkledger, "validate", "--format", "json", str(ledger)], None, "warm"),
    }
    if clean:  # the commands that read the ledger, then do their own work
        runs["match"] = ([*pkledger, "--no-cache", "match", "--ledger", str(ledger)], None, "cold")
        brief = [*pkledger, "--no-cache", "brief", "2021-seoul", "--ledger", str(ledger), "--out", str(out)]
        runs["brief 2021-seoul"] = (brief, None, "cold")
    runs[CHECK_JSONSCHEMA] = ([str(BIN / "check-jsonschema"), "--schemafile", schema, *pledges], None, "cold")
    runs[YAMLLINT] = ([str(BIN / "yamllint"), "-d", "relaxed", str(ledger)], None, "cold")
    return runs


CHECK_JSONSCHEMA = "check-jsonschema (pledges)"
YAMLLINT = "yamllint (relaxed)"
PEERS = (CHECK_JSONSCHEMA, YAMLLINT)


def write_ledger(ledger: Path, pledges: int, *, clean: bool) -> None:
    # Written by a separate process, so that this one stays small: a child's peak memory counts
    # the memory it had when forked from here.
    generate = [sys.executable, "-m", "benchmarks.synthetic", str(ledger), "--pledges", str(pledges)]
    generate += ["--gaps", str(max(pledges // 10, 10)), "--warned", "0" if clean else str(WARNED_SHARE)]
    subprocess.run(generate, check=True, capture_output=True, cwd=REPO)


WARNED_SHARE = 0.65
"""Of the pledges: with the conferences and gaps, which carry none, about 60% of the files."""


def bench_ledger(pledges: int, runs: int, work: Path, *, clean: bool, peers: bool = True) -> None:
    ledger = work / f"ledger-{pledges}-{'clean' if clean else 'warned'}"
    if not ledger.exists():
        write_ledger(ledger, pledges, clean=clean)
    files = sum(1 for _ in ledger.rglob("*.yaml"))
    warned = warned_files(ledger)
    print(f"\n{pledges} pledges, {'clean' if clean else 'warning-heavy'} ({files} files, {warned} warned)")
    header = ("command", "seconds", "x bare", "x faster than cjs", "x faster than yamllint", "peak MiB")
    print(f"  {header[0]:<28} {header[1]:>8} {header[2]:>7} {header[3]:>18} {header[4]:>23} {header[5]:>9}")
    results: dict[str, tuple[float, float]] = {}
    edits = {"edited": Edits(ledger), "edited data": Edits(ledger, data=True)}
    try:
        for name, (command, env, when) in commands(ledger, work / "out", clean=clean).items():
            if name in PEERS and not peers:
                continue
            if not Path(command[0]).exists():
                results[name] = (math.nan, math.nan)
                continue
            if when != "cold":
                measure(command, env)  # fill the cache
            peer_runs = 1 if name in PEERS else runs  # the peers take 10 to 20 times longer
            results[name] = best_of(peer_runs, command, env, edits.get(when))
            if when in edits:
                edits[when].undo()
    finally:
        for edit in edits.values():
            edit.undo()
    print_rows(results)


def print_rows(results: dict[str, tuple[float, float]]) -> None:
    bare = results["bare libyaml load"][0]
    peers = [results.get(peer, (math.nan, math.nan))[0] for peer in PEERS]
    for name, (wall, peak) in results.items():
        if math.isnan(wall):
            print(f"  {name:<28} {'(not installed, or it failed)':>40}")
            continue
        faster = [f"{peer / wall:.1f}x" if not math.isnan(peer) else "n/a" for peer in peers]
        print(f"  {name:<28} {wall:>8.2f} {wall / bare:>6.2f}x {faster[0]:>18} {faster[1]:>23} {peak:>9.0f}")


def warned_files(ledger: Path) -> int:
    """How many files of the ledger have a problem (from pkledger's JSON report)."""
    command = [str(BIN / "pkledger"), "--no-cache", "validate", "--format", "json", str(ledger)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    return len({problem["file"] for problem in json.loads(completed.stdout)["problems"]})


def compiled() -> None:
    """Compile pkledger's modules, as an installed package has them: where PYTHONDONTWRITEBYTECODE
    is set, an editable install would otherwise compile its 90 modules from source on every run."""
    import compileall

    import pkledger

    compileall.compile_dir(Path(pkledger.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", choices=["clean", "warned"], default=["clean", "warned"])
    parser.add_argument("--no-peers", action="store_true", help="leave out check-jsonschema and yamllint")
    arguments = parser.parse_args()
    compiled()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"best of {arguments.runs} runs (peers: one run); times in seconds, start-up included")
    work = Path(tempfile.mkdtemp(prefix="pkledger-bench-"))
    os.environ["PKLEDGER_CACHE_DIR"] = str(work / "cache")  # never the user's cache
    os.chdir(work)
    try:
        for size in arguments.sizes:
            for kind in arguments.kinds:
                bench_ledger(size, arguments.runs, work, clean=kind == "clean", peers=not arguments.no_peers)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
