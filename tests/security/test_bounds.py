"""Bounds: quantities of millions are allocated in bulk, and one file cannot flood a report."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import SECRET, base_commit, run_pkledger

FLOOD = "data/pledges/2021-seoul-NOR-001.yaml"
KEYS = 5_000
"""Unknown keys on one line of the flooding file (a line of about 50 kB)."""
OUTPUT_LIMIT = 200_000


def _limited_output() -> None:
    """No report may write more than 8 MB (the process is stopped), nor use more than 2 GiB."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024**2, 8 * 1024**2))
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def run_into_file(arguments: list[str], repo: Path, out: Path) -> tuple[int, bytes]:
    """pkledger with its output in a file (bounded), as a CI log or a redirect would take it."""
    source = Path(__file__).resolve().parents[2] / "src"
    environment = {**os.environ, "PKLEDGER_NO_CACHE": "1", "PYTHONPATH": str(source)}
    environment.pop("GITHUB_ACTIONS", None)
    with out.open("wb") as stream:
        try:
            completed = subprocess.run(
                [sys.executable, "-m", "pkledger", *arguments],
                cwd=repo, env=environment, stdout=stream, stderr=subprocess.PIPE,
                timeout=120, check=False, preexec_fn=_limited_output,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.fail("the report of one flooding file did not end in two minutes")
    return completed.returncode, out.read_bytes()


@pytest.fixture
def flooded(repo: Path) -> Path:
    keys = ", ".join(f"key{number:05d}: {SECRET[:4]}" for number in range(KEYS))
    (repo / FLOOD).write_text(f"{{{keys}}}\n", encoding="utf-8")
    return repo


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_one_flooding_file_gives_a_bounded_report(flooded: Path, tmp_path: Path, output_format: str) -> None:
    code, output = run_into_file(["validate", "--format", output_format], flooded, tmp_path / "report")
    assert code == 1
    assert len(output) < OUTPUT_LIMIT, f"{len(output):,} bytes"
    text = output.decode()
    assert text.count("PKL102") <= 50 + (1 if output_format == "sarif" else 0)  # SARIF lists the rule too
    assert "PKL904" in text
    assert "more problems in this file" in text
    if output_format == "json":
        assert json.loads(text)["summary"]["errors"] >= KEYS  # the problems left out are counted
    if output_format == "text":
        found = re.search(r"Found ([0-9]+) errors", text)
        assert found and int(found.group(1)) >= KEYS


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_a_flooding_file_in_a_pull_request_gives_a_bounded_diff(
    flooded: Path, tmp_path: Path, output_format: str
) -> None:
    base = base_commit(flooded)
    code, output = run_into_file(["diff", base, "--format", output_format], flooded, tmp_path / "diff")
    assert code == 0, output[-2000:]
    assert len(output) < OUTPUT_LIMIT, f"{len(output):,} bytes"
    assert output.decode().count("PKL102") <= 50
    if output_format == "json":
        assert json.loads(output)["summary"]["problems_introduced"] >= KEYS


def test_a_source_line_is_shown_cut_to_200_characters(repo: Path) -> None:
    long_title = "x" * 5000
    (repo / FLOOD).write_text(
        f"id: 2021-seoul-NOR-001\ntitle: {long_title}\nmember_state: NO\n", encoding="utf-8"
    )
    completed = run_pkledger(["validate", "--format", "text"], repo)
    lines = completed.stdout.decode().splitlines()
    assert max(len(line) for line in lines) < 400
    assert any(" | title: xxxx" in line and line.endswith("…") for line in lines)


ALLOCATE = """
import time
from pkledger.analysis.allocate import Demand, allocate
capacity = {f"p{i}": 1_000_000 for i in range(20)}
edges = {f"p{i}": [f"g{j}" for j in range(20) if (i + j) % 3 != 0] for i in range(20)}
demands = [Demand(f"g{j}", 1_000_000 + j, j % 4) for j in range(20)]
start = time.perf_counter()
flows = allocate(capacity, demands, edges)
print(sum(units for flow in flows.values() for units in flow.values()), time.perf_counter() - start)
"""


def test_the_allocation_works_on_millions_of_units_in_bulk(tmp_path: Path) -> None:
    try:
        completed = run_pkledger(["--version"], tmp_path)  # the package imports
        assert completed.returncode == 0
        source = Path(__file__).resolve().parents[2] / "src"
        run = subprocess.run(
            [sys.executable, "-c", ALLOCATE], env={**os.environ, "PYTHONPATH": str(source)},
            capture_output=True, text=True, timeout=20, check=True,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("allocating 20 pledges of a million units took more than 20 s")
    covered, _seconds = run.stdout.split()  # the time is for make bench, never a pass/fail test
    assert int(covered) == 20_000_000


SCALE = 300_000
"""Every quantity (1 to 3) times this: values up to 900,000, under the format's bound of a million."""

MATCH = f"""
import time
from pathlib import Path
from benchmarks.synthetic import synthetic_records
from pkledger.analysis.match import match
from pkledger.format.kinds import kind_of
from pkledger.ledger.entry import Entry, Ledger, LedgerFile
entries = []
for kind, records in synthetic_records(10_000, 1_000, scale={SCALE}).items():
    for data in records:
        record = kind_of(kind).model.model_validate(data)
        entries.append(Entry(LedgerFile(Path(kind) / record.id, kind, record.id), record=record))
ledger = Ledger(Path("synthetic"), tuple(entries))
start = time.perf_counter()
result = match(ledger)
print(sum(item.covered for item in result.gaps), time.perf_counter() - start)
"""


def test_match_on_ten_thousand_pledges_of_a_million_units(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    try:
        run = subprocess.run(
            [sys.executable, "-c", MATCH], cwd=root,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("match on 10,000 pledges of a million units took more than a minute")
    assert run.returncode == 0, run.stderr[-2000:]
    covered, _seconds = run.stdout.split()  # the time is for make bench, never a pass/fail test
    # Every capacity and demand is a multiple of SCALE, so is every maximal flow: no unit was lost.
    assert int(covered) % SCALE == 0
    assert int(covered) > 100 * SCALE
