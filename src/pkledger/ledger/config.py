"""Settings of a repository: `[tool.pkledger]` in pyproject.toml, or `.pkledger.yaml`.

Found from the working folder upward, stopping at the top of the git work tree (or of the file
system). Three settings: the ledger folder, severity overrides by diagnostic code or name, and
glob patterns of files to leave out. A broken configuration is an error naming its file and line.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pkledger.errors import PkledgerError
from pkledger.files import absolute, display_path
from pkledger.format.catalogue import by_code_or_name, catalogue
from pkledger.ledger.config_files import Locator, has_pkledger_table, read_settings
from pkledger.ledger.git import find_work_tree
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean

YAML_NAME = ".pkledger.yaml"
TOML_NAME = "pyproject.toml"
SeverityOverride = Literal["error", "warning", "off"]


class Settings(BaseModel):
    """The settings as written, before codes are checked and paths resolved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ledger: str = "data"
    severity: dict[str, SeverityOverride] = {}
    ignore: list[str] = []


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
        return any(_glob(pattern).match(text) for pattern in self.ignore for text in candidates)

    def adjust(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems with the severity overrides applied; those set to "off" are left out."""
        adjusted = []
        for problem in problems:
            override = self.severity.get(problem.code)
            if override is None:
                adjusted.append(problem)
            elif override != "off":
                adjusted.append(problem.with_severity(override))
        return adjusted


def default_config() -> Config:
    """The settings when no configuration file is found."""
    return Config(source=None, folder=Path(), ledger=Path("data"))


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The settings from ``path``, or from the file found upward from ``start`` (the working folder)."""
    source = path if path is not None else find_config(start or Path.cwd())
    if source is None:
        return default_config()
    if not _present(source):
        raise PkledgerError(f"{display_path(source)}: no such configuration file")
    raw, locate = read_settings(source)
    return _resolve(_validated(raw, source, locate), source, locate)


def find_config(start: Path) -> Path | None:
    """The nearest .pkledger.yaml, or pyproject.toml with a [tool.pkledger] table, upward from ``start``."""
    start = absolute(start)
    top = find_work_tree(start)
    for folder in (start, *start.parents):
        found = [candidate for candidate in _candidates(folder) if candidate is not None]
        if len(found) > 1:
            raise PkledgerError(
                f"both {display_path(found[0])} and {display_path(found[1])} ([tool.pkledger]) "
                "configure pkledger",
                hint="keep the settings in one of them",
            )
        if found:
            return found[0]
        if folder == top:
            break
    return None


def _candidates(folder: Path) -> tuple[Path | None, Path | None]:
    """The settings files in a folder; one that is a link or a pipe is found, to be refused when read."""
    yaml_file = folder / YAML_NAME
    toml_file = folder / TOML_NAME
    return (
        yaml_file if _present(yaml_file) else None,
        toml_file if _present(toml_file) and has_pkledger_table(toml_file) else None,
    )


def _present(path: Path) -> bool:
    """Whether a path names something that is not a folder, without following a link."""
    try:
        return not stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


# Checking the settings -------------------------------------------------------------------------


def _validated(raw: Any, source: Path, locate: Locator) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        on_key = first["type"] == "extra_forbidden"
        message, hint = _explain(first, loc)
        raise _config_error(source, locate(loc, on_key), message, hint) from None


def _explain(error: Any, loc: tuple[str | int, ...]) -> tuple[str, str | None]:
    name = ".".join(str(part) for part in loc)
    if not loc:
        return "must be a table of settings (`name = value` lines)", None
    if error["type"] == "extra_forbidden":
        return f"unknown setting '{name}'", did_you_mean(str(loc[-1]), Settings.model_fields) or (
            "the settings are " + ", ".join(Settings.model_fields)
        )
    if error["type"] == "literal_error":
        return f"{name}: {error['input']!r} is not a severity", 'use "error", "warning" or "off"'
    if error["type"] in ("dict_type", "model_type"):
        return f"{name} must be a table of settings (a mapping)", None
    if error["type"] == "string_type":
        return f"{name} must be text (in quotes)", None
    if error["type"] == "list_type":
        return f"{name} must be a list of glob patterns", 'e.g. ignore = ["data/pledges/drafts"]'
    return f"{name}: {error['msg'][0].lower()}{error['msg'][1:]}", None


def _config_error(source: Path, line: int | None, message: str, hint: str | None) -> PkledgerError:
    place = f"{line}:" if line else ""
    section = "[tool.pkledger] " if source.suffix == ".toml" else ""
    return PkledgerError(f"{display_path(source)}:{place} {section}{message}", hint=hint)


def _resolve(settings: Settings, source: Path, locate: Locator) -> Config:
    folder = source.parent
    severity: dict[str, SeverityOverride] = {}
    for key, level in settings.severity.items():
        diagnostic = by_code_or_name(key)
        if diagnostic is None:
            choices = [*catalogue(), *(entry.code for entry in catalogue().values())]
            message = f"severity: '{key}' is not a diagnostic code or name"
            hint = did_you_mean(key, choices) or "`pkledger diagnostics` lists them"
            raise _config_error(source, locate(("severity", key), True), message, hint)
        severity[diagnostic.code] = level
    if not settings.ledger.strip():
        raise _config_error(source, locate(("ledger",), False), "ledger: the path is empty", None)
    return Config(source, folder, _nearby(folder / settings.ledger), severity, tuple(settings.ignore))


def _nearby(path: Path) -> Path:
    """The path relative to the working folder when it lies inside it, for shorter messages."""
    try:
        return absolute(path).relative_to(absolute(Path.cwd()))
    except ValueError:
        return path


_GLOB_CACHE: dict[str, re.Pattern[str]] = {}


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob pattern as a regular expression: `*` and `?` within a name, `**` across folders."""
    if pattern not in _GLOB_CACHE:
        _GLOB_CACHE[pattern] = re.compile(_translate(pattern.strip().strip("/")))
    return _GLOB_CACHE[pattern]


def _translate(pattern: str) -> str:
    parts = []
    position = 0
    while position < len(pattern):
        if pattern.startswith("**/", position):
            parts.append("(?:.*/)?")
            position += 3
        elif pattern.startswith("**", position):
            parts.append(".*")
            position += 2
        else:
            character = pattern[position]
            parts.append({"*": "[^/]*", "?": "[^/]"}.get(character, re.escape(character)))
            position += 1
    return "".join(parts) + r"\Z"
