"""Reading configuration files: the settings as written, and the line of each setting.

TOML is parsed with tomllib (whose errors give a line and column); as it keeps no positions, the
line of a setting is found in the text. YAML is read with pkledger's own loader, which keeps them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pkledger.errors import PkledgerError
from pkledger.files import NotARegularFile, TooLarge, display_path, read_regular
from pkledger.format.catalogue import is_error

Locator = Callable[[tuple[str | int, ...], bool], int | None]
"""Finds the line of a setting (by its path; on its key or its value) in the file it was read from."""


Reader = Callable[[Path], bytes | None]
"""The bytes of a settings file, None where there is none: on disk, or at a git revision. A link,
a pipe, a device or a file over MAX_SETTINGS_BYTES is a PkledgerError."""
MAX_SETTINGS_BYTES = 1024 * 1024


SeverityOverride = Literal["error", "warning", "off"]


def config_error(source: Path, line: int | None, message: str, hint: str | None) -> PkledgerError:
    place = f"{line}:" if line else ""
    section = "[tool.pkledger] " if source.suffix == ".toml" else ""
    return PkledgerError(f"{display_path(source)}:{place} {section}{message}", hint=hint)


def read_on_disk(path: Path) -> bytes | None:
    """A settings file in the working tree: a regular file (never a link, a pipe or a device)."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            return None
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unreadable(path, error) from None
    try:
        return read_regular(path, MAX_SETTINGS_BYTES)
    except OSError as error:
        raise unreadable(path, error) from None


def unreadable(path: Path, error: OSError) -> PkledgerError:
    """Why a settings file cannot be read, as an error naming it."""
    if isinstance(error, NotARegularFile):
        return PkledgerError(
            f"{display_path(path)}: is {error.what}; settings are read only from a regular file",
            hint="replace it with the file itself",
        )
    if isinstance(error, TooLarge):
        return PkledgerError(f"{display_path(path)}: is larger than 1 MiB; it cannot be settings")
    return PkledgerError(f"{display_path(path)}: cannot be read: {error.strerror or error}")


def read_settings(source: Path, content: bytes) -> tuple[Any, Locator]:
    """The settings as written in a pyproject.toml ([tool.pkledger]) or a .pkledger.yaml, and a locator."""
    if source.suffix == ".toml":
        return _read_toml(source, content)
    return _read_yaml(source, content)


def _text(path: Path, content: bytes) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise PkledgerError(f"{display_path(path)}: is not UTF-8 text") from None


def _read_toml(path: Path, content: bytes) -> tuple[Any, Locator]:
    text = _text(path, content)
    table = _pkledger_table(_parse_toml(text, path))
    if table is None:
        raise PkledgerError(
            f"{display_path(path)}: has no [tool.pkledger] table",
            hint='add one, e.g. [tool.pkledger] with ledger = "data"',
        )
    return table, lambda loc, on_key: toml_line(text, loc)


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    import tomllib  # only when a pyproject.toml names pkledger

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        reason = message[: where.start()].strip() if where else message
        place = f"{where.group(1)}:{where.group(2)}:" if where else ""
        raise PkledgerError(f"{display_path(path)}:{place} not valid TOML: {reason}") from None


def _pkledger_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("pkledger") if isinstance(tool, dict) else None


def _read_yaml(path: Path, content: bytes) -> tuple[Any, Locator]:
    from pkledger.yaml.loader import parse_bytes

    loaded = parse_bytes(content)
    errors = [finding for finding in loaded.findings if is_error(finding)]
    if any(finding.name == "empty-file" for finding in errors):
        return {}, lambda loc, on_key: None
    if loaded.document is None or errors:
        finding = (errors or loaded.findings)[0]
        place = f"{finding.at.line}:{finding.at.column}:" if finding.at else ""
        message, hint = _settings_words(finding.name, finding.message, finding.hint)
        raise PkledgerError(f"{display_path(path)}:{place} {message}", hint=hint)
    document = loaded.document

    def locate(loc: tuple[str | int, ...], on_key: bool) -> int | None:
        span = document.locate(loc, on_key=on_key)
        return span.line if span else None

    return document.data, locate


def _settings_words(name: str, message: str, hint: str | None) -> tuple[str, str | None]:
    """The loader's words, about settings rather than a record where they differ."""
    if name == "not-a-mapping":
        return "the settings must be a mapping of `name: value` lines", "e.g. `ledger: data`"
    return message, hint


TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")


def toml_line(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The line of a setting in pyproject.toml: the key under [tool.pkledger] (or a sub-table)."""
    table = ""
    wanted = [str(part) for part in loc if isinstance(part, str)]
    header_line = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = TABLE_HEADER.match(line)
        if header:
            table = re.sub(r"\s*\.\s*", ".", header.group(1)).replace('"', "")
            header_line = number if table == "tool.pkledger" else header_line
            continue
        if _names_key(table, line, wanted):
            return number
    return header_line


def _names_key(table: str, line: str, wanted: list[str]) -> bool:
    """Whether a line sets the wanted key: in [tool.pkledger], or in [tool.pkledger.<first key>]."""
    if table == "tool.pkledger" and wanted:
        return _sets_key(line, wanted[0]) and all(part in line for part in wanted[1:])
    if len(wanted) > 1 and table == f"tool.pkledger.{wanted[0]}":
        return _sets_key(line, wanted[1])
    return False


def _sets_key(line: str, key: str) -> bool:
    escaped = re.escape(key)
    return re.match(rf"""^\s*(?:{escaped}|"{escaped}"|'{escaped}')\s*[=.]""", line) is not None


def has_pkledger_table(path: Path, content: bytes) -> bool:
    """Whether a pyproject.toml configures pkledger."""
    if b"pkledger" not in content:
        return False
    return _pkledger_table(_parse_toml(_text(path, content), path)) is not None


def pkledger_table(content: bytes | None) -> Any:
    """The [tool.pkledger] table of a pyproject.toml's bytes, for comparing two versions: None when
    there is none, and the text itself when it cannot be parsed."""
    if content is None or b"pkledger" not in content:
        return None
    import tomllib

    try:
        return _pkledger_table(tomllib.loads(content.decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return content
