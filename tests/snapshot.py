"""Copies of this project's installable files, as a tagged repository or a GitHub-style archive.

The copies hold the files as they are now, committed or not, so that what is tested is the work
tree; in CI, a clean clone, that is the same as HEAD.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from tests.conftest import REPO
from tests.gitrepo import commit_all, git, init_repo

INSTALLABLE = (
    "src",
    "pyproject.toml",
    "README.md",
    ".git_archival.txt",
    ".gitattributes",
    "scripts",
    "action.yml",
)


def installable_files() -> list[str]:
    """The project's installable files (ignored ones left out), relative to the repository."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *INSTALLABLE)
    return sorted(name for name in set(filter(None, listed.split("\0"))) if (REPO / name).is_file())


def copy_installable(target: Path) -> Path:
    """Copy the installable files into ``target``, keeping their modes (scripts stay executable)."""
    for name in installable_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target / name)
    return target


def tagged_repository(target: Path, version: str) -> Path:
    """A git repository of the installable files, committed and tagged ``v{version}``."""
    repo = copy_installable(init_repo(target))
    commit_all(repo, "snapshot")
    git(repo, "tag", f"v{version}")
    return repo


def archive_of(repo: Path, target: Path) -> Path:
    """``git archive`` of the repository's HEAD, unpacked: what GitHub serves for a tag or commit."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=repo, capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def build(source: Path, out: Path, *only: str) -> list[Path]:
    """`python -m build` (sdist, then the wheel from it; or only `--wheel`) into ``out``.

    Without build isolation: the dev extra's hatchling and hatch-vcs build, with no download.
    """
    command = [sys.executable, "-m", "build", "--no-isolation", *only, "--outdir", str(out), str(source)]
    completed = subprocess.run(command, cwd=source, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return sorted(out.iterdir())
