"""Settings of a repository: `[tool.pkledger]` in pyproject.toml, or `.pkledger.yaml`.

Found from the working folder upward, stopping at the top of the git work tree; outside a work
tree, only in the working folder, or up to the ledger folder it lies in. A pull request's checks
(`--changed-since`, `diff`) read them as they were at the base revision (``load_config_at``), so
that a change cannot set the rules it is checked by. Three settings: the ledger folder, severity
overrides by diagnostic code or name, and glob patterns of files to leave out; both apply only to
warnings and to the errors the catalogue marks optional. A broken configuration is an error naming
its file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pkledger.errors import PkledgerError
from pkledger.files import absolute, display_path
from pkledger.format.catalogue import adjustable, by_code_or_name, catalogue
from pkledger.ledger import git
from pkledger.ledger.config_files import (
    MAX_SETTINGS_BYTES,
    Locator,
    Reader,
    SeverityOverride,
    config_error,
    has_pkledger_table,
    read_on_disk,
    read_settings,
    unreadable,
)
from pkledger.ledger.discovery import is_ledger_root
from pkledger.ledger.git import find_work_tree
from pkledger.ledger.globs import Glob, GlobError, compile_glob
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean

if TYPE_CHECKING:
    from pkledger.ledger.config_check import Settings

YAML_NAME = ".pkledger.yaml"
TOML_NAME = "pyproject.toml"


@dataclass(frozen=True)
class Config:
    """The settings in force: where the ledger is, what to report and how severely."""

    source: Path | None
    """The file the settings come from; None when there is none."""
    folder: Path
    """The folder that the ledger path and the ignore patterns are relative to."""
    ledger: Path
    severity: Mapping[str, SeverityOverride] = field(default_factory=dict)
    """Overrides by diagnostic code (PKL302)."""
    ignore: tuple[str, ...] = ()

    def ignores(self, path: Path) -> bool:
        """Whether a file or folder matches an ignore pattern (or lies in a folder that does)."""
        if not self.ignore:
            return False
        try:
            relative = absolute(path).relative_to(absolute(self.folder)).as_posix()
        except ValueError:
            return False
        candidates = [relative, *(parent.as_posix() for parent in Path(relative).parents)]
        return any(_glob(pattern).matches(text) for pattern in self.ignore for text in candidates)

    def adjust(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems with the severity overrides applied; those set to "off" are left out. Only
        warnings and optional errors are changed (the settings allow no other override)."""
        adjusted = []
        for problem in problems:
            override = self.severity.get(problem.code)
            if override is None or not adjustable(problem.code):
                adjusted.append(problem)
            elif override != "off":
                adjusted.append(problem.with_severity(override))
        return adjusted


