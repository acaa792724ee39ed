"""The small faults: writing the pack, closed pipes, the umask, interrupts, concurrent `new`, and
installing Chromium while another install holds the package manager's lock."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.synthetic import write_ledger
from pkledger.analysis.create import NewRecord
from pkledger.cli.app import app
from tests.conftest import REPO
from tests.security.conftest import SMALL

BRIEF = ["brief", "2021-seoul", "--ledger", "data", "--as-of", "2024-01-31"]


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(SMALL, tmp_path / "data", ignore=shutil.ignore_patterns("expected.txt")))


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


# brief --out -----------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["a-file", "/dev/null/pack"], ids=["an-existing-file", "an-unwritable-path"])
def test_brief_out_that_cannot_be_a_folder_is_a_user_error(ledger: Path, out: str) -> None:
    Path("a-file").write_text("not a folder\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*BRIEF, "--out", out])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert f"{out}: " in result.output
    assert Path("a-file").read_text(encoding="utf-8") == "not a folder\n"


def test_an_interrupted_brief_never_leaves_a_new_md_beside_an_old_html(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = Path("pack")
    out.mkdir()
    (out / "2021-seoul.md").write_text("old md\n", encoding="utf-8")
    (out / "2021-seoul.html").write_text("old html\n", encoding="utf-8")
    synced: list[int] = []
    real_fsync = os.fsync

    def interrupted_fsync(descriptor: int) -> None:
        synced.append(descriptor)
        if len(synced) == 2:  # while the second file of the pack is being written
            raise KeyboardInterrupt
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    result = CliRunner().invoke(app, [*BRIEF, "--out", str(out)])
    assert result.exit_code == 130
    contents = {path.name: path.read_text(encoding="utf-8") for path in out.iterdir()}
    assert contents == {"2021-seoul.md": "old md\n", "2021-seoul.html": "old html\n"}


def test_written_files_respect_the_umask(ledger: Path, umask_022: None) -> None:
    assert CliRunner().invoke(app, [*BRIEF, "--out", "pack"]).exit_code == 0
    for path in Path("pack").iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o644", path
    created = CliRunner().invoke(
        app,
        ["new", "pledge", "--ledger", "data", "--member-state", "NOR", "--title", "Two engineering companies",
         "--category", "uniformed_unit", "--capability", "engineering_unit", "--quantity", "2",
         "--source-title", "Statement", "--no-input"],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    (record,) = Path("data/pledges").glob("pcrs-NOR-*.yaml")
    assert oct(record.stat().st_mode & 0o777) == "0o644"


# Closed pipes ----------------------------------------------------------------------------------


def first_line_then_close(arguments: list[str], cwd: Path) -> tuple[int, bytes]:
    """Run pkledger, read one line of its output, close the pipe (as `| head -1` does)."""
    environment = {**os.environ, "PKLEDGER_NO_CACHE": "1", "PYTHONPATH": str(REPO / "src")}
    environment.pop("GITHUB_ACTIONS", None)
    with subprocess.Popen(
        [sys.executable, "-m", "pkledger", *arguments],
        cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as process:  # fmt: skip
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
        return process.wait(timeout=120), errors


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_a_closed_pipe_after_a_clean_run_exits_0(tmp_path: Path, output_format: str) -> None:
    write_ledger(tmp_path / "data", 2000, 10)
    code, errors = first_line_then_close(["list", "pledges", "--format", output_format], tmp_path)
    assert (code, errors) == (0, b"")


@pytest.mark.parametrize("output_format", ["json", "github", "sarif"])
def test_a_closed_pipe_after_a_failing_run_exits_with_its_own_code(ledger: Path, output_format: str) -> None:
    for number in range(1, 300):
        (ledger / "pledges" / f"pcrs-NOR-{number:03d}.yaml").write_text("id: x\n", encoding="utf-8")
    code, errors = first_line_then_close(["validate", "--format", output_format, "data"], ledger.parent)
    assert (code, errors) == (1, b"")


# Ctrl-C at a prompt ----------------------------------------------------------------------------


def test_ctrl_c_at_a_new_prompt_exits_130(ledger: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with subprocess.Popen(
        [sys.executable, "-m", "pkledger", "new", "pledge", "--ledger", "data"],
        cwd=ledger.parent, env=environment, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:  # fmt: skip
        assert process.stdout is not None
        shown = b""
        deadline = time.monotonic() + 60
        while b":" not in shown and time.monotonic() < deadline:  # the first question is asked
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                shown += os.read(process.stdout.fileno(), 4096)
        assert b":" in shown, "no question was asked"
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert b"interrupted" in errors


# Concurrent `new` ------------------------------------------------------------------------------


def test_concurrent_new_takes_the_next_free_id(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pkledger.output import new

    real_write = new.write_record

    def another_new_was_first(record: NewRecord) -> None:
        if not record.path.exists() and record.path.name == "pcrs-NOR-001.yaml":
            record.path.write_text(record.text, encoding="utf-8")  # written meanwhile by the other
        real_write(record)

    monkeypatch.setattr(new, "write_record", another_new_was_first)
    result = CliRunner().invoke(
        app,
        ["new", "pledge", "--ledger", "data", "--member-state", "NOR", "--title", "Engineers",
         "--category", "uniformed_unit", "--capability", "engineering_unit", "--quantity", "1",
         "--source-title", "Statement", "--no-input"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "created data/pledges/pcrs-NOR-002.yaml" in result.output
    assert "id: pcrs-NOR-002" in (ledger / "pledges" / "pcrs-NOR-002.yaml").read_text(encoding="utf-8")


# scripts/ensure-chromium -----------------------------------------------------------------------


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    """A machine without Chromium, as root, with apt-get and flock (stubs that log their calls)."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    log = tmp_path / "calls.log"
    stub(bin_folder, "id", "echo 0")
    stub(bin_folder, "sleep", ":")
    stub(bin_folder, "apt-get", f'echo "apt-get $*" >> {log}')
    (tmp_path / "lock-frontend").write_text("", encoding="utf-8")
    return tmp_path


def ensure_chromium(machine: Path, flock_body: str) -> subprocess.CompletedProcess[str]:
    stub(machine / "bin", "flock", flock_body)
    environment = {
        "PATH": str(machine / "bin"),
        "APT_LOCKS": str(machine / "lock-frontend"),
        "CHROMIUM_LOCK_TIMEOUT": "60",
    }
    return subprocess.run(
        ["/bin/sh", str(REPO / "scripts" / "ensure-chromium")],
        env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_ensure_chromium_waits_for_the_package_managers_lock(machine: Path) -> None:
    log = machine / "calls.log"
    count = machine / "count"
    # The lock is held for the first two looks, then free.
    held_twice = f'echo x >> {count}; read -r _ < {count} 2>/dev/null; n=0; while read -r _; do n=$((n+1)); done < {count}; echo "flock" >> {log}; [ "$n" -ge 3 ]'
    completed = ensure_chromium(machine, held_twice)
    assert completed.returncode == 0, completed.stderr
    assert "root or password-less sudo" in completed.stderr
    assert "Waiting for another package install" in completed.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[:3] == ["flock", "flock", "flock"]
    assert calls[3] == "apt-get -o DPkg::Lock::Timeout=60 install -y -q chromium"


def test_ensure_chromium_gives_up_on_a_lock_held_too_long_with_a_message(machine: Path) -> None:
    completed = ensure_chromium(machine, "exit 1")
    assert completed.returncode == 1
    assert "still holds" in completed.stderr and "after 60s" in completed.stderr
    assert not (machine / "calls.log").exists() or "apt-get" not in (machine / "calls.log").read_text()
