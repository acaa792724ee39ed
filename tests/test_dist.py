"""The release: the sdist and wheel carry the version of their git tag and every file of the package.

The project's installable files are copied into a temporary repository, committed and tagged with
a version no real tag has, and built there (without build isolation, with the dev extra's
hatchling and hatch-vcs), so that the version can only come from that tag and this repository's
own _version.py is left alone. The same commit is also built from a `git archive` (what GitHub
Actions downloads for `uses: pkledger/pkledger@TAG`), from a clone without tags and from a plain
copy without git, which must still build. scripts/check-dist, which `make dist` runs, installs the
tagged wheel in a fresh virtual environment (about 20 seconds: pip installs the dependencies).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitrepo import commit_all, init_repo
from tests.snapshot import archive_of, build, copy_installable, installable_files, tagged_repository

TAGGED = "9.8.7"
PACKAGE = "src/pkledger/"


def wheel_version(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return str(Parser().parsestr(archive.read(name).decode())["Version"])


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A repository of the project's files tagged v9.8.7, its sdist and its wheel."""
    folder = tmp_path_factory.mktemp("dist")
    repo = tagged_repository(folder / "pkledger", TAGGED)
    built = build(repo, folder / "dist")
    (sdist,) = (path for path in built if path.name.endswith(".tar.gz"))
    (wheel,) = (path for path in built if path.name.endswith(".whl"))
    return repo, sdist, wheel


def test_the_sdist_and_wheel_have_the_tag_s_version(tagged: tuple[Path, Path, Path]) -> None:
    _, sdist, wheel = tagged
    assert (sdist.name, wheel.name) == (f"pkledger-{TAGGED}.tar.gz", f"pkledger-{TAGGED}-py3-none-any.whl")
    assert wheel_version(wheel) == TAGGED
    with zipfile.ZipFile(wheel) as archive:
        assert f"__version__ = '{TAGGED}'" in archive.read("pkledger/_version.py").decode()


def test_the_wheel_holds_every_file_of_the_package_and_nothing_else(tagged: tuple[Path, Path, Path]) -> None:
    """Reference data, diagnostics.yaml and templates included, wherever the package keeps them."""
    _, _, wheel = tagged
    with zipfile.ZipFile(wheel) as archive:
        packaged = {name for name in archive.namelist() if ".dist-info/" not in name}
    expected = {name.removeprefix("src/") for name in installable_files() if name.startswith(PACKAGE)}
    assert packaged == expected | {"pkledger/_version.py"}
    data = {name for name in packaged if not name.endswith(".py")}
    assert any(name.endswith("/diagnostics.yaml") for name in data), sorted(data)
    assert any(name.endswith("/states.yaml") for name in data), sorted(data)
    assert any(name.endswith(".j2") for name in data), sorted(data)


def test_the_sdist_builds_without_git(tagged: tuple[Path, Path, Path]) -> None:
    """pip builds a wheel from the sdist with no git: the version is in PKG-INFO and _version.py."""
    _, sdist, _ = tagged
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        member = archive.extractfile(f"pkledger-{TAGGED}/PKG-INFO")
        assert member is not None
        assert Parser().parsestr(io.TextIOWrapper(member).read())["Version"] == TAGGED
    assert f"pkledger-{TAGGED}/src/pkledger/_version.py" in names
    assert any(name.endswith("/diagnostics.yaml") for name in names)


def test_a_github_archive_of_the_tag_builds_with_its_version(
    tagged: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    repo, _, _ = tagged
    source = archive_of(repo, tmp_path / "archive")
    assert f"describe-name: v{TAGGED}" in (source / ".git_archival.txt").read_text(encoding="utf-8")
    (wheel,) = build(source, tmp_path / "dist", "--wheel")
    assert wheel_version(wheel) == TAGGED


def test_a_clone_without_tags_builds_a_development_version(tmp_path: Path) -> None:
    repo = copy_installable(init_repo(tmp_path / "pkledger"))
    commit = commit_all(repo, "snapshot")
    (wheel,) = build(repo, tmp_path / "dist", "--wheel")
    assert re.fullmatch(rf"0\.0\.1\.dev1\+g{commit[:7]}\w*", wheel_version(wheel)), wheel_version(wheel)


def test_a_copy_without_git_builds_with_the_fallback_version(tmp_path: Path) -> None:
    source = copy_installable(tmp_path / "pkledger")  # .git_archival.txt as committed: not filled in
    (wheel,) = build(source, tmp_path / "dist", "--wheel")
    assert wheel_version(wheel) == "0.0.0"


def test_check_dist_installs_the_wheel_in_a_fresh_venv(tagged: tuple[Path, Path, Path]) -> None:
    """What `make dist` runs after building: twine check, --version and validate data/."""
    _, sdist, _ = tagged
    environment = {**os.environ, "PYTHON": sys.executable}
    command = [str(REPO / "scripts" / "check-dist"), str(sdist.parent)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert f"prints 'pkledger {TAGGED}' and validates data/" in completed.stdout