def default_config() -> Config:
    """The settings when no configuration file is found."""
    return Config(source=None, folder=Path(), ledger=Path("data"))


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The settings from ``path``, or from the file found upward from ``start`` (the working folder)."""
    return _load(path, start or Path.cwd(), read_on_disk, None)


def load_config_at(
    repo: git.Repository, commit: str, path: Path | None = None, *, start: Path | None = None
) -> Config:
    """The settings as they were at ``commit``: the file found upward from ``start`` (the working
    folder) in that revision, or ``path`` there (read from disk when it lies outside the repository)."""
    return _load(path, start or Path.cwd(), revision_reader(repo, commit), repo.top)


def revision_reader(repo: git.Repository, commit: str) -> Reader:
    """Reads settings files as they were at ``commit`` (files outside the repository from disk)."""
    top = absolute(repo.top)

    def read(path: Path) -> bytes | None:
        relative = _inside(absolute(path), top)
        if relative is None:
            return read_on_disk(path)
        try:
            return git.file_at(repo, commit, relative, MAX_SETTINGS_BYTES)
        except OSError as error:
            raise unreadable(path, error) from None

    return read


def _inside(path: Path, top: Path) -> str | None:
    for candidate, folder in ((path, top), (path.resolve(), top.resolve())):
        try:
            return candidate.relative_to(folder).as_posix()
        except ValueError:
            continue
    return None


def _load(path: Path | None, start: Path, reader: Reader, top: Path | None) -> Config:
    source = path if path is not None else find_config(start, reader=reader, top=top)
    if source is None:
        return default_config()
    content = reader(source)
    if content is None:
        raise PkledgerError(f"{display_path(source)}: no such configuration file")
    from pkledger.ledger.config_check import checked_settings  # pydantic: only when there are settings

    raw, locate = read_settings(source, content)
    return _resolve(checked_settings(raw, source, locate), source, locate)


def find_config(start: Path, *, reader: Reader = read_on_disk, top: Path | None = None) -> Path | None:
    """The nearest .pkledger.yaml, or pyproject.toml with a [tool.pkledger] table, upward from
    ``start``, up to ``top`` (default: the top of the git work tree holding ``start``)."""
    start = absolute(start)
    for folder in search_path(start, top if top is not None else find_work_tree(start)):
        found = [candidate for candidate in _candidates(folder, reader) if candidate is not None]
        if len(found) > 1:
            raise PkledgerError(
                f"both {display_path(found[0])} and {display_path(found[1])} ([tool.pkledger]) "
                "configure pkledger",
                hint="keep the settings in one of them",
            )
        if found:
            return found[0]
    return None


def search_path(start: Path, top: Path | None) -> list[Path]:
    """The folders searched for settings: up to the top of the git work tree; outside one, the
    working folder, or up to the ledger folder it lies in, and never the folders above (which
    other people may write to, as /tmp)."""
    folders = [start, *start.parents]
    if top is not None:
        top = absolute(top)
        return folders[: folders.index(top) + 1] if top in folders else [start]
    for index, folder in enumerate(folders):
        if is_ledger_root(folder):
            return folders[: index + 1]
    return [start]


def _candidates(folder: Path, reader: Reader) -> tuple[Path | None, Path | None]:
    """The settings files in a folder (one that is a link or a pipe is refused by the reader)."""
    yaml_file = folder / YAML_NAME
    toml_file = folder / TOML_NAME
    toml_content = reader(toml_file)
    return (
        yaml_file if reader(yaml_file) is not None else None,
        toml_file if toml_content is not None and has_pkledger_table(toml_file, toml_content) else None,
    )


def _resolve(settings: Settings, source: Path, locate: Locator) -> Config:
    folder = source.parent
    severity: dict[str, SeverityOverride] = {}
    for key, level in settings.severity.items():
        diagnostic = by_code_or_name(key)
        if diagnostic is None:
            choices = [*catalogue(), *(entry.code for entry in catalogue().values())]
            message = f"severity: '{key}' is not a diagnostic code or name"
            hint = did_you_mean(key, choices) or "`pkledger diagnostics` lists them"
            raise config_error(source, locate(("severity", key), True), message, hint)
        if not diagnostic.adjustable and level != diagnostic.severity:
            message = (
                f"severity: {diagnostic.code} ({diagnostic.name}) is an error that makes a record "
                "unreadable or invalid, or a check impossible; no setting can change it"
            )
            hint = "only warnings and the errors `pkledger diagnostics` marks optional can be; fix the files"
            raise config_error(source, locate(("severity", key), True), message, hint)
        severity[diagnostic.code] = level
    for index, pattern in enumerate(settings.ignore):
        try:
            _glob(pattern)
        except GlobError as error:
            raise config_error(source, locate(("ignore", index), False), f"ignore: {error}", None) from None
    if not settings.ledger.strip():
        raise config_error(source, locate(("ledger",), False), "ledger: the path is empty", None)
    return Config(source, folder, _nearby(folder / settings.ledger), severity, tuple(settings.ignore))


def _nearby(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it, for shorter messages."""
    try:
        return absolute(path).relative_to(absolute(Path.cwd()))
    except ValueError:
        return path


_GLOB_CACHE: dict[str, Glob] = {}


def _glob(pattern: str) -> Glob:
    """A glob pattern compiled (once): `*` and `?` within a name, `**` across folders."""
    if pattern not in _GLOB_CACHE:
        _GLOB_CACHE[pattern] = compile_glob(pattern)
    return _GLOB_CACHE[pattern]
